"""The key: encrypted at rest, atomic writes, a wrong passphrase changes nothing."""
from __future__ import annotations

import re

import pytest

from evaltoolkit.project import Project, pseudonymise_project, reidentify
from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy import PseudonymKey, load_key, save_key
from evaltoolkit.store import open_project_store

from .conftest import PASSPHRASE


def test_key_round_trips_and_keeps_numbering(tmp_path):
    key = PseudonymKey()
    key.add_participant("SP03", label_nl="Sponsor", label_en="Sponsor", surfaces=["Joke Kok"])
    key.add_surface("Aleppo", "place")
    path = save_key(key, tmp_path / "keys" / "key.enc", passphrase=PASSPHRASE)
    loaded = load_key(path, passphrase=PASSPHRASE)
    assert loaded.entity_for_surface("joke kok").placeholder("nl") == "[Sponsor 1]"
    assert loaded.add_surface("Homs", "place").placeholder("en") == "[Place 2]"


def test_key_file_holds_no_name_in_clear(tmp_path):
    key = PseudonymKey()
    key.add_participant("HV01", label_nl="Hervestiger", label_en="Resettled refugee", surfaces=["Khaled Al-Hassan"])
    data = save_key(key, tmp_path / "key.enc", passphrase=PASSPHRASE).read_bytes()
    assert b"Khaled" not in data and b"HV01" not in data and b"Hervestiger" not in data


def test_wrong_passphrase_is_a_clear_error_and_changes_nothing(pseudonymised, detector):
    key_bytes = pseudonymised.paths.key.read_bytes()
    store = open_project_store(pseudonymised.paths.store_url)
    documents_before = store.read("documents")
    with pytest.raises(PrivacyError) as error:
        pseudonymise_project(Project(pseudonymised).unlock("wrong passphrase"), detector=detector)
    assert str(error.value) == (
        f"Cannot decrypt the pseudonymisation key {pseudonymised.paths.key}: the passphrase is wrong or the file "
        "was changed. Use the passphrase the key was created with; nothing was written.")
    assert pseudonymised.paths.key.read_bytes() == key_bytes
    assert store.read("documents").equals(documents_before)


def test_missing_passphrase_says_where_to_set_it(tmp_path):
    with pytest.raises(PrivacyError, match=re.escape("A passphrase for the pseudonymisation key is required")):
        save_key(PseudonymKey(), tmp_path / "key.enc", passphrase="")


def test_key_lives_outside_the_pseudonymised_data_and_the_store(pseudonymised):
    assert not pseudonymised.paths.key.is_relative_to(pseudonymised.paths.pseudonymised)
    for path in pseudonymised.paths.pseudonymised.rglob("*"):
        if path.is_file():
            assert b"Khaled" not in path.read_bytes()


def test_reidentify_is_the_way_back_and_is_audited(pseudonymised):
    answer = reidentify(Project(pseudonymised).unlock(PASSPHRASE), "[Hervestiger 1]", actor="anna")
    assert (answer.participant_id, answer.entity_type) == ("HV01", "person")
    assert "Khaled Al-Hassan" in answer.surfaces
    audit = open_project_store(pseudonymised.paths.store_url).read("audit_log")
    last = audit.iloc[-1]
    assert (last.actor, last.action, last.entity_id, last.details) == (
        "anna", "reidentify", "[Hervestiger 1]", '{"found": true}')


def test_reidentify_unknown_placeholder_says_how_to_write_it(pseudonymised):
    with pytest.raises(PrivacyError, match=re.escape(
            "'[Sponsor 99]' is not a placeholder or opaque participant id in the pseudonymisation key")):
        reidentify(Project(pseudonymised).unlock(PASSPHRASE), "[Sponsor 99]", actor="anna")


def test_a_missing_key_is_refused_once_the_project_was_pseudonymised(pseudonymised, detector):
    pseudonymised.paths.key.unlink()
    with pytest.raises(PrivacyError) as error:
        pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector, force=True)
    assert str(error.value) == (
        f"There is no pseudonymisation key at {pseudonymised.paths.key}. Restore it from its backup (placeholders "
        "must stay the same between runs); to start a new key on purpose, run `evaltoolkit pseudonymise --new-key`.")
    assert not pseudonymised.paths.key.exists()
    pseudonymise_project(Project(pseudonymised).unlock(PASSPHRASE), detector=detector, force=True, new_key=True)
    assert pseudonymised.paths.key.exists()


def test_reading_a_key_that_went_missing_is_an_error_not_an_empty_key(pseudonymised):
    assert len(Project(pseudonymised).unlock(PASSPHRASE).key()) > 0
    pseudonymised.paths.key.unlink()
    with pytest.raises(PrivacyError, match="There is no pseudonymisation key at"):
        Project(pseudonymised).unlock(PASSPHRASE).key()


