"""From the project store to a .docx in ``reports/``: what the CLI and ``make demo`` call.

Order matters for privacy: the report's content is built in memory, the leak check runs
over its text (and the project), and only when it passes is anything written.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from evaltoolkit.errors import PrivacyError
from evaltoolkit.indicators.compute import ALL, compute_indicators
from evaltoolkit.indicators.gaps import save_indicator_values
from evaltoolkit.indicators.model import load_logic_model
from evaltoolkit.reports.blocks import Report, report_text
from evaltoolkit.reports.build import build_final_report, build_monthly_report
from evaltoolkit.reports.docx import render_docx
from evaltoolkit.reports.inputs import STUDY_TABLES, ReportContext, StudyData

LeakCheck = Callable[..., None]


def load_study_data(store) -> StudyData:
    """Read the tables a report needs from the project store."""
    return StudyData(**{name: store.read(name) for name in STUDY_TABLES})


def report_context(config, *, codebook, logic_model, agreement: Mapping[str, float] | None = None) -> ReportContext:
    return ReportContext(
        project_name=config.name, language=config.report_language, perspectives=config.perspectives,
        rounds=config.rounds, sites=config.sites, roles=config.roles, codebook=codebook, logic_model=logic_model,
        min_cell_size=config.privacy.min_cell_size, quotes_per_finding=config.reports.quotes_per_finding,
        agreement=dict(agreement or {}),
    )


def report_path(config, *, month: str | None = None, final: bool = False) -> Path:
    name = "report_final.docx" if final else f"report_{month}.docx"
    return config.paths.reports / name


def build_report_for_project(config, *, month: str | None = None, final: bool = False,
                             agreement: Mapping[str, float] | None = None,
                             leak_check: LeakCheck | None = None) -> Path:
    """Build the monthly (``month="2024-10"``) or final report of the project and write it
    to ``reports/``; store the indicator values it shows. Returns the .docx path.

    ``leak_check(config, texts={name: text})`` must raise :class:`PrivacyError` on any hit;
    by default it is ``evaltoolkit.privacy.ensure_no_leaks``. Nothing is written when it fails.
    """
    from evaltoolkit.codebook import load_codebook
    from evaltoolkit.store import open_project_store

    if final == (month is not None):
        raise ValueError("give either month='YYYY-MM' or final=True")
    store = open_project_store(config.paths.store_url)
    try:
        data = load_study_data(store)
        codebook = load_codebook(config.paths.codebook)
        logic_model = load_logic_model(config.paths.logic_model, event_kinds=config.event_kind_ids,
                                       roles=config.role_ids, code_ids=codebook.code_ids)
        context = report_context(config, codebook=codebook, logic_model=logic_model, agreement=agreement)
        report = build_final_report(data, context) if final else build_monthly_report(data, context, month=month)
        _run_leak_check(config, report, leak_check)
        indicators = compute_indicators(
            context.logic_model, periods=ALL if final else month, participants=data.participants,
            documents=data.documents, segments=data.segments, codings=data.codings,
            attributes=data.attributes, events=data.events, valences=codebook.valence_polarities(),
            staff_roles=config.staff_role_ids, regions=context.regions(), min_cell_size=context.min_cell_size)
        save_indicator_values(store, indicators.table)
    finally:
        store.dispose()
    return render_docx(report, report_path(config, month=month, final=final), template=config.reports.template)


def _run_leak_check(config, report: Report, leak_check: LeakCheck | None) -> None:
    if leak_check is None:
        try:
            from evaltoolkit.privacy import ensure_no_leaks as leak_check
        except ImportError:
            raise PrivacyError(
                "The leak check (evaltoolkit.privacy.ensure_no_leaks) is not available, so the report "
                "is not written. Install the privacy component of evaltoolkit."
            ) from None
    leak_check(config, texts={"report": report_text(report)})
