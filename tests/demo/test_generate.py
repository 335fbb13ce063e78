"""The synthetic demo study: deterministic, complete, consistent with the data contracts.

The study is generated once per session (scale 1, default seed) into a temporary folder;
the files are then read back with the small independent readers in ``readers.py``.
"""
from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from evaltoolkit.demo import generate_study
from evaltoolkit.demo.__main__ import main
from evaltoolkit.demo.identifiers import is_valid_bsn, is_valid_iban
from evaltoolkit.store.tables import insights as INSIGHTS_TABLE

from .readers import file_text, paragraph_segments, survey_rows, transcript_turns, words_in

REPO = Path(__file__).resolve().parents[2]
META_COLUMNS = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
                "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
                "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"]
STAFF_LABELS = {"INTERVIEWER", "TOLK", "INTERPRETER"}


@pytest.fixture(scope="session")
def study(tmp_path_factory):
    return generate_study(tmp_path_factory.mktemp("demo") / "demo")


def table(study, name: str) -> pd.DataFrame:
    return pd.read_csv(study.out_dir / name, dtype=str, keep_default_na=False)


def transcripts(study) -> pd.DataFrame:
    manifest = table(study, "manifest.csv")
    return manifest[manifest.kind.isin(["interview", "focus_group"])]


def test_same_seed_gives_byte_identical_files(study, tmp_path):
    again = generate_study(tmp_path / "again")
    assert again.files == study.files
    different = [f for f in study.files if (study.out_dir / f).read_bytes() != (tmp_path / "again" / f).read_bytes()]
    assert different == []


def test_another_seed_gives_another_study(study, tmp_path):
    other = generate_study(tmp_path / "other", seed=7)
    assert (tmp_path / "other" / "register.csv").read_text() != (study.out_dir / "register.csv").read_text()
    assert other.files == study.files


def test_study_has_at_least_50000_words(study):
    manifest = table(study, "manifest.csv")
    words = sum(words_in(study.out_dir / f) for f in manifest.file)
    assert words >= 50_000
    assert abs(words - study.word_count) / words < 0.05


def test_every_manifest_file_exists_and_every_source_file_is_in_the_manifest(study):
    manifest = table(study, "manifest.csv")
    on_disk = {p.relative_to(study.out_dir).as_posix() for p in study.out_dir.rglob("*") if p.is_file()}
    assert set(manifest.file) <= on_disk
    sources = {f for f in on_disk if "/" in f}
    assert sources == set(manifest.file)
    assert set(study.files) == on_disk


def test_manifest_covers_every_kind_perspective_round_and_format(study):
    manifest = table(study, "manifest.csv")
    assert set(manifest.kind) == {"interview", "focus_group", "survey", "meeting", "email"}
    assert set(manifest.perspective) == {"hervestiger", "sponsor", "teamleider", "gemeente"}
    assert {"r1", "r2"} <= set(manifest["round"])
    assert {Path(f).suffix for f in manifest.file} == {".docx", ".txt", ".vtt", ".srt", ".odt", ".csv", ".xlsx"}
    assert len(transcripts(study)[lambda m: m.perspective == "hervestiger"]) >= 12
    assert (manifest.kind == "meeting").sum() == 12
    assert sorted(manifest.survey_id[manifest.kind == "survey"]) == ["sponsors_r1", "sponsors_r2", "stopped_sponsors"]
    english = manifest[manifest.language == "en"]
    assert list(english.translated_from) == ["ar"] and english.interpreter_id.str.startswith("TK").all()


def test_file_names_and_doc_ids_contain_no_personal_names(study):
    register = table(study, "register.csv")
    manifest = table(study, "manifest.csv")
    names = {n.lower() for v in register.name_variants for n in v.split(";") if len(n) > 3}
    for text in [*manifest.file, *manifest.doc_id]:
        tokens = set(re.split(r"[/_.\-]", text.lower()))
        assert not tokens & names, text


def test_every_speaker_label_in_the_transcripts_is_in_the_register(study):
    register = table(study, "register.csv")
    known = {label for labels in register.speaker_labels for label in labels.split(";") if label}
    for row in transcripts(study).itertuples():
        labels = set(transcript_turns(study.out_dir / row.file))
        assert labels and labels <= known, (row.file, labels - known)


