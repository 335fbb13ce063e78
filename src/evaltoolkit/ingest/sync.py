"""Bring the raw store in line with what was read from one source file, in one transaction.

Segments whose text is unchanged keep their ids (:func:`evaltoolkit.corpus.reconcile_segments`);
segments that disappeared are deleted; documents the file no longer yields (a response
removed from a survey export) are deleted with their segments and attributes.
"""
from __future__ import annotations


import pandas as pd
from sqlalchemy import func, select

from evaltoolkit.corpus import reconcile_segments
from evaltoolkit.errors import InputError
from evaltoolkit.ingest.tables import SourceTables, now
from evaltoolkit.store import Store, Transaction, list_cell
from evaltoolkit.store.values import ENTITY_DOCUMENT, ENTITY_PARTICIPANT, KIND_SURVEY, SPEAKER_RESPONDENT


def write_source(store: Store, tables: SourceTables, segments: pd.DataFrame, *, source_path: str,
                 content_hash: str, settings_hash: str, reader: str, questions: pd.DataFrame) -> pd.DataFrame:
    """Store what was read from ``source_path``; return the segments as stored (stable ids).

    Everything happens in one transaction: if any write fails, the store keeps what it
    had for this file before.
    """
    with store.transaction() as tx:
        _refuse_taken_doc_ids(tx, tables.documents["doc_id"].tolist(), source_path)
        old_doc_ids = _doc_ids_of(tx, source_path)
        previous = tx.read("raw_segments", where={"doc_id": old_doc_ids}) if old_doc_ids else None
        if previous is not None:
            segments, removed = reconcile_segments(previous, segments)
        else:
            removed = []
        new_doc_ids = tables.documents["doc_id"].tolist()
        gone = sorted(set(old_doc_ids) - set(new_doc_ids))
        if gone:
            _delete_documents(tx, gone)
        if removed:
            tx.delete("raw_segments", where={"segment_id": removed})
        if old_doc_ids:
            tx.delete("raw_attributes", where={"entity_type": ENTITY_DOCUMENT, "entity_id": old_doc_ids})
        if not tables.respondents.empty:
            tx.write("raw_participants", tables.respondents, mode="upsert")
        tx.write("raw_documents", tables.documents, mode="upsert")
        for table, frame in (("raw_segments", segments), ("raw_attributes", tables.attributes),
                             ("raw_questions", questions)):
            if len(frame):
                tx.write(table, frame, mode="upsert")
        tx.write("raw_sources", pd.DataFrame([{
            "source_path": source_path, "content_hash": content_hash, "reader": reader,
            "doc_ids": list(new_doc_ids), "ingested_at": now(), "settings_hash": settings_hash,
        }]), mode="upsert")
    return segments


def remove_source(store: Store, source_path: str) -> int:
    """Delete everything a source file had put in the raw store; return how many documents."""
    with store.transaction() as tx:
        doc_ids = _doc_ids_of(tx, source_path)
        if doc_ids:
            _delete_documents(tx, doc_ids)
        tx.delete("raw_sources", where={"source_path": source_path})
    return len(doc_ids)


def segment_counts(store: Store) -> dict[str, int]:
    """Number of stored segments per source file (``raw_documents.source_path``)."""
    documents, segments = store.tables["raw_documents"], store.tables["raw_segments"]
    query = (select(documents.c.source_path, func.count(segments.c.segment_id))
             .select_from(documents.join(segments, segments.c.doc_id == documents.c.doc_id))
             .group_by(documents.c.source_path))
    with store.connection() as connection:
        return {path: count for path, count in connection.execute(query)}


