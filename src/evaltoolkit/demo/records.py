"""The demo's tables that are not source files: events, gold codings, insights, planted identifiers."""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.demo.text import Segment
from evaltoolkit.store.types import dump_json_list

EVENT_COLUMNS = ("event_id", "kind", "site", "occurred_on", "count", "description")
CODING_COLUMNS = ("doc_id", "n", "question_id", "code_id", "coder")
PLANTED_THEME_COLUMNS = ("doc_id", "n", "question_id", "theme")
#: Themes planted in the data that the default codebook lacks: topic modelling must find them.
PLANTED_THEMES = ("emergent_woningkwaliteit", "emergent_moestuin")
INSIGHT_COLUMNS = ("insight_id", "kind", "title", "text", "perspectives", "evidence_segment_ids", "code_ids",
                   "implication", "action", "owner", "status", "created_on", "updated_on")
PLANTED_COLUMNS = ("file", "identifier_type", "value")
CODERS = ("onderzoeker_a", "onderzoeker_b")

# Programme activities per site: (kind, date, count, description). 11 families (target 18),
# 5 trainings (target 8), 40 sponsors joined (target: at most 80), 20 stopped.
_EVENTS = (
    ("family_arrival", "zaanstad", "2023-11-16", 1, "Gezin aangekomen via hervestiging (UNHCR), verwelkomd door sponsoren"),
    ("family_arrival", "zaanstad", "2024-02-08", 2, "Twee gezinnen aangekomen via hervestiging"),
    ("family_arrival", "zaanstad", "2024-05-23", 1, "Gezin aangekomen via hervestiging"),
    ("family_arrival", "nissewaard", "2024-01-25", 1, "Gezin aangekomen; sponsor nog niet gekoppeld"),
    ("family_arrival", "nissewaard", "2024-03-14", 1, "Gezin aangekomen; sponsor nog niet gekoppeld"),
    ("family_arrival", "nissewaard", "2024-09-05", 1, "Gezin aangekomen"),
    ("family_arrival", "zevenaar", "2023-12-07", 1, "Gezin aangekomen; woning ingericht door sponsoren"),
    ("family_arrival", "zevenaar", "2024-02-29", 1, "Gezin aangekomen; woning ingericht door sponsoren"),
    ("family_arrival", "zevenaar", "2024-04-18", 1, "Gezin aangekomen"),
    ("family_arrival", "zevenaar", "2024-06-13", 1, "Gezin aangekomen"),
    ("sponsor_training", "zevenaar", "2024-01-23", 1, "Basistraining sponsoren, 11 deelnemers"),
    ("sponsor_training", "nissewaard", "2024-02-20", 1, "Basistraining sponsoren, 8 deelnemers"),
    ("sponsor_training", "zaanstad", "2024-03-19", 1, "Basistraining sponsoren, 12 deelnemers"),
    ("sponsor_training", "zevenaar", "2024-06-04", 1, "Basistraining sponsoren, 6 deelnemers"),
    ("sponsor_training", "nissewaard", "2024-09-24", 1, "Verdiepingstraining grenzen stellen, 5 deelnemers"),
    ("info_session", "nissewaard", "2024-01-09", 1, "Informatieavond voor nieuwe sponsoren, 14 bezoekers"),
    ("info_session", "zevenaar", "2024-01-16", 1, "Informatieavond in de bibliotheek, 19 bezoekers"),
    ("info_session", "zaanstad", "2024-04-09", 1, "Informatieavond in het buurthuis, 9 bezoekers"),
    ("info_session", "nissewaard", "2024-05-14", 1, "Informatieavond, 4 bezoekers"),
    ("info_session", "zevenaar", "2024-09-10", 1, "Informatieavond, 7 bezoekers"),
    ("info_session", "zaanstad", "2024-10-08", 1, "Informatieavond, 6 bezoekers"),
    ("meetup", "zaanstad", "2024-06-29", 1, "Zomerbarbecue voor sponsoren en gezinnen"),
    ("meetup", "zevenaar", "2024-08-24", 1, "Oogstfeest in de gemeenschappelijke moestuin"),
    ("meetup", "nissewaard", "2024-12-14", 1, "Eindejaarsbijeenkomst sponsoren en gezinnen"),
)
_JOINED = {"zaanstad": ((1, 3), (3, 4), (4, 2), (8, 2), (10, 1)),
           "nissewaard": ((2, 5), (3, 3), (5, 2), (9, 2)),
           "zevenaar": ((1, 6), (2, 4), (6, 3), (9, 2), (10, 1))}
