"""Person, place and organisation names found from words and their context.

Rules, in the order they are applied to the words of a text:

* a **title** ("mevrouw", "dhr.", "Mr.") or **kunya** ("Abu", "Umm") makes the next
  name-like word(s) a person;
* **initials** ("J.M. de Vries-Kok"), **bylines** ("(KS)", "( KS )", "KdM" on its own
  line) and **speaker labels** at the start of a line ("MAHMOUD:") are persons;
* verbs of saying, roles and first names in lower-cased text: see ``context.py``;
* in cased text a capitalised word inside a sentence that is not a common word is a name;
  at the start of a sentence only when it is a known name and not a common word;
* in lower-cased (speech-to-text) text a word is a name when it is in the name lists and
  not a common word (the Dutch word-frequency filter);
* gazetteers say which names are places, countries or refugee camps; cue words say which
  are schools, hospitals, employers and other organisations;
* adjacent name words and the particles between them ("van der", "al", "bin") form one span.

"Common word" means: a Dutch (or English) dictionary word per simplemma that is also
frequent per wordfreq. Word features are memoised, which keeps this fast.
"""
from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import NamedTuple

import simplemma
import yaml
from wordfreq import get_frequency_dict

from evaltoolkit.privacy.context import (
    CASED_COMMON,
    PLACE_PREPOSITIONS,
    NameCues,
    at_sentence_start as sentence_start,
    country_abbreviations,
    drop_lone_common_words,
    join_lowercase_first_names,
    mark_cued_names,
    mark_listed_places,
    mark_named_places,
    mark_unknown_words_after_place_prepositions,
)
from evaltoolkit.privacy.detections import Detection
from evaltoolkit.privacy.lexicons import Lexicons
from evaltoolkit.privacy.matching import SurfaceMatcher

WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_INITIALS = re.compile(
    r"(?<![\w.])(?:[A-Z]\.\s?){1,4}(?:(?:van|de|der|den|ter|ten|te|in 't|van der|van den|van de|el|al)\s)?"
    r"[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)*")
_SPEAKER = re.compile(r"(?m)^[ \t]*([A-Z][^\W\d_]*(?:[ .'’-]+[A-Z][^\W\d_]*){0,3})[ \t]*:")
_BYLINE_INITIALS = re.compile(r"\( ?([A-Z][a-z]?[A-Z]{1,2}) ?\)")
_NOT_INITIALS = frozenset({"nb", "ps", "pm", "ok", "tv", "cc", "re", "fw", "fwd", "pdf"})  # notes, not bylines
_INITIALS_LINE = re.compile(r"(?m)^[ \t]*([A-Z][a-z]?[A-Z]{1,2})[ \t]*$")  # a byline on its own line
_NOT_JOINING = frozenset({"in", "op", "te"})
# Titles written as abbreviations, after which a full stop does not end the sentence ("dhr. Jansen").
_TITLE_ABBREVIATIONS = frozenset({"dhr", "mevr", "mw", "dr", "drs", "ir", "mr", "ing", "prof", "mrs", "ms", "st"})  # particles that are far more often prepositions
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[^\W\d_]\.\s?){1,4}$")
_POSSESSIVE = ("'s", "’s")
_CALENDAR = frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march april may june july august september october november december "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "monday tuesday wednesday thursday friday saturday sunday".split())
NOT_NAMES_PATH = Path(__file__).parent / "data" / "not_names.yaml"


@functools.cache
def not_names() -> frozenset[str]:
    """Lower-cased words that are never names by their capital: languages (Babel, ISO 639-1,
    Dutch and English names, with the Dutch -e form: "Engelse"), nationalities (curated),
    months and weekdays."""
    from babel import Locale

    words = set(_CALENDAR)
    for locale in (Locale("nl"), Locale("en")):
        for code, name in locale.languages.items():
            if len(code) == 2 and " " not in name:
                words.add(name.lower())
    data = yaml.safe_load(NOT_NAMES_PATH.read_text(encoding="utf-8"))
    for key in ("nationalities_nl", "nationalities_en"):
        words.update(str(w).lower() for w in data[key])
    words.update(w + "e" for w in list(words) if w.endswith(("isch", "aans", "ands", "ees", "s")) and len(w) > 4)
    return frozenset(words)


