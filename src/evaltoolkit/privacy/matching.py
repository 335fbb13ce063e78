"""Find many known surface forms in text at once (Aho-Corasick), as whole words,
case-insensitively, longest match first."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every character's offset (a few letters grow when lowered)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class SurfaceMatcher(Generic[V]):
    """Whole-word, case-insensitive matching of many phrases; ``find`` returns
    non-overlapping ``(start, end, value)`` with the longest match winning.

    ``allow_plural_s`` also matches a name followed by a bare "s" ("Khaleds"), keeping
    the "s" out of the span.
    """

    def __init__(self, surfaces: Mapping[str, V], *, allow_plural_s: bool = False):
        self._automaton = ahocorasick.Automaton()
        self._size = 0
        for surface, value in surfaces.items():
            key = lower_same_length(surface.strip())
            if key:
                self._automaton.add_word(key, (len(key), value))
                self._size += 1
        if self._size:
            self._automaton.make_automaton()
        self.allow_plural_s = allow_plural_s

    def __len__(self) -> int:
        return self._size

    def find(self, text: str, *, lowered: str | None = None) -> list[tuple[int, int, V]]:
        if not self._size:
            return []
        lowered = lowered if lowered is not None else lower_same_length(text)
        candidates = []
        for end_index, (length, value) in self._automaton.iter(lowered):
            end = end_index + 1
            start = end - length
            if start > 0 and _is_word_char(lowered[start - 1]) and _is_word_char(lowered[start]):
                continue
            if end < len(lowered) and _is_word_char(lowered[end]) and _is_word_char(lowered[end - 1]):
                if not (self.allow_plural_s and lowered[end] == "s"
                        and (end + 1 == len(lowered) or not _is_word_char(lowered[end + 1]))):
                    continue
            candidates.append((start, end, value))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        chosen, last_end = [], -1
        for start, end, value in candidates:
            if start >= last_end:
                chosen.append((start, end, value))
                last_end = end
        return chosen


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
