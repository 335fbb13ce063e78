"""The learned suggester: fit/suggest contract, calibrated confidence, cross-validated scores."""
from __future__ import annotations

import pytest

from evaltoolkit.coding import Suggester, cross_val_suggestions, cross_validate_suggester
from evaltoolkit.coding.pipeline import trained_suggester
from evaltoolkit.errors import InputError


@pytest.fixture(scope="module")
def fitted(labelled, codebook):
    segments, codings = labelled
    return Suggester().fit(segments, codings, codebook)


def test_fit_returns_self_with_fitted_attributes(labelled, codebook):
    segments, codings = labelled
    model = Suggester()
    assert model.fit(segments, codings, codebook) is model
    assert model.model_version_.startswith("suggester.v2-")
    assert {"bureaucratie", "taalbarriere", "uitdaging"} <= set(model.code_ids_)
    # codes with fewer than 3 positives (only the codebook examples) are skipped, not guessed
    assert model.skipped_codes_["zingeving"] == 2
    assert model.n_training_segments_ == 40 + sum(len(c.examples) for c in codebook.assignable())


def test_unfitted_suggester_says_so(labelled):
    with pytest.raises(InputError, match=r"^This Suggester is not fitted yet. Call fit\(segments, codings, "
                                         r"codebook\) first.$"):
        Suggester().suggest(labelled[0])


def test_same_data_gives_same_model_version(labelled, codebook, fitted):
    segments, codings = labelled
    assert Suggester().fit(segments, codings, codebook).model_version_ == fitted.model_version_


def test_training_version_is_known_before_fitting_and_follows_the_texts(labelled, codebook, fitted):
    segments, codings = labelled
    assert Suggester().training_version(segments, codings, codebook) == fitted.model_version_
    edited = segments.assign(text=segments["text"].where(segments.index != 0, "Een andere tekst."))
    assert Suggester().training_version(edited, codings, codebook) != fitted.model_version_


def test_a_saved_suggester_is_reused_while_its_training_data_is_the_same(labelled, codebook, fitted, tmp_path):
    segments, codings = labelled
    first = trained_suggester(segments, codings, codebook, models_dir=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"{fitted.model_version_}.joblib"]
    again = trained_suggester(segments, codings, codebook, models_dir=tmp_path)
    assert again is not first and again.model_version_ == first.model_version_
    assert again.suggest(segments).drop(columns="created_at").equals(first.suggest(segments).drop(columns="created_at"))
    fewer = codings[codings["segment_id"] != codings["segment_id"].iloc[0]]
    retrained = trained_suggester(segments, fewer, codebook, models_dir=tmp_path)
    assert retrained.model_version_ != first.model_version_ and len(list(tmp_path.iterdir())) == 2


def test_suggestions_carry_model_provenance_and_probabilities(labelled, fitted):
    suggestions = fitted.suggest(labelled[0])
    assert set(suggestions["coder"]) == {f"model:{fitted.model_version_}"}
    assert set(suggestions["source"]) == {"model"} and set(suggestions["status"]) == {"suggested"}
    assert suggestions["confidence"].between(0.5, 1).all()
    assert suggestions["evidence"].str.startswith("model").all()
    proba = fitted.predict_proba(labelled[0])
    assert proba.shape == (40, len(fitted.code_ids_)) and ((proba >= 0) & (proba <= 1)).all().all()
    valences = suggestions[suggestions["code_id"].isin(["meerwaarde", "uitdaging", "reden", "voorwaarde"])]
    assert not valences["segment_id"].duplicated().any()


def test_training_segments_are_recognised(labelled, fitted):
    suggestions = fitted.suggest(labelled[0])
    found = set(zip(suggestions["segment_id"], suggestions["code_id"]))
    assert ("int_a:0001", "bureaucratie") in found and ("tl_2:0001", "werving_vrijwilligers") in found


def test_cross_validation_never_scores_on_training_segments(labelled, codebook):
    segments, codings = labelled
    out_of_fold = cross_val_suggestions(segments, codings, codebook, folds=4)
    assert set(out_of_fold["coder"].str.len() > 0) == {True}
    # one model per fold: 4 model versions, each suggesting only for documents it did not see
    assert out_of_fold["coder"].nunique() == 4
    for _, part in out_of_fold.groupby("coder"):
        docs = set(part["segment_id"].str.split(":").str[0])
        others = set(out_of_fold.loc[out_of_fold["coder"] != part["coder"].iloc[0], "segment_id"].str.split(":").str[0])
        assert not docs & others
    scores = cross_validate_suggester(segments, codings, codebook, folds=4)
    assert scores["code_id"].iloc[-1] == "macro"
    assert scores[["precision", "recall", "f1"]].iloc[:-1].dropna().apply(lambda c: c.between(0, 1)).all().all()
    assert scores.set_index("code_id").loc["werving_vrijwilligers", "recall"] >= 0.5
