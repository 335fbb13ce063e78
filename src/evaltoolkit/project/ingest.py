"""Ingestion of a project: every listed source into the raw store, the events into the project store."""
from __future__ import annotations

from evaltoolkit.ingest import IngestReport, ingest_project, read_events
from evaltoolkit.project.project import Project

EVENTS_FILE = "events.csv"


def ingest(project: Project) -> IngestReport:
    """Read the register, the manifest and every listed file into the raw store (see
    :mod:`evaltoolkit.ingest.pipeline` for the batch policy), then the events."""
    report = ingest_project(project.config, raw_store=project.raw_store, progress=False)
    if (project.paths.raw / EVENTS_FILE).is_file() and not report.problems:
        load_events(project)
    return report


def load_events(project: Project) -> int:
    """Programme events (``events.csv`` beside the register) into the project store; their number."""
    events = read_events(project.paths.raw / EVENTS_FILE, event_kinds=project.config.event_kind_ids)
    return project.store.write("events", events, mode="replace")
