"""Monthly team-leader meeting notes and the municipality's e-mailed questionnaire.

Notes run January to December: recruitment and workload first, task division and the
checklist in spring, drop-out in summer, the community garden in Zevenaar from June,
damp and mould from September, scaling and continuity at the end of the year.
"""
from __future__ import annotations

import datetime as dt
from calendar import TUESDAY, monthcalendar

from evaltoolkit.demo import dialogue
from evaltoolkit.demo.answers import compose, pick_least_used
from evaltoolkit.demo.banks_staff import GM_BANK, OZ_BANK, TL_BANK
from evaltoolkit.demo.contexts import first_name, site_context
from evaltoolkit.demo.documents import Block, Document
from evaltoolkit.demo.names import SITE_NAMES, SITES
from evaltoolkit.demo.people import Cohort, Staff
from evaltoolkit.demo.text import Composer, Value
from evaltoolkit.demo.transcripts import _MONTHS

SYNTHETIC = "synthetische demodata, alle personen en gegevens zijn verzonnen"
MONTH_THEMES = {
    1: ("werving_vrijwilligers", "werkdruk", "informatievoorziening"),
    2: ("training_hulpmiddelen", "werkdruk", "werving_vrijwilligers"),
    3: ("taakverdeling", "werkdruk", "persoonlijke_relatie"),
    4: ("taakverdeling", "signalering", "training_hulpmiddelen"),
    5: ("stem_hervestigers", "werving_vrijwilligers", "gelijkwaardigheid_grenzen"),
    6: ("lokale_flexibiliteit", "persoonlijke_relatie", "signalering"),
    7: ("kennisuitwisseling", "werving_vrijwilligers", "centrale_ondersteuning"),
    8: ("gelijkwaardigheid_grenzen", "werving_vrijwilligers", "persoonlijke_relatie"),
    9: ("werkdruk", "centrale_ondersteuning", "taakverdeling"),
    10: ("centrale_ondersteuning", "stem_hervestigers", "signalering"),
    11: ("opschaling_duurzaamheid", "kennisuitwisseling", "lokale_flexibiliteit"),
    12: ("opschaling_duurzaamheid", "persoonlijke_relatie", "kennisuitwisseling"),
}
FORMATS = {4: "txt", 7: "txt", 10: "txt", 9: "odt"}
EMAIL_QUESTIONS = (
    ("Waarom heeft de gemeente meegedaan aan de pilot Community Sponsorship?",
     ("taakstelling_efficientie", "humanitaire_motivatie", "openheid_pilot")),
    ("Wat merkt u van de inzet van de sponsoren?", ("werkdruk", "signalering", "persoonlijke_relatie")),
    ("Wat gebeurt er als de reguliere begeleiding stopt?", ("continuiteit_ondersteuning",)),
    ("Past de inburgering bij wat hervestigers nodig hebben?", ("inburgering_tijdsdruk",)),
    ("Hoe verloopt de samenwerking met VluchtelingenWerk en andere partners?", ("samenwerking", "kennisuitwisseling")),
    ("Zijn er initiatieven die het contact tussen hervestigers en inwoners bevorderen?", ("emergent_moestuin",)),
    ("Hoe kijkt u aan tegen opschaling van dit model?", ("opschaling_duurzaamheid",)),
    ("Heeft u verder nog opmerkingen?", ("draagvlak",)),
)


def meeting_day(year: int, month: int) -> dt.date:
    """The second Tuesday of the month."""
    tuesdays = [week[TUESDAY] for week in monthcalendar(year, month) if week[TUESDAY]]
    return dt.date(year, month, tuesdays[1])


