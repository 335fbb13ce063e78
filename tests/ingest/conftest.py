"""Fixtures of the ingestion tests (builders live in builders.py)."""
from __future__ import annotations

import pytest

from evaltoolkit.config import load_config

from .builders import make_project


@pytest.fixture
def project(tmp_path):
    """The configuration of a freshly made small project (nothing ingested yet)."""
    return load_config(make_project(tmp_path / "project"))
