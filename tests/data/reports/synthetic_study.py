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
#: The valence codes of the codebook these tables were coded with (tests/reports/conftest.py).
VALENCE_IDS = ("meerwaarde", "uitdaging", "reden", "voorwaarde")
POSITIVE, NEGATIVE = ("meerwaarde",), ("uitdaging",)
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
        Perspective("hervestiger", "Hervestigers", "Resettled refugees", "Hervestiger", "Resettled refugee",
                    attribution="round"),
        Perspective("sponsor", "Sponsoren", "Sponsors", "Sponsor", "Sponsor", attribution="round"),
        Perspective("teamleider", "Teamleiders", "Team leaders", "Teamleider", "Team leader",
                    meeting_label_nl="teamleidersmeeting", meeting_label_en="team leader meeting"),
        Perspective("gemeente", "Gemeenten", "Municipalities", "Gemeentemedewerker", "Municipal officer"),
    )


@pytest.fixture(scope="session")
def roles(perspectives):
    from evaltoolkit.config import Role

    by_id = {p.id: p for p in perspectives}

    def of(role_id, perspective):
        p = by_id[perspective]
        return Role(role_id, p.role_label_nl, p.role_label_en, perspective=perspective)

    return (
        of("refugee", "hervestiger"), of("sponsor", "sponsor"),
        Role("stopped_sponsor", "Gestopte sponsor", "Former sponsor", perspective="sponsor"),
        of("team_leader", "teamleider"), of("municipal_officer", "gemeente"),
        Role("interviewer", "Interviewer", "Interviewer", function="interviewer", staff=True, numbered=False),
        Role("interpreter", "Tolk", "Interpreter", function="interpreter", staff=True, numbered=False),
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
