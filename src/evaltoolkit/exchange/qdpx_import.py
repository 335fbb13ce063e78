"""Read a REFI-QDA project (``.qdpx``, or a bare ``project.qde``) into tables.

>>> project = import_qdpx("from_atlas.qdpx", reference=codebook)
>>> project.codings            # one row per coding, with its coder and code-point offsets
>>> import_qdpx("from_atlas.qdpx", store, reference=codebook)   # also writes the project store

Plain-text sources come from ``sources/<guid>.txt`` inside the zip (``internal://``) or
from ``PlainTextContent``; a byte-order mark is dropped, nothing else is changed, so
selection positions (Unicode code points, end exclusive) index the text as read. What
cannot be imported (external media files, picture and media selections, codings of
unknown codes, positions outside the text) is listed in ``ImportedProject.notices``.
"""
from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from lxml import etree

from evaltoolkit.codebook import Codebook
from evaltoolkit.errors import InputError, PrivacyError
from evaltoolkit.exchange import imported as tables
from evaltoolkit.exchange.codes import code_matches, read_codes
from evaltoolkit.exchange.guids import normalise_guid
from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.positions import (
    CODE_POINTS,
    UTF16_UNITS,
    Utf16Positions,
    has_wide_characters,
    producer_unit,
    words_cut,
)
from evaltoolkit.exchange.project_store import write_imported_project
from evaltoolkit.exchange.pseudonymise import pseudonymise_imported
from evaltoolkit.exchange.qdaxml import PROJECT_FILE, child, child_text, children, local, parse_datetime, parse_xml
from evaltoolkit.exchange.qdc import codebook_from_codes

#: default of ``import_qdpx(pseudonymiser=)``: writing into a store needs an explicit choice
REQUIRED = object()

_MEDIA = {"PictureSource": ("picture", "PictureSelection"), "AudioSource": ("audio", "AudioSelection"),
          "VideoSource": ("video", "VideoSelection")}
_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")
_NOTE_TARGETS = {"Project": "project", "Code": "code", "TextSource": "source", "PDFSource": "source",
                 "PictureSource": "source", "AudioSource": "source", "VideoSource": "source",
                 "PlainTextSelection": "selection", "PDFSelection": "selection", "PictureSelection": "selection",
                 "AudioSelection": "selection", "VideoSelection": "selection", "Coding": "coding",
                 "Link": "link", "Transcript": "source", "TranscriptSelection": "selection"}


def import_qdpx(path: Path | str, store=None, *, reference: Codebook | None = None, language: str | None = None,
                segment_by: str = "selection", default_coder: str = "imported",
                default_kind: str = "interview", pseudonymiser=REQUIRED) -> ImportedProject:
    """Read a .qdpx/.qde project; with ``store``, also write it into that project store.

    ``reference`` (the project's codebook) maps codes evaltoolkit exported back to their
    ids. The store options are those of :func:`write_imported_project`; what it wrote is
    in the returned project's ``written``. A project from another program holds raw text,
    so writing needs the project's ``pseudonymiser`` (see
    :func:`evaltoolkit.project.import_project_qdpx`): texts, notes and
    names are pseudonymised before they are written, as ``evaltoolkit import qdpx`` does.
    ``pseudonymiser=None`` writes the text as it is: only for a file this project exported.
    """
    project = read_qdpx(path, reference=reference, language=language)
    if store is None:
        return project
    if pseudonymiser is REQUIRED:
        raise PrivacyError(
            f"import_qdpx would write the texts of {Path(path).name} into the project store, which holds only "
            "pseudonymised text. Use evaltoolkit.project.import_project_qdpx(project, path) (it pseudonymises "
            "with the project's key), or pass pseudonymiser=None for a file this project exported "
            "(already pseudonymised).")
    if pseudonymiser is not None:
        project = pseudonymise_imported(project, pseudonymiser)
    written = write_imported_project(project, store, segment_by=segment_by, default_coder=default_coder,
                                     default_kind=default_kind, source=Path(path).name)
    return dataclasses.replace(project, written=written)


