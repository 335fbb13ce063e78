"""Indicator values, status rules, trend and evidence against hand-computed figures."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from evaltoolkit.indicators import (
    StatusRule,
    compute_indicators,
    evidence_gaps,
    load_logic_model,
    period_end,
    previous_period,
    save_indicator_values,
    status,
    trend,
    trend_meaning,
)
from evaltoolkit.errors import InputError
from evaltoolkit.indicators.model import DEFAULT_RULES

REGIONS = {"zaanstad": "Noord-Holland", "nissewaard": "Zuid-Holland", "zevenaar": "Gelderland"}
PERSPECTIVES = ("hervestiger", "sponsor", "teamleider", "gemeente")
VALENCES = {"meerwaarde": "positive", "uitdaging": "negative", "reden": "neutral", "voorwaarde": "neutral"}


def valence_codebook(extra=()):
    from evaltoolkit.codebook.model import Code, Codebook

    meanings = {"meerwaarde": "added_value", "uitdaging": "challenge", "reden": "reason", "voorwaarde": "condition"}
    valences = tuple(Code(v, v, dimension="valence", meaning=meanings[v], polarity=p) for v, p in VALENCES.items())
    return Codebook("cb", "Codebook", "v1", "nl", codes=tuple(extra) + valences)


@pytest.fixture()
def model(repo_root):
    return load_logic_model(repo_root / "codebooks" / "logic_model.yaml")


def indicators(model, study, period="2024-10", **options):
    result = compute_indicators(
        model, periods=period, participants=study["participants"], documents=study["documents"],
        segments=study["segments"], codings=study["codings"], attributes=study["attributes"],
        events=study["events"], regions=REGIONS, **{"valences": VALENCES, **options})
    return result


def rows(table):
    return {(r["indicator_id"], r["site"]): r for r in table.to_dict("records")}


def test_counts_from_events_are_cumulative_to_the_end_of_the_month(model, study):
    table = rows(indicators(model, study).table)
    families = table[("families_welcomed", "all")]
    assert (families["value"], families["target"], families["status"]) == (5, 18, "off_track")
    assert (families["previous_value"], families["trend"]) == (4, "up")
    sponsors = table[("active_sponsors", "all")]
    assert (sponsors["value"], sponsors["numerator"], sponsors["denominator"]) == (9, 13, 4)
    assert (sponsors["trend"], sponsors["status"]) == ("down", "on_track")  # under a ceiling of at most 80
    assert table[("trainings", "all")]["value"] == 3
    assert (table[("municipalities", "all")]["value"], table[("municipalities", "all")]["status"]) == (3, "on_track")
    assert table[("regions", "all")]["value"] == 3


def test_drop_out_is_a_ratio_where_less_is_better(model, study):
    dropout = rows(indicators(model, study).table)[("sponsor_dropout", "all")]
    assert dropout["value"] == pytest.approx(4 / 13)
    assert dropout["status"] == "at_risk"            # 0.31 / 0.25 = 1.23: within 1.25
    assert dropout["previous_value"] == pytest.approx(2 / 13)
    evidence = json.loads(dropout["evidence"])
    assert evidence["event_ids"] == ["e05", "e06", "e07", "e08", "e09"]
    assert evidence["codes"] == ["werving_vrijwilligers", "gelijkwaardigheid_grenzen", "beperkte_slagkracht"]


def test_survey_mean_uses_the_latest_round_without_withdrawn_or_non_consenting_answers(model, study):
    table = rows(indicators(model, study).table)
    rating = table[("project_rating", "all")]
    assert rating["value"] == pytest.approx(6.6667)    # 7, 9 and 4 in round 2; SP05's 1 left out
    assert (rating["n_people"], rating["status"]) == (3, "at_risk")  # 6.7 is short of at least 7
    assert json.loads(rating["evidence"])["round"] == "r2"
    # round 1 had 2 answers, too few to show, so there is no trend
    assert pd.isna(rating["previous_value"]) and pd.isna(rating["trend"])


def test_values_from_too_few_people_are_hidden(model, study):
    hours = rows(indicators(model, study).table)[("contact_hours", "all")]
    assert pd.isna(hours["value"]) and pd.isna(hours["n_people"])
    assert hours["status"] == "no_data"


def test_qualitative_indicator_is_the_share_of_added_value_segments(model, study):
    table = rows(indicators(model, study).table)
    connection = table[("personal_connection", "all")]
    assert (connection["n_supporting"], connection["n_challenging"]) == (7, 2)
    assert connection["value"] == pytest.approx(0.7778)
    assert connection["status"] == "on_track"
    assert connection["previous_value"] == pytest.approx(0.8333)
    assert connection["trend"] == "down"
    evidence = json.loads(connection["evidence"])
    assert evidence["challenging_segment_ids"] == ["fg_r1_zaanstad:0004", "sponsors_r2-R3:0002"]
    assert table[("knowledge_exchange", "all")]["status"] == "no_data"
    assert pd.isna(table[("meetups", "all")]["status"])   # counted, but there is no target


def test_a_codebook_with_its_own_valence_values_drives_the_evidence(model, study):
    renamed = {"meerwaarde": "strength", "uitdaging": "barrier"}
    own = study | {"codings": study["codings"].replace({"code_id": renamed})}
    table = rows(indicators(model, own, valences={"strength": "positive", "barrier": "negative"}).table)
    connection = table[("personal_connection", "all")]
    assert (connection["n_supporting"], connection["n_challenging"]) == (7, 2)
    assert connection["value"] == pytest.approx(0.7778)
    # the demo's ids mean nothing to a codebook that does not have them
    ignored = rows(indicators(model, study, valences={"strength": "positive", "barrier": "negative"}).table)
    assert ignored[("personal_connection", "all")]["n_supporting"] == 0


def test_site_rows_carry_no_programme_target(model, study):
    table = rows(indicators(model, study, by_site=True).table)
    assert table[("families_welcomed", "zaanstad")]["value"] == 3
    assert pd.isna(table[("families_welcomed", "zaanstad")]["target"])
    assert ("municipalities", "zaanstad") not in table


def test_several_periods_in_one_table(model, study):
    table = indicators(model, study, period=["2024-09", "2024-10"]).table
    families = table[table["indicator_id"] == "families_welcomed"]
    assert list(families["period"]) == ["2024-09", "2024-10"]
    assert list(families["value"]) == [4, 5]


@pytest.mark.parametrize(("value", "kind", "expected"), [
    # a minimum: 9.6 of at least 10 is short of it, however close
    (10, "minimum", "on_track"), (9.6, "minimum", "at_risk"), (7.4, "minimum", "off_track"),
    # a ceiling: far below "at most 10" is not behind schedule
    (2, "ceiling", "on_track"), (10, "ceiling", "on_track"), (12.5, "ceiling", "at_risk"), (13, "ceiling", "off_track"),
    # about 10: both sides count
    (10.4, "point", "on_track"), (9.6, "point", "on_track"), (11.5, "point", "at_risk"), (7.5, "point", "off_track"),
    (None, "minimum", "no_data"),
])
def test_status_follows_the_kind_of_target(value, kind, expected):
    rule = StatusRule(**DEFAULT_RULES[kind])
    assert status(value, target=10, kind=kind, rule=rule) == expected


def test_a_rating_below_its_minimum_is_not_on_track_and_a_ceiling_far_from_reached_is(repo_root):
    # the demo's rating of 6.4 against at least 7, and 22 active sponsors against at most 80
    model = load_logic_model(repo_root / "codebooks" / "logic_model.yaml")
    rating, sponsors = model.indicator("project_rating"), model.indicator("active_sponsors")
    assert status(6.4, target=7, kind=rating.target_kind, rule=model.rule_for(rating)) == "at_risk"
    assert status(22, target=80, kind=sponsors.target_kind, rule=model.rule_for(sponsors)) == "on_track"


def test_a_range_is_on_track_inside_and_at_risk_just_outside():
    rule = StatusRule(**DEFAULT_RULES["range"])
    assert [status(v, target=3, target_max=4, kind="range", rule=rule) for v in (3, 4, 5, 2, 1)] == [
        "on_track", "on_track", "at_risk", "off_track", "off_track"]


def test_a_trend_means_better_or_worse_by_the_indicator_direction():
    assert trend_meaning("up", "higher") == "better"
    assert trend_meaning("up", "lower") == "worse"
    assert trend_meaning("down", "lower") == "better"
    assert trend_meaning("stable", "lower") == "same"
    assert trend_meaning(None, "higher") is None


def test_trend_and_periods():
    assert (trend(5, 4), trend(4, 5), trend(4, 4), trend(4, None)) == ("up", "down", "stable", None)
    assert previous_period("2024-01") == "2023-12"
    assert str(period_end("2024-02")) == "2024-02-29"
    with pytest.raises(InputError, match="period must be a month such as '2024-10' or 'all'. Got 'oktober' instead."):
        period_end("oktober")


def test_evidence_gaps_show_outcomes_a_perspective_has_not_spoken_to(model, study):
    table = evidence_gaps(model, codings=study["codings"], segments=study["segments"],
                          documents=study["documents"], participants=study["participants"],
                          perspectives=PERSPECTIVES, codebook=valence_codebook(), min_cell_size=1).table
    gaps = {(r.outcome_id, r.perspective): (r.has_evidence, r.n_segments) for r in table.itertuples()}
    assert gaps[("outcome_1", "sponsor")] == (True, 4)
    assert gaps[("outcome_2", "teamleider")] == (True, 3)
    assert gaps[("outcome_2", "hervestiger")] == (False, 0)
    assert gaps[("outcome_2", "sponsor")] == (False, 0)
    assert len(table) == 8


def test_codebook_links_add_evidence_to_an_outcome(model, study):
    from evaltoolkit.codebook.model import Code

    codebook = valence_codebook([Code("taalbarriere", "Taalbarrière", logic_model_links=("output_2_1",))])
    table = evidence_gaps(model, codings=study["codings"], segments=study["segments"],
                          documents=study["documents"], participants=study["participants"],
                          perspectives=PERSPECTIVES, codebook=codebook, min_cell_size=1).table
    row = table[(table["outcome_id"] == "outcome_2") & (table["perspective"] == "hervestiger")].iloc[0]
    assert (row["has_evidence"], row["n_segments"]) == (True, 3)


def test_indicator_values_are_written_to_the_store(model, study, tmp_path):
    from evaltoolkit.store import open_project_store

    store = open_project_store(f"sqlite:///{tmp_path / 'project.sqlite'}")
    table = indicators(model, study).table
    assert save_indicator_values(store, table) == len(model.indicators())
    stored = store.read("indicator_values", where={"indicator_id": "families_welcomed"})
    assert (stored.loc[0, "value"], stored.loc[0, "target"], stored.loc[0, "status"]) == (5, 18, "off_track")


def test_segment_counts_are_text_not_people_and_stay_visible(model, study):
    result = evidence_gaps(model, codings=study["codings"], segments=study["segments"],
                           documents=study["documents"], participants=study["participants"],
                           perspectives=PERSPECTIVES, codebook=valence_codebook(), min_cell_size=3)
    table = result.table
    small = table[(table["n_segments"] > 0) & table["n_participants"].isna()]
    assert len(small), "the synthetic study has a perspective with fewer than 3 speakers"
    assert table["n_segments"].notna().all()
