"""The leak check finds identifiers planted in reports, notebooks and the store, and
prints where and what type, never the text."""
from __future__ import annotations

import json
from pathlib import Path

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


@pytest.mark.parametrize("disguised", [
    "Kha\u200bled",        # a zero-width space inside
    "Kha\u00adled",        # a soft hyphen
    "Kh\u0430led",        # a Cyrillic look-alike "а"
    "\uff2b\uff48\uff41\uff4c\uff45\uff44",    # full-width letters
])
def test_a_disguised_name_is_still_a_leak(pseudonymised, disguised):
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE), paths=[
        _write(pseudonymised.paths.reports / "draft.md", f"Citaat: {disguised} vertelde over zijn werk.")])
    assert [line.split(": ")[-1] for line in report.lines()] == ["person (key)"]


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_text_column_of_the_store_is_scanned(pseudonymised):
    import pandas as pd

    store = open_project_store(pseudonymised.paths.store_url)
    store.write("codebook_versions", pd.DataFrame([{
        "codebook_id": "cb", "version": "v9", "created_at": "2024-08-01",
        "content": "codes:\n- id: hulp\n  definition: hulp van Amina Yusuf"}]))
    store.write("events", pd.DataFrame([{"event_id": "e1", "kind": "training", "occurred_on": "2024-08-01",
                                         "count": 1, "description": "training gegeven door Pieter Bakker"}]))
    store.write("insights", pd.DataFrame([{"insight_id": "i1", "kind": "key_insight", "title": "t", "text": "x",
                                           "owner": "Joke", "status": "open", "created_on": "2024-08-01",
                                           "updated_on": "2024-08-01"}]))
    store.audit(actor="Ellen Visser", action="memo.write")
    locations = {line.split(" offset ")[0] for line in leak_check(Project(pseudonymised).unlock(PASSPHRASE)).lines()}
    assert {loc.split(" ")[0] for loc in locations} >= {"store:codebook_versions", "store:events", "store:insights",
                                                        "store:audit_log"}
    assert any(loc.startswith("store:insights insight_id=i1 [owner]") for loc in locations)
    assert any(loc.startswith("store:audit_log") and loc.endswith("[actor]") for loc in locations)


def test_every_kind_of_output_file_is_scanned(pseudonymised):
    import pickle
    import zipfile

    import joblib
    import numpy as np
    import openpyxl

    out = pseudonymised.paths.pseudonymised / "exports"
    out.mkdir(parents=True, exist_ok=True)
    (out / "codebook.qdc").write_text('<CodeBook><Codes><Code name="hulp van Amina"/></Codes></CodeBook>',
                                      encoding="utf-8")
    with zipfile.ZipFile(out / "project.qdpx", "w") as archive:
        archive.writestr("project.qde", "<Project><Users><User name='x'/></Users></Project>")
        archive.writestr("sources/1.txt", "Khaled vertelde over school.")
    (out / "themes.csv").write_text("topic,terms\n1,amina yusuf werk\n", encoding="utf-8")
    workbook = openpyxl.Workbook()
    workbook.active.append(["segment", "Piet zei dat"])
    workbook.save(out / "review.xlsx")
    models = pseudonymised.paths.models / "v1"
    models.mkdir(parents=True, exist_ok=True)
    (models / "bertopic.pickle").write_bytes(pickle.dumps({"representative_docs": {0: ["Khaled belde mij"]}}))
    joblib.dump({"rows": ["Joke hielp ons"]}, models / "modeler.joblib")
    np.savez(models / "cache.npz", texts=np.array(["bel 06-12345678", "iets"]))
    files = {line.split(" ")[0] for line in leak_check(Project(pseudonymised).unlock(PASSPHRASE)).lines()}
    assert files >= {"data/pseudonymised/exports/codebook.qdc", "data/pseudonymised/exports/project.qdpx",
                     "data/pseudonymised/exports/themes.csv", "data/pseudonymised/exports/review.xlsx",
                     "data/pseudonymised/models/v1/bertopic.pickle", "data/pseudonymised/models/v1/modeler.joblib",
                     "data/pseudonymised/models/v1/cache.npz"}


