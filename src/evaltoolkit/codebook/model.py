"""What the codes mean: :class:`Code`, :class:`Lineage` and :class:`Codebook`.

A codebook is a small hand-written thing, so its parts are frozen dataclasses. Codes of
two dimensions live in one codebook: *themes* (what a segment is about, arranged in a
hierarchy whose upper levels may be non-codable categories) and *valence* (how the
evaluation reads it: added value, challenge, reason, condition).

The version of a codebook is a hash of its content (:func:`codebook_version`), so every
edit gives a new version and two identical codebooks share one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field

from evaltoolkit.errors import CodebookError, did_you_mean

DIMENSIONS = ("theme", "valence")
STATUSES = ("active", "retired")
LINEAGE_KINDS = ("renamed_from", "merged_into", "split_from")
#: What a valence code means for the report (the toolkit's own vocabulary; code ids and
#: labels are the study's): it decides where the report files a finding.
MEANINGS = ("added_value", "challenge", "reason", "condition", "recommendation")
POLARITIES = ("positive", "negative", "neutral")
#: The polarity a valence code has unless it says otherwise.
DEFAULT_POLARITY = {"added_value": "positive", "challenge": "negative"}


@dataclass(frozen=True)
class Lineage:
    """Where a code came from or went to, so counts stay comparable across months.

    ``renamed_from``: this code had id ``code_id`` before ``on``.
    ``merged_into``: this (retired) code was merged into ``code_id`` on ``on``.
    ``split_from``: this code was split off ``code_id`` on ``on``.
    """

    kind: str
    code_id: str
    on: dt.date


@dataclass(frozen=True)
class Code:
    code_id: str
    label_nl: str
    label_en: str = ""
    definition: str = ""
    parent_id: str | None = None
    codable: bool = True
    dimension: str = "theme"
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    perspectives: tuple[str, ...] = ()      # empty: applies to every perspective
    logic_model_links: tuple[str, ...] = ()  # outcome/output ids, e.g. "outcome_1", "output_1_2"
    color: str | None = None                 # "#RRGGBB"
    status: str = "active"
    lineage: tuple[Lineage, ...] = ()
    meaning: str | None = None               # valence codes: one of MEANINGS
    polarity: str | None = None              # valence codes: one of POLARITIES

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    def label(self, language: str = "nl") -> str:
        return (self.label_en or self.label_nl) if language == "en" else self.label_nl

    def applies_to(self, perspective: str | None) -> bool:
        """True when the code may be used for a segment of ``perspective`` (None: unknown)."""
        return not self.perspectives or perspective is None or perspective in self.perspectives


@dataclass(frozen=True)
class Codebook:
    codebook_id: str
    title: str
    version: str
    language: str
    codes: tuple[Code, ...]
    perspectives: tuple[str, ...] = ()      # perspectives codes may name; empty: any
    description: str = ""
    _index: dict[str, Code] = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {code.code_id: code for code in self.codes})

    def __contains__(self, code_id: object) -> bool:
        return code_id in self._index

    def __len__(self) -> int:
        return len(self.codes)

    @property
    def code_ids(self) -> tuple[str, ...]:
        return tuple(code.code_id for code in self.codes)

    def code(self, code_id: str) -> Code:
        """The code with ``code_id``; a CodebookError suggests the nearest id otherwise."""
        try:
            return self._index[code_id]
        except KeyError:
            raise CodebookError(
                f"{code_id!r} is not a code of codebook {self.codebook_id!r} (version {self.version})."
                f"{did_you_mean(code_id, self.code_ids)}"
            ) from None

    def themes(self, *, codable_only: bool = False, active_only: bool = False) -> tuple[Code, ...]:
        """Codes of the theme dimension (categories included unless ``codable_only``)."""
        return self._select("theme", codable_only=codable_only, active_only=active_only)

    def valences(self, *, active_only: bool = False) -> tuple[Code, ...]:
        """Codable codes of the valence dimension (how the evaluation reads a segment)."""
        return self._select("valence", codable_only=True, active_only=active_only)

    def valence_ids(self, *, meaning: str | None = None, polarity: str | None = None) -> tuple[str, ...]:
        """Ids of the valence codes, optionally only those of one ``meaning`` and/or ``polarity``.

        >>> codebook.valence_ids(polarity="positive")   # what counts as supporting evidence
        """
        if meaning is not None and meaning not in MEANINGS:
            raise CodebookError(f"meaning must be one of {', '.join(MEANINGS)}. Got {meaning!r} instead.")
        if polarity is not None and polarity not in POLARITIES:
            raise CodebookError(f"polarity must be one of {', '.join(POLARITIES)}. Got {polarity!r} instead.")
        return tuple(c.code_id for c in self.valences()
                     if (meaning is None or c.meaning == meaning) and (polarity is None or c.polarity == polarity))

    def valence_polarities(self) -> dict[str, str]:
        """Valence code id -> polarity (positive, negative or neutral), in codebook order."""
        return {c.code_id: c.polarity or "neutral" for c in self.valences()}

    def assignable(self) -> tuple[Code, ...]:
        """Codes a coder may give a segment today: codable and active, both dimensions."""
        return tuple(c for c in self.codes if c.codable and c.is_active)

    def children(self, code_id: str | None) -> tuple[Code, ...]:
        """Direct children of ``code_id`` (``None``: the top-level codes)."""
        return tuple(c for c in self.codes if c.parent_id == code_id)

    def ancestors(self, code_id: str) -> tuple[Code, ...]:
        """Parent, grandparent, ... of ``code_id`` (nearest first)."""
        chain, parent = [], self.code(code_id).parent_id
        while parent is not None and parent in self._index and len(chain) < len(self.codes):
            chain.append(self._index[parent])
            parent = self._index[parent].parent_id
        return tuple(chain)

    def _select(self, dimension: str, *, codable_only: bool, active_only: bool) -> tuple[Code, ...]:
        return tuple(
            c for c in self.codes
            if c.dimension == dimension
            and (c.codable or not codable_only)
            and (c.is_active or not active_only)
        )


def codebook_to_dict(codebook: Codebook) -> dict:
    """The codebook as the plain mapping its YAML file holds (canonical field order).

    Fields at their default value are left out, so the YAML a researcher writes and the
    YAML :func:`evaltoolkit.codebook.dump_codebook` writes hash to the same version.
    """
    data: dict = {"codebook_id": codebook.codebook_id, "title": codebook.title, "language": codebook.language}
    if codebook.description:
        data["description"] = codebook.description
    if codebook.perspectives:
        data["perspectives"] = list(codebook.perspectives)
    data["codes"] = [_code_to_dict(code) for code in codebook.codes]
    return data


def _code_to_dict(code: Code) -> dict:
    entry: dict = {"code_id": code.code_id}
    defaults = Code(code_id="", label_nl="")
    for name, key in _CODE_FIELDS:
        value = getattr(code, name)
        if value == getattr(defaults, name):
            continue
        if name == "polarity" and value == DEFAULT_POLARITY.get(code.meaning, "neutral"):
            continue   # the default from the meaning: left out, as a researcher writes it
        if name == "lineage":
            value = [{item.kind: item.code_id, "on": item.on.isoformat()} for item in value]
        elif isinstance(value, tuple):
            value = list(value)
        entry[key] = value
    return entry


#: (dataclass attribute, YAML key) in the order a codebook file lists them.
_CODE_FIELDS = (
    ("label_nl", "label_nl"),
    ("label_en", "label_en"),
    ("parent_id", "parent"),
    ("dimension", "dimension"),
    ("codable", "codable"),
    ("status", "status"),
    ("definition", "definition"),
    ("inclusion", "inclusion"),
    ("exclusion", "exclusion"),
    ("examples", "examples"),
    ("patterns", "patterns"),
    ("perspectives", "perspectives"),
    ("logic_model_links", "logic_model_links"),
    ("color", "color"),
    ("lineage", "lineage"),
    ("meaning", "meaning"),
    ("polarity", "polarity"),
)
CODE_KEYS = ("code_id",) + tuple(key for _, key in _CODE_FIELDS)


def codebook_version(data: dict) -> str:
    """Content hash (12 hex digits) of a codebook mapping as :func:`codebook_to_dict` gives it."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
