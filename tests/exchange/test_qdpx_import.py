"""REFI-QDA projects (.qdpx/.qde) into tables and into a project store."""
from __future__ import annotations

import dataclasses
import zipfile

import pandas as pd
import pytest
from .synthetic_project import build_tables

from evaltoolkit.errors import InputError
from evaltoolkit.exchange import export_qdpx, import_qdpx, read_qdpx, write_imported_project

FOREIGN_SOURCE = "E0000000-0000-4000-8000-000000000001.txt"


@pytest.fixture
def exported(project_store, codebook, config, tmp_path, leak_checks):
    return export_qdpx(project_store, codebook, tmp_path / "project.qdpx", name=config.name,
                       check_texts=lambda texts: None).path


@pytest.fixture
def foreign_qdpx(exchange_data, tmp_path):
    """The synthetic foreign project zipped the way some programs do: a capitalised Sources/ folder."""
    path = tmp_path / "foreign.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(exchange_data / "foreign_project.qde", "project.qde")
        archive.write(exchange_data / "foreign_source.txt", f"Sources/{FOREIGN_SOURCE}")
    return path


def _accepted(tables):
    codings = tables["codings"]
    return codings[codings["status"] == "accepted"]


# ----------------------------------------------------------------------- round trips
def test_round_trip_keeps_codings_with_their_coders_and_exact_offsets(exported, codebook):
    project = read_qdpx(exported, reference=codebook)

    segments = build_tables()["segments"].set_index("segment_id")
    texts = dict(zip(project.sources["source_guid"], project.sources["text"]))
    names = dict(zip(project.selections["selection_guid"], project.selections["name"]))
    found = sorted((names[c.selection_guid], c.code_id, c.coder, texts[c.source_guid][c.start:c.end])
                   for c in project.codings.itertuples())
    expected = sorted((c.segment_id, c.code_id, c.coder, segments.loc[c.segment_id, "text"])
                      for c in _accepted(build_tables()).itertuples())
    assert found == expected
    assert project.codebook == codebook
    assert project.notices == ()


def test_round_trip_reads_users_cases_variables_notes_and_sets(exported, codebook):
    project = read_qdpx(exported, reference=codebook)

    assert sorted(project.users["name"]) == ["anna", "bram", "carla"]
    assert sorted(project.cases["name"]) == ["HV01", "SP01"]
    values = project.variable_values
    case_values = values[values["entity_type"] == "case"]
    assert sorted(zip(case_values["variable"], case_values["value"]))[:2] == [("perspective", "hervestiger"),
                                                                               ("perspective", "sponsor")]
    assert len(project.case_sources) == 2
    assert sorted(zip(project.notes["name"], project.notes["target_type"])) == [
        ("memo-001", "selection"), ("memo-002", "code"), ("memo-003", "source"), ("memo-004", "project")]
    assert sorted(project.sets["name"]) == ["hervestiger", "sponsor", "teamleider"]
    assert project.summary() == {"users": 3, "codes": 6, "sources": 3, "codings": 6, "cases": 2,
                                 "variables": 10, "notes": 4, "sets": 3}


def test_round_trip_into_a_new_store_keeps_documents_segment_ids_codings_and_memos(exported, codebook, empty_store):
    project = import_qdpx(exported, empty_store, pseudonymiser=None, reference=codebook)

    original = build_tables()
    documents = empty_store.read("documents").set_index("doc_id")
    assert sorted(documents.index) == sorted(original["documents"]["doc_id"])
    assert documents.loc["int_r1_zaanstad_01", "text"] == original["documents"]["text"][0]
    assert documents.loc["sponsors_r1-r_001", "perspective"] == "sponsor"
    assert documents.loc["sponsors_r1-r_001", "kind"] == "survey"
    assert documents.loc["int_r1_zaanstad_01", "participant_ids"] == ["HV01"]
    segments = empty_store.read("segments").set_index("segment_id")
    source_segments = original["segments"].set_index("segment_id")
    for segment_id, row in segments.iterrows():
        assert (row.start_char, row.end_char, row.text) == tuple(
            source_segments.loc[segment_id, ["start_char", "end_char", "text"]])
    codings = empty_store.read("codings")
    assert sorted(zip(codings["segment_id"], codings["code_id"], codings["coder"])) == sorted(
        zip(*(_accepted(original)[c] for c in ("segment_id", "code_id", "coder"))))
    assert set(codings["status"]) == {"accepted"}
    assert set(codings["codebook_version"]) == {codebook.version}
    memos = empty_store.read("memos")
    assert sorted(zip(memos["memo_id"], memos["target_type"], memos["target_id"].fillna("-"))) == [
        ("memo-001", "segment", "int_r1_zaanstad_01:0002"), ("memo-002", "code", "taalbarriere"),
        ("memo-003", "document", "sponsors_r1-r_001"), ("memo-004", "project", "-")]
    assert project.written.codings == 6


