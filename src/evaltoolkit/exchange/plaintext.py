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


def aligned_offsets(old: str, new: str) -> tuple[list[int], list[int]]:
    """For offsets 0..len(old): (start offsets, end offsets) of the same place in ``new``.

    Used when a source came back under its exact name with a slightly different text (the
    project pseudonymised its documents again since the export). Unchanged stretches map
    one to one; a start inside a changed stretch moves to that stretch's start in ``new``
    and an end to its end, so a selection keeps the whole replacement.
    """
    from difflib import SequenceMatcher

    starts, ends = [0] * (len(old) + 1), [0] * (len(old) + 1)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        for i in range(i1, i2 + 1):
            if tag == "equal":
                starts[i] = ends[i] = j1 + (i - i1)
            elif i == i1:
                starts[i] = ends[i] = j1
            elif i == i2:
                starts[i] = ends[i] = j2
            else:
                starts[i], ends[i] = j1, j2
    return starts, ends
