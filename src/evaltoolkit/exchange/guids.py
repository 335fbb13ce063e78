"""Deterministic GUIDs for REFI-QDA exports.

Every element of an export gets ``uuid5`` of a stable key (``"code:werkdruk"``,
``"source:int_r1_zaanstad_01"``), so exporting the same project twice gives the same
bytes and monthly re-exports can be diffed; importing tools recognise a code they saw
last month by its GUID. :func:`guid_map` turns GUIDs back into the ids they came from.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

#: Namespace of every evaltoolkit GUID (uuid5 of a fixed URL, never to change).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://evaltoolkit.invalid/refi-qda")

KINDS = ("code", "group", "user", "source", "selection", "coding", "case", "variable", "note", "set")


def stable_guid(kind: str, key: str) -> str:
    """The GUID of the ``kind`` element identified by ``key``, e.g. ``stable_guid("code", "werkdruk")``."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}. Got {kind!r} instead.")
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def guid_map(kind: str, keys: Iterable[str]) -> dict[str, str]:
    """``{guid: key}`` for ``keys``: the mapping back from an export's GUIDs to evaltoolkit ids."""
    return {stable_guid(kind, key): key for key in keys}


def normalise_guid(value: str) -> str:
    """GUIDs compare case-insensitively and may come in braces (``{...}``) from some tools."""
    return value.strip().strip("{}").lower()
