"""The suggestion table every machine coder writes, and how suggestions enter the store.

A suggestion is a row of the ``codings`` table with ``status="suggested"``: rule-based,
learned and topic-based suggesters all produce it with :func:`make_suggestions`, so the
review tools treat them alike. Every row carries its source (the coder names the rule set,
model or topic model version), a confidence and the evidence (matched words).

Nothing a machine proposes counts as a coding until a human accepts it, unless the
project sets ``coding.auto_accept_confidence``: then :func:`store_suggestions` accepts
rows at or above it and records ``reviewed_by="auto:<threshold>"``.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.store import Store, machine_coder, table_schema
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_SUGGESTED
HITS_COLUMNS = ["segment_id", "code_id", "confidence", "evidence"]


def codings_schema():
    return table_schema("codings")


def now() -> dt.datetime:
    """UTC now without time zone (how the store keeps timestamps)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def make_suggestions(hits: pd.DataFrame, *, source: str, model_version: str,
                     codebook_version: str | None, created_at: dt.datetime | None = None) -> pd.DataFrame:
    """Turn ``hits`` (segment_id, code_id, confidence, evidence) into codings rows with status suggested.

    ``source`` is "rule", "model" or "topic"; the coder becomes e.g. ``"topics:<model_version>"``
    (:func:`evaltoolkit.store.machine_coder`).
    """
    coder = machine_coder(source, model_version)
    missing = [c for c in ("segment_id", "code_id", "confidence") if c not in hits.columns]
    if missing:
        raise InputError(f"suggestion hits need the columns {', '.join(HITS_COLUMNS)}; missing: {', '.join(missing)}.")
    frame = hits.copy()
    if "evidence" not in frame.columns:
        frame["evidence"] = pd.NA
    frame = frame.assign(
        coder=coder,
        source=source,
        status=CODING_SUGGESTED,
        model_version=model_version,
        codebook_version=codebook_version,
        reviewed_by=pd.NA,
        reviewed_at=pd.NaT,
        created_at=created_at or now(),
    )
    return codings_schema().coerce(frame)


def auto_accept(suggestions: pd.DataFrame, threshold: float | None, *, at: dt.datetime | None = None) -> pd.DataFrame:
    """Mark suggestions with confidence >= ``threshold`` as accepted by ``auto:<threshold>``."""
    out = suggestions.copy()
    if threshold is None or out.empty:
        return out
    chosen = (out["status"] == CODING_SUGGESTED) & (out["confidence"].fillna(0) >= threshold)
    out.loc[chosen, "status"] = CODING_ACCEPTED
    out.loc[chosen, "reviewed_by"] = f"auto:{threshold:g}"
    out.loc[chosen, "reviewed_at"] = at or now()
    return out


def store_suggestions(store: Store, suggestions: pd.DataFrame, *, actor: str,
                      auto_accept_confidence: float | None = None) -> pd.DataFrame:
    """Write suggestions in one transaction, replacing the same coder's earlier open suggestions
    for these segments (so a re-run does not leave stale ones). Human decisions are kept.

    Returns the rows as written (after auto-acceptance, if the project set a threshold).
    """
    rows = auto_accept(codings_schema().validate(suggestions, where="suggestions"), auto_accept_confidence)
    with store.transaction() as tx:
        for coder, group in rows.groupby("coder", sort=True):
            segment_ids = sorted(set(group["segment_id"]))
            for start in range(0, len(segment_ids), 500):
                tx.delete("codings", where={"coder": coder, "status": CODING_SUGGESTED,
                                            "segment_id": segment_ids[start:start + 500]})
        tx.write("codings", rows, mode="upsert")
        for coder, group in rows.groupby("coder", sort=True):
            tx.audit(actor=actor, action="code.suggest", entity_type="coder", entity_id=str(coder), details={
                "suggestions": int(len(group)), "segments": int(group["segment_id"].nunique()),
                "auto_accepted": int((group["status"] == CODING_ACCEPTED).sum()),
                "auto_accept_confidence": auto_accept_confidence,
            })
    return rows
