"""On the demo study: every planted identifier is gone, the allow-list is untouched and
the leak check passes."""
from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

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
