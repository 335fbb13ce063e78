"""Load the small hand-made study in this folder as schema-coerced store tables.

Used by tests/analysis, tests/indicators and tests/reports. Every count the tests assert
can be checked by hand against the CSV files here (see README.md in this folder).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

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


# Fixtures shared by tests/analysis, tests/indicators and tests/reports (imported by their conftest).
@pytest.fixture(scope="session")
def study():
    return load_study()


@pytest.fixture(scope="session")
def perspectives():
    from evaltoolkit.config import Perspective

    return (
        Perspective("hervestiger", "Hervestigers", "Resettled refugees", "Hervestiger", "Resettled refugee"),
        Perspective("sponsor", "Sponsoren", "Sponsors", "Sponsor", "Sponsor"),
        Perspective("teamleider", "Teamleiders", "Team leaders", "Teamleider", "Team leader"),
        Perspective("gemeente", "Gemeenten", "Municipalities", "Gemeentemedewerker", "Municipal officer"),
    )


@pytest.fixture(scope="session")
def rounds():
    from evaltoolkit.config import Round

    return (
        Round("r1", "1e ronde dataverzameling", "first round of data collection",
              dt.date(2024, 6, 1), dt.date(2024, 7, 31)),
        Round("r2", "2e ronde dataverzameling", "second round of data collection",
              dt.date(2024, 10, 1), dt.date(2024, 11, 30)),
    )
