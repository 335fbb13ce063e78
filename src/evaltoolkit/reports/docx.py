"""Render a :class:`Report` to Word with python-docx.

A4, the document language of the report (nl-NL or en-GB), real heading styles kept with
the next paragraph (Word's navigation pane works; no table-of-contents field that would
show an instruction until someone updates it), numbered table and figure captions (SEQ
fields), column widths fitted to the content, table header rows repeated on every page,
"pagina x van y" in the footer (PAGE and NUMPAGES fields), boxed callouts, and a
deterministic file: fixed core-property dates and zip entry times.
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
from docx.shared import Cm, Pt

from evaltoolkit.reports.blocks import BulletList, Callout, Figure, Paragraph, Quote, Report, Section, Table
from evaltoolkit.reports.template import CALLOUT_STYLE, CAPTION_STYLE, QUOTE_STYLE, styled_document

LABELS = {
    "nl": {"table": "Tabel", "figure": "Figuur", "page": "pagina ", "of": " van ", "locale": "nl-NL"},
    "en": {"table": "Table", "figure": "Figure", "page": "page ", "of": " of ", "locale": "en-GB"},
}
A4 = (Cm(21.0), Cm(29.7))
TABLE_FONT = Pt(9.5)
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
    _page_setup(document)
    _language(document, labels["locale"])
    _footer(document, labels)
    counters = {"table": 0, "figure": 0}
    for section in report.sections:
        _section(document, section, 1, labels, counters)
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
    heading = document.add_heading(section.title, level=min(level, 3))
    heading.paragraph_format.keep_with_next = True   # never stranded at the bottom of a page
    for block in section.blocks:
        _block(document, block, labels, counters)
    for subsection in section.subsections:
        _section(document, subsection, level + 1, labels, counters)


def _block(document, block, labels, counters) -> None:
    if isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        paragraph.add_run(block.text).bold = block.emphasis
        paragraph.paragraph_format.keep_with_next = block.emphasis   # a claim stays with its first quote
    elif isinstance(block, BulletList):
        for item in block.items:
            document.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Quote):
        paragraph = document.add_paragraph(style=QUOTE_STYLE)
        paragraph.add_run(f"\u201c{block.text}\u201d ")
        paragraph.add_run(block.attribution + (f" [{block.ref}]" if block.ref else "")).italic = False
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
    paragraph.paragraph_format.keep_with_next = kind == "table"   # a table's caption stays with it
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
        row = table.add_row()
        _cant_split(row)
        for cell, value in zip(row.cells, values):
            cell.text = value
    for row in table.rows:   # tables in a slightly smaller size than the text, as reports set them
        for cell in row.cells:
            for run in cell.paragraphs[0].runs:
                run.font.size = TABLE_FONT
            cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    _plain_first_column(table)
    _fit_columns(document, table, block)
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
        paragraph.add_run(labels["of"])
        _field(paragraph, "NUMPAGES", "1")


def _page_setup(document) -> None:
    """A4 portrait whatever the template or python-docx's default (US Letter) says."""
    for section in document.sections:
        section.page_width, section.page_height = A4


def _language(document, locale: str) -> None:
    """The document's language (spelling, hyphenation, what screen readers speak) in the
    default run properties and every style that sets its own."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    targets = [] if defaults is None else [defaults.find(qn("w:rPrDefault"))]
    for style in document.styles.element.findall(qn("w:style")):
        if style.find(qn("w:rPr")) is not None:
            targets.append(style)
    for target in [t for t in targets if t is not None]:
        properties = target.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            target.append(properties)
        for old in properties.findall(qn("w:lang")):
            properties.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attribute), locale)
        properties.append(lang)


def _text_width(document):
    section = document.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def _fit_columns(document, table, block: Table) -> None:
    """Column widths from the content: each column at least as wide as its longest word
    (no word is broken), the rest of the text width shared by how much text it holds."""
    columns = len(block.columns)
    texts = [[block.columns[i]] + [row[i] for row in block.rows] for i in range(columns)]

    def longest(texts_, per_char):   # the longest word's width at 9.5 pt, plus the cell's padding
        return max((len(word) for text in texts_ for word in str(text).split()), default=1) * per_char + Cm(0.45)

    # header words are bold (wider); the body is regular (the first column is not bolded, see _plain_first_column)
    needed = [max(longest([block.columns[i]], Cm(0.25)), longest([row[i] for row in block.rows], Cm(0.21)))
              for i in range(columns)]
    volume = [max(len(str(text)) for text in column) for column in texts]
    total = _text_width(document)
    minimum = [int(width) for width in needed]
    spare = max(0, total - sum(minimum))
    widths = [minimum[i] + int(spare * volume[i] / max(sum(volume), 1)) for i in range(columns)]
    if sum(widths) > total:   # too many long words for the page: shrink all alike rather than run off it
        widths = [int(w * total / sum(widths)) for w in widths]
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for index, column in enumerate(table.columns):
        column.width = widths[index]
        for cell in column.cells:
            cell.width = widths[index]


def _plain_first_column(table) -> None:
    """Only the header row is emphasised: a bold first column makes long theme names wider."""
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:noVBand"), "1")
    look.set(qn("w:val"), "0420")   # firstRow + noVBand, the same in the legacy bit mask


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)


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
    properties.language = LABELS[report.language]["locale"]
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
