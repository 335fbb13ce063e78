"""REFI-QDA in and out of a project: exports pass the output gate, imports are pseudonymised
with the project's key before they reach the project store."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from evaltoolkit.codebook import codebook_to_dict, save_codebook
from evaltoolkit.codebook.model import codebook_version
from evaltoolkit.exchange import read_qdpx, write_qdc
from evaltoolkit.exchange.codes import CREATED
from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.plaintext import plain_text
from evaltoolkit.exchange.project_store import recognise_sources, write_imported_project
from evaltoolkit.exchange.pseudonymise import imported_texts, pseudonymise_imported
from evaltoolkit.exchange.qdpx_export import ExportSummary, codebook_texts, export_qdpx
from evaltoolkit.exchange.report import ImportReport, import_report
from evaltoolkit.exchange.taguette import write_taguette_csv
from evaltoolkit.privacy.key import save_key
from evaltoolkit.project.outputs import checked_file, checked_output, output_check, output_path
from evaltoolkit.project.project import Project
from evaltoolkit.project.pseudonymise import configured_pseudonymiser, project_key


def export_project_qdc(project: Project, path: Path | str) -> Path:
    """Write the project's codebook as a REFI-QDA codebook (.qdc), through the output gate."""
    codebook = project.codebook
    target = checked_output(project, path, codebook_texts(codebook), prose=False)
    return checked_file(project, write_qdc(codebook, target))


def export_project_taguette(project: Project, path: Path | str) -> Path:
    """Write the project's codebook as a Taguette codebook CSV (tag, description), through the output gate."""
    codebook = project.codebook
    target = checked_output(project, path, codebook_texts(codebook), prose=False)
    return checked_file(project, write_taguette_csv(codebook, target))


def export_project_qdpx(project: Project, path: Path | str) -> ExportSummary:
    """Write the whole project (pseudonymised texts, accepted codings, cases, memos) as .qdpx,
    every text it carries through the output gate first."""
    summary = export_qdpx(project.store, project.codebook, output_path(project, path), name=project.config.name,
                          check_texts=output_check(project))
    checked_file(project, output_path(project, path))
    return summary


def import_project_qdpx(project: Project, path: Path | str, *, segment_by: str = "selection",
                        default_coder: str = "imported") -> tuple[ImportedProject, ImportReport]:
    """Read a .qdpx/.qde into the project store, pseudonymised with the project's key first.

    The project must be unlocked: texts, notes and names are pseudonymised with the key,
    the register and the review decisions, and the key keeps the people first met here.
    Sources, cases and notes that came from this project (recognised by text or exact name)
    are pseudonymised already and are left as they are. The codebook the codings need is
    written to the project's codebook YAML (new codes added; a new project gets the file's
    codebook), so the project can be exported again. Returns the project as read and the
    :class:`~evaltoolkit.exchange.report.ImportReport` of what was done.
    """
    has_codebook = project.paths.codebook.is_file()
    reference = project.codebook if has_codebook else None
    imported = read_qdpx(path, reference=reference)
    recognised = recognise_sources(imported, project.store.read("documents"))
    participants = set(project.store.read("participants")["participant_id"])
    imported = _cases_by_opaque_id(imported, project_key(project), participants)
    own_cases = {g for g, n in zip(imported.cases["case_guid"], imported.cases["name"]) if n in participants}
    memo_texts = {plain_text(str(text))[0] for text in project.store.read("memos")["text"].dropna()}
    own_notes = {g for g, text in zip(imported.notes["note_guid"], imported.notes["text"])
                 if not pd.isna(text) and str(text) in memo_texts}
    own = {"keep_sources": recognised, "keep_cases": own_cases, "keep_notes": own_notes}
    pseudonymiser = imported_text_pseudonymiser(project, imported_texts(imported, **own))
    imported = pseudonymise_imported(imported, pseudonymiser, **own)
    codebook, codebook_note = _codebook_for_import(imported, reference, Path(path).name)
    imported = dataclasses.replace(imported, codebook=codebook)
    written = write_imported_project(imported, project.store, segment_by=segment_by, default_coder=default_coder,
                                     source=Path(path).name)
    save_key(pseudonymiser.key_, project.paths.key, passphrase=project.passphrase)
    codebook_written = None
    if codebook is not None and codebook_note is not None:
        save_codebook(codebook, project.paths.codebook)
        project._codebook = None  # the next read loads the file just written
        codebook_written = f"{project.paths.codebook} ({codebook_note})"
    other_cases = len(imported.cases) - len(own_cases)
    cases = (f"Cases: {len(own_cases)} are participants of this project (new documents are linked to them)"
             + (f"; {other_cases} are not (their links to documents are not kept)." if other_cases else "."),)
    report = import_report(Path(path).name, imported, sources=recognised, written=written,
                           codebook_written=codebook_written, other=cases if len(imported.cases) else ())
    return dataclasses.replace(imported, written=written), report


def _codebook_for_import(imported: ImportedProject, reference, file: str):
    """(codebook the imported codings are recorded with, why it must be saved or None).

    With a project codebook: that codebook plus the codes the file brought (created ones),
    or the project codebook itself when nothing is new. Without: the file's codebook.
    A created code gets a definition that says it has none yet, so the YAML loads and the
    project can export; ``evaltoolkit codebook validate`` and the import report name it.
    """
    if imported.codebook is None:
        return reference, None
    created = set(imported.code_matches.loc[imported.code_matches["match"] == CREATED, "code_id"])
    placeholder = f"(No definition yet: imported from {file} ({imported.origin or 'unknown program'}); " \
                  "write one before coding with this code.)"
    new_codes = tuple(code if code.definition or not code.codable else dataclasses.replace(code, definition=placeholder)
                      for code in imported.codebook.codes if code.code_id in created)
    if reference is None:
        codes = tuple(next((n for n in new_codes if n.code_id == c.code_id), c) for c in imported.codebook.codes)
        draft = dataclasses.replace(imported.codebook, codes=codes)
        return dataclasses.replace(draft, version=codebook_version(codebook_to_dict(draft))), "new project codebook"
    if not new_codes:
        return reference, None
    draft = dataclasses.replace(reference, codes=reference.codes + new_codes)
    merged = dataclasses.replace(draft, version=codebook_version(codebook_to_dict(draft)))
    return merged, f"{len(new_codes)} new codes added: {', '.join(c.code_id for c in new_codes)}"


def _cases_by_opaque_id(imported: ImportedProject, key, participants: set[str]) -> ImportedProject:
    """Cases named by a register id (a file exported before the project store used opaque
    ids, or a case a researcher named so) renamed to that person's opaque id, so they are
    recognised as the project's own; the register id goes no further."""
    if imported.cases.empty:
        return imported
    names = []
    for name in imported.cases["name"]:
        token = None if pd.isna(name) else key.opaque_id(str(name), create=False)
        names.append(token if token in participants else name)
    return dataclasses.replace(imported, cases=imported.cases.assign(name=names))


def imported_text_pseudonymiser(project: Project, texts: list[str]):
    """A Pseudonymiser fitted on the project's key, register and review decisions plus ``texts``.

    Every detection is replaced (imported text has no review queue).
    """
    raw = project.raw_store
    documents = pd.DataFrame({"doc_id": [f"import:{n}" for n in range(len(texts))], "text": texts})
    return configured_pseudonymiser(project.config, key=project_key(project), review_threshold=0.0).fit(
        documents, register=raw.read("raw_participants"), decisions=raw.read("raw_review_decisions"))
