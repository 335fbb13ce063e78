"""Codebook loading, validation messages, versions, diffs and lineage."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from evaltoolkit.codebook import (
    Code,
    Lineage,
    build_codebook,
    diff_codebooks,
    dump_codebook,
    lineage_map,
    list_codebook_versions,
    load_codebook,
    load_codebook_version,
    map_to_current,
    previous_codebook_version,
    read_codebook,
    save_codebook_version,
)
from evaltoolkit.errors import CodebookError
from evaltoolkit.store import open_project_store

REPO = Path(__file__).resolve().parents[2]
DEFAULT = REPO / "codebooks" / "community_sponsorship.yaml"


@pytest.fixture()
def small(test_data):
    return load_codebook(test_data / "codebook" / "small.yaml")


def test_small_codebook_has_hierarchy_and_valence(small):
    assert small.code("taalbarriere").parent_id == "uitdagingen"
    assert [c.code_id for c in small.themes(codable_only=True)] == ["taalbarriere", "bureaucratie"]
    assert [c.code_id for c in small.valences()] == ["meerwaarde", "uitdaging"]
    assert [c.code_id for c in small.ancestors("bureaucratie")] == ["uitdagingen"]
    assert small.code("taalbarriere").color == "#BCBD22"
    assert not small.code("bureaucratie").applies_to("teamleider")
    assert small.code("taalbarriere").applies_to("teamleider")


def test_every_problem_is_reported_at_once_with_path_and_suggestion(test_data):
    with pytest.raises(CodebookError) as caught:
        load_codebook(test_data / "codebook" / "broken.yaml")
    path = test_data / "codebook" / "broken.yaml"
    assert str(caught.value) == f"""{path} has 11 problems:
  [codes -> 0 -> patterns] 'uitdagingen' is not codable, so its patterns are never used; remove them or set codable: true.
  [codes -> 1 -> color] must be a colour like '#1F77B4'. Got 'blauw' instead.
  [codes -> 2 -> definiton] 'definiton' is not a field of a code. Did you mean 'definition'?
  [codes -> 2 -> definition] is missing; a codable code needs a definition.
  [codes -> 2 -> parent] 'uitdagingen.taalbariere' is not a code id. Did you mean 'uitdagingen'?
  [codes -> 2 -> perspectives -> 0] 'sponser' is not a perspective of this codebook (hervestiger, sponsor). Did you mean 'sponsor'?
  [codes -> 3 -> status] must be one of active, retired. Got 'retird' instead. Did you mean 'retired'?
  [codes -> 3 -> logic_model_links -> 0] 'uitkomst_1' is not a logic-model id; expected ids such as 'outcome_1' or 'output_1_2'.
  [codes -> 3 -> code_id] 'taalbarriere' is defined twice (codes 1 and 3).
  [codes -> 4 -> lineage -> 0] merged_into 'taalbarier' is not a code id. Did you mean 'taalbarriere'?
  [codes -> 4 -> lineage -> 0] 'oud' was merged into another code, so its status must be retired."""


def test_invalid_yaml_names_the_line():
    with pytest.raises(CodebookError, match=r"^x.yaml is not valid YAML at line 3, column 3: expected the node content, but found '-'.$"):
        read_codebook("codebook_id: a\ncodes: [\n  - x", source="x.yaml")


def test_parent_cycle_and_wrong_dimension_are_problems():
    text = """
codebook_id: c
title: C
language: nl
codes:
  - {code_id: a, label_nl: A, parent: b, definition: x}
  - {code_id: b, label_nl: B, parent: a, definition: x}
  - {code_id: v, label_nl: V, parent: a, dimension: valence, meaning: challenge, definition: x}
