"""The thin commands: pseudonymise, privacy reidentify, privacy review-export, participant withdraw."""
from __future__ import annotations

from typer.testing import CliRunner

from evaltoolkit.cli.main import app

from .conftest import PASSPHRASE


def run(config, *args, monkeypatch):
    monkeypatch.setenv(config.privacy.passphrase_env, PASSPHRASE)
    return CliRunner().invoke(app, [*args, "--project", str(config.paths.root)])


def test_pseudonymise_reidentify_and_withdraw_commands(project, monkeypatch):
    result = run(project, "pseudonymise", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Pseudonymising 4 documents...\nPseudonymised 4 documents, 16 segments, "
                                    "7 participants.\n")
    result = run(project, "privacy", "reidentify", "[Sponsor 2]", "--actor", "anna", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    from .conftest import project_id

    assert result.output.startswith(f"[Sponsor 2] is participant SP02 ({project_id(project, 'SP02')} in the project "
                                    "store); written as: Pieter Bakker")
    result = run(project, "participant", "withdraw", "SP02", "--actor", "anna", "--on", "2024-09-01",
                 monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output == ("Withdrew SP02: removed 0 documents, 0 segments, 0 codings, 0 memos, 0 topic "
                             "assignments; updated the evidence of 0 insights.\n")


def test_review_export_command_writes_on_the_raw_side(pseudonymised, monkeypatch):
    result = run(pseudonymised, "privacy", "review-export", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    path = pseudonymised.paths.root / "data" / "raw" / "review" / "privacy_review.xlsx"
    assert result.output == f"Wrote {path}\n" and path.is_file()
