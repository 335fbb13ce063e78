"""Text and CSV files in the encodings researchers' tools write: they should just work."""
from __future__ import annotations

import codecs

import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.ingest import read_csv_rows, read_text, read_transcript

TEXT = "INTERVIEWER: Hoe ging het café-bezoek?\nR1: Heel goed, één keer per week; ça va.\n"


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
])
def test_text_in_any_common_encoding_reads_the_same(tmp_path, encoding, prefix):
    path = tmp_path / "t.txt"
    path.write_bytes(prefix + TEXT.replace("\n", "\r\n").encode(encoding))
    assert read_text(path) == TEXT


def test_cp1252_transcript_keeps_its_accents(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    text = read_transcript(path, doc_id="t").documents["text"].iloc[0]
    assert text == "INTERVIEWER: Hoe ging het café-bezoek?\n\nR1: Heel goed, één keer per week; ça va."


@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", codecs.BOM_UTF8), ("cp1252", b""), ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_csv_with_bom_cp1252_or_utf16_and_semicolons_reads_the_same(tmp_path, encoding, prefix):
    path = tmp_path / "s.csv"
    path.write_bytes(prefix + "id;gemeente;antwoord\r\n1;Zevenaar;Geen idee, écht\r\n".encode(encoding))
    assert read_csv_rows(path) == [["id", "gemeente", "antwoord"], ["1", "Zevenaar", "Geen idee, écht"]]


def test_empty_csv_is_an_input_error(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"\r\n")
    with pytest.raises(InputError) as error:
        read_csv_rows(path, source="data/raw/leeg.csv")
    assert str(error.value) == "data/raw/leeg.csv: the file is empty. Export the data again."


def test_comment_rows_are_dropped_only_when_asked_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    from evaltoolkit.ingest.textfiles import numbered_csv_rows

    path = tmp_path / "t.csv"
    path.write_text("# note; with a semicolon\nid;name\n\n# A1;example\nB2;real\n", encoding="utf-8")
    assert numbered_csv_rows(path, comments=True) == [(2, ["id", "name"]), (5, ["B2", "real"])]
    assert read_csv_rows(path, comments=True) == [["id", "name"], ["B2", "real"]]
    assert [row[0] for row in read_csv_rows(path)] == ["# note", "id", "# A1", "B2"]
