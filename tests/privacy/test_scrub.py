"""Standalone scrubbing of loose .txt, .docx and .csv files from the command line."""
from __future__ import annotations

import docx
import pandas as pd
from typer.testing import CliRunner

from evaltoolkit.cli.main import app
from evaltoolkit.privacy import load_key, scrub_files

from .conftest import DATA, PASSPHRASE


def test_scrub_writes_files_of_the_same_names_and_a_summary_by_type(tmp_path, detector):
    source = tmp_path / "in"
    source.mkdir()
    (source / "notes.txt").write_text("Khaled belde Joke op 06-12345678 vanuit Aleppo.", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("Gesprek met Amina Yusuf in Zaandam.")
    document.save(str(source / "gesprek.docx"))
    pd.DataFrame({"id": ["1"], "antwoord": ["Piet helpt Khaled elke week."]}).to_csv(source / "antwoorden.csv",
                                                                                   index=False)
    report = scrub_files([source / "notes.txt", source / "gesprek.docx", source / "antwoorden.csv"],
                         output_dir=tmp_path / "out", register=DATA / "register.csv", detector=detector)
    assert sorted(p.name for p in report.written) == ["antwoorden.csv", "gesprek.docx", "notes.txt"]
    assert (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8") == (
        "[Hervestiger 1] belde [Sponsor 1] op [Telefoonnummer] vanuit [Plaats 1].")
    assert docx.Document(str(tmp_path / "out" / "gesprek.docx")).paragraphs[0].text == (
        "Gesprek met [Hervestiger 2] in [Plaats 2].")
    assert pd.read_csv(tmp_path / "out" / "antwoorden.csv")["antwoord"].tolist() == [
        "[Sponsor 2] helpt [Hervestiger 1] elke week."]
    assert report.replacements == {"person": 5, "phone": 1, "place": 2}


def test_scrub_reuses_and_extends_an_encrypted_key(tmp_path, detector):
    (tmp_path / "a.txt").write_text("Tesfalem kwam langs.", encoding="utf-8")
    key = tmp_path / "keys" / "key.enc"
    scrub_files([tmp_path / "a.txt"], output_dir=tmp_path / "out1", key_path=key, passphrase=PASSPHRASE,
                new_key=True, detector=detector)
    (tmp_path / "b.txt").write_text("Daarna kwam Mehari, en tesfalem bleef.", encoding="utf-8")
    scrub_files([tmp_path / "b.txt"], output_dir=tmp_path / "out2", key_path=key, passphrase=PASSPHRASE,
                detector=detector)
    assert (tmp_path / "out2" / "b.txt").read_text(encoding="utf-8") == "Daarna kwam [Persoon 2], en [Persoon 1] bleef."
    assert len(load_key(key, passphrase=PASSPHRASE)) == 2


def test_scrub_command_reports_every_input_problem_at_once(tmp_path):
    (tmp_path / "x.pdf").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["privacy", "scrub", str(tmp_path / "x.pdf"), str(tmp_path / "missing.txt"),
                                      "--output-dir", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert str(result.exception) == (
        "privacy scrub has 2 problems:\n"
        f"  {tmp_path / 'missing.txt'}: no such file.\n"
        f"  {tmp_path / 'x.pdf'}: can only scrub .txt, .docx, .csv files.")


def test_scrub_command_writes_and_prints_the_summary(tmp_path):
    (tmp_path / "a.txt").write_text("Mail k.alhassan@example.com of bel +31 6 12345678.", encoding="utf-8")
    result = CliRunner().invoke(app, ["privacy", "scrub", str(tmp_path / "a.txt"), "--output-dir",
                                      str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.output == (f"Wrote 1 files:\n  {tmp_path / 'out' / 'a.txt'}\nReplaced:\n  email: 1\n  phone: 1\n")
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Mail [E-mailadres] of bel [Telefoonnummer]."
