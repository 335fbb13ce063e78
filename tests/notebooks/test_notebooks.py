"""The notebooks in notebooks/: described in evaltoolkit.project.notebooks and written by
scripts/build_notebooks.py (a thin wrapper), committed without
outputs, and (slow) run unattended with papermill on the demo study without leaking."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest


def _root_conftest():
    # by path: with several tests/*/conftest.py, "import conftest" may name another one
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("evaltoolkit_root_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ROOT = _root_conftest()
DEMO_PASSPHRASE, REPO_ROOT, copy_demo_project = _ROOT.DEMO_PASSPHRASE, _ROOT.REPO_ROOT, _ROOT.copy_demo_project
execute_notebooks = _ROOT.execute_notebooks
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
NOTEBOOK_NAMES = (
    "01_ingest_and_pseudonymise",
    "02_code_and_review",
    "03_topics_and_emergent_themes",
    "04_findings_by_perspective",
    "05_logic_model_indicators",
    "06_monthly_report",
)
MONTH = "2024-10"
# Besides project_dir; notebook 02 leaves the learned suggester to run_chain (it takes minutes).
PARAMETERS = {
    "02_code_and_review": {"learn": False},
    "05_logic_model_indicators": {"month": MONTH},
    "06_monthly_report": {"month": MONTH},
}


def load_builder():
    spec = importlib.util.spec_from_file_location("build_notebooks", REPO_ROOT / "scripts" / "build_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def read_notebook(name: str) -> dict:
    return json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def code_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_the_builder_describes_exactly_the_six_notebooks():
    assert [notebook.name for notebook in load_builder().NOTEBOOKS] == list(NOTEBOOK_NAMES)
    assert sorted(path.stem for path in NOTEBOOKS_DIR.glob("*.ipynb")) == list(NOTEBOOK_NAMES)


def test_committed_notebooks_are_what_the_builder_writes():
    assert load_builder().stale_notebooks(NOTEBOOKS_DIR) == []


def test_builder_check_names_a_notebook_that_was_edited_by_hand(tmp_path, capsys):
    builder = load_builder()
    builder.write_notebooks(tmp_path)
    edited = tmp_path / "04_findings_by_perspective.ipynb"
    edited.write_text(edited.read_text(encoding="utf-8").replace("code_matrix", "my_matrix"), encoding="utf-8")
    assert builder.main(["--check", "--output-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().out == (f"{edited} differs from its description in "
                                       "src/evaltoolkit/project/notebooks.py: run scripts/build_notebooks.py "
                                       "and commit.\n")


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_is_committed_without_outputs(name):
    for cell in code_cells(read_notebook(name)):
        assert cell["outputs"] == [] and cell["execution_count"] is None, cell["id"]


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_opens_with_a_parameters_cell_for_papermill(name):
    notebook = read_notebook(name)
    first = code_cells(notebook)[0]
    assert first["metadata"]["tags"] == ["parameters"]
    assert 'project_dir = ".."' in "".join(first["source"])
    assert notebook["metadata"]["kernelspec"] == {"name": "python3", "display_name": "Python 3", "language": "python"}


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_cells_stay_thin_and_every_step_is_explained(name):
    notebook = read_notebook(name)
    for cell in code_cells(notebook):
        assert len("".join(cell["source"]).splitlines()) <= 10, cell["id"]
    assert notebook["cells"][0]["cell_type"] == "markdown"
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert kinds.count("markdown") >= 2


# --- slow: the whole chain, then every notebook with papermill ---------------------------------


@pytest.fixture(scope="module")
def executed_project(tmp_path_factory):
    """The demo study run through the whole chain (topics included) in a temporary project,
    then every notebook executed there in order: ``(config, {name: error or None})``."""
    from evaltoolkit.config import load_config
    from evaltoolkit.project import Project, run_chain

    root = copy_demo_project(tmp_path_factory.mktemp("notebooks") / "project")
    config = load_config(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.privacy.passphrase_env, DEMO_PASSPHRASE)
        with Project(config) as project:
            run_chain(project.unlock(DEMO_PASSPHRASE), month=MONTH, topics=True)
        errors = execute_notebooks(config.paths.notebooks, {
            name: {"project_dir": str(root), **PARAMETERS.get(name, {})} for name in NOTEBOOK_NAMES})
    return config, errors


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_unattended_on_the_demo_study(executed_project, name):
    config, errors = executed_project
    assert errors[name] is None
    executed = json.loads((config.paths.notebooks / f"{name}.ipynb").read_text(encoding="utf-8"))
    assert all(cell["execution_count"] is not None for cell in code_cells(executed))


@pytest.mark.slow
def test_leak_check_passes_on_the_executed_notebooks(executed_project):
    from evaltoolkit.project import Project, leak_check

    config, _ = executed_project
    paths = sorted(config.paths.notebooks.glob("*.ipynb"))
    report = leak_check(Project(config).unlock(DEMO_PASSPHRASE), paths=paths)
    assert len(paths) == len(NOTEBOOK_NAMES)
    assert report.scanned > 0
    assert report.lines() == []


@pytest.mark.slow
def test_topics_notebook_reuses_the_fitted_model(executed_project):
    from evaltoolkit.store import open_project_store

    config, _ = executed_project
    store = open_project_store(config.paths.store_url)
    try:
        assert len(store.read("topic_models")) == 1
    finally:
        store.dispose()


@pytest.mark.slow
def test_report_notebook_writes_the_monthly_report(executed_project):
    config, _ = executed_project
    executed = json.loads((config.paths.notebooks / "06_monthly_report.ipynb").read_text(encoding="utf-8"))
    printed = "".join("".join(output.get("text", "")) for cell in code_cells(executed) for output in cell["outputs"])
    report = config.paths.reports / f"report_{MONTH}.docx"
    assert report.is_file()
    assert str(report) in printed


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameters_the_tests_pass_are_parameters_of_the_notebook(name):
    first = "".join(code_cells(read_notebook(name))[0]["source"])
    declared = {line.split("=")[0].strip() for line in first.splitlines() if "=" in line and not line.startswith("#")}
    assert set(PARAMETERS[name]) <= declared


def _docx_text(path: Path) -> tuple[list[tuple[str, str]], list[list[list[str]]], str]:
    from docx import Document

    document = Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    text = "\n".join([p.text for p in document.paragraphs] + [c for t in tables for row in t for c in row])
    return headings, tables, text


@pytest.mark.slow
def test_demo_october_report_has_sections_indicators_quotes_and_no_names(executed_project):
    import re

    import pandas as pd

    config, _ = executed_project
    headings, tables, text = _docx_text(config.paths.reports / f"report_{MONTH}.docx")
    top = [title for style, title in headings if style == "Heading 1"]
    assert top == ["Samenvatting voor de stuurgroep", "Belangrijke inzichten en slimme aanpakken",
                   "Bevindingen per perspectief", "Vergelijking tussen perspectieven",
                   "Indicatoren uit het logisch model", "Methode en beperkingen",
                   "Bijlage: analyseverhoudingen en onderbouwing"]
    assert [t for s, t in headings if s == "Heading 2"][:4] == ["Hervestigers", "Sponsoren", "Teamleiders", "Gemeenten"]
    period = next(t for t in tables if t[0][0] == "Perspectief")
    # meeting minutes name no speakers: team leaders' documents are counted, their number is not known
    assert period[3][0] == "Teamleiders" and period[3][1] == "10" and period[3][3] == "–"
    indicators = next(t for t in tables if t[0][:3] == ["Indicator", "Doel", "Vorige → deze maand"])
    by_name = {row[0]: row for row in indicators[1:]}
    events = pd.read_csv(config.paths.raw / "events.csv")
    families = int(events.loc[(events["kind"] == "family_arrival") & (events["occurred_on"] <= "2024-10-31"),
                              "count"].sum())
    assert by_name["Verwelkomde gezinnen"][1] == "ca. 18"
    assert by_name["Verwelkomde gezinnen"][2].split(" → ")[1].split(" ")[0] == str(families)
    assert by_name["Actieve sponsoren"][1] == "max. 80" and by_name["Actieve sponsoren"][3] == "op koers"
    assert by_name["Trainingen en informatiebijeenkomsten"][1] == "min. 8"
    assert re.search(r"\((Sponsor|Hervestiger|Teamleider|Gemeentemedewerker)[^)]*(ronde dataverzameling|"
                     r"teamleidersmeeting|interview)[^)]*\)", text)
    register = pd.read_csv(config.paths.raw / "register.csv", dtype=str, keep_default_na=False)
    names = set(register["full_name"]) | {v for vs in register["name_variants"] for v in vs.split(";")}
    leaked = sorted(n for n in names if len(n) > 3 and n[0].isupper() and re.search(rf"\b{re.escape(n)}\b", text))
    assert leaked == [], f"{len(leaked)} register names appear in the report"
