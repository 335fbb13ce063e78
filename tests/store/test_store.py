"""The store API: every table round-trips through write/read with its declared schema;
upsert, transactions, the append-only audit log and migrations on open."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text

from evaltoolkit.errors import SchemaError, StoreError
from evaltoolkit.store import open_project_store, open_raw_store, table_schema
from evaltoolkit.store.migrations import current_revision, head_revision
from evaltoolkit.store.tables import PROJECT_TABLES, RAW_TABLES

SAMPLES = {"string": lambda c, i: f"{c}-{i}", "Int64": lambda c, i: i, "Float64": lambda c, i: i + 0.5,
           "boolean": lambda c, i: i % 2 == 0, "date": lambda c, i: dt.date(2024, 6, i),
           "datetime64[ns]": lambda c, i: pd.Timestamp(2024, 6, i, 10, 30),
           "list": lambda c, i: [f"{c}-{i}", "Zoë"]}


def _sample(column, i):
    if column.allowed:      # an enumerated column holds one of its allowed values
        return column.allowed[i % len(column.allowed)]
    value = SAMPLES[column.dtype](column.name, i)
    if column.max_length and len(value) > column.max_length:   # e.g. language VARCHAR(8)
        value = f"{column.name[:column.max_length - 2]}-{i}"
    return value


def _rows(table: str, count: int = 2) -> pd.DataFrame:
    schema = table_schema(table)
    # Foreign keys hold the same sample values ("doc_id-1"), so related tables line up.
    return schema.coerce(pd.DataFrame([{c.name: _sample(c, i) for c in schema.columns}
                                       for i in range(1, count + 1)]))


@pytest.fixture
def raw(tmp_path):
    with open_raw_store(tmp_path / "raw" / "raw.sqlite") as store:
        yield store


@pytest.fixture
def project(store_url):
    """The project store, once on SQLite and once on a real PostgreSQL (tests/pg_server.py)."""
    with open_project_store(store_url) as store:
        yield store


@pytest.mark.parametrize("kind, table", [("raw", t) for t in RAW_TABLES] + [("project", t) for t in PROJECT_TABLES])
def test_every_table_round_trips_through_write_and_read(kind, table, raw, project):
    store = raw if kind == "raw" else project
    tables = RAW_TABLES if kind == "raw" else PROJECT_TABLES
    for name in tables:          # parents first (sorted by foreign keys)
        if name != "audit_log":
            store.write(name, _rows(name))
        if name == table:
            break
    frame = _rows(table)
    if table == "audit_log":
        store.write(table, frame.drop(columns=["audit_id"]), mode="append")
    read = store.read(table)
    assert list(read.columns) == table_schema(table).column_names
    pd.testing.assert_frame_equal(read, frame, check_dtype=True)


def test_upsert_replaces_rows_with_the_same_key(raw):
    raw.write("raw_attributes", _rows("raw_attributes"))
    changed = _rows("raw_attributes").iloc[[0]].assign(value="nieuw")
    raw.write("raw_attributes", changed, mode="upsert")
    read = raw.read("raw_attributes")
    assert sorted(read["value"]) == ["nieuw", "value-2"]


def test_read_filters_by_value_and_by_list(raw):
    raw.write("raw_questions", _rows("raw_questions", 3))
    assert raw.read("raw_questions", where={"survey_id": "survey_id-2"})["question_id"].tolist() == ["question_id-2"]
    assert len(raw.read("raw_questions", where={"survey_id": ["survey_id-1", "survey_id-3"]})) == 2


def test_transaction_rolls_back_every_write_when_one_fails(raw):
    with pytest.raises(SchemaError):
        with raw.transaction() as tx:
            tx.write("raw_documents", _rows("raw_documents"))
            tx.write("raw_segments", _rows("raw_segments").drop(columns=["text"]))
    assert raw.read("raw_documents").empty


def test_write_reports_every_schema_problem_at_once(raw):
    frame = _rows("raw_questions").drop(columns=["survey_id"])
    with pytest.raises(SchemaError) as error:
        raw.write("raw_questions", frame)
    assert str(error.value) == "rows for table 'raw_questions' has 1 problem:\n  [survey_id] required column is missing."


def test_audit_log_is_append_only(project):
    project.audit(actor="anna", action="code.accept", entity_type="segment", entity_id="d:0001",
                  details={"codes": 2})
    with pytest.raises(StoreError, match="append-only"):
        project.write("audit_log", project.read("audit_log"), mode="upsert")
    with pytest.raises(StoreError, match="append-only"):
        project.delete("audit_log", where={"actor": "anna"})
    for statement in ("UPDATE audit_log SET actor = 'eve'", "DELETE FROM audit_log"):
        with pytest.raises(Exception):
            with project.engine.begin() as connection:
                connection.execute(text(statement))
    log = project.read("audit_log")
    assert log[["actor", "action", "entity_id", "details"]].values.tolist() == [
        ["anna", "code.accept", "d:0001", '{"codes": 2}']]


def test_migrations_are_applied_when_a_store_is_opened(tmp_path, store_url):
    store = open_raw_store(tmp_path / "r.sqlite")
    assert current_revision(store.engine) == head_revision("raw")
    reopened = open_raw_store(tmp_path / "r.sqlite")
    assert current_revision(reopened.engine) == head_revision("raw")
    with open_project_store(store_url) as project:
        assert current_revision(project.engine) == head_revision("project")


def test_two_programs_opening_a_new_store_at_once_migrate_it_once(store_url):
    import subprocess
    import sys

    code = ("import sys; from evaltoolkit.store import open_project_store; "
            "s = open_project_store(sys.argv[1]); print(len(s.read('codings'))); s.dispose()")
    processes = [subprocess.Popen([sys.executable, "-c", code, store_url], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.communicate(timeout=120), p.returncode) for p in processes]
    assert [code for _, code in results] == [0, 0, 0], [out[1][-500:] for out, _ in results]
    with open_project_store(store_url) as project:
        assert current_revision(project.engine) == head_revision("project")


def test_raw_store_has_no_audit_log_and_unknown_tables_are_refused(raw):
    with pytest.raises(StoreError, match="^'codings' is not a table of the raw store."):
        raw.read("codings")
    with pytest.raises(StoreError, match="The audit log lives in the project store"):
        raw.audit(actor="a", action="x")


def test_upserting_a_document_keeps_its_segments(raw):
    raw.write("raw_documents", _rows("raw_documents"))
    raw.write("raw_segments", _rows("raw_segments"))
    raw.write("raw_documents", _rows("raw_documents"), mode="upsert")
    assert len(raw.read("raw_segments")) == 2


def test_a_store_made_by_an_older_version_is_upgraded_and_matches_the_declared_tables(store_url):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, inspect

    from evaltoolkit.store.migrations import alembic_config
    from evaltoolkit.store.tables import project_metadata

    url = store_url
    config = alembic_config("project")
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")            # the schema of the first version
    assert "coded_share" not in {c["name"] for c in inspect(engine).get_columns("topics")}
    engine.dispose()
    with open_project_store(url) as store:
        assert current_revision(store.engine) == head_revision("project")
        with store.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), project_metadata) == []
