"""Dimension reduction for topic models: UMAP on faiss neighbours, compiled once.

UMAP's own nearest-neighbour search (pynndescent) compiles its parallel functions with
numba in every new process: on two cores that took longer (about 70 s) than the whole
UMAP layout of 10,000 segments. faiss (Meta's similarity search library, a CPU wheel on
PyPI) finds the neighbours instead: exactly up to 20,000 segments, and above that with an
inverted file (recall@15 0.997 on 100,000 synthetic segments, 12 s instead of 53 s for the
exact search). Both are deterministic, and the same index assigns next month's segments.
UMAP's remaining numba functions are cached on disk, so only the first process on a
machine compiles them.

>>> reducer = NeighbourUMAP(n_components=5, random_state=42).fit(embeddings)
>>> reducer.embedding_             # one row per segment
>>> reducer.transform(new_embeddings)
"""
from __future__ import annotations

import math
import warnings

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

#: UMAP computes all distances itself below this many rows (umap-learn's own cut-off).
UMAP_EXACT_BELOW = 4096
#: above this many rows the neighbour search is approximate (faiss IVF)
EXACT_SEARCH_UP_TO = 20_000
IVF_PROBES = 16


class CosineIndex:
    """Cosine nearest neighbours with faiss, in the shape UMAP expects of a search index.

    Exact (inner product of unit vectors) up to ``exact_up_to`` rows; above that an
    inverted file of ``4 * sqrt(n)`` k-means cells, of which the ``probes`` nearest are
    searched. Pickles with its vectors, so a saved topic model can still assign segments.
    """

    _angular_trees = True   # read by UMAP.transform to pick its search tolerance (unused here)

    def __init__(self, data: np.ndarray, *, exact_up_to: int = EXACT_SEARCH_UP_TO, probes: int = IVF_PROBES,
                 seed: int = 42):
        import faiss

        vectors = _unit_rows(data)
        n, dimensions = vectors.shape
        if n <= exact_up_to:
            index = faiss.IndexFlatIP(dimensions)
        else:
            index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimensions), dimensions, int(4 * math.sqrt(n)),
                                       faiss.METRIC_INNER_PRODUCT)
            index.cp.seed = seed
            index.train(vectors)
            index.nprobe = probes
        index.add(vectors)
        self.index_ = index

    def query(self, queries, k: int, epsilon: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(indices, cosine distances) of the ``k`` nearest indexed rows, nearest first."""
        similarity, indices = self.index_.search(_unit_rows(queries), int(k))
        # rows an approximate search could not fill come back as -1: UMAP skips those
        distances = np.where(indices >= 0, np.maximum(1.0 - similarity, 0.0), np.inf).astype(np.float32)
        return indices.astype(np.int32), distances

    def __getstate__(self) -> dict:
        import faiss

        return {"index_": faiss.serialize_index(self.index_)}

    def __setstate__(self, state: dict) -> None:
        import faiss

        self.index_ = faiss.deserialize_index(state["index_"])


def _unit_rows(data) -> np.ndarray:
    # faiss wants C-ordered float32; zero rows stay zero
    return np.ascontiguousarray(normalize(np.asarray(data, dtype=np.float32)))


class NeighbourUMAP(BaseEstimator, TransformerMixin):
    """UMAP (cosine) whose neighbour graph comes from :class:`CosineIndex`.

    Parameters are UMAP's. ``n_epochs=None`` keeps UMAP's choice below 4,096 rows and uses
    200 above it (UMAP itself switches to 200 only above 10,000 rows; the layout of a
    larger corpus does not improve with more, and each epoch is single-threaded when
    ``random_state`` is set, as it must be for reproducible topics).
    """

    def __init__(self, *, n_neighbors: int = 15, n_components: int = 5, min_dist: float = 0.0,
                 n_epochs: int | None = None, random_state: int | None = 42, low_memory: bool = True):
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.min_dist = min_dist
        self.n_epochs = n_epochs
        self.random_state = random_state
        self.low_memory = low_memory

    def fit(self, X, y=None) -> "NeighbourUMAP":
        from umap import UMAP

        cache_umap_compilation()
        X = np.asarray(X, dtype=np.float32)
        n_epochs = self.n_epochs
        extra = {}
        if len(X) >= UMAP_EXACT_BELOW:
            n_epochs = 200 if n_epochs is None else n_epochs
            index = CosineIndex(X, seed=42 if self.random_state is None else self.random_state)
            indices, distances = index.query(X, self.n_neighbors)
            extra["precomputed_knn"] = (indices, distances, index)
        self.umap_ = UMAP(n_neighbors=self.n_neighbors, n_components=self.n_components, min_dist=self.min_dist,
                          metric="cosine", n_epochs=n_epochs, random_state=self.random_state,
                          n_jobs=1, low_memory=self.low_memory, **extra)
        with warnings.catch_warnings():
            # UMAP warns that only its own index type can transform; it calls ours all the same
            warnings.filterwarnings("ignore", message=r"precomputed_knn\[2\]", category=UserWarning)
            self.umap_.fit(X, y=y)
        self.embedding_ = self.umap_.embedding_
        return self

    def fit_transform(self, X, y=None, **fit_params) -> np.ndarray:
        return self.fit(X, y).embedding_

    def transform(self, X) -> np.ndarray:
        check_is_fitted(self, "umap_")
        return self.umap_.transform(np.asarray(X, dtype=np.float32))


_CACHED = False


def cache_umap_compilation() -> None:
    """Let numba keep UMAP's compiled functions on disk, as it does for ``cache=True`` ones.

    umap-learn leaves caching off for its graph and layout functions, so each process
    spent 10-20 s compiling them. Compiled code is stored next to umap's sources (or in
    ``NUMBA_CACHE_DIR``) and numba recompiles whenever a source file changes.
    """
    global _CACHED
    if _CACHED:
        return
    _CACHED = True
    for function in _uncached_umap_functions():
        try:
            function.enable_caching()
        except RuntimeError:   # nowhere writable to cache (read-only install, no home): compile
            return


def _uncached_umap_functions():
    from numba.core.caching import NullCache
    from numba.core.dispatcher import Dispatcher
    from umap import layouts, umap_, utils

    for module in (umap_, layouts, utils):
        for function in list(vars(module).values()):
            if isinstance(function, Dispatcher) and isinstance(function._cache, NullCache):
                yield function
