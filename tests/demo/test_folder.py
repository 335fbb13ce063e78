"""`evaltoolkit demo FOLDER`: the demo project written where the user says, and only there."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.demo.folder import DEMO_MARK, is_demo_project, project_files, write_demo_project
from evaltoolkit.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.mark.parametrize("name", sorted(project_files()))
def test_the_repositorys_demo_configuration_and_codebooks_are_the_package_data(name):
    assert (REPO / name).read_text(encoding="utf-8") == project_files()[name], (
        f"{name} differs from src/evaltoolkit/demo/project_files/{name}, its source: make the change there "
        "and run `make demo` (or copy the package data over the repository's file).")


def test_the_package_data_holds_the_demo_configuration_and_its_codebooks():
    assert sorted(project_files()) == ["codebooks/community_sponsorship.yaml", "codebooks/logic_model.yaml",
                                       "evaltoolkit.yaml"]


def test_the_demo_is_written_into_a_new_folder_and_again_over_itself(tmp_path):
    first = write_demo_project(tmp_path / "demo")
    root = tmp_path / "demo"
    assert [p.relative_to(root).as_posix() for p in first.written] == sorted(project_files())
    assert first.kept == () and is_demo_project(root)
    assert (root / "data/raw/demo/README.md").read_text(encoding="utf-8").startswith(DEMO_MARK)
    assert (root / "data/raw/demo/manifest.csv").is_file()
    again = write_demo_project(root)
    assert again.written == () and len(again.kept) == 3


def test_a_folder_that_is_not_empty_and_holds_no_demo_is_refused(tmp_path):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.docx").write_bytes(b"x")
    with pytest.raises(ConfigError) as error:
        write_demo_project(tmp_path / "thesis")
    assert str(error.value) == (
        f"{tmp_path / 'thesis'} is not empty and holds no demo study (data/raw/demo/README.md is missing). "
        "`evaltoolkit demo` writes only into a new or empty folder or an earlier demo: name another folder, "
        "e.g. evaltoolkit-demo.")
    assert [p.name for p in (tmp_path / "thesis").iterdir()] == ["chapter1.docx"]


def test_an_edited_demo_configuration_is_not_overwritten(tmp_path):
    root = tmp_path / "demo"
    write_demo_project(root)
    edited = (root / "evaltoolkit.yaml").read_text(encoding="utf-8") + "# my note\n"
    (root / "evaltoolkit.yaml").write_text(edited, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        write_demo_project(root)
    assert str(error.value) == (
        f"{root}: evaltoolkit.yaml differs from the demo's own (package data evaltoolkit/demo/project_files/). "
        "`evaltoolkit demo` does not overwrite edited files: move them away, or write the demo into a new folder. "
        "(Developing evaltoolkit? The package data is the source: make the change there.)")
    assert (root / "evaltoolkit.yaml").read_text(encoding="utf-8") == edited


@pytest.mark.slow
def test_demo_run_from_another_folder_writes_only_into_the_named_folder(tmp_path, monkeypatch):
    elsewhere, target = tmp_path / "elsewhere", tmp_path / "target"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("EVALTOOLKIT_KEY_PASSPHRASE", raising=False)    # the demo's own passphrase is used
    before = _project_files_of_the_checkout()
    result = runner.invoke(app, ["demo", str(target), "--no-topics"])
    assert result.exit_code == 0, result.output
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "target"]
    assert result.output.splitlines()[-1] == f"Report written: {(target / 'reports' / 'report_2024-10.docx').resolve()}"
    assert (target / "reports" / "report_2024-10.docx").is_file()
    assert sorted(p.name for p in (target / "notebooks").iterdir())[0] == "01_ingest_and_pseudonymise.ipynb"
    assert _project_files_of_the_checkout() == before     # the checkout's own demo project is untouched
    assert os.getcwd() == str(elsewhere)


def _project_files_of_the_checkout() -> dict[str, int]:
    """Path -> modification time of what a chain run writes in a project (this checkout is one)."""
    places = [REPO / name for name in ("evaltoolkit.yaml", "codebooks", "notebooks", "data", "keys", "reports")]
    files = [p for place in places for p in ([place] if place.is_file() else place.rglob("*")) if p.is_file()]
    return {p.relative_to(REPO).as_posix(): p.stat().st_mtime_ns for p in files}
