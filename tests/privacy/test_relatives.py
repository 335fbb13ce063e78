"""People are kept apart: a relative, a partner or a caseworker named in a participant's
text gets a placeholder of their own ("[Broer van Hervestiger 1]"), never the
participant's; a name several people carry is replaced as "either of them" and queued
for review with document and offsets; the report quotes what the pseudonymiser wrote."""
from __future__ import annotations

import dataclasses
import logging

import pandas as pd
import pytest

from evaltoolkit.privacy import Pseudonymiser, load_key, save_key
from evaltoolkit.privacy.relatives import RELATIONS_PATH, load_relations
from evaltoolkit.project import Project, load_review_queue, pseudonymise_project
from evaltoolkit.store import open_project_store

from .conftest import PASSPHRASE

MENTEE = {"mentee": ("Mentee", "Mentee", True)}


def person(participant_id, full_name, *, labels=(), variants=(), perspective="hervestiger", role="refugee",
           family=None):
    return {"participant_id": participant_id, "full_name": full_name, "name_variants": list(variants),
            "speaker_labels": list(labels), "perspective": perspective, "role": role, "family_id": family}


FATIMA = person("HV03", "Fatima Haddad", labels=["FATIMA"], variants=["Fatima", "Haddad"])


def run(detector, texts, register, *, language="nl", role_labels=None, key=None, participant_ids=None):
    documents = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts,
                              "language": [language] * len(texts)})
    if participant_ids is not None:
        documents["participant_ids"] = participant_ids
    pseudonymiser = Pseudonymiser(detector=detector, language=language, role_labels=role_labels or {}, key=key)
    pseudonymiser.fit(documents, register=pd.DataFrame(register))
    return pseudonymiser.transform(documents)["text"].tolist(), pseudonymiser


def queue_of(pseudonymiser) -> dict[str, tuple]:
    queue = pseudonymiser.review_queue_
    return {row.surface: (row.reason, row.doc_id, row.start_char, row.end_char, row.placeholder)
            for row in queue.itertuples()}


def test_her_brother_named_with_her_surname_gets_a_placeholder_of_his_own(detector):
    # the measured defect: "mijn broer Karim Haddad" in Fatima Haddad's interview read as her
    text = "FATIMA: Mijn broer Karim Haddad woont in Utrecht. Karim helpt mij elke dag."
    (out,), pseudonymiser = run(detector, [text], [FATIMA])
    assert out == ("[Hervestiger 1]: Mijn broer [Broer van Hervestiger 1] woont in [Plaats 1]. "
                   "[Broer van Hervestiger 1] helpt mij elke dag.")
    assert "[Hervestiger 1]" not in out.split(":", 1)[1]   # none of his words read as hers


def test_my_brother_in_english_text_gets_the_configured_english_label(detector):
    text = "FATIMA: My brother Karim came with us in March. Karim works in a bakery now."
    (out,), _ = run(detector, [text], [person("M01", "Fatima Haddad", labels=["FATIMA"], role="mentee")],
                    language="en", role_labels=MENTEE)
    assert out == ("[Mentee 1]: My brother [Brother of Mentee 1] came with us in March. "
                   "[Brother of Mentee 1] works in a bakery now.")


def test_a_relative_of_someone_named_before_in_the_sentence_is_their_relative(detector):
    text = "JOKE: Fatima vertelde dat haar dochter Lina naar school gaat. Zijn vrouw Sanne helpt ook."
    sponsor = person("SP01", "Joke Smit", labels=["JOKE"], perspective="sponsor", role="sponsor")
    (out,), _ = run(detector, [text], [FATIMA, sponsor])
    # "haar dochter": Fatima's; "Zijn vrouw": no one named before in that sentence, so nobody's
    assert out == ("[Sponsor 1]: [Hervestiger 1] vertelde dat haar dochter [Dochter van Hervestiger 1] naar "
                   "school gaat. Zijn vrouw [Vrouw 1] helpt ook.")


