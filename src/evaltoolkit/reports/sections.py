"""The sections of a findings report, each built from tables into blocks.

Every section builder returns ``(Section, notes)``: ``notes`` are the disclosure-control
sentences of the tables it used, gathered into the methods box.
"""
from __future__ import annotations


import pandas as pd

from evaltoolkit.analysis.convergence import convergence_from_rows
from evaltoolkit.analysis.matrices import count_codes, suppress
from evaltoolkit.analysis.quotes import quotes_from_rows
from evaltoolkit.reports import figures
from evaltoolkit.reports.blocks import BulletList, Callout, Figure, Paragraph, Quote, Section, Table
from evaltoolkit.reports.inputs import Analysed, ReportContext, StudyData
from evaltoolkit.reports.text import join, long_date, number, phrase
from evaltoolkit.store import list_cell
from evaltoolkit.store.values import KEY_INSIGHT, SMART_APPROACH, TOPIC_EMERGENT

#: The valence meanings a perspective's findings are filed under, with their section titles.
FINDING_MEANINGS = (("added_value", "added_value"), ("challenge", "challenges"))


def period_section(data: StudyData, analysed: Analysed, context: ReportContext, *, end, month) -> tuple[Section, list]:
    lang = context.language
    docs = data.documents
    in_month = docs["collected_on"].map(lambda d: d is not None and not pd.isna(d) and d.strftime("%Y-%m") == month)
    records = []
    for perspective in context.perspectives:
        mine = docs["perspective"] == perspective.id
        speakers = analysed.units.loc[analysed.units["perspective"] == perspective.id, "participant_id"]
        # documents that name no speakers (meeting minutes) say nothing about how many took part
        unnamed = mine.any() and speakers.dropna().empty
        records.append({"perspective": perspective.label(lang), "documents": int(mine.sum()),
                        "this_month": int((mine & in_month).sum()),
                        "participants": pd.NA if unnamed else speakers.dropna().nunique()})
    table = pd.DataFrame.from_records(records, columns=["perspective", "documents", "this_month", "participants"])
    table = table.astype({"documents": "Int64", "this_month": "Int64", "participants": "Int64"})
    # The text gives the totals of documents (and of this month's): along perspectives a
    # hidden count could be worked out, so those columns get secondary suppression. The
    # number of participants has no published total (and the methods box repeats it).
    counts = ["documents"] + (["this_month"] if month else [])
    documents = suppress(table, min_cell_size=context.min_cell_size, count_columns=counts, share_columns={},
                         totals="columns", language=context.language)
    people = suppress(table[["participants"]], min_cell_size=context.min_cell_size, count_columns=["participants"],
                      share_columns={}, language=context.language)
    shown = documents.formatted().assign(participants=people.formatted()["participants"])
    columns = ["c_perspective", "c_documents"] + (["c_this_month"] if month else []) + ["c_participants"]
    keys = ["perspective", "documents"] + (["this_month"] if month else []) + ["participants"]
    unnamed = [r["perspective"] for r in records if pd.isna(r["participants"])]
    notes = [*documents.notes, *people.notes,
             *([phrase(lang, "no_speakers", perspectives=join(unnamed, lang))] if unnamed else [])]
    coded = analysed.rows["segment_id"].nunique()
    section = Section(phrase(lang, "s_period"), blocks=(
        Paragraph(phrase(lang, "period_text", end=long_date(end, lang) if end else "-",
                         documents=len(docs), segments=coded)),
        _table(phrase(lang, "period_table"), [phrase(lang, c) for c in columns], shown[keys], context),
    ))
    return section, notes


def insights_section(data: StudyData, context: ReportContext) -> tuple[Section, list]:
    lang = context.language
    insights = data.insights.sort_values(["kind", "created_on", "insight_id"], kind="stable")
    blocks = []
    for row in insights.to_dict("records"):
        paragraphs = [row["text"]]
        if _present(row.get("implication")):
            paragraphs.append(phrase(lang, "implication", text=row["implication"]))
        if _present(row.get("action")):
            paragraphs.append(phrase(lang, "action", action=row["action"], owner=row.get("owner") or "-",
                                     status=phrase(lang, f"insight_{row['status']}")
                                     if f"insight_{row['status']}" in _keys(lang) else row["status"]))
        kind = SMART_APPROACH if row["kind"] == SMART_APPROACH else KEY_INSIGHT
        blocks.append(Callout(kind, f"{phrase(lang, kind)}: {row['title']}", tuple(paragraphs)))
    if not blocks:
        blocks.append(Paragraph(phrase(lang, "no_insights")))
    return Section(phrase(lang, "s_insights"), blocks=tuple(blocks)), []


