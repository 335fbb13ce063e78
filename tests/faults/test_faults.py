"""Fault injection: locks held by another process, read-only folders and files, crashes at
named points (evaltoolkit.store.faults.CRASH_POINTS) and concurrent runs. Each test checks
that the user sees one clear message (exit status 1, no traceback, no participant text),
that the store is intact, and that a re-run reaches the state of a clean run."""
from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time

import pandas as pd
import pytest

from evaltoolkit.config import load_config
from evaltoolkit.errors import StoreError
from evaltoolkit.project import Project, ingest
from evaltoolkit.store import open_project_store, open_raw_store, table_schema
from evaltoolkit.store.faults import CRASH_EXIT_STATUS, CRASH_POINTS, InjectedCrash
from ingest.builders import MANIFEST, MANIFEST_HEADER, make_project, write_csv

from .helpers import (
    PARTICIPANT_WORDS,
    RAW_TABLES,
    assert_one_clear_error,
    assert_same,
    assert_sqlite_intact,
    read_only,
    review_file,
    run_cli,
    snapshot,
    suggestions_store,
)

PROJECT_TABLES = ("documents", "segments", "participants", "attributes", "questions")


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The raw store of the small project after one clean ingestion (the reference state)."""
    config = load_config(make_project(tmp_path_factory.mktemp("clean") / "project"))
    ingest(Project(config))
    return snapshot(config.paths.raw_store, RAW_TABLES)


@pytest.fixture
def ingested(tmp_path):
    """A small project ingested once (in this process; its connections closed)."""
    config = load_config(make_project(tmp_path / "project"))
    with Project(config) as project:
        ingest(project)
    return config


def _locker(path, how: str) -> subprocess.Popen:
    """Another program holding SQLite's lock on ``path`` until its stdin closes."""
    statements = {"write": "c.execute('BEGIN IMMEDIATE')",
                  "exclusive": "c.execute('PRAGMA locking_mode=EXCLUSIVE'); c.execute('BEGIN EXCLUSIVE');"
                               "c.execute('CREATE TABLE IF NOT EXISTS _x (a)')"}[how]
    code = (f"import sqlite3, sys; c = sqlite3.connect({str(path)!r}, isolation_level=None); {statements}; "
            "print('locked', flush=True); sys.stdin.read()")
    process = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "locked"
    return process


def _release(process: subprocess.Popen) -> None:
    process.stdin.close()
    process.wait(timeout=30)


# ------------------------------------------------------------------ locks held by another process
@pytest.mark.parametrize("how", ["write", "exclusive"])
def test_a_raw_store_locked_by_another_program_gives_one_message_and_a_rerun_finishes(ingested, clean, how):
    root, store_file = str(ingested.paths.root), ingested.paths.raw_store
    locker = _locker(store_file, how)
    try:
        result = run_cli("ingest", "--force", "int_r1_a", "--project", root)
    finally:
        _release(locker)
    assert_one_clear_error(result, f"The raw store {store_file}", "is locked by another program")
    if how == "exclusive":   # the locker's own table goes with it
        import sqlite3

        with sqlite3.connect(store_file) as connection:
            connection.execute("DROP TABLE IF EXISTS _x")
    assert run_cli("ingest", "--force", "int_r1_a", "--project", root).returncode == 0
    assert_sqlite_intact(store_file)
    assert_same(snapshot(store_file, RAW_TABLES), clean)


# ------------------------------------------------------------------ read-only folders and files
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_read_only_raw_store_gives_one_message_naming_it_and_a_rerun_finishes(ingested, clean, what):
    root, store_file = str(ingested.paths.root), ingested.paths.raw_store
    target = store_file.parent if what == "folder" else store_file
    with read_only(target):
        result = run_cli("ingest", "--force", "int_r1_a", "--project", root)
    assert_one_clear_error(result, "raw store", str(store_file))
    assert any(cause in result.stderr for cause in ("read-only", "cannot be opened")), result.stderr
    assert run_cli("ingest", "--force", "int_r1_a", "--project", root).returncode == 0
    assert_sqlite_intact(store_file)
    assert_same(snapshot(store_file, RAW_TABLES), clean)


def test_a_read_only_project_folder_refuses_to_create_the_raw_store(tmp_path):
    config = load_config(make_project(tmp_path / "project"))
    with read_only(config.paths.raw):
        result = run_cli("ingest", "--project", str(config.paths.root))
    assert_one_clear_error(result, "raw store")
    assert not config.paths.raw_store.exists()


# ------------------------------------------------------------------ crashes at named points
def test_every_crash_point_named_in_the_code_exists():
    import pathlib

    source = "".join(p.read_text(encoding="utf-8") for p in
                     pathlib.Path(__file__).resolve().parents[2].joinpath("src").rglob("*.py"))
    for point in CRASH_POINTS:
        assert f'crash_point("{point}")' in source, point


