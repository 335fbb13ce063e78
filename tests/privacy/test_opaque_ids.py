"""The analysis side knows people by opaque ids: no register id in the project store.

A register id beside a placeholder speaker label ("[Hervestiger 2]:" at a segment of HV02)
turns a quote back into a name with the register alone, without the key.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy import load_key
from evaltoolkit.privacy.key import PseudonymKey, save_key
from evaltoolkit.project import Project, pseudonymise_project, reidentify, withdraw_participant
from evaltoolkit.store import open_project_store, open_raw_store
from evaltoolkit.store.tables import project_metadata

from .conftest import PASSPHRASE, project_id


def register_ids(config) -> set[str]:
    """Every participant and family id of the raw register."""
    people = open_raw_store(config.paths.raw_store).read("raw_participants")
    return set(people["participant_id"].astype(str)) | set(people["family_id"].dropna().astype(str))


def register_ids_in_store(config) -> list[str]:
    """``table.column`` (and the id, never the text) of every cell of every project-store
    table that holds a register id as a word of its own."""
    ids = register_ids(config)
    pattern = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![A-Za-z0-9])")
    store = open_project_store(config.paths.store_url)
    found = []
    for table in project_metadata.sorted_tables:
        frame = store.read(table.name)
        for column in frame.columns:
            for value in frame[column]:
                if value is None or (not isinstance(value, list) and pd.isna(value)):
                    continue
                match = pattern.search(str(value))
                if match:
                    found.append(f"{table.name}.{column}: {match.group(1)}")
    return sorted(set(found))


def test_no_register_id_in_any_column_of_the_project_store(pseudonymised):
    assert register_ids_in_store(pseudonymised) == []
    store = open_project_store(pseudonymised.paths.store_url)
    people = store.read("participants").set_index("participant_id")
    hv01, hv02 = project_id(pseudonymised, "HV01"), project_id(pseudonymised, "HV02")
    # role, perspective, site and consent travel with the opaque id; a family stays one family
    assert people.loc[hv02, ["perspective", "role", "site"]].tolist() == ["hervestiger", "refugee", "zaanstad"]
    assert people.loc[hv01, "family_id"] == people.loc[hv02, "family_id"] != "F01"
    segments = store.read("segments")
    assert hv02 in set(segments["participant_id"])
    focus_group = store.read("documents", where={"doc_id": "hv-fg-01"}).iloc[0]
    assert hv02 in focus_group["participant_ids"]
    assert set(people.index) == {project_id(pseudonymised, p) for p in
                                 ("HV01", "HV02", "SP01", "SP02", "TL01", "TK01", "OZ01")}


def test_no_register_id_in_the_demo_project_store(demo_project):
    assert register_ids_in_store(demo_project) == []
    store = open_project_store(demo_project.paths.store_url)
    assert store.read("segments")["participant_id"].notna().any()


def test_the_opaque_id_stays_the_same_across_runs_and_after_reopening_the_key(pseudonymised, detector):
    key = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    first = {p: key.opaque_id(p, create=False) for p in ("HV01", "HV02", "SP01", "TK01")}
    assert all(first.values()) and len(set(first.values())) == 4
    assert not any(token.upper().startswith(("HV", "SP", "TK")) for token in first.values())
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector, force=True)
    again = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    assert {p: again.opaque_id(p, create=False) for p in first} == first
    store = open_project_store(pseudonymised.paths.store_url)
    assert set(store.read("participants")["participant_id"]) >= set(first.values())
    assert len(store.read("participants")) == 7


def test_opaque_ids_are_random_not_derived_from_the_register_id():
    tokens = {PseudonymKey().opaque_id("HV02") for _ in range(20)}
    assert len(tokens) == 20


def strip_opaque_ids(path) -> None:
    """Rewrite the key at ``path`` as a key of before opaque ids (content version 1)."""
    key = load_key(path, passphrase=PASSPHRASE)

    class OldKey(PseudonymKey):
        def to_dict(self):
            data = super().to_dict()
            del data["version"], data["opaque_ids"]
            return data

    old = OldKey.from_dict(key.to_dict())
    old.opaque_ids = {}
    save_key(old, path, passphrase=PASSPHRASE)


def test_an_old_key_without_opaque_ids_loads_and_a_store_with_register_ids_is_rewritten(pseudonymised, detector):
    store = open_project_store(pseudonymised.paths.store_url)
    # a project store as written before opaque ids: participants under their register ids
    raw_people = open_raw_store(pseudonymised.paths.raw_store).read("raw_participants")
    store.write("participants", store.read("participants").assign(
        participant_id=sorted(raw_people["participant_id"])[:len(store.read("participants"))]), mode="upsert")
    strip_opaque_ids(pseudonymised.paths.key)
    old = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    assert old.opaque_id("HV02", create=False) is None
    assert old.participant_entity("HV02") is not None          # everything else of the key is there
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector)   # no --force needed
    key = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    assert key.opaque_id("HV02", create=False) is not None
    assert register_ids_in_store(pseudonymised) == []
    assert len(store.read("participants")) == 7


def test_a_key_of_a_newer_version_is_refused_with_what_to_do():
    with pytest.raises(PrivacyError, match="upgrade evaltoolkit"):
        PseudonymKey.from_dict({"version": 99, "entities": []})


def test_withdrawal_by_register_id_removes_their_rows_under_the_opaque_id(pseudonymised):
    hv02 = project_id(pseudonymised, "HV02")
    store = open_project_store(pseudonymised.paths.store_url)
    store.write("attributes", pd.DataFrame([{"entity_type": "participant", "entity_id": hv02, "name": "age_band",
                                             "value": "25-34"}]))
    withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert hv02 not in set(store.read("segments")["participant_id"].dropna())
    assert not any(hv02 in (ids or []) for ids in store.read("documents")["participant_ids"])
    assert store.read("attributes", where={"entity_id": hv02}).empty
    assert store.read("participants", where={"participant_id": hv02}).iloc[0]["withdrawn_on"] is not None
    assert register_ids_in_store(pseudonymised) == []


def test_withdrawal_with_a_locked_key_still_removes_their_words_from_the_project_store(pseudonymised, monkeypatch):
    monkeypatch.delenv("EVALTOOLKIT_KEY_PASSPHRASE", raising=False)
    hv02 = project_id(pseudonymised, "HV02")
    store = open_project_store(pseudonymised.paths.store_url)
    going = store.read("segments", where={"participant_id": hv02})["segment_id"].tolist()
    assert going
    report = withdraw_participant(Project(pseudonymised), "HV02", actor="anna")
    assert report.key_locked
    assert not set(going) & set(store.read("segments")["segment_id"])
    finished = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert not finished.key_locked
    assert not any(hv02 in (ids or []) for ids in store.read("documents")["participant_ids"])


def test_reidentify_answers_for_an_opaque_id_and_audits_it(pseudonymised):
    hv02 = project_id(pseudonymised, "HV02")
    answer = reidentify(Project(pseudonymised).unlock(PASSPHRASE), hv02, actor="anna")
    assert answer.participant_id == "HV02" and answer.opaque_id == hv02
    placeholder = reidentify(Project(pseudonymised).unlock(PASSPHRASE), answer.placeholder, actor="anna")
    assert placeholder.opaque_id == hv02
    audit = open_project_store(pseudonymised.paths.store_url).read("audit_log", where={"action": "reidentify"})
    assert hv02 in set(audit["entity_id"])


def test_a_source_path_named_after_a_person_carries_their_opaque_id(project, detector):
    raw = open_raw_store(project.paths.raw_store)
    document = raw.read("raw_documents", where={"doc_id": "hv-int-01"})
    raw.write("raw_documents", document.assign(source_path="hv02/HV02_interview_june.txt"), mode="upsert")
    report = pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    hv02 = project_id(project, "HV02")
    stored = open_project_store(project.paths.store_url).read("documents", where={"doc_id": "hv-int-01"})
    assert stored.iloc[0]["source_path"] == f"{hv02}/{hv02}_interview_june.txt"
    assert report.notes == ()
    assert register_ids_in_store(project) == []


def test_doc_ids_that_hold_a_register_id_are_named_in_a_note():
    from evaltoolkit.privacy.opaque import register_ids_in
    from evaltoolkit.project.pseudonymise import _named_doc_id_notes

    key = PseudonymKey()
    key.opaque_id("HV02")
    named = register_ids_in(["hv-int-01", "hv02-interview", "xhv02", "int-HV02-r1"], key)
    assert named == ["hv02-interview", "int-HV02-r1"]
    (note,) = _named_doc_id_notes(named)
    assert note.startswith("2 doc_ids hold a register id (hv02-interview, int-HV02-r1)")
    assert "manifest.csv" in note