_STOPPED = {"zaanstad": ((5, 1), (7, 2), (9, 2), (11, 1)),
            "nissewaard": ((4, 1), (6, 2), (8, 2), (10, 2)),
            "zevenaar": ((3, 1), (7, 2), (8, 1), (10, 2), (12, 1))}


def events_table(scale: int) -> pd.DataFrame:
    base = list(_EVENTS)
    for kind, table, text in (("sponsor_joined", _JOINED, "Nieuwe sponsoren aangemeld en gestart"),
                              ("sponsor_stopped", _STOPPED, "Sponsoren gestopt")):
        for site, months in table.items():
            base += [(kind, site, f"2024-{month:02d}-28", count, text) for month, count in months]
    base.sort(key=lambda e: (e[2], e[0], e[1]))
    rows = []
    for cohort in range(scale):
        suffix = f"-c{cohort + 1:02d}" if cohort else ""
        rows += [{"event_id": f"EV{index:03d}{suffix}", "kind": kind, "site": site, "occurred_on": day,
                  "count": count, "description": text} for index, (kind, site, day, count, text) in enumerate(base, 1)]
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))


def arrivals_by_month() -> dict[tuple[str, int], int]:
    out: dict[tuple[str, int], int] = {}
    for kind, site, day, count, _ in _EVENTS:
        if kind == "family_arrival" and day.startswith("2024"):
            out[(site, int(day[5:7]))] = out.get((site, int(day[5:7])), 0) + count
    return out


# A second coder confuses neighbouring themes; this is where the partial disagreement comes from.
_CONFUSABLE = {
    "praktische_hulp": "continuiteit_ondersteuning", "sociale_contacten": "draagvlak",
    "persoonlijke_relatie": "gelijkwaardigheid_grenzen", "taalbarriere": "taal_en_participatie",
    "bureaucratie": "financiele_onzekerheid", "informatievoorziening": "verwachtingen_invulling",
    "werkdruk": "taakverdeling", "toegang_basisvoorzieningen": "beperkte_slagkracht",
    "werving_vrijwilligers": "kennisuitwisseling", "zingeving": "persoonlijke_relatie",
    "draagvlak": "sociale_contacten", "verwachtingen_invulling": "informatievoorziening",
    "taakverdeling": "werkdruk", "signalering": "praktische_hulp", "centrale_ondersteuning": "training_hulpmiddelen",
    "training_hulpmiddelen": "kennisuitwisseling", "humanitaire_motivatie": "zingeving",
    "inburgering_tijdsdruk": "bureaucratie", "stem_hervestigers": "verwachtingen_invulling",
    "lokale_flexibiliteit": "centrale_ondersteuning", "opschaling_duurzaamheid": "werving_vrijwilligers",
}
_VALENCE_SWAP = {"meerwaarde": "voorwaarde", "uitdaging": "voorwaarde", "reden": "meerwaarde", "voorwaarde": "uitdaging"}


def codings_table(segments: list[Segment], rng: random.Random, *, double_share: float = 0.2) -> pd.DataFrame:
    """Codings by the research team with the codebook's codes: ``onderzoeker_a`` for every coded
    segment and a double-coded sample by ``onderzoeker_b``. The planted themes are left out:
    no researcher had a code for them (see :func:`planted_themes_table`)."""
    rows = []
    for segment in segments:
        rows += _rows(segment, (*segment.codes, segment.valence), CODERS[0])
        if rng.random() < double_share:
            rows += _rows(segment, _second_opinion(segment, rng), CODERS[1])
    rows = [row for row in rows if row["code_id"] not in PLANTED_THEMES]
    return pd.DataFrame(rows, columns=list(CODING_COLUMNS))


