"""Codebook versions in the project store, and what changed between two versions.

Every edit of the YAML gives a new content version; :func:`save_codebook_version` records
it in ``codebook_versions`` so each coding's ``codebook_version`` can be looked up later,
and :func:`diff_codebooks` tells a researcher what changed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pandas as pd

from evaltoolkit.codebook.loading import dump_codebook, read_codebook
from evaltoolkit.codebook.model import Code, Codebook
from evaltoolkit.errors import CodebookError, did_you_mean
from evaltoolkit.store import Store, table_schema

_DIFF_FIELDS = tuple(f.name for f in fields(Code) if f.name not in ("code_id", "lineage"))
DIFF_COLUMNS = ["change", "code_id", "other_code_id", "fields"]


def save_codebook_version(store: Store, codebook: Codebook, *, actor: str = "evaltoolkit") -> bool:
    """Record ``codebook`` in ``codebook_versions``; returns False when that version was already stored."""
    existing = store.read("codebook_versions", where={"codebook_id": codebook.codebook_id,
                                                       "version": codebook.version})
    if len(existing):
        return False
    row = pd.DataFrame([{
        "codebook_id": codebook.codebook_id,
        "version": codebook.version,
        "created_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        "content": dump_codebook(codebook),
    }])
    with store.transaction() as tx:
        tx.write("codebook_versions", table_schema("codebook_versions").coerce(row), mode="append")
        tx.audit(actor=actor, action="codebook.version", entity_type="codebook", entity_id=codebook.codebook_id,
                 details={"version": codebook.version, "codes": len(codebook)})
    return True


def list_codebook_versions(store: Store, codebook_id: str | None = None) -> pd.DataFrame:
    """Stored versions (``codebook_id, version, created_at``), oldest first."""
    where = {"codebook_id": codebook_id} if codebook_id else None
    frame = store.read("codebook_versions", where=where)
    return frame.sort_values("created_at", kind="stable")[["codebook_id", "version", "created_at"]].reset_index(drop=True)


def load_codebook_version(store: Store, codebook_id: str, version: str | None = None) -> Codebook:
    """A stored version (``None``: the newest) of a codebook."""
    frame = store.read("codebook_versions", where={"codebook_id": codebook_id})
    if frame.empty:
        raise CodebookError(f"The project store has no version of codebook {codebook_id!r}. "
                            "Record one with `evaltoolkit code suggest` or save_codebook_version().")
    frame = frame.sort_values("created_at", kind="stable")
    if version is None:
        row = frame.iloc[-1]
    else:
        matches = frame[frame["version"].str.startswith(version)]
        if len(matches) != 1:
            raise CodebookError(f"{version!r} is not a stored version of codebook {codebook_id!r}. "
                                f"Stored versions: {', '.join(frame['version'])}.{did_you_mean(version, frame['version'])}")
        row = matches.iloc[0]
    return read_codebook(row["content"], source=f"codebook {codebook_id!r} version {row['version']}")


def previous_codebook_version(store: Store, codebook: Codebook) -> Codebook | None:
    """The newest stored version of ``codebook``'s id that differs from ``codebook`` itself."""
    frame = list_codebook_versions(store, codebook.codebook_id)
    frame = frame[frame["version"] != codebook.version]
    return None if frame.empty else load_codebook_version(store, codebook.codebook_id, frame["version"].iloc[-1])


@dataclass(frozen=True)
class CodebookDiff:
    """What changed from ``old_version`` to ``new_version``; ``changes`` has DIFF_COLUMNS."""

    old_version: str
    new_version: str
    changes: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return self.changes.empty

    def describe(self) -> str:
        """One line per change, for the terminal or a notebook."""
        lines = [f"Codebook {self.old_version} -> {self.new_version}: {len(self.changes)} change(s)."]
        for row in self.changes.itertuples(index=False):
            lines.append("  " + _sentence(row))
        return "\n".join(lines)


def _sentence(row) -> str:
    if row.change == "changed":
        return f"changed  {row.code_id}: {row.fields}"
    if row.change in ("renamed", "merged", "split"):
        verb = {"renamed": "renamed {o} -> {c}", "merged": "merged   {c} -> {o}", "split": "split    {o} -> {c}"}
        return verb[row.change].format(c=row.code_id, o=row.other_code_id)
    return f"{row.change:<8} {row.code_id}"


def diff_codebooks(old: Codebook, new: Codebook) -> CodebookDiff:
    """Codes added, removed, changed (with the fields), renamed, merged, split, retired or reactivated."""
    rows: list[dict] = []
    renamed = {l.code_id: c.code_id for c in new.codes for l in c.lineage
               if l.kind == "renamed_from" and l.code_id in old and c.code_id not in old}
    for code in new.codes:
        before = old._index.get(code.code_id)
        if before is None:
            if code.code_id in renamed.values():
                source = next(o for o, n in renamed.items() if n == code.code_id)
                rows.append(_row("renamed", code.code_id, source))
            else:
                rows.append(_row("added", code.code_id))
            rows.extend(_row("split", code.code_id, l.code_id) for l in code.lineage
                        if l.kind == "split_from" and l.code_id in old)
            continue
        rows.extend(_status_rows(before, code, old))
        changed = [name for name in _DIFF_FIELDS if name != "status" and getattr(before, name) != getattr(code, name)]
        if changed:
            rows.append(_row("changed", code.code_id, fields=", ".join(changed)))
    rows.extend(_row("removed", code.code_id) for code in old.codes
                if code.code_id not in new and code.code_id not in renamed)
    changes = pd.DataFrame(rows, columns=DIFF_COLUMNS).astype("string")
    return CodebookDiff(old_version=old.version, new_version=new.version, changes=changes)


def _status_rows(before: Code, code: Code, old: Codebook) -> list[dict]:
    rows = []
    new_merges = [l for l in code.lineage if l.kind == "merged_into" and l not in before.lineage]
    rows.extend(_row("merged", code.code_id, l.code_id) for l in new_merges)
    if before.status != code.status and not new_merges:
        rows.append(_row("retired" if code.status == "retired" else "reactivated", code.code_id))
    rows.extend(_row("split", code.code_id, l.code_id) for l in code.lineage
                if l.kind == "split_from" and l not in before.lineage and l.code_id in old)
    return rows


def _row(change: str, code_id: str, other: str | None = None, *, fields: str | None = None) -> dict:
    return {"change": change, "code_id": code_id, "other_code_id": other, "fields": fields}
