"""The project's own bookkeeping files: the participant register, the manifest of source
files, and the programme events (formats in ``docs/data-contracts.md``).

Problems are reported all at once, pointing at rows as numbered in a spreadsheet (the
header is row 1). Messages name ids and columns, never a participant's name.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError, did_you_mean, format_problems
from evaltoolkit.ingest.textfiles import numbered_csv_rows
from evaltoolkit.store.schema import ColumnSpec, TableSchema, table_schema
from evaltoolkit.store.values import DOCUMENT_KINDS

KINDS = DOCUMENT_KINDS
REGISTER_COLUMNS = ("participant_id", "full_name", "name_variants", "speaker_labels", "perspective", "role",
                    "site", "family_id", "consent", "consent_date", "withdrawn_on", "languages", "notes")
MANIFEST = TableSchema(
    name="manifest",
    columns=tuple(ColumnSpec(name, "string", name not in ("file", "kind")) for name in (
        "file", "doc_id", "kind", "perspective", "site", "round", "collected_on", "language",
        "translated_from", "interpreter_id", "participant_ids", "title", "survey_id")) + (
        ColumnSpec("row", "Int64", False),),      # spreadsheet row of the entry, for messages
    key=("row",),
)
EVENTS_COLUMNS = ("event_id", "kind", "site", "occurred_on", "count", "description")
_YES = {"yes": True, "ja": True, "y": True, "true": True, "1": True,
        "no": False, "nee": False, "n": False, "false": False, "0": False}
DOC_ID_RE = re.compile(r"^[a-z0-9_-]+$")


def _read_table(path: Path, required: tuple[str, ...], what: str) -> pd.DataFrame:
    """The file's rows under its header; rows whose first cell starts with ``#`` are comments
    (``evaltoolkit init`` writes one commented example row) and are skipped."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Create the {what} (see docs/data-contracts.md for its "
                         "columns), e.g. with `evaltoolkit init`.")
    rows = numbered_csv_rows(path, source=str(path), comments=True)
    if not rows:
        raise InputError(f"{path}: the {what} has no header row. Add the header row "
                         "(see docs/data-contracts.md for its columns).")
    header = [cell.strip() for cell in rows[0][1]]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"{path}: the {what} has no column {', '.join(missing)} (columns: {', '.join(header)}). "
                         "Add the column to the header row.")
    width = len(header)
    frame = pd.DataFrame([[c.strip() for c in (row + [""] * width)[:width]] for _, row in rows[1:]], columns=header)
    frame.insert(0, "row", pd.array([number for number, _ in rows[1:]], dtype="int64"))
    return frame.replace("", pd.NA)


def read_register(path: Path, *, roles: Sequence[str], perspectives=None, sites=None) -> pd.DataFrame:
    """The participant register as a ``raw_participants`` table.

    ``roles`` are the valid role ids (``config.role_ids``). ``name_variants`` and
    ``speaker_labels`` (``;``-separated in the file) become lists. With
    ``perspectives``/``sites`` (ids from the config) their values are checked.
    """
    frame = _read_table(path, ("participant_id", "role", "consent"), "participant register")
    problems = []
    for record in frame.to_dict(orient="records"):
        where = f"[row {record['row']}]"
        if pd.isna(record["participant_id"]):
            problems.append(f"{where} participant_id is empty. Give every participant an id such as HV01.")
        if pd.isna(record["role"]) or record["role"] not in roles:
            problems.append(f"{where} role {_shown(record['role'])} is not a role of evaltoolkit.yaml "
                            f"(roles: {', '.join(roles) or 'none declared'}).{_nearest(record['role'], roles)} "
                            "Correct the row or declare the role under roles:.")
        if str(record["consent"]).lower() not in _YES:
            problems.append(f"{where} consent {_shown(record['consent'])} must be yes or no.")
        for column, valid in (("perspective", perspectives), ("site", sites)):
            value = record.get(column)
            if valid is not None and not pd.isna(value) and value not in valid:
                problems.append(f"{where} {column} {value!r} is not one of {', '.join(valid)} "
                                "(evaltoolkit.yaml), or leave it empty.")
        problems.extend(_date_problems(record, ("consent_date", "withdrawn_on"), where))
    for participant_id, rows in frame.groupby("participant_id")["row"]:
        if len(rows) > 1:
            problems.append(f"[rows {', '.join(map(str, rows))}] participant_id {participant_id!r} is used twice.")
    if problems:
        raise InputError(format_problems(str(path), problems))
    for column in ("name_variants", "speaker_labels"):
        values = frame[column] if column in frame else pd.Series(pd.NA, index=frame.index)
        frame[column] = pd.Series([[v.strip() for v in str(value).split(";") if v.strip()]
                                   if not pd.isna(value) else None for value in values],
                                  index=frame.index, dtype="object")
    frame["consent"] = [_YES[str(value).lower()] for value in frame["consent"]]
    return table_schema("raw_participants").validate(frame, where=str(path))


