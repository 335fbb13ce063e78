"""Which package may import which: the project layer sits at the edge, stage packages below it.

    cli, notebooks -> project -> stage packages (ingest, privacy, corpus, codebook, coding, topics,
                                 analysis, indicators, reports, exchange) -> store -> errors

Stage packages take tables and explicit values; they never open the configuration or the project.
Configuration value types (a Perspective, a Role, a SurveySpec) are data and may be passed down.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "evaltoolkit"
STAGES = ("ingest", "privacy", "corpus", "codebook", "coding", "topics", "analysis", "indicators", "reports",
          "exchange")
#: What only the edge may touch: opening a project, or reading evaltoolkit.yaml.
EDGE_NAMES = {"evaltoolkit.config": {"ProjectConfig", "load_config", "find_project_root"}}
EDGE_MODULES = ("evaltoolkit.project", "evaltoolkit.cli")


def imports_of(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, module, names) of every import in ``path``, lazy imports inside functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module, {alias.name for alias in node.names}))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, set()) for alias in node.names)
    return found


def layer_violations(package: str, forbidden_modules: tuple[str, ...], forbidden_names: dict[str, set[str]]) -> list[str]:
    problems = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for line, module, names in imports_of(path):
            shown = f"{path.relative_to(PACKAGE.parent)}:{line}"
            if any(module == m or module.startswith(m + ".") for m in forbidden_modules):
                problems.append(f"{shown} imports {module}")
            elif names & forbidden_names.get(module, set()):
                problems.append(f"{shown} imports {', '.join(sorted(names & forbidden_names[module]))} from {module}")
    return problems


@pytest.mark.parametrize("stage", STAGES)
def test_stage_packages_never_open_the_project_or_its_configuration(stage):
    assert layer_violations(stage, EDGE_MODULES, EDGE_NAMES) == []


def test_the_store_depends_on_no_stage():
    stages_and_edge = tuple(f"evaltoolkit.{name}" for name in (*STAGES, "config")) + EDGE_MODULES
    assert layer_violations("store", stages_and_edge, {}) == []


def test_the_project_layer_never_imports_the_cli():
    assert layer_violations("project", ("evaltoolkit.cli",), {}) == []


def test_the_check_finds_a_stage_that_opens_the_configuration(tmp_path, monkeypatch):
    """The rule above must be able to fail: a planted module that loads the configuration is named."""
    stage = tmp_path / "evaltoolkit" / "planted"
    stage.mkdir(parents=True)
    (stage / "bad.py").write_text("def f():\n    from evaltoolkit.config import load_config\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["PACKAGE"]), "PACKAGE", tmp_path / "evaltoolkit")
    assert layer_violations("planted", EDGE_MODULES, EDGE_NAMES) == [
        "evaltoolkit/planted/bad.py:2 imports load_config from evaltoolkit.config"]
