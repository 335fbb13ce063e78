"""From the project store to a .docx in ``reports/``: what the CLI and ``make demo`` call.

Order matters for privacy: the report's content is built in memory, passes the output
gate (:mod:`evaltoolkit.project.outputs`), and only then is anything written.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from evaltoolkit.indicators.compute import ALL, compute_indicators
from evaltoolkit.indicators.gaps import save_indicator_values
from evaltoolkit.project.outputs import checked_file, checked_output
from evaltoolkit.project.project import Project
from evaltoolkit.reports.blocks import report_text
from evaltoolkit.reports.build import build_final_report, build_monthly_report, insight_flags
from evaltoolkit.reports.docx import render_docx
from evaltoolkit.reports.inputs import STUDY_TABLES, ReportContext, StudyData

logger = logging.getLogger(__name__)


def load_study_data(store) -> StudyData:
    """Read the tables a report needs from the project store."""
    return StudyData(**{name: store.read(name) for name in STUDY_TABLES})


def report_context(project: Project, *, agreement: Mapping[str, float] | None = None,
                   acknowledged: Iterable[str] = ()) -> ReportContext:
    """What the report needs to know about the study: names, labels, codebook, logic model,
    settings, and which quotes would point at one person by site and role."""
    from evaltoolkit.project.privacy import names_one_person

    config = project.config
    return ReportContext(
        project_name=config.name, language=config.report_language, perspectives=config.perspectives,
        rounds=config.rounds, sites=config.sites, roles=config.roles, codebook=project.codebook,
        logic_model=project.logic_model,
        min_cell_size=config.privacy.min_cell_size, quotes_per_finding=config.reports.quotes_per_finding,
        agreement=dict(agreement or {}), synthetic_data=config.reports.synthetic_data,
        unquotable=names_one_person(project, acknowledged=acknowledged),
    )


def report_path(project: Project, *, month: str | None = None, final: bool = False) -> Path:
    name = "report_final.docx" if final else f"report_{month}.docx"
    return project.paths.reports / name


def build_report_for_project(project: Project, *, month: str | None = None, final: bool = False,
                             agreement: Mapping[str, float] | None = None,
                             acknowledged: Iterable[str] = ()) -> Path:
    """Build the monthly (``month="2024-10"``) or final report of the project and write it
    to ``reports/``; store the indicator values it shows. Returns the .docx path.

    The report's text passes the output gate first: on any identifier, or a site named with
    a role one person there holds (unless its ``site/role`` is ``acknowledged``), nothing
    is written.
    """
    if final == (month is not None):
        raise ValueError("give either month='YYYY-MM' or final=True")
    store = project.store
    data = load_study_data(store)
    context = report_context(project, agreement=agreement, acknowledged=acknowledged)
    flags = insight_flags(data, context)
    for row in flags[flags["flagged"].fillna(False)].to_dict("records"):
        # ids and counts only: an insight's text may quote a participant
        logger.warning("Insight %s: %d of its %d linked segments say the opposite; check it before the report "
                       "goes out (the report marks it).", row["insight_id"], row["n_opposite"], row["n_linked"])
    report = build_final_report(data, context) if final else build_monthly_report(data, context, month=month)
    target = checked_output(project, report_path(project, month=month, final=final), {"report": report_text(report)},
                            acknowledged=acknowledged)
    indicators = compute_indicators(
        context.logic_model, periods=ALL if final else month, participants=data.participants,
        documents=data.documents, segments=data.segments, codings=data.codings,
        attributes=data.attributes, events=data.events, valences=context.codebook.valence_polarities(),
        staff_roles=project.config.staff_role_ids, regions=context.regions(), min_cell_size=context.min_cell_size)
    save_indicator_values(store, indicators.table)
    return checked_file(project, render_docx(report, target, template=project.config.reports.template))


def synthesis_sheet_path(project: Project, month: str) -> Path:
    return project.paths.reports / f"syntheses_{month}.xlsx"


def export_synthesis_sheet(project: Project, *, month: str) -> Path:
    """Write the month's claims (draft next to the recorded synthesis, if any) to
    ``reports/syntheses_<month>.xlsx`` for the researcher to rewrite; returns its path.
    The drafts are built from counts and labels, and still pass the output gate."""
    from evaltoolkit.analysis.syntheses import write_synthesis_sheet
    from evaltoolkit.indicators.compute import period_end
    from evaltoolkit.reports.claims import claims_table
    from evaltoolkit.reports.inputs import analyse

    data = load_study_data(project.store).until(period_end(month))
    context = report_context(project)
    claims = claims_table(analyse(data, context), context, data.syntheses, period=month)
    texts = {"syntheses": "\n".join(claims["draft"].tolist() + claims["synthesis"].dropna().tolist())}
    target = checked_output(project, synthesis_sheet_path(project, month), texts)
    return checked_file(project, write_synthesis_sheet(claims.assign(author=""), target))


def import_synthesis_sheet(project: Project, path: Path | str, *, actor: str) -> int:
    """Record the filled rows of a synthesis sheet in the project store; returns how many."""
    from evaltoolkit.analysis.syntheses import import_syntheses, read_synthesis_sheet

    return import_syntheses(project.store, read_synthesis_sheet(path), actor=actor, source=str(path))
