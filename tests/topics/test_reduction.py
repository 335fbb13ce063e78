"""Neighbours for UMAP: exact and approximate faiss search, picklable, reproducible layouts."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

from evaltoolkit.topics.reduction import CosineIndex, NeighbourUMAP


@pytest.fixture(scope="module")
def clustered():
    """600 points in 20 dimensions around six directions, with noise."""
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 20))
    labels = rng.permutation(np.repeat(np.arange(6), 100))
    return (centres[labels] + rng.normal(scale=0.3, size=(600, 20))).astype(np.float32), labels


def _brute_force(data, queries, k):
    unit = data / np.linalg.norm(data, axis=1, keepdims=True)
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    similarity = q @ unit.T
    order = np.argsort(-similarity, axis=1, kind="stable")[:, :k]
    return order, 1 - np.take_along_axis(similarity, order, axis=1)


def test_exact_index_returns_the_nearest_rows_by_cosine(clustered):
    data, _ = clustered
    indices, distances = CosineIndex(data).query(data[:50], 5)
    expected, expected_distances = _brute_force(data, data[:50], 5)
    assert indices.dtype == np.int32 and distances.dtype == np.float32
    assert (indices[:, 0] == np.arange(50)).all()          # each point is its own nearest neighbour
    assert np.allclose(distances, np.maximum(expected_distances, 0), atol=1e-5)
    assert (np.sort(indices, axis=1) == np.sort(expected, axis=1)).mean() > 0.99


def test_approximate_index_finds_almost_all_neighbours(clustered):
    data, _ = clustered
    index = CosineIndex(data, exact_up_to=100, probes=8)
    assert type(index.index_).__name__ == "IndexIVFFlat"
    indices, _ = index.query(data, 10)
    expected, _ = _brute_force(data, data, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(indices, expected)])
    assert recall > 0.95


def test_index_survives_pickling(clustered):
    data, _ = clustered
    index = CosineIndex(data, exact_up_to=100, probes=8)
    again = pickle.loads(pickle.dumps(index))
    assert all(np.array_equal(a, b) for a, b in zip(index.query(data[:20], 5), again.query(data[:20], 5)))


@pytest.mark.slow
def test_neighbour_umap_is_reproducible_and_transforms_new_points(clustered, monkeypatch):
    import evaltoolkit.topics.reduction as reduction

    monkeypatch.setattr(reduction, "UMAP_EXACT_BELOW", 100)  # take the faiss path on a small set
    data, labels = clustered
    first = NeighbourUMAP(n_components=2, random_state=1).fit(data[:500])
    second = NeighbourUMAP(n_components=2, random_state=1).fit(data[:500])
    assert np.array_equal(first.embedding_, second.embedding_)
    placed = first.transform(data[500:])
    # a new point lands nearest the layout points of its own cluster
    centres = np.vstack([first.embedding_[labels[:500] == c].mean(axis=0) for c in range(6)])
    nearest = np.argmin(((placed[:, None, :] - centres[None]) ** 2).sum(axis=2), axis=1)
    assert (nearest == labels[500:]).mean() > 0.9


def test_umap_compiles_as_before_when_nothing_can_be_cached(monkeypatch):
    import evaltoolkit.topics.reduction as reduction

    class Uncachable:
        calls = 0

        def enable_caching(self):
            Uncachable.calls += 1
            raise RuntimeError("cannot cache function: no locator available")

    monkeypatch.setattr(reduction, "_CACHED", False)
    monkeypatch.setattr(reduction, "_uncached_umap_functions", lambda: iter([Uncachable(), Uncachable()]))
    reduction.cache_umap_compilation()   # no error: UMAP simply compiles in this process
    reduction.cache_umap_compilation()   # and it does not try again
    assert Uncachable.calls == 1 and reduction._CACHED
