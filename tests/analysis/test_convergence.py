"""Convergence and divergence flags between perspectives."""
from __future__ import annotations

from evaltoolkit.analysis import convergence
from synthetic_study import NEGATIVE, POSITIVE, VALENCE_IDS


def flags(study, **options):
    table = convergence(study["codings"], study["segments"], study["documents"], study["participants"],
                        positive=POSITIVE, negative=NEGATIVE, valence_ids=VALENCE_IDS, min_cell_size=1,
                        **options).table
    return {row.code_id: row for row in table.itertuples()}


def test_perspectives_that_lean_the_same_way_converge(study):
    rows = flags(study)
    assert rows["taalbarriere"].flag == "convergent"
    assert rows["taalbarriere"].polarity == "negative"
    assert rows["taalbarriere"].perspectives_negative == "hervestiger, sponsor"
    # hervestigers and sponsors: 2 of 3 segments added value each (at least 0.6)
    assert rows["praktische_hulp"].flag == "convergent"
    assert rows["praktische_hulp"].polarity == "positive"
    assert rows["praktische_hulp"].n_segments == 6


def test_added_value_for_one_perspective_and_challenge_for_another_diverges(study):
    rows = flags(study, min_segments=1)
    assert rows["signalering"].flag == "divergent"
    assert rows["signalering"].perspectives_positive == "gemeente"
    assert rows["signalering"].perspectives_negative == "teamleider"


def test_a_theme_one_perspective_speaks_about_is_single_perspective(study):
    rows = flags(study, min_segments=1)
    assert rows["werkdruk"].flag == "single_perspective"
    assert rows["werkdruk"].perspectives_mixed == "teamleider"


def test_perspectives_with_too_few_segments_do_not_count(study):
    rows = flags(study)   # min_segments=3: only hervestiger and sponsor say enough
    assert "signalering" not in rows
    assert rows["praktische_hulp"].n_perspectives == 2


def test_every_valence_code_of_a_polarity_counts_for_its_leaning(study):
    codings = study["codings"].replace({"code_id": {"meerwaarde": "kracht"}})   # a study's own valence id
    table = convergence(codings, study["segments"], study["documents"], study["participants"],
                        positive=("kracht", "reden"), negative=NEGATIVE, valence_ids=("kracht", "uitdaging", "reden"),
                        min_cell_size=1).table
    rows = {row.code_id: row for row in table.itertuples()}
    assert rows["praktische_hulp"].polarity == "positive"
    assert rows["praktische_hulp"].n_segments == 6
