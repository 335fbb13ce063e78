"""Exemplar quotes: representative, from different speakers, attributed by role and moment.

Candidates are the analysable segments (participant turns of consenting, not withdrawn
speakers; see :mod:`evaltoolkit.analysis.units`) with an accepted coding of the code.
Each is scored by the cosine similarity of its TF-IDF vector to the centroid of every
segment with that code, so the quote uses the words typical of the theme. Quotes are
picked greedily by score, a new speaker first, ties broken by ``segment_id``: the same
data always gives the same quotes.

Attribution follows the evaluation's reporting conventions, never a name: the role's label
(``roles:`` in evaltoolkit.yaml, else the perspective's role label), then the round for
perspectives with ``attribution: round`` ("(Mentor, 2e ronde dataverzameling)") or the moment
for the others ("(Coördinator tijdens interview in juni 2024)", "(... tijdens
coördinatorenoverleg in december 2024)" with the perspective's ``meeting_label``), and the
interpreter's language ("vertaald door een tolk vanuit het Arabisch").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from evaltoolkit.analysis.units import analysable_segments, coded_units
from evaltoolkit.store.schema import ColumnSpec, TableSchema

QUOTES = TableSchema(
    name="quotes",
    columns=tuple(ColumnSpec(name, dtype, True) for name, dtype in (
        ("segment_id", "string"),
        ("code_id", "string"),
        ("perspective", "string"),
        ("valence", "string"),
        ("speaker_id", "string"),
        ("text", "string"),
        ("attribution", "string"),
        ("score", "Float64"),
    )),
    key=("segment_id", "code_id"),
)

PARTICIPANT = {"nl": "Deelnemer", "en": "Participant"}
LANGUAGE_NAMES = {
    "nl": {"ar": "het Arabisch", "en": "het Engels", "ti": "het Tigrinya", "fa": "het Farsi",
           "prs": "het Dari", "so": "het Somalisch", "tr": "het Turks", "ku": "het Koerdisch",
           "fr": "het Frans", "uk": "het Oekraïens"},
    "en": {"ar": "Arabic", "en": "English", "ti": "Tigrinya", "fa": "Farsi", "prs": "Dari",
           "so": "Somali", "tr": "Turkish", "ku": "Kurdish", "fr": "French", "uk": "Ukrainian"},
}
TRANSLATED = {"nl": "vertaald door een tolk", "en": "translated by an interpreter"}
FROM = {"nl": "vanuit", "en": "from"}
MOMENTS = {  # document kind -> how the moment is named
    "nl": {"meeting": "tijdens {meeting} in {month}", "interview": "tijdens interview in {month}",
           "focus_group": "tijdens focusgroep in {month}", "survey": "in vragenlijst, {month}",
           "email": "in vragenlijst per e-mail, {month}"},
    "en": {"meeting": "during {meeting} in {month}", "interview": "during interview in {month}",
           "focus_group": "during focus group in {month}", "survey": "in questionnaire, {month}",
           "email": "in e-mailed questionnaire, {month}"},
}
MEETING = {"nl": "bijeenkomst", "en": "meeting"}   # unless the perspective names its meetings
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def select_quotes(
    codings: pd.DataFrame,
    segments: pd.DataFrame,
    documents: pd.DataFrame,
    participants: pd.DataFrame,
    *,
    code_id: str,
    valence_ids: Sequence[str],
    perspective: str | None = None,
    valence: str | Collection[str] | None = None,
    n: int = 2,
    perspectives: Sequence = (),
    roles: Sequence = (),
    rounds: Sequence = (),
    language: str = "nl",
    min_words: int = 6,
    max_words: int = 60,
) -> pd.DataFrame:
    """Up to ``n`` exemplar quotes for ``code_id`` (of ``perspective``, with ``valence``: one
    valence code id or several).

    ``valence_ids`` are the codebook's (``codebook.valence_ids()``); ``perspectives``,
    ``roles`` and ``rounds`` are the config's and give role labels, how each perspective's
    quotes are attributed and round labels. Staff roles are never quoted. Quotes with
    more than ``max_words`` words are cut at a sentence end and marked "[...]"; segments
    with fewer than ``min_words`` words are not quoted. Returns the :data:`QUOTES` columns.
    """
    units = analysable_segments(segments, documents, participants,
                                staff_roles=[r.id for r in roles if r.staff])
    rows = coded_units(codings, units, valence_ids=valence_ids)
    return quotes_from_rows(
        rows, code_id=code_id, perspective=perspective, valence=valence, n=n, perspectives=perspectives,
        roles=roles, rounds=rounds, language=language, min_words=min_words, max_words=max_words,
    )


def quotes_from_rows(rows: pd.DataFrame, *, code_id: str, perspective: str | None = None,
                     valence: str | Collection[str] | None = None, n: int = 2, perspectives: Sequence = (),
                     roles: Sequence = (), rounds: Sequence = (), language: str = "nl",
                     min_words: int = 6, max_words: int = 60,
                     exclude_segment_ids: Collection[str] = (), allow_similar: bool = True) -> pd.DataFrame:
    """:func:`select_quotes` from :func:`coded_units` rows (computed once per report);
    ``exclude_segment_ids`` are not quoted again (a report quotes each segment once);
    without ``allow_similar``, fewer than ``n`` quotes rather than two that say the same."""
    of_code = rows[rows["code_id"] == code_id].drop_duplicates("segment_id")
    candidates = rows[rows["code_id"] == code_id]
    if perspective is not None:
        candidates = candidates[candidates["perspective"] == perspective]
    if valence is not None:
        candidates = candidates[candidates["valence"].isin([valence] if isinstance(valence, str) else list(valence))]
    candidates = candidates.drop_duplicates("segment_id")
    candidates = candidates[~candidates["segment_id"].isin(list(exclude_segment_ids))]
    candidates = candidates.assign(text=candidates["text"].map(lambda text: trim_filler(text, language=language)))
    words = candidates["text"].str.split().str.len()
    candidates = candidates[words >= min_words]
    if candidates.empty:
        return QUOTES.empty()
    scores = _representativeness(of_code["text"].tolist(), candidates["text"].tolist())
    candidates = candidates.assign(score=scores).sort_values(
        ["score", "segment_id"], ascending=[False, True], kind="stable")
    chosen = _diverse(candidates, n, _similarities(candidates["text"].tolist()), allow_similar=allow_similar)
    options = attribution_options(perspectives, roles, rounds, language=language)
    chosen = chosen.assign(
        code_id=code_id,
        valence=valence if isinstance(valence, str) else chosen["valence"],
        text=chosen["text"].map(lambda text: shorten(text, max_words=max_words)),
        attribution=[attribution(row, language=language, **options) for row in chosen.to_dict("records")],
    )
    return QUOTES.coerce(chosen)


def _representativeness(corpus: list[str], candidates: list[str]) -> np.ndarray:
    if len(corpus) < 2:
        return np.ones(len(candidates))
    vectorizer = TfidfVectorizer(lowercase=True, stop_words=list(_stop_words()), sublinear_tf=True,
                                 token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
    try:
        matrix = vectorizer.fit_transform(corpus)
    except ValueError:  # only stop words: nothing to compare
        return np.ones(len(candidates))
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    vectors = vectorizer.transform(candidates)
    norms = np.sqrt(vectors.multiply(vectors).sum(axis=1)).A.ravel() * np.linalg.norm(centroid)
    similarity = vectors @ centroid
    return np.round(np.divide(similarity, norms, out=np.zeros_like(similarity), where=norms > 0), 6)


@functools.lru_cache(maxsize=1)
def _stop_words() -> tuple[str, ...]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.nl.stop_words import STOP_WORDS as NL

    # only words the token pattern can produce, so sklearn has nothing to warn about
    return tuple(sorted(word for word in NL | EN if re.fullmatch(r"[^\W\d_]{2,}", word)))


#: quotes this alike (cosine of their TF-IDF vectors) say the same thing: one is enough
MAX_QUOTE_SIMILARITY = 0.6
SHARED_RUN = 6   # words in a row two different quotes do not share


def _similarities(texts: list[str]) -> np.ndarray:
    """How alike each pair of texts is: the larger of the cosine of their TF-IDF vectors
    and the overlap of their word sets (two tellings of one story share most words); 1
    when they share a run of :data:`SHARED_RUN` words (one sentence told twice)."""
    if len(texts) < 2:
        return np.zeros((len(texts), len(texts)))
    stop = set(_stop_words())
    tokens = [re.findall(r"\w+", text.lower()) for text in texts]
    words = [set(t) - stop for t in tokens]
    runs = [{tuple(t[i:i + SHARED_RUN]) for i in range(len(t) - SHARED_RUN + 1)} for t in tokens]
    overlap = np.array([[1.0 if runs[i] & runs[j] else len(words[i] & words[j]) / max(1, min(len(words[i]),
                                                                                           len(words[j])))
                         for j in range(len(texts))] for i in range(len(texts))])
    vectorizer = TfidfVectorizer(lowercase=True, stop_words=list(_stop_words()), token_pattern=r"(?u)\b[^\W\d_]{2,}\b")
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:
        return overlap
    return np.maximum((matrix @ matrix.T).toarray(), overlap)


def _diverse(candidates: pd.DataFrame, n: int, similarity: np.ndarray, *, allow_similar: bool = True) -> pd.DataFrame:
    """The best-scoring candidates, a speaker (and then a document) not yet quoted first,
    one that says nearly what a chosen quote says only when nothing else is left."""
    picked: list[int] = []   # positions in candidates
    passes = [(("speaker_id", "doc_id"), True), (("speaker_id",), True), ((), True)] + ([((), False)] if allow_similar
                                                                                      else [])
    for distinct, different in passes:
        for position, (_, row) in enumerate(candidates.iterrows()):
            if len(picked) >= n:
                break
            if position in picked:
                continue
            used = candidates.iloc[picked]
            if any(row[column] in set(used[column]) for column in distinct):
                continue
            if different and any(similarity[position, other] > MAX_QUOTE_SIMILARITY for other in picked):
                continue
            picked.append(position)
    return candidates.iloc[picked]


#: Interview filler, per report language: whole sentences that carry nothing (dropped, and
#: marked "[...]" inside a quote), and hesitations or openers dropped without a mark.
FILLER_SENTENCES = {
    "nl": ("tja", "nou", "ja", "nee", "eh", "ehm", "uh", "uhm", "hm", "hmm", "oké", "ok", "ja ja", "ja, ja",
           "nou ja", "dat is een goede vraag", "goede vraag", "even denken", "hoe zeg je dat", "weet ik veel",
           "ja, precies", "precies", "zeker", "inderdaad", "goh"),
    "en": ("well", "yeah", "yes", "no", "um", "uh", "er", "erm", "hmm", "hm", "okay", "ok", "right", "so",
           "that's a good question", "that is a good question", "good question", "let me think", "you know",
           "i mean", "sure", "exactly"),
}
#: hesitations, dropped wherever they stand; and set phrases dropped where commas set them off
HESITATIONS = {"nl": ("eh", "ehm", "uh", "uhm", "hm", "hmm"), "en": ("um", "uh", "er", "erm", "hmm", "hm")}
ASIDES = {"nl": ("zeg maar", "weet je", "weet je wel", "nou ja"), "en": ("you know", "i mean", "like")}
OPENERS = {"nl": ("ja", "nou", "tja", "nou ja", "goh", "oké"), "en": ("well", "yeah", "so", "okay", "right")}


def trim_filler(text: str, *, language: str = "nl") -> str:
    """``text`` without interview filler: filler sentences ("Tja.", "Dat is een goede vraag.")
    are dropped (inside the quote marked "[...]"), openers ("Nou, ", "Well, ") and
    hesitations (", eh, ") go silently. The words the speaker meant are kept as said."""
    fillers = set(FILLER_SENTENCES.get(language, ()))
    sentences = [s for s in re.split(r"(?<=[.!?…])\s+", " ".join(text.split())) if s]
    kept: list[str] = []
    for sentence in sentences:
        bare = re.sub(r"[^\w\s,']", "", sentence).strip(" ,").lower()
        if bare in fillers or not bare:
            if kept and kept[-1] != "[...]":
                kept.append("[...]")
            continue
        kept.append(_without_hesitations(sentence, language))
    while kept and kept[-1] == "[...]":
        kept.pop()
    return " ".join(kept)


def _without_hesitations(sentence: str, language: str) -> str:
    def alternatives(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    hesitations, asides = alternatives(HESITATIONS.get(language, ())), alternatives(ASIDES.get(language, ()))
    openers = alternatives(OPENERS.get(language, ()) + HESITATIONS.get(language, ()))
    previous = None
    while previous != sentence:   # "Nou, eh, ..." has more than one opener
        previous = sentence
        sentence = re.sub(rf"^(?:{openers})\s*[,.…]+\s*", "", sentence, flags=re.IGNORECASE)
    sentence = re.sub(rf"(?:,\s*)?\b(?:{hesitations})\b[.…]*(?:\s*,)?", "", sentence, flags=re.IGNORECASE)
    sentence = re.sub(rf",\s*(?:{asides})\s*,", ",", sentence, flags=re.IGNORECASE)
    sentence = re.sub(r"\s{2,}", " ", re.sub(r"\s+([,.!?])", r"\1", sentence)).strip(" ,")
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


def shorten(text: str, *, max_words: int) -> str:
    """``text`` cut after the last whole sentence within ``max_words`` words, marked "[...]"."""
    text = " ".join(text.split())
    if len(text.split()) <= max_words:
        return text
    kept: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(" ".join(kept + [sentence]).split()) > max_words:
            break
        kept.append(sentence)
    if not kept:  # one very long sentence: cut at a word
        kept = [" ".join(text.split()[:max_words])]
    return " ".join(kept) + " [...]"


def attribution_options(perspectives: Sequence, roles: Sequence, rounds: Sequence, *,
                        language: str = "nl") -> dict:
    """The keyword arguments of :func:`attribution` from the config's perspectives, roles and rounds."""
    return {
        "role_labels": {r.id: r.label(language) for r in roles},
        "perspective_role_labels": {p.id: p.role_label(language) for p in perspectives},
        "round_labels": {r.id: r.label(language) for r in rounds},
        "round_perspectives": tuple(p.id for p in perspectives if p.attribution == "round"),
        "meeting_labels": {p.id: p.meeting_label(language) for p in perspectives if p.meeting_label(language)},
    }


