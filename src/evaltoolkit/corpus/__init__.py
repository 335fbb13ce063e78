"""What are the units? Documents cut into segments with stable ids and character offsets."""
from evaltoolkit.corpus.blocks import (
    BLOCKS,
    Paragraph,
    answers_layout,
    blocks_from_text,
    notes_layout,
    split_label,
    subtitle_layout,
    transcript_layout,
    without_blocks,
)
from evaltoolkit.corpus.segment import (
    SEGMENTATION_RULES,
    content_hash,
    questionnaire_questions,
    segment_documents,
)
from evaltoolkit.corpus.stable_ids import reconcile_segments

__all__ = [
    "BLOCKS",
    "SEGMENTATION_RULES",
    "Paragraph",
    "answers_layout",
    "blocks_from_text",
    "content_hash",
    "notes_layout",
    "questionnaire_questions",
    "reconcile_segments",
    "segment_documents",
    "split_label",
    "subtitle_layout",
    "transcript_layout",
    "without_blocks",
]
