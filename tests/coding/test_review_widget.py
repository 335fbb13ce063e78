"""The keyboard review view: each key's command goes through ReviewSession to the store.
(tests/browser/ presses the same keys in JupyterLab in a real browser.)"""
from __future__ import annotations

import pytest

from evaltoolkit.coding import ReviewSession, ReviewWidget, apply_rules, list_memos, review_view, store_suggestions
from evaltoolkit.coding.review_widget import KEYS, item_html


@pytest.fixture()
def session(store, codebook, labelled):
    store_suggestions(store, apply_rules(labelled[0], codebook), actor="tester")
    return ReviewSession(store, codebook, reviewer="anna")


def test_keys_accept_reject_and_move_through_the_queue(session):
    view = review_view(session)
    first = session.current().suggestion
    assert view.press("accept") == f"{first['code_id']} accepted for {first['segment_id']}."
    second = session.current().suggestion
    assert view.press("reject") == f"{second['code_id']} rejected for {second['segment_id']}."
    view.press("previous")
    assert session.current().suggestion["segment_id"] == second["segment_id"]
    view.press("next")
    decisions = session.store.read("codings", where={"coder": "anna"}).sort_values("status")
    assert decisions[["segment_id", "code_id", "status"]].values.tolist() == [
        [first["segment_id"], first["code_id"], "accepted"], [second["segment_id"], second["code_id"], "rejected"]]
    assert view.status == ""
    assert f"3/{len(session.queue)}" in view.html and "2 of" in view.html


def test_digit_keys_give_the_numbered_code_and_suggested_codes_come_first(session):
    view = review_view(session)
    item = session.current().suggestion
    on_segment = session.queue[session.queue["segment_id"] == item["segment_id"]]
    choices = session.code_choices()
    assert len(choices) == 9 and set(on_segment["code_id"]) <= set(choices[:len(on_segment)])
    unsuggested = next(i for i, c in enumerate(choices, start=1) if c not in set(on_segment["code_id"]))
    assert view.press(f"choose:{unsuggested}") == f"{choices[unsuggested - 1]} added to {item['segment_id']}."
    assert session.current().suggestion["segment_id"] == item["segment_id"]   # a hand-coded code does not move on
    assert view.press("choose:12") == "There is no code 12 here: choose 1-9."
    number = choices.index(item["code_id"]) + 1
    assert view.press(f"choose:{number}") == f"{item['code_id']} accepted for {item['segment_id']}."
    manual = session.store.read("codings", where={"coder": "anna"})
    assert sorted(manual["source"]) == ["manual", "rule"]


def test_memo_key_writes_a_memo_on_the_segment_on_screen(session):
    view = review_view(session)
    segment_id = session.current().suggestion["segment_id"]
    assert view.press("memo", "komt vaker voor").startswith("Memo memo-")
    assert view.press("memo", "  ") == "A memo needs text."
    memos = list_memos(session.store, target_id=segment_id)
    assert memos["text"].tolist() == ["komt vaker voor"]


def test_messages_from_the_browser_run_the_same_commands(session):
    view = review_view(session)
    first = session.current().suggestion
    view._on_message(view, {"command": "accept"}, [])
    assert view.status == f"{first['code_id']} accepted for {first['segment_id']}."
    view._on_message(view, {"command": "dance"}, [])
    assert view.status.startswith("Unknown key command 'dance'.")


def test_view_shows_segment_in_context_escaped_and_reliability_when_given(session):
    item = session.current()
    row = item.suggestion
    page = item_html(session, language="nl")
    assert page.index(item.after.split("\n")[0][:20].replace("'", "&#x27;")) > page.index("etk-segment")
    session.queue.loc[session.position, "text"] = "<script>x</script>"
    session.queue["estimated_precision"] = 0.83
    page = item_html(session, language="nl")
    assert "&lt;script&gt;" in page and "<script>" not in page
    assert "estimated precision 0.83" in page
    assert f"<b>{row['code_id']}</b>" in page
    session.queue["flag"] = "few decisions: check"
    assert "<b>few decisions: check</b>" in item_html(session, language="nl")


def test_a_queue_in_another_order_is_reviewed_in_that_order(store, codebook, labelled):
    from evaltoolkit.coding import open_suggestions

    store_suggestions(store, apply_rules(labelled[0], codebook), actor="tester")
    ordered = open_suggestions(store).sort_values("confidence", kind="stable").assign(precision=0.4)
    session = ReviewSession(store, codebook, reviewer="anna", queue=ordered)
    view = review_view(session)
    first = ordered.iloc[0]
    assert view.press("accept") == f"{first['code_id']} accepted for {first['segment_id']}."
    assert "precision 0.40" in view.html


def test_the_browser_gets_the_key_table_and_every_command_is_understood(session):
    view = review_view(session)
    assert isinstance(view, ReviewWidget) and view.key_commands == KEYS
    for command in set(KEYS.values()) - {"memo"}:
        assert not view.press(command).startswith("Unknown")
