"""Code matrices against counts made by hand from tests/data/reports/*.csv."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.analysis import (
    analysable_segments,
    co_occurrence,
    code_matrix,
    coded_units,
    compare_rounds,
    count_codes,
    site_attributes_of,
)
from evaltoolkit.config import Site
from evaltoolkit.errors import InputError
from synthetic_study import VALENCE_IDS


def tables(study):
    return study["codings"], study["segments"], study["documents"], study["participants"]


def cell(table, **where):
    rows = table
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, f"expected one row for {where}, got {len(rows)}"
    return rows.iloc[0]


def test_units_leave_out_interviewer_interpreter_withdrawn_and_non_consenting_turns(study):
    units = analysable_segments(study["segments"], study["documents"], study["participants"])
    ids = set(units["segment_id"])
    assert "fg_r1_zaanstad:0001" not in ids   # interviewer
    assert "fg_r1_zaanstad:0002" not in ids   # interpreter
    assert "int_r2_nissewaard:0003" not in ids  # HV04 withdrew
    assert "sponsors_r2-R6:0001" not in ids   # SP05 gave no consent
    assert len(units) == 18


def test_notes_without_a_speaker_are_dropped_when_someone_listed_on_them_withdrew(study):
    people = study["participants"].copy()
    people.loc[people["participant_id"] == "TL01", "withdrawn_on"] = pd.Timestamp("2024-11-01").date()
    units = analysable_segments(study["segments"], study["documents"], people)
    assert not units["doc_id"].isin(["tl_2024-09"]).any()
    assert "tl_2024-10:0002" in set(units["segment_id"])   # TL02's own turn stays


def test_only_accepted_codings_count(study):
    units = analysable_segments(study["segments"], study["documents"], study["participants"])
    rows = coded_units(study["codings"], units, valence_ids=VALENCE_IDS)
    assert not ((rows["segment_id"] == "sponsors_r2-R4:0001") & (rows["code_id"] == "praktische_hulp")).any()
    assert not ((rows["segment_id"] == "tl_2024-10:0001") & (rows["code_id"] == "bureaucratie")).any()


def test_segment_counts_per_perspective_match_hand_counts(study):
    table = code_matrix(*tables(study), valence_ids=VALENCE_IDS, count="segments", min_cell_size=1).table
    counts = {(r.code_id, r.perspective): (r.n, r.denominator) for r in table.itertuples()}
    assert counts[("praktische_hulp", "hervestiger")] == (3, 5)
    assert counts[("praktische_hulp", "sponsor")] == (3, 7)
    assert counts[("praktische_hulp", "teamleider")] == (2, 4)
    assert counts[("praktische_hulp", "gemeente")] == (1, 2)
    assert counts[("taalbarriere", "sponsor")] == (3, 7)


def test_participant_counts_give_mentioned_by_3_of_4_sponsors(study):
    table = code_matrix(*tables(study), valence_ids=VALENCE_IDS, count="participants", min_cell_size=1).table
    row = cell(table, code_id="praktische_hulp", perspective="sponsor")
    assert (row["n"], row["denominator"], row["share"]) == (3, 4, 0.75)
    # meeting notes without a known speaker count as segments, not as participants
    row = cell(table, code_id="praktische_hulp", perspective="teamleider")
    assert (row["n"], row["denominator"]) == (1, 2)


def test_valence_keeps_segments_that_also_carry_the_valence_code(study):
    table = code_matrix(*tables(study), valence_ids=VALENCE_IDS, valence="uitdaging", min_cell_size=1).table
    assert cell(table, code_id="praktische_hulp", perspective="sponsor")["n"] == 1
    assert cell(table, code_id="praktische_hulp", perspective="hervestiger")["n"] == 1
    assert not (table["code_id"] == "zingeving").any()


def test_split_by_valence_and_round(study):
    table = code_matrix(*tables(study), valence_ids=VALENCE_IDS, by=("perspective", "round", "valence"), min_cell_size=1).table
    row = cell(table, code_id="taalbarriere", perspective="sponsor", round="r2", valence="uitdaging")
    assert (row["n"], row["denominator"]) == (2, 4)


def test_split_by_site_model_attribute(study):
    sites = (Site("zaanstad", "Zaanstad", "Noord-Holland", {"sponsor_model": "pool"}),
             Site("nissewaard", "Nissewaard", "Zuid-Holland", {"sponsor_model": "one_per_family"}),
             Site("zevenaar", "Zevenaar", "Gelderland", {"sponsor_model": "one_per_family"}))
    table = code_matrix(*tables(study), valence_ids=VALENCE_IDS, by="sponsor_model", count="participants",
                        site_attributes=site_attributes_of(sites), min_cell_size=1).table
    pool = cell(table, code_id="praktische_hulp", sponsor_model="pool")
    # zaanstad speakers: HV01, HV02, SP01, SP02, GM01 mention it; TL01 (site from the register) does not
    assert (pool["n"], pool["denominator"]) == (5, 6)
    one = cell(table, code_id="praktische_hulp", sponsor_model="one_per_family")
    # nissewaard/zevenaar speakers: HV03, SP03, SP04, TL02; all but SP04 mention it
    assert (one["n"], one["denominator"]) == (3, 4)


def test_small_cells_are_suppressed_with_their_shares(study):
    result = code_matrix(*tables(study), valence_ids=VALENCE_IDS, count="participants", min_cell_size=3)
    table = result.table
    assert cell(table, code_id="praktische_hulp", perspective="sponsor")["n"] == 3
    hidden = cell(table, code_id="zingeving", perspective="sponsor")
    assert pd.isna(hidden["n"]) and pd.isna(hidden["share"])
    assert result.notes


def test_unknown_grouping_names_the_valid_columns(study):
    with pytest.raises(InputError, match=r"by=\['wijk'\] names no column of the coded units\. Valid: "):
        code_matrix(*tables(study), valence_ids=VALENCE_IDS, by="wijk")


def test_unknown_count_is_an_error(study):
    with pytest.raises(InputError, match="count must be one of segments, participants. Got 'words' instead."):
        code_matrix(*tables(study), valence_ids=VALENCE_IDS, count="words")


def test_compare_rounds_labels_what_changed(study):
    table = compare_rounds(*tables(study), valence_ids=VALENCE_IDS, min_cell_size=1).table
    changes = {(r.code_id, r.perspective): r.change for r in table.itertuples()}
    assert changes[("praktische_hulp", "sponsor")] == "falling"   # 2 of 2, then 1 of 3
    assert changes[("taalbarriere", "sponsor")] == "rising"       # 1 of 2, then 2 of 3
    assert changes[("zingeving", "sponsor")] == "gone"
    assert changes[("bureaucratie", "hervestiger")] == "new"
    assert changes[("praktische_hulp", "hervestiger")] == "stable"  # 2 of 2, then 1 of 1
    row = cell(table, code_id="taalbarriere", perspective="sponsor")
    assert row["share_before"] == 0.5 and round(row["share_after"], 4) == 0.6667


def test_co_occurrence_counts_code_pairs_on_one_segment(study):
    table = co_occurrence(*tables(study), valence_ids=VALENCE_IDS, min_cell_size=1).table
    pairs = {(r.code_a, r.code_b): r.n_segments for r in table.itertuples()}
    assert pairs == {
        ("praktische_hulp", "taalbarriere"): 1,
        ("praktische_hulp", "zingeving"): 1,
        ("praktische_hulp", "werkdruk"): 1,
        ("praktische_hulp", "signalering"): 1,
        ("signalering", "taalbarriere"): 1,
        ("bureaucratie", "taalbarriere"): 1,
    }
    row = cell(table, code_a="praktische_hulp", code_b="zingeving")
    assert row["jaccard"] == pytest.approx(1 / 9)   # 9 segments have praktische_hulp, 1 zingeving


def test_count_codes_is_sorted_and_typed(study):
    units = analysable_segments(study["segments"], study["documents"], study["participants"])
    table = count_codes(coded_units(study["codings"], units, valence_ids=VALENCE_IDS), units)
    assert list(table.columns) == ["code_id", "perspective", "n", "denominator", "share"]
    assert str(table["n"].dtype) == "Int64"
    assert table["code_id"].is_monotonic_increasing
