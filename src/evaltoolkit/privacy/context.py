"""Context rules that make words a person's name, applied after the word-by-word labels.

* after a **verb of saying** ("zegt", "aldus", "volgens") or a **role** ("premier",
  "woordvoerder", also at the end of a compound: "vrt-journalist") the name-like words that
  follow are a person, with their particles ("zegt Van Diepenbeek");
* in lower-cased text a **known first name followed by a word in no dictionary** is a
  person ("robert melders"), and so is a short first name that is also a stop word right
  before a person's name ("an bruyninckx").

The rules only relabel words; ``NameFinder._spans`` joins them into spans as usual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# How many words after a cue may belong to the name ("Marc van den Abeele").
_MAX_NAME_WORDS = 5
_PERSON = ("person", 0.85, "context")
# A first name this popular (rank) counts as a name even when it is also a common word.
_FIRST_NAME_RANK = 1000


@dataclass(frozen=True)
class NameCues:
    """The words after which a name is a person's (from the lexicons' cue lists)."""

    speech: frozenset[str]
    roles: frozenset[str]
    role_endings: tuple[str, ...]  # roles long enough to end a compound ("vrt-journalist")

    @classmethod
    def from_cues(cls, cues: dict[str, tuple[str, ...]]) -> "NameCues":
        roles = frozenset(cues["role_titles"])
        return cls(frozenset(cues["speech_cues"]), roles, tuple(sorted(r for r in roles if len(r) >= 6)))

    def is_cue(self, lower: str) -> bool:
        return lower in self.speech or lower.rsplit("-", 1)[-1] in self.roles or lower.endswith(self.role_endings)


def mark_cued_names(finder, text: str, words, labels, lowercase: bool) -> None:
    """Label as a person the name run right after a verb of saying or a role word."""
    cues: NameCues = finder.name_cues
    for i, (_, end, word) in enumerate(words[:-1]):
        lower = word.lower()
        if not cues.is_cue(lower):
            continue
        if text[end:words[i + 1][0]] not in (" ", ": "):  # "zegt Jansen", not "zegt. Jansen" or a new line
            continue
        # lower-cased, "burgemeester van antwerpen" is a role and a place, "zegt van dijk" a name
        run = name_run(finder, text, words, i + 1, lowercase, leading_particle=not lowercase or lower in cues.speech)
        for m in run:
            labels[m] = _PERSON


def name_run(finder, text: str, words, k: int, lowercase: bool, *, leading_particle: bool = True) -> list[int]:
    """Indexes of the name words (with inner particles) starting at word ``k``; empty when
    no name starts there. In cased text a lower-case particle cannot open the run
    ("minister van Justitie"), since a surname on its own capitalises it ("Van Dijk")."""
    particles = finder.lexicons.particles
    run: list[int] = []
    pending: list[int] = []
    m = k
    while m < len(words) and len(run) + len(pending) < _MAX_NAME_WORDS:
        if m > k and text[words[m - 1][1]:words[m][0]] not in (" ", "-"):
            break  # a comma or full stop in between ends the name
        start, end, word = words[m]
        lower = word[: end - start].lower()
        if lower in particles and (run or (leading_particle and (lowercase or word[0].isupper()))):
            pending.append(m)
        elif _name_like(finder, lower, word, lowercase, words, m):
            run.extend(pending)
            pending = []
            run.append(m)
        else:
            break
        m += 1
    return run


def _name_like(finder, lower: str, word: str, lowercase: bool, words, m: int) -> bool:
    f = finder.features(lower)
    if f.stop or len(lower) < 2:
        return False
    if not lowercase:
        return word[0].isupper() and not word.isupper()
    if not f.common:  # in no dictionary ("melders") or a known name; not a compound ("landbouwminister")
        return f.rank is not None or f.rare or f.place is not None
    if f.first_rank is not None and f.first_rank <= _FIRST_NAME_RANK and m + 1 < len(words):
        nxt = words[m + 1][2].lower()  # "zegt peter klashorst": a first name and a surname
        return nxt in finder.lexicons.particles or not finder.features(nxt).common
    return False


def join_lowercase_first_names(finder, text: str, words, labels) -> None:
    """Lower-cased text: a known first name and the word after it that is in no dictionary
    ("robert melders") are a person; a first name that is also a stop word ("an") joins a
    person's name after it."""
    for i in range(len(words) - 1):
        start, end, word = words[i]
        if text[end:words[i + 1][0]] != " ":
            continue
        f = finder.features(word[: end - start].lower())
        if f.first_rank is None or f.first_rank > _FIRST_NAME_RANK or f.zipf >= 5.5:
            continue
        nxt_start, nxt_end, nxt = words[i + 1]
        g = finder.features(nxt[: nxt_end - nxt_start].lower())
        own = labels[i] is None or labels[i][0] == "person"
        if own and not f.stop and labels[i + 1] is None and not g.stop and not g.dictionary \
                and not g.common and len(nxt) >= 3 and nxt.isalpha():
            labels[i] = labels[i + 1] = _PERSON
        elif f.stop and labels[i] is None and labels[i + 1] and labels[i + 1][0] == "person" \
                and f.first_rank <= 300 and f.zipf < 5.0 and word.lower() not in finder.lexicons.particles:
            labels[i] = _PERSON


