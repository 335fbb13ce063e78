"""Slot values for sentence templates: who and what a document can mention.

A context maps slot names to :class:`~evaltoolkit.demo.text.Value`. Names come in the
forms people actually write: first names (sometimes in lower case, as transcribers
type them), titles with surnames ("mevrouw De Vries", "dhr. Jansen"), initials
("J.M. de Vries"), kunya ("Abu Rami"). Organisations and cities are not personal data
and carry no identifier type.
"""
from __future__ import annotations

import random

from evaltoolkit.demo.names import FIRST_COUNTRY, SITE_NAMES, SITE_PLACES
from evaltoolkit.demo.people import Cohort, Family, Person, Relation, Staff
from evaltoolkit.demo.text import Value

NAME = "person_name"


def first_name(person: Person | Relation) -> Value:
    return Value((person.first, person.first, person.first, person.first.lower()), NAME)


def capitalised(surname: str) -> str:
    """``de Vries`` -> ``De Vries``: the Dutch spelling when no first name precedes."""
    return surname[:1].upper() + surname[1:]


def titled(person: Person | Relation, *, doctor: bool = False) -> Value:
    title = ("dhr." if person.gender == "m" else "mevr.") if not doctor else "dokter"
    polite = "meneer" if person.gender == "m" else "mevrouw"
    forms = (f"{polite} {capitalised(person.last)}", f"{title} {capitalised(person.last)}",
             f"{person.first} {person.last}")
    return Value(forms if not doctor else forms[1:] + (f"huisarts {capitalised(person.last)}",), NAME)


def initials(person: Person, rng: random.Random) -> str:
    second = rng.choice("ACEGHJKLMPRSTW")
    return f"{person.first[0]}.{second}. {person.last}"


def family_context(family: Family, staff: Staff, *, speaker: Person, rng: random.Random) -> dict[str, Value]:
    """What a refugee (``speaker``) of ``family`` can mention in an interview."""
    places = SITE_PLACES[family.site]
    partner = next((a for a in family.adults if a is not speaker and a.gender != speaker.gender), family.adults[0])
    relation, city = family.relative.detail.split("|")
    children = family.children
    context = {
        "sponsor": first_name(family.sponsors[0]),
        "sponsor2": first_name(family.sponsors[1]),
        "counsellor": titled(family.counsellor),
        "doctor": titled(family.doctor, doctor=True),
        "neighbour": Value((family.neighbour.first, f"{family.neighbour.first} {family.neighbour.last}"), NAME),
        "child": first_name(children[0]),
        "child2": first_name(children[1]),
        "child_dob": Value((children[0].detail,), "date_of_birth"),
        "partner": first_name(partner),
        "spouse": Value(("mijn vrouw" if speaker.gender == "m" else "mijn man",)),
        "Spouse": Value(("Mijn vrouw" if speaker.gender == "m" else "Mijn man",)),
        "spouse_en": Value(("my wife" if speaker.gender == "m" else "my husband",)),
        "Spouse_en": Value(("My wife" if speaker.gender == "m" else "My husband",)),
        "kunya": Value((family.kunya[0],) if family.kunya else (family.adults[0].first,), NAME),
        "school": Value((family.school,), "school"),
        "employer": Value((family.employer,), "employer"),
        "place": Value((family.small_place,), "place"),
        "street": Value((family.address[0],), "address"),
        "postcode": Value((family.address[1],), "postcode"),
        "town": Value((family.address[2],)),
        "phone": Value((family.phone,), "phone"),
        "phone_abroad": Value((family.phone_abroad,), "phone"),
        "email": Value((family.email,), "email"),
        "bsn": Value((family.bsn,), "bsn"),
        "vnum": Value((family.v_number,), "v_number"),
        "relation": Value((relation,)),
        "relative": first_name(family.relative),
        "relative_city": Value((city,)),
        "tl": first_name(staff.team_leaders[family.site]),
        "site": Value((SITE_NAMES[family.site],)),
        "corp": Value((places["housing"][0], "de woningcorporatie")),
        "country": Value((FIRST_COUNTRY[family.origin],)),
    }
    return context


def sponsor_context(sponsor: Person, family: Family, cohort: Cohort, staff: Staff, *, rng: random.Random,
                    plate: str, iban: str, phone: str, email: str) -> dict[str, Value]:
    """What a sponsor can mention in a questionnaire: the family, fellow sponsors, own details."""
    context = family_context(family, staff, speaker=family.adults[0], rng=rng)
    fellows = [s for s in cohort.active[family.site] if s is not sponsor] or [sponsor]
    father = family.adults[0]
    context.update({
        "family": Value((family.surname,), NAME),
        "refugee": first_name(father),
        "refugee2": first_name(family.adults[1]),
        "fellow": first_name(rng.choice(fellows)),
        "phone": Value((phone,), "phone"),
        "email": Value((email,), "email"),
        "plate": Value((plate,), "licence_plate"),
        "iban": Value((iban,), "iban"),
    })
    return context


def site_context(site: str, cohort: Cohort, staff: Staff, *, rng: random.Random) -> dict[str, Value]:
    """What meeting notes or a municipal officer can mention about one site."""
    first, second = cohort.families_of(site)
    context = family_context(first, staff, speaker=first.adults[0], rng=rng)
    pl = staff.project_leader
    officer = staff.municipal[site]
    context.update({
        "family": Value((first.surname,), NAME),
        "family2": Value((second.surname,), NAME),
        "refugee": first_name(first.adults[0]),
        "sponsor": first_name(first.sponsors[0]),
        "sponsor2": first_name(second.sponsors[0]),
        "other_family": Value(cohort.other_families[site], NAME),
        "pl": Value((pl.first, pl.first, titled(pl).forms[0]), NAME),
        "gm": Value((titled(officer).forms[1], initials(officer, rng)), NAME),
        "tl": first_name(staff.team_leaders[site]),
    })
    return context
