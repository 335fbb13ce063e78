"""`evaltoolkit init`: a new project that runs at once, in Dutch or English."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.config import load_config
from evaltoolkit.errors import ConfigError
from evaltoolkit.indicators import load_logic_model
from evaltoolkit.project import Project, ingest
from evaltoolkit.ingest import read_events, read_manifest, read_register
from evaltoolkit.ingest.register import EVENTS_COLUMNS, MANIFEST, REGISTER_COLUMNS
from evaltoolkit.project.init import init_project
from evaltoolkit.project.notebooks import NOTEBOOKS, stale_notebooks

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()
NOTEBOOK_FILES = [f"notebooks/{notebook.name}.ipynb" for notebook in NOTEBOOKS]


def test_init_creates_the_project_and_prints_every_file(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "studie")])
    assert result.exit_code == 0, result.output
    files = ["evaltoolkit.yaml", "codebooks/codebook.yaml", "codebooks/logic_model.yaml", "data/raw/register.csv",
             "data/raw/manifest.csv", "data/raw/events.csv", ".gitignore", "keys/.gitignore", *NOTEBOOK_FILES]
    assert result.output == (
        f"Created an evaluation project in {tmp_path / 'studie'}:\n" + "".join(f"  {f}\n" for f in files)
        + "Next: edit evaltoolkit.yaml and the starter codebook and logic model in codebooks/, fill "
          "data/raw/register.csv, data/raw/manifest.csv and data/raw/events.csv, then run `evaltoolkit ingest` "
          "(README: \"Your own study\").\n")
    root = tmp_path / "studie"
    for folder in ("notebooks", "data/raw", "data/pseudonymised", "codebooks", "reports", "keys"):
        assert (root / folder).is_dir()
    assert "/data/" in (root / ".gitignore").read_text().splitlines()


def test_the_readme_section_init_points_to_exists():
    assert "## Your own study" in (REPO / "README.md").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_new_project_ingests_at_once_with_nothing_to_fix(tmp_path, language):
    init_project(tmp_path / "p", language=language)
    config = load_config(tmp_path / "p")
    report = ingest(Project(config))
    assert report.ok and report.files.empty and report.participants == 0
    assert report.events == 0 and report.unlisted == ()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_configuration_and_starter_files_are_in_the_chosen_language(tmp_path, language):
    init_project(tmp_path / "p", language=language)
    config = load_config(tmp_path / "p")
    raw = yaml.safe_load((tmp_path / "p" / "evaltoolkit.yaml").read_text(encoding="utf-8"))
    codebook = yaml.safe_load((tmp_path / "p" / "codebooks" / "codebook.yaml").read_text(encoding="utf-8"))
    assert config.report_language == language and config.privacy.placeholder_language == language
    assert raw["project"]["language"] == language and codebook["language"] == language
    comment = (tmp_path / "p" / "evaltoolkit.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert comment == {"nl": "# evaltoolkit-projectconfiguratie: pas haar aan voor je eigen onderzoek.",
                       "en": "# evaltoolkit project configuration: edit it for your own study."}[language]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_configuration_declares_roles_and_event_kinds_the_logic_model_and_codebook_use(tmp_path, language):
    init_project(tmp_path / "p", language=language)
    root = tmp_path / "p"
    config = yaml.safe_load((root / "evaltoolkit.yaml").read_text(encoding="utf-8"))
    codebook = yaml.safe_load((root / "codebooks" / "codebook.yaml").read_text(encoding="utf-8"))
    perspectives = {p["id"] for p in config["perspectives"]}
    kinds = {kind["id"] for kind in config["event_kinds"]}
    functions = {role.get("function", "participant") for role in config["roles"]}
    assert functions == {"participant", "interviewer", "interpreter"}
    assert {role["perspective"] for role in config["roles"] if "perspective" in role} == perspectives
    codes = {code["code_id"] for code in codebook["codes"]}
    valences = [c for c in codebook["codes"] if c.get("dimension") == "valence" and c.get("codable", True)]
    assert {c["meaning"] for c in valences} == {"added_value", "challenge", "reason", "recommendation"}
    assert {c["polarity"] for c in valences} == {"positive", "negative", "neutral"}
    model = load_logic_model(root / "codebooks" / "logic_model.yaml")
    named_kinds = {k for i in model.indicators() for k in (*i.events, *i.minus_events, *i.denominator_events)}
    named_codes = {c for i in model.indicators() for c in (*i.codes, *i.evidence_codes)}
    assert named_kinds and named_kinds <= kinds
    assert named_codes and named_codes <= codes
    assert set(codebook["perspectives"]) == perspectives


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_starter_codebook_loads(tmp_path, language):
    from evaltoolkit.codebook import load_codebook

    init_project(tmp_path / "p", language=language)
    codebook = load_codebook(tmp_path / "p" / "codebooks" / "codebook.yaml")
    assert len(codebook.themes(codable_only=True)) == 3 and len(codebook.valences()) == 4


@pytest.mark.parametrize("language", ["nl", "en"])
def test_register_manifest_and_events_have_their_headers_and_one_commented_example(tmp_path, language):
    init_project(tmp_path / "p", language=language)
    raw = tmp_path / "p" / "data" / "raw"
    headers = {"register.csv": REGISTER_COLUMNS, "events.csv": EVENTS_COLUMNS,
               "manifest.csv": tuple(c.name for c in MANIFEST.columns if c.name != "row")}
    for name, header in headers.items():
        lines = (raw / name).read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(header), name
        assert len(lines) == 2 and lines[1].startswith("# "), name
        assert len(lines[1].split(",")) == len(header), name   # the example fills every column
    config = load_config(tmp_path / "p")
    assert read_register(raw / "register.csv", roles=config.role_ids).empty
    assert read_manifest(raw / "manifest.csv").empty
    assert read_events(raw / "events.csv", event_kinds=config.event_kind_ids).empty


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_commented_example_rows_are_valid_rows_once_uncommented(tmp_path, language):
    init_project(tmp_path / "p", language=language)
    raw = tmp_path / "p" / "data" / "raw"
    for name in ("register.csv", "manifest.csv", "events.csv"):
        path = raw / name
        path.write_text(re.sub(r"(?m)^# ", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    report = ingest(Project(load_config(tmp_path / "p")))
    # the register's role, the manifest's perspective, site, round and participant, and the
    # event's kind are all declared: the one problem left is the example interview itself
    assert report.problems == ("data/raw/interviews/p01_r1.docx: listed in manifest.csv (row 2) but the file does "
                               "not exist. Add the file, or remove its row from manifest.csv.",)
    assert report.participants == 1 and report.events == 1


def test_init_writes_the_notebooks_the_builder_describes(tmp_path):
    init_project(tmp_path / "p")
    assert sorted(p.name for p in (tmp_path / "p" / "notebooks").iterdir()) == sorted(
        f"{n.name}.ipynb" for n in NOTEBOOKS)
    assert stale_notebooks(tmp_path / "p" / "notebooks") == []


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "bestaand").mkdir()
    (tmp_path / "bestaand" / "notities.txt").write_text("x")
    result = runner.invoke(app, ["init", str(tmp_path / "bestaand")])
    assert isinstance(result.exception, ConfigError)
    assert str(result.exception) == (
        f"{tmp_path / 'bestaand'} already exists and is not empty. `evaltoolkit init` only creates new projects "
        "and never overwrites files: choose a new folder.")
    assert sorted(p.name for p in (tmp_path / "bestaand").iterdir()) == ["notities.txt"]


def test_init_names_the_languages_it_knows(tmp_path):
    with pytest.raises(ConfigError) as error:
        init_project(tmp_path / "p", language="de")
    assert str(error.value) == "language must be one of nl, en. Got 'de' instead."
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_new_project_runs_the_whole_chain_at_once(tmp_path, language):
    from evaltoolkit.project import run_chain

    init_project(tmp_path / "p", language=language)
    with Project.open(tmp_path / "p") as project:
        chain = run_chain(project.unlock("test-passphrase"), month="2025-03", topics=False)
    assert chain.report_path == (tmp_path / "p" / "reports" / "report_2025-03.docx").resolve()
    assert chain.report_path.is_file() and chain.unlisted == ()
