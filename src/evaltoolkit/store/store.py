"""Open the raw and project stores; read and write tables as DataFrames.

>>> with open_project_store("sqlite:///data/pseudonymised/project.sqlite") as store:
...     segments = store.read("segments", where={"doc_id": "int_r1_site_01"})
...     with store.transaction() as tx:
...         tx.write("codings", codings)
...         tx.audit(actor="anna", action="code.accept", entity_type="segment", entity_id="...")

Every write validates the frame against the table's declared schema first (columns,
empty values, allowed values, list cells, keys) and runs in a transaction: either all of
it lands or none of it does. A store used as a context manager disposes of its engine
(closes its connections) when the block ends; ``dispose()`` does the same by hand.

Bad conditions (see :mod:`evaltoolkit.store.faults` for the one home of the messages):

* Engines are created with ``hide_parameters=True``: no SQL parameter (a transcript's
  words) ever appears in an exception, a log line or a traceback.
* A locked, read-only, missing or unreachable store raises :class:`StoreError` naming
  the file (or server) and the cause; the CLI prints it and exits with status 1.
* On SQLite a write transaction starts with ``BEGIN IMMEDIATE``: it takes the write lock
  before its first read, so what it checks cannot change before it writes (two
  reviewers importing at once are serialised, the second waits up to
  :data:`SQLITE_BUSY_TIMEOUT_MS`). On PostgreSQL a transaction that checks before it
  writes takes an advisory lock with :meth:`Transaction.lock`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, MetaData, and_, create_engine, delete, event, select

from evaltoolkit.errors import StoreError
from evaltoolkit.store import faults, locking, migrations
from evaltoolkit.store.schema import table_schema
from evaltoolkit.store.tables import PROJECT_TABLES, RAW_TABLES, project_metadata, raw_metadata
from evaltoolkit.store.values import AUDIT_ACTIONS

WRITE_MODES = ("upsert", "append", "replace")
_CHUNK = 500
#: how long a SQLite write waits for another program's lock before giving up (milliseconds;
#: the environment variable EVALTOOLKIT_SQLITE_BUSY_TIMEOUT_MS changes it)
SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("EVALTOOLKIT_SQLITE_BUSY_TIMEOUT_MS", "30000"))


class Store:
    """One database (raw or project) with table-level DataFrame access."""

    def __init__(self, engine: Engine, metadata: MetaData, kind: str):
        self.engine = engine
        self.metadata = metadata
        self.kind = kind
        self.tables = RAW_TABLES if kind == "raw" else PROJECT_TABLES

    def __repr__(self) -> str:
        return f"Store(kind={self.kind!r}, url={self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.dispose()

    @contextmanager
    def transaction(self) -> Iterator["Transaction"]:
        """All writes inside the block commit together or not at all (see the module
        docstring for how SQLite and PostgreSQL keep a check-then-write consistent)."""
        with faults.store_errors(self.engine, self.kind), self.engine.connect() as connection:
            connection.execution_options(**{locking.WRITE_OPTION: True})
            with connection.begin():
                yield Transaction(self, connection)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A read-only connection for queries :meth:`read` cannot express; errors as StoreError."""
        with faults.store_errors(self.engine, self.kind), self.engine.connect() as connection:
            yield connection

    def read(self, table: str, *, where: Mapping[str, Any] | None = None) -> pd.DataFrame:
        with self.connection() as connection:
            return Transaction(self, connection).read(table, where=where)

    def write(self, table: str, frame: pd.DataFrame, *, mode: str = "upsert") -> int:
        with self.transaction() as tx:
            return tx.write(table, frame, mode=mode)

    def delete(self, table: str, *, where: Mapping[str, Any]) -> int:
        with self.transaction() as tx:
            return tx.delete(table, where=where)

    def audit(self, *, actor: str, action: str, entity_type: str | None = None,
              entity_id: str | None = None, details: Mapping[str, Any] | None = None) -> None:
        with self.transaction() as tx:
            tx.audit(actor=actor, action=action, entity_type=entity_type, entity_id=entity_id, details=details)

    def count(self, table: str) -> int:
        return len(self.read(table))

    def dispose(self) -> None:
        """Close the store's connections (a later read or write opens new ones)."""
        self.engine.dispose()


