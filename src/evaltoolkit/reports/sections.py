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


def data_basis_table(data: StudyData, analysed: Analysed, context: ReportContext, *, month) -> tuple[Table, list]:
    """Documents (this month's too) and participants per perspective. Documents are text,
    not people: they are shown as they are. Participants below the threshold are hidden."""
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
    people = suppress(table[["participants"]], min_cell_size=context.min_cell_size, count_columns=["participants"],
                      share_columns={}, language=lang)
    shown = table.astype(object).assign(participants=people.formatted()["participants"])
    columns = ["c_perspective", "c_documents"] + (["c_this_month"] if month else []) + ["c_participants"]
    keys = ["perspective", "documents"] + (["this_month"] if month else []) + ["participants"]
    unnamed = [r["perspective"] for r in records if pd.isna(r["participants"])]
    notes = [*people.notes, *([phrase(lang, "no_speakers", perspectives=join(unnamed, lang))] if unnamed else [])]
    return _table(phrase(lang, "period_table"), [phrase(lang, c) for c in columns], shown[keys], context), notes


def insights_section(data: StudyData, analysed: Analysed, context: ReportContext, book, flags: pd.DataFrame, *,
                     month: str | None) -> tuple[Section, list]:
    """Each insight boxed with its implication, action, owner and status, the dates it was
    raised and last updated (and whether that was this month), its evidence as quote
    references, and a warning when its linked evidence mostly says the opposite."""
    lang = context.language
    insights = data.insights.sort_values(["kind", "created_on", "insight_id"], kind="stable")
    flagged = {} if flags is None or flags.empty else {
        r["insight_id"]: r for r in flags.to_dict("records") if r["flagged"]}
    blocks = []
    for row in insights.to_dict("records"):
        paragraphs = [row["text"]]
        if _present(row.get("implication")):
            paragraphs.append(phrase(lang, "implication", text=row["implication"]))
        if _present(row.get("action")):
            paragraphs.append(phrase(lang, "action", action=row["action"], owner=owner_label(row.get("owner"), context),
                                     status=insight_status(row["status"], lang)))
        paragraphs.append(phrase(lang, "insight_dates", created=long_date(row["created_on"], lang),
                                 updated=long_date(row["updated_on"], lang)))
        paragraphs.extend(_insight_evidence(row, analysed, context, book))
        if row["insight_id"] in flagged:
            flag = flagged[row["insight_id"]]
            paragraphs.append(phrase(lang, "insight_contradicted", opposite=int(flag["n_opposite"]),
                                     linked=int(flag["n_linked"])))
        kind = SMART_APPROACH if row["kind"] == SMART_APPROACH else KEY_INSIGHT
        mark = insight_mark(row, month, lang)
        blocks.append(Callout(kind, f"{phrase(lang, kind)}: {row['title']}" + (f" ({mark})" if mark else ""),
                              tuple(paragraphs)))
    if not blocks:
        blocks.append(Paragraph(phrase(lang, "no_insights")))
    return Section(phrase(lang, "s_insights"), blocks=tuple(blocks)), []


def insight_mark(row, month: str | None, lang: str) -> str:
    """"NIEUW" when raised in ``month``, "BIJGEWERKT" when updated in it, else ""."""
    if month is None:
        return ""
    if row["created_on"].strftime("%Y-%m") == month:
        return phrase(lang, "insight_new")
    if row["updated_on"].strftime("%Y-%m") == month:
        return phrase(lang, "insight_updated")
    return ""


def insight_status(status: str, lang: str) -> str:
    key = f"insight_{status}"
    return phrase(lang, key) if key in _keys(lang) else status


def owner_label(owner, context: ReportContext) -> str:
    """An insight's owner as an organisation or role: a role id of the configuration reads
    as its label; a name is printed as written; none reads as the research team."""
    if not _present(owner):
        return phrase(context.language, "owner_team")
    for role in context.roles:
        if role.id == owner:
            return role.label(context.language)
    return str(owner)


def _insight_evidence(row, analysed: Analysed, context: ReportContext, book) -> list[str]:
    lang = context.language
    cited = [str(s) for s in list_cell(row.get("evidence_segment_ids"))]
    if not cited:
        return [phrase(lang, "insight_no_evidence")]
    rows = analysed.rows[analysed.rows["segment_id"].isin(cited)]
    paragraphs = []
    if not any(s in book.by_segment for s in cited) and len(rows):
        # one of the cited segments as a quote, unless the findings already quote one
        code_id = rows["code_id"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index[0]
        for quote in book.take(rows, code_id=code_id, n=1):
            paragraphs.append(f"\u201c{quote.text}\u201d {quote.attribution} [{quote.ref}]")
    refs = [book.by_segment[s] for s in cited if s in book.by_segment]
    rest = [s for s in cited if s not in book.by_segment]
    items = list(refs)
    if rest:
        items.append(phrase(lang, "insight_evidence_one" if len(rest) == 1 else "insight_evidence_more",
                            n=len(rest), ids=", ".join(rest)))
    paragraphs.append(phrase(lang, "insight_evidence", refs=join(items, lang)))
    return paragraphs


def comparison_section(analysed: Analysed, context: ReportContext) -> tuple[Section, list]:
    """Share of each perspective's participants mentioning each theme: every perspective a
    column; a hidden cell reads "<3" (or "x" when hidden to protect another), nobody "0%",
    and a perspective whose documents name no speakers "n.v.t.", in the table and the figure."""
    lang = context.language
    people = count_codes(analysed.rows, analysed.units, by="perspective", count="participants")
    result = suppress(people, min_cell_size=context.min_cell_size, language=lang)
    labels = context.perspective_labels()
    order = [p.id for p in context.perspectives]
    counted = {p: analysed.units.loc[analysed.units["perspective"] == p, "participant_id"].notna().any() for p in order}
    shown = result.formatted()
    codes = sorted(people["code_id"].unique())
    display, values = [], []
    for code in codes:
        cells, numbers = [], []
        for perspective in order:
            match = (result.table["code_id"] == code) & (result.table["perspective"] == perspective)
            if not counted[perspective]:
                cells.append(phrase(lang, "not_counted"))
                numbers.append(None)
            elif not match.any():
                cells.append(number(0.0, lang, unit="%"))
                numbers.append(0.0)
            elif pd.isna(result.table.loc[match, "share"].iloc[0]):
                mark = shown.loc[match, "n"].iloc[0]
                cells.append(mark if isinstance(mark, str) else phrase(lang, "suppressed", min=context.min_cell_size))
                numbers.append(mark if isinstance(mark, str) else "hidden")
            else:
                share = float(result.table.loc[match, "share"].iloc[0])
                cells.append(number(share, lang, unit="%"))
                numbers.append(share)
        display.append([context.code_label(code)] + cells)
        values.append(numbers)
    blocks = [_table_rows(phrase(lang, "comparison_table"), [phrase(lang, "c_theme")] + [labels[p] for p in order],
                          display, result.notes)]
    if codes:
        png = figures.heatmap_cells(values, row_labels=[context.code_label(c) for c in codes],
                                    column_labels=[labels[p] for p in order],
                                    colour_label=phrase(lang, "heatmap_colour"),
                                    not_counted=phrase(lang, "not_counted"))
        caption = phrase(lang, "fig_heatmap") + ". " + phrase(lang, "heatmap_hidden", min=context.min_cell_size)
        blocks.append(Figure(caption, png, alt_text=caption))
    blocks.extend(_convergence_sentences(analysed, context))
    return Section(phrase(lang, "s_comparison"), blocks=tuple(blocks)), []   # its notes are under its table


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