def test_a_wife_with_her_husbands_surname_is_kept_apart_and_the_bare_surname_goes_to_review(detector):
    sponsor = person("SP05", "Mark Jansen", labels=["MARK"], variants=["Mark"], perspective="sponsor",
                     role="sponsor")
    text = "MARK: Mijn vrouw Sanne Jansen kookt voor de familie. Jansen is een drukke naam in ons huis."
    (out,), pseudonymiser = run(detector, [text], [sponsor])
    assert out == ("[Sponsor 1]: Mijn vrouw [Vrouw van Sponsor 1] kookt voor de familie. "
                   "[Sponsor 1 of Vrouw van Sponsor 1] is een drukke naam in ons huis.")
    start = text.index("Jansen is")
    assert queue_of(pseudonymiser)["Jansen"] == ("shared_surname", "d0", start, start + len("Jansen"),
                                                 "[Sponsor 1 of Vrouw van Sponsor 1]")


def test_her_husband_in_english_with_the_same_surname(detector):
    text = "FATIMA: Her husband Omar Haddad found work. My husband Omar Haddad? No, Omar is my brother-in-law."
    (out,), _ = run(detector, [text], [person("M01", "Fatima Haddad", labels=["FATIMA"], role="mentee")],
                    language="en", role_labels=MENTEE)
    assert "Omar" not in out and "Haddad" not in out
    assert out.startswith("[Mentee 1]: Her husband [Husband 1] found work.")   # whose husband: nobody named before


def test_registered_spouses_keep_their_own_placeholders_and_their_shared_surname_names_neither(detector):
    register = [person("HV01", "Khaled Al-Hassan", labels=["KHALED"], variants=["Khaled"], family="F01"),
                person("HV02", "Amina Al-Hassan", labels=["AMINA"], variants=["Amina"], family="F01")]
    text = "AMINA: Mijn man Khaled werkt bij de bakker. Familie Al-Hassan is hier gelukkig.\n\nKHALED: Ja."
    (out,), pseudonymiser = run(detector, [text], register)
    assert out == ("[Hervestiger 1]: Mijn man [Hervestiger 2] werkt bij de bakker. Familie [Hervestiger 1 of "
                   "Hervestiger 2] is hier gelukkig.\n\n[Hervestiger 2]: Ja.")
    assert queue_of(pseudonymiser)["Al-Hassan"][0] == "shared_surname"


def test_two_registered_people_of_different_families_sharing_a_surname_are_never_merged(detector):
    register = [person("SP01", "Ellen de Boer", labels=["ELLEN"], variants=["Ellen"], perspective="sponsor",
                       role="sponsor"),
                person("SP02", "Ruud de Boer", labels=["RUUD"], variants=["Ruud"], perspective="sponsor",
                       role="sponsor")]
    text = "ELLEN: Ruud en ik kennen elkaar niet. De Boer komt vaak voor."
    (out,), pseudonymiser = run(detector, [text], register)
    assert out == "[Sponsor 1]: [Sponsor 2] en ik kennen elkaar niet. [Sponsor 1 of Sponsor 2] komt vaak voor."
    assert queue_of(pseudonymiser)["De Boer"][0] == "shared_surname"


def test_a_brother_who_has_another_participants_first_name_is_her_brother_and_is_reviewed(detector):
    register = [FATIMA, person("HV04", "Karim Saleh", labels=["KARIM"], variants=["Karim"], family="F09")]
    texts = ["FATIMA: Mijn broer Karim woont nog in Beiroet.", "KARIM: Ik ben blij met de lessen."]
    out, pseudonymiser = run(detector, texts, register)
    assert out == ["[Hervestiger 1]: Mijn broer [Broer van Hervestiger 1] woont nog in [Plaats 1].",
                   "[Hervestiger 2]: Ik ben blij met de lessen."]
    start = texts[0].index("Karim")
    assert queue_of(pseudonymiser)["Karim"] == ("relative", "d0", start, start + 5, "[Broer van Hervestiger 1]")


def test_a_relative_named_in_two_documents_and_next_month_keeps_one_placeholder(detector, tmp_path):
    texts = ["FATIMA: Mijn broer Karim Haddad is monteur.", "FATIMA: Karim Haddad belde gisteren. Karim lachte."]
    out, pseudonymiser = run(detector, texts, [FATIMA])
    assert out == ["[Hervestiger 1]: Mijn broer [Broer van Hervestiger 1] is monteur.",
                   "[Hervestiger 1]: [Broer van Hervestiger 1] belde gisteren. [Broer van Hervestiger 1] lachte."]
    save_key(pseudonymiser.key_, tmp_path / "key.enc", passphrase=PASSPHRASE)
    saved = load_key(tmp_path / "key.enc", passphrase=PASSPHRASE)
    later, _ = run(detector, ["FATIMA: Gisteren kwam Karim langs, met zijn zoon Tarek."], [FATIMA], key=saved)
    assert later == ["[Hervestiger 1]: Gisteren kwam [Broer van Hervestiger 1] langs, met zijn zoon "
                     "[Zoon van Broer van Hervestiger 1]."]


