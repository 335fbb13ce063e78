"""A new evaluation project (``evaltoolkit init``): the layout, a commented configuration,
a starter codebook and logic model in the chosen language, the notebooks, and the
register, manifest and events files with their headers and one commented example row.

The starter files are package data (``evaltoolkit/project/templates/<language>/``); the
notebooks are those of :mod:`evaltoolkit.project.notebooks`. The project runs at once:
``evaltoolkit ingest`` on it reads an empty register and manifest without a problem.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from evaltoolkit.config import CONFIG_FILENAME
from evaltoolkit.errors import ConfigError
from evaltoolkit.project.notebooks import write_notebooks

LANGUAGES = ("nl", "en")
FOLDERS = ("notebooks", "data/raw", "data/pseudonymised", "codebooks", "reports", "keys")
#: template file -> where it goes in the new project
TEMPLATES = {
    "evaltoolkit.yaml": CONFIG_FILENAME,
    "codebook.yaml": "codebooks/codebook.yaml",
    "logic_model.yaml": "codebooks/logic_model.yaml",
    "register.csv": "data/raw/register.csv",
    "manifest.csv": "data/raw/manifest.csv",
    "events.csv": "data/raw/events.csv",
}
GITIGNORE = """\
# Participant data, stores and keys never enter version control.
/data/
/keys/*
!/keys/.gitignore
*.sqlite
*.sqlite-journal
*.sqlite-wal
*.sqlite-shm
*.enc
# Reports can quote participants: share them on purpose, not through git.
/reports/*
.ipynb_checkpoints/
__pycache__/
"""
KEYS_GITIGNORE = "# The pseudonymisation key stays on this machine.\n*\n!.gitignore\n"


def init_project(path: Path | str, *, language: str = "nl") -> list[Path]:
    """Create a new evaluation project at ``path``; return the files created.

    ``language`` (nl or en) is that of the configuration's comments, the starter codebook
    and logic model, and the example rows. Refuses a folder that exists and is not empty.
    """
    if language not in LANGUAGES:
        raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}. Got {language!r} instead.")
    root = Path(path)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ConfigError(f"{root} already exists and is not empty. `evaltoolkit init` only creates new "
                          "projects and never overwrites files: choose a new folder.")
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
    templates = files("evaltoolkit.project").joinpath("templates").joinpath(language)
    contents = {target: templates.joinpath(name).read_text(encoding="utf-8") for name, target in TEMPLATES.items()}
    contents.update({".gitignore": GITIGNORE, "keys/.gitignore": KEYS_GITIGNORE})
    created = []
    for name, text in contents.items():
        target = root / name
        target.write_text(text, encoding="utf-8")
        created.append(target)
    return created + write_notebooks(root / "notebooks")
