"""Pseudonymise the whole project: raw store in, project store out.

Nothing raw enters the project store: documents, segments, attributes and questions are
written only after replacement; the register's names stay in the raw store and in the
encrypted key. The run is written to the audit log (counts only).

A run whose inputs are those of the last run (the raw tables, the review decisions, the
privacy settings, the pseudonymiser's version and the key file) changes nothing, so it is
skipped: the audit log keeps a fingerprint of the inputs (a SHA-256, not the data).

The privacy review queue (raw store) and the project store are two databases, so they
cannot share one transaction: the queue is written first and the project store's
commit, with its audit line, marks the run as done. A run that stopped in between is
not "done", so the next run does it again; a run is also redone when the raw store's
open queue is not the one the last run left (it is re-derived, never lost).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evaltoolkit.privacy.consent import excluded_participants, without_excluded
from evaltoolkit.privacy.withdrawal import cut_segments
from evaltoolkit.privacy.withdrawals import withdrawals_path, withdrawn_on
from evaltoolkit.privacy.detector import Detector
from evaltoolkit.privacy.key import load_or_create_key, save_key
from evaltoolkit.privacy.lexicons import LEXICON_VERSION
from evaltoolkit.privacy.opaque import register_ids_in, with_opaque_ids
from evaltoolkit.privacy.pseudonymiser import PSEUDONYMISER_VERSION, Pseudonymiser
from evaltoolkit.privacy.relatives import load_relations
from evaltoolkit.privacy.replace import OffsetMap
from evaltoolkit.project.privacy import finish_pending_withdrawals
from evaltoolkit.project.project import Project
from evaltoolkit.store import Store, table_schema
from evaltoolkit.store.faults import crash_point
from evaltoolkit.store.values import ENTITY_PARTICIPANT, REVIEW_OPEN


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
    up_to_date_since: dt.datetime | None = None   # set when nothing changed and the run was skipped

    def __str__(self) -> str:
        by_type = ", ".join(f"{kind} {count}" for kind, count in sorted(self.replacements.items())) or "none"
        if self.up_to_date_since is not None:
            return (f"Nothing changed since the pseudonymisation of {self.up_to_date_since:%Y-%m-%d %H:%M} UTC: "
                    f"{self.documents} documents, {self.segments} segments, {self.participants} participants "
                    f"kept as they are (replaced then: {by_type}; review queue: {self.queued} open items). "
                    "Use --force to run it again.")
        lines = [f"Pseudonymised {self.documents} documents, {self.segments} segments, "
                 f"{self.participants} participants.",
                 f"Replaced: {by_type}.",
                 f"New key entries: {self.new_entities}; review queue: {self.queued} open items.",
                 f"Key: {self.key_path}"]
        return "\n".join([*lines, *self.notes])


def pseudonymise_project(project: Project, *, detector: Detector | None = None, actor: str = "evaltoolkit",
                         force: bool = False, new_key: bool = False) -> PseudonymiseReport:
    """Read the raw store, write the pseudonymised project store, extend and save the key.

    The project must be unlocked (:meth:`Project.unlock`). A wrong passphrase raises
    PrivacyError before anything is written. When nothing changed since the last run the
    project store is left as it is (``force`` runs anyway, and so does a detector of
    another class than :class:`Detector`).

    The key file must exist once the project was pseudonymised: a lost key is an error,
    never silently replaced (``new_key`` starts a new one on purpose). The first run of a
    project creates it.
    """
    config, passphrase = project.config, project.passphrase
    key = project_key(project, new_key=new_key)
    if finish_pending_withdrawals(project, actor=actor) and config.paths.key.exists():
        key = load_or_create_key(config.paths.key, passphrase=passphrase)   # the withdrawal unlinked someone
    raw = project.raw_store
    inputs = {name: raw.read(name) for name in FINGERPRINTED_TABLES}
    store = project.store
    fingerprint = inputs_fingerprint(inputs, config, detector=detector)
    if fingerprint is not None and not force:
        queued_now = len(raw.read("raw_review_queue", where={"status": REVIEW_OPEN}))
        previous = _unchanged_run(store, fingerprint, config.paths.key, queued_now=queued_now)
        if previous is not None:
            return previous
    participants = inputs["raw_participants"]
    documents, segments = _consented(inputs["raw_documents"], inputs["raw_segments"], participants,
                                     withdrawn_on(withdrawals_path(config.paths.key)))
    if len(documents):
        project.progress(f"Pseudonymising {len(documents)} documents...")
    pseudonymiser = configured_pseudonymiser(config, key=key, detector=detector).fit(
        documents, register=participants, decisions=inputs["raw_review_decisions"])
    out_documents, out_segments, counts = _transform_documents(pseudonymiser, documents, segments)
    tables = {
        "documents": out_documents,
        "segments": out_segments,
        "participants": _participants(participants),
        "attributes": _attributes(pseudonymiser, inputs["raw_attributes"]),
        "questions": _questions(pseudonymiser, inputs["raw_questions"]),
    }
    # the analysis side knows people by the key's opaque ids, never by their register ids
    for participant_id in participants["participant_id"]:
        pseudonymiser.key_.opaque_id(str(participant_id))
    tables = {name: with_opaque_ids(name, frame, pseudonymiser.key_) for name, frame in tables.items()}
    named_ids = register_ids_in(tables["documents"]["doc_id"], pseudonymiser.key_)
    save_key(pseudonymiser.key_, config.paths.key, passphrase=passphrase)
    _write_queue(raw, pseudonymiser.review_queue_)
    crash_point("pseudonymise.after_queue")
    removed = _write_project(store, tables, actor=actor, counts=counts, queued=len(pseudonymiser.review_queue_),
                             fingerprint=fingerprint, key_digest=_file_digest(config.paths.key))
    crash_point("pseudonymise.after_project")
    return PseudonymiseReport(
        documents=len(out_documents), segments=len(out_segments), participants=len(tables["participants"]),
        replacements=counts, new_entities=len(pseudonymiser.key_) - len(key),
        queued=len(pseudonymiser.review_queue_), key_path=config.paths.key, removed_documents=removed,
        notes=_named_doc_id_notes(named_ids),
    )


def _named_doc_id_notes(doc_ids: list[str]) -> tuple[str, ...]:
    """A note when doc_ids (kept as they are: both stores share them) carry a register id."""
    if not doc_ids:
        return ()
    shown = ", ".join(doc_ids[:5]) + (f" and {len(doc_ids) - 5} more" if len(doc_ids) > 5 else "")
    return (f"{len(doc_ids)} doc_ids hold a register id ({shown}): the project store keeps them, so the register "
            "links those documents to a person without the key. Give them neutral ids in manifest.csv (e.g. "
            "int-r1-01) and run `evaltoolkit ingest` and `evaltoolkit pseudonymise` again.",)


def configured_pseudonymiser(config, *, key, detector: Detector | None = None,
                             review_threshold: float | None = None) -> Pseudonymiser:
    """An unfitted Pseudonymiser with the project's key and privacy settings (placeholder
    language, allow-list, review threshold unless given, role labels)."""
    return Pseudonymiser(
        detector=detector, key=key, language=config.privacy.placeholder_language,
        allow_list=config.privacy.allow_list,
        review_threshold=config.privacy.review_threshold if review_threshold is None else review_threshold,
        role_labels=dict(config.role_labels),
        relations=None if config.privacy.relations is None else load_relations(config.privacy.relations))


#: raw tables whose content decides the pseudonymised output (with the settings and the key)
FINGERPRINTED_TABLES = ("raw_participants", "raw_documents", "raw_segments", "raw_attributes", "raw_questions",
                        "raw_review_decisions")


def inputs_fingerprint(inputs: dict[str, pd.DataFrame], config, *,
                       detector: Detector | None = None) -> str | None:
    """SHA-256 over everything a pseudonymisation run reads, except the key (checked apart).

    None for a detector whose behaviour this cannot describe (not a :class:`Detector`).
    """
    if detector is not None and type(detector) is not Detector:
        return None
    digest = hashlib.sha256()
    settings = {"version": PSEUDONYMISER_VERSION, "lexicons": LEXICON_VERSION, "privacy": repr(config.privacy),
                "use_deduce": True if detector is None else detector.use_deduce,
                "role_labels": sorted(dict(config.role_labels).items()),
                "relations": None if config.privacy.relations is None else _file_digest(config.privacy.relations),
                "opaque_ids": 1}   # a store written with register ids is written again
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for name in sorted(inputs):
        frame = inputs[name]
        frame = frame.sort_values(list(frame.columns[:2]), kind="stable").reset_index(drop=True)
        digest.update(f"{name}:{','.join(frame.columns)}:{len(frame)}".encode())
        digest.update(pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _unchanged_run(store: Store, fingerprint: str, key_path: Path, *, queued_now: int) -> PseudonymiseReport | None:
    """The last run's report when it had these inputs, the key file is still the one it
    wrote and the raw store's open review queue is the one it left."""
    runs = store.read("audit_log", where={"action": "pseudonymise"})
    if runs.empty:
        return None
    last = runs.sort_values("audit_id").iloc[-1]
    details = json.loads(last["details"] or "{}")
    if details.get("fingerprint") != fingerprint or details.get("key_sha256") != _file_digest(key_path):
        return None
    if int(details.get("review_queue", 0)) != queued_now:
        return None   # the queue was lost or changed since: derive it again
    documents = store.read("documents")
    if sorted(documents["doc_id"]) != details.get("doc_ids"):
        return None   # someone changed the project store since
    return PseudonymiseReport(
        documents=len(documents), segments=len(store.read("segments")),
        participants=len(store.read("participants")), replacements=details.get("replacements", {}),
        new_entities=0, queued=int(details.get("review_queue", 0)), key_path=key_path,
        up_to_date_since=pd.Timestamp(last["at"]).to_pydatetime())


