"""Precision: capitals and sentence starts never make a word a name; languages,
nationalities, weekdays, months and common words stay; people are kept apart; a
placeholder is never pseudonymised again."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.privacy import Pseudonymiser


def pseudonymise(detector, text, *, language="nl", register=None, role_labels=None):
    documents = pd.DataFrame({"doc_id": ["a"], "text": [text], "language": [language]})
    pseudonymiser = Pseudonymiser(detector=detector, role_labels=role_labels or {}).fit(documents, register=register)
    return pseudonymiser.transform(documents)["text"].iloc[0], pseudonymiser


@pytest.mark.parametrize("text", [
    "Ik spreek geen Engels, alleen Arabisch en een beetje Nederlands.",
    "Pas na vier maanden kregen we een huis. Via de gemeente ging het sneller.",
    "Volgens mij was het goed. Voorstel: we bellen elke Maandag in Januari.",
    "De Syrische familie en de Eritrese buren spreken Tigrinya en Arabisch.",
    "Actiepunt: de teamleider mailt de Nederlandstalige folder.",
    "Leg het uit aan de Arabic-speaking vrijwilligers.",
])
def test_ordinary_dutch_words_are_not_names(detector, text):
    assert pseudonymise(detector, text)[0] == text


@pytest.mark.parametrize("text", [
    "Het Museum was dicht en de Markt is op vrijdag. Stilaan gaat het beter.",
    "Ik las de brief eerst in het Engels (Eng) en daarna pas in het Arabisch.",
    "Sportcentrum, Zwembad en Bibliotheek zijn in de zomer gesloten.",
])
def test_place_words_and_bracketed_notes_are_not_places(detector, text):
    assert pseudonymise(detector, text)[0] == text


@pytest.mark.parametrize("text", [
    "Ik kocht brood bij de Bakker op de hoek, daarna gingen we naar de Visser.",
    "Het huis was te geel en de tuin te groot.",
])
def test_a_capitalised_word_that_is_also_a_surname_is_a_word_on_its_own(detector, text):
    assert pseudonymise(detector, text)[0] == text


@pytest.mark.parametrize("text, expected", [
    ("Gisteren sprak ik met Pieter Bakker over werk.", "Gisteren sprak ik met [Persoon 1] over werk."),
    ("Nadien begon De Prins een eigen zaak.", "Nadien begon [Persoon 1] een eigen zaak."),
    ("Daarna sprak ik met Joke over de buren.", "Daarna sprak ik met [Persoon 1] over de buren."),
    ("Hij werd geboren te Geel en woont nu in Tienen.", "Hij werd geboren te [Plaats 1] en woont nu in [Plaats 2]."),
    # a surname that is a word, after a name and its particles, and a first name before them
    ("Gisteren belde Fatima de Vries op.", "Gisteren belde [Persoon 1] op."),
    ("Ik sprak Jan van der Berg gisteren.", "Ik sprak [Persoon 1] gisteren."),
])
def test_names_beside_names_particles_and_place_prepositions_are_still_found(detector, text, expected):
    assert pseudonymise(detector, text)[0] == expected


@pytest.mark.parametrize("text", [
    "Honestly, my sponsor helped a lot. Hello to everyone in the group!",
    "We met at the Town Hall and walked to the Main Square after the Museum closed.",
    "We need a place Monday can work for everyone, a square Wednesday is too busy.",
    "My English is better now. On Monday in May we met the French and Syrian families.",
])
def test_ordinary_english_words_are_not_names(detector, text):
    assert pseudonymise(detector, text, language="en")[0] == text


def test_the_register_still_wins_over_the_list_of_ordinary_words(detector):
    register = pd.DataFrame([{"participant_id": "SP09", "full_name": "Engels Brit", "name_variants": [],
                              "speaker_labels": [], "perspective": "sponsor", "role": "sponsor"}])
    text, _ = pseudonymise(detector, "Engels Brit belde gisteren.", register=register)
    assert text == "[Sponsor 1] belde gisteren."


def test_a_relative_named_in_a_participants_interview_gets_a_placeholder_of_their_own(detector):
    register = pd.DataFrame([{"participant_id": "HV01", "full_name": "Majd Al-Rifai", "name_variants": ["Majd"],
                              "speaker_labels": ["MAJD"], "perspective": "hervestiger", "role": "refugee"}])
    text, pseudonymiser = pseudonymise(
        detector, "MAJD: Mijn broer Rami Al-Rifai woont in Libanon. Rami belt elke week. Mevrouw Al-Rifai is "
        "mijn moeder.", register=register)
    assert text == ("[Hervestiger 1]: Mijn broer [Broer van Hervestiger 1] woont in [Land 1]. [Broer van Hervestiger 1] "
                    "belt elke week. Mevrouw [Hervestiger 1 of Broer van Hervestiger 1] is mijn moeder.")
    queue = dict(zip(pseudonymiser.review_queue_["surface"], pseudonymiser.review_queue_["reason"]))
    assert queue["Rami Al-Rifai"] == "new_name"
    assert queue["Al-Rifai"] == "shared_surname"   # "Mevrouw Al-Rifai": her, or her mother? a person decides


@pytest.mark.parametrize("placeholder", ["[Land 1]", "[Sponsor 2]", "[Telefoonnummer]", "[Persoon 48]",
                                         "[Nationaliteit van de hervestigers]"])
def test_text_inside_an_existing_placeholder_is_never_replaced(detector, placeholder):
    text = f"Khaled Darwish kwam uit {placeholder} en sprak met Joke."
    out, _ = pseudonymise(detector, text, role_labels={"sponsor": ("Sponsor", "Sponsor", True)})
    assert out == f"[Persoon 1] kwam uit {placeholder} en sprak met [Persoon 2]."
