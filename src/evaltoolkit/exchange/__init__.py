"""REFI-QDA exchange: codebooks as .qdc, whole projects as .qdpx, in and out.

Follows the REFI-QDA 1.5 standard (QDA-XML 1.0) and the interoperability fixes other
tools needed: strict element order, Unicode code-point offsets into the exact UTF-8 text,
``project.qde`` plus a lower-case ``sources/`` folder, deterministic GUIDs, coders as users,
one selection per coder, memos as notes QualCoder reads. Importing converts NVivo's UTF-16
positions, recognises this project's own sources by text or exact name, matches codes by id
then label, and reports what it did (:class:`ImportReport`). Taguette codebooks are CSV.
"""
from evaltoolkit.exchange.guids import guid_map, stable_guid
from evaltoolkit.exchange.imported import ImportedProject
from evaltoolkit.exchange.project_store import ImportSummary, write_imported_project
from evaltoolkit.exchange.qdaxml import validate_qdc, validate_qdpx
from evaltoolkit.exchange.qdc import codebook_to_qdc, import_qdc, read_qdc, write_qdc
from evaltoolkit.exchange.qdpx_export import ExportSummary, TextCheck, export_qdpx
from evaltoolkit.exchange.qdpx_import import import_qdpx, read_qdpx
from evaltoolkit.exchange.report import ImportReport, import_report
from evaltoolkit.exchange.taguette import import_taguette_csv, read_taguette_csv, write_taguette_csv

__all__ = [
    "ExportSummary",
    "ImportReport",
    "ImportSummary",
    "ImportedProject",
    "TextCheck",
    "codebook_to_qdc",
    "export_qdpx",
    "guid_map",
    "import_qdc",
    "import_qdpx",
    "import_report",
    "import_taguette_csv",
    "read_qdc",
    "read_qdpx",
    "read_taguette_csv",
    "stable_guid",
    "validate_qdc",
    "validate_qdpx",
    "write_imported_project",
    "write_qdc",
    "write_taguette_csv",
]
