"""Findings as claims: one careful sentence per perspective and theme, and the checks a
researcher wants before a claim reaches a committee.

The evaluation reports this toolkit learns from write "de meeste deelnemers ...", "enkele
deelnemers ...", never "genoemd door 7 van de 9 (23 fragmenten)". :func:`quantifier`
picks the word (alle / de meeste / enkele / een; all / most / some / one) from how many
people of how many said it, and keeps disclosure control: a number of people below the
threshold is never written, so the words stand alone. :func:`draft_claim` builds the
sentence a researcher then rewrites (the report marks it as a draft);
:func:`contradicted_insights` flags insights whose linked evidence mostly says the
opposite of what their own cited evidence says.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from evaltoolkit.store.types import list_cell

QUANTIFIERS = ("all", "most", "some", "one")
_WORDS = {
    "nl": {"all": "alle", "most": "de meeste", "some": "enkele", "one": "één"},
    "en": {"all": "all", "most": "most", "some": "some", "one": "one"},
}
_CLAIM = {
    "nl": {"added_value": "noemen {theme} als meerwaarde", "challenge": "noemen {theme} als uitdaging",
           "added_value_one": "noemt {theme} als meerwaarde", "challenge_one": "noemt {theme} als uitdaging",
           "unnamed_added_value": "In de verslagen van de {people} komt {theme} naar voren als meerwaarde",
           "unnamed_challenge": "In de verslagen van de {people} komt {theme} naar voren als uitdaging",
           "of": "{n} van de {total}", "segments": "{n} fragmenten", "segment": "1 fragment",
           "only_round": "alleen in de {round}",
           "also_added_value": "Enkele {people} zien er ook meerwaarde in.",
           "also_challenge": "Enkele {people} zien er ook een uitdaging in.",
           "draft": "[concept]",
           "summary_both": "Samenvattend zien {people} vooral meerwaarde in {positive}; de belangrijkste "
                           "uitdagingen zijn {negative}.",
           "summary_positive": "Samenvattend zien {people} vooral meerwaarde in {positive}.",
           "summary_negative": "Samenvattend noemen {people} vooral uitdagingen: {negative}.",
           "and": " en "},
    "en": {"added_value": "mention {theme} as added value", "challenge": "mention {theme} as a challenge",
           "added_value_one": "mentions {theme} as added value", "challenge_one": "mentions {theme} as a challenge",
           "unnamed_added_value": "In the notes of the {people}, {theme} comes up as added value",
           "unnamed_challenge": "In the notes of the {people}, {theme} comes up as a challenge",
           "of": "{n} of {total}", "segments": "{n} segments", "segment": "1 segment",
           "only_round": "only in the {round}",
           "also_added_value": "Some {people} also see added value in it.",
           "also_challenge": "Some {people} also see a challenge in it.",
           "draft": "[draft]",
           "summary_both": "In sum, {people} mainly see added value in {positive}; the main challenges are "
                           "{negative}.",
           "summary_positive": "In sum, {people} mainly see added value in {positive}.",
           "summary_negative": "In sum, {people} mainly name challenges: {negative}.",
           "and": " and "},
}


def quantifier(n: int, total: int, *, min_cell_size: int = 3) -> str:
    """all / most / some / one for ``n`` of ``total`` people: all when every one did, most
    for more than half, one for a single person (only where a cell of one may be shown),
    some otherwise."""
    if n <= 0 or total <= 0:
        raise ValueError(f"n and total must be positive. Got n={n}, total={total} instead.")
    if n == total and total >= min_cell_size:
        return "all"
    if n == 1 and min_cell_size <= 1:
        return "one"
    return "most" if n > total / 2 and n >= min_cell_size else "some"


def draft_claim(*, theme: str, people: str, meaning: str, n: int | None, total: int | None, n_segments: int,
                language: str = "nl", min_cell_size: int = 3, only_round: str | None = None,
                also_opposite: bool = False) -> str:
    """One draft sentence for a theme of one perspective, e.g. "De meeste deelnemers (7 van
    de 9) noemen praktische hulp als meerwaarde." ``meaning`` is added_value or challenge;
    ``people`` the perspective's plural label; ``n``/``total`` distinct speakers (None when
    the documents name no speakers, as in meeting notes: then the number of segments is
    given, which counts text, not people). Counts below ``min_cell_size`` are never written.
    """
    words, theme = _CLAIM[language], _lower_first(theme)
    people = _lower_first(people)
    segments = words["segment"] if n_segments == 1 else words["segments"].format(n=n_segments)
    if n is None or total is None:
        sentence = words[f"unnamed_{meaning}"].format(people=people, theme=theme) + f" ({segments})"
    elif total < min_cell_size:   # so few people that any quantifier would count them
        sentence = f"{people} {words[meaning].format(theme=theme)} ({segments})"
    else:
        kind = quantifier(n, total, min_cell_size=min_cell_size)
        word = _WORDS[language][kind]
        if kind == "all":
            subject, count = f"{word} {total} {people}", ""
        elif kind == "one":
            subject, count = f"{word} {_singular(people, language)}", ""
        else:
            subject = f"{word} {people}"
            count = f" ({words['of'].format(n=n, total=total)})" if n >= min_cell_size else ""
        verb = words[f"{meaning}_one" if kind == "one" else meaning].format(theme=theme)
        sentence = f"{subject}{count} {verb}"
    if only_round:
        sentence += ", " + words["only_round"].format(round=_lower_first(only_round))
    sentence = sentence[:1].upper() + sentence[1:] + "."
    if also_opposite:
        opposite = "challenge" if meaning == "added_value" else "added_value"
        sentence += " " + words[f"also_{opposite}"].format(people=people)
    return sentence


def draft_mark(language: str) -> str:
    return _CLAIM[language]["draft"]


def summary_sentence(*, people: str, positive: Sequence[str], negative: Sequence[str], language: str = "nl") -> str:
    """The closing "Samenvattend ..." of a perspective from its leading themes per valence."""
    words = _CLAIM[language]
    values = {"people": _lower_first(people), "positive": _join([_lower_first(t) for t in positive], words["and"]),
              "negative": _join([_lower_first(t) for t in negative], words["and"])}
    if positive and negative:
        return words["summary_both"].format(**values)
    if positive:
        return words["summary_positive"].format(**values)
    if negative:
        return words["summary_negative"].format(**values)
    return ""


def contradicted_insights(insights: pd.DataFrame, rows: pd.DataFrame, *, positive: Collection[str],
                          negative: Collection[str], perspective_of: Mapping[str, str] | None = None,
                          min_segments: int = 3, majority: float = 0.5) -> pd.DataFrame:
    """Insights whose linked evidence mostly says the opposite of their own.

    An insight's stance is the valence of the segments it cites (``evidence_segment_ids``):
    mostly positive or mostly negative. Its linked evidence is every coded segment of its
    ``code_ids`` from its ``perspectives`` (all perspectives when none are named). When at
    least ``min_segments`` linked segments carry a valence and more than ``majority`` of
    them carry the opposite one, the insight is flagged. ``rows`` are
    :func:`~evaltoolkit.analysis.coded_units` rows. Returns ``insight_id, stance,
    n_linked, n_opposite, flagged`` (segment counts: text, not people).
    """
    positive, negative = set(positive), set(negative)
    records = []
    for insight in insights.to_dict("records"):
        cited = set(list_cell(insight.get("evidence_segment_ids")))
        codes = set(list_cell(insight.get("code_ids")))
        perspectives = set(list_cell(insight.get("perspectives")))
        own = rows[rows["segment_id"].isin(cited)]
        n_pos = own.loc[own["valence"].isin(positive), "segment_id"].nunique()
        n_neg = own.loc[own["valence"].isin(negative), "segment_id"].nunique()
        stance = "positive" if n_pos > n_neg else "negative" if n_neg > n_pos else None
        linked = rows[rows["code_id"].isin(codes)]
        if perspectives:
            linked = linked[linked["perspective"].isin(perspectives)]
        valenced = linked[linked["valence"].isin(positive | negative)]
        n_linked = valenced["segment_id"].nunique()
        opposite = negative if stance == "positive" else positive
        n_opposite = valenced.loc[valenced["valence"].isin(opposite), "segment_id"].nunique() if stance else 0
        flagged = bool(stance and n_linked >= min_segments and n_opposite > majority * n_linked)
        records.append({"insight_id": insight["insight_id"], "stance": stance, "n_linked": n_linked,
                        "n_opposite": n_opposite, "flagged": flagged})
    return pd.DataFrame.from_records(
        records, columns=["insight_id", "stance", "n_linked", "n_opposite", "flagged"]).astype(
        {"insight_id": "string", "stance": "string", "n_linked": "Int64", "n_opposite": "Int64", "flagged": "boolean"})


def _lower_first(text: str) -> str:
    """"Praktische hulp" -> "praktische hulp"; names and abbreviations ("COA", "Zaanstad") stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower() and not _looks_like_a_name(text):
        return text[0].lower() + text[1:]
    return text


def _looks_like_a_name(text: str) -> bool:
    first = text.split()[0]
    return any(c.isupper() for c in first[1:])


def _singular(people: str, language: str) -> str:
    if language == "en":
        return people[:-1] if people.endswith("s") else people
    for ending, replacement in (("ers", "er"), ("en", ""), ("s", "")):
        if people.endswith(ending):
            return people[: len(people) - len(ending)] + replacement
    return people


def _join(items: list[str], last: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]
