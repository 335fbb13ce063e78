"""Topic coherence: normalised pointwise mutual information (NPMI) of top words over the corpus.

For each topic, every pair of its top words is scored by how much more often the two
occur in the same document than chance: NPMI = log(p(a,b) / (p(a) p(b))) / -log p(a,b),
from -1 (never together) through 0 (independent) to 1 (always together). A topic's
coherence is the mean over its pairs; a model's is the mean over its topics. Pairs that
never co-occur count as -1. Words are the analyzer's tokens (lemmas), so the same
analyzer must produce the topic words and the document tokens.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def npmi_coherence(topic_words: Sequence[Sequence[str]], documents: Sequence[str], *,
                   analyzer: Callable[[str], list[str]], top_n: int = 10) -> float:
    """Mean NPMI of the ``top_n`` words of each topic, counted over ``documents``."""
    per_topic = topic_npmi(topic_words, documents, analyzer=analyzer, top_n=top_n)
    scores = [s for s in per_topic if not np.isnan(s)]
    return float(np.mean(scores)) if scores else float("nan")


def topic_npmi(topic_words: Sequence[Sequence[str]], documents: Sequence[str], *,
               analyzer: Callable[[str], list[str]], top_n: int = 10) -> list[float]:
    """NPMI per topic (NaN for a topic with fewer than two known words)."""
    vocabulary = sorted({w for words in topic_words for w in list(words)[:top_n]})
    if not vocabulary:
        return [float("nan")] * len(topic_words)
    vectorizer = CountVectorizer(analyzer=analyzer, vocabulary=vocabulary, binary=True)
    present = vectorizer.fit_transform(documents).tocsc().astype(np.float64)
    n_docs = present.shape[0]
    doc_freq = np.asarray(present.sum(axis=0)).ravel() / n_docs
    together = (present.T @ present).toarray() / n_docs
    index = {w: i for i, w in enumerate(vocabulary)}
    scores = []
    for words in topic_words:
        known = [index[w] for w in list(words)[:top_n] if w in index and doc_freq[index[w]] > 0]
        pairs = [_npmi(together[a, b], doc_freq[a], doc_freq[b]) for a, b in itertools.combinations(known, 2)]
        scores.append(float(np.mean(pairs)) if pairs else float("nan"))
    return scores


def _npmi(p_ab: float, p_a: float, p_b: float) -> float:
    if p_ab <= 0:
        return -1.0
    if p_ab >= 1:
        return 1.0
    return float(np.log(p_ab / (p_a * p_b)) / -np.log(p_ab))
