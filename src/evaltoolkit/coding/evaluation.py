"""How good are the machine's suggestions? Per-code precision and recall a researcher can read.

:func:`cross_validate_suggester` never scores the learned suggester on segments it was
trained on: segments are split into folds by document (segments of one interview stay
together, so the model cannot learn a speaker's wording and recognise it), and each fold
is suggested by a model trained on the other folds.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.learned import Suggester
from evaltoolkit.coding.suggestions import codings_schema
from evaltoolkit.store.values import CODING_ACCEPTED

SCORE_COLUMNS = ["code_id", "label", "dimension", "n_reference", "n_suggested", "true_positive",
                 "precision", "recall", "f1"]


def score_suggestions(suggestions: pd.DataFrame, reference: pd.DataFrame, codebook: Codebook, *,
                      units=None, min_confidence: float = 0.0) -> pd.DataFrame:
    """Precision, recall and F1 per code of ``suggestions`` against ``reference`` codings.

    ``units``: the segment ids evaluated (default: every segment in ``reference``). The last
    row, ``code_id="macro"``, averages over codes that occur in the reference.
    """
    reference = _accepted(reference)
    units = set(reference["segment_id"]) if units is None else set(units)
    truth = _pairs(reference, units)
    kept = suggestions[suggestions["confidence"].fillna(1.0) >= min_confidence]
    guessed = _pairs(kept, units)
    rows = []
    for code in codebook.assignable():
        t = {s for s, c in truth if c == code.code_id}
        g = {s for s, c in guessed if c == code.code_id}
        if not t and not g:
            continue
        tp = len(t & g)
        precision = tp / len(g) if g else np.nan
        recall = tp / len(t) if t else np.nan
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if t else np.nan)
        rows.append([code.code_id, code.label_nl, code.dimension, len(t), len(g), tp, precision, recall, f1])
    scores = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    present = scores[scores["n_reference"] > 0]
    macro = ["macro", "gemiddelde over codes", "", int(present["n_reference"].sum()), int(present["n_suggested"].sum()),
             int(present["true_positive"].sum()), present["precision"].fillna(0).mean(), present["recall"].mean(),
             present["f1"].fillna(0).mean()]
    return pd.concat([scores, pd.DataFrame([macro], columns=SCORE_COLUMNS)], ignore_index=True)


def cross_val_suggestions(segments: pd.DataFrame, codings: pd.DataFrame, codebook: Codebook, *,
                          suggester: Suggester | None = None, folds: int = 5) -> pd.DataFrame:
    """Out-of-fold suggestions for every coded segment (each made by a model that never saw it)."""
    accepted = _accepted(codings)
    labelled = segments[segments["segment_id"].isin(set(accepted["segment_id"]))].reset_index(drop=True)
    groups = labelled["doc_id"] if "doc_id" in labelled.columns else labelled["segment_id"]
    folds = min(folds, groups.nunique())
    params = (suggester or Suggester()).__dict__
    parts = []
    for train, test in GroupKFold(n_splits=folds).split(labelled, groups=groups):
        train_ids = set(labelled["segment_id"].iloc[train])
        model = Suggester(**{k: v for k, v in params.items() if not k.endswith("_")})
        model.fit(labelled.iloc[train], accepted[accepted["segment_id"].isin(train_ids)], codebook)
        parts.append(model.suggest(labelled.iloc[test]))
    return codings_schema().coerce(pd.concat(parts, ignore_index=True)) if parts else codings_schema().empty()


def cross_validate_suggester(segments: pd.DataFrame, codings: pd.DataFrame, codebook: Codebook, *,
                             suggester: Suggester | None = None, folds: int = 5) -> pd.DataFrame:
    """Per-code precision/recall/F1 of the learned suggester under grouped cross-validation."""
    suggestions = cross_val_suggestions(segments, codings, codebook, suggester=suggester, folds=folds)
    return score_suggestions(suggestions, codings, codebook)


def _accepted(codings: pd.DataFrame) -> pd.DataFrame:
    return codings[codings["status"] == CODING_ACCEPTED] if "status" in codings.columns else codings


def _pairs(codings: pd.DataFrame, units: set) -> set[tuple[str, str]]:
    frame = codings[codings["segment_id"].isin(units)]
    return set(zip(frame["segment_id"], frame["code_id"]))
