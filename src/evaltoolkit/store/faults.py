"""What goes wrong around a store, said once: locked, read-only, missing or unreachable
stores become one :class:`StoreError` naming the file (or server) and the cause, never a
traceback and never a SQL parameter; and the named crash points the fault-injection
tests use.

Crash points: ``crash_point("ingest.after_write")`` does nothing unless the environment
variable ``EVALTOOLKIT_CRASH_AT`` names that point. Then it raises :class:`InjectedCrash`
(a ``BaseException``, so no ``except Exception`` swallows it), or, with ``name:exit``,
ends the process at once with status :data:`CRASH_EXIT_STATUS` as a power cut or a
killed process would: no ``finally`` blocks, no rollback but the database's own.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from evaltoolkit.errors import StoreError

CRASH_ENV = "EVALTOOLKIT_CRASH_AT"
CRASH_EXIT_STATUS = 70
#: every crash point in the code, so a test can check that it names a real one
CRASH_POINTS = (
    "ingest.after_write",          # a file written to the raw store, before the next one
    "ingest.before_remove",        # before the rows of a file no longer in the manifest go
    "pseudonymise.after_queue",    # the privacy review queue written, the project store not yet
    "pseudonymise.after_project",  # the project store written, the key's digest audited
    "review.after_decision",       # one decision of a review file written, the rest not yet
    "withdraw.after_raw",          # a withdrawal: the raw store cleaned, the project store not yet
    "withdraw.after_stores",       # a withdrawal: both stores cleaned, the derived files and the key not yet
)


class InjectedCrash(BaseException):
    """Raised at a named crash point (tests only)."""


def crash_point(name: str) -> None:
    """Crash here when ``EVALTOOLKIT_CRASH_AT`` names ``name`` (see the module docstring)."""
    wanted = os.environ.get(CRASH_ENV, "")
    if not wanted:
        return
    point, _, how = wanted.partition(":")
    if point != name:
        return
    if how == "exit":
        os._exit(CRASH_EXIT_STATUS)
    raise InjectedCrash(name)


def store_location(engine: Engine) -> str:
    """The SQLite file, or the server URL without its password."""
    if engine.dialect.name == "sqlite" and engine.url.database:
        return engine.url.database
    return engine.url.render_as_string(hide_password=True)


def prepare_sqlite_folder(path: Path, kind: str) -> None:
    """Create the folder of a SQLite store; refuse at once when it cannot be written (SQLite
    needs to write its journal beside the file even to read a WAL database)."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the folder {folder} of the {kind} store: {_os_cause(exc)}. "
                         "Create it, or point paths in evaltoolkit.yaml to a folder you can write.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"The {kind} store {path} cannot be opened: its folder {folder} is read-only. "
                         "Make the folder writable (SQLite writes a journal beside the store even to read), "
                         "or copy the project to a folder you can write.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(f"The {kind} store {path} cannot be opened: the file is read-only or not yours. "
                         "Make it readable and writable for you (chmod u+rw), or ask its owner.")


@contextmanager
def store_errors(engine: Engine, kind: str, *, opening: bool = False) -> Iterator[None]:
    """Turn database and file-system errors inside the block into one StoreError that
    names the store and the cause (never a statement's parameters)."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(describe(exc, engine, kind, opening=opening)) from None
    except PermissionError as exc:
        raise StoreError(f"The {kind} store {store_location(engine)} cannot be used: {_os_cause(exc)}.") from None


def describe(exc: SQLAlchemyError, engine: Engine, kind: str, *, opening: bool = False) -> str:
    """One sentence: which store, what happened, how to fix it."""
    where = f"The {kind} store {store_location(engine)}"
    cause = str(getattr(exc, "orig", None) or "").strip().splitlines()
    first = cause[0] if cause else type(exc).__name__
    lowered = first.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return (f"{where} is locked by another program (another evaltoolkit command, a database browser, "
                "a sync client). Wait for it to finish or close it, then run the command again. Nothing "
                "was written by this step.")
    if "readonly" in lowered or "read-only" in lowered:
        return (f"{where} is read-only (the file or its folder cannot be written). Make both writable, "
                "then run the command again. Nothing was written by this step.")
    if "unable to open database file" in lowered:
        return (f"{where} cannot be opened (its folder is missing, not writable, or not a local disk). "
                "Check paths in evaltoolkit.yaml and the folder's permissions.")
    if "disk i/o error" in lowered or "database or disk is full" in lowered:
        return f"{where} could not be written: {first}. Free disk space or check the disk, then run again."
    if "file is not a database" in lowered or "malformed" in lowered:
        return (f"{where} is damaged or not a SQLite database ({first}). Restore it from a backup; the raw "
                "store can also be rebuilt with `evaltoolkit ingest`.")
    if engine.dialect.name == "postgresql" and isinstance(exc, DBAPIError):
        sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
        if sqlstate == "42501":
            return (f"{where}: the database user may not do this ({first}). Ask the store's owner for the "
                    "grants in README (Sharing one PostgreSQL store).")
        if exc.connection_invalidated or sqlstate.startswith("08") or "connection" in lowered:
            return (f"{where} cannot be reached ({first}). Check that the server runs, the URL in "
                    "evaltoolkit.yaml and the password (e.g. in ~/.pgpass).")
        # other server messages may quote a value: only their kind and code are shown
        return f"{where} refused a statement ({type(exc.orig).__name__}, SQLSTATE {sqlstate or 'unknown'})."
    if opening:
        return (f"Cannot open {where[4:]}: {first}. Check the path in evaltoolkit.yaml and that no other "
                "program locks it.")
    # SQLite's messages name constraints and columns, never values
    return f"{where}: {type(exc).__name__}: {first}."


def _os_cause(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied (read-only)"
    return exc.strerror or type(exc).__name__
