"""The detector: deduce plus what it lacks (name lists of every origin, gazetteers at home
and abroad, context rules, lower-cased text, shaped identifiers), resolved to one set of
non-overlapping detections.

Construct it once and reuse it: deduce's first construction builds lookup structures
(minutes on a new install, seconds afterwards).
"""
from __future__ import annotations

import functools
import logging
import re

from evaltoolkit.privacy.detections import Detection, resolve_overlaps
from evaltoolkit.privacy.lexicons import Lexicons, load_lexicons
from evaltoolkit.privacy.names import PLACE_PREPOSITIONS, NameFinder, is_lowercased, sentence_start
from evaltoolkit.privacy.patterns import detect_patterns

DETECTOR_VERSION = "evaltoolkit.detector.v2"  # v2: place context rules, lone common words

# deduce tag -> (entity type, confidence)
_DEDUCE_TAGS = {
    "persoon": ("person", 0.85), "patient": ("person", 0.9), "locatie": ("place", 0.8),
    "instelling": ("hospital", 0.85), "ziekenhuis": ("hospital", 0.85), "zorginstelling": ("hospital", 0.85),
    "leeftijd": ("age", 0.8), "bsn": ("bsn", 0.95), "telefoonnummer": ("phone", 0.95),
    "email": ("email", 0.99), "emailadres": ("email", 0.99), "url": ("url", 0.95), "id": ("case_number", 0.8),
}

#: English words at least this frequent (wordfreq's Zipf scale: "fine", "french", "starting")
#: are not taken for names when deduce, which reads Dutch, marks them in English text.
_FREQUENT_ENGLISH_ZIPF = 5.0


@functools.cache
def load_deduce():
    """deduce's model, built once per process.

    ``import deduce`` calls ``logging.basicConfig(level=DEBUG, stream=stdout)``; the root
    logger's handlers and level are restored right after, so nothing floods the output.
    """
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return deduce.Deduce()


class Detector:
    """Finds personal data in Dutch and English text.

    ``use_deduce=False`` skips deduce (faster start-up; used by small tests and the scrub
    of tiny files when deduce is not wanted).
    """

    def __init__(self, *, use_deduce: bool = True, lexicons: Lexicons | None = None, deduce_model=None):
        self.use_deduce = use_deduce
        self.lexicons = lexicons or load_lexicons()
        self._deduce = deduce_model
        self._finders: dict[str, NameFinder] = {}

    @property
    def deduce(self):
        if self._deduce is None and self.use_deduce:
            self._deduce = load_deduce()
        return self._deduce

    def finder(self, language: str) -> NameFinder:
        language = "en" if language == "en" else "nl"
        if language not in self._finders:
            self._finders[language] = NameFinder(self.lexicons, language=language)
        return self._finders[language]

    def detect(self, text: str, *, language: str = "nl", lowercase: bool | None = None) -> list[Detection]:
        """Non-overlapping detections in ``text``, in text order."""
        if not text or not text.strip():
            return []
        if lowercase is None:
            lowercase = is_lowercased(text)
        found = detect_patterns(text, lowercase=lowercase)
        found.extend(self.finder(language).find(text, lowercase=lowercase))
        if self.deduce is not None:
            found.extend(self._deduce_detections(text, language=language))
        return resolve_overlaps(found, text)

    def _deduce_detections(self, text: str, *, language: str = "nl") -> list[Detection]:
        found = []
        titles = self.lexicons.titles
        for annotation in self.deduce.deidentify(text, disabled={"dates"}).annotations:
            tag = annotation.tag.split("_")[0].lower()
            if tag not in _DEDUCE_TAGS:
                continue
            kind, confidence = _DEDUCE_TAGS[tag]
            start, end = annotation.start_char, annotation.end_char
            if kind == "person":
                start = _skip_titles(text, start, end, titles)
            elif kind == "place" and re.search(r"\d", text[start:end]):
                kind = "address"
            if kind in ("person", "place") and language == "en":
                start, end = self._without_english_words(text, start, end)
            if kind in ("person", "place") and self._ordinary_word(text, start, end, kind):
                continue
            if end > start:
                found.append(Detection(start, end, kind, confidence, "deduce", text[start:end]))
        return found

    def _ordinary_word(self, text: str, start: int, end: int, kind: str) -> bool:
        """deduce takes capitals for names: a single word it marks is dropped when it is a
        language, nationality, month or weekday anywhere, and when it is a frequent
        dictionary word at a sentence start ("Pas na vier maanden", "Voorstel: ...") or, for
        a place, anywhere but after a place preposition ("in", "uit", "te": "Leg het uit").
        A person "de" + dictionary word with no first name, initial or title before it ("in
        de Winter", "de Post") is dropped too."""
        words = text[start:end].split()
        finder = self.finder("nl")
        if kind == "person" and len(words) == 2 and words[0] in ("de", "het") \
                and not _after_name_or_title(text, start, finder):
            # "in de Winter", "de Post kwam niet": a lower-case "de" opens no surname on its own
            features = finder.features(words[1].lower())
            return features.dictionary and (features.first_rank or 10**6) > 300
        if len(words) != 1:
            return False
        features = finder.features(words[0].lower())
        if features.stop:
            return True
        if not features.dictionary or (features.first_rank or 10**6) <= 300:
            return False
        if kind == "place":
            before = re.search(r"(\w+)\s+$", text[max(0, start - 20):start])
            return not (before and before.group(1).lower() in PLACE_PREPOSITIONS)
        return sentence_start(text, start)

    def _without_english_words(self, text: str, start: int, end: int) -> tuple[int, int]:
        """deduce reads Dutch: in English text it takes a capitalised function or frequent
        word for a name ("My", "May", "June", "Without [name]"). Such words are cut from
        the ends of its person and place spans (an empty span is dropped)."""
        finder = self.finder("en")
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\W\d_][\w'’-]*", text[start:end])]

        def english(span: tuple[int, int]) -> bool:
            features = finder.features(text[span[0]:span[1]].lower())
            return features.stop or (features.dictionary and features.zipf >= _FREQUENT_ENGLISH_ZIPF)

        while words and english(words[0]):
            words.pop(0)
        while words and english(words[-1]):
            words.pop()
        return (words[0][0], words[-1][1]) if words else (start, start)

    def names_in_email(self, text: str, detection: Detection) -> list[str]:
        """Name parts of an e-mail address's local part ("k.alhassan" -> "alhassan" when it is
        a known name), so the name is also replaced where it appears on its own."""
        local = text[detection.start:detection.end].split("@")[0]
        finder = self.finder("nl")
        names = []
        for part in re.split(r"[._+\-\d]+", local):
            if len(part) >= 3:
                features = finder.features(part.lower())
                if features.rank is not None and not features.common and not features.stop:
                    names.append(part)
        return names


def _after_name_or_title(text: str, start: int, finder) -> bool:
    """Whether a capitalised word, an initial or a title stands right before ``start``
    ("Jan de Winter", "J. de Winter", "meneer de Winter")."""
    before = re.search(r"([^\W\d_]+)\.?\s+$", text[max(0, start - 30):start])
    if not before:
        return False
    word = before.group(1)
    return word[0].isupper() and not sentence_start(text, start - len(before.group())) \
        or word.lower() in finder.lexicons.titles


def _skip_titles(text: str, start: int, end: int, titles: frozenset[str]) -> int:
    """deduce includes "Mevrouw"/"dhr." in a person span; reports keep the title."""
    while True:
        match = re.match(r"([^\W\d_]+)\.?\s+", text[start:end])
        if not match or match.group(1).lower() not in titles:
            return start
        start += match.end()
