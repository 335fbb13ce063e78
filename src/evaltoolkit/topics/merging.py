"""Merge topics that say the same thing, so a researcher can review them.

HDBSCAN finds dense groups, and with thousands of segments many of them are variants of one
theme (the same few sentences in other combinations): 179 clusters for 10,000 synthetic
segments with 8 planted themes (ARI 0.08, NMI 0.55 against them). Merged at similarity 0.6
they are 37 topics (ARI 0.36, NMI 0.71); at 0.5, 20 topics (ARI 0.62, NMI 0.80), but on the
demo study 0.5 also merged distinct codebook themes (benchmarks/bench_topics.py has the
sweep). :func:`merge_groups` joins topics by average-linkage
hierarchical clustering of their centroids (cosine): topics whose centroids are on average
at least ``min_similarity`` alike become one, and when more than ``max_topics`` remain the
hierarchy is cut at ``max_topics``. Average linkage keeps a small distinct theme apart from
a large neighbour as long as the neighbour's parts are, on average, unlike it.

The groups are handed to BERTopic's ``merge_topics``, which recomputes topic words and
keeps ``transform`` mapping new segments onto the merged topics.
"""
from __future__ import annotations

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from evaltoolkit.errors import InputError


def merge_groups(centroids: dict[int, np.ndarray], *, min_similarity: float | None,
                 max_topics: int | None) -> list[list[int]]:
    """Groups of topic ids to merge (groups of two or more, smallest id first).

    ``centroids``: topic id -> unit-length mean embedding (outliers left out).
    ``min_similarity``: mean cosine similarity at which topics are merged (None: only the cap).
    ``max_topics``: at most this many topics remain (None: no cap).
    """
    if min_similarity is not None and not -1.0 <= min_similarity <= 1.0:
        raise InputError(f"merge_similarity must be between -1 and 1. Got {min_similarity!r} instead.")
    if max_topics is not None and max_topics < 1:
        raise InputError(f"max_topics must be at least 1. Got {max_topics!r} instead.")
    ids = sorted(centroids)
    if len(ids) < 2:
        return []
    vectors = np.vstack([centroids[topic_id] for topic_id in ids])
    assignment = np.arange(len(ids))
    if min_similarity is not None:
        assignment = AgglomerativeClustering(n_clusters=None, distance_threshold=1.0 - min_similarity,
                                             metric="cosine", linkage="average").fit_predict(vectors)
    if max_topics is not None and len(set(assignment.tolist())) > max_topics:
        assignment = AgglomerativeClustering(n_clusters=max_topics, metric="cosine",
                                             linkage="average").fit_predict(vectors)
    groups: dict[int, list[int]] = {}
    for topic_id, group in zip(ids, assignment.tolist()):
        groups.setdefault(group, []).append(topic_id)
    return sorted((members for members in groups.values() if len(members) > 1), key=lambda members: members[0])