def test_numbers_in_model_files_are_not_read_as_names(pseudonymised):
    """Embeddings and fitted weights are bytes of numbers; some runs of them are printable and
    would match short names by chance. Only text someone wrote counts."""
    import joblib
    import numpy as np

    rng = np.random.default_rng(7)
    models = pseudonymised.paths.models / "numbers"
    models.mkdir(parents=True, exist_ok=True)
    np.savez(models / "vectors.npz", vectors=rng.standard_normal((2000, 64)).astype("float32"))
    joblib.dump({"weights": rng.standard_normal((3000, 50)), "vocabulary": ["vree", "groot", "mevr"]},
                models / "suggester.joblib")
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE), paths=sorted(models.iterdir()))
    assert report.lines() == []


def test_a_qdpx_is_read_for_what_people_wrote_not_its_guids_and_positions(pseudonymised):
    import zipfile

    out = pseudonymised.paths.pseudonymised / "exports"
    out.mkdir(parents=True, exist_ok=True)
    selection = ('<PlainTextSelection guid="00380294-6241-5eaf-8b22-9dabcb2b3c4d" name="{name}" startPosition="9000" '
                 'endPosition="10115" creationDateTime="2024-10-01T10:00:00Z"/>')
    clean, leaking = out / "clean.qdpx", out / "leaking.qdpx"
    for path, name in ((clean, "int_01:0012"), (leaking, "Khaled thuis")):
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("project.qde", f"<Project><Sources>{selection.format(name=name)}</Sources></Project>")
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE), paths=[clean, leaking])
    assert {Path(line.split(" ")[0]).name for line in report.lines()} == {"leaking.qdpx"}


def test_anything_the_patterns_would_replace_is_a_leak(pseudonymised):
    text = "Zie www.bakkerijpeeters.be, bel 09 223 45 67, IBAN BE12 3456 7890 1234, IP 192.168.1.20."
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE),
                        paths=[_write(pseudonymised.paths.reports / "x.md", text)])
    assert [line.split(": ")[-1] for line in report.lines()] == [
        "url (pattern)", "phone (pattern)", "iban (pattern)", "ip_address (pattern)"]


def test_the_output_gate_uses_the_key_even_when_the_project_was_not_unlocked(pseudonymised, monkeypatch):
    from evaltoolkit.privacy import load_key

    key = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    detected_only = next(e.surfaces[0] for e in key.entities.values()
                         if e.participant_id is None and e.entity_type == "person")
    monkeypatch.delenv(pseudonymised.privacy.passphrase_env, raising=False)
    with pytest.raises(PrivacyError) as error:
        ensure_no_leaks(Project(pseudonymised), {"draft": "Niets bijzonders."})
    assert str(error.value).startswith("Refusing to write: an output passes the leak check with every entry of "
                                       "the pseudonymisation key")
    monkeypatch.setenv(pseudonymised.privacy.passphrase_env, PASSPHRASE)
    with pytest.raises(PrivacyError):   # a name only the key knows (not in the register)
        ensure_no_leaks(Project(pseudonymised), {"draft": f"Citaat over {detected_only}."})


def test_a_written_output_with_a_leak_is_deleted(pseudonymised):
    from evaltoolkit.project.outputs import checked_file

    path = write_report(pseudonymised.paths.reports / "oktober.docx", ["Khaled vertelde."])
    with pytest.raises(PrivacyError):
        checked_file(Project(pseudonymised).unlock(PASSPHRASE), path)
    assert not path.exists()


# ------------------------------------------------------------------ every writer refuses
def _codebook_naming(config, definition):
    from evaltoolkit.codebook import save_codebook
    from evaltoolkit.codebook.model import Code, Codebook

    save_codebook(Codebook("cb", "Codeboek", "v1", "nl", (Code("hulp", "Hulp", definition=definition),)),
                  config.paths.codebook)


