"""Text and CSV files in whatever encoding they were saved in.

Researchers' files come from Word, Excel, Qualtrics and transcription tools on Windows
and Mac: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"),
cp1252 (Excel's default "CSV" on Dutch Windows). They should simply work: the encoding
is detected (BOMs first, then strict UTF-8, then charset-normalizer).
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
from pathlib import Path

from charset_normalizer import from_bytes

from evaltoolkit.errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Multi-byte encodings charset-normalizer may recognise. Any single-byte guess on a file
# that decodes as cp1252 is taken as cp1252: on short Dutch texts charset-normalizer picks
# look-alikes (mac_latin2, cp1250) that garble é, ë and ç, and Windows writes cp1252.
_MULTIBYTE = ("utf", "big5", "gb", "hz", "shift_jis", "cp932", "cp949", "cp950", "euc", "johab", "iso2022")


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes: unchanged files are skipped on re-ingestion."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def detect_encoding(data: bytes) -> str:
    """The name of the encoding ``data`` was most likely written in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: ASCII characters leave a zero byte beside them.
        sample = data[:4096]
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding.startswith(_MULTIBYTE):
        return best.encoding
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return best.encoding if best is not None else ""


def decode_text(data: bytes, *, source: str) -> str:
    """``data`` decoded with its detected encoding, with ``\\n`` line ends."""
    encoding = detect_encoding(data)
    try:
        if not encoding:
            raise UnicodeDecodeError("unknown", data, 0, 1, "no encoding fits")
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(
            f"{source}: the text encoding cannot be recognised (it is not UTF-8, UTF-16 or a Windows "
            "encoding). Open the file in a text editor or Excel and save it again as UTF-8."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, *, source: str | None = None) -> str:
    """A text file's content, whatever its encoding (see module docstring)."""
    return decode_text(Path(path).read_bytes(), source=source or str(path))


def read_csv_rows(path: Path, *, source: str | None = None, comments: bool = False) -> list[list[str]]:
    """Every row of a CSV file as lists of strings, with the encoding and the delimiter
    (comma, semicolon as Dutch Excel writes, or tab) detected. Empty rows are dropped, and
    with ``comments`` so are rows whose first cell starts with ``#``."""
    return [row for _, row in numbered_csv_rows(path, source=source, comments=comments)]


def numbered_csv_rows(path: Path, *, source: str | None = None, comments: bool = False) -> list[tuple[int, list[str]]]:
    """:func:`read_csv_rows` with each row's number as a spreadsheet shows it (the first row is 1),
    so messages point at the right row when empty or comment rows were dropped."""
    source = source or str(path)
    text = decode_text(Path(path).read_bytes(), source=source)
    if not text.strip():
        raise InputError(f"{source}: the file is empty. Export the data again.")
    first_line = next((line for line in text.split("\n") if not (comments and line.lstrip().startswith("#"))), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"{source}: not a readable CSV file ({exc}). Export it again as CSV.") from None
    return [(number, row) for number, row in enumerate(rows, start=1)
            if any(cell.strip() for cell in row) and not (comments and row[0].lstrip().startswith("#"))]
