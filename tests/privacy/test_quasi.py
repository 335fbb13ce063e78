"""Quasi-identifiers: a named site with a role one person there holds is flagged before a
report is written."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.quasi import quasi_identifier_flags, unique_roles
from evaltoolkit.project import Project
from evaltoolkit.project.outputs import checked_output

from .conftest import PASSPHRASE

PARTICIPANTS = pd.DataFrame({
    "participant_id": ["TL01", "SP01", "SP02", "TL02", "TL03"],
    "site": ["zevenaar", "zevenaar", "zevenaar", "zaanstad", "zaanstad"],
    "role": ["team_leader", "sponsor", "sponsor", "team_leader", "team_leader"],
    "withdrawn_on": [None, None, None, None, None],
})
ROLE_WORDS = {"team_leader": ["Teamleider", "Team leader"], "sponsor": ["Sponsor"]}
SITES = {"zevenaar": "Zevenaar", "zaanstad": "Zaanstad"}


def test_only_a_role_one_person_holds_at_a_site_is_unique():
    roles = unique_roles(PARTICIPANTS, site_names=SITES, role_words=ROLE_WORDS)
    assert [(r.site, r.role) for r in roles] == [("zevenaar", "team_leader")]


def test_a_sentence_naming_the_site_and_the_unique_role_is_flagged():
    roles = unique_roles(PARTICIPANTS, site_names=SITES, role_words=ROLE_WORDS)
    texts = {"report paragraph 4": "Sponsoren in Zevenaar waren positief. De teamleider in Zevenaar had het druk.",
             "report paragraph 5": "In Zaanstad waren de teamleiders tevreden. De teamleider was moe."}
    flags = quasi_identifier_flags(texts, roles)
    assert [str(f) for f in flags] == [
        "report paragraph 4 sentence 2 (offset 38): names the site Zevenaar and the role Teamleider, which one "
        "person there holds"]
    assert flags[0].acknowledgement == "zevenaar/team_leader"
    assert texts["report paragraph 4"][flags[0].offset:].startswith("De teamleider")


def test_a_word_shared_by_several_roles_names_them_all():
    """'Mentor' is the perspective's label for mentors and former mentors: at a site with two
    mentors and one former mentor it names three people; 'former mentor' names one."""
    participants = pd.DataFrame({"participant_id": ["M1", "M2", "F1", "M3"],
                                 "site": ["ghent", "ghent", "ghent", "antwerp"],
                                 "role": ["mentor", "mentor", "former_mentor", "mentor"]})
    role_words = {"mentor": ["Mentor"], "former_mentor": ["Former mentor", "Mentor"]}
    roles = unique_roles(participants, site_names={"ghent": "Ghent", "antwerp": "Antwerp"}, role_words=role_words)
    assert [(r.site, r.role, r.role_words) for r in roles] == [
        ("antwerp", "mentor", ("Mentor",)), ("ghent", "former_mentor", ("Former mentor",))]
    flags = quasi_identifier_flags({"report": "Mentors in Ghent learn from each other. The former mentor in Ghent "
                                              "left. The mentor in Antwerp is new."}, roles)
    assert [(f.sentence, f.acknowledgement) for f in flags] == [(2, "ghent/former_mentor"), (3, "antwerp/mentor")]


UNIQUE_SENTENCE = "De teamleider van Zaanstad vond de pilot zwaar."


def test_the_output_gate_refuses_a_flagged_text_and_says_where_and_how_never_the_text(pseudonymised):
    project = Project(pseudonymised).unlock(PASSPHRASE)
    target = pseudonymised.paths.reports / "oktober.docx"
    with pytest.raises(PrivacyError) as error:
        checked_output(project, target, {"paragraph 1": "Het ging goed. " + UNIQUE_SENTENCE})
    assert str(error.value) == (
        f"Refusing to write {target}: 1 sentence points at one person by site and role (a quasi-identifier):\n"
        "  paragraph 1 sentence 2 (offset 15): names the site Zaanstad and the role Teamleider, which one person "
        "there holds\n"
        "Leave out the site or the role in those sentences (e.g. in the insight or synthesis they come from), or, "
        "if the person agreed to be recognisable, acknowledge it: list zaanstad/team_leader under privacy: "
        "acknowledged_quasi_identifiers in evaltoolkit.yaml (for one report only: report monthly|final "
        "--acknowledge zaanstad/team_leader).")
    assert "pilot zwaar" not in str(error.value)
    assert not target.exists()


def test_an_acknowledged_site_and_role_is_written_and_reported(pseudonymised):
    messages = []
    project = Project(pseudonymised, progress=messages.append).unlock(PASSPHRASE)
    target = checked_output(project, pseudonymised.paths.reports / "oktober.docx",
                            {"paragraph 1": UNIQUE_SENTENCE}, acknowledged=["Zaanstad/Team_Leader"])
    assert target.name == "oktober.docx"
    assert messages == ["Acknowledged in oktober.docx: paragraph 1 sentence 1 (offset 0): names the site Zaanstad "
                        "and the role Teamleider, which one person there holds (zaanstad/team_leader)."]


def test_an_acknowledgement_in_the_configuration_counts_and_is_checked(pseudonymised):
    from evaltoolkit.config import load_config
    from evaltoolkit.errors import ConfigError

    yaml_path = pseudonymised.paths.root / "evaltoolkit.yaml"
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text.replace("  allow_list:", "  acknowledged_quasi_identifiers: [zaanstad/team_leader]\n"
                                      "  allow_list:"), encoding="utf-8")
    checked_output(Project(load_config(pseudonymised.paths.root)).unlock(PASSPHRASE),
                   pseudonymised.paths.reports / "oktober.docx", {"paragraph 1": UNIQUE_SENTENCE})
    yaml_path.write_text(text.replace("  allow_list:", "  acknowledged_quasi_identifiers: [zaanstad/teamleider]\n"
                                      "  allow_list:"), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(
            "[privacy -> acknowledged_quasi_identifiers] 'zaanstad/teamleider' must be SITE/ROLE with a site id of "
            "sites: and a role id of roles:")):
        load_config(pseudonymised.paths.root)


def test_word_lists_are_not_sentences_about_one_person(pseudonymised):
    """A topic's top terms may hold a site name and a role word among many words (the
    demo's topic 23 did): the emergent-themes CSV is not refused for that."""
    import pandas as pd

    from evaltoolkit.project.topics import write_emergent_themes

    target = pseudonymised.paths.reports / "emergent.csv"
    themes = pd.DataFrame({"topic_id": [23], "size": [14], "top_terms": ["teamleider, zaanstad, overleg, rooster"]})
    assert write_emergent_themes(Project(pseudonymised).unlock(PASSPHRASE), themes, target).is_file()
