"""Review decisions in the store: accept/reject/add, two reviewers at once, spreadsheets, the widget logic."""
from __future__ import annotations

import json
import threading

import pandas as pd
import pytest

from evaltoolkit.coding import (
    ReviewSession,
    accept_suggestion,
    add_coding,
    apply_rules,
    export_review,
    import_review,
    list_memos,
    open_suggestions,
    reject_suggestion,
    store_suggestions,
    teaching_queue,
    write_memo,
)
from evaltoolkit.errors import InputError
from evaltoolkit.store import open_project_store


@pytest.fixture()
def suggested(store, codebook, labelled):
    segments = labelled[0]
    rows = store_suggestions(store, apply_rules(segments, codebook), actor="tester")
    return store, rows


def test_suggestions_are_stored_as_suggested_and_audited(suggested):
    store, rows = suggested
    codings = store.read("codings")
    assert set(codings["status"]) == {"suggested"} and len(codings) == len(rows)
    audit = store.read("audit_log")
    assert audit["action"].tolist() == ["code.suggest"]
    assert json.loads(audit["details"].iloc[0])["suggestions"] == len(rows)


def test_auto_accept_is_recorded_as_such(store, codebook, labelled):
    rows = store_suggestions(store, apply_rules(labelled[0], codebook), actor="t", auto_accept_confidence=0.7)
    accepted = rows[rows["status"] == "accepted"]
    assert len(accepted) and (accepted["confidence"] >= 0.7).all()
    assert set(accepted["reviewed_by"]) == {"auto:0.7"}
    assert (rows.loc[rows["status"] == "suggested", "confidence"] < 0.7).all()


def test_accept_and_reject_write_human_rows_and_close_the_suggestion(suggested):
    store, rows = suggested
    first, second = rows.iloc[0], rows.iloc[1]
    accept_suggestion(store, segment_id=first["segment_id"], code_id=first["code_id"], reviewer="anna")
    reject_suggestion(store, segment_id=second["segment_id"], code_id=second["code_id"], reviewer="anna")
    human = store.read("codings", where={"coder": "anna"}).sort_values("status")
    assert human[["code_id", "source", "status", "reviewed_by"]].values.tolist() == [
        [first["code_id"], "rule", "accepted", "anna"], [second["code_id"], "rule", "rejected", "anna"]]
    assert human["codebook_version"].notna().all()
    still_open = set(zip(open_suggestions(store)["segment_id"], open_suggestions(store)["code_id"]))
    assert (first["segment_id"], first["code_id"]) not in still_open
    assert len(still_open) == len(rows) - 2
    assert store.read("audit_log")["action"].tolist()[-2:] == ["code.accept", "code.reject"]


def test_accepting_a_code_that_was_not_suggested_says_what_to_do(suggested):
    store, _ = suggested
    with pytest.raises(InputError, match=r"^There is no open suggestion of 'zingeving' for segment 'int_a:0001'. "
                                         r"Use add_coding\(\) to code it by hand.$"):
        accept_suggestion(store, segment_id="int_a:0001", code_id="zingeving", reviewer="anna")


def test_add_coding_checks_code_and_segment(suggested, codebook):
    store, _ = suggested
    add_coding(store, segment_id="int_a:0001", code_id="zingeving", reviewer="anna", codebook=codebook)
    assert store.read("codings", where={"coder": "anna"})["source"].tolist() == ["manual"]
    with pytest.raises(InputError, match=r"^'valentie' is a category that is not codable; choose an active"):
        add_coding(store, segment_id="int_a:0001", code_id="valentie", reviewer="anna", codebook=codebook)
    with pytest.raises(InputError, match=r"^'nope:0001' is not a segment of the project store.$"):
        add_coding(store, segment_id="nope:0001", code_id="zingeving", reviewer="anna")


