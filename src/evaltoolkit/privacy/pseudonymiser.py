"""The Pseudonymiser: ``fit`` learns (or extends) the key from the register and from what
the detector finds in the corpus; ``transform`` replaces every known surface form, in
every document, with its placeholder.

>>> pseudonymiser = Pseudonymiser(detector=Detector()).fit(documents, register=register)
>>> pseudonymised = pseudonymiser.transform(documents)   # doc_id, text, replacements

Because ``transform`` matches the key's surface forms, a name found once is replaced
everywhere (propagation), the same person gets the same placeholder in every document and,
since the key persists between runs, in every month.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.privacy.detections import ENTITY_TYPES, NAME_TYPES, Detection, cut_away, entity_type, resolve_overlaps
from evaltoolkit.privacy.detector import DETECTOR_VERSION, Detector
from evaltoolkit.privacy.key import KeyEntity, PseudonymKey, normalised_surface
from evaltoolkit.privacy.matching import SurfaceMatcher, lower_same_length
from evaltoolkit.privacy.names import is_lowercased
from evaltoolkit.privacy.patterns import detect_patterns
from evaltoolkit.privacy.relatives import (
    RelationCue,
    RelationVocabulary,
    leading_relation,
    listed_after,
    load_relations,
    relation_after,
    relation_before,
    same_sentence,
    turn_label,
    turn_labels,
)
from evaltoolkit.privacy.replace import Replacement, apply_replacements
from evaltoolkit.store import list_cell
from evaltoolkit.store.values import (
    DECISION_ACCEPT,
    DECISION_ADD,
    DECISION_REJECT,
    REASON_LOW_CONFIDENCE,
    REASON_NEW_NAME,
    REASON_RELATIVE,
    REASON_SHARED_NAME,
    REASON_SHARED_SURNAME,
    REVIEW_OPEN,
)

# v2: people kept apart (relation-aware placeholders, shared names): a project pseudonymised
# by v1 runs again, so a brother no longer reads as his sister
PSEUDONYMISER_VERSION = f"pseudonymiser.v2+{DETECTOR_VERSION}+{load_relations().version}"
#: The placeholder label of a person whose role and perspective say nothing: (nl, en).
PERSON_LABEL = ("Persoon", "Person")
DETECTION_COLUMNS = ["doc_id", "start_char", "end_char", "surface", "entity_type", "confidence", "source",
                     "entity_id", "placeholder", "review_reason"]
#: ``KeyEntity.source`` of a surname or first name several people in the key carry: it
#: may stand for any of them (the review queue's reason, too).
SHARED_SOURCES = frozenset({REASON_SHARED_SURNAME, REASON_SHARED_NAME})


@dataclass(frozen=True)
class PseudonymisedText:
    text: str
    replacements: list[Replacement]


class Pseudonymiser:
    """Learns a pseudonymisation key and applies it.

    Parameters: ``detector`` (a :class:`Detector`, built once and reused), ``key`` (a
    previous run's :class:`PseudonymKey`, extended, never renumbered), ``language`` of the
    placeholders (nl/en), ``allow_list`` (names never replaced), ``review_threshold``
    (detections below it are queued for review), ``role_labels`` (role id -> (label_nl,
    label_en, numbered), e.g. ``config.role_labels``; a role it does not list is named
    after the person's perspective, else "Persoon"/"Person"), ``relations`` (the relation
    vocabulary, default ``data/relations.yaml``).
    Fitted: ``key_``, ``detections_`` (raw side: holds surface forms), ``review_queue_``.

    People are kept apart: a person named after a relation ("mijn broer Karim Haddad" in
    Fatima Haddad's interview) gets a placeholder of their own that says so, "[Broer van
    Hervestiger 1]"; a surname several people in the key share becomes "[Hervestiger 1 of
    Broer van Hervestiger 1]"; a participant's first name or surname after a relation word
    that points to someone outside their family is replaced as that relative. Both kinds
    of uncertain case go to the review queue with document and offset.
    """

    def __init__(self, *, detector: Detector | None = None, key: PseudonymKey | None = None, language: str = "nl",
                 allow_list: Iterable[str] = (), review_threshold: float = 0.8,
                 role_labels: Mapping[str, tuple[str, str, bool]] | None = None,
                 relations: RelationVocabulary | None = None):
        if language not in ("nl", "en"):
            raise ValueError(f"language must be 'nl' or 'en'. Got {language!r} instead.")
        self.detector = detector
        self.key = key
        self.language = language
        self.allow_list = tuple(allow_list)
        self.review_threshold = review_threshold
        self.role_labels = dict(role_labels or {})
        self.relations = relations if relations is not None else load_relations()
        self._speakers: dict[str, str] = {}        # speaker label -> participant entity id
        self._families: dict[str, str] = {}        # participant entity id -> family id
        self._whole_names: set[str] = set()        # register names that say who it is
        self._surnames: set[str] = set()           # register surnames (lower-cased)
        self._default_speakers: dict[int, str] = {}  # hash(text) -> its one participant
        self._allow = SurfaceMatcher({a: a for a in self.allow_list})
        self._allowed_norms = {lower_same_length(a) for a in self.allow_list}

    # ------------------------------------------------------------------ fit
    def fit(self, documents: pd.DataFrame, *, register: pd.DataFrame | None = None,
            decisions: pd.DataFrame | None = None) -> "Pseudonymiser":
        """Learn the key from the register, the review decisions and the documents
        (columns ``doc_id``, ``text`` and optionally ``language``)."""
        self.detector = self.detector or Detector()
        key = self.key.copy() if self.key is not None else PseudonymKey()
        self._speakers, self._families, self._whole_names, self._default_speakers = {}, {}, set(), {}
        self._surnames = _register_surnames(register, self.detector.lexicons)
        if register is not None:
            for row in self._by_first_appearance(register, documents):
                self._add_participant(key, row)
        rejected = self._apply_decisions(key, decisions)
        found = self._detect_all(key, documents, rejected)
        # people named after a relation first: "mijn broer Karim" makes Karim the brother
        # wherever he is named, also in a document read before this one
        for _, text, detections in found:
            for detection in detections:
                self._learn_relative(key, detection, text, detections)
        rows = self._learn_all(key, found)
        self.key_ = key
        self.rejected_ = rejected
        self._fitted_texts = {hash(str(t)) for t in documents["text"]}
        self.detections_ = pd.DataFrame(rows, columns=DETECTION_COLUMNS)
        self.review_queue_ = build_review_queue(self.detections_, documents, key=key,
                                                threshold=self.review_threshold, decisions=decisions,
                                                surnames=self._surnames)
        return self

    def _detect_all(self, key: PseudonymKey, documents: pd.DataFrame, rejected: set[str]) -> list:
        """(doc_id, text, detections) of every document: what may be replaced, outside
        placeholders, allow-listed and rejected forms, with relation words cut off names.
        Notes each document's one participant (the speaker of "mijn" without turn labels)."""
        found = []
        for doc in documents.itertuples(index=False):
            language = getattr(doc, "language", None) or "nl"
            text = str(doc.text)
            speaker = _document_speaker(key, getattr(doc, "participant_ids", None))
            if speaker is not None:
                self._default_speakers[hash(text)] = speaker.entity_id
            detections = self._outside_placeholders(self.detector.detect(text, language=language), text)
            kept = []
            for detection in self._allowed(detections, text):
                detection = self._without_relation_word(detection, text)
                detection = self._without_preposition(key, detection, text)
                norm = normalised_surface(detection.text)
                if norm not in rejected and norm not in self._allowed_norms:
                    kept.append(detection)
            found.append((doc.doc_id, text, kept))
        return found

    def _learn_all(self, key: PseudonymKey, found: list) -> list[list]:
        """Learn every detection, then the names several people share, and return the
        :data:`DETECTION_COLUMNS` rows: detections, and key matches that are uncertain."""
        rows = []
        for doc_id, text, detections in found:
            for detection in detections:
                entity = self._learn(key, detection, text)
                rows.append([doc_id, detection.start, detection.end, detection.text, detection.entity_type,
                             detection.confidence, detection.source, entity.entity_id, None, None])
        self._share_names(key)
        for doc_id, text, _ in found:
            for start, end, entity_id, reason in self._uncertain_occurrences(key, text, create=True):
                rows.append([doc_id, start, end, text[start:end], "person", 1.0, "key", entity_id, None, reason])
        for row in rows:   # the placeholder each has now (a surname may have become shared since)
            entity = (key.entities.get(row[7]) if row[9] is not None
                      else key.entity_for_surface(row[3]) or key.entities.get(row[7]))
            if entity is not None:
                row[7], row[8] = entity.entity_id, entity.placeholder(self.language)
        return rows

    def _by_first_appearance(self, register: pd.DataFrame, documents: pd.DataFrame) -> list:
        """Register rows in the order their people first appear in ``documents`` (name or
        speaker label), the others after them in random order: placeholder numbers then say
        nothing about the register's order ([Hervestiger 7] is not HV07)."""
        rows = list(register.itertuples(index=False))
        surfaces = {}
        for index, row in enumerate(rows):
            for surface, _ in register_surfaces(row, self.detector.lexicons, self.detector.finder("nl")):
                surfaces.setdefault(surface, index)
        matcher = SurfaceMatcher(surfaces)
        first: dict[int, tuple[int, int]] = {}
        for doc_index, text in enumerate(documents["text"] if "text" in documents else ()):
            for start, _, index in matcher.find(str(text)):
                first.setdefault(index, (doc_index, start))
            if len(first) == len(rows):
                break
        unseen = [i for i in range(len(rows)) if i not in first]
        random.SystemRandom().shuffle(unseen)
        return [rows[i] for i in sorted(first, key=first.get)] + [rows[i] for i in unseen]

    def _add_participant(self, key: PseudonymKey, row) -> KeyEntity:
        role = str(getattr(row, "role", "") or "")
        perspective = getattr(row, "perspective", None)
        if role in self.role_labels:
            label_nl, label_en, numbered = self.role_labels[role]
        elif isinstance(perspective, str) and perspective.strip():
            label_nl = label_en = perspective.strip().replace("_", " ").capitalize()
            numbered = True
        else:
            (label_nl, label_en), numbered = PERSON_LABEL, True
        entity = key.add_participant(str(row.participant_id), label_nl=label_nl, label_en=label_en,
                                     numbered=numbered)
        for surface, cased in register_surfaces(row, self.detector.lexicons, self.detector.finder("nl")):
            key.add_surface_to(entity, surface, cased=cased, force=not cased)
        family = _text(getattr(row, "family_id", None))
        if family:
            self._families[entity.entity_id] = family
        labels = _list(getattr(row, "speaker_labels", None))
        for label in labels:
            self._speakers[normalised_surface(label)] = entity.entity_id
        full = _text(getattr(row, "full_name", None))
        for name in [full, *_list(getattr(row, "name_variants", None)), *labels]:
            if name and (name == full or len(name.split()) > 1):   # a whole name says who; a part may not
                self._whole_names.add(normalised_surface(name))
        return entity

    def _apply_decisions(self, key: PseudonymKey, decisions: pd.DataFrame | None) -> set[str]:
        rejected: set[str] = set()
        if decisions is None or decisions.empty:
            return rejected
        for row in decisions.itertuples(index=False):
            norm = normalised_surface(row.surface)
            if row.decision == DECISION_REJECT:
                rejected.add(norm)
                entity = key.entity_for_surface(row.surface)
                if entity is not None and entity.participant_id is None:
                    key.remove_surface(row.surface)
            elif row.decision in (DECISION_ACCEPT, DECISION_ADD) and not pd.isna(row.entity_type):
                if key.entity_for_surface(row.surface) is None:
                    key.add_surface(str(row.surface), str(row.entity_type), source="decision")
        return rejected

    def _learn(self, key: PseudonymKey, detection: Detection, text: str) -> KeyEntity:
        surface = detection.text
        known = key.entity_for_surface(surface)
        if known is not None:
            return known
        finder = self.detector.finder("nl")
        cased = _is_common(finder, surface)
        if detection.entity_type != "person":
            entity = key.add_surface(surface, detection.entity_type, source=detection.source, cased=cased)
        else:
            parts = person_name_parts(surface, self.detector.lexicons)
            owner = _owner(key, surface, parts)
            entity = owner or key.add_surface(surface, "person", source=detection.source, cased=cased)
            key.add_surface_to(entity, surface, cased=cased)
            for part in parts:
                if _name_like(finder, part):  # not "Schiphol" from "Schiphol Hanane"
                    key.add_surface_to(entity, part, cased=_is_common(finder, part))
        if detection.entity_type == "email":
            for name in self.detector.names_in_email(text, detection):
                if key.entity_for_surface(name) is None:
                    key.add_surface(name, "person", source="email", cased=_is_common(finder, name))
        return entity

    # ------------------------------------------------------------------ people kept apart
    def _without_relation_word(self, detection: Detection, text: str) -> Detection:
        """A person detection without the relation it starts with: "broer karim haddad"
        (a lower-cased transcript) is the relation "broer" and the name "karim haddad"."""
        if detection.entity_type != "person":
            return detection
        cut = leading_relation(detection.text, self.relations)
        if not cut:
            return detection
        start = detection.start + cut
        return Detection(start, detection.end, "person", detection.confidence, detection.source,
                         text[start:detection.end], detection.entity_id)

    def _without_preposition(self, key: PseudonymKey, detection: Detection, text: str) -> Detection:
        """"van Fatima" read as a name ("de broer van Fatima") is "van" and Fatima, when
        Fatima is a participant's given name: a particle before a given name is a word."""
        words = detection.text.split()
        if detection.entity_type != "person" or len(words) != 2 or words[0] not in self.detector.lexicons.particles:
            return detection
        entity = key.entity_for_surface(words[1])
        if entity is None or entity.participant_id is None or normalised_surface(words[1]) in self._surnames:
            return detection
        start = detection.end - len(words[1])
        return Detection(start, detection.end, "person", detection.confidence, detection.source,
                         text[start:detection.end], detection.entity_id)

    def _learn_relative(self, key: PseudonymKey, detection: Detection, text: str,
                        detections: list[Detection]) -> KeyEntity | None:
        """The relative a new person name after a relation stands for ("mijn broer Karim
        Haddad" -> [Broer van Hervestiger 1]), with its name parts; None for anyone else.

        A name the key knows keeps its placeholder (last month's [Persoon 4] stays), and so
        does a name whose given name is a participant's: that is handled per occurrence.
        """
        if detection.entity_type != "person" or key.entity_for_surface(detection.text) is not None:
            return None
        cue = self._cue_of(text, detection, detections)
        if cue is None:
            return None
        parts = person_name_parts(detection.text, self.detector.lexicons)
        if _owner(key, detection.text, parts) is not None:
            return None
        anchor = self._anchor(key, text, cue, detection.start, detections)
        entity = self._relative(key, cue, anchor, normalised_surface(detection.text))
        finder = self.detector.finder("nl")
        key.add_surface_to(entity, detection.text, cased=_is_common(finder, detection.text))
        for part in parts:
            if _name_like(finder, part):
                key.add_surface_to(entity, part, cased=_is_common(finder, part))
        return entity

    def _cue_of(self, text: str, detection: Detection, detections: list[Detection]) -> RelationCue | None:
        """The relation next to a detected name, or the plural one of the list it is in
        ("mijn kinderen Rami, Lina en Omar": Omar is a child too)."""
        cue = relation_before(text, detection.start, self.relations) or relation_after(text, detection.end,
                                                                                        self.relations)
        if cue is not None:
            return cue
        previous = [d for d in detections if d.entity_type == "person" and d.end <= detection.start
                    and listed_after(text, d.end, detection.start)]
        if not previous:
            return None
        cue = self._cue_of(text, previous[-1], detections)
        return cue if cue is not None and cue.plural else None

    def _relative(self, key: PseudonymKey, cue: RelationCue, anchor: KeyEntity | None, name: str) -> KeyEntity:
        """The relative called ``name`` with ``cue``'s relation to ``anchor``: one entity
        however often and wherever they are named."""
        relation = cue.relation
        anchors = None if anchor is None else (anchor.pseudonym("nl"), anchor.pseudonym("en"))
        counter = relation.label_nl if anchor is None else f"{relation.label_nl}\x1f{anchor.entity_id}"
        index = "\x1f".join(("relation", anchor.entity_id if anchor else "", relation.label_nl, name))
        return key.add_related(index, lambda n: self.relations.relative_labels(relation, anchors, n),
                               counter=counter)

    def _anchor(self, key: PseudonymKey, text: str, cue: RelationCue, position: int,
                detections: list[Detection] = ()) -> KeyEntity | None:
        """Whose relative: the speaker for "mijn"/"my", the person named right before in
        the same sentence for "zijn"/"her", the named one for "Khaled's"; None if unknown."""
        if cue.possessor == "first":
            return self._speaker_at(key, text, position)
        # before the cue and before the name: in "Khaled, haar man," Khaled is not his own husband
        people = self._people_before(key, text, min(cue.possessor_end or cue.start, position), detections)
        if cue.possessor == "named":
            people = [p for p in people if p[1] == cue.possessor_end]
            if not people and text[cue.possessor_end - 1] == "]":   # "[Hervestiger 1]'s broer"
                opening = text.rfind("[", 0, cue.possessor_end)
                return key.by_placeholder(text[opening:cue.possessor_end]) if opening >= 0 else None
        return people[-1][2] if people else None

    def _people_before(self, key: PseudonymKey, text: str, end: int, detections) -> list[tuple[int, int, KeyEntity]]:
        """People named in the sentence that ends at ``end`` (not the turn's speaker label)."""
        label = turn_label(text, end)
        line_start = text.rfind("\n", 0, end) + 1
        is_label = label is not None and (label.isupper() or normalised_surface(label) in self._speakers)  # not "Khaled zei:"
        start = text.find(":", line_start) + 1 if is_label else line_start
        people = []
        for s, e, entity_id in key.matcher().find(text[:end]):
            entity = key.entities[entity_id]
            if s >= start and entity.entity_type == "person" and entity.source not in SHARED_SOURCES:
                people.append((s, e, entity))
        for detection in detections:
            if detection.entity_type == "person" and start <= detection.start and detection.end <= end:
                entity = key.entity_for_surface(detection.text)
                if entity is not None and entity.entity_type == "person" and entity.source not in SHARED_SOURCES:
                    people.append((detection.start, detection.end, entity))
        return sorted((p for p in people if same_sentence(text, p[1], end)), key=lambda p: p[1])

    def _speaker_at(self, key: PseudonymKey, text: str, position: int) -> KeyEntity | None:
        """Who speaks at ``position``: the participant of the line's turn label, else the
        document's one participant."""
        label = turn_label(text, position)
        if label is not None:
            entity_id = self._speakers.get(normalised_surface(label))
            entity = key.entities.get(entity_id) if entity_id else key.entity_for_surface(label)
            if entity is not None and entity.participant_id is not None:
                return entity
        entity_id = self._default_speakers.get(hash(text))
        return key.entities.get(entity_id) if entity_id else None

    def _share_names(self, key: PseudonymKey) -> None:
        """A surname or first name that several people in the key carry (two registered
        spouses; a participant and the brother named in her interview; a participant and
        someone else's child) stands for any of them: alone it is replaced by "[Hervestiger
        1 of Broer van Hervestiger 1]", never by one of them, and queued for review."""
        holders: dict[tuple[str, str], list[str]] = {}
        for entity in list(key.entities.values()):
            if entity.entity_type != "person" or entity.source in SHARED_SOURCES:
                continue
            for surface in entity.surfaces:
                words = surface.split()
                lexicons = self.detector.lexicons
                given = [words[0]] if len(words) > 1 and words[0].lower() not in lexicons.kunya and \
                    words[0].lower().rstrip(".") not in lexicons.titles and \
                    not re.fullmatch(r"(?:[^\W\d_]\.)+", words[0]) else []
                names = [(REASON_SHARED_NAME, g) for g in given]
                names += [(REASON_SHARED_SURNAME, p) for p in _surnames(surface, self.detector.lexicons)]
                for kind, name in names:
                    ids = holders.setdefault((kind, normalised_surface(name)), [])
                    if entity.entity_id not in ids:
                        ids.append(entity.entity_id)
        by_surface = key.surfaces()
        for (kind, norm), ids in holders.items():
            owner = key.entities.get(by_surface.get(norm, ""))
            if len(ids) < 2 or owner is None or not (owner.entity_id in ids or owner.source in SHARED_SOURCES):
                continue
            people = sorted((key.entities[i] for i in ids), key=lambda e: e.entity_id)
            labels = self.relations.either_labels([(e.pseudonym("nl"), e.pseudonym("en")) for e in people])
            # one entity per set of people: "Al-Rifai" and "Rifai" read the same placeholder
            index = "\x1f".join(("shared", ",".join(e.entity_id for e in people)))
            shared = key.add_related(index, lambda n: (*labels, None), counter="shared")
            shared.source = kind
            surface = next((s for s in owner.surfaces if normalised_surface(s) == norm), None)
            # None: a name that is one person's given name and another's surname was moved to
            # its shared placeholder by the other reading already
            if owner is not shared and surface is not None:
                key.add_surface_to(shared, surface, cased=True, force=True)   # cased=True keeps how it matched

    def _uncertain_occurrences(self, key: PseudonymKey, text: str, *, create: bool):
        """(start, end, entity id, reason) of each name in ``text`` that may be one person
        or another: a participant's first name or surname, or a shared one, after a
        relation that points outside the participant's family ("mijn broer Karim" where
        Karim is also another participant's name: the brother); a shared name elsewhere
        (already replaced as such); a participant's surname alone (replaced as them, but
        it may be a relative: for review)."""
        lowered = lower_same_length(text)
        lowercase = is_lowercased(text)
        labels = self._turn_label_people(key, text)
        out = []
        for start, end, entity_id in key.matcher().find(text, lowered=lowered):
            if not lowercase and lowered[start:end] in key.cased and not text[start].isupper():
                continue
            if (start, end) in labels:
                continue
            entity = key.entities[entity_id]
            name = normalised_surface(text[start:end])
            shared = entity.source in SHARED_SOURCES
            if not shared and (entity.participant_id is None or name in self._whole_names):
                continue
            cue = relation_before(text, start, self.relations) or relation_after(text, end, self.relations)
            if cue is not None and not cue.relation.kin:
                cue = None   # "mijn begeleider Ellen": the registered Ellen, or one of several Ellens
            anchor = self._anchor(key, text, cue, start) if cue is not None else None
            if cue is not None and not self._family_member(key, anchor, entity):
                relative = self._find_relative(key, cue, anchor, name)
                if relative is None and create:
                    relative = self._relative(key, cue, anchor, name)
                if relative is not None:
                    out.append((start, end, relative.entity_id, REASON_RELATIVE))
                    continue
            if shared:
                out.append((start, end, entity_id, entity.source))
            elif name in self._surnames:   # her surname alone: her, or a relative? a person decides
                out.append((start, end, entity_id, REASON_SHARED_SURNAME))
        return out

    def _find_relative(self, key: PseudonymKey, cue: RelationCue, anchor: KeyEntity | None,
                       name: str) -> KeyEntity | None:
        """The relative with this relation to ``anchor`` already known by ``name`` or by a
        name of which it is a part ("Karim" of the brother "Karim Haddad")."""
        prefix = "\x1f".join(("relation", anchor.entity_id if anchor else "", cue.relation.label_nl, ""))
        for index, entity_id in key.related.items():
            entity = key.entities.get(entity_id)
            if not index.startswith(prefix) or entity is None:
                continue
            if index[len(prefix):] == name or any(
                    name in {normalised_surface(p) for p in [s, *person_name_parts(s, self.detector.lexicons)]}
                    for s in entity.surfaces):
                return entity
        return None

    def _turn_label_people(self, key: PseudonymKey, text: str) -> dict[tuple[int, int], str]:
        """(start, end) of each speaker label in ``text`` -> its participant's entity id: a
        label is who speaks, even when the name is one several people carry."""
        out = {}
        for start, end, label in turn_labels(text):
            entity_id = self._speakers.get(normalised_surface(label))
            if entity_id in key.entities:
                out[(start, end)] = entity_id
        return out

    def _family_member(self, key: PseudonymKey, anchor: KeyEntity | None, entity: KeyEntity) -> bool:
        """Whether ``entity`` (a participant, or a name several people share) is, or may be,
        a registered member of ``anchor``'s family: "mijn man Khaled" said by his
        registered wife is Khaled; "mijn man Al-Hassan" may be him too."""
        if anchor is None:
            return False
        candidates = key.sharers(entity) if entity.source in SHARED_SOURCES else [entity]
        family = self._families.get(anchor.entity_id)
        return family is not None and any(
            c is not anchor and self._families.get(c.entity_id) == family for c in candidates)

    def _outside_placeholders(self, detections: list[Detection], text: str) -> list[Detection]:
        """Detections that do not touch a placeholder already in the text ("[Land 1]",
        "[Sponsor 2]", "[Telefoonnummer]" from an earlier pseudonymisation or a REFI-QDA
        project): a placeholder is never pseudonymised again into "[[Persoon 48] 1]"."""
        if "[" not in text:
            return detections
        placeholders = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)
                        if m.group(2) or m.group(1).split()[0].casefold() in self._placeholder_labels]
        if not placeholders:
            return detections
        return [d for d in detections if not any(d.start < e and s < d.end for s, e in placeholders)]

    @property
    def _placeholder_labels(self) -> frozenset[str]:
        labels = {PERSON_LABEL[0], PERSON_LABEL[1], "een", "a", "an", "de", "het", "the"}
        for kind in ENTITY_TYPES.values():
            labels.update((kind.label_nl, kind.label_en))
        for label_nl, label_en, _ in self.role_labels.values():
            labels.update((label_nl, label_en))
        return frozenset(word.split()[0].casefold() for word in labels if word) | self.relations.label_words()

    def _allowed(self, detections: list[Detection], text: str) -> list[Detection]:
        """Detections with every allow-listed occurrence cut out of them."""
        if not len(self._allow):
            return detections
        allowed = [(s, e) for s, e, _ in self._allow.find(text)]
        if not allowed:
            return detections
        out = []
        finder = self.detector.finder("nl") if self.detector is not None else None
        for detection in detections:
            if detection.entity_type not in NAME_TYPES:  # an e-mail address is never cut into pieces
                if not any(s <= detection.start and detection.end <= e for s, e in allowed):
                    out.append(detection)
                continue
            for piece in cut_away(detection, allowed, text):
                words = piece.text.split()
                cut = (piece.start, piece.end) != (detection.start, detection.end)
                if cut and finder is not None and len(words) == 1 and finder.features(words[0].lower()).common:
                    continue  # "Het" left over from "Community Sponsorship. Het"
                out.append(piece)
        return out

    def use_key(self, key: PseudonymKey) -> "Pseudonymiser":
        """Apply ``key`` as it is, learning nothing (fitted state without a fit): every key
        surface form and every shaped identifier is replaced. For measuring what an earlier
        run replaced, and for text that must not extend the key."""
        self.key_ = key
        self.rejected_ = set()
        self._fitted_texts = set()
        self._default_speakers = {}
        self.detections_ = pd.DataFrame(columns=DETECTION_COLUMNS)
        from evaltoolkit.store import table_schema

        self.review_queue_ = table_schema("raw_review_queue").empty()
        return self

    # ------------------------------------------------------------------ transform
    def transform_text(self, text: str) -> PseudonymisedText:
        """Replace every key surface form and shaped identifier in ``text``."""
        key = self._fitted_key()
        lowered = lower_same_length(text)
        lowercase = is_lowercased(text)
        found = []
        relatives = self._turn_label_people(key, text)
        relatives.update({(s, e): entity_id for s, e, entity_id, reason
                          in self._uncertain_occurrences(key, text, create=False) if reason == REASON_RELATIVE})
        for start, end, entity_id in key.matcher().find(text, lowered=lowered):
            if not lowercase and lowered[start:end] in key.cased and not text[start].isupper():
                continue
            entity = key.entities[relatives.get((start, end), entity_id)]
            found.append(Detection(start, end, entity.entity_type, 1.0, "key", text[start:end], entity.entity_id))
        if hash(text) not in self._fitted_texts:  # fitted texts' identifiers are in the key already
            for detection in detect_patterns(text, lowercase=lowercase):
                if lower_same_length(detection.text) not in self.rejected_:
                    found.append(detection)
        spans = []
        found = self._outside_placeholders(found, text)
        for detection in resolve_overlaps(self._allowed(found, text), text):
            entity = key.entities.get(detection.entity_id) if detection.entity_id else None
            placeholder = (entity.placeholder(self.language) if entity is not None
                           else f"[{entity_type(detection.entity_type).label(self.language)}]")
            spans.append((detection.start, detection.end, placeholder, detection.entity_type, detection.entity_id))
        new_text, replacements = apply_replacements(text, spans)
        return PseudonymisedText(new_text, replacements)

    def transform(self, documents: pd.DataFrame) -> pd.DataFrame:
        """``doc_id``, pseudonymised ``text`` and ``replacements`` (counts by type, JSON)."""
        rows = []
        for doc in documents.itertuples(index=False):
            result = self.transform_text(str(doc.text))
            counts: dict[str, int] = {}
            for r in result.replacements:
                counts[r.entity_type] = counts.get(r.entity_type, 0) + 1
            rows.append((doc.doc_id, result.text, json.dumps(counts, sort_keys=True)))
        return pd.DataFrame(rows, columns=["doc_id", "text", "replacements"])

    def fit_transform(self, documents: pd.DataFrame, **fit_options) -> pd.DataFrame:
        return self.fit(documents, **fit_options).transform(documents)

    def _fitted_key(self) -> PseudonymKey:
        if not hasattr(self, "key_"):
            raise ValueError("This Pseudonymiser is not fitted yet: call fit(documents) first.")
        return self.key_


