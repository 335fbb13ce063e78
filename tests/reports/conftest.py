"""Fixtures: the small hand-made study of tests/data/reports/ and its project settings."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "reports"))

from synthetic_study import perspectives, roles, rounds, study  # noqa: E402,F401  (fixtures)


@pytest.fixture(scope="session")
def codebook():
    from evaltoolkit.codebook.model import Code, Codebook

    meanings = {"meerwaarde": ("added_value", "positive"), "uitdaging": ("challenge", "negative"),
                "reden": ("reason", "neutral"), "voorwaarde": ("condition", "neutral")}
    valences = tuple(Code(v, v.capitalize(), dimension="valence", definition=f"Valentie {v}.", meaning=meaning,
                          polarity=polarity) for v, (meaning, polarity) in meanings.items())
    return Codebook("community_sponsorship", "Community sponsorship", "abc123", "nl", codes=(
        Code("praktische_hulp", "Praktische hulp", label_en="Practical help", definition="Synthetisch."),
        Code("taalbarriere", "Taalbarrière", label_en="Language barrier", definition="Synthetisch."),
        Code("bureaucratie", "Bureaucratie", label_en="Bureaucracy", definition="Synthetisch."),
        Code("zingeving", "Zingeving", label_en="Meaning", definition="Synthetisch."),
        Code("werkdruk", "Werkdruk", label_en="Workload", definition="Synthetisch."),
        Code("signalering", "Signalering", label_en="Spotting needs", definition="Synthetisch."),
        Code("werving_vrijwilligers", "Werving van vrijwilligers", label_en="Recruiting volunteers", definition="Synthetisch."),
    ) + valences)


@pytest.fixture(scope="session")
def context(codebook, perspectives, roles, rounds, repo_root):
    from evaltoolkit.config import Site
    from evaltoolkit.indicators import load_logic_model
    from evaltoolkit.reports import ReportContext

    sites = (Site("zaanstad", "Zaanstad", "Noord-Holland", {"sponsor_model": "pool"}),
             Site("nissewaard", "Nissewaard", "Zuid-Holland", {"sponsor_model": "one_per_family"}),
             Site("zevenaar", "Zevenaar", "Gelderland", {"sponsor_model": "one_per_family"}))
    return ReportContext(
        project_name="Pilot (synthetisch)", language="nl", perspectives=perspectives, rounds=rounds,
        sites=sites, roles=roles, codebook=codebook, logic_model=load_logic_model(repo_root / "codebooks" / "logic_model.yaml"),
        min_cell_size=3, agreement={"Cohen's kappa": 0.71})


@pytest.fixture(scope="session")
def data(study):
    from evaltoolkit.reports import StudyData
    from evaltoolkit.store import table_schema

    topics = table_schema("topics").coerce(__import__("pandas").DataFrame([
        {"model_version": "m1", "topic_id": 3, "label": "Fietsles en mobiliteit", "top_terms": '["fiets", "les"]',
         "size": 9, "status": "emergent"},
        {"model_version": "m1", "topic_id": 1, "label": "Taal", "top_terms": '["taal"]', "size": 20,
         "status": "mapped"}]))
    return StudyData(**study, topics=topics)
