"""The toolkit's own vocabulary: the values an enumerated column of a store table may hold.

:mod:`evaltoolkit.store.tables` declares each enumerated column with its allowed values
(``Column(..., info={"allowed": CODING_STATUSES})``) and the store refuses a write with any
other value (:meth:`evaltoolkit.store.TableSchema.validate`). Code that compares or writes
one of these values uses the constant, never the string literal, so a value is spelled in
one place.

Only the toolkit's vocabulary lives here. A study's vocabulary (perspectives, sites,
rounds, register roles, event kinds, valence codes) is configuration: ``evaltoolkit.yaml``
and the codebook declare it, and it must never become a constant of the package.
"""
from __future__ import annotations

# documents.kind: what sort of source a document is (it decides how it is segmented)
KIND_INTERVIEW = "interview"
KIND_FOCUS_GROUP = "focus_group"
KIND_SURVEY = "survey"
KIND_MEETING = "meeting"
KIND_EMAIL = "email"
DOCUMENT_KINDS = (KIND_INTERVIEW, KIND_FOCUS_GROUP, KIND_SURVEY, KIND_MEETING, KIND_EMAIL)

# segments.speaker_role: who speaks in a segment, as far as the analysis is concerned
SPEAKER_PARTICIPANT = "participant"
SPEAKER_RESPONDENT = "respondent"      # a survey answer
SPEAKER_INTERVIEWER = "interviewer"
SPEAKER_INTERPRETER = "interpreter"
SPEAKER_ROLES = (SPEAKER_PARTICIPANT, SPEAKER_RESPONDENT, SPEAKER_INTERVIEWER, SPEAKER_INTERPRETER)

# attributes.entity_type: what an attribute describes
ENTITY_PARTICIPANT = "participant"
ENTITY_DOCUMENT = "document"
ATTRIBUTE_ENTITY_TYPES = (ENTITY_PARTICIPANT, ENTITY_DOCUMENT)

# questions.item_type: an open question (its answers are segments) or a closed one (an attribute)
ITEM_OPEN = "open"
ITEM_CLOSED = "closed"
ITEM_TYPES = (ITEM_OPEN, ITEM_CLOSED)

# raw_review_queue / raw_review_decisions: the privacy review of detections
REVIEW_OPEN = "open"
REVIEW_DECIDED = "decided"
PRIVACY_REVIEW_STATUSES = (REVIEW_OPEN, REVIEW_DECIDED)
REASON_LOW_CONFIDENCE = "low_confidence"
REASON_NEW_NAME = "new_name"
REASON_SHARED_SURNAME = "shared_surname"   # a participant's surname alone: them, or a relative?
REASON_SHARED_NAME = "shared_name"   # a first name several people in the key carry
REASON_RELATIVE = "relative"   # a participant's name after "mijn broer": a relative of the same name?
PRIVACY_REVIEW_REASONS = (REASON_LOW_CONFIDENCE, REASON_NEW_NAME, REASON_SHARED_SURNAME, REASON_SHARED_NAME,
                          REASON_RELATIVE)
DECISION_ACCEPT = "accept"             # replace it (as the detected or a chosen entity type)
DECISION_REJECT = "reject"             # not personal data: leave it
DECISION_ADD = "add"                   # a name the detectors missed: replace it everywhere
PRIVACY_DECISIONS = (DECISION_ACCEPT, DECISION_REJECT, DECISION_ADD)

# codings.source: which kind of coder proposed or made a coding
SOURCE_MANUAL = "manual"
SOURCE_RULE = "rule"
SOURCE_MODEL = "model"
SOURCE_TOPIC = "topic"
CODING_SOURCES = (SOURCE_MANUAL, SOURCE_RULE, SOURCE_MODEL, SOURCE_TOPIC)
MACHINE_SOURCES = (SOURCE_RULE, SOURCE_MODEL, SOURCE_TOPIC)

# codings.status: only accepted rows count as codings
CODING_SUGGESTED = "suggested"
CODING_ACCEPTED = "accepted"
CODING_REJECTED = "rejected"
CODING_STATUSES = (CODING_SUGGESTED, CODING_ACCEPTED, CODING_REJECTED)

# memos.target_type: what a memo is about
MEMO_ON_SEGMENT = "segment"
MEMO_ON_CODE = "code"
MEMO_ON_DOCUMENT = "document"
MEMO_ON_PROJECT = "project"
MEMO_TARGET_TYPES = (MEMO_ON_SEGMENT, MEMO_ON_CODE, MEMO_ON_DOCUMENT, MEMO_ON_PROJECT)

# insights
KEY_INSIGHT = "key_insight"
SMART_APPROACH = "smart_approach"
INSIGHT_KINDS = (KEY_INSIGHT, SMART_APPROACH)
INSIGHT_OPEN = "open"
INSIGHT_IN_PROGRESS = "in_progress"
INSIGHT_DONE = "done"
INSIGHT_DROPPED = "dropped"
INSIGHT_STATUSES = (INSIGHT_OPEN, INSIGHT_IN_PROGRESS, INSIGHT_DONE, INSIGHT_DROPPED)

# topics.status: a topic matches a code (mapped) or not (emergent), until a researcher decides
TOPIC_MAPPED = "mapped"
TOPIC_EMERGENT = "emergent"
TOPIC_PROMOTED = "promoted"
TOPIC_DISMISSED = "dismissed"
TOPIC_STATUSES = (TOPIC_MAPPED, TOPIC_EMERGENT, TOPIC_PROMOTED, TOPIC_DISMISSED)

# indicator_values.status
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_DATA = "no_data"
INDICATOR_STATUSES = (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA)

# audit_log.action: what was done (the audit log is append-only; Store.audit checks these)
AUDIT_ACTIONS = (
    "pseudonymise", "withdraw", "withdraw.complete", "reidentify", "privacy.review",
    "codebook.version", "codebook.import",
    "code.suggest", "code.accept", "code.reject", "code.add", "code.import",
    "memo.write", "insight.add", "insight.update", "insight.import", "synthesis.record",
    "topics.fit", "topics.assign", "topic.promote", "topic.dismiss",
    "exchange.import_qdpx",
)
