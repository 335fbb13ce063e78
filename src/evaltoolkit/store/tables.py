"""The tables of evaltoolkit's two stores, declared once.

Two separate databases make the privacy split structural, not a convention:

* the **raw store** (``paths.raw_store``, under ``data/raw/``) holds the register with
  names and the parsed source text. Only ``ingest`` writes it and only ``privacy`` reads it.
* the **project store** (``paths.store``, under ``data/pseudonymised/`` by default) is the
  system of record every analysis stage reads: pseudonymised documents and segments,
  codings, memos, insights, topics, indicators and an append-only audit log. It has no
  column that could hold a participant's name or raw text.

The DataFrame schema of each table (:func:`evaltoolkit.store.schema.table_schema`) is
derived from these declarations, so columns are declared in exactly one place:

* a table with a raw and a project side (participants, documents, segments, attributes,
  questions) is declared once with :func:`_mirrored`; columns only one side has are
  wrapped in :func:`raw_only` or :func:`project_only` (names and raw text are raw only);
* an enumerated column carries its allowed values, ``info={"allowed": CODING_STATUSES}``
  (the toolkit's vocabulary, :mod:`evaltoolkit.store.values`); writes with any other
  value are refused. A study's vocabulary (perspective, role, site, event kind) is
  configuration and is checked against ``evaltoolkit.yaml`` by ingestion, not here;
* a list column is ``JSONList`` (:mod:`evaltoolkit.store.types`): JSON text in the
  database, a Python list in DataFrames.
Changing a table means a new Alembic migration in ``store/migrations/versions``.
"""
from __future__ import annotations

from dataclasses import dataclass

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
from sqlalchemy.schema import SchemaItem

from evaltoolkit.store import values as v
from evaltoolkit.store.types import JSONList

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(128)


def allowed(values: tuple[str, ...]) -> dict:
    """``Column(..., info=allowed(CODING_STATUSES))``: the values the column may hold."""
    return {"allowed": tuple(values)}


@dataclass(frozen=True)
class _OneSide:
    side: str          # "raw" or "project"
    item: SchemaItem


def raw_only(item: SchemaItem) -> _OneSide:
    """A column (or index) only the raw side of a mirrored table has, e.g. names and raw text."""
    return _OneSide("raw", item)


def project_only(item: SchemaItem) -> _OneSide:
    return _OneSide("project", item)


def _mirrored(name: str, *items) -> tuple[Table, Table]:
    """The raw (``raw_<name>``) and project (``<name>``) tables of one declaration.

    An item is a Column shared by both sides, :func:`raw_only` / :func:`project_only`, or
    a function ``(prefix) -> item`` for what names another table (a foreign key: prefix is
    ``"raw_"`` on the raw side, ``""`` on the project side).
    """
    tables = []
    for side, prefix, metadata in (("raw", "raw_", raw_metadata), ("project", "", project_metadata)):
        chosen = []
        for item in items:
            if isinstance(item, _OneSide):
                if item.side != side:
                    continue
                item = item.item
            if callable(item) and not isinstance(item, SchemaItem):
                item = item(prefix)
            chosen.append(item._copy() if isinstance(item, Column) else item)
        tables.append(Table(prefix + name, metadata, *chosen))
    return tables[0], tables[1]


raw_metadata = MetaData(naming_convention=NAMING)
project_metadata = MetaData(naming_convention=NAMING)

# ------------------------------------------------------------ raw and project mirrors
raw_participants, participants = _mirrored(
    "participants",
    Column("participant_id", ID, primary_key=True),
    raw_only(Column("full_name", Text, nullable=True)),         # personal data: raw side only
    raw_only(Column("name_variants", JSONList, nullable=True)),  # nicknames, spellings, kunya
    raw_only(Column("speaker_labels", JSONList, nullable=True)),  # labels used in transcripts
    project_only(Column("pseudonym", String(64), nullable=True)),  # placeholder without brackets
    Column("perspective", String(32), nullable=True),  # a perspective of evaltoolkit.yaml; NA for staff
    Column("role", String(64), nullable=False),        # a role of evaltoolkit.yaml (roles:)
    Column("site", String(64), nullable=True),
    Column("family_id", ID, nullable=True),
    Column("consent", Boolean, nullable=False),
    raw_only(Column("consent_date", Date, nullable=True)),
    Column("withdrawn_on", Date, nullable=True),
    raw_only(Column("languages", Text, nullable=True)),
    raw_only(Column("notes", Text, nullable=True)),
)

