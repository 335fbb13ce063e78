"""Are we on track? Indicator values, targets, status and trend, with their evidence.

Every figure is cumulative up to the end of the period ("2024-10" ends on 31 October
2024; "all" has no end), so a monthly report shows where the programme stands and the
trend says what changed since the month before. Survey means use the latest round that
has answers by then. Qualitative indicators count segments with an accepted coding of
their linked codes that also carry a positive valence (supporting) or a negative one
(challenging): the codebook says which valence codes are which (``polarity``).

Disclosure control: a value computed from fewer than ``min_cell_size`` people (survey
respondents, or speakers of coded segments) is hidden and its status is ``no_data``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Mapping, Sequence

import pandas as pd

from evaltoolkit.analysis.matrices import suppress
from evaltoolkit.analysis.units import analysable_segments, coded_units
from evaltoolkit.errors import InputError
from evaltoolkit.indicators.model import Indicator, LogicModel
from evaltoolkit.store.schema import ColumnSpec, TableSchema
from evaltoolkit.store.types import list_cell
from evaltoolkit.store.values import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK

ALL = "all"
SITE_LEVEL_MEASURES = ("event_sum", "event_balance", "event_ratio", "register_count", "survey_mean", "coded_share")

INDICATOR_TABLE = TableSchema(
    name="indicator_table",
    columns=tuple(ColumnSpec(name, dtype, True) for name, dtype in (
        ("indicator_id", "string"),
        ("outcome_id", "string"),
        ("parent_id", "string"),
        ("period", "string"),
        ("site", "string"),
        ("target", "Float64"),
        ("target_max", "Float64"),
        ("value", "Float64"),
        ("numerator", "Float64"),
        ("denominator", "Float64"),
        ("n_people", "Int64"),        # people behind the value (respondents, speakers); NA for events
        ("status", "string"),
        ("previous_value", "Float64"),
        ("trend", "string"),          # up, down, stable; NA without a previous value
        ("n_supporting", "Int64"),    # linked segments with a positive valence
        ("n_challenging", "Int64"),   # linked segments with a negative valence
        ("evidence", "string"),       # JSON: sources, segment ids, round
    )),
    key=("indicator_id", "period", "site"),
)


def period_end(period: str) -> dt.date | None:
    """The last day of ``period`` ("2024-10"), or None for "all"."""
    if period == ALL:
        return None
    try:
        year, month = (int(part) for part in period.split("-"))
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, TypeError):
        raise InputError(f"period must be a month such as '2024-10' or 'all'. Got {period!r} instead.") from None


def previous_period(period: str) -> str | None:
    """The month before ``period``; None for "all"."""
    end = period_end(period)
    if end is None:
        return None
    first = end.replace(day=1) - dt.timedelta(days=1)
    return first.strftime("%Y-%m")


def compute_indicators(
    model: LogicModel,
    *,
    periods: str | Sequence[str],
    participants: pd.DataFrame,
    documents: pd.DataFrame,
    segments: pd.DataFrame,
    codings: pd.DataFrame,
    attributes: pd.DataFrame,
    events: pd.DataFrame,
    valences: Mapping[str, str],
    staff_roles: Sequence[str] = (),
    regions: Mapping[str, str] | None = None,
    by_site: bool = False,
    min_cell_size: int = 3,
    language: str = "nl",
):
    """The indicator table (:data:`INDICATOR_TABLE` columns) for each period, as the
    :class:`~evaltoolkit.privacy.SuppressedTable` of ``suppress_small_cells``.

    ``valences`` maps the codebook's valence code ids to their polarity
    (``codebook.valence_polarities()``); ``staff_roles`` (``config.staff_role_ids``) are
    never counted as speakers. ``regions`` maps site ids to regions (``distinct_regions``);
    ``by_site`` adds a row per site for measures that split by site (targets are
    programme-wide, so site rows have none). ``language`` (nl or en) is that of the notes
    saying which cells were hidden.
    """
    periods = [periods] if isinstance(periods, str) else list(periods)
    units = analysable_segments(segments, documents, participants, staff_roles=staff_roles)
    sources = _Sources(
        events=_dated_events(events), rows=coded_units(codings, units, valence_ids=list(valences)),
        survey=_survey_answers(attributes, documents, participants), participants=participants,
        regions=dict(regions or {}),
        positive=[v for v, polarity in valences.items() if polarity == "positive"],
        negative=[v for v, polarity in valences.items() if polarity == "negative"],
    )
    records = []
    for period in periods:
        for indicator in model.indicators():
            sites = [ALL] + (sorted(_sites(sources)) if by_site and indicator.measure in SITE_LEVEL_MEASURES else [])
            for site in sites:
                records.append(_row(model, indicator, period, site, sources, min_cell_size))
    table = INDICATOR_TABLE.coerce(pd.DataFrame.from_records(records, columns=INDICATOR_TABLE.column_names))
    return suppress(table, min_cell_size=min_cell_size, count_columns=["n_people"], share_columns={},
                    language=language)


class _Sources:
    def __init__(self, *, events, rows, survey, participants, regions, positive, negative):
        self.events, self.rows, self.survey = events, rows, survey
        self.participants, self.regions = participants, regions
        self.positive, self.negative = positive, negative


def _sites(sources: _Sources) -> set[str]:
    return set(sources.events["site"].dropna()) | set(sources.rows["site"].dropna())


def _row(model, indicator: Indicator, period: str, site: str, sources: _Sources, min_cell_size: int) -> dict:
    current = measure(indicator, sources, end=period_end(period), site=site)
    if current["n_people"] is not None and current["n_people"] < min_cell_size:
        current.update(value=None, numerator=None, denominator=None)
    before = previous_period(period)
    previous = measure(indicator, sources, end=period_end(before), site=site) if before else None
    if previous and previous["n_people"] is not None and previous["n_people"] < min_cell_size:
        previous["value"] = None
    target = indicator.target if site == ALL else None
    target_max = indicator.target_max if site == ALL else None
    return {
        "indicator_id": indicator.indicator_id, "outcome_id": model.outcome_of(indicator.indicator_id).outcome_id,
        "parent_id": indicator.parent_id, "period": period, "site": site,
        "target": target, "target_max": target_max,
        **{k: current[k] for k in ("value", "numerator", "denominator", "n_people", "n_supporting", "n_challenging")},
        "status": status(current["value"], target=target, target_max=target_max,
                         kind=indicator.target_kind, rule=model.rule_for(indicator)),
        "previous_value": None if previous is None else previous["value"],
        "trend": trend(current["value"], None if previous is None else previous["value"]),
        "evidence": json.dumps(current["evidence"], sort_keys=True, ensure_ascii=False),
    }


def status(value, *, target, target_max=None, kind: str = "minimum", rule) -> str | None:
    """on_track / at_risk / off_track of ``value`` against a target of ``kind`` (see
    :data:`~evaltoolkit.indicators.model.TARGET_KINDS`) and the thresholds of ``rule``;
    no_data without a value; None when there is no target to compare with."""
    if value is None or pd.isna(value):
        return NO_DATA
    if target is None or pd.isna(target):
        return None
    if kind == "minimum":
        ratio = value / target if target else float("inf")
        return ON_TRACK if ratio >= rule.on_track else AT_RISK if ratio >= rule.at_risk else OFF_TRACK
    if kind == "ceiling":
        ratio = value / target if target else (0.0 if value == 0 else float("inf"))
        return ON_TRACK if ratio <= rule.on_track else AT_RISK if ratio <= rule.at_risk else OFF_TRACK
    if kind == "range":
        upper = target if target_max is None or pd.isna(target_max) else target_max
        bound = target if value < target else upper if value > upper else None
        if bound is None:
            return ON_TRACK
        deviation = abs(value - bound) / bound if bound else float("inf")
    else:  # point
        deviation = abs(value - target) / abs(target) if target else abs(value)
    return ON_TRACK if deviation <= rule.on_track else AT_RISK if deviation <= rule.at_risk else OFF_TRACK


def trend_meaning(trend_value: str | None, direction: str) -> str | None:
    """better / worse / same for a trend (up, down, stable) of an indicator where
    ``direction`` ("higher" or "lower") is better; None without a trend."""
    if trend_value is None or (not isinstance(trend_value, str) and pd.isna(trend_value)):
        return None
    if trend_value == "stable":
        return "same"
    return "better" if (trend_value == "up") == (direction == "higher") else "worse"


def trend(value, previous) -> str | None:
    """up / down / stable against the previous period's value; None when either is missing."""
    if value is None or previous is None or pd.isna(value) or pd.isna(previous):
        return None
    if abs(value - previous) < 1e-9:
        return "stable"
    return "up" if value > previous else "down"


