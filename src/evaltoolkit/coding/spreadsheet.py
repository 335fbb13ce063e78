"""Review in a spreadsheet: export open suggestions to CSV/XLSX, read the decisions back.

The researcher fills the ``decision`` column (accept / reject, or add for a code they
type in a new row) and optionally ``memo``; :func:`import_review` checks the whole file
first and reports every problem at once, then records each decision as in the Jupyter
review. The file holds pseudonymised segment text: keep it with the project's data.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.review import (
    DECISION_LOCK,
    accept_suggestion,
    add_coding,
    open_suggestions,
    recorded_decisions,
    refuse_conflicts,
    reject_suggestion,
    write_memo,
)
from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.store import Store, Transaction, person_coder
from evaltoolkit.store.faults import crash_point
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, CODING_SUGGESTED, MEMO_ON_SEGMENT

EXPORT_COLUMNS = ["segment_id", "doc_id", "perspective", "question_id", "text", "code_id", "code_label",
                  "coder", "confidence", "evidence", "decision", "memo"]
_STATUS = {"accept": CODING_ACCEPTED, "reject": CODING_REJECTED, "add": CODING_ACCEPTED}
DECISIONS = {
    "accept": "accept", "accepted": "accept", "a": "accept", "ja": "accept", "yes": "accept", "y": "accept",
    "reject": "reject", "rejected": "reject", "r": "reject", "nee": "reject", "no": "reject", "n": "reject",
    "add": "add", "toevoegen": "add", "+": "add",
}


def export_review(store: Store, path: Path | str, *, check_texts: Callable[[Mapping[str, str]], None],
                  codebook: Codebook | None = None, code_id: str | None = None, perspective: str | None = None,
                  doc_id: str | None = None, language: str = "nl") -> int:
    """Write open suggestions to ``path`` (.csv or .xlsx) with empty decision/memo columns; returns the row count.

    The segment texts pass ``check_texts`` (the project's output gate) before anything is written.
    """
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InputError(f"{path} must end in .csv or .xlsx.")
    frame = open_suggestions(store, code_id=code_id, perspective=perspective, doc_id=doc_id)
    labels = {c.code_id: c.label(language) for c in codebook.codes} if codebook else {}
    frame = frame.assign(code_label=frame["code_id"].map(labels), decision="", memo="")[EXPORT_COLUMNS]
    check_texts({f"segment {s}": str(t) for s, t in zip(frame["segment_id"], frame["text"])})
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".xlsx":
        frame.to_excel(path, index=False, sheet_name="review")
    else:
        frame.to_csv(path, index=False)
    return len(frame)


def read_review_file(path: Path | str) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.")
    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=str, sheet_name=0)
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    raise InputError(f"{path} must end in .csv or .xlsx.")


def import_review(store: Store, path: Path | str, *, reviewer: str, codebook: Codebook | None = None) -> pd.DataFrame:
    """Record the decisions in a filled-in review file; returns counts per decision (decision, rows).

    Every line is checked first and all problems are reported together; then the whole
    file is written in one transaction, so a failure leaves the store as it was. Lines
    whose decision this reviewer already recorded are counted as ``already recorded``;
    a decision contradicting another reviewer's refuses the file
    (:class:`evaltoolkit.coding.review.DecisionConflict`, naming the suggestions).
    """
    frame = read_review_file(path).fillna("")
    missing = [c for c in ("segment_id", "code_id", "decision") if c not in frame.columns]
    if missing:
        raise InputError(f"{path} needs the columns segment_id, code_id and decision; missing: {', '.join(missing)}.")
    if "memo" not in frame.columns:
        frame["memo"] = ""
    counts = {"accept": 0, "reject": 0, "add": 0, "memo": 0, "already recorded": 0}
    # the whole file or nothing; checked inside the transaction that writes, holding the
    # decisions lock, so a second reviewer's import waits and then sees this one's decisions
    with store.transaction() as tx:
        tx.lock(DECISION_LOCK)
        decisions = _check(tx, frame, codebook, reviewer=reviewer, where=str(path))
        for row, decision in zip(frame.itertuples(index=False), decisions):
            target = {"segment_id": row.segment_id, "code_id": row.code_id, "reviewer": reviewer, "tx": tx}
            if decision == "accept":
                accept_suggestion(store, **target)
            elif decision == "reject":
                reject_suggestion(store, **target)
            elif decision == "add":
                add_coding(store, **target, codebook=codebook)
            if decision is not None:
                counts[decision] += 1
            elif str(row.decision).strip():
                counts["already recorded"] += 1
            if str(row.memo).strip():
                write_memo(store, target_type=MEMO_ON_SEGMENT, target_id=row.segment_id, author=reviewer,
                           text=str(row.memo), tx=tx)
                counts["memo"] += 1
            crash_point("review.after_decision")
    if not counts["already recorded"]:
        del counts["already recorded"]
    return pd.DataFrame({"decision": list(counts), "rows": list(counts.values())})


def _check(tx: Transaction, frame: pd.DataFrame, codebook: Codebook | None, *, reviewer: str,
           where: str) -> list[str | None]:
    """Each line's decision (None: empty, or the same decision this reviewer already
    recorded); every problem is reported at once, conflicts with other reviewers apart."""
    problems, decisions = [], []
    suggested = tx.read("codings", where={"segment_id": sorted(set(frame["segment_id"])), "status": CODING_SUGGESTED})
    suggested_pairs = set(zip(suggested["segment_id"], suggested["code_id"]))
    known = set(tx.read("segments", where={"segment_id": sorted(set(frame["segment_id"]))})["segment_id"])
    pairs = list(zip(frame["segment_id"], frame["code_id"]))
    recorded = recorded_decisions(tx, pairs)
    own = {(s, c): status for s, c, status, coder in recorded[["segment_id", "code_id", "status", "coder"]]
           .itertuples(index=False) if coder == person_coder(reviewer)}
    wanted = []
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        raw = str(row.decision).strip().lower()
        decision = DECISIONS.get(raw) if raw else None
        if raw and decision is None:
            problems.append(f"[line {line} -> decision] {row.decision!r} is not a decision. Use accept, reject or add.")
        if row.segment_id not in known:
            problems.append(f"[line {line} -> segment_id] {row.segment_id!r} is not a segment of the project store.")
        elif decision in ("accept", "reject") and (row.segment_id, row.code_id) not in suggested_pairs:
            problems.append(f"[line {line}] there is no suggestion of {row.code_id!r} for {row.segment_id!r} "
                            "(never suggested; use add for a new code).")
        if decision == "add" and codebook is not None and row.code_id not in codebook:
            problems.append(f"[line {line} -> code_id] {row.code_id!r} is not a code of the codebook."
                            f"{_hint(row.code_id, codebook)}")
        status = _STATUS.get(decision)
        if status is not None and own.get((row.segment_id, row.code_id)) == status:
            decision = None   # recorded already (a re-run after a crash, or the same file twice)
        elif status is not None:
            wanted.append((row.segment_id, row.code_id, status))
        decisions.append(decision)
    if problems:
        raise InputError(format_problems(where, problems))
    refuse_conflicts(tx, wanted, reviewer=reviewer)
    return decisions


def _hint(code_id: str, codebook: Codebook) -> str:
    from evaltoolkit.errors import did_you_mean

    return did_you_mean(code_id, codebook.code_ids)