class Transaction:
    """The read/write operations of a :class:`Store`, bound to one connection."""

    def __init__(self, store: Store, connection: Connection):
        self.store = store
        self.connection = connection

    def _table(self, name: str):
        try:
            return self.store.tables[name]
        except KeyError:
            raise StoreError(
                f"{name!r} is not a table of the {self.store.kind} store. "
                f"Tables: {', '.join(sorted(self.store.tables))}."
            ) from None

    def lock(self, name: str) -> None:
        """Hold a lock named ``name`` until the transaction ends, so another transaction
        taking the same lock waits: use it before a check whose answer the writes depend on.

        SQLite write transactions already hold the database's write lock (BEGIN IMMEDIATE);
        PostgreSQL takes a transaction-scoped advisory lock.
        """
        locking.hold(self.connection, name)

    def read(self, table: str, *, where: Mapping[str, Any] | None = None) -> pd.DataFrame:
        sql_table = self._table(table)
        query = select(sql_table)
        clause = _where(sql_table, where)
        if clause is not None:
            query = query.where(clause)
        result = self.connection.execute(query)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        return table_schema(table).coerce(frame)

    def write(self, table: str, frame: pd.DataFrame, *, mode: str = "upsert") -> int:
        """Write ``frame``; ``upsert`` replaces rows with the same key, ``append`` inserts,
        ``replace`` empties the table first. Returns the number of rows written."""
        if mode not in WRITE_MODES:
            raise StoreError(f"mode must be one of {', '.join(WRITE_MODES)}. Got {mode!r} instead.")
        if table == "audit_log" and mode != "append":
            raise StoreError("audit_log is append-only: write it with mode='append' or Store.audit().")
        schema = table_schema(table)
        frame = schema.validate(frame, where=f"rows for table {table!r}")
        sql_table = self._table(table)
        records = _records(frame)
        if table == "audit_log":
            records = [{k: v for k, v in r.items() if not (k == "audit_id" and v is None)} for r in records]
        if mode == "replace":
            self.connection.execute(delete(sql_table))
        statement = sql_table.insert()
        if mode == "upsert" and schema.key:
            statement = _upsert_statement(self.connection, sql_table, schema.key)
        for start in range(0, len(records), _CHUNK):
            self.connection.execute(statement, records[start:start + _CHUNK])
        return len(records)

    def delete(self, table: str, *, where: Mapping[str, Any]) -> int:
        if table == "audit_log":
            raise StoreError("audit_log is append-only: rows cannot be deleted.")
        if not where:
            raise StoreError(f"delete from {table!r} needs a where= condition; refusing to empty the table.")
        sql_table = self._table(table)
        return self.connection.execute(delete(sql_table).where(_where(sql_table, where))).rowcount

    def audit(self, *, actor: str, action: str, entity_type: str | None = None,
              entity_id: str | None = None, details: Mapping[str, Any] | None = None) -> None:
        """Append one line to the audit log (ids and counts only, never participant text)."""
        if "audit_log" not in self.store.tables:
            raise StoreError("The audit log lives in the project store, not the raw store.")
        if action not in AUDIT_ACTIONS:
            raise StoreError(f"{action!r} is not an audit action. Actions: {', '.join(AUDIT_ACTIONS)} "
                             "(add a new one to evaltoolkit.store.values.AUDIT_ACTIONS).")
        self.connection.execute(self._table("audit_log").insert(), [{
            "at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            "actor": actor,
            "action": action,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "details": json.dumps(dict(details), sort_keys=True, default=str) if details else None,
        }])


def _where(sql_table, where: Mapping[str, Any] | None):
    if not where:
        return None
    clauses = []
    for column, value in where.items():
        if column not in sql_table.c:
            raise StoreError(f"{column!r} is not a column of {sql_table.name!r}.")
        if isinstance(value, (list, tuple, set, frozenset, pd.Series)):
            clauses.append(sql_table.c[column].in_(list(value)))
        elif value is None:
            clauses.append(sql_table.c[column].is_(None))
        else:
            clauses.append(sql_table.c[column] == value)
    return and_(*clauses)


def _upsert_statement(connection: Connection, sql_table, key: tuple[str, ...]):
    """INSERT ... ON CONFLICT (key) DO UPDATE: an upsert updates rows in place, so rows
    that reference them (ON DELETE CASCADE) are left alone."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        raise StoreError(
            f"Upserts are supported on SQLite and PostgreSQL; the store URL uses {dialect!r}. "
            "Use a sqlite:/// or postgresql:// URL in evaltoolkit.yaml."
        )
    statement = insert(sql_table)
    updates = {c.name: statement.excluded[c.name] for c in sql_table.columns if c.name not in key}
    if not updates:
        return statement.on_conflict_do_nothing(index_elements=list(key))
    return statement.on_conflict_do_update(index_elements=list(key), set_=updates)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values, with every kind of NA turned into None."""
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    for record in records:
        for name, value in record.items():
            if isinstance(value, pd.Timestamp):
                record[name] = value.to_pydatetime()
    return records


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is off (it would start transactions only at
    # the first write, after the reads a check depends on): _sqlite_begin starts them.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets readers go on while one writer writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_MS)}")
    # deleted rows are overwritten, not left in free pages: a withdrawal leaves no byte behind
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _engine(url: str, kind: str) -> Engine:
    # hide_parameters: a failing statement's values (participant text) never reach a message
    engine = create_engine(url, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            faults.prepare_sqlite_folder(Path(database), kind)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", locking.sqlite_begin)
    return engine


def _open(url: str, kind: str) -> Store:
    engine = _engine(url, kind)
    with faults.store_errors(engine, kind, opening=True):
        migrations.upgrade(engine, kind)
    return Store(engine, raw_metadata if kind == "raw" else project_metadata, kind)


def open_project_store(url: str) -> Store:
    """Open (creating or migrating as needed) the project store at a SQLAlchemy URL."""
    return _open(url, "project")


def open_raw_store(path: Path | str) -> Store:
    """Open (creating or migrating as needed) the raw store, a SQLite file under data/raw/."""
    path = str(path)
    url = path if "://" in path else f"sqlite:///{Path(path).resolve()}"
    return _open(url, "raw")
