"""Withdrawal removes one participant's data everywhere and nothing else."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from evaltoolkit.errors import InputError
from evaltoolkit.privacy import load_key
from evaltoolkit.project import Project, withdraw_participant
from evaltoolkit.store import open_project_store, open_raw_store

from .conftest import PASSPHRASE, project_id


def add_work(store):
    now = pd.Timestamp("2024-08-01")
    store.write("codings", pd.DataFrame([
        {"segment_id": "hv-fg-01:0002", "code_id": "wonen", "coder": "anna", "source": "manual", "status": "accepted",
         "created_at": now},
        {"segment_id": "hv-fg-01:0003", "code_id": "familie", "coder": "anna", "source": "manual",
         "status": "accepted", "created_at": now}]))
    store.write("memos", pd.DataFrame([
        {"memo_id": "m1", "target_type": "segment", "target_id": "hv-fg-01:0002", "author": "anna", "text": "x",
         "created_at": now, "updated_at": now},
        {"memo_id": "m2", "target_type": "segment", "target_id": "hv-fg-01:0003", "author": "anna", "text": "y",
         "created_at": now, "updated_at": now}]))
    store.write("insights", pd.DataFrame([{
        "insight_id": "i1", "kind": "key_insight", "title": "t", "text": "x", "status": "open",
        "evidence_segment_ids": json.dumps(["hv-fg-01:0002", "hv-fg-01:0003"]),
        "created_on": now.date(), "updated_on": now.date()}]))
    store.write("topic_assignments", pd.DataFrame([
        {"segment_id": "hv-fg-01:0002", "model_version": "v1", "topic_id": 1},
        {"segment_id": "hv-fg-01:0003", "model_version": "v1", "topic_id": 2}]))


def test_withdrawal_removes_turns_codings_memos_and_evidence_and_keeps_the_rest(pseudonymised):
    store = open_project_store(pseudonymised.paths.store_url)
    add_work(store)
    before = store.read("segments")
    placeholder = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE).participant_entity("HV02").placeholder("nl")
    report = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert str(report) == ("Withdrew HV02: removed 0 documents, 2 segments, 1 codings, 1 memos, 1 topic assignments; "
                           "updated the evidence of 1 insights.\n"
                           "Source files that hold their words (delete them, or remove their part and ingest again):\n"
                           "  focusgroup_june.txt")
    segments = store.read("segments")
    assert set(before["segment_id"]) - set(segments["segment_id"]) == {"hv-fg-01:0002", "hv-fg-01:0004"}
    text = store.read("documents", where={"doc_id": "hv-fg-01"}).iloc[0]["text"]
    assert f"{placeholder}:" not in text
    assert all(text[s.start_char:s.end_char] == s.text for s in segments[segments.doc_id == "hv-fg-01"].itertuples())
    assert store.read("codings")["segment_id"].tolist() == ["hv-fg-01:0003"]
    assert store.read("memos")["memo_id"].tolist() == ["m2"]
    assert store.read("insights").iloc[0]["evidence_segment_ids"] == ["hv-fg-01:0003"]
    assert store.read("topic_assignments")["segment_id"].tolist() == ["hv-fg-01:0003"]
    hv02 = project_id(pseudonymised, "HV02")   # the analysis side knows them by the key's opaque id only
    participant = store.read("participants", where={"participant_id": hv02}).iloc[0]
    assert participant["withdrawn_on"] is not None and pd.isna(participant["pseudonym"])
    assert store.read("audit_log").iloc[-2:][["action", "entity_id"]].values.tolist() == [
        ["withdraw", hv02], ["withdraw.complete", hv02]]
    assert not store.read("participants", where={"participant_id": "HV02"}).size


def test_withdrawal_clears_raw_names_and_the_key_link(pseudonymised):
    withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    raw = open_raw_store(pseudonymised.paths.raw_store)
    person = raw.read("raw_participants", where={"participant_id": "HV02"}).iloc[0]
    assert pd.isna(person["full_name"]) and pd.isna(person["name_variants"]) and person["withdrawn_on"] is not None
    assert raw.read("raw_segments", where={"participant_id": "HV02"}).empty
    key = load_key(pseudonymised.paths.key, passphrase=PASSPHRASE)
    assert key.participant_entity("HV02") is None
    assert key.entity_for_surface("Amina") is not None   # a mention by someone else stays replaced


def test_withdrawal_of_the_only_participant_removes_the_document(pseudonymised):
    report = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "TL01", actor="anna")
    assert report.documents == 1
    store = open_project_store(pseudonymised.paths.store_url)
    assert "tl-2024-07" not in set(store.read("documents")["doc_id"])
    assert len(store.read("documents")) == 3


def test_withdrawal_of_an_unknown_id_says_so(pseudonymised):
    with pytest.raises(InputError, match=re.escape("'XX99' is not in the register")):
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "XX99", actor="anna")


def test_staff_cannot_be_withdrawn(pseudonymised):
    with pytest.raises(InputError) as error:
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "OZ01", actor="anna")
    assert str(error.value) == ("'OZ01' has the staff role 'interviewer' (evaltoolkit.yaml, roles:); staff are not "
                                "participants and cannot be withdrawn. Check the id, or set staff: false for the role.")


def segments_of(config, participant_id, *, raw=False):
    store = open_raw_store(config.paths.raw_store) if raw else open_project_store(config.paths.store_url)
    segments = store.read("raw_segments" if raw else "segments")
    wanted = participant_id if raw else project_id(config, participant_id)
    return segments.loc[segments["participant_id"] == wanted, "text"].tolist()


def add_derived_files(config, texts_of_person, texts_of_others):
    """A saved topic model holding the person's words, an embedding cache with their
    vectors and another person's, and a saved learned suggester."""
    import hashlib
    import pickle

    import numpy as np

    models = config.paths.models
    (models / "v1").mkdir(parents=True)
    (models / "v1" / "metadata.json").write_text("{}", encoding="utf-8")
    (models / "v1" / "bertopic.pickle").write_bytes(pickle.dumps({"representative_docs": {0: texts_of_person}}))
    (models / "embeddings").mkdir()
    texts = texts_of_person + texts_of_others
    vectors = np.arange(len(texts) * 4, dtype=np.float32).reshape(len(texts), 4) + 1000
    np.savez(models / "embeddings" / "e5.npz", keys=np.array([hashlib.sha256(t.encode()).hexdigest() for t in texts]),
             vectors=vectors, signature=np.array("e5 1"))
    (models / "suggester").mkdir()
    (models / "suggester" / "abc.joblib").write_bytes(pickle.dumps({"rows": texts_of_person}))
    return vectors[:len(texts_of_person)]


