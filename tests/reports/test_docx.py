"""The Word file: heading styles, table of contents, captions, page numbers, determinism."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import pytest
from docx import Document

from evaltoolkit.reports import (
    Callout,
    Figure,
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
    build_monthly_report,
    render_docx,
    write_default_template,
)


@pytest.fixture(scope="module")
def small_report():
    from evaltoolkit.reports.figures import heatmap
    import pandas as pd

    png = heatmap(pd.DataFrame({"code_id": ["a", "b"], "perspective": ["sponsor", "sponsor"], "share": [0.5, 1.0]}),
                  row_labels={"a": "A", "b": "B"}, column_labels={"sponsor": "Sponsoren"})
    section = Section("Bevindingen", blocks=(
        Paragraph("Eerste alinea."),
        Table("Indicatoren", ("Indicator", "Doel"), (("Gezinnen", "18"),), notes=("1 cel onderdrukt.",)),
        Figure("Heatmap", png),
        Quote("Het gaat goed.", "(Sponsor, 2e ronde dataverzameling)"),
        Callout("key_insight", "Belangrijk inzicht: Taal", ("Tolken zijn nodig.",)),
    ), subsections=(Section("Sponsoren", blocks=(Paragraph("Tekst."),)),))
    return Report("Maandrapportage oktober 2024", "Demo", "nl", dt.date(2024, 10, 31), sections=(section,))


def xml(path, part="word/document.xml") -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def test_headings_use_real_heading_styles(small_report, tmp_path):
    document = Document(render_docx(small_report, tmp_path / "r.docx"))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert ("Title", "Maandrapportage oktober 2024") in styled
    assert ("Heading 1", "Bevindingen") in styled
    assert ("Heading 2", "Sponsoren") in styled


def test_a4_document_language_and_no_table_of_contents_instruction(small_report, tmp_path):
    path = render_docx(small_report, tmp_path / "r.docx")
    section = Document(path).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    styles = xml(path, "word/styles.xml")
    assert 'w:lang w:val="nl-NL"' in styles and "en-US" not in styles
    assert "TOC \\o" not in xml(path) and "Veld bijwerken" not in xml(path)
    english = render_docx(replace(small_report, language="en"), tmp_path / "e.docx")
    assert 'w:lang w:val="en-GB"' in xml(english, "word/styles.xml")


def test_headings_keep_with_next_and_table_headers_repeat(small_report, tmp_path):
    document = Document(render_docx(small_report, tmp_path / "r.docx"))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    body = xml(tmp_path / "r.docx")
    assert "<w:tblHeader" in body and 'w:type="fixed"' in body


def test_columns_fit_their_longest_word(tmp_path):
    from evaltoolkit.reports import Report, Section, Table

    table = Table("Vergelijking", ("Thema", "Hervestigers", "Sponsoren", "Teamleiders", "Gemeenten"),
                  tuple((f"Een lang thema over ondersteuning nummer {i}", "100%", "<3", "n.v.t.", "0%")
                        for i in range(3)))
    report = Report("T", "S", "nl", dt.date(2024, 10, 31), sections=(Section("Tabel", blocks=(table,)),))
    document = Document(render_docx(report, tmp_path / "t.docx"))
    widths = [column.width.cm for column in document.tables[0].columns]
    assert all(width >= len("Hervestigers") * 0.2 for width in widths[1:])
    assert widths[0] == max(widths)
    assert sum(widths) <= 17.01


def test_tables_and_figures_have_numbered_captions(small_report, tmp_path):
    document = Document(render_docx(small_report, tmp_path / "r.docx"))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert "Tabel 1: Indicatoren" in captions
    assert "Figuur 1: Heatmap" in captions
    assert "SEQ Tabel \\* ARABIC" in xml(tmp_path / "r.docx")
    assert len(document.inline_shapes) == 1


def test_footer_has_a_page_number_field(small_report, tmp_path):
    path = render_docx(small_report, tmp_path / "r.docx")
    footers = [name for name in zipfile.ZipFile(path).namelist() if name.startswith("word/footer")]
    assert footers, "no footer part"
    footer = "".join(xml(path, name) for name in footers)
    assert " PAGE " in footer and " NUMPAGES " in footer and "pagina " in footer and " van " in footer


def test_quote_and_callout_are_rendered(small_report, tmp_path):
    document = Document(render_docx(small_report, tmp_path / "r.docx"))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes == ["\u201cHet gaat goed.\u201d (Sponsor, 2e ronde dataverzameling)"]
    box = document.tables[-1].rows[0].cells[0]
    assert [p.text for p in box.paragraphs] == ["Belangrijk inzicht: Taal", "Tolken zijn nodig."]
    assert 'w:fill="E3EEF9"' in xml(tmp_path / "r.docx")


def test_core_properties_are_fixed_to_the_report_date(small_report, tmp_path):
    document = Document(render_docx(small_report, tmp_path / "r.docx"))
    assert document.core_properties.created == dt.datetime(2024, 10, 31, 12, 0, tzinfo=dt.timezone.utc)
    assert document.core_properties.modified == dt.datetime(2024, 10, 31, 12, 0, tzinfo=dt.timezone.utc)
    assert document.core_properties.title == "Maandrapportage oktober 2024"


def test_rendering_twice_gives_identical_files(small_report, tmp_path):
    first = render_docx(small_report, tmp_path / "a.docx").read_bytes()
    second = render_docx(small_report, tmp_path / "b.docx").read_bytes()
    assert first == second


def test_building_and_rendering_the_monthly_report_twice_gives_the_same_document_xml(data, context, tmp_path):
    paths = [render_docx(build_monthly_report(data, context, month="2024-10"), tmp_path / f"{i}.docx")
             for i in range(2)]
    assert xml(paths[0]) == xml(paths[1])
    assert paths[0].read_bytes() == paths[1].read_bytes()


def test_a_project_template_gives_its_styles_and_loses_its_body(small_report, tmp_path):
    template = write_default_template(tmp_path / "template.docx")
    document = Document(template)
    document.styles["Heading 1"].font.name = "Georgia"
    document.add_paragraph("Voorbeeldtekst uit het sjabloon")
    document.save(template)
    rendered = Document(render_docx(small_report, tmp_path / "r.docx", template=template))
    assert rendered.styles["Heading 1"].font.name == "Georgia"
    assert "Voorbeeldtekst uit het sjabloon" not in [p.text for p in rendered.paragraphs]
    assert any(p.text == "Bevindingen" for p in rendered.paragraphs)


def test_pngs_carry_no_software_or_time_metadata(small_report):
    png = small_report.sections[0].blocks[2].png
    assert b"Software" not in png and b"tIME" not in png
    from PIL import Image

    assert Image.open(io.BytesIO(png)).info.get("dpi", (150, 150))[0] == pytest.approx(150, abs=1)