def test_transcript_participants_are_registered_refugees_or_officers_with_consent(study):
    register = table(study, "register.csv").set_index("participant_id")
    for row in transcripts(study).itertuples():
        for pid in row.participant_ids.split(";"):
            assert register.loc[pid, "role"] in ("refugee", "municipal_officer")
            assert register.loc[pid, "consent"] == "yes"
            withdrawn = register.loc[pid, "withdrawn_on"]
            assert not withdrawn or row.collected_on < withdrawn, (row.file, pid)


def _segment_counts(study) -> dict[str, int]:
    counts = {}
    for row in table(study, "manifest.csv").itertuples():
        path = study.out_dir / row.file
        if row.kind in ("interview", "focus_group"):
            counts[row.doc_id] = len(transcript_turns(path))
        elif row.kind in ("meeting", "email"):
            counts[row.doc_id] = paragraph_segments(path, email=row.kind == "email")
    return counts


def _survey_answers(study) -> dict[tuple[str, str], str]:
    """(doc_id, question_id) -> answer, for consenting respondents."""
    answers = {}
    manifest = table(study, "manifest.csv")
    for row in manifest[manifest.kind == "survey"].itertuples():
        rows = survey_rows(study.out_dir / row.file)
        header = rows[0]
        for values in rows[3:]:
            record = dict(zip(header, values))
            if record["Q0"] != "Ja":
                continue
            for column, value in record.items():
                answers[(f"{row.survey_id}-{record['ResponseId']}", f"{row.survey_id}:{column}")] = value
    return answers


def test_every_researcher_coding_points_at_an_existing_segment(study):
    codings = table(study, "researcher_codings.csv")
    counts, answers = _segment_counts(study), _survey_answers(study)
    for row in codings.itertuples():
        if row.n:
            assert 1 <= int(row.n) <= counts[row.doc_id], (row.doc_id, row.n)
        else:
            assert answers.get((row.doc_id, row.question_id), "").strip(), (row.doc_id, row.question_id)


def test_coded_transcript_segments_are_participant_turns(study):
    codings = table(study, "researcher_codings.csv")
    register = table(study, "register.csv")
    staff = STAFF_LABELS | set(register.full_name[register.role.isin(["interviewer", "interpreter"])])
    withdrawn = {label for labels in register.speaker_labels[register.withdrawn_on != ""] for label in labels.split(";")}
    for row in transcripts(study).itertuples():
        turns = transcript_turns(study.out_dir / row.file)
        coded = {int(n) for n in codings.n[codings.doc_id == row.doc_id]}
        participant_turns = {i for i, label in enumerate(turns, start=1) if label not in staff | withdrawn}
        assert coded == participant_turns, row.file
        # A withdrawn participant's turns come after every coded turn, so dropping them renumbers nothing coded.
        assert all(i > max(coded) for i, label in enumerate(turns, start=1) if label in withdrawn), row.file


def test_gold_codings_use_domain_theme_codes_and_one_valence_per_segment(study):
    codings = table(study, "researcher_codings.csv")
    a = codings[codings.coder == "onderzoeker_a"]
    valences = {"meerwaarde", "uitdaging", "reden", "voorwaarde"}
    per_segment = a.groupby(["doc_id", "n", "question_id"]).code_id.apply(list)
    assert per_segment.map(lambda codes: sum(c in valences for c in codes) == 1).all()
    planted = table(study, "planted_themes.csv").set_index(["doc_id", "n", "question_id"]).index
    n_themes = per_segment.map(lambda codes: sum(c not in valences for c in codes))
    # a segment about a planted theme alone has no codebook theme: the codebook lacks it
    assert (n_themes <= 3).all() and ((n_themes >= 1) | per_segment.index.isin(planted)).all()
    themes = set(a.code_id) - valences
    domain = set(re.findall(r"^- `([a-z_]+)`", (REPO.parent / "shared" / "domain.md").read_text(), re.M)) if (
        REPO.parent / "shared" / "domain.md").is_file() else themes
    assert themes == domain