def measure(indicator: Indicator, sources: _Sources, *, end: dt.date | None, site: str) -> dict:
    """The value of one indicator up to ``end`` at ``site`` ("all": the whole programme)."""
    result = {"value": None, "numerator": None, "denominator": None, "n_people": None,
              "n_supporting": None, "n_challenging": None, "evidence": {"measure": indicator.measure}}
    events = sources.events
    events = events if end is None else events[events["occurred_on"] <= end]
    if site != ALL:
        events = events[events["site"] == site]
    kind = indicator.measure
    if kind in ("event_sum", "event_balance", "event_ratio"):
        _event_measure(indicator, events, result)
    elif kind in ("distinct_sites", "distinct_regions"):
        sites = sorted(set(events.loc[events["kind"].isin(indicator.events) & (events["count"] > 0), "site"].dropna()))
        found = sites if kind == "distinct_sites" else sorted({sources.regions.get(s, s) for s in sites})
        result.update(value=len(found), evidence={**result["evidence"], "sites": sites})
    elif kind == "register_count":
        people = sources.participants
        people = people[people["role"].isin(indicator.roles) & people["withdrawn_on"].isna()]
        if site != ALL:
            people = people[people["site"] == site]
        result.update(value=len(people))
    elif kind == "survey_mean":
        _survey_measure(indicator, sources.survey, end, site, result)
    _coded_evidence(indicator, sources, end, site, result)
    return result


