"""CLI commands: project (owned by the project work; fill in with register(app))."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
