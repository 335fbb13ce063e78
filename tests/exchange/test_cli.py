"""``evaltoolkit export qdc|qdpx`` and ``evaltoolkit import qdc|qdpx``."""
from __future__ import annotations

import shutil
import zipfile

import pytest
from .synthetic_project import EXCHANGE_DATA, write_project_store
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.codebook import load_codebook
from evaltoolkit.errors import CodebookError
from evaltoolkit.exchange import read_qdc
from evaltoolkit.store import open_project_store

runner = CliRunner()


@pytest.fixture
def project(tmp_path, repo_root):
    """An evaluation project folder with the synthetic codebook and project store."""
    root = tmp_path / "project"
    (root / "codebooks").mkdir(parents=True)
    shutil.copy2(repo_root / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copy2(EXCHANGE_DATA / "codebook.yaml", root / "codebooks" / "community_sponsorship.yaml")
    (root / "data" / "pseudonymised").mkdir(parents=True)
    write_project_store(root / "data" / "pseudonymised" / "project.sqlite").dispose()
    return root


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_export_qdc_writes_the_project_codebook(project, tmp_path):
    output = tmp_path / "out" / "codebook.qdc"

    printed = _run("export", "qdc", "--project", str(project), "--output", str(output))

    version = load_codebook(project / "codebooks" / "community_sponsorship.yaml").version
    assert printed == f"Wrote {output}: 6 codes of codebook exchange_test (version {version}).\n"
    assert output.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook')


@pytest.fixture
def gate_checks(monkeypatch) -> list:
    """Stands in for the leak check behind the output gate; records the texts of each call."""
    import evaltoolkit.project.privacy as privacy

    calls: list = []
    monkeypatch.setattr(privacy, "ensure_no_leaks", lambda project, texts: calls.append(texts))
    return calls


def test_export_qdpx_writes_the_whole_project(project, tmp_path, gate_checks):
    output = tmp_path / "project.qdpx"

    printed = _run("export", "qdpx", "--project", str(project), "--output", str(output))

    assert printed == f"Wrote {output}: 3 documents, 6 codings by 3 users, 2 cases, 4 notes.\n"
    assert len(gate_checks) == 1


def test_import_qdc_writes_codebook_yaml_beside_the_project_codebook(project, exchange_data):
    printed = _run("import", "qdc", str(exchange_data / "foreign_codebook.qdc"), "--project", str(project))

    output = project / "codebooks" / "foreign_codebook.yaml"
    version = read_qdc(exchange_data / "foreign_codebook.qdc").version
    first, second = printed.splitlines()
    assert first == f"Wrote {output}: 5 codes from {exchange_data / 'foreign_codebook.qdc'} (version {version})."
    assert second.startswith("3 codable codes have no definition yet (") and second.endswith(
        "): write one for each in foreign_codebook.yaml before coding with it; `evaltoolkit codebook validate` "
        "lists them.")
    # Codes the other program gave no description are listed until a researcher defines them.
    with pytest.raises(CodebookError) as error:
        load_codebook(output)
    assert str(error.value) == (
        f"{output} has 3 problems:\n"
        "  [codes -> 2 -> definition] is missing; a codable code needs a definition.\n"
        "  [codes -> 3 -> definition] is missing; a codable code needs a definition.\n"
        "  [codes -> 4 -> definition] is missing; a codable code needs a definition.")


def test_import_qdpx_writes_the_project_store_and_lists_what_was_left_out(project, tmp_path):
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(EXCHANGE_DATA / "foreign_project.qde", "project.qde")
        archive.write(EXCHANGE_DATA / "foreign_source.txt", "sources/E0000000-0000-4000-8000-000000000001.txt")

    result = runner.invoke(app, ["import", "qdpx", str(path), "--project", str(project), "--coder", "anna"],
                           env={"EVALTOOLKIT_KEY_PASSPHRASE": "passphrase for the synthetic exchange test"})
    assert result.exit_code == 0, result.output
    printed = result.output

    store_url = f"sqlite:///{project / 'data' / 'pseudonymised' / 'project.sqlite'}"
    lines = printed.splitlines()
    assert lines[0] == f"Imported {path} into {store_url}."
    assert "Written: 2 new documents, 3 new segments, 4 codings, 2 memos." in lines  # the note and the set
    assert "Sources: 2 new document" in lines
    assert len([line for line in lines if line.startswith("Dropped: ")]) == 4
    assert any(line.startswith("Codes:") for line in lines)
    store = open_project_store(store_url)
    assert len(store.read("documents")) == 5
    store.dispose()


def test_import_qdpx_into_a_project_without_codebook_writes_one_so_it_can_export_again(project, tmp_path):
    (project / "codebooks" / "community_sponsorship.yaml").unlink()
    store_file = project / "data" / "pseudonymised" / "project.sqlite"
    store_file.unlink()
    open_project_store(f"sqlite:///{store_file}").dispose()  # a new project: empty store, no codebook
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(EXCHANGE_DATA / "foreign_project.qde", "project.qde")
        archive.write(EXCHANGE_DATA / "foreign_source.txt", "sources/E0000000-0000-4000-8000-000000000001.txt")
    env = {"EVALTOOLKIT_KEY_PASSPHRASE": "passphrase for the synthetic exchange test"}

    result = runner.invoke(app, ["import", "qdpx", str(path), "--project", str(project)], env=env)
    assert result.exit_code == 0, result.output
    assert f"Codebook written to {project / 'codebooks' / 'community_sponsorship.yaml'}" in result.output
    codebook = load_codebook(project / "codebooks" / "community_sponsorship.yaml")
    assert {"buren", "brieven_post", "buren_2"} <= set(codebook.code_ids)
    assert all(code.definition for code in codebook.codes if code.codable)  # loads: says it has none yet

    exported = runner.invoke(app, ["export", "qdpx", "-o", str(tmp_path / "again.qdpx"), "--project", str(project)],
                             env=env)
    assert exported.exit_code == 0, exported.output


def test_import_qdpx_adds_the_files_new_codes_to_the_project_codebook(project, tmp_path):
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(EXCHANGE_DATA / "foreign_project.qde", "project.qde")
        archive.write(EXCHANGE_DATA / "foreign_source.txt", "sources/E0000000-0000-4000-8000-000000000001.txt")
    before = load_codebook(project / "codebooks" / "community_sponsorship.yaml")
    env = {"EVALTOOLKIT_KEY_PASSPHRASE": "passphrase for the synthetic exchange test"}

    result = runner.invoke(app, ["import", "qdpx", str(path), "--project", str(project)], env=env)
    assert result.exit_code == 0, result.output
    after = load_codebook(project / "codebooks" / "community_sponsorship.yaml")
    assert set(after.code_ids) - set(before.code_ids) == {"contact", "buren", "brieven_post", "buren_2"}
    for code in before.codes:  # the project's own codes are untouched
        assert after.code(code.code_id) == code
    exported = runner.invoke(app, ["export", "qdpx", "-o", str(tmp_path / "again.qdpx"), "--project", str(project)],
                             env=env)
    assert exported.exit_code == 0, exported.output


def test_taguette_codebook_csv_export_and_import(project, tmp_path):
    output = tmp_path / "codebook.csv"
    _run("export", "taguette", "-o", str(output), "--project", str(project))
    assert output.read_text(encoding="utf-8").splitlines()[0] == "tag,description"

    printed = _run("import", "taguette", str(output), "--project", str(project), "-o", str(tmp_path / "back.yaml"))
    assert "matched by name" in printed and "created" not in printed
    back = load_codebook(tmp_path / "back.yaml")
    reference = load_codebook(project / "codebooks" / "community_sponsorship.yaml")
    assert {c.code_id for c in back.codes if c.codable} == {c.code_id for c in reference.codes if c.codable}
