"""Report sections on indicators, change between rounds, and the methods and privacy box."""
from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd

from evaltoolkit.analysis.matrices import count_codes, suppress
from evaltoolkit.analysis.quotes import quotes_from_rows
from evaltoolkit.indicators.compute import compute_indicators, trend_meaning
from evaltoolkit.indicators.gaps import evidence_gaps
from evaltoolkit.reports import figures
from evaltoolkit.reports.blocks import BulletList, Callout, Figure, Paragraph, Quote, Section, Table
from evaltoolkit.reports.inputs import Analysed, ReportContext, StudyData
from evaltoolkit.reports.text import join, long_date, number, phrase
from evaltoolkit.store import list_cell


def indicator_results(data: StudyData, context: ReportContext, *, period: str):
    """The logic model's indicators for ``period`` (suppressed), computed once per report."""
    return compute_indicators(
        context.logic_model, periods=period, participants=data.participants, documents=data.documents,
        segments=data.segments, codings=data.codings, attributes=data.attributes, events=data.events,
        valences=context.codebook.valence_polarities() if context.codebook is not None else {},
        staff_roles=context.staff_roles, regions=context.regions(), min_cell_size=context.min_cell_size,
        language=context.language)


def indicators_section(data: StudyData, analysed: Analysed, context: ReportContext, result, book, *,
                       end, monthly: bool) -> tuple[Section, list]:
    """Programme indicators (analysis ratios go to the annex): target with its kind, the
    value last month -> this month and whether that is better, status, a one-sentence
    explanation; a figure of actual against target; at most one quote per indicator that
    is behind, from its own evidence codes, never one printed elsewhere in the report."""
    lang = context.language
    model = context.logic_model
    by_id = {row["indicator_id"]: row for row in result.table.to_dict("records")}
    programme = [i for i in model.indicators() if not i.is_qualitative]
    columns = [phrase(lang, c) for c in ("c_indicator", "c_target",
                                         "c_trend_arrow" if monthly else "c_actual", "c_status", "c_explanation")]
    rows = [_indicator_row(i, by_id[i.indicator_id], data, context, monthly=monthly) for i in programme]
    caption = phrase(lang, "indicator_table", end=long_date(end, lang) if end else "-")
    notes = ([phrase(lang, "trend_note")] if monthly else []) + list(result.notes)
    blocks = [Table(caption, tuple(columns), tuple(rows), tuple(notes))]
    shown = [i for i in programme if by_id[i.indicator_id]["target"] is not None
             and not pd.isna(by_id[i.indicator_id]["target"])]
    if shown:
        png = figures.indicator_targets([_figure_row(i, by_id[i.indicator_id], lang) for i in shown])
        blocks.append(Figure(phrase(lang, "fig_targets"), png, alt_text=phrase(lang, "fig_targets")))
    blocks.extend(_explanations(programme, by_id, analysed, context, book))
    return Section(phrase(lang, "s_indicators"), blocks=tuple(blocks)), []   # its notes are under its table


def target_text(indicator, row: dict, lang: str) -> str:
    """"min. 7", "max. 80", "ca. 18", "3-4" (or the model's own target_label)."""
    if indicator.target_label is not None:
        return indicator.target_label(lang)
    if row["target"] is None or pd.isna(row["target"]):
        return "–"
    value = number(row["target"], lang, unit=indicator.unit)
    upper = number(row["target_max"], lang, unit=indicator.unit) if not pd.isna(row["target_max"]) else value
    return phrase(lang, f"target_{indicator.target_kind}", value=value, upper=upper)


def _value_text(indicator, row: dict, lang: str, *, monthly: bool) -> str:
    after = number(row["value"], lang, unit=indicator.unit)
    if not monthly:
        return after
    before = number(row["previous_value"], lang, unit=indicator.unit)
    meaning = trend_meaning(row["trend"] if isinstance(row["trend"], str) else None, indicator.direction)
    text = f"{before} \u2192 {after}"
    return text + (f" ({phrase(lang, meaning)})" if meaning else "")


def status_text(row: dict, lang: str) -> str:
    status = row["status"] if isinstance(row["status"], str) else "none"
    # a value hidden for too few people is not the same as no data at all: the evidence
    # still names the round the answers came from, or the coded segments behind it
    evidence = json.loads(row["evidence"]) if isinstance(row.get("evidence"), str) else {}
    hidden = status == "no_data" and (_count(row["n_supporting"]) + _count(row["n_challenging"]) > 0
                                      or _count(row.get("denominator")) > 0 or "round" in evidence)
    return phrase(lang, "status_suppressed") if hidden else phrase(lang, f"status_{status}")


def _indicator_row(indicator, row: dict, data: StudyData, context: ReportContext, *, monthly: bool) -> tuple[str, ...]:
    lang = context.language
    return (indicator.label(lang), target_text(indicator, row, lang),
            _value_text(indicator, row, lang, monthly=monthly), status_text(row, lang),
            _explanation(indicator, row, data, context))


