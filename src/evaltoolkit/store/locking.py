"""How a check-then-write stays consistent when two programs use one store at once.

SQLite: a write transaction starts with ``BEGIN IMMEDIATE`` (the connection carries the
:data:`WRITE_OPTION` execution option), so it holds the database's write lock before its
first read; another writer waits (``busy_timeout``). PostgreSQL: a transaction that checks
before it writes takes a transaction-scoped advisory lock (:func:`hold`) under a name.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

#: execution option on a connection whose transaction will write
WRITE_OPTION = "evaltoolkit_write"


def sqlite_begin(connection: Connection) -> None:
    """The ``begin`` event of a SQLite engine: BEGIN IMMEDIATE to write, BEGIN to read."""
    immediate = connection.get_execution_options().get(WRITE_OPTION)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def hold(connection: Connection, name: str) -> None:
    """Hold the lock ``name`` until the transaction ends (PostgreSQL; on SQLite the write
    transaction already holds the database's lock)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": name})