"""
    with pytest.raises(CodebookError) as caught:
        read_codebook(text, source="c.yaml")
    assert str(caught.value) == """c.yaml has 3 problems:
  [codes -> 0 -> parent] 'a' is its own ancestor (parents form a cycle).
  [codes -> 1 -> parent] 'b' is its own ancestor (parents form a cycle).
  [codes -> 2 -> parent] 'a' is a theme code; the parent of a valence code must be a valence code."""


def test_unknown_code_suggests_nearest(small):
    with pytest.raises(CodebookError, match=r"'taalbariere' is not a code of codebook 'test_codebook' "
                                            r"\(version \w{12}\). Did you mean 'taalbarriere'\?"):
        small.code("taalbariere")


def test_version_is_a_content_hash_stable_under_formatting(small, test_data):
    text = (test_data / "codebook" / "small.yaml").read_text(encoding="utf-8")
    assert re.fullmatch(r"[0-9a-f]{12}", small.version)
    assert read_codebook("# comment\n" + text).version == small.version
    assert read_codebook(dump_codebook(small)).version == small.version
    edited = read_codebook(text.replace("Communicatie over taalgrenzen heen.", "Communicatie, vertalen."))
    assert edited.version != small.version


def test_build_codebook_validates_and_versions_code_objects():
    codes = [Code(code_id="a", label_nl="A", definition="x"), Code(code_id="b", label_nl="B", definition="y",
                                                                   parent_id="a")]
    codebook = build_codebook(codebook_id="qdc", title="Uit QDC", language="nl", codes=codes)
    assert codebook.code_ids == ("a", "b") and len(codebook.version) == 12
    with pytest.raises(CodebookError, match=r"\[codes -> 1 -> parent\] 'c' is not a code id"):
        build_codebook(codebook_id="qdc", title="Q", language="nl",
                       codes=[codes[0], Code(code_id="b", label_nl="B", definition="y", parent_id="c")])


def test_default_codebook_uses_the_domain_ids_and_all_four_valences(shared_dir):
    codebook = load_codebook(DEFAULT)
    domain = (shared_dir / "domain.md").read_text(encoding="utf-8")
    suggested = re.findall(r"^- `([a-z_]+)`: (.*)$", domain, re.M)
    assert len(suggested) == 32
    for code_id, definition in suggested:
        code = codebook.code(code_id)
        assert code.codable and code.definition == definition and code.patterns and code.examples
        assert codebook.code(code.parent_id).codable is False
    assert codebook.valence_ids() == ("meerwaarde", "uitdaging", "reden", "voorwaarde")
    links = {link for c in codebook.codes for link in c.logic_model_links}
    assert {"outcome_1", "outcome_2", "output_1_3", "output_1_4", "output_2_3"} <= links


def test_versions_are_recorded_once_and_listed(tmp_path, small):
    store = open_project_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    assert save_codebook_version(store, small) is True
    assert save_codebook_version(store, small) is False
    versions = list_codebook_versions(store, "test_codebook")
    assert versions["version"].tolist() == [small.version]
    assert load_codebook_version(store, "test_codebook") == small
    audit = store.read("audit_log")
    assert audit["action"].tolist() == ["codebook.version"]


def _renamed_and_merged(small):
    """A next version of the small codebook: a rename, a merge, a split, an addition, a change."""
    text = dump_codebook(small)
    text = text.replace("code_id: bureaucratie", "code_id: administratie")
    text = text.replace("  - digid\n", "  - digid\n  lineage:\n  - renamed_from: bureaucratie\n    'on': '2024-06-01'\n")
    text = text.replace("definition: Communicatie over taalgrenzen heen.", "definition: Taal en tolken.")
    text += """- code_id: tolken
  label_nl: Tolken
  parent: uitdagingen
  definition: Inzet van tolken.
  lineage:
  - split_from: taalbarriere
    'on': '2024-06-01'
- code_id: papierwerk
  label_nl: Papierwerk
  parent: uitdagingen
  status: retired
  definition: Oud.
  lineage:
  - merged_into: administratie
    'on': '2024-06-01'
