"""Replacement: consistent, role-aware placeholders across documents and months; the
allow-list untouched; segment offsets recomputed; nothing raw in the project store."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pandas as pd
import pytest

from evaltoolkit.project import Project, pseudonymise_project
from evaltoolkit.privacy import Pseudonymiser, load_key, save_key
from evaltoolkit.store import open_project_store, open_raw_store, table_schema

from .conftest import PASSPHRASE, make_project, read_register, write_raw_store


def project_texts(config) -> dict[str, str]:
    store = open_project_store(config.paths.store_url)
    return dict(zip(store.read("documents")["doc_id"], store.read("documents")["text"]))


def test_register_people_get_role_placeholders_and_everyone_else_typed_ones(pseudonymised):
    texts = project_texts(pseudonymised)
    assert texts["tl-2024-07"] == (
        "[Teamleider 1]: [Hervestiger 1] heeft een baan gevonden. [Sponsor 1] vertelde het.\n\n"
        "[Teamleider 1]: De familie van mevrouw [Persoon 2] uit [Land 2] krijgt een sponsor; "
        "dhr. [Interviewer] regelt dat met het COA.\n\n"
        "[Teamleider 1]: [Sponsor 1] stopt na de zomer. Haar IBAN [IBAN] staat in het dossier.")


def test_same_person_gets_same_placeholder_across_documents_spellings_and_case(pseudonymised):
    texts = project_texts(pseudonymised)
    # "Khaled", "KHALED:", "Abu Rami", "Khaled's" and lower-cased "khaled" are all HV01
    assert texts["hv-fg-01"].count("[Hervestiger 1]") == 4
    assert texts["hv-stt-01"].startswith("interviewer: en hoe gaat het nu met [Hervestiger 1] en [Hervestiger 2]")
    assert "[Hervestiger 1]'s broer" in texts["hv-fg-01"]


def test_no_register_name_or_identifier_reaches_the_project_store(pseudonymised):
    store = open_project_store(pseudonymised.paths.store_url)
    blob = "\n".join([*store.read("documents")["text"], *store.read("segments")["text"],
                      *store.read("attributes")["value"].dropna(), *store.read("questions")["text"]])
    for value in ("Khaled", "khaled", "Amina", "Joke", "Vries", "Bakker", "bakker", "Rami", "Aleppo", "aleppo",
                  "Zaatari", "06-12345678", "alhassan", "111222333", "1234567890", "NL91", "Kerkstraat",
                  "Gaziantep", "Samir", "Amrani", "joke@example.org"):
        assert value not in blob, value


def test_allow_listed_names_are_never_touched(pseudonymised):
    assert "Hoe gaat het met VluchtelingenWerk en het COA in Zaanstad?" in project_texts(pseudonymised)["hv-int-01"]


def test_segment_offsets_point_into_the_pseudonymised_document(pseudonymised):
    store = open_project_store(pseudonymised.paths.store_url)
    texts = project_texts(pseudonymised)
    segments = store.read("segments")
    assert len(segments) == 16
    assert all(texts[s.doc_id][s.start_char:s.end_char] == s.text for s in segments.itertuples())
    first = segments.set_index("segment_id").loc["hv-fg-01:0002"]
    assert first.text == "Ik. [Hervestiger 2] noemen ze mij. Wij wonen aan de [Adres], [Postcode] [Plaats 2]."


def test_participants_table_holds_no_names_no_placeholder_and_no_register_id(pseudonymised):
    # a register id beside "[Sponsor 2]" would let the register alone undo the placeholder: the
    # project store knows people by the key's opaque ids
    from .conftest import project_id

    participants = open_project_store(pseudonymised.paths.store_url).read("participants")
    register_ids = ["HV01", "HV02", "OZ01", "SP01", "SP02", "TK01", "TL01"]
    assert sorted(participants["participant_id"]) == sorted(project_id(pseudonymised, p) for p in register_ids)
    assert not set(register_ids) & set(participants["participant_id"])
    assert participants["pseudonym"].isna().all()
    assert not {"full_name", "name_variants", "speaker_labels"} & set(participants.columns)


def test_placeholders_are_numbered_by_first_appearance_not_by_register_order(detector):
    register = read_register()   # HV01 before HV02, SP01 before SP02
    documents = pd.DataFrame({"doc_id": ["a"], "text": ["Piet belde Amina, daarna Khaled en Joke."]})
    out = Pseudonymiser(detector=detector).fit_transform(documents, register=register)
    assert out["text"].iloc[0] == "[Sponsor 1] belde [Hervestiger 1], daarna [Hervestiger 2] en [Sponsor 2]."


def test_next_month_keeps_placeholders_and_numbers_new_people_after_the_old(project, detector):
    pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    key_before = load_key(project.paths.key, passphrase=PASSPHRASE)
    write_raw_store(project, documents=[("meeting_july.txt", "tl-2024-08", "meeting", "2024-08-05", "nl")])
    pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    key_after = load_key(project.paths.key, passphrase=PASSPHRASE)
    texts = project_texts(project)
    assert texts["tl-2024-08"] == texts["tl-2024-07"]
    before = {e.entity_id: e.placeholder("nl") for e in key_before.entities.values()}
    after = {e.entity_id: e.placeholder("nl") for e in key_after.entities.values()}
    assert {k: after[k] for k in before} == before


def test_placeholders_are_english_when_configured(tmp_path, detector):
    config = make_project(tmp_path / "en", language="en")
    pseudonymise_project(Project(config).unlock(PASSPHRASE), detector=detector)
    text = project_texts(config)["tl-2024-07"]
    assert text.startswith("[Team leader 1]: [Resettled refugee 1] heeft een baan gevonden. [Sponsor 1]")
    assert "[Country 2]" in text and "[Person 2]" in text


def test_a_name_found_once_is_replaced_everywhere(detector):
    documents = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "Gisteren sprak ik met Tesfalem over zijn werk.",
        "tesfalem zegt dat het goed gaat. Tesfalem lacht."]})
    out = Pseudonymiser(detector=detector).fit_transform(documents)
    assert out["text"].tolist() == ["Gisteren sprak ik met [Persoon 1] over zijn werk.",
                                    "[Persoon 1] zegt dat het goed gaat. [Persoon 1] lacht."]


def test_transform_before_fit_says_what_to_do(detector):
    with pytest.raises(ValueError, match=re.escape("This Pseudonymiser is not fitted yet: call fit(documents) first.")):
        Pseudonymiser(detector=detector).transform_text("Khaled")


def test_register_name_variants_are_always_caught_even_when_common_words(detector):
    register = read_register()
    documents = pd.DataFrame({"doc_id": ["a"], "text": ["piet en joke kwamen langs met pieter bakker."]})
    out = Pseudonymiser(detector=detector).fit_transform(documents, register=register)
    assert out["text"].iloc[0] == "[Sponsor 1] en [Sponsor 2] kwamen langs met [Sponsor 1]."
    assert json.loads(out["replacements"].iloc[0]) == {"person": 3}


def test_a_run_with_nothing_changed_is_skipped_and_says_so(pseudonymised, detector):
    store = open_project_store(pseudonymised.paths.store_url)
    texts_before = project_texts(pseudonymised)
    report = pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector)
    assert report.up_to_date_since is not None
    assert "Nothing changed since the pseudonymisation of" in str(report)
    assert report.documents == len(texts_before) and report.segments == len(store.read("segments"))
    assert project_texts(pseudonymised) == texts_before
    assert len(store.read("audit_log", where={"action": "pseudonymise"})) == 1


@pytest.mark.parametrize("change", ["raw document", "review decision", "settings", "key file", "force"])
def test_any_changed_input_runs_pseudonymisation_again(pseudonymised, detector, change):
    from evaltoolkit.project.pseudonymise import inputs_fingerprint

    config, force = pseudonymised, False
    if change == "raw document":
        write_raw_store(config, documents=[("meeting_july.txt", "tl-2024-08", "meeting", "2024-08-05", "nl")])
    elif change == "review decision":
        raw = open_raw_store(config.paths.raw_store)
        raw.write("raw_review_decisions", table_schema("raw_review_decisions").coerce(pd.DataFrame([{
            "decision_id": "d1", "surface": "Zaanstad", "decision": "reject", "decided_by": "tester",
            "decided_at": dt.datetime(2024, 8, 1)}])))
    elif change == "settings":
        config = dataclasses.replace(config, privacy=dataclasses.replace(config.privacy, review_threshold=0.5))
    elif change == "key file":
        # another command (a withdrawal, a review) saved the key: same entries, new file
        save_key(load_key(config.paths.key, passphrase=PASSPHRASE), config.paths.key, passphrase=PASSPHRASE)
    else:
        force = True
    report = pseudonymise_project(Project(config).unlock(PASSPHRASE), detector=detector, force=force)
    assert report.up_to_date_since is None
    store = open_project_store(config.paths.store_url)
    assert len(store.read("audit_log", where={"action": "pseudonymise"})) == 2
    assert inputs_fingerprint({}, config, detector=object()) is None  # unknown detectors always run


def test_placeholders_are_named_by_the_configured_roles_else_by_the_perspective(detector):
    register = read_register()
    documents = pd.DataFrame({"doc_id": ["a"], "text": ["Piet sprak met Khaled; Yonas vertaalde."]})
    labels = {"sponsor": ("Vrijwilliger", "Volunteer", True), "interpreter": ("Tolk", "Interpreter", False)}
    out = Pseudonymiser(detector=detector, role_labels=labels).fit_transform(documents, register=register)
    # sponsor and interpreter from the roles; the refugee role has no label, so its perspective names it
    assert out["text"].iloc[0] == "[Vrijwilliger 1] sprak met [Hervestiger 1]; [Tolk] vertaalde."
