"""Dutch-aware topic words: stop words, lemmas, and no placeholders or interview boilerplate.

BERTopic describes a topic by the words its c-TF-IDF weighs highest; those words come
from the CountVectorizer built here. Placeholders such as ``[Mentor 3]`` say nothing
about a topic (and every segment has them), so they are removed before tokenising;
Dutch and English stop words and the filler of interviewers and interpreters are dropped;
words are reduced to their lemma with simplemma (``gezinnen`` -> ``gezin``), so
``mentoren``/``mentor`` count as one topic word.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import simplemma
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from spacy.lang.nl.stop_words import STOP_WORDS as DUTCH_STOP_WORDS

#: A bracketed placeholder left by pseudonymisation: [Sponsor 3], [Persoon 2], [een winkel].
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")
_TOKEN = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]", re.UNICODE)

#: Words of interviewers, interpreters and spoken filler that are never a topic.
BOILERPLATE_WORDS = frozenset("""
    tolk tolken vertaalt vertaling vertaald interviewer interviewster interpreter translates translated
    vraag vragen antwoord antwoorden vertellen vertelt bedoelen bedoelt precies volgende
    zegt zeggen zei vindt vinden denk denken weet weten
    ja nee oké okay ok eh ehm uh uhm hm hmm mm nou dus gewoon echt heel erg beetje even wel
    inderdaad natuurlijk eigenlijk misschien zeker allemaal iets dingen ding keer soms vaak
    dank bedankt graag alstublieft respondent deelnemer goed
""".split())


def topic_stop_words(extra: Iterable[str] = ()) -> frozenset[str]:
    """Dutch (spaCy) and English (scikit-learn) stop words, interview boilerplate and ``extra``."""
    return frozenset(DUTCH_STOP_WORDS) | frozenset(ENGLISH_STOP_WORDS) | BOILERPLATE_WORDS | {
        w.lower() for w in extra}


def strip_placeholders(text: str) -> str:
    """``text`` without pseudonymisation placeholders: ``"[Sponsor 2] helpt"`` -> ``" helpt"``."""
    return PLACEHOLDER.sub(" ", text)


class DutchAnalyzer:
    """Text -> lemmatised content words (and n-grams of them), for CountVectorizer(analyzer=...).

    A class rather than a closure so a fitted model can be pickled and saved.
    """

    def __init__(self, *, stop_words: Iterable[str] | None = None, ngram_range: tuple[int, int] = (1, 1),
                 languages: tuple[str, ...] = ("nl", "en"), min_length: int = 3):
        self.stop_words = frozenset(topic_stop_words() if stop_words is None else stop_words)
        self.ngram_range = tuple(ngram_range)
        self.languages = tuple(languages)
        self.min_length = min_length
        self._cache: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        words = [self.lemma(token) for token in _TOKEN.findall(strip_placeholders(text).lower())]
        words = [w for w in words if len(w) >= self.min_length and w not in self.stop_words]
        low, high = self.ngram_range
        grams = list(words) if low <= 1 else []
        for size in range(max(low, 2), high + 1):
            grams.extend(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
        return grams

    def lemma(self, token: str) -> str:
        if token in self.stop_words:
            return token
        lemma = self._cache.get(token)
        if lemma is None:
            # simplemma marks separable verbs ("uit_nodigen"); a reader expects "uitnodigen"
            lemma = simplemma.lemmatize(token, lang=self.languages).lower().replace("_", "")
            self._cache[token] = lemma
        return lemma

    def __getstate__(self) -> dict:
        # the lemma cache is rebuilt on use; no need to save it with a model
        return {**self.__dict__, "_cache": {}}


def dutch_vectorizer(*, ngram_range: tuple[int, int] = (1, 2), extra_stop_words: Iterable[str] = (),
                     min_df: int = 1) -> CountVectorizer:
    """The CountVectorizer BERTopic uses for topic words (``min_df`` counts topics, not segments)."""
    analyzer = DutchAnalyzer(stop_words=topic_stop_words(extra_stop_words), ngram_range=ngram_range)
    return CountVectorizer(analyzer=analyzer, min_df=min_df)
