"""Interviews and focus groups: resettled refugees (through an interpreter) and municipal staff.

Per site and round there is a focus group and an interview (Zaanstad has a second
interview in round 2); one round-2 interview in Zevenaar ran Arabic -> English. Turns
alternate between speakers, so a .vtt/.srt run of same-speaker cues is exactly one turn.
"""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from evaltoolkit.demo import dialogue
from evaltoolkit.demo.answers import compose, pick_least_used
from evaltoolkit.demo.banks_hervestiger import BANK as HV_BANK
from evaltoolkit.demo.banks_staff import GM_BANK
from evaltoolkit.demo.contexts import family_context, site_context
from evaltoolkit.demo.documents import Document, Turn
from evaltoolkit.demo.names import SITE_NAMES, SITES
from evaltoolkit.demo.people import Cohort, Family, Person, Staff
from evaltoolkit.demo.text import Composer, valences_of

SYNTHETIC_HEADER = "SYNTHETISCHE DEMODATA - verzonnen transcript, alle personen en gegevens zijn fictief"
_ROUND_LABEL = {"r1": "1e ronde dataverzameling", "r2": "2e ronde dataverzameling"}
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


@dataclass(frozen=True)
class InterviewPlan:
    key: str  # fg01, int01, int02
    site: str
    round: str
    kind: str  # focus_group or interview
    fmt: str
    day: dt.date
    speakers: tuple[Person, ...]
    interpreter: Person
    language: str = "nl"
    kunya_label: bool = False


def refugee_plans(cohort: Cohort, staff: Staff) -> list[InterviewPlan]:
    """The 13 refugee conversations of one cohort, in a fixed order."""
    tk_ar1, tk_ar2, tk_en = staff.interpreters
    formats = {
        "zaanstad": ("docx", "txt", "docx", "docx", "txt"),
        "nissewaard": ("txt", "docx", "docx", "vtt"),
        "zevenaar": ("docx", "srt", "txt", "docx"),
    }
    days = {
        "zaanstad": ("2024-06-12", "2024-06-26", "2024-10-09", "2024-10-16", "2024-10-30"),
        "nissewaard": ("2024-06-19", "2024-07-03", "2024-10-10", "2024-10-24"),
        "zevenaar": ("2024-06-20", "2024-07-10", "2024-10-17", "2024-10-29"),
    }
    plans = []
    for site in SITES:
        a, b = cohort.families_of(site)
        b_now = tuple(p for p in b.adults if p.withdrawn_on is None)
        interp = tk_ar2 if site == "nissewaard" else tk_ar1
        fmt, day = formats[site], [dt.date.fromisoformat(d) for d in days[site]]
        plans += [
            InterviewPlan("fg01", site, "r1", "focus_group", fmt[0], day[0], (a.adults[0], a.adults[1], b.adults[0]), interp),
            InterviewPlan("int01", site, "r1", "interview", fmt[1], day[1], b.adults, interp),
            InterviewPlan("fg02", site, "r2", "focus_group", fmt[2], day[2], (a.adults[0], *b_now[:2]), interp,
                          kunya_label=site == "zaanstad"),
        ]
        english = site == "zevenaar"
        plans.append(InterviewPlan("int02", site, "r2", "interview", fmt[3], day[3], a.adults[:2],
                                   tk_en if english else interp, language="en" if english else "nl",
                                   kunya_label=site == "zaanstad"))
        if site == "zaanstad":
            plans.append(InterviewPlan("int03", site, "r2", "interview", fmt[4], day[4], b_now[:2], interp))
    return plans


def build_refugee_document(plan: InterviewPlan, cohort: Cohort, staff: Staff, composer: Composer) -> Document:
    rng = composer.rng
    composer.begin_document()
    suffix = f"-c{cohort.index + 1:02d}" if cohort.index else ""
    doc_id = f"hv-{plan.round}-{plan.site}-{plan.key}{suffix}"
    kind_nl = "Focusgroep" if plan.kind == "focus_group" else "Interview"
    title = f"{kind_nl} hervestigers {SITE_NAMES[plan.site]}, {_ROUND_LABEL[plan.round]}"
    doc = Document(
        doc_id=doc_id, file=f"hervestigers/{plan.round}_{plan.site}_{plan.key}{suffix.replace('-', '_')}.{plan.fmt}",
        fmt=plan.fmt, kind=plan.kind, perspective="hervestiger", site=plan.site, round=plan.round,
        collected_on=plan.day, language=plan.language, title=title, participants=plan.speakers,
        interpreter=plan.interpreter, translated_from="ar",
        header=(SYNTHETIC_HEADER, title,
                f"Datum {plan.day.day} {_MONTHS[plan.day.month - 1]} {plan.day.year}, "
                f"{'online via Teams' if plan.fmt == 'vtt' else 'bij een van de gezinnen thuis'}, "
                f"tolk {'Arabisch-Engels' if plan.language == 'en' else 'Arabisch-Nederlands'} aanwezig"),
    )
    families = {f.family_id: f for f in cohort.families}
    contexts = {p.participant_id: family_context(families[p.family_id], staff, speaker=p, rng=rng)
                for p in plan.speakers}
    _converse(doc, plan, staff, composer, contexts, families)
    return doc


