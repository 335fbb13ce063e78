"""Indicators of a project, from its store and logic model: what `evaltoolkit indicators` calls."""
from __future__ import annotations

import pandas as pd

from evaltoolkit.indicators.compute import compute_indicators
from evaltoolkit.indicators.gaps import save_indicator_values
from evaltoolkit.project.project import Project

DISPLAY_COLUMNS = ("indicator_id", "target", "value", "status", "trend", "n_supporting", "n_challenging")
INDICATOR_TABLES = ("participants", "documents", "segments", "codings", "attributes", "events")


def indicators_for_project(project: Project, *, period: str) -> pd.DataFrame:
    """Compute the logic model's indicators for ``period`` ("2024-10" or "all") from the
    project store, store them in ``indicator_values`` and return the (suppressed) table."""
    config = project.config
    tables = {name: project.store.read(name) for name in INDICATOR_TABLES}
    result = compute_indicators(project.logic_model, periods=period,
                                regions={s.id: s.region or s.id for s in config.sites},
                                valences=project.codebook.valence_polarities(), staff_roles=config.staff_role_ids,
                                min_cell_size=config.privacy.min_cell_size, **tables)
    save_indicator_values(project.store, result.table)
    return result.table
