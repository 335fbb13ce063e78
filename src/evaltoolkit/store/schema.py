"""DataFrame schemas derived from the store's table declarations.

A :class:`TableSchema` lists a table's columns with their pandas dtypes, allowed values
and key, and validates a DataFrame at a stage boundary, reporting every problem at once.
List columns (``JSONList``) have the dtype ``"list"``: an object column of Python lists.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Table

from evaltoolkit.errors import SchemaError, format_problems
from evaltoolkit.store.tables import PROJECT_TABLES, RAW_TABLES
from evaltoolkit.store.types import JSONList, as_list

LIST = "list"   # the dtype of a list column: an object column holding lists (None where missing)


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    dtype: str          # pandas dtype used for the column in DataFrames
    nullable: bool
    allowed: tuple[str, ...] | None = None   # the values an enumerated column may hold
    max_length: int | None = None            # VARCHAR(n): PostgreSQL refuses longer text, SQLite would not


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def empty(self) -> pd.DataFrame:
        """A DataFrame with every declared column and no rows."""
        return self._empty.copy()

    @cached_property
    def _empty(self) -> pd.DataFrame:
        # Built once: constructing typed columns costs ~15 ms, and stages ask for empty tables often.
        index = pd.RangeIndex(0)
        return pd.DataFrame({c.name: _missing_column(index, c.dtype) for c in self.columns}, index=index)

    def coerce(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return ``frame`` with every declared column present (NA where missing),
        in declared order and dtype; extra columns are dropped."""
        if len(frame) == 0:
            return self.empty()
        index = pd.RangeIndex(len(frame))
        columns = {}
        for column in self.columns:
            if column.name in frame.columns:
                columns[column.name] = _as_dtype(frame[column.name].reset_index(drop=True), column.dtype)
            else:
                columns[column.name] = _missing_column(index, column.dtype)
        return pd.DataFrame(columns, index=index)

    def validate(self, frame: pd.DataFrame, *, where: str | None = None) -> pd.DataFrame:
        """Check columns, nulls, allowed values, list cells and key uniqueness; raise one
        SchemaError listing all problems.

        Returns the coerced frame, so callers can write ``df = SCHEMA.validate(df)``.
        """
        where = where or f"table {self.name!r}"
        problems = []
        missing = [c.name for c in self.columns if c.name not in frame.columns and not c.nullable]
        for name in missing:
            problems.append(f"[{name}] required column is missing.")
        bad_lists = self._list_problems(frame)
        problems.extend(bad_lists)
        if not missing and not bad_lists:
            coerced = self.coerce(frame)
            problems.extend(self._value_problems(coerced))
            problems.extend(self._length_problems(coerced))
            for column in self.columns:
                if not column.nullable:
                    null_rows = coerced.index[coerced[column.name].isna()].tolist()
                    if null_rows:
                        problems.append(
                            f"[{column.name}] must not be empty; empty in rows {_rows(null_rows)}."
                        )
            if self.key and len(coerced):
                duplicated = coerced.duplicated(list(self.key), keep=False)
                if duplicated.any():
                    problems.append(
                        f"[{', '.join(self.key)}] key must be unique; repeated in rows "
                        f"{_rows(coerced.index[duplicated].tolist())}."
                    )
        if problems:
            raise SchemaError(format_problems(where, problems))
        return coerced

    def _value_problems(self, coerced: pd.DataFrame) -> list[str]:
        """One problem per enumerated column holding values it does not allow."""
        problems = []
        for column in self.columns:
            if column.allowed is None:
                continue
            values = coerced[column.name]
            bad = values.notna() & ~values.isin(column.allowed)
            if bad.any():
                # The values are the toolkit's vocabulary or a typo of it, never participant text.
                shown = ", ".join(repr(v) for v in dict.fromkeys(values[bad]))
                problems.append(
                    f"[{column.name}] {shown} not allowed in rows {_rows(coerced.index[bad].tolist())}. "
                    f"Allowed: {', '.join(column.allowed)}."
                )
        return problems

    def _length_problems(self, coerced: pd.DataFrame) -> list[str]:
        """One problem per VARCHAR(n) column with longer values: checked here so SQLite and
        PostgreSQL refuse the same rows (the values are ids and labels; they are not shown)."""
        problems = []
        for column in self.columns:
            if column.max_length is None or column.dtype != "string":
                continue
            values = coerced[column.name]
            bad = values.notna() & (values.str.len() > column.max_length)
            if bad.any():
                problems.append(f"[{column.name}] longer than {column.max_length} characters in rows "
                                f"{_rows(coerced.index[bad].tolist())}. Use a shorter id or label.")
        return problems

    def _list_problems(self, frame: pd.DataFrame) -> list[str]:
        """One problem per list column with cells that are not lists (nor JSON list text)."""
        problems = []
        for column in self.columns:
            if column.dtype != LIST or column.name not in frame.columns:
                continue
            bad = []
            for row, value in enumerate(frame[column.name]):
                try:
                    as_list(value)
                except SchemaError:
                    bad.append(row)
            if bad:
                problems.append(f"[{column.name}] must hold lists (or JSON list text); not in rows {_rows(bad)}.")
        return problems


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _dtype_of(sql_type) -> str:
    if isinstance(sql_type, JSONList):
        return LIST
    if isinstance(sql_type, Boolean):
        return "boolean"
    if isinstance(sql_type, Integer):
        return "Int64"
    if isinstance(sql_type, Float):
        return "Float64"
    if isinstance(sql_type, DateTime):
        return "datetime64[ns]"
    if isinstance(sql_type, Date):
        return "date"   # python datetime.date objects in an object column
    return "string"


