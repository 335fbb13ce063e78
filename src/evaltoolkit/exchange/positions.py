"""Which unit a QDA program counted selection positions in, and turning them into code points.

The standard counts Unicode code points (Python ``text[start:end]``). NVivo (Mac and
Windows, 12.x) counts UTF-16 code units instead: every character outside the Basic
Multilingual Plane (emoji, some CJK) counts twice, so each coding after one lands a
little further to the left unless its positions are converted. The producer is read from
the project's ``origin`` attribute; for other producers, when a text holds such
characters, the boundaries are checked both ways and the unit that puts fewer of them
inside a word wins. Either way the importer says what it did.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

CODE_POINTS = "code points"
UTF16_UNITS = "UTF-16 code units"

#: producers known to count UTF-16 code units (matched in the lower-cased ``origin``)
_UTF16_PRODUCERS = ("nvivo",)


def producer_unit(origin: str | None) -> str | None:
    """The position unit of a known producer; None when the producer does not say."""
    name = (origin or "").lower()
    if any(producer in name for producer in _UTF16_PRODUCERS):
        return UTF16_UNITS
    return None


def has_wide_characters(text: str) -> bool:
    """True when ``text`` has a character that counts as two UTF-16 code units."""
    return any(ord(char) > 0xFFFF for char in text)


class Utf16Positions:
    """Turns UTF-16 code-unit positions into code-point positions in one text."""

    def __init__(self, text: str):
        # code-unit offset of each wide character; a position after k of them moves back by k
        self._wide_at: list[int] = []
        units = 0
        for char in text:
            if ord(char) > 0xFFFF:
                self._wide_at.append(units)
                units += 2
            else:
                units += 1
        self.length_in_units = units

    def code_point(self, unit_position: int) -> int:
        """The code-point position of ``unit_position`` (inside a surrogate pair: the character's start)."""
        whole = bisect_right(self._wide_at, unit_position - 2)  # wide characters wholly before it
        inside = whole < len(self._wide_at) and self._wide_at[whole] == unit_position - 1
        return unit_position - whole - (1 if inside else 0)

def inside_word(text: str, position: int) -> bool:
    """True when ``position`` cuts a word: a letter or digit on both sides."""
    return 0 < position < len(text) and text[position - 1].isalnum() and text[position].isalnum()


def words_cut(text: str, spans: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """(boundaries inside a word, boundaries) of the ``(start, end)`` spans in ``text``."""
    cut = total = 0
    for start, end in spans:
        total += 2
        cut += inside_word(text, start) + inside_word(text, end)
    return cut, total