def test_emergent_themes_are_planted_in_20_segments_across_perspectives(study):
    planted = table(study, "planted_themes.csv")
    assert not table(study, "researcher_codings.csv").code_id.str.startswith("emergent_").any()
    manifest = table(study, "manifest.csv")
    perspective = dict(zip(manifest.doc_id, manifest.perspective))
    for code, words in (("emergent_woningkwaliteit", ("schimmel", "vocht", "lekkage", "ventileren")),
                        ("emergent_moestuin", ("moestuin", "volkstuin", "oogst", "tuinieren", "zaaien"))):
        rows = planted[planted.theme == code]
        assert len(rows) >= 20
        views = {perspective.get(d, "sponsor") for d in rows.doc_id}
        assert len(views) >= 3, (code, views)
        corpus = "\n".join(file_text(study.out_dir / f) for f in manifest.file).lower()
        assert all(corpus.count(word) >= 5 for word in words), code


def test_about_a_fifth_is_double_coded_with_partial_disagreement(study):
    codings = table(study, "researcher_codings.csv")
    keys = ["doc_id", "n", "question_id"]
    a = codings[codings.coder == "onderzoeker_a"].groupby(keys).code_id.apply(frozenset)
    b = codings[codings.coder == "onderzoeker_b"].groupby(keys).code_id.apply(frozenset)
    assert 0.12 <= len(b) / len(a) <= 0.3
    same = sum(a[key] == b[key] for key in b.index)
    assert 0.3 * len(b) < same < 0.9 * len(b)


def test_planted_identifiers_occur_in_the_files_they_are_listed_for(study):
    planted = table(study, "planted_identifiers.csv")
    missing = []
    for file, group in planted.groupby("file"):
        text = file_text(study.out_dir / file)
        missing += [(file, kind) for kind, value in zip(group.identifier_type, group.value) if value not in text]
    assert missing == []
    expected = {"person_name", "phone", "email", "address", "postcode", "date_of_birth", "bsn", "v_number",
                "place", "school", "employer", "licence_plate", "iban", "ip_address"}
    assert expected <= set(planted.identifier_type)


def test_planted_identifiers_have_valid_check_digits_and_realistic_name_forms(study):
    planted = table(study, "planted_identifiers.csv")
    values = planted.groupby("identifier_type").value.apply(set)
    assert all(is_valid_bsn(v) for v in values["bsn"])
    assert all(is_valid_iban(v) for v in values["iban"])
    names = values["person_name"]
    assert any(n.islower() for n in names)  # "khaled"
    assert any(n.startswith(("Abu ", "Umm ")) for n in names)  # kunya
    assert any(n.startswith(("mevrouw ", "Mevrouw ", "dhr. ", "meneer ", "dokter ")) for n in names)
    assert any(re.search(r"\b(Al-|El |de |van )", n) for n in names)
    corpus = "\n".join(file_text(study.out_dir / f) for f in set(planted.file))
    assert re.search(r"\b[A-Z][a-z]+'s\b", corpus)  # possessive forms such as "Rami's"


def test_qualtrics_exports_have_three_header_rows_and_metadata_columns(study):
    manifest = table(study, "manifest.csv")
    for row in manifest[manifest.kind == "survey"].itertuples():
        rows = survey_rows(study.out_dir / row.file)
        ids, texts, imports = rows[:3]
        assert ids[:len(META_COLUMNS)] == META_COLUMNS
        assert ids[len(META_COLUMNS)] == "Q0" and "Q8" in ids and "Q8_why" in ids
        assert texts[ids.index("ResponseId")] == "Response ID"
        assert all("ImportId" in json.loads(cell) for cell in imports)
        assert len({r[ids.index("ResponseId")] for r in rows[3:]}) == len(rows) - 3


def test_survey_response_is_small_and_uneven(study):
    manifest = table(study, "manifest.csv")
    files = dict(zip(manifest.survey_id, manifest.file))
    sites = {}
    for survey_id, file in files.items():
        if not survey_id:
            continue
        rows = survey_rows(study.out_dir / file)
        records = [dict(zip(rows[0], r)) for r in rows[3:]]
        sites[survey_id] = Counter(r["Q1"] for r in records if r["Q0"] == "Ja")
        if survey_id == "sponsors_r2":
            assert [r["Q0"] for r in records].count("Nee, ik doe niet mee") == 1
            assert any(r["ExternalReference"] == "" for r in records)
    assert sites["sponsors_r1"] == {"Zaanstad": 2, "Nissewaard": 3}
    assert sum(sites["stopped_sponsors"].values()) == 2


