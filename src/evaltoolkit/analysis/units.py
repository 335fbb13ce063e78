"""The units every analysis counts: participant segments with their context, and their codes.

A coded segment counts for a finding only when

* its coding has ``status == "accepted"`` (suggestions never count),
* it is said by a participant: not an interviewer's or an interpreter's turn (the segment's
  ``speaker_role``), and not by someone of a staff role (``staff_roles``, from the
  configuration's roles),
* its speaker consented and has not withdrawn (and, for segments without a known speaker,
  such as meeting notes, nobody listed on the document has withdrawn or refused consent).

Perspective, site and round come from the document, with the participant's register entry
filling gaps, so survey respondents who are not in the register still count.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import pandas as pd

from evaltoolkit.privacy.consent import excluded_participants
from evaltoolkit.store.schema import ColumnSpec, TableSchema
from evaltoolkit.store.types import list_cell
from evaltoolkit.store.values import CODING_ACCEPTED, SPEAKER_INTERPRETER, SPEAKER_INTERVIEWER

#: Speaker roles (role functions, see ``evaltoolkit.config.ROLE_FUNCTIONS``) whose turns are
#: questions or translations, never findings.
NON_PARTICIPANT_ROLES = (SPEAKER_INTERVIEWER, SPEAKER_INTERPRETER)

UNITS = TableSchema(
    name="analysis_units",
    columns=tuple(ColumnSpec(name, dtype, nullable) for name, dtype, nullable in (
        ("segment_id", "string", False),
        ("doc_id", "string", False),
        ("participant_id", "string", True),
        ("speaker_id", "string", False),   # participant_id, or "doc:<doc_id>" when unknown
        ("role", "string", True),
        ("perspective", "string", True),
        ("site", "string", True),
        ("round", "string", True),
        ("month", "string", True),         # "2024-10", from the document's collected_on
        ("collected_on", "date", True),
        ("kind", "string", True),
        ("translated_from", "string", True),
        ("question_id", "string", True),
        ("text", "string", False),
    )),
    key=("segment_id",),
)

CODED_UNITS_EXTRA = ("code_id", "valence")


def analysable_segments(
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    site_attributes: Mapping[str, Mapping[str, Any]] | None = None,
    staff_roles: Collection[str] = (),
) -> pd.DataFrame:
    """Participant segments with perspective, site, round and month; see the module docstring.

    ``site_attributes`` (``{site_id: {"<attribute>": "<value>", ...}}``, from the sites of
    evaltoolkit.yaml) adds one column per attribute, so matrices can be split by the sites'
    programme models. ``staff_roles`` (``config.staff_role_ids``) are never counted.
    """
    docs = documents[["doc_id", "kind", "perspective", "site", "round", "collected_on",
                      "translated_from", "participant_ids"]]
    people = participants[["participant_id", "perspective", "role", "site", "consent", "withdrawn_on"]]
    frame = segments[["segment_id", "doc_id", "participant_id", "speaker_role", "question_id", "text"]]
    frame = frame.merge(docs, on="doc_id", how="inner").merge(
        people, on="participant_id", how="left", suffixes=("", "_person"))
    excluded = excluded_participants(participants)
    known = frame["participant_id"].notna()
    blocked = known & frame["participant_id"].isin(excluded)
    # a segment without a known speaker (meeting notes) may still come from someone who left
    blocked |= ~known & frame["participant_ids"].map(lambda ids: bool(_ids(ids) & excluded)).astype(bool)
    staff = frame["role"].isin(list(staff_roles)).fillna(False).astype(bool)
    frame = frame[~blocked & ~staff & ~frame["speaker_role"].isin(NON_PARTICIPANT_ROLES)].copy()
    frame["perspective"] = frame["perspective"].fillna(frame["perspective_person"])
    frame["site"] = frame["site"].fillna(frame["site_person"])
    frame["speaker_id"] = frame["participant_id"].fillna("doc:" + frame["doc_id"])
    frame["month"] = frame["collected_on"].map(lambda d: d.strftime("%Y-%m") if pd.notna(d) else None)
    units = UNITS.coerce(frame).sort_values("segment_id", kind="stable").reset_index(drop=True)
    for name, values in _site_attribute_columns(units["site"], site_attributes).items():
        units[name] = values
    return units


def coded_units(
    codings: pd.DataFrame,
    units: pd.DataFrame,
    *,
    valence_ids: Sequence[str],
) -> pd.DataFrame:
    """One row per (analysable segment, accepted theme code, valence) with the unit's columns.

    ``valence_ids`` are the codebook's valence codes (``codebook.valence_ids()``).
    A segment with two valence codes gives two rows per theme code; one with none gives
    ``valence`` NA. Count distinct ``segment_id`` when the valence does not matter.
    """
    accepted = codings.loc[codings["status"] == CODING_ACCEPTED, ["segment_id", "code_id"]].drop_duplicates()
    accepted = accepted[accepted["segment_id"].isin(units["segment_id"])]
    is_valence = accepted["code_id"].isin(list(valence_ids))
    themes = accepted[~is_valence]
    valences = accepted[is_valence].rename(columns={"code_id": "valence"})
    rows = themes.merge(valences, on="segment_id", how="left")
    rows = rows.merge(units, on="segment_id", how="inner")
    columns = ["segment_id", "code_id", "valence", *[c for c in units.columns if c != "segment_id"]]
    rows = rows[columns].astype({"code_id": "string", "valence": "string"})
    return rows.sort_values(["code_id", "segment_id", "valence"], kind="stable").reset_index(drop=True)


def _ids(value) -> set[str]:
    return {str(item) for item in list_cell(value, where="documents.participant_ids") if item}


def _site_attribute_columns(sites: pd.Series, site_attributes) -> dict[str, pd.Series]:
    if not site_attributes:
        return {}
    names = sorted({name for attrs in site_attributes.values() for name in attrs})
    return {
        name: sites.map(
            lambda site, name=name: None if pd.isna(site) or site not in site_attributes
            else _text(site_attributes[site].get(name))
        ).astype("string")
        for name in names
    }


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def site_attributes_of(sites: Sequence) -> dict[str, dict[str, Any]]:
    """``{site_id: attributes}`` from the config's sites (``config.sites``), adding ``region``."""
    return {site.id: {"region": site.region, **dict(site.attributes)} for site in sites}
