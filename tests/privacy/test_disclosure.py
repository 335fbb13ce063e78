"""Disclosure control: small cells suppressed (with secondary suppression), categories coarsened."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.privacy import coarsen_categories, suppress_small_cells


def test_small_cells_are_hidden_and_the_notes_say_so():
    table = pd.DataFrame({"site": ["a", "b", "c"], "man": [5, 1, 7], "vrouw": [6, 4, 8]})
    result = suppress_small_cells(table, min_cell_size=3)
    # b/man is too small; b/vrouw, a/man and a/vrouw go too, or b/man follows from the totals
    # only b/man is small ("<3"); the others are hidden to protect it ("x": "<3" would be false)
    assert result.formatted().values.tolist() == [["a", "x", "x"], ["b", "<3", "x"], ["c", 7, 8]]
    assert result.table["man"].isna().tolist() == [True, True, False]
    assert result.notes == [
        "1 cel met minder dan 3 personen wordt niet getoond (weergegeven als <3).",
        "3 cellen worden ook verborgen (weergegeven als x) zodat de verborgen aantallen niet uit de totalen af te "
        "leiden zijn."]


def test_only_lines_that_add_up_to_a_known_total_get_secondary_suppression():
    # documents and participants per perspective: columns add up to totals, rows do not
    table = pd.DataFrame({"perspective": ["a", "b", "c"], "documents": [10, 12, 4], "participants": [0, 5, 1]})
    result = suppress_small_cells(table, min_cell_size=3, count_columns=["documents", "participants"],
                                  totals="columns")
    # c/participants is small; within its column a/participants is 0 (nothing to hide), so
    # b/participants goes; c/documents stays: documents and participants do not add up
    assert result.formatted().values.tolist() == [["a", 10, 0], ["b", 12, "x"], ["c", 4, "<3"]]


def test_zero_and_large_counts_are_shown_and_english_notes():
    table = pd.DataFrame({"n": [0, 3, 2]})
    result = suppress_small_cells(table, min_cell_size=3, language="en")
    assert result.formatted()["n"].tolist() == [0, 3, "<3"]
    assert result.notes == ["1 cell with fewer than 3 people is not shown (displayed as <3)."]


def test_only_the_named_count_columns_are_checked():
    table = pd.DataFrame({"year": [2024, 2024], "n": [1, 9]})
    assert suppress_small_cells(table, min_cell_size=3, count_columns=["n"]).formatted()["year"].tolist() == [2024, 2024]


def test_coarsening_merges_small_categories_until_every_combination_is_large_enough():
    records = pd.DataFrame({"site": ["a"] * 6 + ["b"] * 6,
                            "age_band": ["25-34"] * 5 + ["65+"] + ["25-34"] * 6,
                            "gender": ["man", "vrouw"] * 6})
    result = coarsen_categories(records, quasi_identifiers=["site", "age_band", "gender"], min_cell_size=3)
    assert result.notes == ["In 'age_band' zijn kleine categorieën samengevoegd tot 'Overig': 65+.",
                            "'age_band' is weggelaten: ook na samenvoegen bleven cellen kleiner dan 3."]
    assert set(result.table["site"]) == {"a", "b"}
    assert result.table.groupby(["site", "age_band", "gender"]).size().min() >= 3


def test_missing_counts_in_nullable_columns_are_left_alone():
    table = pd.DataFrame({"a": pd.array([1, None, 5], dtype="Int64"), "b": pd.array([4, 6, None], dtype="Int64")})
    result = suppress_small_cells(table, min_cell_size=3, count_columns=["a"])
    assert result.table["a"].isna().tolist() == [True, True, False]
    assert result.suppressed["a"].tolist() == [True, False, False]


def _recoverable(counts, hidden, axes):
    """Cells a reader can work out: the one hidden cell of a line whose total they know."""
    found = []
    for axis in axes:
        frame, mask = (counts, hidden) if axis == 1 else (counts.T, hidden.T)
        for label in frame.index:
            if mask.loc[label].sum() == 1:
                found.append((axis, label))
    return found


@pytest.mark.parametrize("totals", ["both", "rows", "columns"])
def test_no_hidden_count_can_be_worked_out_from_a_total(totals):
    """Over many random small tables (zeros included, as a perspective without a code gives):
    every line whose total a reader knows has no hidden cell or at least two."""
    import numpy as np

    from evaltoolkit.privacy.disclosure import TOTALS

    rng = np.random.default_rng(11)
    for _ in range(400):
        shape = (int(rng.integers(2, 6)), int(rng.integers(2, 5)))
        table = pd.DataFrame(rng.choice([0, 0, 1, 2, 3, 5, 8, 13], size=shape),
                             columns=[f"c{i}" for i in range(shape[1])])
        result = suppress_small_cells(table, min_cell_size=3, totals=totals)
        hidden = result.suppressed[table.columns]
        assert _recoverable(table, hidden, TOTALS[totals]) == [], table.values.tolist()
        assert not ((table >= 1) & (table < 3) & ~hidden).to_numpy().any()   # every small count is hidden


def test_a_small_count_alone_in_its_line_beside_zeros_is_protected_too():
    # row a: the 2 is the whole row total; hiding it alone would print it in the total
    table = pd.DataFrame({"x": [2, 5, 6], "y": [0, 7, 9]})
    result = suppress_small_cells(table, min_cell_size=3, totals="rows")
    assert result.formatted().values.tolist()[0] == ["<3", "x"]


def test_emergent_theme_counts_behind_fewer_people_than_the_threshold_are_hidden():
    from evaltoolkit.topics.review import emergent_themes

    topics = pd.DataFrame([{
        "model_version": "v1", "topic_id": 4, "label": "4_moestuin", "top_terms": ["moestuin", "oogst"], "size": 9,
        "nearest_code_id": "wonen", "similarity": 0.1, "coded_code_id": None, "coded_share": None,
        "representative_segment_ids": ["s1"], "status": "emergent"}])
    # sponsors: 5 segments of one sponsor; refugees: 4 segments of four people; meeting notes: no speaker
    people = ["SP1"] * 5 + ["HV1", "HV2", "HV3", "HV4"]
    segments = pd.DataFrame({
        "segment_id": [f"s{i}" for i in range(11)],
        "perspective": ["sponsor"] * 5 + ["hervestiger"] * 4 + ["teamleider"] * 2,
        "site": ["zevenaar"] * 11, "round": ["r1"] * 11, "collected_on": [None] * 11,
        "participant_id": people + [None, None]})
    assignments = pd.DataFrame({"segment_id": segments["segment_id"], "model_version": "v1", "topic_id": 4})
    shown = emergent_themes(topics, assignments, segments, threshold=0.3, min_cell_size=3).iloc[0]
    assert shown["perspectives"] == "hervestiger 4; sponsor <3; teamleider 2"
    assert shown["sites"] == "zevenaar 11"
    unguarded = emergent_themes(topics, assignments, segments, threshold=0.3).iloc[0]
    assert unguarded["perspectives"] == "hervestiger 4; sponsor 5; teamleider 2"
