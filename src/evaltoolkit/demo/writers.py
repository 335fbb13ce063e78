"""Write generated documents in the formats researchers receive them in.

Every writer is deterministic: zip-based formats (.docx, .xlsx, .odt) get fixed
timestamps and fixed document properties, so the same seed gives the same bytes and a
regenerated demo does not churn in version control.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

from evaltoolkit.demo.documents import Document
from evaltoolkit.demo.transcripts import SYNTHETIC_HEADER, split_sentences

FIXED_TIME = dt.datetime(2024, 12, 31, 12, 0, 0)
_ZIP_TIME = (2024, 12, 31, 12, 0, 0)
AUTHOR = "evaltoolkit demo generator (synthetische data)"


def write_document(doc: Document, root: Path, rng: random.Random) -> None:
    path = root / doc.file
    path.parent.mkdir(parents=True, exist_ok=True)
    if doc.fmt == "docx":
        _write_docx(doc, path)
    elif doc.fmt == "odt":
        _write_odt(doc, path)
    elif doc.fmt == "txt":
        path.write_text(_txt(doc), encoding="utf-8")
    elif doc.fmt == "vtt":
        path.write_text(_vtt(doc, rng), encoding="utf-8")
    elif doc.fmt == "srt":
        path.write_text(_srt(doc), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {doc.fmt!r} for {doc.doc_id}")


def _write_docx(doc: Document, path: Path) -> None:
    import docx

    word = docx.Document()
    props = word.core_properties
    props.title, props.author, props.last_modified_by = doc.title, AUTHOR, AUTHOR
    props.comments = "SYNTHETISCHE DEMODATA: verzonnen document, alle personen en gegevens zijn fictief."
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    word.sections[0].header.paragraphs[0].text = "SYNTHETISCHE DEMODATA - fictief"
    if doc.turns:
        for index, line in enumerate(doc.header):
            run = word.add_paragraph().add_run(line)
            run.bold = index < 2
        for turn in doc.turns:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{turn.label}:").bold = True
            paragraph.add_run(f" {turn.text}")
            if turn.continuation:
                word.add_paragraph(turn.continuation)
    else:
        for block in doc.blocks:
            if block.style.startswith("heading"):
                word.add_heading(block.text, level=int(block.style[-1]))
            else:
                word.add_paragraph(block.text)
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


def _write_odt(doc: Document, path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import H, P

    odt = OpenDocumentText()
    heading_styles = {}
    for level in (1, 2, 3):
        style = Style(name=f"Heading_20_{level}", displayname=f"Heading {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=f"{18 - 2 * level}pt", fontweight="bold"))
        odt.styles.addElement(style)
        heading_styles[level] = style
    for block in doc.blocks:
        if block.style.startswith("heading"):
            level = int(block.style[-1])
            odt.text.addElement(H(outlinelevel=level, stylename=heading_styles[level], text=block.text))
        else:
            odt.text.addElement(P(text=block.text))
    buffer = io.BytesIO()
    odt.write(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


def _txt(doc: Document) -> str:
    lines: list[str] = []
    if doc.turns:
        lines += [*doc.header, ""]
        for turn in doc.turns:
            lines += [f"{turn.label}: {turn.text}", ""]
            if turn.continuation:
                lines += [turn.continuation, ""]
    else:
        for block in doc.blocks:
            prefix = "#" * int(block.style[-1]) + " " if block.style.startswith("heading") else ""
            lines += [prefix + block.text, ""]
    return "\n".join(lines)


def _cues(doc: Document):
    """(start, end, label, text) per sentence; each turn is a run of cues of one speaker."""
    clock = 2.0
    for turn in doc.turns:
        for sentence in split_sentences(turn.text):
            duration = max(1.5, 0.38 * len(sentence.split()))
            yield clock, clock + duration, turn.label, sentence
            clock += duration + 0.2
        clock += 0.8


def _timestamp(seconds: float, separator: str) -> str:
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def _vtt(doc: Document, rng: random.Random) -> str:
    guid = "-".join("".join(rng.choice("0123456789abcdef") for _ in range(n)) for n in (8, 4, 4, 4, 12))
    out = ["WEBVTT", "", f"NOTE {SYNTHETIC_HEADER}.", "", f"NOTE {doc.title}.", ""]
    for index, (start, end, label, text) in enumerate(_cues(doc)):
        out += [f"{guid}/{index + 12}-0", f"{_timestamp(start, '.')} --> {_timestamp(end, '.')}",
                f"<v {label}>{text}</v>", ""]
    return "\n".join(out)


def _srt(doc: Document) -> str:
    out = []
    for index, (start, end, label, text) in enumerate(_cues(doc), start=1):
        out += [str(index), f"{_timestamp(start, ',')} --> {_timestamp(end, ',')}", f"{label}: {text}", ""]
    return "\n".join(out)


def write_csv(path: Path, rows: list[list[str]] | list[dict], *, columns: list[str] | None = None,
              bom: bool = False) -> None:
    """UTF-8 CSV with LF line ends; ``bom`` adds the byte-order mark Qualtrics puts in its exports."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if columns is not None:
        writer.writerow(columns)
        rows = [[row.get(c, "") for c in columns] if isinstance(row, dict) else row for row in rows]
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if bom else "utf-8", newline="")


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet0"
    for row in rows:
        sheet.append(row)
    workbook.properties.creator = AUTHOR
    workbook.properties.title = "SYNTHETISCHE DEMODATA - Qualtrics-export (verzonnen)"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(normalise_zip(buffer.getvalue()))


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps (zip writers and openpyxl stamp the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-12-31T12:00:00Z", content)
            if info.filename.endswith(".xml") and b"urn:oasis:names:tc:opendocument" in content[:4000]:
                content = _canonical_namespaces(content)
            target.writestr(fixed, content)
    return out.getvalue()


_DECLARATION = re.compile(rb'\s+xmlns:([\w-]+)="[^"]*"')


def _canonical_namespaces(xml: bytes) -> bytes:
    """Keep only the namespaces an ODF part uses, sorted: odfpy declares whatever it met before in the process."""
    start = xml.index(b"<", xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0)
    end = xml.index(b">", start)
    root, rest = xml[start:end], xml[end:]
    declarations = {m.group(1): m.group(0).strip() for m in _DECLARATION.finditer(root)}
    bare = _DECLARATION.sub(b"", root)
    used = [p for p in sorted(declarations) if re.search(rb"[<\s]" + re.escape(p) + rb":", bare + rest)]
    name, _, attributes = bare.partition(b" ")
    parts = [name, *(declarations[p] for p in used)] + ([attributes] if attributes else [])
    return xml[:start] + b" ".join(parts) + rest
