"""How much do the topics depend on the random seed? Reported with every fitted model.

A monthly report must not change because a seed did. :func:`topic_stability` refits the
same model with other seeds on the same embeddings (so only dimension reduction and
clustering vary) and compares the segment-to-topic assignments pairwise with the
adjusted Rand index: 1.0 means identical partitions, about 0 means chance agreement.
"""
from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score

from evaltoolkit.topics.model import embed_documents


@dataclass(frozen=True)
class Stability:
    """Adjusted Rand index between the topic assignments of fits with different seeds."""

    seeds: tuple[int, ...]
    ari_mean: float
    ari_min: float
    n_topics: tuple[int, ...]      # topics found with each seed (outliers not counted)

    def summary(self) -> str:
        return (f"stability over seeds {', '.join(map(str, self.seeds))}: adjusted Rand index "
                f"mean {self.ari_mean:.2f} (min {self.ari_min:.2f}); topics per seed "
                f"{', '.join(map(str, self.n_topics))}")


def topic_stability(modeler, documents, codes=None, *, seeds: Sequence[int] = (1, 2),
                    embeddings: np.ndarray | None = None, reference=None) -> Stability:
    """Refit an unfitted copy of ``modeler`` with each of ``seeds`` and compare the assignments.

    ``reference`` is a model already fitted on ``documents``: its labels take part in the
    comparison (its seed is listed first), which saves one refit. Seeds only vary the
    default UMAP; a dimension reduction or clustering passed in keeps its own random_state.
    Pass ``embeddings`` to embed the documents only once.
    """
    if len(seeds) + (reference is not None) < 2:
        raise ValueError("topic_stability needs at least two fits: give two seeds, or one seed and a reference.")
    if reference is not None:
        modeler = clone(reference).set_params(embedding_model=reference.embedder_)
    if embeddings is None and reference is not None:
        embeddings = reference.embedder_.embed(list(documents))
    elif embeddings is None:
        modeler, embeddings = embed_documents(modeler, documents)
    labelings = [] if reference is None else [np.asarray(reference.labels_)]
    used = [] if reference is None else [int(reference.seed)]
    for seed in seeds:
        fitted = clone(modeler).set_params(seed=int(seed)).fit(documents, codes, embeddings=embeddings)
        labelings.append(fitted.labels_)
        used.append(int(seed))
    scores = [adjusted_rand_score(a, b) for a, b in itertools.combinations(labelings, 2)]
    n_topics = tuple(len(set(labels.tolist()) - {-1}) for labels in labelings)
    return Stability(seeds=tuple(used), ari_mean=round(float(np.mean(scores)), 4),
                     ari_min=round(float(np.min(scores)), 4), n_topics=n_topics)
