"""What :func:`~evaltoolkit.exchange.import_qdpx` returns: a REFI-QDA project as tables.

Each table has declared columns (a :class:`~evaltoolkit.store.TableSchema`); elements
are identified by their GUID (lower case, without braces), and every reference between
tables is by GUID. Codes also carry the ``code_id`` evaltoolkit gives them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from evaltoolkit.codebook import Codebook
from evaltoolkit.store.schema import ColumnSpec, TableSchema


def _schema(name: str, key: tuple[str, ...], *columns: tuple[str, str, bool]) -> TableSchema:
    return TableSchema(name=name, columns=tuple(ColumnSpec(*c) for c in columns), key=key)


USERS = _schema("exchange_users", ("user_guid",),
                ("user_guid", "string", False), ("name", "string", True), ("user_code", "string", True))

SOURCES = _schema(
    "exchange_sources", ("source_guid",),
    ("source_guid", "string", False),
    ("name", "string", True),
    ("source_type", "string", False),       # text, pdf, picture, audio, video
    ("text", "string", True),                # the plain text selections count in; NA if none
    ("text_path", "string", True),           # plainTextPath as written (internal://..., absolute://...)
    ("description", "string", True),
    ("user_guid", "string", True),
    ("created_at", "datetime64[ns]", True),
)

SELECTIONS = _schema(
    "exchange_selections", ("selection_guid",),
    ("selection_guid", "string", False),
    ("source_guid", "string", False),
    ("name", "string", True),
    ("start", "Int64", False),               # Unicode code points from 0
    ("end", "Int64", False),                 # exclusive: text[start:end]
    ("user_guid", "string", True),
    ("created_at", "datetime64[ns]", True),
    ("description", "string", True),         # the coding memo (MAXQDA, NVivo, QualCoder)
)

CODINGS = _schema(
    "exchange_codings", ("coding_guid",),
    ("coding_guid", "string", False),
    ("source_guid", "string", False),
    ("selection_guid", "string", True),      # NA: the whole source is coded
    ("start", "Int64", True),
    ("end", "Int64", True),
    ("code_guid", "string", False),
    ("code_id", "string", False),
    ("user_guid", "string", True),
    ("coder", "string", True),               # the user's name
    ("created_at", "datetime64[ns]", True),
)

CASES = _schema("exchange_cases", ("case_guid",),
                ("case_guid", "string", False), ("name", "string", True), ("description", "string", True))

CASE_SOURCES = _schema("exchange_case_sources", ("case_guid", "source_guid"),
                       ("case_guid", "string", False), ("source_guid", "string", False))

VARIABLES = _schema("exchange_variables", ("variable_guid",),
                    ("variable_guid", "string", False), ("name", "string", False),
                    ("type", "string", False), ("description", "string", True))

VARIABLE_VALUES = _schema(
    "exchange_variable_values", ("entity_type", "entity_guid", "variable_guid"),
    ("entity_type", "string", False),        # case or source
    ("entity_guid", "string", False),
    ("variable_guid", "string", False),
    ("variable", "string", True),            # the variable's name
    ("value", "string", True),               # as written (dates ISO)
)

NOTES = _schema(
    "exchange_notes", ("note_guid", "target_guid"),
    ("note_guid", "string", False),
    ("name", "string", True),
    ("text", "string", True),
    ("user_guid", "string", True),
    ("author", "string", True),
    ("created_at", "datetime64[ns]", True),
    ("updated_at", "datetime64[ns]", True),
    ("target_type", "string", True),         # project, code, source, selection, coding, link; NA: unattached
    ("target_guid", "string", True),
)

SETS = _schema(
    "exchange_sets", ("set_guid", "member_guid"),
    ("set_guid", "string", False),
    ("name", "string", True),
    ("description", "string", True),
    ("member_type", "string", True),         # code, source, note; NA for an empty set
    ("member_guid", "string", True),
)


@dataclass(frozen=True)
class ImportedProject:
    """A REFI-QDA project read from a .qdpx (or bare .qde) file.

    ``notices`` lists, without participant text, what could not be imported (external
    media, picture selections, codings of unknown codes, positions outside a text).
    """

    name: str
    origin: str | None
    users: pd.DataFrame
    codes: pd.DataFrame
    sources: pd.DataFrame
    selections: pd.DataFrame
    codings: pd.DataFrame
    cases: pd.DataFrame
    case_sources: pd.DataFrame
    variables: pd.DataFrame
    variable_values: pd.DataFrame
    notes: pd.DataFrame
    sets: pd.DataFrame
    codebook: Codebook | None
    notices: tuple[str, ...] = ()
    written: object | None = None   # an ImportSummary once written into a project store
    #: what was converted on the way in (position units), without participant text
    conversions: tuple[str, ...] = ()
    #: (selection boundaries inside a word, all boundaries) after conversion
    boundaries: tuple[int, int] = (0, 0)
    #: one row per code of the file: name, code_id, outcome (matched by id / matched by name /
    #: created / left out) and why (see :func:`evaltoolkit.exchange.codes.assign_code_ids`)
    code_matches: pd.DataFrame | None = None

    def summary(self) -> dict[str, int]:
        """Counts per table, e.g. for the CLI and the audit log."""
        return {
            "users": len(self.users), "codes": int((~self.codes["is_valence_group"]).sum()),
            "sources": len(self.sources), "codings": len(self.codings), "cases": len(self.cases),
            "variables": len(self.variables), "notes": int(self.notes["note_guid"].nunique()),
            "sets": int(self.sets["set_guid"].nunique()),
        }