def _missing_column(index: pd.RangeIndex, dtype: str) -> pd.Series:
    if dtype in ("date", LIST):
        return pd.Series([None] * len(index), index=index, dtype="object")
    if dtype == "datetime64[ns]":
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    return pd.Series(pd.NA, index=index, dtype=dtype)


def _as_dtype(series: pd.Series, dtype: str) -> pd.Series:
    if dtype == LIST:
        return pd.Series([as_list(v) for v in series], index=series.index, dtype="object")
    if dtype == "date":
        if series.empty:
            return series.astype("object")
        values = pd.to_datetime(series, errors="coerce")
        return pd.Series(
            [v.date() if not pd.isna(v) else None for v in values], index=series.index, dtype="object"
        )
    if str(series.dtype) == dtype:
        return series
    if dtype == "datetime64[ns]":
        return pd.to_datetime(series, errors="coerce").astype("datetime64[ns]")
    if dtype == "boolean":
        return series.astype("boolean")
    if dtype in ("Int64", "Float64"):
        return pd.to_numeric(series, errors="coerce").astype(dtype)
    return series.astype("string")


def _schema_from_table(table: Table) -> TableSchema:
    columns = tuple(
        ColumnSpec(
            name=c.name,
            dtype=_dtype_of(c.type),
            # an autoincrement key is filled in by the database
            nullable=(bool(c.nullable) and not c.primary_key) or c.autoincrement is True,
            allowed=c.info.get("allowed"),
            max_length=getattr(c.type, "length", None),
        )
        for c in table.columns
    )
    key = tuple(c.name for c in table.primary_key.columns if c.autoincrement is not True)
    return TableSchema(name=table.name, columns=columns, key=key)


SCHEMAS: dict[str, TableSchema] = {
    name: _schema_from_table(table) for name, table in {**RAW_TABLES, **PROJECT_TABLES}.items()
}


def table_schema(name: str) -> TableSchema:
    """The declared schema of a store table, e.g. ``table_schema("segments")``."""
    try:
        return SCHEMAS[name]
    except KeyError:
        raise SchemaError(
            f"{name!r} is not a table of evaltoolkit. Tables: {', '.join(sorted(SCHEMAS))}."
        ) from None
