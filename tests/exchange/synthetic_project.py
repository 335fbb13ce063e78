"""A small synthetic project store for the REFI-QDA exchange tests (invented text only).

A module with its own name (not conftest) so test modules can import it unambiguously.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pandas as pd

from evaltoolkit.store import open_project_store

EXCHANGE_DATA = Path(__file__).resolve().parents[1] / "data" / "exchange"
WHEN = dt.datetime(2024, 7, 1, 9, 30)

# (doc_id, kind, perspective, site, round, participant_ids, turns, line_end)
DOCUMENTS = [
    ("int_r1_zaanstad_01", "interview", "hervestiger", "zaanstad", "r1", ["HV01"], [
        ("Interviewer", "Hoe gaat het met de taal?", None),
        ("Hervestiger 1", "De brieven begrijp ik niet, ook niet met een tolk. "
                          "Gelukkig helpt [Sponsor 1] ons 😊.", "HV01"),
        ("Tolk", "Ze zegt dat de sponsor ëcht als familie voelt 👨‍👩‍👧.", None),
    ], "\n"),
    ("sponsors_r1-r_001", "survey", "sponsor", "nissewaard", "r1", ["SP01"], [
        (None, "Veel formulieren van de gemeente, daar help ik mee.", "SP01"),
        (None, "Het geeft me voldoening.", "SP01"),
    ], "\n"),
    ("tl_meeting_2024_03", "meeting", "teamleider", None, None, [], [
        (None, "Sponsoren gebruiken vertaalapps; de taal blijft lastig.", None),
        (None, "Werving gaat moeizaam in Zevenaar.", None),
    ], "\r\n"),
]

CODINGS = [  # (segment_id, code_id, coder, source, status)
    ("int_r1_zaanstad_01:0002", "taalbarriere", "anna", "manual", "accepted"),
    ("int_r1_zaanstad_01:0002", "taalbarriere", "bram", "manual", "accepted"),
    ("int_r1_zaanstad_01:0002", "uitdaging", "anna", "manual", "accepted"),
    ("int_r1_zaanstad_01:0003", "meerwaarde", "rules:keyword_rules.v1", "rule", "suggested"),
    ("int_r1_zaanstad_01:0003", "meerwaarde", "bram", "rule", "accepted"),
    ("sponsors_r1-r_001:0001", "bureaucratie", "anna", "manual", "accepted"),
    ("sponsors_r1-r_001:0002", "meerwaarde", "bram", "manual", "rejected"),
    ("tl_meeting_2024_03:0001", "taalbarriere", "anna", "manual", "accepted"),
]

MEMOS = [  # (memo_id, target_type, target_id, author, text)
    ("memo-001", "segment", "int_r1_zaanstad_01:0002", "anna", "Tolk vertaalt vrij; vergelijk met ronde 2."),
    ("memo-002", "code", "taalbarriere", "bram", "Grens met inburgering nog scherper maken."),
    ("memo-003", "document", "sponsors_r1-r_001", "anna", "Korte antwoorden."),
    ("memo-004", "project", None, "carla", "Eerste ronde volledig gecodeerd."),
]

PARTICIPANTS = [  # (participant_id, pseudonym, perspective, role, site, withdrawn_on)
    ("HV01", "Hervestiger 1", "hervestiger", "refugee", "zaanstad", None),
    ("SP01", "Sponsor 1", "sponsor", "sponsor", "nissewaard", None),
    ("SP09", "Sponsor 9", "sponsor", "stopped_sponsor", "nissewaard", dt.date(2024, 6, 1)),
]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_tables() -> dict[str, pd.DataFrame]:
    """documents, segments, codings, memos and participants as DataFrames."""
    documents, segments = [], []
    for doc_id, kind, perspective, site, round_, pids, turns, line_end in DOCUMENTS:
        parts, offset = [], 0
        for n, (label, text, participant) in enumerate(turns, start=1):
            prefix = f"{label}: " if label else ""
            start = offset + len(prefix)
            segments.append({"segment_id": f"{doc_id}:{n:04d}", "doc_id": doc_id, "n": n,
                             "participant_id": participant, "start_char": start, "end_char": start + len(text),
                             "text": text, "content_hash": _hash(text)})
            parts.append(prefix + text)
            offset += len(prefix) + len(text) + 2 * len(line_end)
        text = (line_end * 2).join(parts)
        documents.append({"doc_id": doc_id, "source_path": f"{doc_id}.txt", "kind": kind,
                          "perspective": perspective, "site": site, "round": round_,
                          "collected_on": dt.date(2024, 6, 15), "language": "nl",
                          "participant_ids": json.dumps(pids), "text": text, "content_hash": _hash(text),
                          "pseudonymiser_version": "test.v1", "pseudonymised_at": WHEN})
    codings = [{"segment_id": s, "code_id": c, "coder": coder, "source": source, "status": status,
                "created_at": WHEN, "codebook_version": "test"} for s, c, coder, source, status in CODINGS]
    memos = [{"memo_id": m, "target_type": t, "target_id": i, "author": a, "text": x,
              "created_at": WHEN, "updated_at": WHEN} for m, t, i, a, x in MEMOS]
    participants = [{"participant_id": p, "pseudonym": ps, "perspective": pe, "role": r, "site": s,
                     "consent": True, "withdrawn_on": w} for p, ps, pe, r, s, w in PARTICIPANTS]
    return {"documents": pd.DataFrame(documents), "segments": pd.DataFrame(segments),
            "codings": pd.DataFrame(codings), "memos": pd.DataFrame(memos),
            "participants": pd.DataFrame(participants)}


def write_project_store(path: Path):
    store = open_project_store(f"sqlite:///{path}")
    with store.transaction() as tx:
        for name, frame in build_tables().items():
            tx.write(name, frame)
    return store