# A frequent word that is also a popular name ("Bakker", "Hall", "Main"), capitalised inside
# a sentence: a name only next to another name ("Pieter Bakker"); see drop_lone_common_words.
CASED_COMMON = ("person", 0.6, "names")


def drop_lone_common_words(finder, text: str, words, labels) -> None:
    """A capital never makes a dictionary word a name by itself: "the Main Square", "de
    Bakker op de hoek" keep their words, "Pieter Bakker" and "Rose Hall" (two names side by
    side) stay a person, so do a surname after a name and its particles ("Fatima de Vries")
    and a surname after a capitalised particle inside a sentence
    ("begon De Prins"), and so does a lone name that is frequent but in no dictionary of
    the text's language, or a popular first name that is a rarer word ("met Joke"). Titles, cues and the register still find a lone
    "mevrouw Bakker"."""
    def named(k: int) -> bool:
        return 0 <= k < len(words) and labels[k] is not None and labels[k][0] == "person"

    def capitalised_particle(k: int) -> bool:  # "begon De Prins", "zei Van Dam": a surname
        start, end, word = words[k] if k >= 0 else (0, 0, "")
        if word.lower() not in finder.lexicons.particles:
            return False  # "de minister van Dam": a role word before a particle also makes a surname
        return (word[:1].isupper() and not at_sentence_start(text, start)) \
            or (k > 0 and finder.name_cues.is_cue(words[k - 1][2].lower()))

    def particles_then_name(i: int, step: int) -> bool:
        """Particles, then a name, next to word ``i`` (step -1: before it, "Fatima de Vries";
        step 1: after it, "Jan van der Berg")."""
        def spaced(a: int, b: int) -> bool:
            first, second = min(a, b), max(a, b)
            return text[words[first][1]:words[second][0]] == " "

        k = i + step
        while 0 <= k < len(words) and words[k][2].lower() in finder.lexicons.particles and spaced(k, k - step):
            k += step
        return k != i + step and named(k) and spaced(k, k - step)

    lone = [i for i, label in enumerate(labels) if label is CASED_COMMON
            and _dictionary_not_first_name(finder.features(words[i][2][: words[i][1] - words[i][0]].lower()))
            and not particles_then_name(i, -1) and not particles_then_name(i, 1)
            and not ((named(i - 1) or capitalised_particle(i - 1)) and text[words[i - 1][1]:words[i][0]] in (" ", "-"))
            and not (named(i + 1) and text[words[i][1]:words[i + 1][0]] in (" ", "-"))]
    for i in lone:
        labels[i] = None


def _dictionary_not_first_name(f: WordFeatures) -> bool:
    return f.dictionary and (f.first_rank is None or f.first_rank > _NAME_BEFORE_WORD_RANK
                             or f.zipf >= _WORD_BEFORE_NAME_ZIPF)


# A first name this popular (rank) is a name before it is a word ("met Joke"), unless the
# word is very frequent (wordfreq Zipf: "Main" 5.2, "Will").
_NAME_BEFORE_WORD_RANK = 300
_WORD_BEFORE_NAME_ZIPF = 5.0


# ----------------------------------------------------------------------------- places from context
# Words after which a gazetteer place that is also a word is a place ("in Geel", "te Tienen").
PLACE_PREPOSITIONS = frozenset({"in", "uit", "naar", "nabij", "bij", "rond", "te", "vanuit", "richting",
                                "from", "to", "near", "at"})
