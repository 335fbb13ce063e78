"""The monthly and final report content: sections, numbers, quotes, privacy, determinism."""
from __future__ import annotations

from dataclasses import replace

import pytest

from evaltoolkit.reports import Callout, Figure, Quote, Table, build_final_report, build_monthly_report, report_text

MONTHLY_SECTIONS = [
    "Samenvatting voor de stuurgroep",
    "Belangrijke inzichten en slimme aanpakken",
    "Bevindingen per perspectief",
    "Vergelijking tussen perspectieven",
    "Indicatoren uit het logisch model",
    "Methode en beperkingen",
    "Bijlage: analyseverhoudingen en onderbouwing",
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
    assert [s.title for s in perspectives.subsections[0].subsections] == ["Meerwaarde", "Uitdagingen", "Samenvattend"]


def test_insights_logged_after_the_month_are_left_out_and_carry_dates_flags_and_evidence(monthly):
    section = monthly.section("Belangrijke inzichten en slimme aanpakken")
    callouts = blocks(section, Callout)
    assert [c.title for c in callouts] == ["Belangrijk inzicht: Taal is de grootste drempel (BIJGEWERKT)",
                                           "Slimme aanpak: Checklist taakverdeling"]
    assert "Actie: Checklist delen met alle gemeenten (eigenaar: teamleiders; status: afgerond)." in \
        callouts[1].paragraphs
    assert "Vastgelegd op 10 juli 2024; laatst bijgewerkt op 15 oktober 2024." in callouts[0].paragraphs
    # evidence as references to the report's numbered quotes (and the segments not quoted);
    # quotes are numbered in reading order, so the first reference is C1
    assert "Onderbouwing: C1 en 1 fragment in het codeerbestand (fg_r1_zaanstad:0005)." in callouts[0].paragraphs
    assert "Onderbouwing: C2." in callouts[1].paragraphs
    quotes = {q.ref: q.segment_id for s in monthly.sections for q in blocks(s, Quote)}
    assert quotes["C1"] in monthly_insight_evidence(monthly)
    refs = [q.ref for q in blocks(monthly.section("Bevindingen per perspectief"), Quote) if q.ref not in ("C1", "C2")]
    assert refs == sorted(refs, key=lambda r: int(r[1:]))   # the rest in the order they are read


def monthly_insight_evidence(monthly):
    return ["sponsors_r2-R3:0001", "fg_r1_zaanstad:0005"]   # ins01's evidence in tests/data/reports/insights.csv


def test_findings_are_claims_with_careful_quantifiers_and_quotes(monthly):
    section = monthly.section("Bevindingen per perspectief")
    text = report_text(replace(monthly, sections=(section,)))
    assert "Alle 3 hervestigers noemen taalbarrière als uitdaging. [concept]" in text
    # 2 of 4 sponsors is too small a cell to count: the words stand alone
    assert "Enkele sponsoren noemen praktische hulp als meerwaarde, alleen in de 1e ronde dataverzameling." in text
    assert "2 van de 4" not in text and "genoemd door" not in text
    # added value and challenges are counted separately, and the other side is named
    assert "Enkele sponsoren zien er ook een uitdaging in." in text
    closing = [s for s in section.subsections[1].subsections if s.title == "Samenvattend"][0]
    assert closing.blocks[0].text == ("Samenvattend zien sponsoren vooral meerwaarde in praktische hulp en "
                                      "zingeving; de belangrijkste uitdagingen zijn taalbarrière en praktische hulp.")
    quotes = blocks(section, Quote)
    assert ("(Hervestiger, 1e ronde dataverzameling, vertaald door een tolk vanuit het Arabisch)"
            in {q.attribution for q in quotes})


def test_no_quote_is_printed_twice_in_the_report(monthly, final):
    for report in (monthly, final):
        quotes = [b for s in report.sections for b in blocks(s, Quote)]
        assert len({q.segment_id for q in quotes}) == len(quotes)
        assert len({q.text for q in quotes}) == len(quotes)
        text = report_text(report)
        for quote in quotes:
            assert text.count(quote.text) == 1, quote.ref


def test_a_researcher_synthesis_replaces_the_draft_claim(data, context):
    import pandas as pd

    syntheses = pd.DataFrame([{"code_id": "taalbarriere", "perspective": "hervestiger", "meaning": "challenge",
                               "period": "2024-10", "text": "Hervestigers ervaren de taal als de grootste drempel.",
                               "author": "onderzoeksteam", "updated_on": "2024-10-20"}])
    report = build_monthly_report(replace(data, syntheses=syntheses), context, month="2024-10")
    text = report_text(report)
    assert "Hervestigers ervaren de taal als de grootste drempel." in text
    assert "Alle 3 hervestigers noemen taalbarrière als uitdaging" not in text


def test_the_summary_comes_first_with_what_moved_and_what_is_asked(monthly):
    summary = monthly.sections[0]
    assert summary.title == "Samenvatting voor de stuurgroep"
    text = report_text(replace(monthly, sections=(summary,)))
    assert "Actieve sponsoren: 11 → 9 (slechter; op koers)." in text
    assert "Bijgewerkt: Taal is de grootste drempel." in text
    assert "Bureaucratie kwam deze maand voor het eerst naar voren, bij hervestigers." in text
    assert "Mogelijk nieuw thema buiten het codeboek: Fietsles en mobiliteit." in text
    assert "Gevraagd van de stuurgroep" in text
    assert "Bespreken: Trainingen en informatiebijeenkomsten staat op 3 tegen een doel van min. 8 " \
           "(achter op schema)." in text


def test_withdrawn_and_non_consenting_people_are_never_quoted(monthly, final, study):
    for report in (monthly, final):
        text = report_text(report)
        for segment_id in ("int_r2_nissewaard:0003", "sponsors_r2-R6:0001"):
            own = study["segments"].set_index("segment_id").loc[segment_id, "text"]
            assert own not in text


def test_indicator_table_shows_target_kinds_trend_and_status(monthly):
    section = monthly.section("Indicatoren uit het logisch model")
    table = blocks(section, Table)[0]
    assert table.columns == ("Indicator", "Doel", "Vorige → deze maand", "Status", "Toelichting")
    rows = {row[0]: row for row in table.rows}
    assert rows["Verwelkomde gezinnen"][1:4] == ("ca. 18", "4 → 5 (beter)", "achter op schema")
    # under a ceiling of at most 80, 9 sponsors is not behind schedule; fewer is worse
    assert rows["Actieve sponsoren"][1:4] == ("max. 80", "11 → 9 (slechter)", "op koers")
    # drop-out rising is worse: lower is better
    assert rows["Uitval van sponsoren (aandeel gestopt)"][1:4] == ("max. 25%", "15% → 31% (slechter)", "risico")
    assert rows["Gemiddeld rapportcijfer sponsoren (laatste ronde)"][1:4] == ("min. 7", "– → 6,7", "risico")
    # answered by fewer than 3 sponsors: hidden, which is not the same as no data
    assert rows["Contacturen per maand per sponsor (gemiddeld)"][2:] == ("– → –", "te weinig respondenten",
                                                                         "Geen doel vastgesteld; ter informatie.")
    assert rows["Meet-ups en publieksbijeenkomsten"][3] == "geen doel"
    # analysis ratios are in the annex, not among the programme indicators
    assert not any("aandeel meerwaarde" in name for name in rows)
    annex = blocks(monthly.section("Bijlage: analyseverhoudingen en onderbouwing"), Table)[0]
    assert annex.rows[0][:3] == ("Ervaren persoonlijke band en sociale contacten (aandeel meerwaarde)",
                                 "min. 60%", "78%")
    assert any(isinstance(b, Figure) for b in section.blocks)


def test_methods_give_response_per_round_interpreters_open_rounds_and_suppression_once(monthly, data, context):
    section = monthly.section("Methode en beperkingen")
    response = [t for t in blocks(section, Table) if t.caption.startswith("Respons")][0]
    assert response.columns == ("Perspectief", "In register", "1e ronde dataverzameling", "2e ronde dataverzameling")
    rows = {row[0]: row[1:] for row in response.rows}
    assert rows["Hervestigers"] == ("3", "<3", "<3")
    assert rows["Sponsoren"] == ("5", "<3", "x")       # hidden to protect the other: marked x, not <3
    texts = [b.text for b in section.blocks if hasattr(b, "text")]
    assert "Tolken: 2 van de 2 documenten van hervestigers via een tolk." in texts
    assert ("2e ronde dataverzameling loopt nog (tot en met 30 november 2024); cijfers van die ronde zijn "
            "voorlopig.") in texts
    assert "Overeenstemming tussen codeurs: Cohen's kappa: 0,71." in texts
    assert any(t.startswith("Codeboek: Community sponsorship (versie abc123).") for t in texts)
    # what was hidden is said once, under its table; the methods say the rule
    assert not any(t.startswith("Onderdrukt: ") for t in texts)
    assert any("(weergegeven als x)" in note for note in response.notes)
    assert any("(weergegeven als <3)" in note for note in response.notes)
    text = report_text(monthly)
    tables = [b for s in monthly.sections for b in blocks(s, Table)]
    for note in {note for table in tables for note in table.notes}:
        assert text.count(note) == sum(note in table.notes for table in tables), note   # not repeated elsewhere
    # documents are text, not people: not suppressed
    basis = [t for t in blocks(section, Table) if t.caption == "Databasis per perspectief"][0]
    assert [row[1] for row in basis.rows] == ["2", "6", "2", "1"]
    assert not any(isinstance(b, Callout) for b in section.blocks)   # no synthetic notice unless configured
    noticed = build_monthly_report(data, replace(context, synthetic_data=True), month="2024-10")
    assert "Let op: deze rapportage is gemaakt met verzonnen (synthetische) gegevens" in report_text(noticed)


def test_an_insight_contradicted_by_its_linked_evidence_is_flagged(data, context):
    import pandas as pd

    from evaltoolkit.reports.build import insight_flags

    # the researcher cites a refugee's praise; the linked segments on language mostly say it is a challenge
    insights = data.insights.copy()
    extra = insights.iloc[[0]].assign(insight_id="ins09", title="Praktische hulp gaat vanzelf goed",
                                      evidence_segment_ids=[["int_r2_nissewaard:0002"]],
                                      code_ids=[["taalbarriere"]], perspectives=[["hervestiger"]])
    flagged_data = replace(data, insights=pd.concat([insights, extra], ignore_index=True))
    flags = insight_flags(flagged_data, context)
    row = flags.set_index("insight_id").loc["ins09"]
    assert (row["stance"], bool(row["flagged"])) == ("positive", True)
    assert not flags.set_index("insight_id").loc["ins01", "flagged"]
    text = report_text(build_monthly_report(flagged_data, context, month="2024-10"))
    assert "De onderzoeker toetst dit inzicht voordat het wordt overgenomen." in text
    assert "Het inzicht 'Praktische hulp gaat vanzelf goed' wordt nog getoetst" in text


def test_english_report(data, context):
    report = build_monthly_report(data, replace(context, language="en"), month="2024-10")
    assert report.title == "Monthly report October 2024"
    assert report.sections[0].title == "Summary for the steering committee"
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
    assert "Ontwikkeling tussen de rondes" in titles and "Samenvatting voor de stuurgroep" not in titles
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


def test_the_comparison_shows_every_perspective_and_tells_hidden_from_zero(monthly):
    section = monthly.section("Vergelijking tussen perspectieven")
    table = blocks(section, Table)[0]
    assert table.columns == ("Thema", "Hervestigers", "Sponsoren", "Teamleiders", "Gemeenten")
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Taalbarrière"] == ("100%", "<3", "0%", "<3")     # hidden is not zero
    assert rows["Bureaucratie"] == ("<3", "0%", "0%", "0%")
    figure = blocks(section, Figure)[0]
    assert "<3: onderdrukt (minder dan 3 personen); 0%: niemand" in figure.caption
