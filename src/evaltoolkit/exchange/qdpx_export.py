"""The whole project store to a REFI-QDA ``.qdpx`` file, for ATLAS.ti, NVivo, MAXQDA, QualCoder.

>>> export_qdpx(store, codebook, "exports/project.qdpx", name="My study", check_texts=check)

(``evaltoolkit.project.export_project_qdpx`` passes the project's output gate as ``check``.)

What goes in (everything from the project store, so everything is pseudonymised):

* every document as a ``TextSource``: its text as ``sources/<guid>.txt`` (UTF-8 without
  byte-order mark, LF line ends), with kind, perspective, site, round, date and language
  as variable values;
* every accepted coding as a ``Coding`` (``creatingUser`` = the coder) on a
  ``PlainTextSelection`` whose positions count Unicode code points into that exact text,
  one selection per segment and coder (QualCoder credits a coding to its selection's
  ``creatingUser``);
* every coder and memo author as a ``User``; participants (not withdrawn) as ``Cases``
  with perspective, site, role and round variables and their documents as ``SourceRef``
  (documents carry ``doc_perspective``, ``doc_site``, ``doc_round``: a variable used on
  both would become a case variable in QualCoder and hide the document values);
* memos as ``Notes`` with their text in ``sources/<guid>.txt`` (where QualCoder reads
  notes), referenced from their segment, document, code or the project; a segment's memo
  is also its selection's ``Description`` (the coding memo of MAXQDA, NVivo, QualCoder);
* perspectives as ``Sets`` of documents (left out when there are none: ``<Sets/>`` is invalid).

GUIDs are deterministic (:mod:`evaltoolkit.exchange.guids`) and the zip has fixed
timestamps, so exporting an unchanged project twice gives identical bytes.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.errors import CodebookError, InputError, format_problems
from evaltoolkit.exchange.codes import add_codes
from evaltoolkit.exchange.guids import stable_guid
from evaltoolkit.exchange.plaintext import plain_text
from evaltoolkit.exchange.qdaxml import PROJECT_FILE, PROJECT_NS, add, root_element, serialise, xml_datetime, xml_safe
from evaltoolkit.exchange.qdc import ORIGIN
from evaltoolkit.exchange.variables import CASE_VARIABLES, SOURCE_VARIABLES, add_variable_values, add_variables
from evaltoolkit.store import list_cell
from evaltoolkit.store.values import (
    CODING_ACCEPTED,
    MEMO_ON_CODE,
    MEMO_ON_DOCUMENT,
    MEMO_ON_PROJECT,
    MEMO_ON_SEGMENT,
)

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class _Project:
    """The store tables one export reads, with texts already in their exported form."""

    documents: pd.DataFrame     # + plain (exported text) and guid
    segments: pd.DataFrame      # + start/end positions into the exported text
    codings: pd.DataFrame       # accepted codings only
    participants: pd.DataFrame  # not withdrawn
    memos: pd.DataFrame


@dataclass(frozen=True)
class ExportSummary:
    """What :func:`export_qdpx` wrote."""

    path: Path
    documents: int
    codings: int
    users: int
    cases: int
    notes: int


#: ``check_texts({name: text})`` raises PrivacyError when a text holds personal data.
TextCheck = Callable[[Mapping[str, str]], None]


def export_qdpx(store, codebook: Codebook, path: Path | str, *, name: str,
                check_texts: TextCheck) -> ExportSummary:
    """Write the project in ``store`` with ``codebook`` to ``path`` (.qdpx) under the project ``name``.

    Every text that would leave (document texts as exported, memos, code definitions and
    examples) first goes through ``check_texts``; when it raises, nothing is written.
    Refuses (InputError) when codings point at codes missing from ``codebook`` or segments
    whose offsets do not match their document, listing every problem at once.
    """
    if not codebook.codes:
        raise CodebookError(f"codebook {codebook.codebook_id!r} has no codes; a .qdpx needs at least one.")
    project = _read_project(store, codebook)
    check_texts(_leaving_texts(project, codebook))
    xml = serialise(_project_element(project, codebook, name=name))
    entries = [(PROJECT_FILE, xml)]
    entries += [(f"sources/{guid}.txt", text.encode("utf-8"))
                for guid, text in zip(project.documents["guid"], project.documents["plain"])]
    entries += [(f"sources/{stable_guid('note', memo_id)}.txt", xml_safe(plain_text(str(text))[0]).encode("utf-8"))
                for memo_id, text in zip(project.memos["memo_id"], project.memos["text"])]
    users = set(project.codings["coder"]) | set(project.memos["author"])
    return ExportSummary(path=_write_zip(Path(path), entries), documents=len(project.documents),
                         codings=len(project.codings), users=len(users), cases=len(project.participants),
                         notes=len(project.memos))


def _leaving_texts(project: _Project, codebook: Codebook) -> dict[str, str]:
    """Every text the export would carry, named by where it comes from (never by its content)."""
    texts = {f"document {d}": text for d, text in zip(project.documents["doc_id"], project.documents["plain"])}
    texts.update({f"memo {m}": str(text) for m, text in zip(project.memos["memo_id"], project.memos["text"])})
    texts.update(codebook_texts(codebook))
    return texts


def codebook_texts(codebook: Codebook) -> dict[str, str]:
    """A codebook's labels, definitions, criteria and examples, named by code id and field."""
    texts = {}
    for code in codebook.codes:
        fields = {"label": f"{code.label_nl}\n{code.label_en}", "definition": code.definition,
                  "inclusion": code.inclusion, "exclusion": code.exclusion, "examples": "\n".join(code.examples)}
        texts.update({f"code {code.code_id} {field}": text for field, text in fields.items() if text})
    return texts


