"""Pseudonymise a REFI-QDA project before it enters the project store.

A .qdpx from ATLAS.ti, NVivo or MAXQDA holds raw text: the colleague who coded it saw
names. The project store holds pseudonymised data only, so imported texts, notes, source
and case names go through the project's :class:`~evaltoolkit.privacy.Pseudonymiser` (its
key, register and detector), and every selection and coding is moved to the same words in
the new text. Nothing below the review threshold is left for later: there is no review
queue for imported text, so every detection is replaced.

>>> safe = pseudonymise_imported(read_qdpx("from_atlas.qdpx"), pseudonymiser)

(``evaltoolkit.project.import_project_qdpx`` fits that pseudonymiser on the project's key.)
"""
from __future__ import annotations

import dataclasses

import pandas as pd

from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.privacy.replace import OffsetMap


def imported_texts(project: ImportedProject) -> list[str]:
    """Every free text of the project a person may be named in (for fitting the pseudonymiser)."""
    frames = [(project.sources, ("text", "name", "description")), (project.notes, ("text", "name")),
              (project.cases, ("name", "description"))]
    return [str(v) for frame, columns in frames for c in columns for v in frame[c] if not pd.isna(v)]


def pseudonymise_imported(project: ImportedProject, pseudonymiser) -> ImportedProject:
    """``project`` with texts, names and notes pseudonymised and selections moved along."""
    def replaced(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        return frame.assign(**{c: pd.array([v if pd.isna(v) else pseudonymiser.transform_text(str(v)).text
                                            for v in frame[c]], dtype="string") for c in columns})

    offsets: dict[str, OffsetMap] = {}
    texts = []
    for guid, text in zip(project.sources["source_guid"], project.sources["text"]):
        if pd.isna(text):
            texts.append(text)
            continue
        result = pseudonymiser.transform_text(str(text))
        offsets[guid] = OffsetMap(result.replacements)
        texts.append(result.text)
    sources = project.sources.assign(text=pd.array(texts, dtype="string"))
    return dataclasses.replace(project, sources=replaced(sources, ("name", "description")),
                               notes=replaced(project.notes, ("text", "name")),
                               cases=replaced(project.cases, ("name", "description")),
                               selections=_moved(project.selections, offsets),
                               codings=_moved(project.codings, offsets))


def _moved(frame: pd.DataFrame, offsets: dict[str, OffsetMap]) -> pd.DataFrame:
    """Start and end positions mapped into the pseudonymised text of their source."""
    frame = frame.copy()
    starts, ends = [], []
    for guid, start, end in zip(frame["source_guid"], frame["start"], frame["end"]):
        mapping = offsets.get(guid)
        if mapping is None or pd.isna(start) or pd.isna(end):
            starts.append(start)
            ends.append(end)
        else:
            starts.append(mapping.start(int(start)))
            ends.append(mapping.end(int(end)))
    frame["start"] = pd.array(starts, dtype="Int64")
    frame["end"] = pd.array(ends, dtype="Int64")
    return frame
