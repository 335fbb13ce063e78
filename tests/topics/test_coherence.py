import math

from evaltoolkit.topics import DutchAnalyzer, npmi_coherence, topic_npmi

DOCS = ["schimmel vocht muur", "schimmel vocht", "moestuin tomaat", "moestuin tomaat", "tolk taal"]


def test_words_that_always_occur_together_score_one():
    (score,) = topic_npmi([["moestuin", "tomaat"]], DOCS, analyzer=str.split)
    assert math.isclose(score, 1.0)


def test_words_that_never_occur_together_score_minus_one():
    assert topic_npmi([["moestuin", "schimmel"]], DOCS, analyzer=str.split) == [-1.0]


def test_partly_shared_words_score_between_and_unknown_words_are_skipped():
    (score,) = topic_npmi([["schimmel", "muur", "onbekend"]], DOCS, analyzer=str.split)
    expected = math.log((1 / 5) / ((2 / 5) * (1 / 5))) / -math.log(1 / 5)
    assert math.isclose(score, expected)


def test_model_coherence_is_the_mean_over_topics_with_the_same_analyzer():
    texts = ["Er zit schimmel op de muren.", "Schimmel op de muur.", "We zaaien in de moestuin."]
    score = npmi_coherence([["schimmel", "muur"], ["moestuin", "zaaien"]], texts, analyzer=DutchAnalyzer())
    assert math.isclose(score, 1.0)


def test_topic_with_one_known_word_has_no_score():
    assert math.isnan(topic_npmi([["tolk", "onbekend"]], DOCS, analyzer=str.split)[0])
