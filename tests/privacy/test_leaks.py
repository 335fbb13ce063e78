"""The leak check finds identifiers planted in reports, notebooks and the store, and
prints where and what type, never the text."""
from __future__ import annotations

import json

import docx
import pytest
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.errors import PrivacyError
from evaltoolkit.project import Project, ensure_no_leaks, leak_check
from evaltoolkit.store import open_project_store

from .conftest import PASSPHRASE


def write_report(path, paragraphs, cell="[Sponsor 1]"):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Wie"
    table.cell(0, 1).text = cell
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def test_pseudonymised_project_passes_the_leak_check(pseudonymised):
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE))
    assert report.ok, "\n".join(report.lines())


def test_leak_planted_in_a_report_is_caught_with_place_and_type_only(pseudonymised):
    reports = pseudonymised.paths.reports
    write_report(reports / "maand.docx", ["Samenvatting.", "[Hervestiger 1] vertelt dat Khaled tevreden is."],
                 cell="bel 06-12345678")
    (reports / "quotes.md").write_text("Citaat van Amina Yusuf.\n", encoding="utf-8")
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE))
    assert report.lines() == [
        "reports/maand.docx paragraph 2 offset 28: person (key)",
        "reports/maand.docx table 1 row 1 cell 2 offset 4: phone (key)",
        "reports/quotes.md text offset 11: person (key)",
    ]
    assert "Khaled" not in str(report) and "Amina" not in str(report)


def test_leak_in_a_notebook_output_and_in_the_store_is_caught(pseudonymised):
    notebook = {"cells": [{"cell_type": "code", "source": "x", "outputs": [
        {"output_type": "stream", "name": "stdout", "text": ["ok\n", "mail k.alhassan@example.com\n"]}]},
        {"cell_type": "code", "source": ["who = 'Joke'\n"], "metadata": {"tags": ["parameters"]}, "outputs": []}],
        "metadata": {"widgets": {"state": {"1": {"value": "Khaled vertelde"}}}}, "nbformat": 4, "nbformat_minor": 5}
    pseudonymised.paths.notebooks.mkdir(parents=True, exist_ok=True)
    (pseudonymised.paths.notebooks / "analysis.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    store = open_project_store(pseudonymised.paths.store_url)
    memo = {"memo_id": "m1", "target_type": "project", "author": "anna", "text": "Joke belde",
            "created_at": "2024-08-01", "updated_at": "2024-08-01"}
    import pandas as pd

    store.write("memos", pd.DataFrame([memo]))
    lines = leak_check(Project(pseudonymised).unlock(PASSPHRASE)).lines()
    assert "notebooks/analysis.ipynb cell 1 output 1 offset 8: email (key)" in lines
    assert "notebooks/analysis.ipynb cell 2 source offset 7: person (key)" in lines
    assert any(line.startswith("notebooks/analysis.ipynb metadata offset ") for line in lines)
    assert "store:memos memo_id=m1 [text] offset 0: person (key)" in lines


def test_ensure_no_leaks_refuses_before_writing(pseudonymised):
    ensure_no_leaks(Project(pseudonymised).unlock(PASSPHRASE), {"draft": "[Sponsor 1] helpt [Hervestiger 2]."})
    with pytest.raises(PrivacyError) as error:
        ensure_no_leaks(Project(pseudonymised).unlock(PASSPHRASE), {"draft": "Piet helpt Amina."})
    assert str(error.value).startswith("Refusing to write: the leak check found identifiers (types and places "
                                       "only):\n  draft text offset 0: person (key)\n  draft text offset 11")
    assert "Amina" not in str(error.value)


def test_privacy_check_command_exits_non_zero_on_a_leak(pseudonymised, monkeypatch):
    monkeypatch.setenv(pseudonymised.privacy.passphrase_env, PASSPHRASE)
    runner = CliRunner()
    clean = runner.invoke(app, ["privacy", "check", "--project", str(pseudonymised.paths.root)])
    assert clean.exit_code == 0 and clean.output.startswith("No leaks found in")
    write_report(pseudonymised.paths.reports / "maand.docx", ["Joke Kok"])
    leaky = runner.invoke(app, ["privacy", "check", "--project", str(pseudonymised.paths.root)])
    assert leaky.exit_code == 1
    assert "reports/maand.docx paragraph 1 offset 0: person (key)" in leaky.output


def test_a_surname_that_is_a_common_word_is_not_a_leak_in_lower_case_topic_words():
    from evaltoolkit.privacy.leaks import LeakScanner

    scanner = LeakScanner({"groot": ("person", "key"), "de groot": ("person", "key")}, cased={"groot"})
    assert scanner.scan("probleem groot, woning klein") == []
    assert [kind for _, kind, _ in scanner.scan("mevrouw Groot belde")] == ["person"]
    assert [kind for _, kind, _ in scanner.scan("ik sprak met de groot gisteren")] == ["person"]
