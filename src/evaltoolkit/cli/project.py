"""CLI commands: ``evaltoolkit init``, ``status``, ``run`` (the whole chain) and ``demo``."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from evaltoolkit.cli.common import ProjectOption, console, opened_project
from evaltoolkit.cli.ingest import unlisted_warning
from evaltoolkit.demo.folder import DEFAULT_FOLDER, DEMO_MONTH, DEMO_PASSPHRASE, write_demo_project
from evaltoolkit.project import Project, ProjectStatus, project_status, run_chain
from evaltoolkit.project.init import LANGUAGES, init_project
from evaltoolkit.project.notebooks import write_notebooks


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("init")(init)
    app.command("status")(status)
    app.command("run")(run)
    app.command("demo")(demo)


def init(
    path: Annotated[Path, typer.Argument(help="Folder for the new project (must not exist or be empty).")],
    language: Annotated[str, typer.Option(
        "--language", help=f"Language of the starter files: {' or '.join(LANGUAGES)}.")] = "nl",
) -> None:
    """Create a new evaluation project: configuration, starter codebook and logic model, notebooks."""
    created = init_project(path, language=language)
    console.print(f"Created an evaluation project in {path}:", soft_wrap=True, markup=False)
    for file in created:
        console.print(f"  {file.relative_to(path).as_posix()}", markup=False)
    console.print("Next: edit evaltoolkit.yaml and the starter codebook and logic model in codebooks/, fill "
                  "data/raw/register.csv, data/raw/manifest.csv and data/raw/events.csv, then run "
                  "`evaltoolkit ingest` (README: \"Your own study\").", soft_wrap=True, markup=False)


def status(project: ProjectOption = None) -> None:
    """Show what the project holds: documents, segments and participants (counts only)."""
    with opened_project(project) as opened:
        report = project_status(opened)
    for table in status_tables(report):
        console.print(table)


def run(
    month: Annotated[str, typer.Option("--month", help="Month of the report, YYYY-MM.")],
    project: ProjectOption = None,
    topics: Annotated[bool, typer.Option("--topics/--no-topics", help="Fit or update the topic model.")] = True,
) -> None:
    """Run the whole chain: ingest, pseudonymise, code, topics, indicators, monthly report."""
    with opened_project(project, unlock=True) as opened:
        _run_chain(opened, month=month, topics=topics)


def demo(
    folder: Annotated[Path, typer.Argument(help="Folder for the demo project: new, empty, or an earlier demo.")]
    = DEFAULT_FOLDER,
    topics: Annotated[bool, typer.Option("--topics/--no-topics", help="Fit the topic model (the slowest step).")] = True,
) -> None:
    """Write the synthetic demo study into FOLDER and run the whole chain there (October 2024 report)."""
    written = write_demo_project(folder)
    console.print(f"Demo study in {folder.resolve()} (synthetic data: {len(written.study.files)} generated files)",
                  soft_wrap=True, markup=False)
    if not any((folder / "notebooks").glob("*.ipynb")):
        write_notebooks(folder / "notebooks")
    with opened_project(folder) as opened:
        # the demo's key protects invented data only; a passphrase set in the environment wins
        opened.unlock(os.environ.get(opened.config.privacy.passphrase_env) or DEMO_PASSPHRASE)
        _run_chain(opened, month=DEMO_MONTH, topics=topics)


def _run_chain(project: Project, *, month: str, topics: bool) -> None:
    chain = run_chain(project, month=month, topics=topics)
    if chain.unlisted:
        console.print(unlisted_warning(chain.unlisted, project.paths.raw), markup=False, soft_wrap=True)
    console.print(f"Report written: {chain.report_path}", soft_wrap=True, markup=False)


def status_tables(report: ProjectStatus) -> list[Table | str]:
    """The status report as rich tables."""
    if not report.raw_store_exists:
        return ["Nothing ingested yet: run `evaltoolkit ingest`."]
    documents = report.documents.fillna({"perspective": "-", "site": "-", "round": "-"})
    return [
        _table("Documents per perspective, site and round", documents),
        _table("Participants and consent", report.participants.fillna({"perspective": "-"})),
        _table("Stores", report.stores.astype(object).where(report.stores.notna(), "-")),
    ]


def _table(title: str, frame: pd.DataFrame) -> Table:
    table = Table(title=title)
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column]) or column in ("raw_store", "project_store")
        table.add_column(column, justify="right" if numeric else "left")
    for row in frame.itertuples(index=False):
        table.add_row(*(str(value) for value in row))
    return table
