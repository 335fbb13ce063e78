"""The layout of a document's text: blocks, and the rules that build it from a source.

A reader turns a source file into *paragraphs* (text plus where it came from); the
functions here apply the segmentation rules of ``docs/data-contracts.md`` to build the
document's canonical text and a ``blocks`` table that says which character ranges of
that text are turns, paragraphs, headings or answers:

* transcripts: turns ``LABEL: text`` joined with ``\\n\\n`` (header lines before the first
  turn dropped; paragraphs without a label continue the previous turn, joined with ``\\n``);
* notes and e-mails: paragraphs joined with ``\\n\\n``, headings written as ``# heading``;
* survey responses: open answers ``COLUMN: answer`` joined with ``\\n\\n``.

A block's ``start_char``/``end_char`` delimit its text *after* the label, so
``text[start_char:end_char]`` is exactly what becomes a segment.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.store.schema import ColumnSpec, TableSchema

BLOCK_KINDS = ("turn", "paragraph", "heading", "answer")

BLOCKS = TableSchema(
    name="blocks",
    columns=(
        ColumnSpec("doc_id", "string", False),
        ColumnSpec("kind", "string", False),        # one of BLOCK_KINDS
        ColumnSpec("start_char", "Int64", False),   # offsets of the block's text (after any label)
        ColumnSpec("end_char", "Int64", False),
        ColumnSpec("label", "string", True),        # speaker label (turns) or column id (answers)
        ColumnSpec("location", "string", True),     # where in the source: "paragraph 12", "cue 3", "row 5"
        ColumnSpec("start_time", "Float64", True),  # seconds, for subtitles and timestamped turns
        ColumnSpec("end_time", "Float64", True),
        ColumnSpec("question_id", "string", True),  # answers: f"{survey_id}:{column}"
    ),
    key=("doc_id", "start_char"),
)

# A speaker label: up to 5 words of letters, digits, dots, hyphens and apostrophes, then ":".
_WORD = r"(?:[^\W_]|[.'’\-])+"
LABEL_RE = re.compile(rf"^(?P<label>{_WORD}(?: {_WORD}){{0,4}})[ \t]*:(?:[ \t]+|$|(?=\n))")
# A timestamp some transcription tools put before the label: "[00:12:03]" or "(12:03.5)".
TIMESTAMP_RE = re.compile(r"^[\[(](?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d+)?)[\])]\s*")
_BLANK_LINES = re.compile(r"\n\s*\n+")
# Labels that, before the first turn, introduce header lines ("Datum: 3 juni 2024"), not speakers.
HEADER_LABELS = frozenset({
    "datum", "date", "plaats", "place", "locatie", "location", "tijd", "time", "duur", "duration", "titel",
    "title", "onderwerp", "subject", "aanwezig", "aanwezigen", "present", "deelnemers", "participants",
    "ronde", "round", "gemeente", "municipality",  # vocabulary: ordinary words ("Gemeente: ..." header)
    "site", "project", "opname", "recording", "transcriptie",
    "transcript", "bestand", "file", "taal", "language", "interview", "focusgroep", "focus group",
})


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or line) of a source file, as a reader found it."""

    text: str
    location: str                 # e.g. "paragraph 12" or "line 40": never the text itself
    heading: bool = False
    label: str | None = None      # set by readers that know the speaker (subtitle voice tags)
    start_time: float | None = None
    end_time: float | None = None


def split_label(text: str) -> tuple[str | None, str]:
    """``("INTERVIEWER", "Hoe gaat het?")`` for ``"INTERVIEWER: Hoe gaat het?"``; ``(None, text)``
    when the text does not start with a speaker label (a label needs at least one letter)."""
    match = LABEL_RE.match(text)
    if match is None or not any(ch.isalpha() for ch in match.group("label")):
        return None, text
    return match.group("label").strip(), text[match.end():].lstrip()