def test_importing_back_into_the_exporting_store_adds_nothing_and_loses_nothing(exported, codebook, project_store):
    before = {t: len(project_store.read(t)) for t in ("documents", "segments", "codings", "memos")}

    written = import_qdpx(exported, project_store, pseudonymiser=None, reference=codebook).written

    after = {t: len(project_store.read(t)) for t in ("documents", "segments", "codings", "memos")}
    assert after == before
    assert (written.documents, written.segments) == (0, 0)


def test_a_document_already_stored_with_another_text_is_refused(exported, codebook, project_store):
    documents = project_store.read("documents")
    documents.loc[documents["doc_id"] == "sponsors_r1-r_001", "text"] = "Een andere tekst."
    project_store.write("documents", documents)

    with pytest.raises(InputError) as error:
        import_qdpx(exported, project_store, pseudonymiser=None, reference=codebook)

    guid = read_qdpx(exported).sources.set_index("name").loc["sponsors_r1-r_001", "source_guid"]
    assert str(error.value) == (
        "project 'Community Sponsorship pilot (demo, synthetic data)' cannot be written to the store has "
        "1 problem:\n"
        f"  [source {guid}] document 'sponsors_r1-r_001' is already in the store with a different text; import "
        "into a new project store, or remove that document first.")


def test_paragraph_segmentation_gives_each_coding_to_the_paragraphs_it_overlaps(exported, codebook, empty_store):
    import_qdpx(exported, empty_store, pseudonymiser=None, reference=codebook, segment_by="paragraph")

    segments = empty_store.read("segments")
    meeting = segments[segments["doc_id"] == "tl_meeting_2024_03"]
    assert list(meeting["text"]) == ["Sponsoren gebruiken vertaalapps; de taal blijft lastig.",
                                     "Werving gaat moeizaam in Zevenaar."]
    interview = segments[segments["doc_id"] == "int_r1_zaanstad_01"].set_index("segment_id")
    assert list(interview.index) == ["int_r1_zaanstad_01:0001", "int_r1_zaanstad_01:0002",
                                     "int_r1_zaanstad_01:0003"]
    assert interview.loc["int_r1_zaanstad_01:0002", "text"].startswith("Hervestiger 1: De brieven")
    codings = empty_store.read("codings")
    assert sorted(zip(codings["segment_id"], codings["code_id"], codings["coder"]))[:3] == [
        ("int_r1_zaanstad_01:0002", "taalbarriere", "anna"), ("int_r1_zaanstad_01:0002", "taalbarriere", "bram"),
        ("int_r1_zaanstad_01:0002", "uitdaging", "anna")]


def test_unknown_segment_by_is_refused(exported, codebook, empty_store):
    with pytest.raises(InputError) as error:
        import_qdpx(exported, empty_store, pseudonymiser=None, segment_by="sentence")

    assert str(error.value) == "segment_by must be one of selection, paragraph. Got 'sentence' instead."


# ------------------------------------------------------------------ foreign projects
def test_foreign_project_imports_its_codings_with_users_and_code_point_offsets(foreign_qdpx):
    project = read_qdpx(foreign_qdpx)

    texts = dict(zip(project.sources["name"], project.sources["text"]))
    assert texts["Gesprek 2"].startswith("Interviewer: Hoe")  # byte-order mark dropped, CR LF kept
    by_guid = dict(zip(project.sources["source_guid"], project.sources["name"]))
    codings = sorted((by_guid[c.source_guid], c.code_id, c.coder if isinstance(c.coder, str) else None,
                      texts[by_guid[c.source_guid]][c.start:c.end]) for c in project.codings.itertuples())
    assert codings == [
        ("Gesprek 2", "brieven_post", None, "De brieven van de gemeente snap ik niet."),
        ("Gesprek 2", "buren", "Researcher A", "Spannend, maar de buren waren ëcht aardig 😊."),
        ("Gesprek 2", "buren", "Researcher B", "Spannend, maar de buren waren ëcht aardig 😊."),
        ("Vergadering maart", "buren_2", "Researcher B", "Vergadering: werving van vrijwilligers loopt traag."),
    ]


