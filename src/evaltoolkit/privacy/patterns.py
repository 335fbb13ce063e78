"""Identifiers with a recognisable shape: e-mail, URL, phone, IBAN, BSN, V-number,
postcode, street address, licence plate, case/file number, date of birth and age.

Check digits are verified with python-stdnum (IBAN mod-97, the BSN eleven-test), so a
random nine-digit number is not taken for a BSN unless the text calls it one.
"""
from __future__ import annotations

import re

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from evaltoolkit.privacy.detections import Detection
from evaltoolkit.privacy.international import detect_international

_MONTHS = (r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
           r"january|february|march|may|june|july|august|october|december|"
           r"jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec")
_DATE = (rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|"
         rf"\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+(?:19|20)\d{{2}})")
_STREET_SUFFIX = (r"straat|laan|weg|plein|gracht|kade|singel|dijk|hof|steeg|pad|dreef|park|markt|"
                  r"plantsoen|erf|baan|wal|veld|ring|boulevard|allee|dam|haven|street|road|avenue|lane|drive|"
                  r"kaai|straße|strasse|platz|gasse|crescent|square|gardens|terrace")
_I = re.IGNORECASE

PATTERNS: list[tuple[str, re.Pattern, float, int]] = [
    # (entity_type, pattern, confidence, group whose span is replaced)
    # the last label is a top-level domain: two letters or more ("C@u.U4" is not an address)
    ("email", re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])"), 0.99, 0),
    ("url", re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]", _I), 0.97, 0),
    ("url", re.compile(r"\b(?:facebook|instagram|linkedin|twitter|x|tiktok|youtube)\.com/[\w./?=&%-]+[\w/]", _I), 0.97, 0),
    ("phone", re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?(?:\d[\s.-]?){6,12}\d\b"), 0.95, 0),
    ("phone", re.compile(r"(?<![\w+-])0(?:6[\s-]?(?:\d[\s-]?){7}\d|[1-9](?:[\s-]?\d){8}|\d{2,3}[\s-]\d{6,7}|"
                         r"\d{3}[\s-]\d{3}[\s-]\d{2}[\s-]\d{2}|800[\s-]?\d{4}|900[\s-]?\d{4}|"
                         r"[1-9](?:[\s./-]?\d){7})\b"), 0.95, 0),   # the last: Belgian landlines (03 123 45 67)
    ("phone", re.compile(r"\b(?:tel(?:efoon)?(?:nummer)?|mobiel|phone|gsm|whatsapp)\.?\s*:?\s*(\+?\d[\d\s()-]{6,16}\d)", _I), 0.95, 1),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[A-Z0-9]{4}[ ]?){2,7}[A-Z0-9]{1,4}\b"), 0.99, 0),
    ("v_number", re.compile(r"\b(?:v-?nummer|v-?nr\.?|vreemdelingennummer|v-number)\s*:?\s*(?:is\s+)?(\d[\d .]{6,12}\d)", _I), 0.97, 1),
    ("bsn", re.compile(r"\b(?:bsn|burgerservicenummer|sofinummer|sofi-nummer)\s*(?:nummer|is|:)?\s*:?\s*(\d[\d .]{7,10}\d)", _I), 0.97, 1),
    ("bsn", re.compile(r"(\d(?<![\w.-]\d)(?:\d{8}|\d{3}\.\d{2}\.\d{3}|\d{2}[ .]\d{3}[ .]\d{3}))(?![\w-]|\.\d)"), 0.9, 1),
    ("case_number", re.compile(
        r"\b(?:dossier(?:nummer|nr\.?)?|zaak(?:nummer|nr\.?)|kenmerk|referentie(?:nummer)?|ref\.|"
        r"cli[eë]nt(?:nummer|nr\.?)|klantnummer|registratienummer|coa-nummer|ind-nummer|unhcr[- ]?(?:case|nummer|number)|"
        r"progres(?:[- ]nummer)?|case (?:number|no\.?|id)|file (?:number|no\.?)|reference(?: number)?)\s*[:#]?\s*(?:is\s+)?"
        r"([A-Z0-9][A-Z0-9./-]{3,}\d)", _I), 0.93, 1),
    ("case_number", re.compile(r"\b[A-Z0-9]{3}-\d{2}[A-Z]\d{4,6}\b"), 0.85, 0),
    # shape first (fast), the sidecodes are checked in _checked_confidence
    ("licence_plate", re.compile(r"[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b"), 0.9, 0),
    # "#9467BD" is a colour, not a postcode
    ("postcode", re.compile(r"(?<![#\w])[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b"), 0.93, 0),
    ("date_of_birth", re.compile(
        rf"\b(?:geboren|geb\.|geboortedatum|geboortejaar|born|date of birth|d\.o\.b\.|dob|birthday|verjaardag|jarig)"
        rf"[^\n.]{{0,25}}?({_DATE}|(?:19|20)\d{{2}})", _I), 0.95, 1),
    ("age", re.compile(
        r"(?:\d{1,3}(?:\s?(?i:jaar)\s+oud|-?(?i:jarige?)|\s+(?i:years?)\s+old|-year-old)|"
        r"(?i:leeftijd)(?:\s+van)?\s*:?\s*\d{1,3}|(?i:aged)\s+\d{1,3})\b"), 0.85, 0),
    ("age", re.compile(
        r"\b(?:ben|is|was|werd|wordt|zijn|word)\s+(\d{1,3}\s+jaar)\b(?!\s+(?:in|hier|geleden|lang|bezig|getrouwd|"
        r"gewerkt|gewoond|later|eerder|daarvoor|daarna|na|sinds|voor|bij|op|met|per|te|om|terug)\b)", _I), 0.85, 1),
]

