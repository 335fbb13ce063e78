"""``evaltoolkit``: the command line. Each command group lives in its own module and
adds itself with ``register(app)``; a command parses arguments, calls one library
function and prints what it wrote."""
from __future__ import annotations

import sys

import typer
from sqlalchemy.exc import SQLAlchemyError

from evaltoolkit.cli import coding, exchange, ingest, privacy, project, reports, topics
from evaltoolkit.cli.common import console_err
from evaltoolkit.errors import EvaltoolkitError

app = typer.Typer(
    name="evaltoolkit",
    help="Qualitative evaluation research: ingest, pseudonymise, code, find themes, report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for module in (project, ingest, privacy, coding, exchange, topics, reports):
    module.register(app)


def main() -> None:
    """Entry point: turns every EvaltoolkitError into ``Error: <message>`` and exit code 1.

    A database or file-system error that escaped the stores' own handling is reported the
    same way, by its kind and the file it concerns: never with a traceback, which could
    quote participant text.
    """
    try:
        app()
    except EvaltoolkitError as exc:
        _fail(str(exc))
    except SQLAlchemyError as exc:
        _fail(f"a database error ({type(exc).__name__}: {_first_line(getattr(exc, 'orig', None) or exc)}). "
              "If another program uses the store, close it and run the command again.")
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _fail(f"cannot use{where}: {exc.strerror or type(exc).__name__}. Check that it exists and that you "
              "may read and write it (a read-only folder, a full disk, a file open in another program).")


def _fail(message: str) -> None:
    console_err.print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    sys.exit(1)


def _first_line(error: BaseException) -> str:
    """SQLite's first line names the cause (constraints, columns, never values); a server's
    message may quote a value, so only its SQLSTATE is shown."""
    sqlstate = getattr(error, "sqlstate", None)
    if sqlstate:
        return f"SQLSTATE {sqlstate}"
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


if __name__ == "__main__":
    main()
