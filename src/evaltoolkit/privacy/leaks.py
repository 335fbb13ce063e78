"""Leak check: proof that no identifier reached the project store, ``data/pseudonymised/``,
executed notebooks or ``reports/``.

Looks for every key entry (when the key can be opened), every register name and variant,
and every shaped identifier (e-mail, phone, IBAN, BSN, V-number, postcode, address,
licence plate, case number, date of birth). A hit names the file or table row, the
paragraph/cell/segment and the character offset, and the identifier TYPE, never the text.
The project layer's output gate (``evaltoolkit.project.outputs``) scans every report,
export and review file with these functions before writing it, and refuses on any hit.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.key import PseudonymKey
from evaltoolkit.privacy.matching import SurfaceMatcher, lower_same_length
from evaltoolkit.privacy.patterns import detect_patterns
from evaltoolkit.privacy.pseudonymiser import register_surfaces

# Shaped identifiers that count as a leak (ages and URLs are too common in reports).
LEAK_PATTERN_TYPES = frozenset({"email", "phone", "iban", "bsn", "v_number", "postcode", "address",
                                "licence_plate", "case_number", "date_of_birth"})
# Text columns of the project store that could carry text.
STORE_COLUMNS = {
    "documents": ("doc_id", ("text", "source_path")), "segments": ("segment_id", ("text",)),
    "memos": ("memo_id", ("text",)), "insights": ("insight_id", ("title", "text", "implication", "action")),
    "codings": ("segment_id", ("evidence",)), "questions": ("question_id", ("text",)),
    "attributes": ("entity_id", ("value",)), "topics": ("topic_id", ("label", "top_terms")),
}
TEXT_SUFFIXES = (".txt", ".csv", ".md", ".html", ".htm", ".json", ".tsv", ".xml")
LEAK_COLUMNS = ["location", "part", "offset", "identifier_type", "source"]


@dataclass(frozen=True)
class LeakReport:
    hits: pd.DataFrame        # location, part, offset, identifier_type, source: never the text
    scanned: int              # texts scanned

    @property
    def ok(self) -> bool:
        return self.hits.empty

    def lines(self, limit: int | None = None) -> list[str]:
        rows = self.hits if limit is None else self.hits.head(limit)
        out = [f"{r.location} {r.part} offset {r.offset}: {r.identifier_type} ({r.source})" for r in rows.itertuples()]
        if limit is not None and len(self.hits) > limit:
            out.append(f"... and {len(self.hits) - limit} more")
        return out

    def __str__(self) -> str:
        if self.ok:
            return f"No leaks found in {self.scanned} texts."
        return "\n".join([f"{len(self.hits)} possible leaks in {self.scanned} texts:", *self.lines()])


class LeakScanner:
    """Finds identifiers in texts; built once from the known surface forms."""

    def __init__(self, surfaces: Mapping[str, str], *, cased: Iterable[str] = (), allow_list: Iterable[str] = ()):
        self._surfaces = SurfaceMatcher(dict(surfaces))
        self._cased = set(cased)
        self._allow = SurfaceMatcher({a: a for a in allow_list})

    def scan(self, text: str) -> list[tuple[int, str, str]]:
        """``(offset, identifier_type, source)`` of every identifier in ``text``."""
        if not text:
            return []
        lowered = lower_same_length(text)
        allowed = [(s, e) for s, e, _ in self._allow.find(text, lowered=lowered)]
        hits = []
        for start, end, (kind, source) in self._surfaces.find(text, lowered=lowered):
            # A name that is also a common word ("Groot", "Bakker") counts only when written
            # with a capital: lower-cased topic words and labels ("probleem groot") are not
            # leaks. Multi-word forms ("de groot", "jan bakker") still count in any case.
            if lowered[start:end] in self._cased and not text[start].isupper():
                continue
            if not any(s <= start and end <= e for s, e in allowed):
                hits.append((start, kind, source))
        known = {offset for offset, _, _ in hits}
        for detection in detect_patterns(text):
            if detection.entity_type in LEAK_PATTERN_TYPES and detection.confidence >= 0.9 \
                    and detection.start not in known:
                if not any(s <= detection.start and detection.end <= e for s, e in allowed):
                    hits.append((detection.start, detection.entity_type, "pattern"))
        return sorted(set(hits))


def build_scanner(register: pd.DataFrame | None = None, *, key: PseudonymKey | None = None,
                  allow_list: Iterable[str] = ()) -> LeakScanner:
    """A scanner for the names in ``register`` (a ``raw_participants`` table) and, with
    ``key``, every key entry; ``allow_list`` names are never hits."""
    surfaces: dict[str, tuple[str, str]] = {}
    cased: set[str] = set()
    if key is not None:
        for surface, entity_id in key.surfaces().items():
            surfaces[surface] = (key.entities[entity_id].entity_type, "key")
        cased |= key.cased
    if register is not None and len(register):
        from evaltoolkit.privacy.lexicons import load_lexicons
        from evaltoolkit.privacy.names import NameFinder

        lexicons = load_lexicons()
        finder = NameFinder(lexicons)
        for row in register.itertuples(index=False):
            for surface, is_cased in register_surfaces(row, lexicons, finder):
                norm = lower_same_length(surface)
                surfaces.setdefault(norm, ("person", "register"))
                if is_cased:  # "Bakker" the name, not "bakker" the baker
                    cased.add(norm)
    return LeakScanner(surfaces, cased=cased, allow_list=allow_list)


def scan_texts(scanner: LeakScanner, sources: Iterable[tuple[str, str, str]]) -> LeakReport:
    """Scan ``(location, part, text)`` triples; the report names places and types, never text."""
    rows, scanned = [], 0
    for location, part, text in sources:
        scanned += 1
        for offset, kind, source in scanner.scan(text):
            rows.append((location, part, offset, kind, source))
    return LeakReport(pd.DataFrame(rows, columns=LEAK_COLUMNS), scanned)


def refuse_leaks(report: LeakReport) -> None:
    """Raise PrivacyError, naming types and places only, when ``report`` found anything."""
    if not report.ok:
        raise PrivacyError("Refusing to write: the leak check found identifiers (types and places only):\n  "
                           + "\n  ".join(report.lines(limit=20))
                           + "\nPseudonymise the source again (`evaltoolkit pseudonymise`) or fix the text.")


def named_texts(texts: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    """``{name: text}`` (texts about to be written) as scan sources."""
    for name, text in texts.items():
        yield name, "text", text


def folder_texts(folders: Iterable[Path], *, root: Path, skip: Iterable[Path] = ()) -> Iterator[tuple[str, str, str]]:
    """Every readable file under ``folders`` (paths shown relative to ``root``), except the
    files whose path starts with one in ``skip`` (a SQLite store and its -wal/-shm files)."""
    skipped = tuple(str(Path(p).resolve()) for p in skip)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not (skipped and str(path.resolve()).startswith(skipped)):
                yield from file_texts(path, shown=_shown(path, root))


def path_texts(paths: Iterable[Path | str]) -> Iterator[tuple[str, str, str]]:
    """The text units of the files in ``paths``, shown as given."""
    for path in map(Path, paths):
        yield from file_texts(path, shown=str(path))


def store_texts(store) -> Iterator[tuple[str, str, str]]:
    """Every text cell of the project store's text columns (:data:`STORE_COLUMNS`)."""
    for table, (id_column, columns) in STORE_COLUMNS.items():
        frame = store.read(table)
        for row in frame.itertuples(index=False):
            for column in columns:
                value = getattr(row, column)
                if isinstance(value, list):      # a list column (top_terms): its words, one per line
                    value = "\n".join(str(v) for v in value)
                if isinstance(value, str) and value:
                    yield f"store:{table}", f"{id_column}={getattr(row, id_column)} [{column}]", value