REGIONS_PATH = Path(__file__).parent / "data" / "regions.yaml"


@functools.cache
def regions() -> frozenset[str]:
    """Lower-cased continents and large regions (``data/regions.yaml``): places."""
    data = yaml.safe_load(REGIONS_PATH.read_text(encoding="utf-8"))
    return frozenset(str(w).lower() for w in data["regions"])


_ADJECTIVE_ENDINGS = ("isch", "ische", "iaans", "iaanse", "ees", "ese", "ands", "andse", "aans", "aanse",
                      "ian", "ish", "ese", "ean")
# How sure each rule is; below the project's review threshold a detection is queued.
CONFIDENCE = {"title": 0.95, "kunya": 0.95, "initials": 0.9, "speaker": 0.9, "known": 0.9, "cased": 0.8,
              "cased_common": CASED_COMMON[1], "initial_known": 0.75, "lower_known": 0.75, "lower_rare": 0.6, "place": 0.85}


class WordFeatures(NamedTuple):
    stop: bool               # stop word, particle, month or weekday
    common: bool             # a dictionary word that is also frequent (wordfreq zipf >= 3.5)
    rank: int | None         # best popularity rank as a first name or surname (None: not a name)
    place: str | None        # gazetteer type: place, country, camp
    rare: bool               # in no dictionary and rarely written: likely a name
    first_rank: int | None   # rank as a first name
    zipf: float
    dictionary: bool = False  # a frequent dictionary word ("Engels", "Best", "Leg")


