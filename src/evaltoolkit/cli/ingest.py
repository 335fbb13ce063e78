"""CLI commands: ``evaltoolkit ingest``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from evaltoolkit.cli.common import ProjectOption, console, opened_project
from evaltoolkit.errors import InputError
from evaltoolkit.ingest import IngestReport
from evaltoolkit.ingest.pipeline import IGNORE_FILE
from evaltoolkit.project import ingest as ingest_project


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("ingest")(ingest)


def ingest(force: Annotated[list[str] | None, typer.Option(
               "--force", metavar="DOC_ID_OR_FILE",
               help="Read this document's file again even if it looks unchanged (repeat for more).")] = None,
           project: ProjectOption = None) -> None:
    """Read the register, the manifest and every listed source file into the raw store.

    Each file is its own transaction: good files land, bad files are reported together
    at the end (exit status 1). Unchanged files are skipped unless named with --force.
    """
    with opened_project(project) as opened:
        report = ingest_project(opened, force=tuple(force or ()))
        raw_store, raw_folder = opened.paths.raw_store, opened.paths.raw
    console.print(summary_table(report))
    skipped = int(report.files["skipped_responses"].fillna(0).sum())
    if skipped:
        console.print(f"{skipped} survey responses skipped (no consent or withdrawn).", soft_wrap=True)
    for note in report.notes:
        console.print(f"Note: {note}", markup=False, soft_wrap=True)
    if report.unlisted:
        console.print(unlisted_warning(report.unlisted, raw_folder), markup=False, soft_wrap=True)
    console.print(f"Raw store: {raw_store}", soft_wrap=True)
    if not report.ok:
        raise InputError(f"{len(report.problems)} of the files could not be ingested:\n"
                         + "\n".join(report.problems))


def unlisted_warning(unlisted: tuple[str, ...], raw: Path) -> str:
    """One line naming the files under the raw folder that manifest.csv does not list."""
    files = f"{len(unlisted)} file is" if len(unlisted) == 1 else f"{len(unlisted)} files are"
    return (f"Warning: {files} in {raw} but not in manifest.csv, so not read: {', '.join(unlisted)}. "
            f"List each in manifest.csv to ingest it, or in {raw / IGNORE_FILE} (one pattern a line) to leave it out.")


def summary_table(report: IngestReport) -> Table:
    """Files, documents and segments per status (counts only)."""
    table = Table(title=f"Ingestion: {report.participants} participants in the register"
                        + (f", {report.events} events" if report.events is not None else ""))
    for column in ("status", "files", "documents", "segments"):
        table.add_column(column, justify="left" if column == "status" else "right")
    for row in report.summary().itertuples(index=False):
        table.add_row(row.status, str(row.files), _n(row.documents), _n(row.segments))
    return table


def _n(value) -> str:
    return "" if value is None or value != value else str(int(value))
