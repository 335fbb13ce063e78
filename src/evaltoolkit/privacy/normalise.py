"""Text as the leak check reads it: compatibility forms folded (NFKC: full-width "Ｋｈａｌｅｄ"
is "Khaled"), invisible characters removed (zero-width spaces and joiners, soft hyphens,
direction marks: "Kha\u200bled"), and letters of other scripts that look like Latin
letters folded to them (Cyrillic "а" in "Аhmad"), from Unicode's confusables table.

Letters with diacritics ("Öztürk") are Latin letters and stay as they are. The surface
forms a scanner looks for are folded the same way, so both sides meet.
"""
from __future__ import annotations

import functools
import json
import unicodedata
from pathlib import Path


@functools.cache
def _confusable_latin() -> dict[int, str]:
    """Non-Latin character -> the ASCII letter it looks like (Unicode confusables.txt,
    as shipped with confusable-homoglyphs)."""
    import confusable_homoglyphs

    data = json.loads((Path(confusable_homoglyphs.__file__).parent / "confusables.json").read_text(encoding="utf-8"))
    table: dict[int, str] = {}
    for char, entries in data.items():
        if len(char) != 1 or char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
            continue
        for entry in entries:
            target = entry.get("c", "")
            if len(target) == 1 and target.isascii() and target.isalpha():
                table[ord(char)] = target
                break
    return table


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char == "\u00ad"


def normalise_text(text: str) -> str:
    """NFKC, without invisible format characters, with look-alike letters folded to Latin."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if not _invisible(c))
    return text.translate(_confusable_latin())