def planted_themes_table(segments: list[Segment]) -> pd.DataFrame:
    """Where the themes the codebook lacks were planted: the truth topic modelling is tested on."""
    rows = [{**{k: v for k, v in row.items() if k in ("doc_id", "n", "question_id")}, "theme": row["code_id"]}
            for segment in segments for row in _rows(segment, segment.codes, CODERS[0])
            if row["code_id"] in PLANTED_THEMES]
    return pd.DataFrame(rows, columns=list(PLANTED_THEME_COLUMNS))


def _rows(segment: Segment, codes, coder) -> list[dict]:
    survey = segment.question_id is not None and not segment.question_id.startswith(f"{segment.doc_id}:q")
    return [{"doc_id": segment.doc_id, "n": "" if survey else segment.n, "question_id": segment.question_id or "",
             "code_id": code, "coder": coder} for code in dict.fromkeys(codes)]


def _second_opinion(segment: Segment, rng: random.Random) -> tuple[str, ...]:
    codes = list(segment.codes)
    roll = rng.random()
    swappable = [c for c in codes if c in _CONFUSABLE]
    if roll < 0.25 and swappable:
        target = rng.choice(swappable)
        codes[codes.index(target)] = _CONFUSABLE[target]
    elif roll < 0.4 and len(codes) > 1:
        codes.pop()
    elif roll < 0.5 and len(codes) < 3 and swappable:
        codes.append(_CONFUSABLE[rng.choice(swappable)])
    valence = _VALENCE_SWAP[segment.valence] if rng.random() < 0.15 else segment.valence
    return (*dict.fromkeys(codes), valence)


@dataclass(frozen=True)
class InsightSpec:
    kind: str
    title: str
    text: str
    perspectives: tuple[str, ...]
    code_ids: tuple[str, ...]
    implication: str
    action: str
    owner: str
    status: str
    created_on: str
    evidence: Callable[[Segment], bool]


def _has(codes: tuple[str, ...], *, valence: str | None = None, perspectives=None, site=None):
    return lambda s: (any(c in s.codes for c in codes) and (valence is None or s.valence == valence)
                      and (perspectives is None or s.perspective in perspectives) and (site is None or s.site == site))


