"""Withdrawal: a participant leaves the study and their data goes, everywhere; nothing else
is lost.

Removed, in the raw and the project store alike: documents where they are the only
participant (staff roles of evaltoolkit.yaml, such as an interviewer, aside), their turns
in shared documents (a focus
group: the text is cut and the other segments' offsets moved), and in the project store the
codings, memos and topic assignments on those segments and the segment ids in insights'
evidence. The register rows keep the id and role with ``withdrawn_on``; the names go from
the raw register, and the key no longer links the participant to a placeholder (the name
stays a key surface form, so a mention by someone else is still replaced; without a key
that knows them the names stay in the raw register for that reason). The audit log
records the withdrawal with counts only.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.privacy.consent import staff_members
from evaltoolkit.privacy.key import PseudonymKey
from evaltoolkit.privacy.replace import OffsetMap, apply_replacements
from evaltoolkit.store import Store, list_cell
from evaltoolkit.store.faults import crash_point
from evaltoolkit.store.store import Transaction
from evaltoolkit.store.values import (
    ENTITY_DOCUMENT,
    ENTITY_PARTICIPANT,
    MEMO_ON_DOCUMENT,
    MEMO_ON_SEGMENT,
    REVIEW_OPEN,
)


@dataclass(frozen=True)
class WithdrawalReport:
    participant_id: str
    documents: int        # documents removed
    segments: int         # segments removed (including those of removed documents)
    codings: int
    memos: int
    insights: int         # insights whose evidence lost segment ids
    topic_assignments: int
    topic_models: tuple[str, ...] = ()     # saved model folders deleted (fitted on their segments)
    embeddings: int = 0                    # cached vectors removed
    suggester_models: int = 0              # saved learned suggesters deleted (their codings were training rows)
    exports: tuple[str, ...] = ()          # earlier output files that still hold their words
    sources: tuple[str, ...] = ()          # collected source files (data/raw) with their words
    key_locked: bool = False               # the key could not be opened: it still links them (pending)

    def __str__(self) -> str:
        lines = [f"Withdrew {self.participant_id}: removed {self.documents} documents, {self.segments} segments, "
                 f"{self.codings} codings, {self.memos} memos, {self.topic_assignments} topic assignments; "
                 f"updated the evidence of {self.insights} insights."]
        if self.topic_models or self.embeddings or self.suggester_models:
            lines.append(f"Deleted {len(self.topic_models)} saved topic models, {self.embeddings} cached embeddings "
                         f"and {self.suggester_models} saved suggesters (refit: `evaltoolkit topics fit --refit`).")
        if self.exports:
            lines.append("Earlier outputs still hold their words; delete them (and copies sent on):")
            lines.extend(f"  {path}" for path in self.exports)
        if self.key_locked:
            lines.append(f"The pseudonymisation key still links {self.participant_id} to their placeholder (it is "
                         "locked): set the key's passphrase and run `evaltoolkit participant withdraw` again (or "
                         "`evaltoolkit pseudonymise`) to finish; until then the withdrawal stays pending.")
        if self.sources:
            lines.append("Source files that hold their words (delete them, or remove their part and ingest again):")
            lines.extend(f"  {path}" for path in self.sources)
        return "\n".join(lines)


def withdraw_participant(raw: Store, store: Store, participant_id: str, *, actor: str,
                         staff_roles: Collection[str], key: PseudonymKey | None = None,
                         withdrawn_on: dt.date | None = None) -> WithdrawalReport:
    """Remove ``participant_id``'s data from the raw and the project store and record the withdrawal.

    People whose role is one of ``staff_roles`` are not participants and cannot be withdrawn.
    ``key`` (when given) loses the link from the participant to their placeholder; the
    caller saves it.
    """
    withdrawn_on = withdrawn_on or dt.date.today()
    people = raw.read("raw_participants")
    check_withdrawable(people, participant_id, staff_roles=staff_roles,
                       where=raw.engine.url.render_as_string(hide_password=True))
    staff = staff_members(people, staff_roles)
    raw_side = affected(raw.read("raw_documents"), raw.read("raw_segments"), participant_id, staff)
    with raw.transaction() as tx:
        only_docs, _, cut_spans = _remove_from(tx, participant_id, staff, prefix="raw_")
        person = people[people["participant_id"] == participant_id].assign(withdrawn_on=withdrawn_on)
        if key is not None and key.participant_entity(participant_id) is not None:
            # the key keeps their names as surface forms (someone else's mention of them is still
            # replaced); without a key that learned them, the raw register is where they stay
            person = person.assign(full_name=None, name_variants=None, speaker_labels=None)
        tx.write("raw_participants", person, mode="upsert")
        if only_docs:
            tx.delete("raw_review_queue", where={"doc_id": only_docs})
        _clean_review_queue(tx, cut_spans)
    crash_point("withdraw.after_raw")
    # the project store knows them by their opaque id, which only the key gives; what the raw
    # side removed is removed by document and segment id too (the ids are the same on both
    # sides), so a locked key still takes their words out of the analysis side
    store_id = project_id(key, participant_id)
    with store.transaction() as tx:
        project_staff = staff_members(tx.read("participants"), staff_roles)
        documents, segment_ids, _ = _remove_from(tx, store_id, project_staff, prefix="", known=raw_side)
        counts = _remove_work(tx, segment_ids, documents)
        if store_id is not None:
            participants = tx.read("participants", where={"participant_id": store_id})
            if len(participants):
                tx.write("participants", participants.assign(withdrawn_on=withdrawn_on, pseudonym=None),
                         mode="upsert")
            tx.delete("attributes", where={"entity_type": ENTITY_PARTICIPANT, "entity_id": store_id})
        report = WithdrawalReport(participant_id, len(documents), len(segment_ids), **counts)
        # the analysis side's audit names them by their opaque id, never by their register id
        tx.audit(actor=actor, action="withdraw", entity_type="participant", entity_id=store_id,
                 details={k: v for k, v in report.__dict__.items() if k != "participant_id"})
    if key is not None:
        entity = key.participant_entity(participant_id)
        if entity is not None:
            entity.participant_id = None   # no re-identification any more; mentions stay replaced
            entity.source = "withdrawn"
    return report


def project_id(key: PseudonymKey | None, participant_id: str) -> str | None:
    """The participant's id in the project store: the key's opaque id (None without a key, or
    when they were never pseudonymised). The key keeps it after a withdrawal: it names no
    one, and a resumed withdrawal still finds their rows by it."""
    return None if key is None else key.opaque_id(participant_id, create=False)


def check_withdrawable(people: pd.DataFrame, participant_id: str, *, staff_roles: Collection[str], where) -> None:
    """InputError unless ``participant_id`` is a participant of the register (not staff)."""
    if participant_id not in set(people["participant_id"]):
        raise InputError(f"{participant_id!r} is not in the register (raw store {where}). "
                         "Check the id in register.csv.")
    if participant_id in staff_members(people, staff_roles):
        role = people.loc[people["participant_id"] == participant_id, "role"].iloc[0]
        raise InputError(f"{participant_id!r} has the staff role {role!r} (evaltoolkit.yaml, roles:); staff are "
                         "not participants and cannot be withdrawn. Check the id, or set staff: false for the role.")


def _remove_from(tx: Transaction, participant_id: str | None, staff: set[str], *, prefix: str,
                 known: tuple | None = None) -> tuple[list[str], list[str], dict[str, list[tuple[int, int]]]]:
    """Remove the participant's documents and turns from one store (``known``: see
    :func:`affected`); returns the removed document ids and segment ids, and per shared
    document the character spans (before the cut) of the turns that went."""
    documents = tx.read(f"{prefix}documents")
    segments = tx.read(f"{prefix}segments")
    only, shared, removed = affected(documents, segments, participant_id, staff, known=known)
    cut_spans: dict[str, list[tuple[int, int]]] = {}
    if only:
        tx.delete(f"{prefix}segments", where={"doc_id": only})
        if prefix == "":
            tx.delete("attributes", where={"entity_type": ENTITY_DOCUMENT, "entity_id": only})
        else:
            tx.delete("raw_attributes", where={"entity_type": ENTITY_DOCUMENT, "entity_id": only})
        tx.delete(f"{prefix}documents", where={"doc_id": only})
    for doc_id in shared:
        doc = documents[documents["doc_id"] == doc_id].iloc[0]
        doc_segments = segments[segments["doc_id"] == doc_id]
        drop = doc_segments["segment_id"].isin(removed)
        cut_spans[doc_id] = [(int(r.start_char), int(r.end_char)) for r in doc_segments[drop].itertuples()]
        text, kept = cut_segments(str(doc["text"]), doc_segments, drop)
        ids = [p for p in _ids(doc["participant_ids"]) if p != participant_id] if participant_id else None
        row = documents[documents["doc_id"] == doc_id]
        tx.delete(f"{prefix}segments", where={"segment_id": doc_segments.loc[drop, "segment_id"].tolist()})
        row = row.assign(text=text)
        if ids is not None:
            row = row.assign(participant_ids=pd.Series([ids], index=row.index))
        tx.write(f"{prefix}documents", row, mode="upsert")
        tx.write(f"{prefix}segments", kept, mode="upsert")
    return only, removed, cut_spans


def _clean_review_queue(tx: Transaction, cut_spans: dict[str, list[tuple[int, int]]]) -> None:
    """Privacy review items of shared documents hold raw context around a detection, which
    may be the withdrawn person's words: items inside their turns go, open items go (the
    next pseudonymisation derives the open queue again from the cut text), and decided items
    keep their decision but lose their context."""
    if not cut_spans:
        return
    queue = tx.read("raw_review_queue", where={"doc_id": list(cut_spans)})
    inside = [any(start <= int(item.start_char) < end for start, end in cut_spans[item.doc_id])
              for item in queue.itertuples()]
    going = queue[pd.Series(inside, index=queue.index, dtype=bool) | (queue["status"] == REVIEW_OPEN)]
    if len(going):
        tx.delete("raw_review_queue", where={"item_id": going["item_id"].tolist()})
    kept = queue[~queue["item_id"].isin(going["item_id"])]
    if len(kept):
        tx.write("raw_review_queue", kept.assign(context=None), mode="upsert")


def affected(documents: pd.DataFrame, segments: pd.DataFrame, participant_id: str | None,
             staff: Collection[str], *, known: tuple | None = None) -> tuple[list[str], list[str], list[str]]:
    """What a withdrawal removes from one store: the documents where they are the only
    participant (staff aside), the shared documents they speak in, and the segment ids
    that go (all of the first, their turns in the second).

    ``known`` is what :func:`affected` gave for the other store (documents and segments
    have the same ids on both sides): the project store, where they are known by an opaque
    id only the key gives, loses those too (all of them when ``participant_id`` is None).
    """
    known_only, known_shared, known_segments = (set(part) for part in known) if known else (set(), set(), set())
    only, shared = [], []
    for doc in documents.itertuples(index=False):
        if doc.doc_id in known_only:
            only.append(doc.doc_id)
            continue
        ids = _ids(doc.participant_ids)
        speakers = set(segments.loc[segments["doc_id"] == doc.doc_id, "participant_id"].dropna())
        mine = participant_id is not None and (participant_id in ids or participant_id in speakers)
        if doc.doc_id in known_shared:
            shared.append(doc.doc_id)
        elif mine:
            others = (set(ids) | speakers) - {participant_id} - set(staff)
            (shared if others else only).append(doc.doc_id)
    theirs = segments["segment_id"].isin(known_segments)
    if participant_id is not None:
        theirs |= segments["participant_id"] == participant_id
    removed = segments.loc[segments["doc_id"].isin(only) | (segments["doc_id"].isin(shared) & theirs),
                           "segment_id"].tolist()
    return only, shared, removed


def cut_segments(text: str, segments: pd.DataFrame, drop: pd.Series) -> tuple[str, pd.DataFrame]:
    """``text`` without the turns of the dropped segments (speaker label and separator
    included), and the kept segments with offsets moved to the new text."""
    cuts = []
    for row in segments[drop.to_numpy()].itertuples(index=False):
        start, end = int(row.start_char), int(row.end_char)
        line_start = text.rfind("\n", 0, start) + 1
        after = end
        while after < len(text) and text[after] == "\n":
            after += 1
        if after == len(text):  # the last turn: take the separator before it instead
            while line_start > 0 and text[line_start - 1] == "\n":
                line_start -= 1
        cuts.append((line_start, after, "", "withdrawn", None))
    new_text, replacements = apply_replacements(text, _merge(cuts))
    offsets = OffsetMap(replacements)
    kept = segments[~drop.to_numpy()].copy()
    kept["start_char"] = [offsets.start(int(s)) for s in kept["start_char"]]
    kept["end_char"] = [offsets.end(int(e)) for e in kept["end_char"]]
    return new_text, kept


def _merge(cuts: list[tuple]) -> list[tuple]:
    merged: list[tuple] = []
    for cut in sorted(cuts):
        if merged and cut[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], cut[1]), "", "withdrawn", None)
        else:
            merged.append(cut)
    return merged


def _remove_work(tx: Transaction, segment_ids: list[str], documents: list[str]) -> dict[str, int]:
    """Codings, memos, topic assignments and insight evidence attached to removed segments."""
    counts = {"codings": 0, "memos": 0, "insights": 0, "topic_assignments": 0}
    if segment_ids:
        counts["codings"] = tx.delete("codings", where={"segment_id": segment_ids})
        counts["memos"] = tx.delete("memos", where={"target_type": MEMO_ON_SEGMENT, "target_id": segment_ids})
        counts["topic_assignments"] = tx.delete("topic_assignments", where={"segment_id": segment_ids})
    if documents:
        counts["memos"] += tx.delete("memos", where={"target_type": MEMO_ON_DOCUMENT, "target_id": documents})
    removed = set(segment_ids)
    insights = tx.read("insights")
    changed, kept = [], []
    for index, evidence in insights["evidence_segment_ids"].items():
        ids = _ids(evidence)
        if removed & set(ids):
            changed.append(index)
            kept.append([i for i in ids if i not in removed])
    if changed:
        tx.write("insights", insights.loc[changed].assign(
            evidence_segment_ids=pd.Series(kept, index=changed, dtype="object")), mode="upsert")
    counts["insights"] = len(changed)
    return counts


def _ids(value) -> list[str]:
    return [str(v) for v in list_cell(value)]
