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
from collections.abc import Collection

import pandas as pd

from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.privacy.replace import OffsetMap


def imported_texts(project: ImportedProject, *, keep_sources: Collection[str] = (),
                   keep_cases: Collection[str] = (), keep_notes: Collection[str] = ()) -> list[str]:
    """Every free text of the project a person may be named in (for fitting the pseudonymiser),
    leaving out sources and cases that came from this project (see :func:`pseudonymise_imported`)."""
    sources = project.sources[~project.sources["source_guid"].isin(list(keep_sources))]
    cases = project.cases[~project.cases["case_guid"].isin(list(keep_cases))]
    notes = project.notes[~project.notes["note_guid"].isin(list(keep_notes))]
    frames = [(sources, ("text", "name", "description")), (notes, ("text", "name")),
              (project.selections, ("description",)), (cases, ("name", "description")),
              (project.sets, ("name", "description"))]
    return [str(v) for frame, columns in frames for c in columns for v in frame[c] if not pd.isna(v)]


def pseudonymise_imported(project: ImportedProject, pseudonymiser, *, keep_sources: Collection[str] = (),
                          keep_cases: Collection[str] = (), keep_notes: Collection[str] = ()) -> ImportedProject:
    """``project`` with texts, names and notes pseudonymised and selections moved along.

    ``keep_sources``, ``keep_cases`` and ``keep_notes`` are GUIDs of sources, cases and notes
    that came from this project (recognised by their text or exact name): they are
    pseudonymised already, and going through the pseudonymiser again would put placeholders
    inside placeholders.
    """
    def replaced(frame: pd.DataFrame, columns: tuple[str, ...], guids=None, keep=()) -> pd.DataFrame:
        guids = [None] * len(frame) if guids is None else list(guids)
        return frame.assign(**{c: pd.array([v if pd.isna(v) or g in keep else pseudonymiser.transform_text(str(v)).text
                                            for v, g in zip(frame[c], guids)], dtype="string") for c in columns})

    offsets: dict[str, OffsetMap] = {}
    texts = []
    for guid, text in zip(project.sources["source_guid"], project.sources["text"]):
        if pd.isna(text) or guid in keep_sources:
            texts.append(text)
            continue
        result = pseudonymiser.transform_text(str(text))
        offsets[guid] = OffsetMap(result.replacements)
        texts.append(result.text)
    sources = project.sources.assign(text=pd.array(texts, dtype="string"))
    return dataclasses.replace(project,
                               sources=replaced(sources, ("name", "description"), sources["source_guid"], keep_sources),
                               notes=replaced(project.notes, ("text", "name"), project.notes["note_guid"],
                                              keep_notes),
                               sets=replaced(project.sets, ("name", "description")),
                               selections=_moved(project.selections, offsets).assign(
                                   description=replaced(project.selections, ("description",))["description"]),
                               cases=replaced(project.cases, ("name", "description"), project.cases["case_guid"],
                                              keep_cases),
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
