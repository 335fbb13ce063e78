"""Fixtures for the privacy tests: a detector built once, and a small synthetic project
whose raw store is written directly from tests/data/privacy/ (no ingestion needed)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from evaltoolkit.config import load_config
from evaltoolkit.store import open_raw_store, table_schema

PASSPHRASE = "correct horse battery staple"
DATA = Path(__file__).resolve().parents[1] / "data" / "privacy"
CONFIG = """\
project: {name: privacy test, language: nl, report_language: nl}
perspectives:
  - {id: hervestiger, label_nl: Hervestigers, label_en: Resettled refugees, role_label_nl: Hervestiger, role_label_en: Resettled refugee}
  - {id: sponsor, label_nl: Sponsoren, label_en: Sponsors, role_label_nl: Sponsor, role_label_en: Sponsor}
  - {id: teamleider, label_nl: Teamleiders, label_en: Team leaders, role_label_nl: Teamleider, role_label_en: Team leader}
  - {id: gemeente, label_nl: Gemeenten, label_en: Municipalities, role_label_nl: Gemeentemedewerker, role_label_en: Municipal officer}
roles:
  - {id: refugee, perspective: hervestiger}
  - {id: sponsor, perspective: sponsor}
  - {id: team_leader, perspective: teamleider}
  - {id: interpreter, function: interpreter, label_nl: Tolk, label_en: Interpreter, numbered: false}
  - {id: interviewer, function: interviewer, label_nl: Interviewer, label_en: Interviewer, numbered: false}
sites: [{id: zaanstad, name: Zaanstad}]
rounds: [{id: r1, start: 2024-06-01, end: 2024-07-31}]
paths: {raw: data/raw/test}
privacy:
  placeholder_language: LANGUAGE
  allow_list: [VluchtelingenWerk, COA, Zaanstad]
"""
# file, doc_id, kind, collected_on, language
DOCUMENTS = [
    ("interview_june.txt", "hv-int-01", "interview", "2024-06-10", "nl"),
    ("focusgroup_june.txt", "hv-fg-01", "focus_group", "2024-06-20", "nl"),
    ("meeting_july.txt", "tl-2024-07", "meeting", "2024-07-05", "nl"),
    ("stt_lowercase.txt", "hv-stt-01", "interview", "2024-07-10", "nl"),
]


@pytest.fixture(scope="session")
def detector():
    """One detector for the session (without deduce, whose start-up is slow)."""
    logging.getLogger().setLevel(logging.WARNING)
    from evaltoolkit.privacy import Detector

    return Detector(use_deduce=False)


def project_id(config, register_id: str) -> str | None:
    """``register_id``'s id in the project store: the opaque id the project's key drew."""
    from evaltoolkit.privacy import load_key

    return load_key(config.paths.key, passphrase=PASSPHRASE).opaque_id(register_id, create=False)


def read_register() -> pd.DataFrame:
    frame = pd.read_csv(DATA / "register.csv", dtype=str, keep_default_na=False)
    for column in ("name_variants", "speaker_labels"):
        frame[column] = pd.Series([[v for v in value.split(";") if v] for value in frame[column]], dtype="object")
    frame["consent"] = frame["consent"] == "yes"
    frame = frame.replace({"": None})
    return table_schema("raw_participants").coerce(frame)


def transcript_tables(file: str, doc_id: str, kind: str, collected_on: str, language: str,
                      labels: dict[str, str], roles: dict[str, str]):
    """(document row, segment rows) in the data-contract layout: turns "LABEL: text"
    joined by blank lines, segment offsets after the label; other lines are the header."""
    turns = []
    for line in (DATA / file).read_text(encoding="utf-8").splitlines():
        label, sep, text = line.partition(": ")
        if sep and label.upper() in labels:
            turns.append((label, text))
    parts, segments, offset = [], [], 0
    for n, (label, text) in enumerate(turns, start=1):
        prefix = f"{label}: "
        start = offset + len(prefix)
        participant = labels[label.upper()]
        role = roles[participant]
        segments.append({
            "segment_id": f"{doc_id}:{n:04d}", "doc_id": doc_id, "n": n, "participant_id": participant,
            "speaker_label": label, "speaker_role": role if role in ("interviewer", "interpreter") else "participant",
            "start_char": start, "end_char": start + len(text), "text": text,
            "content_hash": hashlib.sha256(text.encode()).hexdigest()})
        parts.append(prefix + text)
        offset += len(prefix) + len(text) + 2
    text = "\n\n".join(parts)
    participant_ids = sorted({s["participant_id"] for s in segments if s["speaker_role"] == "participant"})
    document = {"doc_id": doc_id, "source_path": file, "kind": kind, "perspective": "hervestiger", "site": "zaanstad",
                "round": "r1", "collected_on": dt.date.fromisoformat(collected_on), "language": language,
                "participant_ids": json.dumps(participant_ids), "text": text,
                "content_hash": hashlib.sha256(text.encode()).hexdigest(), "ingested_at": dt.datetime(2024, 8, 1)}
    return document, segments


def write_raw_store(config, documents=DOCUMENTS) -> None:
    register = read_register()
    labels = {label.upper(): row.participant_id for row in register.itertuples()
              for label in row.speaker_labels}
    roles = dict(zip(register["participant_id"], register["role"]))
    docs, segments = [], []
    for entry in documents:
        document, rows = transcript_tables(*entry, labels=labels, roles=roles)
        docs.append(document)
        segments.extend(rows)
    raw = open_raw_store(config.paths.raw_store)
    with raw.transaction() as tx:
        tx.write("raw_participants", register, mode="replace")
        tx.write("raw_documents", pd.DataFrame(docs), mode="upsert")
        tx.write("raw_segments", pd.DataFrame(segments), mode="upsert")
        tx.write("raw_attributes", pd.DataFrame([
            {"entity_type": "participant", "entity_id": "SP01", "name": "age_band", "value": "45-54"},
            {"entity_type": "participant", "entity_id": "SP01", "name": "contact", "value": "joke@example.org"},
        ]), mode="upsert")
        tx.write("raw_questions", pd.DataFrame([
            {"question_id": "s1:Q9", "survey_id": "s1", "column": "Q9", "text": "Hoe gaat het contact met Khaled?",
             "item_type": "open"}]), mode="upsert")


def make_project(root: Path, *, language: str = "nl"):
    root.mkdir(parents=True, exist_ok=True)
    (root / "evaltoolkit.yaml").write_text(CONFIG.replace("LANGUAGE", language), encoding="utf-8")
    config = load_config(root)
    write_raw_store(config)
    return config


@pytest.fixture()
def project(tmp_path):
    """A small synthetic project with a filled raw store (not pseudonymised yet)."""
    return make_project(tmp_path / "project")


@pytest.fixture()
def pseudonymised(project, detector):
    """The small project after one pseudonymisation run."""
    from evaltoolkit.project import Project, pseudonymise_project

    pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    return project
