"""CLI commands: `evaltoolkit report monthly|final` and `evaltoolkit indicators`."""
from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from evaltoolkit.cli.common import ProjectOption, console, opened_project

report_app = typer.Typer(help="Write the findings report (.docx) for the steering committee.", no_args_is_help=True)


AcknowledgeOption = Annotated[list[str] | None, typer.Option(
    "--acknowledge", metavar="SITE/ROLE",
    help="Write the report although it names this site with a role one person there holds (they agreed to be "
         "recognisable); repeat for several. The report is refused otherwise.")]


@report_app.command("monthly")
def monthly(
    month: Annotated[str, typer.Option("--month", "-m", help="The month to report on, e.g. 2024-10.")],
    project: ProjectOption = None,
    acknowledge: AcknowledgeOption = None,
) -> None:
    """Write the monthly report: everything up to the end of MONTH, and what is new in it."""
    from evaltoolkit.project import build_report_for_project

    with opened_project(project, unlock=True) as opened:
        path = build_report_for_project(opened, month=month, acknowledged=acknowledge or ())
    console.print(f"Wrote {path}", soft_wrap=True)


@report_app.command("final")
def final(project: ProjectOption = None, acknowledge: AcknowledgeOption = None) -> None:
    """Write the end-of-project report covering all periods."""
    from evaltoolkit.project import build_report_for_project

    with opened_project(project, unlock=True) as opened:
        path = build_report_for_project(opened, final=True, acknowledged=acknowledge or ())
    console.print(f"Wrote {path}", soft_wrap=True)


def indicators(
    project: ProjectOption = None,
    period: Annotated[str, typer.Option("--period", help="A month such as 2024-10, or 'all'.")] = "all",
) -> None:
    """Compute the logic-model indicators, store them and print target, actual and status."""
    from evaltoolkit.project import DISPLAY_COLUMNS, indicators_for_project

    with opened_project(project) as opened:
        table = indicators_for_project(opened, period=period)
    shown = table[list(DISPLAY_COLUMNS)].map(_cell)
    console.print(f"Indicators ({period}), stored in indicator_values:", soft_wrap=True)
    console.print(shown.to_string(index=False), soft_wrap=True, markup=False)


def _cell(value) -> str:
    if value is None or pd.isna(value):
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.add_typer(report_app, name="report")
    app.command("indicators")(indicators)