# Street addresses: found from the suffix and house number (fast), then extended back
# over the street name's words ("Burgemeester de Vlugtlaan 101 hs").
_HOUSE_NUMBER = re.compile(r"\s\d{1,4}(?:\s?[a-zA-Z]\b|[-/]\d{1,4}\b|\s?(?:hs|bis|huis|boven|i{1,3})\b)?\b")
_SUFFIXES = tuple(_STREET_SUFFIX.split("|"))
_LICENCE_PLATE = re.compile(
    r"(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}|"
    r"[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}|"
    r"[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|\d-[A-Z]{2}-\d{3}|"
    r"\d{3}-[A-Z]{2}-\d|[A-Z]-\d{2}-[A-Z]{3})")
_WORD_BEFORE = re.compile(r"[\w'’-]*$")
_STREET_WORDS_BEFORE = re.compile(
    r"(?:(?:[A-Z][\w'’-]*|(?:[A-Z]\.){1,3}|[A-Z][a-z]{0,3}\.|van|de|der|den|het|'t)\s){1,3}$")
_BSN_CONTEXT = re.compile(r"bsn|burgerservice|sofi", _I)
# Cheap pre-checks: a pattern only runs when one of its words occurs in the lower-cased
# text (most texts have no e-mail address, no "geboren", no "dossiernummer").
_NEEDLES: list[tuple[str, ...]] = [
    ("@",), ("http", "www."), (".com/",), ("+", "00"), ("0",), ("tel", "mobiel", "phone", "gsm", "whatsapp"),
    ("",), ("nummer", "nr", "number"), ("bsn", "burgerservice", "sofi"), ("",),
    ("dossier", "zaak", "kenmerk", "referentie", "ref.", "nummer", "nr", "progres", "number", "case no", "case id",
     "file no"),
    ("-",), ("-",), ("",), ("geboren", "geb.", "geboorte", "born", "birth", "dob", "d.o.b", "verjaardag", "jarig"),
    ("jaar", "jarig", "leeftijd", "aged", "year"), ("jaar",),
]
assert len(_NEEDLES) == len(PATTERNS)


