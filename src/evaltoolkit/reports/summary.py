"""The report's first page, "Samenvatting voor de stuurgroep": what moved, what is new,
and what is asked of the committee, in sentences rather than counts."""
from __future__ import annotations

import re

import pandas as pd

from evaltoolkit.indicators.compute import trend_meaning
from evaltoolkit.reports.blocks import BulletList, Paragraph, Section
from evaltoolkit.reports.evidence import status_text, target_text
from evaltoolkit.reports.inputs import Analysed, ReportContext, StudyData
from evaltoolkit.reports.sections import insight_status, owner_label
from evaltoolkit.reports.text import join, long_date, number, phrase
from evaltoolkit.store import list_cell
from evaltoolkit.store.values import TOPIC_EMERGENT


def summary_section(data: StudyData, analysed: Analysed, context: ReportContext, indicators, flags: pd.DataFrame, *,
                    month: str, end) -> Section:
    lang = context.language
    docs = data.documents
    new_docs = docs["collected_on"].map(lambda d: d is not None and not pd.isna(d) and d.strftime("%Y-%m") == month)
    blocks = [Paragraph(phrase(lang, "summary_period", end=long_date(end, lang), documents=len(docs),
                               new=int(new_docs.sum())))]
    by_id = {row["indicator_id"]: row for row in indicators.table.to_dict("records")}
    programme = [i for i in context.logic_model.indicators() if not i.is_qualitative]
    blocks += _heading_list(lang, "summary_indicators", _moved(programme, by_id, lang), "summary_no_indicator_change")
    in_month = pd.Series([_in_month(r, month) for r in data.insights.to_dict("records")],
                         index=data.insights.index, dtype=bool)
    this_month = data.insights[in_month]
    blocks += _heading_list(lang, "summary_insights", _insight_items(this_month, month, lang), "summary_no_insights")
    actions = [phrase(lang, "summary_action", action=r["action"], owner=owner_label(r.get("owner"), context),
                      status=insight_status(r["status"], lang))
               for r in this_month.to_dict("records") if isinstance(r.get("action"), str) and r["action"]]
    if actions:
        blocks += [Paragraph(phrase(lang, "summary_actions"), emphasis=True), BulletList(tuple(actions))]
    blocks += _heading_list(lang, "summary_themes", _theme_items(data, analysed, context, month), "summary_no_themes")
    blocks += _heading_list(lang, "summary_asks", _asks(programme, by_id, data, flags, context), "summary_no_asks")
    return Section(phrase(lang, "s_summary"), blocks=tuple(blocks))


def _heading_list(lang: str, title: str, items: list[str], empty: str) -> list:
    return [Paragraph(phrase(lang, title), emphasis=True),
            BulletList(tuple(items)) if items else Paragraph(phrase(lang, empty))]


def _moved(indicators, by_id: dict, lang: str) -> list[str]:
    items = []
    for indicator in indicators:
        row = by_id[indicator.indicator_id]
        if row["trend"] not in ("up", "down"):
            continue
        meaning = trend_meaning(row["trend"], indicator.direction)
        items.append(phrase(lang, "summary_indicator", indicator=indicator.label(lang),
                            before=number(row["previous_value"], lang, unit=indicator.unit),
                            after=number(row["value"], lang, unit=indicator.unit), meaning=phrase(lang, meaning),
                            status=status_text(row, lang)))
    return items


def _in_month(row: dict, month: str) -> bool:
    return row["created_on"].strftime("%Y-%m") == month or row["updated_on"].strftime("%Y-%m") == month


def _insight_items(insights: pd.DataFrame, month: str, lang: str) -> list[str]:
    items = []
    for row in insights.sort_values(["created_on", "insight_id"], kind="stable").to_dict("records"):
        new = row["created_on"].strftime("%Y-%m") == month
        items.append(phrase(lang, "summary_insight_new" if new else "summary_insight_updated", title=row["title"]))
    return items


def _theme_items(data: StudyData, analysed: Analysed, context: ReportContext, month: str) -> list[str]:
    lang = context.language
    rows = analysed.rows
    labels = context.perspective_labels()
    this_month, before = rows[rows["month"] == month], rows[rows["month"] < month]
    items = []
    for code_id in sorted(set(this_month["code_id"]) - set(before["code_id"])):
        perspectives = [labels[p].lower() for p in labels if (this_month.loc[this_month["code_id"] == code_id,
                                                                              "perspective"] == p).any()]
        items.append(phrase(lang, "summary_new_theme", theme=context.code_label(code_id),
                            perspectives=join(perspectives, lang)))
    emergent = data.topics[data.topics["status"] == TOPIC_EMERGENT]
    named = [str(r["label"]) for r in emergent.to_dict("records") if _named(r)]
    items.extend(phrase(lang, "summary_emergent_named", label=label) for label in dict.fromkeys(named))
    unnamed = len(emergent) - len(named)
    if unnamed > 0:   # raw topic words are no sentence for a committee: the researcher names them first
        items.append(phrase(lang, "summary_emergent", n=unnamed))
    return items


def _named(topic: dict) -> bool:
    """A label a researcher gave, not one made of the topic's own top words."""
    label = topic.get("label")
    if not isinstance(label, str) or not label.strip():
        return False
    terms = {word for term in list_cell(topic.get("top_terms")) for word in str(term).lower().split()}
    words = {w for w in re.split(r"[\W_]+", label.lower()) if w}
    return not words <= terms


def _asks(indicators, by_id: dict, data: StudyData, flags: pd.DataFrame, context: ReportContext) -> list[str]:
    lang = context.language
    items = []
    for indicator in indicators:
        row = by_id[indicator.indicator_id]
        if row["status"] == "off_track":
            items.append(phrase(lang, "summary_ask_indicator", indicator=indicator.label(lang),
                                value=number(row["value"], lang, unit=indicator.unit),
                                target=target_text(indicator, row, lang), status=status_text(row, lang)))
    open_insights = data.insights[data.insights["status"] == "open"]
    for row in open_insights.sort_values("insight_id", kind="stable").to_dict("records"):
        if isinstance(row.get("action"), str) and row["action"] and not (isinstance(row.get("owner"), str)
                                                                         and row["owner"].strip()):
            items.append(phrase(lang, "summary_ask_owner", action=row["action"]))
    if flags is not None and len(flags):
        titles = dict(zip(data.insights["insight_id"], data.insights["title"]))
        for row in flags[flags["flagged"].fillna(False)].to_dict("records"):
            items.append(phrase(lang, "summary_ask_contradiction", title=titles.get(row["insight_id"], "")))
    return items
