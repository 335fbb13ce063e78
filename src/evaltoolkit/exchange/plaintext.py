"""The plain text of a source as REFI-QDA wants it, and how offsets move with it.

Positions in a ``PlainTextSelection`` count Unicode code points of the exact text in
``sources/<guid>.txt``; evaltoolkit writes that text as UTF-8 without a byte-order mark
and with LF line ends. A stored document with CR LF line ends therefore has different
offsets in the export; these functions map them both ways.
"""
from __future__ import annotations


def plain_text(text: str) -> tuple[str, list[int]]:
    """The text as it goes into ``sources/<guid>.txt`` and where each old offset lands in it.

    A byte-order mark is dropped and CR LF / CR become LF, so positions (code points)
    are remapped: ``positions[old_offset] == new_offset``, for offsets 0..len(text).
    """
    if "\r" not in text and not text.startswith("\ufeff"):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        positions.append(len(out))
        if (index == 0 and char == "\ufeff") or (char == "\r" and text[index + 1:index + 2] == "\n"):
            continue
        out.append("\n" if char == "\r" else char)
    positions.append(len(out))
    return "".join(out), positions


def original_offsets(positions: list[int]) -> tuple[list[int], list[int]]:
    """For offsets into the plain text: (start offsets, end offsets) in the original text.

    Where several original offsets land on one plain offset (a dropped CR or byte-order
    mark), a start takes the last of them and an end the first, so a selection never
    gains the dropped character.
    """
    size = positions[-1] + 1
    starts, ends = [0] * size, [-1] * size
    for old, new in enumerate(positions):
        starts[new] = old
        if ends[new] < 0:
            ends[new] = old
    return starts, ends