INSIGHTS = (
    InsightSpec("key_insight", "Sponsoren ontlasten professionals, vooral bij praktische taken",
                "Teamleiders en gemeenten zien dat sponsoren post, afspraken en vervoer overnemen; in de nieuwe "
                "gemeenten kost het begeleiden van sponsoren zelf in de eerste maanden juist extra tijd.",
                ("teamleider", "gemeente"), ("werkdruk", "praktische_hulp"),
                "Reken in nieuwe gemeenten het eerste halfjaar op extra uren voor de teamleider.",
                "Uren teamleider in nieuwe gemeenten tijdelijk verhogen.", "Projectleider (VluchtelingenWerk)", "in_progress", "2024-04-09",
                _has(("werkdruk",), perspectives=("teamleider", "gemeente"))),
    InsightSpec("key_insight", "Hervestigers vinden de taakverdeling helder, sponsoren niet",
                "Hervestigers zeggen te weten wie voor papieren en wie voor het dagelijks leven is; sponsoren en "
                "teamleiders melden dubbel werk en onduidelijkheid met de maatschappelijk begeleider.",
                ("hervestiger", "sponsor"), ("taakverdeling",),
                "Verschillen tussen perspectieven wijzen op een probleem dat vooral achter de schermen speelt.",
                "Taakverdeling bespreken in een driegesprek bij de start.", "Onderzoeksteam (universiteit)", "open", "2024-07-16",
                # the researcher cited what refugees said in favour; the linked evidence mostly says otherwise,
                # so the report flags this insight (as the committee once read it contradicted on two pages)
                _has(("taakverdeling",), valence="meerwaarde", perspectives=("hervestiger",))),
    InsightSpec("smart_approach", "Checklist taakverdeling sponsor en maatschappelijk begeleider",
                "Een teamleider maakte een checklist met taken voor sponsoren en voor de maatschappelijk begeleider; "
                "die wordt inmiddels in alle drie de gemeenten gebruikt.",
                ("teamleider",), ("taakverdeling", "training_hulpmiddelen"),
                "Een eenvoudig hulpmiddel voorkomt dubbel werk en teleurstelling.",
                "Checklist opnemen in het landelijke handboek.", "Projectleider (VluchtelingenWerk)", "done", "2024-04-09",
                _has(("taakverdeling",), valence="meerwaarde", perspectives=("teamleider",))),
    InsightSpec("key_insight", "Late koppeling aan een sponsor schaadt verwachtingen en vertrouwen",
                "Waar sponsoren pas maanden na aankomst werden gekoppeld, vertellen hervestigers dat ze juist in de "
                "eerste weken hulp misten; sponsoren merken dat het vertrouwen dan langzamer groeit.",
                ("hervestiger", "sponsor"), ("verwachtingen_invulling", "informatievoorziening"),
                "Koppelen bij aankomst lijkt beter te werken dan koppelen na enkele maanden.",
                "Bij de landelijke uitrol koppelen vóór aankomst.", "Onderzoeksteam (universiteit)", "open", "2024-07-16",
                _has(("verwachtingen_invulling",), valence="uitdaging", perspectives=("hervestiger", "sponsor"))),
    InsightSpec("key_insight", "Kritiek van hervestigers komt niet vanzelf boven",
                "In de eerste ronde zeggen hervestigers vooral dat alles goed is; in de tweede ronde en via tolken "
                "komen behoeften en teleurstellingen wel ter sprake.",
                ("hervestiger", "teamleider"), ("stem_hervestigers",),
                "Vraag naar ervaringen zonder sponsor erbij en met een onafhankelijke tolk.",
                "Evaluatiegesprekken zonder sponsor plannen.", "Onderzoeksteam (universiteit)", "in_progress", "2024-10-08",
                _has(("stem_hervestigers",), perspectives=("hervestiger", "teamleider"))),
    InsightSpec("smart_approach", "Zelfgemaakte informatieboekjes en vertaalde handleidingen",
                "Sponsoren maakten een informatieboekje met foto's en lieten handleidingen van apparaten in het "
                "Arabisch vertalen; teamleiders delen die nu tussen de gemeenten.",
                ("sponsor", "teamleider"), ("training_hulpmiddelen",),
                "Materiaal uit de praktijk vult het gebrek aan trainingsmateriaal.",
                "Materialen verzamelen op een gedeelde plek.", "Projectleider (VluchtelingenWerk)", "done", "2024-05-14",
                _has(("training_hulpmiddelen",), valence="meerwaarde", perspectives=("sponsor", "teamleider"))),
    InsightSpec("key_insight", "Uitval van sponsoren na lange wachttijd",
                "Ongeveer de helft van de sponsoren stopte; gestopte sponsoren noemen tijdsdruk en maanden wachten "
                "tussen training en koppeling.",
                ("sponsor", "teamleider"), ("werving_vrijwilligers",),
                "Houd wachtende sponsoren betrokken en train pas als er een gezin in zicht is.",
                "Maandelijkse update aan wachtende sponsoren.", "Projectleider (VluchtelingenWerk)", "in_progress", "2024-08-13",
                _has(("werving_vrijwilligers",), valence="uitdaging", perspectives=("sponsor", "teamleider"))),
    InsightSpec("key_insight", "Signalen over vocht en schimmel in de woningen",
                "Vanaf de zomer melden hervestigers, sponsoren, teamleiders en gemeenten vocht, schimmel en "
                "lekkages; woningcorporaties reageren traag. Het thema staat niet in het codeboek.",
                ("hervestiger", "sponsor", "teamleider", "gemeente"), ("beperkte_slagkracht", "signalering"),
                "Sponsoren signaleren, maar kunnen structurele woonproblemen niet oplossen.",
                "Agenderen bij de stuurgroep en de woningcorporaties.", "Onderzoeksteam (universiteit)", "open", "2024-10-08",
                lambda s: "emergent_woningkwaliteit" in s.codes),
    InsightSpec("smart_approach", "Gemeenschappelijke moestuin als ontmoetingsplek",
                "In Zevenaar tuinieren hervestigers en buurtbewoners sinds juni samen; er ontstaan contacten die "
                "formele bijeenkomsten niet opleverden.",
                ("hervestiger", "teamleider", "gemeente"), ("sociale_contacten", "draagvlak"),
                "Een laagdrempelige gezamenlijke activiteit verbindt beter dan een georganiseerde ontmoeting.",
                "Aanpak delen met de andere gemeenten.", "Projectleider (VluchtelingenWerk)", "in_progress", "2024-09-10",
                lambda s: "emergent_moestuin" in s.codes),
)