def _plant_segment(config, text, *, in_segment=True):
    """A suggested coding and a memo on a segment; the memo (and the segment's text, when
    ``in_segment``) carries ``text``, as a leak upstream would."""
    import pandas as pd

    store = open_project_store(config.paths.store_url)
    segment = store.read("segments").iloc[[0]]
    if in_segment:
        store.write("segments", segment.assign(text=text), mode="upsert")
    store.write("codings", pd.DataFrame([{
        "segment_id": segment["segment_id"].iloc[0], "code_id": "hulp", "coder": "rules:keyword_rules.v1",
        "source": "rule", "status": "suggested", "confidence": 0.9, "created_at": pd.Timestamp("2024-08-01")}]))
    store.write("memos", pd.DataFrame([{
        "memo_id": "m1", "target_type": "segment", "target_id": segment["segment_id"].iloc[0], "author": "anna",
        "text": text, "created_at": pd.Timestamp("2024-08-01"), "updated_at": pd.Timestamp("2024-08-01")}]))


def _report(project, target):
    from evaltoolkit.project.outputs import checked_output

    checked_output(project, target, {"report": "Een deelnemer (Kha\u200bled) vertelde over werk."})


def _qdc(project, target):
    from evaltoolkit.project.exchange import export_project_qdc

    _codebook_naming(project.config, "Hulp van Amina Yusuf aan de buren.")
    export_project_qdc(project, target)


def _taguette(project, target):
    from evaltoolkit.project.exchange import export_project_taguette

    _codebook_naming(project.config, "Hulp van \uff2a\uff4f\uff4b\uff45 aan de buren.")   # full-width Joke
    export_project_taguette(project, target)


def _qdpx(project, target):
    from evaltoolkit.project.exchange import export_project_qdpx

    _codebook_naming(project.config, "Hulp.")
    _plant_segment(project.config, "Toen belde Kh\u0430led Al-Hassan mij.", in_segment=False)   # a Cyrillic a
    export_project_qdpx(project, target)


def _coding_review(project, target):
    from evaltoolkit.coding.spreadsheet import export_review
    from evaltoolkit.project.outputs import output_check, output_path

    _plant_segment(project.config, "Pieter Bakker kwam elke week.")
    export_review(project.store, output_path(project, target), check_texts=output_check(project))


def _themes(project, target):
    import pandas as pd

    from evaltoolkit.project.topics import write_emergent_themes

    write_emergent_themes(project, pd.DataFrame({"topic_id": [3], "size": [12], "top_terms": ["werk, ellen visser"]}),
                          target)


@pytest.mark.parametrize("writer, name", [
    (_report, "report_2024-10.docx"), (_qdc, "codebook.qdc"), (_taguette, "codebook.csv"), (_qdpx, "project.qdpx"),
    (_coding_review, "review.xlsx"), (_themes, "emergent_themes.csv")],
    ids=["report docx", "qdc", "taguette csv", "qdpx", "coding review xlsx", "emergent themes csv"])
def test_every_writer_refuses_a_planted_identifier_and_writes_nothing(pseudonymised, writer, name):
    target = pseudonymised.paths.reports / name
    with pytest.raises(PrivacyError) as error:
        writer(Project(pseudonymised).unlock(PASSPHRASE), target)
    assert "person" in str(error.value)
    for word in ("Khaled", "Kh\u0430led", "Amina", "Joke", "\uff2a\uff4f\uff4b\uff45", "Pieter", "Ellen"):
        assert word not in str(error.value)
    assert not target.exists()


@pytest.mark.parametrize("disguised", [
    "Kha\u200bled", "Kha\u00adled", "Kh\u0430led", "\uff2b\uff48\uff41\uff4c\uff45\uff44",
    "K\u200dh\u0430l\u200ced"])   # zero-width, soft hyphen, Cyrillic a, full-width, all at once
def test_the_output_gate_refuses_a_disguised_name(pseudonymised, disguised):
    with pytest.raises(PrivacyError):
        ensure_no_leaks(Project(pseudonymised).unlock(PASSPHRASE), {"draft": f"Citaat: {disguised} vertelde."})


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32", "utf-8-sig"])
def test_a_name_in_a_text_file_of_any_unicode_encoding_is_a_leak(pseudonymised, encoding):
    """Excel's "Unicode text" export is UTF-16: read as UTF-8 a name in it is no name."""
    path = pseudonymised.paths.reports / "themes.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes("thema,citaat\nwerk,Khaled vertelde over werk\n".encode(encoding))
    report = leak_check(Project(pseudonymised).unlock(PASSPHRASE), paths=[path])
    assert [line.split(": ")[-1] for line in report.lines()] == ["person (key)"]