_LIST_WORDS = frozenset({"en", "of", "and", "or"})


def mark_listed_places(finder, text: str, words, labels, lowercase: bool) -> None:
    """A gazetteer place that is also a word is a place when it is listed with a place
    right before it: "in Luik en Mechelen", "duitsland, frankrijk en italië", "Gent/Geel"
    (a place is otherwise one only after "in", "uit", "te" ...)."""
    for i in range(1, len(words)):
        start, end, word = words[i]
        if labels[i] is not None or (not lowercase and not word[0].isupper()):
            continue
        f = finder.features(word[: end - start].lower())
        if not f.place or f.stop or (f.first_rank is not None and f.first_rank <= 300):
            continue
        k = i - 1
        listed = text[words[k][1]:start].strip() in (",", "/")
        if not listed and words[k][2].lower() in _LIST_WORDS and k > 0 and text[words[k][1]:start] == " " \
                and text[words[k - 1][1]:words[k][0]].strip() in ("", ","):
            k, listed = k - 1, True
        if listed and labels[k] is not None and labels[k][0] in ("place", "country"):
            labels[i] = (f.place, 0.75, "gazetteer")


def mark_unknown_words_after_place_prepositions(finder, text: str, words, labels) -> None:
    """Lower-cased text: a word in no Dutch or English dictionary that ends like a Dutch or
    Flemish place name, right after "in", "uit", "naar", "vanuit" ... ("naar zeebrugge",
    "in boechout") is a place: villages are too many for any list, and a capital no longer
    says it is a name. Other unknown words there are idioms as often ("in petto", "in
    opspraak") and stay."""
    endings = tuple(finder.lexicons.cues["toponym_endings"])
    for i in range(1, len(words)):
        start, end, word = words[i]
        if labels[i] is not None or words[i - 1][2].lower() not in _PLACE_AFTER or text[words[i - 1][1]:start] != " ":
            continue
        lower = word[: end - start].lower()
        f = finder.features(lower)
        if len(lower) >= 5 and lower.endswith(endings) and lower.isalpha() and not f.stop and not f.common \
                and f.zipf < 4.0 \
                and not finder.known_word(lower):
            labels[i] = ("place", 0.6, "context")


# Lower-cased, "te" is mostly "too" and "bij"/"rond"/"at"/"to" take any noun.
_PLACE_AFTER = frozenset({"in", "uit", "naar", "vanuit", "nabij", "richting"})
# "Tonkov ( Rus )", "Schett (Oos / 16)", "( Dui / Den )": after a name, short capitalised
# abbreviations in brackets (with a seed or a second country after a slash) are countries.
_BRACKETED_ABBREVIATIONS = re.compile(
    r"(?<=[^\W\d_])[ \t]?\([ \t]?((?:[A-Z][A-Za-z]{1,3}|[A-Z]-[A-Z][a-z]{1,3}|\d{1,3})"
    r"(?:[ \t]?/[ \t]?(?:[A-Z][A-Za-z]{1,3}|[A-Z]-[A-Z][a-z]{1,3}|\d{1,3}))*)[ \t]?\)")
_WORD_BEFORE = re.compile(r"[^\W\d_][\w'’-]*$")
_ABBREVIATION = re.compile(r"[A-Z](?:-?[A-Za-z]){1,4}")


def country_abbreviations(finder, text: str) -> list:
    """Countries abbreviated in brackets after a name, as in results and line-ups
    ("Kournikova ( Rus / 14 )", "Larsen (Den)", "(VSt)"): an abbreviation counts when its
    letters start a country's name (Dutch or English) and follow in it in order
    ("Oos": Oostenrijk, "Slk": Slowakije, "W-Rus": Wit-Rusland). Anything else in
    brackets ("(red.)", "(KS)", a byline) is left alone."""
    from evaltoolkit.privacy.detections import Detection

    found = []
    for match in _BRACKETED_ABBREVIATIONS.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if not before or not before.group()[0].isupper() or finder.features(before.group().lower()).stop:
            continue  # "zei ze (Eng)", "in het Engels (Eng)": a note on the language, not a line-up
        for part in _ABBREVIATION.finditer(match.group(1)):
            if _abbreviates_a_country(finder.country_keys, part.group().replace("-", "").lower()):
                start, end = match.start(1) + part.start(), match.start(1) + part.end()
                found.append(Detection(start, end, "country", 0.8, "context", text[start:end]))
    return found