def test_a_second_brother_is_numbered_and_the_placeholder_holds_nothing_of_the_name(detector):
    text = "FATIMA: Mijn broer Karim Haddad en mijn broer Yusuf Haddad wonen in Beiroet."
    (out,), pseudonymiser = run(detector, [text], [FATIMA])
    assert out == ("[Hervestiger 1]: Mijn broer [Broer van Hervestiger 1] en mijn broer [Broer 2 van "
                   "Hervestiger 1] wonen in [Plaats 1].")
    key = pseudonymiser.key_
    assert key.by_placeholder("[Broer 2 van Hervestiger 1]").surfaces[0] == "Yusuf Haddad"   # only with the key


def test_the_speaker_of_a_one_person_document_is_whose_relative(detector):
    # a survey answer has no turn labels: the document's one participant is the speaker
    (out,), _ = run(detector, ["Mijn dochter Lina gaat nu naar school."], [FATIMA], participant_ids=['["HV03"]'])
    assert out == "Mijn dochter [Dochter van Hervestiger 1] gaat nu naar school."


def test_initials_of_someone_else_with_her_surname_are_not_her(detector):
    text = "FATIMA: Het formulier is getekend door R. Haddad, niet door mij."
    (out,), pseudonymiser = run(detector, [text], [FATIMA])
    assert "[Hervestiger 1]" not in out.split(":", 1)[1] and "Haddad" not in out
    assert "R. Haddad" not in pseudonymiser.key_.participant_entity("HV03").surfaces


def test_a_lower_cased_transcript_keeps_the_brother_apart(detector):
    text = "fatima: mijn broer karim haddad woont in utrecht en karim werkt daar"
    (out,), _ = run(detector, [text], [FATIMA])
    assert out == ("[Hervestiger 1]: mijn broer [Broer van Hervestiger 1] woont in [Plaats 1] en "
                   "[Broer van Hervestiger 1] werkt daar")


def test_the_relation_vocabulary_is_data_a_study_can_extend(detector, tmp_path):
    path = tmp_path / "relations.yaml"
    path.write_text("""\
templates: {relation_of: {nl: "{relation} van {anchor}", en: "{relation} of {anchor}"},
            either: {nl: " of ", en: " or "}, either_many: {nl: "{first} of naamgenoot", en: "{first} or namesake"}}
possessives: {first: [my], third: [her]}
relations: [{nl: Mentor, en: Mentor, words: [mentor]}]
""", encoding="utf-8")
    documents = pd.DataFrame({"doc_id": ["a"], "text": ["FATIMA: My mentor Anneke helps me."], "language": ["en"]})
    register = pd.DataFrame([person("M01", "Fatima Haddad", labels=["FATIMA"], role="mentee")])
    pseudonymiser = Pseudonymiser(detector=detector, language="en", role_labels=MENTEE,
                                  relations=load_relations(path)).fit(documents, register=register)
    assert pseudonymiser.transform(documents)["text"].iloc[0] == "[Mentee 1]: My mentor [Mentor of Mentee 1] helps me."


def test_a_project_reads_the_relation_vocabulary_its_configuration_names(project, tmp_path):
    from evaltoolkit.project.pseudonymise import configured_pseudonymiser, inputs_fingerprint

    path = tmp_path / "relations.yaml"
    path.write_text((RELATIONS_PATH.read_text(encoding="utf-8")
                     + "  - {nl: Peettante, en: Godmother, words: [peettante, godmother]}\n"), encoding="utf-8")
    own = dataclasses.replace(project, privacy=dataclasses.replace(project.privacy, relations=path))
    assert "peettante" in configured_pseudonymiser(own, key=None).relations.relations
    assert "peettante" not in configured_pseudonymiser(project, key=None).relations.relations
    # a changed vocabulary is a changed run: pseudonymisation is not skipped as unchanged
    assert inputs_fingerprint({}, own) != inputs_fingerprint({}, project)


