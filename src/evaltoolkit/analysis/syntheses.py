"""The researcher's theme syntheses: one claim per theme (code) x perspective x meaning x
period, written in a notebook or a spreadsheet, that the report prints instead of its
draft sentence.

In Jupyter::

    record_synthesis(store, code_id="taakverdeling", perspective="sponsor", meaning="challenge",
                     period="2024-10", text="Sponsoren ...", author="onderzoeker")
    list_syntheses(store)

As a spreadsheet round trip: the project layer writes the month's claims to an .xlsx
(:func:`write_synthesis_sheet`: the draft next to an empty "synthesis" column); the
researcher fills in what they want to say; :func:`read_synthesis_sheet` and
:func:`import_syntheses` bring the filled rows back. A synthesis holds from its period
until a later one for the same theme, perspective and meaning; ``meaning`` "all" covers a
theme under any valence.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.store import Store, table_schema

ALL_MEANINGS = "all"
SHEET_COLUMNS = ("code_id", "perspective", "meaning", "period", "theme", "draft", "synthesis", "author")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def record_synthesis(store: Store, *, code_id: str, perspective: str, period: str, text: str, author: str,
                     meaning: str = ALL_MEANINGS) -> None:
    """Record (or replace) the researcher's synthesis of a theme for a perspective from ``period`` on."""
    frame = pd.DataFrame([{"code_id": code_id, "perspective": perspective, "meaning": meaning, "period": period,
                           "text": text, "author": author}])
    import_syntheses(store, frame, actor=author, source="synthesis")


def list_syntheses(store: Store) -> pd.DataFrame:
    """Every recorded synthesis, by theme, perspective, meaning and period."""
    frame = store.read("syntheses")
    return frame.sort_values(["code_id", "perspective", "meaning", "period"], kind="stable").reset_index(drop=True)


def import_syntheses(store: Store, frame: pd.DataFrame, *, actor: str, source: str = "syntheses") -> int:
    """Write syntheses (columns code_id, perspective, meaning, period, text, author) to the
    store; rows without text are skipped. Every problem is reported at once; nothing is
    written when there is one. Returns the number of syntheses written."""
    missing = [c for c in ("code_id", "perspective", "period", "text") if c not in frame.columns]
    if missing:
        raise InputError(f"{source} needs the columns code_id, perspective, period and text; "
                         f"missing: {', '.join(missing)}.")
    rows, problems = [], []
    now = dt.datetime.now().replace(microsecond=0)
    for index, record in enumerate(frame.to_dict("records"), start=1):
        text = _clean(record.get("text"))
        if not text:
            continue
        row = {"code_id": _clean(record.get("code_id")), "perspective": _clean(record.get("perspective")),
               "meaning": _clean(record.get("meaning")) or ALL_MEANINGS, "period": _clean(record.get("period")),
               "text": text, "author": _clean(record.get("author")) or actor, "updated_at": now}
        for key in ("code_id", "perspective"):
            if not row[key]:
                problems.append(f"[row {index}][{key}] must not be empty.")
        if not _PERIOD.match(row["period"]):
            problems.append(f"[row {index}][period] must be a month such as '2024-10'. Got {row['period']!r} instead.")
        rows.append(row)
    if problems:
        raise InputError(format_problems(source, problems))
    if not rows:
        return 0
    table = table_schema("syntheses").coerce(pd.DataFrame(rows))
    with store.transaction() as tx:
        tx.write("syntheses", table, mode="upsert")
        for row in rows:
            tx.audit(actor=actor, action="synthesis.record", entity_type="synthesis",
                     entity_id=f"{row['code_id']}/{row['perspective']}/{row['meaning']}/{row['period']}",
                     details={"author": row["author"]})
    return len(rows)


def write_synthesis_sheet(claims: pd.DataFrame, path: Path | str) -> Path:
    """An .xlsx with one row per claim of the month (``claims``: code_id, perspective,
    meaning, period, theme, draft, synthesis) for the researcher to fill in."""
    path = Path(path)
    sheet = claims.reindex(columns=list(SHEET_COLUMNS)).copy()
    sheet["synthesis"] = sheet["synthesis"].fillna("")
    sheet["author"] = sheet["author"].fillna("")
    path.parent.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        sheet.to_excel(writer, index=False, sheet_name="syntheses")
        columns = writer.sheets["syntheses"].column_dimensions
        for letter, width in zip("ABCDEFGH", (22, 14, 12, 9, 30, 60, 60, 16)):
            columns[letter].width = width
    return path


def read_synthesis_sheet(path: Path | str) -> pd.DataFrame:
    """The filled rows of a synthesis sheet, as rows for :func:`import_syntheses`."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Write it first with the synthesis sheet export.")
    sheet = pd.read_excel(path, sheet_name="syntheses", dtype=str).fillna("")
    missing = [c for c in ("code_id", "perspective", "meaning", "period", "synthesis") if c not in sheet.columns]
    if missing:
        raise InputError(f"{path} is not a synthesis sheet: columns {', '.join(missing)} are missing.")
    filled = sheet[sheet["synthesis"].str.strip() != ""]
    return filled.rename(columns={"synthesis": "text"})[["code_id", "perspective", "meaning", "period", "text",
                                                         "author"]].reset_index(drop=True)


def _clean(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()
