"""Report sections on indicators, change between rounds, and the methods and privacy box."""
from __future__ import annotations

import pandas as pd

from evaltoolkit.analysis.matrices import count_codes, suppress
from evaltoolkit.analysis.quotes import quotes_from_rows
from evaltoolkit.indicators.compute import compute_indicators
from evaltoolkit.indicators.gaps import evidence_gaps
from evaltoolkit.reports import figures
from evaltoolkit.reports.blocks import BulletList, Callout, Figure, Paragraph, Quote, Section, Table
from evaltoolkit.reports.inputs import Analysed, ReportContext, StudyData
from evaltoolkit.reports.text import join, long_date, number, phrase


def indicators_section(data: StudyData, analysed: Analysed, context: ReportContext, *,
                       period: str, end) -> tuple[Section, list]:
    lang = context.language
    model = context.logic_model
    result = compute_indicators(
        model, periods=period, participants=data.participants, documents=data.documents,
        segments=data.segments, codings=data.codings, attributes=data.attributes, events=data.events,
        valences=context.codebook.valence_polarities() if context.codebook is not None else {},
        staff_roles=context.staff_roles, regions=context.regions(), min_cell_size=context.min_cell_size,
        language=lang)
    table = result.table
    by_id = {row["indicator_id"]: row for row in table.to_dict("records")}
    rows = [_indicator_row(indicator, by_id[indicator.indicator_id], context) for indicator in model.indicators()]
    columns = [phrase(lang, c) for c in ("c_indicator", "c_target", "c_actual", "c_status", "c_trend", "c_evidence")]
    caption = phrase(lang, "indicator_table", end=long_date(end, lang) if end else "-")
    blocks = [Table(caption, tuple(columns), tuple(rows), tuple(result.notes))]
    labels = {i.indicator_id: i.label(lang) for i in model.indicators()}
    if table["target"].notna().any():
        png = figures.indicator_progress(table, labels=labels, axis_label=phrase(lang, "axis_progress"))
        blocks.append(Figure(phrase(lang, "fig_progress"), png, alt_text=phrase(lang, "fig_progress")))
    blocks.extend(_explanations(model, by_id, analysed, context))
    gaps_blocks, gap_notes = _gaps(data, context)
    return Section(phrase(lang, "s_indicators"), blocks=tuple(blocks + gaps_blocks)), list(result.notes) + gap_notes


def _indicator_row(indicator, row: dict, context: ReportContext) -> tuple[str, ...]:
    lang = context.language
    if indicator.target_label is not None:
        target = indicator.target_label(lang)
    else:
        target = number(row["target"], lang, unit=indicator.unit)
    status = row["status"] if isinstance(row["status"], str) else "none"
    trend = row["trend"] if isinstance(row["trend"], str) else "none"
    evidence = ""
    if not pd.isna(row["n_supporting"]) and row["n_supporting"] + row["n_challenging"] > 0:
        evidence = phrase(lang, "evidence_text", supporting=int(row["n_supporting"]),
                          challenging=int(row["n_challenging"]))
    return (indicator.label(lang), target, number(row["value"], lang, unit=indicator.unit),
            phrase(lang, f"status_{status}"), phrase(lang, f"trend_{trend}"), evidence)


def _explanations(model, by_id: dict, analysed: Analysed, context: ReportContext) -> list:
    """For each indicator that is at risk or off track: a challenge quote from its linked codes."""
    blocks = []
    for indicator in model.indicators():
        if by_id[indicator.indicator_id]["status"] not in ("at_risk", "off_track"):
            continue
        for code_id in indicator.linked_codes:
            quotes = quotes_from_rows(analysed.rows, code_id=code_id, valence=context.valence_ids(polarity="negative"),
                                      n=1, perspectives=context.perspectives, roles=context.roles,
                                      rounds=context.rounds, language=context.language)
            if len(quotes):
                blocks.append(Paragraph(phrase(context.language, "gap_explained",
                                               indicator=indicator.label(context.language)), emphasis=True))
                blocks.append(Quote(quotes["text"].iloc[0], quotes["attribution"].iloc[0]))
                break
    return blocks


def _gaps(data: StudyData, context: ReportContext) -> tuple[list, list]:
    lang = context.language
    order = [p.id for p in context.perspectives]
    result = evidence_gaps(context.logic_model, codings=data.codings, segments=data.segments,
                           documents=data.documents, participants=data.participants, perspectives=order,
                           codebook=context.codebook, staff_roles=context.staff_roles,
                           min_cell_size=context.min_cell_size, language=lang)
    table = result.table
    labels = context.perspective_labels()
    rows, missing = [], []
    for outcome in context.logic_model.outcomes:
        mine = table[table["outcome_id"] == outcome.outcome_id].set_index("perspective")
        cells = []
        for perspective in order:
            n, has = mine.loc[perspective, "n_segments"], mine.loc[perspective, "has_evidence"]
            cells.append(number(n, lang, suppressed=phrase(lang, "suppressed", min=context.min_cell_size)
                                if has else "0"))
            if not has:
                missing.append(f"{outcome.label(lang)} ({labels[perspective].lower()})")
        rows.append((outcome.label(lang), *cells))
    columns = (phrase(lang, "c_outcome"), *[labels[p] for p in order])
    blocks = [Table(phrase(lang, "gaps_table"), columns, tuple(rows), tuple(result.notes))]
    if missing:
        blocks.append(Paragraph(phrase(lang, "gap_missing", items="; ".join(missing))))
    return blocks, list(result.notes)


