"""The second example study (examples/youth_mentoring/): a study that shares no id with the
demo goes through the whole chain and every notebook without relabelling anything.

Fast tests check the committed files (they are what the generator writes; the vocabulary
is declared and not the demo's; every source file parses). Slow tests copy the study to a
temporary folder, run ``evaltoolkit run`` on it and then every notebook with papermill.
"""
from __future__ import annotations

import ast
import csv
import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml


def _root_conftest():
    # by path: with several tests/*/conftest.py, "import conftest" may name another one
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("evaltoolkit_root_conftest", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ROOT = _root_conftest()
REPO_ROOT, execute_notebooks = _ROOT.REPO_ROOT, _ROOT.execute_notebooks
STUDY = REPO_ROOT / "examples" / "youth_mentoring"
RAW = STUDY / "data" / "raw"
NOTEBOOKS_DIR = REPO_ROOT / "notebooks"
PASSPHRASE = "test-passphrase-for-the-youth-mentoring-example"
MONTH = "2025-10"
#: Values of the notebooks' parameters for this study, by parameter name; a notebook gets
#: those it declares. `learn` is False as for the demo (the chain trains the suggester).
STUDY_PARAMETERS = {
    "month": MONTH,
    "reviewer": "analyst_a",
    "coder_a": "analyst_a",
    "coder_b": "analyst_b",
    "learn": False,
    "refit": False,
    "quote_code": "match_endings",
    "quote_perspective": "mentee",
    "site_attribute": "matching_model",
    "model_attribute": "matching_model",
}
#: Segments each source file gives (every turn, interviewer and interpreter turns included;
#: before the withdrawn mentee's turns are left out at ingestion).
SEGMENTS_PER_FILE = {
    "mentees/wave1_ghent_interview_01.docx": 37,
    "mentees/wave1_antwerp_focus_group.txt": 31,
    "mentors/wave1_ghent_interview_01.txt": 28,
    "mentors/wave1_antwerp_interview_02.docx": 19,
    "mentees/wave2_antwerp_interview_interpreter.docx": 31,
    "mentees/wave2_ghent_paired_interview.txt": 29,
    "mentors/wave2_antwerp_interview_01.docx": 25,
    "mentors/wave2_ghent_former_mentor.txt": 22,
    "coordinators/coordinators_meeting_2025_10.vtt": 21,
    "mentors/mentor_survey_qualtrics.csv": 31,
}
DEMO_WORDS = ("hervestiger", "sponsor", "teamleider", "gemeente", "meerwaarde", "uitdaging", "voorwaarde",
              "resettled refugee", "team leader", "municipal")


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _ids(path: Path) -> dict[str, set[str]]:
    """Every kind of id a study declares or uses, from its configuration, codebook, logic
    model and raw tables (written before or after the vocabulary moved into configuration)."""
    config = _yaml(path / "evaltoolkit.yaml")
    raw = path / config["paths"]["raw"]
    codebook = _yaml(path / config["paths"]["codebook"])
    logic_model = _yaml(path / config["paths"]["logic_model"])
    register, events, manifest = _csv(raw / "register.csv"), _csv(raw / "events.csv"), _csv(raw / "manifest.csv")
    indicators = [indicator for outcome in logic_model["outcomes"]
                  for indicator in outcome.get("indicators", []) + [i for output in outcome.get("outputs", [])
                                                                   for i in output.get("indicators", [])]]
    return {
        "perspective": {p["id"] for p in config["perspectives"]},
        "role": {r["id"] for r in config.get("roles", [])} | set(register["role"]),
        "event kind": {k["id"] for k in config.get("event_kinds", [])} | set(events["kind"]),
        "round": {r["id"] for r in config["rounds"]},
        "site": {s["id"] for s in config["sites"]},
        "site attribute": {name for s in config["sites"] for name in s.get("attributes", {})},
        "survey": set(config.get("surveys", {})),
        "code": {c["code_id"] for c in codebook["codes"]},
        "indicator": {i["indicator_id"] for i in indicators},
        "participant": set(register["participant_id"]),
        "document": set(manifest["doc_id"]) - {""},
        "event": set(events["event_id"]),
        "coder": set(_csv(raw / "researcher_codings.csv")["coder"]),
    }


# --- fast: the committed files ------------------------------------------------------------------


def test_the_study_shares_no_id_with_the_demo():
    study, demo = _ids(STUDY), _ids(REPO_ROOT)
    shared = {kind: sorted(study[kind] & demo[kind]) for kind in study if study[kind] & demo[kind]}
    assert shared == {}
    assert all(study.values())


def test_every_name_the_study_uses_is_declared():
    config = _yaml(STUDY / "evaltoolkit.yaml")
    codebook = _yaml(STUDY / "codebooks" / "mentoring.yaml")
    logic_model = (STUDY / "codebooks" / "logic_model.yaml").read_text(encoding="utf-8")
    roles = {r["id"] for r in config["roles"]}
    kinds = {k["id"] for k in config["event_kinds"]}
    codes = {c["code_id"] for c in codebook["codes"]}
    assert set(_csv(RAW / "register.csv")["role"]) == roles
    assert set(_csv(RAW / "events.csv")["kind"]) == kinds
    used = yaml.safe_load(logic_model)
    named = {key: set() for key in ("events", "minus_events", "denominator_events", "roles", "codes", "evidence_codes")}
    for outcome in used["outcomes"]:
        for indicator in outcome.get("indicators", []) + [i for o in outcome["outputs"] for i in o["indicators"]]:
            for key in named:
                named[key] |= set(indicator.get(key, []))
    assert named["events"] | named["minus_events"] | named["denominator_events"] <= kinds
    assert named["roles"] <= roles and named["codes"] | named["evidence_codes"] <= codes
    assert set(_csv(RAW / "researcher_codings.csv")["code_id"]) <= codes
    valences = [c for c in codebook["codes"] if c.get("dimension") == "valence"]
    assert {(c["code_id"], c["meaning"], c["polarity"]) for c in valences} == {
        ("strength", "added_value", "positive"), ("difficulty", "challenge", "negative"),
        ("motive", "reason", "neutral"), ("suggestion", "recommendation", "neutral")}


def test_the_committed_raw_files_are_what_the_generator_writes(tmp_path):
    copy = tmp_path / "youth_mentoring"
    shutil.copytree(STUDY, copy, ignore=shutil.ignore_patterns(".store", "pseudonymised", "keys", "reports"))
    spec = importlib.util.spec_from_file_location("youth_mentoring_generate", copy / "make" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        module.main()
    finally:
        del sys.modules[spec.name]
    committed = sorted(p.relative_to(STUDY).as_posix() for p in RAW.rglob("*") if p.is_file() and ".store" not in p.parts)
    generated = sorted(p.relative_to(copy).as_posix() for p in (copy / "data" / "raw").rglob("*") if p.is_file())
    assert generated == committed
    differ = [name for name in committed if _content(STUDY / name) != _content(copy / name)]
    assert differ == [], "run examples/youth_mentoring/make/generate.py and commit what it writes"
    assert (STUDY / "planted_identifiers.csv").read_bytes() == (copy / "planted_identifiers.csv").read_bytes()


def _content(path: Path) -> object:
    """What a file says: a .docx's paragraphs with their styles (its bytes depend on the
    python-docx version), other files' bytes."""
    if path.suffix != ".docx":
        return path.read_bytes()
    from docx import Document

    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


def _register_participants() -> pd.DataFrame:
    """The register as the speaker resolver needs it (labels as JSON lists), read with pandas
    so this test does not depend on how roles are validated."""
    register = _csv(RAW / "register.csv").replace("", pd.NA)
    return register.assign(speaker_labels=[json.dumps(value.split(";") if isinstance(value, str) else [])
                                           for value in register["speaker_labels"]],
                           consent=register["consent"] == "yes")


@pytest.mark.parametrize("file", sorted(SEGMENTS_PER_FILE))
def test_every_source_file_parses_with_the_ingest_readers(file):
    from evaltoolkit.config import load_config
    from evaltoolkit.corpus import segment_documents
    from evaltoolkit.ingest import read_survey, read_transcript

    config = load_config(STUDY)
    entry = _csv(RAW / "manifest.csv").set_index("file").loc[file]
    participants = _register_participants()
    if entry["kind"] == "survey":
        tables = read_survey(RAW / file, spec=config.surveys[entry["survey_id"]], participants=participants)
        people = pd.concat([participants, tables.respondents], ignore_index=True)
        assert tables.skipped == {"participant without consent or withdrawn in the register": 1}
        assert len(tables.documents) == 12
        assert {"site", "satisfaction", "hours_per_month"} <= set(tables.attributes["name"])
        documents = tables.documents
    else:
        tables = read_transcript(RAW / file, doc_id=entry["doc_id"], kind=entry["kind"])
        people = participants
        documents = tables.documents.assign(participant_ids=json.dumps(entry["participant_ids"].split(";")))
    segments = segment_documents(documents, blocks=tables.blocks, participants=people)
    assert len(segments) == SEGMENTS_PER_FILE[file]
    assert segments["participant_id"].notna().all()
    if file.endswith(".vtt"):
        assert segments["start_time"].notna().all() and segments["end_time"].notna().all()


def test_the_segments_are_enough_to_show_something():
    assert 150 <= sum(SEGMENTS_PER_FILE.values()) <= 300


def _declared_parameters(name: str) -> dict[str, object]:
    notebook = json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))
    first = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    declared = {}
    for statement in ast.parse("".join(first["source"])).body:
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            declared[statement.targets[0].id] = ast.literal_eval(statement.value)
    return declared


