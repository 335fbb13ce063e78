"""Data contracts of the store: allowed values checked on write, list columns read back as
lists, raw and project mirrors declared once, the machine-coder naming rule."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text

from evaltoolkit.errors import InputError, SchemaError, StoreError
from evaltoolkit.store import (
    dump_json_list,
    human_codings,
    is_machine_coder,
    machine_coder,
    open_project_store,
    open_raw_store,
    parse_json_list,
    person_coder,
    table_schema,
)
from evaltoolkit.store.tables import PROJECT_TABLES, RAW_TABLES
from evaltoolkit.store.values import CODING_STATUSES, TOPIC_STATUSES


@pytest.fixture
def project(tmp_path):
    with open_project_store(f"sqlite:///{tmp_path / 'project.sqlite'}") as store:
        yield store


def _codings(**columns) -> pd.DataFrame:
    base = {"segment_id": ["d:0001", "d:0002", "d:0003"], "code_id": "c", "coder": "anna",
            "source": "manual", "status": "accepted", "created_at": pd.Timestamp(2024, 6, 1)}
    return pd.DataFrame({**base, **columns})


def test_a_write_names_every_value_a_column_does_not_allow_with_its_rows_and_the_allowed_values(project):
    frame = _codings(status=["accepted", "acepted", "maybe"], source=["manual", "human", "manual"])
    with pytest.raises(SchemaError) as error:
        project.write("codings", frame)
    assert str(error.value) == (
        "rows for table 'codings' has 2 problems:\n"
        "  [source] 'human' not allowed in rows 1. Allowed: manual, rule, model, topic.\n"
        "  [status] 'acepted', 'maybe' not allowed in rows 1, 2. Allowed: suggested, accepted, rejected."
    )
    assert project.read("codings").empty


def test_allowed_values_are_declared_beside_the_table():
    assert table_schema("codings").columns[5].allowed == CODING_STATUSES
    assert dict((c.name, c.allowed) for c in table_schema("topics").columns)["status"] == TOPIC_STATUSES
    # a study's vocabulary is configuration: the store does not fix it
    assert {c.name: c.allowed for c in table_schema("participants").columns}["role"] is None
    assert {c.name: c.allowed for c in table_schema("events").columns}["kind"] is None


def test_an_empty_enumerated_value_is_left_to_the_column_nullability(project):
    frame = pd.DataFrame({"indicator_id": ["i"], "period": ["all"], "site": ["all"], "status": [None]})
    project.write("indicator_values", frame)
    assert project.read("indicator_values")["status"].isna().all()


def test_list_columns_round_trip_as_lists_on_sqlite(project, tmp_path):
    insight = pd.DataFrame([{
        "insight_id": "i1", "kind": "key_insight", "title": "t", "text": "x", "status": "open",
        "perspectives": ["mentee", "mentor"], "evidence_segment_ids": [], "code_ids": None,
        "created_on": dt.date(2024, 6, 1), "updated_on": dt.date(2024, 6, 1)}])
    project.write("insights", insight)
    read = project.read("insights")
    assert read.loc[0, "perspectives"] == ["mentee", "mentor"]
    assert read.loc[0, "evidence_segment_ids"] == []
    assert read.loc[0, "code_ids"] is None
    assert read["perspectives"].dtype == object
    with project.engine.connect() as connection:      # the database keeps JSON text
        stored = connection.execute(text("SELECT perspectives, evidence_segment_ids, code_ids FROM insights")).one()
    assert tuple(stored) == ('["mentee", "mentor"]', "[]", None)


def test_a_list_column_written_by_an_older_version_reads_back_as_a_list(tmp_path):
    raw = open_raw_store(tmp_path / "raw.sqlite")
    with raw.engine.begin() as connection:     # as versions before JSONList wrote it
        connection.execute(text(
            "INSERT INTO raw_participants (participant_id, name_variants, speaker_labels, role, consent) "
            """VALUES ('P1', '["Zo\\u00eb", "Zoe"]', '', 'mentee', 1)"""))
    read = raw.read("raw_participants")
    assert read.loc[0, "name_variants"] == ["Zoë", "Zoe"]
    assert read.loc[0, "speaker_labels"] == []
    raw.dispose()


def test_json_list_text_in_a_frame_is_parsed_and_bad_cells_are_reported_without_their_text(project):
    frame = pd.DataFrame([{"model_version": "m", "topic_id": t, "size": 1, "status": "emergent",
                           "top_terms": terms} for t, terms in enumerate(['["a", "b"]', "not json", '{"a": 1}'])])
    with pytest.raises(SchemaError) as error:
        project.write("topics", frame)
    assert str(error.value) == (
        "rows for table 'topics' has 1 problem:\n"
        "  [top_terms] must hold lists (or JSON list text); not in rows 1, 2.")
    project.write("topics", frame.iloc[[0]])
    assert project.read("topics").loc[0, "top_terms"] == ["a", "b"]


def test_the_one_parser_and_serialiser_of_list_text():
    assert dump_json_list(("HV01", "Zoë")) == '["HV01", "Zoë"]'
    assert dump_json_list([("c", 0.5)]) == '[["c", 0.5]]'
    assert parse_json_list(' ["a"] ') == ["a"]
    assert parse_json_list("") == []
    with pytest.raises(SchemaError) as error:
        parse_json_list("Jan;Piet", where="register.csv row 3, name_variants")
    assert str(error.value) == ('register.csv row 3, name_variants must hold a JSON list such as ["a", "b"]; '
                                "its text (8 characters) is not one.")
    with pytest.raises(SchemaError, match="^a list column needs a list of values, not a string"):
        dump_json_list("HV01")


def test_audit_actions_are_checked(project):
    with pytest.raises(StoreError) as error:
        project.audit(actor="anna", action="code.acept")
    assert str(error.value).startswith("'code.acept' is not an audit action. Actions: pseudonymise, withdraw, ")
    assert str(error.value).endswith("(add a new one to evaltoolkit.store.values.AUDIT_ACTIONS).")


def test_a_store_used_as_a_context_manager_disposes_its_engine(tmp_path, monkeypatch):
    disposed = []
    with open_project_store(f"sqlite:///{tmp_path / 'p.sqlite'}") as store:
        monkeypatch.setattr(store.engine, "dispose", lambda: disposed.append(True))
        assert store.read("codings").empty
        assert not disposed
    assert disposed == [True]


@pytest.mark.parametrize("name", ["participants", "documents", "segments", "attributes", "questions"])
def test_raw_and_project_mirrors_share_their_common_columns(name):
    raw, project = RAW_TABLES[f"raw_{name}"], PROJECT_TABLES[name]
    common = [c for c in raw.columns if c.name in project.columns]
    assert common, name
    for column in common:
        other = project.columns[column.name]
        assert (repr(column.type), column.nullable, column.primary_key, column.info) == \
               (repr(other.type), other.nullable, other.primary_key, other.info), column.name


def test_columns_that_hold_names_or_raw_text_exist_on_the_raw_side_only():
    assert {"full_name", "name_variants", "speaker_labels", "notes"} <= set(RAW_TABLES["raw_participants"].columns.keys())
    assert not {"full_name", "name_variants", "speaker_labels", "notes"} & set(PROJECT_TABLES["participants"].columns.keys())
    assert "speaker_label" not in PROJECT_TABLES["segments"].columns
    assert "title" not in PROJECT_TABLES["documents"].columns
    assert [fk.target_fullname for fk in RAW_TABLES["raw_segments"].c.doc_id.foreign_keys] == ["raw_documents.doc_id"]
    assert [fk.target_fullname for fk in PROJECT_TABLES["segments"].c.doc_id.foreign_keys] == ["documents.doc_id"]


def test_a_coder_whose_name_holds_a_colon_is_a_machine():
    assert machine_coder("rule", "keyword_rules.v1") == "rules:keyword_rules.v1"
    assert machine_coder("topic", "bertopic-1") == "topics:bertopic-1"
    assert is_machine_coder("model:logreg-3f") and not is_machine_coder("anna")
    codings = pd.DataFrame({"coder": ["anna", "rules:keyword_rules.v1", None, "topics:m"]})
    assert human_codings(codings).index.tolist() == [0, 2]
    with pytest.raises(InputError) as error:
        machine_coder("manual", "v1")
    assert str(error.value) == "source must be one of rule, model, topic. Got 'manual' instead."


def test_a_person_named_with_a_colon_is_refused_as_reviewer():
    assert person_coder("anna") == "anna"
    with pytest.raises(InputError) as error:
        person_coder("team:anna")
    assert str(error.value) == ("Reviewer 'team:anna' holds ':', which marks a machine coder "
                                "(e.g. 'rules:keyword_rules.v1'). Use a name without it, such as 'team_anna'.")