class NameFinder:
    """Finds names in text with the lexicons; keeps a per-word feature cache."""

    def __init__(self, lexicons: Lexicons, *, language: str = "nl",
                 common_zipf: float = 3.5, max_name_rank: int = 6000):
        self.lexicons = lexicons
        self.language = language if language in ("nl", "en") else "nl"
        self.common_zipf = common_zipf
        self.max_name_rank = max_name_rank
        self._features: dict[str, WordFeatures] = {}
        # wordfreq's whole frequency table: one dict lookup per word instead of zipf_frequency()
        self._frequencies = get_frequency_dict(self.language)
        for language in ("nl", "en"):  # load simplemma's dictionaries now, not on the first text
            simplemma.is_known("huis", lang=language)
        self._cue_words, self._cue_kinds = _cue_matcher(lexicons.cues)
        self._org_suffixes = tuple(lexicons.cues["org_suffixes"])
        self.name_cues = NameCues.from_cues(lexicons.cues)
        self._phrases = SurfaceMatcher({p: kind for p, kind in lexicons.places.items() if " " in p or "-" in p})

    # ---------------------------------------------------------------- word features
    def features(self, lower: str) -> "WordFeatures":
        """What the lexicons and the word-frequency filter say about a lower-cased word."""
        cached = self._features.get(lower)
        if cached is None:
            cached = self._compute_features(lower)
            self._features[lower] = cached
        return cached

    def _compute_features(self, lower: str) -> "WordFeatures":
        lex = self.lexicons
        language_word = lower in not_names() and lower not in regions() and lex.places.get(lower) != "country"
        stop = lower in lex.stop_words or lower in lex.particles or language_word or self._ordinary_compound(lower)
        known = simplemma.is_known(lower, lang=self.language)
        frequency = self._frequencies.get(lower)
        zipf = math.log10(frequency * 1e9) if frequency else 0.0
        rank = lex.name_rank(lower)
        # common: a frequent dictionary word, or a frequent word in no name list ("Koningsdag"),
        # or a frequent word that is only a rare name ("Kerst")
        common = stop or (known and zipf >= self.common_zipf) or (rank is None and zipf >= 3.5) \
            or (rank is not None and rank > 1000 and zipf >= 4.0)
        if not common and known and lower.endswith(_ADJECTIVE_ENDINGS):
            common = True
        if rank is not None and rank > self.max_name_rank:
            rank = None
        # rare: in no dictionary, hardly ever written, and not a compound of two known words
        rare = (not known and zipf < 2.5 and len(lower) >= 3 and lower.isalpha()
                and not simplemma.is_known(lower, lang="en" if self.language == "nl" else "nl")
                and not self._is_compound(lower))
        dictionary = known and zipf >= self.common_zipf
        place = "place" if lower in regions() else lex.places.get(lower)
        return WordFeatures(stop, common, rank, place, rare, lex.first_names.get(lower), zipf, dictionary)

    def _ordinary_compound(self, lower: str) -> bool:
        """"Arabic-speaking", "Nederlandstalig", "oud-sponsor": a hyphenated word whose parts are
        languages, nationalities or frequent words is not a name."""
        if "-" not in lower:
            return False
        parts = [p for p in lower.split("-") if p]
        if not parts:
            return True
        return any(p in not_names() for p in parts) and all(
            self.features(p).stop or self.features(p).common or simplemma.is_known(p, lang="nl")
            or simplemma.is_known(p, lang="en") for p in parts)

    def known_word(self, lower: str) -> bool:
        """In the Dutch or English dictionary, or a compound of Dutch words."""
        return simplemma.is_known(lower, lang="nl") or simplemma.is_known(lower, lang="en") or self._is_compound(lower)

    def _is_compound(self, lower: str) -> bool:
        """"huisvestingstaakstelling" = huisvesting(s) + taakstelling: a word, not a name."""
        language = self.language
        for i in range(3, len(lower) - 2):
            head, tail = lower[:i], lower[i:]
            if simplemma.is_known(tail, lang=language) and len(tail) >= 3 and (
                    simplemma.is_known(head, lang=language)
                    or (head[-1] in "s" and simplemma.is_known(head[:-1], lang=language))
                    or (head.endswith("en") and simplemma.is_known(head[:-2], lang=language))):
                return True
        return False

    # ---------------------------------------------------------------- detection
    def find(self, text: str, *, lowercase: bool | None = None) -> list[Detection]:
        """Names in ``text``; ``lowercase=None`` decides from the share of capitalised words."""
        words = [(m.start(), _end_without_possessive(m), m.group()) for m in WORD.finditer(text)]
        if lowercase is None:
            lowercase = is_lowercased(text)
        labels: list[tuple[str, float, str] | None] = [None] * len(words)
        self._label_words(text, words, labels, lowercase)
        self._apply_context(text, words, labels, lowercase)
        drop_lone_common_words(self, text, words, labels)
        mark_cued_names(self, text, words, labels, lowercase)
        if not lowercase:
            mark_named_places(self, text, words, labels)
        if lowercase:
            join_lowercase_first_names(self, text, words, labels)
            mark_unknown_words_after_place_prepositions(self, text, words, labels)
        mark_listed_places(self, text, words, labels, lowercase)
        detections = self._spans(text, words, labels, lowercase)
        detections.extend(self._fixed_shapes(text, lowercase))
        return detections

    def _label_words(self, text, words, labels, lowercase) -> None:
        for i, (start, end, word) in enumerate(words):
            if not lowercase and not word[0].isupper():
                continue  # cased text: only capitalised words can start a name here
            token = word[: end - start]
            f = self.features(token.lower())
            if f.stop or len(token) < 2:
                continue
            before = words[i - 1][2].lower() if i else ""
            # lower-cased, "te" is mostly "too" ("te geel", "te best"): only a capital says "te Geel"
            after_preposition = before in PLACE_PREPOSITIONS and not (lowercase and before == "te")
            if f.place and f.dictionary and f.place != "country" and not after_preposition \
                    and token.lower() not in regions():
                f = f._replace(place=None)  # "Engels", "Best", "Leg": a place only after "in", "uit", "naar"
            if f.place and f.first_rank is not None and f.first_rank <= 300:
                f = f._replace(place=None)  # "Saba", "Noor": a given name first
            if lowercase:
                labels[i] = self._lower_label(f, after_preposition=after_preposition)
            elif token.lower().endswith(self._org_suffixes) and len(token) > 6:
                labels[i] = ("organisation", 0.85, "context")
            else:
                labels[i] = self._cased_label(token, f, sentence_start(text, start))

    def _cased_label(self, token: str, f: WordFeatures, at_start: bool):
        if token.lower() in regions():
            return ("place", CONFIDENCE["place"], "gazetteer")   # also "VS", "DDR": places, not acronyms
        if token.isupper() and (len(token) <= 3 or (len(token) <= 5 and (f.first_rank or 10**6) > 300)):
            return None  # acronyms (GGD, UWV, BSN, AB) are not people; speaker labels are found apart
        if len(token) > 2 and token[1] == "-" and token[0].isalpha():
            return None  # "V-nummer", "E-mail", "A-status"
        if f.place and not (f.common and at_start):
            return (f.place, CONFIDENCE["place"], "gazetteer")
        if not at_start:
            if not f.common:
                return ("person", CONFIDENCE["known" if f.rank else "cased"], "names")
            if f.rank is not None and f.rank <= 1000:
                return CASED_COMMON
            return None
        if f.rank is not None and not f.common:
            return ("person", CONFIDENCE["initial_known"], "names")
        if f.rare:
            return ("person", CONFIDENCE["lower_rare"], "names")
        return None

    def _lower_label(self, f: WordFeatures, *, after_preposition: bool = False):
        # a place that is no dictionary word ("brussel", "duitsland": frequent, yet names), or
        # any gazetteer place right after "in", "uit", "naar"
        if f.place and (not f.common or not f.dictionary or after_preposition):
            return (f.place, CONFIDENCE["place"] - 0.1, "gazetteer")
        if f.rank is not None and not f.common:
            return ("person", CONFIDENCE["lower_known"], "names")
        if f.first_rank is not None and f.first_rank <= 300 and f.zipf < 5.0:
            return ("person", CONFIDENCE["lower_rare"], "names")
        if f.rare:
            return ("person", CONFIDENCE["lower_rare"], "names")
        return None

    def _apply_context(self, text, words, labels, lowercase) -> None:
        """Titles and kunya make the next word a name; a first name joins a name after it."""
        lex = self.lexicons
        context_words = lex.kunya | lex.titles
        for i, (start, end, word) in enumerate(words[:-1]):
            lower = word.lower()
            if lower not in context_words:
                continue
            k = i + 1  # "mevrouw El Amrani", "dhr. van der Berg": the particles belong to the name
            while k < len(words) - 1 and words[k][2].lower() in lex.particles and words[k][2].lower() not in _NOT_JOINING:
                k += 1
            nxt_start, nxt_end, nxt = words[k]
            if words[i + 1][0] - end > 2 or nxt_start - words[k - 1][1] > 2:
                continue
            if "\n" in text[end:words[i + 1][0]] or (text[end:end + 1] == "." and lower not in _TITLE_ABBREVIATIONS):
                continue  # "Dank je wel, Meneer.\nBakker, Visser en Smid ...": the title ended a sentence
            f = self.features(nxt[: nxt_end - nxt_start].lower())
            name_like = nxt[0].isupper() or (lowercase and not f.stop)
            if lower in lex.kunya and name_like and not f.stop:
                labels[i] = labels[i + 1] = ("person", CONFIDENCE["kunya"], "context")
            elif lower in lex.titles and name_like and not f.stop and (not f.common or nxt[0].isupper()):
                for m in range(i + 1, k + 1):
                    labels[m] = ("person", CONFIDENCE["title"], "context")
        for i in range(len(words) - 1, 0, -1):  # "Gisteren Wilmots" no; "Marc Wilmots" yes
            if labels[i] and labels[i][0] == "person" and labels[i - 1] is None:
                start, end, word = words[i - 1]
                if words[i][0] - end <= 1 and (word[0].isupper() or lowercase):
                    f = self.features(word[: end - start].lower())
                    if f.first_rank is not None and f.first_rank <= 3000 and not f.stop and f.zipf < 5.5:
                        labels[i - 1] = ("person", CONFIDENCE["initial_known"], "names")

    def _spans(self, text, words, labels, lowercase=False) -> list[Detection]:
        """Join adjacent labelled words (and the particles between them) into spans."""
        particles = self.lexicons.particles
        spans: list[Detection] = []
        i, n = 0, len(words)
        while i < n:
            if labels[i] is None:
                i += 1
                continue
            kind, confidence, source = labels[i]
            start, end = words[i][0], words[i][1]
            j = i + 1
            while j < n:
                gap = text[end:words[j][0]]
                if gap not in (" ", "-", " - "):
                    break
                if labels[j] is not None:
                    kind = _joined_kind(kind, labels[j][0])
                    confidence = max(confidence, labels[j][1])
                    end = words[j][1]
                    j += 1
                    continue
                k = j  # particles between two name words: "Jan van der Berg", "Ali al Hassan"
                while k < n and words[k][2].lower() in particles and text[words[k - 1][1]:words[k][0]] in (" ", "-"):
                    k += 1
                if k > j and k < n and labels[k] is not None and labels[k][0] not in ("place", "country", "camp") \
                        and not any(words[m][2].lower() in _NOT_JOINING for m in range(j, k)) \
                        and text[words[k - 1][1]:words[k][0]] in (" ", "-"):
                    kind = _joined_kind(kind, labels[k][0])
                    confidence = max(confidence, labels[k][1])
                    end = words[k][1]
                    j = k + 1
                    continue
                break
            if kind == "person":
                start = self._extend_back(text, words, i, start, lowercase)
            spans.append(Detection(start, end, kind, confidence, source, text[start:end]))
            i = j
        return spans

    def _extend_back(self, text, words, i, start, lowercase) -> int:
        """Take in the particles ("De Clercq", "Van den Abeele", "van den abeele") and initials
        ("l. sciot") right before a surname. A common first name ("Luca") does not take a
        particle, unless in cased text the particle is capitalised inside a sentence
        ("zei Di Luca"), where an article or preposition would be lower-case."""
        k = i
        while k > 0 and text[words[k - 1][1]:words[k][0]] == " " and words[k - 1][2].lower() in self.lexicons.particles:
            k -= 1
        while not lowercase and k < i and not words[k][2][0].isupper():
            k += 1  # "minister van Dam": a lower-case particle opening the span is a preposition
        if k < i:
            inside = k > 0 and not sentence_start(text, words[k][0])
            rare_first = (self.features(words[i][2].lower()).first_rank or 10**6) > 500
            if (not lowercase and inside) or (rare_first and (k == 0 or inside or not lowercase)):
                start = words[k][0]
        initials = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
        if initials:
            start = initials.start()
        return start

    def _fixed_shapes(self, text: str, lowercase: bool) -> list[Detection]:
        found = []
        for pattern in (_BYLINE_INITIALS, _INITIALS_LINE):  # "(KS)", "(JdV)", "RoM": a person's initials
            for match in pattern.finditer(text):
                lower = match.group(1).lower()
                if lower not in _NOT_INITIALS and not self.features(lower).common:
                    found.append(Detection(match.start(1), match.end(1), "person", 0.6, "context", match.group(1)))
        for match in _INITIALS.finditer(text):
            found.append(Detection(match.start(), match.end(), "person", CONFIDENCE["initials"], "context",
                                   match.group()))
        role_words = self.lexicons.role_words
        for match in _SPEAKER.finditer(text):
            label = match.group(1)
            parts = [p for p in re.split(r"[ .'’-]+", label.lower()) if p]
            heading = self.features(parts[0]) if len(parts) == 1 else None
            if heading is not None and (heading.rank or 10**6) > 1000 and (heading.common or not heading.rare):
                continue  # "Voorstel:", "Actiepunt:", "Note:": a heading, not a speaker
            if parts and not any(p in role_words or self.features(p)[0] for p in parts):
                found.append(Detection(match.start(1), match.end(1), "person", CONFIDENCE["speaker"], "context",
                                       label))
        for start, end, kind in self._phrases.find(text):
            words = re.split(r"[\s-]+", text[start:end])
            if not lowercase and not all(w[:1].isupper() or w.lower() in self.lexicons.particles for w in words):
                continue  # "De bus", "De groep": an ordinary phrase, not the hamlet
            if not lowercase and not text[start].isupper():
                continue
            found.append(Detection(start, end, kind, CONFIDENCE["place"], "gazetteer", text[start:end]))
        found.extend(self._cued(text))
        if not lowercase:
            found.extend(country_abbreviations(self, text))
        return found

    @functools.cached_property
    def country_keys(self) -> dict[str, tuple[str, ...]]:
        """Country names (letters only, lower-cased, without diacritics) by first letter."""
        keys: dict[str, set[str]] = {}
        for name, kind in self.lexicons.places.items():
            if kind == "country":
                letters = re.sub(r"[^a-z]", "", name)
                if letters:
                    keys.setdefault(letters[0], set()).add(letters)
        return {letter: tuple(sorted(names)) for letter, names in keys.items()}

    def _cued(self, text: str) -> list[Detection]:
        """Schools, hospitals, camps and employers named with a cue word: the cue word is
        found first (one fast pass), then the capitalised name words around it."""
        found = []
        for match in self._cue_words.finditer(text):
            kind = self._cue_kinds[match.group().lower()]
            if kind == "employer":
                after = _NAME_AFTER_VERB.match(text, match.end())
                if after:
                    found.append(Detection(after.start(1), after.end(1), "organisation", 0.9, "context",
                                           after.group(1)))
                continue
            before = _NAME_BEFORE.search(text, max(0, match.start() - 80), match.start())
            after = _NAME_AFTER.match(text, match.end())
            if before and sentence_start(text, before.start()) and len(before.group().split()) == 1 \
                    and self.features(before.group().strip().lower()).common:
                before = None  # "Die school", "Het ziekenhuis": an ordinary word opening the sentence
            if before:
                start, end = before.start(), match.end()
            elif after:
                start, end = match.start(), after.end()
            else:
                continue
            found.append(Detection(start, end, kind, 0.9, "context", text[start:end]))
        return found


