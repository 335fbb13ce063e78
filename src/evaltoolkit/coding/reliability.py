"""How far can each code's suggestions be trusted, where do they fail, and what to review first.

Plain table functions the review view (and a notebook) can call:

* :func:`code_reliability`: per code, estimated precision and recall of machine suggestions
  against people's codings, and whether the code is suggested automatically (codes below
  a floor are not, or are flagged while the evidence is thin).
* :func:`review_reliability`: the same estimate from the project's own review decisions
  (a codings table as the store keeps it): precision = accepted / decided suggestions.
* :func:`subgroup_errors`: top-1 / top-3 accuracy and error rate per perspective,
  language and interpreted-or-not, so a suggester that fails one group shows it.
* :func:`teaching_order`: open suggestions ordered so the decisions that teach the
  suggester most come first; :func:`teaching_queue` does it for a project store, with each
  code's reliability beside every suggestion (what the review view shows).

Estimates use a Beta(1, 1) prior (add one hit and one miss), so a code with 1 of 1 right is
0.67, not 1.0: small counts are the rule in qualitative studies.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.agreement import SUBGROUPS, UNKNOWN_SUBGROUP, segment_subgroups
from evaltoolkit.coding.review import open_suggestions
from evaltoolkit.store import Store, human_codings, is_machine_coder
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, CODING_SUGGESTED

RELIABILITY_COLUMNS = ["code_id", "label", "n_reference", "n_suggested", "true_positive", "precision", "recall",
                       "suggest", "flag"]
SUBGROUP_COLUMNS = ["subgroup", "value", "segments", "top1", "top3", "error_rate"]
FLAG_FEW = "few decisions: check"
FLAG_LOW = "below floor: not suggested"


def code_reliability(suggestions: pd.DataFrame, reference: pd.DataFrame, codebook: Codebook, *,
                     units=None, floor: float = 0.5, min_evidence: int = 5) -> pd.DataFrame:
    """Per code: precision and recall of ``suggestions`` (segment_id, code_id) against
    ``reference`` codings (accepted ones when a status column exists), on ``units`` (default:
    the segments in ``reference``). Use out-of-fold suggestions, never ones made by a model
    trained on the same segments.

    ``suggest`` is False when the estimated precision is below ``floor`` with at least
    ``min_evidence`` suggestions; ``flag`` says why, or that the evidence is thin.
    """
    reference = _accepted(reference)
    units = set(reference["segment_id"]) if units is None else set(units)
    truth = _pairs(reference, units)
    guessed = _pairs(suggestions, units)
    rows = []
    for code in codebook.assignable():
        t = {s for s, c in truth if c == code.code_id}
        g = {s for s, c in guessed if c == code.code_id}
        rows.append(_row(code, n_reference=len(t), n_suggested=len(g), true_positive=len(t & g),
                         floor=floor, min_evidence=min_evidence))
    return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)


def review_reliability(codings: pd.DataFrame, codebook: Codebook, *, floor: float = 0.5,
                       min_evidence: int = 5) -> pd.DataFrame:
    """Per code, from a project's codings table: precision = accepted / (accepted + rejected)
    machine suggestions; recall = share of the segment-codes people accepted (or coded by
    hand) that a machine had suggested. Same columns as :func:`code_reliability`."""
    machine = codings.loc[codings["coder"].map(is_machine_coder).astype(bool)]
    suggested = set(zip(machine["segment_id"], machine["code_id"]))
    decided = human_codings(codings)
    accepted = decided[decided["status"] == CODING_ACCEPTED]
    rejected = decided[decided["status"] == CODING_REJECTED]
    accepted_pairs = set(zip(accepted["segment_id"], accepted["code_id"]))
    rejected_pairs = set(zip(rejected["segment_id"], rejected["code_id"])) - accepted_pairs
    rows = []
    for code in codebook.assignable():
        hits = {p for p in accepted_pairs & suggested if p[1] == code.code_id}
        misses = {p for p in rejected_pairs & suggested if p[1] == code.code_id}
        reference = {p for p in accepted_pairs if p[1] == code.code_id}
        rows.append(_row(code, n_reference=len(reference), n_suggested=len(hits) + len(misses),
                         true_positive=len(hits), floor=floor, min_evidence=min_evidence))
    return pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)


def _row(code, *, n_reference: int, n_suggested: int, true_positive: int, floor: float, min_evidence: int) -> list:
    precision = (true_positive + 1) / (n_suggested + 2)
    recall = (true_positive + 1) / (n_reference + 2) if n_reference else np.nan
    if n_suggested >= min_evidence and precision < floor:
        suggest, flag = False, FLAG_LOW
    elif n_suggested < min_evidence:
        suggest, flag = True, FLAG_FEW
    else:
        suggest, flag = True, ""
    return [code.code_id, code.label_nl, n_reference, n_suggested, true_positive, round(precision, 3),
            None if np.isnan(recall) else round(recall, 3), suggest, flag]


def subgroup_errors(suggestions: pd.DataFrame, reference: pd.DataFrame, segments: pd.DataFrame, *,
                    subgroups: tuple[str, ...] = SUBGROUPS) -> pd.DataFrame:
    """Top-1 and top-3 accuracy per subgroup: a segment counts as right at top-k when one of
    its ``k`` most confident suggested codes is one of its reference codes.

    ``segments`` holds segment_id and the subgroup columns present (perspective, language,
    interpreted: True for text translated by an interpreter; derived from the segments'
    ``translated_by`` when that column is there instead).
    The first rows (subgroup ``all``) cover every segment in ``reference``.
    """
    reference = _accepted(reference)
    truth = reference.groupby("segment_id")["code_id"].agg(set)
    ranked = (suggestions[suggestions["segment_id"].isin(truth.index)]
              .sort_values(["segment_id", "confidence"], ascending=[True, False], kind="stable")
              .groupby("segment_id")["code_id"].agg(list))
    frame = pd.DataFrame({"segment_id": truth.index})
    frame["top1"] = [bool(set(ranked.get(s, [])[:1]) & truth[s]) for s in frame["segment_id"]]
    frame["top3"] = [bool(set(ranked.get(s, [])[:3]) & truth[s]) for s in frame["segment_id"]]
    info = segment_subgroups(segments)
    rows = [_group_row("all", "all", frame)]
    for column in subgroups:
        if column not in info.columns:
            continue
        values = frame["segment_id"].map(info[column]).fillna(UNKNOWN_SUBGROUP).astype(str)
        for value, part in frame.groupby(values, sort=True):
            rows.append(_group_row(column, value, part))
    return pd.DataFrame(rows, columns=SUBGROUP_COLUMNS)


def _group_row(subgroup: str, value: str, part: pd.DataFrame) -> list:
    top1 = float(part["top1"].mean()) if len(part) else np.nan
    return [subgroup, value, int(len(part)), round(top1, 3), round(float(part["top3"].mean()), 3),
            round(1 - top1, 3)]


def teaching_order(suggestions: pd.DataFrame, *, examples_per_code: Mapping[str, int] | pd.Series | None = None,
                   reliability: pd.DataFrame | None = None) -> pd.DataFrame:
    """Open suggestions, the ones whose decision teaches most first (column ``teaching_value``).

    A decision teaches most where the suggester is least sure (confidence near 0.5: either
    answer moves it), for codes with few coded examples (``examples_per_code``, e.g.
    ``ExampleSuggester.examples_per_code_``) and for codes whose reliability is not yet
    known (``flag`` of :func:`code_reliability` says few decisions). Each segment's first
    suggestion comes before any segment's second, so one decision covers more ground.
    """
    frame = suggestions.copy()
    if "status" in frame.columns:
        frame = frame[frame["status"] == CODING_SUGGESTED]
    p = frame["confidence"].astype(float).fillna(0.5).clip(0, 1)
    uncertainty = 1 - (2 * p - 1).abs()
    counts = pd.Series(examples_per_code if examples_per_code is not None else {}, dtype=float)
    n_examples = frame["code_id"].map(counts).fillna(0)
    scarcity = 1 / np.sqrt(1 + n_examples)
    unknown = pd.Series(1.0, index=frame.index)
    if reliability is not None and not reliability.empty:
        few = set(reliability.loc[reliability["flag"] == FLAG_FEW, "code_id"])
        unknown = frame["code_id"].isin(few).map({True: 1.0, False: 0.7})
    frame["teaching_value"] = (uncertainty * (0.5 + 0.5 * scarcity) * unknown).round(4)
    frame["_turn"] = frame.sort_values("teaching_value", ascending=False, kind="stable").groupby("segment_id").cumcount()
    frame = frame.sort_values(["_turn", "teaching_value"], ascending=[True, False], kind="stable")
    return frame.drop(columns="_turn").reset_index(drop=True)


def teaching_queue(store: Store, codebook: Codebook, *, floor: float = 0.5) -> pd.DataFrame:
    """The project's open suggestions in teaching order, each with its code's estimated
    ``precision``, ``recall`` and ``flag`` from the review decisions so far (the queue the
    review view takes: ``ReviewSession(store, codebook, reviewer=..., queue=teaching_queue(...))``)."""
    codings = store.read("codings")
    reliability = review_reliability(codings, codebook, floor=floor)
    queue = teaching_order(open_suggestions(store), examples_per_code=examples_per_code(codings, codebook),
                           reliability=reliability)
    return queue.merge(reliability[["code_id", "precision", "recall", "flag"]], on="code_id", how="left")


def examples_per_code(codings: pd.DataFrame, codebook: Codebook) -> pd.Series:
    """How many coded passages teach each code: people's accepted codings plus the codebook's
    examples (what :func:`teaching_order` needs, without fitting a suggester)."""
    accepted = human_codings(codings)
    accepted = accepted[accepted["status"] == CODING_ACCEPTED].drop_duplicates(["segment_id", "code_id"])
    counts = accepted["code_id"].value_counts()
    return pd.Series({c.code_id: int(counts.get(c.code_id, 0)) + len(c.examples) for c in codebook.assignable()},
                     name="examples", dtype=int)


def _accepted(codings: pd.DataFrame) -> pd.DataFrame:
    return codings[codings["status"] == CODING_ACCEPTED] if "status" in codings.columns else codings


def _pairs(codings: pd.DataFrame, units: set) -> set[tuple[str, str]]:
    frame = codings[codings["segment_id"].isin(units)]
    return set(zip(frame["segment_id"], frame["code_id"]))
