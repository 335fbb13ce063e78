"""Synthetic personal identifiers that look real: valid check digits, realistic formats.

Every value here is invented by a seeded random generator. Formats follow Dutch
practice so that the privacy stage meets what it will meet in real transcripts:
BSN numbers pass the eleven-test, IBANs pass the mod-97 check, postcodes avoid the
letter pairs the post never issues.
"""
from __future__ import annotations

import random
import string

# Postcode letter pairs PostNL does not issue.
_FORBIDDEN_POSTCODE_LETTERS = {"SA", "SD", "SS"}
_BANKS = ("INGB", "RABO", "ABNA", "SNSB", "TRIO", "ASNB")
_PLATE_LETTERS = "BDFGHJKLNPRSTVXZ"  # no vowels, no C/Q/W/Y/M on Dutch plates
_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def bsn(rng: random.Random) -> str:
    """A nine-digit BSN that passes the eleven-test (9*d1 + 8*d2 + ... + 2*d8 - d9 = 0 mod 11)."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits)) % 11
        if check < 10:
            return "".join(map(str, digits + [check]))


def is_valid_bsn(value: str) -> bool:
    """The eleven-test, for tests and for readers of the demo data."""
    if len(value) != 9 or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    total = sum(w * d for w, d in zip(range(9, 1, -1), digits[:8])) - digits[8]
    return total % 11 == 0


def v_number(rng: random.Random) -> str:
    """An IND alien number (V-nummer): ten digits."""
    return str(rng.randint(2_000_000_000, 2_999_999_999))


def iban(rng: random.Random) -> str:
    """A Dutch IBAN with a correct mod-97 check, written in groups of four as people do."""
    bank = rng.choice(_BANKS)
    account = "".join(str(rng.randint(0, 9)) for _ in range(10))
    numeric = "".join(str(int(c, 36)) for c in f"{bank}{account}NL00")
    check = 98 - int(numeric) % 97
    compact = f"NL{check:02d}{bank}{account}"
    return " ".join(compact[i:i + 4] for i in range(0, len(compact), 4))


def is_valid_iban(value: str) -> bool:
    compact = value.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def mobile_nl(rng: random.Random, *, style: int) -> str:
    """A Dutch mobile number in one of the ways people write it."""
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    if style == 0:
        return f"06-{digits}"
    if style == 1:
        return f"+31 6 {digits[:4]} {digits[4:]}"
    return f"06 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"


def phone_abroad(rng: random.Random, country: str) -> str:
    """A foreign mobile number: Syria, Eritrea, Lebanon or Turkey."""
    if country == "eritrean":
        return f"+291 7 {rng.randint(100000, 999999)}"
    if country == "lebanon":
        return f"+961 {rng.randint(3, 7)}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return f"+963 9{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def postcode(rng: random.Random, prefix_range: tuple[int, int]) -> str:
    while True:
        letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(2))
        if letters not in _FORBIDDEN_POSTCODE_LETTERS:
            return f"{rng.randint(*prefix_range)} {letters}"


def licence_plate(rng: random.Random) -> str:
    """A plate in side code 9 (XX-999-X), common on cars from 2015 on."""
    first = "".join(rng.choice(_PLATE_LETTERS) for _ in range(2))
    return f"{first}-{rng.randint(100, 999)}-{rng.choice(_PLATE_LETTERS)}"


def date_of_birth(rng: random.Random, *, year_range: tuple[int, int], style: int) -> str:
    year = rng.randint(*year_range)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if style == 0:
        return f"{day:02d}-{month:02d}-{year}"
    return f"{day} {_MONTHS_NL[month - 1]} {year}"


def ip_address(rng: random.Random) -> str:
    return f"{rng.choice((77, 82, 84, 145, 185, 213))}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"


def response_id(rng: random.Random) -> str:
    """A Qualtrics ResponseId: ``R_`` and fifteen letters and digits."""
    return "R_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(15))


def email_address(rng: random.Random, first: str, last: str, *, domain: str | None = None) -> str:
    plain = _ascii(first).lower().replace(" ", "")
    surname = _ascii(last).lower().replace(" ", "").replace("-", "")
    domain = domain or rng.choice(("gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl"))
    pattern = rng.randrange(3)
    local = (f"{plain}.{surname}", f"{plain[0]}{surname}", f"{plain}{rng.randint(70, 99)}")[pattern]
    return f"{local}@{domain}"


def _ascii(text: str) -> str:
    table = str.maketrans("ıİşŞçÇğĞöÖüÜéëèï'", "iIsScCgGoOuUeeei-")
    return text.translate(table)
