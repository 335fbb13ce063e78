"""The people of the demo study: families, sponsors and staff, and the register table.

One *cohort* is the scale-1 study's population: two interviewed families per site,
the sponsors of each site (active and stopped) and the people around the families
(children, neighbours, a relative abroad, the social counsellor, the GP) who appear in
the texts but are not research participants. ``scale=N`` builds N cohorts; the staff
(team leaders, project leader, municipal officers, interpreters, interviewer) is shared.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.demo import identifiers as ids
from evaltoolkit.demo.names import CITIES_ABROAD, FIRST_NAMES, SITE_PLACES, SITES, SURNAMES

REGISTER_COLUMNS = (
    "participant_id", "full_name", "name_variants", "speaker_labels", "perspective", "role", "site",
    "family_id", "consent", "consent_date", "withdrawn_on", "languages", "notes",
)
# Interviewed families per site and their origins (cohort 0); later cohorts rotate them.
_FAMILY_ORIGINS = {"zaanstad": ("syrian", "syrian"), "nissewaard": ("eritrean", "syrian"),
                   "zevenaar": ("syrian", "syrian")}
# Active sponsors per site (ids in order) and stopped sponsors per site.
_ACTIVE_SPONSORS = {"zaanstad": 4, "nissewaard": 3, "zevenaar": 5}
_STOPPED_SPONSORS = {"zaanstad": 3, "nissewaard": 3, "zevenaar": 4}
# Arrival of the two interviewed families per site (also in events.csv).
ARRIVALS = {
    "zaanstad": (dt.date(2023, 11, 16), dt.date(2024, 2, 8)),
    "nissewaard": (dt.date(2024, 1, 25), dt.date(2024, 3, 14)),
    "zevenaar": (dt.date(2023, 12, 7), dt.date(2024, 2, 29)),
}


@dataclass(frozen=True)
class Person:
    participant_id: str
    first: str
    last: str
    gender: str
    origin: str
    role: str
    perspective: str | None
    site: str | None
    languages: str
    labels: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    family_id: str | None = None
    consent: bool = True
    consent_date: dt.date | None = None
    withdrawn_on: dt.date | None = None
    notes: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class Relation:
    """Someone in the texts who is not a participant (child, neighbour, relative, professional)."""

    first: str
    last: str
    gender: str
    detail: str = ""  # a date of birth, a relation word, a city abroad


@dataclass(frozen=True)
class Family:
    family_id: str
    site: str
    origin: str
    surname: str
    adults: tuple[Person, ...]
    children: tuple[Relation, ...]
    kunya: tuple[str, str] | None  # ("Abu Rami", "Umm Rami")
    sponsors: tuple[Person, ...]
    address: tuple[str, str, str]  # street and number, postcode, town
    small_place: str
    school: str
    employer: str
    phone: str
    phone_abroad: str
    email: str
    bsn: str
    v_number: str
    relative: Relation
    counsellor: Relation
    doctor: Relation
    neighbour: Relation
    arrived_on: dt.date


@dataclass(frozen=True)
class Staff:
    team_leaders: dict[str, Person]
    project_leader: Person
    municipal: dict[str, Person]  # keys: zaanstad, zaanstad_consulent, nissewaard, zevenaar
    interpreters: tuple[Person, ...]  # Arabic-Dutch (2), Arabic-English (1)
    interviewer: Person


@dataclass(frozen=True)
class Cohort:
    index: int
    families: tuple[Family, ...]  # two per site, in SITES order
    active: dict[str, tuple[Person, ...]]
    stopped: dict[str, tuple[Person, ...]]
    other_families: dict[str, tuple[str, ...]]  # surnames of families not interviewed

    def families_of(self, site: str) -> tuple[Family, Family]:
        found = tuple(f for f in self.families if f.site == site)
        return found[0], found[1]


class NamePicker:
    """Draws names so that speaker labels and full names stay unique in the study."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_first: set[str] = set()
        self.used_full: set[str] = set()
        self.used_eldest: set[str] = set()

    def first(self, origin: str, gender: str) -> str:
        pool = FIRST_NAMES[origin][gender]
        fresh = [name for name in pool if name not in self.used_first]
        name = self.rng.choice(fresh or pool)
        self.used_first.add(name)
        return name

    def first_for(self, origin: str, gender: str, surname: str) -> str:
        """A first name that makes a full name no one else in the study has: two people
        with one name in one conversation would share a speaker label."""
        for _ in range(50):
            first = self.first(origin, gender)
            if f"{first} {surname}" not in self.used_full:
                break
        self.used_full.add(f"{first} {surname}")
        return first

    def eldest_son(self, origin: str, cohort: int) -> str:
        """The eldest son's name, unique per origin within a cohort (whose families meet in
        the same focus groups): Syrian parents are called after him (Abu/Umm <name>), and
        two fathers called "Abu Omar" in one focus group would share a speaker label."""
        for _ in range(50):
            first = self.first(origin, "m")
            if (cohort, origin, first) not in self.used_eldest:
                break
        self.used_eldest.add((cohort, origin, first))
        return first

    def surname(self, origin: str) -> str:
        return self.rng.choice(SURNAMES[origin])

    def person_name(self, origin: str, gender: str) -> tuple[str, str]:
        for _ in range(50):
            first, last = self.first(origin, gender), self.surname(origin)
            if f"{first} {last}" not in self.used_full:
                break
        self.used_full.add(f"{first} {last}")
        return first, last


