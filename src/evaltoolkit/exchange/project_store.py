"""Write an :class:`ImportedProject` into a project store.

>>> project = read_qdpx("from_atlas.qdpx", reference=codebook)
>>> write_imported_project(project, store)            # one transaction, audited

* every plain-text source becomes a document (sources that evaltoolkit exported keep
  their ``doc_id``; others get one made from their name); a document already in the
  store is kept as it is, and must have the same text;
* segments: ``segment_by="selection"`` makes one segment per coded (or annotated)
  selection, reusing a stored segment with the same offsets or the segment id the
  selection was exported from; ``segment_by="paragraph"`` cuts new documents into
  paragraphs (blank-line separated) and gives each coding to the segments it overlaps
  (for documents already in the store, their stored segments are the units);
* every coding becomes an accepted coding by its coder (``source="manual"``), recorded
  with the imported codebook's version; notes become memos; the codebook is recorded in
  ``codebook_versions``.

Imported text did not pass through evaltoolkit's pseudonymiser: documents record
``pseudonymiser_version="refi-qda:<origin>"`` so that can be seen.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.codebook import Codebook, dump_codebook
from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.exchange.guids import stable_guid
from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.plaintext import aligned_offsets, original_offsets, plain_text
from evaltoolkit.exchange.variables import source_column
from evaltoolkit.store.values import (
    CODING_ACCEPTED,
    DOCUMENT_KINDS,
    KIND_INTERVIEW,
    MEMO_ON_CODE,
    MEMO_ON_DOCUMENT,
    MEMO_ON_PROJECT,
    MEMO_ON_SEGMENT,
    SOURCE_MANUAL,
)

SEGMENT_BY = ("selection", "paragraph")
_SAME_DOCUMENT = 0.9  # share of characters two texts of one document have in common (see _close)
KINDS = DOCUMENT_KINDS
#: the documents' columns a source variable of the same name fills (``kind`` besides)
DOCUMENT_FIELDS = ("perspective", "site", "round", "collected_on", "language")
_SEGMENT_ID = re.compile(r"^(?P<doc>[A-Za-z0-9_-]+):(?P<n>\d{4,})$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


@dataclass(frozen=True)
class ImportSummary:
    """What :func:`write_imported_project` wrote (counts of rows written per table)."""

    documents: int
    segments: int
    codings: int
    memos: int
    codebook_version: str | None
    notices: tuple[str, ...] = ()


def _record_codebook(tx, codebook: Codebook, *, actor: str, at: dt.datetime) -> None:
    """Keep the codebook's YAML in ``codebook_versions`` inside the import's transaction (as
    :func:`evaltoolkit.codebook.save_codebook_version` does on its own), and audit it."""
    row = pd.DataFrame([{"codebook_id": codebook.codebook_id, "version": codebook.version,
                         "created_at": at, "content": dump_codebook(codebook)}])
    tx.write("codebook_versions", row)
    tx.audit(actor=actor, action="codebook.import", entity_type="codebook",
                      entity_id=codebook.codebook_id, details={"version": codebook.version,
                                                               "codes": len(codebook.codes)})


def write_imported_project(project: ImportedProject, store, *, segment_by: str = "selection",
                           default_coder: str = "imported", default_kind: str = KIND_INTERVIEW,
                           source: str = "qdpx", imported_at: dt.datetime | None = None) -> ImportSummary:
    """Write documents, segments, codings, memos and the codebook of ``project`` into ``store``.

    ``default_coder`` names codings and notes whose user the file does not give;
    ``default_kind`` is the document kind when the source has no ``kind`` variable.
    Everything lands in one transaction, or nothing does.
    """
    if segment_by not in SEGMENT_BY:
        raise InputError(f"segment_by must be one of {', '.join(SEGMENT_BY)}. Got {segment_by!r} instead.")
    if default_kind not in KINDS:
        raise InputError(f"default_kind must be one of {', '.join(KINDS)}. Got {default_kind!r} instead.")
    imported_at = imported_at or _now()
    stored = store.read("documents")
    documents, doc_ids = _documents(project, stored, default_kind=default_kind, source=source, at=imported_at,
                                    known_participants=set(store.read("participants")["participant_id"]))
    stored_segments = store.read("segments", where={"doc_id": sorted(set(doc_ids.values()))})
    texts = _document_texts(project, doc_ids, stored)
    segments, units = _segments(project, doc_ids, texts, stored_segments, segment_by=segment_by)
    version = project.codebook.version if project.codebook is not None else None
    codings = _codings(project, units, version=version, default_coder=default_coder, at=imported_at)
    memos = _new_memos(_memos(project, doc_ids, units, default_coder=default_coder, at=imported_at),
                       store.read("memos"))
    with store.transaction() as tx:
        if project.codebook is not None:
            _record_codebook(tx, project.codebook, actor=f"import:{source}", at=imported_at)
        for table, frame in (("documents", documents), ("segments", segments), ("codings", codings),
                             ("memos", memos)):
            if not frame.empty:
                tx.write(table, frame)
        summary = ImportSummary(len(documents), len(segments), len(codings), len(memos), version, project.notices)
        tx.audit(actor=f"import:{source}", action="exchange.import_qdpx", entity_type="project",
                 details={"documents": summary.documents, "segments": summary.segments,
                          "codings": summary.codings, "memos": summary.memos, "codebook_version": version})
    return summary


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


# --------------------------------------------------------------------------- documents
RECOGNISED_BY_ID = "exported by this project (id and text)"
RECOGNISED_BY_CONTENT = "same text as a stored document (content hash)"
RECOGNISED_BY_NAME = "same name and text as a stored document"
RECOGNISED_BY_NAME_ONLY = "same name as a stored document, text differs (selections aligned to the stored text)"


def recognise_sources(project: ImportedProject, stored: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """source GUID -> (doc_id, how) for every source whose text is a document of ``stored``.

    Other programs write new GUIDs, so a source that came from this project is recognised
    by its text (the SHA-256 of the text as exported: LF line ends, no byte-order mark),
    preferring the document of the exact same name (case and all), or else by that exact
    name when the texts are close (its selections are then aligned to the stored text),
    never by GUID or a lower-cased name. Recognised sources are already pseudonymised: they must not
    go through the pseudonymiser again, and they add no document.
    """
    by_hash: dict[str, list[str]] = {}
    stored_names = dict(zip(stored["doc_id"], stored["text"]))
    for doc_id, text in zip(stored["doc_id"], stored["text"]):
        if not pd.isna(text):
            by_hash.setdefault(_text_hash(plain_text(str(text))[0]), []).append(str(doc_id))
    found = {}
    for guid, name, text in zip(project.sources["source_guid"], project.sources["name"], project.sources["text"]):
        if pd.isna(text):
            continue
        candidates = by_hash.get(_text_hash(str(text)), [])
        name = None if pd.isna(name) else str(name)
        if name in candidates:
            how = RECOGNISED_BY_ID if guid == stable_guid("source", name) else RECOGNISED_BY_NAME
            found[guid] = (name, how)
        elif candidates:
            found[guid] = (candidates[0], RECOGNISED_BY_CONTENT)
        elif name is not None and name in stored_names and _close(str(text), plain_text(str(stored_names[name]))[0]):
            found[guid] = (name, RECOGNISED_BY_NAME_ONLY)
    return found


def _close(imported: str, stored: str) -> bool:
    """True when two texts are versions of one (at least 90 % of their characters shared): a
    document pseudonymised again since the export, not another document under the same name."""
    return SequenceMatcher(None, imported, stored, autojunk=False).quick_ratio() >= _SAME_DOCUMENT


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _documents(project: ImportedProject, stored: pd.DataFrame, *, default_kind: str, source: str,
               at: dt.datetime, known_participants: set[str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """New document rows, and source GUID -> doc_id for every source with text."""
    stored_texts = dict(zip(stored["doc_id"], stored["text"]))
    recognised = recognise_sources(project, stored)
    values = _source_values(project)
    participants = _participants(project, known_participants)
    rows, doc_ids, problems, taken = [], {}, [], set(stored_texts)
    for row in project.sources[project.sources["text"].notna()].itertuples(index=False):
        if row.source_guid in recognised:
            doc_ids[row.source_guid] = recognised[row.source_guid][0]
            continue
        doc_id = _doc_id(row.source_guid, row.name, row.text, stored_texts, taken)
        if doc_id is None:
            problems.append(f"[source {row.source_guid}] document {row.name!r} is already in the store with a "
                            "different text; import into a new project store, or remove that document first.")
            continue
        doc_ids[row.source_guid] = doc_id
        if doc_id in stored_texts or doc_id in {r["doc_id"] for r in rows}:
            continue
        taken.add(doc_id)
        fields = values.get(row.source_guid, {})
        kind = fields.get("kind") if fields.get("kind") in KINDS else default_kind
        rows.append({
            "doc_id": doc_id, "source_path": f"{source}#{row.source_guid}", "kind": kind,
            **{name: fields.get(name) for name in DOCUMENT_FIELDS},
            "participant_ids": participants.get(row.source_guid),
            "text": row.text, "content_hash": _text_hash(row.text),
            "pseudonymiser_version": f"refi-qda:{project.origin or 'unknown'}"[:64],
            "pseudonymised_at": row.created_at if not pd.isna(row.created_at) else at,
        })
    if problems:
        raise InputError(format_problems(f"project {project.name!r} cannot be written to the store", problems))
    return pd.DataFrame(rows), doc_ids


def _doc_id(source_guid: str, name, text: str, stored: dict[str, str], taken: set[str]) -> str | None:
    """The exported doc_id for evaltoolkit's own sources, else a new id made from the name.

    (Sources from this project are matched before, by text and exact name: see
    :func:`recognise_sources`.)

    Returns None when an exported document's id is in the store with another text.
    """
    name = "" if name is None or pd.isna(name) else str(name)
    if name and source_guid == stable_guid("source", name):
        return name if name not in stored or _same_text(stored[name], text) else None
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    base = re.sub(r"[^a-z0-9_-]+", "_", ascii_name).strip("_-") or "source"
    candidate, number = base, 2
    while candidate in taken and not (candidate in stored and _same_text(stored[candidate], text)):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _same_text(stored: str, imported: str) -> bool:
    """True when the imported text is the stored one, as written to a .qdpx (LF line ends, no BOM)."""
    return stored == imported or plain_text(stored)[0] == imported


def _document_texts(project: ImportedProject, doc_ids: dict[str, str], stored: pd.DataFrame) -> dict[str, tuple]:
    """source GUID -> (document text, start map, end map): the maps turn positions in the imported
    text into offsets of a stored document written with CR LF (None when the texts are equal)."""
    stored_texts = dict(zip(stored["doc_id"], stored["text"]))
    result = {}
    for source_guid, text in zip(project.sources["source_guid"], project.sources["text"]):
        doc_id = doc_ids.get(source_guid)
        if doc_id is None:
            continue
        own = stored_texts.get(doc_id, text)
        if own == text:
            maps = (None, None)
        else:
            plain, positions = plain_text(own)
            to_own = original_offsets(positions)
            if plain == text:
                maps = to_own
            else:  # same name, text changed since: align the file's text with the stored one
                starts, ends = aligned_offsets(text, plain)
                maps = ([to_own[0][p] for p in starts], [to_own[1][p] for p in ends])
        result[source_guid] = (own, *maps)
    return result


def _source_values(project: ImportedProject) -> dict[str, dict[str, object]]:
    """source GUID -> {variable name: value}, with perspective from evaltoolkit's perspective sets."""
    values: dict[str, dict[str, object]] = {}
    chosen = project.variable_values[project.variable_values["entity_type"] == "source"]
    for guid, name, value in zip(chosen["entity_guid"], chosen["variable"], chosen["value"]):
        if not pd.isna(name) and not pd.isna(value):
            values.setdefault(guid, {})[source_column(str(name))] = str(value)
    sets = project.sets[project.sets["member_type"] == "source"]
    for set_guid, name, member in zip(sets["set_guid"], sets["name"], sets["member_guid"]):
        if not pd.isna(name) and set_guid == stable_guid("set", f"perspective:{name}"):
            values.setdefault(member, {}).setdefault("perspective", str(name))
    for fields in values.values():
        if fields.get("collected_on"):
            fields["collected_on"] = pd.to_datetime(fields["collected_on"], errors="coerce")
    return values


