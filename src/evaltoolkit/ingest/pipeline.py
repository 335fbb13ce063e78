"""Ingest a whole evaluation project: the register, the manifest and every listed file.

Batch policy (what happens with bad input):

* The register (``register.csv``) and the manifest (``manifest.csv``) are read first;
  a problem in either stops the run before anything is written, since every file
  depends on them.
* After that **each file is its own transaction**. A file that cannot be read (corrupt,
  no turns, unknown speaker label, bad manifest entry, duplicate respondent ids, ...)
  writes nothing: the store keeps what an earlier run stored for it, if anything. The
  other files are still ingested.
* Consent: a file listing (or spoken in by) a participant who has not consented is
  refused, and so is a file whose participants have all withdrawn; whatever an earlier
  run stored for a refused file is removed, so a withdrawal takes effect at the next
  ingestion. In a file shared with consenting participants (a focus group), the turns
  of a participant who withdrew are left out of the text and the segments, and the
  report says so in :attr:`IngestReport.notes`.
* Every problem is collected in :attr:`IngestReport.problems`, one message per file
  naming the file (and the row, paragraph or line) and the fix; the CLI prints them
  together at the end and exits with status 1.
* Refused before anything is read, each with the manifest row and the fix: a ``file``
  that resolves (links followed) outside the raw folder; a ``doc_id`` that another row
  uses, or that the raw store holds for another file (the file that has it keeps it; a
  survey response's id is checked the same way when it is written). A file name is
  matched after Unicode normalisation (macOS writes decomposed accents) and, failing
  that, as latin-1/cp1252 bytes (an old zip archive): ``Café.docx`` in the manifest finds
  the file whatever the folder calls it.
* A file whose bytes and settings (manifest entry, register, survey spec, reader) are
  unchanged since the last run, and whose documents are all still in the raw store, is
  skipped: nothing is rewritten. ``force`` (``evaltoolkit ingest --force DOC_ID_OR_FILE``)
  reads the named files again anyway. A changed file is read again; segments with
  unchanged text keep their ids. Files no longer in the manifest are removed from the
  raw store.
* Files under the raw folder that the manifest does not list are named in
  :attr:`IngestReport.unlisted` (a warning, not an error): they are not read. The
  project's own files (register, manifest, events, researcher codings, insights), README
  files, hidden files and folders (the raw store's ``.store/``), the privacy review folder
  (``review/``) and whatever ``.evaltoolkitignore`` in the raw folder lists (one
  glob pattern a line, ``#`` comments) are not named.
* ``events.csv`` (programme events, no participant data) is checked and returned in
  :attr:`IngestReport.event_rows`; the project layer writes it to the project store's
  ``events`` table, so indicators computed step by step see the events. A problem in it
  is reported like a file's.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd
from evaltoolkit.config import Round, Site, SurveySpec, round_for_date
from evaltoolkit.corpus import questionnaire_questions, segment_documents, without_blocks
from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.ingest.documents import read_notes, read_transcript
from evaltoolkit.ingest.register import manifest_problems, read_events, read_manifest, read_register, split_ids
from evaltoolkit.ingest.surveys import read_survey
from evaltoolkit.ingest.tables import RAW_PARTICIPANTS, SourceTables
from evaltoolkit.ingest.textfiles import file_hash
from evaltoolkit.privacy.consent import only_excluded, staff_members, withdrawn_participants
from evaltoolkit.privacy.withdrawals import with_withdrawals
from evaltoolkit.ingest.sync import remove_source, segment_counts, write_source
from evaltoolkit.store import Store, TableSchema, list_cell, table_schema
from evaltoolkit.store.faults import crash_point
from evaltoolkit.store.schema import ColumnSpec
from evaltoolkit.store.values import KIND_EMAIL, KIND_FOCUS_GROUP, KIND_INTERVIEW, KIND_MEETING, KIND_SURVEY

READER_VERSION = "v1"
EVENTS_FILE = "events.csv"
CODINGS_FILE = "researcher_codings.csv"
INSIGHTS_FILE = "insights.csv"
SYNTHESES_FILE = "syntheses.csv"   # the researcher's theme syntheses (evaltoolkit.analysis.syntheses)
#: files under the raw folder that are the project's own, never sources in the manifest
PROJECT_FILES = ("register.csv", "manifest.csv", EVENTS_FILE, CODINGS_FILE, INSIGHTS_FILE, SYNTHESES_FILE)
#: folder under the raw folder where `evaltoolkit privacy review-export` writes by default
REVIEW_FOLDER = "review"
IGNORE_FILE = ".evaltoolkitignore"
SUBTITLE_SUFFIXES = (".vtt", ".srt")   # transcripts with speakers, whatever the kind (a Teams meeting)
FILE_STATUSES = ("new", "updated", "unchanged", "failed", "removed")
INGESTED_FILES = TableSchema(
    name="ingested_files",
    columns=(ColumnSpec("source_path", "string", False), ColumnSpec("status", "string", False),
             ColumnSpec("kind", "string", True), ColumnSpec("documents", "Int64", True),
             ColumnSpec("segments", "Int64", True), ColumnSpec("words", "Int64", True),
             ColumnSpec("skipped_responses", "Int64", True)),
    key=("source_path",),
)


@dataclass(frozen=True)
class IngestReport:
    """What :func:`ingest_project` did: one row per file, and every problem found."""

    files: pd.DataFrame            # INGESTED_FILES columns
    problems: tuple[str, ...]
    participants: int              # rows in the register
    events: int | None             # rows in events.csv (None when there is none)
    notes: tuple[str, ...] = ()    # what was left out on purpose (withdrawn participants' turns)
    unlisted: tuple[str, ...] = () # files under the raw folder the manifest does not list (not read)
    event_rows: pd.DataFrame | None = None  # events.csv as an ``events`` table, checked (None: no file or problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def words_read(self) -> int:
        """Words in the segments of the files read in this run (new and updated)."""
        return int(self.files["words"].fillna(0).sum())

    def summary(self) -> pd.DataFrame:
        """Files, documents and segments per status, in the order of FILE_STATUSES."""
        grouped = self.files.groupby("status").agg(files=("source_path", "count"),
                                                  documents=("documents", "sum"), segments=("segments", "sum"))
        return grouped.reindex([s for s in FILE_STATUSES if s in grouped.index]).reset_index()


@dataclass(frozen=True)
class IngestSettings:
    """What ingestion needs to know about the study (from evaltoolkit.yaml; the project
    layer builds it): where the files are, and the ids every entry is checked against."""

    raw_folder: Path
    shown_root: Path                    # messages show paths relative to this folder
    perspective_ids: tuple[str, ...]
    sites: tuple[Site, ...]
    rounds: tuple[Round, ...]
    surveys: Mapping[str, SurveySpec]
    role_ids: tuple[str, ...]
    staff_role_ids: tuple[str, ...]
    role_functions: Mapping[str, str]   # role id -> participant, interviewer or interpreter
    event_kind_ids: tuple[str, ...]
    #: who withdrew, from the withdrawal list on the key side (it outlives the raw store)
    withdrawals: Mapping[str, dt.date] = field(default_factory=dict)

    @property
    def site_ids(self) -> tuple[str, ...]:
        return tuple(site.id for site in self.sites)

    def round_for_date(self, day) -> Round | None:
        return round_for_date(self.rounds, day)


class _ConsentProblem(InputError):
    """A file for a participant without consent: refused, and earlier data removed."""


@dataclass
class _Context:
    study: IngestSettings
    register: pd.DataFrame
    people: dict[str, dict]
    register_hash: str
    withdrawn: set[str]             # register rows with a withdrawal date (privacy.consent)
    staff: set[str]                 # register rows whose role is a staff role
    previous: dict[str, dict]
    listed: dict[str, list[int]]
    notes: list[str]
    stored_doc_ids: dict[str, set[str]]   # source_path -> doc_ids the raw store holds for it
    doc_id_problems: dict[int, str]       # manifest row -> why its doc_id is refused
    force: frozenset[str]                 # doc_ids or files to read again even when unchanged


def ingest_project(study: IngestSettings, *, raw_store: Store,
                   progress: Callable[[str], None] | None = None, force: Collection[str] = ()) -> IngestReport:
    """Read the register, the manifest and every listed file into ``raw_store``.

    See the module docstring for the batch policy. The events file is checked and returned
    in :attr:`IngestReport.event_rows` (the project layer writes it to the project store).
    ``progress`` is called with a line a user can read before the files are read.
    ``force`` names doc_ids or files (as in manifest.csv) to read again even when unchanged.
    """
    raw = study.raw_folder
    register = read_register(raw / "register.csv", roles=study.role_ids, perspectives=study.perspective_ids,
                             sites=study.site_ids)
    manifest = read_manifest(raw / "manifest.csv")
    manifest["file"] = manifest["file"].map(_normal_name)
    problems: list[str] = []
    event_rows = _read_events(raw / EVENTS_FILE, study, problems)
    stored_doc_ids = _stored_doc_ids(raw_store)
    doc_id_problems = _doc_id_problems(manifest, stored_doc_ids)
    unknown = sorted(set(force) - set(manifest["file"]) - set(manifest["doc_id"].dropna())
                     - {d for ids in stored_doc_ids.values() for d in ids})
    if unknown:
        raise InputError(f"--force {', '.join(unknown)}: not a doc_id or a file of manifest.csv. Name the "
                         "document's doc_id (a survey response's doc_id, or the export's file) as manifest.csv "
                         "lists it.")
    register, register_notes = _sync_register(raw_store, register, withdrawals=study.withdrawals)
    context = _Context(
        study=study, register=register,
        people={row["participant_id"]: row for row in register.to_dict(orient="records")},
        register_hash=hashlib.sha256(register.to_csv(index=False).encode()).hexdigest(),
        withdrawn=withdrawn_participants(register), staff=staff_members(register, study.staff_role_ids),
        previous={row["source_path"]: row for row in raw_store.read("raw_sources").to_dict(orient="records")},
        listed=manifest.groupby("file")["row"].apply(list).to_dict(), notes=register_notes,
        stored_doc_ids=stored_doc_ids, doc_id_problems=doc_id_problems,
        force=frozenset(force),
    )
    if progress is not None and len(manifest):
        progress(f"Ingesting {len(manifest)} files listed in manifest.csv...")
    rows = []
    # files no longer listed go first, so a new file may take over a doc_id one of them had
    for source_path in sorted(set(context.previous) - set(manifest["file"])):
        crash_point("ingest.before_remove")
        rows.append({"source_path": source_path, "status": "removed",
                     "documents": remove_source(raw_store, source_path)})
        context.stored_doc_ids.pop(source_path, None)
    rows += [_ingest_entry(raw_store, entry, context, problems) for entry in manifest.to_dict(orient="records")]
    counts = segment_counts(raw_store)
    for row in rows:
        if row["status"] == "unchanged":
            row["segments"] = counts.get(row["source_path"], 0)
    files = INGESTED_FILES.coerce(pd.DataFrame(rows, columns=INGESTED_FILES.column_names))
    return IngestReport(files=files, problems=tuple(problems), participants=len(register),
                        events=None if event_rows is None else len(event_rows), event_rows=event_rows,
                        notes=tuple(context.notes), unlisted=tuple(unlisted_files(raw, set(manifest["file"]))))


def _normal_name(name) -> str:
    """A manifest ``file`` as the raw store keys it: ``/``-separated, Unicode NFC."""
    return unicodedata.normalize("NFC", str(name).strip().replace("\\", "/"))


def _stored_doc_ids(store: Store) -> dict[str, set[str]]:
    documents = store.read("raw_documents")[["doc_id", "source_path"]]
    return {path: set(group["doc_id"]) for path, group in documents.groupby("source_path")}


def _doc_id_problems(manifest: pd.DataFrame, stored: dict[str, set[str]]) -> dict[int, str]:
    """Manifest row -> why its doc_id is refused, for every row but the one file that may use it.

    The file the raw store already holds it for keeps it (a new row cannot take over a
    focus group's id); otherwise the first row naming it does.
    """
    stored_owner = {doc_id: path for path, ids in stored.items() for doc_id in ids}
    refused: dict[int, str] = {}
    rows = manifest.dropna(subset=["doc_id"])
    for doc_id, group in rows.groupby("doc_id", sort=False):
        files = list(dict.fromkeys(group["file"]))
        # (an id held for a file the manifest no longer lists is free: that file is removed first)
        owner = stored_owner.get(doc_id) if stored_owner.get(doc_id) in files else files[0]
        for record in group.itertuples():
            if record.file == owner:
                continue
            owner_rows = group.loc[group["file"] == owner, "row"].tolist()
            refused[record.row] = (f"doc_id {doc_id!r} is already used by {owner} (manifest.csv row "
                                   f"{', '.join(map(str, owner_rows))}); two files with one doc_id would overwrite "
                                   "each other's text. Give this row a doc_id of its own.")
    return refused


def _read_events(path: Path, study: IngestSettings, problems: list[str]) -> pd.DataFrame | None:
    """``events.csv`` as an ``events`` table, checked (None without the file or with problems)."""
    if not path.is_file():
        return None
    try:
        return read_events(path, event_kinds=study.event_kind_ids)
    except InputError as exc:
        problems.append(str(exc))
        return None


def unlisted_files(raw: Path, listed: set[str]) -> list[str]:
    """Files under ``raw`` (as ``/``-paths relative to it) that are not in ``listed`` and are
    not the project's own (see the module docstring), sorted."""
    ignore = _ignore_patterns(raw / IGNORE_FILE)
    found = []
    for path in sorted(raw.rglob("*")):
        relative = path.relative_to(raw)
        name = relative.as_posix()
        if (not path.is_file() or _name_forms(name) & listed or any(part.startswith(".") for part in relative.parts)
                or relative.parts[0] == REVIEW_FOLDER or (len(relative.parts) == 1 and name in PROJECT_FILES)
                or path.name.upper().startswith("README") or any(fnmatch.fnmatch(name, p) for p in ignore)):
            continue
        found.append(name)
    return found


def _ignore_patterns(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    # a folder ("extra/") stands for everything in it
    return [line.rstrip("/") + ("/*" if line.endswith("/") else "") for line in lines
            if line and not line.startswith("#")]


def _sync_register(store: Store, register: pd.DataFrame, *,
                   withdrawals: Mapping[str, dt.date] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Write the register's rows that changed, and drop participants it no longer lists
    (survey respondents outside the register stay: their survey file owns them).

    A withdrawal recorded in the raw store (``evaltoolkit participant withdraw``) outlives
    a register.csv that does not mention it: that person's row stays withdrawn and without
    names, and a note asks for register.csv to be updated. So does one on the withdrawal
    list beside the key (``withdrawals``), also when the raw store was rebuilt. Returns the
    register as it applies (withdrawals included) and those notes.
    """
    stored = store.read("raw_participants")
    stored = stored[stored["role"] != "respondent"]
    register, notes = _keep_withdrawals(register, stored)
    listed = with_withdrawals(register, withdrawals or {})
    newly = listed["withdrawn_on"].notna() & register["withdrawn_on"].isna()
    notes += [_forgotten_withdrawal(pid, day, where="on the withdrawal list beside the key") for pid, day in
              zip(listed.loc[newly, "participant_id"], listed.loc[newly, "withdrawn_on"])]
    register = listed
    key = ["participant_id"]
    merged = register.merge(stored, how="left", on=key, suffixes=("", "_stored"), indicator=True)
    columns = [c for c in register.columns if c not in key]
    changed = merged["_merge"] == "left_only"
    for column in columns:
        new, old = merged[column].astype(object), merged[f"{column}_stored"].astype(object)
        changed |= ~((new == old).fillna(False) | (new.isna() & old.isna()))
    gone = sorted(set(stored["participant_id"]) - set(register["participant_id"]))
    if changed.any() or gone:
        with store.transaction() as tx:
            if gone:
                tx.delete("raw_participants", where={"participant_id": gone})
            tx.write("raw_participants", register[changed.to_numpy()], mode="upsert")
    return register, notes


def _keep_withdrawals(register: pd.DataFrame, stored: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    withdrawn = stored[stored["withdrawn_on"].notna()].set_index("participant_id")
    listed = register.set_index("participant_id", drop=False)
    forgotten = [pid for pid in withdrawn.index if pid not in listed.index or pd.isna(listed.at[pid, "withdrawn_on"])]
    if not forgotten:
        return register, []
    kept = withdrawn.loc[forgotten].reset_index()[register.columns]
    register = pd.concat([register[~register["participant_id"].isin(forgotten)], kept], ignore_index=True)
    notes = [_forgotten_withdrawal(pid, withdrawn.at[pid, "withdrawn_on"]) for pid in forgotten]
    return table_schema("raw_participants").coerce(register), notes


def _forgotten_withdrawal(participant_id: str, day, *,
                          where: str = "recorded with `evaltoolkit participant withdraw`") -> str:
    return (f"register.csv: {participant_id} withdrew on {day} ({where}), but register.csv does not say so. The "
            "withdrawal is kept; write the date in register.csv's withdrawn_on column.")


def _ingest_entry(store: Store, entry: dict, context: _Context, problems: list[str]) -> dict:
    source = str(entry["file"])
    try:
        return _ingest_file(store, entry, context)
    except _ConsentProblem as exc:
        problems.append(str(exc))
        remove_source(store, source)
    except InputError as exc:
        problems.append(str(exc))
    return {"source_path": source, "status": "failed", "kind": entry["kind"]}


def _ingest_file(store: Store, entry: dict, context: _Context) -> dict:
    study = context.study
    source = str(entry["file"])
    found = manifest_problems(entry, perspectives=study.perspective_ids, sites=study.site_ids,
                              rounds=tuple(r.id for r in study.rounds), surveys=tuple(study.surveys),
                              participants=set(context.people))
    if len(context.listed[source]) > 1:
        found.append(f"the file is listed more than once (rows {', '.join(map(str, context.listed[source]))}); "
                     "keep one row per file.")
    if entry["row"] in context.doc_id_problems:
        found.append(context.doc_id_problems[entry["row"]])
    path, outside = _source_path(study.raw_folder, source)
    if outside:
        found.append(f"the file is outside the raw folder {_shown_path(study.raw_folder, study)} ({outside}). "
                     "Copy the file into the raw folder and list it by its path relative to that folder.")
    if found:
        raise InputError(format_problems(f"manifest.csv row {entry['row']} ({source})", found))
    shown = _shown_path(path, study)
    if not path.is_file():
        raise InputError(f"{shown}: listed in manifest.csv (row {entry['row']}) but the file does not exist. "
                         "Add the file, or remove its row from manifest.csv.")
    listed = split_ids(entry["participant_ids"])
    _check_consent(listed + split_ids(entry["interpreter_id"]), context, shown,
                   refuse_withdrawn=only_excluded(listed, context.withdrawn, staff=context.staff))
    reader = _reader_name(entry, path)
    content_hash = file_hash(path)
    settings_hash = _settings_hash(entry, reader, context)
    before = context.previous.get(source)
    if (before and before["content_hash"] == content_hash and before["settings_hash"] == settings_hash
            and not _forced(source, entry, before, context)
            and set(list_cell(before["doc_ids"])) <= context.stored_doc_ids.get(source, set())):
        return {"source_path": source, "status": "unchanged", "kind": entry["kind"],
                "documents": len(list_cell(before["doc_ids"]))}
    tables = _read(path, entry, context, shown)
    people = pd.concat([context.register, tables.respondents], ignore_index=True)
    segments = segment_documents(tables.documents, blocks=tables.blocks, participants=people,
                                 role_functions=context.study.role_functions)
    speakers = sorted(set(segments["participant_id"].dropna()) - set(tables.respondents["participant_id"]))
    _check_consent(speakers, context, shown, refuse_withdrawn=False)
    withdrawn = [p for p in speakers if p in context.withdrawn]
    if withdrawn:
        tables = _without_speakers(tables, segments, withdrawn)
        segments = segment_documents(tables.documents, blocks=tables.blocks, participants=people,
                                     role_functions=context.study.role_functions)
        context.notes.append(f"{shown}: the turns of {', '.join(withdrawn)} (withdrawn, register.csv) were left "
                             "out of the text and the segments.")
    questions = tables.questions
    if entry["kind"] in (KIND_MEETING, KIND_EMAIL):
        questions = pd.concat([questions, questionnaire_questions(tables.documents, tables.blocks)])
    # messages above name the file as seen from the project root; the store keeps it relative to paths.raw
    tables = SourceTables(**{**tables.__dict__, "documents": tables.documents.assign(source_path=source)})
    stored = write_source(store, tables, segments, source_path=source, content_hash=content_hash,
                          settings_hash=settings_hash, reader=reader,
                          questions=questions.drop_duplicates("question_id"))
    crash_point("ingest.after_write")
    return {"source_path": source, "status": "updated" if before else "new", "kind": entry["kind"],
            "documents": len(tables.documents), "segments": len(stored),
            "words": int(stored["text"].str.split().str.len().sum()) if len(stored) else 0,
            "skipped_responses": sum(tables.skipped.values()) if entry["kind"] == KIND_SURVEY else None}


def _forced(source: str, entry: dict, before: dict, context: _Context) -> bool:
    """Whether ``--force`` names this file or one of its documents."""
    names = {source, entry["doc_id"], *list_cell(before["doc_ids"])}
    return bool(context.force & {n for n in names if isinstance(n, str)})


def _source_path(raw: Path, name: str) -> tuple[Path, str]:
    """The file a manifest ``file`` names, and why it is refused ("" when it is not).

    Links are followed before the check, so a link inside the raw folder to a file
    elsewhere is refused too. A name that does not exist as written is looked up after
    Unicode normalisation and as latin-1/cp1252 bytes (see the module docstring).
    """
    if Path(name).is_absolute() or Path(name).drive:
        return raw / name, "an absolute path"
    path = raw / name
    if not path.exists():
        path = _matching_name(raw, name) or path
    resolved, root = path.resolve(), raw.resolve()
    if not resolved.is_relative_to(root):
        how = "a link to a file elsewhere" if ".." not in Path(name).parts else "a path with .."
        return path, how
    return path, ""


def _matching_name(raw: Path, name: str) -> Path | None:
    """Walk ``name`` part by part, matching each part by its NFC form or its bytes read as cp1252."""
    current = raw
    for part in Path(name).parts:
        candidate = current / part
        if not candidate.exists():
            wanted = unicodedata.normalize("NFC", part)
            try:
                entries = os.listdir(current)
            except OSError:
                return None
            candidate = next((current / entry for entry in entries if _name_forms(entry) & {wanted}), None)
            if candidate is None:
                return None
        current = candidate
    return current


def _name_forms(entry: str) -> set[str]:
    """How a name on disk may have been meant: as it is (NFC), and its raw bytes as cp1252
    or latin-1 (a name written by an old Windows zip tool, undecodable as UTF-8)."""
    forms = {unicodedata.normalize("NFC", entry)}
    raw_bytes = os.fsencode(entry)
    for encoding in ("cp1252", "latin-1"):
        try:
            forms.add(unicodedata.normalize("NFC", raw_bytes.decode(encoding)))
        except UnicodeDecodeError:
            pass
    return forms


def _read(path: Path, entry: dict, context: _Context, shown: str) -> SourceTables:
    kind = entry["kind"]
    if kind == KIND_SURVEY:
        spec = context.study.surveys[entry["survey_id"]]
        tables = read_survey(path, spec=spec, participants=context.register, source=shown)
    elif kind in (KIND_INTERVIEW, KIND_FOCUS_GROUP) or path.suffix.lower() in SUBTITLE_SUFFIXES:
        tables = read_transcript(path, doc_id=entry["doc_id"], kind=kind, source=shown)
    else:
        tables = read_notes(path, doc_id=entry["doc_id"], kind=kind, source=shown)
    return _with_manifest(tables, entry, context)


def _with_manifest(tables: SourceTables, entry: dict, context: _Context) -> SourceTables:
    """Documents (and survey respondents) with the manifest's metadata and derived rounds."""
    study = context.study
    documents = tables.documents.copy()
    site_attribute = _sites_from_attributes(tables.attributes, study)
    for column in ("perspective", "site"):
        if not pd.isna(entry[column]):
            documents[column] = entry[column]
    # a survey response's own date beats the manifest's date of the export
    documents["collected_on"] = documents["collected_on"].where(documents["collected_on"].notna(), entry["collected_on"])
    documents["site"] = documents["site"].where(documents["site"].notna(), documents["doc_id"].map(site_attribute))
    documents["collected_on"] = pd.to_datetime(documents["collected_on"], errors="coerce").dt.date
    rounds = [entry["round"] if not pd.isna(entry["round"]) else
              getattr(study.round_for_date(day), "id", None) if not pd.isna(day) else None
              for day in documents["collected_on"]]
    documents["round"] = rounds
    for column in ("language", "translated_from", "interpreter_id", "title"):
        documents[column] = entry[column]
    if entry["kind"] != KIND_SURVEY:
        documents["participant_ids"] = pd.Series([split_ids(entry["participant_ids"]) for _ in documents.index],
                                                 index=documents.index, dtype="object")
    respondents = tables.respondents
    if not respondents.empty:
        respondents = RAW_PARTICIPANTS.coerce(respondents.assign(
            site=respondents["participant_id"].map(site_attribute)))
    return SourceTables(**{**tables.__dict__, "documents": documents, "respondents": respondents})


def _sites_from_attributes(attributes: pd.DataFrame, study: IngestSettings) -> dict[str, str]:
    """entity_id -> site id for a ``site`` attribute whose value names a configured site."""
    names = {key.casefold(): site.id for site in study.sites for key in (site.id, site.name)}
    rows = attributes[attributes["name"] == "site"].dropna(subset=["value"])
    return {row.entity_id: names[row.value.strip().casefold()] for row in rows.itertuples()
            if row.value.strip().casefold() in names}


def _check_consent(participant_ids: list[str], context: _Context, shown: str, *, refuse_withdrawn: bool) -> None:
    """Refuse the file for participants without consent, and (``refuse_withdrawn``: the
    file's people, staff aside, have all withdrawn) for its withdrawn participants."""
    problems = []
    for participant_id in participant_ids:
        person = context.people.get(participant_id)
        if person is None:
            continue
        if not person["consent"]:
            problems.append(f"participant {participant_id} has not consented (register.csv: consent is no). "
                            "Remove the file from manifest.csv, or record the consent in register.csv if it "
                            "was given.")
        elif refuse_withdrawn and participant_id in context.withdrawn:
            problems.append(f"participant {participant_id} withdrew on {person['withdrawn_on']} (register.csv: "
                            "withdrawn_on). Remove the file from manifest.csv; whatever an earlier run stored "
                            "for it has been removed from the raw store.")
    if len(problems) == 1:
        raise _ConsentProblem(f"{shown}: {problems[0]}")
    if problems:
        raise _ConsentProblem(format_problems(shown, problems))


def _without_speakers(tables: SourceTables, segments: pd.DataFrame, withdrawn: list[str]) -> SourceTables:
    """``tables`` with the turns of ``withdrawn`` participants cut out of text and blocks."""
    documents, kept_blocks, kept_ids = tables.documents.copy(), [], []
    for index, document in documents.iterrows():
        blocks = tables.blocks[tables.blocks["doc_id"] == document["doc_id"]].sort_values("start_char")
        doc_segments = segments[segments["doc_id"] == document["doc_id"]].set_index("start_char")
        speaker = blocks["start_char"].map(doc_segments["participant_id"])
        drop = speaker.isin(withdrawn).to_numpy()
        text, blocks = without_blocks(document["text"], blocks, pd.Series(drop))
        documents.at[index, "text"] = text
        kept_ids.append([p for p in list_cell(document["participant_ids"]) if p not in withdrawn])
        kept_blocks.append(blocks)
    documents["participant_ids"] = pd.Series(kept_ids, index=documents.index, dtype="object")
    return SourceTables(**{**tables.__dict__, "documents": documents,
                           "blocks": pd.concat(kept_blocks, ignore_index=True)})


def _reader_name(entry: dict, path: Path) -> str:
    family = {KIND_SURVEY: "survey", KIND_INTERVIEW: "transcript",
              KIND_FOCUS_GROUP: "transcript"}.get(entry["kind"], "notes")
    family = "transcript" if path.suffix.lower() in SUBTITLE_SUFFIXES else family
    return f"{family}_{path.suffix.lower().lstrip('.')}.{READER_VERSION}"


def _settings_hash(entry: dict, reader: str, context: _Context) -> str:
    """What besides the file's bytes shapes what is read from it."""
    spec = context.study.surveys.get(entry["survey_id"]) if entry["kind"] == KIND_SURVEY else None
    settings = {
        "entry": {k: v for k, v in entry.items() if k != "row"}, "reader": reader,
        "register": context.register_hash, "spec": asdict(spec) if spec else None,
        "rounds": [(r.id, r.start, r.end) for r in context.study.rounds],
        "sites": [(s.id, s.name) for s in context.study.sites],
    }
    return hashlib.sha256(json.dumps(settings, default=str, sort_keys=True).encode()).hexdigest()


def _shown_path(path: Path, study: IngestSettings) -> str:
    try:
        return path.resolve().relative_to(study.shown_root).as_posix()
    except ValueError:
        return str(path)
