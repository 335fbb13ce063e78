"""Loading and validating the logic model YAML."""
from __future__ import annotations

import pytest

from evaltoolkit.errors import ConfigError
from evaltoolkit.indicators import StatusRule, load_logic_model, parse_logic_model


def test_the_pilot_model_loads_with_its_targets(repo_root):
    model = load_logic_model(repo_root / "codebooks" / "logic_model.yaml")
    assert [o.outcome_id for o in model.outcomes] == ["outcome_1", "outcome_2"]
    outputs = [out.output_id for o in model.outcomes for out in o.outputs]
    assert outputs == ["output_1_1", "output_1_2", "output_1_3", "output_1_4",
                       "output_2_1", "output_2_2", "output_2_3"]
    targets = {i.indicator_id: i.target for i in model.indicators()}
    assert targets["families_welcomed"] == 18
    assert targets["active_sponsors"] == 80
    assert targets["trainings"] == 8
    assert model.indicator("municipalities").target_max == 4
    assert model.rule_for(model.indicator("sponsor_dropout")) == StatusRule(on_track=1.0, at_risk=1.25)
    dropout, sponsors = model.indicator("sponsor_dropout"), model.indicator("active_sponsors")
    assert (dropout.direction, dropout.target_kind) == ("lower", "ceiling")
    assert (sponsors.direction, sponsors.target_kind) == ("higher", "ceiling")
    assert model.indicator("municipalities").target_kind == "range"
    assert model.indicator("families_welcomed").target_kind == "point"
    assert model.goal("en").startswith("Involving citizens as sponsors")
    assert model.outcome_of("trainings").outcome_id == "outcome_1"


def test_every_problem_is_reported_at_once():
    raw = {
        "logic_model_id": "m",
        "goal": {"nl": "Doel"},
        "status_rules": {"at_least": {"on_track": 0.9}, "floor": {"on_track": 1, "at_risk": 1}},
        "outcomes": [{
            "outcome_id": "o1", "label": "Uitkomst",
            "outputs": [{"output_id": "o1", "label": "Output", "indicators": [
                {"indicator_id": "a", "label": "A", "measure": "event_count"},
                {"indicator_id": "b", "label": "B", "measure": "event_sum", "target": "veel"},
                {"indicator_id": "c", "label": "C", "measure": "survey_mean", "attribute": "rating",
                 "direction": "more"},
                {"indicator_id": "d", "label": "D", "measure": "event_sum", "events": ["x"], "target": 3,
                 "target_kind": "range"},
                {"indicator_id": "e", "label": "E", "measure": "event_sum", "events": ["x"], "target_kind": "goal"},
            ]}],
        }],
    }
    with pytest.raises(ConfigError) as error:
        parse_logic_model(raw, source="codebooks/logic_model.yaml")
    assert str(error.value) == "\n".join([
        "codebooks/logic_model.yaml has 9 problems:",
        "  [status_rules] ['floor'] are not target kinds. Valid: minimum, ceiling, point, range.",
        "  [status_rules -> at_least] must give on_track and at_risk thresholds (see the target kinds).",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 0 -> measure] must be one of event_sum, "
        "event_balance, event_ratio, distinct_sites, distinct_regions, register_count, survey_mean, "
        "coded_share. Got 'event_count' instead.",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 1 -> events] measure 'event_sum' needs 'events'.",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 1 -> target] must be a number. Got 'veel' instead.",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 2 -> direction] must be one of higher, lower. "
        "Got 'more' instead.",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 3 -> target_max] target_kind 'range' needs target_max "
        "(the range's upper end).",
        "  [outcomes -> 0 -> outputs -> 0 -> indicators -> 4 -> target_kind] must be one of minimum, ceiling, "
        "point, range. Got 'goal' instead.",
        "  [output o1] the id is used twice (also by outcome o1).",
    ])


def test_a_missing_file_says_where_to_set_it(tmp_path):
    with pytest.raises(ConfigError, match=r"model\.yaml does not exist\. Set paths\.logic_model in evaltoolkit\.yaml"):
        load_logic_model(tmp_path / "model.yaml")


def test_an_indicator_rule_overrides_the_model_rule():
    model = parse_logic_model({
        "logic_model_id": "m", "goal": "Doel",
        "outcomes": [{"outcome_id": "o1", "label": "U", "indicators": [
            {"indicator_id": "x", "label": "X", "measure": "event_sum", "events": ["meetup"],
             "target": 4, "status_rule": {"on_track": 0.5, "at_risk": 0.25}}]}],
    })
    assert model.rule_for(model.indicator("x")) == StatusRule(on_track=0.5, at_risk=0.25)
    with pytest.raises(ConfigError, match=r"'y' is not an indicator of logic model 'm'\. Indicators: x\."):
        model.indicator("y")


def test_ids_the_project_does_not_declare_are_errors_listing_the_valid_ones(repo_root):
    raw = {
        "logic_model_id": "m", "goal": "Doel",
        "outcomes": [{"outcome_id": "o1", "label": "Uitkomst", "indicators": [
            {"indicator_id": "a", "label": "A", "measure": "event_sum", "events": ["session_held", "sesion"]},
            {"indicator_id": "b", "label": "B", "measure": "register_count", "roles": ["mentr"]},
            {"indicator_id": "c", "label": "C", "measure": "coded_share", "codes": ["trust"],
             "evidence_codes": ["trsut"]},
        ]}],
    }
    with pytest.raises(ConfigError) as error:
        parse_logic_model(raw, source="logic_model.yaml", event_kinds=("session_held", "match_made"),
                          roles=("mentor", "mentee"), code_ids=("trust", "strength"))
    assert str(error.value) == "\n".join([
        "logic_model.yaml has 3 problems:",
        "  [outcomes -> 0 -> indicators -> 0 -> events -> 1] 'sesion' is not an event kind of evaltoolkit.yaml "
        "(event kinds: session_held, match_made). Did you mean 'session_held'? Correct the id, or declare it under "
        "event_kinds:.",
        "  [outcomes -> 0 -> indicators -> 1 -> roles -> 0] 'mentr' is not a role of evaltoolkit.yaml (roles: "
        "mentor, mentee). Did you mean 'mentor'? Correct the id, or declare it under roles:.",
        "  [outcomes -> 0 -> indicators -> 2 -> evidence_codes -> 0] 'trsut' is not a code of the codebook "
        "(code ids: trust, strength). Did you mean 'trust'? Correct the id, or declare it in the codebook.",
    ])


def test_the_pilot_model_names_only_what_the_demo_project_declares(repo_root):
    from evaltoolkit.codebook import load_codebook
    from evaltoolkit.config import load_config

    config = load_config(repo_root)
    codebook = load_codebook(config.paths.codebook)
    model = load_logic_model(config.paths.logic_model, event_kinds=config.event_kind_ids, roles=config.role_ids,
                             code_ids=codebook.code_ids)
    assert model.indicator("families_welcomed").events == ("family_arrival",)