def insights_table(segments: list[Segment]) -> pd.DataFrame:
    rows = []
    for index, spec in enumerate(INSIGHTS, start=1):
        evidence = [s.segment_id for s in segments if spec.evidence(s)]
        step = max(1, len(evidence) // 3)
        rows.append({
            "insight_id": f"INS{index:02d}", "kind": spec.kind, "title": spec.title, "text": spec.text,
            "perspectives": dump_json_list(spec.perspectives),
            "evidence_segment_ids": dump_json_list(evidence[::step][:3]), "code_ids": dump_json_list(spec.code_ids), "implication": spec.implication, "action": spec.action,
            "owner": spec.owner, "status": spec.status, "created_on": spec.created_on,
            "updated_on": (dt.date.fromisoformat(spec.created_on) + dt.timedelta(days=28)).isoformat(),
        })
    return pd.DataFrame(rows, columns=list(INSIGHT_COLUMNS))


def planted_table(found_by_file: dict[str, set[tuple[str, str]]]) -> pd.DataFrame:
    rows = [{"file": file, "identifier_type": kind, "value": value}
            for file in sorted(found_by_file) for kind, value in sorted(found_by_file[file])]
    return pd.DataFrame(rows, columns=list(PLANTED_COLUMNS))


#: The researcher's own syntheses for a few themes (the report prints them instead of its
#: draft sentences, so both kinds of claim show in the demo report).
SYNTHESES = (
    ("taalbarriere", "hervestiger", "challenge", "2024-07",
     "Voor hervestigers is de taal in de eerste maanden de grootste drempel: zonder tolk of een sponsor die "
     "Arabisch spreekt blijven brieven, afspraken bij de huisarts en gesprekken op school moeilijk te volgen."),
    ("praktische_hulp", "sponsor", "added_value", "2024-07",
     "Sponsoren zien hun grootste bijdrage in praktische hulp: de post, afspraken en de inrichting van de "
     "woning. Juist die zichtbare hulp geeft hun inzet betekenis."),
    ("werkdruk", "teamleider", "added_value", "2024-09",
     "Teamleiders merken dat sponsoren praktische taken overnemen en de maatschappelijk begeleiders zo "
     "ontlasten; in de nieuwe gemeenten kost het begeleiden van sponsoren zelf eerst extra tijd."),
)
SYNTHESIS_COLUMNS = ("code_id", "perspective", "meaning", "period", "text", "author")


def syntheses_table() -> pd.DataFrame:
    return pd.DataFrame([(*row, "Onderzoeksteam (universiteit)") for row in SYNTHESES], columns=list(SYNTHESIS_COLUMNS))
