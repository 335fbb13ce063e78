"""Fixtures for coding tests: the small synthetic labelled set in tests/data/coding/."""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from evaltoolkit.codebook import load_codebook
from evaltoolkit.store import open_project_store, table_schema


@pytest.fixture(scope="session")
def codebook(repo_root):
    return load_codebook(repo_root / "codebooks" / "community_sponsorship.yaml")


@pytest.fixture(scope="session")
def small_codebook(test_data):
    return load_codebook(test_data / "codebook" / "small.yaml")


@pytest.fixture(scope="session")
def labelled(test_data):
    """(segments, codings) of the synthetic labelled set: 40 segments, coder_a's codes."""
    segments = pd.read_csv(test_data / "coding" / "segments.csv", dtype=str, keep_default_na=False)
    segments = segments.replace("", None)
    codings = pd.read_csv(test_data / "coding" / "codings.csv", dtype=str).assign(status="accepted")
    return segments, codings


def fill_store(store, segments: pd.DataFrame) -> None:
    """Write documents, segments and questions for ``segments`` (synthetic text) to ``store``."""
    at = dt.datetime(2024, 7, 1)
    docs = segments.groupby("doc_id", sort=False).agg(perspective=("perspective", "first")).reset_index()
    months = {d: dt.date(2024, 6 if i % 2 == 0 else 10, 15) for i, d in enumerate(docs["doc_id"])}
    documents = docs.assign(
        source_path=docs["doc_id"] + ".txt",
        kind=["survey" if d.startswith("sp-") else "interview" for d in docs["doc_id"]],
        collected_on=docs["doc_id"].map(months), text="(synthetic)", content_hash="0" * 64,
        pseudonymiser_version="test", pseudonymised_at=at)
    rows = segments.assign(n=segments["segment_id"].str.split(":").str[-1].astype(int), start_char=0, end_char=1,
                           speaker_role="participant", content_hash="0" * 64)
    questions = (segments.dropna(subset=["question_id"]).drop_duplicates("question_id")
                 .assign(survey_id="sp", column=lambda f: f["question_id"].str.split(":").str[-1],
                         text=lambda f: f["question_text"], item_type="open"))
    with store.transaction() as tx:
        tx.write("documents", table_schema("documents").coerce(documents))
        tx.write("segments", table_schema("segments").coerce(rows))
        tx.write("questions", table_schema("questions").coerce(questions))


@pytest.fixture()
def store(tmp_path, labelled):
    store = open_project_store(f"sqlite:///{tmp_path / 'project.sqlite'}")
    fill_store(store, labelled[0])
    yield store
    store.dispose()


@pytest.fixture()
def project(tmp_path, repo_root, labelled):
    """An evaluation project (the demo config and default codebook) whose store holds the synthetic segments."""
    root = tmp_path / "project"
    (root / "codebooks").mkdir(parents=True)
    shutil.copy2(repo_root / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copy2(repo_root / "codebooks" / "community_sponsorship.yaml", root / "codebooks")
    store = open_project_store(f"sqlite:///{root / 'data' / 'pseudonymised' / 'project.sqlite'}")
    fill_store(store, labelled[0])
    store.dispose()
    return root