def split_timestamp(text: str) -> tuple[float | None, str]:
    """Seconds and the rest for ``"[00:01:05] TOLK: ..."``; ``(None, text)`` without one."""
    match = TIMESTAMP_RE.match(text)
    if match is None:
        return None, text
    parts = [float(p.replace(",", ".")) for p in match.group("time").split(":")]
    seconds = sum(value * 60 ** power for power, value in enumerate(reversed(parts)))
    return seconds, text[match.end():]


def _tidy(text: str) -> str:
    """One block's text: no leading/trailing space and no blank line inside (blank lines
    separate blocks in the canonical text)."""
    return _BLANK_LINES.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


class _Builder:
    """Accumulates the canonical text and its blocks."""

    def __init__(self, doc_id: str):
        self.doc_id = doc_id
        self.parts: list[str] = []
        self.length = 0
        self.rows: list[dict] = []

    def add(self, body: str, *, kind: str, prefix: str = "", **fields) -> None:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length + len(prefix)
        self.parts.append(prefix + body)
        self.length += len(prefix) + len(body)
        self.rows.append({"doc_id": self.doc_id, "kind": kind, "start_char": start,
                          "end_char": start + len(body), **fields})

    def result(self) -> tuple[str, pd.DataFrame]:
        return "".join(self.parts), BLOCKS.coerce(pd.DataFrame(self.rows, columns=BLOCKS.column_names))


def transcript_layout(doc_id: str, paragraphs: Iterable[Paragraph]) -> tuple[str, pd.DataFrame]:
    """Canonical text and blocks of a transcript (one ``turn`` block per speaker turn).

    A paragraph starting with ``LABEL:`` starts a turn; other paragraphs continue the
    current turn; paragraphs before the first turn are the header and are dropped (a
    header line may look like a label: ``Datum:``, ``Plaats:``, see ``HEADER_LABELS``). A
    timestamp before the label (``[00:12:03] TOLK: ...``) becomes the turn's start time.
    """
    turns: list[dict] = []
    for paragraph in paragraphs:
        time, text = split_timestamp(_tidy(paragraph.text))
        label, body = split_label(text)
        if label is not None and not turns and label.casefold() in HEADER_LABELS:
            continue
        if label is not None:
            turns.append({"label": label, "texts": [body] if body else [],
                          "location": paragraph.location, "start_time": time})
        elif turns and text:
            turns[-1]["texts"].append(text)
    builder = _Builder(doc_id)
    for turn in turns:
        body = _tidy("\n".join(turn["texts"]))
        if body:  # a label with no words after it is not a turn
            builder.add(body, kind="turn", prefix=f"{turn['label']}: ", label=turn["label"],
                        location=turn["location"], start_time=turn["start_time"])
    return builder.result()


def subtitle_layout(doc_id: str, cues: Iterable[Paragraph]) -> tuple[str, pd.DataFrame]:
    """Canonical text and blocks of a subtitle transcript: a turn is a run of consecutive
    cues with the same speaker (voice tag, or a ``NAME:`` prefix in the cue text). Cues
    before any speaker is named form one turn without a label."""
    turns: list[dict] = []
    for cue in cues:
        label, body = (cue.label, _tidy(cue.text)) if cue.label else split_label(_tidy(cue.text))
        if not body:
            continue
        if turns and (label is None or label == turns[-1]["label"]):
            turns[-1]["texts"].append(body)
            turns[-1]["end_time"] = cue.end_time
        else:
            turns.append({"label": label, "texts": [body], "location": cue.location,
                          "start_time": cue.start_time, "end_time": cue.end_time})
    builder = _Builder(doc_id)
    for turn in turns:
        prefix = f"{turn['label']}: " if turn["label"] else ""
        builder.add(" ".join(turn["texts"]), kind="turn", prefix=prefix, label=turn["label"],
                    location=turn["location"], start_time=turn["start_time"], end_time=turn["end_time"])
    return builder.result()


