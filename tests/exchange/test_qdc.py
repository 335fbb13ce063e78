"""Codebooks to and from REFI-QDA .qdc files."""
from __future__ import annotations

import pytest
from lxml import etree

from evaltoolkit.codebook import load_codebook
from evaltoolkit.errors import InputError, SchemaError
from evaltoolkit.exchange import codebook_to_qdc, guid_map, import_qdc, read_qdc, stable_guid, validate_qdc, write_qdc
from evaltoolkit.exchange.codes import describe, normalise_color, parse_description

NS = {"c": "urn:QDA-XML:codebook:1.0"}


def test_round_trip_with_the_reference_codebook_gives_the_same_codebook_and_version(codebook, tmp_path):
    path = write_qdc(codebook, tmp_path / "codebook.qdc")

    back = read_qdc(path, reference=codebook)

    assert back == codebook
    assert back.version == codebook.version


def test_round_trip_without_reference_keeps_hierarchy_labels_colours_and_criteria(codebook, tmp_path):
    back = read_qdc(write_qdc(codebook, tmp_path / "codebook.qdc"))

    codes = {code.label_nl: code for code in back.codes}
    assert list(codes) == ["Uitdagingen", "Taalbarrière", "Bureaucratie en brieven", "Brieven (oud)",
                           "Meerwaarde", "Uitdaging"]
    assert codes["Taalbarrière"].parent_id == "uitdagingen"
    assert codes["Taalbarrière"].code_id == "taalbarriere"
    assert codes["Taalbarrière"].color == "#1F77B4"
    assert codes["Uitdagingen"].color == "#AA3300"
    assert codes["Taalbarrière"].definition == codebook.code("taalbarriere").definition
    assert codes["Taalbarrière"].inclusion == "Gesprekken waarin taal het contact bemoeilijkt."
    assert codes["Taalbarrière"].exclusion == "Taallessen als activiteit (zie inburgering)."
    assert [c.code_id for c in back.valences()] == ["meerwaarde", "uitdaging"]
    assert all(c.parent_id is None for c in back.valences())
    assert not codes["Uitdagingen"].codable


def test_valence_codes_form_a_separate_non_codable_top_level_group(codebook):
    root = etree.fromstring(codebook_to_qdc(codebook))

    top = root.findall("c:Codes/c:Code", NS)
    assert [(c.get("name"), c.get("isCodable")) for c in top] == [("Uitdagingen", "false"), ("Valentie", "false")]
    assert [c.get("name") for c in top[1].findall("c:Code", NS)] == ["Meerwaarde", "Uitdaging"]


