"""Ingestion of a whole project into the raw store, idempotently, losing nothing."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.config import load_config
from evaltoolkit.project import Project, ingest
from evaltoolkit.store import Transaction, open_raw_store

from .builders import MANIFEST, MANIFEST_HEADER, REGISTER, REGISTER_HEADER, write_csv, write_docx

RAW_TABLES = ("raw_participants", "raw_documents", "raw_segments", "raw_attributes", "raw_questions", "raw_sources")


def _store(config):
    return open_raw_store(config.paths.raw_store)


def _snapshot(config) -> dict[str, pd.DataFrame]:
    store = _store(config)
    return {table: store.read(table) for table in RAW_TABLES}


def _with_manifest(config, rows):
    write_csv(config.paths.raw / "manifest.csv", MANIFEST_HEADER, rows)
    return load_config(config.paths.root)


def test_every_fixture_file_is_ingested_with_its_metadata(project):
    report = ingest(Project(project))
    assert report.problems == ()
    assert report.files["status"].tolist() == ["new"] * 6
    documents = _store(project).read("raw_documents").set_index("doc_id")
    assert documents.loc[["int_r1_a", "int_vtt", "gm_email", "tl_2024_01"], "round"].astype(object).where(
        lambda s: s.notna(), None).tolist() == ["r1", "r2", "r2", None]
    survey = documents.loc["sponsors_r1-R_test0002"]
    assert (survey["site"], survey["perspective"], survey["round"]) == ("stad_b", "sponsor", "r1")
    assert documents.loc["int_r1_a", "participant_ids"] == ["HV01", "HV02", "IV01"]
    assert documents.loc["int_r1_a", "source_path"] == "interview_r1.txt"


def test_speaker_roles_and_interpreter_come_from_the_register(project):
    ingest(Project(project))
    segments = _store(project).read("raw_segments", where={"doc_id": "int_r1_a"})
    assert segments[["participant_id", "speaker_role"]].values.tolist() == [
        ["IV01", "interviewer"], ["TK01", "interpreter"], ["HV01", "participant"], ["IV01", "interviewer"],
        ["HV02", "participant"]]
    assert segments["translated_by"].astype(object).where(segments["translated_by"].notna(), None).tolist() == [
        None, None, "TK01", None, "TK01"]


def test_reingesting_unchanged_files_rewrites_nothing(project):
    ingest(Project(project))
    before = _snapshot(project)
    report = ingest(Project(project))
    assert report.files["status"].tolist() == ["unchanged"] * 6
    assert report.files["segments"].tolist() == [5, 4, 3, 3, 2, 3]
    after = _snapshot(project)
    for table in RAW_TABLES:
        pd.testing.assert_frame_equal(before[table], after[table], obj=table)


def test_changed_transcript_keeps_the_ids_of_unchanged_segments(project):
    ingest(Project(project))
    old = _store(project).read("raw_segments", where={"doc_id": "int_r1_a"}).set_index("content_hash")
    path = project.paths.raw / "interview_r1.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("INTERVIEWER: Welkom.", "INTERVIEWER: Eerst dit.\nR1: Goed.\nINTERVIEWER: Welkom.")
    text = text.replace("R2: Wachtlijst.", "R2: Een lange wachtlijst.")
    path.write_text(text, encoding="utf-8")
    report = ingest(Project(project))
    assert report.files.set_index("source_path").loc["interview_r1.txt", "status"] == "updated"
    new = _store(project).read("raw_segments", where={"doc_id": "int_r1_a"}).sort_values("start_char")
    assert new["segment_id"].tolist() == ["int_r1_a:0006", "int_r1_a:0007", "int_r1_a:0001", "int_r1_a:0002",
                                          "int_r1_a:0003", "int_r1_a:0004", "int_r1_a:0008"]
    kept = new[new["content_hash"].isin(old.index)]
    assert kept["segment_id"].tolist() == old.loc[kept["content_hash"], "segment_id"].tolist()
    assert "int_r1_a:0005" not in set(new["segment_id"])   # the edited answer's old id is gone
    document = _store(project).read("raw_documents", where={"doc_id": "int_r1_a"})["text"].iloc[0]
    assert all(document[r.start_char:r.end_char] == r.text for r in new.itertuples())


def test_manifest_change_rereads_the_file_but_keeps_segment_ids(project):
    ingest(Project(project))
    before = _store(project).read("raw_segments", where={"doc_id": "int_vtt"})
    rows = [list(row) for row in MANIFEST]
    rows[3][4] = "stad_b"
    report = ingest(Project(_with_manifest(project, rows)))
    assert report.files.set_index("source_path").loc["interview.vtt", "status"] == "updated"
    after = _store(project).read("raw_segments", where={"doc_id": "int_vtt"})
    assert after["segment_id"].tolist() == before["segment_id"].tolist()
    assert _store(project).read("raw_documents", where={"doc_id": "int_vtt"})["site"].tolist() == ["stad_b"]


def test_file_removed_from_the_manifest_is_removed_from_the_store(project):
    ingest(Project(project))
    assert _store(project).read("raw_questions")["survey_id"].eq("sponsors_r1").any()
    report = ingest(Project(_with_manifest(project, MANIFEST[:5])))
    assert report.files.set_index("source_path").loc["qualtrics_sponsors.csv", "status"] == "removed"
    store = _store(project)
    assert not store.read("raw_documents")["source_path"].eq("qualtrics_sponsors.csv").any()
    assert not store.read("raw_segments")["doc_id"].str.startswith("sponsors_r1").any()
    assert not store.read("raw_attributes")["entity_id"].str.startswith("sponsors_r1").any()
    questions = store.read("raw_questions")
    assert not questions["survey_id"].eq("sponsors_r1").any()
    assert questions["survey_id"].eq("gm_email").any()     # the questionnaire still in the manifest keeps its own


def test_questionnaire_removed_from_the_manifest_takes_its_questions(project):
    ingest(Project(project))
    assert _store(project).read("raw_questions")["survey_id"].eq("gm_email").any()
    ingest(Project(_with_manifest(project, MANIFEST[:2] + MANIFEST[3:])))
    questions = _store(project).read("raw_questions")
    assert not questions["survey_id"].eq("gm_email").any()
    assert questions["survey_id"].eq("sponsors_r1").any()


def test_bad_files_are_reported_together_and_good_files_land(project):
    raw = project.paths.raw
    write_docx(raw / "leeg.docx", [])
    (raw / "kapot.docx").write_bytes(b"not a zip")
    (raw / "onbekend.txt").write_text("INTERVIEWER: Vraag?\nR9: Antwoord met een naam.\n", encoding="utf-8")
    extra = [["leeg.docx", "leeg", "interview", "hervestiger", "stad_a", "", "", "nl", "", "", "HV01", "", ""],
             ["kapot.docx", "kapot", "meeting", "teamleider", "", "", "", "nl", "", "", "", "", ""],
             ["onbekend.txt", "onbekend", "interview", "hervestiger", "stad_a", "", "", "nl", "", "", "HV01", "", ""],
             ["weg.txt", "weg", "meeting", "", "", "", "", "nl", "", "", "", "", ""],
             ["drie.txt", "drie", "interview", "hervestiger", "stad_b", "r3", "", "nl", "", "", "HV09", "", ""]]
    report = ingest(Project(_with_manifest(project, MANIFEST + extra)))
    assert list(report.problems) == [
        "data/raw/leeg.docx: the document has no text. Check that it is the right file (a transcript saved as "
        "an image or PDF inside Word cannot be read), or remove it from manifest.csv.",
        "data/raw/kapot.docx: not a readable .docx file (it is damaged, or not a Word document). Open it in "
        "Word and save it again as .docx.",
        "data/raw/onbekend.txt has 1 problem:\n  line 2: the speaker label is not in the register. Add it to the "
        "speaker_labels of the right participant in register.csv (';'-separated), or correct the label in "
        "the file.",
        "data/raw/weg.txt: listed in manifest.csv (row 11) but the file does not exist. Add the file, or "
        "remove its row from manifest.csv.",
        "manifest.csv row 12 (drie.txt) has 2 problems:\n  round 'r3' is not one of r1, r2 (evaltoolkit.yaml).\n"
        "  participant ids HV09 are not in the register. Add them to register.csv or correct "
        "participant_ids/interpreter_id.",
    ]
    assert report.files["status"].tolist() == ["new"] * 6 + ["failed"] * 5
    assert set(_store(project).read("raw_documents")["source_path"]) == {row[0] for row in MANIFEST}


def test_file_for_participant_without_consent_is_refused(project):
    (project.paths.raw / "hv03.txt").write_text("INTERVIEWER: Vraag?\nR3: Antwoord.\n", encoding="utf-8")
    rows = [["hv03.txt", "hv03", "interview", "hervestiger", "stad_b", "", "", "nl", "", "", "HV03;IV01", "", ""]]
    report = ingest(Project(_with_manifest(project, rows)))
    assert list(report.problems) == [
        "data/raw/hv03.txt: participant HV03 has not consented (register.csv: consent is no). Remove the file "
        "from manifest.csv, or record the consent in register.csv if it was given."]
    assert _store(project).read("raw_documents").empty


def test_speaker_without_consent_is_refused_even_if_not_listed(project):
    (project.paths.raw / "hv03.txt").write_text("INTERVIEWER: Vraag?\nR3: Antwoord.\n", encoding="utf-8")
    rows = [["hv03.txt", "hv03", "interview", "hervestiger", "stad_b", "", "", "nl", "", "", "IV01", "", ""]]
    report = ingest(Project(_with_manifest(project, rows)))
    assert report.problems[0].startswith("data/raw/hv03.txt: participant HV03 has not consented")
    assert _store(project).read("raw_segments").empty


def test_withdrawal_removes_files_only_about_the_withdrawn_participant(project):
    ingest(Project(project))
    register = [list(row) for row in REGISTER]
    register[0][10] = "2024-12-01"    # HV01 withdraws
    write_csv(project.paths.raw / "register.csv", REGISTER_HEADER, register)
    report = ingest(Project(project))
    assert list(report.problems) == [
        f"data/raw/{name}: participant HV01 withdrew on 2024-12-01 (register.csv: withdrawn_on). Remove the file "
        "from manifest.csv; whatever an earlier run stored for it has been removed from the raw store."
        for name in ("interview.vtt", "interview.srt")]
    documents = set(_store(project).read("raw_documents")["doc_id"])
    assert not documents & {"int_vtt", "int_srt"}
    assert {"int_r1_a", "tl_2024_01", "gm_email"} <= documents


def test_withdrawn_participant_turns_are_cut_from_a_shared_transcript(project):
    ingest(Project(project))
    before = _store(project).read("raw_segments", where={"doc_id": "int_r1_a"})
    register = [list(row) for row in REGISTER]
    register[0][10] = "2024-12-01"    # HV01 (label R1) withdraws; HV02 stays
    write_csv(project.paths.raw / "register.csv", REGISTER_HEADER, register)
    report = ingest(Project(project))
    assert report.notes == ("data/raw/interview_r1.txt: the turns of HV01 (withdrawn, register.csv) were left out "
                            "of the text and the segments.",)
    store = _store(project)
    document = store.read("raw_documents", where={"doc_id": "int_r1_a"}).iloc[0]
    assert "brieven" not in document["text"] and document["participant_ids"] == ["HV02", "IV01"]
    after = store.read("raw_segments", where={"doc_id": "int_r1_a"})
    assert after["segment_id"].tolist() == ["int_r1_a:0001", "int_r1_a:0002", "int_r1_a:0004", "int_r1_a:0005"]
    assert after["text"].tolist() == before["text"].drop(index=2).tolist()
    assert all(document["text"][r.start_char:r.end_char] == r.text for r in after.itertuples())


def test_damaged_new_version_keeps_the_previous_one(project):
    ingest(Project(project))
    before = _store(project).read("raw_segments", where={"doc_id": "int_r1_a"})
    (project.paths.raw / "interview_r1.txt").write_text("Geen sprekers meer.\n", encoding="utf-8")
    report = ingest(Project(project))
    assert report.files.set_index("source_path").loc["interview_r1.txt", "status"] == "failed"
    pd.testing.assert_frame_equal(before, _store(project).read("raw_segments", where={"doc_id": "int_r1_a"}))


def test_a_write_that_fails_midway_leaves_nothing_of_the_file(project, monkeypatch):
    original = Transaction.write

    def failing_write(self, table, frame, *, mode="upsert"):
        if table == "raw_sources":
            raise RuntimeError("disk full")
        return original(self, table, frame, mode=mode)

    monkeypatch.setattr(Transaction, "write", failing_write)
    with pytest.raises(RuntimeError):
        ingest(Project(project))
    store = _store(project)
    assert store.read("raw_documents").empty and store.read("raw_segments").empty


def test_duplicate_respondents_fail_only_the_survey(project):
    path = project.paths.raw / "qualtrics_sponsors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:4] + lines[3:]) + "\n", encoding="utf-8")
    report = ingest(Project(project))
    assert report.problems[0].startswith("data/raw/qualtrics_sponsors.csv has 2 problems:\n  [ResponseId] the "
                                         "same respondent id appears in rows 4, 5.")
    assert report.files["status"].tolist() == ["new"] * 5 + ["failed"]


def test_project_from_init_with_empty_register_and_manifest_ingests_nothing(tmp_path):
    from evaltoolkit.project.init import init_project

    init_project(tmp_path / "p")
    report = ingest(Project(load_config(tmp_path / "p")))
    assert report.ok and report.files.empty and report.events == 0


def test_a_withdrawal_recorded_with_the_command_survives_an_older_register_csv(project):
    from evaltoolkit.project import withdraw_participant

    ingest(Project(project))
    withdraw_participant(Project(project), "HV02", actor="tester")
    report = ingest(Project(project))   # register.csv still lists HV02 as taking part
    assert report.notes[0].startswith(
        "register.csv: HV02 withdrew on ") and report.notes[0].endswith(
        "(recorded with `evaltoolkit participant withdraw`), but register.csv does not say so. The withdrawal is "
        "kept; write the date in register.csv's withdrawn_on column.")
    person = _store(project).read("raw_participants", where={"participant_id": "HV02"}).iloc[0]
    # no key knows HV02's names yet, so they stay on the raw side: a mention by someone else is still replaced
    assert pd.notna(person["withdrawn_on"]) and pd.notna(person["full_name"])
    document = _store(project).read("raw_documents", where={"doc_id": "int_r1_a"}).iloc[0]
    assert "HV02" not in document["participant_ids"] and "Testpersoon Twee" not in document["text"]


def test_files_the_manifest_does_not_list_are_named_but_the_projects_own_files_are_not(project):
    raw = project.paths.raw
    (raw / "extra").mkdir()
    for name in ("extra/interview_r9.docx", "notes.txt", "README.md", "extra/README.txt", "insights.csv",
                 "researcher_codings.csv", "review/privacy_review.xlsx", "answers_key.csv", "extra/.~lock.docx#"):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_text("x", encoding="utf-8")
    report = ingest(Project(project))
    assert report.ok
    assert report.unlisted == ("answers_key.csv", "extra/interview_r9.docx", "notes.txt")
    (raw / ".evaltoolkitignore").write_text("# answer keys\nanswers_*.csv\nextra/\n", encoding="utf-8")
    assert ingest(Project(project)).unlisted == ("notes.txt",)


def test_ingest_writes_the_events_to_the_project_store_for_indicators(project):
    from evaltoolkit.store import open_project_store

    write_csv(project.paths.raw / "events.csv", ["event_id", "kind", "site", "occurred_on", "count", "description"],
              [["# E0", "family_arrival", "stad_a", "2024-01-01", "9", "voorbeeld"],
               ["E1", "family_arrival", "stad_a", "2024-03-01", "2", ""],
               ["E2", "family_arrival", "stad_b", "2024-04-01", "1", "tweede"]])
    report = ingest(Project(project))
    store = open_project_store(project.paths.store_url)
    try:
        events = store.read("events")
    finally:
        store.dispose()
    assert report.events == 2
    assert events[["event_id", "site", "count"]].values.tolist() == [["E1", "stad_a", 2], ["E2", "stad_b", 1]]


def test_a_bad_events_file_is_a_problem_and_leaves_the_stored_events_alone(project):
    from evaltoolkit.store import open_project_store

    header = ["event_id", "kind", "site", "occurred_on", "count", "description"]
    write_csv(project.paths.raw / "events.csv", header, [["E1", "family_arrival", "stad_a", "2024-03-01", "2", ""]])
    ingest(Project(project))
    path = write_csv(project.paths.raw / "events.csv", header, [["E1", "family_arrival", "stad_a", "maart", "2", ""]])
    report = ingest(Project(project))
    assert report.problems == (f"{path} has 1 problem:\n  [row 2] occurred_on 'maart' is not a date; write it as "
                               "YYYY-MM-DD.",)
    assert report.events is None
    store = open_project_store(project.paths.store_url)
    try:
        assert store.read("events")["event_id"].tolist() == ["E1"]
    finally:
        store.dispose()
