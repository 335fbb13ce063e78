"""Which outcome has no evidence from which perspective yet, and the store round trip.

An outcome's evidence is every analysable segment with an accepted coding of a code linked
to it: the codes its indicators name (``codes``, ``evidence_codes``) and the codebook codes
whose ``logic_model_links`` name the outcome or one of its outputs.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from evaltoolkit.analysis.matrices import suppress
from evaltoolkit.analysis.units import analysable_segments, coded_units
from evaltoolkit.indicators.model import LogicModel, Outcome
from evaltoolkit.store.schema import ColumnSpec, TableSchema, table_schema

EVIDENCE_GAPS = TableSchema(
    name="evidence_gaps",
    columns=tuple(ColumnSpec(name, dtype, True) for name, dtype in (
        ("outcome_id", "string"),
        ("perspective", "string"),
        ("n_codes", "Int64"),          # codes linked to the outcome
        ("n_segments", "Int64"),
        ("n_participants", "Int64"),
        ("has_evidence", "boolean"),
    )),
    key=("outcome_id", "perspective"),
)


def linked_codes(outcome: Outcome, codebook=None) -> tuple[str, ...]:
    """Codes that bear on ``outcome``, sorted: from its indicators and the codebook's links."""
    codes = {code for indicator in outcome.all_indicators() for code in indicator.linked_codes}
    if codebook is not None:
        elements = set(outcome.element_ids())
        codes |= {code.code_id for code in codebook.codes if elements & set(code.logic_model_links)}
    return tuple(sorted(codes))


def evidence_gaps(
    model: LogicModel,
    *,
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    perspectives: Sequence[str],
    codebook,
    staff_roles: Sequence[str] = (),
    min_cell_size: int = 3,
    language: str = "nl",
):
    """One row per outcome and perspective: how many segments and speakers of that
    perspective give evidence on the outcome; ``has_evidence`` is False for a gap.
    ``codebook`` links codes to outcomes and says which codes are valence codes;
    ``language`` (nl or en) is that of the notes on hidden cells."""
    units = analysable_segments(segments, documents, participants, staff_roles=staff_roles)
    rows = coded_units(codings, units, valence_ids=codebook.valence_ids())
    records = []
    for outcome in model.outcomes:
        codes = linked_codes(outcome, codebook)
        linked = rows[rows["code_id"].isin(codes)]
        for perspective in perspectives:
            mine = linked[linked["perspective"] == perspective]
            n_segments = mine["segment_id"].nunique()
            records.append({
                "outcome_id": outcome.outcome_id, "perspective": perspective, "n_codes": len(codes),
                "n_segments": n_segments, "n_participants": mine["participant_id"].dropna().nunique(),
                "has_evidence": n_segments > 0,
            })
    table = EVIDENCE_GAPS.coerce(pd.DataFrame.from_records(records, columns=EVIDENCE_GAPS.column_names))
    # segments are text, not people: only the number of participants is a small cell to hide
    return suppress(table, min_cell_size=min_cell_size, count_columns=["n_participants"],
                    share_columns={}, language=language)


def to_indicator_values(table: pd.DataFrame) -> pd.DataFrame:
    """The store's ``indicator_values`` rows of an indicator table (suppressed values stay NA)."""
    return table_schema("indicator_values").validate(table, where="indicator table")


def save_indicator_values(store, table: pd.DataFrame) -> int:
    """Upsert the indicator table into the project store; returns the number of rows."""
    return store.write("indicator_values", to_indicator_values(table), mode="upsert")