"""
    return read_codebook(text, source="next.yaml")


def test_diff_shows_renamed_changed_and_added_codes(small):
    new = _renamed_and_merged(small)
    diff = diff_codebooks(small, new)
    assert diff.changes.values.tolist() == [
        ["changed", "taalbarriere", pd.NA, "definition"],
        ["renamed", "administratie", "bureaucratie", pd.NA],
        ["added", "tolken", pd.NA, pd.NA],
        ["split", "tolken", "taalbarriere", pd.NA],
        ["added", "papierwerk", pd.NA, pd.NA],
    ]
    assert diff.describe().splitlines() == [
        f"Codebook {small.version} -> {new.version}: 5 change(s).",
        "  changed  taalbarriere: definition",
        "  renamed bureaucratie -> administratie",
        "  added    tolken",
        "  split    taalbarriere -> tolken",
        "  added    papierwerk",
    ]


def test_diff_against_the_previous_stored_version(tmp_path, small):
    store = open_project_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    new = _renamed_and_merged(small)
    save_codebook_version(store, small)
    assert previous_codebook_version(store, small) is None
    save_codebook_version(store, new)
    assert previous_codebook_version(store, new) == small


def test_lineage_maps_old_ids_to_current_ones(small):
    new = _renamed_and_merged(small)
    assert lineage_map(new)["bureaucratie"] == "administratie"
    assert lineage_map(new)["papierwerk"] == "administratie"
    assert lineage_map(new)["tolken"] == "tolken"
    assert lineage_map(new, roll_up_splits=True)["tolken"] == "taalbarriere"
    codings = pd.DataFrame({"segment_id": ["s1", "s1", "s2"], "code_id": ["bureaucratie", "papierwerk", "tolken"],
                            "coder": ["anna", "anna", "anna"], "status": ["accepted", "suggested", "accepted"]})
    mapped = map_to_current(codings, new)
    assert mapped[["segment_id", "code_id", "status"]].values.tolist() == [
        ["s1", "administratie", "accepted"], ["s2", "tolken", "accepted"]]


def test_lineage_entry_needs_a_date():
    text = """
codebook_id: c
title: C
language: nl
codes:
  - {code_id: a, label_nl: A, definition: x, lineage: [{renamed_from: b}]}
"""
    with pytest.raises(CodebookError) as caught:
        read_codebook(text, source="c.yaml")
    assert str(caught.value) == ("c.yaml has 1 problem:\n"
                                 "  [codes -> 0 -> lineage -> 0] needs the date of the change as 'on: YYYY-MM-DD'.")


def test_lineage_kind_is_a_dataclass(small):
    new = _renamed_and_merged(small)
    assert new.code("administratie").lineage[0] == Lineage("renamed_from", "bureaucratie",
                                                           pd.Timestamp("2024-06-01").date())


VALENCES = """
codebook_id: c
title: C
language: en
codes:
  - {code_id: strength, label_nl: Sterkte, dimension: valence, meaning: added_value, definition: x}
  - {code_id: barrier, label_nl: Drempel, dimension: valence, meaning: challenge, definition: x}
  - {code_id: advice, label_nl: Advies, dimension: valence, meaning: recommendation, polarity: positive,
     definition: x}
  - {code_id: motive, label_nl: Motief, dimension: valence, meaning: reason, definition: x}
  - {code_id: theme, label_nl: Thema, definition: x}
"""


def test_valence_codes_declare_meaning_and_polarity_with_defaults():
    codebook = read_codebook(VALENCES)
    assert [(c.code_id, c.meaning, c.polarity) for c in codebook.valences()] == [
        ("strength", "added_value", "positive"), ("barrier", "challenge", "negative"),
        ("advice", "recommendation", "positive"), ("motive", "reason", "neutral")]
    assert codebook.valence_ids() == ("strength", "barrier", "advice", "motive")
    assert codebook.valence_ids(polarity="positive") == ("strength", "advice")
    assert codebook.valence_ids(meaning="challenge") == ("barrier",)
    assert read_codebook(dump_codebook(codebook)).version == codebook.version


def test_valence_meaning_and_polarity_problems_are_reported_together():
    text = VALENCES.replace("meaning: added_value, ", "").replace("meaning: challenge", "meaning: chalenge")
    text = text.replace("polarity: positive", "polarity: good").replace(
        "{code_id: theme, label_nl: Thema,", "{code_id: theme, label_nl: Thema, meaning: reason,")
    with pytest.raises(CodebookError) as caught:
        read_codebook(text, source="c.yaml")
    assert str(caught.value) == """c.yaml has 4 problems:
  [codes -> 0 -> meaning] is missing; a valence code says what it means for the report: one of added_value, \
challenge, reason, condition, recommendation.
  [codes -> 1 -> meaning] must be one of added_value, challenge, reason, condition, recommendation. Got 'chalenge' \
instead. Did you mean 'challenge'?
  [codes -> 2 -> polarity] must be one of positive, negative, neutral. Got 'good' instead.
  [codes -> 4 -> meaning] only a codable valence code has a meaning; remove it, or set dimension: valence and \
codable: true."""