raw_documents, documents = _mirrored(
    "documents",
    Column("doc_id", ID, primary_key=True),
    Column("source_path", Text, nullable=False),       # relative to paths.raw
    Column("kind", String(32), nullable=False, info=allowed(v.DOCUMENT_KINDS)),
    Column("perspective", String(32), nullable=True),
    Column("site", String(64), nullable=True),
    Column("round", String(32), nullable=True),
    Column("collected_on", Date, nullable=True),
    Column("language", String(8), nullable=True),
    Column("translated_from", String(32), nullable=True),  # e.g. "ar" when an interpreter translated
    Column("interpreter_id", ID, nullable=True),
    Column("participant_ids", JSONList, nullable=True),
    raw_only(Column("title", Text, nullable=True)),
    Column("text", Text, nullable=False),              # raw side: raw text (personal data); project: pseudonymised
    Column("content_hash", String(64), nullable=False),  # sha256 of the raw source file's bytes
    raw_only(Column("ingested_at", DateTime, nullable=False)),
    project_only(Column("pseudonymiser_version", String(64), nullable=False)),
    project_only(Column("pseudonymised_at", DateTime, nullable=False)),
)

raw_segments, segments = _mirrored(
    "segments",
    Column("segment_id", ID, primary_key=True),        # f"{doc_id}:{n:04d}"
    lambda prefix: Column("doc_id", ID, ForeignKey(f"{prefix}documents.doc_id", ondelete="CASCADE"),
                          nullable=False),
    Column("n", Integer, nullable=False),
    Column("participant_id", ID, nullable=True),
    raw_only(Column("speaker_label", Text, nullable=True)),  # as written in the source: may be a name
    # role function (participant, interviewer, interpreter) or respondent
    Column("speaker_role", String(32), nullable=True, info=allowed(v.SPEAKER_ROLES)),
    Column("question_id", ID, nullable=True),
    Column("start_char", Integer, nullable=False),     # offsets into the side's documents.text
    Column("end_char", Integer, nullable=False),
    Column("start_time", Float, nullable=True),        # seconds, for .vtt/.srt
    Column("end_time", Float, nullable=True),
    Column("text", Text, nullable=False),              # raw side: raw text; project: pseudonymised
    Column("translated_by", ID, nullable=True),        # interpreter participant_id
    Column("content_hash", String(64), nullable=False),  # sha256 of the raw text: keeps attached work on re-ingest
    lambda prefix: Index(f"ix_{prefix}segments_doc", "doc_id"),
)

raw_attributes, attributes = _mirrored(
    "attributes",
    Column("entity_type", String(16), nullable=False, info=allowed(v.ATTRIBUTE_ENTITY_TYPES)),
    Column("entity_id", ID, nullable=False),
    Column("name", String(128), nullable=False),
    Column("value", Text, nullable=True),
    lambda prefix: PrimaryKeyConstraint("entity_type", "entity_id", "name"),
)

raw_questions, questions = _mirrored(
    "questions",
    Column("question_id", ID, primary_key=True),       # f"{survey_id}:{column}"
    Column("survey_id", ID, nullable=False),
    Column("column", Text, nullable=False),            # column id in the export (Q12, Q12_TEXT)
    Column("import_id", Text, nullable=True),          # Qualtrics ImportId (QID12_TEXT)
    Column("text", Text, nullable=False),              # question wording
    Column("item_type", String(16), nullable=False, info=allowed(v.ITEM_TYPES)),
    Column("attribute", String(64), nullable=True),    # closed items: attribute name (age_band, ...)
)

