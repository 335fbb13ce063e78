"""Options and helpers shared by the command modules."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import os

import typer
from rich.console import Console

from evaltoolkit.errors import PrivacyError
from evaltoolkit.project import Project

console = Console(highlight=False)
console_err = Console(stderr=True, highlight=False)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Folder of the evaluation project (holds evaltoolkit.yaml). Default: the current folder or above.",
        file_okay=False,
    ),
]


def say(text: str) -> None:
    """Print plain text: no markup, no wrapping (paths and ids stay whole)."""
    console.print(text, markup=False, soft_wrap=True)


@contextmanager
def opened_project(path: Path | None, *, unlock: bool = False) -> Iterator[Project]:
    """The project at ``path`` (or at or above the current folder), opened once for one
    command and closed after it; with ``unlock`` the key's passphrase comes from the
    environment variable the project names, or a prompt."""
    with Project.open(path, progress=lambda line: console_err.print(line, markup=False, soft_wrap=True)) as project:
        if unlock:
            project.unlock(passphrase_from_env(project))
        yield project


def passphrase_from_env(project: Project, *, prompt: bool = True) -> str:
    """The key passphrase from the environment variable the project names, else a prompt."""
    variable = project.config.privacy.passphrase_env
    passphrase = os.environ.get(variable)
    if passphrase:
        return passphrase
    if prompt and os.isatty(0):
        return typer.prompt("Passphrase of the pseudonymisation key", hide_input=True)
    raise PrivacyError(
        f"No passphrase for the pseudonymisation key: set the environment variable "
        f"{variable} (named by privacy.passphrase_env in evaltoolkit.yaml)."
    )
