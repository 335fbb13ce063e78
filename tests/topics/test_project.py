import json

import pandas as pd
import pytest

from evaltoolkit.codebook import load_codebook
from evaltoolkit.errors import CodebookError, InputError, PrivacyError
from evaltoolkit.store import open_project_store
from evaltoolkit.project import Project, fit_project_topics, write_emergent_themes
from evaltoolkit.topics import (
    dismiss_topic,
    project_emergent_themes,
    promote_topic,
    topic_segments,
)
from evaltoolkit.topics.review import EMERGENT_COLUMNS
from evaltoolkit.demo.topic_corpus import synthetic_corpus

from .helpers import EMERGENT, make_fast_modeler, store_corpus


@pytest.fixture
def fitted_project(project):
    run = fit_project_topics(Project(project), modeler=make_fast_modeler(), actor="tester", stability_seeds=(8,))
    return project, open_project_store(project.paths.store_url), run


def _emergent_topic(store, corpus, theme):
    """The topic id whose segments are mostly the planted ``theme``."""
    assignments = store.read("topic_assignments")
    assignments["theme"] = corpus.themes.loc[assignments["segment_id"]].to_numpy()
    return int(assignments[assignments["theme"] == theme]["topic_id"].mode().iloc[0])


def test_topic_segments_leave_out_interviewer_and_interpreter_turns(corpus):
    segments = topic_segments(corpus.segments, corpus.documents)
    assert set(segments["speaker_role"]) == {"participant"}
    assert list(segments.columns) == ["segment_id", "doc_id", "speaker_role", "text", "perspective", "site",
                                      "round", "collected_on"]


def test_fit_records_model_topics_assignments_and_suggestions(fitted_project, corpus):
    config, store, run = fitted_project
    participants = (corpus.segments["speaker_role"] == "participant").sum()
    assert run.refitted and run.n_segments == participants and run.n_topics == 8 and run.n_emergent == 2
    model = store.read("topic_models").iloc[0]
    assert model["model_version"] == run.model_version and model["n_segments"] == participants
    assert run.artifact_path == config.paths.pseudonymised / "models" / run.model_version
    assert model["artifact_path"] == str(run.artifact_path) and model["stability"] == 1.0
    params = json.loads(model["params"])
    assert params["embedding_model"] == "tfidf" and params["stability"]["seeds"] == [7, 8]
    assert len(store.read("topic_assignments")) == participants
    assert sorted(store.read("topics")["status"]) == ["emergent"] * 2 + ["mapped"] * 6
    audit = store.read("audit_log")
    assert audit["action"].tolist() == ["codebook.version", "topics.fit"]
    assert audit["actor"].tolist() == ["tester", "tester"]


def test_suggestions_carry_the_topic_model_and_its_words(fitted_project, corpus):
    _, store, run = fitted_project
    codings = store.read("codings")
    assert set(codings["coder"]) == {f"topics:{run.model_version}"}
    assert set(codings["source"]) == {"topic"} and set(codings["status"]) == {"suggested"}
    assert set(codings["model_version"]) == {run.model_version}
    planted = corpus.themes.loc[codings["segment_id"]].to_numpy()
    assert (codings["code_id"].to_numpy() == planted).mean() > 0.9
    assert codings["confidence"].between(0.3, 1).all() and codings["evidence"].str.contains(", ").all()


def test_next_fit_assigns_new_segments_without_refitting(fitted_project):
    config, store, run = fitted_project
    later = synthetic_corpus(40, seed=5)
    later.documents["doc_id"] = "later" + later.documents["doc_id"]
    later.segments["doc_id"] = "later" + later.segments["doc_id"]
    later.segments["segment_id"] = "later" + later.segments["segment_id"]
    store_corpus(store, later)
    again = fit_project_topics(Project(config))
    assert not again.refitted and again.model_version == run.model_version
    assert again.n_segments == (later.segments["speaker_role"] == "participant").sum()
    assert len(store.read("topic_models")) == 1
    assert again.summary()[0] == (f"Assigned {again.n_segments} new segments to topic model {run.model_version} "
                                  "without refitting (use --refit to fit a new model).")


def test_refit_is_explicit_and_makes_a_new_version(fitted_project):
    config, store, run = fitted_project
    refit = fit_project_topics(Project(config), refit=True, modeler=make_fast_modeler(), stability_seeds=())
    assert refit.refitted and refit.model_version != run.model_version and refit.stability is None
    assert len(store.read("topic_models")) == 2