def test_what_cannot_be_imported_is_listed_without_participant_text(foreign_qdpx):
    project = read_qdpx(foreign_qdpx)

    assert project.notices == (
        "coding f1000000-0000-4000-8000-000000000004 refers to code a0000000-0000-4000-8000-00000000ffff, which is "
        "not a codable code of the file's codebook; skipped.",
        "selection f0000000-0000-4000-8000-000000000003 spans 147..155, outside its source "
        "d0000000-0000-4000-8000-000000000001 (length 150); skipped with its codings.",
        "source d0000000-0000-4000-8000-000000000003 is picture: its file is not imported.",
        "source d0000000-0000-4000-8000-000000000003: 1 picture selections with 1 codings were not imported "
        "(only text selections are).",
    )


def test_foreign_project_reads_cases_variables_notes_and_sets(foreign_qdpx):
    project = read_qdpx(foreign_qdpx)

    assert list(project.cases["name"]) == ["Respondent 1"]
    assert list(zip(project.variable_values["variable"], project.variable_values["value"])) == [
        ("Gemeente", "Nissewaard")]
    assert list(zip(project.notes["author"], project.notes["target_type"])) == [("Researcher B", "selection")]
    assert sorted(project.sets["member_type"]) == ["code", "source"]
    assert project.codebook.code("brieven_post").parent_id == "contact"


def test_foreign_project_into_a_store_gets_new_ids_and_default_coder(foreign_qdpx, empty_store):
    written = import_qdpx(foreign_qdpx, empty_store, pseudonymiser=None, default_coder="import-2024").written

    documents = empty_store.read("documents")
    assert sorted(documents["doc_id"]) == ["gesprek_2", "vergadering_maart"]
    assert set(documents["pseudonymiser_version"]) == {"refi-qda:Synthetic QDA 1.0"}
    assert documents["participant_ids"].isna().all()  # foreign case names are not participant ids
    segments = empty_store.read("segments").sort_values("segment_id")
    assert list(segments["segment_id"]) == ["gesprek_2:0001", "gesprek_2:0002", "vergadering_maart:0001"]
    codings = empty_store.read("codings")
    assert sorted(zip(codings["segment_id"], codings["code_id"], codings["coder"])) == [
        ("gesprek_2:0001", "buren", "Researcher A"), ("gesprek_2:0001", "buren", "Researcher B"),
        ("gesprek_2:0002", "brieven_post", "import-2024"), ("vergadering_maart:0001", "buren_2", "Researcher B")]
    memos = empty_store.read("memos")
    assert sorted(zip(memos["target_type"], memos["target_id"].fillna("-"), memos["author"])) == [
        ("project", "-", "import-2024"),  # the file's set, named with its members (the store has no sets)
        ("segment", "gesprek_2:0001", "Researcher B")]
    assert (written.documents, written.segments, written.codings, written.memos) == (2, 3, 4, 2)
    assert len(written.notices) == 4


# ----------------------------------------------------------------- the real exports
def test_real_nvivo_export_imports_with_its_codes_sources_and_users(refi_dir):
    project = read_qdpx(refi_dir / "nvivo_project.qdpx")

    assert project.origin == "NVivo for Mac 15.0.0"
    assert project.summary() == {"users": 2, "codes": 262, "sources": 2, "codings": 0, "cases": 0,
                                 "variables": 0, "notes": 0, "sets": 0}
    assert list(project.sources["text"]) == ["\n", "\n"]
    codebook = project.codebook
    assert len(codebook.codes) == 262 and len(set(codebook.code_ids)) == 262
    assert [c.code_id for c in codebook.children(None)][:2] == ["rq1_definition", "rq2_curriculum_and_instruction"]
    assert codebook.code("programming").parent_id == "competencies"
    assert codebook.code("cs_as_programming_programming").parent_id == "cs_as_programming"
    assert project.notices == ()


