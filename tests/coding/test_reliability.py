"""Per-code reliability, subgroup errors and the teaching order of the review queue."""
from __future__ import annotations

import pandas as pd

from evaltoolkit.coding import code_reliability, review_reliability, subgroup_errors, teaching_order


def pairs(rows, **extra):
    return pd.DataFrame(rows, columns=["segment_id", "code_id"]).assign(**extra)


def test_code_reliability_estimates_precision_and_recall_and_applies_the_floor(codebook):
    reference = pairs([(f"s{i}", "bureaucratie") for i in range(4)] + [("s9", "taalbarriere")])
    suggestions = pairs([("s0", "bureaucratie"), ("s1", "bureaucratie"), ("s9", "taalbarriere")]
                        + [(f"s{i}", "werkdruk") for i in range(6)])
    table = code_reliability(suggestions, reference, codebook, units=[f"s{i}" for i in range(10)],
                             floor=0.5, min_evidence=5).set_index("code_id")
    # bureaucratie: 2 of 2 right (with one added hit and miss: 3/4), 2 of 4 found (3/6)
    assert table.loc["bureaucratie", ["n_reference", "n_suggested", "true_positive", "precision", "recall"]].tolist() \
        == [4, 2, 2, 0.75, 0.5]
    assert table.loc["bureaucratie", "flag"] == "few decisions: check" and table.loc["bureaucratie", "suggest"]
    # werkdruk: 0 of 6 right -> 1/8 below the floor, and never in the reference
    assert table.loc["werkdruk", ["precision", "suggest", "flag"]].tolist() == [0.125, False, "below floor: not suggested"]
    assert pd.isna(table.loc["werkdruk", "recall"])


def test_review_reliability_reads_the_projects_decisions(codebook):
    machine = pairs([("s1", "bureaucratie"), ("s2", "bureaucratie"), ("s3", "bureaucratie")],
                    coder="model:x", status="suggested")
    decisions = pd.concat([
        pairs([("s1", "bureaucratie"), ("s2", "bureaucratie")], coder="anna", status="accepted"),
        pairs([("s3", "bureaucratie")], coder="anna", status="rejected"),
        pairs([("s4", "bureaucratie")], coder="anna", status="accepted"),    # coded by hand, never suggested
    ])
    table = review_reliability(pd.concat([machine, decisions]), codebook, min_evidence=1).set_index("code_id")
    assert table.loc["bureaucratie", ["n_reference", "n_suggested", "true_positive"]].tolist() == [3, 3, 2]
    assert table.loc["bureaucratie", "precision"] == 0.6 and table.loc["bureaucratie", "recall"] == 0.6


def test_subgroup_errors_count_top1_and_top3_per_perspective_and_interpreter():
    reference = pairs([("a", "x"), ("b", "y"), ("c", "z")])
    suggestions = pd.DataFrame({"segment_id": ["a", "a", "b", "b", "c"], "code_id": ["x", "q", "q", "y", "q"],
                                "confidence": [0.9, 0.1, 0.8, 0.3, 0.5]})
    segments = pd.DataFrame({"segment_id": ["a", "b", "c"], "perspective": ["hervestiger", "hervestiger", "sponsor"],
                             "interpreted": [True, True, False]})
    table = subgroup_errors(suggestions, reference, segments)
    assert table.values.tolist() == [
        ["all", "all", 3, 0.333, 0.667, 0.667],
        ["perspective", "hervestiger", 2, 0.5, 1.0, 0.5],
        ["perspective", "sponsor", 1, 0.0, 0.0, 1.0],
        ["interpreted", "False", 1, 0.0, 0.0, 1.0],
        ["interpreted", "True", 2, 0.5, 1.0, 0.5],
    ]
    from_column = subgroup_errors(suggestions, reference, segments.drop(columns="interpreted").assign(
        translated_by=["tolk", "tolk", None]), subgroups=("interpreted",))
    assert from_column.values.tolist()[1:] == table.values.tolist()[3:]


def test_teaching_order_puts_uncertain_suggestions_of_rare_codes_first_one_per_segment():
    suggestions = pd.DataFrame({
        "segment_id": ["s1", "s1", "s2", "s3", "s4"],
        "code_id": ["common", "rare", "common", "common", "rare"],
        "confidence": [0.5, 0.45, 0.95, 0.55, 0.1],
        "status": ["suggested", "suggested", "suggested", "suggested", "accepted"],
    })
    order = teaching_order(suggestions, examples_per_code={"common": 15, "rare": 0})
    assert order[["segment_id", "code_id"]].values.tolist() == [
        ["s1", "rare"], ["s3", "common"], ["s2", "common"], ["s1", "common"]]
    assert order["teaching_value"].iloc[0] == round((1 - abs(2 * 0.45 - 1)) * 1.0, 4)


def test_examples_per_code_counts_accepted_codings_of_people_and_the_codebooks_examples(codebook):
    codings = pd.concat([pairs([("s1", "bureaucratie"), ("s2", "bureaucratie")], coder="anna", status="accepted"),
                         pairs([("s1", "bureaucratie")], coder="ben", status="accepted"),
                         pairs([("s3", "bureaucratie")], coder="rules:keyword_rules.v1", status="suggested"),
                         pairs([("s4", "bureaucratie")], coder="anna", status="rejected")])
    from evaltoolkit.coding import examples_per_code

    counts = examples_per_code(codings, codebook)
    assert counts["bureaucratie"] == 2 + len(codebook.code("bureaucratie").examples)
    assert counts["taalbarriere"] == len(codebook.code("taalbarriere").examples)


def test_review_reliability_of_a_project_without_codings_flags_every_code(codebook):
    empty = pd.DataFrame(columns=["segment_id", "code_id", "coder", "status"])
    table = review_reliability(empty, codebook)
    assert len(table) == len(codebook.assignable()) and table["suggest"].all()
    assert set(table["flag"]) == {"few decisions: check"}
