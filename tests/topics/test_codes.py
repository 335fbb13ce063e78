import pandas as pd
import pytest

from evaltoolkit.codebook import load_codebook
from evaltoolkit.errors import InputError
from evaltoolkit.topics import codes_frame, seed_words
from evaltoolkit.topics.codes import code_descriptions


def test_codes_from_a_codebook_are_its_codable_active_themes(test_data):
    frame = codes_frame(load_codebook(test_data / "topics" / "codebook.yaml"))
    assert frame["code_id"].tolist() == ["taalbarriere", "praktische_hulp", "financiele_onzekerheid",
                                         "werving_vrijwilligers", "taakverdeling", "sociale_contacten"]
    assert list(frame.columns) == ["code_id", "label", "definition", "patterns", "examples"]


def test_codes_table_reports_every_problem_at_once():
    table = pd.DataFrame({"code_id": ["a", None, "a"], "definition": ["x", "y", "z"]})
    with pytest.raises(InputError) as error:
        codes_frame(table.drop(columns=["code_id"]))
    assert str(error.value) == ("the codes table has 2 problems:\n  [code_id] required column is missing.\n"
                                "  [label] required column is missing.")
    with pytest.raises(InputError) as error:
        codes_frame(table.assign(label="l"))
    assert str(error.value) == ("the codes table has 2 problems:\n  [code_id] must not be empty; empty in rows 1.\n"
                                "  [code_id] must be unique; repeated: a.")


def test_patterns_in_a_table_cell_may_be_separated_by_semicolons():
    frame = codes_frame(pd.DataFrame({"code_id": ["tolk"], "label": ["Tolken"], "patterns": ["tolk*; vertaal*"]}))
    assert frame.loc[0, "patterns"] == ["tolk*", "vertaal*"]
    assert frame.loc[0, "examples"] == []


def test_seed_words_are_lemmas_of_label_and_patterns_without_wildcards():
    frame = codes_frame(pd.DataFrame({"code_id": ["financien"], "label": ["Financiële onzekerheid"],
                                      "patterns": [["*lening", "uitkering*", "schulden"]]}))
    assert seed_words(frame) == [["financieel", "onzekerheid", "lening", "uitkering", "schuld"]]


def test_code_description_is_label_and_definition():
    frame = codes_frame(pd.DataFrame({"code_id": ["a", "b"], "label": ["Taal", "Geld"],
                                      "definition": ["Over tolken.", None]}))
    assert code_descriptions(frame) == ["Taal: Over tolken.", "Geld"]