def test_real_nvivo_export_is_written_into_a_project_store(refi_dir, empty_store):
    written = import_qdpx(refi_dir / "nvivo_project.qdpx", empty_store, pseudonymiser=None).written

    assert (written.documents, written.segments, written.codings) == (2, 0, 0)
    versions = empty_store.read("codebook_versions")
    assert list(versions["codebook_id"]) == ["qc_project"]


@pytest.mark.parametrize(("name", "codes", "users"), [
    ("atlas_b_project.qde", 0, 2), ("blank-atlas.qdpx", 0, 2),
    ("atlas_t_project.qde", 3, 2), ("target-atlas.qdpx", 3, 2)])
def test_real_atlas_exports_import_with_their_codes(refi_dir, name, codes, users):
    project = read_qdpx(refi_dir / name)

    assert project.origin == "ATLAS.ti for Windows 23.2.3.27778"
    assert (project.summary()["codes"], project.summary()["users"], len(project.codings)) == (codes, users, 0)
    if codes:
        assert [(c.code_id, c.parent_id) for c in project.codebook.codes] == [
            ("commits", None), ("code_2022_05_10t02_05_59z_19e4dce", "commits"),
            ("code_2022_02_11t10_39_25z_cdbfd92", "commits")]
    else:
        assert project.codebook is None


def test_a_codebook_file_is_not_a_project(exchange_data):
    with pytest.raises(InputError) as error:
        read_qdpx(exchange_data / "foreign_codebook.qdc")

    assert str(error.value) == (
        f"{exchange_data / 'foreign_codebook.qdc'} is not a REFI-QDA project: its root element is <CodeBook>, "
        "expected <Project>. Is it a codebook (.qdc)? Use import_qdc for those.")


def test_a_zip_without_project_qde_is_refused(tmp_path):
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a project")

    with pytest.raises(InputError) as error:
        read_qdpx(path)

    assert str(error.value) == (f"{path} has no project.qde at the root of the zip, so it is not a REFI-QDA "
                                "project (.qdpx). Export the project again from the QDA program.")


def test_writing_needs_a_known_document_kind(exported, empty_store):
    with pytest.raises(InputError) as error:
        write_imported_project(read_qdpx(exported), empty_store, default_kind="diary")

    assert str(error.value) == ("default_kind must be one of interview, focus_group, survey, meeting, email. "
                                "Got 'diary' instead.")


def test_imported_text_is_pseudonymised_and_codings_follow_their_words(foreign_qdpx):
    from evaltoolkit.exchange.pseudonymise import imported_texts, pseudonymise_imported
    from evaltoolkit.privacy import Detector, Pseudonymiser

    project = read_qdpx(foreign_qdpx)
    text = "Respondent: mijn buurvrouw Fatima de Vries belde. De brieven van de gemeente snap ik niet."
    quoted = "De brieven van de gemeente snap ik niet."
    guid = project.sources["source_guid"].iloc[0]
    sources = project.sources.iloc[:1].assign(text=text, name="Interview Fatima de Vries")
    codings = project.codings.iloc[:1].assign(source_guid=guid, start=text.index(quoted), end=len(text))
    selections = project.selections.iloc[:1].assign(source_guid=guid, start=text.index(quoted), end=len(text))
    project = dataclasses.replace(project, sources=sources, codings=codings, selections=selections)
    documents = pd.DataFrame({"doc_id": ["d"], "text": ["\n".join(imported_texts(project))]})
    pseudonymiser = Pseudonymiser(detector=Detector(use_deduce=False)).fit(documents)

    safe = pseudonymise_imported(project, pseudonymiser)

    new_text = safe.sources["text"].iloc[0]
    assert "Fatima" not in new_text and "Vries" not in new_text
    assert "Fatima" not in safe.sources["name"].iloc[0]
    for frame in (safe.codings, safe.selections):
        assert new_text[int(frame["start"].iloc[0]):int(frame["end"].iloc[0])] == quoted


def test_writing_into_a_store_needs_a_choice_about_pseudonymisation(foreign_qdpx, empty_store):
    from evaltoolkit.errors import PrivacyError

    with pytest.raises(PrivacyError, match=r"^import_qdpx would write the texts of foreign\.qdpx into the project "
                                           r"store, which holds only pseudonymised text\. Use evaltoolkit\.project\.import_project_qdpx"):
        import_qdpx(foreign_qdpx, empty_store)
    assert empty_store.read("documents").empty