def test_emergent_themes_name_their_sources_and_segments(fitted_project, corpus, tmp_path):
    config, store, run = fitted_project
    themes = project_emergent_themes(store)
    written = write_emergent_themes(Project(config), themes, tmp_path / "out" / "emergent.csv")
    assert list(themes.columns) == list(EMERGENT_COLUMNS) and len(themes) == 2
    garden = themes.set_index("topic_id").loc[_emergent_topic(store, corpus, "moestuin")]
    assert "moestuin" in garden["top_terms"] and garden["similarity"] < 0.3
    sites = {name: int(count) for name, count in (part.split() for part in garden["sites"].split("; "))}
    assert sites["zevenaar"] > sum(sites.values()) / 2  # the garden is in Zevenaar
    assert [part.split()[0] for part in garden["rounds"].split("; ")] == ["r1", "r2"]
    ids = garden["segment_ids"].split("; ")
    assert len(ids) == 3 and set(corpus.themes.loc[ids]) == {"moestuin"}
    assert pd.read_csv(written)["topic_id"].tolist() == themes["topic_id"].tolist()


def test_promoting_a_topic_adds_a_code_with_lineage_and_records_it(fitted_project, corpus):
    config, store, run = fitted_project
    topic_id = _emergent_topic(store, corpus, "vocht_schimmel")
    topic = store.read("topics", where={"topic_id": topic_id}).iloc[0]
    code = promote_topic(store, codebook_path=config.paths.codebook, topic_id=topic_id, code_id="vocht_schimmel",
                         label="Vocht en schimmel in de woning", actor="anna")
    codebook = load_codebook(config.paths.codebook)
    assert codebook.code("vocht_schimmel") == code
    assert code.label_nl == "Vocht en schimmel in de woning"
    assert code.definition.startswith(f"Opkomend thema uit topicmodel {run.model_version}, topic {topic_id} ")
    assert [(item.kind, item.code_id) for item in code.lineage] == [("split_from", topic["nearest_code_id"])]
    assert set(code.patterns) <= set(topic["top_terms"])
    stored = store.read("topics", where={"topic_id": topic_id}).iloc[0]
    assert (stored["status"], stored["promoted_code_id"]) == ("promoted", "vocht_schimmel")
    audit = store.read("audit_log").iloc[-1]
    assert (audit["action"], audit["actor"], audit["entity_id"]) == ("topic.promote", "anna",
                                                                     f"{run.model_version}:{topic_id}")
    assert json.loads(audit["details"])["codebook_version"] == codebook.version
    assert (store.read("codings", where={"code_id": "vocht_schimmel"})["segment_id"].map(corpus.themes)
            == "vocht_schimmel").all()
    assert topic_id not in project_emergent_themes(store)["topic_id"].tolist()
    with pytest.raises(InputError) as error:
        dismiss_topic(store, topic_id=topic_id)
    assert str(error.value) == (f"Topic {topic_id} of model {run.model_version} was already promoted; "
                                "a decision is not changed here (see the audit log).")


def test_promoting_to_an_existing_code_id_is_a_codebook_error(fitted_project, corpus):
    config, store, _ = fitted_project
    with pytest.raises(CodebookError, match="'taalbarriere' is defined twice"):
        promote_topic(store, codebook_path=config.paths.codebook, topic_id=_emergent_topic(store, corpus, "moestuin"),
                      code_id="taalbarriere")
    assert set(store.read("topics")["status"]) == {"mapped", "emergent"}


def test_dismissing_a_topic_records_it_and_drops_it_from_the_emergent_list(fitted_project, corpus):
    _, store, run = fitted_project
    topic_id = _emergent_topic(store, corpus, "moestuin")
    dismiss_topic(store, topic_id=topic_id, actor="anna")
    assert store.read("topics", where={"topic_id": topic_id})["status"].tolist() == ["dismissed"]
    audit = store.read("audit_log").iloc[-1]
    assert (audit["action"], audit["entity_id"]) == ("topic.dismiss", f"{run.model_version}:{topic_id}")
    assert topic_id not in project_emergent_themes(store)["topic_id"].tolist()


def test_unknown_topic_and_missing_model_are_reported(project, fitted_project):
    _, store, run = fitted_project
    with pytest.raises(InputError) as error:
        dismiss_topic(store, topic_id=42)
    assert str(error.value) == f"Topic 42 is not a topic of model {run.model_version}. Topics: 0, 1, 2, 3, 4, 5, 6, 7."
    empty = open_project_store("sqlite:///" + str(project.paths.root / "empty.sqlite"))
    with pytest.raises(InputError) as error:
        project_emergent_themes(empty)
    assert str(error.value) == "The project has no topic model yet. Fit one with `evaltoolkit topics fit`."