def test_register_has_every_role_one_withdrawal_and_one_refusal(study):
    register = table(study, "register.csv")
    assert set(register.role) == {"refugee", "sponsor", "stopped_sponsor", "team_leader", "project_leader",
                                  "municipal_officer", "interpreter", "interviewer"}
    assert (register.role == "team_leader").sum() == 3
    assert (register.withdrawn_on != "").sum() == 1
    assert (register.consent == "no").sum() == 1
    assert set(register.site) - {""} == {"zaanstad", "nissewaard", "zevenaar"}
    assert register.participant_id.is_unique


def test_events_show_the_gap_between_targets_and_reality(study):
    events = table(study, "events.csv").astype({"count": int})
    totals = events.groupby("kind")["count"].sum()
    assert totals["family_arrival"] == 11
    assert totals["sponsor_training"] == 5
    assert totals["sponsor_joined"] == 40 and totals["sponsor_stopped"] == 20


def test_insight_evidence_points_at_coded_segments(study):
    insights = table(study, "insights.csv")
    codings = table(study, "researcher_codings.csv")
    known = {f"{d}:{int(n):04d}" for d, n in zip(codings.doc_id, codings.n) if n}
    answers = _survey_answers(study)
    assert 6 <= len(insights) <= 10
    assert set(insights.kind) == {"key_insight", "smart_approach"}
    for evidence in insights.evidence_segment_ids.map(json.loads):
        assert evidence
        for segment_id in evidence:
            doc_id = segment_id.rsplit(":", 1)[0]
            assert segment_id in known or any(d == doc_id for d, _ in answers), segment_id


def test_scale_two_doubles_the_people_and_conversations(tmp_path, study):
    bigger = generate_study(tmp_path / "x2", scale=2)
    small_manifest = table(study, "manifest.csv")
    assert len(bigger.manifest) == 2 * (len(small_manifest) - 3) + 3
    assert bigger.manifest.doc_id[bigger.manifest.doc_id != ""].is_unique
    refugees = bigger.register[bigger.register.role == "refugee"]
    assert len(refugees) == 2 * (table(study, "register.csv").role == "refugee").sum()
    labels = [label for labels in refugees.speaker_labels for label in labels.split(";")]
    assert len(labels) == len(set(labels))
    assert bigger.word_count > 1.9 * study.word_count


def test_cli_rejects_a_scale_below_one(capsys, tmp_path):
    assert main([str(tmp_path / "out"), "--scale", "0"]) == 1
    assert capsys.readouterr().err == "Error: scale must be a whole number of at least 1. Got 0 instead.\n"
    assert not (tmp_path / "out").exists()


def test_committed_demo_is_what_the_generator_writes(study):
    committed = REPO / "data" / "raw" / "demo"
    if not (committed / "manifest.csv").is_file():
        pytest.skip("data/raw/demo has not been generated in this checkout")
    stale = [f for f in study.files if not (committed / f).is_file()
             or (committed / f).read_bytes() != (study.out_dir / f).read_bytes()]
    assert stale == [], "regenerate with: python -m evaltoolkit.demo data/raw/demo"


def test_csv_tables_are_plain_utf8_with_declared_columns(study):
    expected = {
        "register.csv": "participant_id,full_name,name_variants,speaker_labels,perspective,role,site,family_id,"
                        "consent,consent_date,withdrawn_on,languages,notes",
        "manifest.csv": "file,doc_id,kind,perspective,site,round,collected_on,language,translated_from,"
                        "interpreter_id,participant_ids,title,survey_id",
        "events.csv": "event_id,kind,site,occurred_on,count,description",
        "researcher_codings.csv": "doc_id,n,question_id,code_id,coder",
        "planted_identifiers.csv": "file,identifier_type,value",
        "insights.csv": ",".join(c.name for c in INSIGHTS_TABLE.columns),
    }
    for name, header in expected.items():
        with open(study.out_dir / name, encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == header.split(","), name
