"""The default report styles, made in code so there is no binary to keep in sync.

``styled_document()`` is what :func:`~evaltoolkit.reports.render_docx` starts from when a
project has no template of its own; ``write_default_template(path)`` saves it as a .docx a
project can restyle in Word and name in ``reports.template`` of ``evaltoolkit.yaml``.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Pt, RGBColor

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)     # dark blue headings
MUTED = RGBColor(0x55, 0x55, 0x55)
CALLOUT_STYLE = "Callout Text"
QUOTE_STYLE = "Quote"
CAPTION_STYLE = "Caption"


def styled_document():
    """A python-docx Document with the report's styles (fonts, headings, quote, caption)."""
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        heading = styles[f"Heading {level}"]
        heading.font.name = "Calibri"
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = ACCENT
        heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        heading.paragraph_format.keep_with_next = True
    styles["Title"].font.color.rgb = ACCENT
    quote = styles[QUOTE_STYLE]
    quote.font.italic = True
    quote.font.color.rgb = MUTED
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.right_indent = Cm(1)
    caption = styles[CAPTION_STYLE]
    caption.font.size = Pt(9)
    caption.font.bold = True
    caption.font.color.rgb = ACCENT
    callout = styles.add_style(CALLOUT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    callout.base_style = normal
    callout.font.size = Pt(10)
    callout.paragraph_format.space_after = Pt(3)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.2)
    return document


def write_default_template(path: Path | str) -> Path:
    """Save the default styles as a .docx template a project can adapt."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    styled_document().save(path)
    return path
