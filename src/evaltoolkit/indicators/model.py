"""The logic model (theory of change) as frozen dataclasses, loaded from YAML.

```yaml
logic_model_id: community_sponsorship_pilot
goal: {nl: ..., en: ...}
status_rules: {minimum: {on_track: 1.0, at_risk: 0.75}}   # per target kind; defaults in DEFAULT_RULES
outcomes:
  - outcome_id: outcome_1
    label: {nl: ..., en: ...}
    indicators: [...]            # outcome-level (often qualitative) indicators
    outputs:
      - output_id: output_1_2
        label: {nl: ..., en: ...}
        activities: [{nl: ..., en: ...}]
        indicators:
          - indicator_id: families_welcomed
            label: {nl: ..., en: ...}
            measure: event_sum   # see MEASURES
            events: [session_held]   # event kinds of evaltoolkit.yaml
            direction: higher    # higher or lower is better (what a trend means)
            target_kind: minimum # minimum, ceiling, point or range (what the target means)
            target: 18
inputs: [{nl: ..., en: ...}]
```
:func:`load_logic_model` reports every problem in the file at once.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evaltoolkit.errors import ConfigError, did_you_mean, format_problems
from evaltoolkit.store.values import INDICATOR_STATUSES

#: measure -> (what it computes, the fields it needs)
MEASURES = {
    "event_sum": ("sum of event counts of `events` up to the period's end", ("events",)),
    "event_balance": ("`events` minus `minus_events` up to the period's end", ("events", "minus_events")),
    "event_ratio": ("`events` divided by `denominator_events`", ("events", "denominator_events")),
    "distinct_sites": ("number of sites with any of `events`", ("events",)),
    "distinct_regions": ("number of regions of the sites with any of `events`", ("events",)),
    "register_count": ("participants in the register with one of `roles`", ("roles",)),
    "survey_mean": ("mean of the numeric survey item `attribute` in the latest round", ("attribute",)),
    "coded_share": ("share of added-value segments among added-value and challenge segments "
                    "coded with `codes`", ("codes",)),
}
DIRECTIONS = ("higher", "lower")
#: what a target means, and how its status is read from the thresholds of its rule:
#: minimum  on track at value/target >= on_track, at risk at >= at_risk ("at least 8 trainings")
#: ceiling  on track at value/target <= on_track, at risk at <= at_risk ("at most 80 sponsors")
#: point    on track at |value - target|/target <= on_track, at risk at <= at_risk ("a 7")
#: range    on track from target to target_max; at risk within at_risk (a share of the
#:          nearest bound) outside it ("3-4 municipalities")
TARGET_KINDS = ("minimum", "ceiling", "point", "range")
#: names earlier logic models used: the direction of at_least/at_most, and their rules
_DIRECTION_ALIASES = {"at_least": "higher", "at_most": "lower"}
_KIND_ALIASES = {"at_least": "minimum", "at_most": "ceiling"}
STATUSES = INDICATOR_STATUSES
DEFAULT_RULES = {"minimum": {"on_track": 1.0, "at_risk": 0.75}, "ceiling": {"on_track": 1.0, "at_risk": 1.25},
                 "point": {"on_track": 0.05, "at_risk": 0.2}, "range": {"on_track": 0.0, "at_risk": 0.25}}


@dataclass(frozen=True)
class Text:
    """A label in Dutch and English."""

    nl: str
    en: str = ""

    def __call__(self, language: str = "nl") -> str:
        return (self.en or self.nl) if language == "en" else self.nl


@dataclass(frozen=True)
class StatusRule:
    """The two thresholds of a target kind (see :data:`TARGET_KINDS`): ratios of actual to
    target for minimum and ceiling, relative deviations for point and range."""

    on_track: float
    at_risk: float


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    label: Text
    measure: str
    parent_id: str                              # the outcome or output it measures
    direction: str = "higher"                   # higher or lower is better: what a trend means
    target_kind: str = "minimum"                # see TARGET_KINDS: what the target means
    target: float | None = None
    target_max: float | None = None             # a range such as "3-4 municipalities"
    target_label: Text | None = None            # how the target reads ("max. 80")
    unit: str = ""                              # "%" shows ratios as percentages
    events: tuple[str, ...] = ()
    minus_events: tuple[str, ...] = ()
    denominator_events: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    attribute: str | None = None
    codes: tuple[str, ...] = ()                 # qualitative measure: the linked theme codes
    evidence_codes: tuple[str, ...] = ()        # codes whose segments explain the figure
    rule: StatusRule | None = None              # overrides the model's rule for its direction

    @property
    def is_qualitative(self) -> bool:
        return self.measure == "coded_share"

    @property
    def linked_codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.codes + self.evidence_codes))


@dataclass(frozen=True)
class Output:
    output_id: str
    label: Text
    indicators: tuple[Indicator, ...] = ()
    activities: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Outcome:
    outcome_id: str
    label: Text
    outputs: tuple[Output, ...] = ()
    indicators: tuple[Indicator, ...] = ()

    def all_indicators(self) -> tuple[Indicator, ...]:
        return self.indicators + tuple(i for output in self.outputs for i in output.indicators)

    def element_ids(self) -> tuple[str, ...]:
        return (self.outcome_id, *(o.output_id for o in self.outputs))


@dataclass(frozen=True)
class LogicModel:
    logic_model_id: str
    title: Text
    goal: Text
    outcomes: tuple[Outcome, ...]
    inputs: tuple[Text, ...] = ()
    status_rules: Mapping[str, StatusRule] = field(default_factory=dict)

    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for outcome in self.outcomes for i in outcome.all_indicators())

    def indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators():
            if indicator.indicator_id == indicator_id:
                return indicator
        valid = ", ".join(i.indicator_id for i in self.indicators())
        raise ConfigError(f"{indicator_id!r} is not an indicator of logic model "
                          f"{self.logic_model_id!r}. Indicators: {valid}.")

    def outcome_of(self, indicator_id: str) -> Outcome:
        return next(o for o in self.outcomes if any(i.indicator_id == indicator_id for i in o.all_indicators()))

    def rule_for(self, indicator: Indicator) -> StatusRule:
        return indicator.rule or self.status_rules[indicator.target_kind]


#: indicator field -> (what its ids must be, where they are declared)
_VOCABULARY = {
    "events": ("event_kinds", "an event kind of evaltoolkit.yaml", "under event_kinds:"),
    "minus_events": ("event_kinds", "an event kind of evaltoolkit.yaml", "under event_kinds:"),
    "denominator_events": ("event_kinds", "an event kind of evaltoolkit.yaml", "under event_kinds:"),
    "roles": ("roles", "a role of evaltoolkit.yaml", "under roles:"),
    "codes": ("code_ids", "a code of the codebook", "in the codebook"),
    "evidence_codes": ("code_ids", "a code of the codebook", "in the codebook"),
}


def load_logic_model(path: Path | str, *, event_kinds: Collection[str] | None = None,
                     roles: Collection[str] | None = None,
                     code_ids: Collection[str] | None = None) -> LogicModel:
    """Read and validate a logic model YAML file; one ConfigError lists every problem.

    ``event_kinds`` and ``roles`` (``config.event_kind_ids``, ``config.role_ids``) and
    ``code_ids`` (``codebook.code_ids``) are the ids its indicators may name; an indicator
    naming another id is a problem (it would count nothing). None leaves that kind unchecked.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path} does not exist. Set paths.logic_model in evaltoolkit.yaml "
                          "to the logic model's YAML file.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {getattr(exc, 'problem', exc)}.") from None
    return parse_logic_model(raw, source=str(path), event_kinds=event_kinds, roles=roles, code_ids=code_ids)


