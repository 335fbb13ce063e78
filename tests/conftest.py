"""Shared fixtures. Tests that need ../shared/ skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from pg_server import postgres_server, postgres_url, store_url  # noqa: F401  (real PostgreSQL: tests/pg_server.py)

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


DEMO_PASSPHRASE = "test-passphrase-for-the-synthetic-demo"


def copy_demo_project(destination: Path) -> Path:
    """Copy the demo evaluation project (config, raw demo files, codebooks) to ``destination``."""
    import shutil

    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "evaltoolkit.yaml", destination / "evaltoolkit.yaml")
    shutil.copytree(REPO_ROOT / "data" / "raw" / "demo", destination / "data" / "raw" / "demo")
    shutil.copytree(REPO_ROOT / "codebooks", destination / "codebooks")
    return destination


@pytest.fixture(scope="session")
def demo_raw_project(tmp_path_factory):
    """The demo study copied to a temporary project and ingested into its raw store."""
    from evaltoolkit.config import load_config
    from evaltoolkit.project import Project, ingest

    root = copy_demo_project(tmp_path_factory.mktemp("demo") / "project")
    config = load_config(root)
    ingest(Project(config))
    return config


@pytest.fixture(scope="session")
def demo_passphrase() -> str:
    """The passphrase of the demo fixtures' key (not the environment's: a test unlocks with it)."""
    return DEMO_PASSPHRASE


@pytest.fixture(scope="session")
def demo_project(demo_raw_project):
    """The demo study ingested and pseudonymised: the project store every analysis reads."""
    from evaltoolkit.project import Project, pseudonymise_project

    pseudonymise_project(Project(demo_raw_project).unlock(DEMO_PASSPHRASE))
    return demo_raw_project


def execute_notebooks(folder: Path, parameters: dict[str, dict]) -> dict[str, str | None]:
    """Copy the committed notebooks named in ``parameters`` into ``folder`` and run each with
    papermill and its parameters, in order: ``{name: None, or "cell N: ErrorName"}``.

    Only the error's name and cell are kept: the traceback text may quote data.
    """
    import shutil

    import papermill

    folder.mkdir(parents=True, exist_ok=True)
    errors = {}
    for name, values in parameters.items():
        path = shutil.copy2(REPO_ROOT / "notebooks" / f"{name}.ipynb", folder / f"{name}.ipynb")
        try:
            papermill.execute_notebook(str(path), str(path), parameters=values, kernel_name="python3",
                                       cwd=str(folder), progress_bar=False, log_output=False)
            errors[name] = None
        except papermill.PapermillExecutionError as error:
            errors[name] = f"cell {error.exec_count}: {error.ename}"
    return errors
