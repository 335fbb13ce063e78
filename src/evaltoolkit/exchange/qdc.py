"""Codebooks to and from REFI-QDA ``.qdc`` files (namespace ``urn:QDA-XML:codebook:1.0``).

>>> write_qdc(codebook, "exports/codebook.qdc")
>>> same = read_qdc("exports/codebook.qdc", reference=codebook)   # ids, patterns, ... restored

What a .qdc carries and how evaltoolkit maps it is described in :mod:`evaltoolkit.exchange.codes`.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from evaltoolkit import __version__
from evaltoolkit.codebook import Code, Codebook, codebook_to_dict, save_codebook, save_codebook_version
from evaltoolkit.codebook.model import codebook_version
from evaltoolkit.errors import CodebookError, InputError
from evaltoolkit.exchange.codes import add_codes, parse_description, read_codes, slug
from evaltoolkit.exchange.qdaxml import CODEBOOK_NS, add, child, local, parse_xml, root_element, serialise

ORIGIN = f"evaltoolkit {__version__}"
#: Fields REFI-QDA cannot carry; read back from the reference codebook when a code is known.
_KEPT_FROM_REFERENCE = ("examples", "patterns", "perspectives", "logic_model_links", "status", "lineage",
                        "meaning", "polarity")


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The codebook as the bytes of a .qdc file (same codebook, same bytes)."""
    if not codebook.codes:
        raise CodebookError(f"codebook {codebook.codebook_id!r} has no codes; a .qdc file needs at least one.")
    root = root_element("CodeBook", CODEBOOK_NS, origin=ORIGIN)
    add_codes(add(root, "Codes"), codebook)
    return serialise(root)


def write_qdc(codebook: Codebook, path: Path | str) -> Path:
    """Write the codebook to ``path`` as a .qdc file; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(codebook_to_qdc(codebook))
    return path


def read_qdc(path: Path | str, *, reference: Codebook | None = None, language: str | None = None) -> Codebook:
    """Read a .qdc file into a Codebook.

    With ``reference`` (normally the project's codebook) codes evaltoolkit exported keep
    their ids and get back the fields a .qdc cannot hold; new codes get ids made from
    their names. ``language`` (default: the reference's, else ``nl``) says which label
    the code names are. Codes without a description come back without a definition:
    :func:`~evaltoolkit.codebook.load_codebook` lists them until they get one.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist. Give the path of a .qdc codebook file.")
    root = parse_xml(path.read_bytes(), where=str(path))
    if local(root) != "CodeBook":
        raise InputError(f"{path} is not a REFI-QDA codebook: its root element is <{local(root)}>, "
                         "expected <CodeBook>. Is it a project (.qde/.qdpx)? Use import_qdpx for those.")
    codes = read_codes(child(root, "Codes"), reference=reference)
    return codebook_from_codes(codes, reference=reference, language=language, name=path.stem, where=str(path))


def codebook_from_codes(codes: pd.DataFrame, *, reference: Codebook | None, language: str | None,
                        name: str, where: str) -> Codebook:
    """A Codebook from the codes table of a .qdc or .qdpx file (see :data:`codes.CODES`)."""
    language = language or (reference.language if reference is not None else "nl")
    rows = codes[~codes["is_valence_group"].astype(bool)]
    if rows.empty:
        raise InputError(f"{where} has no codes to import.")
    built = [_code(row, language, reference) for row in rows.to_dict(orient="records")]
    built = _with_ancestors(built, reference)
    if reference is not None:
        order = {code_id: index for index, code_id in enumerate(reference.code_ids)}
        built.sort(key=lambda code: order.get(code.code_id, len(order)))
    # The file holds (a version of) the reference codebook when any code came from it.
    same = reference is not None and any(code.code_id in reference for code in built)
    draft = Codebook(
        codebook_id=reference.codebook_id if same else slug(name),
        title=reference.title if same else name,
        version="", language=language, codes=tuple(built),
        perspectives=reference.perspectives if same else (),
        description=reference.description if same else "",
    )
    return dataclasses.replace(draft, version=codebook_version(codebook_to_dict(draft)))


def _with_ancestors(built: list[Code], reference: Codebook | None) -> list[Code]:
    """``built`` plus the reference's folders a kept parent needs (a flat list, such as
    Taguette's, names no folders); a parent found nowhere is dropped."""
    present = {code.code_id for code in built}
    missing = [code.parent_id for code in built if code.parent_id and code.parent_id not in present]
    while missing:
        parent_id = missing.pop()
        if parent_id in present or reference is None or parent_id not in reference:
            continue
        folder = reference.code(parent_id)
        built.append(folder)
        present.add(parent_id)
        if folder.parent_id and folder.parent_id not in present:
            missing.append(folder.parent_id)
    return [code if code.parent_id is None or code.parent_id in present
            else dataclasses.replace(code, parent_id=None) for code in built]


def _code(row: dict, language: str, reference: Codebook | None) -> Code:
    known = reference.code(row["code_id"]) if reference is not None and row["code_id"] in reference else None
    definition, inclusion, exclusion = parse_description(_text(row["description"]))
    if known is not None and not definition:  # a file without descriptions (Taguette) keeps ours
        definition, inclusion, exclusion = known.definition, known.inclusion, known.exclusion
    name = _text(row["name"]) or row["code_id"]
    if language == "en":
        labels = {"label_en": name, "label_nl": known.label_nl if known else name}
    else:
        labels = {"label_nl": name, "label_en": known.label_en if known else ""}
    codable = bool(row["codable"])
    if known is not None and not known.is_active:
        codable = known.codable  # a retired code's own setting comes back
    extras = {field: getattr(known, field) for field in _KEPT_FROM_REFERENCE} if known else {}
    return Code(
        code_id=row["code_id"], **labels, definition=definition,
        parent_id=_text(row["parent_id"]) or (known.parent_id if known is not None else None),
        codable=codable, dimension=row["dimension"], inclusion=inclusion, exclusion=exclusion,
        color=_text(row["color"]) or None, **extras,
    )


def _text(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def import_qdc(path: Path | str, *, output: Path | str | None = None, store=None,
               reference: Codebook | None = None, language: str | None = None,
               overwrite: bool = False) -> Codebook:
    """Read a .qdc file; save it as codebook YAML at ``output`` and record its version in ``store``.

    An existing ``output`` is only replaced with ``overwrite=True``.
    """
    codebook = read_qdc(path, reference=reference, language=language)
    if output is not None:
        output = Path(output)
        if output.exists() and not overwrite:
            raise InputError(f"{output} already exists. Choose another output file or allow overwriting "
                             "(--force on the command line).")
        save_codebook(codebook, output)
    if store is not None:
        save_codebook_version(store, codebook, actor="import:qdc")
    return codebook
