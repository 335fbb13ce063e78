"""``evaltoolkit``: the command line. Each command group lives in its own module and
adds itself with ``register(app)``; a command parses arguments, calls one library
function and prints what it wrote."""
from __future__ import annotations

import sys

import typer

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
    """Entry point: turns every EvaltoolkitError into ``Error: <message>`` and exit code 1."""
    try:
        app()
    except EvaltoolkitError as exc:
        console_err.print(f"Error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
