"""Fixtures of the REFI-QDA exchange tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from .synthetic_project import EXCHANGE_DATA, write_project_store

from evaltoolkit.codebook import load_codebook
from evaltoolkit.config import load_config
from evaltoolkit.store import open_project_store


@pytest.fixture(scope="session")
def exchange_data() -> Path:
    return EXCHANGE_DATA


@pytest.fixture
def codebook():
    return load_codebook(EXCHANGE_DATA / "codebook.yaml")


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory) -> dict[str, Path]:
    """A filled and an empty project store, built (and migrated) once; tests get copies."""
    folder = tmp_path_factory.mktemp("stores")
    write_project_store(folder / "project.sqlite").dispose()
    open_project_store(f"sqlite:///{folder / 'empty.sqlite'}").dispose()
    return {"project": folder / "project.sqlite", "empty": folder / "empty.sqlite"}


def _copy_of(template: Path, path: Path):
    shutil.copyfile(template, path)
    return open_project_store(f"sqlite:///{path}")


@pytest.fixture
def project_store(store_templates, tmp_path):
    store = _copy_of(store_templates["project"], tmp_path / "project.sqlite")
    yield store
    store.dispose()


@pytest.fixture
def empty_store(store_templates, tmp_path):
    store = _copy_of(store_templates["empty"], tmp_path / "imported.sqlite")
    yield store
    store.dispose()


@pytest.fixture
def refi_dir(shared_dir) -> Path:
    folder = shared_dir / "refi-qda"
    if not folder.is_dir():
        pytest.skip("../shared/refi-qda/ is not present")
    return folder


@pytest.fixture(scope="session")
def config(repo_root):
    """The demo project's configuration (the export only hands it to the leak check)."""
    return load_config(repo_root / "evaltoolkit.yaml")


@pytest.fixture
def leak_checks() -> list:
    """The texts of each call of the output check the exports are given (see ``check_texts``)."""
    return []