def _participants(project: ImportedProject, known: set[str]) -> dict[str, list[str]]:
    """source GUID -> participant ids, from cases evaltoolkit exported or named exactly as a
    participant of the store (other programs write new GUIDs; other case names are not ids)."""
    names = {guid: name for guid, name in zip(project.cases["case_guid"], project.cases["name"])
             if not pd.isna(name) and (guid == stable_guid("case", name) or name in known)}
    linked: dict[str, list[str]] = {}
    for case_guid, source_guid in zip(project.case_sources["case_guid"], project.case_sources["source_guid"]):
        if case_guid in names:
            linked.setdefault(source_guid, []).append(names[case_guid])
    return {guid: sorted(set(ids)) for guid, ids in linked.items()}


# ---------------------------------------------------------------------------- segments
def _spans(project: ImportedProject) -> pd.DataFrame:
    """Every coded or annotated stretch of text: one row per selection and per whole-source coding."""
    columns = ["selection_guid", "source_guid", "name", "start", "end"]
    rows = project.selections[columns].to_dict(orient="records")
    whole = project.codings[project.codings["selection_guid"].isna() & project.codings["start"].notna()]
    rows += [{"selection_guid": guid, "source_guid": source, "name": None, "start": start, "end": end}
             for guid, source, start, end in zip(whole["coding_guid"], whole["source_guid"], whole["start"],
                                                 whole["end"])]
    return pd.DataFrame(rows, columns=columns)