def change_section(analysed: Analysed, context: ReportContext) -> tuple[Section, list]:
    """What changed between the first two rounds, per perspective (shares of participants)."""
    lang = context.language
    if len(context.rounds) < 2:
        return Section(phrase(lang, "s_change"), blocks=(Paragraph(phrase(lang, "no_change")),)), []
    first, second = context.rounds[0].id, context.rounds[1].id
    units, rows = analysed.units, analysed.rows
    tables = [count_codes(rows[rows["round"] == r], units[units["round"] == r], count="participants")
              for r in (first, second)]
    if any(t.empty for t in tables):
        return Section(phrase(lang, "s_change"), blocks=(Paragraph(phrase(lang, "no_change")),)), []
    merged = tables[0].merge(tables[1], on=["code_id", "perspective"], how="outer", suffixes=("_before", "_after"))
    merged = merged.fillna({"n_before": 0, "n_after": 0, "share_before": 0.0, "share_after": 0.0})
    merged["delta"] = merged["share_after"] - merged["share_before"]
    shown = suppress(merged, min_cell_size=context.min_cell_size, language=context.language,
                     count_columns=["n_before", "n_after"],
                     share_columns={"n_before": ["share_before"], "n_after": ["share_after"]})
    items = [_change_sentence(row, context) for row in shown.table.to_dict("records")
             if abs(row["delta"]) >= 0.25 or row["n_before"] == 0 or row["n_after"] == 0]
    items = [item for item in items if item]
    block = BulletList(tuple(items)) if items else Paragraph(phrase(lang, "no_change"))
    return Section(phrase(lang, "s_change"), blocks=(block,)), list(shown.notes)


def _change_sentence(row: dict, context: ReportContext) -> str | None:
    lang = context.language
    hidden = phrase(lang, "suppressed", min=context.min_cell_size)
    if pd.isna(row["share_before"]) and pd.isna(row["share_after"]):
        return None
    change = "new" if row["n_before"] == 0 else "gone" if row["n_after"] == 0 else (
        "rising" if row["delta"] > 0 else "falling")
    return phrase(lang, "change_text", theme=context.code_label(row["code_id"]),
                  perspective=context.perspective_labels().get(row["perspective"], row["perspective"]).lower(),
                  change=phrase(lang, f"change_{change}"),
                  before=number(row["share_before"], lang, unit="%", suppressed=hidden),
                  after=number(row["share_after"], lang, unit="%", suppressed=hidden))


def methods_section(analysed: Analysed, context: ReportContext, notes: list[str]) -> Section:
    lang = context.language
    hidden = phrase(lang, "suppressed", min=context.min_cell_size)
    people = []
    for perspective in context.perspectives:
        speakers = analysed.units.loc[analysed.units["perspective"] == perspective.id, "participant_id"].dropna()
        # no named speaker at all (only meeting minutes): the count is not known, not zero
        known = not speakers.empty or analysed.units["perspective"].ne(perspective.id).all()
        people.append(speakers.nunique() if known else pd.NA)
    counts = suppress(pd.DataFrame({"n": people}, dtype="Int64"), min_cell_size=context.min_cell_size,
                      share_columns={}, language=context.language)
    n_items = [f"{p.label(lang)} {number(n, lang, suppressed=hidden) if not pd.isna(raw) else '–'}"
               for p, n, raw in zip(context.perspectives, counts.table["n"], people)]
    rounds = [f"{r.label(lang)} ({long_date(r.start, lang)} - {long_date(r.end, lang)})" for r in context.rounds]
    codebook = context.codebook
    paragraphs = [phrase(lang, "methods_n", items=join(n_items, lang)),
                  phrase(lang, "methods_rounds", items=join(rounds, lang))]
    if codebook is not None:
        paragraphs.append(phrase(lang, "methods_codebook", codebook=codebook.title, version=codebook.version))
    if context.agreement:
        items = [f"{name}: {number(value, lang, digits=2)}" for name, value in sorted(context.agreement.items())]
        paragraphs.append(phrase(lang, "methods_agreement", items="; ".join(items)))
    paragraphs.append(phrase(lang, "methods_privacy", min=context.min_cell_size))
    all_notes = list(dict.fromkeys(list(notes) + list(counts.notes)))
    paragraphs.append(phrase(lang, "methods_suppressed", items=" ".join(all_notes)) if all_notes
                      else phrase(lang, "methods_nothing_suppressed"))
    box = Callout("methods", phrase(lang, "methods_box"), tuple(paragraphs))
    return Section(phrase(lang, "s_methods"), blocks=(box,))
