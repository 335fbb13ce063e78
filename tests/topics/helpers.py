"""Helpers of the topic tests: a fast model, planted-theme lookup, writing a corpus to a store."""
from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from evaltoolkit.demo.topic_corpus import EMERGENT

N_THEMES = 8  # six coded themes and two emergent ones


def make_fast_modeler(**params):
    """TF-IDF embeddings, PCA and KMeans: a whole fit in about a second (no UMAP JIT)."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA

    from evaltoolkit.topics import TopicModeler

    defaults = dict(embedding_model="tfidf", umap_model=PCA(n_components=20, random_state=0),
                    cluster_model=KMeans(n_clusters=N_THEMES, n_init=20, random_state=0),
                    min_topic_size=5, seed=7, guidance="seed")
    return TopicModeler(**{**defaults, **params})


def planted_theme_of_topics(labels, themes) -> dict[int, str]:
    """Each topic's majority planted theme."""
    frame = pd.DataFrame({"topic": labels, "theme": list(themes)})
    return frame[frame["topic"] != -1].groupby("topic")["theme"].agg(lambda s: s.value_counts().index[0]).to_dict()


def store_corpus(store, corpus) -> None:
    """Write a synthetic corpus as pseudonymised documents and segments."""
    now = dt.datetime(2024, 12, 1)
    documents = corpus.documents.assign(source_path=lambda d: d["doc_id"] + ".txt", text="(synthetic)",
                                        content_hash="0" * 64, pseudonymiser_version="test", pseudonymised_at=now)
    segments = corpus.segments.assign(
        start_char=0, end_char=lambda s: s["text"].str.len(), participant_id=None,
        content_hash=lambda s: [hashlib.sha256(t.encode()).hexdigest() for t in s["text"]])
    store.write("documents", documents)
    store.write("segments", segments.drop(columns=["perspective", "site", "round", "collected_on"]))


__all__ = ["EMERGENT", "N_THEMES", "make_fast_modeler", "planted_theme_of_topics", "store_corpus"]
