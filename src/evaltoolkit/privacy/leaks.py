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
from evaltoolkit.privacy.normalise import normalise_text
from evaltoolkit.privacy.patterns import detect_patterns
from evaltoolkit.privacy.pseudonymiser import register_surfaces

# Shaped identifiers that count as a leak: everything the pseudonymiser replaces, but ages
# (reports print age bands: "leeftijd 18-24" is a category, not a person's age).
LEAK_PATTERN_TYPES = frozenset({"email", "url", "phone", "iban", "bsn", "v_number", "postcode", "address",
                                "licence_plate", "case_number", "date_of_birth", "ip_address", "national_number"})
# Columns of the project store that hold no free text: digests, fingerprints, timestamps as text.
_NOT_TEXT_COLUMNS = ("content_hash", "fingerprint", "key_sha256")
TEXT_SUFFIXES = (".txt", ".csv", ".md", ".html", ".htm", ".json", ".tsv", ".xml", ".qdc", ".yaml", ".yml")
# Saved models and caches: read as bytes, every run of readable text scanned.
MODEL_SUFFIXES = (".pickle", ".pkl", ".joblib", ".npz", ".npy", ".bin", ".safetensors")
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
        self._surfaces = SurfaceMatcher({normalise_text(surface): value for surface, value in surfaces.items()})
        self._cased = {lower_same_length(normalise_text(c)) for c in cased}
        self._allow = SurfaceMatcher({normalise_text(a): a for a in allow_list})

    def scan(self, text: str) -> list[tuple[int, str, str]]:
        """``(offset, identifier_type, source)`` of every identifier in ``text``.

        The text is normalised first (:func:`normalise_text`: full-width letters, zero-width
        characters, look-alike letters of other scripts), so offsets are those of the
        normalised text.
        """
        if not text:
            return []
        text = normalise_text(text)
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
                    and detection.start not in known and not _placeholder_at(text, detection.start):
                if not any(s <= detection.start and detection.end <= e for s, e in allowed):
                    hits.append((detection.start, detection.entity_type, "pattern"))
        return sorted(set(hits))


def _placeholder_at(text: str, start: int) -> bool:
    """A pattern match inside a placeholder ("[Adres]" is not an address)."""
    opening, closing = text.rfind("[", 0, start + 1), text.rfind("]", 0, start + 1)
    return opening > closing and "]" in text[start:start + 60]


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
    """Every text cell of every table of the project store (codebook versions, events,
    insights, memos and the audit log included): each string or list column but digests."""
    for table in store.metadata.sorted_tables:
        if table.name == "alembic_version":
            continue
        frame = store.read(table.name)
        if frame.empty:
            continue
        key = [c.name for c in table.primary_key.columns] or [frame.columns[0]]
        columns = [c for c in frame.columns if c not in _NOT_TEXT_COLUMNS
                   and (pd.api.types.is_object_dtype(frame[c]) or pd.api.types.is_string_dtype(frame[c]))]
        for row in frame[list(dict.fromkeys([*key, *columns]))].itertuples(index=False):
            values = row._asdict()
            where = ",".join(f"{k}={values[k]}" for k in key)
            for column in columns:
                value = values[column]
                if isinstance(value, (list, tuple, dict)):  # list and JSON columns: their values, one per line
                    value = "\n".join(map(str, value.values() if isinstance(value, dict) else value))
                if isinstance(value, str) and value:
                    yield f"store:{table.name}", f"{where} [{column}]", value


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
    elif suffix == ".qdpx":
        yield from _zip_texts(path, shown)
    elif suffix in (".qdc", ".qde", ".xml"):
        yield shown, "xml", xml_text(path.read_bytes())
    elif suffix in TEXT_SUFFIXES:
        yield shown, "text", decode_text(path.read_bytes())
    elif suffix in MODEL_SUFFIXES:
        yield from _binary_texts(path.read_bytes(), shown)


def decode_text(data: bytes) -> str:
    """A text file's content whatever its Unicode encoding: Excel's "Unicode text" and many
    Windows tools write UTF-16 (a name in it is no name to a UTF-8 reader), some UTF-32;
    told by the byte-order mark, else by where the zero bytes fall."""
    import codecs

    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:4096]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:   # no BOM, but mostly 2-byte ASCII
        encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