def _abbreviates_a_country(countries: dict[str, tuple[str, ...]], letters: str) -> bool:
    for name in countries.get(letters[0], ()):
        position = 0
        for letter in letters[1:]:
            position = name.find(letter, position + 1)
            if position < 0:
                break
        else:
            return True
    return False


_PLACE = ("place", 0.8, "context")


def mark_named_places(finder, text: str, words, labels) -> None:
    """Cased text: a capitalised place word ("Markt", "Hotel", "Oceaan") with capitalised
    name words right before it ("Grote Markt", "Renoir Hotel") or after it ("Hotel
    Zuiderduin", "Basiliek van Koekelberg") is one place; so is a capitalised word inside a
    sentence that ends in a street, square or hall ("Kerkplein", "Fabiolazaal"). A place
    word on its own ("het Museum") or after an article ("De Markt") stays a word, and so, in
    English, where titles capitalise every word, does one next to dictionary words only
    ("Town Hall")."""
    cues = finder.lexicons.cues
    heads, endings = frozenset(cues["place_cues"]), tuple(cues["place_endings"])
    french = frozenset(cues["french_street_words"])
    for i, (start, end, word) in enumerate(words):
        lower = word[: end - start].lower()
        if lower in french and finder.language != "en" and i + 1 < len(words) and text[end:words[i + 1][0]] == " ":
            _mark_french_street(finder, text, words, labels, i)
        if not word[0].isupper() or word.isupper():
            continue
        if lower in heads:
            run = _name_words_before(finder, text, words, i)
            if i + 1 < len(words) and text[end:words[i + 1][0]] == " ":  # "Kanaal 2 13.45\nRechtstreeks": no
                k = i + 1  # "Basiliek van Koekelberg", "Kanaal van Willebroek"
                if words[k][2] == "van" and k + 1 < len(words) and text[words[k][1]:words[k + 1][0]] == " ":
                    k += 1
                after = name_run(finder, text, words, k, False, leading_particle=False)
                run += list(range(i + 1, k)) + after if after else []
            if finder.language == "en" and all(finder.features(words[m][2].lower()).dictionary for m in run):
                run = []  # English capitalises in titles: "Town Hall", "Main Square" are words there
            for m in run + ([i] if run else []):
                labels[m] = _PLACE
        elif lower.endswith(endings) and len(lower) >= max(len(e) for e in endings if lower.endswith(e)) + 3 \
                and (labels[i] is None or labels[i][2] == "names") and not finder.features(lower).stop \
                and not at_sentence_start(text, start):  # "Stilaan gaan ...": an adverb opening a sentence
            labels[i] = _PLACE


_FRENCH_ARTICLES = frozenset({"de", "la", "le", "du", "des", "l", "d"})


def _mark_french_street(finder, text: str, words, labels, i: int) -> None:
    """"rue de la Loi", "avenue Louise", "place Flagey": a French street word, in any case,
    then articles and a capitalised name (Belgian and French addresses). Not in English
    text, where "a place Jan can use" is no address."""
    k = i + 1
    while k < len(words) - 1 and words[k][2].lower() in _FRENCH_ARTICLES and text[words[k][1]:words[k + 1][0]] in (" ", "'", "’"):
        k += 1
    name = name_run(finder, text, words, k, False, leading_particle=False)
    if name and (k > i + 1 or not at_sentence_start(text, words[k][0])):
        for m in range(i, name[-1] + 1):
            labels[m] = _PLACE


def _name_words_before(finder, text: str, words, i: int) -> list[int]:
    """Capitalised name-like words right before word ``i`` (at most three): "Vitra Design"."""
    run = []
    k = i - 1
    while k >= 0 and len(run) < 3 and text[words[k][1]:words[k + 1][0]] in (" ", "-"):
        start, end, word = words[k]
        f = finder.features(word[: end - start].lower())
        if not word[0].isupper() or f.stop or (at_sentence_start(text, start) and f.common):
            break
        run.insert(0, k)
        k -= 1
    return run


_SENTENCE_END = frozenset(".!?:;\n\"“”'(•–-*#>")


def at_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, line or quote (its capital says nothing)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END
