"""Quasi-identifiers: words that name no one but together point at one person.

In a study with three sites and one team leader per site, "de teamleider in Zevenaar"
is as good as a name. Before a report is written, every sentence that names a site
together with a role that only one participant at that site holds is flagged, with the
place (paragraph, sentence, character offset) and the site and role, never the sentence
itself. The output gate refuses to write a flagged text unless the researcher acknowledged
that site and role (``SITE/ROLE``, site and role ids, e.g. ``north/coordinator``: the person agreed to be
recognisable, or the committee knows who it is anyway).
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
    """(site, role) pairs one participant of ``participants`` (columns participant_id, site,
    role; withdrawn people and ``staff`` ids left out) is alone to be named by, with the
    words that do it.

    A word names everyone whose role it is a word of: "mentor", the label of a perspective
    with the roles mentor and former mentor, names all of a site's mentors and former
    mentors, so it points at one person only where one person at the site holds either
    role; "former mentor" points at the one former mentor."""
    people = participants[~participants["participant_id"].isin(list(staff))]
    if "withdrawn_on" in people:
        people = people[people["withdrawn_on"].isna()]
    people = people.dropna(subset=["site", "role"])
    roles_named_by: dict[str, set[str]] = {}
    for role, words in role_words.items():
        for word in words:
            if word:
                roles_named_by.setdefault(word, set()).add(str(role))
    found = []
    for site, at_site in people.groupby("site"):
        holders = at_site["role"].astype(str).value_counts()
        for role in sorted(holders.index):
            words = tuple(w for w in role_words.get(role, ()) if w
                          and sum(holders.get(r, 0) for r in roles_named_by[w]) == 1)
            if holders[role] == 1 and words:
                names = tuple(dict.fromkeys(n for n in (site_names.get(site, ""), str(site)) if n))
                found.append(UniqueRole(str(site), role, names, words))
    return found


@dataclass(frozen=True)
class QuasiFlag:
    """One sentence that names a site and a role only one person there holds."""

    where: str        # the text's name, e.g. "report" or "report paragraph 4"
    sentence: int     # 1-based sentence number in that text
    offset: int       # character offset of the sentence in that text
    site: str         # site id
    role: str         # role id
    site_name: str
    role_word: str

    @property
    def acknowledgement(self) -> str:
        """How a researcher accepts this flag: ``site/role``."""
        return f"{self.site}/{self.role}"

    def __str__(self) -> str:
        return (f"{self.where} sentence {self.sentence} (offset {self.offset}): names the site {self.site_name} and "
                f"the role {self.role_word}, which one person there holds")


def quasi_identifier_flags(texts: Mapping[str, str], roles: Iterable[UniqueRole]) -> list[QuasiFlag]:
    """One flag per sentence of ``texts`` (name -> text) and unique role that sentence names
    with its site."""
    roles = list(roles)
    flags = []
    for name, text in texts.items():
        for number, sentence in enumerate(_SENTENCE.finditer(text), start=1):
            lowered = sentence.group().lower()
            for role in roles:
                if _names(lowered, role.site_names) and _names(lowered, role.role_words):
                    offset = sentence.start() + len(lowered) - len(lowered.lstrip())
                    flags.append(QuasiFlag(name, number, offset, role.site, role.role,
                                           role.site_names[0], role.role_words[0]))
    return flags


def unacknowledged(flags: Iterable[QuasiFlag], acknowledged: Iterable[str]) -> list[QuasiFlag]:
    """The flags whose ``site/role`` is not in ``acknowledged`` (case-insensitive)."""
    accepted = {a.strip().casefold() for a in acknowledged}
    return [f for f in flags if f.acknowledgement.casefold() not in accepted]


def _names(lowered: str, words: Iterable[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w.lower())}(?:s|en|e)?(?!\w)", lowered) for w in words)