def _explanation(indicator, row: dict, data: StudyData, context: ReportContext) -> str:
    """One sentence: the insight that shares the indicator's leading code (the first of its
    codes any insight names; the latest such insight), else why there is no value or no target."""
    lang = context.language
    insights = data.insights.sort_values(["updated_on", "insight_id"], kind="stable").to_dict("records")
    for code in indicator.linked_codes:
        linked = [r for r in insights if code in set(list_cell(r.get("code_ids")))]
        if linked:
            return phrase(lang, "explain_insight", title=linked[-1]["title"])
    n_coded = _count(row["n_supporting"]) + _count(row["n_challenging"])
    if pd.isna(row["value"]) and n_coded:
        return phrase(lang, "explain_hidden", n=n_coded)
    if row["target"] is None or pd.isna(row["target"]):
        return phrase(lang, "explain_no_target")
    return ""


def _figure_row(indicator, row: dict, lang: str) -> dict:
    def plain(value):
        return None if value is None or pd.isna(value) else float(value)

    value = plain(row["value"])
    return {"label": indicator.label(lang), "value": value, "target": plain(row["target"]),
            "target_max": plain(row["target_max"]) if indicator.target_kind == "range" else None,
            "status": row["status"], "text": f"{number(value, lang, unit=indicator.unit)} / "
                                             f"{target_text(indicator, row, lang)}"}


def _count(value) -> int:
    return 0 if value is None or pd.isna(value) else int(value)


def _explanations(indicators, by_id: dict, analysed: Analysed, context: ReportContext, book) -> list:
    """For each indicator at risk or off track: one challenge quote from its own evidence codes."""
    blocks = []
    for indicator in indicators:
        if by_id[indicator.indicator_id]["status"] not in ("at_risk", "off_track"):
            continue
        for code_id in indicator.evidence_codes:
            quotes = book.take(analysed.rows, code_id=code_id, valence=context.valence_ids(polarity="negative"), n=1)
            if quotes:
                blocks.append(Paragraph(phrase(context.language, "explain_quote",
                                               indicator=indicator.label(context.language)), emphasis=True))
                blocks.extend(quotes)
                break
    return blocks


def annex_section(data: StudyData, context: ReportContext, result) -> tuple[Section, list]:
    """Analysis ratios (share of added value per theme group) and evidence per outcome and
    perspective: what the researcher reads, not programme indicators."""
    lang = context.language
    by_id = {row["indicator_id"]: row for row in result.table.to_dict("records")}
    ratios = [i for i in context.logic_model.indicators() if i.is_qualitative]
    blocks = []
    if ratios:
        rows = tuple((i.label(lang), target_text(i, by_id[i.indicator_id], lang),
                      number(by_id[i.indicator_id]["value"], lang, unit=i.unit,
                             suppressed=status_text(by_id[i.indicator_id], lang)),
                      _segments_text(by_id[i.indicator_id], lang)) for i in ratios)
        columns = tuple(phrase(lang, c) for c in ("c_indicator", "c_target", "c_actual", "c_evidence"))
        blocks.append(Table(phrase(lang, "ratio_table"), columns, rows, (phrase(lang, "ratio_note"),)))
    gap_blocks, _ = _gaps(data, context)   # the gaps table carries its own notes
    return Section(phrase(lang, "s_annex"), blocks=tuple(blocks + gap_blocks)), []


def _segments_text(row: dict, lang: str) -> str:
    if pd.isna(row["n_supporting"]):
        return ""
    return phrase(lang, "evidence_text", supporting=int(row["n_supporting"]), challenging=int(row["n_challenging"]))


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
            cells.append(number(n, lang) if has else "0")   # segments: text, not people
            if not has:
                missing.append(f"{outcome.label(lang)} ({labels[perspective].lower()})")
        rows.append((outcome.label(lang), *cells))
    columns = (phrase(lang, "c_outcome"), *[labels[p] for p in order])
    # the table shows segments only, so no note about hidden participants belongs under it
    blocks = [Table(phrase(lang, "gaps_table"), columns, tuple(rows), ())]
    if missing:
        blocks.append(Paragraph(phrase(lang, "gap_missing", items="; ".join(missing))))
    return blocks, []


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
    notes = tuple(Paragraph(note) for note in shown.notes)   # said here, once, where the shares are hidden
    return Section(phrase(lang, "s_change"), blocks=(block, *notes)), list(shown.notes)


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