def parse_logic_model(raw: Any, *, source: str = "logic model", event_kinds: Collection[str] | None = None,
                      roles: Collection[str] | None = None, code_ids: Collection[str] | None = None) -> LogicModel:
    """The :class:`LogicModel` of an already parsed YAML mapping (see :func:`load_logic_model`)."""
    problems: list[str] = []
    known = {"event_kinds": event_kinds, "roles": roles, "code_ids": code_ids}
    if not isinstance(raw, dict):
        raise ConfigError(format_problems(source, ["[] the file must be a mapping."]))
    rules = _rules(raw.get("status_rules") or {}, problems)
    outcomes = tuple(_outcome(entry, f"outcomes -> {i}", problems, known)
                     for i, entry in enumerate(_list(raw, "outcomes", "", problems, required=True)))
    model = LogicModel(
        logic_model_id=str(raw.get("logic_model_id") or _missing("logic_model_id", "", problems)),
        title=_text(raw.get("title", raw.get("logic_model_id", "")), "title", problems),
        goal=_text(raw.get("goal"), "goal", problems),
        outcomes=outcomes,
        inputs=tuple(_text(item, f"inputs -> {i}", problems)
                     for i, item in enumerate(_list(raw, "inputs", "", problems))),
        status_rules=rules,
    )
    _check_unique(model, problems)
    if problems:
        raise ConfigError(format_problems(source, problems))
    return model


