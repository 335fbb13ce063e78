"""Build the monthly report and the end-of-project report as :class:`Report` content.

Deterministic: the same data, codebook and logic model give the same report, block for
block (stable sort orders everywhere, no clock reads; the report's date is the period's end).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from evaltoolkit.analysis.claims import contradicted_insights
from evaltoolkit.indicators.compute import ALL, period_end
from evaltoolkit.reports.blocks import Report
from evaltoolkit.reports.claims import QuoteBook, number_quotes, perspectives_section
from evaltoolkit.reports.evidence import (
    annex_section,
    change_section,
    indicator_results,
    indicators_section,
    methods_section,
)
from evaltoolkit.reports.inputs import ReportContext, StudyData, analyse
from evaltoolkit.reports.sections import comparison_section, data_basis_table, insights_section
from evaltoolkit.reports.summary import summary_section
from evaltoolkit.reports.text import month_name, phrase


def insight_flags(data: StudyData, context: ReportContext, analysed=None) -> pd.DataFrame:
    """Insights whose linked evidence mostly says the opposite (see
    :func:`~evaltoolkit.analysis.claims.contradicted_insights`): for the researcher to check
    before the report goes out; the report marks them too."""
    analysed = analysed or analyse(data, context)
    return contradicted_insights(data.insights, analysed.rows, positive=context.valence_ids(polarity="positive"),
                                 negative=context.valence_ids(polarity="negative"))


def build_monthly_report(data: StudyData, context: ReportContext, *, month: str) -> Report:
    """The steering committee's report on everything collected up to the end of ``month``
    ("2024-10"): a summary first, then insights, findings as claims per perspective, the
    comparison, indicators, methods and limitations, and an annex."""
    end = period_end(month)
    data = data.until(end)
    return _build(data, context, period=month, end=end,
                  title=phrase(context.language, "monthly_title", month=month_name(month, context.language)),
                  subtitle=phrase(context.language, "subtitle", project=context.project_name))


def build_final_report(data: StudyData, context: ReportContext) -> Report:
    """The end-of-project report: all periods, change between rounds, indicators overall."""
    last = last_month(data)
    end = period_end(last) if last else None
    lang = context.language
    subtitle = phrase(lang, "subtitle", project=context.project_name)
    if last:
        subtitle += ". " + phrase(lang, "final_period", month=month_name(last, lang))
    return _build(data, context, period=ALL, end=end, title=phrase(lang, "final_title"), subtitle=subtitle)


def _build(data: StudyData, context: ReportContext, *, period: str, end, title: str, subtitle: str) -> Report:
    monthly = period != ALL
    month = period if monthly else None
    analysed = analyse(data, context)
    book = QuoteBook(context)
    indicators = indicator_results(data, context, period=period)
    flags = insight_flags(data, context, analysed)
    # built in the order quotes are taken (findings first), laid out in the order read
    findings, findings_notes = perspectives_section(analysed, context, book, data.syntheses, period=month)
    insights, _ = insights_section(data, analysed, context, book, flags, month=month)
    comparison, comparison_notes = comparison_section(analysed, context)
    indicator_section, indicator_notes = indicators_section(data, analysed, context, indicators, book,
                                                            end=end, monthly=monthly)
    annex, annex_notes = annex_section(data, context, indicators)
    basis, basis_notes = data_basis_table(data, analysed, context, month=month)
    sections = []
    if monthly:
        sections.append(summary_section(data, analysed, context, indicators, flags, month=month, end=end))
    sections.append(insights)
    if not monthly:
        change, change_notes = change_section(analysed, context)
        sections.append(change)
        findings_notes = findings_notes + change_notes
    sections += [findings, comparison, indicator_section]
    notes = findings_notes + comparison_notes + indicator_notes + annex_notes
    sections.append(methods_section(data, analysed, context, notes, end=end, month=month, basis=basis,
                                    basis_notes=basis_notes))
    sections.append(annex)
    report = Report(title=title, subtitle=subtitle, language=context.language, date=end or dt.date(2000, 1, 1))
    for section in sections:
        report = report.with_section(section)
    return number_quotes(report)


def last_month(data: StudyData) -> str | None:
    """The latest month with collected documents or events ("2024-12"), if any."""
    days = [d for d in list(data.documents["collected_on"]) + list(data.events["occurred_on"])
            if d is not None and not pd.isna(d)]
    return max(days).strftime("%Y-%m") if days else None
