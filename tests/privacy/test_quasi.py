"""Quasi-identifiers: a named site with a role one person there holds is flagged before a
report is written."""
from __future__ import annotations

import pandas as pd

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
    assert quasi_identifier_flags(texts, roles) == [
        "report paragraph 4 sentence 2: names the site Zevenaar and the role Teamleider, which one person there holds"]


def test_the_output_gate_reports_the_flag_without_the_text(pseudonymised):
    messages = []
    project = Project(pseudonymised, progress=messages.append).unlock(PASSPHRASE)
    checked_output(project, pseudonymised.paths.reports / "oktober.docx",
                   {"paragraph 1": "De teamleider van Zaanstad vond de pilot zwaar."})
    assert messages == ["Check before sharing oktober.docx: paragraph 1 sentence 1: names the site Zaanstad and the "
                        "role Teamleider, which one person there holds."]
