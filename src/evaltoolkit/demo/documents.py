"""The generated documents before they are written: transcripts and paragraph documents.

Segment numbering is fixed here, in the same way ingestion counts (docs/data-contracts.md):
a transcript's n-th turn is segment n; a meeting note's n-th non-heading paragraph is
segment n; an e-mailed questionnaire's n-th answer is segment n.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from evaltoolkit.demo.people import Person
from evaltoolkit.demo.text import Segment


@dataclass
class Turn:
    speaker: Person
    label: str
    text: str
    answer_codes: tuple[str, ...] = ()  # gold theme codes; empty for interviewer/interpreter turns
    valence: str | None = None
    continuation: str | None = None  # a second paragraph of the same turn (docx/txt)


@dataclass
class Block:
    style: str  # "heading1", "heading2", "heading3", "paragraph", "question"
    text: str
    codes: tuple[str, ...] = ()
    valence: str | None = None


@dataclass
class Document:
    """A transcript (``turns``) or a paragraph document (``blocks``), with manifest metadata."""

    doc_id: str
    file: str
    fmt: str  # docx, txt, vtt, srt, odt
    kind: str  # interview, focus_group, meeting, email
    perspective: str
    site: str | None
    round: str | None
    collected_on: dt.date
    language: str
    title: str
    participants: tuple[Person, ...] = ()
    interpreter: Person | None = None
    translated_from: str | None = None
    header: tuple[str, ...] = ()
    turns: list[Turn] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    found: set[tuple[str, str]] = field(default_factory=set)

    def segments(self) -> list[Segment]:
        """Gold-coded segments, numbered as ingestion numbers them."""
        out = []
        if self.turns:
            for n, turn in enumerate(self.turns, start=1):
                if turn.answer_codes and turn.speaker.withdrawn_on is None:  # withdrawn: not analysed
                    out.append(self._segment(n, None, turn.answer_codes, turn.valence))
            return out
        n = 0
        for block in self.blocks:
            if block.style.startswith("heading") or block.style == "question":
                continue
            n += 1
            if block.codes:
                question = f"{self.doc_id}:q{self._question_number(block)}" if self.kind == "email" else None
                out.append(self._segment(n, question, block.codes, block.valence))
        return out

    def _question_number(self, block: Block) -> int:
        number = 0
        for other in self.blocks:
            if other.style == "question":
                number += 1
            if other is block:
                return number
        raise ValueError("block is not in this document")

    def _segment(self, n, question_id, codes, valence) -> Segment:
        return Segment(self.doc_id, n, question_id, self.perspective, self.site, self.round, codes, valence or "")

    def manifest_row(self) -> dict[str, str]:
        return {
            "file": self.file, "doc_id": self.doc_id, "kind": self.kind, "perspective": self.perspective,
            "site": self.site or "", "round": self.round or "", "collected_on": self.collected_on.isoformat(),
            "language": self.language, "translated_from": self.translated_from or "",
            "interpreter_id": self.interpreter.participant_id if self.interpreter else "",
            "participant_ids": ";".join(p.participant_id for p in self.participants),
            "title": self.title, "survey_id": "",
        }

    def plain_text(self) -> str:
        """All text as a reader would see it (for word counts)."""
        if self.turns:
            return "\n".join([*self.header, *(f"{t.label}: {t.text} {t.continuation or ''}" for t in self.turns)])
        return "\n".join(b.text for b in self.blocks)
