"""Context rules for person names: verbs of saying, roles, first names in lower-cased text
and bylines. Every sentence is invented."""
from __future__ import annotations

import pytest


def found(detector, text: str, *, lowercase: bool | None = None) -> dict[str, str]:
    """surface -> entity type of every detection."""
    return {d.text: d.entity_type for d in detector.detect(text, lowercase=lowercase)}


@pytest.mark.parametrize("text, surface", [
    ('"Het gaat beter", aldus Van Oosterhout.', "Van Oosterhout"),     # a surname that is also a town
    ('"Dat klopt niet", zegt De Rover tegen ons.', "De Rover"),         # particle + common word
    ("Volgens Wortel is de wachtlijst korter.", "Wortel"),              # a common word as surname
    ("De oud-minister Schoen opende de school.", "Schoen"),             # role at the end of a compound
    ("Ook partijvoorzitter Vlieger kwam langs.", "Vlieger"),
])
def test_name_after_a_verb_of_saying_or_a_role_is_a_person(detector, text, surface):
    assert found(detector, text).get(surface) == "person"


def test_lower_case_particle_after_a_role_is_a_preposition_not_a_name(detector):
    detections = found(detector, "De minister van Justitie sprak gisteren in de Kamer.")
    assert not any(kind == "person" for kind in detections.values())


def test_cue_at_the_end_of_a_line_does_not_take_the_next_line(detector):
    detections = found(detector, "Dat is wat de trainer zegt\nAlgemeen nieuws van vandaag")
    assert "Algemeen" not in detections


@pytest.mark.parametrize("text, surface", [
    ("dat klopt zegt van oosterhout en toen gingen we naar huis", "van oosterhout"),
    ("gisteren belde robert kwelderbeek over de huur van het huis", "robert kwelderbeek"),
    ("daarna sprak an bruyndonckx met ons over de school van de kinderen", "an bruyndonckx"),
])
def test_lower_cased_names_with_a_cue_or_a_first_name_are_persons(detector, text, surface):
    assert found(detector, text, lowercase=True).get(surface) == "person"


def test_lower_cased_role_and_place_are_not_a_person(detector):
    detections = found(detector, "de burgemeester van utrecht kwam langs op het feest van de buurt",
                       lowercase=True)
    assert not any(kind == "person" for kind in detections.values())


def test_first_name_before_a_dictionary_word_is_not_joined(detector):
    detections = found(detector, "toen kwam robert thuis en hij was heel moe van het werk", lowercase=True)
    assert "robert thuis" not in detections


@pytest.mark.parametrize("text, surface", [
    ("Het weer blijft nat deze week. ( KS )", "KS"),
    ("Het weer blijft nat deze week. (JdV)", "JdV"),
    ("Het weer blijft nat deze week.\nKdM\nEen ander stuk begint hier.", "KdM"),
])
def test_byline_initials_are_a_person(detector, text, surface):
    assert found(detector, text).get(surface) == "person"


def test_abbreviation_on_its_own_line_is_not_a_byline(detector):
    assert found(detector, "Het weer blijft nat deze week.\nNB\nOK\n") == {}


@pytest.mark.parametrize("text, surface", [
    ("Gisteren was Van den Stockt niet op kantoor.", "Van den Stockt"),   # lower-case particle inside
    ("Voor Di Luca werd het te veel.", "Di Luca"),                       # surname that is a first name
])
def test_capitalised_particles_inside_a_sentence_belong_to_the_surname(detector, text, surface):
    assert found(detector, text).get(surface) == "person"


def test_lower_case_particle_before_a_surname_stays_outside_in_cased_text(detector):
    assert found(detector, "Zij sprak met de minister van Dam over het plan.").get("Dam") == "person"
