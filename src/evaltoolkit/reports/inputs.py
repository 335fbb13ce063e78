"""What a report is built from: the study's tables and what the project says about itself."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from evaltoolkit.analysis.units import analysable_segments, coded_units, site_attributes_of

STUDY_TABLES = ("participants", "documents", "segments", "codings", "attributes", "events", "insights", "topics",
                "syntheses")
#: the researcher's theme syntheses (code_id, perspective, meaning, period, text): optional
SYNTHESIS_COLUMNS = ("code_id", "perspective", "meaning", "period", "text", "author", "updated_at")


@dataclass(frozen=True)
class StudyData:
    """The project-store tables a report reads (pseudonymised; see docs/data-contracts.md)."""

    participants: pd.DataFrame
    documents: pd.DataFrame
    segments: pd.DataFrame
    codings: pd.DataFrame
    attributes: pd.DataFrame
    events: pd.DataFrame
    insights: pd.DataFrame
    topics: pd.DataFrame
    syntheses: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(SYNTHESIS_COLUMNS)))

    def until(self, end: dt.date | None) -> "StudyData":
        """The data collected up to ``end`` (documents with a later or no date are left out)."""
        if end is None:
            return self
        dated = [d is not None and not pd.isna(d) and d <= end for d in self.documents["collected_on"]]
        documents = self.documents[pd.Series(dated, index=self.documents.index, dtype=bool)]
        segments = self.segments[self.segments["doc_id"].isin(documents["doc_id"])]
        insights = self.insights[[d <= end for d in self.insights["created_on"]]] if len(self.insights) else self.insights
        return replace(self, documents=documents, segments=segments, insights=insights)


@dataclass(frozen=True)
class ReportContext:
    """The project's settings a report needs (from ``evaltoolkit.yaml``), codebook and logic model.

    ``agreement`` holds figures such as ``{"Cohen's kappa (researcher vs. rules)": 0.71}``.
    """

    project_name: str
    language: str
    perspectives: tuple
    rounds: tuple
    sites: tuple
    codebook: object
    logic_model: object
    roles: tuple = ()
    min_cell_size: int = 3
    quotes_per_finding: int = 2
    findings_per_valence: int = 3
    agreement: Mapping[str, float] = field(default_factory=dict)
    synthetic_data: bool = False       # the report then says, in its methods, that the data are invented
    #: whether a quote (text and attribution) points at one person by site and role: never chosen
    unquotable: Callable[[str], bool] | None = None

    @property
    def staff_roles(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.roles if r.staff)

    def valence_ids(self, *, meaning: str | None = None, polarity: str | None = None) -> tuple[str, ...]:
        """The codebook's valence codes (of one meaning or polarity): what the report files where."""
        if self.codebook is None:
            return ()
        return self.codebook.valence_ids(meaning=meaning, polarity=polarity)

    def perspective_labels(self) -> dict[str, str]:
        return {p.id: p.label(self.language) for p in self.perspectives}

    def code_label(self, code_id: str) -> str:
        if self.codebook is not None and code_id in self.codebook:
            return self.codebook.code(code_id).label(self.language)
        return code_id

    def code_labels(self, code_ids: Sequence[str]) -> dict[str, str]:
        return {code_id: self.code_label(code_id) for code_id in code_ids}

    def regions(self) -> dict[str, str]:
        return {site.id: site.region or site.id for site in self.sites}


@dataclass(frozen=True)
class Analysed:
    """Units and coded rows computed once per report."""

    units: pd.DataFrame
    rows: pd.DataFrame


def analyse(data: StudyData, context: ReportContext) -> Analysed:
    units = analysable_segments(data.segments, data.documents, data.participants,
                                site_attributes=site_attributes_of(context.sites), staff_roles=context.staff_roles)
    rows = coded_units(data.codings, units, valence_ids=context.valence_ids())
    return Analysed(units=units, rows=rows)
