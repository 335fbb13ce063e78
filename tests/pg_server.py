"""A real PostgreSQL server for the tests, started from the distribution's packages.

``postgres_server`` (session) runs ``initdb`` in a temporary folder and starts the server
on a free local port (as the ``postgres`` or ``nobody`` user when the tests run as root,
since PostgreSQL refuses to run as root), and stops it when the session ends. It skips
with a reason when the binaries or the psycopg driver are absent (install them with
scripts/install-system-packages and the project's dependencies).

``postgres_url`` gives each test a fresh, empty database on that server; ``store_url``
is parametrised over SQLite and PostgreSQL, so a test taking it runs on both.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

BIN_GLOBS = ("/usr/lib/postgresql/*/bin",)
SUPERUSER = "evaltoolkit"


def _bindir() -> Path | None:
    for pattern in BIN_GLOBS:
        for folder in sorted(glob.glob(pattern), reverse=True):   # newest version first
            if Path(folder, "initdb").is_file() and Path(folder, "pg_ctl").is_file():
                return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _run_as() -> list[str]:
    """A prefix running a command as an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        if shutil.which("runuser"):
            return ["runuser", "-u", user, "--"]
    pytest.skip("running as root and there is no postgres/nobody user with runuser to start PostgreSQL as")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """The base URL (no database) of a PostgreSQL server started for this test session."""
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; run "
                    "scripts/install-system-packages (Debian package postgresql)")
    pytest.importorskip("psycopg", reason="the psycopg driver is not installed (pip install -e '.[dev]')")
    prefix = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="evaltoolkit-pg-"))
    if prefix:
        user = prefix[2]
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data, log = folder / "data", folder / "server.log"
    port = _free_port()
    run = lambda *args: subprocess.run([*prefix, *map(str, args)], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(bindir / "initdb", "-D", data, "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale")
        run(bindir / "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "start", "-o",
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {error.stderr.strip()[-500:]}")
    try:
        yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server: str, name: str | None = None) -> str:
    """A new empty database on ``server``; returns its URL."""
    import psycopg

    name = name or f"t_{uuid.uuid4().hex[:12]}"
    dsn = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return create_database(postgres_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A project store URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'project.sqlite'}"
    return request.getfixturevalue("postgres_url")
