"""The variables evaltoolkit puts on cases (participants) and sources (documents).

A REFI-QDA variable is declared once under ``<Variables>`` (GUID, name, type) and given
a value per case or source with ``<VariableValue>``. Cases carry who a participant is
(perspective, site, role, the rounds they took part in); sources carry what a document
is (kind, perspective, site, round, collection date, language).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from evaltoolkit.exchange.guids import stable_guid
from evaltoolkit.exchange.qdaxml import add

_VALUE_ELEMENTS = {"Text": "TextValue", "Date": "DateValue"}


@dataclass(frozen=True)
class Variable:
    name: str          # name in the export
    column: str        # column of the participants/documents table it comes from
    type: str          # REFI-QDA typeOfVariable: Text or Date
    description: str

    @property
    def guid(self) -> str:
        return stable_guid("variable", self.name)


PERSPECTIVE = Variable("perspective", "perspective", "Text", "Perspective of the participant (the perspectives of evaltoolkit.yaml).")
SITE = Variable("site", "site", "Text", "Site (municipality) of the programme.")
ROUND = Variable("round", "round", "Text", "Round(s) of data collection.")
ROLE = Variable("role", "role", "Text", "Role of the participant in the programme.")
KIND = Variable("kind", "kind", "Text", "Kind of document: interview, focus_group, survey, meeting, email.")
COLLECTED_ON = Variable("collected_on", "collected_on", "Date", "Date the data were collected.")
LANGUAGE = Variable("language", "language", "Text", "Language of the text.")

# Documents get their own variables, named apart from the cases': QualCoder keeps one set of
# variables per name and makes a variable used on both a case variable, hiding the document values.
DOC_PERSPECTIVE = Variable("doc_perspective", "perspective", "Text", "Perspective the document was collected from.")
DOC_SITE = Variable("doc_site", "site", "Text", "Site (municipality) of the document.")
DOC_ROUND = Variable("doc_round", "round", "Text", "Round of data collection of the document.")

CASE_VARIABLES = (PERSPECTIVE, SITE, ROLE, ROUND)
SOURCE_VARIABLES = (KIND, DOC_PERSPECTIVE, DOC_SITE, DOC_ROUND, COLLECTED_ON, LANGUAGE)


def source_column(variable_name: str) -> str:
    """The documents column a source variable of a file fills (``doc_site`` -> ``site``;
    other programs' names are taken as they are)."""
    return {v.name: v.column for v in SOURCE_VARIABLES}.get(variable_name, variable_name)


def add_variables(parent, variables: Sequence[Variable]) -> None:
    """Declare ``variables`` under ``parent`` (a ``<Variables>`` element)."""
    for variable in variables:
        element = add(parent, "Variable", guid=variable.guid, name=variable.name, typeOfVariable=variable.type)
        add(element, "Description", variable.description)


def add_variable_values(parent, variables: Sequence[Variable], values: Mapping[str, object]) -> None:
    """Append a ``<VariableValue>`` to ``parent`` for each variable with a value in ``values``."""
    for variable in variables:
        value = values.get(variable.column)
        if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value) == "":
            continue
        element = add(parent, "VariableValue")
        add(element, "VariableRef", targetGUID=variable.guid)
        add(element, _VALUE_ELEMENTS[variable.type], _format(value, variable.type))


def _format(value: object, kind: str) -> str:
    if kind == "Date":
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return pd.Timestamp(value).date().isoformat()
    return str(value)