def test_a_model_holding_an_identifier_is_refused_before_it_is_saved(project):
    """A topic model's files carry passages and words: a phone number that reached the project
    store stops the fit before any model file or row is written, and the message names
    places, never the number."""
    store = open_project_store(project.paths.store_url)
    segments = store.read("segments")
    segments["text"] = segments["text"] + " Bel me op 06-12345678."
    store.write("segments", segments)
    with pytest.raises(PrivacyError) as error:
        fit_project_topics(Project(project), modeler=make_fast_modeler(), stability_seeds=())
    assert "topic" in str(error.value) and "12345678" not in str(error.value)
    assert store.read("topic_models").empty
    assert not any(project.paths.models.glob("*/bertopic.pickle"))


def test_emergent_list_of_planted_themes_is_complete(fitted_project, corpus):
    _, store, _ = fitted_project
    themes = project_emergent_themes(store)
    found = {corpus.themes.loc[ids.split("; ")[0]] for ids in themes["segment_ids"]}
    assert found == set(EMERGENT)


def test_two_refits_in_the_same_second_get_different_versions(fitted_project, monkeypatch):
    import datetime as dt

    import evaltoolkit.topics.runs as project

    config, store, _ = fitted_project
    monkeypatch.setattr(project, "_now", lambda: dt.datetime(2024, 10, 31, 12, 0, 0))
    first = fit_project_topics(Project(config), refit=True, modeler=make_fast_modeler(), stability_seeds=())
    second = fit_project_topics(Project(config), refit=True, modeler=make_fast_modeler(), stability_seeds=())
    assert second.model_version == f"{first.model_version}-2"


def test_code_coverage_counts_what_researchers_coded_per_topic():
    from evaltoolkit.topics.runs import code_coverage

    assignments = pd.DataFrame({"segment_id": [f"s{i}" for i in range(8)], "topic_id": [0, 0, 0, 0, 1, 1, 1, 1]})
    codings = pd.DataFrame({"segment_id": ["s0", "s1", "s1", "s2", "s4", "s5", "s6"],
                            "code_id": ["taal", "taal", "werk", "taal", "werk", "taal", "zorg"]})
    coverage = code_coverage(assignments, codings).set_index("topic_id")
    # topic 0: 3 of 4 segments coded, "taal" on 3 of 4; topic 1: 3 of 4 coded, each code once
    assert coverage.loc[0].tolist() == [0.75, "taal", 0.75]
    assert coverage.loc[1, "reviewed_share"] == 0.75 and coverage.loc[1, "coded_share"] == 0.25
    assert coverage.loc[1, "coded_code_id"] == "taal"  # ties go to the first code id


def test_researchers_codes_decide_mapped_or_emergent_where_they_coded_most_segments():
    from types import SimpleNamespace

    from evaltoolkit.topics.runs import topics_table

    info = pd.DataFrame({"topic_id": [0, 1, 2], "label": ["a", "b", "c"], "top_terms": [["a"], ["b"], ["c"]],
                         "size": [4, 4, 4], "nearest_code_id": ["taal", "taal", "werk"],
                         "similarity": [0.1, 0.9, 0.1], "nearest_codes": [[("taal", 0.1)], [("taal", 0.9)],
                                                                           [("werk", 0.1)]]})
    modeler = SimpleNamespace(topic_info_=info, representatives_={0: [0], 1: [1], 2: [2]})
    coverage = pd.DataFrame({"topic_id": [0, 1, 2], "reviewed_share": [1.0, 0.75, 0.25],
                             "coded_code_id": ["taal", "werk", "werk"], "coded_share": [0.5, 0.25, 0.25]})
    table = topics_table(modeler, pd.Series(["s0", "s1", "s2"]), model_version="v", threshold=0.3,
                         coverage=coverage)
    # 0: coded, one code on half its segments -> mapped although the embedding is far;
    # 1: coded, codes scatter -> emergent although the embedding is near;
    # 2: hardly coded -> the embedding decides (far -> emergent)
    assert table["status"].tolist() == ["mapped", "emergent", "emergent"]
    assert table["coded_code_id"].tolist() == ["taal", "werk", "werk"]
    without = topics_table(modeler, pd.Series(["s0", "s1", "s2"]), model_version="v", threshold=0.3)
    assert without["status"].tolist() == ["emergent", "mapped", "emergent"]
