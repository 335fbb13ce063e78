"""Review round trip: queue -> spreadsheet -> decisions -> applied corpus-wide next run."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from evaltoolkit.project import (
    Project,
    export_review_queue,
    import_review_decisions,
    load_review_queue,
    pseudonymise_project,
)
from evaltoolkit.errors import InputError, PrivacyError
from evaltoolkit.privacy import record_decisions, review_widget
from evaltoolkit.store import open_project_store, open_raw_store

from .conftest import PASSPHRASE


def test_new_names_and_uncertain_detections_are_queued_on_the_raw_side(pseudonymised):
    queue = load_review_queue(Project(pseudonymised))
    assert {"Samir", "Rami", "El Amrani"} <= set(queue["surface"])
    assert set(queue["reason"]) <= {"new_name", "low_confidence", "shared_surname"}
    assert "Khaled" not in set(queue["surface"])   # register names are not new
    raw_tables = open_raw_store(pseudonymised.paths.raw_store).tables
    assert "raw_review_queue" in raw_tables and "raw_review_queue" not in open_project_store(
        pseudonymised.paths.store_url).tables


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_review_round_trip_applies_decisions_everywhere_and_next_month(pseudonymised, detector, suffix):
    path = export_review_queue(Project(pseudonymised), pseudonymised.paths.root / "data" / "raw" / f"review{suffix}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if suffix == ".csv" else pd.read_excel(path, dtype=str)
    frame["decision"] = [("reject" if s == "Samir" else "accept") for s in frame["surface"]]
    frame = pd.concat([frame, pd.DataFrame([{"surface": "Regenboog", "entity_type": "school", "decision": "add"},
                                            {"surface": "familie", "entity_type": "person", "decision": "add"}])])
    frame.to_csv(path, index=False) if suffix == ".csv" else frame.to_excel(path, index=False)
    report = import_review_decisions(Project(pseudonymised), path, decided_by="anna")
    assert (report.rejected, report.added) == (1, 2)
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector)
    texts = " ".join(open_project_store(pseudonymised.paths.store_url).read("documents")["text"])
    assert "Samir" in texts                       # rejected: not personal, left as written
    assert "familie" not in texts and "[Persoon" in texts   # added: replaced in every document
    assert load_review_queue(Project(pseudonymised)).query("surface == 'Samir'").empty   # not asked again


def test_review_file_problems_are_reported_together_by_row(pseudonymised, tmp_path):
    path = pseudonymised.paths.root / "data" / "raw" / "bad.csv"
    pd.DataFrame([{"surface": "x", "entity_type": "person", "decision": "maybe"},
                  {"surface": "", "entity_type": "place", "decision": "add"},
                  {"surface": "y", "entity_type": "robot", "decision": "accept"}]).to_csv(path, index=False)
    with pytest.raises(InputError) as error:
        import_review_decisions(Project(pseudonymised), path, decided_by="anna")
    assert str(error.value).startswith(f"{path} has 3 problems:\n  [row 2] decision must be one of accept, reject, "
                                       "add. Got 'maybe' instead.\n  [row 3] surface is empty")
    assert "[row 4] entity_type must be one of person" in str(error.value)


def test_review_export_refuses_the_pseudonymised_folder(pseudonymised):
    target = pseudonymised.paths.pseudonymised / "review.csv"
    with pytest.raises(PrivacyError, match=re.escape("the review file holds raw text and must stay on the raw side")):
        export_review_queue(Project(pseudonymised), target)


@pytest.mark.parametrize("where", ["review.xlsx", "reports/review.xlsx", "notebooks/review.csv", "../review.xlsx"])
def test_review_export_is_refused_anywhere_but_the_raw_side(pseudonymised, where):
    """The review file holds raw text on purpose, so it does not pass the output gate; it
    may only be written where raw data lives, and the leak check never reads there."""
    target = pseudonymised.paths.root / where
    with pytest.raises(PrivacyError, match="the review file holds raw text and m"):
        export_review_queue(Project(pseudonymised), target)
    assert not target.exists()


def test_the_review_file_on_the_raw_side_is_not_scanned_but_a_copy_in_reports_is(pseudonymised):
    import shutil

    from evaltoolkit.project import leak_check

    project = Project(pseudonymised).unlock(PASSPHRASE)
    path = export_review_queue(project)
    assert path.is_relative_to(pseudonymised.paths.root / "data" / "raw") and path.is_file()
    assert leak_check(project).ok
    pseudonymised.paths.reports.mkdir(exist_ok=True)
    shutil.copy2(path, pseudonymised.paths.reports / "review.xlsx")   # someone copies it where outputs go
    report = leak_check(project)
    assert not report.ok and set(report.hits["location"]) == {"reports/review.xlsx"}


def test_review_widget_callbacks_record_accept_reject_and_add(pseudonymised):
    queue = load_review_queue(Project(pseudonymised)).sort_values("surface").reset_index(drop=True)
    saved = []
    view = review_widget(queue, decided_by="anna", on_save=saved.append)
    view.type_choice.value = "person"
    view.accept_button.click()
    view.reject_button.click()
    view.add_text.value = "Regenboog"
    view.add_type.value = "school"
    view.add_button.click()
    assert view.decisions[["surface", "decision"]].values.tolist() == [
        [queue["surface"][0], "accept"], [queue["surface"][1], "reject"], ["Regenboog", "add"]]
    view.save_button.click()
    assert len(saved) == 1 and view.decisions.empty
    stored = record_decisions(open_raw_store(pseudonymised.paths.raw_store), saved[0], decided_by="anna")
    assert sorted(stored["decision"]) == ["accept", "add", "reject"]
    assert queue["surface"][0] in view.context.value or view.position == 2
