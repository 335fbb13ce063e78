"""Cut documents into segments, the units that are coded and analysed.

The rules are those of ``docs/data-contracts.md`` ("Segmentation rules"): one segment per
speaker turn in transcripts, per non-heading paragraph in notes and e-mails (one per
answer in an e-mailed ``Vraag N:`` questionnaire), per non-empty open answer in surveys.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from evaltoolkit.corpus.blocks import BLOCKS, blocks_from_text
from evaltoolkit.errors import InputError, SchemaError, format_problems
from evaltoolkit.store.schema import table_schema
from evaltoolkit.store.types import list_cell
from evaltoolkit.store.values import (
    ITEM_OPEN,
    KIND_EMAIL,
    KIND_FOCUS_GROUP,
    KIND_INTERVIEW,
    KIND_MEETING,
    KIND_SURVEY,
    SPEAKER_PARTICIPANT,
    SPEAKER_RESPONDENT,
)

SEGMENTS = table_schema("raw_segments")
SEGMENTATION_RULES = ("turn", "paragraph", "answer")
RULE_OF_KIND = {KIND_INTERVIEW: "turn", KIND_FOCUS_GROUP: "turn", KIND_MEETING: "paragraph",
                KIND_EMAIL: "paragraph", KIND_SURVEY: "answer"}
QUESTION_RE = re.compile(r"^Vraag\s+(?P<n>\d+)\s*[:.)]", re.IGNORECASE)


def content_hash(text: str) -> str:
    """sha256 of a segment's text: what keeps attached work on re-ingestion."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_list(value) -> list[str]:
    """A list column's cell (or NA) as a list of strings."""
    return [str(v) for v in list_cell(value)]


