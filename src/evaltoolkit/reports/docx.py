"""Render a :class:`Report` to Word with python-docx.

Real heading styles (so Word's navigation pane and table of contents work), a TOC field
that Word fills in on opening, numbered table and figure captions (SEQ fields), page
numbers in the footer (PAGE field), boxed callouts, and a deterministic file: fixed
core-property dates and fixed zip entry times, so the same report gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from evaltoolkit.reports.blocks import BulletList, Callout, Figure, Paragraph, Quote, Report, Section, Table
from evaltoolkit.reports.template import CALLOUT_STYLE, CAPTION_STYLE, QUOTE_STYLE, styled_document

LABELS = {
    "nl": {"toc": "Inhoudsopgave", "toc_hint": "Klik met de rechtermuisknop en kies 'Veld bijwerken' "
           "om de inhoudsopgave te tonen.", "table": "Tabel", "figure": "Figuur", "page": "Pagina "},
    "en": {"toc": "Contents", "toc_hint": "Right-click and choose 'Update field' to show the table of contents.",
           "table": "Table", "figure": "Figure", "page": "Page "},
}
CALLOUT_SHADES = {"key_insight": "E3EEF9", "smart_approach": "E6F4EA", "methods": "F2F2F2", "note": "F2F2F2"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(report: Report, path: Path | str, *, template: Path | str | None = None) -> Path:
    """Write ``report`` to ``path`` (.docx); ``template`` is a .docx whose styles, headers
    and page set-up are used (its body text is dropped). Returns the path written."""
    path = Path(path)
    document = _start(template)
    labels = LABELS[report.language]
    _core_properties(document, report)
    document.add_paragraph(report.title, style="Title")
    document.add_paragraph(report.subtitle, style="Subtitle" if _has(document, "Subtitle") else None)
    document.add_paragraph(labels["toc"], style="TOC Heading" if _has(document, "TOC Heading") else "Heading 1")
    _field(document.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', labels["toc_hint"])
    _footer(document, labels)
    counters = {"table": 0, "figure": 0}
    for section in report.sections:
        _section(document, section, 1, labels, counters)
    _update_fields_on_open(document)
    buffer = io.BytesIO()
    document.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _start(template):
    if template is None:
        return styled_document()
    document = Document(str(template))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for name, kind in ((QUOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH), (CAPTION_STYLE, WD_STYLE_TYPE.PARAGRAPH),
                       (CALLOUT_STYLE, WD_STYLE_TYPE.PARAGRAPH)):
        if not _has(document, name):
            document.styles.add_style(name, kind)
    return document


def _has(document, name: str) -> bool:
    return any(style.name == name for style in document.styles)


def _section(document, section: Section, level: int, labels, counters) -> None:
    document.add_heading(section.title, level=min(level, 3))
    for block in section.blocks:
        _block(document, block, labels, counters)
    for subsection in section.subsections:
        _section(document, subsection, level + 1, labels, counters)


def _block(document, block, labels, counters) -> None:
    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.text).bold = block.emphasis
    elif isinstance(block, BulletList):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Quote):
        paragraph = document.add_paragraph(style=QUOTE_STYLE)
        paragraph.add_run(f"\u201c{block.text}\u201d ")
        paragraph.add_run(block.attribution).italic = False
    elif isinstance(block, Table):
        _caption(document, labels["table"], block.caption, counters, "table")
        _table(document, block)
    elif isinstance(block, Figure):
        document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _caption(document, labels["figure"], block.caption, counters, "figure")
    elif isinstance(block, Callout):
        _callout(document, block)


def _caption(document, label: str, text: str, counters, kind: str) -> None:
    counters[kind] += 1
    paragraph = document.add_paragraph(style=CAPTION_STYLE)
    paragraph.add_run(f"{label} ")
    _field(paragraph, f"SEQ {label} \\* ARABIC", str(counters[kind]))
    paragraph.add_run(f": {text}")


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.columns))
    if _has(document, "Light Grid Accent 1"):
        table.style = "Light Grid Accent 1"
    else:
        table.style = "Table Grid" if _has(document, "Table Grid") else None
    for cell, name in zip(table.rows[0].cells, block.columns):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for values in block.rows:
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    for note in block.notes:
        document.add_paragraph(note, style=CAPTION_STYLE).runs[0].bold = False


def _callout(document, block: Callout) -> None:
    table = document.add_table(rows=1, cols=1)
    cell = table.rows[0].cells[0]
    _shade(cell, CALLOUT_SHADES[block.kind])
    title = cell.paragraphs[0]
    title.style = document.styles[CALLOUT_STYLE]
    title.add_run(block.title).bold = True
    for text in block.paragraphs:
        cell.add_paragraph(text, style=CALLOUT_STYLE)
    document.add_paragraph()


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, shown text, end) Word can update."""
    def char(kind):
        run = OxmlElement("w:r")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        run.append(element)
        return run

    paragraph._p.append(char("begin"))
    run = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run.append(text)
    paragraph._p.append(run)
    paragraph._p.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph._p.append(char("end"))


def _footer(document, labels) -> None:
    for section in document.sections:
        paragraph = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        paragraph.text = ""
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(labels["page"])
        _field(paragraph, "PAGE", "1")


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _core_properties(document, report: Report) -> None:
    moment = dt.datetime.combine(report.date, dt.time(12, 0))
    properties = document.core_properties
    properties.title = report.title
    properties.subject = report.subtitle
    properties.author = report.author
    properties.last_modified_by = report.author
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    properties.language = report.language
    properties.comments = ""
    properties.keywords = ""


def _fixed_zip(data: bytes) -> bytes:
    """The same .docx with every entry's time set to 1980-01-01, so bytes do not depend on the clock."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()