#: A bracketed placeholder: a label, and a number when the label is numbered ("[Land 1]").
_PLACEHOLDER = re.compile(r"\[([^\W\d_][^\[\]\n]{0,78}?)(?: (\d{1,4}))?\]")


def register_surfaces(row, lexicons, finder) -> list[tuple[str, bool]]:
    """Every surface form of a register row, with whether it is matched only capitalised.

    Full names, variants and speaker labels are always matched; the parts of a full name
    (given name, surname with and without particle) too, unless a part is a common word
    ("Bakker", "Roos"): then only when capitalised.
    """
    surfaces: list[tuple[str, bool]] = []
    full = _text(getattr(row, "full_name", None))
    for name in [full, *_list(getattr(row, "name_variants", None))]:
        if name:
            surfaces.append((name, False))
            for part in person_name_parts(name, lexicons):
                if not finder.features(part.lower())[0] and len(part) >= 2:
                    surfaces.append((part, _is_common(finder, part)))
    for label in _list(getattr(row, "speaker_labels", None)):
        if len(label) >= 3 and label.lower() not in lexicons.role_words and not re.search(r"\d", label):
            surfaces.append((label, False))
    return surfaces


def person_name_parts(name: str, lexicons) -> list[str]:
    """"Khaled Al-Hassan" -> Khaled, Al-Hassan, Hassan; "Jan de Vries" -> Jan, de Vries, Vries.
    A kunya ("Abu Rami") is one name: "Rami" alone may be his son."""
    words = name.split()
    if not words or words[0].lower() in lexicons.kunya:
        return []
    words = [w for w in words if w.lower().rstrip(".") not in lexicons.titles]
    parts: list[str] = []
    for i, word in enumerate(words):
        if word.lower() in lexicons.particles or re.fullmatch(r"(?:[A-Z]\.)+", word):
            continue
        parts.append(word)
        j = i
        while j > 0 and words[j - 1].lower() in lexicons.particles:
            j -= 1
        if j < i:
            parts.append(" ".join(words[j:i + 1]))
        for piece in re.split(r"[-‐]", word):
            if piece != word and len(piece) >= 3 and piece.lower() not in lexicons.particles:
                parts.append(piece)
    return [p for p in dict.fromkeys(parts) if p != name and re.fullmatch(r"[^\W\d_][\w'’ -]*", p)]