def _refuse_taken_doc_ids(tx: Transaction, doc_ids: list[str], source_path: str) -> None:
    """Refuse to write documents whose ids the raw store holds for another file: the write
    would replace that file's text (the check and the write are one transaction)."""
    documents = tx.store.tables["raw_documents"]
    taken: dict[str, list[str]] = {}
    for start in range(0, len(doc_ids), 500):
        query = (select(documents.c.doc_id, documents.c.source_path)
                 .where(documents.c.doc_id.in_(doc_ids[start:start + 500]), documents.c.source_path != source_path))
        for doc_id, other in tx.connection.execute(query):
            taken.setdefault(other, []).append(doc_id)
    if taken:
        held = "; ".join(f"{', '.join(sorted(ids)[:5])}{' ...' if len(ids) > 5 else ''} by {other}"
                         for other, ids in sorted(taken.items()))
        raise InputError(f"{source_path}: its doc_ids are already used in the raw store ({held}). Writing them "
                         "would replace that file's text, so nothing was written. Give this file's rows doc_ids "
                         "of their own in manifest.csv (or a survey its own survey_id).")


def _doc_ids_of(tx: Transaction, source_path: str) -> list[str]:
    documents = tx.store.tables["raw_documents"]
    query = select(documents.c.doc_id).where(documents.c.source_path == source_path)
    return [row[0] for row in tx.connection.execute(query)]


def _delete_documents(tx: Transaction, doc_ids: list[str]) -> None:
    """Delete documents with their segments and attributes. Participant attributes come
    only from survey answers: those of participants no remaining survey document names go
    too, and so do survey respondents (role ``respondent``, not in the register)."""
    named, surveys = set(), set()
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        documents = tx.read("raw_documents", where={"doc_id": chunk})
        named.update(p for ids in documents["participant_ids"] for p in list_cell(ids))
        surveys.update(_survey_ids(tx, chunk))
        tx.delete("raw_segments", where={"doc_id": chunk})
        tx.delete("raw_attributes", where={"entity_type": ENTITY_DOCUMENT, "entity_id": chunk})
        tx.delete("raw_documents", where={"doc_id": chunk})
    still_named = {p for ids in tx.read("raw_documents", where={"kind": KIND_SURVEY})["participant_ids"]
                   for p in list_cell(ids)}
    orphans = sorted(named - still_named)
    respondents = tx.read("raw_participants", where={"participant_id": orphans, "role": SPEAKER_RESPONDENT})
    for start in range(0, len(orphans), 500):
        tx.delete("raw_attributes", where={"entity_type": ENTITY_PARTICIPANT, "entity_id": orphans[start:start + 500]})
    gone = sorted(respondents["participant_id"])
    for start in range(0, len(gone), 500):
        tx.delete("raw_participants", where={"participant_id": gone[start:start + 500]})
    _delete_orphan_questions(tx, surveys)


def _survey_ids(tx: Transaction, doc_ids: list[str]) -> set[str]:
    """The surveys these documents answer: a Qualtrics response names its survey in a
    ``survey_id`` attribute; an e-mailed questionnaire is its own survey (its doc_id)."""
    attributes = tx.read("raw_attributes", where={"entity_type": ENTITY_DOCUMENT, "entity_id": doc_ids})
    return set(attributes.loc[attributes["name"] == "survey_id", "value"].astype(str)) | set(doc_ids)


def _delete_orphan_questions(tx: Transaction, surveys: set[str]) -> None:
    """Question wordings of a survey go with its last document: they are the researcher's
    text, but a survey removed from the manifest should leave nothing behind."""
    if not surveys:
        return
    attributes = tx.store.tables["raw_attributes"]
    query = (select(attributes.c.value).where(attributes.c.entity_type == ENTITY_DOCUMENT,
                                              attributes.c.name == "survey_id",
                                              attributes.c.value.in_(sorted(surveys))).distinct())
    still_answered = {row[0] for row in tx.connection.execute(query)}
    still_answered |= set(tx.read("raw_documents", where={"doc_id": sorted(surveys)})["doc_id"])
    orphans = sorted(surveys - still_answered)
    for start in range(0, len(orphans), 500):
        tx.delete("raw_questions", where={"survey_id": orphans[start:start + 500]})
