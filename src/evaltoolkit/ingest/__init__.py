"""What did we collect? Readers for every kind of source, and ingestion of a whole project
into the raw store (see :mod:`evaltoolkit.ingest.pipeline` for the batch policy)."""
from evaltoolkit.ingest.documents import read_cues, read_notes, read_paragraphs, read_transcript
from evaltoolkit.ingest.exports import SurveyExport, read_survey_export
from evaltoolkit.ingest.pipeline import IngestReport, ingest_project
from evaltoolkit.ingest.project import ProjectStatus, project_status
from evaltoolkit.ingest.register import read_events, read_manifest, read_register
from evaltoolkit.ingest.surveys import read_survey
from evaltoolkit.ingest.tables import SourceTables
from evaltoolkit.ingest.textfiles import decode_text, read_csv_rows, read_text

__all__ = [
    "IngestReport",
    "ProjectStatus",
    "SourceTables",
    "SurveyExport",
    "decode_text",
    "ingest_project",
    "project_status",
    "read_csv_rows",
    "read_cues",
    "read_events",
    "read_manifest",
    "read_notes",
    "read_paragraphs",
    "read_register",
    "read_survey",
    "read_survey_export",
    "read_text",
    "read_transcript",
]