def _register_surnames(register: pd.DataFrame | None, lexicons) -> set[str]:
    """Lower-cased surnames of the register's full names ("al-rifai", "de vries-kok")."""
    if register is None or "full_name" not in register:
        return set()
    surnames = set()
    for name in register["full_name"].dropna():
        parts = person_name_parts(str(name), lexicons)
        first = str(name).split()[0] if str(name).split() else ""
        surnames.update(lower_same_length(p) for p in parts if p != first)
    return surnames


def build_review_queue(detections: pd.DataFrame, documents: pd.DataFrame, *, key: PseudonymKey, threshold: float,
                       decisions: pd.DataFrame | None = None, context_chars: int = 60,
                       surnames: set[str] = frozenset()) -> pd.DataFrame:
    """One queue item per surface form below ``threshold``, naming a person outside the
    register, or naming a person by a participant's surname alone (``surnames``: it may be
    them or a relative, who needs a placeholder of their own), or that the pseudonymiser
    marked uncertain (``review_reason``: a surname several people share; a participant's
    name after a relation that points outside their family). The item points to the first
    occurrence with that reason (document and offsets).

    Surfaces already decided are left out; the context window is raw text (raw side only).
    """
    from evaltoolkit.store import table_schema

    schema = table_schema("raw_review_queue")
    if detections.empty:
        return schema.empty()
    decided = set()
    if decisions is not None and not decisions.empty:
        decided = {normalised_surface(s) for s in decisions["surface"]}
    texts = dict(zip(documents["doc_id"], documents["text"]))
    groups: dict[str, dict] = {}
    marked = getattr(detections, "review_reason", pd.Series(None, index=detections.index))
    for row, reason in zip(detections.itertuples(index=False), marked):
        norm = normalised_surface(row.surface)
        group = groups.get(norm)
        if group is None:
            group = groups[norm] = {"first": row, "confidence": row.confidence, "count": 0, "reason": None}
        else:
            group["confidence"] = max(group["confidence"], row.confidence)
        group["count"] += 1
        if isinstance(reason, str) and _REASON_RANK[reason] > _REASON_RANK.get(group["reason"], -1):
            group["first"], group["reason"] = row, reason
    rows = []
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for norm, group in groups.items():
        first = group["first"]
        entity = key.entities.get(first.entity_id)
        new_name = first.entity_type == "person" and (entity is None or entity.participant_id is None)
        low = group["confidence"] < threshold
        surname_only = first.entity_type == "person" and norm in surnames
        if norm in decided or not (new_name or low or surname_only or group["reason"]):
            continue
        reason = group["reason"] or (REASON_SHARED_SURNAME if surname_only else REASON_LOW_CONFIDENCE if low
                                     else REASON_NEW_NAME)
        text = str(texts.get(first.doc_id, ""))
        start, end = int(first.start_char), int(first.end_char)
        rows.append({
            "item_id": hashlib.sha256(f"{norm}\x00{first.entity_type}".encode()).hexdigest()[:16],
            "surface": first.surface, "entity_type": first.entity_type, "confidence": float(group["confidence"]),
            "source": first.source, "doc_id": first.doc_id,
            "reason": reason,
            "start_char": start, "end_char": end, "context": text[max(0, start - context_chars):end + context_chars],
            "occurrences": group["count"], "placeholder": first.placeholder, "status": REVIEW_OPEN, "created_at": now,
        })
    return schema.coerce(pd.DataFrame(rows)) if rows else schema.empty()