class IdCounter:
    def __init__(self):
        self.next: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        self.next[prefix] = self.next.get(prefix, 0) + 1
        return f"{prefix}{self.next[prefix]:02d}"


def build_staff(rng: random.Random, picker: NamePicker, new_id: IdCounter) -> Staff:
    def staff(prefix, origin, gender, role, perspective, site, labels, languages, notes=""):
        first, last = picker.person_name(origin, gender)
        person_labels = tuple(label.format(full=f"{first} {last}") for label in labels)
        return Person(new_id(prefix), first, last, gender, origin, role, perspective, site, languages,
                      labels=person_labels, variants=(first, last), consent_date=dt.date(2024, 1, 8),
                      notes=notes)

    leaders = {
        "zaanstad": staff("TL", "dutch", "f", "team_leader", "teamleider", "zaanstad", (), "nl;en"),
        "nissewaard": staff("TL", "moroccan", "m", "team_leader", "teamleider", "nissewaard", (), "nl;ar;en"),
        "zevenaar": staff("TL", "dutch", "f", "team_leader", "teamleider", "zevenaar", (), "nl;en;de"),
    }
    project_leader = staff("PL", "dutch", "f", "project_leader", "teamleider", None, (), "nl;en",
                           "landelijke projectleider; neemt deel aan het maandelijkse teamleidersoverleg")
    municipal = {
        "zaanstad": staff("GM", "dutch", "m", "municipal_officer", "gemeente", "zaanstad", ("GEMEENTE",),
                          "nl", "beleidsadviseur inburgering en statushouders"),
        "nissewaard": staff("GM", "turkish", "f", "municipal_officer", "gemeente", "nissewaard",
                            ("GEMEENTE",), "nl;tr;en", "ketenregisseur statushouders"),
        "zevenaar": staff("GM", "dutch", "f", "municipal_officer", "gemeente", "zevenaar", ("GEMEENTE",),
                          "nl", "beleidsmedewerker sociaal domein (vragenlijst per e-mail)"),
        "zaanstad_consulent": staff("GM", "dutch", "f", "municipal_officer", "gemeente", "zaanstad",
                                    ("GEMEENTE",), "nl;en", "inburgeringsconsulent"),
    }
    interpreters = (
        staff("TK", "syrian", "f", "interpreter", None, None, ("TOLK", "{full}"), "ar;nl", "tolk Arabisch-Nederlands"),
        staff("TK", "somali", "m", "interpreter", None, None, ("TOLK", "{full}"), "ar;so;nl",
              "tolk Arabisch-Nederlands"),
        staff("TK", "moroccan", "m", "interpreter", None, None, ("INTERPRETER", "TOLK", "{full}"), "ar;en;nl",
              "tolk Arabisch-Engels"),
    )
    interviewer = staff("OZ", "dutch", "f", "interviewer", None, None, ("INTERVIEWER", "{full}"), "nl;en",
                        "onderzoeker, interviewer en notulist van het teamleidersoverleg")
    return Staff(leaders, project_leader, municipal, interpreters, interviewer)


