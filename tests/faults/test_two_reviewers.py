"""Two reviewers on one project store, on SQLite and on a real PostgreSQL: decisions are
checked and written in one transaction, a contradicting decision is refused with the
suggestion ids, and (PostgreSQL) the README's grants let a reviewer do exactly their part."""
from __future__ import annotations

import pandas as pd
import pytest

from evaltoolkit.coding import accept_suggestion, add_coding, import_review, open_suggestions, reject_suggestion
from evaltoolkit.coding.review import DecisionConflict
from evaltoolkit.errors import StoreError
from evaltoolkit.store import open_project_store, table_schema

from .helpers import review_file, suggestions_store


@pytest.fixture
def suggested(store_url):
    pairs = suggestions_store(store_url, segments=5)
    with open_project_store(store_url) as store:
        yield store, pairs


def test_a_decision_contradicting_another_reviewers_is_refused_with_the_suggestion_id(suggested):
    store, pairs = suggested
    segment_id, code_id = pairs[0]
    accept_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="anna")
    with pytest.raises(DecisionConflict) as caught:
        reject_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="ben")
    assert caught.value.suggestions == [f"{segment_id}/{code_id}"]
    assert f"{segment_id}/{code_id} (accepted by anna)" in str(caught.value)
    # a reviewer may change their own mind, and agreeing is not a conflict
    reject_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="anna")
    reject_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="ben")
    decided = store.read("codings", where={"segment_id": segment_id, "coder": ["anna", "ben"]})
    assert dict(zip(decided["coder"], decided["status"])) == {"anna": "rejected", "ben": "rejected"}
    assert len(store.read("audit_log")) == 3   # the refused decision left no audit line


def test_adding_a_code_another_reviewer_rejected_is_a_conflict(suggested):
    store, pairs = suggested
    segment_id, code_id = pairs[1]
    reject_suggestion(store, segment_id=segment_id, code_id=code_id, reviewer="anna")
    with pytest.raises(DecisionConflict, match=f"{segment_id}/{code_id}"):
        add_coding(store, segment_id=segment_id, code_id=code_id, reviewer="ben")


def test_a_review_file_contradicting_recorded_decisions_writes_nothing(suggested, tmp_path):
    store, pairs = suggested
    import_review(store, review_file(tmp_path / "anna.csv", pairs[:2], "accept"), reviewer="anna")
    with pytest.raises(DecisionConflict) as caught:
        import_review(store, review_file(tmp_path / "ben.csv", pairs, "reject"), reviewer="ben")
    assert caught.value.suggestions == [f"{s}/{c}" for s, c in pairs[:2]]
    assert store.read("codings", where={"coder": "ben"}).empty
    assert len(open_suggestions(store)) == 3


def test_the_readme_grants_let_a_reviewer_code_but_not_rewrite_the_corpus_or_the_log(postgres_url):
    """README "Sharing one PostgreSQL store": the grants, applied to a real server."""
    from sqlalchemy import create_engine, text

    pairs = suggestions_store(postgres_url, segments=2)
    database = postgres_url.rsplit("/", 1)[1]
    owner = create_engine(postgres_url)
    with owner.begin() as connection:
        for statement in (
                "DROP ROLE IF EXISTS anna", "DROP ROLE IF EXISTS coders", "CREATE ROLE coders NOLOGIN",
                "CREATE ROLE anna LOGIN IN ROLE coders", f'GRANT CONNECT ON DATABASE "{database}" TO coders',
                "GRANT USAGE ON SCHEMA public TO coders", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO coders",
                "GRANT INSERT, UPDATE, DELETE ON codings, memos, insights TO coders",
                "GRANT INSERT ON audit_log TO coders", "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO coders"):
            connection.execute(text(statement))
    owner.dispose()
    as_anna = postgres_url.replace("://evaltoolkit@", "://anna@")
    with open_project_store(as_anna) as store:
        accept_suggestion(store, segment_id=pairs[0][0], code_id=pairs[0][1], reviewer="anna")
        assert len(store.read("audit_log")) == 1
        segments = store.read("segments")
        with pytest.raises(StoreError, match="the database user may not do this"):
            store.write("segments", table_schema("segments").coerce(segments.assign(text="changed")))
        with pytest.raises(StoreError):
            with store.transaction() as tx:
                tx.connection.execute(text("UPDATE audit_log SET actor = 'eve'"))
        assert store.read("segments")["text"].tolist() == segments["text"].tolist()
    with open_project_store(postgres_url) as store:
        assert store.read("audit_log")["actor"].tolist() == ["anna"]
        pd.testing.assert_frame_equal(store.read("segments"), segments)
