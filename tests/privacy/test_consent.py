"""The one consent and withdrawal rule: who may be in the data."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from evaltoolkit.privacy.consent import excluded_participants, only_excluded, staff_members, without_excluded

PEOPLE = pd.DataFrame({
    "participant_id": ["P1", "P2", "P3", "S1"],
    "role": ["member", "member", "member", "researcher"],
    "consent": [True, False, True, True],
    "withdrawn_on": [None, None, dt.date(2025, 3, 1), None],
})


def test_people_without_consent_or_withdrawn_are_excluded_and_staff_are_not_participants():
    assert excluded_participants(PEOPLE) == {"P2", "P3"}
    assert staff_members(PEOPLE, ["researcher"]) == {"S1"}


def test_a_document_goes_only_when_everyone_listed_but_staff_is_excluded():
    assert only_excluded(["P3", "S1"], {"P2", "P3"}, staff={"S1"})
    assert not only_excluded(["P1", "P3"], {"P2", "P3"})
    assert not only_excluded([], {"P2", "P3"})


def test_excluded_people_lose_their_documents_and_their_turns_in_shared_ones():
    documents = pd.DataFrame({"doc_id": ["solo", "group"], "participant_ids": [["P3"], ["P1", "P3"]]})
    segments = pd.DataFrame({"segment_id": ["solo:0001", "group:0001", "group:0002"],
                             "doc_id": ["solo", "group", "group"], "participant_id": ["P3", "P1", "P3"]})
    kept_documents, kept_segments = without_excluded(documents, segments, excluded_participants(PEOPLE))
    assert kept_documents["doc_id"].tolist() == ["group"]
    assert kept_segments["segment_id"].tolist() == ["group:0001"]
