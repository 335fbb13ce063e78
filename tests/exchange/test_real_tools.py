"""REFI-QDA files written by real tools (NVivo, ATLAS.ti, QualCoder, Taguette) in and out.

The files live in ../shared/refi-qda/ (see its SOURCES.md); every test here skips when
that folder is absent.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from lxml import etree

from evaltoolkit.codebook import load_codebook
from evaltoolkit.config import load_config
from evaltoolkit.exchange import export_qdpx, read_qdc, read_qdpx, validate_qdpx, write_imported_project
from evaltoolkit.exchange.codes import CREATED, MATCHED_BY_NAME
from evaltoolkit.exchange.positions import Utf16Positions
from evaltoolkit.exchange.taguette import read_taguette_csv, write_taguette_csv
from evaltoolkit.project import Project, import_project_qdpx


DEMO_PASSPHRASE = "test-passphrase-for-the-synthetic-demo"  # as tests/conftest.py gives the demo
PROJECT_FILES = ("nvivo_win12_oltas.qdpx", "nvivo_project.qdpx", "atlas_t_project.qde", "atlas_b_project.qde",
                 "blank-atlas.qdpx", "target-atlas.qdpx", "qualcoder_demo_roundtrip.qdpx")
CODEBOOK_FILES = ("qualcoder_codebook.qdc", "taguette_codebook.qdc")
NESTED_PLACEHOLDER = re.compile(r"\[[^\]\n]*\[")


def _refi_file(refi_dir, name):
    path = refi_dir / name
    if not path.is_file():
        pytest.skip(f"../shared/refi-qda/{name} is not present")
    return path


def test_utf16_positions_become_code_points_around_wide_characters():
    text = "a\U0001F600b\U0001F600c"
    positions = Utf16Positions(text)
    # code units: a=0, emoji=1-2, b=3, emoji=4-5, c=6; end=7
    assert [positions.code_point(unit) for unit in range(8)] == [0, 1, 1, 2, 3, 3, 4, 5]


def test_real_nvivo_windows_codings_land_on_word_boundaries(refi_dir):
    imported = read_qdpx(_refi_file(refi_dir, "nvivo_win12_oltas.qdpx"))
    cut, total = imported.boundaries
    assert total == 2 * len(imported.selections) == 606
    assert cut / total <= 0.02, f"{cut} of {total} boundaries inside words"
    assert any("UTF-16 code units" in said and "NVivo" in said for said in imported.conversions)
    assert len(imported.codings) == 303 and set(imported.codings["coder"].dropna()) <= {"Gergo", "floriansipos"}


WIDE_TEXT = "Hallo \U0001F600 beste wereld, en nog meer woorden hier."


def _one_selection_project(tmp_path, origin: str, start: int, end: int):
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="{origin}">
  <CodeBook><Codes><Code guid="a0000000-0000-4000-8000-000000000001" name="Groet" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="d0000000-0000-4000-8000-000000000001" name="doc">
    <PlainTextContent>{WIDE_TEXT}</PlainTextContent>
    <PlainTextSelection guid="f0000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{end}">
      <Coding guid="f1000000-0000-4000-8000-000000000001">
        <CodeRef targetGUID="a0000000-0000-4000-8000-000000000001"/>
      </Coding>
    </PlainTextSelection>
  </TextSource></Sources>
</Project>"""
    path = tmp_path / f"{start}.qde"
    path.write_text(qde, encoding="utf-8")
    return path


@pytest.mark.parametrize(("origin", "in_utf16"), [("NVivo for Mac 12.7", True), ("NVivo for Mac 15.0", False),
                                                  ("Some QDA 2.0", True), ("Some QDA 2.0", False)])
def test_positions_are_read_in_the_unit_that_puts_boundaries_between_words(tmp_path, origin, in_utf16):
    start, end = WIDE_TEXT.index("wereld"), WIDE_TEXT.index("wereld") + len("wereld")
    shift = 1 if in_utf16 else 0  # the emoji before counts twice in UTF-16
    path = _one_selection_project(tmp_path, origin, start + shift, end + shift)
    imported = read_qdpx(path)
    selection = imported.selections.iloc[0]
    assert WIDE_TEXT[selection["start"]:selection["end"]] == "wereld"
    assert imported.boundaries == (0, 2)
    assert imported.conversions and ("converted" in imported.conversions[0]) == in_utf16


