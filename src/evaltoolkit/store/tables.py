"""The tables of evaltoolkit's two stores, declared once.

Two separate databases make the privacy split structural, not a convention:

* the **raw store** (``paths.raw_store``, under ``data/raw/``) holds the register with
  names and the parsed source text. Only ``ingest`` writes it and only ``privacy`` reads it.
* the **project store** (``paths.store``, under ``data/pseudonymised/`` by default) is the
  system of record every analysis stage reads: pseudonymised documents and segments,
  codings, memos, insights, topics, indicators and an append-only audit log. It has no
  column that could hold a participant's name or raw text.

The DataFrame schema of each table (:func:`evaltoolkit.store.schema.table_schema`) is
derived from these declarations, so columns are declared in exactly one place.
Changing a table means a new Alembic migration in ``store/migrations/versions``.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(128)

# --------------------------------------------------------------------------- raw store
raw_metadata = MetaData(naming_convention=NAMING)

raw_participants = Table(
    "raw_participants",
    raw_metadata,
    Column("participant_id", ID, primary_key=True),
    Column("full_name", Text, nullable=True),          # personal data: raw side only
    Column("name_variants", Text, nullable=True),      # JSON list: nicknames, spellings, kunya
    Column("speaker_labels", Text, nullable=True),     # JSON list of labels used in transcripts
    Column("perspective", String(32), nullable=True),  # a perspective of evaltoolkit.yaml; NA for staff
    Column("role", String(64), nullable=False),        # a role of evaltoolkit.yaml (roles:)
    Column("site", String(64), nullable=True),
    Column("family_id", ID, nullable=True),
    Column("consent", Boolean, nullable=False),
    Column("consent_date", Date, nullable=True),
    Column("withdrawn_on", Date, nullable=True),
    Column("languages", Text, nullable=True),
    Column("notes", Text, nullable=True),
)

raw_documents = Table(
    "raw_documents",
    raw_metadata,
    Column("doc_id", ID, primary_key=True),
    Column("source_path", Text, nullable=False),       # relative to paths.raw
    Column("kind", String(32), nullable=False),        # interview, focus_group, survey, meeting, email
    Column("perspective", String(32), nullable=True),
    Column("site", String(64), nullable=True),
    Column("round", String(32), nullable=True),
    Column("collected_on", Date, nullable=True),
    Column("language", String(8), nullable=True),
    Column("translated_from", String(32), nullable=True),  # e.g. "ar" when an interpreter translated
    Column("interpreter_id", ID, nullable=True),
    Column("participant_ids", Text, nullable=True),    # JSON list
    Column("title", Text, nullable=True),
    Column("text", Text, nullable=False),              # raw text: personal data
    Column("content_hash", String(64), nullable=False),  # sha256 of the source file's bytes
    Column("ingested_at", DateTime, nullable=False),
)

raw_segments = Table(
    "raw_segments",
    raw_metadata,
    Column("segment_id", ID, primary_key=True),        # f"{doc_id}:{n:04d}"
    Column("doc_id", ID, ForeignKey("raw_documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("participant_id", ID, nullable=True),
    Column("speaker_label", Text, nullable=True),      # as written in the source: may be a name
    Column("speaker_role", String(32), nullable=True),  # role function (participant, interviewer, interpreter) or respondent
    Column("question_id", ID, nullable=True),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("start_time", Float, nullable=True),        # seconds, for .vtt/.srt
    Column("end_time", Float, nullable=True),
    Column("text", Text, nullable=False),
    Column("translated_by", ID, nullable=True),        # interpreter participant_id
    Column("content_hash", String(64), nullable=False),  # sha256 of text: keeps attached work on re-ingest
    Index("ix_raw_segments_doc", "doc_id"),
)

raw_attributes = Table(
    "raw_attributes",
    raw_metadata,
    Column("entity_type", String(16), nullable=False),  # participant or document
    Column("entity_id", ID, nullable=False),
    Column("name", String(128), nullable=False),
    Column("value", Text, nullable=True),
    PrimaryKeyConstraint("entity_type", "entity_id", "name"),
)

raw_questions = Table(
    "raw_questions",
    raw_metadata,
    Column("question_id", ID, primary_key=True),       # f"{survey_id}:{column}"
    Column("survey_id", ID, nullable=False),
    Column("column", Text, nullable=False),            # column id in the export (Q12, Q12_TEXT)
    Column("import_id", Text, nullable=True),          # Qualtrics ImportId (QID12_TEXT)
    Column("text", Text, nullable=False),              # question wording
    Column("item_type", String(16), nullable=False),   # open or closed
    Column("attribute", String(64), nullable=True),    # closed items: attribute name (age_band, ...)
)

raw_sources = Table(  # one row per ingested file: what makes re-ingestion idempotent
    "raw_sources",
    raw_metadata,
    Column("source_path", Text, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("reader", String(64), nullable=False),      # versioned reader name, e.g. "transcript_docx.v1"
    Column("doc_ids", Text, nullable=False),           # JSON list
    Column("ingested_at", DateTime, nullable=False),
    # sha256 of what else shaped the read (manifest entry, register, survey spec, reader):
    # a file is skipped only when both hashes are unchanged.
    Column("settings_hash", String(64), nullable=True),
)

raw_review_queue = Table(  # privacy: detections a researcher must confirm (holds raw surface forms)
    "raw_review_queue",
    raw_metadata,
    Column("item_id", ID, primary_key=True),           # stable hash of (surface, entity_type)
    Column("surface", Text, nullable=False),           # the detected text: personal data
    Column("entity_type", String(32), nullable=False),  # person, place, phone, ... (privacy.ENTITY_TYPES)
    Column("confidence", Float, nullable=False),
    Column("source", String(32), nullable=False),      # register, pattern, deduce, names, context, ...
    Column("reason", String(32), nullable=False),      # low_confidence or new_name
    Column("doc_id", ID, nullable=False),              # first occurrence
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("context", Text, nullable=True),            # raw text around the first occurrence
    Column("occurrences", Integer, nullable=False),    # in the whole corpus
    Column("placeholder", String(64), nullable=True),  # what it is replaced with now
    Column("status", String(16), nullable=False),      # open or decided
    Column("created_at", DateTime, nullable=False),
)

raw_review_decisions = Table(  # privacy: a researcher's decision, re-applied corpus-wide every run
    "raw_review_decisions",
    raw_metadata,
    Column("decision_id", ID, primary_key=True),       # stable hash of the lower-cased surface
    Column("surface", Text, nullable=False),           # personal data
    Column("entity_type", String(32), nullable=True),  # for accept/add: the type to replace it as
    Column("decision", String(16), nullable=False),    # accept, reject or add
    Column("item_id", ID, nullable=True),              # the queue item decided, if any
    Column("doc_id", ID, nullable=True),
    Column("decided_by", String(128), nullable=False),
    Column("decided_at", DateTime, nullable=False),
)

# ----------------------------------------------------------------------- project store
project_metadata = MetaData(naming_convention=NAMING)

participants = Table(
    "participants",
    project_metadata,
    Column("participant_id", ID, primary_key=True),
    Column("pseudonym", String(64), nullable=True),    # placeholder without brackets: "Sponsor 3"
    Column("perspective", String(32), nullable=True),
    Column("role", String(64), nullable=False),
    Column("site", String(64), nullable=True),
    Column("family_id", ID, nullable=True),
    Column("consent", Boolean, nullable=False),
    Column("withdrawn_on", Date, nullable=True),
)

documents = Table(
    "documents",
    project_metadata,
    Column("doc_id", ID, primary_key=True),
    Column("source_path", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("perspective", String(32), nullable=True),
    Column("site", String(64), nullable=True),
    Column("round", String(32), nullable=True),
    Column("collected_on", Date, nullable=True),
    Column("language", String(8), nullable=True),
    Column("translated_from", String(32), nullable=True),
    Column("interpreter_id", ID, nullable=True),
    Column("participant_ids", Text, nullable=True),    # JSON list
    Column("text", Text, nullable=False),              # pseudonymised text
    Column("content_hash", String(64), nullable=False),  # hash of the raw source: ties back to ingestion
    Column("pseudonymiser_version", String(64), nullable=False),
    Column("pseudonymised_at", DateTime, nullable=False),
)

segments = Table(
    "segments",
    project_metadata,
    Column("segment_id", ID, primary_key=True),
    Column("doc_id", ID, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("participant_id", ID, nullable=True),
    Column("speaker_role", String(32), nullable=True),
    Column("question_id", ID, nullable=True),
    Column("start_char", Integer, nullable=False),     # offsets into documents.text (pseudonymised)
    Column("end_char", Integer, nullable=False),
    Column("start_time", Float, nullable=True),
    Column("end_time", Float, nullable=True),
    Column("text", Text, nullable=False),              # pseudonymised text
    Column("translated_by", ID, nullable=True),
    Column("content_hash", String(64), nullable=False),  # hash of the raw segment text
    Index("ix_segments_doc", "doc_id"),
)

attributes = Table(
    "attributes",
    project_metadata,
    Column("entity_type", String(16), nullable=False),
    Column("entity_id", ID, nullable=False),
    Column("name", String(128), nullable=False),
    Column("value", Text, nullable=True),
    PrimaryKeyConstraint("entity_type", "entity_id", "name"),
)

questions = Table(
    "questions",
    project_metadata,
    Column("question_id", ID, primary_key=True),
    Column("survey_id", ID, nullable=False),
    Column("column", Text, nullable=False),
    Column("import_id", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("item_type", String(16), nullable=False),
    Column("attribute", String(64), nullable=True),
)

events = Table(  # programme activities counted by indicators (trainings, welcomes, ...)
    "events",
    project_metadata,
    Column("event_id", ID, primary_key=True),
    Column("kind", String(64), nullable=False),
    Column("site", String(64), nullable=True),
    Column("occurred_on", Date, nullable=False),
    Column("count", Integer, nullable=False),
    Column("description", Text, nullable=True),
)

codebook_versions = Table(
    "codebook_versions",
    project_metadata,
    Column("codebook_id", String(128), nullable=False),
    Column("version", String(64), nullable=False),     # content hash prefix or semantic version
    Column("created_at", DateTime, nullable=False),
    Column("content", Text, nullable=False),           # the YAML as saved
    PrimaryKeyConstraint("codebook_id", "version"),
)

codings = Table(
    "codings",
    project_metadata,
    Column("segment_id", ID, nullable=False),
    Column("code_id", String(128), nullable=False),
    Column("coder", String(128), nullable=False),      # a person, or a machine: "rules:keyword_rules.v1"
    Column("source", String(16), nullable=False),      # manual, rule, model, topic
    Column("confidence", Float, nullable=True),
    Column("status", String(16), nullable=False),      # suggested, accepted, rejected
    Column("evidence", Text, nullable=True),           # matched words (pseudonymised text only)
    Column("model_version", String(128), nullable=True),
    Column("codebook_version", String(64), nullable=True),
    Column("reviewed_by", String(128), nullable=True),
    Column("reviewed_at", DateTime, nullable=True),
    Column("created_at", DateTime, nullable=False),
    PrimaryKeyConstraint("segment_id", "code_id", "coder"),
    Index("ix_codings_code", "code_id"),
)

memos = Table(
    "memos",
    project_metadata,
    Column("memo_id", ID, primary_key=True),
    Column("target_type", String(16), nullable=False),  # segment, code, document, project
    Column("target_id", ID, nullable=True),
    Column("author", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

insights = Table(
    "insights",
    project_metadata,
    Column("insight_id", ID, primary_key=True),
    Column("kind", String(32), nullable=False),        # key_insight or smart_approach
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("perspectives", Text, nullable=True),       # JSON list
    Column("evidence_segment_ids", Text, nullable=True),  # JSON list
    Column("code_ids", Text, nullable=True),           # JSON list
    Column("implication", Text, nullable=True),
    Column("action", Text, nullable=True),
    Column("owner", String(128), nullable=True),
    Column("status", String(32), nullable=False),      # open, in_progress, done, dropped
    Column("created_on", Date, nullable=False),
    Column("updated_on", Date, nullable=False),
)

topic_models = Table(
    "topic_models",
    project_metadata,
    Column("model_version", String(128), primary_key=True),
    Column("fitted_at", DateTime, nullable=False),
    Column("params", Text, nullable=False),            # JSON
    Column("artifact_path", Text, nullable=True),
    Column("stability", Float, nullable=True),
    Column("n_segments", Integer, nullable=False),
)

topics = Table(
    "topics",
    project_metadata,
    Column("model_version", String(128), nullable=False),
    Column("topic_id", Integer, nullable=False),
    Column("label", Text, nullable=True),
    Column("top_terms", Text, nullable=True),          # JSON list
    Column("size", Integer, nullable=False),
    Column("nearest_code_id", String(128), nullable=True),
    Column("similarity", Float, nullable=True),
    Column("nearest_codes", Text, nullable=True),      # JSON [[code_id, similarity], ...], nearest first
    Column("representative_segment_ids", Text, nullable=True),  # JSON list: segments nearest the topic's centre
    # what researchers coded: share of the topic's segments with an accepted theme code, the
    # theme code they gave most often, and the share of the topic's segments with that code
    Column("reviewed_share", Float, nullable=True),
    Column("coded_code_id", String(128), nullable=True),
    Column("coded_share", Float, nullable=True),
    Column("status", String(16), nullable=False),      # mapped, emergent, promoted, dismissed
    Column("promoted_code_id", String(128), nullable=True),  # the code a promoted topic became
    PrimaryKeyConstraint("model_version", "topic_id"),
)

topic_assignments = Table(
    "topic_assignments",
    project_metadata,
    Column("segment_id", ID, nullable=False),
    Column("model_version", String(128), nullable=False),
    Column("topic_id", Integer, nullable=False),       # -1 = outlier
    Column("probability", Float, nullable=True),
    PrimaryKeyConstraint("segment_id", "model_version"),
)

indicator_values = Table(
    "indicator_values",
    project_metadata,
    Column("indicator_id", String(128), nullable=False),
    Column("period", String(16), nullable=False),      # "2024-10" or "all"
    Column("site", String(64), nullable=False),        # "all" for the whole programme
    Column("value", Float, nullable=True),
    Column("numerator", Float, nullable=True),
    Column("denominator", Float, nullable=True),
    Column("target", Float, nullable=True),
    Column("status", String(16), nullable=True),       # on_track, at_risk, off_track, no_data
    Column("evidence", Text, nullable=True),           # JSON: segment ids, sources
    PrimaryKeyConstraint("indicator_id", "period", "site"),
)

audit_log = Table(  # append-only: the store refuses UPDATE and DELETE on it
    "audit_log",
    project_metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(128), nullable=False),      # person or machine
    Column("action", String(64), nullable=False),      # ingest, pseudonymise, code.accept, reidentify, withdraw, ...
    Column("entity_type", String(32), nullable=True),
    Column("entity_id", ID, nullable=True),
    Column("details", Text, nullable=True),            # JSON; ids and counts only, never participant text
)

RAW_TABLES = {t.name: t for t in raw_metadata.sorted_tables}
PROJECT_TABLES = {t.name: t for t in project_metadata.sorted_tables}
