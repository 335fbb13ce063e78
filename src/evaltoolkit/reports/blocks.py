"""What a report says, apart from how it is rendered: frozen blocks.

A :class:`Report` is a title page plus :class:`Section` s; a section holds blocks
(:class:`Paragraph`, :class:`BulletList`, :class:`Table`, :class:`Figure`,
:class:`Quote`, :class:`Callout`) and subsections. Every value is already text in the
report's language, so a renderer only lays it out. Builders return new objects
(``report.with_section(section)``); nothing is changed in place.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Union

CALLOUT_KINDS = ("key_insight", "smart_approach", "methods", "note")


@dataclass(frozen=True)
class Paragraph:
    text: str
    emphasis: bool = False


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A captioned table of display strings; ``notes`` (e.g. what was suppressed) go below it."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A captioned PNG image (bytes, deterministic: no timestamps in its metadata)."""

    caption: str
    png: bytes = field(repr=False)
    width_cm: float = 15.0
    alt_text: str = ""


@dataclass(frozen=True)
class Quote:
    """A pseudonymised quote and its attribution, e.g. "(Sponsor, 2e ronde dataverzameling)";
    ``ref`` ("C3") is how insights and indicators point to it; ``segment_id`` where it comes from."""

    text: str
    attribution: str
    ref: str = ""
    segment_id: str = ""


@dataclass(frozen=True)
class Callout:
    """A boxed paragraph: "Belangrijk inzicht", "Slimme aanpak", or the methods box."""

    kind: str
    title: str
    paragraphs: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.kind not in CALLOUT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(CALLOUT_KINDS)}. Got {self.kind!r} instead.")


Block = Union[Paragraph, BulletList, Table, Figure, Quote, Callout]


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...] = ()
    subsections: tuple["Section", ...] = ()

    def with_blocks(self, *blocks: Block) -> "Section":
        return replace(self, blocks=self.blocks + tuple(blocks))

    def with_subsection(self, section: "Section") -> "Section":
        return replace(self, subsections=self.subsections + (section,))


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    language: str
    date: dt.date                      # the period's end: also the document's core-property date
    sections: tuple[Section, ...] = ()
    author: str = "evaltoolkit"

    def with_section(self, section: Section) -> "Report":
        return replace(self, sections=self.sections + (section,))

    def section(self, title: str) -> Section:
        for section in self.sections:
            if section.title == title:
                return section
        raise KeyError(f"{title!r} is not a section of this report. Sections: "
                       f"{', '.join(s.title for s in self.sections)}.")


def report_text(report: Report) -> str:
    """Every text of the report in reading order (for the leak check and for tests)."""
    lines = [report.title, report.subtitle]
    for section in report.sections:
        lines.extend(_section_text(section))
    return "\n".join(lines)


def _section_text(section: Section) -> list[str]:
    lines = [section.title]
    for block in section.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, BulletList):
            lines.extend(block.items)
        elif isinstance(block, Table):
            lines.append(block.caption)
            # cells are separated as a reader sees them: "Signalering | 0%" is a theme and a
            # share, where "Signalering 0" would read as a street and a house number
            lines.append(" | ".join(block.columns))
            lines.extend(" | ".join(row) for row in block.rows)
            lines.extend(block.notes)
        elif isinstance(block, Figure):
            lines.extend([block.caption, block.alt_text])
        elif isinstance(block, Quote):
            lines.append(f"{block.text} {block.attribution}" + (f" [{block.ref}]" if block.ref else ""))
        elif isinstance(block, Callout):
            lines.append(block.title)
            lines.extend(block.paragraphs)
    for subsection in section.subsections:
        lines.extend(_section_text(subsection))
    return lines