def file_texts(path: Path, *, shown: str) -> Iterator[tuple[str, str, str]]:
    """(location, part, text) of every text unit of a file: paragraphs and table cells of
    .docx, outputs of .ipynb, rows of .xlsx, the whole of text files."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        yield from _docx_texts(path, shown)
    elif suffix == ".ipynb":
        yield from _notebook_texts(path, shown)
    elif suffix == ".xlsx":
        yield from _xlsx_texts(path, shown)
    elif suffix in TEXT_SUFFIXES:
        yield shown, "text", path.read_text(encoding="utf-8", errors="replace")


def _docx_texts(path: Path, shown: str) -> Iterator[tuple[str, str, str]]:
    import docx

    document = docx.Document(str(path))
    for index, paragraph in enumerate(document.paragraphs, start=1):
        yield shown, f"paragraph {index}", paragraph.text
    for t_index, table in enumerate(document.tables, start=1):
        for r_index, row in enumerate(table.rows, start=1):
            for c_index, cell in enumerate(row.cells, start=1):
                yield shown, f"table {t_index} row {r_index} cell {c_index}", cell.text
    for s_index, section in enumerate(document.sections, start=1):
        for part_name, part in (("header", section.header), ("footer", section.footer)):
            for index, paragraph in enumerate(part.paragraphs, start=1):
                yield shown, f"section {s_index} {part_name} paragraph {index}", paragraph.text


def _notebook_texts(path: Path, shown: str) -> Iterator[tuple[str, str, str]]:
    """Outputs, and also what is easy to forget: cell sources (a name typed into a filter)
    and metadata (papermill's parameters, ipywidgets' saved state with the segment shown)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if notebook.get("metadata"):
        yield shown, "metadata", json.dumps(notebook["metadata"], ensure_ascii=False)
    for c_index, cell in enumerate(notebook.get("cells", []), start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source:
            yield shown, f"cell {c_index} source", source
        if cell.get("metadata"):
            yield shown, f"cell {c_index} metadata", json.dumps(cell["metadata"], ensure_ascii=False)
        for o_index, output in enumerate(cell.get("outputs", []), start=1):
            texts = [output.get("text", "")]
            for mime, value in (output.get("data") or {}).items():
                if mime.startswith("text/") or mime == "application/json":
                    texts.append(value if isinstance(value, (str, list)) else json.dumps(value))
            for text in texts:
                text = "".join(text) if isinstance(text, list) else str(text)
                if text:
                    yield shown, f"cell {c_index} output {o_index}", text


def _xlsx_texts(path: Path, shown: str) -> Iterator[tuple[str, str, str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for r_index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            text = "\t".join("" if v is None else str(v) for v in row)
            if text.strip():
                yield shown, f"sheet {sheet.title} row {r_index}", text


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