#: Which reason an item that is uncertain in two ways is queued for.
_REASON_RANK = {REASON_SHARED_NAME: 0, REASON_SHARED_SURNAME: 0, REASON_RELATIVE: 1}


def _owner(key: PseudonymKey, surface: str, parts: list[str]) -> KeyEntity | None:
    """The person a newly found name belongs to, when one of its parts is already theirs.

    A shared surname alone does not make two people one: "Rami Al-Rifai" in Majd
    Al-Rifai's interview is her brother, not her. A name of several words belongs to an
    entity only through its given name (its first word); a single word goes to its owner,
    initials and a surname ("M. Al-Rifai") to the owner of the surname when the initial
    is that of their given name ("R. Al-Rifai" is someone else).
    """
    def person(part: str) -> KeyEntity | None:
        entity = key.entity_for_surface(part)
        return entity if entity is not None and entity.entity_type == "person" else None

    words = surface.split()
    initials = re.fullmatch(r"(?:[^\W\d_]\.)+", words[0]) if words else None
    if len(words) > 1 and parts and initials:
        # "K. Haddad" is Fatima Haddad only if her given name starts with K: else someone else
        owner = next((person(p) for p in parts if person(p) is not None), None)
        given = [s for s in (owner.surfaces if owner else []) if len(s.split()) > 1 and not re.fullmatch(
            r"(?:[^\W\d_]\.)+", s.split()[0])]
        if owner is not None and given and all(s[0].casefold() != words[0][0].casefold() for s in given):
            return None
        return owner
    if len(words) > 1 and parts:
        given = person(parts[0]) if parts[0] == words[0] else None
        if given is None:
            return None   # a new person who shares a surname: their own placeholder
        if all(person(p) in (None, given) for p in parts[1:]):
            return given
        return None       # given name of one person, surname of another: someone else
    return next((person(p) for p in parts if person(p) is not None), None)