def attribution(unit: Mapping, *, language: str = "nl", role_labels: Mapping[str, str] | None = None,
                perspective_role_labels: Mapping[str, str] | None = None,
                round_labels: Mapping[str, str] | None = None, round_perspectives: Collection[str] = (),
                meeting_labels: Mapping[str, str] | None = None) -> str:
    """The attribution of one unit (a row of :func:`analysable_segments`), in brackets.

    ``role_labels`` (role id -> label) name the speaker, else ``perspective_role_labels``
    (perspective id -> label), else "Deelnemer"/"Participant". Units of
    ``round_perspectives`` name their round, the others their moment (with the
    perspective's name for meetings from ``meeting_labels``).
    """
    role = _role(unit, language, role_labels or {}, perspective_role_labels or {})
    perspective = _value(unit.get("perspective"))
    round_id = _value(unit.get("round"))
    parts = [role]
    if perspective in round_perspectives and round_id is not None:
        parts.append(", " + (round_labels or {}).get(round_id, round_id))
    elif _value(unit.get("collected_on")) is not None:
        parts.append(" " + _moment(unit, language, (meeting_labels or {}).get(perspective)))
    source_language = _value(unit.get("translated_from"))
    if source_language is not None:
        name = LANGUAGE_NAMES[language].get(source_language)
        parts.append(", " + TRANSLATED[language] + (f" {FROM[language]} {name}" if name else ""))
    return "(" + "".join(parts) + ")"


def _role(unit: Mapping, language: str, role_labels: Mapping[str, str],
          perspective_role_labels: Mapping[str, str]) -> str:
    role = _value(unit.get("role"))
    if role in role_labels:
        return role_labels[role]
    return perspective_role_labels.get(_value(unit.get("perspective")), PARTICIPANT[language])


def _moment(unit: Mapping, language: str, meeting: str | None) -> str:
    day = unit["collected_on"]
    month = f"{MONTHS[language][day.month - 1]} {day.year}"
    meeting = meeting or MEETING[language]
    template = MOMENTS[language].get(_value(unit.get("kind")), MOMENTS[language]["interview"])
    return template.format(month=month, meeting=meeting)


def _value(value):
    return None if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) else value
