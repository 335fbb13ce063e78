"""`evaltoolkit ingest` on a copy of the demo study (skipped until data/raw/demo exists)."""
from __future__ import annotations

import pytest

from evaltoolkit.project import Project, ingest, project_status

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not (REPO_ROOT / "data/raw/demo/manifest.csv").is_file(),
                                reason="the demo study has not been generated into data/raw/demo yet")


def test_demo_study_ingests_every_source_and_covers_perspectives_rounds_and_sites(demo_raw_project):
    report = ingest(Project(demo_raw_project))     # second run: everything unchanged
    assert report.problems == ()
    assert report.unlisted == ()          # the answer keys are in data/raw/demo/.evaltoolkitignore
    assert set(report.files["status"]) == {"unchanged"}
    documents = project_status(Project(demo_raw_project)).documents
    assert set(documents["perspective"].dropna()) == {"hervestiger", "sponsor", "teamleider", "gemeente"}
    assert set(documents["round"].dropna()) == {"r1", "r2"}
    assert set(documents["site"].dropna()) == {"zaanstad", "nissewaard", "zevenaar"}
    assert set(documents["kind"]) == {"interview", "focus_group", "survey", "meeting", "email"}