def _surnames(surface: str, lexicons) -> list[str]:
    """The surnames in a person's name of several words: "Karim Haddad" -> Haddad, "K.
    Haddad" -> Haddad; none in "Abu Rami" (a kunya) or a single word."""
    words = surface.split()
    if len(words) < 2 or re.search(r"[.,;:!?]\s", surface):   # not a name but two ("Noor. Fatima")
        return []
    given = words[0] if not re.fullmatch(r"(?:[^\W\d_]\.)+", words[0]) else ""
    given_parts = {given, *re.split(r"[-‐]", given)}   # "Zahra" of "Fatima-Zahra" is no surname
    return [p for p in person_name_parts(surface, lexicons) if p not in given_parts and p.split()[0] != given]


def _document_speaker(key: PseudonymKey, participant_ids) -> KeyEntity | None:
    """The one participant of a document (a survey answer, a one-to-one interview), if it has one."""
    ids = _list(participant_ids) if participant_ids is not None else []
    return key.participant_entity(ids[0]) if len(ids) == 1 else None


def _name_like(finder, part: str) -> bool:
    """A part of a detected person name that may stand for the person on its own."""
    features = [finder.features(w.lower()) for w in re.split(r"[\s-]+", part) if w]
    return bool(features) and not any(f.stop or f.place for f in features) and any(
        f.rank is not None or f.rare for f in features)


def _is_common(finder, surface: str) -> bool:
    words = surface.split()
    return len(words) == 1 and finder.features(words[0].lower())[1]


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value).strip()


def _list(value) -> list[str]:
    """A register list cell: a list (as the store gives it), JSON list text, or ';'-separated
    text (as in register.csv)."""
    if isinstance(value, (list, tuple)):
        items = list(value)
    else:
        text = _text(value)
        items = list_cell(text, where="a register list cell") if text.startswith("[") else text.split(";")
    return [str(v).strip() for v in items if str(v).strip()]
