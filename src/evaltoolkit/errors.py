"""Exceptions evaltoolkit raises for problems a user can fix.

Every message says what is wrong, where (file, doc_id, segment_id, line or offset),
what was expected and how to fix it. Messages never quote participant text.
The CLI turns any :class:`EvaltoolkitError` into ``Error: <message>`` and exit code 1.
"""
from __future__ import annotations

from collections.abc import Iterable


class EvaltoolkitError(Exception):
    """Base class of every error a user can act on."""


class InputError(EvaltoolkitError):
    """A source file or table cannot be read as given."""


class SchemaError(EvaltoolkitError):
    """A table does not have the declared columns or types."""


class CodebookError(EvaltoolkitError):
    """A codebook file has problems."""


class ConfigError(EvaltoolkitError):
    """``evaltoolkit.yaml`` (or another configuration file) has problems."""


class PrivacyError(EvaltoolkitError):
    """Personal data would leak, or the pseudonymisation key cannot be used."""


class StoreError(EvaltoolkitError):
    """The project store is missing, locked, or at an unexpected schema version."""


def format_problems(where: str, problems: Iterable[str]) -> str:
    """Return one message listing every problem found in ``where``.

    >>> format_problems("codebooks/x.yaml", ["[codes -> 1] bad"])
    'codebooks/x.yaml has 1 problem:\\n  [codes -> 1] bad'
    """
    problems = list(problems)
    noun = "problem" if len(problems) == 1 else "problems"
    lines = [f"{where} has {len(problems)} {noun}:"]
    lines.extend(f"  {problem}" for problem in problems)
    return "\n".join(lines)


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` for the closest of ``options``, or an empty string.

    >>> did_you_mean("mentr", ["mentor", "mentee"])
    " Did you mean 'mentor'?"
    """
    import difflib

    matches = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.6)
    return f" Did you mean {matches[0]!r}?" if matches else ""
