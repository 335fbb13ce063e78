"""Build the monthly report and the end-of-project report as :class:`Report` content.

Deterministic: the same data, codebook and logic model give the same report, block for
block (stable sort orders everywhere, no clock reads; the report's date is the period's end).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from evaltoolkit.indicators.compute import ALL, period_end
from evaltoolkit.reports.blocks import Report
from evaltoolkit.reports.evidence import change_section, indicators_section, methods_section
from evaltoolkit.reports.inputs import ReportContext, StudyData, analyse
from evaltoolkit.reports.sections import (
    comparison_section,
    insights_section,
    new_section,
    period_section,
    perspectives_section,
)
from evaltoolkit.reports.text import month_name, phrase


def build_monthly_report(data: StudyData, context: ReportContext, *, month: str) -> Report:
    """The steering committee's report on everything collected up to the end of ``month``
    ("2024-10"), with what is new in that month."""
    end = period_end(month)
    data = data.until(end)
    analysed = analyse(data, context)
    lang = context.language
    report = Report(title=phrase(lang, "monthly_title", month=month_name(month, lang)),
                    subtitle=phrase(lang, "subtitle", project=context.project_name), language=lang, date=end)
    notes: list[str] = []
    for section, section_notes in (
        period_section(data, analysed, context, end=end, month=month),
        insights_section(data, context),
        new_section(data, analysed, context, month=month),
        perspectives_section(analysed, context),
        comparison_section(analysed, context),
        indicators_section(data, analysed, context, period=month, end=end),
    ):
        report = report.with_section(section)
        notes.extend(section_notes)
    return report.with_section(methods_section(analysed, context, notes))


def build_final_report(data: StudyData, context: ReportContext) -> Report:
    """The end-of-project report: all periods, change between rounds, indicators overall."""
    last = last_month(data)
    end = period_end(last) if last else None
    analysed = analyse(data, context)
    lang = context.language
    subtitle = phrase(lang, "subtitle", project=context.project_name)
    if last:
        subtitle += ". " + phrase(lang, "final_period", month=month_name(last, lang))
    report = Report(title=phrase(lang, "final_title"), subtitle=subtitle, language=lang,
                    date=end or dt.date(2000, 1, 1))
    notes: list[str] = []
    for section, section_notes in (
        period_section(data, analysed, context, end=end, month=None),
        insights_section(data, context),
        change_section(analysed, context),
        perspectives_section(analysed, context),
        comparison_section(analysed, context),
        indicators_section(data, analysed, context, period=ALL, end=end),
    ):
        report = report.with_section(section)
        notes.extend(section_notes)
    return report.with_section(methods_section(analysed, context, notes))


def last_month(data: StudyData) -> str | None:
    """The latest month with collected documents or events ("2024-12"), if any."""
    days = [d for d in list(data.documents["collected_on"]) + list(data.events["occurred_on"])
            if d is not None and not pd.isna(d)]
    return max(days).strftime("%Y-%m") if days else None