# ------------------------------------------------------------------------ store tables
def _read_project(store, codebook: Codebook) -> _Project:
    documents = store.read("documents").sort_values("doc_id", kind="stable").reset_index(drop=True)
    segments = store.read("segments")
    codings = store.read("codings", where={"status": CODING_ACCEPTED})
    participants = store.read("participants")
    participants = participants[participants["withdrawn_on"].isna()].sort_values("participant_id")
    memos = store.read("memos").sort_values("memo_id", kind="stable").reset_index(drop=True)
    problems = _problems(documents, segments, codings, codebook)
    if problems:
        raise InputError(format_problems("the project store cannot be exported to .qdpx", problems))
    plain, positions = {}, {}
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        plain[doc_id], positions[doc_id] = plain_text(text)
    documents = documents.assign(plain=documents["doc_id"].map(plain),
                                 guid=[stable_guid("source", d) for d in documents["doc_id"]])
    segments = segments.assign(
        start=[positions[d][s] for d, s in zip(segments["doc_id"], segments["start_char"])],
        end=[positions[d][e] for d, e in zip(segments["doc_id"], segments["end_char"])],
    ).sort_values(["doc_id", "start", "end", "segment_id"], kind="stable")
    return _Project(documents, segments, codings, participants.reset_index(drop=True), memos)


def _problems(documents, segments, codings, codebook: Codebook) -> list[str]:
    problems = []
    texts = dict(zip(documents["doc_id"], documents["text"]))
    for row in segments.itertuples(index=False):
        text = texts.get(row.doc_id)
        if text is None:
            problems.append(f"[segments -> {row.segment_id}] its document {row.doc_id!r} is not in the store.")
        elif not (0 <= row.start_char <= row.end_char <= len(text)) or text[row.start_char:row.end_char] != row.text:
            problems.append(f"[segments -> {row.segment_id}] start_char {row.start_char} and end_char "
                            f"{row.end_char} do not match the text of document {row.doc_id!r}; "
                            "segment the documents again.")
    known_segments = set(segments["segment_id"])
    for segment_id in sorted(set(codings["segment_id"]) - known_segments):
        problems.append(f"[codings -> {segment_id}] the segment is not in the store.")
    for code_id in sorted(set(codings["code_id"]) - set(codebook.code_ids)):
        count = int((codings["code_id"] == code_id).sum())
        problems.append(f"[codings -> code_id] {code_id!r} ({count} accepted codings) is not a code of codebook "
                        f"{codebook.codebook_id!r} version {codebook.version}; export with the codebook they "
                        "were coded with.")
    return problems


# ------------------------------------------------------------------------------- XML
def _project_element(project: _Project, codebook: Codebook, *, name: str):
    root = root_element("Project", PROJECT_NS, name=name, origin=ORIGIN)
    memos = _memo_targets(project, codebook)
    users = sorted(set(project.codings["coder"]) | set(project.memos["author"]))
    if users:
        users_element = add(root, "Users")
        for user in users:
            add(users_element, "User", guid=stable_guid("user", user), name=user)
    add_codes(add(add(root, "CodeBook"), "Codes"), codebook, note_refs=_refs(memos, MEMO_ON_CODE))
    used = _used_variables(project)
    if used:
        add_variables(add(root, "Variables"), used)
    if not project.participants.empty:
        _add_cases(add(root, "Cases"), project, used)
    if not project.documents.empty:
        _add_sources(add(root, "Sources"), project, memos, used)
    if not project.memos.empty:
        _add_notes(add(root, "Notes"), project.memos, project.documents)
    _add_perspective_sets(root, project.documents)
    for note_guid in _refs(memos, MEMO_ON_PROJECT).get("", ()):
        add(root, "NoteRef", targetGUID=note_guid)
    return root