def encodings_of(texts):
    """Each text as a file could hold it: UTF-8, UTF-16 (both byte orders)."""
    return [t.encode(encoding) for t in texts for encoding in ("utf-8", "utf-16-le", "utf-16-be")]


def files_holding(root, needles):
    """Files under ``root`` (relative paths) whose bytes, or the bytes of one of their zip
    members (.docx, .xlsx, .qdpx), hold one of ``needles``."""
    import zipfile

    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        blobs = [path.read_bytes()]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs += [archive.read(name) for name in archive.namelist()]
        if any(n in blob for blob in blobs for n in needles):
            found.append(str(path.relative_to(root)))
    return found


def test_withdrawal_leaves_no_byte_of_their_text_or_vectors_in_any_file(pseudonymised):
    from evaltoolkit.project import export_review_queue

    from .test_leaks import write_report

    project = Project(pseudonymised).unlock(PASSPHRASE)
    store = open_project_store(pseudonymised.paths.store_url)
    add_work(store)
    theirs, others = segments_of(pseudonymised, "HV02"), segments_of(pseudonymised, "HV01")
    raw_theirs = segments_of(pseudonymised, "HV02", raw=True)
    their_vectors = add_derived_files(pseudonymised, theirs, others)
    write_report(pseudonymised.paths.reports / "juli.docx", ["Citaat:", theirs[0]])
    quoted = " ".join(theirs[0].split()[2:10])   # part of a turn, as a report quotes it
    (pseudonymised.paths.reports / "themes.csv").write_bytes(f"theme,quote\nwonen,{quoted}\n".encode("utf-16"))
    review = export_review_queue(project)
    needles = encodings_of(t for t in theirs + raw_theirs if len(t) >= 12) + [v.tobytes() for v in their_vectors]
    root = pseudonymised.paths.root
    holding = files_holding(root, needles)   # the needles are found where they are (the -wal files too)
    assert {"reports/juli.docx", "data/pseudonymised/models/v1/bertopic.pickle",
            "data/pseudonymised/models/embeddings/e5.npz", "data/pseudonymised/models/suggester/abc.joblib"} \
        <= set(holding)
    for store_file in ("data/pseudonymised/project.sqlite", "data/raw/.store/raw.sqlite"):
        assert [path for path in holding if path.startswith(store_file)], store_file
    report = withdraw_participant(project, "HV02", actor="anna")
    assert report.topic_models == ("v1",) and report.embeddings == len(theirs) and report.suggester_models == 1
    assert set(report.exports) >= {"reports/juli.docx", "reports/themes.csv"}
    assert report.sources == ("focusgroup_june.txt",)
    assert "Earlier outputs still hold their words; delete them (and copies sent on):\n" in str(report)
    import numpy as np

    with np.load(pseudonymised.paths.models / "embeddings" / "e5.npz") as cache:
        assert len(cache["keys"]) == len(others)
    for listed in report.exports:   # the researcher deletes what was listed
        (root / listed).unlink()
    assert files_holding(root, needles) == []
    assert files_holding(root, encodings_of([quoted])) == []
    # nor a run of eight of their words in any output or review file (the review file listed, or clean)
    from evaltoolkit.project.privacy import outputs_holding

    assert outputs_holding(project, theirs + raw_theirs) == []
    assert review.exists() or str(review.relative_to(root)) in report.exports


