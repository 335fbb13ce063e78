"""Rule-based suggestions from the codebook's lemma patterns (``keyword_rules.v1``).

A pattern is one or more words in lower case, matched against each token's lemma and its
surface form; ``*`` and ``?`` are wildcards (``tolk*``, ``*lening``). Several words must
occur in that order within a few tokens ("haken af" finds "haakten ... af").

Negation ("geen", "niet", "nooit", ... within three tokens, not across punctuation or
"maar") is read the way the codebook intends: themes are valence-neutral, so "er was geen
tolk" still concerns ``taalbarriere`` (with less weight and marked in the evidence); for
valence codes a negated added value ("niet geholpen") counts as a challenge and a negated
challenge ("geen probleem") is dropped. In surveys the question text (and in interviews
the interviewer's preceding turn) is context: a pattern in the question adds weaker
evidence, shown as ``vraag: ...``.
"""
from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.suggestions import HITS_COLUMNS, make_suggestions
from evaltoolkit.coding.text import NEGATIONS, Token, tokenize
from evaltoolkit.errors import InputError
from evaltoolkit.store.values import SOURCE_RULE

RULES_VERSION = "keyword_rules.v1"


def default_negation_flips(codebook: Codebook) -> dict[str, str | None]:
    """What a negated valence match becomes, from the codebook's polarities: a negated
    positive valence ("het hielp niet") suggests the first negative valence code instead,
    a negated negative one suggests nothing; neutral valences are kept."""
    negative = codebook.valence_ids(polarity="negative")
    flips: dict[str, str | None] = {code_id: None for code_id in negative}
    flips.update({code_id: negative[0] if negative else None for code_id in codebook.valence_ids(polarity="positive")})
    return flips


@dataclass(frozen=True)
class RuleWeights:
    """How much one matched pattern adds to a code's confidence (combined as 1 - prod(1 - w))."""

    word: float = 0.55          # one word
    phrase: float = 0.7         # several words in order
    negated: float = 0.6        # factor for a negated match of a theme
    question: float = 0.6       # factor for a match in the question, not the answer
    maximum: float = 0.97


@dataclass(frozen=True)
class _Pattern:
    code_id: str
    text: str
    parts: tuple[object, ...]   # str (exact) or compiled regex (wildcards)
    has_negation: bool


