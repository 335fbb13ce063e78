"""Indicators of a project, from its store and logic model: what `evaltoolkit indicators` calls."""
from __future__ import annotations

import pandas as pd

from evaltoolkit.indicators.compute import compute_indicators
from evaltoolkit.indicators.gaps import save_indicator_values
from evaltoolkit.indicators.model import load_logic_model

DISPLAY_COLUMNS = ("indicator_id", "target", "value", "status", "trend", "n_supporting", "n_challenging")


def indicators_for_project(config, *, period: str) -> pd.DataFrame:
    """Compute the logic model's indicators for ``period`` ("2024-10" or "all") from the
    project store, store them in ``indicator_values`` and return the (suppressed) table."""
    from evaltoolkit.codebook import load_codebook
    from evaltoolkit.store import open_project_store

    codebook = load_codebook(config.paths.codebook)
    model = load_logic_model(config.paths.logic_model, event_kinds=config.event_kind_ids, roles=config.role_ids,
                             code_ids=codebook.code_ids)
    store = open_project_store(config.paths.store_url)
    try:
        tables = {name: store.read(name) for name in
                  ("participants", "documents", "segments", "codings", "attributes", "events")}
        result = compute_indicators(model, periods=period, regions={s.id: s.region or s.id for s in config.sites},
                                    valences=codebook.valence_polarities(), staff_roles=config.staff_role_ids,
                                    min_cell_size=config.privacy.min_cell_size, **tables)
        save_indicator_values(store, result.table)
    finally:
        store.dispose()
    return result.table
