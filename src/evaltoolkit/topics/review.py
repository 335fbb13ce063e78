"""Emergent themes: topics no code covers, for a researcher to promote into the codebook or dismiss.

>>> themes = emergent_themes(topics, assignments, segments, threshold=0.3)
>>> promote_topic(store, codebook_path=..., topic_id=7, code_id="vocht_schimmel")
>>> dismiss_topic(store, topic_id=9)

Both decisions are recorded in the ``topics`` table (status) and the audit log. Outputs
name segments by id only: the text stays in the store.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.store import Store, list_cell
from evaltoolkit.store.values import TOPIC_DISMISSED, TOPIC_EMERGENT, TOPIC_PROMOTED
from evaltoolkit.topics.runs import META_COLUMNS, latest_model_version, topic_segments, topic_suggestions

EMERGENT_COLUMNS = ("model_version", "topic_id", "label", "top_terms", "size", "nearest_code_id", "similarity",
                    "coded_code_id", "coded_share", "perspectives", "sites", "rounds", "segment_ids", "status")
REVIEWED = (TOPIC_PROMOTED, TOPIC_DISMISSED)


def emergent_themes(topics: pd.DataFrame, assignments: pd.DataFrame, segments: pd.DataFrame, *,
                    threshold: float | None = None, include_reviewed: bool = False,
                    min_cell_size: int | None = None) -> pd.DataFrame:
    """Emergent topics, with where they come from and what researchers coded them with.

    ``segments`` carries perspective, site and round per segment_id (see
    :func:`~evaltoolkit.topics.runs.topic_segments`). Without ``threshold`` the status
    recorded at fit time decides (see :func:`~evaltoolkit.topics.runs.topics_table`); with
    it, topics whose nearest code by embedding is below ``threshold``. Columns: :data:`EMERGENT_COLUMNS`; ``perspectives``,
    ``sites`` and ``rounds`` read like ``"<perspective> 12; <perspective> 3"`` (segments).
    With ``min_cell_size`` (disclosure control) and a ``participant_id`` column in
    ``segments``, a count whose segments come from fewer than that many people reads
    ``"<3"``: "sponsor 2" would say that one or two sponsors raised the theme.
    """
    if threshold is None:
        chosen = topics["status"].isin((TOPIC_EMERGENT, *REVIEWED))
    else:
        chosen = topics["similarity"].isna() | (topics["similarity"] < threshold)
    if not include_reviewed:
        chosen &= ~topics["status"].isin(REVIEWED)
    chosen_topics = topics[chosen].sort_values(["size", "topic_id"], ascending=[False, True], kind="stable")
    who = ["participant_id"] if "participant_id" in segments.columns else []
    located = assignments.merge(segments[["segment_id", *META_COLUMNS, *who]], on="segment_id", how="left")
    rows = []
    for topic in chosen_topics.itertuples():
        members = located[(located["model_version"] == topic.model_version) & (located["topic_id"] == topic.topic_id)]
        rows.append({
            "model_version": topic.model_version, "topic_id": int(topic.topic_id), "label": topic.label,
            "top_terms": ", ".join(list_cell(topic.top_terms)),
            "size": int(topic.size), "nearest_code_id": topic.nearest_code_id, "similarity": topic.similarity,
            "coded_code_id": topic.coded_code_id, "coded_share": topic.coded_share,
            **{column: _counts(members, meta, min_cell_size)
               for column, meta in (("perspectives", "perspective"), ("sites", "site"), ("rounds", "round"))},
            "segment_ids": "; ".join(list_cell(topic.representative_segment_ids)),
            "status": topic.status,
        })
    return pd.DataFrame(rows, columns=list(EMERGENT_COLUMNS))


def project_emergent_themes(store: Store, *, model_version: str | None = None,
                            threshold: float | None = None, min_cell_size: int | None = None) -> pd.DataFrame:
    """Emergent themes of a stored model (default: the latest); with ``min_cell_size``,
    counts behind fewer people read "<k" (see :func:`emergent_themes`)."""
    version = _model_version(store, model_version)
    topics = store.read("topics", where={"model_version": version})
    assignments = store.read("topic_assignments", where={"model_version": version})
    stored = store.read("segments")
    segments = topic_segments(stored, store.read("documents"), min_words=0, excluded_roles=()).merge(
        stored[["segment_id", "participant_id"]], on="segment_id", how="left")
    return emergent_themes(topics, assignments, segments, threshold=threshold, min_cell_size=min_cell_size)


def promote_topic(store: Store, *, codebook_path: Path, topic_id: int, code_id: str, label: str | None = None,
                  model_version: str | None = None, actor: str = "evaltoolkit"):
    """Make topic ``topic_id`` a new code ``code_id`` in the codebook file; returns the new Code.

    The code's definition notes the topic it came from; when the topic had a nearest code,
    lineage says it was split from that code. The codebook YAML is rewritten (its
    comments are not kept), the new version recorded, the topic's status set to
    ``promoted``, its segments suggested for the new code, and the decision audited.
    """
    from evaltoolkit.codebook import build_codebook, load_codebook, save_codebook, save_codebook_version

    version = _model_version(store, model_version)
    topic = _open_topic(store, version, topic_id)
    codebook = load_codebook(codebook_path)
    code = _code_from_topic(topic, codebook, code_id=code_id, label=label)
    updated = build_codebook(codebook_id=codebook.codebook_id, title=codebook.title, language=codebook.language,
                             codes=(*codebook.codes, code), perspectives=codebook.perspectives,
                             description=codebook.description)
    save_codebook(updated, codebook_path)
    save_codebook_version(store, updated, actor=actor)
    topics = store.read("topics", where={"model_version": version, "topic_id": int(topic_id)})
    topics["status"], topics["promoted_code_id"] = TOPIC_PROMOTED, code_id
    assignments = store.read("topic_assignments", where={"model_version": version, "topic_id": int(topic_id)})
    suggestions = topic_suggestions(assignments, topics, codebook_version=updated.version)
    with store.transaction() as tx:
        tx.write("topics", topics)
        tx.write("codings", suggestions)
        tx.audit(actor=actor, action="topic.promote", entity_type="topic", entity_id=f"{version}:{topic_id}",
                 details={"code_id": code_id, "codebook_version": updated.version, "suggestions": len(suggestions)})
    return updated.code(code_id)


def _code_from_topic(topic: pd.Series, codebook, *, code_id: str, label: str | None):
    from evaltoolkit.codebook import Code, Lineage

    terms = list_cell(topic["top_terms"])
    nearest = topic["nearest_code_id"]
    lineage = ()
    if isinstance(nearest, str) and nearest in codebook:
        lineage = (Lineage(kind="split_from", code_id=nearest, on=dt.date.today()),)
    return Code(
        code_id=code_id, label_nl=label or code_id.replace("_", " "),
        definition=(f"Opkomend thema uit topicmodel {topic['model_version']}, topic {int(topic['topic_id'])} "
                    f"(kernwoorden: {', '.join(terms[:8])})."),
        # topic words are lemmas, as the codebook's lemma patterns are (keyword_rules.v1)
        patterns=tuple(terms[:5]),
        lineage=lineage,
    )


def dismiss_topic(store: Store, *, topic_id: int, model_version: str | None = None,
                  actor: str = "evaltoolkit") -> None:
    """Record that topic ``topic_id`` is not a theme worth a code (status ``dismissed``, audited)."""
    version = _model_version(store, model_version)
    _open_topic(store, version, topic_id)
    topics = store.read("topics", where={"model_version": version, "topic_id": int(topic_id)})
    topics["status"] = TOPIC_DISMISSED
    with store.transaction() as tx:
        tx.write("topics", topics)
        tx.audit(actor=actor, action="topic.dismiss", entity_type="topic", entity_id=f"{version}:{topic_id}",
                 details={"model_version": version, "topic_id": int(topic_id)})


def _model_version(store: Store, model_version: str | None) -> str:
    version = model_version or latest_model_version(store)
    if version is None:
        raise InputError("The project has no topic model yet. Fit one with `evaltoolkit topics fit`.")
    return version


def _open_topic(store: Store, version: str, topic_id: int) -> pd.Series:
    topics = store.read("topics", where={"model_version": version})
    match = topics[topics["topic_id"] == int(topic_id)]
    if match.empty:
        valid = ", ".join(str(t) for t in sorted(topics["topic_id"].dropna().astype(int)))
        raise InputError(f"Topic {topic_id} is not a topic of model {version}. Topics: {valid or 'none'}.")
    topic = match.iloc[0]
    if topic["status"] in REVIEWED:
        raise InputError(f"Topic {topic_id} of model {version} was already {topic['status']}; "
                         "a decision is not changed here (see the audit log).")
    return topic


def _counts(members: pd.DataFrame, column: str, min_cell_size: int | None = None) -> str:
    """Segments per value of ``column``; "<k" where they come from fewer than ``min_cell_size``
    people (segments without a participant, such as meeting notes, count text, not people)."""
    values = members[column].dropna().astype(str)
    counts = values.value_counts()
    people = (members.loc[values.index].dropna(subset=["participant_id"]).groupby(column)["participant_id"].nunique()
              if min_cell_size and "participant_id" in members.columns else pd.Series(dtype="int64"))
    shown = {name: (f"<{min_cell_size}" if 0 < people.get(name, 0) < min_cell_size else str(count))
             for name, count in counts.items()}
    return "; ".join(f"{name} {shown[name]}" for name in sorted(shown))
