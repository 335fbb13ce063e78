"""Exemplar quotes: attribution, exclusions, diversity and determinism."""
from __future__ import annotations

import datetime as dt

from evaltoolkit.analysis import attribution, select_quotes, shorten
from synthetic_study import VALENCE_IDS


def quotes(study, perspectives, rounds, roles=(), **options):
    return select_quotes(study["codings"], study["segments"], study["documents"], study["participants"],
                         valence_ids=VALENCE_IDS, perspectives=perspectives, roles=roles, rounds=rounds, **options)


def test_refugee_quote_names_round_and_interpreter(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="praktische_hulp", perspective="hervestiger", n=3)
    by_segment = dict(zip(table["segment_id"], table["attribution"]))
    assert by_segment["fg_r1_zaanstad:0003"] == (
        "(Hervestiger, 1e ronde dataverzameling, vertaald door een tolk vanuit het Arabisch)")
    assert by_segment["int_r2_nissewaard:0002"] == (
        "(Hervestiger, 2e ronde dataverzameling, vertaald door een tolk vanuit het Arabisch)")


def test_withdrawn_participant_is_never_quoted_even_when_most_typical(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="praktische_hulp", n=20)
    assert "int_r2_nissewaard:0003" not in set(table["segment_id"])   # HV04 withdrew
    assert "sponsors_r2-R6:0001" not in set(table["segment_id"])      # SP05 gave no consent
    assert "fg_r1_zaanstad:0001" not in set(table["segment_id"])      # interviewer
    assert "fg_r1_zaanstad:0002" not in set(table["segment_id"])      # interpreter


def test_sponsor_team_leader_and_municipal_attributions(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="praktische_hulp", n=20)
    by_segment = dict(zip(table["segment_id"], table["attribution"]))
    assert by_segment["sponsors_r2-R3:0002"] == "(Sponsor, 2e ronde dataverzameling)"
    assert by_segment["tl_2024-10:0002"] == "(Teamleider tijdens teamleidersmeeting in oktober 2024)"
    assert by_segment["gm_int:0002"] == "(Gemeentemedewerker tijdens interview in juni 2024)"


def test_english_attributions(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="praktische_hulp", n=20, language="en")
    by_segment = dict(zip(table["segment_id"], table["attribution"]))
    assert by_segment["fg_r1_zaanstad:0003"] == (
        "(Resettled refugee, first round of data collection, translated by an interpreter from Arabic)")
    assert by_segment["gm_int:0002"] == "(Municipal officer during interview in June 2024)"


def test_a_role_with_its_own_label_is_named_as_such():
    unit = {"role": "stopped_sponsor", "perspective": "sponsor", "round": "r2",
            "collected_on": dt.date(2024, 10, 25), "kind": "survey", "translated_from": None}
    assert attribution(unit, role_labels={"stopped_sponsor": "Gestopte sponsor"},
                       perspective_role_labels={"sponsor": "Sponsor"}, round_labels={"r2": "2e ronde dataverzameling"},
                       round_perspectives=("sponsor",)) == "(Gestopte sponsor, 2e ronde dataverzameling)"
    assert attribution(unit, perspective_role_labels={"sponsor": "Sponsor"}) == (
        "(Sponsor in vragenlijst, oktober 2024)")


def test_roles_from_the_configuration_name_the_speaker(study, perspectives, roles, rounds):
    table = quotes(study, perspectives, rounds, roles=roles, code_id="praktische_hulp", n=20)
    assert set(table["attribution"]) >= {"(Sponsor, 2e ronde dataverzameling)",
                                         "(Gemeentemedewerker tijdens interview in juni 2024)"}


def test_quotes_come_from_different_speakers_first(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="taalbarriere", perspective="hervestiger", n=2)
    assert len(table) == 2
    assert table["speaker_id"].nunique() == 2


def test_quotes_are_deterministic_and_best_first(study, perspectives, rounds):
    first = quotes(study, perspectives, rounds, code_id="praktische_hulp", n=4)
    second = quotes(study, perspectives, rounds, code_id="praktische_hulp", n=4)
    assert first.equals(second)
    assert first["speaker_id"].is_unique
    assert first["score"].iloc[0] == first["score"].max()


