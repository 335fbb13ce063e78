"""The analysis side knows people only by opaque ids.

A register id (``HV07``) beside a placeholder speaker label would let anyone holding the
register, not the key, turn a quote back into a name. So every id of a person (and of a
family) that the pseudonymiser writes to the project store is replaced by a random token
the key draws once and keeps (:meth:`PseudonymKey.opaque_id`): the same person has the same
token in every run and month, and only the key says who it is. Roles, perspectives, sites
and consent travel with the token; they name no one on their own.

>>> from evaltoolkit.privacy.key import PseudonymKey
>>> key = PseudonymKey()
>>> token = key.opaque_id("HV07")
>>> opaque_list(["HV07"], key) == [token] and token != "HV07"
True
"""
from __future__ import annotations

import re

import pandas as pd

from evaltoolkit.privacy.key import PseudonymKey
from evaltoolkit.store import list_cell
from evaltoolkit.store.values import ENTITY_PARTICIPANT

#: project-store columns that hold one participant id (table -> columns)
PARTICIPANT_COLUMNS = {
    "participants": ("participant_id",),
    "documents": ("interpreter_id",),
    "segments": ("participant_id", "translated_by"),
}
#: project-store columns that hold a list of participant ids
PARTICIPANT_LIST_COLUMNS = {"documents": ("participant_ids",)}
#: project-store columns that hold a family id
FAMILY_COLUMNS = {"participants": ("family_id",)}


def opaque_value(value, key: PseudonymKey, *, kind: str = "participant"):
    """The token of one id cell (a missing value stays missing)."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) or str(value) == "":
        return value
    return key.opaque_id(str(value), kind=kind)


def opaque_list(value, key: PseudonymKey) -> list[str] | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return [key.opaque_id(str(item)) for item in list_cell(value) if str(item)]


def with_opaque_ids(name: str, frame: pd.DataFrame, key: PseudonymKey) -> pd.DataFrame:
    """``frame`` of project-store table ``name`` with every participant and family id
    replaced by its token (drawn in ``key`` when new; the caller saves the key)."""
    frame = frame.copy()
    for column in PARTICIPANT_COLUMNS.get(name, ()):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: opaque_value(v, key)).astype(object)
    for column in FAMILY_COLUMNS.get(name, ()):
        if column in frame.columns:
            frame[column] = frame[column].map(lambda v: opaque_value(v, key, kind="family")).astype(object)
    for column in PARTICIPANT_LIST_COLUMNS.get(name, ()):
        if column in frame.columns:
            frame[column] = pd.Series([opaque_list(v, key) for v in frame[column]], index=frame.index, dtype=object)
    if name == "documents" and "source_path" in frame.columns and len(frame):
        # a file named after a person ("hv07_interview.docx") would name them again
        frame["source_path"] = [without_register_ids(str(p), key) for p in frame["source_path"]]
    if name == "attributes" and len(frame):
        people = frame["entity_type"] == ENTITY_PARTICIPANT
        frame.loc[people, "entity_id"] = [key.opaque_id(str(v)) for v in frame.loc[people, "entity_id"]]
    return frame


def without_register_ids(text: str, key: PseudonymKey) -> str:
    """``text`` with every register id the key has a token for, written as a word of its own
    (any case; letters and digits around it make it part of another word), replaced by it."""
    tokens = {rid.casefold(): token for rid, token in key.opaque_ids.get("participant", {}).items()}
    if not tokens:
        return text
    pattern = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, sorted(tokens, key=len, reverse=True)))
                         + r")(?![A-Za-z0-9])", re.IGNORECASE)
    return pattern.sub(lambda match: tokens[match.group(1).casefold()], text)


def register_ids_in(values, key: PseudonymKey) -> list[str]:
    """Those of ``values`` (ids such as doc_ids) that hold a register id as a word of its own."""
    return [str(v) for v in values if without_register_ids(str(v), key) != str(v)]
