"""The whole chain, from raw files to the monthly report: what ``evaltoolkit run`` and
``make demo`` call. Each step is one library call; this module only orders them.

    ingest (events included) -> pseudonymise -> codebook version -> human codings and insights
    -> machine suggestions -> topics -> indicators and report

Re-running is cheap and safe: ingestion skips unchanged files, pseudonymisation is
skipped when nothing changed (and otherwise reuses the key), the learned suggester is
loaded when its training data did not change, the topic model only assigns new segments,
imports upsert, and the report is deterministic.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from evaltoolkit.config import ProjectConfig
from evaltoolkit.ingest.pipeline import CODINGS_FILE, INSIGHTS_FILE


@dataclass
class ChainRun:
    """What one run of the chain did: the report path and the seconds each step took."""

    report_path: Path | None = None
    unlisted: tuple[str, ...] = ()    # files under the raw folder the manifest does not list (not read)
    step_seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def run_chain(config: ProjectConfig, *, passphrase: str, month: str, actor: str = "evaltoolkit",
              topics: bool = True, progress: bool = True,
              on_step: Callable[[str], None] | None = None) -> ChainRun:
    """Run every stage for the project and write the monthly report for ``month`` ("2024-10").

    ``on_step`` is called with each step's name before it starts (the CLI prints it).
    """
    from evaltoolkit.codebook import load_codebook, save_codebook_version
    from evaltoolkit.coding import human_agreement_summary, import_codings, import_insights, suggest_for_project
    from evaltoolkit.ingest import ingest_project
    from evaltoolkit.privacy import pseudonymise_project
    from evaltoolkit.reports import build_report_for_project
    from evaltoolkit.store import open_project_store

    run = ChainRun()

    def step(name: str, action: Callable[[], object]) -> object:
        if on_step is not None:
            on_step(name)
        started = time.perf_counter()
        result = action()
        run.step_seconds[name] = round(time.perf_counter() - started, 2)
        return result

    ingested = step("ingest", lambda: ingest_project(config, progress=progress))
    run.unlisted = ingested.unlisted
    if ingested.events is not None:
        run.counts["events"] = ingested.events
    step("pseudonymise", lambda: pseudonymise_project(config, passphrase=passphrase, progress=progress))
    codebook = load_codebook(config.paths.codebook)
    store = open_project_store(config.paths.store_url)
    try:
        step("codebook", lambda: save_codebook_version(store, codebook))
        codings_path = config.paths.raw / CODINGS_FILE
        if codings_path.is_file():
            frame = pd.read_csv(codings_path, dtype=str, keep_default_na=False)
            imported = step("human codings", lambda: import_codings(store, frame, codebook=codebook, actor=actor))
            run.counts["human_codings"] = len(imported)
        insights_path = config.paths.raw / INSIGHTS_FILE
        if insights_path.is_file():
            frame = pd.read_csv(insights_path, dtype=str, keep_default_na=False)
            run.counts["insights"] = step("insights", lambda: import_insights(store, frame, actor=actor))
        suggestions = step("suggestions", lambda: suggest_for_project(
            store, codebook, actor=actor, auto_accept_confidence=config.coding.auto_accept_confidence,
            models_dir=config.paths.models / "suggester"))
        run.counts["suggestions"] = int(suggestions["suggestions"].sum()) if len(suggestions) else 0
        agreement = human_agreement_summary(store.read("codings"))
    finally:
        store.dispose()
    if topics:
        from evaltoolkit.topics import fit_project_topics

        step("topics", lambda: fit_project_topics(config, actor=actor))
    run.report_path = step("report", lambda: build_report_for_project(config, month=month, agreement=agreement))
    return run
