"""Importing human codings and the insights log."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from evaltoolkit.coding import add_insight, import_codings, import_insights, list_insights, update_insight
from evaltoolkit.errors import InputError


def test_researcher_codings_are_resolved_by_n_or_question(store, codebook):
    frame = pd.DataFrame({"doc_id": ["int_a", "sp-1", "int_b"], "n": ["1", "", "3"],
                          "question_id": ["", "sp:Q12", ""], "code_id": ["bureaucratie", "training_hulpmiddelen",
                                                                        "bureaucratie"],
                          "coder": ["onderzoeker_a"] * 3})
    rows = import_codings(store, frame, codebook=codebook, actor="anna", source="researcher_codings.csv")
    assert sorted(rows["segment_id"]) == ["int_a:0001", "int_b:0003", "sp-1:0003"]
    stored = store.read("codings")
    assert set(stored["status"]) == {"accepted"} and set(stored["source"]) == {"manual"}
    assert set(stored["codebook_version"]) == {codebook.version}
    assert json.loads(store.read("audit_log")["details"].iloc[0])["rows"] == 3


def test_import_reports_every_bad_row(store, codebook):
    frame = pd.DataFrame({"doc_id": ["int_a", "int_x", "sp-1"], "n": ["1", "2", ""],
                          "question_id": ["", "", "sp:Q99"], "code_id": ["burocratie", "taalbarriere", "valentie"],
                          "coder": ["a", "", "a"]})
    with pytest.raises(InputError) as caught:
        import_codings(store, frame, codebook=codebook, actor="anna", source="codings.csv")
    assert str(caught.value) == """codings.csv has 5 problems:
  [line 2 -> code_id] 'burocratie' is not a code of the codebook. Did you mean 'bureaucratie'?
  [line 3] no segment doc_id 'int_x', n 2 in the project store.
  [line 3 -> coder] is empty; name who coded the segment.
  [line 4] no segment doc_id 'sp-1', question_id 'sp:Q99' in the project store.
  [line 4 -> code_id] 'valentie' is a category, not a codable code."""
    assert store.read("codings").empty


def test_insights_are_added_updated_and_listed(store):
    insight_id = add_insight(store, kind="key_insight", title="Sponsoren ontlasten", text="Minder werkdruk.",
                             actor="anna", perspectives=["teamleider"], evidence_segment_ids=["tl_1:0003"],
                             code_ids=["werkdruk"], implication="Vroeg koppelen.", owner="anna")
    updated = update_insight(store, insight_id, actor="bram", status="done")
    assert updated["status"] == "done" and updated["code_ids"] == ["werkdruk"]
    listed = list_insights(store, perspective="teamleider")
    assert listed["insight_id"].tolist() == [insight_id]
    assert list_insights(store, status="open").empty
    assert store.read("audit_log")["action"].tolist() == ["insight.add", "insight.update"]
    with pytest.raises(InputError, match=r"^'owner_id' cannot be changed. Editable fields: kind, title"):
        update_insight(store, insight_id, actor="bram", owner_id="x")


def test_insights_csv_import_checks_all_rows(store):
    frame = pd.DataFrame({"insight_id": ["i1", "i2"], "kind": ["smart_approach", "inzicht"],
                          "title": ["Checklist", ""], "text": ["Een checklist taakverdeling.", "x"],
                          "perspectives": ["teamleider;gemeente", '["sponsor"]'], "status": ["", "open"],
                          "created_on": ["2024-03-01", "2024-04-01"]})
    with pytest.raises(InputError) as caught:
        import_insights(store, frame, actor="anna", source="insights.csv")
    assert str(caught.value) == """insights.csv has 2 problems:
  [row 2][kind] must be one of key_insight, smart_approach. Got 'inzicht' instead.
  [row 2][title] must not be empty."""
    assert import_insights(store, frame.iloc[[0]], actor="anna", source="insights.csv") == 1
    stored = list_insights(store)
    assert stored[["insight_id", "status"]].values.tolist() == [["i1", "open"]]
    assert stored["perspectives"].iloc[0] == ["teamleider", "gemeente"]
    assert str(stored["created_on"].iloc[0]) == "2024-03-01"