def test_two_reviewers_at_the_same_time_lose_nothing(suggested):
    store, rows = suggested
    url = store.engine.url.render_as_string(hide_password=False)
    pairs = list(zip(rows["segment_id"], rows["code_id"]))
    start = threading.Barrier(2)
    errors = []

    def review(reviewer: str, decide, mine):
        own = open_project_store(url)   # each reviewer has their own connection, as in two notebooks
        try:
            start.wait()
            for segment_id, code_id in mine:
                decide(own, segment_id=segment_id, code_id=code_id, reviewer=reviewer)
                write_memo(own, target_type="segment", target_id=segment_id, author=reviewer, text="gezien")
        except Exception as exc:  # collected so the test reports it
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=review, args=("anna", accept_suggestion, pairs[0::2])),
               threading.Thread(target=review, args=("bram", reject_suggestion, pairs[1::2]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    codings = store.read("codings")
    assert (codings["coder"] == "anna").sum() == len(pairs[0::2])
    assert (codings["coder"] == "bram").sum() == len(pairs[1::2])
    assert len(list_memos(store)) == len(pairs)
    assert open_suggestions(store).empty
    audit = store.read("audit_log")
    assert (audit["action"] == "code.accept").sum() == len(pairs[0::2])
    assert (audit["action"] == "code.reject").sum() == len(pairs[1::2])


def test_memos_are_written_updated_and_audited_without_text(suggested):
    store, _ = suggested
    memo_id = write_memo(store, target_type="code", target_id="taalbarriere", author="anna", text="Eerste idee")
    write_memo(store, target_type="code", target_id="taalbarriere", author="anna", text="Beter idee", memo_id=memo_id)
    write_memo(store, target_type="document", target_id="int_a", author="bram", text="Lang interview")
    memos = list_memos(store, target_type="code")
    assert memos[["memo_id", "text"]].values.tolist() == [[memo_id, "Beter idee"]]
    assert memos["created_at"].iloc[0] <= memos["updated_at"].iloc[0]
    details = store.read("audit_log", where={"action": "memo.write"})["details"].tolist()
    assert all("idee" not in d for d in details)
    with pytest.raises(InputError, match=r"^target_type must be one of segment, code, document, project. "
                                         r"Got 'quote' instead.$"):
        write_memo(store, target_type="quote", target_id="x", author="a", text="t")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_spreadsheet_round_trip(suggested, codebook, tmp_path, suffix):
    store, rows = suggested
    path = tmp_path / f"review{suffix}"
    checked = []
    assert export_review(store, path, codebook=codebook, code_id="bureaucratie", check_texts=checked.append) == \
        (rows["code_id"] == "bureaucratie").sum()
    sheet = pd.read_excel(path, dtype=str) if suffix == ".xlsx" else pd.read_csv(path, dtype=str)
    assert sorted(checked[0]) == sorted(f"segment {s}" for s in sheet["segment_id"])
    sheet["decision"] = ["accept"] + ["reject"] * (len(sheet) - 1)
    sheet["memo"] = ["klopt"] + [""] * (len(sheet) - 1)
    extra = sheet.iloc[[0]].assign(code_id="uitdaging", decision="add", memo="")
    sheet = pd.concat([sheet, extra], ignore_index=True)
    sheet.to_excel(path, index=False) if suffix == ".xlsx" else sheet.to_csv(path, index=False)
    counts = import_review(store, path, reviewer="anna", codebook=codebook)
    assert counts.set_index("decision")["rows"].to_dict() == {"accept": 1, "reject": len(sheet) - 2, "add": 1, "memo": 1}
    assert open_suggestions(store, code_id="bureaucratie").empty
    anna = store.read("codings", where={"coder": "anna"})
    assert sorted(anna["status"]) == ["accepted"] * 2 + ["rejected"] * (len(sheet) - 2)


def test_review_file_problems_are_reported_together(suggested, tmp_path, codebook):
    store, rows = suggested
    path = tmp_path / "review.csv"
    pd.DataFrame({"segment_id": ["int_a:0001", "nope:0009", rows["segment_id"].iloc[0]],
                  "code_id": ["zingeving", "bureaucratie", "taalbarier"],
                  "decision": ["accept", "ja", "add"]}).to_csv(path, index=False)
    with pytest.raises(InputError) as caught:
        import_review(store, path, reviewer="anna", codebook=codebook)
    assert str(caught.value) == (
        f"{path} has 3 problems:\n"
        "  [line 2] there is no suggestion of 'zingeving' for 'int_a:0001' (never suggested; use add for a "
        "new code).\n"
        "  [line 3 -> segment_id] 'nope:0009' is not a segment of the project store.\n"
        "  [line 4 -> code_id] 'taalbarier' is not a code of the codebook. Did you mean 'taalbarriere'?")
    assert store.read("codings", where={"coder": "anna"}).empty


def test_review_session_walks_the_queue_with_keyboard_commands(suggested, codebook):
    store, _ = suggested
    session = ReviewSession(store, codebook, reviewer="anna", doc_id="int_a")
    total = len(session.queue)
    item = session.current()
    assert item.position == 1 and item.total == total and item.before == ""
    assert item.after == store.read("segments", where={"segment_id": "int_a:0002"})["text"].iloc[0]
    first = item.suggestion
    assert session.command("a") == f"{first['code_id']} accepted for {first['segment_id']}."
    assert session.current().position == 2
    assert session.command("m lijkt op een ander interview").startswith("Memo memo-")
    assert session.command("+zingeving").endswith("added to " + session.current().suggestion["segment_id"] + ".")
    assert session.command("+onzin").startswith("Error: 'onzin' is not a code of codebook")
    assert session.command("x").startswith("Unknown command 'x'.")
    session.command("r")
    assert len(session.decided) == 2
    assert len(open_suggestions(store, doc_id="int_a")) == total - 2


def test_review_queue_filters_by_perspective(suggested):
    store, _ = suggested
    queue = open_suggestions(store, perspective="teamleider")
    assert not queue.empty and set(queue["perspective"]) == {"teamleider"}
    assert queue["doc_id"].str.startswith("tl_").all()


def test_a_review_file_that_fails_while_writing_leaves_the_store_as_it_was(suggested, codebook, tmp_path,
                                                                           monkeypatch):
    import evaltoolkit.coding.spreadsheet as spreadsheet

    store, rows = suggested
    path = tmp_path / "review.csv"
    export_review(store, path, codebook=codebook, code_id="bureaucratie", check_texts=lambda texts: None)
    sheet = pd.read_csv(path, dtype=str).assign(decision="accept", memo="gezien")
    sheet.to_csv(path, index=False)
    real_memo = spreadsheet.write_memo
    calls = []

    def memo_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_memo(*args, **kwargs)

    monkeypatch.setattr(spreadsheet, "write_memo", memo_then_fail)
    with pytest.raises(OSError):
        import_review(store, path, reviewer="anna", codebook=codebook)
    assert store.read("codings", where={"coder": "anna"}).empty
    assert store.read("memos").empty
    assert len(open_suggestions(store, code_id="bureaucratie")) == len(sheet)


def test_teaching_queue_holds_every_open_suggestion_with_its_codes_reliability(suggested, codebook):
    store, _ = suggested
    first = open_suggestions(store).iloc[0]
    reject_suggestion(store, segment_id=first["segment_id"], code_id=first["code_id"], reviewer="anna")
    queue = teaching_queue(store, codebook)
    open_now = open_suggestions(store)
    assert sorted(zip(queue["segment_id"], queue["code_id"])) == sorted(zip(open_now["segment_id"], open_now["code_id"]))
    # every segment's first suggestion comes before any segment's second
    assert queue.groupby("segment_id").cumcount().is_monotonic_increasing
    rejected_code = queue[queue["code_id"] == first["code_id"]]
    if not rejected_code.empty:   # one rejection and no acceptance: precision 1/3 with the added hit and miss
        assert rejected_code["precision"].iloc[0] == pytest.approx(1 / 3, abs=0.01)
    session = ReviewSession(store, codebook, reviewer="anna", queue=queue)
    assert len(session.queue) == len(open_now)
