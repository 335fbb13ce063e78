"""Are we on track? The logic model (LogicModel, Outcome, Output, Indicator) loaded from
YAML, indicator values with targets, status and trend, and the evidence-gap view."""
from evaltoolkit.indicators.compute import (
    ALL,
    INDICATOR_TABLE,
    compute_indicators,
    period_end,
    previous_period,
    status,
    trend,
    trend_meaning,
)
from evaltoolkit.indicators.gaps import (
    EVIDENCE_GAPS,
    evidence_gaps,
    linked_codes,
    save_indicator_values,
    to_indicator_values,
)
from evaltoolkit.indicators.model import (
    MEASURES,
    STATUSES,
    TARGET_KINDS,
    Indicator,
    LogicModel,
    Outcome,
    Output,
    StatusRule,
    Text,
    load_logic_model,
    parse_logic_model,
)

__all__ = [
    "ALL",
    "EVIDENCE_GAPS",
    "INDICATOR_TABLE",
    "MEASURES",
    "STATUSES",
    "TARGET_KINDS",
    "Indicator",
    "LogicModel",
    "Outcome",
    "Output",
    "StatusRule",
    "Text",
    "compute_indicators",
    "evidence_gaps",
    "linked_codes",
    "load_logic_model",
    "parse_logic_model",
    "period_end",
    "previous_period",
    "save_indicator_values",
    "status",
    "to_indicator_values",
    "trend",
    "trend_meaning",
]
