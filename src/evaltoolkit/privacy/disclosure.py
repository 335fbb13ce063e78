"""Disclosure control for tables: small cells identify people in a study this small.

``suppress_small_cells`` hides counts below the threshold (primary suppression) and, where
a row or column would otherwise have exactly one hidden cell next to a total, the next
smallest cell too (secondary suppression), so hidden values cannot be worked out by
subtraction. ``coarsen_categories`` merges categories of quasi-identifiers (site x age
band x gender) before counting, so fewer cells need hiding at all. Both return the table
and notes, in the report language, saying what was done.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

#: which lines add up to a total a reader knows: rows (axis 1), columns (axis 0)
TOTALS = {"both": (1, 0), "rows": (1,), "columns": (0,)}
SECONDARY_MARK = "x"

_NOTES = {
    "nl": {
        "primary": "{n} {cells} met minder dan {k} personen {are} niet getoond (weergegeven als <{k}).",
        "secondary": "{n} {cells} {are} ook verborgen (weergegeven als x) zodat de verborgen aantallen niet uit "
                     "de totalen af te leiden zijn.",
        "merged": "In '{column}' zijn kleine categorieën samengevoegd tot '{other}': {categories}.",
        "dropped": "'{column}' is weggelaten: ook na samenvoegen bleven cellen kleiner dan {k}.",
    },
    "en": {
        "primary": "{n} {cells} with fewer than {k} people {are} not shown (displayed as <{k}).",
        "secondary": "{n} more {cells} {are} hidden (displayed as x) so the hidden counts cannot be worked out "
                     "from the totals.",
        "merged": "In '{column}' small categories were merged into '{other}': {categories}.",
        "dropped": "'{column}' was left out: even after merging, cells smaller than {k} remained.",
    },
}
_OTHER = {"nl": "Overig", "en": "Other"}


@dataclass(frozen=True)
class SuppressedTable:
    table: pd.DataFrame                      # hidden cells are NA
    notes: list[str] = field(default_factory=list)
    suppressed: pd.DataFrame | None = None   # True where a cell was hidden
    min_cell_size: int = 3
    primary: pd.DataFrame | None = None      # True where a cell was hidden for being small itself

    def formatted(self) -> pd.DataFrame:
        """The table for display: small cells read "<k", cells hidden to protect them read "x"
        (as statistical offices print it: "<k" there would state something false)."""
        shown = self.table.astype(object).copy()
        if self.suppressed is not None:
            primary = self.primary if self.primary is not None else self.suppressed
            shown = shown.mask(self.suppressed & ~primary, SECONDARY_MARK)
            shown = shown.mask(primary, f"<{self.min_cell_size}")
        return shown


def suppress_small_cells(table: pd.DataFrame, *, min_cell_size: int, count_columns: Sequence[str] | None = None,
                         language: str = "nl", totals: str = "both") -> SuppressedTable:
    """Hide counts in ``count_columns`` (default: every numeric column) that are at least 1
    and below ``min_cell_size``; hide more cells where one hidden cell could be recovered.

    ``totals`` says which sums a reader can know: ``"both"`` (a cross-table with row and
    column totals), ``"columns"`` (each column adds up to a known total, but the columns
    are different measures, such as documents and participants per perspective) or
    ``"rows"``. Only those lines get secondary suppression.
    """
    if min_cell_size < 1:
        raise ValueError(f"min_cell_size must be at least 1. Got {min_cell_size} instead.")
    columns = list(count_columns) if count_columns is not None else [
        c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])]
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"count_columns {missing} are not columns of the table. Columns: {list(table.columns)}.")
    # plain floats: a nullable column's NA would make every comparison below NA instead of False
    counts = table[columns].apply(pd.to_numeric, errors="coerce").astype("float64")
    primary = (counts >= 1) & (counts < min_cell_size)
    hidden = primary.copy()
    if totals not in TOTALS:
        raise ValueError(f"totals must be one of {', '.join(TOTALS)}. Got {totals!r} instead.")
    if len(table) > 1 and (len(columns) > 1 or totals == "columns"):
        hidden = _secondary(counts, hidden, axes=TOTALS[totals])
    mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    mask[columns] = hidden
    out = table.copy()
    for column in columns:
        out[column] = out[column].astype("Float64" if not pd.api.types.is_integer_dtype(out[column]) else "Int64")
        out.loc[hidden[column], column] = pd.NA
    n_primary, n_secondary = int(primary.to_numpy().sum()), int((hidden & ~primary).to_numpy().sum())
    notes = []
    text = _NOTES["en" if language == "en" else "nl"]
    if n_primary:
        notes.append(text["primary"].format(n=n_primary, k=min_cell_size, **_plural(n_primary, language)))
    if n_secondary:
        notes.append(text["secondary"].format(n=n_secondary, **_plural(n_secondary, language)))
    primary_mask = pd.DataFrame(False, index=table.index, columns=table.columns)
    primary_mask[columns] = primary
    return SuppressedTable(out, notes, mask, min_cell_size, primary_mask)


def _secondary(counts: pd.DataFrame, hidden: pd.DataFrame, *, axes: tuple[int, ...] = (1, 0)) -> pd.DataFrame:
    """Hide the smallest visible cell in every row (axis 1) and/or column (axis 0) with
    exactly one hidden cell: a count, or a zero when the line has no other count (a small
    count beside zeros is the line's total: shown, it would give the hidden cell away)."""
    hidden = hidden.copy()
    for _ in range(counts.size):
        changed = False
        for frame, axis in ((hidden, 1), (hidden.T, 0)):
            if axis not in axes:
                continue
            lonely = frame.sum(axis=1) == 1
            for label in frame.index[lonely]:
                line = counts.loc[label] if axis == 1 else counts[label]
                shown = ~(hidden.loc[label] if axis == 1 else hidden[label])
                visible = line[shown & (line > 0)]
                if not len(visible):
                    visible = line[shown & line.notna()]
                if len(visible):
                    other = visible.idxmin()
                    if axis == 1:
                        hidden.loc[label, other] = True
                    else:
                        hidden.loc[other, label] = True
                    changed = True
            if changed:
                break
        if not changed:
            return hidden
    return hidden


def coarsen_categories(records: pd.DataFrame, *, quasi_identifiers: Sequence[str], min_cell_size: int,
                       merges: Mapping[str, Mapping[str, str]] | None = None,
                       language: str = "nl") -> SuppressedTable:
    """Coarsen one-row-per-person ``records`` until every combination of the
    ``quasi_identifiers`` has at least ``min_cell_size`` people.

    First the explicit ``merges`` (column -> {category: merged category}, e.g. age bands
    18-24 and 25-34 -> 18-34) are applied; then, per quasi-identifier with the most
    categories first, categories smaller than the threshold are merged into "Overig"/"Other";
    as a last resort a quasi-identifier is left out (its value becomes "all"). The result
    is the coarsened records; notes say what changed.
    """
    text = _NOTES["en" if language == "en" else "nl"]
    other = _OTHER["en" if language == "en" else "nl"]
    out = records.copy()
    notes: list[str] = []
    for column, mapping in (merges or {}).items():
        out[column] = out[column].map(lambda v, m=mapping: m.get(v, v))
    columns = sorted(quasi_identifiers, key=lambda c: -out[c].nunique())
    for column in columns:
        sizes = out[column].value_counts()
        small = sorted(str(c) for c in sizes[sizes < min_cell_size].index)
        if len(small) >= 1 and len(sizes) > 1:
            out[column] = out[column].map(lambda v, s=set(small): other if str(v) in s else v)
            notes.append(text["merged"].format(column=column, other=other, categories=", ".join(small)))
    remaining = list(columns)
    while remaining and _smallest_cell(out, quasi_identifiers) < min_cell_size:
        # leave out the quasi-identifier whose removal helps most
        column = max(remaining, key=lambda c: (_smallest_cell(out.assign(**{c: "all"}), quasi_identifiers),
                                               out[c].nunique()))
        out[column] = "all"
        remaining.remove(column)
        notes.append(text["dropped"].format(column=column, k=min_cell_size))
    return SuppressedTable(out, notes, None, min_cell_size)


def _smallest_cell(records: pd.DataFrame, columns: Sequence[str]) -> int:
    if records.empty:
        return 0
    return int(records.groupby(list(columns), dropna=False).size().min())


def _plural(n: int, language: str) -> dict[str, str]:
    if language == "en":
        return {"cells": "cell" if n == 1 else "cells", "are": "is" if n == 1 else "are"}
    return {"cells": "cel" if n == 1 else "cellen", "are": "wordt" if n == 1 else "worden"}