def _outcome(entry: Any, where: str, problems: list[str], known: dict) -> Outcome:
    if not isinstance(entry, dict):
        problems.append(f"[{where}] must be a mapping with outcome_id, label and outputs.")
        return Outcome(outcome_id="", label=Text(""))
    outcome_id = str(entry.get("outcome_id") or _missing("outcome_id", where, problems))
    outputs = tuple(_output(item, f"{where} -> outputs -> {i}", problems, known)
                    for i, item in enumerate(_list(entry, "outputs", where, problems)))
    return Outcome(
        outcome_id=outcome_id,
        label=_text(entry.get("label"), f"{where} -> label", problems),
        outputs=outputs,
        indicators=tuple(_indicator(item, f"{where} -> indicators -> {i}", outcome_id, problems, known)
                         for i, item in enumerate(_list(entry, "indicators", where, problems))),
    )


def _output(entry: Any, where: str, problems: list[str], known: dict) -> Output:
    if not isinstance(entry, dict):
        problems.append(f"[{where}] must be a mapping with output_id, label and indicators.")
        return Output(output_id="", label=Text(""))
    output_id = str(entry.get("output_id") or _missing("output_id", where, problems))
    return Output(
        output_id=output_id,
        label=_text(entry.get("label"), f"{where} -> label", problems),
        indicators=tuple(_indicator(item, f"{where} -> indicators -> {i}", output_id, problems, known)
                         for i, item in enumerate(_list(entry, "indicators", where, problems))),
        activities=tuple(_text(item, f"{where} -> activities -> {i}", problems)
                         for i, item in enumerate(_list(entry, "activities", where, problems))),
    )


def _indicator(entry: Any, where: str, parent_id: str, problems: list[str], known: dict) -> Indicator:
    if not isinstance(entry, dict):
        problems.append(f"[{where}] must be a mapping with indicator_id, label and measure.")
        return Indicator(indicator_id="", label=Text(""), measure="", parent_id=parent_id)
    measure = str(entry.get("measure", ""))
    if measure not in MEASURES:
        problems.append(f"[{where} -> measure] must be one of {', '.join(MEASURES)}. Got {measure!r} instead.")
    else:
        for name in MEASURES[measure][1]:
            if not entry.get(name):
                problems.append(f"[{where} -> {name}] measure {measure!r} needs {name!r}.")
    given = str(entry.get("direction", "higher"))
    direction = _DIRECTION_ALIASES.get(given, given)
    if direction not in DIRECTIONS:
        problems.append(f"[{where} -> direction] must be one of {', '.join(DIRECTIONS)}. Got {given!r} instead.")
    default_kind = "range" if entry.get("target_max") is not None else (
        "ceiling" if direction == "lower" else "minimum")
    target_kind = str(entry.get("target_kind", default_kind))
    if target_kind not in TARGET_KINDS:
        problems.append(f"[{where} -> target_kind] must be one of {', '.join(TARGET_KINDS)}. "
                        f"Got {target_kind!r} instead.")
    elif target_kind == "range" and entry.get("target_max") is None:
        problems.append(f"[{where} -> target_max] target_kind 'range' needs target_max (the range's upper end).")
    label = entry.get("target_label")
    ids = {name: _strings(entry.get(name), f"{where} -> {name}", problems)
           for name in ("events", "minus_events", "denominator_events", "roles", "codes", "evidence_codes")}
    for name, values in ids.items():
        _check_vocabulary(name, values, where, known, problems)
    return Indicator(
        indicator_id=str(entry.get("indicator_id") or _missing("indicator_id", where, problems)),
        label=_text(entry.get("label"), f"{where} -> label", problems),
        measure=measure, parent_id=parent_id, direction=direction, target_kind=target_kind,
        target=_number(entry.get("target"), f"{where} -> target", problems),
        target_max=_number(entry.get("target_max"), f"{where} -> target_max", problems),
        target_label=None if label is None else _text(label, f"{where} -> target_label", problems),
        unit=str(entry.get("unit", "")),
        **ids,
        attribute=None if entry.get("attribute") is None else str(entry["attribute"]),
        rule=None if entry.get("status_rule") is None else _rule(entry["status_rule"], f"{where} -> status_rule", problems),
    )