def new_section(data: StudyData, analysed: Analysed, context: ReportContext, *, month: str) -> tuple[Section, list]:
    lang = context.language
    rows = analysed.rows
    this_month, before = rows[rows["month"] == month], rows[rows["month"] < month]
    docs = data.documents[data.documents["collected_on"].map(
        lambda d: d is not None and not pd.isna(d) and d.strftime("%Y-%m") == month)]
    blocks = []
    if len(docs):
        # per-perspective numbers are in the (suppressed) data-basis table, not repeated here
        labels = context.perspective_labels()
        detail = join([labels.get(p, p) for p in sorted(docs["perspective"].dropna().unique())], lang)
        blocks.append(Paragraph(phrase(lang, "new_data", documents=len(docs), detail=detail)))
    else:
        blocks.append(Paragraph(phrase(lang, "no_new_data")))
    new_codes = sorted(set(this_month["code_id"]) - set(before["code_id"]))
    if new_codes:
        blocks.append(Paragraph(phrase(lang, "new_themes", themes=join([context.code_label(c) for c in new_codes], lang))))
    top = this_month.groupby("code_id")["segment_id"].nunique().sort_index().sort_values(ascending=False, kind="stable")
    if len(top):
        blocks.append(Paragraph(phrase(lang, "rising_themes", themes=join(
            [f"{context.code_label(c)} ({n})" for c, n in top.head(5).items()], lang))))
    blocks.append(_emergent(data.topics, lang))
    figure = _themes_figure(rows, context)
    if figure is not None:
        blocks.append(figure)
    return Section(phrase(lang, "s_new"), blocks=tuple(blocks)), []


def _emergent(topics: pd.DataFrame, lang: str) -> Paragraph:
    emergent = topics[topics["status"] == TOPIC_EMERGENT].sort_values(["model_version", "topic_id"], kind="stable")
    names = []
    for row in emergent.to_dict("records"):
        terms = list_cell(row.get("top_terms"))
        names.append(row["label"] if _present(row.get("label")) else ", ".join(terms[:4]))
    names = list(dict.fromkeys(n for n in names if n))
    if not names:
        return Paragraph(phrase(lang, "no_emergent"))
    return Paragraph(phrase(lang, "emergent", topics="; ".join(names)))


def _themes_figure(rows: pd.DataFrame, context: ReportContext) -> Figure | None:
    dated = rows.dropna(subset=["month"])
    if dated.empty or dated["month"].nunique() < 2:
        return None
    totals = dated.groupby("code_id")["segment_id"].nunique().sort_index().sort_values(ascending=False, kind="stable")
    top = list(totals.head(5).index)
    counts = (dated[dated["code_id"].isin(top)].groupby(["month", "code_id"])["segment_id"].nunique()
              .rename("n").reset_index())
    png = figures.themes_over_time(counts, labels=context.code_labels(top),
                                   axis_label=phrase(context.language, "axis_segments"))
    caption = phrase(context.language, "fig_themes")
    return Figure(caption=caption, png=png, alt_text=caption)


def perspectives_section(analysed: Analysed, context: ReportContext) -> tuple[Section, list]:
    lang = context.language
    # findings are filed by what a valence code means (the codebook says), not by its id
    meaning_of = {code.code_id: code.meaning for code in context.codebook.valences()} if context.codebook else {}
    rows = analysed.rows.assign(valence=analysed.rows["valence"].map(meaning_of).astype("string"))
    people = count_codes(rows, analysed.units, by=["perspective", "valence"], count="participants")
    segments = count_codes(rows, analysed.units, by=["perspective", "valence"], count="segments")
    shown = suppress(people, min_cell_size=context.min_cell_size, language=context.language)
    section = Section(phrase(lang, "s_perspectives"))
    quoted: set[str] = set()   # each segment is quoted once in the report
    for perspective in context.perspectives:
        sub = Section(perspective.label(lang))
        for meaning, title in FINDING_MEANINGS:
            sub = sub.with_subsection(_finding(perspective, meaning, phrase(lang, title), people, segments,
                                               shown.table, analysed, context, quoted))
        section = section.with_subsection(sub)
    return section, list(shown.notes)


def _finding(perspective, meaning, title, people, segments, shown, analysed, context, quoted) -> Section:
    """The top themes of ``perspective`` coded with a valence of ``meaning`` (the ``valence``
    column of ``people``/``segments`` holds meanings here), with quotes."""
    lang = context.language
    mine = segments[(segments["perspective"] == perspective.id) & (segments["valence"] == meaning)]
    mine = mine.merge(people[["code_id", "perspective", "valence", "n", "denominator"]],
                      on=["code_id", "perspective", "valence"], how="left", suffixes=("_segments", "_people"))
    mine = mine.sort_values(["n_people", "n_segments", "code_id"], ascending=[False, False, True], kind="stable")
    blocks = []
    for row in mine.head(context.findings_per_valence).to_dict("records"):
        blocks.append(Paragraph(_finding_sentence(row, perspective, shown, context), emphasis=True))
        quotes = quotes_from_rows(analysed.rows, code_id=row["code_id"], perspective=perspective.id,
                                  valence=context.valence_ids(meaning=meaning), n=context.quotes_per_finding,
                                  perspectives=context.perspectives, roles=context.roles, rounds=context.rounds,
                                  language=lang, exclude_segment_ids=quoted)
        quoted.update(quotes["segment_id"])
        blocks.extend(Quote(q["text"], q["attribution"]) for q in quotes.to_dict("records"))
    if not blocks:
        blocks.append(Paragraph(phrase(lang, "no_findings")))
    return Section(title, blocks=tuple(blocks))


