"""evaltoolkit.yaml: the study's vocabulary and every problem reported at once, as messages."""
from __future__ import annotations

import datetime as dt
import pytest

from evaltoolkit.config import load_config, read_config
from evaltoolkit.errors import ConfigError

VALID = """\
project: {name: Mentoring, language: en, report_language: en, period_start: 2025-01-01}
perspectives:
  - {id: mentee, label_nl: Mentees, label_en: Mentees, role_label_nl: Mentee, role_label_en: Mentee,
     attribution: round}
  - {id: mentor, label_nl: Mentoren, label_en: Mentors, role_label_nl: Mentor, role_label_en: Mentor,
     meeting_label_en: mentor meeting}
roles:
  - {id: mentee, perspective: mentee}
  - {id: former_mentor, perspective: mentor, label_en: Former mentor}
  - {id: interviewer, function: interviewer, numbered: false}
  - {id: interpreter, function: interpreter}
  - {id: programme_manager, staff: true}
event_kinds:
  - {id: match_made, label_nl: Match gemaakt, label_en: Match made, counts: one mentor-mentee pair}
sites: [{id: ghent, name: Ghent, attributes: {model: group}}]
rounds: [{id: r1, start: 2025-03-01, end: 2025-04-30}]
paths: {raw: data/raw}
privacy: {min_cell_size: 5}
"""


def test_a_valid_file_declares_roles_and_event_kinds(tmp_path):
    config = read_config(VALID, root=tmp_path)
    assert config.role_ids == ("mentee", "former_mentor", "interviewer", "interpreter", "programme_manager")
    assert config.staff_role_ids == ("interviewer", "interpreter", "programme_manager")
    assert config.interviewer_role_ids == ("interviewer",)
    assert config.interpreter_role_ids == ("interpreter",)
    assert config.role_functions["former_mentor"] == "participant"
    assert config.role_label("mentee", "en") == "Mentee"
    assert config.role_label("former_mentor", "en") == "Former mentor"
    assert config.role_label("former_mentor", "nl") == "Mentor"          # the perspective's role label
    assert config.role_labels["interviewer"] == ("interviewer", "interviewer", False)
    assert config.role("programme_manager").perspective is None
    assert config.event_kind_ids == ("match_made",)
    assert config.event_kind("match_made").label("en") == "Match made"
    assert config.perspective("mentee").attribution == "round"
    assert config.perspective("mentor").meeting_label("en") == "mentor meeting"
    assert config.rounds[0].start == dt.date(2025, 3, 1)
    assert config.period_start == dt.date(2025, 1, 1)
    assert config.privacy.min_cell_size == 5


def test_the_demo_project_loads(repo_root):
    config = load_config(repo_root)
    assert "interviewer" in config.staff_role_ids and "family_arrival" in config.event_kind_ids


def test_every_problem_is_reported_at_once_with_where_and_how_to_fix(tmp_path):
    text = VALID.replace("min_cell_size: 5", "min_cell_size: three, min_cel_size: 3") \
        .replace("start: 2025-03-01", "start: 2024-13-01") \
        .replace("{id: interpreter, function: interpreter}", "{id: interpreter, function: translator}") \
        .replace("{id: programme_manager, staff: true}", "{id: programme_manager, staff: maybe}") \
        .replace("{id: former_mentor, perspective: mentor,", "{id: mentee, perspective: mentr,") \
        .replace("paths: {raw: data/raw}", "paths: {raw: data/raw}\nsurvey: {}")
    with pytest.raises(ConfigError) as error:
        read_config(text, root=tmp_path, source="evaltoolkit.yaml")
    assert str(error.value) == "\n".join([
        "evaltoolkit.yaml has 8 problems:",
        "  [roles -> 1 -> perspective] 'mentr' is not a perspective of this project (perspectives: mentee, mentor). "
        "Did you mean 'mentor'?",
        "  [roles -> 1 -> id] 'mentee' is defined twice (roles 0 and 1); give each entry its own id.",
        "  [roles -> 3 -> function] must be one of participant, interviewer, interpreter. Got 'translator' instead.",
        "  [roles -> 4 -> staff] must be true or false. Got 'maybe' instead.",
        "  [rounds -> 0 -> start] must be a date written as YYYY-MM-DD. Got '2024-13-01' instead.",
        "  [survey] 'survey' is not a section of evaltoolkit.yaml (sections: project, perspectives, sites, rounds, "
        "roles, event_kinds, surveys, paths, privacy, coding, topics, reports). Did you mean 'surveys'?",
        "  [privacy -> min_cel_size] 'min_cel_size' is not a key of privacy (keys: placeholder_language, "
        "passphrase_env, review_threshold, min_cell_size, quasi_identifiers, allow_list, "
        "acknowledged_quasi_identifiers, relations). Did you mean 'min_cell_size'?",
        "  [privacy -> min_cell_size] must be a whole number such as 3. Got 'three' instead.",
    ])


def test_missing_sections_and_wrong_shapes_are_problems_not_tracebacks(tmp_path):
    text = "project: {name: x, report_language: fr}\nperspectives: mentee\nrounds: []\npaths: {}\nroles:\n  - label_nl: x\n"
    with pytest.raises(ConfigError) as error:
        read_config(text, root=tmp_path, source="evaltoolkit.yaml")
    assert str(error.value) == "\n".join([
        "evaltoolkit.yaml has 5 problems:",
        "  [project -> report_language] must be one of nl, en. Got 'fr' instead.",
        "  [perspectives] must be a non-empty list of entries, each with an 'id'. Got 'mentee' instead.",
        "  [rounds] must be a non-empty list of entries, each with an 'id'. Got an empty list instead.",
        "  [roles -> 0] must be a mapping with an 'id'.",
        "  [sites] must be a non-empty list of entries, each with an 'id' (see docs/configuration.md).",
    ])


def test_yaml_syntax_errors_name_the_line(tmp_path):
    (tmp_path / "evaltoolkit.yaml").write_text("project:\n  name: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"evaltoolkit\.yaml is not valid YAML at line 3"):
        load_config(tmp_path)


def test_a_missing_file_says_how_to_create_one(tmp_path):
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path / "nowhere")
    assert str(error.value) == (f"{tmp_path / 'nowhere'} does not exist. "
                                "Create a project with `evaltoolkit init PATH`.")


def test_a_relation_vocabulary_of_the_study_is_a_file_in_the_project(tmp_path):
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "relations.yaml").write_text("relations: []\n", encoding="utf-8")
    config = read_config(VALID.replace("privacy: {min_cell_size: 5}",
                                       "privacy: {min_cell_size: 5, relations: privacy/relations.yaml}"), root=tmp_path)
    assert config.privacy.relations == (tmp_path / "privacy" / "relations.yaml").resolve()
    assert read_config(VALID, root=tmp_path).privacy.relations is None
    with pytest.raises(ConfigError) as error:
        read_config(VALID.replace("privacy: {min_cell_size: 5}", "privacy: {relations: relaties.yaml}"), root=tmp_path)
    assert "[privacy -> relations] 'relaties.yaml' is not a file" in str(error.value)
