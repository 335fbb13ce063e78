"""What a project holds (``evaltoolkit status``): counts only, never text. (A new project's
layout, ``evaltoolkit init``, is :mod:`evaltoolkit.project.init`.)"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import case, func, select

from evaltoolkit.project.project import Project
from evaltoolkit.store import Store

PROJECT_TABLES_COUNTED = ("participants", "documents", "segments", "codings", "memos", "insights")


@dataclass(frozen=True)
class ProjectStatus:
    """Counts of what a project holds, from the raw store and (once it exists) the project store."""

    documents: pd.DataFrame      # perspective, site, round, kind, documents, segments
    participants: pd.DataFrame   # perspective, role, total, consented, no_consent, withdrawn
    stores: pd.DataFrame         # table, raw_store, project_store (counts; NA where absent)
    raw_store_exists: bool
    project_store_exists: bool


def project_status(project: Project) -> ProjectStatus:
    """What the project holds, as counts (never text). Opens no store that does not exist."""
    config = project.config
    raw_exists = config.paths.raw_store.is_file()
    project_exists = project.has_project_store
    documents = pd.DataFrame(columns=["perspective", "site", "round", "kind", "documents", "segments"])
    participants = pd.DataFrame(columns=["perspective", "role", "total", "consented", "no_consent", "withdrawn"])
    counts: dict[str, dict[str, int]] = {}
    if raw_exists:
        raw = project.raw_store
        documents, participants = _raw_documents(raw), _raw_participants(raw)
        counts["raw_store"] = {
            "participants": _count(raw, "raw_participants"), "documents": _count(raw, "raw_documents"),
            "segments": _count(raw, "raw_segments"), "source files": _count(raw, "raw_sources"),
        }
    if project_exists:
        counts["project_store"] = {table: _count(project.store, table) for table in PROJECT_TABLES_COUNTED}
    tables = list(dict.fromkeys(name for store_counts in counts.values() for name in store_counts))
    stores = pd.DataFrame({"table": tables, **{
        column: pd.array([counts.get(column, {}).get(t) for t in tables], dtype="Int64")
        for column in ("raw_store", "project_store")}})
    return ProjectStatus(documents=documents, participants=participants, stores=stores,
                         raw_store_exists=raw_exists, project_store_exists=project_exists)


def _raw_documents(store: Store) -> pd.DataFrame:
    documents, segments = store.tables["raw_documents"], store.tables["raw_segments"]
    per_doc = (select(segments.c.doc_id, func.count().label("n")).group_by(segments.c.doc_id).subquery())
    keys = [documents.c.perspective, documents.c.site, documents.c.round, documents.c.kind]
    query = (select(*keys, func.count(documents.c.doc_id).label("documents"),
                    func.coalesce(func.sum(per_doc.c.n), 0).label("segments"))
             .select_from(documents.outerjoin(per_doc, per_doc.c.doc_id == documents.c.doc_id))
             .group_by(*keys).order_by(*keys))
    return _frame(store, query)


def _raw_participants(store: Store) -> pd.DataFrame:
    people = store.tables["raw_participants"]
    withdrawn = people.c.withdrawn_on.is_not(None)
    query = (select(people.c.perspective, people.c.role, func.count().label("total"),
                    func.sum(case((people.c.consent & ~withdrawn, 1), else_=0)).label("consented"),
                    func.sum(case((~people.c.consent, 1), else_=0)).label("no_consent"),
                    func.sum(case((withdrawn, 1), else_=0)).label("withdrawn"))
             .group_by(people.c.perspective, people.c.role).order_by(people.c.perspective, people.c.role))
    return _frame(store, query)


def _frame(store: Store, query) -> pd.DataFrame:
    with store.connection() as connection:
        result = connection.execute(query)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _count(store: Store, table: str) -> int:
    with store.connection() as connection:
        return int(connection.execute(select(func.count()).select_from(store.tables[table])).scalar_one())
