"""Where perspectives agree or contradict on a theme.

For each theme and perspective the *leaning* is the polarity (``positive``: the
codebook's positive valence codes, such as added value; ``negative``: its negative ones,
such as challenges) that holds at least ``dominance`` of the perspective's valenced
segments on that theme; below that it is ``mixed``. A theme is

* ``convergent`` when every perspective with enough segments leans the same way,
* ``divergent`` when one perspective leans positive and another negative,
* ``mixed`` when perspectives lean neither way clearly,
* ``single_perspective`` when fewer than two perspectives say enough about it.
"""
from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from evaltoolkit.analysis.matrices import suppress
from evaltoolkit.analysis.units import analysable_segments, coded_units
from evaltoolkit.store.schema import ColumnSpec, TableSchema

FLAGS = ("convergent", "divergent", "mixed", "single_perspective")

CONVERGENCE = TableSchema(
    name="convergence",
    columns=tuple(ColumnSpec(name, dtype, True) for name, dtype in (
        ("code_id", "string"),
        ("flag", "string"),
        ("polarity", "string"),                 # the shared leaning of a convergent theme
        ("n_perspectives", "Int64"),            # perspectives with enough valenced segments
        ("n_segments", "Int64"),                # valenced segments on the theme, all perspectives
        ("perspectives_positive", "string"),    # comma-separated perspective ids
        ("perspectives_negative", "string"),
        ("perspectives_mixed", "string"),
    )),
    key=("code_id",),
)


def convergence(
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    positive: Collection[str],
    negative: Collection[str],
    valence_ids: Collection[str],
    staff_roles: Collection[str] = (),
    dominance: float = 0.6,
    min_segments: int = 3,
    min_cell_size: int = 3,
):
    """One row per theme with a flag in :data:`FLAGS`; see the module docstring.

    ``positive`` and ``negative`` are valence code ids (``codebook.valence_ids(polarity=
    "positive")``), ``valence_ids`` all of them. A perspective counts for a theme when it
    has at least ``min_segments`` segments on it that carry a positive or negative valence.
    """
    units = analysable_segments(segments, documents, participants, staff_roles=staff_roles)
    rows = coded_units(codings, units, valence_ids=list(valence_ids))
    return suppress(
        convergence_from_rows(rows, positive=positive, negative=negative,
                              dominance=dominance, min_segments=min_segments),
        min_cell_size=min_cell_size, count_columns=["n_segments"], share_columns={},
    )


def convergence_from_rows(rows: pd.DataFrame, *, positive: Collection[str], negative: Collection[str],
                          dominance: float = 0.6, min_segments: int = 3) -> pd.DataFrame:
    """The unsuppressed table behind :func:`convergence`, from :func:`coded_units` rows."""
    polarity = pd.Series(pd.NA, index=rows.index, dtype="string")
    polarity[rows["valence"].isin(list(positive)).fillna(False).to_numpy()] = "positive"
    polarity[rows["valence"].isin(list(negative)).fillna(False).to_numpy()] = "negative"
    valenced = rows.assign(polarity=polarity)
    valenced = valenced[valenced["polarity"].notna() & valenced["perspective"].notna()]
    positive, negative = "positive", "negative"
    counts = (valenced.groupby(["code_id", "perspective", "polarity"])["segment_id"].nunique()
              .unstack("polarity", fill_value=0)
              .reindex(columns=[positive, negative], fill_value=0))
    counts["total"] = counts[positive] + counts[negative]
    counts = counts[counts["total"] >= min_segments]
    records = []
    for code_id, per_perspective in counts.groupby(level="code_id", sort=True):
        leaning = {}
        for (_, perspective), row in per_perspective.iterrows():
            if row[positive] >= dominance * row["total"]:
                leaning[perspective] = positive
            elif row[negative] >= dominance * row["total"]:
                leaning[perspective] = negative
            else:
                leaning[perspective] = "mixed"
        records.append(_record(code_id, leaning, int(per_perspective["total"].sum()), positive, negative))
    return CONVERGENCE.coerce(pd.DataFrame.from_records(records, columns=CONVERGENCE.column_names))


def _record(code_id: str, leaning: dict[str, str], n_segments: int, positive: str, negative: str) -> dict:
    def having(value):
        return ", ".join(sorted(p for p, v in leaning.items() if v == value)) or None

    values = set(leaning.values())
    shared = None
    if len(leaning) < 2:
        flag = "single_perspective"
    elif {positive, negative} <= values:
        flag = "divergent"
    elif len(values) == 1 and values != {"mixed"}:
        flag, shared = "convergent", next(iter(values))
    else:
        flag = "mixed"
    return {
        "code_id": code_id, "flag": flag, "polarity": shared, "n_perspectives": len(leaning),
        "n_segments": n_segments, "perspectives_positive": having(positive),
        "perspectives_negative": having(negative), "perspectives_mixed": having("mixed"),
    }