def test_categories_are_folders_and_retired_codes_stay_codable_in_other_programs(codebook):
    root = etree.fromstring(codebook_to_qdc(codebook))

    codable = {c.get("name"): c.get("isCodable") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")}
    assert codable["Uitdagingen"] == "false"
    assert codable["Brieven (oud)"] == "true"  # it keeps its codings; QualCoder would make it a folder
    assert codable["Taalbarrière"] == "true"


def test_retired_code_comes_back_retired_with_its_lineage_from_the_reference(codebook, tmp_path):
    back = read_qdc(write_qdc(codebook, tmp_path / "codebook.qdc"), reference=codebook)

    retired = back.code("oude_brieven")
    assert retired.status == "retired"
    assert retired.codable is True
    assert retired.lineage == codebook.code("oude_brieven").lineage


def test_code_guids_are_uuid5_of_the_code_ids_and_map_back(codebook):
    root = etree.fromstring(codebook_to_qdc(codebook))

    guids = [c.get("guid") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code") if c.get("name") != "Valentie"]
    assert guids[0] == stable_guid("code", "uitdagingen")
    assert [guid_map("code", codebook.code_ids)[g] for g in guids] == [
        "uitdagingen", "taalbarriere", "bureaucratie", "oude_brieven", "meerwaarde", "uitdaging"]


def test_exporting_twice_gives_identical_bytes_in_utf8_without_bom(codebook):
    first, second = codebook_to_qdc(codebook), codebook_to_qdc(codebook)

    assert first == second
    assert first.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook')
    assert "Taalbarrière".encode() in first


def test_qdc_export_is_valid_against_the_codebook_schema(codebook, refi_dir, tmp_path):
    path = write_qdc(codebook, tmp_path / "codebook.qdc")

    validate_qdc(path, schema=refi_dir / "Codebook.xsd")


def test_schema_validation_lists_every_problem_with_its_line(refi_dir, tmp_path):
    path = tmp_path / "broken.qdc"
    path.write_text('<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n'
                    '<Code guid="x" name="A" isCodable="true"/>\n<Code guid="A0000000-0000-4000-8000-000000000001"'
                    ' name="B" isCodable="true" color="red"/>\n</Codes>\n</CodeBook>\n', encoding="utf-8")

    with pytest.raises(SchemaError) as error:
        validate_qdc(path, schema=refi_dir / "Codebook.xsd")

    message = str(error.value)
    assert message.startswith(f"{path} (checked against Codebook.xsd) has 2 problems:\n  line 4: ")
    assert "\n  line 5: " in message


def test_foreign_codes_get_ids_from_their_names_and_duplicates_are_told_apart(exchange_data):
    back = read_qdc(exchange_data / "foreign_codebook.qdc")

    assert [(c.code_id, c.parent_id) for c in back.codes] == [
        ("contact_relatie", None), ("buren", "contact_relatie"), ("eigen_netwerk", "contact_relatie"),
        ("buren_2", None), ("code_2e_ronde", None)]
    assert back.code("contact_relatie").color == "#CC6633"
    assert back.code("buren").color == "#00FF00"
    assert back.code("buren").definition == "Contact met buren, ook in het trappenhuis."
    assert back.codebook_id == "foreign_codebook"
    assert back.language == "nl"


def test_english_names_go_to_the_english_label_and_keep_the_dutch_one_from_the_reference(codebook, tmp_path):
    path = write_qdc(codebook, tmp_path / "codebook.qdc")

    back = read_qdc(path, reference=codebook, language="en")

    assert back.code("taalbarriere").label_en == "Taalbarrière"
    assert back.code("taalbarriere").label_nl == "Taalbarrière"
    assert back.code("meerwaarde").label_nl == "Meerwaarde"


def test_reading_a_project_file_as_a_codebook_says_what_to_use(tmp_path):
    path = tmp_path / "project.qdc"
    path.write_text('<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>', encoding="utf-8")

    with pytest.raises(InputError) as error:
        read_qdc(path)

    assert str(error.value) == (f"{path} is not a REFI-QDA codebook: its root element is <Project>, expected "
                                "<CodeBook>. Is it a project (.qde/.qdpx)? Use import_qdpx for those.")


def test_malformed_xml_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.qdc"
    path.write_text('<CodeBook>\n<Codes>\n</CodeBook>', encoding="utf-8")

    with pytest.raises(InputError) as error:
        read_qdc(path)

    assert str(error.value).startswith(f"{path} is not well-formed XML (line 3): ")
    assert str(error.value).endswith("Export the file again from the QDA program.")


def test_import_qdc_writes_codebook_yaml_that_loads_again(codebook, tmp_path):
    qdc = write_qdc(codebook, tmp_path / "codebook.qdc")

    imported = import_qdc(qdc, output=tmp_path / "codebooks" / "imported.yaml", reference=codebook)

    assert load_codebook(tmp_path / "codebooks" / "imported.yaml") == imported == codebook


def test_import_qdc_refuses_to_overwrite_an_existing_codebook(codebook, tmp_path):
    qdc = write_qdc(codebook, tmp_path / "codebook.qdc")
    existing = tmp_path / "codebook.yaml"
    existing.write_text("codebook_id: keep_me\n", encoding="utf-8")

    with pytest.raises(InputError) as error:
        import_qdc(qdc, output=existing)

    assert str(error.value) == (f"{existing} already exists. Choose another output file or allow overwriting "
                                "(--force on the command line).")
    assert existing.read_text(encoding="utf-8") == "codebook_id: keep_me\n"


def test_import_qdc_records_the_version_in_the_project_store(codebook, empty_store, tmp_path):
    qdc = write_qdc(codebook, tmp_path / "codebook.qdc")

    import_qdc(qdc, store=empty_store, reference=codebook)

    versions = empty_store.read("codebook_versions")
    assert list(zip(versions["codebook_id"], versions["version"])) == [("exchange_test", codebook.version)]


def test_description_is_definition_then_criteria_and_parses_back(codebook):
    code = codebook.code("taalbarriere")

    text = describe(code, "nl")

    assert text.endswith("\n\nInclusie: Gesprekken waarin taal het contact bemoeilijkt.\n\n"
                         "Exclusie: Taallessen als activiteit (zie inburgering).")
    assert parse_description(text) == (code.definition, code.inclusion, code.exclusion)
    assert parse_description("Alleen een omschrijving.") == ("Alleen een omschrijving.", "", "")


@pytest.mark.parametrize(("given", "expected"), [
    ("#1f77b4", "#1F77B4"), ("#abc", "#AABBCC"), ("red", None), ("", None), (None, None)])
def test_colours_are_written_as_rrggbb(given, expected):
    assert normalise_color(given) == expected


def test_the_default_codebook_exports_to_a_valid_qdc_and_reads_back_unchanged(repo_root, refi_dir, tmp_path):
    default = repo_root / "codebooks" / "community_sponsorship.yaml"
    if not default.is_file():
        pytest.skip("codebooks/community_sponsorship.yaml is not written yet")
    codebook = load_codebook(default)

    path = write_qdc(codebook, tmp_path / "default.qdc")

    validate_qdc(path, schema=refi_dir / "Codebook.xsd")
    assert read_qdc(path, reference=codebook) == codebook