def _check_vocabulary(name: str, values: tuple[str, ...], where: str, known: dict, problems: list[str]) -> None:
    kind, what, declared = _VOCABULARY[name]
    valid = known.get(kind)
    if valid is None:
        return
    for number, value in enumerate(values):
        if value not in valid:
            problems.append(f"[{where} -> {name} -> {number}] {value!r} is not {what} ({kind.replace('_', ' ')}: "
                            f"{', '.join(valid) or 'none declared'}).{did_you_mean(value, valid)} Correct the id, "
                            f"or declare it {declared}.")


def _rules(raw: Any, problems: list[str]) -> dict[str, StatusRule]:
    if not isinstance(raw, dict):
        problems.append(f"[status_rules] must map target kinds ({', '.join(TARGET_KINDS)}) to thresholds.")
        raw = {}
    unknown = sorted(str(k) for k in set(raw) - set(TARGET_KINDS) - set(_KIND_ALIASES))
    if unknown:
        problems.append(f"[status_rules] {unknown} are not target kinds. Valid: {', '.join(TARGET_KINDS)}.")
    given = {_KIND_ALIASES.get(k, k): (k, v) for k, v in raw.items()}
    return {kind: _rule(given[kind][1], f"status_rules -> {given[kind][0]}", problems) if kind in given
            else StatusRule(**DEFAULT_RULES[kind]) for kind in TARGET_KINDS}


def _rule(raw: Any, where: str, problems: list[str]) -> StatusRule:
    if not isinstance(raw, dict) or not {"on_track", "at_risk"} <= set(raw):
        problems.append(f"[{where}] must give on_track and at_risk thresholds (see the target kinds).")
        return StatusRule(1.0, 1.0)
    on_track = _number(raw["on_track"], f"{where} -> on_track", problems) or 0.0
    at_risk = _number(raw["at_risk"], f"{where} -> at_risk", problems) or 0.0
    return StatusRule(on_track=on_track, at_risk=at_risk)


def _text(value: Any, where: str, problems: list[str]) -> Text:
    if isinstance(value, str) and value:
        return Text(nl=value, en=value)
    if isinstance(value, dict) and value.get("nl"):
        return Text(nl=str(value["nl"]), en=str(value.get("en") or value["nl"]))
    problems.append(f"[{where}] must be a text or a mapping with 'nl' (and 'en').")
    return Text("")


def _list(entry: dict, key: str, where: str, problems: list[str], *, required: bool = False) -> list:
    value = entry.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or (required and not value):
        problems.append(f"[{(where + ' -> ') if where else ''}{key}] must be a {'non-empty ' if required else ''}list.")
        return []
    return value


def _strings(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        problems.append(f"[{where}] must be a list of ids.")
        return ()
    return tuple(str(v) for v in value)


def _number(value: Any, where: str, problems: list[str]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.append(f"[{where}] must be a number. Got {value!r} instead.")
        return None
    return float(value)


def _missing(name: str, where: str, problems: list[str]) -> str:
    problems.append(f"[{(where + ' -> ') if where else ''}{name}] is missing.")
    return ""


def _check_unique(model: LogicModel, problems: list[str]) -> None:
    seen: dict[str, str] = {}
    elements = [("outcome", o.outcome_id) for o in model.outcomes]
    elements += [("output", out.output_id) for o in model.outcomes for out in o.outputs]
    elements += [("indicator", i.indicator_id) for i in model.indicators()]
    for kind, element_id in elements:
        if element_id and element_id in seen:
            problems.append(f"[{kind} {element_id}] the id is used twice (also by {seen[element_id]} {element_id}).")
        seen.setdefault(element_id, kind)
