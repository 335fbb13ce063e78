"""Topic modelling of a store: fit (or reuse) a model, assign segments, suggest codes.

(``evaltoolkit.project.fit_project_topics`` is the project's ``topics fit`` step over these.)

Reads ``segments`` and ``documents`` of the project store (pseudonymised); writes
``topic_models``, ``topics``, ``topic_assignments`` and topic suggestions in ``codings``;
saves the model under ``<pseudonymised>/models/<model_version>/``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.store import Store, human_codings, list_cell, machine_coder, table_schema
from evaltoolkit.store.values import (
    CODING_ACCEPTED,
    CODING_SUGGESTED,
    SOURCE_TOPIC,
    SPEAKER_INTERPRETER,
    SPEAKER_INTERVIEWER,
    TOPIC_EMERGENT,
    TOPIC_MAPPED,
    TOPIC_PROMOTED,
)
from evaltoolkit.topics.model import embed_documents
from evaltoolkit.topics.persistence import load_topic_model, model_params, model_texts, save_topic_model
from evaltoolkit.topics.stability import Stability, topic_stability

#: Speaker roles (role functions: questions and translations) whose turns carry no topic.
EXCLUDED_ROLES = (SPEAKER_INTERVIEWER, SPEAKER_INTERPRETER)
META_COLUMNS = ("perspective", "site", "round", "collected_on")
TOPIC_SEGMENT_COLUMNS = ("segment_id", "doc_id", "speaker_role", "text", *META_COLUMNS)


@dataclass(frozen=True)
class TopicRun:
    """What one ``topics fit`` did."""

    model_version: str
    refitted: bool
    n_segments: int          # segments the model was fitted on (refit) or assigned (no refit)
    n_topics: int
    n_emergent: int
    n_suggestions: int
    artifact_path: Path
    stability: Stability | None = None
    n_clusters: int | None = None   # topics the clustering found before alike ones were merged (refit)

    def summary(self) -> list[str]:
        if self.refitted:
            merged = (f" (merged from {self.n_clusters} clusters)"
                      if self.n_clusters is not None and self.n_clusters > self.n_topics else "")
            lines = [f"Fitted topic model {self.model_version} on {self.n_segments} segments: "
                     f"{self.n_topics} topics{merged}, {self.n_emergent} emergent (no code above the threshold)."]
        else:
            lines = [f"Assigned {self.n_segments} new segments to topic model {self.model_version} "
                     "without refitting (use --refit to fit a new model)."]
        if self.stability is not None:
            lines.append(f"Stability: {self.stability.summary()}.")
        lines.append(f"Wrote {self.n_suggestions} topic suggestions to codings.")
        lines.append(f"Model folder: {self.artifact_path}")
        return lines


def topic_segments(segments: pd.DataFrame, documents: pd.DataFrame, *,
                   excluded_roles: tuple[str, ...] = EXCLUDED_ROLES, min_words: int = 3) -> pd.DataFrame:
    """Segments to model, with their document's perspective, site, round and date.

    Interviewer and interpreter turns are left out (they are questions and translation
    remarks, not what participants said), and so are segments under ``min_words`` words.
    """
    meta = documents[["doc_id", *META_COLUMNS]].drop_duplicates("doc_id")
    frame = segments.drop(columns=[c for c in META_COLUMNS if c in segments.columns]).merge(
        meta, on="doc_id", how="left")
    keep = ~frame["speaker_role"].isin(excluded_roles).fillna(False).astype(bool)
    keep &= frame["text"].fillna("").str.split().str.len() >= min_words
    return frame.loc[keep, list(TOPIC_SEGMENT_COLUMNS)].reset_index(drop=True)


def fit_store_topics(store: Store, *, codes, modeler, models_dir: Path, threshold: float,
                     check_texts: Callable[[Mapping[str, str]], None],
                     codebook_version: str | None = None, stability_seeds: tuple[int, ...] = (),
                     actor: str = "evaltoolkit") -> TopicRun:
    """Fit ``modeler`` on the store's participant segments, save it and record it.

    Before anything is saved, the passages the model files would carry (each topic's
    representative passages) go through ``check_texts``, which raises on personal data
    (the project's leak check): a model is an output like a report."""
    segments = topic_segments(store.read("segments"), store.read("documents"))
    if segments.empty:
        raise InputError("The project store has no participant segments to model. "
                         "Run `evaltoolkit ingest` and `evaltoolkit pseudonymise` first.")
    texts = segments["text"].astype(str).tolist()
    theme_codings = accepted_theme_codings(store, codes)
    # next month's refit embeds only the segments it has not seen (fixed sentence encoders)
    cache_file = Path(models_dir) / "embeddings" / f"{modeler.embedding_name()}.npz"
    modeler, embeddings = embed_documents(modeler, texts, cache_file=cache_file)
    modeler.fit(texts, codes, embeddings=embeddings)
    stability = (topic_stability(modeler, texts, codes, seeds=stability_seeds, reference=modeler,
                                 embeddings=embeddings)
                 if stability_seeds else None)
    version = model_version_for(modeler, segments, codebook_version)
    taken = set(store.read("topic_models")["model_version"])
    # two refits of the same data within one second would otherwise share a version
    version = next(v for v in (version, *(f"{version}-{n}" for n in range(2, len(taken) + 3))) if v not in taken)
    check_texts(model_texts(modeler))
    folder = save_topic_model(modeler, Path(models_dir) / version, model_version=version, extra={
        "codebook_version": codebook_version, "emergent_threshold": threshold,
        "stability": None if stability is None else stability.__dict__})
    assignments = assignments_table(segments["segment_id"], modeler.labels_, modeler.probabilities_, version)
    topics = topics_table(modeler, segments["segment_id"], model_version=version, threshold=threshold,
                          coverage=code_coverage(assignments, theme_codings))
    suggestions = topic_suggestions(assignments, topics, codebook_version=codebook_version)
    model_row = pd.DataFrame([{
        "model_version": version, "fitted_at": _now(), "artifact_path": str(folder),
        "params": json.dumps({**model_params(modeler), "codebook_version": codebook_version,
                              "emergent_threshold": threshold,
                              "stability": None if stability is None else stability.__dict__}, default=str),
        "stability": None if stability is None else stability.ari_mean, "n_segments": len(segments),
    }])
    with store.transaction() as tx:
        tx.write("topic_models", table_schema("topic_models").coerce(model_row))
        tx.write("topics", topics)
        tx.write("topic_assignments", assignments)
        tx.write("codings", suggestions)
        tx.audit(actor=actor, action="topics.fit", entity_type="topic_model", entity_id=version,
                 details={"segments": len(segments), "topics": len(topics), "suggestions": len(suggestions)})
    return TopicRun(model_version=version, refitted=True, n_segments=len(segments), n_topics=len(topics),
                    n_emergent=int((topics["status"] == TOPIC_EMERGENT).sum()), n_suggestions=len(suggestions),
                    artifact_path=folder, stability=stability, n_clusters=modeler.n_clusters_)


def assign_new_segments(store: Store, *, model_version: str, threshold: float | None = None,
                        actor: str = "evaltoolkit") -> TopicRun:
    """Assign segments the model has not seen to its topics with ``transform`` (no refit)."""
    model_row = store.read("topic_models", where={"model_version": model_version})
    if model_row.empty:
        raise InputError(f"{model_version!r} is not a topic model of this project. "
                         "List them in the topic_models table or fit one with `evaltoolkit topics fit`.")
    folder = Path(model_row["artifact_path"].iloc[0])
    modeler = load_topic_model(folder)
    done = set(store.read("topic_assignments", where={"model_version": model_version})["segment_id"])
    segments = topic_segments(store.read("segments"), store.read("documents"))
    new = segments[~segments["segment_id"].isin(done)].reset_index(drop=True)
    topics = store.read("topics", where={"model_version": model_version})
    assigned = modeler.transform(new["text"].astype(str).tolist())
    assignments = assignments_table(new["segment_id"], assigned["topic_id"], assigned["probability"], model_version)
    codebook_version = json.loads(model_row["params"].iloc[0]).get("codebook_version")
    suggestions = topic_suggestions(assignments, topics, codebook_version=codebook_version)
    with store.transaction() as tx:
        tx.write("topic_assignments", assignments)
        tx.write("codings", suggestions)
        tx.audit(actor=actor, action="topics.assign", entity_type="topic_model", entity_id=model_version,
                 details={"segments": len(assignments), "suggestions": len(suggestions)})
    return TopicRun(model_version=model_version, refitted=False, n_segments=len(assignments),
                    n_topics=len(topics), n_emergent=int((topics["status"] == TOPIC_EMERGENT).sum()),
                    n_suggestions=len(suggestions), artifact_path=folder)


def latest_model_version(store: Store) -> str | None:
    """The most recently fitted topic model of the project, if any."""
    models = store.read("topic_models")
    if models.empty:
        return None
    return str(models.sort_values(["fitted_at", "model_version"], kind="stable")["model_version"].iloc[-1])


def model_version_for(modeler, segments: pd.DataFrame, codebook_version: str | None) -> str:
    """``topics-<UTC time>-<hash of parameters, codebook version and segment ids>``."""
    digest = hashlib.sha256(json.dumps([model_params(modeler), codebook_version,
                                        sorted(segments["segment_id"].astype(str))], default=str).encode())
    return f"topics-{_now():%Y%m%d-%H%M%S}-{digest.hexdigest()[:8]}"


#: a topic counts as read by researchers when this share of its segments has an accepted theme code
MIN_REVIEWED_SHARE = 0.5
#: ... and is theirs (mapped) when this share of its segments has one and the same theme code
MIN_CODED_SHARE = 0.5
COVERAGE_COLUMNS = ("topic_id", "reviewed_share", "coded_code_id", "coded_share")


def topics_table(modeler, segment_ids: pd.Series, *, model_version: str, threshold: float,
                 coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows for the ``topics`` table, each topic mapped or emergent.

    Where researchers have coded most of a topic's segments (``coverage``, from
    :func:`code_coverage`), their codes decide: the topic is mapped when one theme code
    covers at least half of its segments, and emergent when their codes scatter (nothing
    in the codebook names what these segments share). Elsewhere the embeddings decide: a
    topic whose nearest code is below ``threshold`` is emergent.
    """
    ids = pd.Series(segment_ids).astype(str).tolist()
    info = modeler.topic_info_
    frame = pd.DataFrame({
        "model_version": model_version,
        "topic_id": info["topic_id"],
        "label": info["label"],
        "top_terms": [list(terms) for terms in info["top_terms"]],
        "size": info["size"],
        "nearest_code_id": info["nearest_code_id"],
        "similarity": info["similarity"],
        "nearest_codes": [[list(pair) for pair in pairs] for pairs in info["nearest_codes"]],
        "representative_segment_ids": [[ids[i] for i in modeler.representatives_[t]] for t in info["topic_id"]],
    })
    if coverage is None:
        coverage = pd.DataFrame(columns=list(COVERAGE_COLUMNS))
    frame = frame.merge(coverage[list(COVERAGE_COLUMNS)], on="topic_id", how="left")
    reviewed = pd.to_numeric(frame["reviewed_share"]).fillna(0.0) >= MIN_REVIEWED_SHARE
    by_codes = pd.to_numeric(frame["coded_share"]).fillna(0.0) >= MIN_CODED_SHARE
    by_embedding = pd.to_numeric(frame["similarity"]).fillna(-1.0) >= threshold
    frame["status"] = (by_codes.where(reviewed, by_embedding)).map({True: TOPIC_MAPPED, False: TOPIC_EMERGENT})
    return table_schema("topics").coerce(frame)


def accepted_theme_codings(store: Store, codes) -> pd.DataFrame:
    """``segment_id, code_id`` of the theme codes people accepted (valence codes left out)."""
    from evaltoolkit.codebook import Codebook

    accepted = human_codings(store.read("codings", where={"status": CODING_ACCEPTED}))
    if isinstance(codes, Codebook):
        theme_ids = {code.code_id for code in codes.themes(codable_only=True)}
    else:
        theme_ids = set(pd.DataFrame(codes)["code_id"]) if codes is not None else set()
    accepted = accepted[accepted["code_id"].isin(theme_ids)]
    return accepted[["segment_id", "code_id"]].drop_duplicates().reset_index(drop=True)


def code_coverage(assignments: pd.DataFrame, theme_codings: pd.DataFrame) -> pd.DataFrame:
    """Per topic: share of its segments with an accepted theme code, and the most frequent code and its share."""
    members = assignments[["segment_id", "topic_id"]].drop_duplicates()
    sizes = members.groupby("topic_id")["segment_id"].nunique()
    coded = members.merge(theme_codings, on="segment_id", how="inner")
    if coded.empty:
        return pd.DataFrame(columns=list(COVERAGE_COLUMNS))
    reviewed = coded.groupby("topic_id")["segment_id"].nunique() / sizes
    counts = (coded.groupby(["topic_id", "code_id"])["segment_id"].nunique().reset_index(name="n")
              .sort_values(["topic_id", "n", "code_id"], ascending=[True, False, True], kind="stable")
              .drop_duplicates("topic_id"))
    counts["coded_share"] = counts["n"].to_numpy() / sizes.loc[counts["topic_id"]].to_numpy()
    return pd.DataFrame({
        "topic_id": counts["topic_id"].to_numpy(),
        "reviewed_share": reviewed.loc[counts["topic_id"]].to_numpy().round(4),
        "coded_code_id": counts["code_id"].to_numpy(),
        "coded_share": counts["coded_share"].round(4).to_numpy(),
    })


def assignments_table(segment_ids, topic_ids, probabilities, model_version: str) -> pd.DataFrame:
    frame = pd.DataFrame({"segment_id": pd.Series(segment_ids).astype(str).to_numpy(),
                          "model_version": model_version,
                          "topic_id": pd.Series(topic_ids).to_numpy(),
                          "probability": pd.Series(probabilities, dtype="Float64").to_numpy()})
    return table_schema("topic_assignments").coerce(frame)


def topic_suggestions(assignments: pd.DataFrame, topics: pd.DataFrame, *,
                      codebook_version: str | None = None) -> pd.DataFrame:
    """``codings`` suggestions: each segment of a mapped (or promoted) topic gets the topic's code.

    Confidence is the topic-to-code similarity; evidence is the topic's top terms.
    """
    usable = topics[topics["status"].isin([TOPIC_MAPPED, TOPIC_PROMOTED])].copy()
    usable["code_id"] = usable["promoted_code_id"].where(usable["status"] == TOPIC_PROMOTED, usable["nearest_code_id"])
    usable["confidence"] = usable["similarity"].where(usable["status"] == TOPIC_MAPPED, 1.0)
    usable["evidence"] = [", ".join(list_cell(t)[:5]) or None for t in usable["top_terms"]]
    rows = assignments.merge(usable[["model_version", "topic_id", "code_id", "confidence", "evidence"]],
                             on=["model_version", "topic_id"], how="inner")
    frame = pd.DataFrame({
        "segment_id": rows["segment_id"], "code_id": rows["code_id"],
        "coder": [machine_coder(SOURCE_TOPIC, v) for v in rows["model_version"].astype(str)], "source": SOURCE_TOPIC,
        "confidence": rows["confidence"].astype("Float64").round(4), "status": CODING_SUGGESTED,
        "evidence": rows["evidence"], "model_version": rows["model_version"],
        "codebook_version": codebook_version, "created_at": _now(),
    })
    return table_schema("codings").coerce(frame)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
