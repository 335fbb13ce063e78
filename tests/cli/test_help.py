"""The README's command table, `evaltoolkit --help` and the typer app list the same commands."""
from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from evaltoolkit.cli.main import app

README = Path(__file__).resolve().parents[2] / "README.md"
WORD = re.compile(r"^[a-z][a-z-]*(\|[a-z][a-z-]*)*$")


def app_commands() -> set[str]:
    """Every command the app runs: top-level commands, and "group sub" for each group's commands."""
    found = set()
    for name, command in get_command(app).commands.items():
        subcommands = getattr(command, "commands", None)
        found |= {f"{name} {sub}" for sub in subcommands} if subcommands else {name}
    return found


def readme_commands() -> set[str]:
    """The commands in the README's table (| stage | command | library |), "group sub" for groups.

    A cell such as `evaltoolkit privacy review-export` / `review-import` names two commands of
    one group; `export qdc|qdpx` names two; words after the command (PATH, --month, ...) are not
    part of it.
    """
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| stage | command | library |")
    groups = {name for name, c in get_command(app).commands.items() if getattr(c, "commands", None)}
    found = set()
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        group = None
        for span in re.findall(r"`([^`]+)`", line):
            words = span.split()
            if words[0] == "evaltoolkit":
                words = words[1:]
            elif words[0].startswith("evaltoolkit."):
                continue   # the library column
            path = []
            for word in words:
                if not WORD.match(word):
                    break
                path.append(word)
            if not path:
                continue
            if path[0] in groups:
                group = path[0]
            elif group is not None:
                path = [group, *path]
            for last in path[-1].split("|"):
                found.add(" ".join([*path[:-1], last][:2]))
    return found


def test_the_readme_table_lists_exactly_the_commands_of_the_app():
    assert readme_commands() == app_commands()


def test_help_lists_every_top_level_command_of_the_readme():
    result = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = set(re.findall(r"^│ ([a-z][a-z-]+) ", result.output, flags=re.MULTILINE))
    assert listed == {command.split()[0] for command in readme_commands()}