def segment_documents(documents: pd.DataFrame, *, by: str = "auto", blocks: pd.DataFrame | None = None,
                      participants: pd.DataFrame | None = None,
                      role_functions: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Segments (``raw_segments`` columns) of ``documents`` (``raw_documents`` columns).

    ``by`` is ``"turn"``, ``"paragraph"``, ``"answer"`` or ``"auto"`` (by each document's
    ``kind``). ``blocks`` is the layout a reader returned with the documents; without it
    the layout is recovered from the text (not possible for survey answers).
    ``participants`` (the register, ``raw_participants`` columns) resolves speaker labels
    to ``participant_id`` and ``speaker_role``; an unknown label is an :class:`InputError`
    naming the file and the place of the turn (never the label, which may be a name).
    ``role_functions`` (role id -> participant, interviewer or interpreter; from
    ``config.role_functions``) gives each turn's ``speaker_role``; a role it does not list
    speaks as a participant.
    """
    if by != "auto" and by not in SEGMENTATION_RULES:
        raise SchemaError(f"by must be 'auto' or one of {', '.join(SEGMENTATION_RULES)}. Got {by!r} instead.")
    blocks_of = {doc_id: frame for doc_id, frame in
                 (BLOCKS.coerce(blocks).groupby("doc_id", sort=False) if blocks is not None else [])}
    speakers = _Speakers(participants) if participants is not None else None
    problems: dict[str, list[str]] = defaultdict(list)
    rows: list[dict] = []
    for doc in documents.to_dict(orient="records"):
        rule = by if by != "auto" else RULE_OF_KIND.get(doc["kind"])
        if rule is None:
            raise SchemaError(f"document {doc['doc_id']}: kind {doc['kind']!r} has no segmentation rule. "
                              f"Kinds: {', '.join(RULE_OF_KIND)}.")
        doc_blocks = blocks_of.get(doc["doc_id"])
        if doc_blocks is None and blocks is not None:
            doc_blocks = BLOCKS.empty()  # the reader found nothing to segment (a response without open answers)
        if doc_blocks is None:
            if rule == "answer":
                raise SchemaError(f"document {doc['doc_id']}: survey answers can only be segmented with "
                                  "the blocks read_survey() returned.")
            doc_blocks = blocks_from_text(doc["doc_id"], doc["text"], kind=rule)
        if by == "auto" and rule == "paragraph" and (doc_blocks["kind"] == "turn").any():
            rule = "turn"  # a meeting recorded as a transcript (a Teams .vtt): one segment per speaker turn
        cut = {"turn": _turn_segments, "paragraph": _paragraph_segments, "answer": _answer_segments}[rule]
        doc_rows = cut(doc, doc_blocks.to_dict(orient="records"), speakers, problems[str(doc["source_path"])],
                       role_functions or {})
        for n, row in enumerate(doc_rows, start=1):
            text = doc["text"][row["start_char"]:row["end_char"]]
            row.update(segment_id=f"{doc['doc_id']}:{n:04d}", doc_id=doc["doc_id"], n=n, text=text,
                       content_hash=content_hash(text))
        rows.extend(doc_rows)
    messages = [format_problems(source, found) for source, found in problems.items() if found]
    if messages:
        raise InputError("\n".join(messages))
    return SEGMENTS.coerce(pd.DataFrame(rows, columns=SEGMENTS.column_names))


def _turn_segments(doc: dict, blocks: list[dict], speakers: "_Speakers | None", problems: list[str],
                   role_functions: Mapping[str, str]) -> list[dict]:
    in_doc = set(json_list(doc.get("participant_ids"))) | {str(doc.get("interpreter_id") or "")}
    rows, unresolved = [], defaultdict(list)
    for block in blocks:
        if block["kind"] != "turn":
            continue
        row = _span(block, speaker_label=block["label"])
        if speakers is not None and not pd.isna(block["label"]):
            found = speakers.resolve(block["label"], in_doc)
            if isinstance(found, str):
                unresolved[(found, block["label"])].append(block["location"])
                continue
            row["participant_id"], role = found
            row["speaker_role"] = role_functions.get(role, SPEAKER_PARTICIPANT)
            if row["speaker_role"] == SPEAKER_PARTICIPANT and not pd.isna(doc.get("interpreter_id")):
                row["translated_by"] = doc["interpreter_id"]
        rows.append(row)
    for (sentence, _label), places in unresolved.items():   # one problem per label, every place listed
        shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
        problems.append(f"{shown}: {sentence}")
    return rows


def _paragraph_segments(doc: dict, blocks: list[dict], speakers, problems, role_functions) -> list[dict]:
    """Paragraphs; in an e-mailed questionnaire the paragraphs after ``Vraag N:`` up to the
    next question or heading are one answer segment with question ``f"{doc_id}:qN"``."""
    rows, question, answer_open = [], None, False
    for block in blocks:
        text = doc["text"][block["start_char"]:block["end_char"]]
        match = QUESTION_RE.match(text)
        if block["kind"] == "heading" or match:
            question = f"{doc['doc_id']}:q{int(match.group('n'))}" if match else None
            answer_open = False
            continue
        if block["kind"] != "paragraph":
            continue
        if question is not None and answer_open:
            rows[-1]["end_char"] = block["end_char"]
            continue
        rows.append(_span(block, question_id=question))
        answer_open = question is not None
    return rows


def _answer_segments(doc: dict, blocks: list[dict], speakers, problems, role_functions) -> list[dict]:
    respondents = json_list(doc.get("participant_ids"))
    return [_span(block, question_id=block["question_id"], speaker_role=SPEAKER_RESPONDENT,
                  participant_id=respondents[0] if len(respondents) == 1 else None)
            for block in blocks if block["kind"] == "answer"]


def _span(block: dict, **fields) -> dict:
    return {"start_char": int(block["start_char"]), "end_char": int(block["end_char"]),
            "start_time": block["start_time"], "end_time": block["end_time"], **fields}


class _Speakers:
    """Speaker labels of the register (``speaker_labels`` and the ``participant_id`` itself),
    compared without regard to case and surrounding space."""

    def __init__(self, participants: pd.DataFrame):
        self.by_label: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in participants.to_dict(orient="records"):
            labels = {str(row["participant_id"]), *json_list(row.get("speaker_labels"))}
            for label in labels:
                self.by_label[_norm(label)].append((str(row["participant_id"]), str(row["role"])))

    def resolve(self, label: str, in_doc: set[str]) -> tuple[str, str] | str:
        """``(participant_id, role)``, or a sentence saying why the label cannot be resolved."""
        candidates = sorted(set(self.by_label.get(_norm(label), [])))
        if len(candidates) > 1:
            candidates = [c for c in candidates if c[0] in in_doc] or candidates
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            return ("the speaker label is not in the register. Add it to the speaker_labels of the "
                    "right participant in register.csv (';'-separated), or correct the label in the file.")
        ids = ", ".join(sorted(c[0] for c in candidates))
        if all(c[0] in in_doc for c in candidates):
            return (f"the speaker label belongs to several participants of this file ({ids}). Give each "
                    "their own label, in the file and in their speaker_labels in register.csv.")
        return (f"the speaker label belongs to several participants in the register ({ids}). List the "
                "one who speaks here in the manifest's participant_ids for this file.")


def _norm(label: str) -> str:
    return " ".join(str(label).split()).casefold()


def questionnaire_questions(documents: pd.DataFrame, blocks: pd.DataFrame | None = None) -> pd.DataFrame:
    """``raw_questions`` rows for the ``Vraag N:`` questions of e-mailed questionnaires
    (``question_id`` ``f"{doc_id}:qN"``, survey ``doc_id``, column ``qN``)."""
    blocks_of = dict(tuple(BLOCKS.coerce(blocks).groupby("doc_id"))) if blocks is not None else {}
    rows = []
    for doc in documents.to_dict(orient="records"):
        if RULE_OF_KIND.get(doc["kind"]) != "paragraph":
            continue
        doc_blocks = blocks_of.get(doc["doc_id"])
        if doc_blocks is None:
            doc_blocks = blocks_from_text(doc["doc_id"], doc["text"], kind="paragraph")
        for block in doc_blocks.to_dict(orient="records"):
            text = doc["text"][block["start_char"]:block["end_char"]]
            match = QUESTION_RE.match(text)
            if match and block["kind"] == "paragraph":
                number = int(match.group("n"))
                rows.append({"question_id": f"{doc['doc_id']}:q{number}", "survey_id": doc["doc_id"],
                             "column": f"q{number}", "text": text[match.end():].strip() or text,
                             "item_type": ITEM_OPEN})
    return table_schema("raw_questions").coerce(pd.DataFrame(rows))
