"""Input that would damage data is refused with the file, the row or line, and the fix
(README: "Bad input"); nothing is dropped without a word, and a file can be read again."""
from __future__ import annotations

import os
import unicodedata

import pandas as pd
import pytest

from evaltoolkit.config import load_config
from evaltoolkit.errors import InputError
from evaltoolkit.ingest import read_cues, read_survey_export
from evaltoolkit.project import Project, ingest
from evaltoolkit.store import open_raw_store

from .builders import MANIFEST, MANIFEST_HEADER, write_csv, write_xlsx

FOCUS_GROUP = ["interview_r1.txt", "int_r1_a", "interview", "hervestiger", "stad_a", "", "2024-06-03", "nl", "ar",
               "TK01", "HV01;HV02;IV01", "Interview 1", ""]
PARTICIPANT_WORDS = ("taalles", "moeilijk", "Testpersoon")


def _row(file: str, doc_id: str, kind: str = "meeting") -> list[str]:
    return [file, doc_id, kind, "teamleider", "", "", "2024-01-15", "nl", "", "", "", "", ""]


def _ingest(config, rows=None, **kwargs):
    if rows is not None:
        write_csv(config.paths.raw / "manifest.csv", MANIFEST_HEADER, rows)
        config = load_config(config.paths.root)
    return ingest(Project(config), **kwargs)


def _documents(config) -> pd.DataFrame:
    with open_raw_store(config.paths.raw_store) as store:
        return store.read("raw_documents").set_index("doc_id")


def _segments(config, doc_id: str) -> int:
    with open_raw_store(config.paths.raw_store) as store:
        return len(store.read("raw_segments", where={"doc_id": doc_id}))


def _write(config, name: str, text: str) -> None:
    path = config.paths.raw / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ duplicate doc_ids
def test_a_new_row_reusing_a_stored_doc_id_is_refused_and_the_stored_file_keeps_its_text(project):
    _ingest(project)
    text_before = _documents(project).loc["int_r1_a", "text"]
    _write(project, "nieuw.txt", "Nieuwe notities van het overleg.\n")
    report = _ingest(project, MANIFEST + [_row("nieuw.txt", "int_r1_a")])
    assert report.problems == (
        "manifest.csv row 8 (nieuw.txt) has 1 problem:\n  doc_id 'int_r1_a' is already used by interview_r1.txt "
        "(manifest.csv row 2); two files with one doc_id would overwrite each other's text. Give this row a "
        "doc_id of its own.",)
    assert _documents(project).loc["int_r1_a", ["text", "source_path"]].tolist() == [text_before, "interview_r1.txt"]
    # the row removed again: the focus group still has every segment, and nothing is re-read
    report = _ingest(project, MANIFEST)
    assert report.ok and set(report.files["status"]) == {"unchanged"}
    assert _segments(project, "int_r1_a") == 5


def test_two_new_rows_with_one_doc_id_the_first_keeps_it(project):
    _write(project, "a.txt", "Notities A.\n")
    _write(project, "b.txt", "Notities B.\n")
    report = _ingest(project, [_row("a.txt", "overleg"), _row("b.txt", "overleg")])
    assert report.files.set_index("source_path")["status"].to_dict() == {"a.txt": "new", "b.txt": "failed"}
    assert "doc_id 'overleg' is already used by a.txt (manifest.csv row 2)" in report.problems[0]
    assert _documents(project).loc["overleg", "source_path"] == "a.txt"


def test_a_doc_id_still_held_in_the_store_is_not_overwritten_and_a_rerun_converges(project):
    """a.txt had doc_id x; the manifest gives x to b.txt (listed first) and y to a.txt.
    The store refuses b.txt while a.txt holds x; the next run reaches the clean state."""
    _write(project, "a.txt", "Notities A.\n")
    _write(project, "b.txt", "Notities B.\n")
    _ingest(project, [_row("a.txt", "x")])
    rows = [_row("b.txt", "x"), _row("a.txt", "y")]
    first = _ingest(project, rows)
    assert first.files.set_index("source_path")["status"].to_dict() == {"b.txt": "failed", "a.txt": "updated"}
    assert "its doc_ids are already used in the raw store (x by a.txt)" in first.problems[0]
    assert _ingest(project, rows).ok
    documents = _documents(project)
    assert documents.loc[["x", "y"], "source_path"].tolist() == ["b.txt", "a.txt"]
    assert "Notities B." in documents.loc["x", "text"]


