"""The project's ``topics fit`` step: refit, or assign new segments to the latest model."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from evaltoolkit.codebook import save_codebook_version
from evaltoolkit.project.outputs import checked_file, checked_output, output_check
from evaltoolkit.project.project import Project
from evaltoolkit.topics import TopicModeler, TopicRun, assign_new_segments, fit_store_topics, latest_model_version


def modeler_from_settings(settings) -> TopicModeler:
    """A TopicModeler configured by ``config.topics`` (a TopicSettings)."""
    return TopicModeler(embedding_model=settings.embedding, seed=settings.seed,
                        min_topic_size=settings.min_topic_size, max_topics=settings.max_topics,
                        merge_similarity=settings.merge_similarity)


def fit_project_topics(project: Project, *, refit: bool = False, modeler=None, actor: str = "evaltoolkit",
                       stability_seeds: tuple[int, ...] | None = None) -> TopicRun:
    """Refit, or (when a model exists and ``refit`` is false) assign new segments to the latest one.

    ``modeler`` (unfitted) replaces the one ``topics:`` in evaltoolkit.yaml describes.
    """
    settings = project.config.topics
    store = project.store
    latest = latest_model_version(store)
    if latest is not None and not refit:
        return assign_new_segments(store, model_version=latest, threshold=settings.emergent_threshold)
    codebook = project.codebook
    save_codebook_version(store, codebook, actor=actor)
    seeds = stability_seeds if stability_seeds is not None else (settings.seed + 1, settings.seed + 2)
    return fit_store_topics(
        store, codes=codebook, codebook_version=codebook.version,
        modeler=modeler if modeler is not None else modeler_from_settings(settings),
        models_dir=project.paths.models, threshold=settings.emergent_threshold,
        check_texts=output_check(project), stability_seeds=seeds, actor=actor)


def write_emergent_themes(project: Project, themes: pd.DataFrame, path: Path | str) -> Path:
    """Write emergent themes (ids, sizes, top terms) to a CSV, through the output gate."""
    texts = {f"topic {t} terms": str(terms) for t, terms in zip(themes["topic_id"], themes["top_terms"])}
    target = checked_output(project, path, texts, prose=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    themes.to_csv(target, index=False)
    return checked_file(project, target)