def _segments(project: ImportedProject, doc_ids: dict[str, str], texts: dict[str, tuple], stored: pd.DataFrame,
              *, segment_by: str) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """New segment rows, and selection (or whole-source coding) GUID -> segment ids."""
    spans = _spans(project)
    rows, units = [], {}
    for source_guid, doc_id in doc_ids.items():
        own = stored[stored["doc_id"] == doc_id]
        known = {(int(s), int(e)): sid for s, e, sid in zip(own["start_char"], own["end_char"], own["segment_id"])}
        numbering = _Numbering(doc_id, own["n"].dropna().astype(int).tolist())
        text, starts, ends = texts[source_guid]
        doc_spans = spans[spans["source_guid"] == source_guid]
        # of the selections on one span (one per coder), the one carrying the exported segment id goes first
        exported = [not pd.isna(n) and g == stable_guid("selection", str(n))
                    for g, n in zip(doc_spans["selection_guid"], doc_spans["name"])]
        doc_spans = doc_spans.assign(exported=exported).sort_values(
            ["start", "end", "exported"], ascending=[True, True, False], kind="stable")
        if starts is not None:
            doc_spans = doc_spans.assign(start=[starts[int(v)] for v in doc_spans["start"]],
                                         end=[ends[int(v)] for v in doc_spans["end"]])
        if segment_by == "paragraph":
            if not known:
                for start, end in paragraphs(text):
                    known[(start, end)] = numbering.next()
                    rows.append(_segment_row(known[(start, end)], doc_id, start, end, text))
            for guid, start, end in zip(doc_spans["selection_guid"], doc_spans["start"], doc_spans["end"]):
                units[guid] = [sid for (s, e), sid in sorted(known.items()) if s < end and e > start]
            continue
        for guid, name, start, end in zip(doc_spans["selection_guid"], doc_spans["name"],
                                          doc_spans["start"], doc_spans["end"]):
            start, end = int(start), int(end)
            if end <= start:
                continue
            if (start, end) not in known:
                known[(start, end)] = numbering.claim(guid, name)
                rows.append(_segment_row(known[(start, end)], doc_id, start, end, text))
            units[guid] = [known[(start, end)]]
    return pd.DataFrame(rows), units


