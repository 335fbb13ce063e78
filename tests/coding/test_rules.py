"""Rule-based suggestions: lemma patterns, negation, question context, perspectives, provenance."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.coding import apply_rules, make_suggestions
from evaltoolkit.errors import InputError


def _suggest(codebook, texts, **columns):
    segments = pd.DataFrame({"segment_id": [f"d:{i + 1:04d}" for i in range(len(texts))], "text": texts, **columns})
    return apply_rules(segments, codebook)


def _codes(suggestions):
    return sorted(zip(suggestions["segment_id"], suggestions["code_id"]))


def test_patterns_match_lemmas_wildcards_and_phrases(small_codebook):
    result = _suggest(small_codebook, ["De brieven en het aanvraagformulier.", "We praten met handen en voeten.",
                                       "Een tolkentelefoon."])
    assert _codes(result) == [("d:0001", "bureaucratie"), ("d:0002", "taalbarriere"), ("d:0003", "taalbarriere")]
    evidence = dict(zip(result["segment_id"], result["evidence"]))
    assert evidence["d:0001"] == "brieven (brief); aanvraagformulier (*formulier*)"
    assert evidence["d:0002"] == "handen en voeten (handen en voeten)"


def test_every_suggestion_carries_source_confidence_and_codebook_version(small_codebook):
    result = _suggest(small_codebook, ["Een brief."])
    row = result.iloc[0]
    assert (row["coder"], row["source"], row["status"], row["model_version"]) == (
        "rules:keyword_rules.v1", "rule", "suggested", "keyword_rules.v1")
    assert row["codebook_version"] == small_codebook.version
    assert row["confidence"] == pytest.approx(0.55)


def test_two_places_raise_confidence_but_synonyms_at_one_place_do_not(small_codebook):
    result = _suggest(small_codebook, ["Een brief.", "Een brief en nog een brief over DigiD."])
    confidence = dict(zip(result["segment_id"], result["confidence"]))
    assert confidence["d:0001"] == pytest.approx(0.55)
    # first occurrence of "brief" and "digid": 1 - 0.45 * 0.45
    assert confidence["d:0002"] == pytest.approx(0.7975)


def test_negated_theme_is_kept_with_less_weight(small_codebook):
    result = _suggest(small_codebook, ["Er was geen tolk."])
    row = result.iloc[0]
    assert (row["code_id"], row["evidence"]) == ("taalbarriere", "tolk (tolk*, ontkend)")
    assert row["confidence"] == pytest.approx(0.55 * 0.6)


def test_negation_does_not_reach_across_punctuation_or_maar(small_codebook):
    result = _suggest(small_codebook, ["Niet alles ging goed, maar de tolk was er.", "Geen idee. De tolk kwam."])
    assert result["evidence"].tolist() == ["tolk (tolk*)", "tolk (tolk*)"]


def test_negated_added_value_becomes_a_challenge_and_negated_challenge_is_dropped(small_codebook):
    result = _suggest(small_codebook, ["Dat heeft ons niet geholpen.", "Het was niet moeilijk.", "Het was lastig."])
    assert _codes(result) == [("d:0001", "uitdaging"), ("d:0003", "uitdaging")]
    assert result["evidence"].iloc[0] == "geholpen (helpen, ontkend -> uitdaging)"


def test_question_text_is_weaker_context(small_codebook):
    result = _suggest(small_codebook, ["Vooral de brieven.", "Vooral de brieven."],
                      question_text=[None, "Wat was moeilijk?"])
    assert _codes(result) == [("d:0001", "bureaucratie"), ("d:0002", "bureaucratie"), ("d:0002", "uitdaging")]
    challenge = result[result["code_id"] == "uitdaging"].iloc[0]
    assert challenge["evidence"] == "vraag: moeilijk (moeilijk*)"
    assert challenge["confidence"] == pytest.approx(0.55 * 0.6)


def test_codes_are_only_suggested_for_their_perspectives(small_codebook):
    result = _suggest(small_codebook, ["Een brief.", "Een brief."], perspective=["teamleider", "sponsor"])
    assert _codes(result) == [("d:0002", "bureaucratie")]


def test_only_the_most_confident_valence_is_kept(small_codebook):
    result = _suggest(small_codebook, ["Het was lastig en moeilijk, maar fijn."])
    assert _codes(result) == [("d:0001", "uitdaging")]


def test_segments_without_text_column_are_refused(small_codebook):
    with pytest.raises(InputError, match="^apply_rules needs segments with the columns segment_id and text; "
                                         "missing: text.$"):
        apply_rules(pd.DataFrame({"segment_id": ["a"]}), small_codebook)


def test_default_codebook_finds_the_themes_of_the_synthetic_set(codebook, labelled):
    segments, codings = labelled
    result = apply_rules(segments, codebook)
    found = set(zip(result["segment_id"], result["code_id"]))
    truth = set(zip(codings["segment_id"], codings["code_id"]))
    themes = {pair for pair in truth if codebook.code(pair[1]).dimension == "theme"}
    assert len(found & themes) / len(themes) >= 0.8


def test_topic_suggestions_use_the_same_table():
    hits = pd.DataFrame({"segment_id": ["d:0001"], "code_id": ["draagvlak"], "confidence": [0.42],
                         "evidence": ["topic 3: buurt, samen"]})
    rows = make_suggestions(hits, source="topic", model_version="bertopic.v1-abc", codebook_version="123")
    assert rows[["coder", "source", "status", "confidence"]].values.tolist() == [
        ["topics:bertopic.v1-abc", "topic", "suggested", 0.42]]
    with pytest.raises(InputError, match="^source must be one of rule, model, topic. Got 'manual' instead.$"):
        make_suggestions(hits, source="manual", model_version="x", codebook_version=None)
