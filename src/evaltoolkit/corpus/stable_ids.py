"""Keep segment ids stable when a changed source file is read again.

Codings, memos and insights point at ``segment_id``. When a transcript is corrected and
ingested again, segments whose text did not change must keep their ids, even if an
earlier turn was inserted or removed; only new or edited segments get new ids.
"""
from __future__ import annotations

from difflib import SequenceMatcher

import pandas as pd

from evaltoolkit.corpus.segment import SEGMENTS


def reconcile_segments(previous: pd.DataFrame, current: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Give ``current`` segments the ids of ``previous`` segments with the same content.

    Both are ``raw_segments`` tables. Per document, segments are matched in document
    order by ``content_hash`` (a longest-common-subsequence match, so an inserted or
    deleted turn does not shift the ids after it). A matched segment keeps its id and
    ``n``; an unmatched one gets ``n`` after the highest ``n`` the document had used, so
    ids never come back with another meaning (``n`` then no longer follows document
    order: order by ``start_char``). Returns the renumbered segments and the ids of
    previous segments that no longer exist.
    """
    current = SEGMENTS.coerce(current)
    previous = SEGMENTS.coerce(previous)
    if previous.empty:
        return current, []
    renumbered, removed = [], []
    old_by_doc = dict(tuple(previous.groupby("doc_id", sort=False)))
    for doc_id, new in current.groupby("doc_id", sort=False):
        old = old_by_doc.pop(doc_id, None)
        if old is None:
            renumbered.append(new)
            continue
        doc_new, doc_removed = _reconcile_document(old.sort_values("start_char"), new.sort_values("start_char"))
        renumbered.append(doc_new)
        removed.extend(doc_removed)
    for old in old_by_doc.values():
        removed.extend(old["segment_id"].tolist())
    frame = pd.concat(renumbered, ignore_index=True) if renumbered else current
    return SEGMENTS.coerce(frame), removed


def _reconcile_document(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    old_hashes, new_hashes = old["content_hash"].tolist(), new["content_hash"].tolist()
    matcher = SequenceMatcher(None, old_hashes, new_hashes, autojunk=False)
    n_of_new: dict[int, int] = {}
    kept_old: set[int] = set()
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            n_of_new[block.b + offset] = int(old["n"].iloc[block.a + offset])
            kept_old.add(block.a + offset)
    next_n = int(old["n"].max())
    numbers = []
    for position in range(len(new)):
        if position not in n_of_new:
            next_n += 1
            n_of_new[position] = next_n
        numbers.append(n_of_new[position])
    new = new.copy()
    doc_id = new["doc_id"].iloc[0]
    new["n"] = numbers
    new["segment_id"] = [f"{doc_id}:{n:04d}" for n in numbers]
    removed = [sid for i, sid in enumerate(old["segment_id"].tolist()) if i not in kept_old]
    return new, removed