def _event_measure(indicator: Indicator, events: pd.DataFrame, result: dict) -> None:
    def total(kinds):
        return float(events.loc[events["kind"].isin(kinds), "count"].sum())

    plus = total(indicator.events)
    ids = sorted(events.loc[events["kind"].isin(indicator.events + indicator.minus_events
                                                + indicator.denominator_events), "event_id"])
    result["evidence"] = {**result["evidence"], "event_ids": ids}
    if indicator.measure == "event_sum":
        result.update(value=plus, numerator=plus)
    elif indicator.measure == "event_balance":
        minus = total(indicator.minus_events)
        result.update(value=plus - minus, numerator=plus, denominator=minus)
    else:
        base = total(indicator.denominator_events)
        result.update(value=plus / base if base else None, numerator=plus, denominator=base)


def _survey_measure(indicator: Indicator, survey: pd.DataFrame, end, site: str, result: dict) -> None:
    answers = survey[survey["name"] == indicator.attribute]
    answers = _until(answers, end)
    if site != ALL:
        answers = answers[answers["site"] == site]
    answers = answers.dropna(subset=["number", "round"])
    if answers.empty:
        return
    latest = sorted(answers["round"].unique(), key=lambda r: answers.loc[answers["round"] == r, "collected_on"].max())[-1]
    answers = answers[answers["round"] == latest]
    result.update(value=round(float(answers["number"].mean()), 4), numerator=float(answers["number"].sum()),
                  denominator=float(len(answers)), n_people=int(answers["respondent"].nunique()),
                  evidence={**result["evidence"], "round": latest, "attribute": indicator.attribute})


def _coded_evidence(indicator: Indicator, sources: _Sources, end, site: str, result: dict) -> None:
    if not indicator.linked_codes:
        return
    rows = sources.rows
    linked = rows[rows["code_id"].isin(indicator.linked_codes)]
    linked = _until(linked, end)
    if site != ALL:
        linked = linked[linked["site"] == site]
    supporting = sorted(set(linked.loc[linked["valence"].isin(sources.positive).fillna(False), "segment_id"]))
    challenging = sorted(set(linked.loc[linked["valence"].isin(sources.negative).fillna(False), "segment_id"]))
    result.update(n_supporting=len(supporting), n_challenging=len(challenging))
    result["evidence"] = {**result["evidence"], "codes": list(indicator.linked_codes),
                          "supporting_segment_ids": supporting, "challenging_segment_ids": challenging}
    if indicator.is_qualitative:
        total = len(supporting) + len(challenging)
        valenced = linked["valence"].isin(sources.positive + sources.negative).fillna(False)
        speakers = linked.loc[valenced, "speaker_id"].nunique()
        result.update(value=round(len(supporting) / total, 4) if total else None,
                      numerator=float(len(supporting)), denominator=float(total), n_people=int(speakers))


def _until(frame: pd.DataFrame, end: dt.date | None) -> pd.DataFrame:
    """Rows whose ``collected_on`` is known and not after ``end`` (all rows when ``end`` is None)."""
    if end is None:
        return frame
    mask = [day is not None and not pd.isna(day) and day <= end for day in frame["collected_on"]]
    return frame[pd.Series(mask, index=frame.index, dtype=bool)]


def _dated_events(events: pd.DataFrame) -> pd.DataFrame:
    out = events[["event_id", "kind", "site", "occurred_on", "count"]].copy()
    out["count"] = pd.to_numeric(out["count"], errors="coerce").fillna(0)
    return out.dropna(subset=["occurred_on"])


def _survey_answers(attributes: pd.DataFrame, documents: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    """Closed survey items per responding document, with round, date, site and respondent;
    answers of withdrawn or non-consenting participants are left out."""
    answers = attributes[attributes["entity_type"] == "document"].rename(columns={"entity_id": "doc_id"})
    docs = documents[["doc_id", "round", "collected_on", "site", "participant_ids"]]
    answers = answers.merge(docs, on="doc_id", how="inner")
    answers["respondent"] = answers["participant_ids"].map(_first_id).fillna(answers["doc_id"])
    excluded = set(participants.loc[participants["withdrawn_on"].notna()
                                    | (participants["consent"].astype("boolean") == False),  # noqa: E712
                                    "participant_id"])
    answers = answers[~answers["respondent"].isin(excluded)].copy()
    answers["number"] = pd.to_numeric(answers["value"].astype("string").str.replace(",", ".", regex=False),
                                      errors="coerce")
    return answers[["doc_id", "respondent", "name", "number", "round", "collected_on", "site"]]


def _first_id(value) -> str | None:
    ids = list_cell(value, where="documents.participant_ids")
    return str(ids[0]) if ids else None
