"""The monthly and final report content: sections, numbers, quotes, privacy, determinism."""
from __future__ import annotations

from dataclasses import replace

import pytest

from evaltoolkit.reports import Callout, Figure, Quote, Table, build_final_report, build_monthly_report, report_text

MONTHLY_SECTIONS = [
    "Periode en databasis",
    "Belangrijke inzichten en slimme aanpakken",
    "Nieuw sinds vorige maand",
    "Bevindingen per perspectief",
    "Vergelijking tussen perspectieven",
    "Indicatoren uit het logisch model",
    "Methode en privacy",
]


@pytest.fixture(scope="module")
def monthly(data, context):
    return build_monthly_report(data, context, month="2024-10")


@pytest.fixture(scope="module")
def final(data, context):
    return build_final_report(data, context)


def blocks(section, kind):
    found = [b for b in section.blocks if isinstance(b, kind)]
    for sub in section.subsections:
        found.extend(blocks(sub, kind))
    return found


def test_monthly_report_has_the_committee_sections_in_order(monthly):
    report = monthly
    assert report.title == "Maandrapportage oktober 2024"
    assert [s.title for s in report.sections] == MONTHLY_SECTIONS
    perspectives = report.section("Bevindingen per perspectief")
    assert [s.title for s in perspectives.subsections] == ["Hervestigers", "Sponsoren", "Teamleiders", "Gemeenten"]
    assert [s.title for s in perspectives.subsections[0].subsections] == ["Meerwaarde", "Uitdagingen"]


def test_insights_logged_after_the_month_are_left_out(monthly):
    section = monthly.section("Belangrijke inzichten en slimme aanpakken")
    titles = [c.title for c in blocks(section, Callout)]
    assert titles == ["Belangrijk inzicht: Taal is de grootste drempel", "Slimme aanpak: Checklist taakverdeling"]
    assert "Actie: Checklist delen met alle gemeenten (eigenaar: teamleiders; status: afgerond)." in \
        blocks(section, Callout)[1].paragraphs


def test_findings_say_n_of_n_and_quote_with_attribution(monthly):
    section = monthly.section("Bevindingen per perspectief")
    text = report_text(replace(monthly, sections=(section,)))
    assert "Taalbarrière: genoemd door 3 van de 3 hervestigers (3 fragmenten)." in text
    # 2 of 4 sponsors is too small a cell to show
    assert "Praktische hulp: genoemd door minder dan 3 van de 4 sponsoren (2 fragmenten)." in text
    quotes = blocks(section, Quote)
    assert ("(Hervestiger, 1e ronde dataverzameling, vertaald door een tolk vanuit het Arabisch)"
            in {q.attribution for q in quotes})
    assert len({q.text for q in quotes}) == len(quotes)   # each segment quoted once


def test_withdrawn_and_non_consenting_people_are_never_quoted(monthly, final, study):
    for report in (monthly, final):
        text = report_text(report)
        for segment_id in ("int_r2_nissewaard:0003", "sponsors_r2-R6:0001"):
            own = study["segments"].set_index("segment_id").loc[segment_id, "text"]
            assert own not in text


def test_indicator_table_shows_targets_actuals_and_status(monthly):
    section = monthly.section("Indicatoren uit het logisch model")
    table = blocks(section, Table)[0]
    assert table.columns == ("Indicator", "Doel", "Stand", "Status", "Trend", "Onderbouwing")
    rows = {row[0]: row for row in table.rows}
    assert rows["Verwelkomde gezinnen"][1:5] == ("ca. 18", "5", "achter op schema", "stijgend")
    assert rows["Actieve sponsoren"][1:5] == ("max. 80", "9", "achter op schema", "dalend")
    assert rows["Trainingen en informatiebijeenkomsten"][1:3] == ("8", "3")
    assert rows["Uitval van sponsoren (aandeel gestopt)"][1:4] == ("25%", "31%", "risico")
    assert rows["Contacturen per maand per sponsor (gemiddeld)"][2:4] == ("–", "geen gegevens")


def test_new_section_names_new_themes_and_emergent_topics(monthly):
    section = monthly.section("Nieuw sinds vorige maand")
    texts = [b.text for b in section.blocks if hasattr(b, "text")]
    assert "Thema's die deze maand voor het eerst voorkomen: Bureaucratie en Werving van vrijwilligers." in texts
    assert "Nieuwe thema's uit topic modelling (nog niet in het codeboek): Fietsles en mobiliteit." in texts
    assert any(isinstance(b, Figure) for b in section.blocks)


def test_methods_box_reports_n_codebook_agreement_and_suppression(monthly):
    box = blocks(monthly.section("Methode en privacy"), Callout)[0]
    assert box.paragraphs[0] == ("Aantal deelnemers per perspectief: Hervestigers 3, Sponsoren 4, "
                                 "Teamleiders <3 en Gemeenten <3.")
    assert "Codeboek: Community sponsorship (versie abc123)." in box.paragraphs[2]
    assert box.paragraphs[3] == "Overeenstemming tussen codeurs: Cohen's kappa: 0,71."
    assert box.paragraphs[-1].startswith("Onderdrukt: ")


def test_english_report(data, context):
    report = build_monthly_report(data, replace(context, language="en"), month="2024-10")
    assert report.title == "Monthly report October 2024"
    assert report.sections[0].title == "Period and data basis"
    assert "(Resettled refugee, first round of data collection, translated by an interpreter from Arabic)" in \
        report_text(report)


def test_an_english_report_says_in_english_which_cells_it_hides(data, context):
    dutch = build_monthly_report(data, context, month="2024-10")
    english = build_monthly_report(data, replace(context, language="en"), month="2024-10")
    assert "cellen met minder dan" in report_text(dutch)        # the synthetic study has small cells
    assert "cellen met minder dan" not in report_text(english)
    assert "cells with fewer than" in report_text(english)


def test_final_report_covers_all_periods_and_change_between_rounds(final):
    report = final
    assert report.title == "Eindrapportage"
    titles = [s.title for s in report.sections]
    assert "Ontwikkeling tussen de rondes" in titles and "Nieuw sinds vorige maand" not in titles
    assert "Dit inzicht is pas in november vastgelegd." in report_text(report)


def test_same_data_gives_the_same_report(monthly, data, context):
    assert build_monthly_report(data, context, month="2024-10") == monthly


def test_a_codebook_with_its_own_valence_values_changes_the_report(data, context, monthly):
    """Valence codes are found by their meaning and polarity, never by the demo's ids."""
    from evaltoolkit.reports import StudyData

    renamed = {"meerwaarde": "strength", "uitdaging": "barrier"}
    codebook = replace(context.codebook, codes=tuple(
        replace(code, code_id=renamed.get(code.code_id, code.code_id)) for code in context.codebook.codes))
    own_context = replace(context, codebook=codebook)
    own_data = StudyData(**{**data.__dict__, "codings": data.codings.replace({"code_id": renamed})})
    # the same study coded with the codebook's own ids reads the same
    assert report_text(build_monthly_report(own_data, own_context, month="2024-10")) == report_text(monthly)
    # codings with ids the codebook does not have as valence codes are not silently counted as such
    mismatched = build_monthly_report(data, own_context, month="2024-10")
    findings = report_text(replace(mismatched, sections=(mismatched.section("Bevindingen per perspectief"),)))
    assert "Taalbarrière: genoemd door" not in findings
