"""Fixtures: the small hand-made study of tests/data/reports/ and its project settings."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "reports"))

from synthetic_study import perspectives, roles, rounds, study  # noqa: E402,F401  (fixtures)