def test_another_real_nvivo_export_kept_outside_the_repository_lands_on_word_boundaries():
    """Set EVALTOOLKIT_NVIVO_EXPORT to a real NVivo .qdpx with codings (never commit one)."""
    path = os.environ.get("EVALTOOLKIT_NVIVO_EXPORT")
    if not path or not Path(path).is_file():
        pytest.skip("EVALTOOLKIT_NVIVO_EXPORT does not name a real NVivo export with codings")
    imported = read_qdpx(path)
    cut, total = imported.boundaries
    assert total > 0, "the export holds no text selections"
    assert cut / total <= 0.02, f"{cut} of {total} boundaries inside words"


def test_a_file_without_a_producer_is_checked_and_converted_when_that_fits_better(refi_dir, tmp_path):
    source = _refi_file(refi_dir, "nvivo_win12_oltas.qdpx")
    anonymous = tmp_path / "anonymous.qdpx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(anonymous, "w") as copy:
        for name in original.namelist():
            data = original.read(name)
            if name == "project.qde":
                data = data.replace(b'origin="NVivo for Windows 12.6"', b'origin="unknown"')
            copy.writestr(name, data)
    imported = read_qdpx(anonymous)
    assert imported.boundaries[0] / imported.boundaries[1] <= 0.02
    assert any("boundaries checked" in said for said in imported.conversions)


@pytest.mark.parametrize("name", PROJECT_FILES)
def test_every_real_project_file_round_trips_through_a_store(refi_dir, name, empty_store, tmp_path):
    imported = read_qdpx(_refi_file(refi_dir, name))
    written = write_imported_project(imported, empty_store)
    texts = imported.sources["text"].notna()
    assert written.documents == int(texts.sum())
    if imported.codebook is None:
        return  # a file without codes (blank ATLAS.ti project) cannot be exported again
    summary = export_qdpx(empty_store, imported.codebook, tmp_path / "again.qdpx", name="again",
                          check_texts=lambda texts: None)
    again = read_qdpx(summary.path)
    assert len(again.sources) == int(texts.sum())
    # every coding comes back, once per (segment, code, coder)
    assert len(again.codings) == len(empty_store.read("codings")) == written.codings
    assert set(again.codings["coder"].dropna()) <= set(imported.codings["coder"].dropna()) | {"imported"}


@pytest.mark.parametrize("name", CODEBOOK_FILES)
def test_every_real_codebook_file_imports(refi_dir, name):
    codebook = read_qdc(_refi_file(refi_dir, name))
    assert codebook.codes


def test_taguette_codes_never_take_over_an_existing_code(refi_dir, repo_root):
    reference = load_codebook(repo_root / "codebooks" / "community_sponsorship.yaml")
    codebook = read_qdc(_refi_file(refi_dir, "taguette_codebook.qdc"), reference=reference)
    werkdruk = [code for code in codebook.codes if code.label_nl == "Werkdruk"]
    assert len(werkdruk) == 1 and werkdruk[0].code_id != "werkdruk"  # "Werkdruk van professionals" is another code
    assert werkdruk[0].patterns == () and werkdruk[0].definition == ""
    meerwaarde = codebook.code("meerwaarde")  # same label: matched by name, and said so
    assert meerwaarde.definition == reference.code("meerwaarde").definition


def test_taguette_codebook_csv_round_trip(repo_root, tmp_path):
    reference = load_codebook(repo_root / "codebooks" / "community_sponsorship.yaml")
    path = write_taguette_csv(reference, tmp_path / "codebook.csv")
    table = pd.read_csv(path)
    assert list(table.columns) == ["tag", "description"]
    codable = [code for code in reference.codes if code.codable]
    assert len(table) == len(codable)
    codebook, matches = read_taguette_csv(path, reference=reference)
    assert set(matches["match"]) == {MATCHED_BY_NAME}
    for code in codable:
        back = codebook.code(code.code_id)
        assert (back.definition, back.inclusion, back.exclusion, back.parent_id) == (
            code.definition, code.inclusion, code.exclusion, code.parent_id)
    fresh, fresh_matches = read_taguette_csv(path)  # into a project without a codebook
    assert set(fresh_matches["match"]) == {CREATED} and len(fresh.codes) == len(codable)
    assert {code.definition for code in fresh.codes} == {code.definition for code in codable}


