"""Sentence banks, template rendering and the gold record of what each segment says.

A bank maps a theme code to lines ``V| sentence`` where ``V`` is the valence (M
meerwaarde, U uitdaging, R reden, C voorwaarde/condition). A sentence holds
alternatives ``{a|b|c}`` (nested allowed) and slots ``$name`` that the document's
context fills with a person, place or identifier. Rendering records every personal
identifier it writes, so ``planted_identifiers.csv`` lists exactly what is in a file.

Sentences are drawn least-used-first across the whole study, so the corpus varies
instead of repeating a favourite sentence.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

VALENCES = {"M": "meerwaarde", "U": "uitdaging", "R": "reden", "C": "voorwaarde"}
_ALTERNATIVE = re.compile(r"\{([^{}]*)\}")
_SLOT = re.compile(r"\$([A-Za-z][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Value:
    """What a slot becomes: one of ``forms`` (repeat a form to weight it)."""

    forms: tuple[str, ...]
    identifier_type: str | None = None  # None: not personal data (an organisation, a city)


@dataclass(frozen=True)
class Template:
    key: str
    theme: str
    valence: str
    text: str


@dataclass(frozen=True)
class Segment:
    """The gold coding of one generated segment, numbered as ingestion will number it."""

    doc_id: str
    n: int
    question_id: str | None
    perspective: str
    site: str | None
    round: str | None
    codes: tuple[str, ...]
    valence: str

    @property
    def segment_id(self) -> str:
        return f"{self.doc_id}:{self.n:04d}"


def parse_bank(name: str, raw: dict[str, str]) -> dict[tuple[str, str], list[Template]]:
    """``{theme: "M| ...\\nU| ..."}`` -> ``{(theme, valence): [Template, ...]}``."""
    bank: dict[tuple[str, str], list[Template]] = {}
    for theme, block in raw.items():
        for index, line in enumerate(filter(None, (ln.strip() for ln in block.splitlines()))):
            tag, _, text = line.partition("| ")
            if tag not in VALENCES or not text:
                raise ValueError(f"bank {name}, theme {theme}, line {index + 1}: expected 'M| text'")
            valence = VALENCES[tag]
            bank.setdefault((theme, valence), []).append(
                Template(f"{name}:{theme}:{index}", theme, valence, text)
            )
    return bank


def valences_of(bank: dict[tuple[str, str], list[Template]], theme: str) -> list[str]:
    return [valence for (t, valence) in bank if t == theme]


@dataclass
class Composer:
    """Draws sentences from banks, least used first, and renders them in a context."""

    rng: random.Random
    usage: Counter = field(default_factory=Counter)
    in_document: set = field(default_factory=set)

    def begin_document(self) -> None:
        """Prefer sentences this document has not used yet (a speaker rarely repeats a sentence)."""
        self.in_document = set()

    def pick(self, templates: list[Template], *, avoid: set[str] | None = None) -> Template:
        avoid = avoid or set()
        candidates = ([t for t in templates if t.key not in avoid and t.key not in self.in_document]
                      or [t for t in templates if t.key not in avoid] or templates)
        least = min(self.usage[t.key] for t in candidates)
        choice = self.rng.choice([t for t in candidates if self.usage[t.key] == least])
        self.usage[choice.key] += 1
        self.in_document.add(choice.key)
        return choice

    def render(self, text: str, context: dict[str, Value], found: set[tuple[str, str]]) -> str:
        while True:
            expanded = _ALTERNATIVE.sub(lambda m: self.rng.choice(m.group(1).split("|")), text)
            if expanded == text:
                break
            text = expanded

        def fill(match: re.Match) -> str:
            name = match.group(1)
            if name not in context:
                raise KeyError(f"slot ${name} has no value in this document's context")
            value = context[name]
            form = self.rng.choice(value.forms)
            before = text[:match.start()].rstrip()
            if not before or before.endswith((".", "!", "?")):  # sentence start: "Mevrouw De Vries", "De woningcorporatie"
                form = form[:1].upper() + form[1:]
            if value.identifier_type:
                found.add((value.identifier_type, form))
            return form

        return _SLOT.sub(fill, text)

    def sentences(
        self,
        bank: dict[tuple[str, str], list[Template]],
        theme: str,
        valence: str,
        count: int,
        context: dict[str, Value],
        found: set[tuple[str, str]],
    ) -> list[str]:
        """``count`` different sentences on ``theme`` (any valence if the bank has none of ``valence``)."""
        templates = bank.get((theme, valence))
        if not templates:
            templates = [t for (th, _), ts in sorted(bank.items()) if th == theme for t in ts]
        used: set[str] = set()
        out = []
        for _ in range(min(count, len(templates))):
            template = self.pick(templates, avoid=used)
            used.add(template.key)
            out.append(self.render(template.text, context, found))
        return out


def choose_valence(rng: random.Random, weights: dict[str, float]) -> str:
    names = sorted(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))
