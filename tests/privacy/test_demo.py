"""On the demo study: every planted identifier is gone, the allow-list is untouched and
the leak check passes."""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from evaltoolkit.project import Project, leak_check
from evaltoolkit.store import open_project_store, open_raw_store


def _root_conftest():
    # by path: tests/ is not a package, and "import conftest" may name another conftest
    spec = importlib.util.spec_from_file_location("evaltoolkit_root_conftest",
                                                  Path(__file__).resolve().parents[1] / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DEMO_PASSPHRASE, REPO_ROOT = _root_conftest().DEMO_PASSPHRASE, _root_conftest().REPO_ROOT
PLANTED = REPO_ROOT / "data" / "raw" / "demo" / "planted_identifiers.csv"
pytestmark = pytest.mark.skipif(not PLANTED.is_file(), reason="the demo study is not generated yet")


def project_blob(config) -> str:
    store = open_project_store(config.paths.store_url)
    parts = [*store.read("documents")["text"], *store.read("documents")["source_path"],
             *store.read("segments")["text"], *store.read("questions")["text"],
             *store.read("attributes")["value"].dropna(), *store.read("participants")["pseudonym"].dropna()]
    return "\n".join(parts)


def test_every_planted_identifier_is_gone_from_the_project_store(demo_project):
    blob = project_blob(demo_project)
    with open(PLANTED, encoding="utf-8") as handle:
        planted = list(csv.DictReader(handle))
    assert planted
    left = [(row["file"], row["identifier_type"]) for row in planted
            if re.search(rf"(?<!\w){re.escape(row['value'])}(?!\w)", blob)]
    assert left == []


def test_nothing_in_the_allow_list_is_touched(demo_project):
    raw = "\n".join(open_raw_store(demo_project.paths.raw_store).read("raw_documents")["text"])
    pseudonymised = "\n".join(open_project_store(demo_project.paths.store_url).read("documents")["text"])
    for term in demo_project.privacy.allow_list:
        pattern = rf"(?<!\w){re.escape(term)}(?!\w)"
        assert len(re.findall(pattern, pseudonymised)) == len(re.findall(pattern, raw)), term


def test_the_demo_project_passes_the_leak_check(demo_project):
    report = leak_check(Project(demo_project).unlock(DEMO_PASSPHRASE))
    assert report.ok, "\n".join(report.lines(limit=20))


def _bench_privacy():
    spec = importlib.util.spec_from_file_location("bench_privacy", REPO_ROOT / "benchmarks" / "bench_privacy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_no_ordinary_word_of_the_demo_is_replaced(demo_project):
    """Over-redaction on the demo: every replaced span is an identifier the demo planted or
    a name or place of its pools (countries aside); no dictionary word, language,
    nationality, month or weekday is replaced. The key of the demo run is applied again to
    the raw texts to see which spans the run replaced."""
    from evaltoolkit.privacy import Pseudonymiser, load_key
    from evaltoolkit.privacy.lexicons import load_lexicons

    bench = _bench_privacy()
    documents, _, config, vocabulary = bench.load_demo(demo_project.paths.root)
    key = load_key(config.paths.key, passphrase=DEMO_PASSPHRASE)
    pseudonymiser = Pseudonymiser(allow_list=config.privacy.allow_list, language=config.privacy.placeholder_language,
                                  role_labels=dict(config.role_labels)).use_key(key)
    texts = [str(t) for t in documents["text"]]
    spans = [[(r.start, r.end) for r in pseudonymiser.transform_text(t).replacements] for t in texts]
    total, ordinary, _ = bench.over_redaction(texts, spans, vocabulary, load_lexicons().places)
    assert total > 1000
    assert ordinary == []


@pytest.mark.parametrize("text", [
    "Honestly, my sponsor helped a lot. Hello to everyone in the group!",
    "My English is better now. Can you help? In May we met the French family.",
])
def test_deduce_does_not_turn_english_words_into_names(demo_project, text):
    from evaltoolkit.privacy import Detector, Pseudonymiser
    from evaltoolkit.privacy.detector import load_deduce

    documents = pd.DataFrame({"doc_id": ["a"], "text": [text], "language": ["en"]})
    assert Pseudonymiser(detector=Detector(deduce_model=load_deduce())).fit_transform(documents)["text"][0] == text