def project_key(project: Project, *, new_key: bool = False):
    """The project's key (:meth:`Project.key`): new only before its first use or with ``new_key``."""
    return project.key(new_key=new_key)


def _file_digest(path: Path) -> str | None:
    path = Path(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _consented(documents: pd.DataFrame, segments: pd.DataFrame, participants: pd.DataFrame, withdrawals):
    """Leave out what belongs to people without consent or withdrawn (ingestion does too;
    this guards a withdrawal recorded after the last ingestion, in the raw register or on
    the withdrawal list beside the key)."""
    excluded = excluded_participants(participants) | set(withdrawals) if len(participants) else set()
    documents, segments = _without_turns_of(documents, segments, excluded)
    return without_excluded(documents, segments, excluded)


def _without_turns_of(documents: pd.DataFrame, segments: pd.DataFrame, excluded: set[str]):
    """Documents without the turns excluded people spoke (a focus group after a withdrawal
    ingestion did not see yet): the turn is cut from the text, the other segments' offsets
    are moved, the excluded segments go."""
    spoken = segments["participant_id"].isin(list(excluded))
    if not excluded or not spoken.any():
        return documents, segments
    documents = documents.copy()
    kept = [segments[~segments["doc_id"].isin(segments.loc[spoken, "doc_id"])]]
    for doc_id, doc_segments in segments[segments["doc_id"].isin(segments.loc[spoken, "doc_id"])].groupby(
            "doc_id", sort=False):
        row = documents["doc_id"] == doc_id
        if not row.any():
            continue
        drop = doc_segments["participant_id"].isin(list(excluded))
        text, rest = cut_segments(str(documents.loc[row, "text"].iloc[0]), doc_segments, drop)
        documents.loc[row, "text"] = text
        kept.append(rest)
    return documents, pd.concat(kept, ignore_index=True)


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


def _participants(participants: pd.DataFrame) -> pd.DataFrame:
    """The register without names, and without the placeholder: a register id beside its
    placeholder would let anyone holding the register (not the key) turn "[Sponsor 2]" in
    a quote back into a name. Who is behind a placeholder is asked of the key
    (``evaltoolkit privacy reidentify``, audited). The ids are made opaque afterwards
    (:func:`evaltoolkit.privacy.opaque.with_opaque_ids`)."""
    return table_schema("participants").coerce(participants.assign(pseudonym=None))


def _attributes(pseudonymiser: Pseudonymiser, attributes: pd.DataFrame) -> pd.DataFrame:
    values = [v if pd.isna(v) else pseudonymiser.transform_text(str(v)).text for v in attributes["value"]]
    return table_schema("attributes").coerce(attributes.assign(value=values))


def _questions(pseudonymiser: Pseudonymiser, questions: pd.DataFrame) -> pd.DataFrame:
    texts = [pseudonymiser.transform_text(str(t)).text for t in questions["text"]]
    return table_schema("questions").coerce(questions.assign(text=texts))


def _write_project(store: Store, tables: dict[str, pd.DataFrame], *, actor: str, counts: dict[str, int],
                   queued: int, fingerprint: str | None, key_digest: str | None) -> int:
    """Write every table in one transaction; documents no longer in the raw store go, and so
    do participants (and their attributes) under ids the run did not write: a store written
    before ids were opaque held register ids there."""
    existing = store.read("documents")["doc_id"]
    gone = sorted(set(existing) - set(tables["documents"]["doc_id"]))
    people = set(tables["participants"]["participant_id"])
    stale_people = sorted(set(store.read("participants")["participant_id"]) - people)
    attributes = store.read("attributes", where={"entity_type": ENTITY_PARTICIPANT})
    stale_attributes = sorted(set(attributes["entity_id"]) - people)
    with store.transaction() as tx:
        if stale_people:
            tx.delete("participants", where={"participant_id": stale_people})
        if stale_attributes:
            tx.delete("attributes", where={"entity_type": ENTITY_PARTICIPANT, "entity_id": stale_attributes})
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
            "version": PSEUDONYMISER_VERSION, "fingerprint": fingerprint, "key_sha256": key_digest,
            "doc_ids": sorted(tables["documents"]["doc_id"]),
        })
    return len(gone)


def _write_queue(raw: Store, queue: pd.DataFrame) -> None:
    with raw.transaction() as tx:
        tx.delete("raw_review_queue", where={"status": REVIEW_OPEN})
        tx.write("raw_review_queue", queue, mode="upsert")
