import json

import pandas as pd
import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.topics import load_topic_model, read_model_metadata, save_topic_model


@pytest.fixture(scope="module")
def saved(tmp_path_factory, participant_segments, codes):
    from .helpers import make_fast_modeler

    modeler = make_fast_modeler().fit(participant_segments["text"].tolist(), codes)
    folder = save_topic_model(modeler, tmp_path_factory.mktemp("models") / "v1", model_version="v1",
                              extra={"codebook_version": "abc"})
    return modeler, folder


def test_saved_model_has_bertopic_pickle_modeler_and_metadata(saved):
    _, folder = saved
    assert sorted(p.name for p in folder.iterdir()) == ["bertopic.pickle", "metadata.json", "modeler.joblib"]
    metadata = read_model_metadata(folder)
    assert metadata["model_version"] == "v1" and metadata["codebook_version"] == "abc"
    assert metadata["params"]["embedding_model"] == "tfidf" and metadata["params"]["seed"] == 7
    assert set(metadata["libraries"]) == {"bertopic", "scikit-learn", "hdbscan", "umap-learn", "faiss-cpu", "numpy"}
    assert [t["topic_id"] for t in metadata["topics"]] == list(range(8))


def test_loaded_model_assigns_like_the_fitted_one(saved, participant_segments):
    modeler, folder = saved
    texts = participant_segments["text"].tolist()[:40]
    loaded = load_topic_model(folder)
    pd.testing.assert_frame_equal(loaded.transform(texts), modeler.transform(texts))
    pd.testing.assert_frame_equal(loaded.topic_info_, modeler.topic_info_)


def test_model_saved_with_other_library_versions_must_be_refitted(saved, tmp_path):
    import shutil

    _, folder = saved
    copy = shutil.copytree(folder, tmp_path / "old")
    metadata = json.loads((copy / "metadata.json").read_text())
    installed = metadata["libraries"]["bertopic"]
    metadata["libraries"]["bertopic"] = "0.1.0"
    (copy / "metadata.json").write_text(json.dumps(metadata))
    with pytest.raises(InputError) as error:
        load_topic_model(copy)
    assert str(error.value) == (
        f"The topic model in {copy} was saved with other library versions: bertopic 0.1.0 (installed: {installed}). "
        "Refit it with `evaltoolkit topics fit --refit`, or install the versions it was saved with.")


def test_folder_without_a_model_is_reported(tmp_path):
    with pytest.raises(InputError) as error:
        read_model_metadata(tmp_path)
    assert str(error.value) == (f"{tmp_path} is not a saved topic model: metadata.json, bertopic.pickle, "
                                "modeler.joblib missing. Fit one with `evaltoolkit topics fit`.")
