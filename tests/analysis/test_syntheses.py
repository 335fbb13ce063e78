"""Researcher syntheses: recorded in the store (notebook), and a spreadsheet round trip."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.analysis.syntheses import (
    import_syntheses,
    list_syntheses,
    read_synthesis_sheet,
    record_synthesis,
    write_synthesis_sheet,
)
from evaltoolkit.errors import InputError


@pytest.fixture()
def store(tmp_path):
    from evaltoolkit.store import open_project_store

    store = open_project_store(f"sqlite:///{tmp_path / 'project.sqlite'}")
    yield store
    store.dispose()


def test_a_synthesis_is_recorded_replaced_and_audited(store):
    record_synthesis(store, code_id="taal", perspective="mentee", period="2025-09", text="Eerste versie.",
                     author="analyst_a", meaning="challenge")
    record_synthesis(store, code_id="taal", perspective="mentee", period="2025-09", text="Tweede versie.",
                     author="analyst_a", meaning="challenge")
    table = list_syntheses(store)
    assert list(table["text"]) == ["Tweede versie."]
    assert (table.loc[0, "meaning"], table.loc[0, "period"]) == ("challenge", "2025-09")
    audit = store.read("audit_log")
    assert list(audit["action"]).count("synthesis.record") == 2


def test_every_problem_in_imported_syntheses_is_reported_at_once(store):
    frame = pd.DataFrame({"code_id": ["taal", ""], "perspective": ["mentee", "mentor"],
                          "period": ["oktober", "2025-10"], "text": ["A.", "B."]})
    with pytest.raises(InputError) as error:
        import_syntheses(store, frame, actor="analyst_a", source="syntheses.csv")
    assert str(error.value) == "\n".join([
        "syntheses.csv has 2 problems:",
        "  [row 1][period] must be a month such as '2024-10'. Got 'oktober' instead.",
        "  [row 2][code_id] must not be empty.",
    ])
    assert list_syntheses(store).empty


def test_the_spreadsheet_round_trip_brings_back_only_filled_rows(store, tmp_path):
    claims = pd.DataFrame({"code_id": ["taal", "school"], "perspective": ["mentee", "mentee"],
                           "meaning": ["challenge", "added_value"], "period": ["2025-10", "2025-10"],
                           "theme": ["Taal", "School"], "draft": ["Enkele mentees ...", "Alle 6 mentees ..."],
                           "synthesis": [pd.NA, pd.NA], "author": ["", ""]})
    path = write_synthesis_sheet(claims, tmp_path / "syntheses_2025-10.xlsx")
    sheet = pd.read_excel(path, dtype=str).fillna("")
    sheet.loc[1, "synthesis"] = "Mentees zien school anders dan vóór hun mentor."
    sheet.loc[1, "author"] = "analyst_a"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheet.to_excel(writer, index=False, sheet_name="syntheses")
    filled = read_synthesis_sheet(path)
    assert list(filled["code_id"]) == ["school"]
    assert import_syntheses(store, filled, actor="analyst_b") == 1
    stored = list_syntheses(store)
    assert (stored.loc[0, "text"], stored.loc[0, "author"]) == (
        "Mentees zien school anders dan vóór hun mentor.", "analyst_a")
