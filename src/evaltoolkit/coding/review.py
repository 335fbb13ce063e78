"""Human review of machine suggestions, written to the project store at once.

Each decision is one short transaction (the coding row and its audit line together), so
two researchers reviewing at the same time never overwrite each other: a decision is a
row keyed by (segment_id, code_id, reviewer), and the machine's suggestion row is left as
it was. A suggestion is *open* until any human has decided on that segment and code.

The check and the write are one transaction holding the decisions lock
(:data:`DECISION_LOCK`): a decision that contradicts one another reviewer has recorded
(accept where they rejected, or the reverse) is refused with :class:`DecisionConflict`,
which names the suggestions (``segment_id/code_id``). A reviewer may change their own
decision; recording the same decision again changes nothing.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.suggestions import codings_schema, now
from evaltoolkit.errors import InputError
from evaltoolkit.store import Store, Transaction, human_codings, person_coder, table_schema
from evaltoolkit.store.values import (
    CODING_ACCEPTED,
    CODING_REJECTED,
    CODING_SUGGESTED,
    MACHINE_SOURCES,
    MEMO_TARGET_TYPES,
    SOURCE_MANUAL,
)

#: held by every transaction that checks decisions and then writes one (Transaction.lock)
DECISION_LOCK = "evaltoolkit.codings.decisions"


class DecisionConflict(InputError):
    """A decision contradicts one another reviewer recorded; ``suggestions`` names them."""

    def __init__(self, message: str, suggestions: list[str]):
        super().__init__(message)
        self.suggestions = suggestions


REVIEW_COLUMNS = ["segment_id", "doc_id", "perspective", "question_id", "code_id", "coder", "source",
                  "confidence", "evidence", "codebook_version", "text"]
MEMO_TARGETS = MEMO_TARGET_TYPES


def human_decisions(codings: pd.DataFrame) -> pd.DataFrame:
    """Codings made or reviewed by people (manual codings and accepted/rejected suggestions).

    The rule (a machine coder's name holds ``:``) lives in :mod:`evaltoolkit.store.coders`."""
    return human_codings(codings)


def open_suggestions(store: Store, *, code_id: str | None = None, perspective: str | None = None,
                     doc_id: str | None = None, min_confidence: float | None = None) -> pd.DataFrame:
    """Machine suggestions no person has decided on yet, with the segment in context (REVIEW_COLUMNS).

    Filter by code, perspective or document; sorted by document order.
    """
    where = {"status": CODING_SUGGESTED}
    if code_id:
        where["code_id"] = code_id
    suggestions = store.read("codings", where=where)
    decided = human_decisions(store.read("codings", where={"code_id": code_id} if code_id else None))
    done = set(zip(decided["segment_id"], decided["code_id"]))
    suggestions = suggestions[[(s, c) not in done for s, c in zip(suggestions["segment_id"], suggestions["code_id"])]]
    if min_confidence is not None:
        suggestions = suggestions[suggestions["confidence"].fillna(0) >= min_confidence]
    segments = store.read("segments", where={"segment_id": sorted(set(suggestions["segment_id"]))})
    documents = store.read("documents", where={"doc_id": sorted(set(segments["doc_id"]))})
    frame = (suggestions.merge(segments[["segment_id", "doc_id", "n", "question_id", "text"]], on="segment_id")
             .merge(documents[["doc_id", "perspective"]], on="doc_id", how="left"))
    if perspective:
        frame = frame[frame["perspective"] == perspective]
    if doc_id:
        frame = frame[frame["doc_id"] == doc_id]
    frame = frame.sort_values(["doc_id", "n", "confidence"], ascending=[True, True, False], kind="stable")
    return frame[REVIEW_COLUMNS].reset_index(drop=True)


def accept_suggestion(store: Store, *, segment_id: str, code_id: str, reviewer: str,
                      coder: str | None = None, tx: Transaction | None = None) -> pd.DataFrame:
    """Accept the machine's suggestion of ``code_id`` for ``segment_id``; returns the row written.

    ``tx`` (an open ``store.transaction()``) makes the decision part of a larger one.
    """
    return _decide_suggestion(store, segment_id, code_id, coder, reviewer=reviewer, status=CODING_ACCEPTED,
                              action="code.accept", tx=tx)


def reject_suggestion(store: Store, *, segment_id: str, code_id: str, reviewer: str,
                      coder: str | None = None, tx: Transaction | None = None) -> pd.DataFrame:
    """Reject the machine's suggestion (kept as a rejected row, so it is not proposed again)."""
    return _decide_suggestion(store, segment_id, code_id, coder, reviewer=reviewer, status=CODING_REJECTED,
                              action="code.reject", tx=tx)


def add_coding(store: Store, *, segment_id: str, code_id: str, reviewer: str,
               codebook: Codebook | None = None, tx: Transaction | None = None) -> pd.DataFrame:
    """Code a segment by hand (source manual, status accepted)."""
    if codebook is not None:
        code = codebook.code(code_id)
        if not (code.codable and code.is_active):
            raise InputError(f"{code_id!r} is {'retired' if code.codable else 'a category that is not codable'}; "
                             "choose an active, codable code.")
    row = {"segment_id": segment_id, "code_id": code_id, "coder": reviewer, "source": SOURCE_MANUAL,
           "confidence": pd.NA, "evidence": pd.NA, "model_version": pd.NA,
           "codebook_version": codebook.version if codebook else pd.NA}
    with _within(store, tx) as tx:
        tx.lock(DECISION_LOCK)
        if tx.read("segments", where={"segment_id": segment_id}).empty:
            raise InputError(f"{segment_id!r} is not a segment of the project store.")
        refuse_conflicts(tx, [(segment_id, code_id, CODING_ACCEPTED)], reviewer=reviewer)
        return _decide(store, pd.Series(row), reviewer=reviewer, status=CODING_ACCEPTED, action="code.add", tx=tx)


def _decide_suggestion(store: Store, segment_id: str, code_id: str, coder: str | None, *, reviewer: str,
                       status: str, action: str, tx: Transaction | None) -> pd.DataFrame:
    """Check (open suggestion, no contradicting decision) and write, in one transaction."""
    with _within(store, tx) as tx:
        tx.lock(DECISION_LOCK)
        suggestion = _suggestion(tx, segment_id, code_id, coder)
        refuse_conflicts(tx, [(segment_id, code_id, status)], reviewer=reviewer)
        return _decide(store, suggestion, reviewer=reviewer, status=status, action=action, tx=tx)


def recorded_decisions(tx: Store | Transaction, pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """People's decisions (codings rows by a person) on the (segment_id, code_id) ``pairs``."""
    if not pairs:
        return codings_schema().empty()
    rows = tx.read("codings", where={"segment_id": sorted({s for s, _ in pairs})})
    wanted = set(pairs)
    rows = human_decisions(rows)
    keep = pd.Series([(s, c) in wanted for s, c in zip(rows["segment_id"], rows["code_id"])],
                     index=rows.index, dtype=bool)
    return rows[keep]


def refuse_conflicts(tx: Store | Transaction, decisions: list[tuple[str, str, str]], *, reviewer: str) -> None:
    """Raise :class:`DecisionConflict` when any (segment_id, code_id, status) contradicts a
    decision another reviewer recorded; call it inside the transaction that writes."""
    reviewer = person_coder(reviewer)
    recorded = recorded_decisions(tx, [(s, c) for s, c, _ in decisions])
    wanted = {(s, c): status for s, c, status in decisions}
    conflicts = []
    for row in recorded.itertuples(index=False):
        status = wanted.get((row.segment_id, row.code_id))
        if row.coder != reviewer and status is not None and row.status != status:
            conflicts.append((f"{row.segment_id}/{row.code_id}", row.status, row.coder))
    if conflicts:
        conflicts.sort()
        shown = "; ".join(f"{sid} ({status} by {coder})" for sid, status, coder in conflicts[:20])
        more = f" and {len(conflicts) - 20} more" if len(conflicts) > 20 else ""
        raise DecisionConflict(
            f"{len(conflicts)} {'decision contradicts' if len(conflicts) == 1 else 'decisions contradict'} what "
            "another reviewer recorded, so none were written: "
            f"{shown}{more}. Agree on these suggestions first (e.g. compare with `evaltoolkit agreement`), "
            "then leave them out of the file or record the agreed decision.",
            [sid for sid, _, _ in conflicts])


def _suggestion(store: Store | Transaction, segment_id: str, code_id: str, coder: str | None) -> pd.Series:
    where = {"segment_id": segment_id, "code_id": code_id, "status": CODING_SUGGESTED}
    if coder:
        where["coder"] = coder
    rows = store.read("codings", where=where)
    rows = rows[rows["source"].isin(MACHINE_SOURCES)]
    if rows.empty:
        raise InputError(f"There is no open suggestion of {code_id!r} for segment {segment_id!r}"
                         f"{' by ' + coder if coder else ''}. Use add_coding() to code it by hand.")
    return rows.sort_values("confidence", ascending=False, na_position="last").iloc[0]


def _decide(store: Store, basis: pd.Series, *, reviewer: str, status: str, action: str,
            tx: Transaction | None = None) -> pd.DataFrame:
    reviewer = person_coder(reviewer)
    at = now()
    row = codings_schema().coerce(pd.DataFrame([{
        **{k: basis.get(k) for k in ("segment_id", "code_id", "source", "confidence", "evidence",
                                     "model_version", "codebook_version")},
        "coder": reviewer, "status": status, "reviewed_by": reviewer, "reviewed_at": at, "created_at": at,
    }]))
    with _within(store, tx) as tx:
        tx.write("codings", row, mode="upsert")
        tx.audit(actor=reviewer, action=action, entity_type="segment", entity_id=str(basis["segment_id"]),
                 details={"code_id": basis["code_id"], "suggested_by": None if action == "code.add" else basis.get("coder"),
                          "confidence": None if pd.isna(basis.get("confidence")) else float(basis.get("confidence"))})
    return row


def write_memo(store: Store, *, target_type: str, target_id: str | None, author: str, text: str,
               memo_id: str | None = None, tx: Transaction | None = None) -> str:
    """Write a memo on a segment, code, document or the project; give ``memo_id`` to update one.

    Returns the memo id. The audit log records who wrote which memo, never its text.
    """
    if target_type not in MEMO_TARGETS:
        raise InputError(f"target_type must be one of {', '.join(MEMO_TARGETS)}. Got {target_type!r} instead.")
    if not text or not text.strip():
        raise InputError("A memo needs text.")
    at = now()
    created = at
    if memo_id is not None:
        existing = (tx or store).read("memos", where={"memo_id": memo_id})
        if existing.empty:
            raise InputError(f"{memo_id!r} is not a memo of this project.")
        created = existing["created_at"].iloc[0]
    memo_id = memo_id or f"memo-{uuid.uuid4().hex[:12]}"
    row = table_schema("memos").coerce(pd.DataFrame([{
        "memo_id": memo_id, "target_type": target_type, "target_id": target_id, "author": author,
        "text": text.strip(), "created_at": created, "updated_at": at,
    }]))
    with _within(store, tx) as tx:
        tx.write("memos", row, mode="upsert")
        tx.audit(actor=author, action="memo.write", entity_type=target_type, entity_id=target_id,
                 details={"memo_id": memo_id})
    return memo_id


@contextmanager
def _within(store: Store, tx: Transaction | None):
    """``tx`` when the caller has a transaction open, else a new one."""
    if tx is not None:
        yield tx
    else:
        with store.transaction() as new:
            yield new


def list_memos(store: Store, *, target_type: str | None = None, target_id: str | None = None) -> pd.DataFrame:
    """Memos (all, or on one target), newest first."""
    where = {k: v for k, v in (("target_type", target_type), ("target_id", target_id)) if v is not None}
    memos = store.read("memos", where=where or None)
    return memos.sort_values("updated_at", ascending=False, kind="stable").reset_index(drop=True)
