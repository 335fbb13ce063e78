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

import matplotlib.patches  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
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


def heatmap_cells(values: list[list], *, row_labels: list[str], column_labels: list[str], colour_label: str = "",
                  not_counted: str = "n/a") -> bytes:
    """Themes (rows) x perspectives (columns) of shares; a cell that is a string ("<3", "x")
    was suppressed and is drawn hatched with its mark, None (not counted) is blank with
    ``not_counted``; 0 is a real zero, drawn as such."""
    numeric = np.array([[v if isinstance(v, float) else np.nan for v in row] for row in values], dtype=float)
    height = max(2.5, 0.32 * len(row_labels) + 1.4)
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.0, height))
        image = axes.imshow(np.ma.masked_invalid(numeric), cmap="Blues", vmin=0, vmax=1, aspect="auto")
        for i, row in enumerate(values):
            for j, value in enumerate(row):
                if isinstance(value, float):
                    colour = "white" if value > 0.6 else "black"
                    axes.text(j, i, f"{value:.0%}", ha="center", va="center", color=colour, fontsize=8)
                else:
                    hidden = isinstance(value, str)
                    axes.add_patch(matplotlib.patches.Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="#eeeeee",
                                                                hatch="///" if hidden else None, edgecolor="#bdbdbd",
                                                                linewidth=0))
                    mark = ("<" if value == "hidden" else value) if hidden else not_counted
                    axes.text(j, i, mark, ha="center", va="center", color="#424242", fontsize=8)
        axes.set_xticks(range(len(column_labels)), column_labels, rotation=30, ha="right", rotation_mode="anchor")
        axes.set_yticks(range(len(row_labels)), row_labels)
        axes.tick_params(length=0)
        axes.set_xticks(np.arange(-0.5, len(column_labels)), minor=True)
        axes.set_yticks(np.arange(-0.5, len(row_labels)), minor=True)
        axes.grid(which="minor", color="white", linewidth=1)
        figure.colorbar(image, ax=axes, label=colour_label, format=matplotlib.ticker.PercentFormatter(1.0))
        figure.tight_layout()
        return _png(figure)


def indicator_targets(rows: list[dict], *, axis_label: str = "") -> bytes:
    """Actual against target, one row per indicator on its own scale (dot: actual; a line
    for a minimum, ceiling or point target, a band for a range), with the values written
    out. Dots are coloured by status; no bar suggests that more is always better."""
    with plt.rc_context(_STYLE):
        figure, axes = plt.subplots(figsize=(7.0, max(2.0, 0.45 * len(rows) + 0.8)))
        for i, row in enumerate(reversed(rows)):
            scale = max([v for v in (row["value"], row["target"], row.get("target_max")) if v is not None] + [1e-9])
            scale *= 1.15
            axes.plot([0, 1], [i, i], color="#e0e0e0", linewidth=6, solid_capstyle="butt", zorder=1)
            if row["target"] is not None:
                if row.get("target_max") is not None:
                    axes.add_patch(matplotlib.patches.Rectangle((row["target"] / scale, i - 0.25),
                                                                (row["target_max"] - row["target"]) / scale, 0.5,
                                                                color="#90a4ae", zorder=2))
                else:
                    axes.plot([row["target"] / scale] * 2, [i - 0.3, i + 0.3], color="#37474f", linewidth=2, zorder=2)
            if row["value"] is not None:
                axes.scatter([row["value"] / scale], [i], s=60, color=STATUS_COLOURS.get(row["status"], "#9e9e9e"),
                             zorder=3, edgecolors="black", linewidths=0.5)
            axes.text(1.02, i, row["text"], va="center", fontsize=8)
        axes.set_yticks(range(len(rows)), [r["label"] for r in reversed(rows)])
        axes.set_xlim(0, 1)
        axes.set_xticks([])
        axes.set_ylim(-0.7, len(rows) - 0.3)
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        axes.set_xlabel(axis_label)
        figure.tight_layout()
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
