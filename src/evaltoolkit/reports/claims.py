"""Findings per perspective as claims with evidence, and the quote book that keeps every
quote of a report different and numbered.

Per perspective and per valence meaning (added value, challenge), the themes most people
mention, each with one claim: the researcher's own synthesis where one is recorded for
that theme, perspective and period, otherwise a draft sentence with a careful quantifier
(:func:`evaltoolkit.analysis.claims.draft_claim`), marked as a draft. Added value and
challenges are counted separately: a theme under both says how many said which. A
"Samenvattend" paragraph closes each perspective.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from evaltoolkit.analysis.claims import draft_claim, draft_mark, summary_sentence
from evaltoolkit.analysis.matrices import count_codes
from evaltoolkit.analysis.quotes import quotes_from_rows
from evaltoolkit.analysis.syntheses import ALL_MEANINGS
from evaltoolkit.reports.blocks import BulletList, Callout, Paragraph, Quote, Report, Section, Table
from evaltoolkit.reports.inputs import Analysed, ReportContext
from evaltoolkit.reports.text import phrase

#: The valence meanings a perspective's findings are filed under, with their section titles.
FINDING_MEANINGS = (("added_value", "added_value"), ("challenge", "challenges"))


class QuoteBook:
    """The quotes of one report: none printed twice (by segment or by text), each numbered
    ("C1", "C2" ...) so insights and indicators can point to them. Used while building."""

    def __init__(self, context: ReportContext):
        self.context = context
        self.by_segment: dict[str, str] = {}
        self._texts: set[str] = set()

    def take(self, rows: pd.DataFrame, *, code_id: str, n: int, perspective: str | None = None,
             valence=None) -> list[Quote]:
        context = self.context
        quotes = quotes_from_rows(rows, code_id=code_id, perspective=perspective, valence=valence, n=n + 2,
                                  perspectives=context.perspectives, roles=context.roles, rounds=context.rounds,
                                  language=context.language, exclude_segment_ids=set(self.by_segment),
                                  allow_similar=False)
        taken = []
        for quote in quotes.to_dict("records"):
            key = _normalised(quote["text"])
            if key in self._texts or len(taken) >= n:
                continue
            if context.unquotable is not None and context.unquotable(f"{quote['text']} {quote['attribution']}"):
                continue
            ref = provisional_ref(len(self.by_segment) + 1)
            self.by_segment[quote["segment_id"]] = ref
            self._texts.add(key)
            taken.append(Quote(quote["text"], quote["attribution"], ref=ref, segment_id=quote["segment_id"]))
        return taken


_PROVISIONAL = re.compile("\u27e6(\\d+)\u27e7")


def provisional_ref(n: int) -> str:
    """The ref of a quote while the report is built ("⟦3⟧"): the sections are built in
    another order than they are read, so :func:`number_quotes` numbers them at the end."""
    return f"\u27e6{n}\u27e7"


def number_quotes(report: Report) -> Report:
    """The report with its quotes numbered in reading order ("C1" is the first quote a
    reader meets), in the quotes and wherever an insight or indicator refers to them."""
    order: dict[str, str] = {}

    def collect(text: str) -> None:
        for token in _PROVISIONAL.findall(text):
            order.setdefault(token, phrase(report.language, "quote_ref", n=len(order) + 1))

    def fix(text: str) -> str:
        return _PROVISIONAL.sub(lambda m: order.get(m.group(1), m.group(0)), text)

    for text in _texts(report):
        collect(text)
    return replace(report, sections=tuple(_map_section(s, fix) for s in report.sections))


def _texts(report: Report):
    def walk(section: Section):
        for block in section.blocks:
            yield from _block_texts(block)
        for sub in section.subsections:
            yield from walk(sub)
    for section in report.sections:
        yield from walk(section)


def _block_texts(block):
    if isinstance(block, Quote):
        yield block.ref
    elif isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, Callout):
        yield from block.paragraphs
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Table):
        yield from (cell for row in block.rows for cell in row)


def _map_section(section: Section, fix) -> Section:
    return replace(section, blocks=tuple(_map_block(b, fix) for b in section.blocks),
                   subsections=tuple(_map_section(s, fix) for s in section.subsections))


def _map_block(block, fix):
    if isinstance(block, Quote):
        return replace(block, ref=fix(block.ref))
    if isinstance(block, Paragraph):
        return replace(block, text=fix(block.text))
    if isinstance(block, Callout):
        return replace(block, paragraphs=tuple(fix(p) for p in block.paragraphs))
    if isinstance(block, BulletList):
        return replace(block, items=tuple(fix(i) for i in block.items))
    if isinstance(block, Table):
        return replace(block, rows=tuple(tuple(fix(c) for c in row) for row in block.rows))
    return block


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


CLAIM_COLUMNS = ("perspective", "meaning", "position", "code_id", "theme", "period", "draft", "synthesis")


def claims_table(analysed: Analysed, context: ReportContext, syntheses: pd.DataFrame | None = None, *,
                 period: str | None = None) -> pd.DataFrame:
    """The claims of the findings, one row per perspective x meaning x leading theme: the
    draft sentence and the researcher's synthesis (NA where none is recorded). What the
    report prints and what the synthesis sheet offers the researcher to rewrite."""
    lang = context.language
    meaning_of = {code.code_id: code.meaning for code in context.codebook.valences()} if context.codebook else {}
    rows = analysed.rows.assign(valence=analysed.rows["valence"].map(meaning_of).astype("string"))
    people = count_codes(rows, analysed.units, by=["perspective", "valence"], count="participants")
    segments = count_codes(rows, analysed.units, by=["perspective", "valence"], count="segments")
    counts = segments.merge(people[["code_id", "perspective", "valence", "n", "denominator"]],
                            on=["code_id", "perspective", "valence"], how="left", suffixes=("_segments", "_people"))
    round_labels = {r.id: r.label(lang) for r in context.rounds}
    records = []
    for perspective in context.perspectives:
        units = analysed.units[analysed.units["perspective"] == perspective.id]
        speakers_known = units["participant_id"].notna().any()
        rounds_seen = set(units["round"].dropna())
        for meaning, _ in FINDING_MEANINGS:
            mine = counts[(counts["perspective"] == perspective.id) & (counts["valence"] == meaning)]
            mine = mine.sort_values(["n_people", "n_segments", "code_id"], ascending=[False, False, True],
                                    kind="stable", na_position="last")
            for position, row in enumerate(mine.head(context.findings_per_valence).to_dict("records")):
                code_id = row["code_id"]
                of_claim = rows[(rows["code_id"] == code_id) & (rows["perspective"] == perspective.id)]
                claim_rounds = set(of_claim.loc[of_claim["valence"] == meaning, "round"].dropna())
                opposite = "challenge" if meaning == "added_value" else "added_value"
                known = speakers_known and not pd.isna(row["n_people"]) and not pd.isna(row["denominator_people"])
                draft = draft_claim(
                    theme=context.code_label(code_id), people=perspective.label(lang), meaning=meaning,
                    n=int(row["n_people"]) if known else None,
                    total=int(row["denominator_people"]) if known else None,
                    n_segments=int(row["n_segments"]), language=lang, min_cell_size=context.min_cell_size,
                    only_round=round_labels.get(next(iter(claim_rounds))) if len(rounds_seen) > 1
                    and len(claim_rounds) == 1 else None,
                    also_opposite=bool((of_claim["valence"] == opposite).any()))
                records.append({"perspective": perspective.id, "meaning": meaning, "position": position,
                                "code_id": code_id, "theme": context.code_label(code_id), "period": period,
                                "draft": draft,
                                "synthesis": _synthesis(syntheses, code_id, perspective.id, meaning, period)})
    return pd.DataFrame.from_records(records, columns=list(CLAIM_COLUMNS))


def perspectives_section(analysed: Analysed, context: ReportContext, book: QuoteBook,
                         syntheses: pd.DataFrame | None = None, *, period: str | None = None) -> tuple[Section, list]:
    lang = context.language
    claims = claims_table(analysed, context, syntheses, period=period)
    section = Section(phrase(lang, "s_perspectives"),
                      blocks=(Paragraph(phrase(lang, "claims_intro", draft=draft_mark(lang))),))
    for perspective in context.perspectives:
        sub = Section(perspective.label(lang))
        leading: dict[str, list[str]] = {}
        for meaning, title in FINDING_MEANINGS:
            mine = claims[(claims["perspective"] == perspective.id) & (claims["meaning"] == meaning)]
            blocks = []
            for claim in mine.to_dict("records"):
                researcher = isinstance(claim["synthesis"], str) and claim["synthesis"]
                text = claim["synthesis"] if researcher else f"{claim['draft']} {draft_mark(lang)}"
                blocks.append(Paragraph(text, emphasis=True))
                n_quotes = context.quotes_per_finding if claim["position"] == 0 else 1
                blocks.extend(book.take(analysed.rows, code_id=claim["code_id"], perspective=perspective.id,
                                        valence=context.valence_ids(meaning=meaning), n=n_quotes))
            leading[meaning] = list(mine["theme"])
            sub = sub.with_subsection(Section(phrase(lang, title), blocks=tuple(blocks) or (
                Paragraph(phrase(lang, "no_findings")),)))
        closing = summary_sentence(people=perspective.label(lang), positive=leading["added_value"][:3],
                                   negative=leading["challenge"][:3], language=lang)
        if closing:
            sub = sub.with_subsection(Section(phrase(lang, "samenvattend"), blocks=(Paragraph(closing),)))
        section = section.with_subsection(sub)
    return section, []   # no table here: its counts are words and unsuppressed segment counts


def _synthesis(syntheses: pd.DataFrame | None, code_id: str, perspective: str, meaning: str,
               period: str | None) -> str | None:
    """The researcher's synthesis of this theme and perspective: the latest one recorded up
    to ``period`` for this meaning, or for the theme as a whole (meaning empty)."""
    if syntheses is None or syntheses.empty:
        return None
    mine = syntheses[(syntheses["code_id"] == code_id) & (syntheses["perspective"] == perspective)]
    if period is not None:
        mine = mine[mine["period"].astype(str) <= period]
    exact = mine[mine["meaning"].fillna("") == meaning]
    chosen = exact if len(exact) else mine[mine["meaning"].fillna(ALL_MEANINGS).isin([ALL_MEANINGS, ""])]
    if chosen.empty:
        return None
    return str(chosen.sort_values("period", kind="stable")["text"].iloc[-1])
