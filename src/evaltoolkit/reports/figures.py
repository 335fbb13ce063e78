"""The report's figures as deterministic PNG bytes (fixed size and dpi, no metadata).

Each function takes an already computed (and suppressed) table, so a figure never shows
a number the tables hide: suppressed cells are drawn blank.
"""
from __future__ import annotations
from evaltoolkit.store.values import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK

import io
from collections.abc import Mapping

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

DPI = 150
STATUS_COLOURS = {ON_TRACK: "#2e7d32", AT_RISK: "#f9a825", OFF_TRACK: "#c62828", NO_DATA: "#9e9e9e"}
_STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 10, "svg.hashsalt": "evaltoolkit"}


def heatmap(matrix: pd.DataFrame, *, row_labels: Mapping[str, str], column_labels: Mapping[str, str],
            value: str = "share", colour_label: str = "") -> bytes:
    """Codes (rows) x perspectives (columns) from a long ``code_matrix`` table."""
    wide = matrix.pivot_table(index="code_id", columns="perspective", values=value, aggfunc="first")
    wide = wide.reindex(columns=[c for c in column_labels if c in wide.columns])
    wide = wide.astype(float).sort_index()
    wide.index = [row_labels.get(i, i) for i in wide.index]
    wide.columns = [column_labels.get(c, c) for c in wide.columns]
    height = max(2.5, 0.32 * len(wide) + 1.2)
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.0, height))
        sns.heatmap(wide, ax=axes, cmap="Blues", vmin=0, vmax=1 if value == "share" else None,
                    annot=True, fmt=".0%" if value == "share" else ".0f", linewidths=0.5,
                    cbar_kws={"label": colour_label})
        axes.set_xlabel("")
        axes.set_ylabel("")
        return _png(figure)


def indicator_progress(table: pd.DataFrame, *, labels: Mapping[str, str], axis_label: str) -> bytes:
    """Actual as a share of target per indicator (bars coloured by status; 100% = target)."""
    rows = table[table["target"].notna()].copy()
    rows["progress"] = (rows["value"].astype(float) / rows["target"].astype(float)).clip(upper=1.5)
    rows = rows.iloc[::-1]
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.0, max(2.5, 0.4 * len(rows) + 1.0)))
        y = np.arange(len(rows))
        colours = [STATUS_COLOURS.get(s, "#9e9e9e") for s in rows["status"].fillna(NO_DATA)]
        axes.barh(y, rows["progress"].fillna(0.0), color=colours)
        axes.axvline(1.0, color="#424242", linestyle="--", linewidth=1)
        axes.set_yticks(y, [labels.get(i, i) for i in rows["indicator_id"]])
        axes.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        axes.set_xlim(0, 1.5)
        axes.set_xlabel(axis_label)
        figure.tight_layout()
        return _png(figure)


def themes_over_time(counts: pd.DataFrame, *, labels: Mapping[str, str], axis_label: str) -> bytes:
    """Segments per month for the most frequent themes (columns ``month, code_id, n``)."""
    wide = counts.pivot_table(index="month", columns="code_id", values="n", aggfunc="sum").fillna(0)
    wide = wide.sort_index()
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.0, 3.6))
        for code_id in sorted(wide.columns):
            axes.plot(wide.index, wide[code_id], marker="o", label=labels.get(code_id, code_id))
        axes.set_ylabel(axis_label)
        axes.tick_params(axis="x", rotation=45)
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        figure.tight_layout()
        return _png(figure)


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    # metadata={"Software": None} drops the only varying chunk matplotlib writes to PNGs
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
