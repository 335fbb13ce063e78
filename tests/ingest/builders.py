"""A small synthetic evaluation project, and writers for binary fixture files (.docx,
.odt, .xlsx, .sav) generated in code so nothing binary is committed."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml

from evaltoolkit.project.init import init_project

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "ingest"

REGISTER = [
    # participant_id, full_name, name_variants, speaker_labels, perspective, role, site, family_id,
    # consent, consent_date, withdrawn_on, languages, notes  (all names invented)
    ["HV01", "Testpersoon Een", "Een", "R1", "hervestiger", "refugee", "stad_a", "F1", "yes", "2024-05-01", "", "ar", ""],
    ["HV02", "Testpersoon Twee", "", "R2", "hervestiger", "refugee", "stad_a", "F1", "yes", "2024-05-01", "", "ar", ""],
    ["HV03", "Testpersoon Drie", "", "R3", "hervestiger", "refugee", "stad_b", "F2", "no", "", "", "ar", ""],
    ["HV04", "Testpersoon Vier", "", "R4", "hervestiger", "refugee", "stad_b", "F2", "yes", "2024-05-01",
     "2024-08-01", "ar", ""],
    ["SP01", "Sponsor Een", "", "", "sponsor", "sponsor", "stad_a", "", "yes", "2024-05-01", "", "nl", ""],
    ["IV01", "Onderzoeker Een", "", "INTERVIEWER;Interviewer", "", "interviewer", "", "", "yes", "", "", "nl", ""],
    ["TK01", "Tolk Een", "", "TOLK;Tolk", "", "interpreter", "", "", "yes", "", "", "ar;nl", ""],
]
REGISTER_HEADER = ["participant_id", "full_name", "name_variants", "speaker_labels", "perspective", "role", "site",
                   "family_id", "consent", "consent_date", "withdrawn_on", "languages", "notes"]
MANIFEST_HEADER = ["file", "doc_id", "kind", "perspective", "site", "round", "collected_on", "language",
                   "translated_from", "interpreter_id", "participant_ids", "title", "survey_id"]
MANIFEST = [
    ["interview_r1.txt", "int_r1_a", "interview", "hervestiger", "stad_a", "", "2024-06-03", "nl", "ar", "TK01",
     "HV01;HV02;IV01", "Interview 1", ""],
    ["notes_meeting.txt", "tl_2024_01", "meeting", "teamleider", "", "", "2024-01-15", "nl", "", "", "", "Overleg", ""],
    ["email_questionnaire.txt", "gm_email", "email", "gemeente", "stad_b", "r2", "", "nl", "", "", "", "E-mail", ""],
    ["interview.vtt", "int_vtt", "interview", "hervestiger", "stad_a", "", "2024-10-10", "nl", "ar", "TK01",
     "HV01;IV01", "", ""],
    ["interview.srt", "int_srt", "interview", "hervestiger", "stad_a", "", "2024-10-11", "nl", "", "",
     "HV01;IV01", "", ""],
    ["qualtrics_sponsors.csv", "", "survey", "sponsor", "", "", "", "nl", "", "", "", "", "sponsors_r1"],
]
ROLES = ("refugee", "sponsor", "team_leader", "municipal_officer", "interpreter", "interviewer")
EVENT_KINDS = ("sponsor_training", "family_arrival")
CONFIG_CHANGES = {
    "perspectives": [{"id": p, "label_nl": p.title()} for p in ("hervestiger", "sponsor", "teamleider", "gemeente")],
    "sites": [{"id": "stad_a", "name": "Stad A"}, {"id": "stad_b", "name": "Stad B"}],
    "rounds": [{"id": "r1", "label_nl": "1e ronde", "start": "2024-06-01", "end": "2024-07-31"},
               {"id": "r2", "label_nl": "2e ronde", "start": "2024-10-01", "end": "2024-11-30"}],
    # the fixture's own vocabulary: init's starter roles and event kinds are replaced
    "roles": [{"id": "refugee", "perspective": "hervestiger"}, {"id": "sponsor", "perspective": "sponsor"},
              {"id": "team_leader", "perspective": "teamleider"}, {"id": "municipal_officer", "perspective": "gemeente"},
              {"id": "interviewer", "function": "interviewer", "numbered": False},
              {"id": "interpreter", "function": "interpreter"}],
    "event_kinds": [{"id": kind} for kind in EVENT_KINDS],
    "surveys": {"sponsors_r1": {"perspective": "sponsor", "participant_column": "ExternalReference",
                                "consent_item": "Q0", "consent_value": "Ja",
                                "closed_items": {"Q1": "site", "Q2": "rating"}}},
}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def make_project(root: Path, *, manifest: list[list[str]] | None = None, register=None) -> Path:
    """A project created by `init_project`, configured and filled with the fixture files."""
    init_project(root)
    config = yaml.safe_load((root / "evaltoolkit.yaml").read_text(encoding="utf-8"))
    config.update(CONFIG_CHANGES)
    (root / "evaltoolkit.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    raw = root / "data" / "raw"
    for row in manifest if manifest is not None else MANIFEST:
        if (FIXTURES / row[0]).is_file():
            shutil.copy2(FIXTURES / row[0], raw / row[0])
    write_csv(raw / "register.csv", REGISTER_HEADER, register if register is not None else REGISTER)
    write_csv(raw / "manifest.csv", MANIFEST_HEADER, manifest if manifest is not None else MANIFEST)
    return root


def write_docx(path: Path, paragraphs: list[tuple[str, str | None]]) -> Path:
    """A .docx with ``(text, style)`` paragraphs (style None: Normal)."""
    from docx import Document

    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def write_odt(path: Path, paragraphs: list[tuple[str, bool]]) -> Path:
    """An .odt with ``(text, is_heading)`` paragraphs."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    for text, heading in paragraphs:
        document.text.addElement(H(outlinelevel=1, text=text) if heading else P(text=text))
    document.save(str(path))
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(str(path))
    return path


def qualtrics_rows() -> list[list[str]]:
    with open(FIXTURES / "qualtrics_sponsors.csv", newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))
