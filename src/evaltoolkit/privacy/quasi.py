"""Quasi-identifiers: words that name no one but together point at one person.

In a study with three sites and one team leader per site, "de teamleider in Zevenaar"
is as good as a name. Before a report is written, every sentence that names a site
together with a role that only one participant at that site holds is flagged, with the
place (paragraph, sentence) and the site and role, never the sentence itself.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass(frozen=True)
class UniqueRole:
    """A role that one participant alone holds at a site, and the words that name both."""

    site: str
    role: str
    site_names: tuple[str, ...]   # "Zevenaar" (site name and id)
    role_words: tuple[str, ...]   # "teamleider", "team leader"


def unique_roles(participants: pd.DataFrame, *, site_names: Mapping[str, str],
                 role_words: Mapping[str, Iterable[str]], staff: Iterable[str] = ()) -> list[UniqueRole]:
    """(site, role) pairs held by exactly one participant of ``participants`` (columns
    participant_id, site, role; withdrawn people and ``staff`` ids left out)."""
    people = participants[~participants["participant_id"].isin(list(staff))]
    if "withdrawn_on" in people:
        people = people[people["withdrawn_on"].isna()]
    people = people.dropna(subset=["site", "role"])
    counts = people.groupby(["site", "role"]).size()
    found = []
    for (site, role), count in counts.items():
        words = tuple(w for w in role_words.get(role, ()) if w)
        if count == 1 and words:
            names = tuple(dict.fromkeys(n for n in (site_names.get(site, ""), str(site)) if n))
            found.append(UniqueRole(str(site), str(role), names, words))
    return found


def quasi_identifier_flags(texts: Mapping[str, str], roles: Iterable[UniqueRole]) -> list[str]:
    """One line per sentence of ``texts`` (name -> text) that names a site and a role only
    one person there holds."""
    roles = list(roles)
    flags = []
    for name, text in texts.items():
        for number, sentence in enumerate(_SENTENCE.finditer(text), start=1):
            lowered = sentence.group().lower()
            for role in roles:
                if _names(lowered, role.site_names) and _names(lowered, role.role_words):
                    flags.append(f"{name} sentence {number}: names the site {role.site_names[0]} and the role "
                                 f"{role.role_words[0]}, which one person there holds")
    return flags


def _names(lowered: str, words: Iterable[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w.lower())}(?:s|en|e)?(?!\w)", lowered) for w in words)