def methods_section(data: StudyData, analysed: Analysed, context: ReportContext, notes: list[str], *,
                    end, month: str | None, basis: Table, basis_notes: list[str]) -> Section:
    """Data basis, response per perspective and round, interpreters, rounds still open,
    codebook and agreement, limitations, a synthetic-data notice, and the suppression
    notes of the tables in this report, each once."""
    lang = context.language
    response, response_notes = response_table(analysed, data, context)
    paragraphs = [phrase(lang, "period_text", end=long_date(end, lang) if end else "-", documents=len(data.documents),
                         segments=analysed.rows["segment_id"].nunique())]
    paragraphs.append(_interpreters(data, analysed, context))
    rounds = [f"{r.label(lang)} ({long_date(r.start, lang)} - {long_date(r.end, lang)})" for r in context.rounds]
    if rounds:
        paragraphs.append(phrase(lang, "methods_rounds", items=join(rounds, lang)))
    if end is not None:
        for r in context.rounds:
            if r.start <= end < r.end:
                paragraphs.append(phrase(lang, "methods_open_round", round=r.label(lang)[:1].upper() + r.label(lang)[1:],
                                         end=long_date(r.end, lang)))
    codebook = context.codebook
    if codebook is not None:
        paragraphs.append(phrase(lang, "methods_codebook", codebook=codebook.title, version=codebook.version))
    if context.agreement:
        items = [f"{name}: {number(value, lang, digits=2)}" for name, value in sorted(context.agreement.items())]
        paragraphs.append(phrase(lang, "methods_agreement", items="; ".join(items)))
    from evaltoolkit.analysis.claims import draft_mark

    paragraphs.append(phrase(lang, "methods_drafts", draft=draft_mark(lang)))
    paragraphs.append(phrase(lang, "methods_limitations"))
    paragraphs.append(phrase(lang, "methods_privacy", min=context.min_cell_size))
    # what was hidden is said once, under the table it was hidden in; here only whether anything was
    hidden_anywhere = any(notes) or any(basis_notes) or any(response_notes)
    if not hidden_anywhere:
        paragraphs.append(phrase(lang, "methods_nothing_suppressed"))
    basis = replace(basis, notes=tuple(dict.fromkeys(basis.notes + tuple(basis_notes))))
    response = replace(response, notes=tuple(response_notes))
    blocks = [basis, response]
    if context.synthetic_data:
        blocks.insert(0, Callout("note", phrase(lang, "methods_box"), (phrase(lang, "methods_synthetic"),)))
    blocks.extend(Paragraph(p) for p in paragraphs)
    return Section(phrase(lang, "s_methods"), blocks=tuple(blocks))


def response_table(analysed: Analysed, data: StudyData, context: ReportContext) -> tuple[Table, list]:
    """Participants per perspective and round (and in the register): counts below the
    threshold read "<3", cells hidden to protect them "x"; a perspective whose documents
    name no speakers is not counted ("n.v.t.")."""
    lang = context.language
    units = analysed.units
    rounds = [r for r in context.rounds if (units["round"] == r.id).any()]
    register = data.participants
    active = register[register["withdrawn_on"].isna()] if "withdrawn_on" in register.columns else register
    records, counted = [], []
    for perspective in context.perspectives:
        mine = units[units["perspective"] == perspective.id]
        counted.append(mine["participant_id"].notna().any() or mine.empty)
        in_register = int((active["perspective"] == perspective.id).sum()) if "perspective" in active.columns else 0
        record = {"register": in_register}
        for r in rounds:
            record[r.id] = mine.loc[mine["round"] == r.id, "participant_id"].dropna().nunique()
        records.append(record)
    table = pd.DataFrame.from_records(records, columns=["register", *[r.id for r in rounds]]).astype("Int64")
    result = suppress(table, min_cell_size=context.min_cell_size, count_columns=list(table.columns), share_columns={},
                      totals="rows", language=lang)
    shown = result.formatted()
    rows = []
    for index, perspective in enumerate(context.perspectives):
        cells = [number(v, lang) if not isinstance(v, str) else v for v in shown.iloc[index]]
        if not counted[index]:
            cells = cells[:1] + [phrase(lang, "not_counted")] * len(rounds)
        rows.append((perspective.label(lang), *cells))
    columns = (phrase(lang, "c_perspective"), phrase(lang, "c_register"), *[r.label(lang) for r in rounds])
    return Table(phrase(lang, "response_table"), columns, tuple(rows), ()), list(result.notes)


def _interpreters(data: StudyData, analysed: Analysed, context: ReportContext) -> str:
    lang = context.language
    translated = analysed.units.dropna(subset=["translated_from"])
    items = []
    for perspective in context.perspectives:
        docs = data.documents[data.documents["perspective"] == perspective.id]
        n = translated.loc[translated["perspective"] == perspective.id, "doc_id"].nunique()
        if n:   # documents, not people: shown as they are
            items.append(phrase(lang, "methods_interpreter_item", n=n, total=len(docs),
                                perspective=perspective.label(lang).lower()))
    return phrase(lang, "methods_interpreters", items="; ".join(items)) if items else phrase(lang, "methods_no_interpreters")