def test_a_crash_between_two_files_keeps_the_first_and_a_rerun_reaches_the_clean_state(tmp_path, clean):
    config = load_config(make_project(tmp_path / "project"))
    root = str(config.paths.root)
    crashed = run_cli("ingest", "--project", root, env={"EVALTOOLKIT_CRASH_AT": "ingest.after_write:exit"})
    assert crashed.returncode == CRASH_EXIT_STATUS
    assert_sqlite_intact(config.paths.raw_store)
    with open_raw_store(config.paths.raw_store) as store:
        assert store.read("raw_sources")["source_path"].tolist() == [MANIFEST[0][0]]
    assert run_cli("ingest", "--project", root).returncode == 0
    assert_same(snapshot(config.paths.raw_store, RAW_TABLES), clean)


def test_a_crash_while_removing_files_no_longer_listed_is_finished_by_a_rerun(ingested, tmp_path):
    write_csv(ingested.paths.raw / "manifest.csv", MANIFEST_HEADER, MANIFEST[:-1])
    root = str(ingested.paths.root)
    crashed = run_cli("ingest", "--project", root, env={"EVALTOOLKIT_CRASH_AT": "ingest.before_remove:exit"})
    assert crashed.returncode == CRASH_EXIT_STATUS
    assert run_cli("ingest", "--project", root).returncode == 0
    reference = load_config(make_project(tmp_path / "reference", manifest=MANIFEST[:-1]))
    ingest(Project(reference))
    assert_sqlite_intact(ingested.paths.raw_store)
    # raw_questions (question wording, no participant data) outlive a removed survey: known, see README
    tables = [t for t in RAW_TABLES if t != "raw_questions"]
    assert_same(snapshot(ingested.paths.raw_store, tables), snapshot(reference.paths.raw_store, tables))


@pytest.mark.parametrize("point", ["pseudonymise.after_queue", "pseudonymise.after_project"])
def test_a_crash_around_the_review_queue_loses_no_review_item(ingested, point, monkeypatch):
    monkeypatch.setenv("EVALTOOLKIT_CRASH_AT", point)
    with pytest.raises(InjectedCrash):
        _pseudonymise(ingested)
    monkeypatch.delenv("EVALTOOLKIT_CRASH_AT")
    _pseudonymise(ingested)
    after_rerun = _pseudonymised(ingested)
    _pseudonymise(ingested, force=True)
    assert_same(after_rerun, _pseudonymised(ingested))   # the re-run's state is a clean run's
    assert_sqlite_intact(ingested.paths.raw_store)


def test_a_lost_review_queue_is_derived_again_on_the_next_run(ingested):
    # people the register does not know go to the privacy review (invented names)
    transcript = ingested.paths.raw / "interview_r1.txt"
    transcript.write_text(transcript.read_text(encoding="utf-8") + "R2: Mijn buurvrouw Marieke helpt ook, en Bakker.\n",
                          encoding="utf-8")
    with Project(ingested) as project:
        ingest(project)
    _pseudonymise(ingested)
    queue = _queue(ingested)
    assert len(queue), "the fixture should give the privacy review something to do"
    with open_raw_store(ingested.paths.raw_store) as store:
        store.delete("raw_review_queue", where={"status": "open"})
    report = _pseudonymise(ingested)
    assert report.up_to_date_since is None        # not skipped as "nothing changed"
    pd.testing.assert_frame_equal(_queue(ingested), queue)


def _pseudonymise(config, *, force: bool = False):
    """Pseudonymise in this process (the CLI's own process pays for loading deduce each time)."""
    from evaltoolkit.project import pseudonymise_project

    with Project(config) as project:
        return pseudonymise_project(project.unlock("passphrase-of-the-fault-tests"), force=force)


def _queue(config) -> pd.DataFrame:
    with open_raw_store(config.paths.raw_store) as store:
        queue = store.read("raw_review_queue").drop(columns=["created_at"])
    return queue.sort_values("item_id").reset_index(drop=True)


def _pseudonymised(config) -> dict[str, pd.DataFrame]:
    frames = snapshot(config.paths.store_url, PROJECT_TABLES)
    frames["raw_review_queue"] = _queue(config).astype(str)
    return frames


def test_a_crash_inside_a_review_import_writes_nothing_and_a_rerun_records_it_all(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'project.sqlite'}"
    pairs = suggestions_store(url, segments=10)
    path = review_file(tmp_path / "review.csv", pairs, "accept")
    from evaltoolkit.coding import import_review

    monkeypatch.setenv("EVALTOOLKIT_CRASH_AT", "review.after_decision")
    with open_project_store(url) as store, pytest.raises(InjectedCrash):
        import_review(store, path, reviewer="anna")
    with open_project_store(url) as store:
        assert store.read("codings", where={"coder": "anna"}).empty
        assert store.read("audit_log").empty
    monkeypatch.delenv("EVALTOOLKIT_CRASH_AT")
    with open_project_store(url) as store:
        counts = import_review(store, path, reviewer="anna")
        assert counts.set_index("decision")["rows"]["accept"] == 10
        assert len(store.read("codings", where={"coder": "anna", "status": "accepted"})) == 10
        # the same file again changes nothing (a re-run after a crash that came after the commit)
        again = import_review(store, path, reviewer="anna")
        assert again.set_index("decision")["rows"]["already recorded"] == 10
        assert len(store.read("audit_log")) == 10


