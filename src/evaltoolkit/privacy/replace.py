"""Replacing spans of text and carrying character offsets over to the new text."""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass(frozen=True)
class Replacement:
    start: int              # offsets in the original text
    end: int
    new_start: int          # offsets in the replaced text
    new_end: int
    entity_type: str
    placeholder: str
    entity_id: str | None


class OffsetMap:
    """Maps offsets in the original text to offsets in the replaced text.

    An offset inside a replaced span maps to the start of its placeholder when it opens a
    range (``start``) and to its end when it closes one (``end``), so a segment that began
    or ended inside a name still covers the whole placeholder.
    """

    def __init__(self, replacements: list[Replacement]):
        self._replacements = replacements
        self._starts = [r.start for r in replacements]

    def _shift_before(self, index: int) -> int:
        if index < 0:
            return 0
        r = self._replacements[index]
        return r.new_end - r.end

    def start(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self._replacements[i].start < pos < self._replacements[i].end:
            return self._replacements[i].new_start
        if i >= 0 and pos >= self._replacements[i].end:
            return pos + self._shift_before(i)
        return pos + self._shift_before(i - 1)

    def end(self, pos: int) -> int:
        i = bisect.bisect_left(self._starts, pos) - 1
        if i >= 0 and self._replacements[i].start < pos < self._replacements[i].end:
            return self._replacements[i].new_end
        if i >= 0 and pos >= self._replacements[i].end:
            return pos + self._shift_before(i)
        return pos + self._shift_before(i - 1)


def apply_replacements(text: str, spans: list[tuple[int, int, str, str, str | None]]) -> tuple[str, list[Replacement]]:
    """Replace non-overlapping ``(start, end, placeholder, entity_type, entity_id)`` spans."""
    parts, replacements = [], []
    cursor = shift = 0
    for start, end, placeholder, entity_type, entity_id in sorted(spans):
        parts.append(text[cursor:start])
        new_start = start + shift
        parts.append(placeholder)
        replacements.append(Replacement(start, end, new_start, new_start + len(placeholder), entity_type,
                                        placeholder, entity_id))
        shift += len(placeholder) - (end - start)
        cursor = end
    parts.append(text[cursor:])
    return "".join(parts), replacements