# ------------------------------------------------------------------ paths outside data/raw
@pytest.mark.parametrize("how", ["dotdot", "absolute", "link"])
def test_a_manifest_path_outside_the_raw_folder_is_refused(project, how):
    outside = project.paths.root / "elders.txt"
    outside.write_text("Notities buiten de raw-map.\n", encoding="utf-8")
    name = {"dotdot": "../../elders.txt", "absolute": str(outside), "link": "link.txt"}[how]
    if how == "link":
        (project.paths.raw / "link.txt").symlink_to(outside)
    report = _ingest(project, [_row(name, "buiten")])
    assert report.files["status"].tolist() == ["failed"]
    reason = {"dotdot": "a path with ..", "absolute": "an absolute path", "link": "a link to a file elsewhere"}[how]
    assert report.problems == (
        f"manifest.csv row 2 ({name}) has 1 problem:\n  the file is outside the raw folder data/raw ({reason}). "
        "Copy the file into the raw folder and list it by its path relative to that folder.",)
    assert _documents(project).empty


# ------------------------------------------------------------------ subtitles
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v R1>Eerste antwoord.</v>\n\n" \
      "00:00:03.500 -> 00:00:05.000\n<v R1>Tweede antwoord dat zoek zou raken.</v>\n\n" \
      "00:00:06.000 --> 00:00:07.000\n<v R1>Derde.</v>\n"
SRT = "1\n00:00:01,000 --> 00:00:03,000\nR1: Eerste.\n\n2\n00:00:09,000 --> 00:00:05,000\nR1: Achterstevoren.\n"


def test_a_malformed_webvtt_arrow_refuses_the_file_naming_the_line(tmp_path):
    path = tmp_path / "fg.vtt"
    path.write_text(VTT, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_cues(path, source="data/raw/fg.vtt")
    assert str(caught.value) == (
        "data/raw/fg.vtt has 2 problems:\n  line 6: cue 2 has a malformed timing line (expected 'start --> end').\n"
        "  Correct the timing lines (HH:MM:SS.mmm --> HH:MM:SS.mmm, end after start) in a text editor, or export "
        "the file again as VTT.")
    assert "antwoord" not in str(caught.value)


def test_srt_cue_ending_before_it_starts_is_refused(tmp_path):
    path = tmp_path / "fg.srt"
    path.write_text(SRT, encoding="utf-8")
    with pytest.raises(InputError, match=r"line 6: cue 2 ends \(00:00:05.000\) before it starts \(00:00:09.000\)"):
        read_cues(path)


def test_real_teams_and_tagged_webvtt_files_still_read_every_cue(shared_dir):
    folder = shared_dir / "fixtures" / "vtt"
    assert len(read_cues(folder / "teams_speakers.vtt")) == 2
    assert len(read_cues(folder / "cue_tags.vtt")) == 3


def test_a_refused_subtitle_file_writes_nothing_and_exits_with_a_problem(project):
    _write(project, "fg.vtt", VTT)
    report = _ingest(project, [["fg.vtt", "fg", "interview", "hervestiger", "stad_a", "", "2024-06-03", "nl", "",
                                "", "HV01", "", ""]])
    assert not report.ok and "line 6: cue 2 has a malformed timing line" in report.problems[0]
    assert _documents(project).empty


# ------------------------------------------------------------------ file names
def test_a_decomposed_unicode_file_name_is_found(project):
    decomposed = unicodedata.normalize("NFD", "Café overleg.txt")
    _write(project, decomposed, "Notities.\n")
    report = _ingest(project, [_row(unicodedata.normalize("NFC", "Café overleg.txt"), "cafe")])
    assert report.ok, report.problems
    assert not [name for name in report.unlisted if "overleg" in name]
    assert _documents(project).loc["cafe", "source_path"] == unicodedata.normalize("NFC", "Café overleg.txt")


def test_a_latin1_file_name_is_found(project):
    folder = os.fsencode(project.paths.raw)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Notities.\n")
    report = _ingest(project, [_row("café.txt", "cafe")])
    assert report.ok, report.problems


# ------------------------------------------------------------------ reading a file again
def test_force_reads_an_unchanged_file_again(project):
    _ingest(project)
    report = _ingest(project, force=("int_r1_a",))
    statuses = report.files.set_index("source_path")["status"]
    assert statuses["interview_r1.txt"] == "updated"
    assert set(statuses.drop("interview_r1.txt")) == {"unchanged"}


def test_a_file_whose_documents_are_missing_from_the_store_is_read_again(project):
    _ingest(project)
    with open_raw_store(project.paths.raw_store) as store:
        store.delete("raw_segments", where={"doc_id": "int_r1_a"})
        store.delete("raw_documents", where={"doc_id": "int_r1_a"})
    report = _ingest(project)
    assert report.files.set_index("source_path").loc["interview_r1.txt", "status"] == "updated"
    assert _segments(project, "int_r1_a") == 5


def test_force_with_an_unknown_id_is_refused(project):
    with pytest.raises(InputError, match="^--force nope: not a doc_id or a file of manifest.csv"):
        _ingest(project, force=("nope",))


# ------------------------------------------------------------------ Qualtrics layouts
LEGACY = [
    ["V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10", "Q1", "Q2", "LocationLatitude",
     "LocationLongitude", "LocationAccuracy", ""],
    ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
     "StartDate", "EndDate", "Finished", "Hoe oud bent u?", "Waarom dit cijfer?", "LocationLatitude",
     "LocationLongitude", "LocationAccuracy", ""],
    ["R_a1", "Default Response Set", "Anne Voorbeeld", "SP01", "anne@example.org", "192.0.2.10", "0",
     "2024-07-01 10:00:00", "2024-07-01 10:05:00", "1", "3", "Omdat het goed ging.", "52.1", "4.3", "-1", ""],
]
PERSONAL = ("Anne Voorbeeld", "anne@example.org", "192.0.2.10", "52.1")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_legacy_qualtrics_layout_header_rows_are_not_respondents_and_personal_columns_go(tmp_path, suffix):
    path = tmp_path / f"legacy{suffix}"
    write_csv(path, LEGACY[0], LEGACY[1:]) if suffix == ".csv" else write_xlsx(path, LEGACY)
    export = read_survey_export(path)
    assert export.format == "qualtrics_legacy"
    assert export.responses["ResponseId"].tolist() == ["R_a1"]
    assert export.first_row == 3
    assert set(export.dropped) == {"Name", "EmailAddress", "IPAddress", "LocationLatitude", "LocationLongitude",
                                   "LocationAccuracy"}
    values = set(export.responses.to_numpy().ravel())
    assert not values & set(PERSONAL)
    assert [c for c in export.responses.columns if not export.is_metadata(c)] == ["Q1", "Q2"]
    assert export.question_texts["Q2"] == "Waarom dit cijfer?"


