"""What a reader returns: the tables found in one source file, nothing written yet."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from evaltoolkit.corpus.blocks import BLOCKS
from evaltoolkit.store.schema import table_schema

RAW_DOCUMENTS = table_schema("raw_documents")
RAW_PARTICIPANTS = table_schema("raw_participants")
RAW_ATTRIBUTES = table_schema("raw_attributes")
RAW_QUESTIONS = table_schema("raw_questions")


@dataclass(frozen=True)
class SourceTables:
    """The tables a reader found in one source file.

    ``documents`` has ``raw_documents`` columns (metadata the file itself does not hold,
    such as site or round, is NA until the manifest fills it in); ``blocks`` the layout
    of each document's text (:data:`evaltoolkit.corpus.BLOCKS`); surveys add
    ``attributes``, ``questions``, ``respondents`` (``raw_participants`` rows for
    respondents not in the register) and ``skipped`` (responses left out, by reason).
    """

    documents: pd.DataFrame
    blocks: pd.DataFrame = field(default_factory=lambda: _empty("blocks"))
    attributes: pd.DataFrame = field(default_factory=lambda: _empty("raw_attributes"))
    questions: pd.DataFrame = field(default_factory=lambda: _empty("raw_questions"))
    respondents: pd.DataFrame = field(default_factory=lambda: _empty("raw_participants"))
    skipped: dict[str, int] = field(default_factory=dict)


@cache
def _empty_table(name: str) -> pd.DataFrame:
    return BLOCKS.empty() if name == "blocks" else table_schema(name).empty()


def _empty(name: str) -> pd.DataFrame:
    """An empty table with declared columns (built once: coercing is slow; copies are not)."""
    return _empty_table(name).copy()


def document_row(*, doc_id: str, path: Path, source: str, kind: str, text: str) -> pd.DataFrame:
    """A one-row ``raw_documents`` table for a document read from ``path``."""
    from evaltoolkit.ingest.textfiles import file_hash

    return RAW_DOCUMENTS.coerce(pd.DataFrame([{
        "doc_id": doc_id, "source_path": source, "kind": kind, "text": text,
        "content_hash": file_hash(path), "ingested_at": now(),
    }]))


def now() -> dt.datetime:
    """The current UTC time without time zone (how the stores keep times)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
