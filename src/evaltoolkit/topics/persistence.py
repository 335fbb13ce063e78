"""Save a fitted TopicModeler with its version, and load it to assign next month's segments.

A model folder (``data/pseudonymised/models/<model_version>/``; the model holds
pseudonymised text only, so it never belongs under ``data/raw``) contains:

* ``bertopic.pickle``: BERTopic's own pickle save, with dimension reduction and
  clustering, so ``transform`` assigns new segments exactly as the fit would;
* ``modeler.joblib``: the rest of the fitted TopicModeler (embedder state, topic and
  code vectors, topic table), without the BERTopic model;
* ``metadata.json``: evaltoolkit's description: version, parameters, library versions,
  topics and their nearest codes, stability. Readable without loading anything.

Pickles run code when loaded: load only models this project wrote. A model is loaded
only by the library versions that saved it; otherwise refit (``topics fit --refit``).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from contextlib import contextmanager
from importlib.metadata import version as package_version
from pathlib import Path

import joblib

from evaltoolkit.errors import InputError

METADATA_FILE = "metadata.json"
BERTOPIC_FILE = "bertopic.pickle"
MODELER_FILE = "modeler.joblib"
#: libraries whose version must match between save and load (pickles are not portable)
PINNED_LIBRARIES = ("bertopic", "scikit-learn", "hdbscan", "umap-learn", "faiss-cpu", "numpy")


def save_topic_model(modeler, folder: Path | str, *, model_version: str, extra: dict | None = None) -> Path:
    """Write the fitted ``modeler`` to ``folder`` (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    bertopic = modeler.model_
    with _quiet_bertopic():  # its pickle warning is what the version check in load_topic_model handles
        bertopic.save(str(folder / BERTOPIC_FILE), serialization="pickle", save_embedding_model=False)
    modeler.model_ = None
    try:
        joblib.dump(modeler, folder / MODELER_FILE)
    finally:
        modeler.model_ = bertopic
    metadata = {
        "model_version": model_version,
        "saved_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds"),
        "libraries": library_versions(),
        "params": model_params(modeler),
        "n_documents": int(modeler.n_documents_),
        "topics": json.loads(modeler.topic_info_.to_json(orient="records")),
        **(extra or {}),
    }
    (folder / METADATA_FILE).write_text(json.dumps(metadata, indent=2, ensure_ascii=False, default=str),
                                        encoding="utf-8")
    return folder


def model_texts(modeler) -> dict[str, str]:
    """The passages people wrote that a fitted model would carry into its saved files, as
    they were written (name -> text, for the leak check before saving): each topic's
    representative passages. Topic words and the vocabulary are lower-cased, where the
    key's names cannot be told from ordinary words ("hoop", "roos"), so they are left to
    `evaltoolkit privacy check`."""
    texts = {}
    for topic, passages in (getattr(modeler.model_, "representative_docs_", None) or {}).items():
        for number, passage in enumerate(passages, start=1):
            texts[f"topic {topic} passage {number}"] = str(passage)
    return texts


def load_topic_model(folder: Path | str):
    """The TopicModeler saved in ``folder``, ready for ``transform``."""
    from bertopic import BERTopic

    from evaltoolkit.topics.embeddings import bertopic_backend

    folder = Path(folder)
    metadata = read_model_metadata(folder)
    mismatched = [f"{name} {saved} (installed: {library_versions().get(name)})"
                  for name, saved in metadata.get("libraries", {}).items()
                  if library_versions().get(name) != saved]
    if mismatched:
        raise InputError(
            f"The topic model in {folder} was saved with other library versions: {'; '.join(mismatched)}. "
            "Refit it with `evaltoolkit topics fit --refit`, or install the versions it was saved with."
        )
    modeler = joblib.load(folder / MODELER_FILE)
    with _quiet_bertopic():
        modeler.model_ = BERTopic.load(str(folder / BERTOPIC_FILE), embedding_model=bertopic_backend(modeler.embedder_))
    return modeler


def read_model_metadata(folder: Path | str) -> dict:
    """``metadata.json`` of a saved model; InputError when the folder holds no model."""
    folder = Path(folder)
    missing = [name for name in (METADATA_FILE, BERTOPIC_FILE, MODELER_FILE) if not (folder / name).is_file()]
    if missing:
        raise InputError(f"{folder} is not a saved topic model: {', '.join(missing)} missing. "
                         "Fit one with `evaltoolkit topics fit`.")
    return json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))


@contextmanager
def _quiet_bertopic():
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def library_versions() -> dict[str, str]:
    return {name: package_version(name) for name in PINNED_LIBRARIES}


def model_params(modeler) -> dict:
    """The modeler's parameters as JSON values (sub-models by their repr)."""
    from evaltoolkit.topics.embeddings import embedder_name

    params = {}
    for name, value in modeler.get_params(deep=False).items():
        if name == "embedding_model" and not isinstance(value, str):
            value = embedder_name(value)
        elif value is not None and not isinstance(value, (str, int, float, bool, list, tuple)):
            value = repr(value)
        params[name] = value
    return params


def purge_topic_models(models_dir: Path | str, model_versions) -> list[Path]:
    """Delete the saved model folders of ``model_versions`` (fitted on a withdrawn
    participant's segments: their representative documents and vectors are inside the
    pickles); returns the folders removed. The project store's rows stay; the next
    ``topics fit --refit`` fits a model without them."""
    import shutil

    removed = []
    for version in sorted(set(model_versions)):
        folder = Path(models_dir) / str(version)
        if folder.is_dir() and (folder / METADATA_FILE).is_file():
            shutil.rmtree(folder)
            removed.append(folder)
    return removed