def test_valence_filter_picks_challenge_quotes_only(study, perspectives, rounds):
    table = quotes(study, perspectives, rounds, code_id="praktische_hulp", perspective="sponsor",
                   valence="uitdaging", n=5)
    assert list(table["segment_id"]) == ["sponsors_r2-R3:0002"]


def test_long_quotes_are_cut_at_a_sentence_end():
    text = "Een twee drie vier. Vijf zes zeven acht. Negen tien elf twaalf."
    assert shorten(text, max_words=9) == "Een twee drie vier. Vijf zes zeven acht. [...]"
    assert shorten(text, max_words=20) == text


def test_filler_sentences_and_hesitations_are_trimmed_and_gaps_marked():
    from evaltoolkit.analysis import trim_filler

    text = ("Tja. Nou, eh, de sponsor helpt ons met de brieven, zeg maar, elke week. "
            "Dat is een goede vraag. Zonder haar was het moeilijk. Ja.")
    assert trim_filler(text) == ("De sponsor helpt ons met de brieven, elke week. [...] "
                                 "Zonder haar was het moeilijk.")
    assert trim_filler("That's a good question. Well, um, my mentor, you know, helps with homework. Yeah.",
                       language="en") == "My mentor, helps with homework."
    # a Dutch "er" is a word, not a hesitation
    assert trim_filler("Er is veel hulp, ehm, van de buren.") == "Er is veel hulp van de buren."


def test_a_quote_is_cut_to_about_sixty_words_at_a_sentence_end():
    sentence = "De hulp van de sponsor bij de post en de afspraken was heel fijn voor ons gezin. "
    quote = shorten(sentence * 8, max_words=60)
    assert quote.endswith("[...]")
    assert len(quote.split()) <= 61


def test_two_quotes_for_a_finding_do_not_say_the_same_thing():
    import pandas as pd

    from evaltoolkit.analysis import quotes_from_rows

    same = "De sponsor helpt ons elke week met de brieven van de gemeente en de belasting."
    rows = pd.DataFrame({
        "segment_id": ["d1:1", "d2:1", "d3:1"], "doc_id": ["d1", "d2", "d3"], "code_id": ["c"] * 3,
        "perspective": ["p"] * 3, "valence": ["plus"] * 3, "speaker_id": ["a", "b", "c"],
        "participant_id": ["a", "b", "c"], "role": [None] * 3, "round": [None] * 3, "collected_on": [None] * 3,
        "kind": ["interview"] * 3, "translated_from": [None] * 3,
        "text": [same, same.replace("elke week", "iedere week"),
                 "Door de sponsor ken ik nu de buren en ga ik naar de voetbalclub in het dorp."]})
    chosen = quotes_from_rows(rows, code_id="c", n=2)
    assert len(chosen) == 2
    assert {"d1:1", "d2:1"} - set(chosen["segment_id"])   # not both near-identical quotes


def test_quotes_that_share_a_sentence_are_not_both_chosen():
    import pandas as pd

    from evaltoolkit.analysis import quotes_from_rows

    shared = "Wij hebben het huis aan de [Adres] klaargemaakt voor aankomst en het bed in elkaar gezet."
    rows = pd.DataFrame({
        "segment_id": ["d1:1", "d2:1", "d3:1"], "doc_id": ["d1", "d2", "d3"], "code_id": ["c"] * 3,
        "perspective": ["p"] * 3, "valence": ["plus"] * 3, "speaker_id": ["a", "b", "c"],
        "participant_id": ["a", "b", "c"], "role": [None] * 3, "round": [None] * 3, "collected_on": [None] * 3,
        "kind": ["interview"] * 3, "translated_from": [None] * 3,
        "text": ["We hebben samen de zorgverzekering uitgezocht, dat kost veel tijd. " + shared,
                 "Wij doen vooral praktische dingen zoals boodschappen en de post. " + shared,
                 "Door de sponsor ken ik nu de buren en ga ik naar de voetbalclub in het dorp."]})
    chosen = quotes_from_rows(rows, code_id="c", n=2)
    assert {"d1:1", "d2:1"} - set(chosen["segment_id"])