# Attributes a REFI-QDA or other XML writer fills with positions, GUIDs and times: numbers
# that identifier patterns and key entries (a postcode "3206") would match by chance.
_TECHNICAL_ATTRIBUTES = frozenset({"guid", "targetguid", "startposition", "endposition", "creationdatetime",
                                   "modifieddatetime", "startdatetime", "enddatetime", "color", "plaintextpath",
                                   "richtextpath", "path", "basepath", "origin"})


def xml_text(data: bytes) -> str:
    """What people wrote in an XML file (.qde, .qdc): element text and the attributes that
    hold names and labels, one per line, without the GUIDs, positions and times around them."""
    from lxml import etree

    root = etree.fromstring(data, parser=etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False))
    if root is None:
        return data.decode("utf-8", errors="replace")
    lines = []
    for element in root.iter():
        lines.extend(value for name, value in element.attrib.items()
                     if etree.QName(name).localname.lower() not in _TECHNICAL_ATTRIBUTES)
        lines.extend(text for text in (element.text, element.tail) if text and text.strip())
    return "\n".join(lines)


def _zip_texts(path: Path, shown: str) -> Iterator[tuple[str, str, str]]:
    """A REFI-QDA project (.qdpx is a zip): its project.qde and every text source in it."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith("/"):
                continue
            data = archive.read(name)
            if name.lower().endswith((".qde", ".xml", ".qdc")):
                yield shown, name, xml_text(data)
            elif name.lower().endswith(".txt"):
                yield shown, name, data.decode("utf-8", errors="replace")
            elif name.lower().endswith(".docx"):
                import tempfile

                with tempfile.NamedTemporaryFile(suffix=".docx") as tmp:
                    tmp.write(data)
                    tmp.flush()
                    for _, part, text in _docx_texts(Path(tmp.name), shown):
                        yield shown, f"{name} {part}", text
            else:
                yield from ((shown, f"{name} {part}", text) for _, part, text in _binary_texts(data, shown))


def _binary_texts(data: bytes, shown: str) -> Iterator[tuple[str, str, str]]:
    """The readable text in a binary file (a pickle, a joblib dump, an .npz of strings):
    UTF-8 runs and, for NumPy's unicode arrays, UTF-32 runs."""
    import io
    import re
    import zipfile

    if data[:2] == b"PK":  # .npz (a zip of .npy files)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                member = archive.read(name)
                yield from ((shown, f"{name} {part}", text) for _, part, text in _binary_texts(member, shown))
        return
    if data[:6] == b"\x93NUMPY":  # an array of strings: one item per line (fixed-width items touch)
        import numpy as np

        try:
            array = np.load(io.BytesIO(data), allow_pickle=False)
        except ValueError:
            array = None
        if array is not None and array.dtype.kind in "US":
            items = array.astype(str).ravel()
            yield shown, "array items", "\n".join(items.tolist())
            return
        if array is not None:  # numbers (embeddings): no text can hide in them
            return
    for encoding, pattern in (("utf-8", rb"(?:[\x20-\x7e]|[\xc2-\xf4][\x80-\xbf]{1,3}){4,}"),
                              ("utf-32-le", rb"(?:[\x20-\x7e\xa0-\xff][\x00-\x01]\x00\x00){4,}")):
        runs = [run for m in re.finditer(pattern, data)
                if _text_like(run := m.group().decode(encoding, errors="ignore"))]
        if runs:  # one text per encoding, a run per line: the offset points into that text
            yield shown, f"readable {encoding} text", "\n".join(runs)


def _text_like(run: str) -> bool:
    """Whether a readable run of a binary file is text someone wrote (a pickled sentence, or
    an identifier on its own) rather than bytes of numbers that happen to be printable
    ("?Qg eb", "F::c") or a word-piece of a vectoriser's vocabulary ("vree" of "vreemd"):
    both would match short names by chance. Names in the texts a model was fitted on are
    caught where those texts live, in the store."""
    stripped = run.strip()
    words = stripped.split()
    if len(words) >= 3 and len(stripped) >= 12:
        return sum(ch.isalpha() or ch.isspace() for ch in stripped) >= 0.8 * len(stripped)
    return len(words) == 1 and any(d.start == 0 and d.end == len(stripped) for d in detect_patterns(stripped))


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
