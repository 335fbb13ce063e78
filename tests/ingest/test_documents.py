"""Readers of transcripts, notes and e-mails: .docx, .odt, .txt, .vtt, .srt."""
from __future__ import annotations

import pytest

from evaltoolkit.corpus import segment_documents
from evaltoolkit.errors import InputError
from evaltoolkit.ingest import read_cues, read_notes, read_paragraphs, read_transcript

from .builders import FIXTURES, write_docx, write_odt


def _segments(tables):
    return segment_documents(tables.documents, blocks=tables.blocks)


def test_txt_transcript_drops_header_and_joins_unlabelled_lines_to_the_turn():
    tables = read_transcript(FIXTURES / "interview_r1.txt", doc_id="int")
    segments = _segments(tables)
    assert segments["speaker_label"].tolist() == ["INTERVIEWER", "TOLK", "R1", "INTERVIEWER", "R2"]
    assert segments["text"].tolist()[1] == "Zij zegt dat de eerste weken zwaar waren.\nMaar de buren waren vriendelijk."
    assert tables.documents["text"].iloc[0].startswith("INTERVIEWER: Welkom.")
    assert segments["segment_id"].tolist()[0] == "int:0001"


def test_docx_transcript_reads_turns_and_hashes_the_file_bytes(tmp_path):
    path = write_docx(tmp_path / "t.docx", [("Interview Stad A", "Title"), ("INTERVIEWER: Hoe gaat het?", None),
                                            ("TOLK: Goed.", None), ("Heel goed zelfs.", None)])
    tables = read_transcript(path, doc_id="d1")
    assert tables.documents["text"].iloc[0] == "INTERVIEWER: Hoe gaat het?\n\nTOLK: Goed.\nHeel goed zelfs."
    assert len(tables.documents["content_hash"].iloc[0]) == 64
    assert tables.blocks["location"].tolist() == ["paragraph 2", "paragraph 3"]


def test_odt_notes_keep_headings_in_the_text_but_not_as_segments(tmp_path):
    path = write_odt(tmp_path / "n.odt", [("Overleg", True), ("Eerste punt.", False), ("Tweede punt.", False)])
    tables = read_notes(path, doc_id="n1")
    assert tables.documents["text"].iloc[0] == "# Overleg\n\nEerste punt.\n\nTweede punt."
    assert _segments(tables)["text"].tolist() == ["Eerste punt.", "Tweede punt."]


def test_docx_heading_styles_are_not_segments(tmp_path):
    path = write_docx(tmp_path / "n.docx", [("Agenda", "Heading 1"), ("Punt een.", None), ("", None),
                                            ("Besluiten", "Heading 2"), ("Punt twee.", None)])
    assert _segments(read_notes(path, doc_id="n"))["text"].tolist() == ["Punt een.", "Punt twee."]


def test_txt_notes_lines_starting_with_hash_are_headings():
    segments = _segments(read_notes(FIXTURES / "notes_meeting.txt", doc_id="tl"))
    assert segments["text"].tolist() == [
        "Aanwezig: drie teamleiders.", "De werving van sponsoren loopt traag.",
        "Een teamleider stelt een checklist voor.", "Volgende keer bespreken we de training."]


def test_emailed_questionnaire_gives_one_segment_per_answer_with_its_question():
    segments = _segments(read_notes(FIXTURES / "email_questionnaire.txt", doc_id="gm", kind="email"))
    assert segments[["text", "question_id"]].astype(object).where(segments.notna(), None).values.tolist() == [
        ["Beste onderzoeker,", None],
        ["Vanwege de taakstelling.\n\nEn om humanitaire redenen.", "gm:q1"],
        ["Sponsoren zijn oren en ogen.", "gm:q2"],
    ]


def test_vtt_turns_merge_cues_of_one_speaker_and_drop_in_cue_tags():
    tables = read_transcript(FIXTURES / "interview.vtt", doc_id="v")
    segments = _segments(tables)
    assert segments["speaker_label"].tolist() == ["Interviewer", "Tolk", "R1"]
    assert segments["text"].tolist()[1] == "Hij zegt: het gaat beter. Maar het is moeilijk."
    assert segments[["start_time", "end_time"]].astype(float).values.tolist() == [[1.0, 3.0], [3.5, 6.5], [7.0, 8.0]]


