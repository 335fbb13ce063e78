"""People named beside a participant: relatives, partners, caseworkers, children.

A name right after a relation ("mijn broer Karim", "her husband Omar", "Khaled's broer
Samir") or right before one ("Karim, mijn broer,") is someone other than the speaker:
the pseudonymiser gives them a placeholder of their own that says how they relate to
whom, "[Broer van Hervestiger 3]" / "[Brother of Mentee 3]". The words and labels are
data (``data/relations.yaml``), never code; the person it belongs to (the anchor) is
the speaker for "mijn"/"my", the person named just before in the sentence for
"zijn"/"her", the named person for "Khaled's".

>>> vocabulary = load_relations()
>>> cue = relation_before("FATIMA: Mijn broer Karim", 19, vocabulary)
>>> cue.relation.label("en"), cue.possessor
('Brother', 'first')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RELATIONS_PATH = Path(__file__).parent / "data" / "relations.yaml"
#: How far before a name a relation is looked for (possessive, modifiers, relation word).
_WINDOW = 80
#: A speaker's turn label at the start of a line ("FATIMA: ...", "Fatima Haddad: ...").
_TURN = re.compile(r"[ \t]*([^\W\d_][^:\n]{0,40}?):[ \t]")
_TURNS = re.compile(r"^[ \t]*([^\W\d_][^:\n]{0,40}?):[ \t]", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?;\n]")
#: Longest label an "either of them" placeholder spells out (the review queue keeps 64).
_LONGEST = 60


@dataclass(frozen=True)
class Relation:
    """One relation and its placeholder label in Dutch and English."""

    label_nl: str
    label_en: str
    kin: bool = True    # family; False for a friend, colleague, caseworker, neighbour

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl


@dataclass(frozen=True)
class RelationCue:
    """A relation found next to a name: whose (``possessor``: ``first`` = the speaker,
    ``third`` = someone named before, ``named`` = the person ending at ``possessor_end``)."""

    relation: Relation
    possessor: str
    start: int                      # where the cue begins (its possessive) in the text
    possessor_end: int | None = None
    plural: bool = False            # "mijn kinderen": a list of names may follow


@dataclass(frozen=True, eq=False)   # hashed by identity: loaded once, its patterns cached
class RelationVocabulary:
    version: str
    relations: dict[str, Relation]          # lower-cased word -> relation
    first_person: frozenset[str]
    third_person: frozenset[str]
    modifiers: frozenset[str]
    plurals: frozenset[str]
    relation_of: dict[str, str]             # language -> "{relation} van {anchor}"
    either: dict[str, str]                  # language -> " of "
    either_many: dict[str, str]             # language -> "{first} of naamgenoot"

    def label_words(self) -> frozenset[str]:
        """The first words of every relation label, lower-cased (to recognise placeholders)."""
        return frozenset(r.label(lang).split()[0].casefold()
                         for r in self.relations.values() for lang in ("nl", "en"))

    def relative_labels(self, relation: Relation, anchors: tuple[str, str] | None, count: int):
        """(label_nl, label_en, number) of the ``count``-th relative of this relation and
        anchor: "Broer van Hervestiger 3", then "Broer 2 van Hervestiger 3"; without an
        anchor the relation numbered like any label, "[Broer 1]"."""
        if anchors is None:
            return relation.label_nl, relation.label_en, count
        suffix = "" if count == 1 else f" {count}"
        return (self.relation_of["nl"].format(relation=relation.label_nl + suffix, anchor=anchors[0]),
                self.relation_of["en"].format(relation=relation.label_en + suffix, anchor=anchors[1]), None)

    def either_labels(self, candidates: list[tuple[str, str]]) -> tuple[str, str]:
        """"Hervestiger 1 of Broer van Hervestiger 1": a name that may stand for either;
        "Hervestiger 1 of naamgenoot" when more than two people carry it, or when naming
        both would make a placeholder longer than ``_LONGEST`` characters."""
        both = tuple(self.either[lang].join(c[i] for c in candidates) for i, lang in enumerate(("nl", "en")))
        if len(candidates) > 2 or max(len(label) for label in both) > _LONGEST:
            return (self.either_many["nl"].format(first=candidates[0][0]),
                    self.either_many["en"].format(first=candidates[0][1]))
        return both


@lru_cache(maxsize=4)
def load_relations(path: Path | str | None = None) -> RelationVocabulary:
    """The relation vocabulary at ``path`` (default: the package's ``data/relations.yaml``)."""
    path = Path(path) if path is not None else RELATIONS_PATH
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    relations = {}
    for entry in data["relations"]:
        relation = Relation(str(entry["nl"]), str(entry["en"]), bool(entry.get("kin", True)))
        for word in entry["words"]:
            relations.setdefault(str(word).casefold(), relation)
    possessives = data["possessives"]
    return RelationVocabulary(
        version=str(data.get("version", path.name)), relations=relations,
        first_person=frozenset(w.casefold() for w in possessives["first"]),
        third_person=frozenset(w.casefold() for w in possessives["third"]),
        modifiers=frozenset(str(w).casefold() for w in data.get("modifiers", ())),
        plurals=frozenset(str(w).casefold() for w in data.get("plurals", ())),
        relation_of=dict(data["templates"]["relation_of"]), either=dict(data["templates"]["either"]),
        either_many=dict(data["templates"]["either_many"]))


@lru_cache(maxsize=8)
def _patterns(vocabulary: RelationVocabulary) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    def alternatives(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    possessive = alternatives(vocabulary.first_person | vocabulary.third_person)
    modifiers = alternatives(vocabulary.modifiers) if vocabulary.modifiers else r"(?!)"
    relation = alternatives(vocabulary.relations)
    middle = rf"\s+(?:(?:{modifiers})\s+)*(?P<rel>{relation})"
    before = re.compile(
        rf"(?:(?<![\w'’])(?P<poss>{possessive})|(?P<named>[^\W\d_][\w-]*|\])['’]s){middle}\s*,?\s*$",
        re.IGNORECASE)
    after = re.compile(rf"\s*,\s*(?P<poss>{possessive}){middle}(?![\w-])", re.IGNORECASE)
    # "de broer van Fatima, Karim" / "the son of Khaled, Rami": the named one's relative
    of_named = re.compile(rf"(?<![\w'’])(?:de|het|the)\s+(?:(?:{modifiers})\s+)*(?P<rel>{relation})\s+(?:van|of)\s+"
                          rf"(?P<named>[^\W\d_][^,.;:!?\n]{{0,40}}?)\s*,\s*$", re.IGNORECASE)
    leading = re.compile(rf"(?:(?P<poss>{possessive})\s+)?(?:(?:{modifiers})\s+)*(?P<rel>{relation})\s+",
                         re.IGNORECASE)
    return before, after, leading, of_named


def relation_before(text: str, start: int, vocabulary: RelationVocabulary) -> RelationCue | None:
    """The relation that ends right before ``start`` ("mijn broer |Karim", "de broer van
    Fatima, |Karim"), if any."""
    offset = max(0, start - _WINDOW)
    for pattern in (_patterns(vocabulary)[0], _patterns(vocabulary)[3]):
        match = pattern.search(text, offset, start)
        if match is not None and match.end() == start:
            return _cue(match, vocabulary)
    return None


def relation_after(text: str, end: int, vocabulary: RelationVocabulary) -> RelationCue | None:
    """The relation that follows a name ("Karim|, mijn broer,"), if any."""
    match = _patterns(vocabulary)[1].match(text, end, min(len(text), end + _WINDOW))
    return None if match is None else _cue(match, vocabulary)


def leading_relation(surface: str, vocabulary: RelationVocabulary) -> int:
    """How many characters of a detected name are a relation ("broer karim haddad", as a
    lower-cased transcript may be read): 0 when it starts with the name itself."""
    match = _patterns(vocabulary)[2].match(surface)   # leading
    return 0 if match is None or match.end() >= len(surface) else match.end()


def listed_after(text: str, previous_end: int, start: int) -> bool:
    """Whether the name at ``start`` continues a list after a name ending at
    ``previous_end`` ("Rami, Lina en Omar")."""
    return _LIST_SEPARATOR.fullmatch(text, previous_end, start) is not None


_LIST_SEPARATOR = re.compile(r"\s*(?:,|&|\ben\b|\band\b|,\s*en\b|,\s*and\b)\s*", re.IGNORECASE)


def _cue(match: re.Match, vocabulary: RelationVocabulary) -> RelationCue:
    word = match.group("rel").casefold()
    relation, plural = vocabulary.relations[word], word in vocabulary.plurals
    if match.groupdict().get("poss") is not None:
        possessor = "first" if match.group("poss").casefold() in vocabulary.first_person else "third"
        return RelationCue(relation, possessor, match.start("poss"), plural=plural)
    return RelationCue(relation, "named", match.start("named"), possessor_end=match.end("named"), plural=plural)


def turn_label(text: str, position: int) -> str | None:
    """The speaker label that opens the line holding ``position`` ("FATIMA" in
    "FATIMA: mijn broer ..."), or None."""
    line_start = text.rfind("\n", 0, position) + 1
    match = _TURN.match(text, line_start)
    return match.group(1).strip() if match is not None and match.end() <= position else None


def turn_labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of every speaker label that opens a line."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _TURNS.finditer(text)]


def same_sentence(text: str, start: int, end: int) -> bool:
    """No sentence end between ``start`` and ``end``."""
    return _SENTENCE_END.search(text, start, end) is None
