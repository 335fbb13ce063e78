"""Code x perspective (x valence, round, site, site model) matrices and co-occurrence.

Every public function returns the :class:`~evaltoolkit.privacy.SuppressedTable` of
:func:`~evaltoolkit.privacy.suppress_small_cells`: counts below ``min_cell_size`` are
hidden (and the shares computed from them), and ``.notes`` says what was hidden.
Tables are long (one row per code and group) with declared columns, so they pivot into
whatever matrix a figure or report needs.

``count="participants"`` counts distinct speakers and gives the denominator a sentence
such as "genoemd door 3 van 5 sponsoren" needs: the number of distinct speakers of that
perspective (group) in the analysed data.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from evaltoolkit.analysis.units import analysable_segments, coded_units
from evaltoolkit.errors import InputError
from evaltoolkit.privacy import suppress_small_cells

COUNTS = ("segments", "participants")
CHANGES = ("new", "gone", "rising", "falling", "stable")


def code_matrix(
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    valence_ids: Sequence[str],
    by: str | Sequence[str] = "perspective",
    count: str = "segments",
    valence: str | None = None,
    site_attributes: Mapping[str, Mapping[str, Any]] | None = None,
    staff_roles: Sequence[str] = (),
    min_cell_size: int = 3,
):
    """Accepted theme codes counted per group: columns ``code_id, <by...>, n, denominator, share``.

    ``valence_ids`` are the codebook's valence codes (``codebook.valence_ids()``); ``by``
    names unit columns: perspective, site, round, month, kind, role, valence, or a site
    attribute from ``site_attributes`` (e.g. ``("perspective", "<attribute>")``).
    ``valence`` keeps only segments that also carry that valence code. ``staff_roles``
    (``config.staff_role_ids``) are not counted.
    """
    units = analysable_segments(segments, documents, participants, site_attributes=site_attributes,
                                staff_roles=staff_roles)
    rows = coded_units(codings, units, valence_ids=valence_ids)
    table = count_codes(rows, units, by=by, count=count, valence=valence)
    return suppress(table, min_cell_size=min_cell_size)


def count_codes(
    rows: pd.DataFrame,
    units: pd.DataFrame,
    *,
    by: str | Sequence[str] = "perspective",
    count: str = "segments",
    valence: str | None = None,
) -> pd.DataFrame:
    """The unsuppressed counts behind :func:`code_matrix`, from :func:`coded_units` rows."""
    groups = [by] if isinstance(by, str) else list(by)
    _check_options(groups, count, rows)
    if valence is not None:
        rows = rows[rows["valence"] == valence]
    column = "segment_id" if count == "segments" else "participant_id"
    counted = rows.dropna(subset=[column] + [g for g in groups if g != "valence"])
    numerators = (counted.groupby(["code_id", *groups], dropna=False)[column].nunique()
                  .rename("n").reset_index())
    denominators = _denominators(units, rows, groups, column)
    table = numerators.merge(denominators, on=groups, how="left")
    table["share"] = (table["n"] / table["denominator"]).where(table["denominator"] > 0)
    table = table.astype({"n": "Int64", "denominator": "Int64", "share": "Float64"})
    return table.sort_values(["code_id", *groups], kind="stable").reset_index(drop=True)


def _denominators(units, rows, groups, column) -> pd.DataFrame:
    # valence is a property of coded segments, so its denominator is all units of the other groups
    unit_groups = [g for g in groups if g != "valence"]
    base = units.dropna(subset=[column] + unit_groups)
    if not unit_groups:
        total = base[column].nunique()
        frame = rows[groups].drop_duplicates() if groups else pd.DataFrame(index=[0])
        return frame.assign(denominator=total)
    denominators = base.groupby(unit_groups)[column].nunique().rename("denominator").reset_index()
    if "valence" in groups:
        valences = rows[["valence"]].drop_duplicates()
        denominators = denominators.merge(valences, how="cross")
    return denominators


def _check_options(groups: list[str], count: str, rows: pd.DataFrame) -> None:
    problems = []
    if count not in COUNTS:
        problems.append(f"count must be one of {', '.join(COUNTS)}. Got {count!r} instead.")
    unknown = [g for g in groups if g not in rows.columns or g in ("segment_id", "text", "code_id")]
    if unknown:
        valid = [c for c in rows.columns if c not in ("segment_id", "text", "code_id", "speaker_id")]
        problems.append(f"by={unknown} names no column of the coded units. Valid: {', '.join(valid)}.")
    if problems:
        raise InputError(" ".join(problems))


def compare_rounds(
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    valence_ids: Sequence[str],
    rounds: tuple[str, str] = ("r1", "r2"),
    by: str | Sequence[str] = "perspective",
    count: str = "participants",
    valence: str | None = None,
    staff_roles: Sequence[str] = (),
    min_threshold: float = 0.1,
    min_cell_size: int = 3,
):
    """What changed between two rounds: columns ``code_id, <by...>, n_before, share_before,
    n_after, share_after, change_share, change`` with change in :data:`CHANGES`.

    Shares (not raw counts) are compared because the rounds reached different numbers of
    people; a change of less than ``min_threshold`` is ``stable``. ``valence_ids`` and
    ``staff_roles`` as for :func:`code_matrix`.
    """
    units = analysable_segments(segments, documents, participants, staff_roles=staff_roles)
    rows = coded_units(codings, units, valence_ids=valence_ids)
    groups = [by] if isinstance(by, str) else list(by)
    tables = []
    for round_id in rounds:
        round_units = units[units["round"] == round_id]
        round_rows = rows[rows["round"] == round_id]
        tables.append(count_codes(round_rows, round_units, by=groups, count=count, valence=valence))
    before, after = (t.rename(columns={"n": f"n_{s}", "share": f"share_{s}"}).drop(columns="denominator")
                     for t, s in zip(tables, ("before", "after")))
    table = before.merge(after, on=["code_id", *groups], how="outer")
    for side in ("before", "after"):
        table[f"n_{side}"] = table[f"n_{side}"].fillna(0).astype("Int64")
        table[f"share_{side}"] = table[f"share_{side}"].fillna(0.0).astype("Float64")
    table["change_share"] = (table["share_after"] - table["share_before"]).astype("Float64")
    table["change"] = [_change(b, a, d, min_threshold) for b, a, d in
                       zip(table["n_before"], table["n_after"], table["change_share"])]
    table = table.sort_values(["code_id", *groups], kind="stable").reset_index(drop=True)
    return suppress(table, min_cell_size=min_cell_size, count_columns=["n_before", "n_after"],
                    share_columns={"n_before": ["share_before", "change_share"],
                                   "n_after": ["share_after", "change_share"]})


def _change(before: int, after: int, delta: float, threshold: float) -> str:
    if before == 0:
        return "new"
    if after == 0:
        return "gone"
    if delta >= threshold:
        return "rising"
    if delta <= -threshold:
        return "falling"
    return "stable"


def co_occurrence(
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    valence_ids: Sequence[str],
    staff_roles: Sequence[str] = (),
    min_cell_size: int = 3,
):
    """Pairs of theme codes on the same segment: ``code_a, code_b, n_segments, jaccard``
    (``code_a < code_b``; Jaccard = shared segments / segments with either code);
    ``valence_ids`` and ``staff_roles`` as for :func:`code_matrix`."""
    units = analysable_segments(segments, documents, participants, staff_roles=staff_roles)
    rows = coded_units(codings, units, valence_ids=valence_ids)[["segment_id", "code_id"]].drop_duplicates()
    per_code = rows.groupby("code_id")["segment_id"].nunique()
    pairs = rows.merge(rows, on="segment_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["code_id_a"] < pairs["code_id_b"]]
    table = (pairs.groupby(["code_id_a", "code_id_b"])["segment_id"].nunique()
             .rename("n_segments").reset_index()
             .rename(columns={"code_id_a": "code_a", "code_id_b": "code_b"}))
    either = table["code_a"].map(per_code) + table["code_b"].map(per_code) - table["n_segments"]
    table["jaccard"] = (table["n_segments"] / either).astype("Float64")
    table = table.astype({"code_a": "string", "code_b": "string", "n_segments": "Int64"})
    table = table.sort_values(["code_a", "code_b"], kind="stable").reset_index(drop=True)
    return suppress(table, min_cell_size=min_cell_size, count_columns=["n_segments"],
                    share_columns={"n_segments": ["jaccard"]})


def suppress(table: pd.DataFrame, *, min_cell_size: int, count_columns: Sequence[str] = ("n",),
             share_columns: Mapping[str, Sequence[str]] | None = None, totals: str = "both",
             language: str = "nl"):
    """:func:`suppress_small_cells` on ``count_columns``, then hide what a hidden count
    would reveal (its share, by default ``share`` for ``n``). ``language`` is that of the
    notes saying what was hidden (nl or en)."""
    result = suppress_small_cells(table, min_cell_size=min_cell_size, count_columns=list(count_columns),
                                  totals=totals, language=language)
    share_columns = {"n": ["share"]} if share_columns is None else share_columns
    for count_column, dependants in share_columns.items():
        hidden = table[count_column].notna() & result.table[count_column].isna()
        for dependant in dependants:
            if dependant in result.table.columns:
                result.table.loc[hidden.to_numpy(), dependant] = pd.NA
    return result
