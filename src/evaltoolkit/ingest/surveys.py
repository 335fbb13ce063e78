"""Questionnaire responses as documents, segments-to-be, attributes and questions.

One document per response (``f"{survey_id}-{ResponseId}"``). Closed items (the
``closed_items`` of the survey's spec in evaltoolkit.yaml) become attributes of the
respondent and of the document; every other question column is an open item whose
non-empty answers become blocks (later segments) linked to ``raw_questions``. In a
Qualtrics export a question column that is neither listed nor a text entry (ImportId
ending in ``_TEXT``) is a closed item too, named after its column. Responses without
consent are skipped and counted; so are responses linked to a register participant who
has not consented or has withdrawn.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from evaltoolkit.config import SurveySpec
from evaltoolkit.corpus.blocks import BLOCKS, answer_rows
from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.ingest.exports import DATE_COLUMNS, SurveyExport, read_survey_export
from evaltoolkit.ingest.tables import (
    RAW_ATTRIBUTES,
    RAW_DOCUMENTS,
    RAW_PARTICIPANTS,
    RAW_QUESTIONS,
    SourceTables,
    now,
)
from evaltoolkit.ingest.textfiles import file_hash
from evaltoolkit.store.values import ENTITY_DOCUMENT, ENTITY_PARTICIPANT, ITEM_CLOSED, ITEM_OPEN, KIND_SURVEY


def read_survey(path: Path, *, spec: SurveySpec, participants: pd.DataFrame | None = None,
                source: str | None = None) -> SourceTables:
    """Read one questionnaire export following ``spec``.

    ``participants`` (the register) links responses through ``spec.participant_column``;
    a response whose link is not a registered participant gets the id
    ``f"resp-{survey_id}-{ResponseId}"`` and a ``respondents`` row (role ``respondent``,
    consent from the consent item; a survey without a consent item counts answering as
    consent).
    """
    path = Path(path)
    source = source or str(path)
    export = read_survey_export(path, source=source)
    _check_columns(export, spec, source)
    responses = export.responses
    ids = _response_ids(export)
    _check_duplicates(export, spec, ids, source)
    items = _items(export, spec)
    register = _register_index(participants)
    skipped: Counter[str] = Counter()
    rows = {"documents": [], "blocks": [], "attributes": [], "respondents": []}
    source_hash = file_hash(path)
    for position, record in enumerate(responses.to_dict(orient="records")):
        if spec.consent_item and record[spec.consent_item].strip() != (spec.consent_value or "").strip():
            skipped["no consent in the survey"] += 1
            continue
        link = record.get(spec.participant_column, "").strip() if spec.participant_column else ""
        if link in register and not register[link]:
            skipped["participant without consent or withdrawn in the register"] += 1
            continue
        doc_id = f"{spec.survey_id}-{ids[position]}"
        participant_id = link if link in register else f"resp-{spec.survey_id}-{ids[position]}"
        if participant_id not in register:
            rows["respondents"].append({"participant_id": participant_id, "perspective": spec.perspective,
                                        "role": "respondent", "consent": True})
        _add_response(rows, record, items, spec, doc_id=doc_id, participant_id=participant_id,
                      location=f"row {export.first_row + position}", source=source, source_hash=source_hash)
    documents = RAW_DOCUMENTS.coerce(pd.DataFrame(rows["documents"]))
    return SourceTables(
        documents=documents,
        blocks=BLOCKS.coerce(pd.DataFrame(rows["blocks"], columns=BLOCKS.column_names)),
        attributes=RAW_ATTRIBUTES.coerce(pd.DataFrame(rows["attributes"])),
        questions=_questions(export, spec, items),
        respondents=RAW_PARTICIPANTS.coerce(pd.DataFrame(rows["respondents"])),
        skipped=dict(skipped),
    )


def _add_response(rows: dict, record: dict, items: dict, spec: SurveySpec, *, doc_id: str,
                  participant_id: str, location: str, source: str, source_hash: str) -> None:
    answers = [(column, f"{spec.survey_id}:{column}", record[column], location) for column in items["open"]]
    text, blocks = answer_rows(doc_id, answers)
    rows["blocks"].extend(blocks)
    rows["documents"].append({
        "doc_id": doc_id, "source_path": source, "kind": KIND_SURVEY, "perspective": spec.perspective,
        "collected_on": _response_date(record), "participant_ids": [participant_id],
        "text": text, "content_hash": source_hash, "ingested_at": now(),
    })
    rows["attributes"].append({"entity_type": ENTITY_DOCUMENT, "entity_id": doc_id, "name": "survey_id",
                               "value": spec.survey_id})
    for column, attribute in items["closed"].items():
        value = record[column].strip() or None
        for entity_type, entity_id in ((ENTITY_PARTICIPANT, participant_id), (ENTITY_DOCUMENT, doc_id)):
            rows["attributes"].append({"entity_type": entity_type, "entity_id": entity_id,
                                       "name": attribute, "value": value})


def _check_columns(export: SurveyExport, spec: SurveySpec, source: str) -> None:
    columns = set(export.responses.columns)
    problems = []
    for role, column in (("consent_item", spec.consent_item), ("participant_column", spec.participant_column)):
        if column and column not in columns:
            problems.append(f"[{role}] {column!r} is not a column of the export. Fix surveys -> "
                            f"{spec.survey_id} -> {role} in evaltoolkit.yaml, or export that column too.")
    for column in spec.closed_items:
        if column not in columns:
            problems.append(f"[closed_items -> {column}] {column!r} is not a column of the export. Fix surveys -> "
                            f"{spec.survey_id} -> closed_items in evaltoolkit.yaml.")
    if problems:
        raise InputError(format_problems(source, problems))


def _response_ids(export: SurveyExport) -> list[str]:
    """Response ids: the export's id column, else the spreadsheet row number (``row5``)."""
    if export.response_id_column is None:
        return [f"row{export.first_row + i}" for i in range(len(export.responses))]
    return [value.strip() for value in export.responses[export.response_id_column]]