def test_the_project_queues_the_uncertain_case_and_the_report_quotes_the_relation(pseudonymised):
    # tests/data/privacy/focusgroup_june.txt: "KHALED: ... Khaled's broer Samir woont nog in Gaziantep."
    store = open_project_store(pseudonymised.paths.store_url)
    segments = store.read("segments").set_index("segment_id")
    assert segments.loc["hv-fg-01:0003", "text"] == (
        "[Hervestiger 1], dat ben ik. [Hervestiger 1]'s broer [Broer van Hervestiger 1] woont nog in [Plaats 3].")
    queue = load_review_queue(Project(pseudonymised)).set_index("surface")
    assert queue.loc["Samir", "placeholder"] == "[Broer van Hervestiger 1]"
    assert queue.loc["Bakker", ["reason", "doc_id"]].tolist() == ["shared_surname", "hv-int-01"]

    from evaltoolkit.analysis import select_quotes

    codings = pd.DataFrame({"segment_id": ["hv-fg-01:0003"], "code_id": ["familie_buitenland"],
                            "status": ["accepted"]})
    quotes = select_quotes(codings, store.read("segments"), store.read("documents"), store.read("participants"),
                           code_id="familie_buitenland", valence_ids=[], perspectives=pseudonymised.perspectives,
                           roles=pseudonymised.roles, rounds=pseudonymised.rounds, min_words=3)
    assert "[Broer van Hervestiger 1] woont nog in [Plaats 3]" in quotes["text"].iloc[0]


def test_pseudonymising_relatives_logs_no_name(project, detector, caplog):
    with caplog.at_level(logging.DEBUG):
        pseudonymise_project(Project(project).unlock(PASSPHRASE), detector=detector)
    for name in ("Samir", "Khaled", "Bakker", "Rami"):
        assert name not in caplog.text


@pytest.mark.parametrize("text", ["FATIMA: Mijn broer komt morgen.",
                                  "FATIMA: My brother is still waiting for his visa."])
def test_a_relation_without_a_name_changes_nothing(detector, text):
    (out,), _ = run(detector, [text], [FATIMA])
    assert out == "[Hervestiger 1]" + text[len("FATIMA"):]


def test_a_registered_sponsor_named_as_my_friend_or_caseworker_stays_the_sponsor(detector):
    sponsor = person("SP01", "Joke Smit", labels=["JOKE"], variants=["Joke"], perspective="sponsor", role="sponsor")
    (out,), pseudonymiser = run(detector, ["FATIMA: Mijn maatje Joke belt elke dag. Mijn begeleider Joke ook."],
                                [FATIMA, sponsor])
    assert out == "[Hervestiger 1]: Mijn maatje [Sponsor 1] belt elke dag. Mijn begeleider [Sponsor 1] ook."
    assert "relative" not in set(pseudonymiser.review_queue_["reason"])


def test_every_spelling_of_a_shared_surname_reads_one_placeholder(detector):
    register = [person("HV01", "Majd Al-Rifai", labels=["MAJD"], family="F01"),
                person("HV02", "Rami Al-Rifai", labels=["RAMI"], family="F01")]
    (out,), pseudonymiser = run(detector, ["MAJD: Al-Rifai of Rifai, zo schrijven ze het."], register)
    assert out == ("[Hervestiger 1]: [Hervestiger 1 of Hervestiger 2] of [Hervestiger 1 of Hervestiger 2], "
                   "zo schrijven ze het.")
    shared = pseudonymiser.key_.by_placeholder("[Hervestiger 1 of Hervestiger 2]")
    assert sorted(shared.surfaces) == ["Al-Rifai", "Rifai"]


def test_a_relation_after_the_name_is_read_too(detector):
    text = "FATIMA: Karim Haddad, mijn broer, is monteur. Omar, haar man, is kok."
    (out,), _ = run(detector, [text], [FATIMA])
    assert out == ("[Hervestiger 1]: [Broer van Hervestiger 1], mijn broer, is monteur. [Man 1], haar man, "
                   "is kok.")


