"""What an import of a REFI-QDA file did: came in, converted, matched, dropped and why.

>>> report = import_report(imported, written, sources=recognised)
>>> print(report.text())

Returned by :func:`evaltoolkit.project.import_project_qdpx` and printed by
``evaltoolkit import qdpx``. It names codes, sources and selections by name, id or GUID,
never by their text, so it can be logged and shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.project_store import DOCUMENT_FIELDS
from evaltoolkit.exchange.variables import source_column


@dataclass(frozen=True)
class ImportReport:
    """The import of one file, for people: see :meth:`text`."""

    file: str
    producer: str | None
    came_in: dict[str, int]
    converted: tuple[str, ...]
    dropped: tuple[str, ...]
    codes: pd.DataFrame                       # name, code_id, match, why
    sources: pd.DataFrame                     # name, doc_id, match
    boundaries: tuple[int, int] = (0, 0)      # (selection boundaries inside a word, all)
    written: object | None = None             # ImportSummary when written into a store
    codebook_written: str | None = None       # where the imported codebook was saved as YAML
    other: tuple[str, ...] = field(default_factory=tuple)

    @property
    def boundary_share(self) -> float:
        """Share of selection boundaries that fall inside a word (0.0 when there are none)."""
        cut, total = self.boundaries
        return cut / total if total else 0.0

    def text(self) -> str:
        """The report as plain lines (for the command line)."""
        lines = [f"Import of {self.file} (written by {self.producer or 'an unnamed program'})"]
        lines.append("Came in: " + ", ".join(f"{n} {name}" for name, n in self.came_in.items()))
        for said in self.converted:
            lines.append(f"Converted: {said}")
        cut, total = self.boundaries
        if total:
            lines.append(f"Selection boundaries inside a word: {cut} of {total} ({self.boundary_share:.1%}).")
        if not self.sources.empty:
            lines.append("Sources: " + ", ".join(f"{n} {match}" for match, n in
                                                 self.sources["match"].value_counts().sort_index().items()))
        if not self.codes.empty:
            lines.append("Codes:")
            width = max(len(str(n)) for n in self.codes["name"])
            for row in self.codes.itertuples(index=False):
                lines.append(f"  {str(row.name):<{width}}  -> {row.code_id:<30} {row.match} ({row.why})")
        if self.written is not None:
            w = self.written
            lines.append(f"Written: {w.documents} new documents, {w.segments} new segments, {w.codings} codings, "
                         f"{w.memos} memos.")
        if self.codebook_written:
            lines.append(f"Codebook written to {self.codebook_written}.")
        lines.extend(self.other)
        for said in self.dropped:
            lines.append(f"Dropped: {said}")
        return "\n".join(lines)


def import_report(file: str, imported: ImportedProject, *, sources: dict[str, tuple[str, str]] | None = None,
                  written=None, codebook_written: str | None = None, other: tuple[str, ...] = ()) -> ImportReport:
    """The report of ``imported``; ``sources`` is source GUID -> (doc_id, how) for recognised ones."""
    sources = sources or {}
    rows = []
    for guid, name, text in zip(imported.sources["source_guid"], imported.sources["name"], imported.sources["text"]):
        if pd.isna(text):
            continue
        doc_id, how = sources.get(guid, (None, "new document"))
        rows.append({"name": None if pd.isna(name) else str(name), "doc_id": doc_id, "match": how})
    other = tuple(other) + _variables_left_out(imported)
    codes = imported.code_matches if imported.code_matches is not None else pd.DataFrame(
        columns=["name", "code_id", "match", "why"])
    return ImportReport(file=file, producer=imported.origin, came_in=imported.summary(),
                        converted=imported.conversions, dropped=imported.notices, codes=codes,
                        sources=pd.DataFrame(rows, columns=["name", "doc_id", "match"]),
                        boundaries=imported.boundaries, written=written, codebook_written=codebook_written,
                        other=other)


def _variables_left_out(imported: ImportedProject) -> tuple[str, ...]:
    """Lines naming the variables whose values have no place in the store (case values: the
    register says who participants are; source values other than the documents' columns)."""
    values = imported.variable_values.dropna(subset=["variable"])
    kept = set(DOCUMENT_FIELDS) | {"kind"}
    on_sources = sorted({str(n) for n in values.loc[values["entity_type"] == "source", "variable"]
                         if source_column(str(n)) not in kept})
    on_cases = sorted({str(n) for n in values.loc[values["entity_type"] == "case", "variable"]})
    lines = []
    if on_sources:
        lines.append(f"Document variables not kept (documents have no such column): {', '.join(on_sources)}.")
    if on_cases:
        lines.append(f"Case variables not kept (the register says who participants are): {', '.join(on_cases)}.")
    return tuple(lines)