def read_manifest(path: Path) -> pd.DataFrame:
    """The manifest (one row per source file) as the :data:`MANIFEST` table. Only its
    structure is checked here; :func:`manifest_problems` checks each entry."""
    frame = _read_table(path, ("file", "kind"), "manifest")
    return MANIFEST.coerce(frame)


def manifest_problems(entry: dict, *, perspectives, sites, rounds, surveys, participants: set[str]) -> list[str]:
    """What is wrong with one manifest entry (a row of :func:`read_manifest`), as sentences."""
    problems = []
    kind = entry["kind"]
    if kind not in KINDS:
        problems.append(f"kind {_shown(kind)} is not a kind. Kinds: {', '.join(KINDS)}.")
    if kind == "survey":
        if pd.isna(entry["survey_id"]) or entry["survey_id"] not in surveys:
            problems.append(f"survey_id {_shown(entry['survey_id'])} is not a survey of evaltoolkit.yaml "
                            f"(surveys: {', '.join(surveys) or 'none'}). Add it under surveys:.")
    elif pd.isna(entry["doc_id"]) or not DOC_ID_RE.match(str(entry["doc_id"])):
        problems.append(f"doc_id {_shown(entry['doc_id'])} must be set and use only a-z, 0-9, _ and -.")
    for column, valid in (("perspective", perspectives), ("site", sites), ("round", rounds)):
        if not pd.isna(entry[column]) and entry[column] not in valid:
            problems.append(f"{column} {entry[column]!r} is not one of {', '.join(valid)} (evaltoolkit.yaml).")
    problems.extend(_date_problems(entry, ("collected_on",), ""))
    people = split_ids(entry["participant_ids"]) + split_ids(entry["interpreter_id"])
    unknown = [p for p in people if p not in participants]
    if unknown:
        problems.append(f"participant ids {', '.join(unknown)} are not in the register. Add them to "
                        "register.csv or correct participant_ids/interpreter_id.")
    return [p.strip() for p in problems]


def split_ids(value) -> list[str]:
    """Ids from a ``;``- or ``,``-separated manifest cell (``"HV01;HV02"``)."""
    if value is None or pd.isna(value):
        return []
    return [part.strip() for part in re.split(r"[;,]", str(value)) if part.strip()]


def read_events(path: Path, *, event_kinds: Sequence[str]) -> pd.DataFrame:
    """Programme events (``events.csv``) as an ``events`` table; every problem at once.

    ``event_kinds`` are the valid kinds (``config.event_kind_ids``).
    """
    frame = _read_table(path, EVENTS_COLUMNS[:5], "events file")
    problems = []
    for record in frame.to_dict(orient="records"):
        where = f"[row {record['row']}]"
        if pd.isna(record["event_id"]):
            problems.append(f"{where} event_id is empty.")
        if pd.isna(record["kind"]) or record["kind"] not in event_kinds:
            problems.append(f"{where} kind {_shown(record['kind'])} is not an event kind of evaltoolkit.yaml "
                            f"(event kinds: {', '.join(event_kinds) or 'none declared'})."
                            f"{_nearest(record['kind'], event_kinds)} "
                            "Correct the row or declare the kind under event_kinds:.")
        if pd.isna(record["occurred_on"]):
            problems.append(f"{where} occurred_on is empty; give the date as YYYY-MM-DD.")
        problems.extend(_date_problems(record, ("occurred_on",), where))
        if not str(record["count"]).isdigit():
            problems.append(f"{where} count {_shown(record['count'])} must be a whole number of 0 or more.")
    for event_id, rows in frame.groupby("event_id")["row"]:
        if len(rows) > 1:
            problems.append(f"[rows {', '.join(map(str, rows))}] event_id {event_id!r} is used twice.")
    if problems:
        raise InputError(format_problems(str(path), problems))
    return table_schema("events").validate(frame, where=str(path))


def _date_problems(record: dict, columns: tuple[str, ...], where: str) -> list[str]:
    problems = []
    for column in columns:
        value = record.get(column)
        if value is None or pd.isna(value):
            continue
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            problems.append(f"{where} {column} {value!r} is not a date; write it as YYYY-MM-DD.")
    return problems


def _nearest(value, options) -> str:
    return "" if value is None or pd.isna(value) else did_you_mean(str(value), options)


def _shown(value) -> str:
    return "(empty)" if value is None or pd.isna(value) else repr(value)
