"""Codebooks to and from Taguette, which imports codebooks only as CSV (``tag``, ``description``).

>>> write_taguette_csv(codebook, "exports/codebook.csv")     # Taguette: Project > Import codebook
>>> same, matches = read_taguette_csv("codebook.csv", reference=codebook)

Taguette's tags are flat; a dot in a tag's name is how its users write a hierarchy
(``Taal & tolken.Tolkentelefoon``), so a sub-code is written as ``parent.child`` and read
back under its parent. The description is the definition with the inclusion and
exclusion criteria (as in a .qdc). Codes are matched to the ``reference`` codebook by
label (a CSV has no ids), see :func:`evaltoolkit.exchange.codes.assign_code_ids`.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from evaltoolkit.codebook import Codebook, save_codebook
from evaltoolkit.errors import CodebookError, InputError
from evaltoolkit.exchange.codes import assign_code_ids, describe
from evaltoolkit.exchange.guids import stable_guid
from evaltoolkit.exchange.qdc import codebook_from_codes

COLUMNS = ("tag", "description")


def codebook_to_taguette_csv(codebook: Codebook) -> str:
    """The codebook's codable codes as Taguette codebook CSV text."""
    if not codebook.codes:
        raise CodebookError(f"codebook {codebook.codebook_id!r} has no codes; a codebook CSV needs at least one.")
    language = codebook.language
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for code in codebook.codes:
        if code.codable:
            writer.writerow((_tag(codebook, code, language), describe(code, language)))
    return out.getvalue()


def _tag(codebook: Codebook, code, language: str) -> str:
    """``parent.child`` labels of the codable ancestors (folders are not tags), from the top; a
    dot inside a label would read as a level, so it becomes a middle dot."""
    names, current, seen = [], code, set()
    while current is not None and current.code_id not in seen:
        seen.add(current.code_id)
        if current.codable or current is code:
            names.append(current.label(language).replace(".", "\u00b7"))
        current = codebook.code(current.parent_id) if current.parent_id and current.parent_id in codebook else None
    return ".".join(reversed(names))


def write_taguette_csv(codebook: Codebook, path: Path | str) -> Path:
    """Write the codebook to ``path`` as Taguette codebook CSV (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(codebook_to_taguette_csv(codebook), encoding="utf-8")
    return path


def read_taguette_codes(path: Path | str) -> pd.DataFrame:
    """The rows of a Taguette codebook CSV as the raw codes table (before ids are assigned)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Give the path of a codebook CSV exported from Taguette.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS[:1] if c not in table.columns]
    if missing:
        raise InputError(f"{path} has no {missing[0]!r} column (columns: {', '.join(table.columns)}). A Taguette "
                         "codebook CSV has the columns tag and description.")
    tags = [str(t).strip() for t in table["tag"]]
    descriptions = table["description"] if "description" in table.columns else [""] * len(tags)
    known = set(tags)
    rows = []
    for tag, description in zip(tags, descriptions):
        if not tag:
            continue
        parent = tag.rsplit(".", 1)[0] if "." in tag else None
        parent = parent if parent in known else None
        rows.append({"code_guid": stable_guid("code", f"taguette:{tag}"),
                     "name": tag.rsplit(".", 1)[1] if parent else tag,
                     "parent_guid": stable_guid("code", f"taguette:{parent}") if parent else None,
                     "codable": True, "color": None, "description": str(description).strip() or None})
    return pd.DataFrame(rows)


def read_taguette_csv(path: Path | str, *, reference: Codebook | None = None,
                      language: str | None = None) -> tuple[Codebook, pd.DataFrame]:
    """(the codebook in a Taguette codebook CSV, what became of each tag: see ``code_matches``)."""
    from evaltoolkit.exchange.codes import code_matches

    codes = assign_code_ids(read_taguette_codes(path), reference=reference)
    if codes.empty:
        raise InputError(f"{path} has no tags to import.")
    codebook = codebook_from_codes(codes, reference=reference, language=language, name=Path(path).stem,
                                   where=str(path))
    return codebook, code_matches(codes)


def import_taguette_csv(path: Path | str, *, output: Path | str, reference: Codebook | None = None,
                        language: str | None = None, overwrite: bool = False) -> tuple[Codebook, pd.DataFrame]:
    """Read a Taguette codebook CSV and save it as codebook YAML at ``output`` (replaced only with
    ``overwrite=True``); returns the codebook and what became of each tag."""
    output = Path(output)
    if output.exists() and not overwrite:
        raise InputError(f"{output} already exists. Choose another output file or allow overwriting "
                         "(--force on the command line).")
    codebook, matches = read_taguette_csv(path, reference=reference, language=language)
    save_codebook(codebook, output)
    return codebook, matches
