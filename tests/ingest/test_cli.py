"""`evaltoolkit ingest` and `evaltoolkit status` (`evaltoolkit init`: tests/project/test_init.py)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.errors import InputError

from .builders import MANIFEST, MANIFEST_HEADER, make_project, write_csv

runner = CliRunner()


def test_ingest_prints_a_summary_and_then_the_status_counts(tmp_path):
    root = make_project(tmp_path / "p")
    result = runner.invoke(app, ["ingest", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "│ new    │     6 │         7 │       20 │" in result.output
    assert "1 survey responses skipped (no consent or withdrawn)." in result.output
    status = runner.invoke(app, ["status", "--project", str(root)])
    assert status.exit_code == 0, status.output
    lines = status.output.splitlines()
    assert "│ hervestiger │ stad_a │ r1    │ interview │         1 │        5 │" in lines
    assert "│ sponsor     │ stad_b │ r1    │ survey    │         1 │        1 │" in lines
    assert "│ hervestiger │ refugee     │     4 │         2 │          1 │         1 │" in lines
    assert "│ segments     │        20 │             - │" in lines
    for name in ("Testpersoon", "brieven", "example.org"):
        assert name not in status.output and name not in result.output


def test_ingest_with_bad_files_exits_with_all_problems_after_the_summary(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "data/raw/kapot.docx").write_bytes(b"kapot")
    write_csv(root / "data/raw/manifest.csv", MANIFEST_HEADER,
              MANIFEST + [["kapot.docx", "kapot", "meeting", "", "", "", "", "nl", "", "", "", "", ""]])
    result = runner.invoke(app, ["ingest", "--project", str(root)])
    assert isinstance(result.exception, InputError)
    assert str(result.exception) == (
        "1 of the files could not be ingested:\ndata/raw/kapot.docx: not a readable .docx file (it is damaged, "
        "or not a Word document). Open it in Word and save it again as .docx.")
    assert "│ failed │     1 │" in result.output


def test_status_before_ingestion_says_what_to_do(tmp_path):
    root = make_project(tmp_path / "p")
    result = runner.invoke(app, ["status", "--project", str(root)])
    assert result.exit_code == 0
    assert "Nothing ingested yet: run `evaltoolkit ingest`." in result.output


@pytest.mark.parametrize("command", ["ingest", "status"])
def test_every_command_is_documented(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and len(result.output) > 100


def test_ingest_warns_in_one_line_about_files_the_manifest_does_not_list(tmp_path):
    root = make_project(tmp_path / "p")
    (root / "data/raw/vergeten.docx").write_bytes(b"x")
    (root / "data/raw/extra.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["ingest", "--project", str(root)])
    assert result.exit_code == 0, result.output
    raw = (root / "data" / "raw").resolve()
    warning = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert warning == [f"Warning: 2 files are in {raw} but not in manifest.csv, so not read: extra.txt, "
                       f"vergeten.docx. List each in manifest.csv to ingest it, or in {raw / '.evaltoolkitignore'} "
                       "(one pattern a line) to leave it out."]
