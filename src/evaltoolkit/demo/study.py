"""Generate the whole synthetic demo study: source files, register, manifest and gold tables.

``generate_study(out_dir, scale=1, seed=2024)`` is deterministic: the same seed and scale
give byte-identical files. ``scale=N`` builds N cohorts of families, sponsors and
conversations in the same three sites (the demo's evaltoolkit.yaml stays valid) and
extends the monthly meetings by a year per cohort.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from evaltoolkit.demo.documents import Document
from evaltoolkit.demo.notes import build_email_questionnaire, build_meeting
from evaltoolkit.demo.people import IdCounter, NamePicker, build_cohort, build_staff, register_table
from evaltoolkit.demo.records import (
    arrivals_by_month,
    codings_table,
    events_table,
    insights_table,
    syntheses_table,
    planted_table,
    planted_themes_table,
)
from evaltoolkit.demo.surveys import SurveyExport, build_survey, no_consent_ids
from evaltoolkit.demo.text import Composer, word_count
from evaltoolkit.demo.transcripts import (
    build_municipal_document,
    build_refugee_document,
    municipal_plans,
    refugee_plans,
)
from evaltoolkit.demo.writers import write_csv, write_document, write_xlsx
from evaltoolkit.errors import InputError

MANIFEST_COLUMNS = ("file", "doc_id", "kind", "perspective", "site", "round", "collected_on", "language",
                    "translated_from", "interpreter_id", "participant_ids", "title", "survey_id")
SURVEY_IDS = ("sponsors_r1", "sponsors_r2", "stopped_sponsors")
# What the generator owns inside out_dir: removed before writing so no stale file survives.
_OWNED_FOLDERS = ("hervestigers", "gemeenten", "teamleiders", "sponsoren")
_OWNED_FILES = ("README.md", "register.csv", "manifest.csv", "events.csv", "researcher_codings.csv",
                "insights.csv", "syntheses.csv", "planted_identifiers.csv", "planted_themes.csv", ".evaltoolkitignore")
# The answer keys are not sources: `evaltoolkit ingest` would otherwise name them as unlisted files.
IGNORE_FILE = (".evaltoolkitignore", "# Answer keys of the synthetic study, for tests: not sources, so ingestion "
               "leaves them out.\nplanted_identifiers.csv\nplanted_themes.csv\n")


@dataclass(frozen=True)
class GeneratedStudy:
    """What :func:`generate_study` wrote; every table is also a CSV file in ``out_dir``."""

    out_dir: Path
    files: tuple[str, ...]  # every file written, relative to out_dir
    register: pd.DataFrame
    manifest: pd.DataFrame
    events: pd.DataFrame
    researcher_codings: pd.DataFrame
    insights: pd.DataFrame
    planted_identifiers: pd.DataFrame
    word_count: int
    planted_themes: pd.DataFrame


def generate_study(out_dir: Path, *, scale: int = 1, seed: int = 2024) -> GeneratedStudy:
    """Write the synthetic demo study to ``out_dir`` (created; generator-owned files replaced)."""
    if not isinstance(scale, int) or scale < 1:
        raise InputError(f"scale must be a whole number of at least 1. Got {scale!r} instead.")
    out_dir = Path(out_dir)
    people_rng = random.Random(f"{seed}:people")
    picker, new_id = NamePicker(people_rng), IdCounter()
    staff = build_staff(people_rng, picker, new_id)
    cohorts = [build_cohort(index, people_rng, picker, new_id) for index in range(scale)]
    composer = Composer(random.Random(f"{seed}:text"))
    documents: list[Document] = []
    for cohort in cohorts:
        documents += [build_refugee_document(plan, cohort, staff, composer) for plan in refugee_plans(cohort, staff)]
        documents += [build_municipal_document(number, site, officer, day, cohort, staff, composer)
                      for number, (site, officer, day) in enumerate(municipal_plans(staff), start=1)]
        documents.append(build_email_questionnaire(cohort, staff, composer))
        documents += [build_meeting(month, cohort, staff, composer, arrivals_by_month()) for month in range(1, 13)]
    surveys = [build_survey(survey_id, cohorts, staff, composer) for survey_id in SURVEY_IDS]
    segments = [s for doc in documents for s in doc.segments()] + [s for survey in surveys for s in survey.segments]
    tables = {
        "register.csv": register_table(staff, cohorts, no_consent=no_consent_ids(cohorts)),
        "manifest.csv": pd.DataFrame([d.manifest_row() for d in documents] + [s.manifest_row() for s in surveys],
                                     columns=list(MANIFEST_COLUMNS)).sort_values("file", ignore_index=True),
        "events.csv": events_table(scale),
        "researcher_codings.csv": codings_table(segments, random.Random(f"{seed}:codings")),
        "insights.csv": insights_table(segments),
        "syntheses.csv": syntheses_table(),
        "planted_identifiers.csv": planted_table({**{d.file: d.found for d in documents},
                                                  **{s.file: s.found for s in surveys}}),
        "planted_themes.csv": planted_themes_table(segments),
    }
    _clear(out_dir)
    writer_rng = random.Random(f"{seed}:writers")
    for doc in documents:
        write_document(doc, out_dir, writer_rng)
    for survey in surveys:
        _write_survey(survey, out_dir)
    for name, table in tables.items():
        write_csv(out_dir / name, table.astype(str).to_dict("records"), columns=list(table.columns))
    words = sum(word_count(doc.plain_text()) for doc in documents) + sum(_survey_words(s) for s in surveys)
    (out_dir / "README.md").write_text(_readme(scale, seed, words, len(documents), surveys), encoding="utf-8")
    (out_dir / IGNORE_FILE[0]).write_text(IGNORE_FILE[1], encoding="utf-8")
    files = sorted([*(d.file for d in documents), *(s.file for s in surveys), *tables, "README.md", IGNORE_FILE[0]])
    return GeneratedStudy(out_dir, tuple(files), tables["register.csv"], tables["manifest.csv"], tables["events.csv"],
                          tables["researcher_codings.csv"], tables["insights.csv"], tables["planted_identifiers.csv"],
                          words, tables["planted_themes.csv"])


def _clear(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for folder in _OWNED_FOLDERS:
        shutil.rmtree(out_dir / folder, ignore_errors=True)
    for name in _OWNED_FILES:
        (out_dir / name).unlink(missing_ok=True)


def _write_survey(survey: SurveyExport, out_dir: Path) -> None:
    rows = [*survey.header, *survey.rows]
    if survey.fmt == "xlsx":
        write_xlsx(out_dir / survey.file, rows)
    else:  # Qualtrics puts a byte-order mark in its CSV exports; the stopped-sponsor file was re-saved without
        write_csv(out_dir / survey.file, rows, bom=survey.survey_id == "sponsors_r1")


def _survey_words(survey: SurveyExport) -> int:
    open_columns = [i for i, import_id in enumerate(survey.header[2]) if "_TEXT" in import_id]
    return sum(word_count(row[i]) for row in survey.rows for i in open_columns)


def _readme(scale: int, seed: int, words: int, n_documents: int, surveys: list[SurveyExport]) -> str:
    responses = ", ".join(f"{s.survey_id}: {len(s.rows)} responses" for s in surveys)
    return f"""# Demo study: SYNTHETIC DATA (synthetische demodata)