def test_srt_turns_use_name_prefixes_and_strip_italics():
    segments = _segments(read_transcript(FIXTURES / "interview.srt", doc_id="s"))
    assert segments["speaker_label"].tolist() == ["INTERVIEWER", "R1"]
    assert segments["text"].tolist() == ["Wat heeft u geleerd?", "Fietsen. En boodschappen doen."]
    assert segments["end_time"].astype(float).tolist() == [2.5, 5.5]


def test_teams_vtt_with_unpadded_timestamps_and_voice_tags(shared_dir):
    cues = read_cues(shared_dir / "fixtures" / "vtt" / "teams_speakers.vtt")
    assert [(c.label, c.start_time, c.end_time) for c in cues] == [
        ("Yuri Bakulin", 0.0, 0.57), ("Adrian Petrescu", 0.21, 1.13)]
    tables = read_transcript(shared_dir / "fixtures" / "vtt" / "teams_speakers.vtt", doc_id="teams")
    assert tables.documents["text"].iloc[0] == "Yuri Bakulin: There you go.\n\nAdrian Petrescu: Why hello there, Yuri."


def test_vtt_in_cue_timestamps_and_class_tags_do_not_reach_the_text(shared_dir):
    tables = read_transcript(shared_dir / "fixtures" / "vtt" / "cue_tags.vtt", doc_id="tags")
    text = tables.documents["text"].iloc[0]
    assert text == "When the moon hits your eye Like a big-a pizza pie That's amore"
    assert tables.blocks[["start_time", "end_time"]].astype(float).values.tolist() == [[16.5, 21.5]]


def test_timestamp_before_a_label_becomes_the_turn_start_time(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("[00:01:05] INTERVIEWER: Vraag.\n[00:01:09] R1: Antwoord.\n", encoding="utf-8")
    segments = _segments(read_transcript(path, doc_id="t"))
    assert segments["start_time"].astype(float).tolist() == [65.0, 69.0]
    assert segments["text"].tolist() == ["Vraag.", "Antwoord."]


def test_segment_text_is_the_document_text_at_its_offsets():
    for name in ("interview_r1.txt", "interview.vtt", "interview.srt"):
        tables = read_transcript(FIXTURES / name, doc_id="d")
        text = tables.documents["text"].iloc[0]
        for row in _segments(tables).itertuples():
            assert text[row.start_char:row.end_char] == row.text


def test_empty_docx_is_an_input_error_naming_the_file(tmp_path):
    path = write_docx(tmp_path / "leeg.docx", [])
    with pytest.raises(InputError) as error:
        read_transcript(path, doc_id="x", source="data/raw/leeg.docx")
    assert str(error.value) == (
        "data/raw/leeg.docx: the document has no text. Check that it is the right file (a transcript saved as "
        "an image or PDF inside Word cannot be read), or remove it from manifest.csv.")


def test_corrupt_docx_is_an_input_error_naming_the_file(tmp_path):
    path = tmp_path / "kapot.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(InputError) as error:
        read_transcript(path, doc_id="x", source="data/raw/kapot.docx")
    assert str(error.value) == ("data/raw/kapot.docx: not a readable .docx file (it is damaged, or not a Word "
                                "document). Open it in Word and save it again as .docx.")


def test_zero_byte_file_is_an_input_error(tmp_path):
    path = tmp_path / "nul.docx"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"^nul.docx: the file is empty \(0 bytes\)\. Replace it"):
        read_paragraphs(path, source="nul.docx")


def test_transcript_without_speaker_labels_is_an_input_error(tmp_path):
    path = tmp_path / "geen_labels.txt"
    path.write_text("Alleen tekst zonder sprekers.\nNog een regel.\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_transcript(path, doc_id="x", source="geen_labels.txt")
    assert str(error.value) == (
        "geen_labels.txt: no speaker turns found. A turn starts with a speaker label such as 'INTERVIEWER:' or "
        "'TOLK:' at the start of a paragraph; add the labels, or list the file as kind 'meeting' if it is notes.")
    assert "Alleen tekst" not in str(error.value)