@pytest.mark.parametrize("paths, message", [
    ("{key: reports/key.enc}", "[paths -> key] the pseudonymisation key must not sit inside the reports folder"),
    ("{key: notebooks/k/key.enc}", "[paths -> key] the pseudonymisation key must not sit inside the notebooks folder"),
    ("{key: data/keys/key.enc}", "[paths -> key] the pseudonymisation key must not sit inside the data folder"),
    ("{store: 'sqlite:///keys/project.sqlite'}", "[paths -> store] the project store must not sit in the key's folder"),
    ("{reports: keys/reports}", "[paths -> reports] the reports folder must not sit in the key's folder"),
    ("{notebooks: keys/nb}", "[paths -> notebooks] the notebooks folder must not sit in the key's folder"),
    ("{key: secret/key.enc, pseudonymised: secret/analysis}",
     "[paths -> pseudonymised] the pseudonymised folder must not sit in the key's folder"),
])
def test_the_key_lives_apart_from_data_reports_and_notebooks(tmp_path, paths, message):
    from evaltoolkit.config import load_config
    from evaltoolkit.errors import ConfigError

    from .conftest import CONFIG

    (tmp_path / "evaltoolkit.yaml").write_text(
        CONFIG.replace("LANGUAGE", "nl").replace("paths: {raw: data/raw/test}", f"paths: {paths}"), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert message in str(error.value)


MISSING_KEY = ("There is no pseudonymisation key at {key}. Restore it from its backup (placeholders must stay the "
               "same between runs); to start a new key on purpose, run `evaltoolkit pseudonymise --new-key`.")


def _output_gate(project):
    from evaltoolkit.project.outputs import checked_output

    checked_output(project, project.paths.reports / "maand.docx", {"report": "Niets bijzonders."})


def _leak_check(project):
    from evaltoolkit.project import leak_check

    leak_check(project)


def _withdraw(project):
    from evaltoolkit.project import withdraw_participant

    withdraw_participant(project, "HV02", actor="anna")


def _reidentify(project):
    reidentify(project, "[Hervestiger 1]", actor="anna")


@pytest.mark.parametrize("use", [_output_gate, _leak_check, _withdraw, _reidentify],
                         ids=["output gate", "privacy check", "withdraw", "reidentify"])
def test_every_use_of_a_key_that_went_missing_is_refused_and_changes_nothing(pseudonymised, use):
    from evaltoolkit.privacy.withdrawals import withdrawals_path
    from evaltoolkit.store import open_project_store

    store = open_project_store(pseudonymised.paths.store_url)
    before = {name: store.read(name) for name in ("segments", "participants")}
    pseudonymised.paths.key.unlink()
    with pytest.raises(PrivacyError) as error:
        use(Project(pseudonymised).unlock(PASSPHRASE))
    assert str(error.value) == MISSING_KEY.format(key=pseudonymised.paths.key)
    for name, frame in before.items():
        assert store.read(name).equals(frame), name
    assert not withdrawals_path(pseudonymised.paths.key).exists()
    assert not (pseudonymised.paths.reports / "maand.docx").exists()


def test_a_locked_output_gate_unlocks_from_the_environment_and_refuses_a_missing_key(pseudonymised, monkeypatch):
    from evaltoolkit.project.outputs import checked_output

    monkeypatch.setenv("EVALTOOLKIT_KEY_PASSPHRASE", PASSPHRASE)
    pseudonymised.paths.key.unlink()
    with pytest.raises(PrivacyError, match=re.escape(MISSING_KEY.format(key=pseudonymised.paths.key))):
        checked_output(Project(pseudonymised), pseudonymised.paths.reports / "maand.docx", {"report": "Niets."})


def test_participant_withdraw_command_refuses_a_missing_key(pseudonymised, monkeypatch):
    from typer.testing import CliRunner

    from evaltoolkit.cli.main import app

    monkeypatch.setenv("EVALTOOLKIT_KEY_PASSPHRASE", PASSPHRASE)
    pseudonymised.paths.key.unlink()
    result = CliRunner().invoke(app, ["participant", "withdraw", "HV02", "--actor", "anna",
                                      "--project", str(pseudonymised.paths.root)])
    assert result.exit_code == 1
    assert str(result.exception) == MISSING_KEY.format(key=pseudonymised.paths.key)


def test_scrub_refuses_a_missing_key_unless_told_to_start_one(tmp_path, detector):
    from evaltoolkit.privacy import scrub_files

    (tmp_path / "a.txt").write_text("Tesfalem kwam langs.", encoding="utf-8")
    key = tmp_path / "keys" / "key.enc"
    with pytest.raises(PrivacyError) as error:
        scrub_files([tmp_path / "a.txt"], output_dir=tmp_path / "out", key_path=key, passphrase=PASSPHRASE,
                    detector=detector)
    assert str(error.value) == (f"There is no pseudonymisation key at {key}. Check the path (or restore the key from "
                                "its backup); to start a new key there on purpose, add --new-key.")
    assert not key.exists() and not (tmp_path / "out").exists()
    scrub_files([tmp_path / "a.txt"], output_dir=tmp_path / "out", key_path=key, passphrase=PASSPHRASE,
                new_key=True, detector=detector)
    assert len(load_key(key, passphrase=PASSPHRASE)) == 1


def test_scrub_command_needs_new_key_for_a_key_that_is_not_there(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from evaltoolkit.cli.main import app

    monkeypatch.setenv("EVALTOOLKIT_KEY_PASSPHRASE", PASSPHRASE)
    (tmp_path / "a.txt").write_text("Bel +31 6 12345678.", encoding="utf-8")
    arguments = ["privacy", "scrub", str(tmp_path / "a.txt"), "--output-dir", str(tmp_path / "out"),
                 "--key", str(tmp_path / "keys" / "key.enc")]
    refused = CliRunner().invoke(app, arguments)
    assert refused.exit_code == 1 and "add --new-key" in str(refused.exception)
    assert CliRunner().invoke(app, [*arguments, "--new-key"]).exit_code == 0
    assert (tmp_path / "keys" / "key.enc").is_file()