def _memo_targets(project: _Project, codebook: Codebook) -> pd.DataFrame:
    """Memos with the GUID of their note and where that note is referenced from.

    A memo whose target no longer exists stays an unreferenced note.
    """
    memos = project.memos.assign(note_guid=[stable_guid("note", m) for m in project.memos["memo_id"]])
    exists = {
        MEMO_ON_SEGMENT: set(project.segments["segment_id"]),
        MEMO_ON_DOCUMENT: set(project.documents["doc_id"]),
        MEMO_ON_CODE: set(codebook.code_ids),
    }
    keep = pd.Series([t == MEMO_ON_PROJECT or (t in exists and i in exists[t])
                      for t, i in zip(memos["target_type"], memos["target_id"])], index=memos.index, dtype=bool)
    return memos.loc[keep].assign(target_id=memos["target_id"].fillna(""))  # a list [] would select no columns


def _refs(memos: pd.DataFrame, target_type: str) -> dict[str, list[str]]:
    chosen = memos[memos["target_type"] == target_type]
    refs: dict[str, list[str]] = {}
    for target_id, note_guid in zip(chosen["target_id"], chosen["note_guid"]):
        refs.setdefault(target_id, []).append(note_guid)
    return refs


def _participant_documents(project: _Project) -> dict[str, list[str]]:
    """participant_id -> doc_ids, from documents.participant_ids and segment speakers."""
    links: set[tuple[str, str]] = set()
    for doc_id, ids in zip(project.documents["doc_id"], project.documents["participant_ids"]):
        links.update((str(pid), doc_id) for pid in list_cell(ids, where=f"documents.participant_ids of {doc_id}"))
    for pid, doc_id in zip(project.segments["participant_id"], project.segments["doc_id"]):
        if not pd.isna(pid):
            links.add((pid, doc_id))
    result: dict[str, list[str]] = {}
    for pid, doc_id in sorted(links):
        result.setdefault(pid, []).append(doc_id)
    return result


def _case_values(project: _Project) -> dict[str, dict[str, object]]:
    rounds = dict(zip(project.documents["doc_id"], project.documents["round"]))
    linked = _participant_documents(project)
    values = {}
    for row in project.participants.itertuples(index=False):
        doc_rounds = sorted({rounds[d] for d in linked.get(row.participant_id, ()) if not pd.isna(rounds.get(d))})
        values[row.participant_id] = {"perspective": row.perspective, "site": row.site, "role": row.role,
                                      "round": ", ".join(doc_rounds) or None}
    return values


def _source_values(project: _Project) -> dict[str, dict[str, object]]:
    columns = [v.column for v in SOURCE_VARIABLES]
    return {row["doc_id"]: {c: row[c] for c in columns} for row in project.documents.to_dict(orient="records")}


def _used_variables(project: _Project) -> list:
    """The variables that have at least one value, cases' first (see :mod:`variables`)."""
    case_values, source_values = _case_values(project), _source_values(project)
    used = []
    for variable in CASE_VARIABLES:
        if any(_present(v.get(variable.column)) for v in case_values.values()):
            used.append(variable)
    for variable in SOURCE_VARIABLES:
        if variable not in used and any(_present(v.get(variable.column)) for v in source_values.values()):
            used.append(variable)
    return used


def _present(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value) != ""


def _add_cases(cases, project: _Project, used: list) -> None:
    linked = _participant_documents(project)
    values = _case_values(project)
    case_variables = [v for v in CASE_VARIABLES if v in used]
    for row in project.participants.itertuples(index=False):
        case = add(cases, "Case", guid=stable_guid("case", row.participant_id), name=row.participant_id)
        if _present(row.pseudonym):
            add(case, "Description", str(row.pseudonym))
        add_variable_values(case, case_variables, values[row.participant_id])
        for doc_id in linked.get(row.participant_id, ()):
            add(case, "SourceRef", targetGUID=stable_guid("source", doc_id))