def _label(plan: InterviewPlan, person: Person, staff: Staff, families: dict[str, Family]) -> str:
    if plan.fmt == "vtt":
        return person.full_name  # Teams shows display names
    if person is staff.interviewer:
        return "INTERVIEWER"
    if person is plan.interpreter:
        return "INTERPRETER" if plan.language == "en" else "TOLK"
    if plan.kunya_label and len(person.labels) > 2 and person.gender == "m":
        return person.labels[2]
    return person.label


def _converse(doc, plan, staff, composer, contexts, families) -> None:
    rng = composer.rng
    english = plan.language == "en"
    interviewer, interp = staff.interviewer, plan.interpreter

    def add(person, text="", answer=None):
        turn = Turn(person, _label(plan, person, staff, families), answer.text if answer else text)
        if answer is not None:
            turn.answer_codes, turn.valence = answer.codes, answer.valence
            _maybe_split(turn, plan, rng)
        doc.turns.append(turn)

    opening = rng.choice(dialogue.OPENINGS) if not english else (
        "Good afternoon, thank you for meeting us. We talk about your experiences with the sponsors. "
        "Everything stays anonymous. May we record the conversation?")
    if plan.fmt == "srt":
        opening = "Voor de opname: dit is een synthetisch demogesprek, alle namen zijn verzonnen. " + opening
    add(interviewer, opening)
    add(interp, "[translates] They agree to the recording." if english
        else "[vertaalt] Iedereen gaat akkoord met de opname.")
    used: dict[str, int] = {}
    first_context = contexts[plan.speakers[0].participant_id]
    # Someone who later withdrew speaks only at the end, so their turns (not coded, and dropped at
    # ingestion) never change the numbering of the coded turns before them.
    present = [p for p in plan.speakers if p.withdrawn_on is None]
    withdrawn = [p for p in plan.speakers if p.withdrawn_on is not None]
    topics = dialogue.REFUGEE_TOPICS[plan.round]
    for number, topic in enumerate(topics, start=1):
        question = dialogue.ENGLISH_QUESTIONS[topic.topic_id] if english else rng.choice(topic.questions)
        add(interviewer, composer.render(question, first_context, doc.found))
        if rng.random() < 0.75:
            add(interp, rng.choice(dialogue.ENGLISH_INTERPRETER_TURNS if english else dialogue.INTERPRETER_TURNS))
        # In a focus group (nearly) everyone answers; in an interview both partners usually do.
        answerers = rng.sample(present, max(1, len(present) - (rng.random() < 0.25)))
        if number == len(topics):
            answerers += withdrawn
        for person in answerers:
            add(person, answer=_refugee_answer(topic, plan, person, composer, contexts, doc, used))
        if rng.random() < 0.75:
            add(interviewer, rng.choice(dialogue.PROBES) if not english else "Can you give an example?")
            if rng.random() < 0.5:
                add(interp, rng.choice(dialogue.ENGLISH_INTERPRETER_TURNS if english else dialogue.INTERPRETER_TURNS))
            person = answerers[-1]
            add(person, answer=_refugee_answer(topic, plan, person, composer, contexts, doc, used))
    add(interviewer, rng.choice(dialogue.CLOSINGS) if not english else "Thank you very much for your time.")
    add(interp, "[translates] They thank you too." if english else "[vertaalt] Ze bedanken u ook hartelijk.")


def _refugee_answer(topic, plan, person, composer, contexts, doc, used):
    rng = composer.rng
    english = plan.language == "en"
    bank = dialogue.ENGLISH_BANK if english else HV_BANK
    themes = tuple(t for t in topic.themes if valences_of(bank, t))
    theme = pick_least_used(rng, themes, used)
    others = [t for t in themes if t != theme]
    second = rng.choice(others) if others and rng.random() < 0.65 else None
    emergent = _emergent(topic.topic_id, plan, rng)
    if topic.topic_id == "woning":
        second = "toegang_basisvoorzieningen" if rng.random() < 0.3 else None
    if emergent == "emergent_moestuin" and topic.topic_id == "contacten" and rng.random() < 0.5:
        theme, second, emergent = "emergent_moestuin", "sociale_contacten", None
    answer = compose(
        composer, bank, theme=theme, perspective="hervestiger",
        site=plan.site, period=plan.round, context=contexts[person.participant_id], found=doc.found,
        sentences=(3, 6), second=second, emergent=emergent,
        opener="" if english else rng.choice(dialogue.OPENERS),
    )
    return answer