def test_a_withdrawal_finished_after_a_crash_still_lists_the_earlier_outputs_that_quote_them(
        pseudonymised, monkeypatch):
    from evaltoolkit.privacy.withdrawals import pending, withdrawals_path
    from evaltoolkit.store.faults import InjectedCrash

    from .test_leaks import write_report

    theirs = segments_of(pseudonymised, "HV02")
    write_report(pseudonymised.paths.reports / "juli.docx", ["Citaat:", " ".join(theirs[0].split()[:9])])
    monkeypatch.setenv("EVALTOOLKIT_CRASH_AT", "withdraw.after_stores")
    with pytest.raises(InjectedCrash):
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert segments_of(pseudonymised, "HV02") == []   # the stores are clean, the rest is not done
    assert pending(withdrawals_path(pseudonymised.paths.key)) == ["HV02"]
    monkeypatch.delenv("EVALTOOLKIT_CRASH_AT")
    report = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert report.exports == ("reports/juli.docx",)
    assert pending(withdrawals_path(pseudonymised.paths.key)) == []
    assert "reports/juli.docx" in str(report)


def test_a_withdrawal_with_the_key_locked_cleans_the_stores_and_stays_pending_until_the_key_is_there(
        pseudonymised, monkeypatch):
    from evaltoolkit.privacy.withdrawals import pending, withdrawals_path

    monkeypatch.delenv("EVALTOOLKIT_KEY_PASSPHRASE", raising=False)
    report = withdraw_participant(Project(pseudonymised), "HV02", actor="anna")
    assert segments_of(pseudonymised, "HV02") == [] and segments_of(pseudonymised, "HV02", raw=True) == []
    assert "The pseudonymisation key still links HV02 to their placeholder (it is locked)" in str(report)
    assert pending(withdrawals_path(pseudonymised.paths.key)) == ["HV02"]
    assert load_key(pseudonymised.paths.key, passphrase=PASSPHRASE).participant_entity("HV02") is not None
    finished = withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert not finished.key_locked and pending(withdrawals_path(pseudonymised.paths.key)) == []
    assert load_key(pseudonymised.paths.key, passphrase=PASSPHRASE).participant_entity("HV02") is None


