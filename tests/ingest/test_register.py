"""The participant register, the manifest and the events file."""
from __future__ import annotations


import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.ingest import read_events, read_manifest, read_register

from .builders import EVENT_KINDS, MANIFEST, MANIFEST_HEADER, REGISTER, REGISTER_HEADER, ROLES, write_csv


def test_register_becomes_raw_participants_with_label_lists(tmp_path):
    frame = read_register(write_csv(tmp_path / "register.csv", REGISTER_HEADER, REGISTER), roles=ROLES)
    interviewer = frame.set_index("participant_id").loc["IV01"]
    assert interviewer["speaker_labels"] == ["INTERVIEWER", "Interviewer"]
    assert frame["consent"].tolist() == [True, True, False, True, True, True, True]
    assert str(frame.set_index("participant_id").loc["HV04", "withdrawn_on"]) == "2024-08-01"


def test_register_problems_are_reported_together_without_names(tmp_path):
    rows = [list(REGISTER[0]), list(REGISTER[1]), list(REGISTER[0])]
    rows[1][5] = "refuge"           # role
    rows[1][8] = "misschien"        # consent
    rows[1][6] = "elders"           # site
    rows[1][10] = "1 aug"           # withdrawn_on
    path = write_csv(tmp_path / "register.csv", REGISTER_HEADER, rows)
    with pytest.raises(InputError) as error:
        read_register(path, roles=ROLES, sites=("stad_a", "stad_b"))
    assert str(error.value) == (
        f"{path} has 5 problems:\n"
        "  [row 3] role 'refuge' is not a role of evaltoolkit.yaml (roles: refugee, sponsor, team_leader, "
        "municipal_officer, interpreter, interviewer). Did you mean 'refugee'? Correct the row or declare the role "
        "under roles:.\n"
        "  [row 3] consent 'misschien' must be yes or no.\n"
        "  [row 3] site 'elders' is not one of stad_a, stad_b (evaltoolkit.yaml), or leave it empty.\n"
        "  [row 3] withdrawn_on '1 aug' is not a date; write it as YYYY-MM-DD.\n"
        "  [rows 2, 4] participant_id 'HV01' is used twice.")
    assert "Testpersoon" not in str(error.value)


def test_register_without_required_column_is_an_input_error(tmp_path):
    path = write_csv(tmp_path / "register.csv", ["participant_id", "role"], [["HV01", "refugee"]])
    with pytest.raises(InputError) as error:
        read_register(path, roles=ROLES)
    assert str(error.value) == (f"{path}: the participant register has no column consent (columns: "
                                "participant_id, role). Add the column to the header row.")


def test_manifest_keeps_spreadsheet_row_numbers(tmp_path):
    manifest = read_manifest(write_csv(tmp_path / "manifest.csv", MANIFEST_HEADER, MANIFEST))
    assert manifest["row"].tolist() == [2, 3, 4, 5, 6, 7]
    assert manifest["survey_id"].isna().tolist() == [True] * 5 + [False]


def test_events_are_read_and_checked(tmp_path):
    header = ["event_id", "kind", "site", "occurred_on", "count", "description"]
    good = write_csv(tmp_path / "events.csv", header, [["e1", "sponsor_training", "stad_a", "2024-03-01", "2", ""]])
    assert read_events(good, event_kinds=EVENT_KINDS)[["event_id", "count"]].values.tolist() == [["e1", 2]]
    bad = write_csv(tmp_path / "bad.csv", header, [["e1", "party", "stad_a", "maart", "twee", ""]])
    with pytest.raises(InputError) as error:
        read_events(bad, event_kinds=EVENT_KINDS)
    assert str(error.value) == (
        f"{bad} has 3 problems:\n"
        "  [row 2] kind 'party' is not an event kind of evaltoolkit.yaml (event kinds: sponsor_training, "
        "family_arrival). Correct the row or declare the kind under event_kinds:.\n"
        "  [row 2] occurred_on 'maart' is not a date; write it as YYYY-MM-DD.\n"
        "  [row 2] count 'twee' must be a whole number of 0 or more.")


def test_rows_whose_first_cell_starts_with_a_hash_are_comments_and_row_numbers_stay_true(tmp_path):
    path = tmp_path / "register.csv"
    bad = list(REGISTER[1])
    bad[8] = "misschien"
    write_csv(path, REGISTER_HEADER, [["# HV00", "Voorbeeld", *[""] * 11], REGISTER[0], [], bad])
    with pytest.raises(InputError) as error:
        read_register(path, roles=ROLES)
    assert str(error.value) == f"{path} has 1 problem:\n  [row 5] consent 'misschien' must be yes or no."
    bad[8] = "yes"
    write_csv(path, REGISTER_HEADER, [["# HV00", "Voorbeeld", *[""] * 11], REGISTER[0], bad])
    assert read_register(path, roles=ROLES)["participant_id"].tolist() == ["HV01", "HV02"]


def test_a_file_of_comments_only_has_no_header_row(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("# event_id,kind\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_events(path, event_kinds=EVENT_KINDS)
    assert str(error.value) == (f"{path}: the events file has no header row. Add the header row "
                                "(see docs/data-contracts.md for its columns).")