def _check_duplicates(export: SurveyExport, spec: SurveySpec, ids: list[str], source: str) -> None:
    problems = []
    checks = [(export.response_id_column or "response id", ids)]
    if spec.participant_column:
        checks.append((spec.participant_column, [v.strip() for v in export.responses[spec.participant_column]]))
    for column, values in checks:
        if column == checks[0][0]:
            missing = [export.first_row + i for i, v in enumerate(values) if not v]
            if missing:
                problems.append(f"[{column}] is empty in rows {_rows(missing)}. Every response needs its id: "
                                "export the survey again with the id column.")
        for value, count in Counter(v for v in values if v).items():
            if count > 1:
                rows = [export.first_row + i for i, v in enumerate(values) if v == value]
                problems.append(f"[{column}] the same respondent id appears in rows {_rows(rows)}. Remove the "
                                "duplicate responses (keep the one to analyse) and export again.")
    if problems:
        raise InputError(format_problems(source, problems))


def _rows(rows: list[int]) -> str:
    return ", ".join(str(r) for r in rows[:10]) + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _items(export: SurveyExport, spec: SurveySpec) -> dict:
    """``{"closed": {column: attribute}, "open": [column, ...]}`` in the export's column order."""
    closed: dict[str, str] = {}
    open_items: list[str] = []
    skip = {spec.consent_item, spec.participant_column, export.response_id_column, *spec.ignore_columns}
    for column in export.responses.columns:
        import_id = export.import_ids.get(column, "")
        if column in spec.closed_items:
            closed[column] = spec.closed_items[column]
        elif column in skip or export.is_metadata(column) or "Topics" in import_id or column.endswith("_DO"):
            continue
        elif export.format == "qualtrics" and not import_id.endswith("_TEXT"):
            closed[column] = column
        elif export.format != "qualtrics" and _numeric(export.responses[column]):
            closed[column] = column
        else:
            open_items.append(column)
    return {"closed": closed, "open": open_items}


def _numeric(values: pd.Series) -> bool:
    filled = values[values.str.strip() != ""]
    return bool(len(filled)) and pd.to_numeric(filled, errors="coerce").notna().all()


def _questions(export: SurveyExport, spec: SurveySpec, items: dict) -> pd.DataFrame:
    rows = [{"question_id": f"{spec.survey_id}:{column}", "survey_id": spec.survey_id, "column": column,
             "import_id": export.import_ids.get(column), "text": export.question_texts.get(column, column),
             "item_type": item_type, "attribute": attribute}
            for column in export.responses.columns
            for item_type, attribute in [(ITEM_CLOSED, items["closed"].get(column))
                                         if column in items["closed"] else (ITEM_OPEN, None)]
            if column in items["closed"] or column in items["open"]]
    return RAW_QUESTIONS.coerce(pd.DataFrame(rows))


def _response_date(record: dict):
    for column in DATE_COLUMNS:
        value = pd.to_datetime(record.get(column, ""), errors="coerce")
        if not pd.isna(value):
            return value.date()
    return None


def _register_index(participants: pd.DataFrame | None) -> dict[str, bool]:
    """participant_id -> whether their data may be used (consent given, not withdrawn)."""
    if participants is None:
        return {}
    return {str(row["participant_id"]): bool(row["consent"]) and pd.isna(row["withdrawn_on"])
            for row in participants.to_dict(orient="records")}
