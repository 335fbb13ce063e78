"""Compose one answer (a segment) from sentence banks, with its gold codes.

The valence of an answer depends on who speaks, where and when: this is where the
demo plants disagreement between perspectives (refugees find the task division clear,
sponsors do not) and change between rounds (loneliness in round 1, neighbours and the
community garden in round 2). An answer has a main theme, sometimes a second theme and
sometimes one of the two emergent themes; its gold codes are those themes (at most
three) and the main theme's valence.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from evaltoolkit.demo.text import Composer, Template, Value, choose_valence, valences_of

BASE_WEIGHTS = {"meerwaarde": 1.0, "uitdaging": 1.0, "reden": 0.6, "voorwaarde": 0.5}

# (perspective, theme, site or None, round or None) -> valence weight overrides.
VALENCE_RULES: dict[tuple[str, str, str | None, str | None], dict[str, float]] = {
    ("hervestiger", "sociale_contacten", None, "r1"): {"uitdaging": 2.5, "meerwaarde": 0.8},
    ("hervestiger", "sociale_contacten", None, "r2"): {"meerwaarde": 2.5, "uitdaging": 0.6},
    ("hervestiger", "persoonlijke_relatie", "nissewaard", "r2"): {"uitdaging": 2.5, "meerwaarde": 0.7},
    ("hervestiger", "persoonlijke_relatie", "zevenaar", None): {"meerwaarde": 3.0, "uitdaging": 0.3},
    ("hervestiger", "persoonlijke_relatie", "zaanstad", None): {"meerwaarde": 2.0},
    ("hervestiger", "verwachtingen_invulling", "nissewaard", None): {"uitdaging": 3.0, "meerwaarde": 0.3},
    ("hervestiger", "verwachtingen_invulling", "zevenaar", None): {"meerwaarde": 2.0},
    ("hervestiger", "taakverdeling", None, None): {"meerwaarde": 2.5, "uitdaging": 0.7},
    ("hervestiger", "stem_hervestigers", None, "r1"): {"meerwaarde": 2.5, "uitdaging": 0.4},
    ("hervestiger", "stem_hervestigers", None, "r2"): {"uitdaging": 2.0, "meerwaarde": 0.8},
    ("hervestiger", "bureaucratie", None, "r1"): {"uitdaging": 2.5},
    ("hervestiger", "bureaucratie", None, "r2"): {"meerwaarde": 1.5},
    ("hervestiger", "veiligheid_welkom", None, None): {"meerwaarde": 3.0},
    ("sponsor", "taakverdeling", None, "r1"): {"uitdaging": 3.0, "meerwaarde": 0.2},
    ("sponsor", "taakverdeling", None, "r2"): {"meerwaarde": 1.5},
    ("sponsor", "training_hulpmiddelen", None, "r1"): {"uitdaging": 2.0},
    ("sponsor", "persoonlijke_relatie", "nissewaard", None): {"uitdaging": 2.0},
    ("teamleider", "werkdruk", "zaanstad", None): {"meerwaarde": 2.5, "uitdaging": 0.5},
    ("teamleider", "werkdruk", "nissewaard", "early"): {"uitdaging": 3.0, "meerwaarde": 0.3},
    ("teamleider", "werkdruk", "zevenaar", "early"): {"uitdaging": 3.0, "meerwaarde": 0.3},
    ("teamleider", "werkdruk", None, "late"): {"meerwaarde": 1.5},
    ("teamleider", "werving_vrijwilligers", None, "late"): {"uitdaging": 2.5},
    ("teamleider", "taakverdeling", None, "early"): {"uitdaging": 2.0, "meerwaarde": 0.4},
    ("teamleider", "taakverdeling", None, "late"): {"meerwaarde": 2.0},
    ("gemeente", "werkdruk", None, None): {"meerwaarde": 2.0},
}

EMERGENT = ("emergent_woningkwaliteit", "emergent_moestuin")


@dataclass(frozen=True)
class Answer:
    text: str
    codes: tuple[str, ...]
    valence: str


def valence_weights(perspective: str, theme: str, site: str | None, period: str | None) -> dict[str, float]:
    weights = dict(BASE_WEIGHTS)
    for (p, t, s, r), override in VALENCE_RULES.items():
        if p == perspective and t == theme and s in (None, site) and r in (None, period):
            weights.update(override)
    return weights


def compose(
    composer: Composer,
    bank: dict[tuple[str, str], list[Template]],
    *,
    theme: str,
    perspective: str,
    site: str | None,
    period: str | None,
    context: dict[str, Value],
    found: set[tuple[str, str]],
    sentences: tuple[int, int] = (2, 3),
    second: str | None = None,
    emergent: str | None = None,
    opener: str = "",
) -> Answer:
    """One answer on ``theme`` (+ ``second`` and ``emergent`` themes when given)."""
    rng = composer.rng
    available = valences_of(bank, theme)
    if not available:
        raise ValueError(f"the sentence bank has no sentences on theme {theme!r}")
    weights = {v: w for v, w in valence_weights(perspective, theme, site, period).items() if v in available}
    valence = choose_valence(rng, weights) if weights else "uitdaging"
    parts = composer.sentences(bank, theme, valence, rng.randint(*sentences), context, found)
    codes = [theme]
    if second and second != theme and valences_of(bank, second):
        parts += composer.sentences(bank, second, valence, rng.randint(1, 2), context, found)
        codes.append(second)
    if emergent and emergent != theme and valences_of(bank, emergent):
        emergent_valence = "meerwaarde" if emergent == "emergent_moestuin" else "uitdaging"
        extra = composer.sentences(bank, emergent, emergent_valence, 1, context, found)
        position = rng.randint(0, len(parts))
        parts[position:position] = extra
        codes.append(emergent)
    text = " ".join(parts)
    text = opener + text  # openers are whole sentences ("Ja. "), so no name is ever lower-cased here
    return Answer(text, tuple(codes[:3]), valence)


def pick_least_used(rng: random.Random, options: tuple[str, ...], used: dict[str, int]) -> str:
    least = min(used.get(o, 0) for o in options)
    choice = rng.choice([o for o in options if used.get(o, 0) == least])
    used[choice] = used.get(choice, 0) + 1
    return choice
