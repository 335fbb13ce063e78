"""Fixtures of the topic tests: synthetic corpora with planted themes, a fast model, a small project."""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import pandas as pd
import pytest

from evaltoolkit.topics.synthetic import EMERGENT, synthetic_codes, synthetic_corpus

N_THEMES = 8  # six coded themes and two emergent ones


@pytest.fixture(scope="session")
def corpus():
    return synthetic_corpus(360, seed=3)


@pytest.fixture(scope="session")
def participant_segments(corpus):
    return corpus.segments[corpus.segments["speaker_role"] == "participant"].reset_index(drop=True)


@pytest.fixture(scope="session")
def codes():
    return synthetic_codes()


def make_fast_modeler(**params):
    """TF-IDF embeddings, PCA and KMeans: a whole fit in about a second (no UMAP JIT)."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA

    from evaltoolkit.topics import TopicModeler

    defaults = dict(embedding_model="tfidf", umap_model=PCA(n_components=20, random_state=0),
                    cluster_model=KMeans(n_clusters=N_THEMES, n_init=20, random_state=0),
                    min_topic_size=5, seed=7)
    return TopicModeler(**{**defaults, **params})


@pytest.fixture
def fast_modeler():
    return make_fast_modeler


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


@pytest.fixture
def project(tmp_path, test_data, corpus):
    """A project folder with config, codebook and a store holding the synthetic corpus."""
    from evaltoolkit.config import load_config
    from evaltoolkit.store import open_project_store

    root = tmp_path / "project"
    (root / "codebooks").mkdir(parents=True)
    shutil.copy2(test_data / "topics" / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copy2(test_data / "topics" / "codebook.yaml", root / "codebooks" / "codebook.yaml")
    config = load_config(root)
    store_corpus(open_project_store(config.paths.store_url), corpus)
    return config


__all__ = ["EMERGENT"]