def build_meeting(month: int, cohort: Cohort, staff: Staff, composer: Composer, arrivals: dict) -> Document:
    rng = composer.rng
    composer.begin_document()
    year = 2024 + cohort.index
    day = meeting_day(year, month)
    fmt = FORMATS.get(month, "docx")
    title = f"Teamleidersoverleg Community Sponsorship, {_MONTHS[month - 1]} {year}"
    leaders = staff.team_leaders
    doc = Document(
        doc_id=f"tl-overleg-{year}-{month:02d}", file=f"teamleiders/overleg_{year}_{month:02d}.{fmt}", fmt=fmt,
        kind="meeting", perspective="teamleider", site=None, round=None, collected_on=day, language="nl",
        title=title, participants=(*leaders.values(), staff.project_leader),
    )
    doc.blocks.append(Block("heading1", f"{title} ({SYNTHETIC})"))
    absent = rng.choice([None, None, None, *SITES])
    present = [f"{first_name(leaders[s]).forms[0]} (teamleider {SITE_NAMES[s]})" for s in SITES if s != absent]
    pl, oz = staff.project_leader, staff.interviewer
    attendance = (f"Online overleg op {day.day} {_MONTHS[month - 1]}. Aanwezig: {', '.join(present)}, {pl.full_name} "
                  f"(projectleider) en {oz.full_name} (onderzoeker, notulen)."
                  + (f" Afwezig met bericht: {leaders[absent].first}." if absent else ""))
    doc.blocks.append(Block("paragraph", attendance))
    doc.found.update({("person_name", pl.full_name), ("person_name", oz.full_name)}
                     | {("person_name", leaders[s].first) for s in SITES})
    doc.blocks.append(Block("heading2", "Mededelingen"))
    context = site_context(rng.choice(SITES), cohort, staff, rng=rng)
    answer = compose(composer, TL_BANK, theme=rng.choice(("centrale_ondersteuning", "kennisuitwisseling", "informatievoorziening")),
                     perspective="teamleider", site=None, period="early" if month <= 5 else "late", context=context,
                     found=doc.found, sentences=(2, 3))
    doc.blocks.append(Block("paragraph", answer.text, answer.codes, answer.valence))
    doc.blocks.append(Block("heading2", "Stand van zaken per gemeente"))
    period = "early" if month <= 5 else "late"
    used: dict[str, int] = {}
    for site in SITES:
        context = site_context(site, cohort, staff, rng=rng)
        doc.blocks.append(Block("heading3", SITE_NAMES[site]))
        count = arrivals.get((site, month), 0)
        if count:
            doc.blocks.append(Block("paragraph", f"Deze maand {'is' if count == 1 else 'zijn'} in {SITE_NAMES[site]} "
                                    f"{count} {'gezin' if count == 1 else 'gezinnen'} aangekomen."))
        for theme in _site_themes(month, site, rng, used):
            second = rng.choice(MONTH_THEMES[month]) if rng.random() < 0.5 else None
            answer = compose(composer, TL_BANK, theme=theme, perspective="teamleider", site=site, period=period,
                             context=context, found=doc.found, sentences=(3, 4), second=second)
            doc.blocks.append(Block("paragraph", answer.text, answer.codes, answer.valence))
    focus = MONTH_THEMES[month][0]
    doc.blocks.append(Block("heading2", "Thema van de maand"))
    context = site_context(rng.choice(SITES), cohort, staff, rng=rng)
    for _ in range(3):
        answer = compose(composer, TL_BANK, theme=focus, perspective="teamleider", site=None, period=period,
                         context=context, found=doc.found, sentences=(3, 4))
        doc.blocks.append(Block("paragraph", answer.text, answer.codes, answer.valence))
    if month >= 7:  # after the first round of interviews the researcher feeds back findings
        doc.blocks.append(Block("heading2", "Terugkoppeling uit het onderzoek"))
        for theme in composer.rng.sample(sorted({t for t, _ in OZ_BANK}), 2):
            answer = compose(composer, OZ_BANK, theme=theme, perspective="teamleider", site=None, period=None,
                             context=context, found=doc.found, sentences=(1, 2))
            doc.blocks.append(Block("paragraph", answer.text, answer.codes, answer.valence))
    doc.blocks.append(Block("heading2", "Afspraken en actiepunten"))
    answer = compose(composer, TL_BANK, theme=rng.choice(MONTH_THEMES[month]), perspective="teamleider",
                     site=None, period=period, context=context, found=doc.found, sentences=(1, 2))
    doc.blocks.append(Block("paragraph", answer.text, answer.codes, "voorwaarde"))
    if month in (3, 8):
        doc.blocks.append(Block("paragraph", composer.render(
            "Actiepunt: $tl mailt het V-nummer van de familie $family ($vnum) naar $counsellor voor de IND.",
            context, doc.found)))
    next_day = meeting_day(year + (month == 12), month % 12 + 1)
    doc.blocks.append(Block("paragraph", f"Volgend overleg: {next_day.day} {_MONTHS[next_day.month - 1]} {next_day.year}."))
    return doc


def _site_themes(month: int, site: str, rng, used: dict[str, int]) -> list[str]:
    themes = [pick_least_used(rng, MONTH_THEMES[month], used) for _ in range(3 + (rng.random() < 0.6))]
    if site == "zevenaar" and month >= 6:
        themes.insert(1, "emergent_moestuin")
    if month >= 9 and rng.random() < 0.45 or month in (7, 8) and rng.random() < 0.2:
        themes.append("emergent_woningkwaliteit")
    return themes


def build_email_questionnaire(cohort: Cohort, staff: Staff, composer: Composer) -> Document:
    """The municipality of Zevenaar answered the interview questions by e-mail."""
    rng = composer.rng
    composer.begin_document()
    officer = staff.municipal["zevenaar"]
    day = dt.date(2024 + cohort.index, 7, 8)
    suffix = f"-c{cohort.index + 1:02d}" if cohort.index else ""
    title = "Vragenlijst gemeente Zevenaar, per e-mail beantwoord"
    doc = Document(
        doc_id=f"gm-zevenaar-email01{suffix}", file=f"gemeenten/zevenaar_vragenlijst_email{suffix.replace('-', '_')}.txt",
        fmt="txt", kind="email", perspective="gemeente", site="zevenaar", round=None, collected_on=day,
        language="nl", title=title, participants=(officer,),
    )
    doc.blocks += [Block("heading1", f"{title} ({SYNTHETIC})"),
                   Block("heading1", f"Ontvangen op {day.day} juli {day.year}, doorgestuurd door de onderzoeker")]
    context = site_context("zevenaar", cohort, staff, rng=rng)
    context["own_phone"] = Value(("0316-" + str(rng.randint(500000, 599999)),), "phone")
    context["own_email"] = Value((f"{officer.first[0].lower()}.{officer.last.lower().replace(' ', '')}@zevenaar.nl",), "email")
    context["own_name"] = Value((f"{officer.first[0]}.{rng.choice('ACHMW')}. {officer.last}", officer.full_name), "person_name")
    for number, (question, themes) in enumerate(EMAIL_QUESTIONS, start=1):
        doc.blocks.append(Block("question", f"Vraag {number}: {question}"))
        answer = compose(composer, GM_BANK, theme=rng.choice(themes), perspective="gemeente", site="zevenaar",
                         period=None, context=context, found=doc.found, sentences=(2, 3),
                         opener=rng.choice(dialogue.OPENERS[:4]))
        text = answer.text
        if number == len(EMAIL_QUESTIONS):
            text += composer.render(" Voor vragen ben ik bereikbaar op $own_phone of via $own_email. "
                                    "Met vriendelijke groet, $own_name, gemeente Zevenaar.", context, doc.found)
        doc.blocks.append(Block("paragraph", text, answer.codes, answer.valence))
    return doc
