"""The project store to a REFI-QDA .qdpx file."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from .synthetic_project import build_tables

from evaltoolkit.errors import InputError, PrivacyError
from evaltoolkit.exchange import export_qdpx, stable_guid, validate_qdpx
from evaltoolkit.exchange.plaintext import original_offsets, plain_text
from evaltoolkit.store import open_project_store

P = "{urn:QDA-XML:project:1.0}"


def _export(store, codebook, config, tmp_path, name="project.qdpx", checks=None):
    check = (lambda texts: None) if checks is None else checks.append
    return export_qdpx(store, codebook, tmp_path / name, name=config.name, check_texts=check).path


def _root(path):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def _note_texts(path) -> dict[str, str]:
    """Note name -> the text in sources/<guid>.txt (where QualCoder reads notes)."""
    root = _root(path)
    with zipfile.ZipFile(path) as archive:
        return {n.get("name"): archive.read(f"sources/{n.get('plainTextPath')[len('internal://'):]}").decode("utf-8")
                for n in root.iter(f"{P}Note")}


def _source_texts(path) -> dict[str, str]:
    """TextSource name -> the exact text in sources/<guid>.txt."""
    root = _root(path)
    with zipfile.ZipFile(path) as archive:
        return {s.get("name"): archive.read(f"sources/{s.get('plainTextPath')[len('internal://'):]}").decode("utf-8")
                for s in root.iter(f"{P}TextSource")}


def test_export_is_valid_against_the_project_schema(project_store, codebook, config, refi_dir, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path)

    validate_qdpx(path, schema=refi_dir / "Project-mrt2019.xsd")


def test_exporting_twice_gives_identical_bytes(project_store, codebook, config, tmp_path, leak_checks):
    first = _export(project_store, codebook, config, tmp_path, "first.qdpx").read_bytes()
    second = _export(project_store, codebook, config, tmp_path, "second.qdpx").read_bytes()

    assert first == second


def test_zip_holds_project_qde_at_the_root_and_utf8_lf_texts_in_lower_case_sources(
        project_store, codebook, config, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path)

    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        texts = [archive.read(name) for name in names[1:]]
    guids = sorted(stable_guid("source", d) for d in ("int_r1_zaanstad_01", "sponsors_r1-r_001", "tl_meeting_2024_03"))
    notes = sorted(stable_guid("note", m) for m in ("memo-001", "memo-002", "memo-003", "memo-004"))
    assert names[0] == "project.qde"
    assert sorted(names[1:]) == sorted(f"sources/{g}.txt" for g in guids + notes)
    assert all(not t.startswith(b"\xef\xbb\xbf") and b"\r" not in t for t in texts)
    source = _root(path).find(f"{P}Sources/{P}TextSource")
    assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    assert source.get("richTextPath") is None


def test_selections_count_code_points_into_the_exported_text(project_store, codebook, config, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path)
    segments = build_tables()["segments"].set_index("segment_id")["text"]

    texts = _source_texts(path)
    found = {}
    for source in _root(path).iter(f"{P}TextSource"):
        for selection in source.iter(f"{P}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            found[selection.get("name")] = texts[source.get("name")][start:end]

    assert found == {sid: segments[sid] for sid in found}
    assert sorted(found) == ["int_r1_zaanstad_01:0002", "int_r1_zaanstad_01:0003", "sponsors_r1-r_001:0001",
                             "tl_meeting_2024_03:0001"]
    assert "😊" in found["int_r1_zaanstad_01:0002"] and "ëcht" in found["int_r1_zaanstad_01:0003"]


def test_crlf_text_is_written_with_lf_and_offsets_after_it_move(project_store, codebook, config, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path)

    text = _source_texts(path)["tl_meeting_2024_03"]

    assert text == ("Sponsoren gebruiken vertaalapps; de taal blijft lastig.\n\n"
                    "Werving gaat moeizaam in Zevenaar.")


def test_only_accepted_codings_are_exported_each_with_its_coder(project_store, codebook, config, tmp_path, leak_checks):
    root = _root(_export(project_store, codebook, config, tmp_path))

    users = {u.get("guid"): u.get("name") for u in root.iter(f"{P}User")}
    codes = {stable_guid("code", c): c for c in codebook.code_ids}
    codings = sorted(
        (selection.get("name"), codes[coding.find(f"{P}CodeRef").get("targetGUID")], users[coding.get("creatingUser")])
        for selection in root.iter(f"{P}PlainTextSelection") for coding in selection.iter(f"{P}Coding"))
    assert codings == [
        ("int_r1_zaanstad_01:0002", "taalbarriere", "anna"), ("int_r1_zaanstad_01:0002", "taalbarriere", "bram"),
        ("int_r1_zaanstad_01:0002", "uitdaging", "anna"), ("int_r1_zaanstad_01:0003", "meerwaarde", "bram"),
        ("sponsors_r1-r_001:0001", "bureaucratie", "anna"), ("tl_meeting_2024_03:0001", "taalbarriere", "anna")]
    assert sorted(users.values()) == ["anna", "bram", "carla"]


def test_project_children_come_in_the_order_the_schema_demands(project_store, codebook, config, tmp_path, leak_checks):
    root = _root(_export(project_store, codebook, config, tmp_path))

    assert [etree.QName(c).localname for c in root] == [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Sets", "NoteRef"]


def test_participants_become_cases_with_variables_and_their_documents(
        project_store, codebook, config, tmp_path, leak_checks):
    root = _root(_export(project_store, codebook, config, tmp_path))

    variables = {v.get("guid"): v.get("name") for v in root.iter(f"{P}Variable")}
    cases = {}
    for case in root.iter(f"{P}Case"):
        values = {variables[v.find(f"{P}VariableRef").get("targetGUID")]: v.find(f"{P}TextValue").text
                  for v in case.findall(f"{P}VariableValue")}
        refs = [r.get("targetGUID") for r in case.findall(f"{P}SourceRef")]
        cases[case.get("name")] = (case.findtext(f"{P}Description"), values, refs)
    assert cases == {
        "HV01": ("Hervestiger 1", {"perspective": "hervestiger", "site": "zaanstad", "role": "refugee", "round": "r1"},
                 [stable_guid("source", "int_r1_zaanstad_01")]),
        "SP01": ("Sponsor 1", {"perspective": "sponsor", "site": "nissewaard", "role": "sponsor", "round": "r1"},
                 [stable_guid("source", "sponsors_r1-r_001")]),
    }


def test_memos_become_notes_referenced_from_their_segment_code_document_and_project(
        project_store, codebook, config, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path)
    root = _root(path)

    notes = {n.get("guid"): n.get("name") for n in root.iter(f"{P}Note")}
    holders = sorted((etree.QName(ref.getparent()).localname, notes[ref.get("targetGUID")])
                     for ref in root.iter(f"{P}NoteRef"))
    assert holders == [("Code", "memo-002"), ("PlainTextSelection", "memo-001"), ("Project", "memo-004"),
                       ("TextSource", "memo-003")]
    texts = _note_texts(path)
    assert texts["memo-002"] == "Grens met inburgering nog scherper maken."
    # the segment's memo is also its selection's coding memo (MAXQDA, NVivo, QualCoder read that)
    described = [s for s in root.iter(f"{P}PlainTextSelection") if s.find(f"{P}Description") is not None]
    assert [s.findtext(f"{P}Description") for s in described] == [texts["memo-001"]]


def test_perspectives_become_sets_of_documents(project_store, codebook, config, tmp_path, leak_checks):
    root = _root(_export(project_store, codebook, config, tmp_path))

    sets = {s.get("name"): [m.get("targetGUID") for m in s.findall(f"{P}MemberSource")] for s in root.iter(f"{P}Set")}
    assert sets == {"hervestiger": [stable_guid("source", "int_r1_zaanstad_01")],
                    "sponsor": [stable_guid("source", "sponsors_r1-r_001")],
                    "teamleider": [stable_guid("source", "tl_meeting_2024_03")]}


def test_sets_are_left_out_when_no_document_has_a_perspective(tmp_path, codebook, config, leak_checks):
    store = open_project_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    tables = build_tables()
    tables["documents"]["perspective"] = None
    with store.transaction() as tx:
        for name, frame in tables.items():
            tx.write(name, frame)

    root = _root(_export(store, codebook, config, tmp_path))

    assert root.find(f"{P}Sets") is None
    store.dispose()


def test_export_refuses_and_writes_nothing_when_the_leak_check_fails(
        project_store, codebook, config, tmp_path, monkeypatch):
    def leak(texts):
        raise PrivacyError("2 documents still contain names (doc_ids: a, b).")

    with pytest.raises(PrivacyError) as error:
        export_qdpx(project_store, codebook, tmp_path / "project.qdpx", name=config.name, check_texts=leak)

    assert str(error.value) == "2 documents still contain names (doc_ids: a, b)."
    assert not (tmp_path / "project.qdpx").exists()


def test_every_text_that_leaves_goes_through_the_leak_check(project_store, codebook, config, tmp_path, leak_checks):
    path = _export(project_store, codebook, config, tmp_path, checks=leak_checks)

    [texts] = leak_checks
    exported = {f"document {name}": text for name, text in _source_texts(path).items()}
    assert {k: v for k, v in texts.items() if k.startswith("document ")} == exported
    assert sorted(k for k in texts if k.startswith("memo ")) == [
        "memo memo-001", "memo memo-002", "memo memo-003", "memo memo-004"]


def test_export_lists_unknown_codes_and_segments_that_do_not_match_their_text(
        project_store, codebook, config, tmp_path, leak_checks):
    codings = project_store.read("codings")
    codings.loc[codings["code_id"] == "bureaucratie", "code_id"] = "bestaat_niet"
    project_store.write("codings", codings, mode="replace")
    segments = project_store.read("segments")
    segments.loc[segments["segment_id"] == "sponsors_r1-r_001:0002", "start_char"] += 1
    project_store.write("segments", segments)

    with pytest.raises(InputError) as error:
        _export(project_store, codebook, config, tmp_path)

    assert str(error.value) == (
        "the project store cannot be exported to .qdpx has 2 problems:\n"
        "  [segments -> sponsors_r1-r_001:0002] start_char 54 and end_char 77 do not match the text of document "
        "'sponsors_r1-r_001'; segment the documents again.\n"
        "  [codings -> code_id] 'bestaat_niet' (1 accepted codings) is not a code of codebook 'exchange_test' "
        f"version {codebook.version}; export with the codebook they were coded with.")


def test_plain_text_drops_the_bom_turns_crlf_into_lf_and_remaps_offsets():
    text, positions = plain_text("\ufeffa\r\nb\rc")

    assert text == "a\nb\nc"
    assert [positions[i] for i in (1, 2, 3, 4, 5, 6, 7)] == [0, 1, 1, 2, 3, 4, 5]


def test_offsets_in_the_plain_text_map_back_to_the_original_text():
    original = "\ufeffa\r\nb\r\nc"
    text, positions = plain_text(original)
    starts, ends = original_offsets(positions)

    assert text == "a\nb\nc"
    assert original[starts[2]:ends[3]] == "b"
    assert original[starts[0]:ends[5]] == "a\r\nb\r\nc"


def test_an_export_cannot_be_written_without_a_leak_check(project_store, codebook, config, tmp_path):
    with pytest.raises(TypeError, match="check_texts"):
        export_qdpx(project_store, codebook, tmp_path / "project.qdpx", name=config.name)

    assert not (tmp_path / "project.qdpx").exists()


def test_control_characters_in_memos_do_not_break_the_export(project_store, codebook, config, tmp_path, leak_checks):
    memos = project_store.read("memos")
    memos.loc[memos["memo_id"] == "memo-003", "text"] = "Korte\x0c antwoorden.\x00"
    project_store.write("memos", memos)

    texts = _note_texts(_export(project_store, codebook, config, tmp_path))
    assert texts["memo-003"] == "Korte antwoorden."


def test_a_leak_check_can_be_passed_in(project_store, codebook, config, tmp_path):
    seen = []

    export_qdpx(project_store, codebook, tmp_path / "project.qdpx", name=config.name,
                check_texts=lambda texts: seen.append(sorted(texts)[0]))

    assert seen == ["code bureaucratie definition"]
