"""Readers for transcripts, meeting notes and e-mails: .docx, .odt, .txt, .vtt and .srt.

Each reader returns a :class:`SourceTables` (a ``documents`` row with the canonical text
and the ``blocks`` that say where its turns or paragraphs are); nothing is written.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import srt
import webvtt
from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError

from evaltoolkit.corpus.blocks import Paragraph, notes_layout, subtitle_layout, transcript_layout
from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.ingest.tables import SourceTables, document_row
from evaltoolkit.ingest.textfiles import decode_text

TRANSCRIPT_SUFFIXES = (".docx", ".odt", ".txt", ".vtt", ".srt")
NOTES_SUFFIXES = (".docx", ".odt", ".txt")
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")   # <i>, <font ...> in SRT; <c.x>, <00:01.000> in VTT
_HEADING_STYLES = ("heading", "title", "kop", "titel")


def read_paragraphs(path: Path, *, source: str | None = None) -> list[Paragraph]:
    """The paragraphs of a .docx, .odt or .txt file, in order, with headings marked.

    In .txt files each non-empty line is a paragraph and a line starting with ``#`` is
    a heading.
    """
    path = Path(path)
    source = source or str(path)
    suffix = path.suffix.lower()
    if suffix not in NOTES_SUFFIXES:
        raise InputError(f"{source}: cannot read {suffix or 'files without an extension'} as a document. "
                         f"Use one of {', '.join(NOTES_SUFFIXES)}.")
    data = path.read_bytes()
    if not data:
        raise InputError(f"{source}: the file is empty (0 bytes). Replace it with the full document, "
                         "or remove it from manifest.csv.")
    if suffix == ".docx":
        paragraphs = _docx_paragraphs(path, source)
    elif suffix == ".odt":
        paragraphs = _odt_paragraphs(path, source)
    else:
        paragraphs = [Paragraph(line, f"line {number}", heading=line.lstrip().startswith("#"))
                      for number, line in enumerate(decode_text(data, source=source).split("\n"), start=1)
                      if line.strip()]
    if not any(p.text.strip() for p in paragraphs):
        raise InputError(f"{source}: the document has no text. Check that it is the right file "
                         "(a transcript saved as an image or PDF inside Word cannot be read), or remove "
                         "it from manifest.csv.")
    return paragraphs


def _docx_paragraphs(path: Path, source: str) -> list[Paragraph]:
    try:
        document = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{source}: not a readable .docx file (it is damaged, or not a Word document). "
                         "Open it in Word and save it again as .docx.") from None
    # paragraph.style looks the style up in styles.xml for every paragraph (slow on long
    # transcripts): resolve the style ids that are headings once.
    headings = {style.style_id for style in document.styles
                if (style.name or "").lower().startswith(_HEADING_STYLES)}
    return [Paragraph(paragraph.text, f"paragraph {number}", heading=paragraph._p.style in headings)
            for number, paragraph in enumerate(document.paragraphs, start=1)]


def _odt_paragraphs(path: Path, source: str) -> list[Paragraph]:
    from odf import opendocument, teletype
    from odf.namespaces import TEXTNS

    try:
        document = opendocument.load(str(path))
    except Exception:  # odfpy raises zipfile, xml and KeyError alike on damaged files
        raise InputError(f"{source}: not a readable .odt file (it is damaged, or not an OpenDocument "
                         "text). Open it in LibreOffice and save it again as .odt.") from None
    paragraphs: list[Paragraph] = []

    def walk(node) -> None:
        for child in node.childNodes:
            if child.qname == (TEXTNS, "h") or child.qname == (TEXTNS, "p"):
                paragraphs.append(Paragraph(teletype.extractText(child), f"paragraph {len(paragraphs) + 1}",
                                            heading=child.qname == (TEXTNS, "h")))
            elif child.nodeType == child.ELEMENT_NODE:
                walk(child)

    walk(document.text)
    return paragraphs


def read_transcript(path: Path, *, doc_id: str, kind: str = "interview",
                    source: str | None = None) -> SourceTables:
    """An interview or focus-group transcript (.docx, .odt, .txt, .vtt, .srt).

    Speaker turns follow the contract's rules (see :mod:`evaltoolkit.corpus.blocks`);
    subtitle files keep each turn's start and end time.
    """
    path = Path(path)
    source = source or str(path)
    if path.suffix.lower() in (".vtt", ".srt"):
        text, blocks = subtitle_layout(doc_id, read_cues(path, source=source))
    else:
        text, blocks = transcript_layout(doc_id, read_paragraphs(path, source=source))
    if blocks.empty:
        raise InputError(f"{source}: no speaker turns found. A turn starts with a speaker label such as "
                         "'INTERVIEWER:' or 'TOLK:' at the start of a paragraph; add the labels, or "
                         "list the file as kind 'meeting' if it is notes.")
    return SourceTables(documents=document_row(doc_id=doc_id, path=path, source=source, kind=kind, text=text),
                        blocks=blocks)


def read_notes(path: Path, *, doc_id: str, kind: str = "meeting", source: str | None = None) -> SourceTables:
    """Meeting notes or an e-mail (.docx, .odt, .txt): one block per paragraph, headings
    marked (they are kept in the text but are not segments)."""
    path = Path(path)
    source = source or str(path)
    text, blocks = notes_layout(doc_id, read_paragraphs(path, source=source))
    return SourceTables(documents=document_row(doc_id=doc_id, path=path, source=source, kind=kind, text=text),
                        blocks=blocks)


def read_cues(path: Path, *, source: str | None = None) -> list[Paragraph]:
    """The cues of a WebVTT or SRT file: text without tags, voice-tag speaker, times in seconds.

    Every cue is checked first (:func:`cue_timing_problems`): a cue whose timing line is
    malformed, or that ends before it starts, refuses the file with the line numbers;
    no cue is ever dropped without a word.
    """
    path = Path(path)
    source = source or str(path)
    kind = path.suffix.lower().lstrip(".").upper()
    text = decode_text(path.read_bytes(), source=source).lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{source}: the file is empty. Export the subtitles again.")
    problems, expected = cue_timing_problems(text, kind=kind)
    if problems:
        raise InputError(format_problems(source, problems + [
            f"Correct the timing lines (HH:MM:SS{'.' if kind == 'VTT' else ','}mmm --> HH:MM:SS"
            f"{'.' if kind == 'VTT' else ','}mmm, end after start) in a text editor, or export the file "
            f"again as {kind}."]))
    try:
        if kind == "SRT":
            cues = [Paragraph(_TAG_RE.sub("", cue.content), f"cue {number}",
                              start_time=cue.start.total_seconds(), end_time=cue.end.total_seconds())
                    for number, cue in enumerate(srt.parse(text), start=1)]
        else:
            cues = [Paragraph(_TAG_RE.sub("", caption.text), f"cue {number}", label=caption.voice or None,
                              start_time=caption.start_time.in_milliseconds() / 1000,
                              end_time=caption.end_time.in_milliseconds() / 1000)
                    for number, caption in enumerate(webvtt.from_string(text), start=1)]
    except (srt.SRTParseError, webvtt.errors.MalformedFileError, ValueError) as exc:
        raise InputError(f"{source}: not a valid {kind} file ({type(exc).__name__}). "
                         f"Export it again from the transcription tool as {kind}.") from None
    if len(cues) != expected:   # the parser skipped something the check let through
        raise InputError(f"{source}: {expected} cues are in the file but {len(cues)} could be read. Check "
                         f"the file in a text editor (every cue: a timing line, then its text, then a blank "
                         f"line), or export it again as {kind}.")
    return cues


_TIMESTAMP = r"(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})"
_TIMING_RE = re.compile(rf"^\s*{_TIMESTAMP}\s+-->\s+{_TIMESTAMP}(?:\s+.*)?$")
_VTT_SKIPPED_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")


def cue_timing_problems(text: str, *, kind: str) -> tuple[list[str], int]:
    """Problems with the cues' timing lines (by line number, never quoting a cue's text),
    and how many cues the file holds."""
    problems, cues = [], 0
    for first_line, lines in _blocks(text):
        if kind == "VTT" and lines[0].lstrip().startswith(_VTT_SKIPPED_BLOCKS) and "-->" not in lines[0]:
            continue
        cues += 1
        # a cue identifier (SRT: its number) may come before the timing line
        offset = 0 if _looks_like_timing(lines[0]) or len(lines) == 1 else 1
        number = first_line + offset
        match = _TIMING_RE.match(lines[offset])
        if match is None:
            what = "a malformed timing line" if _looks_like_timing(lines[offset]) else "no timing line"
            problems.append(f"line {number}: cue {cues} has {what} (expected 'start --> end').")
            continue
        start, end = _seconds(match.groups()[:4]), _seconds(match.groups()[4:])
        if start is None or end is None:
            problems.append(f"line {number}: cue {cues} has a timestamp with minutes or seconds above 59.")
        elif end < start:
            problems.append(f"line {number}: cue {cues} ends ({_clock(end)}) before it starts ({_clock(start)}).")
    return problems, cues


def _blocks(text: str):
    """(line number of the first line, lines) of each block between blank lines."""
    block, start = [], 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _looks_like_timing(line: str) -> bool:
    """A line meant as a timing line (an arrow of some kind, or two timestamps)."""
    return bool(re.search(r"-+\s*>|—>|–>|=>", line)) or len(re.findall(r"\d+:\d+", line)) >= 2


def _seconds(parts) -> float | None:
    hours, minutes, seconds, fraction = parts
    if int(minutes) > 59 or int(seconds) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction.ljust(3, "0")) / 1000


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{round((seconds - whole) * 1000):03d}"

