"""What does the committee read? Report content as blocks (Report, Section, Paragraph,
Table, Figure, Quote, Callout), the monthly and final report builders, and rendering to
Word with python-docx."""
from evaltoolkit.reports.blocks import (
    BulletList,
    Callout,
    Figure,
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
    report_text,
)
from evaltoolkit.reports.build import build_final_report, build_monthly_report, last_month
from evaltoolkit.reports.docx import render_docx
from evaltoolkit.reports.inputs import ReportContext, StudyData
from evaltoolkit.reports.template import styled_document, write_default_template

__all__ = [
    "BulletList",
    "Callout",
    "Figure",
    "Paragraph",
    "Quote",
    "Report",
    "ReportContext",
    "Section",
    "StudyData",
    "Table",
    "build_final_report",
    "build_monthly_report",
    "last_month",
    "render_docx",
    "report_text",
    "styled_document",
    "write_default_template",
]