def test_withdrawal_survives_a_rebuilt_raw_store(pseudonymised, detector):
    from evaltoolkit.project import pseudonymise_project

    from .conftest import write_raw_store

    theirs = segments_of(pseudonymised, "HV02")
    withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    pseudonymised.paths.raw_store.unlink()
    write_raw_store(pseudonymised)   # register and transcripts as collected: HV02 not withdrawn there
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector, force=True)
    store = open_project_store(pseudonymised.paths.store_url)
    assert project_id(pseudonymised, "HV02") not in set(store.read("segments")["participant_id"].dropna())
    assert segments_of(pseudonymised, "HV02") == []
    documents = "\n".join(store.read("documents")["text"])
    assert not [t for t in theirs if t in documents]


def test_ingestion_honours_the_withdrawal_list():
    import datetime as dt

    from evaltoolkit.privacy.withdrawals import with_withdrawals

    register = pd.DataFrame({"participant_id": ["HV01", "HV02"], "withdrawn_on": [None, None]})
    marked = with_withdrawals(register, {"HV02": dt.date(2024, 9, 1)})
    assert marked["withdrawn_on"].tolist() == [None, dt.date(2024, 9, 1)]


def test_a_withdrawal_entered_in_the_register_removes_codings_memos_and_topic_work(pseudonymised, detector):
    from evaltoolkit.project import pseudonymise_project
    from evaltoolkit.privacy.withdrawals import read_withdrawals, withdrawals_path

    store = open_project_store(pseudonymised.paths.store_url)
    add_work(store)
    raw = open_raw_store(pseudonymised.paths.raw_store)
    people = raw.read("raw_participants")
    raw.write("raw_participants", people[people["participant_id"] == "HV02"].assign(
        withdrawn_on=pd.Timestamp("2024-09-01").date()), mode="upsert")   # as ingesting register.csv does
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector)
    assert store.read("codings")["segment_id"].tolist() == ["hv-fg-01:0003"]
    assert store.read("memos")["memo_id"].tolist() == ["m2"]
    assert store.read("topic_assignments")["segment_id"].tolist() == ["hv-fg-01:0003"]
    listed = read_withdrawals(withdrawals_path(pseudonymised.paths.key))
    assert listed[["participant_id", "withdrawn_on"]].values.tolist() == [["HV02", "2024-09-01"]]
    assert listed["completed_at"].notna().all()


def test_an_interrupted_withdrawal_is_finished_by_the_next_run(pseudonymised, detector, monkeypatch):
    from evaltoolkit.project import pseudonymise_project
    from evaltoolkit.privacy.withdrawals import pending, withdrawals_path
    from evaltoolkit.topics import persistence

    store = open_project_store(pseudonymised.paths.store_url)
    add_work(store)
    add_derived_files(pseudonymised, segments_of(pseudonymised, "HV02"), segments_of(pseudonymised, "HV01"))

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(persistence, "purge_topic_models", crash)
    with pytest.raises(KeyboardInterrupt):
        withdraw_participant(Project(pseudonymised).unlock(PASSPHRASE), "HV02", actor="anna")
    assert pending(withdrawals_path(pseudonymised.paths.key)) == ["HV02"]
    assert (pseudonymised.paths.models / "v1").exists()
    monkeypatch.undo()
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector)
    assert pending(withdrawals_path(pseudonymised.paths.key)) == []
    assert not (pseudonymised.paths.models / "v1").exists()


def test_a_withdrawal_before_the_first_pseudonymisation_keeps_mentions_of_them_replaced(project, detector):
    from evaltoolkit.project import leak_check, pseudonymise_project

    withdraw_participant(Project(project).unlock(PASSPHRASE), "HV02", actor="researcher")   # no key yet
    pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    documents = "\n".join(open_project_store(project.paths.store_url).read("documents")["text"]).lower()
    assert "amina" not in documents and "umm rami" not in documents
    assert leak_check(Project(project).unlock(PASSPHRASE)).ok


