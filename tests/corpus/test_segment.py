"""Segmentation rules of docs/data-contracts.md, stable ids, and cutting blocks out."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from evaltoolkit.corpus import (
    Paragraph,
    answers_layout,
    content_hash,
    notes_layout,
    reconcile_segments,
    segment_documents,
    split_label,
    subtitle_layout,
    transcript_layout,
    without_blocks,
)
from evaltoolkit.errors import InputError, SchemaError

PARTICIPANTS = pd.DataFrame([
    {"participant_id": "IV01", "speaker_labels": json.dumps(["INTERVIEWER"]), "role": "interviewer", "consent": True},
    {"participant_id": "TK01", "speaker_labels": json.dumps(["TOLK"]), "role": "interpreter", "consent": True},
    {"participant_id": "HV01", "speaker_labels": json.dumps(["R1"]), "role": "refugee", "consent": True},
    {"participant_id": "HV05", "speaker_labels": json.dumps(["R1"]), "role": "refugee", "consent": True},
])


def _document(doc_id, paragraphs, *, kind="interview", participants=("HV01",), interpreter="TK01"):
    layout = transcript_layout if kind in ("interview", "focus_group") else notes_layout
    text, blocks = layout(doc_id, [Paragraph(p, f"paragraph {i}") for i, p in enumerate(paragraphs, start=1)])
    documents = pd.DataFrame([{"doc_id": doc_id, "source_path": f"{doc_id}.docx", "kind": kind, "text": text,
                               "participant_ids": json.dumps(list(participants)), "interpreter_id": interpreter}])
    return documents, blocks


@pytest.mark.parametrize("text, label", [
    ("INTERVIEWER: Hoe gaat het?", "INTERVIEWER"), ("Mevr. Al-Hassan: Ja.", "Mevr. Al-Hassan"),
    ("R1: Ja", "R1"), ("Deelnemer 2 (vrouw): ja", None), ("Om 10:30 begonnen we.", None),
    ("Een twee drie vier vijf zes: te lang", None), ("12: geen letters", None), ("TOLK:", "TOLK"),
])
def test_speaker_label_rule(text, label):
    assert split_label(text)[0] == label


def test_turn_segments_resolve_roles_and_mark_translated_participant_turns():
    documents, blocks = _document("d", ["INTERVIEWER: Vraag?", "TOLK: Vertaling.", "R1: Antwoord.", "Vervolg."])
    segments = segment_documents(documents, blocks=blocks, participants=PARTICIPANTS)
    assert segments[["segment_id", "participant_id", "speaker_role", "text"]].values.tolist() == [
        ["d:0001", "IV01", "interviewer", "Vraag?"], ["d:0002", "TK01", "interpreter", "Vertaling."],
        ["d:0003", "HV01", "participant", "Antwoord.\nVervolg."]]
    assert segments["translated_by"].isna().tolist() == [True, True, False]
    assert segments["content_hash"].iloc[0] == content_hash("Vraag?")


def test_ambiguous_and_unknown_labels_name_the_place_not_the_label():
    documents, blocks = _document("d", ["INTERVIEWER: Vraag?", "ONBEKEND: x", "R1: y"], participants=())
    with pytest.raises(InputError) as error:
        segment_documents(documents, blocks=blocks, participants=PARTICIPANTS)
    assert str(error.value) == (
        "d.docx has 2 problems:\n"
        "  paragraph 2: the speaker label is not in the register. Add it to the speaker_labels of the right "
        "participant in register.csv (';'-separated), or correct the label in the file.\n"
        "  paragraph 3: the speaker label belongs to several participants in the register (HV01, HV05). List "
        "the one who speaks here in the manifest's participant_ids for this file.")
    assert "ONBEKEND" not in str(error.value)


def test_one_label_for_two_participants_of_the_same_file_is_reported_once_with_its_places():
    documents, blocks = _document("d", ["R1: a", "INTERVIEWER: b", "R1: c"], participants=("HV01", "HV05"))
    with pytest.raises(InputError) as error:
        segment_documents(documents, blocks=blocks, participants=PARTICIPANTS)
    assert str(error.value) == (
        "d.docx has 1 problem:\n  paragraph 1, paragraph 3: the speaker label belongs to several participants of "
        "this file (HV01, HV05). Give each their own label, in the file and in their speaker_labels in "
        "register.csv.")


def test_segmenting_from_text_alone_gives_the_same_segments():
    documents, blocks = _document("d", ["Titel", "INTERVIEWER: Vraag?", "R1: Antwoord.", "Meer."])
    with_blocks = segment_documents(documents, blocks=blocks)
    from_text = segment_documents(documents)
    pd.testing.assert_frame_equal(with_blocks.drop(columns=["start_time", "end_time"]),
                                  from_text.drop(columns=["start_time", "end_time"]))


def test_notes_segments_skip_headings_and_group_questionnaire_answers():
    documents, blocks = _document("m", ["# Agenda", "Punt.", "Vraag 1: Waarom?", "Omdat.", "Ook dit.",
                                        "Vraag 2: Hoe?", "# Slot", "Einde."], kind="email")
    segments = segment_documents(documents, blocks=blocks)
    assert segments[["text", "question_id"]].astype(object).where(segments.notna(), None).values.tolist() == [
        ["Punt.", None], ["Omdat.\n\nOok dit.", "m:q1"], ["Einde.", None]]


def test_unknown_rule_and_survey_without_blocks_are_schema_errors():
    documents, _ = _document("s", ["x"], kind="meeting")
    with pytest.raises(SchemaError, match="^by must be 'auto' or one of turn, paragraph, answer. Got 'line'"):
        segment_documents(documents, by="line")
    with pytest.raises(SchemaError, match="survey answers can only be segmented with the blocks"):
        segment_documents(documents.assign(kind="survey"))


def test_a_survey_response_without_open_answers_has_no_segments():
    text, blocks = answers_layout("s-R_1", [("Q7", "s:Q7", "Meer tijd.", "row 4")])
    documents = pd.DataFrame([
        {"doc_id": "s-R_1", "source_path": "s.csv", "kind": "survey", "text": text,
         "participant_ids": json.dumps(["resp-s-R_1"])},
        {"doc_id": "s-R_2", "source_path": "s.csv", "kind": "survey", "text": "",
         "participant_ids": json.dumps(["resp-s-R_2"])},
    ])
    segments = segment_documents(documents, blocks=blocks)
    assert segments[["segment_id", "question_id", "text"]].values.tolist() == [["s-R_1:0001", "s:Q7", "Meer tijd."]]


def test_a_meeting_read_as_a_transcript_is_segmented_by_speaker_turn():
    text, blocks = subtitle_layout("mt", [Paragraph("Welkom.", "cue 1", label="INTERVIEWER"),
                                          Paragraph("Goed zo.", "cue 2", label="R1"),
                                          Paragraph("En verder.", "cue 3", label="R1")])
    documents = pd.DataFrame([{"doc_id": "mt", "source_path": "mt.vtt", "kind": "meeting", "text": text,
                               "participant_ids": json.dumps(["HV01"]), "interpreter_id": None}])
    segments = segment_documents(documents, blocks=blocks, participants=PARTICIPANTS)
    assert segments[["participant_id", "text"]].values.tolist() == [
        ["IV01", "Welkom."], ["HV01", "Goed zo. En verder."]]


def _segments(doc_id, texts):
    documents, blocks = _document(doc_id, [f"R1: {t}" for t in texts], participants=())
    return segment_documents(documents, blocks=blocks)


def test_reconcile_keeps_ids_of_unchanged_segments_and_numbers_new_ones_after_the_last():
    old = _segments("d", ["a", "b", "c", "d"])
    new, removed = reconcile_segments(old, _segments("d", ["nieuw", "a", "b", "c gewijzigd", "d"]))
    assert new["segment_id"].tolist() == ["d:0005", "d:0001", "d:0002", "d:0006", "d:0004"]
    assert removed == ["d:0003"]


def test_reconcile_matches_repeated_texts_in_order():
    old = _segments("d", ["ja", "nee", "ja"])
    new, removed = reconcile_segments(old, _segments("d", ["ja", "ja"]))
    assert new["segment_id"].tolist() == ["d:0001", "d:0003"] and removed == ["d:0002"]


def test_without_blocks_cuts_labels_and_text_and_moves_offsets():
    documents, blocks = _document("d", ["INTERVIEWER: Vraag?", "R1: Weg ermee.", "TOLK: Blijft."])
    text, kept = without_blocks(documents["text"].iloc[0], blocks, pd.Series([False, True, False]))
    assert text == "INTERVIEWER: Vraag?\n\nTOLK: Blijft."
    assert [text[r.start_char:r.end_char] for r in kept.itertuples()] == ["Vraag?", "Blijft."]
