"""Withdrawal removes one participant's data everywhere and nothing else."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.privacy import load_key
from evaltoolkit.project import Project, withdraw_participant
from evaltoolkit.store import open_project_store, open_raw_store

from .conftest import PASSPHRASE


def add_work(store):
    now = pd.Timestamp("2024-08-01")
    store.write("codings", pd.DataFrame([
        {"segment_id": "hv-fg-01:0002", "code_id": "wonen", "coder": "anna", "source": "manual", "status": "accepted",
         "created_at": now},
        {"segment_id": "hv-fg-01:0003", "code_id": "familie", "coder": "anna", "source": "manual",
         "status": "accepted", "created_at": now}]))
    store.write("memos", pd.DataFrame([
        {"memo_id": "m1", "target_type": "segment", "target_id": "hv-fg-01:0002", "author": "anna", "text": "x",
         "created_at": now, "updated_at": now},
        {"memo_id": "m2", "target_type": "segment", "target_id": "hv-fg-01:0003", "author": "anna", "text": "y",
         "created_at": now, "updated_at": now}]))
    store.write("insights", pd.DataFrame([{
        "insight_id": "i1", "kind": "key_insight", "title": "t", "text": "x", "status": "open",
        "evidence_segment_ids": json.dumps(["hv-fg-01:0002", "hv-fg-01:0003"]),
        "created_on": now.date(), "updated_on": now.date()}]))
    store.write("topic_assignments", pd.DataFrame([
        {"segment_id": "hv-fg-01:0002", "model_version": "v1", "topic_id": 1},
        {"segment_id": "hv-fg-01:0003", "model_version": "v1", "topic_id": 2}]))


def test_withdrawal_removes_turns_codings_memos_and_evidence_and_keeps_the_rest(pseudonymised):
    store = open_project_store(pseudonymised.paths.store_url)
    add_work(store)
    before = store.read("segments")
    placeholder = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE).participant_entity("HV02").placeholder("nl")
    report = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert str(report) == ("Withdrew HV02: removed 0 documents, 2 segments, 1 codings, 1 memos, 1 topic assignments; "
                           "updated the evidence of 1 insights.")
    segments = store.read("segments")
    assert set(before["segment_id"]) - set(segments["segment_id"]) == {"hv-fg-01:0002", "hv-fg-01:0004"}
    text = store.read("documents", where={"doc_id": "hv-fg-01"}).iloc[0]["text"]
    assert f"{placeholder}:" not in text
    assert all(text[s.start_char:s.end_char] == s.text for s in segments[segments.doc_id == "hv-fg-01"].itertuples())
    assert store.read("codings")["segment_id"].tolist() == ["hv-fg-01:0003"]
    assert store.read("memos")["memo_id"].tolist() == ["m2"]
    assert store.read("insights").iloc[0]["evidence_segment_ids"] == ["hv-fg-01:0003"]
    assert store.read("topic_assignments")["segment_id"].tolist() == ["hv-fg-01:0003"]
    participant = store.read("participants", where={"participant_id": "HV02"}).iloc[0]
    assert participant["withdrawn_on"] is not None and pd.isna(participant["pseudonym"])
    assert store.read("audit_log").iloc[-2:][["action", "entity_id"]].values.tolist() == [
        ["withdraw", "HV02"], ["withdraw.complete", "HV02"]]


def test_withdrawal_clears_raw_names_and_the_key_link(pseudonymised):
    withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    raw = open_raw_store(pseudonymised.paths.raw_store)
    person = raw.read("raw_participants", where={"participant_id": "HV02"}).iloc[0]
    assert pd.isna(person["full_name"]) and pd.isna(person["name_variants"]) and person["withdrawn_on"] is not None
    assert raw.read("raw_segments", where={"participant_id": "HV02"}).empty
    key = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    assert key.participant_entity("HV02") is None
    assert key.entity_for_surface("Amina") is not None   # a mention by someone else stays replaced


def test_withdrawal_of_the_only_participant_removes_the_document(pseudonymised):
    report = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "TL01", actor="anna")
    assert report.documents == 1
    store = open_project_store(pseudonymised.paths.store_url)
    assert "tl-2024-07" not in set(store.read("documents")["doc_id"])
    assert len(store.read("documents")) == 3


def test_withdrawal_of_an_unknown_id_says_so(pseudonymised):
    with pytest.raises(InputError, match=re.escape("'XX99' is not in the register")):
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "XX99", actor="anna")


def test_staff_cannot_be_withdrawn(pseudonymised):
    with pytest.raises(InputError) as error:
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "OZ01", actor="anna")
    assert str(error.value) == ("'OZ01' has the staff role 'interviewer' (evaltoolkit.yaml, roles:); staff are not "
                                "participants and cannot be withdrawn. Check the id, or set staff: false for the role.")