def test_a_withdrawal_in_register_csv_is_carried_out_by_ingest_and_survives_rebuilding_the_raw_store(
        tmp_path, detector, monkeypatch):
    """The whole path through the files a researcher edits: `withdrawn_on` in register.csv,
    `ingest`; then the raw store is deleted and everything ingested again from a register
    that no longer says so: the person stays out."""
    from ingest.builders import REGISTER, REGISTER_HEADER, make_project, write_csv

    from evaltoolkit.config import load_config
    from evaltoolkit.privacy.withdrawals import read_withdrawals, withdrawals_path
    from evaltoolkit.project import ingest, pseudonymise_project

    monkeypatch.setenv("EVALTOOLKIT_KEY_PASSPHRASE", PASSPHRASE)
    config = load_config(make_project(tmp_path / "project"))
    with Project(config) as project:
        ingest(project)
    with Project(config).unlock(PASSPHRASE) as project:
        pseudonymise_project(project, detector=detector)
    store = open_project_store(config.paths.store_url)
    hv02 = project_id(config, "HV02")
    theirs = store.read("segments", where={"participant_id": hv02})
    assert len(theirs) > 0
    now = pd.Timestamp("2024-08-01")
    store.write("codings", pd.DataFrame([{"segment_id": s, "code_id": "wonen", "coder": "anna", "source": "manual",
                                          "status": "accepted", "created_at": now} for s in theirs["segment_id"]]))
    store.write("memos", pd.DataFrame([{"memo_id": "m1", "target_type": "segment",
                                        "target_id": theirs["segment_id"].iloc[0], "author": "anna", "text": "x",
                                        "created_at": now, "updated_at": now}]))
    register_csv = config.paths.raw / "register.csv"
    write_csv(register_csv, REGISTER_HEADER,
              [[*row[:10], "2024-09-01", *row[11:]] if row[0] == "HV02" else row for row in REGISTER])
    with Project(config) as project:
        ingest(project)
    assert store.read("segments", where={"participant_id": hv02}).empty
    assert not set(theirs["segment_id"]) & set(store.read("codings")["segment_id"])
    assert store.read("memos").empty
    listed = read_withdrawals(withdrawals_path(config.paths.key)).set_index("participant_id")
    assert listed.loc["HV02", "withdrawn_on"] == "2024-09-01" and listed["completed_at"].notna().all()
    assert load_key(config.paths.key, passphrase=PASSPHRASE).participant_entity("HV02") is None

    store.dispose()
    for path in config.paths.raw_store.parent.glob(config.paths.raw_store.name + "*"):
        path.unlink()
    write_csv(register_csv, REGISTER_HEADER, REGISTER)   # as collected: HV02 not withdrawn there
    with Project(config) as project:
        notes = ingest(project).notes
    assert ("register.csv: HV02 withdrew on 2024-09-01 (on the withdrawal list beside the key), but register.csv "
            "does not say so. The withdrawal is kept; write the date in register.csv's withdrawn_on column.") in notes
    with Project(config).unlock(PASSPHRASE) as project:
        pseudonymise_project(project, detector=detector, force=True)
    store = open_project_store(config.paths.store_url)
    assert store.read("segments", where={"participant_id": hv02}).empty
    documents = "\n".join(store.read("documents")["text"])
    assert not [t for t in theirs["text"] if len(t) >= 12 and t in documents]
    raw = open_raw_store(config.paths.raw_store)
    assert raw.read("raw_segments", where={"participant_id": "HV02"}).empty
    assert raw.read("raw_participants", where={"participant_id": "HV02"}).iloc[0]["withdrawn_on"] is not None
    # the analysis side knows too: reports and the quasi-identifier check no longer count them
    assert project_id(config, "HV02") == hv02   # the same opaque id after the rebuild
    assert store.read("participants", where={"participant_id": hv02}).iloc[0]["withdrawn_on"] is not None