def read_qdpx(path: Path | str, *, reference: Codebook | None = None, language: str | None = None) -> ImportedProject:
    """The project in a .qdpx (zip) or .qde (XML) file as an :class:`ImportedProject`."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Give the path of a .qdpx (or .qde) project file.")
    if not zipfile.is_zipfile(path):
        root = parse_xml(path.read_bytes(), where=str(path))
        return _Reader(root, _no_archive, where=str(path)).read(reference, language)
    with zipfile.ZipFile(path) as archive:
        members = {name.lower(): name for name in archive.namelist()}
        if PROJECT_FILE not in members:
            raise InputError(f"{path} has no {PROJECT_FILE} at the root of the zip, so it is not a REFI-QDA "
                             "project (.qdpx). Export the project again from the QDA program.")
        root = parse_xml(archive.read(members[PROJECT_FILE]), where=f"{path}!{PROJECT_FILE}")

        def load(name: str) -> bytes | None:
            member = members.get(f"sources/{name}".lower())
            return archive.read(member) if member else None

        return _Reader(root, load, where=str(path)).read(reference, language)


def _no_archive(name: str) -> bytes | None:
    return None


class _Reader:
    """One pass over a project element; collects rows per table and the notices."""

    def __init__(self, root: etree._Element, load: Callable[[str], bytes | None], *, where: str):
        if local(root) != "Project":
            raise InputError(f"{where} is not a REFI-QDA project: its root element is <{local(root)}>, "
                             "expected <Project>. Is it a codebook (.qdc)? Use import_qdc for those.")
        self.root, self.load, self.where = root, load, where
        self.origin = root.get("origin")
        self.notices: list[str] = []
        self.position_checks: list[tuple[str, str, str]] = []   # (source GUID, unit, why)
        self.converted_selections = 0
        self.rows: dict[str, list[dict]] = {name: [] for name in (
            "sources", "selections", "codings", "variable_values")}
        self.variable_names = {_guid(v): v.get("name") for v in _grandchildren(root, "Variables", "Variable")}

    def read(self, reference: Codebook | None, language: str | None) -> ImportedProject:
        users = tables.USERS.coerce(pd.DataFrame([
            {"user_guid": _guid(u), "name": u.get("name"), "user_code": u.get("id")}
            for u in _grandchildren(self.root, "Users", "User")], columns=tables.USERS.column_names))
        self.user_names = dict(zip(users["user_guid"], users["name"]))
        codebook_element = child(self.root, "CodeBook")
        codes = read_codes(None if codebook_element is None else child(codebook_element, "Codes"),
                           reference=reference)
        self.code_ids = dict(zip(codes["code_guid"], codes["code_id"]))
        self.group_guids = set(codes.loc[codes["is_valence_group"].astype(bool), "code_guid"])
        self._sources()
        cases = self._cases()  # before the variable values are tabled: it adds the cases' values
        name = self.root.get("name") or Path(self.where).stem
        codebook = None
        if (~codes["is_valence_group"].astype(bool)).any():
            codebook = codebook_from_codes(codes, reference=reference, language=language, name=name, where=self.where)
        return ImportedProject(
            name=name, origin=self.root.get("origin"), users=users, codes=codes,
            sources=self._table(tables.SOURCES, "sources"), selections=self._table(tables.SELECTIONS, "selections"),
            codings=self._table(tables.CODINGS, "codings"), cases=cases,
            case_sources=self._case_sources(), variables=self._variables(),
            variable_values=self._table(tables.VARIABLE_VALUES, "variable_values"),
            notes=self._notes(), sets=self._sets(), codebook=codebook, notices=tuple(self.notices),
            conversions=self._conversions(), boundaries=self._boundaries(), code_matches=code_matches(codes),
        )

    def _conversions(self) -> tuple[str, ...]:
        converted = [guid for guid, unit, _ in self.position_checks if unit == UTF16_UNITS]
        kept = [guid for guid, unit, _ in self.position_checks if unit == CODE_POINTS]
        said = []
        if converted:
            why = sorted({why for _, unit, why in self.position_checks if unit == UTF16_UNITS})
            said.append(f"positions of {self.converted_selections} selections in {len(converted)} source(s) with "
                        f"characters outside the BMP were converted from UTF-16 code units to code points "
                        f"({'; '.join(why)}).")
        if kept:
            said.append(f"positions in {len(kept)} source(s) with characters outside the BMP were checked and kept "
                        "as code points (read as UTF-16 code units they put no fewer selection boundaries "
                        "inside words).")
        return tuple(said)

    def _boundaries(self) -> tuple[int, int]:
        texts = {guid: text for guid, text in (
            (row["source_guid"], row["text"]) for row in self.rows["sources"]) if text is not None}
        cut = total = 0
        for row in self.rows["selections"]:
            text = texts.get(row["source_guid"])
            if text is not None:
                found = words_cut(text, [(row["start"], row["end"])])
                cut, total = cut + found[0], total + found[1]
        return cut, total

    def _table(self, schema, name: str) -> pd.DataFrame:
        return schema.coerce(pd.DataFrame(self.rows[name], columns=schema.column_names))

    # ----------------------------------------------------------------------- sources
    def _sources(self) -> None:
        sources = child(self.root, "Sources")
        for element in ([] if sources is None else list(sources)):
            if not isinstance(element.tag, str):
                continue
            kind = local(element)
            if kind == "TextSource":
                self._text_source(element, element, "text")
            elif kind == "PDFSource":
                representation = child(element, "Representation")
                self._text_source(element, representation, "pdf")
                self._skip_selections(element, "PDFSelection", "PDF area")
            elif kind in _MEDIA:
                source_type, selection_tag = _MEDIA[kind]
                self._add_source(element, source_type, None, None)
                self.notices.append(f"source {_guid(element)} is {source_type}: its file is not imported.")
                self._skip_selections(element, selection_tag, source_type)
                self._add_values(element, "source")

    def _text_source(self, element, text_element, source_type: str) -> None:
        guid = _guid(element)
        text, text_path = (None, None) if text_element is None else self._read_text(text_element, guid)
        self._add_source(element, source_type, text, text_path)
        self._add_values(element, "source")
        selections = [] if text_element is None else children(text_element, "PlainTextSelection")
        to_code_points = self._position_converter(guid, text, selections)
        for selection in selections:
            self._selection(selection, guid, text, to_code_points)
        for holder in {id(element): element, id(text_element): text_element}.values():
            if holder is None:
                continue
            for coding in children(holder, "Coding"):  # the whole source is coded
                end = None if text is None else len(text)
                self._coding(coding, guid, None, 0 if text is not None else None, end, None)

    def _read_text(self, element, guid: str) -> tuple[str | None, str | None]:
        inline = child_text(element, "PlainTextContent")
        path = element.get("plainTextPath")
        if inline is not None:
            return inline, path
        if not path:
            self.notices.append(f"source {guid} has no plain text (no plainTextPath or PlainTextContent).")
            return None, None
        if not path.startswith("internal://"):
            self.notices.append(f"source {guid} refers to an external text file; its text was not imported.")
            return None, path
        data = self.load(path[len("internal://"):])
        if data is None:
            self.notices.append(f"source {guid}: {path} is missing from the sources/ folder of the file.")
            return None, path
        try:
            return data.decode("utf-8-sig"), path
        except UnicodeDecodeError as exc:
            self.notices.append(f"source {guid}: {path} is not UTF-8 (byte {exc.start}); its text was not imported.")
            return None, path

    def _add_source(self, element, source_type: str, text: str | None, text_path: str | None) -> None:
        self.rows["sources"].append({
            "source_guid": _guid(element), "name": element.get("name"), "source_type": source_type,
            "text": text, "text_path": text_path, "description": child_text(element, "Description"),
            "user_guid": _guid_attr(element, "creatingUser"),
            "created_at": parse_datetime(element.get("creationDateTime")),
        })

    def _position_converter(self, source_guid: str, text: str | None, selections) -> Callable[[int], int] | None:
        """How this source's positions become code points: None when they already are.

        Only texts with characters outside the BMP differ. Both readings are checked: a producer
        known to count UTF-16 code units is converted unless code points put fewer selection
        boundaries inside words; another is converted only when that puts fewer boundaries
        inside words. What was decided, and why, is kept for the import report.
        """
        if text is None or not has_wide_characters(text) or not selections:
            return None
        units = Utf16Positions(text)
        spans = [span for span in (_positions(s) for s in selections) if span is not None]
        as_points = words_cut(text, [(a, b) for a, b in spans if b <= len(text)])[0]
        as_units = words_cut(text, [(units.code_point(a), units.code_point(b)) for a, b in spans])[0]
        if producer_unit(self.origin) == UTF16_UNITS:  # the producer's habit, unless the text says otherwise
            unit = CODE_POINTS if as_points < as_units else UTF16_UNITS
            why = f"producer {self.origin}" + (", but its boundaries fit code points" if unit == CODE_POINTS else "")
        else:
            unit = UTF16_UNITS if as_units < as_points else CODE_POINTS
            why = "boundaries checked"
        self.position_checks.append((source_guid, unit, why))
        return units.code_point if unit == UTF16_UNITS else None

    def _selection(self, element, source_guid: str, text: str | None,
                   to_code_points: Callable[[int], int] | None = None) -> None:
        guid = _guid(element)
        positions = _positions(element)
        if positions is None:
            self.notices.append(f"selection {guid} has no usable startPosition/endPosition; skipped.")
            return
        start, end = positions
        if to_code_points is not None:
            start, end = to_code_points(start), to_code_points(end)
            self.converted_selections += 1
        if not 0 <= start <= end or (text is not None and end > len(text)):
            length = "unknown" if text is None else len(text)
            self.notices.append(f"selection {guid} spans {start}..{end}, outside its source {source_guid} "
                                f"(length {length}); skipped with its codings.")
            return
        user = _guid_attr(element, "creatingUser")
        self.rows["selections"].append({
            "selection_guid": guid, "source_guid": source_guid, "name": element.get("name"), "start": start,
            "end": end, "user_guid": user, "created_at": parse_datetime(element.get("creationDateTime")),
            "description": child_text(element, "Description") or None,
        })
        for coding in children(element, "Coding"):
            self._coding(coding, source_guid, guid, start, end, user)

    def _coding(self, element, source_guid, selection_guid, start, end, fallback_user) -> None:
        code_ref = child(element, "CodeRef")
        code_guid = normalise_guid(code_ref.get("targetGUID", "")) if code_ref is not None else ""
        if code_guid not in self.code_ids or code_guid in self.group_guids:
            self.notices.append(f"coding {_guid(element)} refers to code {code_guid or '(none)'}, which is not a "
                                "codable code of the file's codebook; skipped.")
            return
        user = _guid_attr(element, "creatingUser") or fallback_user
        self.rows["codings"].append({
            "coding_guid": _guid(element), "source_guid": source_guid, "selection_guid": selection_guid,
            "start": start, "end": end, "code_guid": code_guid, "code_id": self.code_ids[code_guid],
            "user_guid": user, "coder": self.user_names.get(user) if user else None,
            "created_at": parse_datetime(element.get("creationDateTime")),
        })

    def _skip_selections(self, element, tag: str, what: str) -> None:
        selections = children(element, tag)
        codings = sum(len(children(s, "Coding")) for s in selections)
        if selections:
            self.notices.append(f"source {_guid(element)}: {len(selections)} {what} selections with {codings} "
                                "codings were not imported (only text selections are).")

    def _add_values(self, element, entity_type: str) -> None:
        for value in children(element, "VariableValue"):
            ref = child(value, "VariableRef")
            if ref is None:
                continue
            variable_guid = normalise_guid(ref.get("targetGUID", ""))
            found = next((child(value, tag) for tag in _VALUE_TAGS if child(value, tag) is not None), None)
            self.rows["variable_values"].append({
                "entity_type": entity_type, "entity_guid": _guid(element), "variable_guid": variable_guid,
                "variable": self.variable_names.get(variable_guid),
                "value": None if found is None else (found.text or ""),
            })

    # ------------------------------------------------------------------- the others
    def _cases(self) -> pd.DataFrame:
        rows = []
        for case in _grandchildren(self.root, "Cases", "Case"):
            rows.append({"case_guid": _guid(case), "name": case.get("name"),
                         "description": child_text(case, "Description")})
            self._add_values(case, "case")
        return tables.CASES.coerce(pd.DataFrame(rows, columns=tables.CASES.column_names))

    def _case_sources(self) -> pd.DataFrame:
        rows = [{"case_guid": _guid(case), "source_guid": normalise_guid(ref.get("targetGUID", ""))}
                for case in _grandchildren(self.root, "Cases", "Case") for ref in children(case, "SourceRef")]
        return tables.CASE_SOURCES.coerce(pd.DataFrame(rows, columns=tables.CASE_SOURCES.column_names))

    def _variables(self) -> pd.DataFrame:
        rows = [{"variable_guid": _guid(v), "name": v.get("name") or "", "type": v.get("typeOfVariable") or "Text",
                 "description": child_text(v, "Description")}
                for v in _grandchildren(self.root, "Variables", "Variable")]
        return tables.VARIABLES.coerce(pd.DataFrame(rows, columns=tables.VARIABLES.column_names))

    def _notes(self) -> pd.DataFrame:
        targets: dict[str, list[tuple[str, str | None]]] = {}
        for ref in self.root.iter("{*}NoteRef", "NoteRef"):
            holder = ref.getparent()
            target_type = _NOTE_TARGETS.get(local(holder), local(holder).lower())
            target = None if target_type == "project" else _guid(holder)
            targets.setdefault(normalise_guid(ref.get("targetGUID", "")), []).append((target_type, target))
        rows = []
        for note in _grandchildren(self.root, "Notes", "Note"):
            guid = _guid(note)
            text, _ = self._read_text(note, guid)
            user = _guid_attr(note, "creatingUser")
            base = {"note_guid": guid, "name": note.get("name"), "text": text, "user_guid": user,
                    "author": self.user_names.get(user) if user else None,
                    "created_at": parse_datetime(note.get("creationDateTime")),
                    "updated_at": parse_datetime(note.get("modifiedDateTime"))}
            for target_type, target in targets.get(guid, [(None, None)]):
                rows.append({**base, "target_type": target_type, "target_guid": target})
        return tables.NOTES.coerce(pd.DataFrame(rows, columns=tables.NOTES.column_names))

    def _sets(self) -> pd.DataFrame:
        rows = []
        for member_set in _grandchildren(self.root, "Sets", "Set"):
            base = {"set_guid": _guid(member_set), "name": member_set.get("name"),
                    "description": child_text(member_set, "Description")}
            members = [(kind, normalise_guid(m.get("targetGUID", "")))
                       for tag, kind in (("MemberCode", "code"), ("MemberSource", "source"), ("MemberNote", "note"))
                       for m in children(member_set, tag)]
            for kind, member in members or [(None, None)]:
                rows.append({**base, "member_type": kind, "member_guid": member})
        return tables.SETS.coerce(pd.DataFrame(rows, columns=tables.SETS.column_names))


def _positions(element) -> tuple[int, int] | None:
    try:
        return int(element.get("startPosition")), int(element.get("endPosition"))
    except (TypeError, ValueError):
        return None


def _grandchildren(root, outer: str, inner: str) -> list:
    holder = child(root, outer)
    return [] if holder is None else children(holder, inner)


def _guid(element) -> str:
    return normalise_guid(element.get("guid", ""))


def _guid_attr(element, name: str) -> str | None:
    value = element.get(name)
    return normalise_guid(value) if value else None
