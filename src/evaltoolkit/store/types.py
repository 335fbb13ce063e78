"""Column types of the store: list columns are JSON text in the database and lists in Python.

A list column (``participant_ids``, ``top_terms``, ...) is declared ``Column(name, JSONList)``.
The database keeps the JSON text it always kept (``["HV01", "SP07"]``), so stores made by
older versions read back unchanged; reads give Python lists, writes take lists (or tuples),
and DataFrames hold lists in an object column (NULL reads back as None).

:func:`parse_json_list` and :func:`dump_json_list` are the one parser and serialiser, for
the few places that read or write that text outside the store (CSV files, exports).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import Text
from sqlalchemy.types import TypeDecorator

from evaltoolkit.errors import SchemaError


class JSONList(TypeDecorator):
    """A list stored as JSON text (``TEXT`` in the database)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if _missing(value) else dump_json_list(value)

    def process_result_value(self, value, dialect):
        return None if value is None else parse_json_list(value)


def dump_json_list(values: Iterable[Any]) -> str:
    """``["a", "b"]``: the stored text of a list (tuples become lists; non-ASCII kept as is)."""
    if isinstance(values, str):
        raise SchemaError(f"a list column needs a list of values, not a string. Got {len(values)} characters "
                          "instead; wrap a single value in a list.")
    return json.dumps([list(v) if isinstance(v, tuple) else v for v in values], ensure_ascii=False)


def parse_json_list(text: str, *, where: str = "a list column") -> list:
    """The list a JSON text holds; an empty or blank text is the empty list.

    Raises :class:`SchemaError` naming ``where`` (never the text, which may hold names).
    """
    if not str(text).strip():
        return []
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list):
        raise SchemaError(f"{where} must hold a JSON list such as [\"a\", \"b\"]; "
                          f"its text ({len(str(text))} characters) is not one.")
    return value


def as_list(value: Any, *, where: str = "a list column") -> list | None:
    """A cell of a list column as a list: lists and tuples as they are, JSON text parsed,
    missing values (None, NA, NaN) as None."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if _missing(value):
        return None
    if isinstance(value, str):
        return parse_json_list(value, where=where)
    if hasattr(value, "tolist"):          # a numpy array
        return list(value.tolist())
    raise SchemaError(f"{where} must hold a list. Got a {type(value).__name__} instead.")


def list_cell(value: Any, *, where: str = "a list column") -> list:
    """A cell of a list column as a list, a missing value as ``[]``: what a consumer iterates over.

    Takes what a store read gives (a list or None) and, for frames built by hand or read
    from a CSV file, JSON list text.
    """
    return as_list(value, where=where) or []


def _missing(value: Any) -> bool:
    if isinstance(value, (list, tuple, str)) or hasattr(value, "tolist"):
        return False
    return value is None or bool(pd.isna(value))