NOTEBOOK_NAMES = sorted(path.stem for path in NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_this_study_sets_every_study_specific_parameter_of_the_notebooks(name):
    # a parameter whose default is one of the demo's ids (a coder, a code, a site attribute)
    # must get this study's value, or the notebook would run on the demo's vocabulary
    declared = _declared_parameters(name)
    unset = sorted(p for p, default in declared.items()
                   if isinstance(default, str) and p != "project_dir" and p not in STUDY_PARAMETERS)
    assert unset == []


# --- slow: the whole chain through the CLI, then every notebook ---------------------------------


def _copy_study(destination: Path) -> Path:
    """The study as a project a user would have: configuration, codebooks and raw files."""
    destination.mkdir(parents=True)
    shutil.copy2(STUDY / "evaltoolkit.yaml", destination / "evaltoolkit.yaml")
    shutil.copytree(STUDY / "codebooks", destination / "codebooks")
    shutil.copytree(RAW, destination / "data" / "raw", ignore=shutil.ignore_patterns(".store"))
    return destination


@pytest.fixture(scope="module")
def ran_project(tmp_path_factory):
    """The study copied to a temporary folder and run with ``evaltoolkit run --month 2025-10``:
    ``(config, CLI output)``."""
    from typer.testing import CliRunner

    from evaltoolkit.cli.main import app
    from evaltoolkit.config import load_config

    root = _copy_study(tmp_path_factory.mktemp("youth_mentoring") / "project")
    config = load_config(root)
    result = CliRunner().invoke(app, ["run", "--month", MONTH, "--project", str(root)],
                                env={config.privacy.passphrase_env: PASSPHRASE})
    error = result.exception
    assert result.exit_code == 0, f"{type(error).__name__}: {error}" if error else result.output
    return config, result.output


def _report_text(path: Path) -> tuple[list[tuple[str, str]], dict[str, list[list[str]]], str]:
    """Headings (style, text), tables by their first header cell, and all text of a .docx."""
    from docx import Document

    document = Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    text = "\n".join([p.text for p in document.paragraphs] + [c for t in tables for row in t for c in row])
    by_header: dict[str, list[list[str]]] = {}
    for table in tables:   # the first table with a header: the programme indicators before the annex's ratios
        by_header.setdefault(table[0][0], table)
    return headings, by_header, text


def _sections(path: Path) -> dict[str, str]:
    """Text under each Heading 2 of the report, up to the next heading of level 1 or 2."""
    from docx import Document

    sections, current = {}, None
    for paragraph in Document(str(path)).paragraphs:
        style = paragraph.style.name
        if style in ("Heading 1", "Heading 2"):
            current = paragraph.text if style == "Heading 2" else None
            sections.setdefault(paragraph.text, "") if current else None
        elif current:
            sections[current] += paragraph.text + "\n"
    return sections


@pytest.mark.slow
def test_run_writes_the_report_and_says_where(ran_project):
    config, output = ran_project
    report = config.paths.reports / f"report_{MONTH}.docx"
    assert report.is_file()
    assert output.splitlines()[-1] == f"Report written: {report}"


@pytest.mark.slow
def test_every_file_is_ingested_and_speakers_get_the_study_roles(ran_project):
    from evaltoolkit.store import open_project_store

    config, _ = ran_project
    store = open_project_store(config.paths.store_url)
    try:
        documents, segments = store.read("documents"), store.read("segments")
    finally:
        store.dispose()
    manifest = _csv(RAW / "manifest.csv")
    assert set(manifest["doc_id"]) - {""} <= set(documents["doc_id"])
    assert len(documents) == 9 + 12                     # nine transcripts, twelve survey responses
    # the withdrawn mentee's six turns are left out of the focus group
    assert len(segments) == sum(SEGMENTS_PER_FILE.values()) - 6
    assert segments.groupby("speaker_role").size().to_dict() == {
        "interpreter": 5, "interviewer": 103, "participant": 129, "respondent": 31}
    meeting = documents.set_index("doc_id").loc["coord-meeting-2025-10"]
    assert (meeting["kind"], meeting["perspective"], meeting["round"]) == ("meeting", "coordinator", "wave_2")


@pytest.mark.slow
def test_report_speaks_of_this_study_not_the_demo(ran_project):
    config, _ = ran_project
    report = config.paths.reports / f"report_{MONTH}.docx"
    headings, tables, text = _report_text(report)
    assert [title for style, title in headings if style == "Heading 2"][:3] == ["Mentees", "Mentors", "Coordinators"]
    assert [row[0] for row in tables["Perspective"][1:]] == ["Mentees", "Mentors", "Coordinators"]
    lowered = text.lower()
    assert [word for word in DEMO_WORDS if word in lowered] == []
    sections = _sections(report)
    # the valence values are the study's own (strength, difficulty): findings are filed by their meaning
    for perspective in ("Mentees", "Mentors"):
        assert "No coded segments from this perspective yet." not in sections[perspective], perspective


@pytest.mark.slow
def test_indicators_count_the_study_events_survey_and_valences(ran_project):
    config, _ = ran_project
    _, tables, text = _report_text(config.paths.reports / f"report_{MONTH}.docx")
    rows = {row[0]: row for row in tables["Indicator"][1:]}

    def now(name):   # "30 → 28 (worse)": the value at the end of this month
        return rows[name][2].split(" → ")[1].split(" ")[0]

    events = _csv(RAW / "events.csv").astype({"count": int})
    until = events[events["occurred_on"] <= "2025-10-31"]
    made = until.loc[until["kind"] == "match_made", "count"].sum()
    ended = until.loc[until["kind"] == "match_ended", "count"].sum()
    assert rows["Matches made"][1] == "at least 40" and now("Matches made") == str(made)
    assert now("Active matches") == str(made - ended)
    assert now("Cities with matches") == "2"
    assert re.fullmatch(r"\d+(\.\d)?", now("Mentor satisfaction (mean score out of 10)"))
    assert rows["Matches ended early (share)"][1] == "at most 20%"
    # a share of strength among strength and difficulty segments (in the annex): there is one
    # only if the codebook's own valence values are read
    assert re.search(r"Growth of mentees as experienced \(share of strengths\)\nat least 60%\n\d+%", text)
    assert rows["Training sessions for mentors"][4].startswith("See insight '")


@pytest.mark.slow
def test_report_names_nobody_and_holds_no_planted_identifier(ran_project):
    config, _ = ran_project
    _, _, text = _report_text(config.paths.reports / f"report_{MONTH}.docx")
    register = _csv(RAW / "register.csv")
    names = set(register["full_name"]) | {v for vs in register["name_variants"] for v in vs.split(";") if v}
    leaked = sorted(n for n in names if len(n) > 2 and re.search(rf"\b{re.escape(n)}\b", text))
    assert leaked == [], f"{len(leaked)} register names appear in the report"
    with (STUDY / "planted_identifiers.csv").open(encoding="utf-8") as handle:
        planted = [row for row in csv.DictReader(handle)]
    assert [row["identifier_type"] for row in planted if row["value"] in text] == []


@pytest.mark.slow
def test_report_is_written_in_the_study_language(ran_project):
    config, _ = ran_project
    _, _, text = _report_text(config.paths.reports / f"report_{MONTH}.docx")
    assert not re.search(r"\b(cellen|personen|worden niet getoond)\b", text)


@pytest.fixture(scope="module")
def executed_notebooks(ran_project):
    """Every notebook executed with papermill in the chained study: ``{name: error or None}``."""
    config, _ = ran_project
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(config.privacy.passphrase_env, PASSPHRASE)
        errors = execute_notebooks(config.paths.notebooks, {name: {
            "project_dir": str(config.paths.root),
            **{p: v for p, v in STUDY_PARAMETERS.items() if p in _declared_parameters(name)}}
            for name in NOTEBOOK_NAMES})
    return config, errors


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_unattended_on_the_youth_mentoring_study(executed_notebooks, name):
    config, errors = executed_notebooks
    assert errors[name] is None
    executed = json.loads((config.paths.notebooks / f"{name}.ipynb").read_text(encoding="utf-8"))
    code = [cell for cell in executed["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] is not None for cell in code)
    printed = "".join("".join(output.get("text", "")) + json.dumps(output.get("data", {}))
                      for cell in code for output in cell.get("outputs", [])).lower()
    assert [word for word in DEMO_WORDS if word in printed] == []


@pytest.mark.slow
def test_leak_check_passes_on_the_executed_notebooks(executed_notebooks):
    from evaltoolkit.project import Project, leak_check

    config, _ = executed_notebooks
    paths = sorted(config.paths.notebooks.glob("*.ipynb"))
    report = leak_check(Project(config).unlock(PASSPHRASE), paths=paths)
    assert len(paths) == len(NOTEBOOK_NAMES)
    assert report.scanned > 0
    assert report.lines() == []
