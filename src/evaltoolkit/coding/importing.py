"""Import codings people made elsewhere (a word processor, a spreadsheet) into the store.

The demo's ``researcher_codings.csv`` has ``doc_id, n, question_id, code_id, coder``: ``n``
as in segment ids, or for survey documents ``question_id`` instead of ``n``. Codes renamed
or merged since (codebook lineage) are counted under their current id.
"""
from __future__ import annotations

import pandas as pd

from evaltoolkit.codebook import Codebook, lineage_map
from evaltoolkit.coding.suggestions import codings_schema, now
from evaltoolkit.errors import InputError, did_you_mean, format_problems
from evaltoolkit.store import Store
from evaltoolkit.store.values import CODING_ACCEPTED, SOURCE_MANUAL

REQUIRED = ("doc_id", "code_id", "coder")


def resolve_codings(frame: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook, *,
                    source: str = "codings") -> pd.DataFrame:
    """Codings rows (accepted, source manual) for ``frame``; every problem is reported at once."""
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing or not ({"n", "question_id", "segment_id"} & set(frame.columns)):
        raise InputError(f"{source} needs the columns doc_id, n (or question_id), code_id and coder; "
                         f"missing: {', '.join(missing) or 'n/question_id'}.")
    by_id = set(segments["segment_id"])
    by_question = {(d, q): s for s, d, q in zip(segments["segment_id"], segments["doc_id"], segments["question_id"])
                   if isinstance(q, str)}
    mapping = lineage_map(codebook)
    problems, rows = [], []
    for line, row in enumerate(frame.to_dict(orient="records"), start=2):
        before = len(problems)
        segment_id = _segment_id(row, by_id, by_question)
        code_id = mapping.get(str(row["code_id"]).strip())
        if segment_id is None:
            problems.append(f"[line {line}] no segment {_describe(row)} in the project store.")
        if code_id is None:
            problems.append(f"[line {line} -> code_id] {row['code_id']!r} is not a code of the codebook."
                            f"{did_you_mean(str(row['code_id']), codebook.code_ids)}")
        elif not codebook.code(code_id).codable:
            problems.append(f"[line {line} -> code_id] {code_id!r} is a category, not a codable code.")
        if _blank(row.get("coder")):
            problems.append(f"[line {line} -> coder] is empty; name who coded the segment.")
        if len(problems) == before:
            rows.append({"segment_id": segment_id, "code_id": code_id, "coder": str(row["coder"]).strip()})
    if problems:
        raise InputError(format_problems(source, problems))
    at = now()
    out = pd.DataFrame(rows, columns=["segment_id", "code_id", "coder"]).drop_duplicates()
    out = out.assign(source=SOURCE_MANUAL, status=CODING_ACCEPTED, codebook_version=codebook.version,
                     reviewed_by=out["coder"], reviewed_at=at, created_at=at)
    return codings_schema().coerce(out)


def import_codings(store: Store, frame: pd.DataFrame, *, codebook: Codebook, actor: str,
                   source: str = "codings") -> pd.DataFrame:
    """Write human codings from ``frame`` to the store in one transaction; returns the rows written."""
    segments = store.read("segments")
    rows = resolve_codings(frame, segments, codebook, source=source)
    with store.transaction() as tx:
        tx.write("codings", rows, mode="upsert")
        tx.audit(actor=actor, action="code.import", entity_type="codings", entity_id=source,
                 details={"rows": int(len(rows)), "coders": sorted(set(rows["coder"])),
                          "codebook_version": codebook.version})
    return rows


def _segment_id(row: dict, by_id: set, by_question: dict) -> str | None:
    if not _blank(row.get("segment_id")):
        return row["segment_id"] if row["segment_id"] in by_id else None
    doc_id = str(row["doc_id"]).strip()
    if not _blank(row.get("n")):
        try:
            candidate = f"{doc_id}:{int(float(row['n'])):04d}"
        except ValueError:
            return None
        return candidate if candidate in by_id else None
    if not _blank(row.get("question_id")):
        return by_question.get((doc_id, str(row["question_id"]).strip()))
    return None


def _describe(row: dict) -> str:
    parts = [f"doc_id {row.get('doc_id')!r}"]
    if not _blank(row.get("n")):
        parts.append(f"n {row.get('n')}")
    if not _blank(row.get("question_id")):
        parts.append(f"question_id {row.get('question_id')!r}")
    return ", ".join(parts)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() in ("", "nan", "<NA>")
