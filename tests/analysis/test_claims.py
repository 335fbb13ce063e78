"""Claims: careful quantifiers that never write a small count, and the insight contradiction flag."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.analysis.claims import contradicted_insights, draft_claim, quantifier, summary_sentence


@pytest.mark.parametrize(("n", "total", "expected"), [
    (9, 9, "all"), (7, 9, "most"), (4, 9, "some"), (2, 9, "some"), (2, 2, "some"), (1, 5, "some")])
def test_quantifier(n, total, expected):
    assert quantifier(n, total, min_cell_size=3) == expected


def test_one_is_said_only_where_a_cell_of_one_may_be_shown():
    assert quantifier(1, 5, min_cell_size=1) == "one"


def test_a_claim_never_writes_a_count_below_the_threshold():
    assert draft_claim(theme="Praktische hulp", people="Sponsoren", meaning="added_value", n=7, total=9,
                       n_segments=12) == "De meeste sponsoren (7 van de 9) noemen praktische hulp als meerwaarde."
    assert draft_claim(theme="Praktische hulp", people="Sponsoren", meaning="challenge", n=2, total=9,
                       n_segments=3) == "Enkele sponsoren noemen praktische hulp als uitdaging."
    # a perspective of two people: no quantifier, only the number of segments (text, not people)
    assert draft_claim(theme="Werkdruk", people="Gemeenten", meaning="challenge", n=2, total=2,
                       n_segments=4) == "Gemeenten noemen werkdruk als uitdaging (4 fragmenten)."
    assert draft_claim(theme="School", people="Mentees", meaning="added_value", n=6, total=6, n_segments=9,
                       language="en", only_round="Second wave") == (
        "All 6 mentees mention school as added value, only in the second wave.")


def test_summary_sentence():
    assert summary_sentence(people="Mentors", positive=["Belonging"], negative=["Time", "Endings"],
                            language="en") == ("In sum, mentors mainly see added value in belonging; the main "
                                               "challenges are time and endings.")


def test_an_insight_whose_linked_evidence_mostly_says_the_opposite_is_flagged():
    rows = pd.DataFrame({
        "segment_id": [f"d:{i}" for i in range(6)], "code_id": ["taak"] * 6,
        "perspective": ["refugee"] * 6, "valence": ["plus", "min", "min", "min", "min", "plus"]})
    insights = pd.DataFrame({"insight_id": ["i1", "i2"], "evidence_segment_ids": [["d:0"], ["d:1"]],
                             "code_ids": [["taak"], ["taak"]], "perspectives": [["refugee"], []]})
    flags = contradicted_insights(insights, rows, positive=["plus"], negative=["min"]).set_index("insight_id")
    assert (flags.loc["i1", "stance"], flags.loc["i1", "n_opposite"], flags.loc["i1", "n_linked"]) == (
        "positive", 4, 6)
    assert bool(flags.loc["i1", "flagged"]) is True
    assert bool(flags.loc["i2", "flagged"]) is False    # cites a challenge, and most evidence agrees
