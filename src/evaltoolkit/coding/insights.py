"""The insights log: key insights ("Belangrijk inzicht") and smart approaches ("Slimme aanpak").

An insight is a claim backed by evidence (segment ids), with an implication or action for
practice, an owner and a status; the monthly report reads them from the store.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import pandas as pd

from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.store import Store, parse_json_list, table_schema
from evaltoolkit.store.values import INSIGHT_KINDS as KINDS
from evaltoolkit.store.values import INSIGHT_OPEN
from evaltoolkit.store.values import INSIGHT_STATUSES as STATUSES
LIST_COLUMNS = ("perspectives", "evidence_segment_ids", "code_ids")
_EDITABLE = ("kind", "title", "text", "perspectives", "evidence_segment_ids", "code_ids", "implication",
             "action", "owner", "status")


def add_insight(store: Store, *, kind: str, title: str, text: str, actor: str,
                perspectives: Iterable[str] = (), evidence_segment_ids: Iterable[str] = (),
                code_ids: Iterable[str] = (), implication: str | None = None, action: str | None = None,
                owner: str | None = None, status: str = INSIGHT_OPEN, created_on: dt.date | None = None,
                insight_id: str | None = None) -> str:
    """Add an insight to the log; returns its id (``ins-<hex>`` unless given)."""
    today = created_on or dt.date.today()
    row = {"insight_id": insight_id or f"ins-{uuid.uuid4().hex[:10]}", "kind": kind, "title": title, "text": text,
           "perspectives": list(perspectives), "evidence_segment_ids": list(evidence_segment_ids),
           "code_ids": list(code_ids), "implication": implication, "action": action, "owner": owner,
           "status": status, "created_on": today, "updated_on": today}
    _check([row], where="insight")
    _write(store, [row], actor=actor, action="insight.add")
    return row["insight_id"]


def update_insight(store: Store, insight_id: str, *, actor: str, **changes) -> pd.Series:
    """Change fields of an insight (e.g. ``status="done"``); returns the updated row."""
    unknown = [k for k in changes if k not in _EDITABLE]
    if unknown:
        raise InputError(f"{', '.join(map(repr, unknown))} cannot be changed. Editable fields: {', '.join(_EDITABLE)}.")
    existing = store.read("insights", where={"insight_id": insight_id})
    if existing.empty:
        raise InputError(f"{insight_id!r} is not an insight of this project.")
    row = {**_decode(existing.iloc[0].to_dict()), **changes, "updated_on": dt.date.today()}
    _check([row], where=f"insight {insight_id!r}")
    _write(store, [row], actor=actor, action="insight.update")
    return list_insights(store).set_index("insight_id").loc[insight_id]


def list_insights(store: Store, *, kind: str | None = None, status: str | None = None,
                  perspective: str | None = None) -> pd.DataFrame:
    """Insights with list columns as Python lists, newest first."""
    where = {k: v for k, v in (("kind", kind), ("status", status)) if v is not None}
    frame = store.read("insights", where=where or None)
    for column in LIST_COLUMNS:
        frame[column] = [_as_list(v) for v in frame[column]]
    if perspective:
        frame = frame[[perspective in p for p in frame["perspectives"]]]
    return frame.sort_values(["created_on", "insight_id"], ascending=False, kind="stable").reset_index(drop=True)


def import_insights(store: Store, frame: pd.DataFrame, *, actor: str, source: str = "insights.csv") -> int:
    """Import insights from a table with the ``insights`` columns (lists ``;``-separated or JSON).

    Every problem in the table is reported at once; nothing is written when there is one.
    """
    missing = [c for c in ("insight_id", "kind", "title", "text") if c not in frame.columns]
    if missing:
        raise InputError(f"{source} needs the columns insight_id, kind, title and text; missing: {', '.join(missing)}.")
    today = dt.date.today()
    rows = []
    for record in frame.to_dict(orient="records"):
        record = {k: (None if _missing(v) else v) for k, v in record.items()}
        record = _decode(record)
        record["status"] = record.get("status") or INSIGHT_OPEN
        record["created_on"] = _date(record.get("created_on")) or today
        record["updated_on"] = _date(record.get("updated_on")) or record["created_on"]
        rows.append(record)
    _check(rows, where=source)
    _write(store, rows, actor=actor, action="insight.import")
    return len(rows)


def _check(rows: list[dict], *, where: str) -> None:
    problems = []
    for index, row in enumerate(rows):
        prefix = f"[row {index + 1}]" if len(rows) > 1 or where.endswith(".csv") else ""
        if row.get("kind") not in KINDS:
            problems.append(f"{prefix}[kind] must be one of {', '.join(KINDS)}. Got {row.get('kind')!r} instead.")
        if row.get("status") not in STATUSES:
            problems.append(f"{prefix}[status] must be one of {', '.join(STATUSES)}. Got {row.get('status')!r} instead.")
        for key in ("title", "text"):
            if not row.get(key) or not str(row[key]).strip():
                problems.append(f"{prefix}[{key}] must not be empty.")
    if problems:
        raise InputError(format_problems(where, problems))


def _write(store: Store, rows: list[dict], *, actor: str, action: str) -> None:
    listed = [{**row, **{c: list(row.get(c) or []) for c in LIST_COLUMNS}} for row in rows]
    frame = table_schema("insights").coerce(pd.DataFrame(listed))
    with store.transaction() as tx:
        tx.write("insights", frame, mode="upsert")
        for row in rows:
            tx.audit(actor=actor, action=action, entity_type="insight", entity_id=row["insight_id"],
                     details={"kind": row["kind"], "status": row["status"]})


def _decode(record: dict) -> dict:
    return {**record, **{c: _as_list(record.get(c)) for c in LIST_COLUMNS}}


def _as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if _missing(value) or str(value).strip() == "":
        return []
    text = str(value).strip()
    if text.startswith("["):
        return [str(v) for v in parse_json_list(text, where="a list column of the insights table")]
    return [part.strip() for part in text.split(";") if part.strip()]


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


def _date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    return dt.date.fromisoformat(str(value)[:10])
