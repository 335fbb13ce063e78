"""The demo as a project of its own, in a folder the user names (``evaltoolkit demo FOLDER``):
the demo's ``evaltoolkit.yaml`` and codebooks, shipped as package data
(``evaltoolkit/demo/project_files/``), and the generated study in the raw folder that
configuration names.

The package data is the single source of the demo's configuration and codebooks: the
repository's own ``evaltoolkit.yaml`` and ``codebooks/`` are what ``evaltoolkit demo .``
writes (``make demo``), and a test keeps them equal.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import yaml

from evaltoolkit.demo.study import GeneratedStudy, generate_study
from evaltoolkit.errors import ConfigError

#: The key passphrase of the synthetic demo (also set in the Makefile); never for real data.
DEMO_PASSPHRASE = "demo-study-passphrase-not-for-real-data"
DEMO_MONTH = "2024-10"
DEFAULT_FOLDER = Path("evaltoolkit-demo")
#: The first line of the README the generator writes: it marks a folder as a demo study.
DEMO_MARK = "# Demo study: SYNTHETIC DATA"


@dataclass(frozen=True)
class DemoProject:
    """What :func:`write_demo_project` wrote."""

    root: Path
    written: tuple[Path, ...]    # configuration and codebooks written (absent before)
    kept: tuple[Path, ...]       # configuration and codebooks that were already there, unchanged
    study: GeneratedStudy


def project_files() -> dict[str, str]:
    """The demo project's configuration and codebooks: relative path -> text (package data)."""
    root = files("evaltoolkit.demo").joinpath("project_files")
    return dict(sorted(_texts(root, "")))


def demo_raw_folder() -> Path:
    """The raw folder the demo's configuration names (``paths.raw``), relative to the project."""
    config = yaml.safe_load(project_files()["evaltoolkit.yaml"])
    return Path(config["paths"]["raw"])


def is_demo_project(folder: Path | str) -> bool:
    """True when ``folder`` holds a demo study written by the generator."""
    readme = Path(folder) / demo_raw_folder() / "README.md"
    return readme.is_file() and readme.read_text(encoding="utf-8").startswith(DEMO_MARK)


def write_demo_project(folder: Path | str, *, scale: int = 1, seed: int = 2024) -> DemoProject:
    """Write the demo project into ``folder``: a new or empty folder, or one that already holds
    the demo (its generated study is then written again; nothing else of it is touched).

    A configuration or codebook file that exists with other content is refused rather than
    overwritten: it was edited, and the demo does not throw that work away.
    """
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise ConfigError(f"{root} is a file. Name a folder for the demo, e.g. {DEFAULT_FOLDER}.")
    if root.is_dir() and any(root.iterdir()) and not is_demo_project(root):
        raise ConfigError(f"{root} is not empty and holds no demo study ({demo_raw_folder() / 'README.md'} is "
                          f"missing). `evaltoolkit demo` writes only into a new or empty folder or an earlier "
                          f"demo: name another folder, e.g. {DEFAULT_FOLDER}.")
    texts = project_files()
    changed = [name for name, text in texts.items()
               if (root / name).is_file() and (root / name).read_text(encoding="utf-8") != text]
    if changed:
        raise ConfigError(
            f"{root}: {', '.join(changed)} {'differs' if len(changed) == 1 else 'differ'} from the demo's own "
            "(package data evaltoolkit/demo/project_files/). "
            "`evaltoolkit demo` does not overwrite edited files: move them away, or write the demo into a new "
            "folder. (Developing evaltoolkit? The package data is the source: make the change there.)")
    written, kept = [], []
    for name, text in texts.items():
        target = root / name
        if target.is_file():
            kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    study = generate_study(root / demo_raw_folder(), scale=scale, seed=seed)
    return DemoProject(root=root, written=tuple(written), kept=tuple(kept), study=study)


def _texts(node, prefix: str):   # node: an importlib.resources Traversable
    for child in node.iterdir():
        name = f"{prefix}{child.name}"
        if child.is_dir():
            yield from _texts(child, f"{name}/")
        elif child.name.endswith((".yaml", ".yml")):
            yield name, child.read_text(encoding="utf-8")