# ------------------------------------------------------------------ the demo and QualCoder
@pytest.fixture
def demo_copy(demo_project, tmp_path):
    """A copy of the pseudonymised demo project with codings by two coders and a memo."""
    root = shutil.copytree(demo_project.paths.root, tmp_path / "demo")
    project = Project(load_config(root)).unlock(DEMO_PASSPHRASE)
    segments = project.store.read("segments").sort_values("segment_id").iloc[::3].head(6)  # ids with gaps
    code_ids = [code.code_id for code in project.codebook.codes if code.codable and code.dimension == "theme"]
    now = dt.datetime(2026, 1, 5, 10, 0)
    rows = [{"segment_id": sid, "code_id": code_ids[n % len(code_ids)], "coder": coder, "source": "manual",
             "status": "accepted", "codebook_version": project.codebook.version, "reviewed_by": coder,
             "reviewed_at": now, "created_at": now}
            for n, sid in enumerate(segments["segment_id"]) for coder in ("coder_a", "coder_b")]
    project.store.write("codings", pd.DataFrame(rows))
    project.store.write("memos", pd.DataFrame([{
        "memo_id": "memo-1", "target_type": "segment", "target_id": segments["segment_id"].iloc[0],
        "author": "coder_b", "text": "Coding memo of coder b.", "created_at": now, "updated_at": now}]))
    return project


def test_export_works_on_the_stock_demo_without_memos(demo_project, tmp_path):
    project = Project(load_config(demo_project.paths.root))
    assert project.store.read("memos").empty
    summary = export_qdpx(project.store, project.codebook, tmp_path / "demo.qdpx", name="demo",
                          check_texts=lambda texts: None)
    assert summary.documents > 0 and summary.notes == 0


