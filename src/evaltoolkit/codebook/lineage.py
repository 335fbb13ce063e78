"""Keep counts comparable across months when codes are renamed, merged or split.

A code renamed from ``a`` to ``b`` and a code ``x`` merged into ``y`` are the same
concept under a new id, so old codings count under the current id. A split is one old
concept becoming several: old codings cannot be divided after the fact, so by default
they keep the old id; ``roll_up_splits=True`` counts the new parts under the old concept
instead, which is what a comparison with months before the split needs.
"""
from __future__ import annotations

import pandas as pd

from evaltoolkit.codebook.model import Codebook


def lineage_map(codebook: Codebook, *, roll_up_splits: bool = False) -> dict[str, str]:
    """Map every code id that ever existed (per the codebook's lineage) to the id to count it under.

    Ids that are current map to themselves; unknown ids are not in the map.
    """
    step: dict[str, str] = {}
    for code in codebook.codes:
        for item in code.lineage:
            if item.kind == "renamed_from":
                step[item.code_id] = code.code_id
            elif item.kind == "merged_into":
                step[code.code_id] = item.code_id
            elif item.kind == "split_from" and roll_up_splits:
                step[code.code_id] = item.code_id
    mapping = {code_id: code_id for code_id in codebook.code_ids}
    for code_id in set(step) | set(mapping):
        mapping[code_id] = _follow(code_id, step)
    return mapping


def _follow(code_id: str, step: dict[str, str]) -> str:
    seen = {code_id}
    while code_id in step and step[code_id] not in seen:
        code_id = step[code_id]
        seen.add(code_id)
    return code_id


def map_to_current(codings: pd.DataFrame, codebook: Codebook, *, roll_up_splits: bool = False) -> pd.DataFrame:
    """``codings`` with each ``code_id`` replaced by the id it counts under in ``codebook``.

    When two codings of one segment by one coder end up on the same code (a merge), one
    row is kept, preferring accepted over suggested over rejected.
    """
    mapping = lineage_map(codebook, roll_up_splits=roll_up_splits)
    out = codings.copy()
    out["code_id"] = out["code_id"].map(lambda c: mapping.get(c, c)).astype(codings["code_id"].dtype)
    if "status" in out.columns and "coder" in out.columns:
        rank = out["status"].map({"accepted": 0, "suggested": 1, "rejected": 2}).fillna(3)
        out = (out.assign(_rank=rank).sort_values("_rank", kind="stable")
                  .drop_duplicates(["segment_id", "code_id", "coder"]).drop(columns="_rank")
                  .sort_index())
    return out.reset_index(drop=True)