_NAME_PART = r"[A-Z][\w'’&-]*"


_NAME_BEFORE = re.compile(rf"(?:{_NAME_PART}\s){{1,3}}$")
_NAME_AFTER = re.compile(rf"\s(?:(?:{_NAME_PART}|de|het|'t)\s){{0,2}}{_NAME_PART}")
_NAME_AFTER_VERB = re.compile(rf"\s+(?:de\s|het\s|the\s)?((?:{_NAME_PART})(?:\s{_NAME_PART}){{0,3}})")


def _cue_matcher(cues: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, dict[str, str]]:
    kinds = {}
    for kind, name in (("school", "school_cues"), ("hospital", "hospital_cues"), ("camp", "camp_cues"),
                       ("organisation", "org_cues"), ("employer", "employer_verbs")):
        for cue in cues[name]:
            kinds.setdefault(cue.lower(), kind)
    alternatives = "|".join(re.escape(c) for c in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?i:{alternatives})(?![\w])"), kinds


_KIND_ORDER = {"organisation": 4, "school": 4, "hospital": 4, "camp": 4, "person": 3, "place": 1, "country": 1}


def _joined_kind(first: str, second: str) -> str:
    """"Transportbedrijf De Haan" is an organisation, "Ans de Boer" a person."""
    return first if _KIND_ORDER.get(first, 0) >= _KIND_ORDER.get(second, 0) else second


def _end_without_possessive(match: re.Match) -> int:
    word = match.group()
    if word.endswith(_POSSESSIVE) and len(word) > 3:
        return match.end() - 2
    return match.end()


_WORD_START = re.compile(r"(?<!\w)[^\W\d_]")
_CAPITAL_START = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞĀ-Ž]")


def is_lowercased(text: str) -> bool:
    """True for speech-to-text style text: (almost) no capitalised words."""
    sample = text[:20000]
    words = len(_WORD_START.findall(sample))
    if words < 8:
        return False
    return len(_CAPITAL_START.findall(sample)) / words < 0.02