def detect_patterns(text: str, *, lowercase: bool = False) -> list[Detection]:
    """Every shaped identifier in ``text``; ``lowercase`` accepts lower-case postcodes/plates."""
    found = []
    lowered = text.lower()
    for (entity_type, pattern, confidence, group), needles in zip(PATTERNS, _NEEDLES):
        if not any(needle in lowered for needle in needles):
            continue
        for match in pattern.finditer(text):
            start, end = match.span(group)
            value = text[start:end]
            confidence_here = _checked_confidence(entity_type, value, confidence, text, start)
            if confidence_here is not None:
                found.append(Detection(start, end, entity_type, confidence_here, "pattern", value))
    found.extend(_addresses(text))
    found.extend(detect_international(text, places=_gazetteer()))
    if lowercase:
        found.extend(_lowercase_shapes(text))
    guids = [m.span() for m in _GUID.finditer(text)] if "-" in text else []
    return [d for d in found if not any(start <= d.start and d.end <= end for start, end in guids)]


# A GUID ("00380294-6241-5eaf-...", as exports and ids carry them) holds digit runs that
# phone and postcode shapes accept; nothing inside one is an identifier of a person.
_GUID = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])")


def _gazetteer():
    """The lexicons' places (lower-cased name -> type), loaded once (a cached pickle)."""
    from evaltoolkit.privacy.lexicons import load_lexicons

    return load_lexicons().places


def _addresses(text: str) -> list[Detection]:
    """A word ending in a street suffix, then a house number; extended back over the
    street name's other words."""
    found = []
    for match in _HOUSE_NUMBER.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 60), match.start()).group()
        lower = word.lower()
        if not lower.endswith(_SUFFIXES) or (lower in _SUFFIXES and word[0].islower()):
            continue  # a bare "laan 5" is not a street; "Dam 1" is
        start = match.start() - len(word)
        before = _STREET_WORDS_BEFORE.search(text, max(0, start - 80), start)
        if before:
            start = before.start()
        start = _skip_sentence_initial_word(text, start, match.end())
        found.append(Detection(start, match.end(), "address", 0.95, "pattern", text[start:match.end()]))
    return found


def _checked_confidence(entity_type: str, value: str, confidence: float, text: str, start: int) -> float | None:
    """Validate check digits; ``None`` rejects the match."""
    digits = re.sub(r"\D", "", value)
    if entity_type == "iban":
        return confidence if stdnum_iban.is_valid(value) else None
    if entity_type == "bsn":
        context = _BSN_CONTEXT.search(text[max(0, start - 40):start]) is not None
        if len(digits) not in (8, 9):
            return None
        if stdnum_bsn.is_valid(digits.zfill(9)):
            return 0.99 if context else confidence
        return 0.85 if context else None
    if entity_type == "phone":
        return confidence if 9 <= len(digits) <= 15 else None
    if entity_type == "licence_plate":
        return confidence if _LICENCE_PLATE.fullmatch(value) and not (start and text[start - 1].isalnum()) else None
    if entity_type == "v_number":
        return confidence if 8 <= len(digits) <= 10 else None
    return confidence


def _skip_sentence_initial_word(text: str, start: int, end: int) -> int:
    """Drop a capitalised ordinary word that opens a sentence before a street name
    ("Woont Kerkstraat 12" -> "Kerkstraat 12")."""
    import simplemma

    while (lead := re.match(r"[a-z'’]+\s+(?=\S*\s)", text[start:end])):
        start += lead.end()
    first = re.match(r"[\w'’.-]+\s", text[start:end])
    before = text[:start].rstrip()
    at_sentence_start = not before or before[-1] in ".!?:;\n\"“("
    if first and at_sentence_start and simplemma.is_known(first.group().strip().lower(), lang="nl"):
        rest = text[start + first.end():end]
        if re.search(r"[a-zA-Z]{3,}", rest.split(" ")[0] if rest else ""):
            return start + first.end()
    return start


_LOWER_POSTCODE = re.compile(r"(?<![#\w])[1-9]\d{3}\s?[a-z]{2}\b")
_LOWER_STOP = frozenset({"en", "in", "op", "de", "te", "is", "of", "at", "to", "an", "or", "on", "as", "by", "be",
                         "km", "kg", "uu", "ja", "nu", "al", "na", "om", "zo", "la", "le", "el"})


def _lowercase_shapes(text: str) -> list[Detection]:
    found = []
    for match in _LOWER_POSTCODE.finditer(text):
        if match.group()[-2:] not in _LOWER_STOP:
            found.append(Detection(match.start(), match.end(), "postcode", 0.75, "pattern", match.group()))
    return found
