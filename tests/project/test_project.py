"""The Project opened at the edge: its stores, its key, and the output gate every written file passes."""
from __future__ import annotations

import pytest

from evaltoolkit.errors import PrivacyError
from evaltoolkit.project import CHAIN_STEPS, Project, Step, checked_output, output_path, run_chain
from evaltoolkit.project.init import init_project


@pytest.fixture
def root(tmp_path):
    init_project(tmp_path / "study", language="en")
    return tmp_path / "study"


def test_stores_open_on_first_use_and_close_with_the_project(root):
    with Project.open(root) as project:
        assert not project.has_raw_store
        store = project.store
        assert project.store is store                      # opened once per project
        assert project.store.read("codings").empty
    assert project.store is not store                      # closed on exit; a new use opens it again
    project.close()


def test_the_chain_runs_its_named_steps_in_order_and_reports_each_through_progress(root):
    done, lines = [], []
    steps = (Step("first", lambda project, run: done.append("first")),
             Step("skipped", lambda project, run: done.append("skipped"), lambda project, run: False),
             Step("last", lambda project, run: done.append(run.month)))
    with Project.open(root, progress=lines.append) as project:
        run = run_chain(project, month="2025-10", steps=steps)
    assert done == ["first", "2025-10"] and lines == ["first", "last"]
    assert list(run.step_seconds) == ["first", "last"]
    assert [step.name for step in CHAIN_STEPS] == ["ingest", "pseudonymise", "codebook", "human codings", "insights",
                                                   "syntheses", "suggestions", "topics", "report"]


def test_a_locked_project_says_how_to_unlock_it(root, monkeypatch):
    monkeypatch.delenv("EVALTOOLKIT_KEY_PASSPHRASE", raising=False)
    with Project.open(root) as project:
        with pytest.raises(PrivacyError) as error:
            project.unlock()
        assert str(error.value) == (
            "No passphrase for the pseudonymisation key: set the environment variable EVALTOOLKIT_KEY_PASSPHRASE "
            "(named by privacy.passphrase_env in evaltoolkit.yaml) or pass it to Project.unlock().")
        with pytest.raises(PrivacyError) as error:
            project.key()
        assert str(error.value) == ("The pseudonymisation key is locked: call project.unlock() first "
                                    "(or set EVALTOOLKIT_KEY_PASSPHRASE).")
        assert project.key_if_unlocked() is None
        project.unlock("a passphrase")
        assert project.unlocked and len(project.key()) == 0     # no key file yet: an empty key


def test_closing_forgets_the_passphrase(root):
    project = Project.open(root).unlock("a passphrase")
    project.close()
    assert not project.unlocked


def test_the_output_gate_refuses_the_raw_folder_and_the_key_folder(root):
    with Project.open(root) as project:
        for folder in (project.paths.raw, project.paths.key.parent):
            with pytest.raises(PrivacyError, match="^Refusing to write .* which holds personal data. Write reports "
                                                   "and exports elsewhere, e.g. under reports/.$"):
                output_path(project, folder / "export.qdpx")
        assert output_path(project, root / "reports" / "r.docx") == (root / "reports" / "r.docx").resolve()


def test_the_output_gate_refuses_texts_with_identifiers_and_names_only_places(root):
    with Project.open(root) as project:
        assert checked_output(project, root / "reports" / "ok.csv", {"topic 1 terms": "mentor week school"})
        with pytest.raises(PrivacyError) as error:
            checked_output(project, root / "reports" / "leak.csv", {"memo m1": "Call me on +32 470 12 34 56."})
    assert str(error.value).startswith("Refusing to write: the leak check found identifiers (types and places "
                                       "only):\n  memo m1 text offset 11: phone")
    assert "470" not in str(error.value)
    assert not (root / "reports" / "leak.csv").exists()
