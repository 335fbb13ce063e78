"""Ingestion of a project: every listed source into the raw store, the events into the project store."""
from __future__ import annotations

from collections.abc import Collection

from evaltoolkit.ingest import IngestReport, ingest_project
from evaltoolkit.ingest.pipeline import IngestSettings
from evaltoolkit.privacy.withdrawals import withdrawals_path, withdrawn_on
from evaltoolkit.project.project import Project


def ingest_settings(project: Project) -> IngestSettings:
    """What ingestion checks every file against, from the project's evaltoolkit.yaml."""
    config = project.config
    return IngestSettings(
        raw_folder=config.paths.raw, shown_root=config.paths.root, perspective_ids=config.perspective_ids,
        sites=config.sites, rounds=config.rounds, surveys=config.surveys, role_ids=config.role_ids,
        staff_role_ids=config.staff_role_ids, role_functions=config.role_functions,
        event_kind_ids=config.event_kind_ids, withdrawals=withdrawn_on(withdrawals_path(config.paths.key)))


def ingest(project: Project, *, force: Collection[str] = ()) -> IngestReport:
    """Read the register, the manifest and every listed file into the raw store (see
    :mod:`evaltoolkit.ingest.pipeline` for the batch policy); write the checked events
    (``events.csv``) to the project store, so indicators computed step by step see them.
    ``force`` names doc_ids or files to read again even when they look unchanged."""
    report = ingest_project(ingest_settings(project), raw_store=project.raw_store, progress=project.progress,
                            force=force)
    # an empty events file creates no project store (status still says "nothing pseudonymised yet")
    if report.event_rows is not None and (len(report.event_rows) or project.has_project_store):
        project.store.write("events", report.event_rows, mode="replace")
    if project.has_project_store:   # a withdrawal that did not finish, or one entered in register.csv
        from evaltoolkit.project.privacy import finish_pending_withdrawals

        finish_pending_withdrawals(project)
    return report
