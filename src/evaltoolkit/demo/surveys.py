"""Sponsor questionnaires as real Qualtrics exports: three header rows and metadata columns.

Row 1 holds column ids, row 2 the question texts, row 3 ``{"ImportId": ...}`` JSON.
Metadata columns (IPAddress, Recipient*, LocationLatitude/Longitude) hold personal data
that ingestion must drop. Closed items Q1..Q8 follow ``surveys:`` in evaltoolkit.yaml;
``Q8_why`` and Q9.. are open items. Response is small and uneven, as in the real study.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field

from evaltoolkit.demo import identifiers as ids
from evaltoolkit.demo.answers import compose
from evaltoolkit.demo.banks_sponsor import BANK as SP_BANK
from evaltoolkit.demo.contexts import sponsor_context
from evaltoolkit.demo.names import SITE_COORDINATES, SITE_NAMES
from evaltoolkit.demo.people import Cohort, Person, Staff
from evaltoolkit.demo.text import Composer, Segment

METADATA = (
    ("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"), ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"), ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"), ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"), ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
    ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    ("ExternalReference", "External Data Reference", "externalDataReference"),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    ("LocationLongitude", "Location Longitude", "locationLongitude"),
    ("DistributionChannel", "Distribution Channel", "distributionChannel"),
    ("UserLanguage", "User Language", "userLanguage"),
)
CLOSED = (
    ("Q0", "Ik heb de informatie over het onderzoek gelezen en geef toestemming voor het gebruik van mijn "
           "antwoorden (synthetische demovragenlijst, alle gegevens zijn verzonnen).", None),
    ("Q1", "In welke gemeente bent u sponsor?", "site"),
    ("Q2", "Wat is uw leeftijd?", "age_band"),
    ("Q3", "Wat is uw gender?", "gender"),
    ("Q4", "Heeft u een persoonlijke band met vluchtelingen of migratie?", "background"),
    ("Q5", "Welke talen spreekt u? (meerdere antwoorden mogelijk) - Selected Choice", "languages"),
    ("Q6", "Hoeveel uur per week heeft u betaald werk?", "paid_work_hours"),
    ("Q7", "Hoeveel uur per maand besteedt u gemiddeld aan het sponsorschap?", "hours_per_month"),
    ("Q8", "Welk rapportcijfer geeft u het project (1 tot en met 10)?", "rating"),
)
OPEN = (
    ("Q8_why", "Waarom geeft u dit cijfer?", ()),
    ("Q9", "Hoe bent u bij het project terechtgekomen?", ("werving_vrijwilligers",)),
    ("Q10", "Wat was uw motivatie om sponsor te worden, en is die veranderd?", ("humanitaire_motivatie", "zingeving")),
    ("Q11", "Zijn uw verwachtingen uitgekomen?", ("verwachtingen_invulling",)),
    ("Q12", "Hoe bent u voorbereid op uw rol (training, informatie)?", ("training_hulpmiddelen",)),
    ("Q13", "Hoe ervaart u de sponsorgroep?", ("kennisuitwisseling",)),
    ("Q14", "Hoe verliep het eerste contact met de familie?", ("informatievoorziening",)),
    ("Q15", "Hoe vaak heeft u contact en hoeveel tijd kost het?", ("verwachtingen_invulling",)),
    ("Q16", "Wat zijn de belangrijkste activiteiten die u samen doet?", ("praktische_hulp", "sociale_contacten")),
    ("Q17", "Hoe ervaart u de match met de familie?", ("persoonlijke_relatie",)),
    ("Q18", "Hoe zou u uw relatie met de familie omschrijven?", ("persoonlijke_relatie",)),
    ("Q19", "Wat geeft u, en wat krijgt u terug?", ("gelijkwaardigheid_grenzen", "zingeving")),
    ("Q20", "Wat zijn uw plannen voor de toekomst met de familie?", ("continuiteit_ondersteuning",)),
    ("Q21", "Hoe ziet u uw taak als sponsor?", ("taakverdeling", "praktische_hulp")),
    ("Q22", "Hoe ervaart u de ondersteuning door VluchtelingenWerk?", ("centrale_ondersteuning", "training_hulpmiddelen")),
    ("Q23", "Is de taakverdeling met de maatschappelijk begeleider duidelijk?", ("taakverdeling",)),
    ("Q24", "Hoe divers is uw eigen netwerk?", ("draagvlak", "sociale_contacten")),
    ("Q25", "Hoe staat u tegenover vluchtelingen, en is dat veranderd?", ("draagvlak",)),
    ("Q26", "Hoe reageren mensen in uw omgeving op uw sponsorschap?", ("draagvlak",)),
    ("Q27", "Heeft u discriminatie gezien of meegemaakt?", ("draagvlak", "beperkte_slagkracht")),
    ("Q28", "Wat zijn de grootste uitdagingen voor de hervestigers?",
     ("toegang_basisvoorzieningen", "beperkte_slagkracht", "taalbarriere")),
    ("Q29", "Hoe draagt u bij aan hun integratie?", ("taal_en_participatie",)),
    ("Q30", "Wat betekent het project voor u?", ("zingeving",)),
    ("Q31", "Wat kan er beter aan het project?", ("training_hulpmiddelen", "kennisuitwisseling", "informatievoorziening")),
)
STOPPED_OPEN = ("Q8_why", "Q9", "Q10", "Q11", "Q12", "Q21", "Q22", "Q32", "Q33", "Q31")
STOPPED_EXTRA = (
    ("Q32", "Waarom bent u gestopt als sponsor?", ("werving_vrijwilligers",)),
    ("Q33", "Wat had u nodig gehad om door te gaan?", ("centrale_ondersteuning", "training_hulpmiddelen", "taakverdeling")),
)
STOPPED_CLOSED = ("Q0", "Q1", "Q2", "Q3", "Q4", "Q6", "Q8")
AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("Vrouw", "Man", "Anders", "Zeg ik liever niet")
BACKGROUNDS = ("Nederlandse achtergrond, geen eigen migratieverhaal", "Ik of mijn ouders hebben een migratieverhaal",
               "Ik ben zelf gevlucht of heb een vluchtelingenverhaal")
LANGUAGES = {"nl": "Nederlands", "en": "Engels", "ar": "Arabisch", "tr": "Turks", "fr": "Frans", "de": "Duits"}


@dataclass
class SurveyExport:
    survey_id: str
    file: str
    fmt: str  # csv or xlsx
    round: str
    header: list[list[str]]
    rows: list[list[str]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    found: set[tuple[str, str]] = field(default_factory=set)
    collected_on: dt.date | None = None

    def manifest_row(self) -> dict[str, str]:
        return {"file": self.file, "doc_id": "", "kind": "survey", "perspective": "sponsor", "site": "",
                "round": self.round, "collected_on": self.collected_on.isoformat() if self.collected_on else "",
                "language": "nl", "translated_from": "", "interpreter_id": "", "participant_ids": "",
                "title": f"Vragenlijst sponsoren ({self.survey_id}), Qualtrics-export", "survey_id": self.survey_id}


@dataclass(frozen=True)
class Invitation:
    sponsor: Person | None  # None: answered through the anonymous link
    site: str
    consent: bool = True


def header_rows(columns: list[tuple[str, str, str]]) -> list[list[str]]:
    return [[c[0] for c in columns], [c[1] for c in columns],
            [json.dumps({"ImportId": c[2]}, separators=(",", ":")) for c in columns]]


def question_columns(*, stopped: bool) -> list[tuple[str, str, str]]:
    """Metadata, closed and open columns; a question keeps its ImportId in every form."""
    closed = [c for c in CLOSED if not stopped or c[0] in STOPPED_CLOSED]
    all_open = (*OPEN, *STOPPED_EXTRA)
    texts = {o[0]: o[1] for o in all_open}
    import_ids = {o[0]: f"QID{20 + index}_TEXT" for index, o in enumerate(all_open)}
    open_ids = STOPPED_OPEN if stopped else tuple(o[0] for o in OPEN)
    closed_cols = [(c[0], c[1], f"QID{CLOSED.index(c) + 1}") for c in closed]
    return [*METADATA, *closed_cols, *((q, texts[q], import_ids[q]) for q in open_ids)]


def invitations(cohort: Cohort, survey_id: str) -> list[Invitation]:
    """Who answered: 2 of 2, 3 of 3, 0 of 4 active sponsors per site in round 1, and so on."""
    active, stopped = cohort.active, cohort.stopped
    if survey_id == "sponsors_r1":
        return [Invitation(s, "zaanstad") for s in active["zaanstad"][:2]] + [
            Invitation(s, "nissewaard") for s in active["nissewaard"]]
    if survey_id == "sponsors_r2":
        return [Invitation(active["zaanstad"][0], "zaanstad"), *(Invitation(s, "zaanstad") for s in active["zaanstad"][2:]),
                Invitation(active["nissewaard"][1], "nissewaard"), Invitation(active["zevenaar"][1], "zevenaar"),
                Invitation(active["zevenaar"][2], "zevenaar", consent=False), Invitation(active["zevenaar"][4], "zevenaar"),
                Invitation(None, "zevenaar")]
    return [Invitation(stopped["zaanstad"][1], "zaanstad"), Invitation(stopped["zevenaar"][1], "zevenaar")]


def no_consent_ids(cohorts: list[Cohort]) -> set[str]:
    return {inv.sponsor.participant_id for c in cohorts for inv in invitations(c, "sponsors_r2")
            if not inv.consent and inv.sponsor}


def build_survey(survey_id: str, cohorts: list[Cohort], staff: Staff, composer: Composer) -> SurveyExport:
    stopped = survey_id == "stopped_sponsors"
    fmt = "xlsx" if survey_id == "sponsors_r2" else "csv"
    columns = question_columns(stopped=stopped)
    export = SurveyExport(survey_id, f"sponsoren/{survey_id}_qualtrics.{fmt}", fmt,
                          "r1" if survey_id == "sponsors_r1" else "r2", header_rows(columns))
    window = {"sponsors_r1": (dt.date(2024, 7, 1), 20), "sponsors_r2": (dt.date(2024, 10, 21), 24),
              "stopped_sponsors": (dt.date(2024, 10, 7), 20)}[survey_id]
    themes = {o[0]: o[2] for o in (*OPEN, *STOPPED_EXTRA)}
    for cohort in cohorts:
        for invitation in invitations(cohort, survey_id):
            row, segments = _response(invitation, columns, themes, export, cohort, staff, composer, window)
            export.rows.append(row)
            export.segments.extend(segments)
    export.collected_on = max(dt.date.fromisoformat(r[7][:10]) for r in export.rows)
    return export


def _response(invitation, columns, themes, export, cohort, staff, composer, window):
    rng = composer.rng
    composer.begin_document()
    sponsor, site = invitation.sponsor, invitation.site
    response_id = ids.response_id(rng)
    start = dt.datetime.combine(window[0] + dt.timedelta(days=rng.randrange(window[1])), dt.time(rng.randint(8, 22), rng.randint(0, 59), rng.randint(0, 59)))
    duration = rng.randint(600, 3000) if invitation.consent else rng.randint(15, 60)
    end = start + dt.timedelta(seconds=duration)
    lat, lon = SITE_COORDINATES[site]
    partial = invitation.consent and rng.random() < 0.15
    values = {
        "StartDate": f"{start:%Y-%m-%d %H:%M:%S}", "EndDate": f"{end:%Y-%m-%d %H:%M:%S}", "Status": "IP Address",
        "IPAddress": ids.ip_address(rng), "Progress": "100", "Duration (in seconds)": str(duration),
        "Finished": "True", "RecordedDate": f"{end:%Y-%m-%d %H:%M:%S}", "ResponseId": response_id,
        "RecipientLastName": sponsor.last if sponsor else "", "RecipientFirstName": sponsor.first if sponsor else "",
        "RecipientEmail": ids.email_address(rng, sponsor.first, sponsor.last) if sponsor else "",
        "ExternalReference": sponsor.participant_id if sponsor else "",
        "LocationLatitude": f"{lat + rng.uniform(-0.03, 0.03):.4f}", "LocationLongitude": f"{lon + rng.uniform(-0.03, 0.03):.4f}",
        "DistributionChannel": "email" if sponsor else "anonymous", "UserLanguage": "NL",
        "Q0": "Ja" if invitation.consent else "Nee, ik doe niet mee",
    }
    for name in ("IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail"):
        if values[name]:
            export.found.add(({"IPAddress": "ip_address", "RecipientEmail": "email"}.get(name, "person_name"), values[name]))
    export.found.add(("location", values["LocationLatitude"]))
    segments: list[Segment] = []
    if invitation.consent:
        values.update(_closed_answers(sponsor, site, export.survey_id, rng))
        segments = _open_answers(invitation, columns, themes, values, export, cohort, staff, composer, response_id, partial)
        if partial:
            values["Progress"], values["Finished"] = str(rng.randint(40, 80)), "False"
    return [values.get(c[0], "") for c in columns], segments


def _closed_answers(sponsor, site, survey_id, rng) -> dict[str, str]:
    languages = sponsor.languages.split(";") if sponsor else ["nl", "en"]
    rating = rng.choice({"sponsors_r1": (7, 8, 8, 9), "sponsors_r2": (6, 7, 8, 8, 9, 10),
                         "stopped_sponsors": (4, 5, 6, 6)}[survey_id])
    origin = sponsor.origin if sponsor else "dutch"
    return {
        "Q1": SITE_NAMES[site], "Q2": rng.choice(AGE_BANDS[1:]),
        "Q3": ("Vrouw" if sponsor.gender == "f" else "Man") if sponsor and rng.random() > 0.1 else rng.choice(GENDERS[2:]),
        "Q4": BACKGROUNDS[0] if origin == "dutch" else BACKGROUNDS[1 + (origin == "syrian")],
        "Q5": ",".join(LANGUAGES[code] for code in languages if code in LANGUAGES),
        "Q6": rng.choice(("0 uur", "1-16 uur", "17-32 uur", "meer dan 32 uur")),
        "Q7": rng.choice(("minder dan 4 uur", "4-8 uur", "8-16 uur", "meer dan 16 uur")), "Q8": str(rating),
    }


def _open_answers(invitation, columns, themes, values, export, cohort, staff, composer, response_id, partial):
    rng = composer.rng
    sponsor, site = invitation.sponsor, invitation.site
    family = next((f for f in cohort.families if sponsor in f.sponsors), cohort.families_of(site)[0])
    person = sponsor or cohort.active[site][-1]
    context = sponsor_context(person, family, cohort, staff, rng=rng, plate=ids.licence_plate(rng), iban=ids.iban(rng),
                              phone=ids.mobile_nl(rng, style=rng.randrange(3)),
                              email=values["RecipientEmail"] or ids.email_address(rng, person.first, person.last))
    doc_id = f"{export.survey_id}-{response_id}"
    open_columns = [c[0] for c in columns if c[2].endswith("_TEXT")]
    stop_at = rng.randint(len(open_columns) // 2, len(open_columns) - 2) if partial else len(open_columns)
    segments, n = [], 0
    for index, column in enumerate(open_columns):
        if index >= stop_at or (column != "Q8_why" and rng.random() < 0.15):
            continue  # skipped question, or the respondent stopped here
        theme, emergent = _survey_theme(column, themes, values, site, export.round, rng)
        others = [t for t in themes.get(column, ()) if t != theme]
        second = rng.choice(others) if others and rng.random() < 0.5 else None
        answer = compose(composer, SP_BANK, theme=theme, perspective="sponsor", site=site, period=export.round,
                         context=context, found=export.found, sentences=(2, 4), second=second, emergent=emergent)
        values[column] = answer.text
        n += 1
        segments.append(Segment(doc_id, n, f"{export.survey_id}:{column}", "sponsor", site, export.round,
                                answer.codes, answer.valence))
    return segments


def _survey_theme(column, themes, values, site, round_id, rng: random.Random):
    if column == "Q8_why":
        good = int(values["Q8"]) >= 8
        theme = rng.choice(("zingeving", "persoonlijke_relatie") if good else
                           ("taakverdeling", "centrale_ondersteuning", "werving_vrijwilligers"))
    else:
        theme = rng.choice(themes[column])
    emergent = None
    if round_id == "r2" and site == "zevenaar" and column in ("Q16", "Q24", "Q30"):
        emergent = "emergent_moestuin"
    elif round_id == "r2" and column in ("Q28", "Q22") and rng.random() < 0.5:
        emergent = "emergent_woningkwaliteit"
    return theme, emergent