def _finding_sentence(row, perspective, shown, context) -> str:
    lang = context.language
    theme = context.code_label(row["code_id"])
    n_segments = int(row["n_segments"])
    seg_text = phrase(lang, "segments_one") if n_segments == 1 else phrase(lang, "segments_many", n=n_segments)
    total = row["denominator_people"]
    # too few people of this perspective to say "n of N" without pointing at someone
    if pd.isna(total) or total < context.min_cell_size or pd.isna(row["n_people"]) or row["n_people"] == 0:
        return phrase(lang, "finding_notes", theme=theme, segments=seg_text)
    match = shown[(shown["code_id"] == row["code_id"]) & (shown["perspective"] == perspective.id)
                  & (shown["valence"] == row["valence"])]
    n = match["n"].iloc[0] if len(match) else pd.NA
    n_text = phrase(lang, "few", min=context.min_cell_size) if pd.isna(n) else str(int(n))
    return phrase(lang, "finding", theme=theme, n=n_text, total=int(total),
                  people=perspective.label(lang).lower(), segments=seg_text)


def comparison_section(analysed: Analysed, context: ReportContext) -> tuple[Section, list]:
    lang = context.language
    people = count_codes(analysed.rows, analysed.units, by="perspective", count="participants")
    result = suppress(people, min_cell_size=context.min_cell_size, language=context.language)
    labels = context.perspective_labels()
    wide = result.table.pivot_table(index="code_id", columns="perspective", values="share", aggfunc="first")
    order = [p.id for p in context.perspectives]
    wide = wide.reindex(index=sorted(people["code_id"].unique()), columns=order)
    rows = [[context.code_label(code)] + [number(wide.loc[code, p], lang, unit="%",
                                                 suppressed=_hidden(result.table, code, p, context)) for p in order]
            for code in wide.index]
    blocks = [_table_rows(phrase(lang, "comparison_table"), [phrase(lang, "c_theme")] + [labels[p] for p in order],
                          rows, result.notes)]
    if len(result.table.dropna(subset=["share"])):
        png = figures.heatmap(result.table.dropna(subset=["share"]), row_labels=context.code_labels(wide.index),
                              column_labels=labels, colour_label=phrase(lang, "heatmap_colour"))
        blocks.append(Figure(phrase(lang, "fig_heatmap"), png, alt_text=phrase(lang, "fig_heatmap")))
    blocks.extend(_convergence_sentences(analysed, context))
    return Section(phrase(lang, "s_comparison"), blocks=tuple(blocks)), list(result.notes)


def _hidden(table: pd.DataFrame, code: str, perspective: str, context: ReportContext) -> str:
    present = ((table["code_id"] == code) & (table["perspective"] == perspective)).any()
    return phrase(context.language, "suppressed", min=context.min_cell_size) if present else "–"


def _convergence_sentences(analysed: Analysed, context: ReportContext) -> list:
    lang = context.language
    labels = context.perspective_labels()
    table = convergence_from_rows(analysed.rows, positive=context.valence_ids(polarity="positive"),
                                  negative=context.valence_ids(polarity="negative"), min_segments=context.min_cell_size)

    def names(ids):
        return join([labels.get(i.strip(), i.strip()).lower() for i in str(ids).split(",")], lang)

    items = []
    for row in table.to_dict("records"):
        theme = context.code_label(row["code_id"])
        if row["flag"] == "convergent":
            polarity = row["polarity"]
            items.append(phrase(lang, f"convergent_{polarity}", theme=theme,
                                perspectives=names(row[f"perspectives_{polarity}"])))
        elif row["flag"] == "divergent":
            items.append(phrase(lang, "divergent", theme=theme, positive=names(row["perspectives_positive"]),
                                negative=names(row["perspectives_negative"])))
    return [BulletList(tuple(items))] if items else [Paragraph(phrase(lang, "no_convergence"))]


def _table(caption: str, columns: list[str], frame: pd.DataFrame, context: ReportContext) -> Table:
    """A table from a formatted (suppressed cells already text) frame; a missing value reads "–"."""
    rows = [["–" if (v is None or pd.isna(v)) else v if isinstance(v, str) else number(v, context.language)
             for v in row] for row in frame.itertuples(index=False)]
    return _table_rows(caption, columns, rows, ())


def _table_rows(caption, columns, rows, notes) -> Table:
    return Table(caption=caption, columns=tuple(columns), rows=tuple(tuple(r) for r in rows), notes=tuple(notes))


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NA and value != ""


def _keys(lang: str):
    from evaltoolkit.reports.text import PHRASES

    return PHRASES[lang]
