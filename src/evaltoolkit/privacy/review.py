"""The review queue: uncertain detections and new names, decided by a researcher.

Round trip (``evaltoolkit.project.privacy``): ``export_review_queue`` writes a CSV/XLSX
with context (raw side only: under ``data/raw/``), the researcher fills in ``decision``
(accept, reject) and adds rows for missed spans (decision ``add`` with ``surface`` and ``entity_type``);
``import_review_decisions`` validates the file and stores the decisions in the raw store.
The next ``pseudonymise_project`` re-applies every stored decision corpus-wide, this month
and every month after: accepted and added surfaces are in the key, rejected ones are
never replaced again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.privacy.detections import ENTITY_TYPES
from evaltoolkit.privacy.key import normalised_surface
from evaltoolkit.store import Store, table_schema
from evaltoolkit.store.values import DECISION_REJECT, PRIVACY_DECISIONS, REVIEW_DECIDED

DECISIONS = PRIVACY_DECISIONS
EXPORT_COLUMNS = ["item_id", "decision", "entity_type", "surface", "context", "confidence", "reason", "doc_id",
                  "start_char", "end_char", "occurrences", "placeholder"]


@dataclass(frozen=True)
class ReviewImportReport:
    accepted: int
    rejected: int
    added: int
    undecided: int

    def __str__(self) -> str:
        return (f"Stored {self.accepted} accepted, {self.rejected} rejected and {self.added} added spans "
                f"({self.undecided} items left undecided). Run `evaltoolkit pseudonymise` to apply them.")


def review_file_frame(queue: pd.DataFrame) -> pd.DataFrame:
    """The review queue as the researcher's spreadsheet: an empty ``decision`` column first."""
    return queue.assign(decision="")[EXPORT_COLUMNS]


def write_review_file(frame: pd.DataFrame, path: Path) -> Path:
    """Write the review spreadsheet as .xlsx (or .csv for any other suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        frame.to_excel(path, index=False, sheet_name="review")
    else:
        frame.to_csv(path, index=False, encoding="utf-8")
    return path


def read_review_decisions(path: Path | str) -> pd.DataFrame:
    """The decided rows of an exported review file, validated (every problem at once).

    Returns ``item_id, surface, entity_type, decision, doc_id``; rows with an empty
    decision are left out. Messages name rows, never the surface text.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Export the queue with `evaltoolkit privacy review-export`.")
    frame = (pd.read_excel(path, dtype=str) if path.suffix.lower() == ".xlsx"
             else pd.read_csv(path, dtype=str, keep_default_na=False))
    missing = [c for c in ("decision", "surface", "entity_type") if c not in frame.columns]
    if missing:
        raise InputError(f"{path} has no column {', '.join(missing)}: export a fresh file and fill in 'decision'.")
    frame = frame.fillna("")
    problems, rows = [], []
    for index, row in frame.iterrows():
        decision = str(row["decision"]).strip().lower()
        if not decision:
            continue
        where = f"[row {index + 2}]"
        if decision not in DECISIONS:
            problems.append(f"{where} decision must be one of {', '.join(DECISIONS)}. Got {decision!r} instead.")
            continue
        entity_type = str(row["entity_type"]).strip()
        if decision != DECISION_REJECT and entity_type not in ENTITY_TYPES:
            problems.append(f"{where} entity_type must be one of {', '.join(ENTITY_TYPES)} for '{decision}'.")
        if not str(row["surface"]).strip():
            problems.append(f"{where} surface is empty: for 'add' write the text to replace.")
        rows.append({"item_id": str(row.get("item_id", "")).strip() or None, "surface": str(row["surface"]).strip(),
                     "entity_type": entity_type or None, "decision": decision,
                     "doc_id": str(row.get("doc_id", "")).strip() or None})
    if problems:
        raise InputError(format_problems(str(path), problems))
    return pd.DataFrame(rows, columns=["item_id", "surface", "entity_type", "decision", "doc_id"])


def record_decisions(raw: Store, decisions: pd.DataFrame, *, decided_by: str) -> pd.DataFrame:
    """Store decisions (a later decision on the same surface replaces the earlier one)
    and close the queue items they answer. Returns the stored rows."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    rows = decisions.assign(
        decision_id=[decision_id(s) for s in decisions["surface"]], decided_by=decided_by, decided_at=now)
    rows = rows.drop_duplicates("decision_id", keep="last")
    stored = table_schema("raw_review_decisions").coerce(rows)
    item_ids = [i for i in rows["item_id"].dropna() if i]
    with raw.transaction() as tx:
        tx.write("raw_review_decisions", stored, mode="upsert")
        if item_ids:
            queue = tx.read("raw_review_queue", where={"item_id": item_ids})
            tx.write("raw_review_queue", queue.assign(status=REVIEW_DECIDED), mode="upsert")
    return stored


def decision_id(surface: str) -> str:
    """Decisions are per surface form (lower-cased): one decision applies corpus-wide."""
    norm = normalised_surface(surface)
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]
