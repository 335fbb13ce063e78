"""Shared fixtures. Tests that need ../shared/ skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"

# Nothing may reach a model hub at run time.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared/ beside the repository; tests using it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared/ is not present (it is only on developers' and CI machines)")
    return SHARED
