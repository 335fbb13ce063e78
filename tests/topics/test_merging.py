"""Merging topics that say the same thing: fewer topics to review, planted themes kept apart."""
import numpy as np
import pytest
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

from evaltoolkit.errors import InputError
from evaltoolkit.topics.merging import merge_groups

from .helpers import N_THEMES, planted_theme_of_topics


def _unit(*rows):
    vectors = np.array(rows, dtype=float)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_alike_topics_are_merged_and_a_distinct_small_one_stays_apart():
    centroids = dict(zip([3, 5, 8, 9], _unit([1, 0.1, 0], [1, 0, 0.1], [1, 0.05, 0.05], [0.2, 1, 0])))
    assert merge_groups(centroids, min_similarity=0.8, max_topics=None) == [[3, 5, 8]]
    assert merge_groups(centroids, min_similarity=0.999, max_topics=None) == []


def test_the_cap_merges_the_most_alike_topics_first():
    centroids = dict(zip(range(4), _unit([1, 0, 0], [0.95, 0.05, 0], [0, 1, 0], [0, 0, 1])))
    assert merge_groups(centroids, min_similarity=None, max_topics=3) == [[0, 1]]
    assert merge_groups(centroids, min_similarity=None, max_topics=1) == [[0, 1, 2, 3]]
    assert merge_groups({4: _unit([1, 0])[0]}, min_similarity=0.5, max_topics=1) == []


def test_bad_merge_parameters_say_what_is_allowed():
    with pytest.raises(InputError, match=r"^merge_similarity must be between -1 and 1. Got 2 instead.$"):
        merge_groups({}, min_similarity=2, max_topics=None)
    with pytest.raises(InputError, match=r"^max_topics must be at least 1. Got 0 instead.$"):
        merge_groups({}, min_similarity=None, max_topics=0)


def test_over_split_topics_are_merged_back_into_the_planted_themes(fast_modeler, participant_segments, corpus, codes,
                                                                  tmp_path):
    from evaltoolkit.topics import load_topic_model, save_topic_model

    texts = participant_segments["text"].tolist()
    planted = corpus.themes.loc[participant_segments["segment_id"]].to_numpy()
    split = dict(cluster_model=KMeans(n_clusters=3 * N_THEMES, n_init=5, random_state=0), guidance="none")
    unmerged = fast_modeler(**split, merge_similarity=None, max_topics=None).fit(texts, codes)
    merged = fast_modeler(**split, merge_similarity=None, max_topics=N_THEMES).fit(texts, codes)
    assert unmerged.n_clusters_ == merged.n_clusters_ == 3 * N_THEMES and unmerged.merged_groups_ == []
    assert len(set(merged.cluster_labels_.tolist())) == 3 * N_THEMES
    assert len(merged.topic_info_) == N_THEMES == len(set(merged.labels_.tolist()) - {-1})
    assert adjusted_rand_score(planted, merged.labels_) > adjusted_rand_score(planted, unmerged.labels_) + 0.2
    assert sorted(planted_theme_of_topics(merged.labels_, planted).values()) == sorted(set(planted))
    # new segments land in the merged topics
    assigned = merged.transform(texts[:40])
    assert set(assigned["topic_id"].tolist()) <= set(merged.topic_info_["topic_id"].tolist())
    assert (assigned["topic_id"].to_numpy() == merged.labels_[:40]).mean() > 0.9
    # and a saved merged model assigns them the same way next month
    loaded = load_topic_model(save_topic_model(merged, tmp_path / "model", model_version="v1"))
    assert loaded.transform(texts[:40])["topic_id"].tolist() == assigned["topic_id"].tolist()


def test_the_fit_summary_says_how_many_clusters_were_merged(tmp_path):
    from evaltoolkit.topics import TopicRun

    run = TopicRun(model_version="topics-1", refitted=True, n_segments=900, n_topics=12, n_emergent=2,
                   n_suggestions=40, artifact_path=tmp_path, n_clusters=57)
    assert run.summary()[0] == ("Fitted topic model topics-1 on 900 segments: 12 topics (merged from 57 clusters), "
                                "2 emergent (no code above the threshold).")
    same = TopicRun(model_version="topics-1", refitted=True, n_segments=900, n_topics=12, n_emergent=2,
                    n_suggestions=40, artifact_path=tmp_path, n_clusters=12)
    assert "merged" not in same.summary()[0]
