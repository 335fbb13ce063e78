"""Fixtures of the topic tests: synthetic corpora with planted themes, a fast model, a small project."""
from __future__ import annotations

import shutil

import pytest

from evaltoolkit.demo.topic_corpus import synthetic_codes, synthetic_corpus

from .helpers import make_fast_modeler, store_corpus


@pytest.fixture(scope="session")
def corpus():
    return synthetic_corpus(360, seed=3)


@pytest.fixture(scope="session")
def participant_segments(corpus):
    return corpus.segments[corpus.segments["speaker_role"] == "participant"].reset_index(drop=True)


@pytest.fixture(scope="session")
def codes():
    return synthetic_codes()


@pytest.fixture
def fast_modeler():
    return make_fast_modeler


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
