"""Helpers of the fault-injection tests: the CLI in a real process, store snapshots and
integrity checks, a project store with machine suggestions, and read-only folders."""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd

from evaltoolkit.store import open_project_store, table_schema

SRC = Path(__file__).resolve().parents[2] / "src"
RAW_TABLES = ("raw_participants", "raw_documents", "raw_segments", "raw_attributes", "raw_questions", "raw_sources")
#: columns that differ between two runs by nature (when a row was written)
TIMES = ("ingested_at", "created_at", "pseudonymised_at", "reviewed_at", "at", "audit_id")
#: words of the test projects' participants: no message may hold them
PARTICIPANT_WORDS = ("taalles", "moeilijk", "Testpersoon", "brieven", "GEHEIM")
MACHINE = "rules:keyword_rules.v1"


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``evaltoolkit ARGS`` in its own process, as a user runs it (exit status, stderr)."""
    environment = {**os.environ, "PYTHONPATH": str(SRC), "EVALTOOLKIT_SQLITE_BUSY_TIMEOUT_MS": "1500",
                   "COLUMNS": "200", **(env or {})}
    return subprocess.run([sys.executable, "-m", "evaltoolkit.cli.main", *args], capture_output=True, text=True,
                          env=environment, timeout=timeout)


def assert_one_clear_error(result: subprocess.CompletedProcess, *expected: str) -> None:
    """Exit status 1, one ``Error:`` message holding ``expected``, no traceback, no participant text."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "sqlalchemy" not in output.lower(), output
    assert result.stderr.count("Error:") == 1, output
    for text in expected:
        assert text in result.stderr, output
    for word in PARTICIPANT_WORDS:
        assert word not in output


def snapshot(url_or_path, tables) -> dict[str, pd.DataFrame]:
    """Each table without the columns that record when, sorted: two runs that did the same
    work have equal snapshots."""
    from evaltoolkit.store import open_raw_store

    opener = open_raw_store if not str(url_or_path).count("://") else open_project_store
    with opener(url_or_path) as store:
        frames = {}
        for table in tables:
            frame = store.read(table)
            frame = frame.drop(columns=[c for c in TIMES if c in frame.columns])
            frames[table] = frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)
        return frames


def assert_same(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert left.keys() == right.keys()
    for table in left:
        pd.testing.assert_frame_equal(left[table], right[table], obj=table)


def assert_sqlite_intact(path: Path) -> None:
    """SQLite's own integrity check passes and no row points at a missing parent."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@contextlib.contextmanager
def read_only(path: Path):
    """``path`` (a file or folder) cannot be written while the block runs. As root, chmod
    does not stop a write, so the file system's immutable flag (chattr +i) is used."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            import pytest

            pytest.skip(f"running as root and chattr +i is not supported here: {done.stderr.decode().strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def suggestions_store(url: str, segments: int = 50) -> list[tuple[str, str]]:
    """A project store at ``url`` with ``segments`` segments and one machine suggestion
    each; returns the (segment_id, code_id) pairs suggested."""
    at = dt.datetime(2024, 7, 1)
    documents = pd.DataFrame([{"doc_id": "int_a", "source_path": "int_a.txt", "kind": "interview",
                               "perspective": "sponsor", "text": "(synthetic)", "content_hash": "0" * 64,
                               "pseudonymiser_version": "test", "pseudonymised_at": at}])
    rows = pd.DataFrame([{"segment_id": f"int_a:{n:04d}", "doc_id": "int_a", "n": n, "start_char": 0, "end_char": 1,
                          "text": f"segment {n}", "speaker_role": "participant", "content_hash": "0" * 64}
                         for n in range(1, segments + 1)])
    codings = rows[["segment_id"]].assign(code_id="bureaucratie", coder=MACHINE, source="rule", confidence=0.8,
                                          status="suggested", created_at=at)
    with open_project_store(url) as store, store.transaction() as tx:
        tx.write("documents", table_schema("documents").coerce(documents))
        tx.write("segments", table_schema("segments").coerce(rows))
        tx.write("codings", table_schema("codings").coerce(codings))
    return list(zip(codings["segment_id"], codings["code_id"]))


def review_file(path: Path, pairs, decision: str) -> Path:
    pd.DataFrame({"segment_id": [s for s, _ in pairs], "code_id": [c for _, c in pairs],
                  "decision": decision}).to_csv(path, index=False)
    return path