def _emergent(topic_id: str, plan: InterviewPlan, rng: random.Random) -> str | None:
    """Where the two themes outside the codebook surface: mostly round 2, the garden only in Zevenaar."""
    if plan.site == "zevenaar" and (
        (plan.round == "r1" and topic_id in ("contact", "verbeteren") and rng.random() < 0.5)
        or (plan.round == "r2" and topic_id in ("contacten", "geleerd", "verandering") and rng.random() < 0.7)
    ):
        return "emergent_moestuin"
    if (plan.round == "r2" and topic_id in ("wie_hielp", "beter") and rng.random() < 0.35) or (
        plan.round == "r1" and topic_id == "uitdagingen" and rng.random() < 0.15
    ):
        return "emergent_woningkwaliteit"
    return None


def _maybe_split(turn: Turn, plan: InterviewPlan, rng: random.Random) -> None:
    """Now and then a long answer runs over two paragraphs (docx/txt only), as in real transcripts."""
    if plan.fmt not in ("docx", "txt") or rng.random() > 0.15:
        return
    sentences = split_sentences(turn.text)
    if len(sentences) < 4:
        return
    rest = " ".join(sentences[2:])
    if ":" in " ".join(rest.split()[:6]):  # would look like a speaker label to a reader
        return
    turn.text, turn.continuation = " ".join(sentences[:2]), rest


_ABBREVIATIONS = re.compile(r"(?:\b(?i:dhr|mevr|dr|mr|ir|drs|bijv|evt|o\.a|i\.p\.v)\.|\b[A-Z]\.)$")


def split_sentences(text: str) -> list[str]:
    """Split at sentence ends, but never after a title or an initial (``dhr.``, ``J.M.``)."""
    pieces, start = [], 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\[\"'])", text):
        if _ABBREVIATIONS.search(text[start:match.start()]):
            continue
        pieces.append(text[start:match.start()])
        start = match.end()
    pieces.append(text[start:])
    return [p for p in pieces if p]


def municipal_plans(staff: Staff) -> list[tuple[str, Person, dt.date]]:
    return [("zaanstad", staff.municipal["zaanstad"], dt.date(2024, 6, 18)),
            ("nissewaard", staff.municipal["nissewaard"], dt.date(2024, 10, 22)),
            ("zaanstad", staff.municipal["zaanstad_consulent"], dt.date(2024, 11, 5))]


def build_municipal_document(number: int, site: str, officer: Person, day: dt.date, cohort: Cohort,
                             staff: Staff, composer: Composer) -> Document:
    rng = composer.rng
    composer.begin_document()
    suffix = f"-c{cohort.index + 1:02d}" if cohort.index else ""
    day = day.replace(year=day.year + cohort.index)
    title = f"Interview gemeente {SITE_NAMES[site]} ({officer.notes.split(';')[0]})"
    doc = Document(
        doc_id=f"gm-{site}-int{number:02d}{suffix}", file=f"gemeenten/{site}_interview_{number:02d}{suffix.replace('-', '_')}.docx",
        fmt="docx", kind="interview", perspective="gemeente", site=site, round=None, collected_on=day,
        language="nl", title=title, participants=(officer,),
        header=(SYNTHETIC_HEADER, title, f"Datum {day.day} {_MONTHS[day.month - 1]} {day.year}, gemeentehuis"),
    )
    context = site_context(site, cohort, staff, rng=rng)
    interviewer = staff.interviewer
    doc.turns.append(Turn(interviewer, "INTERVIEWER", "Dank dat u tijd maakt voor dit interview over de pilot "
                          "Community Sponsorship. Het gesprek wordt opgenomen en gepseudonimiseerd. Akkoord?"))
    used: dict[str, int] = {}
    for index, topic in enumerate(dialogue.MUNICIPAL_TOPICS):
        question = composer.render(rng.choice(topic.questions), context, doc.found)
        if index == 0:
            question = "Fijn. " + question
        doc.turns.append(Turn(interviewer, "INTERVIEWER", question))
        for _ in range(2 + (rng.random() < 0.3)):
            theme = pick_least_used(rng, topic.themes, used)
            emergent = "emergent_woningkwaliteit" if day.month >= 9 and topic.topic_id == "samenwerking" and rng.random() < 0.5 else None
            answer = compose(composer, GM_BANK, theme=theme, perspective="gemeente", site=site, period=None,
                             context=context, found=doc.found, sentences=(3, 5),
                             second=rng.choice(topic.themes) if rng.random() < 0.3 else None, emergent=emergent,
                             opener=rng.choice(dialogue.OPENERS))
            if doc.turns[-1].speaker is officer:
                doc.turns.append(Turn(interviewer, "INTERVIEWER", rng.choice(dialogue.PROBES)))
            doc.turns.append(Turn(officer, "GEMEENTE", answer.text, answer.codes, answer.valence))
    doc.turns.append(Turn(interviewer, "INTERVIEWER", "Hartelijk dank voor het gesprek."))
    return doc
