"""QDA-XML plumbing shared by the .qdc and .qdpx readers and writers.

Writing: elements are built with lxml in the order the schemas demand and serialised as
UTF-8 without a byte-order mark. Reading: tags are matched by local name, so files from
tools that forget the namespace still import; the parser never resolves entities or
reaches the network. Validation against the REFI-QDA schemas reports every problem at
once; the schema files are not shipped with evaltoolkit (pass their path).
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pandas as pd
from lxml import etree

from evaltoolkit.errors import InputError, SchemaError, format_problems

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_FILE = "project.qde"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def root_element(tag: str, namespace: str, **attributes) -> etree._Element:
    """A namespaced root element; ``None`` attributes are left out."""
    root = etree.Element(f"{{{namespace}}}{tag}", nsmap={None: namespace})
    _set(root, attributes)
    return root


def add(parent: etree._Element, tag: str, text: str | None = None, **attributes) -> etree._Element:
    """Append ``<tag>`` in the parent's namespace; ``None`` attributes are left out."""
    namespace = etree.QName(parent).namespace
    child = etree.SubElement(parent, f"{{{namespace}}}{tag}" if namespace else tag)
    _set(child, attributes)
    if text is not None:
        child.text = xml_safe(text)
    return child


def _set(element: etree._Element, attributes: dict) -> None:
    for name, value in attributes.items():
        if value is not None:
            element.set(name, xml_safe(value))


def xml_safe(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot hold (a stray form feed in a memo
    would otherwise make the whole export fail)."""
    return _NOT_XML.sub("", text)


def serialise(root: etree._Element) -> bytes:
    """UTF-8 XML with a declaration, indented (diffable), no byte-order mark."""
    etree.indent(root, space="  ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8") + b"\n"


def xml_datetime(value) -> str | None:
    """``2024-06-03T10:15:00Z`` for a stored (naive UTC) timestamp; None for a missing one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: str | None) -> dt.datetime | None:
    """A naive UTC datetime from an xsd:dateTime attribute; None when absent or unreadable."""
    if not value:
        return None
    try:
        stamp = pd.Timestamp(value)
    except ValueError:
        return None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp.to_pydatetime()


def parse_xml(data: bytes, *, where: str) -> etree._Element:
    """The root element of ``data``; an InputError naming ``where`` and the line if it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{where} is not well-formed XML (line {exc.lineno}): {exc.msg}. "
                         "Export the file again from the QDA program.") from None


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def children(element: etree._Element, name: str) -> list[etree._Element]:
    """Child elements called ``name`` (any namespace)."""
    return [c for c in element if isinstance(c.tag, str) and local(c) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    found = children(element, name)
    return found[0] if found else None


def child_text(element: etree._Element, name: str) -> str | None:
    found = child(element, name)
    return None if found is None else (found.text or "")


def validate_xml(data: bytes, schema: Path | str, *, where: str) -> None:
    """Check ``data`` against the XSD at ``schema``; one SchemaError lists every violation."""
    xsd = etree.XMLSchema(etree.parse(str(schema)))
    document = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    if not xsd.validate(document):
        problems = [f"line {error.line}: {error.message}" for error in xsd.error_log]
        raise SchemaError(format_problems(f"{where} (checked against {Path(schema).name})", problems))


def validate_qdc(path: Path | str, *, schema: Path | str) -> None:
    """Validate a .qdc file against ``Codebook.xsd``; raises SchemaError listing every problem."""
    validate_xml(Path(path).read_bytes(), schema, where=str(path))


def validate_qdpx(path: Path | str, *, schema: Path | str) -> None:
    """Validate the project.qde inside a .qdpx against ``Project-mrt2019.xsd``."""
    with zipfile.ZipFile(path) as archive:
        data = archive.read(PROJECT_FILE)
    validate_xml(data, schema, where=f"{path}!{PROJECT_FILE}")
