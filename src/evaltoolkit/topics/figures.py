"""Figures of topics that a report can include: matplotlib Figure objects, saved as PNG separately.

* :func:`plot_topic_sizes`: segments per topic by perspective, site or round;
* :func:`plot_topics_over_time`: segments per topic per month;
* :func:`plot_code_similarity`: similarity of each topic to each code (heatmap).

They take tables (:func:`topic_frame` joins assignments, topics and segment metadata)
and show counts, never text. Counts per site can identify people in a small study:
pass a table through ``privacy.suppress_small_cells`` before a figure leaves the team.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from evaltoolkit.errors import InputError

GROUPINGS = ("perspective", "site", "round")


def _figure(width: float, height: float):
    # A Figure without pyplot: no global figure list to leak into, no backend to choose,
    # and notebooks still display it.
    fig = Figure(figsize=(width, height))
    return fig, fig.subplots()


def topic_frame(assignments: pd.DataFrame, topics: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """One row per assigned segment: ``segment_id, topic_id, topic`` (``"3: vocht, schimmel"``)
    and the segment's perspective, site, round and collected_on; outliers left out."""
    labels = topics.assign(topic=topics["topic_id"].astype(str) + ": " + topics["label"].fillna(""))
    frame = assignments[assignments["topic_id"] != -1].merge(
        labels[["model_version", "topic_id", "topic"]], on=["model_version", "topic_id"], how="left")
    meta = [c for c in ("perspective", "site", "round", "collected_on") if c in segments.columns]
    return frame.merge(segments[["segment_id", *meta]], on="segment_id", how="left")


def plot_topic_sizes(frame: pd.DataFrame, *, by: str = "perspective", top: int = 20) -> Figure:
    """Stacked bars: segments per topic (largest ``top`` topics), split by ``by``."""
    if by not in GROUPINGS:
        raise InputError(f"by must be one of {', '.join(GROUPINGS)}. Got {by!r} instead.")
    counts = pd.crosstab(frame["topic"], frame[by].fillna("onbekend"))
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index[:top]].iloc[::-1]
    fig, ax = _figure(8, 0.35 * len(counts) + 1.5)
    counts.plot.barh(stacked=True, ax=ax, colormap="tab10", width=0.8)
    ax.set_xlabel("segmenten")
    ax.set_ylabel("")
    ax.set_title(f"Topics naar {by}")
    ax.legend(title=by, loc="lower right", fontsize="small")
    fig.tight_layout()
    return fig


def plot_topics_over_time(frame: pd.DataFrame, *, top: int = 8, date_column: str = "collected_on") -> Figure:
    """Lines: segments per month for the ``top`` largest topics."""
    dated = frame.dropna(subset=[date_column]).copy()
    dated["month"] = pd.to_datetime(dated[date_column]).dt.to_period("M").dt.to_timestamp()
    largest = dated["topic"].value_counts().index[:top]
    counts = (dated[dated["topic"].isin(largest)].groupby(["month", "topic"]).size()
              .unstack(fill_value=0).sort_index())
    fig, ax = _figure(9, 4.5)
    if not counts.empty:
        counts.plot(ax=ax, marker="o")
        ax.legend(title="topic", fontsize="small", bbox_to_anchor=(1.02, 1), loc="upper left")
    ax.set_xlabel("maand")
    ax.set_ylabel("segmenten")
    ax.set_title("Topics per maand")
    fig.tight_layout()
    return fig


def plot_code_similarity(similarity: pd.DataFrame, *, labels: pd.Series | None = None) -> Figure:
    """Heatmap of topic-to-code similarity (rows topics, columns codes), e.g. ``modeler.code_similarity_``.

    ``labels`` (indexed by topic_id) names the rows.
    """
    data = similarity.copy()
    if labels is not None:
        data.index = [f"{t}: {labels.get(t, '')}" for t in data.index]
    fig, ax = _figure(0.45 * data.shape[1] + 4, 0.35 * data.shape[0] + 2)
    sns.heatmap(data.astype(float), ax=ax, cmap="viridis", vmin=min(0.0, float(data.min().min())), vmax=1.0,
                cbar_kws={"label": "gelijkenis (cosinus)"})
    ax.set_xlabel("code")
    ax.set_ylabel("topic")
    ax.set_title("Gelijkenis van topics met codes")
    fig.tight_layout()
    return fig


def save_figure(fig: Figure, path: Path | str, *, dpi: int = 150) -> Path:
    """Write ``fig`` as PNG to ``path`` (folders created)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi, format="png", bbox_inches="tight")
    return path
