"""Options and helpers shared by the command modules."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import os

import typer
from rich.console import Console

from evaltoolkit.config import ProjectConfig, load_config
from evaltoolkit.errors import PrivacyError

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


def project_config(project: Path | None) -> ProjectConfig:
    """Load the project's configuration once, at the edge."""
    return load_config(project)


def passphrase_from_env(config: ProjectConfig, *, prompt: bool = True) -> str:
    """The key passphrase from the environment variable the project names, else a prompt."""
    passphrase = os.environ.get(config.privacy.passphrase_env)
    if passphrase:
        return passphrase
    if prompt and os.isatty(0):
        return typer.prompt("Passphrase of the pseudonymisation key", hide_input=True)
    raise PrivacyError(
        f"No passphrase for the pseudonymisation key: set the environment variable "
        f"{config.privacy.passphrase_env} (named by privacy.passphrase_env in evaltoolkit.yaml)."
    )