def build_cohort(index: int, rng: random.Random, picker: NamePicker, new_id: IdCounter) -> Cohort:
    # The first two active sponsors are the families' main sponsors; the texts call them "ze".
    active = {site: tuple(_sponsor(site, rng, picker, new_id, stopped=False, gender="f" if i < 2 else None)
                          for i in range(_ACTIVE_SPONSORS[site]))
              for site in SITES}
    stopped = {site: tuple(_sponsor(site, rng, picker, new_id, stopped=True) for _ in range(_STOPPED_SPONSORS[site]))
               for site in SITES}
    families = []
    for site in SITES:
        origins = _FAMILY_ORIGINS[site]
        for position, origin in enumerate(origins):
            sponsors = _sponsors_of(site, position, active[site], stopped[site])
            third_adult = site == "nissewaard" and position == 1
            families.append(_family(index, site, origin, position, sponsors, third_adult, rng, picker, new_id))
    others = {site: tuple(rng.sample(SURNAMES["afghan"] + SURNAMES["somali"] + SURNAMES["syrian"], 2))
              for site in SITES}
    return Cohort(index, tuple(families), active, stopped, others)


def _sponsors_of(site, position, active, stopped):
    if site == "zaanstad":  # a pool of sponsors serves both families
        return (active[position], active[1 - position], *active[2:])
    if site == "nissewaard":  # first sponsor of family A stopped; matched again later
        return (active[position], stopped[0]) if position == 0 else (active[position], active[2])
    return (active[position], active[position + 2])


def _sponsor(site, rng, picker, new_id, *, stopped, gender=None):
    origin = rng.choices(("dutch", "turkish", "moroccan", "syrian"), weights=(14, 2, 2, 2))[0]
    gender = gender or rng.choices(("f", "m"), weights=(3, 2))[0]
    first, last = picker.person_name(origin, gender)
    languages = {"dutch": "nl;en", "turkish": "nl;tr;en", "moroccan": "nl;ar;fr", "syrian": "ar;nl;en"}[origin]
    joined = dt.date(2024, rng.randint(1, 4), rng.randint(1, 28))
    stop = dt.date(2024, rng.randint(5, 9), rng.randint(1, 28)) if stopped else None
    notes = f"sponsor sinds {joined.isoformat()}" + (f"; gestopt op {stop.isoformat()}" if stop else "")
    return Person(new_id("SP"), first, last, gender, origin, "stopped_sponsor" if stopped else "sponsor",
                  "sponsor", site, languages, variants=(first, last, first.lower()), consent_date=joined,
                  notes=notes)


def _family(cohort, site, origin, position, sponsors, third_adult, rng, picker, new_id) -> Family:
    family_id = f"F{cohort * 6 + SITES.index(site) * 2 + position + 1:02d}"
    surname = picker.surname(origin)
    children = [Relation(picker.eldest_son(origin, cohort), surname, "m",
                         ids.date_of_birth(rng, year_range=(2006, 2012), style=rng.randrange(2)))]
    # The second child is a daughter (the texts say "haar"); a third child may follow.
    children += [Relation(picker.first(origin, gender), surname, gender,
                          ids.date_of_birth(rng, year_range=(2013, 2021), style=rng.randrange(2)))
                 for gender in ("f", "m")[:rng.randint(1, 2)]]
    kunya = (f"Abu {children[0].first}", f"Umm {children[0].first}") if origin == "syrian" else None
    mother_surname = picker.surname(origin) if origin == "eritrean" else surname
    arrived = ARRIVALS[site][position]
    adults = [_refugee(cohort, family_id, site, origin, "m", surname, kunya and kunya[0], arrived, picker, new_id),
              _refugee(cohort, family_id, site, origin, "f", mother_surname, kunya and kunya[1], arrived, picker, new_id)]
    if third_adult:
        adults.append(_refugee(cohort, family_id, site, origin, "m", surname, None, arrived, picker, new_id,
                               withdrawn=dt.date(2024, 9, 16)))
    places = SITE_PLACES[site]
    relation_word = rng.choice(("broer", "zus", "moeder", "vader", "neef"))
    relative = Relation(picker.first(origin, "f" if relation_word in ("zus", "moeder") else "m"), surname,
                        "", f"{relation_word}|{rng.choice(CITIES_ABROAD[origin])}")
    first = adults[0]
    return Family(
        family_id=family_id, site=site, origin=origin, surname=surname, adults=tuple(adults),
        children=tuple(children), kunya=kunya, sponsors=sponsors,
        address=(f"{rng.choice(places['streets'])} {rng.randint(2, 140)}", ids.postcode(rng, places["postcode"][0]),
                 places["town"][0]),
        small_place=rng.choice(places["small_places"]), school=rng.choice(places["schools"]),
        employer=rng.choice(places["employers"]), phone=ids.mobile_nl(rng, style=rng.randrange(3)),
        phone_abroad=ids.phone_abroad(rng, "eritrean" if origin == "eritrean" else rng.choice(("syria", "lebanon"))),
        email=ids.email_address(rng, first.first, first.last), bsn=ids.bsn(rng), v_number=ids.v_number(rng),
        relative=relative,
        counsellor=Relation(*picker.person_name("dutch", "f"), "f"),
        doctor=_relation(picker, rng.choice(("dutch", "dutch", "turkish")), rng.choice("mf")),
        neighbour=_relation(picker, "dutch", rng.choice("mf")),
        arrived_on=arrived,
    )


