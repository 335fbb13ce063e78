"""REFI-QDA in and out of a project: exports pass the output gate, imports are pseudonymised
with the project's key before they reach the project store."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from evaltoolkit.exchange import read_qdpx, write_qdc
from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.project_store import ImportSummary, write_imported_project
from evaltoolkit.exchange.pseudonymise import imported_texts, pseudonymise_imported
from evaltoolkit.exchange.qdpx_export import ExportSummary, codebook_texts, export_qdpx
from evaltoolkit.privacy.key import save_key
from evaltoolkit.project.outputs import checked_file, checked_output, output_check, output_path
from evaltoolkit.project.project import Project
from evaltoolkit.project.pseudonymise import configured_pseudonymiser, project_key


def export_project_qdc(project: Project, path: Path | str) -> Path:
    """Write the project's codebook as a REFI-QDA codebook (.qdc), through the output gate."""
    codebook = project.codebook
    return checked_file(project, write_qdc(codebook, checked_output(project, path, codebook_texts(codebook))))


def export_project_qdpx(project: Project, path: Path | str) -> ExportSummary:
    """Write the whole project (pseudonymised texts, accepted codings, cases, memos) as .qdpx,
    every text it carries through the output gate first."""
    summary = export_qdpx(project.store, project.codebook, output_path(project, path), name=project.config.name,
                          check_texts=output_check(project))
    checked_file(project, output_path(project, path))
    return summary


def import_project_qdpx(project: Project, path: Path | str, *, segment_by: str = "selection",
                        default_coder: str = "imported") -> tuple[ImportedProject, ImportSummary]:
    """Read a .qdpx/.qde into the project store, pseudonymised with the project's key first.

    The project must be unlocked: texts, notes and names are pseudonymised with the key,
    the register and the review decisions, and the key keeps the people first met here.
    """
    reference = project.codebook if project.paths.codebook.is_file() else None
    imported = read_qdpx(path, reference=reference)
    pseudonymiser = imported_text_pseudonymiser(project, imported_texts(imported))
    imported = pseudonymise_imported(imported, pseudonymiser)
    written = write_imported_project(imported, project.store, segment_by=segment_by, default_coder=default_coder,
                                     source=Path(path).name)
    save_key(pseudonymiser.key_, project.paths.key, passphrase=project.passphrase)
    return imported, written


def imported_text_pseudonymiser(project: Project, texts: list[str]):
    """A Pseudonymiser fitted on the project's key, register and review decisions plus ``texts``.

    Every detection is replaced (imported text has no review queue).
    """
    raw = project.raw_store
    documents = pd.DataFrame({"doc_id": [f"import:{n}" for n in range(len(texts))], "text": texts})
    return configured_pseudonymiser(project.config, key=project_key(project), review_threshold=0.0).fit(
        documents, register=raw.read("raw_participants"), decisions=raw.read("raw_review_decisions"))