def notes_layout(doc_id: str, paragraphs: Iterable[Paragraph]) -> tuple[str, pd.DataFrame]:
    """Canonical text and blocks of meeting notes or an e-mail: one ``paragraph`` block per
    non-empty paragraph, headings kept in the text as ``# heading`` but as ``heading`` blocks."""
    builder = _Builder(doc_id)
    for paragraph in paragraphs:
        text = _tidy(paragraph.text)
        if not text:
            continue
        if paragraph.heading and not text.startswith("#"):
            builder.add(text, kind="heading", prefix="# ", location=paragraph.location)
        elif paragraph.heading or text.startswith("#"):
            builder.add(text, kind="heading", location=paragraph.location)
        else:
            builder.add(text, kind="paragraph", location=paragraph.location)
    return builder.result()


def answers_layout(doc_id: str, answers: Iterable[tuple[str, str, str, str]]) -> tuple[str, pd.DataFrame]:
    """Canonical text and blocks of one survey response; ``answers`` are
    ``(column, question_id, answer, location)`` for each non-empty open answer."""
    text, rows = answer_rows(doc_id, answers)
    return text, BLOCKS.coerce(pd.DataFrame(rows, columns=BLOCKS.column_names))


def answer_rows(doc_id: str, answers: Iterable[tuple[str, str, str, str]]) -> tuple[str, list[dict]]:
    """:func:`answers_layout` with the blocks as plain rows (a survey has many responses:
    building one table at the end is much faster than one per response)."""
    builder = _Builder(doc_id)
    for column, question_id, answer, location in answers:
        body = _tidy(answer)
        if body:
            builder.add(body, kind="answer", prefix=f"{column}: ", label=column,
                        question_id=question_id, location=location)
    return "".join(builder.parts), builder.rows


def blocks_from_text(doc_id: str, text: str, *, kind: str) -> pd.DataFrame:
    """Recover the blocks of a canonical text that was stored without them.

    ``kind`` is ``"turn"`` (``LABEL: text`` blocks) or ``"paragraph"`` (``#`` lines are
    headings). Survey answers cannot be recovered this way: their column ids are free text.
    """
    rows, start = [], 0
    for part in text.split("\n\n"):
        end = start + len(part)
        if kind == "turn":
            label, body = split_label(part)
            offset = start + (len(part) - len(body)) if label else start
            rows.append({"doc_id": doc_id, "kind": "turn", "start_char": offset, "end_char": end,
                         "label": label, "location": f"turn {len(rows) + 1}"})
        elif part.strip():
            block_kind = "heading" if part.lstrip().startswith("#") else "paragraph"
            rows.append({"doc_id": doc_id, "kind": block_kind, "start_char": start, "end_char": end,
                         "location": f"paragraph {len(rows) + 1}"})
        start = end + 2
    return BLOCKS.coerce(pd.DataFrame(rows, columns=BLOCKS.column_names))


def without_blocks(text: str, blocks: pd.DataFrame, drop: pd.Series) -> tuple[str, pd.DataFrame]:
    """The text of one document and its blocks with the blocks where ``drop`` is true cut
    out entirely (label included), offsets of the remaining blocks moved accordingly.

    Blocks are separated by ``\\n\\n``, so a block's full span starts two characters after
    the end of the block before it.
    """
    blocks = BLOCKS.coerce(blocks).sort_values("start_char").reset_index(drop=True)
    drop = pd.Series(drop).reset_index(drop=True).astype(bool)
    parts, rows, length, previous_end = [], [], 0, -2
    for index, block in enumerate(blocks.to_dict(orient="records")):
        full_start, end = previous_end + 2, int(block["end_char"])
        previous_end = end
        if drop.iloc[index]:
            continue
        if parts:
            parts.append("\n\n")
            length += 2
        shift = length - full_start
        parts.append(text[full_start:end])
        length += end - full_start
        rows.append({**block, "start_char": int(block["start_char"]) + shift, "end_char": end + shift})
    return "".join(parts), BLOCKS.coerce(pd.DataFrame(rows, columns=BLOCKS.column_names))
