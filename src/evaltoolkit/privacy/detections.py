"""What a detection of personal data is, the entity types and how overlaps are resolved.

A :class:`Detection` holds character offsets, the entity type, a confidence in [0, 1] and
the source that found it (``register``, ``key``, ``decision``, ``pattern``, ``deduce``,
``names``, ``context``, ``gazetteer``). Its ``text`` is the raw surface form: it stays in
memory and on the raw side, and is left out of ``repr`` so it cannot reach a log.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class EntityType:
    """A kind of identifier and its placeholder label in Dutch and English."""

    id: str
    label_nl: str
    label_en: str
    numbered: bool      # [Persoon 7] vs [Telefoonnummer]

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl


ENTITY_TYPES: dict[str, EntityType] = {t.id: t for t in (
    EntityType("person", "Persoon", "Person", True),
    EntityType("place", "Plaats", "Place", True),
    EntityType("country", "Land", "Country", True),
    EntityType("camp", "Vluchtelingenkamp", "Refugee camp", True),
    EntityType("organisation", "Organisatie", "Organisation", True),
    EntityType("school", "School", "School", True),
    EntityType("hospital", "Zorginstelling", "Healthcare institution", True),
    EntityType("address", "Adres", "Address", False),
    EntityType("postcode", "Postcode", "Postcode", False),
    EntityType("phone", "Telefoonnummer", "Phone number", False),
    EntityType("email", "E-mailadres", "E-mail address", False),
    EntityType("url", "URL", "URL", False),
    EntityType("iban", "IBAN", "IBAN", False),
    EntityType("bsn", "BSN", "BSN", False),
    EntityType("v_number", "V-nummer", "V-number", False),
    EntityType("date_of_birth", "Geboortedatum", "Date of birth", False),
    EntityType("age", "Leeftijd", "Age", False),
    EntityType("licence_plate", "Kenteken", "Licence plate", False),
    EntityType("case_number", "Dossiernummer", "Case number", False),
    EntityType("ip_address", "IP-adres", "IP address", False),
    EntityType("national_number", "Rijksregisternummer", "National number", False),
)}

# Types whose surface forms are names: matched as words, and propagated corpus-wide.
NAME_TYPES = frozenset({"person", "place", "country", "camp", "organisation", "school", "hospital"})

# Sources that are certain (known surface forms, validated patterns) beat heuristics.
_TIER = {"register": 3, "decision": 3, "key": 2, "pattern": 2}
# Among heuristics of equal confidence, a cue in context says more than a list lookup.
_HEURISTIC_RANK = {"context": 3, "gazetteer": 2, "names": 1, "deduce": 0}


@dataclass(frozen=True)
class Detection:
    start: int
    end: int
    entity_type: str
    confidence: float
    source: str
    text: str = field(default="", repr=False, compare=False)
    entity_id: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def entity_type(type_id: str) -> EntityType:
    try:
        return ENTITY_TYPES[type_id]
    except KeyError:
        valid = ", ".join(ENTITY_TYPES)
        raise ValueError(f"entity_type must be one of {valid}. Got {type_id!r} instead.") from None


def resolve_overlaps(detections: Iterable[Detection], text: str) -> list[Detection]:
    """Non-overlapping detections, in text order.

    Certain sources (register, decisions, key, patterns) win over heuristics; among
    certain ones the longest wins. Overlapping heuristic detections are merged into one
    span (so "Jan" from one source and "Jan de Vries" from another become one name), and
    whatever part of a heuristic span a certain one covers is cut away.
    """
    certain, heuristic = [], []
    for detection in detections:
        (certain if _TIER.get(detection.source, 0) else heuristic).append(detection)
    chosen: list[Detection] = []
    taken: list[tuple[int, int]] = []
    for d in sorted(certain, key=lambda d: (-_TIER[d.source], -d.length, -d.confidence, d.start)):
        if not any(d.start < e and s < d.end for s, e in taken):
            chosen.append(d)
            taken.append((d.start, d.end))
    for merged in _merge_overlapping(heuristic, text):
        chosen.extend(cut_away(merged, taken, text))
    return sorted(chosen, key=lambda d: d.start)


def _merge_overlapping(detections: list[Detection], text: str) -> list[Detection]:
    merged: list[Detection] = []
    for d in sorted(detections, key=lambda d: (d.start, -d.end)):
        if merged and d.start < merged[-1].end:
            last = merged[-1]
            best = max(last, d, key=lambda x: (_type_rank(x), x.confidence, _HEURISTIC_RANK.get(x.source, 0),
                                                x.length))
            end = max(last.end, d.end)
            merged[-1] = Detection(last.start, end, best.entity_type, max(last.confidence, d.confidence),
                                   best.source, text[last.start:end], best.entity_id)
        else:
            merged.append(d)
    return merged


def _type_rank(d: Detection) -> int:
    """Which type a merged span takes: an address or a cued organisation/school/place beats
    a bare name guess ("Tesfay (Eri)", "Hotel Zuiderduin"), and a person beats a gazetteer
    place ("Ans de Boer", "Saba")."""
    if d.entity_type == "address":
        return 4
    if d.source == "context" and d.entity_type in ("organisation", "school", "hospital", "camp", "place", "country"):
        return 3
    if d.entity_type == "person":
        return 2
    return 1


def cut_away(d: Detection, taken: list[tuple[int, int]], text: str) -> list[Detection]:
    pieces = [(d.start, d.end)]
    for s, e in taken:
        next_pieces = []
        for ps, pe in pieces:
            if s < pe and ps < e:
                next_pieces.extend(p for p in ((ps, s), (e, pe)) if p[0] < p[1])
            else:
                next_pieces.append((ps, pe))
        pieces = next_pieces
    out = []
    for ps, pe in pieces:
        ps, pe = _strip(text, ps, pe)
        if pe > ps and any(c.isalnum() for c in text[ps:pe]):
            kind = d.entity_type
            if kind == "address" and not any(c.isdigit() for c in text[ps:pe]):
                kind = "place"  # "Spijkenisse" left of "3200 QT Spijkenisse" once the postcode is cut out
            out.append(Detection(ps, pe, kind, d.confidence, d.source, text[ps:pe], d.entity_id))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not (text[start].isalnum() or text[start] == "+"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    return start, end
