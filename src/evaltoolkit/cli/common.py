"""Options and helpers shared by the command modules."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from evaltoolkit.config import ProjectConfig, load_config

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
