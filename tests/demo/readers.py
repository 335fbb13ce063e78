"""Small, independent readers of the demo files, written from docs/data-contracts.md.

They deliberately share no code with ``evaltoolkit.demo``: a test that counts turns with
the generator's own numbering could not catch a numbering mistake.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

LABEL = re.compile(r"^([A-Za-zÀ-ÿ0-9 .'’-]{1,80}?):\s")
VOICE = re.compile(r"<v ([^>]+)>")
WORD = re.compile(r"\w+")


def label_of(paragraph: str) -> str | None:
    match = LABEL.match(paragraph)
    if match and len(match.group(1).split()) <= 5:
        return match.group(1)
    return None


def paragraphs(path: Path) -> list[tuple[str, bool]]:
    """(text, is_heading) per non-empty paragraph of a .docx, .odt or .txt file."""
    if path.suffix == ".docx":
        import docx

        return [(p.text, p.style.name.startswith("Heading")) for p in docx.Document(path).paragraphs if p.text.strip()]
    if path.suffix == ".odt":
        from odf import teletype
        from odf.opendocument import load

        document = load(str(path))
        out = []
        for element in document.text.childNodes:
            if element.qname[1] in ("h", "p"):
                text = teletype.extractText(element)
                if text.strip():
                    out.append((text, element.qname[1] == "h"))
        return out
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(line, line.startswith("#")) for line in lines if line.strip()]


def transcript_turns(path: Path) -> list[str]:
    """Speaker label of every turn, in order (header lines before the first turn skipped)."""
    if path.suffix in (".vtt", ".srt"):
        labels = []
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            text = block.strip().splitlines()[-1] if "-->" in block else ""
            match = VOICE.search(text) if path.suffix == ".vtt" else LABEL.match(text)
            if match and (not labels or labels[-1] != match.group(1)):
                labels.append(match.group(1))
        return labels
    turns = []
    for text, _ in paragraphs(path):
        label = label_of(text)
        if label:
            turns.append(label)
    return turns


def paragraph_segments(path: Path, *, email: bool) -> int:
    """Segments of a meeting note (non-heading paragraphs) or an e-mailed questionnaire (answers)."""
    count = 0
    for text, heading in paragraphs(path):
        if heading or (email and re.match(r"^Vraag \d+:", text)):
            continue
        count += 1
    return count


def survey_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        import openpyxl

        sheet = openpyxl.load_workbook(path, read_only=True).active
        return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def file_text(path: Path) -> str:
    """All text a human would read in the file."""
    if path.suffix in (".docx", ".odt"):
        return "\n".join(text for text, _ in paragraphs(path))
    if path.suffix == ".xlsx" or (path.suffix == ".csv" and path.parent.name == "sponsoren"):
        return "\n".join(",".join(row) for row in survey_rows(path))
    return path.read_text(encoding="utf-8")


def words_in(path: Path) -> int:
    """Words of running text: transcripts, notes, and the open answers of questionnaires."""
    if path.suffix in (".xlsx", ".csv"):
        rows = survey_rows(path)
        open_columns = [i for i, import_id in enumerate(rows[2]) if "_TEXT" in import_id]
        return sum(len(WORD.findall(row[i])) for row in rows[3:] for i in open_columns)
    text = file_text(path)
    if path.suffix in (".vtt", ".srt"):  # only cue text, not cue ids or timings
        cues = [block.split("-->", 1)[1].split("\n", 1)[1] for block in text.split("\n\n") if "-->" in block]
        text = re.sub(r"</?v[^>]*>", " ", "\n".join(cues))
    return len(WORD.findall(text))
