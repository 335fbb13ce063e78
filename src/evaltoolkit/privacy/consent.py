"""Who may be in the data: the one home of the consent and withdrawal rule.

A participant's words may be stored, analysed, quoted and exported only while they have
consented and have not withdrawn. Staff (roles with ``staff: true`` in evaltoolkit.yaml,
such as interviewers and interpreters) are not participants: the rule does not apply to
them, and their turns are never findings.

Ingestion refuses a file of someone without consent and leaves out the turns of someone
who withdrew; pseudonymisation applies the rule again (a withdrawal recorded after the
last ingestion); analysis applies it once more, so a report can never count or quote a
person the register excludes. All three ask the functions below.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from evaltoolkit.store import list_cell


def excluded_participants(participants: pd.DataFrame) -> set[str]:
    """Ids of register rows whose data must not be used: no consent, or withdrawn."""
    no_consent = participants["consent"].astype("boolean").fillna(False) == False  # noqa: E712
    withdrawn = participants["withdrawn_on"].notna()
    return set(participants.loc[no_consent | withdrawn, "participant_id"].astype(str))


def withdrawn_participants(participants: pd.DataFrame) -> set[str]:
    """Ids of register rows with a withdrawal date."""
    return set(participants.loc[participants["withdrawn_on"].notna(), "participant_id"].astype(str))


def staff_members(participants: pd.DataFrame, staff_roles: Collection[str]) -> set[str]:
    """Ids of register rows whose role is a staff role (not participants)."""
    return set(participants.loc[participants["role"].isin(list(staff_roles)), "participant_id"].astype(str))


def only_excluded(participant_ids: Iterable[str], excluded: Collection[str], *, staff: Collection[str] = ()) -> bool:
    """True when a document's listed people, staff aside, are all excluded (so the document goes)."""
    people = {str(p) for p in participant_ids} - set(staff)
    return bool(people) and people <= set(excluded)


def without_excluded(documents: pd.DataFrame, segments: pd.DataFrame, excluded: Collection[str], *,
                     staff: Collection[str] = ()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents and segments with what belongs to ``excluded`` people left out: documents
    whose listed people (staff aside) are all excluded, and every segment they spoke."""
    if not excluded:
        return documents, segments
    keep = [not only_excluded(list_cell(ids), excluded, staff=staff) for ids in documents["participant_ids"]]
    documents = documents[keep].reset_index(drop=True)
    segments = segments[segments["doc_id"].isin(documents["doc_id"])
                        & ~segments["participant_id"].isin(list(excluded))].reset_index(drop=True)
    return documents, segments
