"""Dutch tokens and lemmas for coding, offline.

spaCy's blank Dutch tokenizer splits the text (it knows "bijv.", "'s avonds"); simplemma
gives the lemma (its data ship in the wheel and it gets plurals such as "gezinnen" and
"sponsoren" right, where spaCy's lookup tables do not). Lemmas are cached per word form,
so a corpus of 10,000 segments costs a few seconds.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

NEGATIONS = frozenset({
    "geen", "niet", "nooit", "niets", "niks", "nergens", "niemand", "zonder", "noch",
    "no", "not", "never", "nothing", "nobody", "without",
})
#: Words that end the reach of a negation besides punctuation ("niet X, maar Y").
CLAUSE_BREAKS = frozenset({"maar", "want", "omdat", "terwijl", "but", "because"})


def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS as NL

    return frozenset(NL) | {"de", "het", "een", "en", "van", "we", "ze"}


#: Dutch stop words (spaCy's list): left out of evidence, never out of features.
STOP_WORDS = _stop_words()


@dataclass(frozen=True)
class Token:
    form: str       # lower-cased surface form
    lemma: str
    is_break: bool  # punctuation or a clause break: negation does not reach across it


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy

    return spacy.blank("nl").tokenizer


@lru_cache(maxsize=200_000)
def lemma_of(form: str) -> str:
    """The Dutch lemma of a lower-cased word form (the form itself when unknown)."""
    import simplemma

    if not form[:1].isalpha():
        return form
    return simplemma.lemmatize(form, lang="nl")


@lru_cache(maxsize=200_000)
def _token(text: str, is_punct: bool) -> Token:
    form = text.lower()
    return Token(form=form, lemma=lemma_of(form), is_break=is_punct or form in CLAUSE_BREAKS)


def tokenize(texts: Iterable[str]) -> list[list[Token]]:
    """Tokens (form, lemma) of each text; empty or missing texts give no tokens.

    Results are cached per text: the rules and the learned suggester read the same
    segments in one run, and tokenising is most of their cost.
    """
    return [list(_tokens_of("" if _missing(t) else str(t))) for t in texts]


@lru_cache(maxsize=100_000)
def _tokens_of(text: str) -> tuple[Token, ...]:
    tokenizer = _tokenizer()
    exceptions = tokenizer.rules or {}
    tokens = []
    for tok in tokenizer(text):
        if tok.is_space:
            continue
        word = tok.text
        # spaCy keeps the full stop on mixed-case words ("DigiD."); split it off unless
        # the word is a known abbreviation ("bijv.").
        if len(word) > 2 and word.endswith(".") and "." not in word[:-1] and word not in exceptions:
            tokens.extend((_token(word[:-1], False), _token(".", True)))
        else:
            tokens.append(_token(word, tok.is_punct))
    return tuple(tokens)


def _missing(value) -> bool:
    try:
        return value is None or bool(value != value)
    except TypeError:       # pd.NA: "boolean value of NA is ambiguous"
        return True


def lemma_text(tokens: list[Token]) -> str:
    """Lemmas joined by spaces, for vectorisers (punctuation dropped)."""
    return " ".join(t.lemma for t in tokens if t.lemma[:1].isalnum())
