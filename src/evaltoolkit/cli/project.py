"""CLI commands: ``evaltoolkit init``, ``status``, ``run`` (the whole chain) and ``demo``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from evaltoolkit.cli.common import ProjectOption, console, opened_project
from evaltoolkit.config import find_project_root
from evaltoolkit.project import ProjectStatus, init_project, project_status, run_chain

DEMO_MONTH = "2024-10"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("init")(init)
    app.command("status")(status)
    app.command("run")(run)
    app.command("demo")(demo)


def init(path: Annotated[Path, typer.Argument(help="Folder for the new project (must not exist or be empty).")]) -> None:
    """Create a new, empty evaluation project with the standard layout."""
    created = init_project(path)
    console.print(f"Created an evaluation project in {path}:", soft_wrap=True)
    for file in created:
        console.print(f"  {file.relative_to(path).as_posix()}")
    console.print("Next: edit evaltoolkit.yaml, fill data/raw/register.csv and data/raw/manifest.csv, "
                  "then run `evaltoolkit ingest`.", soft_wrap=True)


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
        chain = run_chain(opened, month=month, topics=topics)
    console.print(f"Report written: {chain.report_path}", soft_wrap=True, markup=False)


def demo() -> None:
    """Run the whole chain on the synthetic demo study of this repository (October 2024 report)."""
    root = find_project_root(Path(__file__).resolve().parent)
    console.print(f"Demo study in {root} (synthetic data)", soft_wrap=True, markup=False)
    run(month=DEMO_MONTH, project=root, topics=True)


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
