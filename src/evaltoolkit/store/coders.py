"""Who made a coding: a person, or a machine coder named ``"<kind>:<version>"``.

The ``codings.coder`` column holds either a person's name (``anna``) or a machine coder's
name: its kind and version joined by a colon (``"rules:keyword_rules.v1"``,
``"model:logreg-3f2a"``, ``"topics:bertopic-91c0"``). A person's name never holds a colon
(:func:`person_coder` refuses one, and the review tools pass every reviewer through it),
which is how the two are told apart. Coding, topics and exchange all rely on this rule; it lives only here.
"""
from __future__ import annotations

import pandas as pd

from evaltoolkit.errors import InputError
from evaltoolkit.store.values import SOURCE_MODEL, SOURCE_RULE, SOURCE_TOPIC

MACHINE_SEPARATOR = ":"
#: The kind part of a machine coder's name, by coding source.
CODER_PREFIX = {SOURCE_RULE: "rules", SOURCE_MODEL: "model", SOURCE_TOPIC: "topics"}


def machine_coder(source: str, version: str) -> str:
    """The coder name of a machine: ``machine_coder("rule", "keyword_rules.v1") == "rules:keyword_rules.v1"``."""
    if source not in CODER_PREFIX:
        raise InputError(f"source must be one of {', '.join(CODER_PREFIX)}. Got {source!r} instead.")
    return f"{CODER_PREFIX[source]}{MACHINE_SEPARATOR}{version}"


def person_coder(name: str) -> str:
    """``name`` as the coder of a person's decision; a name with ``:`` would read as a machine's."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("A reviewer needs a name (e.g. your initials).")
    if MACHINE_SEPARATOR in name:
        raise InputError(f"Reviewer {name!r} holds {MACHINE_SEPARATOR!r}, which marks a machine coder "
                         f"(e.g. 'rules:keyword_rules.v1'). Use a name without it, such as "
                         f"{name.replace(MACHINE_SEPARATOR, '_')!r}.")
    return name


def is_machine_coder(coder: str) -> bool:
    """True for a machine coder's name (it holds ``:``), False for a person's."""
    return isinstance(coder, str) and MACHINE_SEPARATOR in coder


def machine_rows(codings: pd.DataFrame) -> pd.Series:
    """A boolean Series: which rows of ``codings`` a machine coder made (missing coder: False)."""
    return codings["coder"].astype("string").str.contains(MACHINE_SEPARATOR, regex=False).fillna(False).astype(bool)


def human_codings(codings: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``codings`` made or reviewed by people (manual codings, accepted or rejected suggestions)."""
    return codings[~machine_rows(codings)]
