import pytest
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.errors import InputError
from evaltoolkit.store import open_project_store
from evaltoolkit.project import Project, fit_project_topics

from .helpers import make_fast_modeler

runner = CliRunner()


@pytest.fixture
def fitted(project):
    run = fit_project_topics(Project(project), modeler=make_fast_modeler(), stability_seeds=())
    return project, run


def _invoke(*args):
    return runner.invoke(app, [*args], catch_exceptions=True)


def test_fit_without_refit_assigns_to_the_existing_model(fitted):
    config, run = fitted
    result = _invoke("topics", "fit", "--project", str(config.paths.root))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Assigned 0 new segments to topic model {run.model_version} without refitting (use --refit to fit a "
        "new model).\nWrote 0 topic suggestions to codings.\n"
        f"Model folder: {run.artifact_path}\n")


def test_emergent_prints_and_exports_ids_and_words_only(fitted, tmp_path):
    config, run = fitted
    output = tmp_path / "emergent.csv"
    result = _invoke("topics", "emergent", "--project", str(config.paths.root), "--output", str(output))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 7 and lines[-1] == f"Wrote 2 emergent themes to {output}."
    assert lines[0].startswith("Topic ") and "segments; nearest code " in lines[0]
    assert lines[1].startswith("  perspectives: ") and " | sites: " in lines[1]
    assert lines[2].startswith("  segments: syn")
    assert output.is_file()


def test_promote_and_dismiss_commands_record_the_decisions(fitted):
    config, run = fitted
    store = open_project_store(config.paths.store_url)
    first, second = store.read("topics", where={"status": "emergent"})["topic_id"].tolist()
    root = str(config.paths.root)
    result = _invoke("topics", "promote", str(first), "--code-id", "nieuw_thema", "--project", root, "--by", "anna")
    assert result.exit_code == 0, result.output
    assert result.output == f"Promoted topic {first} to code 'nieuw_thema' in {config.paths.codebook}.\n"
    result = _invoke("topics", "dismiss", str(second), "--project", root)
    assert result.output == f"Dismissed topic {second}.\n"
    assert sorted(store.read("topics")["status"]) == ["dismissed"] + ["mapped"] * 6 + ["promoted"]
    assert store.read("audit_log")["actor"].tolist()[-2:] == ["anna", "researcher"]
    result = _invoke("topics", "emergent", "--project", root)
    assert result.output == "No emergent themes: every topic matches a code.\n"


def test_dismissing_an_unknown_topic_is_an_error(fitted):
    config, run = fitted
    result = _invoke("topics", "dismiss", "99", "--project", str(config.paths.root))
    assert result.exit_code == 1 and isinstance(result.exception, InputError)
    assert str(result.exception) == (f"Topic 99 is not a topic of model {run.model_version}. "
                                     "Topics: 0, 1, 2, 3, 4, 5, 6, 7.")


def test_every_topics_command_is_documented():
    result = _invoke("topics", "--help")
    for command in ("fit", "emergent", "promote", "dismiss"):
        assert command in result.output
    for command in ("fit", "emergent", "promote", "dismiss"):
        help_text = _invoke("topics", command, "--help").output
        assert "Usage:" in help_text and "--project" in help_text


@pytest.mark.slow
def test_fit_refit_uses_the_configured_model(project):
    result = _invoke("topics", "fit", "--project", str(project.paths.root), "--refit")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Fitted topic model topics-") and " on 322 segments: " in lines[0]
    assert lines[1].startswith("Stability: stability over seeds 7, 8, 9: adjusted Rand index mean ")
