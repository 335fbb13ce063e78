"""Pseudonymise the whole project: raw store in, project store out.

Nothing raw enters the project store: documents, segments, attributes and questions are
written only after replacement; the register's names stay in the raw store and in the
encrypted key. The run is written to the audit log (counts only).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evaltoolkit.config import ProjectConfig
from evaltoolkit.privacy.detector import Detector
from evaltoolkit.privacy.key import load_or_create_key, save_key
from evaltoolkit.privacy.pseudonymiser import PSEUDONYMISER_VERSION, Pseudonymiser, role_labels_from_config
from evaltoolkit.privacy.replace import OffsetMap
from evaltoolkit.store import Store, open_project_store, open_raw_store, table_schema


@dataclass(frozen=True)
class PseudonymiseReport:
    documents: int
    segments: int
    participants: int
    replacements: dict[str, int]
    new_entities: int
    queued: int
    key_path: Path
    removed_documents: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __str__(self) -> str:
        by_type = ", ".join(f"{kind} {count}" for kind, count in sorted(self.replacements.items())) or "none"
        lines = [f"Pseudonymised {self.documents} documents, {self.segments} segments, "
                 f"{self.participants} participants.",
                 f"Replaced: {by_type}.",
                 f"New key entries: {self.new_entities}; review queue: {self.queued} open items.",
                 f"Key: {self.key_path}"]
        return "\n".join([*lines, *self.notes])


def pseudonymise_project(config: ProjectConfig, *, passphrase: str, progress: bool = True,
                         detector: Detector | None = None, actor: str = "evaltoolkit") -> PseudonymiseReport:
    """Read the raw store, write the pseudonymised project store, extend and save the key.

    A wrong passphrase raises PrivacyError before anything is written.
    """
    key = load_or_create_key(config.paths.key, passphrase=passphrase)
    raw = open_raw_store(config.paths.raw_store)
    participants = raw.read("raw_participants")
    documents, segments = _consented(raw.read("raw_documents"), raw.read("raw_segments"), participants)
    decisions = raw.read("raw_review_decisions")
    pseudonymiser = Pseudonymiser(
        detector=detector, key=key, language=config.privacy.placeholder_language,
        allow_list=config.privacy.allow_list, review_threshold=config.privacy.review_threshold,
        role_labels=role_labels_from_config(config),
    ).fit(_with_progress(documents, progress), register=participants, decisions=decisions)
    out_documents, out_segments, counts = _transform_documents(pseudonymiser, documents, segments)
    tables = {
        "documents": out_documents,
        "segments": out_segments,
        "participants": _participants(pseudonymiser, participants),
        "attributes": _attributes(pseudonymiser, raw.read("raw_attributes")),
        "questions": _questions(pseudonymiser, raw.read("raw_questions")),
    }
    save_key(pseudonymiser.key_, config.paths.key, passphrase=passphrase)
    store = open_project_store(config.paths.store_url)
    removed = _write_project(store, tables, actor=actor, counts=counts, queued=len(pseudonymiser.review_queue_))
    _write_queue(raw, pseudonymiser.review_queue_)
    return PseudonymiseReport(
        documents=len(out_documents), segments=len(out_segments), participants=len(tables["participants"]),
        replacements=counts, new_entities=len(pseudonymiser.key_) - len(key),
        queued=len(pseudonymiser.review_queue_), key_path=config.paths.key, removed_documents=removed,
    )


def _consented(documents: pd.DataFrame, segments: pd.DataFrame, participants: pd.DataFrame):
    """Leave out what belongs to withdrawn participants (ingestion does too; this guards a
    withdrawal recorded in the raw register after the last ingestion)."""
    withdrawn = set(participants.loc[participants["withdrawn_on"].notna(), "participant_id"])
    if not withdrawn:
        return documents, segments
    keep = [not (ids and set(ids) <= withdrawn) for ids in documents["participant_ids"].map(_ids)]
    documents = documents[keep].reset_index(drop=True)
    segments = segments[segments["doc_id"].isin(documents["doc_id"])
                        & ~segments["participant_id"].isin(withdrawn)].reset_index(drop=True)
    return documents, segments


def _transform_documents(pseudonymiser: Pseudonymiser, documents: pd.DataFrame, segments: pd.DataFrame):
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    counts: dict[str, int] = {}
    doc_rows, segment_frames = [], []
    by_doc = dict(tuple(segments.groupby("doc_id", sort=False)))
    for doc in documents.itertuples(index=False):
        result = pseudonymiser.transform_text(str(doc.text))
        for replacement in result.replacements:
            counts[replacement.entity_type] = counts.get(replacement.entity_type, 0) + 1
        row = doc._asdict()
        row.update(text=result.text, source_path=pseudonymiser.transform_text(str(doc.source_path)).text,
                   pseudonymiser_version=PSEUDONYMISER_VERSION, pseudonymised_at=now)
        doc_rows.append(row)
        doc_segments = by_doc.get(doc.doc_id)
        if doc_segments is not None:
            segment_frames.append(_segments(pseudonymiser, doc_segments, str(doc.text), result))
    documents_out = table_schema("documents").coerce(pd.DataFrame(doc_rows))
    segments_out = (pd.concat(segment_frames, ignore_index=True) if segment_frames
                    else table_schema("segments").empty())
    return documents_out, table_schema("segments").coerce(segments_out), counts


def _segments(pseudonymiser: Pseudonymiser, segments: pd.DataFrame, raw_text: str, result) -> pd.DataFrame:
    """Segments with offsets recomputed against the pseudonymised document text."""
    offsets = OffsetMap(result.replacements)
    segments = segments.copy()
    starts, ends, texts = [], [], []
    for row in segments.itertuples(index=False):
        start, end = int(row.start_char), int(row.end_char)
        if raw_text[start:end] == row.text:
            new_start, new_end = offsets.start(start), offsets.end(end)
            text = result.text[new_start:new_end]
        else:  # offsets that do not fit the text: pseudonymise the segment on its own
            text = pseudonymiser.transform_text(str(row.text)).text
            found = result.text.find(text)
            new_start, new_end = (found, found + len(text)) if found >= 0 else (offsets.start(start), offsets.start(start))
        starts.append(new_start)
        ends.append(new_end)
        texts.append(text)
    return segments.assign(start_char=starts, end_char=ends, text=texts)


def _participants(pseudonymiser: Pseudonymiser, participants: pd.DataFrame) -> pd.DataFrame:
    key = pseudonymiser.key_
    pseudonyms = []
    for participant_id in participants["participant_id"]:
        entity = key.participant_entity(participant_id)
        pseudonyms.append(None if entity is None else entity.pseudonym(pseudonymiser.language))
    return table_schema("participants").coerce(participants.assign(pseudonym=pseudonyms))


def _attributes(pseudonymiser: Pseudonymiser, attributes: pd.DataFrame) -> pd.DataFrame:
    values = [v if pd.isna(v) else pseudonymiser.transform_text(str(v)).text for v in attributes["value"]]
    return table_schema("attributes").coerce(attributes.assign(value=values))


def _questions(pseudonymiser: Pseudonymiser, questions: pd.DataFrame) -> pd.DataFrame:
    texts = [pseudonymiser.transform_text(str(t)).text for t in questions["text"]]
    return table_schema("questions").coerce(questions.assign(text=texts))


def _write_project(store: Store, tables: dict[str, pd.DataFrame], *, actor: str, counts: dict[str, int],
                   queued: int) -> int:
    """Write every table in one transaction; documents no longer in the raw store go."""
    existing = store.read("documents")["doc_id"]
    gone = sorted(set(existing) - set(tables["documents"]["doc_id"]))
    with store.transaction() as tx:
        if gone:
            tx.delete("segments", where={"doc_id": gone})
            tx.delete("documents", where={"doc_id": gone})
        doc_ids = tables["documents"]["doc_id"].tolist()
        if doc_ids:
            tx.delete("segments", where={"doc_id": doc_ids})
        for name in ("participants", "documents", "segments", "attributes", "questions"):
            tx.write(name, tables[name], mode="upsert")
        tx.audit(actor=actor, action="pseudonymise", entity_type="project", details={
            "documents": len(tables["documents"]), "segments": len(tables["segments"]),
            "removed_documents": len(gone), "replacements": counts, "review_queue": queued,
            "version": PSEUDONYMISER_VERSION,
        })
    return len(gone)


def _write_queue(raw: Store, queue: pd.DataFrame) -> None:
    with raw.transaction() as tx:
        tx.delete("raw_review_queue", where={"status": "open"})
        tx.write("raw_review_queue", queue, mode="upsert")


def _with_progress(documents: pd.DataFrame, progress: bool) -> pd.DataFrame:
    if progress and len(documents):
        from rich.console import Console

        Console(stderr=True).print(f"Pseudonymising {len(documents)} documents...")
    return documents


def _ids(value) -> list[str]:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return []
    try:
        return [str(v) for v in json.loads(value)]
    except (TypeError, ValueError):
        return [v.strip() for v in str(value).split(";") if v.strip()]