def test_legacy_layout_without_its_name_row_is_refused_naming_the_layout(tmp_path):
    path = write_csv(tmp_path / "legacy.csv", LEGACY[0], LEGACY[2:])
    with pytest.raises(InputError, match=r"looks like a legacy Qualtrics export .*\(no ResponseID\)"):
        read_survey_export(path)


def test_current_layout_personal_columns_are_dropped_in_the_real_export(shared_dir):
    export = read_survey_export(shared_dir / "fixtures" / "qualtrics" / "qualtrics_export_de.csv")
    assert {"IPAddress", "RecipientEmail", "RecipientFirstName", "RecipientLastName", "LocationLatitude",
            "LocationLongitude"} <= set(export.dropped)
    assert "130.92.34.66" not in set(export.responses.to_numpy().ravel())
    assert export.responses["ResponseId"].str.startswith("R_").all()


def test_spss_personal_columns_are_dropped_by_name(tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    frame = pd.DataFrame({"ResponseId": ["R_1"], "IPAddress": ["192.0.2.10"], "RecipientEmail": ["a@example.org"],
                          "Q1": [3.0], "Q2": ["Omdat."]})
    pyreadstat.write_sav(frame, str(tmp_path / "s.sav"))
    export = read_survey_export(tmp_path / "s.sav")
    assert set(export.dropped) == {"IPAddress", "RecipientEmail"}
    assert "192.0.2.10" not in set(export.responses.to_numpy().ravel())


def test_a_repeated_header_row_is_never_a_respondent(tmp_path):
    path = write_csv(tmp_path / "kobo.csv", ["_uuid", "leeftijd", "waarom"],
                     [["u1", "3", "Omdat."], ["_uuid", "leeftijd", "waarom"]])
    with pytest.raises(InputError, match=r"rows 3 repeat the header row \(generic layout\)"):
        read_survey_export(path)
