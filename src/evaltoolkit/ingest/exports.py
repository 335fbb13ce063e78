"""Survey exports as one uniform table: Qualtrics CSV/XLSX (three header rows), legacy
Qualtrics CSV/XLSX (two header rows, ``V1..V10`` columns), generic one-header CSV/XLSX
(KoboToolbox and the like) and SPSS .sav.

Columns holding personal data that the survey tool added (IP address, recipient or
respondent names and e-mail, location) are dropped here by name, in every layout, at the
door, before anything else sees them. Header rows are never responses: an export whose
header rows were cut or that mixes layouts is refused with the layout it looks like.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.ingest.textfiles import read_csv_rows

SURVEY_SUFFIXES = (".csv", ".xlsx", ".sav")
# Qualtrics metadata columns that hold personal data, by column name and by ImportId.
PERSONAL_COLUMNS = frozenset({"IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                              "LocationLatitude", "LocationLongitude", "LocationAccuracy",
                              # the legacy layout's V-columns: respondent name and e-mail
                              "Name", "EmailAddress"})
PERSONAL_IMPORT_IDS = frozenset(name[0].lower() + name[1:] for name in PERSONAL_COLUMNS) | {"ipAddress"}
# KoboToolbox / ODK metadata that identifies a person or their device.
PERSONAL_GENERIC = frozenset({"deviceid", "subscriberid", "simserial", "phonenumber", "username",
                              "_submitted_by", "_geolocation", "imei"})
QUALTRICS_METADATA = ("StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished",
                      "RecordedDate", "ResponseId", "ExternalReference", "DistributionChannel", "UserLanguage")
GENERIC_METADATA = frozenset({"start", "end", "today", "_id", "_uuid", "_submission_time", "_index",
                              "_validation_status", "_notes", "_status", "_tags", "__version__", "meta/instanceID"})
# The legacy layout (Qualtrics before 2017): row 1 V1..V10 then question ids (Q1, Q2_1,
# ...), row 2 the metadata names and question texts, responses from row 3.
LEGACY_COLUMN_RE = re.compile(r"^V\d+$")
LEGACY_METADATA = frozenset({"ResponseId", "ResponseSet", "ExternalDataReference", "Status", "StartDate",
                             "EndDate", "Finished", "LocationAccuracy"})
RESPONSE_ID_COLUMNS = ("ResponseId", "_uuid", "_id", "response_id", "respondent_id")
DATE_COLUMNS = ("RecordedDate", "EndDate", "StartDate", "_submission_time", "end", "today")


@dataclass(frozen=True)
class SurveyExport:
    """One survey export, personal-data columns already dropped.

    ``responses`` holds one row per response, every value a string ("" when empty);
    ``question_texts`` and ``import_ids`` map columns to the question wording and (for
    Qualtrics) the ImportId; ``first_row`` is the spreadsheet row number of the first
    response, so messages can point at rows as a researcher sees them in Excel.
    """

    format: str                      # qualtrics, qualtrics_legacy, generic or spss
    responses: pd.DataFrame
    question_texts: dict[str, str]
    import_ids: dict[str, str]
    first_row: int
    response_id_column: str | None
    dropped: tuple[str, ...]
    metadata: frozenset[str] = field(default_factory=frozenset)   # columns known to be the tool's

    def is_metadata(self, column: str) -> bool:
        """A column the survey tool added (dates, progress, ids), not a question."""
        if self.format == "qualtrics_legacy":
            return column in self.metadata
        if self.format == "qualtrics":
            return not self.import_ids.get(column, "").startswith("QID")
        return column in GENERIC_METADATA or column in QUALTRICS_METADATA or column.startswith("_")


def read_survey_export(path: Path, *, source: str | None = None) -> SurveyExport:
    """Read a survey export, detecting a Qualtrics export by its header rows."""
    path = Path(path)
    source = source or str(path)
    suffix = path.suffix.lower()
    if suffix == ".sav":
        return _from_sav(path, source)
    if suffix not in SURVEY_SUFFIXES:
        raise InputError(f"{source}: cannot read {suffix or 'a file without extension'} as a survey export. "
                         f"Export it as one of {', '.join(SURVEY_SUFFIXES)}.")
    rows = read_csv_rows(path, source=source) if suffix == ".csv" else _xlsx_rows(path, source)
    if not rows:
        raise InputError(f"{source}: the export has no rows. Export the survey again.")
    header = [cell.strip() for cell in rows[0]]
    if _import_ids(rows[2] if len(rows) > 2 else []):
        return _from_qualtrics(header, rows, source)
    if sum(bool(LEGACY_COLUMN_RE.match(c)) for c in header) >= 5:
        return _from_legacy_qualtrics(header, rows, source)
    qualtrics_like = [c for c in QUALTRICS_METADATA if c in header]
    if len(qualtrics_like) >= 3:
        raise InputError(
            f"{source} looks like a Qualtrics export (columns {', '.join(qualtrics_like[:4])}) but its "
            "second and third rows are not the question texts and the ImportId row. Export it again from "
            "Qualtrics (Data & Analysis > Export > CSV or Excel) and do not remove the header rows."
        )
    return _build("generic", header, rows[1:], {c: c for c in header}, {}, first_row=2, source=source)


def _import_ids(row: list[str]) -> dict[int, str]:
    found = {}
    for index, cell in enumerate(row):
        try:
            value = json.loads(cell) if cell.strip().startswith("{") else None
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict) and "ImportId" in value:
            found[index] = str(value["ImportId"])
    return found if len(found) >= max(1, len([c for c in row if c.strip()]) // 2) else {}


def _from_qualtrics(header: list[str], rows: list[list[str]], source: str) -> SurveyExport:
    if "ResponseId" not in header:
        shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
        raise InputError(
            f"{source} looks like a Qualtrics export but has no ResponseId column (columns: {shown}). "
            "Export it again from Qualtrics with all metadata columns, or add the ResponseId column back."
        )
    import_ids = {header[i]: value for i, value in _import_ids(rows[2]).items() if i < len(header)}
    texts = {column: (rows[1][i].strip() if i < len(rows[1]) else "") or column
             for i, column in enumerate(header)}
    return _build("qualtrics", header, rows[3:], texts, import_ids, first_row=4, source=source)


def _from_legacy_qualtrics(header: list[str], rows: list[list[str]], source: str) -> SurveyExport:
    """The legacy layout: V-columns take their names from row 2, question columns keep
    their ids (Q1, Q2_1) with row 2 as the wording; responses start on row 3."""
    names = [cell.strip() for cell in rows[1]] if len(rows) > 1 else []
    if "ResponseID" not in names and "ResponseId" not in names:
        raise InputError(
            f"{source} looks like a legacy Qualtrics export (columns {', '.join(header[:3])}, ...) but its second "
            "row does not name the columns (no ResponseID). Export it again from Qualtrics without removing the "
            "header rows, or as a current export (Data & Analysis > Export, CSV or Excel).")
    width = max(len(header), len(names))
    header, names = header + [""] * (width - len(header)), names + [""] * (width - len(names))
    columns, texts, metadata = [], {}, set()
    for column, name in zip(header, names):
        if LEGACY_COLUMN_RE.match(column) or (name == column and column) or (not column and name):
            column = "ResponseId" if name == "ResponseID" else name   # a metadata column: its real name
            metadata.add(column)
        columns.append(column)
        texts[column] = name or column
    keep = [i for i, column in enumerate(columns) if column]    # Excel's trailing empty column
    data = [[row[i] if i < len(row) else "" for i in keep] for row in rows[2:]]
    columns = [columns[i] for i in keep]
    export = _build("qualtrics_legacy", columns, data, texts, {}, first_row=3, source=source)
    return SurveyExport(**{**export.__dict__, "metadata": frozenset(metadata | LEGACY_METADATA)})


def _build(fmt: str, header: list[str], data: list[list[str]], texts: dict[str, str],
           import_ids: dict[str, str], *, first_row: int, source: str) -> SurveyExport:
    duplicated = sorted({c for c in header if header.count(c) > 1 and c})
    if duplicated:
        raise InputError(f"{source}: the columns {', '.join(duplicated)} appear more than once in the header "
                         "row. Give every column its own name and export again.")
    width = len(header)
    repeated = [first_row + i for i, row in enumerate(data)
                if [c.strip() for c in (row + [""] * width)[:width]] == header]
    if repeated:
        raise InputError(f"{source}: rows {', '.join(map(str, repeated[:10]))} repeat the header row ({fmt} "
                         "layout); a header row is never a response. Remove those rows, or export the survey "
                         "again in one piece.")
    personal = [c for c in header if _is_personal(c, import_ids.get(c, ""))]
    frame = pd.DataFrame([(row + [""] * width)[:width] for row in data], columns=header, dtype="string")
    frame = frame.drop(columns=personal).fillna("")
    for column in personal:       # their wording is no use without them, and is metadata
        texts.pop(column, None)
        import_ids.pop(column, None)
    id_column = next((c for c in RESPONSE_ID_COLUMNS if c in frame.columns), None)
    return SurveyExport(format=fmt, responses=frame, question_texts=texts, import_ids=import_ids,
                        first_row=first_row, response_id_column=id_column, dropped=tuple(personal))


def _is_personal(column: str, import_id: str) -> bool:
    return (column in PERSONAL_COLUMNS or column.lower() in PERSONAL_GENERIC
            or import_id.lower() in {i.lower() for i in PERSONAL_IMPORT_IDS})


def _xlsx_rows(path: Path, source: str) -> list[list[str]]:
    try:
        sheet = pd.read_excel(path, header=None, dtype=str, sheet_name=0, engine="openpyxl")
    except Exception:  # openpyxl raises zipfile, KeyError and XML errors on damaged files
        raise InputError(f"{source}: not a readable .xlsx file (it is damaged, or not an Excel workbook). "
                         "Open it in Excel and save it again as .xlsx, or export the survey as CSV.") from None
    rows = sheet.fillna("").astype(str).values.tolist()
    return [row for row in rows if any(cell.strip() for cell in row)]


def _from_sav(path: Path, source: str) -> SurveyExport:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=True)
    except Exception:  # pyreadstat raises its own ReadstatError and OSError
        raise InputError(f"{source}: not a readable SPSS .sav file. Export it again from SPSS or the "
                         "survey tool.") from None
    header = list(frame.columns)
    data = [[_cell(value) for value in row] for row in frame.itertuples(index=False)]
    texts = {c: (meta.column_names_to_labels.get(c) or c) for c in header}
    return _build("spss", header, data, texts, {}, first_row=1, source=source)


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