class _Numbering:
    """Segment ids of one document: exported ids come back as they were, new ones count on."""

    def __init__(self, doc_id: str, used: list[int]):
        self.doc_id, self.used = doc_id, set(used)

    def claim(self, selection_guid: str, name) -> str:
        match = _SEGMENT_ID.match(str(name)) if name is not None and not pd.isna(name) else None
        if match and match["doc"] == self.doc_id and selection_guid == stable_guid("selection", str(name)) \
                and int(match["n"]) not in self.used:
            self.used.add(int(match["n"]))
            return str(name)
        return self.next()

    def next(self) -> str:
        n = max(self.used, default=0) + 1
        self.used.add(n)
        return f"{self.doc_id}:{n:04d}"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks of non-empty lines, surrounding spaces left out."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        block = match.group(0)
        stripped = block.strip()
        if stripped:
            start = match.start() + (len(block) - len(block.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def _segment_row(segment_id: str, doc_id: str, start: int, end: int, text: str) -> dict:
    piece = text[start:end]
    return {"segment_id": segment_id, "doc_id": doc_id, "n": int(segment_id.rsplit(":", 1)[1]),
            "start_char": start, "end_char": end, "text": piece,
            "content_hash": hashlib.sha256(piece.encode("utf-8")).hexdigest()}


# ----------------------------------------------------------------------- codings, memos
def _codings(project: ImportedProject, units: dict[str, list[str]], *, version: str | None,
             default_coder: str, at: dt.datetime) -> pd.DataFrame:
    rows = []
    for coding in project.codings.itertuples(index=False):
        key = coding.selection_guid if not pd.isna(coding.selection_guid) else coding.coding_guid
        coder = coding.coder if not pd.isna(coding.coder) else default_coder
        created = coding.created_at if not pd.isna(coding.created_at) else at
        for segment_id in units.get(key, ()):
            rows.append({"segment_id": segment_id, "code_id": coding.code_id, "coder": coder, "source": SOURCE_MANUAL,
                         "status": CODING_ACCEPTED, "codebook_version": version, "reviewed_by": coder,
                         "reviewed_at": created, "created_at": created})
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates(["segment_id", "code_id", "coder"]) if not frame.empty else frame


def _memos(project: ImportedProject, doc_ids: dict[str, str], units: dict[str, list[str]], *,
           default_coder: str, at: dt.datetime) -> pd.DataFrame:
    codes = project.codes[~project.codes["is_valence_group"].astype(bool)]
    code_ids = dict(zip(codes["code_guid"], codes["code_id"]))
    coding_units = {c: units.get(s if not pd.isna(s) else c, [])
                    for c, s in zip(project.codings["coding_guid"], project.codings["selection_guid"])}
    rows = []
    for note in project.notes.drop_duplicates("note_guid").itertuples(index=False):
        target_type, target_id = _memo_target(note.target_type, note.target_guid, doc_ids, units,
                                              coding_units, code_ids)
        memo_id = note.name if not pd.isna(note.name) and note.note_guid == stable_guid("note", note.name) \
            else f"qdpx-{note.note_guid}"
        created = note.created_at if not pd.isna(note.created_at) else at
        rows.append({"memo_id": memo_id, "target_type": target_type, "target_id": target_id,
                     "author": note.author if not pd.isna(note.author) else default_coder,
                     "text": "" if pd.isna(note.text) else note.text, "created_at": created,
                     "updated_at": note.updated_at if not pd.isna(note.updated_at) else created})
    rows += _set_memos(project, doc_ids, code_ids, default_coder=default_coder, at=at)
    users = dict(zip(project.users["user_guid"], project.users["name"]))
    described = project.selections[project.selections["description"].fillna("").str.strip() != ""]
    for selection in described.itertuples(index=False):  # the coding memo of MAXQDA, NVivo, QualCoder
        segments = units.get(selection.selection_guid)
        if not segments:
            continue
        author = users.get(selection.user_guid) if not pd.isna(selection.user_guid) else None
        created = selection.created_at if not pd.isna(selection.created_at) else at
        rows.append({"memo_id": f"qdpx-{selection.selection_guid}", "target_type": MEMO_ON_SEGMENT,
                     "target_id": segments[0], "author": author if author and not pd.isna(author) else default_coder,
                     "text": str(selection.description), "created_at": created, "updated_at": created})
    return pd.DataFrame(rows)


def _set_memos(project: ImportedProject, doc_ids: dict[str, str], code_ids: dict[str, str], *,
               default_coder: str, at: dt.datetime) -> list[dict]:
    """Another program's sets (groups of documents, codes or notes) as project memos naming their
    members, since the store has no sets; evaltoolkit's own perspective sets come back as the
    documents' perspective instead."""
    rows = []
    for set_guid, members in project.sets.groupby("set_guid", sort=False):
        name = members["name"].iloc[0]
        name = "" if pd.isna(name) else str(name)
        if set_guid == stable_guid("set", f"perspective:{name}"):
            continue
        found = {"documents": [doc_ids.get(g) for g in members.loc[members["member_type"] == "source", "member_guid"]],
                 "codes": [code_ids.get(g) for g in members.loc[members["member_type"] == "code", "member_guid"]]}
        notes = int((members["member_type"] == "note").sum())
        parts = [f"{what}: {', '.join(sorted(i for i in ids if i))}" for what, ids in found.items() if any(ids)]
        parts += [f"{notes} notes"] if notes else []
        description = members["description"].iloc[0]
        text = f"Set {name!r} from {project.origin or 'the imported file'}: {'; '.join(parts) or 'no members'}."
        if not pd.isna(description) and str(description).strip():
            text += f"\n\n{description}"
        rows.append({"memo_id": f"qdpx-set-{set_guid}", "target_type": MEMO_ON_PROJECT, "target_id": None,
                     "author": default_coder, "text": text, "created_at": at, "updated_at": at})
    return rows


def _new_memos(memos: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The memos not in the store yet: same id, or same target and text (a memo that went out
    as a note or a coding memo and came back under a new GUID), is the same memo."""
    if memos.empty:
        return memos
    seen = set(stored["memo_id"])
    same = {(t, "" if pd.isna(i) else i, x) for t, i, x in zip(stored["target_type"], stored["target_id"],
                                                               stored["text"])}
    keep = [m not in seen and (t, "" if pd.isna(i) or i is None else i, x) not in same
            for m, t, i, x in zip(memos["memo_id"], memos["target_type"], memos["target_id"], memos["text"])]
    memos = memos[keep].drop_duplicates("memo_id")
    # a segment memo travels as a note and as its selection's Description: one memo, the note first
    return memos.drop_duplicates(["target_type", "target_id", "text"])


def _memo_target(target_type, target_guid, doc_ids, units, coding_units, code_ids) -> tuple[str, str | None]:
    """Where a note was attached, as a memo target; notes on things not imported go to the project."""
    if target_type == "source" and target_guid in doc_ids:
        return MEMO_ON_DOCUMENT, doc_ids[target_guid]
    if target_type == "selection" and units.get(target_guid):
        return MEMO_ON_SEGMENT, units[target_guid][0]
    if target_type == "coding" and coding_units.get(target_guid):
        return MEMO_ON_SEGMENT, coding_units[target_guid][0]
    if target_type == "code" and target_guid in code_ids:
        return MEMO_ON_CODE, code_ids[target_guid]
    return MEMO_ON_PROJECT, None