class RuleSet:
    """The codebook's patterns compiled for fast matching (one per codebook version)."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.patterns: list[_Pattern] = []
        for code in codebook.assignable():
            for text in code.patterns:
                words = text.lower().split()
                parts = tuple(re.compile(fnmatch.translate(w)) if any(ch in w for ch in "*?[") else w for w in words)
                self.patterns.append(_Pattern(code.code_id, text, parts, any(w in NEGATIONS for w in words)))
        self._cache: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}

    def _parts_of(self, token: Token) -> tuple[tuple[int, int], ...]:
        key = (token.form, token.lemma)
        hit = self._cache.get(key)
        if hit is None:
            hit = tuple(
                (p_index, k) for p_index, pattern in enumerate(self.patterns) for k, part in enumerate(pattern.parts)
                if _part_matches(part, token)
            )
            self._cache[key] = hit
        return hit

    def matches(self, tokens: list[Token]) -> list[tuple[_Pattern, int, int]]:
        """(pattern, first token, last token) for each pattern found in ``tokens`` (first occurrence)."""
        positions: dict[int, dict[int, list[int]]] = {}
        for i, token in enumerate(tokens):
            for p_index, k in self._parts_of(token):
                positions.setdefault(p_index, {}).setdefault(k, []).append(i)
        found = []
        for p_index, by_part in positions.items():
            pattern = self.patterns[p_index]
            span = _first_span(by_part, len(pattern.parts))
            if span is not None:
                found.append((pattern, *span))
        return found


def _part_matches(part, token: Token) -> bool:
    if isinstance(part, str):
        return part in (token.form, token.lemma)
    return bool(part.match(token.form) or part.match(token.lemma))


def _first_span(by_part: dict[int, list[int]], n_parts: int, gap: int = 3) -> tuple[int, int] | None:
    for start in by_part.get(0, ()):
        last, ok = start, True
        for k in range(1, n_parts):
            nxt = next((i for i in by_part.get(k, ()) if last < i <= last + gap), None)
            if nxt is None:
                ok = False
                break
            last = nxt
        if ok:
            return start, last
    return None


def _negated(tokens: list[Token], first: int, last: int, window: int = 3) -> bool:
    for step, stop in ((-1, max(-1, first - window - 1)), (1, min(len(tokens), last + window + 1))):
        i = first + step if step < 0 else last + step
        while i != stop:
            if tokens[i].is_break:
                break
            if tokens[i].form in NEGATIONS:
                return True
            i += step
    return False


def apply_rules(segments: pd.DataFrame, codebook: Codebook, *, rules: RuleSet | None = None,
                weights: RuleWeights = RuleWeights(), respect_perspectives: bool = True,
                negation_flips: Mapping[str, str | None] | None = None,
                single_valence: bool = True, min_confidence: float = 0.0) -> pd.DataFrame:
    """Suggest codes for ``segments`` (segment_id, text; optional perspective, question_text).

    Returns codings rows with status "suggested", coder ``rules:keyword_rules.v1``, the
    confidence and the evidence. ``single_valence`` keeps only the most confident valence
    per segment (the codebook allows one). ``negation_flips`` maps a valence code matched
    under a negation to the code suggested instead (None: none); default from the
    codebook's polarities (:func:`default_negation_flips`).
    """
    missing = [c for c in ("segment_id", "text") if c not in segments.columns]
    if missing:
        raise InputError(f"apply_rules needs segments with the columns segment_id and text; missing: {', '.join(missing)}.")
    rules = rules or RuleSet(codebook)
    flips = dict(default_negation_flips(codebook) if negation_flips is None else negation_flips)
    answers = tokenize(segments["text"].tolist())
    questions = _question_tokens(segments)
    perspectives = segments["perspective"].tolist() if "perspective" in segments.columns else [None] * len(segments)
    rows: list[dict] = []
    for segment_id, tokens, q_tokens, perspective in zip(segments["segment_id"], answers, questions, perspectives):
        perspective = None if pd.isna(perspective) else str(perspective)
        evidence = _collect(rules, tokens, q_tokens, weights, flips)
        scored = []
        for code_id, items in evidence.items():
            code = codebook.code(code_id)
            if respect_perspectives and not code.applies_to(perspective):
                continue
            confidence = 1.0
            for weight, _ in items:
                confidence *= 1.0 - weight
            scored.append((code, min(weights.maximum, 1.0 - confidence), "; ".join(text for _, text in items)))
        rows.extend(_keep(segment_id, scored, single_valence, min_confidence))
    hits = pd.DataFrame(rows, columns=HITS_COLUMNS)
    return make_suggestions(hits, source=SOURCE_RULE, model_version=RULES_VERSION, codebook_version=codebook.version)


def _question_tokens(segments: pd.DataFrame) -> list[list[Token]]:
    if "question_text" not in segments.columns:
        return [[] for _ in range(len(segments))]
    return tokenize(segments["question_text"].tolist())


def _collect(rules: RuleSet, tokens, q_tokens, weights: RuleWeights, flips) -> dict[str, list[tuple[float, str]]]:
    """Evidence per code: (weight, text) for each place in the text where one of its patterns matched.

    Patterns of one code that match at the same place (``brief``, ``brieven``) count once,
    with the strongest weight, so synonyms in the codebook do not inflate confidence.
    """
    best: dict[tuple[str, bool, int], tuple[float, str, int]] = {}
    for context, toks in ((False, tokens), (True, q_tokens)):
        for pattern, first, last in rules.matches(toks):
            words = " ".join(t.form for t in toks[first:last + 1]) if last - first < 4 else \
                f"{toks[first].form} ... {toks[last].form}"
            weight = weights.phrase if len(pattern.parts) > 1 else weights.word
            code_id, note = pattern.code_id, ""
            if not pattern.has_negation and _negated(toks, first, last):
                if code_id in flips:
                    code_id, note = flips[code_id], f", ontkend -> {flips[code_id]}"
                    if code_id is None or code_id not in rules.codebook:
                        continue
                else:
                    weight, note = weight * weights.negated, ", ontkend"
            if context:
                weight, words = weight * weights.question, f"vraag: {words}"
            key = (code_id, context, first)
            if key not in best or weight > best[key][0]:
                best[key] = (weight, f"{words} ({pattern.text}{note})", last)
    evidence: dict[str, list[tuple[float, str]]] = {}
    reach: dict[tuple[str, bool], int] = {}
    for (code_id, context, first), (weight, text, last) in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][2])):
        items = evidence.setdefault(code_id, [])
        if items and reach.get((code_id, context), -1) >= first:   # overlaps the previous match
            if weight > items[-1][0]:
                items[-1] = (weight, text)
        else:
            items.append((weight, text))
        reach[(code_id, context)] = max(last, reach.get((code_id, context), -1))
    return evidence


def _keep(segment_id, scored, single_valence: bool, min_confidence: float) -> list[dict]:
    scored = [s for s in scored if s[1] >= min_confidence]
    if single_valence:
        valences = [s for s in scored if s[0].dimension == "valence"]
        if len(valences) > 1:
            best = max(valences, key=lambda s: s[1])
            scored = [s for s in scored if s[0].dimension != "valence" or s is best]
    return [{"segment_id": segment_id, "code_id": code.code_id, "confidence": round(conf, 4), "evidence": text}
            for code, conf, text in scored]