def test_every_child_in_a_list_after_my_children_is_her_child(detector):
    text = "FATIMA: Mijn kinderen Rami, Lina en Omar gaan naar school. Karim en Samir niet."
    (out,), _ = run(detector, [text], [FATIMA])
    assert out.startswith("[Hervestiger 1]: Mijn kinderen [Kind van Hervestiger 1], [Kind 2 van Hervestiger 1] en "
                          "[Kind 3 van Hervestiger 1] gaan naar school.")
    assert "[Kind" not in out.split("school.")[1]   # the next sentence's names are no children of hers


def test_my_husband_by_our_shared_surname_may_be_him_so_it_stays_shared(detector):
    register = [person("HV01", "Khaled Al-Hassan", labels=["KHALED"], variants=["Khaled"], family="F01"),
                person("HV02", "Amina Al-Hassan", labels=["AMINA"], variants=["Amina"], family="F01")]
    (out,), pseudonymiser = run(detector, ["AMINA: Mijn man Al-Hassan werkt bij de bakker."], register)
    assert out == "[Hervestiger 1]: Mijn man [Hervestiger 1 of Hervestiger 2] werkt bij de bakker."
    assert queue_of(pseudonymiser)["Al-Hassan"][0] == "shared_surname"


def test_her_surname_alone_goes_to_review_even_when_only_the_register_knows_it(detector):
    # "Bakker" is an ordinary Dutch word: the detector does not find it, the register does
    sponsor = person("SP02", "Pieter Bakker", labels=["PIETER"], variants=["Piet"], perspective="sponsor",
                     role="sponsor")
    text = "FATIMA: Gisteren kwam Bakker langs met de krant."
    (out,), pseudonymiser = run(detector, [text], [FATIMA, sponsor])
    assert out == "[Hervestiger 1]: Gisteren kwam [Sponsor 1] langs met de krant."
    start = text.index("Bakker")
    assert queue_of(pseudonymiser)["Bakker"] == ("shared_surname", "d0", start, start + 6, "[Sponsor 1]")


def test_a_colon_in_a_sentence_is_no_speaker_label(detector):
    text = "Khaled Al-Hassan zei: zijn dochter Lina spreekt al goed Nederlands."
    (out,), _ = run(detector, [text], [person("HV01", "Khaled Al-Hassan", labels=["KHALED"])])
    assert out == "[Hervestiger 1] zei: zijn dochter [Dochter van Hervestiger 1] spreekt al goed Nederlands."


def test_the_brother_of_someone_named_is_their_brother(detector):
    text = "JOKE: De broer van Fatima, Karim, helpt bij de verhuizing."
    sponsor = person("SP01", "Joke Smit", labels=["JOKE"], perspective="sponsor", role="sponsor")
    (out,), _ = run(detector, [text], [FATIMA, sponsor])
    assert out == "[Sponsor 1]: De broer van [Hervestiger 1], [Broer van Hervestiger 1], helpt bij de verhuizing."


def test_an_either_placeholder_never_grows_past_what_the_review_queue_keeps():
    vocabulary = load_relations()
    short = vocabulary.either_labels([("Hervestiger 1", "Mentee 1"),
                                      ("Broer van Hervestiger 1", "Brother of Mentee 1")])
    assert short == ("Hervestiger 1 of Broer van Hervestiger 1", "Mentee 1 or Brother of Mentee 1")
    long = vocabulary.either_labels([("Gemeentemedewerker 12", "Municipal officer 12"),
                                     ("Schoonfamilie 2 van Gemeentemedewerker 3", "In-law 2 of Municipal officer 3")])
    assert long == ("Gemeentemedewerker 12 of naamgenoot", "Municipal officer 12 or namesake")


def test_reidentifying_a_shared_name_says_whom_it_may_stand_for(detector):
    from evaltoolkit.privacy import reidentify

    register = [person("HV01", "Khaled Al-Hassan", labels=["KHALED"], family="F01"),
                person("HV02", "Amina Al-Hassan", labels=["AMINA"], family="F01")]
    _, pseudonymiser = run(detector, ["KHALED: Al-Hassan is onze naam. AMINA is mijn vrouw."], register)
    found = reidentify(pseudonymiser.key_, "[Hervestiger 1 of Hervestiger 2]", language="nl")
    assert str(found) == ("[Hervestiger 1 of Hervestiger 2] is a name several people carry ([Hervestiger 1], "
                          "[Hervestiger 2]); written as: Al-Hassan; Hassan")
