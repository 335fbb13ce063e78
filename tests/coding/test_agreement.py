"""Agreement figures against values computed by hand, and double-coding samples."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.coding import agreement, agreement_by_month, agreement_by_subgroup, sample_double_coding
from evaltoolkit.errors import InputError

# Coder A: X on s1 s2 s3, Y on s5 s6.  Coder B: X on s1 s2 s4, Y on s5, and a rejected X on s7.
# Units are s1..s6 (s7 was coded by nobody: B's only row there is rejected).
CODINGS = pd.DataFrame(
    [("s1", "X", "A", "accepted"), ("s2", "X", "A", "accepted"), ("s3", "X", "A", "accepted"),
     ("s5", "Y", "A", "accepted"), ("s6", "Y", "A", "accepted"),
     ("s1", "X", "B", "accepted"), ("s2", "X", "B", "accepted"), ("s4", "X", "B", "accepted"),
     ("s5", "Y", "B", "accepted"), ("s7", "X", "B", "rejected")],
    columns=["segment_id", "code_id", "coder", "status"])


def test_agreement_matches_hand_computed_kappa_and_alpha():
    """By hand, code X: A=[1,1,1,0,0,0], B=[1,1,0,1,0,0]
    po = 4/6; pe = .5*.5 + .5*.5 = .5; kappa = (2/3 - 1/2)/(1/2) = 1/3
    coincidences o11=4, o00=4, o10=o01=2; n1=n0=6, n=12
    alpha = 1 - (4/12) / (2*6*6/(12*11)) = 1 - 132/216 = 7/18
    Code Y: A=[0,0,0,0,1,1], B=[0,0,0,0,1,0]
    po = 5/6; pe = 1/3*1/6 + 2/3*5/6 = 11/18; kappa = (15/18-11/18)/(7/18) = 4/7
    o11=2, o00=8, o10=o01=1; n1=3, n0=9; alpha = 1 - (2/12)/(54/132) = 16/27
    Overall (12 unit-code pairs): po = 9/12; pA=5/12, pB=4/12; pe = 76/144; kappa = 32/68 = 8/17
    o11=6, o00=12, o10=o01=3; n1=9, n0=15, n=24; alpha = 1 - (6/24)/(270/552) = 22/45
    """
    table = agreement(CODINGS, coder_a="A", coder_b="B").set_index("code_id")
    assert table.loc["X", ["units", "both", "only_a", "only_b", "neither"]].tolist() == [6, 2, 1, 1, 2]
    assert table.loc["Y", ["units", "both", "only_a", "only_b", "neither"]].tolist() == [6, 1, 1, 0, 4]
    assert table.loc["overall", ["units", "both", "only_a", "only_b", "neither"]].tolist() == [6, 3, 2, 1, 6]
    assert table.loc["X", "percent_agreement"] == pytest.approx(400 / 6)
    assert table.loc["Y", "percent_agreement"] == pytest.approx(500 / 6)
    assert table.loc["overall", "percent_agreement"] == pytest.approx(75.0)
    assert table.loc["X", "cohen_kappa"] == pytest.approx(1 / 3)
    assert table.loc["Y", "cohen_kappa"] == pytest.approx(4 / 7)
    assert table.loc["overall", "cohen_kappa"] == pytest.approx(8 / 17)
    assert table.loc["X", "krippendorff_alpha"] == pytest.approx(7 / 18)
    assert table.loc["Y", "krippendorff_alpha"] == pytest.approx(16 / 27)
    assert table.loc["overall", "krippendorff_alpha"] == pytest.approx(22 / 45)


def test_agreement_is_undefined_when_only_one_category_occurs():
    codings = pd.DataFrame({"segment_id": ["s1", "s1"], "code_id": ["X", "X"], "coder": ["A", "B"]})
    row = agreement(codings, coder_a="A", coder_b="B").iloc[0]
    assert row["percent_agreement"] == 100.0
    assert pd.isna(row["cohen_kappa"]) and pd.isna(row["krippendorff_alpha"])


def test_unknown_coder_lists_the_coders():
    with pytest.raises(InputError, match=r"^'C' has no codings. Coders with codings: A, B.$"):
        agreement(CODINGS, coder_a="A", coder_b="C")


def test_agreement_by_month_keeps_months_apart():
    months = pd.Series({"s1": "2024-06", "s2": "2024-06", "s3": "2024-06", "s4": "2024-10", "s5": "2024-10",
                        "s6": "2024-10", "s7": "2024-10"})
    table = agreement_by_month(CODINGS, months, coder_a="A", coder_b="B")
    assert table["month"].tolist() == ["2024-06", "2024-10"]
    # June: units s1 s2 s3, only code X: A=[1,1,1], B=[1,1,0] -> po = 2/3
    assert table["percent_agreement"].iloc[0] == pytest.approx(200 / 3)
    assert table["units"].tolist() == [3, 3]


def test_double_coding_sample_covers_every_perspective():
    segments = pd.DataFrame({"segment_id": [f"s{i:02d}" for i in range(40)],
                             "perspective": ["sponsor"] * 30 + ["gemeente"] * 8 + ["teamleider"] * 2})
    sample = sample_double_coding(segments, n=10, seed=1)
    assert len(sample) == 10
    assert set(sample["perspective"]) == {"sponsor", "gemeente", "teamleider"}
    assert sample_double_coding(segments, n=10, seed=1).equals(sample)


def test_double_coding_sample_of_one_month():
    segments = pd.DataFrame({"segment_id": ["a", "b", "c"], "perspective": ["sponsor"] * 3})
    months = pd.Series({"a": "2024-06", "b": "2024-07", "c": "2024-07"})
    sample = sample_double_coding(segments, n=5, month="2024-07", months=months)
    assert sample["segment_id"].tolist() == ["b", "c"]


def test_double_coded_sample_counts_only_segments_both_coders_coded():
    codings = pd.DataFrame({
        "segment_id": ["s1", "s1", "s2", "s3", "s3"],
        "code_id": ["x", "x", "x", "y", "x"],
        "coder": ["a", "b", "a", "a", "b"],
    })
    either = agreement(codings, coder_a="a", coder_b="b").set_index("code_id")
    both = agreement(codings, coder_a="a", coder_b="b", units="both").set_index("code_id")
    assert either.loc["overall", "units"] == 3 and both.loc["overall", "units"] == 2
    # s2 was never seen by b: with units="both" it is not a disagreement on x
    assert both.loc["x", "only_a"] == 0 and either.loc["x", "only_a"] == 1


def test_human_agreement_summary_pairs_human_coders_on_their_shared_segments():
    from evaltoolkit.coding.agreement import human_agreement_summary

    rows = [(f"s{i}", "x" if i % 2 else "y", coder) for i in range(12) for coder in ("a", "b")]
    rows += [("s99", "x", "a"), ("s1", "x", "rules:v1")]
    codings = pd.DataFrame(rows, columns=["segment_id", "code_id", "coder"]).assign(
        source=lambda f: f["coder"].map(lambda c: "rule" if ":" in c else "manual"), status="accepted")
    assert human_agreement_summary(codings) == {"Cohen's kappa (a / b, n = 12)": 1.0}
    assert human_agreement_summary(codings, min_units=13) == {}


def test_agreement_by_subgroup_splits_the_units_by_perspective_language_and_interpreter():
    """Same codings; s1-s3 sponsor, s4-s6 hervestiger; s5 spoken through an interpreter;
    s6 has no language. Units per group are that group's units of the overall table:
    sponsor s1-s3: X A=[1,1,1] B=[1,1,0], Y none -> both 2, only_a 1, only_b 0, neither 3
    hervestiger s4-s6: X A=[0,0,0] B=[1,0,0], Y A=[0,1,1] B=[0,1,0] -> 1, 1, 1, 3
    interpreted s5: Y on both -> 1, 0, 0, 1; not interpreted: the other five -> 2, 2, 1, 5
    language unknown (s6): only A coded it, still a row -> 0, 1, 0, 1."""
    segments = pd.DataFrame({"segment_id": [f"s{i}" for i in range(1, 8)],
                             "perspective": ["sponsor"] * 3 + ["hervestiger"] * 3 + ["sponsor"],
                             "language": ["nl"] * 5 + [None, "nl"],
                             "translated_by": [None, None, "", None, "tolk_1", None, None]})
    table = agreement_by_subgroup(CODINGS, segments, coder_a="A", coder_b="B")
    counts = {(g, v): row for g, v, *row in table[["subgroup", "value", "units", "both", "only_a", "only_b",
                                                  "neither"]].itertuples(index=False)}
    assert list(counts) == [("all", "all"), ("perspective", "hervestiger"), ("perspective", "sponsor"),
                            ("language", "nl"), ("language", "unknown"),
                            ("interpreted", "False"), ("interpreted", "True")]
    assert counts[("all", "all")] == [6, 3, 2, 1, 6]
    assert counts[("perspective", "sponsor")] == [3, 2, 1, 0, 3]
    assert counts[("perspective", "hervestiger")] == [3, 1, 1, 1, 3]
    assert counts[("interpreted", "True")] == [1, 1, 0, 0, 1]
    assert counts[("interpreted", "False")] == [5, 2, 2, 1, 5]
    assert counts[("language", "unknown")] == [1, 0, 1, 0, 1]
    overall = agreement(CODINGS, coder_a="A", coder_b="B").iloc[-1]
    assert table.iloc[0]["cohen_kappa"] == pytest.approx(overall["cohen_kappa"])
    sponsor = table[(table["subgroup"] == "perspective") & (table["value"] == "sponsor")].iloc[0]
    assert sponsor["percent_agreement"] == pytest.approx(500 / 6)
    with pytest.raises(InputError, match="units must be one of either, both. Got 'some' instead."):
        agreement_by_subgroup(CODINGS, segments, coder_a="A", coder_b="B", units="some")
