"""Codes between a :class:`~evaltoolkit.codebook.model.Codebook` and QDA-XML ``<Code>`` trees.

Both .qdc and .qdpx files carry codes the same way: nested ``<Code>`` elements with a
GUID, a name, ``isCodable``, a ``#RRGGBB`` colour and a free-text description. Mapping:

* themes keep their hierarchy; categories a coder may not use are ``isCodable="false"``;
  retired codes stay codable (they keep last months' codings; a non-codable code is a
  folder in QualCoder, which would leave those codings without a code);
* the valence dimension (the codebook's valence codes) becomes one separate, non-codable
  top-level group, so QDA programs show it apart from the themes;
* the description is the definition followed by the inclusion and exclusion criteria;
* GUIDs are ``stable_guid("code", code_id)``; reading with a ``reference`` codebook maps
  them back to the ids and restores what REFI-QDA cannot carry (patterns, examples,
  perspectives, logic-model links, status, lineage, the label in the other language).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd
from lxml import etree

from evaltoolkit.codebook import Code, Codebook
from evaltoolkit.exchange.guids import guid_map, normalise_guid, stable_guid
from evaltoolkit.exchange.qdaxml import add, child_text, children
from evaltoolkit.store.schema import ColumnSpec, TableSchema

VALENCE_GROUP_GUID = stable_guid("group", "valence")
_GROUP_NAMES = {"nl": "Valentie", "en": "Valence"}
_GROUP_DESCRIPTIONS = {"nl": "Hoe de evaluatie een segment leest: {labels}.",
                       "en": "How the evaluation reads a segment: {labels}."}
_CRITERIA_LABELS = {"nl": ("Inclusie", "Exclusie"), "en": ("Inclusion", "Exclusion")}
_SECTION = re.compile(r"^(Inclusie|Inclusion|Exclusie|Exclusion):[ \t]*", re.MULTILINE)
_COLOR = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")

#: The codes of a QDA-XML file as a table, one row per ``<Code>``, in document order.
CODES = TableSchema(
    name="exchange_codes",
    columns=(
        ColumnSpec("code_guid", "string", False),
        ColumnSpec("code_id", "string", False),
        ColumnSpec("name", "string", False),
        ColumnSpec("parent_guid", "string", True),
        ColumnSpec("parent_id", "string", True),
        ColumnSpec("codable", "boolean", False),
        ColumnSpec("color", "string", True),
        ColumnSpec("description", "string", True),
        ColumnSpec("dimension", "string", False),
        ColumnSpec("is_valence_group", "boolean", False),
        ColumnSpec("match", "string", False),   # matched by id, matched by name, created, left out
    ),
    key=("code_guid",),
)


# ----------------------------------------------------------------------------- writing
def add_codes(parent: etree._Element, codebook: Codebook, *,
              note_refs: Mapping[str, Sequence[str]] | None = None) -> None:
    """Append the codebook's codes under ``parent`` (a ``<Codes>`` element).

    ``note_refs`` maps code ids to note GUIDs (project files only: the codebook schema
    has no notes).
    """
    language = codebook.language
    for code in codebook.children(None):
        if code.dimension == "theme":
            _add_code(parent, codebook, code, language, note_refs or {})
    valences = [c for c in codebook.children(None) if c.dimension == "valence"]
    if valences:
        group = add(parent, "Code", guid=VALENCE_GROUP_GUID, name=_GROUP_NAMES[language], isCodable="false")
        labels = ", ".join(c.label(language) for c in codebook.valences()) or "-"
        add(group, "Description", _GROUP_DESCRIPTIONS[language].format(labels=labels))
        for code in valences:
            _add_code(group, codebook, code, language, note_refs or {})


def _add_code(parent, codebook: Codebook, code: Code, language: str, note_refs) -> None:
    element = add(
        parent, "Code", guid=stable_guid("code", code.code_id), name=code.label(language),
        # a retired code keeps its codings, so it stays codable: tools make non-codable codes folders
        isCodable="true" if code.codable else "false", color=normalise_color(code.color),
    )
    description = describe(code, language)
    if description:
        add(element, "Description", description)
    for note_guid in note_refs.get(code.code_id, ()):
        add(element, "NoteRef", targetGUID=note_guid)
    for sub in codebook.children(code.code_id):
        _add_code(element, codebook, sub, language, note_refs)


def describe(code: Code, language: str) -> str:
    """The definition, then ``Inclusie: ...`` and ``Exclusie: ...`` paragraphs."""
    include, exclude = _CRITERIA_LABELS[language]
    parts = [code.definition] if code.definition else []
    if code.inclusion:
        parts.append(f"{include}: {code.inclusion}")
    if code.exclusion:
        parts.append(f"{exclude}: {code.exclusion}")
    return "\n\n".join(parts)


def normalise_color(color: str | None) -> str | None:
    """``#RRGGBB`` in capitals (``#abc`` is widened); None for a missing or unusable colour."""
    if not color or not _COLOR.match(color.strip()):
        return None
    digits = color.strip()[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f"#{digits.upper()}"


# ----------------------------------------------------------------------------- reading
def parse_description(text: str | None) -> tuple[str, str, str]:
    """(definition, inclusion, exclusion) from a description written by :func:`describe`.

    A description from another program, without criteria, is all definition.
    """
    if not text:
        return "", "", ""
    matches = list(_SECTION.finditer(text))
    definition = text[: matches[0].start()] if matches else text
    sections = {"inclusion": "", "exclusion": ""}
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        key = "inclusion" if match.group(1).startswith("Inclus") else "exclusion"
        sections[key] = text[match.end():end].strip()
    return definition.strip(), sections["inclusion"], sections["exclusion"]


def read_codes(codes_element: etree._Element | None, *, reference: Codebook | None = None) -> pd.DataFrame:
    """The ``<Code>`` tree under ``<Codes>`` as the :data:`CODES` table, with code ids assigned."""
    rows: list[dict] = []
    if codes_element is not None:
        for element in children(codes_element, "Code"):
            _collect(element, None, rows)
    return assign_code_ids(pd.DataFrame(rows), reference=reference)


def _collect(element: etree._Element, parent_guid: str | None, rows: list[dict]) -> None:
    guid = normalise_guid(element.get("guid", ""))
    rows.append({
        "code_guid": guid,
        "name": (element.get("name") or "").strip(),
        "parent_guid": parent_guid,
        "codable": element.get("isCodable", "true").strip().lower() in ("true", "1"),
        "color": normalise_color(element.get("color")),
        "description": child_text(element, "Description"),
    })
    for sub in children(element, "Code"):
        _collect(sub, guid, rows)


MATCHED_BY_ID = "matched by id"
MATCHED_BY_NAME = "matched by name"
CREATED = "created"
LEFT_OUT = "left out"


def assign_code_ids(codes: pd.DataFrame, *, reference: Codebook | None = None) -> pd.DataFrame:
    """Give every code a ``code_id``, ``parent_id``, ``dimension`` and how it was ``match``-ed.

    A code is matched to the reference codebook by id first (the GUID evaltoolkit wrote for
    it), then by name (the file's name equals a code's Dutch or English label or its id,
    ignoring case and spacing; each reference code is matched at most once). Other codes
    are created with an id made from their name (``Taal & tolken`` -> ``taal_tolken``) that
    is never an id of the reference codebook, so a foreign code never takes over the
    definition, patterns or links of an existing code because its name happens to slug to it.
    """
    if codes.empty:
        return CODES.empty()
    codes = codes.drop_duplicates("code_guid").reset_index(drop=True)
    known = guid_map("code", reference.code_ids) if reference is not None else {}
    by_name = _reference_names(reference)
    group = _valence_group_guids(codes)
    parents = dict(zip(codes["code_guid"], codes["parent_guid"]))
    matched = {known[g] for g in codes["code_guid"] if g in known}
    taken = matched | set(reference.code_ids if reference is not None else ()) | {"valence_group"}
    ids: dict[str, str] = {}
    how: dict[str, str] = {}
    for guid, name, parent in zip(codes["code_guid"], codes["name"], codes["parent_guid"]):
        name_match = by_name.get(_name_key(name))
        if guid in group:
            ids[guid], how[guid] = "valence_group", LEFT_OUT
        elif guid in known:
            ids[guid], how[guid] = known[guid], MATCHED_BY_ID
        elif name_match is not None and name_match not in matched:
            ids[guid], how[guid] = name_match, MATCHED_BY_NAME
            matched.add(name_match)
        else:
            ids[guid], how[guid] = _new_id(name, ids.get(parent) if parent not in group else None, taken), CREATED
            taken.add(ids[guid])
    codes["code_id"] = codes["code_guid"].map(ids)
    codes["parent_id"] = [None if p is None or p in group else ids.get(p) for p in codes["parent_guid"]]
    codes["is_valence_group"] = codes["code_guid"].isin(group)
    codes["dimension"] = ["valence" if _under(g, group, parents) else "theme" for g in codes["code_guid"]]
    if reference is not None:  # a matched code keeps the dimension the file cannot say (flat lists)
        codes["dimension"] = [reference.code(i).dimension if how[g] in (MATCHED_BY_ID, MATCHED_BY_NAME) else d
                              for g, i, d in zip(codes["code_guid"], codes["code_id"], codes["dimension"])]
    codes["match"] = codes["code_guid"].map(how)
    return CODES.coerce(codes)


def code_matches(codes: pd.DataFrame) -> pd.DataFrame:
    """What became of each code of a file: ``name``, ``code_id``, ``match`` and ``why``."""
    why = {MATCHED_BY_ID: "this project exported it", MATCHED_BY_NAME: "same name as a code of the codebook",
           CREATED: "new code (no definition yet)",
           LEFT_OUT: "folder of the valence codes; the codebook keeps its own"}
    return pd.DataFrame({"name": codes["name"], "code_id": codes["code_id"], "match": codes["match"],
                         "why": codes["match"].map(why)}).reset_index(drop=True)


def _name_key(name) -> str:
    return " ".join(str(name).split()).casefold() if name is not None and not pd.isna(name) else ""


def _reference_names(reference: Codebook | None) -> dict[str, str]:
    """label (normalised) -> code id; a label two codes share matches neither."""
    if reference is None:
        return {}
    seen: dict[str, set[str]] = {}
    for code in reference.codes:
        for name in {code.label_nl, code.label_en}:  # labels only: an id is not a name a coder sees
            if name:
                seen.setdefault(_name_key(name), set()).add(code.code_id)
    return {key: next(iter(ids)) for key, ids in seen.items() if len(ids) == 1 and key}


def _valence_group_guids(codes: pd.DataFrame) -> set[str]:
    top = codes[codes["parent_guid"].isna()]
    named = top[(~top["codable"]) & top["name"].str.lower().isin({n.lower() for n in _GROUP_NAMES.values()})]
    return set(named["code_guid"]) | ({VALENCE_GROUP_GUID} & set(top["code_guid"]))


def _under(guid: str, group: set[str], parents: Mapping[str, str | None]) -> bool:
    seen: set[str] = set()
    current = parents.get(guid)
    while current is not None and current not in seen:
        if current in group:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def _new_id(name: str, parent_id: str | None, taken: set[str]) -> str:
    base = slug(name)
    candidates = [base] + ([f"{parent_id}_{base}"] if parent_id else [])
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    number = 2
    while f"{candidates[-1]}_{number}" in taken:
        number += 1
    return f"{candidates[-1]}_{number}"


def slug(name: str) -> str:
    """A code id from a label: lowercase ASCII letters, digits and underscores, starting with a letter."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    return text if text[:1].isalpha() else f"code_{text}".rstrip("_")
