"""Synthetic Dutch segments with planted themes, for tests and benchmarks (never real data).

:func:`synthetic_corpus` writes interview-like segments about the themes of a community
sponsorship evaluation, with the metadata the topic stage reads (perspective, site,
round, collected_on, speaker_role), placeholders such as ``[Sponsor 2]`` and
interviewer/interpreter turns. Two themes are *emergent*: they are not in
:func:`synthetic_codes`, so a topic model should report them as new.

>>> corpus = synthetic_corpus(500, seed=1)
>>> sorted(corpus.segments.columns)[:3]
['collected_on', 'doc_id', 'perspective']
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Clauses per theme; a segment combines a few clauses of one theme with filler.
THEMES: dict[str, tuple[str, ...]] = {
    "taalbarriere": (
        "de tolk was er niet bij het gesprek", "we gebruiken een vertaalapp op de telefoon",
        "de Nederlandse taal blijft erg moeilijk", "alles vertalen uit het Arabisch kost veel tijd",
        "de kinderen vertalen vaak voor hun ouders", "communiceren gaat met handen en voeten",
        "Google Translate helpt maar begrijpt niet alles", "zonder tolk begrijpen we elkaar slecht",
        "de taalbarrière maakt afspraken lastig", "ik spreek een beetje Engels met de vader",
    ),
    "praktische_hulp": (
        "de sponsor helpt met de post en brieven", "samen naar de huisarts voor een afspraak",
        "we hebben de fiets gerepareerd", "hulp bij het inrichten van de woning met meubels",
        "de sponsor ging mee naar de bank", "boodschappen doen in de supermarkt samen",
        "uitleg over de afvalbakken en het ophalen van vuilnis", "een formulier invullen voor de school",
        "we brachten de kinderen naar de sportclub", "de sponsor regelde een bed en een kast",
    ),
    "financiele_onzekerheid": (
        "de inrichtingslening geeft veel zorgen", "de uitkering kwam weken te laat",
        "ze weten niet hoeveel geld er overblijft", "schulden bij de gemeente door het voorschot",
        "de rekening van de energie was hoog", "het budget voor boodschappen is krap",
        "uitleg over toeslagen en belasting", "ze durven geen geld uit te geven",
    ),
    "werving_vrijwilligers": (
        "het werven van nieuwe sponsoren is lastig", "twee vrijwilligers zijn gestopt",
        "via de kerk vonden we nieuwe sponsoren", "uitval van vrijwilligers door drukte",
        "een oproep in de lokale krant leverde aanmeldingen op", "sponsoren stoppen na een paar maanden",
        "we zoeken vrijwilligers via de vrijwilligerscentrale", "het behouden van sponsoren kost aandacht",
    ),
    "taakverdeling": (
        "het is onduidelijk wie wat doet", "de maatschappelijk begeleider en de sponsor doen hetzelfde",
        "we maakten een checklist met taken", "afspraken over rollen met de gemeente",
        "de taakverdeling met de consulent was niet helder", "wie is verantwoordelijk voor de post",
        "dubbel werk door onduidelijke rollen", "heldere afspraken over taken helpen",
    ),
    "sociale_contacten": (
        "we drinken koffie met de buren", "samen koken en eten met de familie",
        "een uitje naar het strand met de kinderen", "de buurvrouw komt vaak langs",
        "nieuwe vrienden gemaakt in de wijk", "een feest in het buurthuis",
        "samen wandelen in het park", "ze voelen zich minder eenzaam door het contact",
    ),
    "vocht_schimmel": (
        "er zit schimmel op de muur in de slaapkamer", "de woning is vochtig en koud",
        "de woningcorporatie komt niet om de lekkage te repareren", "we moeten vaker ventileren van de corporatie",
        "vocht in de badkamer maakt de kinderen ziek", "een lekkage in het dak boven de keuken",
        "de schimmel komt steeds terug na het schoonmaken", "de woningcorporatie stuurde een brief over ventileren",
    ),
    "moestuin": (
        "we zaaien groenten in de moestuin", "de volkstuin bij de kerk is een ontmoetingsplek",
        "samen tomaten oogsten met de buurt", "de moestuin geeft rust en contact",
        "zaaien en wieden op zaterdag in de volkstuin", "de oogst van de moestuin delen we",
        "tomaten en courgettes uit eigen tuin", "de volkstuin brengt hervestigers en buren samen",
    ),
}
EMERGENT = ("vocht_schimmel", "moestuin")
_OPENERS = ("", "Ik denk dat", "Wat ik merk is dat", "Eerlijk gezegd", "In het begin", "Volgens mij",
            "Het valt op dat", "Sinds de zomer", "Soms", "Vaak")
_CONNECTORS = ("en", "maar", "omdat", "want", "en ook", "terwijl")
_FILLER = ("het is een goede ervaring", "dat vind ik belangrijk", "dat gaat nu beter",
           "dat blijft een punt", "dat zie je vaker", "dat moeten we bespreken")
_PLACEHOLDERS = ("[Sponsor 1]", "[Sponsor 2]", "[Sponsor 3]", "[Persoon 2]", "[Land]", "[een winkel]")
_BOILERPLATE = ("Kunt u daar iets meer over vertellen?", "De tolk vertaalt de vraag.",
                "Dank u wel, dan de volgende vraag.", "Wat bedoelt u daar precies mee?")
PERSPECTIVES = ("hervestiger", "sponsor", "teamleider", "gemeente")
SITES = ("zaanstad", "nissewaard", "zevenaar")
ROUNDS = {"r1": (dt.date(2024, 6, 1), dt.date(2024, 7, 31)), "r2": (dt.date(2024, 10, 1), dt.date(2024, 11, 30))}


@dataclass(frozen=True)
class SyntheticCorpus:
    """Segments (with document metadata joined), documents, and the planted theme of each segment."""

    segments: pd.DataFrame
    documents: pd.DataFrame
    themes: pd.Series        # planted theme per segment_id ("boilerplate" for interviewer turns)


def synthetic_corpus(n_segments: int, *, seed: int = 0, segments_per_doc: int = 20,
                     boilerplate_share: float = 0.1) -> SyntheticCorpus:
    """``n_segments`` synthetic segments; the same ``seed`` gives the same corpus."""
    rng = np.random.default_rng(seed)
    n_docs = max(1, int(np.ceil(n_segments / segments_per_doc)))
    documents = _documents(n_docs, rng)
    rows, themes = [], []
    names = list(THEMES)
    for index in range(n_segments):
        doc = documents.iloc[index // segments_per_doc]
        n = index % segments_per_doc + 1
        if rng.random() < boilerplate_share:
            role = "interviewer" if rng.random() < 0.6 else "interpreter"
            text, theme = str(rng.choice(_BOILERPLATE)), "boilerplate"
        else:
            role = "participant"
            theme = _pick_theme(names, doc["site"], rng)
            text = _sentence(THEMES[theme], rng)
        rows.append({"segment_id": f"{doc['doc_id']}:{n:04d}", "doc_id": doc["doc_id"], "n": n,
                     "speaker_role": role, "text": text})
        themes.append(theme)
    segments = pd.DataFrame(rows).merge(
        documents[["doc_id", "perspective", "site", "round", "collected_on"]], on="doc_id", how="left")
    return SyntheticCorpus(segments=segments, documents=documents,
                           themes=pd.Series(themes, index=segments["segment_id"], name="theme"))


def synthetic_codes(*, seed: int = 0) -> pd.DataFrame:
    """Codes for the planted themes that are not emergent (``code_id, label, definition, patterns, examples``)."""
    rng = np.random.default_rng(seed + 1000)
    rows = []
    for theme, clauses in THEMES.items():
        if theme in EMERGENT:
            continue
        words = sorted({w.lower() for c in clauses for w in c.split() if len(w) > 7})[:5]
        rows.append({
            "code_id": theme,
            "label": theme.replace("_", " "),
            "definition": f"Segmenten over {theme.replace('_', ' ')}: {clauses[0]}; {clauses[1]}.",
            "patterns": words,
            "examples": [_sentence(clauses, rng) for _ in range(2)],
        })
    return pd.DataFrame(rows)


def _documents(n_docs: int, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for index in range(n_docs):
        round_id = str(rng.choice(list(ROUNDS)))
        start, end = ROUNDS[round_id]
        day = start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))
        rows.append({"doc_id": f"syn{index:05d}", "kind": "interview", "perspective": str(rng.choice(PERSPECTIVES)),
                     "site": str(rng.choice(SITES)), "round": round_id, "collected_on": day})
    return pd.DataFrame(rows)


def _pick_theme(names: list[str], site: str, rng: np.random.Generator) -> str:
    # The community garden happens only in Zevenaar, as in the demo study.
    options = [t for t in names if t != "moestuin" or site == "zevenaar"]
    return str(rng.choice(options))


def _sentence(clauses: tuple[str, ...], rng: np.random.Generator) -> str:
    picked = rng.choice(len(clauses), size=int(rng.integers(2, 4)), replace=False)
    parts = [clauses[i] for i in picked]
    text = f" {rng.choice(_CONNECTORS)} ".join(parts)
    opener = str(rng.choice(_OPENERS))
    if rng.random() < 0.4:
        text = f"{rng.choice(_PLACEHOLDERS)} zegt dat {text}"
    if rng.random() < 0.3:
        text = f"{text}, {rng.choice(_FILLER)}"
    text = f"{opener} {text}".strip()
    return text[0].upper() + text[1:] + "."