def _relation(picker, origin, gender):
    return Relation(*picker.person_name(origin, gender), gender)


def _refugee(cohort, family_id, site, origin, gender, surname, kunya, arrived, picker, new_id, withdrawn=None):
    first = picker.first_for(origin, gender, surname)
    full = f"{first} {surname}"
    label = first.upper() if cohort == 0 else full.upper()
    labels = (label, full) + ((kunya.upper(),) if kunya else ())
    variants = (first, surname, first.lower()) + ((kunya,) if kunya else ())
    languages = "ar;ti" if origin == "eritrean" else ("ar;en" if gender == "m" else "ar")
    return Person(new_id("HV"), first, surname, gender, origin, "refugee", "hervestiger", site, languages,
                  labels=labels, variants=variants, family_id=family_id, consent_date=dt.date(2024, 6, 3),
                  withdrawn_on=withdrawn,
                  notes=f"hervestigd, aangekomen {arrived.isoformat()}"
                  + ("; trok toestemming in na de 1e ronde" if withdrawn else ""))


def register_table(staff: Staff, cohorts: list[Cohort], *, no_consent: set[str]) -> pd.DataFrame:
    """The register: one row per participant, research staff and interpreters included."""
    people: list[Person] = []
    for cohort in cohorts:
        for family in cohort.families:
            people.extend(family.adults)
        for site in SITES:
            people.extend(cohort.active[site])
            people.extend(cohort.stopped[site])
    people.extend(staff.team_leaders.values())
    people.append(staff.project_leader)
    people.extend(staff.municipal.values())
    people.extend(staff.interpreters)
    people.append(staff.interviewer)
    prefixes = ("HV", "SP", "TL", "PL", "GM", "TK", "OZ")
    people.sort(key=lambda p: (prefixes.index(p.participant_id[:2]), int(p.participant_id[2:])))
    sponsored = {}
    for cohort in cohorts:
        for family in cohort.families:
            sponsored.setdefault(family.sponsors[0].participant_id, family.family_id)
    rows = [{
        "participant_id": p.participant_id, "full_name": p.full_name, "name_variants": ";".join(p.variants),
        "speaker_labels": ";".join(p.labels), "perspective": p.perspective or "", "role": p.role,
        "site": p.site or "", "family_id": p.family_id or sponsored.get(p.participant_id, ""),
        "consent": "no" if p.participant_id in no_consent else "yes",
        "consent_date": "" if p.participant_id in no_consent or not p.consent_date else p.consent_date.isoformat(),
        "withdrawn_on": p.withdrawn_on.isoformat() if p.withdrawn_on else "", "languages": p.languages,
        "notes": p.notes,
    } for p in people]
    return pd.DataFrame(rows, columns=list(REGISTER_COLUMNS))
