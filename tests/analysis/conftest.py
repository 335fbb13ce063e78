"""Fixtures: the small hand-made study of tests/data/reports/ and its project settings."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "reports"))

from synthetic_study import load_study  # noqa: E402


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