Everything in this folder is **invented** by `python -m evaltoolkit.demo` (seed {seed}, scale {scale}).
No file describes a real person: names, addresses, phone numbers, BSN and V-numbers, IBANs
and e-mail addresses are generated, and planted on purpose so that the privacy stage can be
tested. `planted_identifiers.csv` lists every planted value per file.

The study imitates the evaluation of a community sponsorship pilot in Zaanstad, Nissewaard
and Zevenaar (see evaltoolkit.yaml): {n_documents} transcripts, meeting notes and municipal
documents and three Qualtrics exports ({responses}); about {words:,} words in total.

| path | what |
|---|---|
| `register.csv` | participants, research staff and interpreters; names, speaker labels, consent, withdrawal |
| `manifest.csv` | one row per source file with doc_id, kind, perspective, site, round, date, language, interpreter |
| `hervestigers/` | interviews and focus groups with resettled refugees (.docx, .txt, .vtt, .srt), via an interpreter |
| `sponsoren/` | sponsor questionnaires as Qualtrics exports (three header rows): round 1 .csv, round 2 .xlsx, stopped sponsors .csv |
| `teamleiders/` | notes of the twelve monthly team-leader meetings (.docx, .txt, .odt) |
| `gemeenten/` | interviews with municipal staff (.docx) and one questionnaire answered by e-mail (.txt) |
| `events.csv` | programme activities (arrivals, trainings, info sessions, sponsors joining and stopping) |
| `researcher_codings.csv` | codings by the research team with the codebook's codes (`onderzoeker_a`, double-coded sample by `onderzoeker_b`) |
| `planted_themes.csv` | where two themes the codebook lacks were planted (damp and mould; a community garden), for topic-model tests |
| `insights.csv` | the insights log ("Belangrijk inzicht", "Slimme aanpak") with evidence segment ids |
| `syntheses.csv` | the researcher's own claims for a few themes (theme x perspective x meaning x month), printed instead of draft claims |
| `planted_identifiers.csv` | every planted personal identifier, per file (for privacy tests) |
| `.evaltoolkitignore` | tells `evaltoolkit ingest` that the two `planted_*.csv` answer keys are not sources |

Regenerate with `python -m evaltoolkit.demo data/raw/demo`; do not edit these files by hand.
"""
