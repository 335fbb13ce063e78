"""The whole chain, from raw files to the monthly report: what ``evaltoolkit run`` and
``make demo`` call. The chain is a list of named steps (:data:`CHAIN_STEPS`); each step
is one call into a stage or the project layer, and this module only orders them.

    ingest (sources and events) -> pseudonymise -> codebook version -> human codings -> insights -> syntheses
    -> machine suggestions -> topics -> report (with indicators)

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

# Optional inputs a project may keep beside its register and manifest (named where ingestion
# learns which files under the raw folder are the project's own, not sources).
from evaltoolkit.ingest.pipeline import CODINGS_FILE, INSIGHTS_FILE, SYNTHESES_FILE
from evaltoolkit.project.project import Project



@dataclass
class ChainRun:
    """What one run of the chain did: the report path, the seconds each step took, counts."""

    month: str
    actor: str = "evaltoolkit"
    topics: bool = True
    report_path: Path | None = None
    step_seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    agreement: dict[str, float] = field(default_factory=dict)
    unlisted: tuple[str, ...] = ()      # files under the raw folder the manifest does not list


@dataclass(frozen=True)
class Step:
    """One named step of the chain: ``run(project, chain_run)``; skipped when ``applies`` says no."""

    name: str
    run: Callable[[Project, ChainRun], None]
    applies: Callable[[Project, ChainRun], bool] = lambda project, run: True


def _ingest(project: Project, run: ChainRun) -> None:
    from evaltoolkit.project.ingestion import ingest

    report = ingest(project)
    run.unlisted = report.unlisted
    if report.events is not None:
        run.counts["events"] = report.events


def _pseudonymise(project: Project, run: ChainRun) -> None:
    from evaltoolkit.project.pseudonymise import pseudonymise_project

    pseudonymise_project(project, actor=run.actor)


def _codebook(project: Project, run: ChainRun) -> None:
    from evaltoolkit.codebook import save_codebook_version

    save_codebook_version(project.store, project.codebook)


def _human_codings(project: Project, run: ChainRun) -> None:
    from evaltoolkit.coding import import_codings

    frame = pd.read_csv(project.paths.raw / CODINGS_FILE, dtype=str, keep_default_na=False)
    run.counts["human_codings"] = len(import_codings(project.store, frame, codebook=project.codebook,
                                                     actor=run.actor))


def _insights(project: Project, run: ChainRun) -> None:
    from evaltoolkit.coding import import_insights

    frame = pd.read_csv(project.paths.raw / INSIGHTS_FILE, dtype=str, keep_default_na=False)
    run.counts["insights"] = import_insights(project.store, frame, actor=run.actor)


def _syntheses(project: Project, run: ChainRun) -> None:
    from evaltoolkit.analysis.syntheses import import_syntheses

    frame = pd.read_csv(project.paths.raw / SYNTHESES_FILE, dtype=str, keep_default_na=False)
    run.counts["syntheses"] = import_syntheses(project.store, frame, actor=run.actor, source=SYNTHESES_FILE)


def _suggestions(project: Project, run: ChainRun) -> None:
    from evaltoolkit.coding import human_agreement_summary, suggest_for_project

    summary = suggest_for_project(project.store, project.codebook, actor=run.actor,
                                  auto_accept_confidence=project.config.coding.auto_accept_confidence,
                                  models_dir=project.paths.models / "suggester")
    run.counts["suggestions"] = int(summary["suggestions"].sum()) if len(summary) else 0
    run.agreement = human_agreement_summary(project.store.read("codings"))


def _topics(project: Project, run: ChainRun) -> None:
    from evaltoolkit.project.topics import fit_project_topics

    fit_project_topics(project, actor=run.actor)


def _report(project: Project, run: ChainRun) -> None:
    from evaltoolkit.project.reports import build_report_for_project

    run.report_path = build_report_for_project(project, month=run.month, agreement=run.agreement)


def _has_file(name: str) -> Callable[[Project, ChainRun], bool]:
    return lambda project, run: (project.paths.raw / name).is_file()


CHAIN_STEPS: tuple[Step, ...] = (
    Step("ingest", _ingest),
    Step("pseudonymise", _pseudonymise),
    Step("codebook", _codebook),
    Step("human codings", _human_codings, _has_file(CODINGS_FILE)),
    Step("insights", _insights, _has_file(INSIGHTS_FILE)),
    Step("syntheses", _syntheses, _has_file(SYNTHESES_FILE)),
    Step("suggestions", _suggestions),
    Step("topics", _topics, lambda project, run: run.topics),
    Step("report", _report),
)


def run_chain(project: Project, *, month: str, actor: str = "evaltoolkit", topics: bool = True,
              steps: tuple[Step, ...] = CHAIN_STEPS) -> ChainRun:
    """Run every step for the (unlocked) project and write the monthly report for ``month`` ("2024-10").

    Each step's name goes to ``project.progress`` before it starts (the CLI prints it).
    """
    run = ChainRun(month=month, actor=actor, topics=topics)
    for step in steps:
        if not step.applies(project, run):
            continue
        project.progress(step.name)
        started = time.perf_counter()
        step.run(project, run)
        run.step_seconds[step.name] = round(time.perf_counter() - started, 2)
    return run