# --------------------------------------------------------------------------- raw store
raw_sources = Table(  # one row per ingested file: what makes re-ingestion idempotent
    "raw_sources",
    raw_metadata,
    Column("source_path", Text, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("reader", String(64), nullable=False),      # versioned reader name, e.g. "transcript_docx.v1"
    Column("doc_ids", JSONList, nullable=False),
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
    Column("reason", String(32), nullable=False, info=allowed(v.PRIVACY_REVIEW_REASONS)),
    Column("doc_id", ID, nullable=False),              # first occurrence
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("context", Text, nullable=True),            # raw text around the first occurrence
    Column("occurrences", Integer, nullable=False),    # in the whole corpus
    Column("placeholder", String(64), nullable=True),  # what it is replaced with now
    Column("status", String(16), nullable=False, info=allowed(v.PRIVACY_REVIEW_STATUSES)),
    Column("created_at", DateTime, nullable=False),
)

raw_review_decisions = Table(  # privacy: a researcher's decision, re-applied corpus-wide every run
    "raw_review_decisions",
    raw_metadata,
    Column("decision_id", ID, primary_key=True),       # stable hash of the lower-cased surface
    Column("surface", Text, nullable=False),           # personal data
    Column("entity_type", String(32), nullable=True),  # for accept/add: the type to replace it as
    Column("decision", String(16), nullable=False, info=allowed(v.PRIVACY_DECISIONS)),
    Column("item_id", ID, nullable=True),              # the queue item decided, if any
    Column("doc_id", ID, nullable=True),
    Column("decided_by", String(128), nullable=False),
    Column("decided_at", DateTime, nullable=False),
)

# ----------------------------------------------------------------------- project store
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
    Column("source", String(16), nullable=False, info=allowed(v.CODING_SOURCES)),
    Column("confidence", Float, nullable=True),
    Column("status", String(16), nullable=False, info=allowed(v.CODING_STATUSES)),
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
    Column("target_type", String(16), nullable=False, info=allowed(v.MEMO_TARGET_TYPES)),
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
    Column("kind", String(32), nullable=False, info=allowed(v.INSIGHT_KINDS)),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("perspectives", JSONList, nullable=True),
    Column("evidence_segment_ids", JSONList, nullable=True),
    Column("code_ids", JSONList, nullable=True),
    Column("implication", Text, nullable=True),
    Column("action", Text, nullable=True),
    Column("owner", String(128), nullable=True),
    Column("status", String(32), nullable=False, info=allowed(v.INSIGHT_STATUSES)),
    Column("created_on", Date, nullable=False),
    Column("updated_on", Date, nullable=False),
)

syntheses = Table(
    # the researcher's own claim about a theme of one perspective, from a month on: the
    # report prints it instead of its draft sentence
    "syntheses",
    project_metadata,
    Column("code_id", ID, primary_key=True),
    Column("perspective", String(32), primary_key=True),
    Column("meaning", String(32), primary_key=True),   # a valence meaning (added_value, challenge) or "all"
    Column("period", String(7), primary_key=True),     # "2024-10": holds from that month until a later one
    Column("text", Text, nullable=False),
    Column("author", String(128), nullable=False),
    Column("updated_at", DateTime, nullable=False),
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
    Column("top_terms", JSONList, nullable=True),
    Column("size", Integer, nullable=False),
    Column("nearest_code_id", String(128), nullable=True),
    Column("similarity", Float, nullable=True),
    Column("nearest_codes", JSONList, nullable=True),  # [[code_id, similarity], ...], nearest first
    Column("representative_segment_ids", JSONList, nullable=True),  # segments nearest the topic's centre
    # what researchers coded: share of the topic's segments with an accepted theme code, the
    # theme code they gave most often, and the share of the topic's segments with that code
    Column("reviewed_share", Float, nullable=True),
    Column("coded_code_id", String(128), nullable=True),
    Column("coded_share", Float, nullable=True),
    Column("status", String(16), nullable=False, info=allowed(v.TOPIC_STATUSES)),
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
    Column("status", String(16), nullable=True, info=allowed(v.INDICATOR_STATUSES)),
    Column("evidence", Text, nullable=True),           # JSON: segment ids, sources
    PrimaryKeyConstraint("indicator_id", "period", "site"),
)

audit_log = Table(  # append-only: the store refuses UPDATE and DELETE on it
    "audit_log",
    project_metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(128), nullable=False),      # person or machine
    Column("action", String(64), nullable=False, info=allowed(v.AUDIT_ACTIONS)),
    Column("entity_type", String(32), nullable=True),
    Column("entity_id", ID, nullable=True),
    Column("details", Text, nullable=True),            # JSON; ids and counts only, never participant text
)

RAW_TABLES = {t.name: t for t in raw_metadata.sorted_tables}
PROJECT_TABLES = {t.name: t for t in project_metadata.sorted_tables}
