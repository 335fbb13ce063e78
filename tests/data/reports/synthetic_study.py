"""Load the small hand-made study in this folder as schema-coerced store tables.

Used by tests/analysis, tests/indicators and tests/reports. Every count the tests assert
can be checked by hand against the CSV files here (see README.md in this folder).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
TABLES = ("participants", "documents", "segments", "codings", "attributes", "events", "insights")


def load_study(folder: Path = HERE) -> dict[str, pd.DataFrame]:
    """``{table: DataFrame}`` with every declared column (NA where the CSV has none)."""
    from evaltoolkit.store import table_schema

    tables = {}
    for name in TABLES:
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False).replace({"": pd.NA})
        if name == "participants":
            frame["consent"] = frame["consent"].map({"true": True, "false": False})
        if name == "documents":
            frame = frame.assign(text="", content_hash="x", pseudonymiser_version="test",
                                 pseudonymised_at=dt.datetime(2024, 11, 1))
        if name == "segments":
            frame = frame.assign(start_char=0, end_char=frame["text"].str.len(), content_hash="x")
        tables[name] = table_schema(name).validate(frame, where=f"{name}.csv")
    return tables


def install_privacy_contract_if_missing() -> None:
    """Until ``evaltoolkit.privacy.suppress_small_cells`` exists, give the tests the
    contract of docs/data-contracts.md (cells below the threshold become NA, with notes).
    Once the privacy package provides it, this does nothing and its version is tested."""
    import evaltoolkit.privacy as privacy

    if hasattr(privacy, "suppress_small_cells"):
        return
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class SuppressedTable:
        table: pd.DataFrame
        notes: tuple

    def suppress_small_cells(table, *, min_cell_size, count_columns=None):
        out = table.copy()
        columns = list(count_columns) if count_columns is not None else list(
            out.select_dtypes("number").columns)
        notes = []
        for column in columns:
            small = out[column].notna() & (out[column] > 0) & (out[column] < min_cell_size)
            if small.any():
                out.loc[small, column] = pd.NA
                notes.append(f"{int(small.sum())} cells of {column} below {min_cell_size} suppressed.")
        return SuppressedTable(table=out, notes=tuple(notes))

    privacy.SuppressedTable = SuppressedTable
    privacy.suppress_small_cells = suppress_small_cells
