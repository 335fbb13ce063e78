"""Identifiers whose shape is not Dutch, found in Dutch and English text alike: phone
numbers of any country (Google's libphonenumber metadata, via ``phonenumbers``), IBAN-shaped
strings whether or not their check digits hold, IPv4/IPv6 addresses, Belgian national
numbers, bare web domains, and the postcodes of Belgium, Germany, France and the United
Kingdom next to a town.

A typo in an IBAN or a made-up phone number identifies a person as well as a valid one, so
check digits raise the confidence here; they never decide whether something is replaced.
"""
from __future__ import annotations

import ipaddress
import re

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_be_nn

from evaltoolkit.privacy.detections import Detection

#: Regions whose national (0-prefixed) phone formats are looked for; numbers written with
#: +CC or 00CC are found for every country whatever this list holds.
PHONE_REGIONS = ("NL", "BE", "DE", "GB", "FR")
#: IBAN lengths by country code (ISO 13616 registry, the countries a European study meets).
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IQ": 23, "IS": 26, "IT": 27,
    "JO": 30, "LB": 28, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27, "MT": 31, "NL": 18, "NO": 15,
    "PL": 28, "PS": 29, "PT": 25, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SY": 28, "TN": 24, "TR": 26,
}
_IBAN_SHAPE = re.compile(r"(?<![\w-])([A-Z]{2})(\d{2})(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w-])")
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_BE_NATIONAL = re.compile(r"(?<![\w.-])\d{2}[.]?\d{2}[.]?\d{2}[-. ]?\d{3}[.]?\d{2}(?![\w-]|\.\d)")
_DECIMAL = re.compile(r"\d[.,]\d")
# 16.998129 (a duration): a phone number written with one point starts with its trunk 0
_DECIMAL_NUMBER = re.compile(r"[1-9]\d*[.,]\d+")
# Machine-written times and dates ("22:18:02.195420", "2025-03") hold runs of digits that
# some country's numbering plan accepts.
_DATE_OR_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?|(?<!\d)(?:19|20)\d{2}-[01]\d(?:-[0-3]\d)?(?!\d)")
_NATIONAL_CUE = re.compile(r"(?:rijksregister|insz|national (?:register|number)|numéro national)", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:nl|be|de|fr|eu|com|org|net|info|io|co\.uk|uk)"
    r"(?:/[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?(?![\w@-])", re.IGNORECASE)
# A postcode of another country, then a capitalised town name (one to three words).
_TOWN = r"[A-ZÀ-Ý][\w'’-]+(?:[ -](?:(?:sur|am|an|der|la|le|les|de|upon|on)[ -])?[A-ZÀ-Ý][\w'’-]+){0,2}"
_FOREIGN_POSTCODE = re.compile(rf"(?<![\w.,-])(?:(?:B|D|F)-)?([1-9]\d{{3}}|\d{{5}})[ ]({_TOWN})")
_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)[ ](\d[A-Z]{2})\b")
# Addresses with the house number first: English ("12 Baker Street") and French ("12 rue de la Paix").
_NUMBER_FIRST_ADDRESS = re.compile(
    r"(?<![\w.,-])\d{1,4}[a-zA-Z]?,?[ ](?:(?:[A-Z][\w'’-]*[ ]){1,3}"
    r"(?:Street|Road|Avenue|Lane|Drive|Close|Way|Crescent|Place|Square|Gardens|Terrace|Court|Row)\b|"
    r"(?:bis[ ]|ter[ ])?(?:rue|avenue|boulevard|chemin|impasse|place|allée|quai)[ ](?:(?:de|du|des|la|le)[ ]|[ld]['’])*"
    r"[A-ZÀ-Ý][\w'’-]*(?:[ -][A-ZÀ-Ý][\w'’-]*){0,3})")
# What a postcode-like number is next to when it is a year or a count instead ("2023 Kerst").
_NOT_TOWN = frozenset({"euro", "eur", "jaar", "years", "mensen", "people", "km", "uur", "hours"})


def detect_international(text: str, *, places=None) -> list[Detection]:
    """Every identifier of another country's shape in ``text``; ``places`` (lower-cased
    place name -> type, from the lexicons) confirms the towns after postcodes."""
    found: list[Detection] = []
    found.extend(_phones(text))
    found.extend(_ibans(text))
    found.extend(_ip_addresses(text))
    found.extend(_national_numbers(text))
    found.extend(_domains(text))
    found.extend(_postcodes(text, places))
    found.extend(Detection(m.start(), m.end(), "address", 0.95, "pattern", m.group())
                 for m in _NUMBER_FIRST_ADDRESS.finditer(text))
    return found


def _phones(text: str) -> list[Detection]:
    if not re.search(r"\d[\d\s().-]{6,}\d", text):
        return []
    found, seen = [], set()
    clock_spans = [m.span() for m in _DATE_OR_TIME.finditer(text)]
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            span = (match.start, match.end)
            if span in seen or _too_short_for_a_phone(match.raw_string) \
                    or _part_of_a_decimal(text, match.start, match.end) \
                    or any(start < match.end and match.start < end for start, end in clock_spans):
                continue
            seen.add(span)
            found.append(Detection(match.start, match.end, "phone", 0.95, "pattern", match.raw_string))
    return found


