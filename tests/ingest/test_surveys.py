"""Questionnaire exports: Qualtrics (three header rows), generic CSV/XLSX and SPSS .sav."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from evaltoolkit.config import SurveySpec
from evaltoolkit.corpus import segment_documents
from evaltoolkit.errors import InputError
from evaltoolkit.ingest import read_register, read_survey, read_survey_export

from .builders import FIXTURES, REGISTER, REGISTER_HEADER, ROLES, qualtrics_rows, write_csv, write_xlsx

SPEC = SurveySpec(survey_id="sponsors_r1", perspective="sponsor", participant_column="ExternalReference",
                  consent_item="Q0", consent_value="Ja", closed_items={"Q1": "site", "Q2": "rating"})
PERSONAL = ["IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "LocationLatitude",
            "LocationLongitude"]


@pytest.fixture
def register(tmp_path):
    return read_register(write_csv(tmp_path / "register.csv", REGISTER_HEADER, REGISTER), roles=ROLES)


def _write_rows(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_qualtrics_export_is_detected_by_its_three_header_rows():
    export = read_survey_export(FIXTURES / "qualtrics_sponsors.csv")
    assert export.format == "qualtrics"
    assert export.first_row == 4
    assert export.question_texts["Q3_TEXT"] == "Waarom bent u sponsor geworden?"
    assert export.import_ids["Q3_TEXT"] == "QID3_TEXT"
    assert export.response_id_column == "ResponseId"


def test_qualtrics_personal_metadata_columns_are_dropped_at_the_door():
    export = read_survey_export(FIXTURES / "qualtrics_sponsors.csv")
    assert list(export.dropped) == PERSONAL
    assert not set(PERSONAL) & set(export.responses.columns)
    assert not export.responses.apply(lambda c: c.str.contains("example.org|192.0.2", regex=True)).any().any()


def test_column_whose_import_id_marks_personal_data_is_dropped_whatever_its_name(tmp_path):
    rows = qualtrics_rows()
    rows[0][11] = "Mail"    # RecipientEmail renamed, ImportId still recipientEmail
    export = read_survey_export(_write_rows(tmp_path / "q.csv", rows))
    assert "Mail" in export.dropped and "Mail" not in export.responses.columns


def test_qualtrics_responses_become_documents_segments_attributes_and_questions(register):
    tables = read_survey(FIXTURES / "qualtrics_sponsors.csv", spec=SPEC, participants=register)
    assert tables.documents["doc_id"].tolist() == ["sponsors_r1-R_test0001", "sponsors_r1-R_test0002"]
    assert tables.documents["text"].tolist() == [
        "Q3_TEXT: Ik wil iets terugdoen.\n\nQ4_TEXT: Meer uitwisseling tussen sponsoren.",
        "Q3_TEXT: Een buurvrouw vroeg het."]
    assert tables.skipped == {"no consent in the survey": 1}
    segments = segment_documents(tables.documents, blocks=tables.blocks,
                                 participants=pd.concat([register, tables.respondents]))
    assert segments[["segment_id", "participant_id", "question_id", "speaker_role"]].values.tolist() == [
        ["sponsors_r1-R_test0001:0001", "SP01", "sponsors_r1:Q3_TEXT", "respondent"],
        ["sponsors_r1-R_test0001:0002", "SP01", "sponsors_r1:Q4_TEXT", "respondent"],
        ["sponsors_r1-R_test0002:0001", "resp-sponsors_r1-R_test0002", "sponsors_r1:Q3_TEXT", "respondent"]]
    rating = tables.attributes[tables.attributes["name"] == "rating"]
    assert rating[["entity_type", "entity_id", "value"]].values.tolist() == [
        ["participant", "SP01", "8"], ["document", "sponsors_r1-R_test0001", "8"],
        ["participant", "resp-sponsors_r1-R_test0002", "6"], ["document", "sponsors_r1-R_test0002", "6"]]
    assert tables.questions[["question_id", "item_type", "attribute"]].astype(object).where(
        tables.questions.notna(), None).values.tolist() == [
        ["sponsors_r1:Q1", "closed", "site"], ["sponsors_r1:Q2", "closed", "rating"],
        ["sponsors_r1:Q3_TEXT", "open", None], ["sponsors_r1:Q4_TEXT", "open", None]]
    assert tables.respondents[["participant_id", "perspective", "role"]].values.tolist() == [
        ["resp-sponsors_r1-R_test0002", "sponsor", "respondent"]]
    assert tables.documents["collected_on"].astype(str).tolist() == ["2024-07-01", "2024-07-02"]


def test_response_of_withdrawn_register_participant_is_skipped(register):
    register = register.assign(withdrawn_on=[pd.NA] * 4 + [pd.Timestamp("2024-08-01").date()] + [pd.NA] * 2)
    tables = read_survey(FIXTURES / "qualtrics_sponsors.csv", spec=SPEC, participants=register)
    assert tables.documents["doc_id"].tolist() == ["sponsors_r1-R_test0002"]
    assert tables.skipped == {"no consent in the survey": 1,
                              "participant without consent or withdrawn in the register": 1}


def test_real_german_qualtrics_export_is_read(shared_dir):
    path = shared_dir / "fixtures" / "qualtrics" / "qualtrics_export_de.csv"
    export = read_survey_export(path)
    assert export.format == "qualtrics"
    assert set(PERSONAL) <= set(export.dropped)
    assert export.question_texts["Q2"] == "This is a free text question."
    spec = SurveySpec(survey_id="de", perspective="sponsor", closed_items={"Q1": "choice"})
    tables = read_survey(path, spec=spec)
    assert tables.documents["doc_id"].tolist() == ["de-R_2YPOQ602ER1jkf1"]
    assert tables.documents["text"].tolist() == ["Q2: Hello World!"]
    assert tables.questions["question_id"].tolist() == ["de:Q1", "de:Q2"]
    assert tables.attributes[tables.attributes["name"] == "choice"]["value"].tolist() == ["2", "2"]


def test_qualtrics_xlsx_export_reads_like_the_csv(tmp_path):
    csv_tables = read_survey(FIXTURES / "qualtrics_sponsors.csv", spec=SPEC)
    xlsx_tables = read_survey(write_xlsx(tmp_path / "q.xlsx", qualtrics_rows()), spec=SPEC)
    assert xlsx_tables.documents["text"].tolist() == csv_tables.documents["text"].tolist()
    assert xlsx_tables.attributes.equals(csv_tables.attributes)


def test_generic_one_header_csv_survey_with_semicolons():
    spec = SurveySpec(survey_id="kobo", perspective="sponsor", consent_item="consent", consent_value="yes",
                      closed_items={"site": "site", "age_band": "age_band"})
    tables = read_survey(FIXTURES / "kobo_survey.csv", spec=spec)
    assert tables.documents["doc_id"].tolist() == ["kobo-uuid-1", "kobo-uuid-2"]
    assert tables.documents["text"].tolist() == ["motivation: Ik help graag mensen.", ""]
    assert tables.questions[["column", "item_type"]].values.tolist() == [
        ["site", "closed"], ["age_band", "closed"], ["hours", "closed"], ["motivation", "open"]]
    export = read_survey_export(FIXTURES / "kobo_survey.csv")
    assert export.format == "generic" and export.dropped == ("_submitted_by",)


def test_spss_sav_survey_uses_variable_and_value_labels(tmp_path):
    import pyreadstat

    frame = pd.DataFrame({"ResponseId": ["a1", "a2"], "Q1": [1.0, 2.0], "Q9": ["Meer contact.", ""]})
    path = tmp_path / "s.sav"
    pyreadstat.write_sav(frame, str(path), column_labels=["Respons", "Gemeente", "Wat zou u veranderen?"],
                         variable_value_labels={"Q1": {1.0: "Stad A", 2.0: "Stad B"}})
    spec = SurveySpec(survey_id="sav", perspective="sponsor", closed_items={"Q1": "site"})
    tables = read_survey(path, spec=spec)
    assert tables.documents["text"].tolist() == ["Q9: Meer contact.", ""]
    assert tables.attributes[tables.attributes["name"] == "site"]["value"].tolist() == [
        "Stad A", "Stad A", "Stad B", "Stad B"]
    assert tables.questions.set_index("column")["text"].to_dict() == {"Q1": "Gemeente", "Q9": "Wat zou u veranderen?"}


def test_qualtrics_export_without_header_rows_is_an_input_error(tmp_path):
    rows = qualtrics_rows()
    path = _write_rows(tmp_path / "q.csv", [rows[0], *rows[3:]])
    with pytest.raises(InputError) as error:
        read_survey(path, spec=SPEC, source="data/raw/sponsors_r1.csv")
    assert str(error.value) == (
        "data/raw/sponsors_r1.csv looks like a Qualtrics export (columns StartDate, EndDate, Status, Progress) "
        "but its second and third rows are not the question texts and the ImportId row. Export it again from "
        "Qualtrics (Data & Analysis > Export > CSV or Excel) and do not remove the header rows.")


def test_qualtrics_export_without_response_id_is_an_input_error(tmp_path):
    rows = [[cell for i, cell in enumerate(row) if i != 8] for row in qualtrics_rows()]
    path = _write_rows(tmp_path / "q.csv", rows)
    with pytest.raises(InputError) as error:
        read_survey(path, spec=SPEC, source="data/raw/sponsors_r1.csv")
    assert str(error.value) == (
        "data/raw/sponsors_r1.csv looks like a Qualtrics export but has no ResponseId column (columns: "
        "StartDate, EndDate, Status, IPAddress, Progress, Duration (in seconds), Finished, RecordedDate, "
        "RecipientLastName, RecipientFirstName, RecipientEmail, ExternalReference, ...). Export it again from "
        "Qualtrics with all metadata columns, or add the ResponseId column back.")


def test_duplicate_respondent_ids_are_an_input_error_naming_the_rows(tmp_path):
    rows = qualtrics_rows()
    rows[4][8] = rows[3][8]             # same ResponseId
    rows[5][12] = rows[3][12]           # same ExternalReference
    path = _write_rows(tmp_path / "q.csv", rows)
    with pytest.raises(InputError) as error:
        read_survey(path, spec=SPEC, source="data/raw/sponsors_r1.csv")
    assert str(error.value) == (
        "data/raw/sponsors_r1.csv has 2 problems:\n"
        "  [ResponseId] the same respondent id appears in rows 4, 5. Remove the duplicate responses (keep the "
        "one to analyse) and export again.\n"
        "  [ExternalReference] the same respondent id appears in rows 4, 6. Remove the duplicate responses "
        "(keep the one to analyse) and export again.")


def test_spec_naming_columns_the_export_lacks_is_an_input_error():
    spec = SurveySpec(survey_id="s", perspective="sponsor", consent_item="Q99", closed_items={"Q77": "x"})
    with pytest.raises(InputError) as error:
        read_survey(FIXTURES / "qualtrics_sponsors.csv", spec=spec, source="s.csv")
    assert str(error.value) == (
        "s.csv has 2 problems:\n"
        "  [consent_item] 'Q99' is not a column of the export. Fix surveys -> s -> consent_item in "
        "evaltoolkit.yaml, or export that column too.\n"
        "  [closed_items -> Q77] 'Q77' is not a column of the export. Fix surveys -> s -> closed_items in "
        "evaltoolkit.yaml.")