def test_export_writes_one_selection_per_coder_and_the_memo_as_note_and_description(demo_copy, tmp_path, refi_dir):
    summary = export_qdpx(demo_copy.store, demo_copy.codebook, tmp_path / "demo.qdpx", name="demo",
                          check_texts=lambda texts: None)
    validate_qdpx(summary.path, schema=_refi_file(refi_dir, "Project-mrt2019.xsd"))
    with zipfile.ZipFile(summary.path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        users = {u.get("guid"): u.get("name") for u in root.iter("{*}User")}
        for selection in root.iter("{*}PlainTextSelection"):  # QualCoder credits the selection's user
            assert {c.get("creatingUser") for c in selection.iter("{*}Coding")} <= {selection.get("creatingUser")}
        credited = {users[s.get("creatingUser")] for s in root.iter("{*}PlainTextSelection")}
        assert credited == {"coder_a", "coder_b"}
        described = [s for s in root.iter("{*}PlainTextSelection") if s.find("{*}Description") is not None]
        assert [users[s.get("creatingUser")] for s in described] == ["coder_b"]
        note = next(root.iter("{*}Note"))
        assert archive.read(f"sources/{note.get('guid')}.txt") == b"Coding memo of coder b."
        variables = {v.get("name") for v in root.iter("{*}Variable")}
        assert {"perspective", "doc_perspective"} <= variables


def test_qualcoder_export_of_the_demo_comes_back_without_new_documents_or_nested_placeholders(demo_copy, refi_dir):
    path = _refi_file(refi_dir, "qualcoder_demo_roundtrip.qdpx")
    before = {table: demo_copy.store.read(table) for table in ("documents", "codings", "memos", "segments")}
    key_before = len(demo_copy.key())
    imported, report = import_project_qdpx(demo_copy, path)
    store = demo_copy.store
    documents = store.read("documents")
    assert len(documents) == len(before["documents"]) and report.written.documents == 0
    assert set(report.sources["match"]) <= {m for m in report.sources["match"] if m.startswith("same ")}
    assert not documents["text"].str.contains(NESTED_PLACEHOLDER).any()
    assert not store.read("segments")["text"].str.contains(NESTED_PLACEHOLDER).any()
    codings = store.read("codings")
    assert {"coder_a", "coder_b"} <= set(codings["coder"])  # both coders kept
    assert (codings["coder"] == "coder_b").sum() == (before["codings"]["coder"] == "coder_b").sum()
    assert set(store.read("memos")["memo_id"]) >= set(before["memos"]["memo_id"])
    assert report.written.codings == len(imported.codings) == 2434
    assert (report.codes["match"] != CREATED).all()
    assert len(demo_copy.key()) == key_before  # nobody invented
    assert "Came in:" in report.text() and "Sources:" in report.text()


# ------------------------------------------------------------- memos, sets and the report
def _foreign_with_coding_memo(exchange_data, tmp_path):
    qde = (exchange_data / "foreign_project.qde").read_text(encoding="utf-8")
    qde = qde.replace('startPosition="110" endPosition="150">',
                      'startPosition="110" endPosition="150" creatingUser="22222222-BBBB-4BBB-8BBB-222222222222">'
                      "\n        <Description>Coding memo of B.</Description>", 1)
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        archive.write(exchange_data / "foreign_source.txt", "sources/E0000000-0000-4000-8000-000000000001.txt")
    return path


def test_coding_memos_and_sets_of_another_program_become_memos(exchange_data, tmp_path, empty_store):
    imported = read_qdpx(_foreign_with_coding_memo(exchange_data, tmp_path))
    assert imported.selections["description"].dropna().tolist() == ["Coding memo of B."]
    write_imported_project(imported, empty_store)
    memos = empty_store.read("memos").set_index("memo_id")
    coding_memo = memos.loc[f"qdpx-{imported.selections['selection_guid'].iloc[1]}"]
    assert (coding_memo["target_type"], coding_memo["author"], coding_memo["text"]) == (
        "segment", "Researcher B", "Coding memo of B.")
    segment = empty_store.read("segments").set_index("segment_id").loc[coding_memo["target_id"]]
    assert (segment["start_char"], segment["end_char"]) == (110, 150)
    set_memo = memos.loc["qdpx-set-50000000-0000-4000-8000-000000000001"]
    assert set_memo["target_type"] == "project"
    assert set_memo["text"] == "Set 'Contactcodes' from Synthetic QDA 1.0: documents: gesprek_2; codes: buren."
    # importing the same file again adds no memo
    write_imported_project(imported, empty_store)
    assert len(empty_store.read("memos")) == len(memos)


def test_the_import_report_says_what_came_in_was_matched_and_dropped(exchange_data, tmp_path, repo_root):
    from evaltoolkit.exchange.report import import_report

    reference = load_codebook(repo_root / "codebooks" / "community_sponsorship.yaml")
    imported = read_qdpx(_foreign_with_coding_memo(exchange_data, tmp_path), reference=reference)
    report = import_report("foreign.qdpx", imported)
    text = report.text()
    assert text.splitlines()[0] == "Import of foreign.qdpx (written by Synthetic QDA 1.0)"
    assert "Came in: 2 users, 4 codes, 3 sources, 4 codings, 1 cases, 1 variables, 1 notes, 1 sets" in text
    assert set(report.codes["match"]) == {CREATED}
    assert len([line for line in text.splitlines() if line.startswith("Dropped: ")]) == len(imported.notices) == 4
    assert "Notities" not in text and "Coding memo" not in text  # names and ids only, never text


def test_a_segment_coded_by_two_coders_keeps_its_id_whatever_order_the_selections_come_in(
        demo_copy, tmp_path, empty_store):
    summary = export_qdpx(demo_copy.store, demo_copy.codebook, tmp_path / "demo.qdpx", name="demo",
                          check_texts=lambda texts: None)
    imported = read_qdpx(summary.path, reference=demo_copy.codebook)
    reversed_order = imported.selections.iloc[::-1].reset_index(drop=True)  # the second coder's selection first
    write_imported_project(dataclasses.replace(imported, selections=reversed_order), empty_store)
    coded = demo_copy.store.read("codings")
    back = empty_store.read("codings")
    assert sorted(zip(back["segment_id"], back["code_id"], back["coder"])) == sorted(
        zip(coded["segment_id"], coded["code_id"], coded["coder"]))