def _too_short_for_a_phone(raw: str) -> bool:
    """A bare number of six or seven digits ("offset 168579", "125000 euro") is a count, not
    a phone number: numbers written without a country code have at least eight digits."""
    return not raw.lstrip().startswith(("+", "00")) and sum(ch.isdigit() for ch in raw) < 8


def _part_of_a_decimal(text: str, start: int, end: int) -> bool:
    """A share, score or duration such as 0.666667 or 16.998129 (tables, notebook outputs) or
    the digits after its point: a phone number is not written as one number with a point."""
    raw = text[start:end]
    if _DECIMAL.match(raw) or _DECIMAL_NUMBER.fullmatch(raw):
        return True
    return bool(re.search(r"\d[.,]$", text[max(0, start - 2):start]) or re.match(r"[.,]\d", text[end:end + 2]))


def _ibans(text: str) -> list[Detection]:
    found = []
    for match in _IBAN_SHAPE.finditer(text):
        country = match.group(1).upper()
        compact = re.sub(r"\s", "", match.group()).upper()
        length = _IBAN_LENGTHS.get(country)
        if length is None or not (length - 2 <= len(compact) <= length + 2):
            continue  # not a country's IBAN shape ("NL12 jaar"), or far off its length
        confidence = 0.99 if stdnum_iban.is_valid(compact) else 0.95
        found.append(Detection(match.start(), match.end(), "iban", confidence, "pattern", match.group()))
    return found


def _ip_addresses(text: str) -> list[Detection]:
    found = []
    for pattern in (_IPV4, _IPV6):
        if pattern is _IPV6 and "::" not in text and text.count(":") < 3:
            continue
        for match in pattern.finditer(text):
            value = match.group()
            try:
                address = ipaddress.ip_address(value)
            except ValueError:
                continue
            # "6::" and "F::c" are valid IPv6 but are what an emoticon, a ratio or a
            # binary's bytes look like; written addresses carry at least three groups
            if address.version == 6 and sum(1 for group in value.split(":") if group) < 3:
                continue
            if address.version == 4 and not _looks_like_ipv4(text, match.start()):
                continue
            found.append(Detection(match.start(), match.end(), "ip_address", 0.95, "pattern", value))
    return found


def _looks_like_ipv4(text: str, start: int) -> bool:
    """A dotted quad is an address unless it is a version or a section number in context
    ("versie 1.2.3.4", "hoofdstuk 2.1.3.4")."""
    before = text[max(0, start - 20):start].lower()
    return not re.search(r"(?:versie|version|v\.|hoofdstuk|chapter|paragraaf|section|§)\s*$", before)


def _national_numbers(text: str) -> list[Detection]:
    found = []
    for match in _BE_NATIONAL.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) != 11:
            continue
        cued = _NATIONAL_CUE.search(text[max(0, match.start() - 40):match.start()]) is not None
        if stdnum_be_nn.is_valid(digits) or cued:
            found.append(Detection(match.start(), match.end(), "national_number", 0.97 if cued else 0.93, "pattern",
                                   match.group()))
    return found


def _domains(text: str) -> list[Detection]:
    """Bare web addresses ("bakkerijpeeters.be", "linkedin.com/in/jan-peeters"): a domain or
    a path often carries a person's or a small firm's name."""
    if "." not in text:
        return []
    found = []
    for match in _DOMAIN.finditer(text):
        value = match.group()
        labels = value.split("/")[0].split(".")
        if len(labels[0]) < 3 or labels[0].isdigit():
            continue  # "v.nl", "12.nl": not a web address
        found.append(Detection(match.start(), match.end(), "url", 0.9, "pattern", value))
    return found


def _postcodes(text: str, places) -> list[Detection]:
    found = []
    for match in _FOREIGN_POSTCODE.finditer(text):
        town = match.group(2)
        first = town.split()[0].lower()
        if first in _NOT_TOWN:
            continue
        known = places is not None and (town.lower() in places or first in places)
        after_address = re.search(r"\d[a-zA-Z]?\s*,\s*$", text[max(0, match.start() - 6):match.start()]) is not None
        if not (known or after_address or text[max(0, match.start() - 2):match.start()].endswith("-")):
            continue
        found.append(Detection(match.start(1) if not match.group().startswith(("B-", "D-", "F-")) else match.start(),
                               match.end(1), "postcode", 0.93, "pattern", match.group(1)))
        found.append(Detection(match.start(2), match.end(2), "place", 0.93, "pattern", town))
    for match in _UK_POSTCODE.finditer(text):
        found.append(Detection(match.start(), match.end(), "postcode", 0.93, "pattern", match.group()))
    return found