def _add_sources(sources, project: _Project, memos: pd.DataFrame, used: list) -> None:
    by_doc = {doc_id: group for doc_id, group in project.segments.groupby("doc_id", sort=False)}
    document_refs = _refs(memos, MEMO_ON_DOCUMENT)
    segment_memos = {sid: group for sid, group in memos[memos["target_type"] == MEMO_ON_SEGMENT].groupby(
        "target_id", sort=False)}
    no_memos = memos.iloc[0:0]
    codings = project.codings.sort_values(["segment_id", "code_id", "coder"], kind="stable")
    coded = {segment_id: group for segment_id, group in codings.groupby("segment_id", sort=False)}
    values = _source_values(project)
    source_variables = [v for v in SOURCE_VARIABLES if v in used]
    for row in project.documents.itertuples(index=False):
        source = add(sources, "TextSource", guid=row.guid, name=row.doc_id,
                     plainTextPath=f"internal://{row.guid}.txt",
                     creationDateTime=xml_datetime(row.pseudonymised_at))
        segments = by_doc.get(row.doc_id)
        for segment in ([] if segments is None else segments.itertuples(index=False)):
            rows = coded.get(segment.segment_id)
            if rows is not None or segment.segment_id in segment_memos:
                _add_selection(source, segment, rows, segment_memos.get(segment.segment_id, no_memos))
        for note_guid in document_refs.get(row.doc_id, ()):
            add(source, "NoteRef", targetGUID=note_guid)
        add_variable_values(source, source_variables, values[row.doc_id])


def _add_selection(source, segment, codings: pd.DataFrame | None, memos: pd.DataFrame) -> None:
    """One ``PlainTextSelection`` per coder of the segment (QualCoder credits a coding to its
    selection's ``creatingUser``); the segment's memos are the coding memo (``Description``)
    of the selection of their author, or of the first selection when that author did not code it."""
    by_coder = {} if codings is None else {coder: group for coder, group in codings.groupby("coder", sort=True)}
    authors = list(memos["author"]) if not memos.empty else []
    coders = sorted(by_coder) or sorted(set(authors))[:1]
    for number, coder in enumerate(coders):
        own = memos[memos["author"] == coder] if not memos.empty else memos
        if number == 0 and not memos.empty:
            own = memos[(memos["author"] == coder) | ~memos["author"].isin(coders)]
        key = segment.segment_id if number == 0 else f"{segment.segment_id}|{coder}"
        selection = add(source, "PlainTextSelection", guid=stable_guid("selection", key),
                        name=segment.segment_id, startPosition=str(segment.start), endPosition=str(segment.end),
                        creatingUser=stable_guid("user", coder))
        if not own.empty:
            add(selection, "Description", "\n\n".join(str(text) for text in own["text"]))
        for coding in ([] if coder not in by_coder else by_coder[coder].itertuples(index=False)):
            key = f"{coding.segment_id}|{coding.code_id}|{coding.coder}"
            created = coding.reviewed_at if not pd.isna(coding.reviewed_at) else coding.created_at
            element = add(selection, "Coding", guid=stable_guid("coding", key),
                          creatingUser=stable_guid("user", coding.coder), creationDateTime=xml_datetime(created))
            add(element, "CodeRef", targetGUID=stable_guid("code", coding.code_id))
        for note_guid in ([] if own.empty else own["note_guid"]):
            add(selection, "NoteRef", targetGUID=note_guid)


def _add_notes(notes, memos: pd.DataFrame, documents: pd.DataFrame) -> None:
    """Memos as notes with their text in ``sources/<guid>.txt``: QualCoder reads a named note
    with a text file as a journal. A note referenced from a document is an annotation there,
    which QualCoder reads only from the note's own text and selection: those notes also carry
    ``PlainTextContent`` and a selection of the whole document."""
    lengths = dict(zip(documents["doc_id"], documents["plain"].str.len()))
    for row in memos.itertuples(index=False):
        guid = stable_guid("note", row.memo_id)
        note = add(notes, "Note", guid=guid, name=row.memo_id, plainTextPath=f"internal://{guid}.txt",
                   creatingUser=stable_guid("user", row.author), creationDateTime=xml_datetime(row.created_at),
                   modifiedDateTime=xml_datetime(row.updated_at))
        if row.target_type == MEMO_ON_DOCUMENT and row.target_id in lengths:
            add(note, "PlainTextContent", plain_text(str(row.text))[0])
            add(note, "PlainTextSelection", guid=stable_guid("selection", f"note:{row.memo_id}"),
                startPosition="0", endPosition=str(lengths[row.target_id]))


def _add_perspective_sets(root, documents: pd.DataFrame) -> None:
    with_perspective = documents[documents["perspective"].notna()]
    if with_perspective.empty:
        return  # an empty <Sets/> is invalid
    sets = add(root, "Sets")
    for perspective, group in with_perspective.groupby("perspective", sort=True):
        member_set = add(sets, "Set", guid=stable_guid("set", f"perspective:{perspective}"), name=str(perspective))
        add(member_set, "Description", f"perspective: {perspective}")
        for guid in group["guid"]:
            add(member_set, "MemberSource", targetGUID=guid)


# ------------------------------------------------------------------------------- zip
def _write_zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    """A zip with fixed timestamps and order; written beside ``path`` first, then moved."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    partial.replace(path)
    return path