# ------------------------------------------------------------------ concurrency
def test_two_reviewers_importing_opposite_decisions_at_once_record_one_of_them(tmp_path, store_url):
    pairs = suggestions_store(store_url, segments=50)
    accept = review_file(tmp_path / "accept.csv", pairs, "accept")
    reject = review_file(tmp_path / "reject.csv", pairs, "reject")
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    with context.Pool(2) as pool:
        from .workers import import_review_file

        results = pool.starmap(import_review_file, [(store_url, str(accept), "anna", barrier),
                                                    (store_url, str(reject), "ben", barrier)])
    assert sorted(r.split(":")[0] for r in results) == ["DecisionConflict", "ok"], results
    refused = next(r for r in results if r != "ok")
    assert "50 decisions contradict what another reviewer recorded, so none were written" in refused
    assert "int_a:0001/bureaucratie" in refused
    with open_project_store(store_url) as store:
        decided = store.read("codings", where={"coder": ["anna", "ben"]})
    assert len(decided) == 50 and decided["coder"].nunique() == 1
    both = decided.groupby(["segment_id", "code_id"])["status"].nunique()
    assert (both == 1).all()


def test_two_ingestions_at_once_end_in_the_clean_state(tmp_path, clean):
    config = load_config(make_project(tmp_path / "project"))
    root = str(config.paths.root)
    from .helpers import SRC

    env = {"PYTHONPATH": str(SRC), "EVALTOOLKIT_SQLITE_BUSY_TIMEOUT_MS": "60000"}
    import os

    processes = [subprocess.Popen([sys.executable, "-m", "evaltoolkit.cli.main", "ingest", "--project", root],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, **env}) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [o[1][-1000:] for o in outputs]
    assert_sqlite_intact(config.paths.raw_store)
    assert_same(snapshot(config.paths.raw_store, RAW_TABLES), clean)


# ------------------------------------------------------------------ no participant text in messages
def test_a_failing_statement_never_shows_its_parameters(store_url):
    with open_project_store(store_url) as store:
        orphan = table_schema("segments").coerce(pd.DataFrame([{
            "segment_id": "nope:0001", "doc_id": "nope", "n": 1, "start_char": 0, "end_char": 6,
            "text": "GEHEIM verhaal van een deelnemer", "speaker_role": "participant", "content_hash": "0" * 64}]))
        with pytest.raises(StoreError) as caught:
            store.write("segments", orphan)
    message = str(caught.value)
    assert "project store" in message
    for word in PARTICIPANT_WORDS:
        assert word not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


# ------------------------------------------------------------------ a withdrawal killed midway
@pytest.mark.parametrize("point", ["withdraw.after_raw", "withdraw.after_stores"])
def test_a_withdrawal_killed_midway_is_pending_and_the_next_run_finishes_it(tmp_path, point):
    """`participant withdraw` killed between the two stores, or before the derived files and
    the key: the withdrawal list says pending (it outlives the process), and running the
    command again ends where an uninterrupted withdrawal ends."""
    from evaltoolkit.privacy import Detector, load_key
    from evaltoolkit.privacy.withdrawals import pending, withdrawals_path
    from evaltoolkit.project import pseudonymise_project
    from privacy.conftest import PASSPHRASE
    from privacy.conftest import make_project as make_privacy_project

    config = make_privacy_project(tmp_path / "project")
    with Project(config).unlock(PASSPHRASE) as project:
        pseudonymise_project(project, detector=Detector(use_deduce=False))
    arguments = ("participant", "withdraw", "HV02", "--actor", "anna", "--project", str(config.paths.root))
    environment = {"EVALTOOLKIT_KEY_PASSPHRASE": PASSPHRASE}

    from privacy.conftest import project_id

    hv02 = project_id(config, "HV02")   # the project store knows them by the key's opaque id

    def speaks(store_url_or_path, table):
        opened = (open_raw_store if table.startswith("raw_") else open_project_store)(store_url_or_path)
        with opened:
            return (opened.read(table)["participant_id"] == ("HV02" if table.startswith("raw_") else hv02)).any()

    crashed = run_cli(*arguments, env={**environment, "EVALTOOLKIT_CRASH_AT": f"{point}:exit"})
    assert crashed.returncode == CRASH_EXIT_STATUS
    assert_sqlite_intact(config.paths.raw_store)
    assert pending(withdrawals_path(config.paths.key)) == ["HV02"]
    assert not speaks(config.paths.raw_store, "raw_segments")
    assert speaks(config.paths.store_url, "segments") == (point == "withdraw.after_raw")
    assert load_key(config.paths.key, passphrase=PASSPHRASE).participant_entity("HV02") is not None
    finished = run_cli(*arguments, env=environment)
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("Withdrew HV02")
    assert pending(withdrawals_path(config.paths.key)) == []
    assert not speaks(config.paths.store_url, "segments")
    assert load_key(config.paths.key, passphrase=PASSPHRASE).participant_entity("HV02") is None
