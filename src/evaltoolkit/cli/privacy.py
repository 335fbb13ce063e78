"""CLI commands: ``evaltoolkit pseudonymise``, ``evaltoolkit privacy ...`` and
``evaltoolkit participant withdraw``."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from evaltoolkit.cli.common import ProjectOption, console, opened_project, passphrase_from_env, say
from evaltoolkit.errors import InputError

privacy_app = typer.Typer(help="Pseudonymisation key, review queue, leak check and scrubbing of loose files.",
                          no_args_is_help=True)
participant_app = typer.Typer(help="Participants in the register.", no_args_is_help=True)

ActorOption = Annotated[str, typer.Option("--actor", help="Who does this (written to the audit log).")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("pseudonymise")(pseudonymise)
    app.add_typer(privacy_app, name="privacy")
    app.add_typer(participant_app, name="participant")


def pseudonymise(project: ProjectOption = None,
                 force: Annotated[bool, typer.Option("--force", help="Run even when nothing changed since "
                                                     "the last run.")] = False,
                 new_key: Annotated[bool, typer.Option("--new-key", help="Start a new key when the key file is "
                                                       "missing (every placeholder changes).")] = False) -> None:
    """Pseudonymise the whole corpus: raw store in, project store out; extends the key."""
    from evaltoolkit.project import pseudonymise_project

    with opened_project(project, unlock=True) as opened:
        report = pseudonymise_project(opened, force=force, new_key=new_key)
        say(str(report))
        say(f"Project store: {opened.paths.store_url}")


@privacy_app.command("check")
def check(project: ProjectOption = None,
          with_key: Annotated[bool, typer.Option("--with-key/--without-key",
                                                 help="Also look for every key entry (needs the passphrase).")] = True,
          paths: Annotated[list[Path] | None, typer.Argument(help="Only these files (default: the whole project).")]
          = None) -> None:
    """Scan the store, data/pseudonymised/, notebooks and reports/ for identifiers.

    Prints where (file, paragraph or segment, offset) and the identifier type, never the
    text; exits with status 1 on any hit.
    """
    from evaltoolkit.project import leak_check

    with opened_project(project, unlock=with_key) as opened:
        report = leak_check(opened, paths=paths or None)
    say(str(report))
    if not report.ok:
        raise typer.Exit(code=1)


@privacy_app.command("reidentify")
def reidentify_command(placeholder: Annotated[str, typer.Argument(help="e.g. '[Sponsor 3]'")],
                       actor: ActorOption, project: ProjectOption = None) -> None:
    """Who is behind a placeholder (the only way back; written to the audit log)."""
    from evaltoolkit.project import reidentify

    with opened_project(project, unlock=True) as opened:
        say(str(reidentify(opened, placeholder, actor=actor)))


@privacy_app.command("scrub")
def scrub(files: Annotated[list[Path], typer.Argument(help=".txt, .docx or .csv files")],
          output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Folder for the scrubbed copies.")],
          register_csv: Annotated[Path | None, typer.Option("--register", help="register.csv with known names.")]
          = None,
          key: Annotated[Path | None, typer.Option("--key", help="Encrypted key to reuse and extend.")] = None,
          new_key: Annotated[bool, typer.Option("--new-key", help="Start a new key at --key when there is no "
                                                "file there yet.")] = False,
          language: Annotated[str, typer.Option("--language", help="Placeholder language: nl or en.")] = "nl",
          passphrase_env: Annotated[str, typer.Option(help="Environment variable with the key's passphrase.")]
          = "EVALTOOLKIT_KEY_PASSPHRASE") -> None:
    """Pseudonymise loose files without a project; writes files of the same names."""
    from evaltoolkit.privacy import scrub_files

    passphrase = None
    if new_key and key is None:
        raise InputError("--new-key needs --key: the path where the new key is written.")
    if key is not None:
        passphrase = os.environ.get(passphrase_env) or typer.prompt("Passphrase of the key", hide_input=True)
    report = scrub_files(files, output_dir=output_dir, register=register_csv, key_path=key, passphrase=passphrase,
                         new_key=new_key, language=language)
    console.print(str(report), markup=False, soft_wrap=True)


@privacy_app.command("review-export")
def review_export(project: ProjectOption = None,
                  output: Annotated[Path | None, typer.Option("--output", help=".xlsx or .csv on the raw side")]
                  = None) -> None:
    """Write the open review queue, with context, to a spreadsheet (raw side only)."""
    from evaltoolkit.project import export_review_queue

    with opened_project(project) as opened:
        say(f"Wrote {export_review_queue(opened, output)}")


@privacy_app.command("review-import")
def review_import(path: Annotated[Path, typer.Argument(help="The filled-in review file")], actor: ActorOption,
                  project: ProjectOption = None) -> None:
    """Store the decisions (accept, reject, add) of a filled-in review file."""
    from evaltoolkit.project import import_review_decisions

    with opened_project(project) as opened:
        say(str(import_review_decisions(opened, path, decided_by=actor)))


@participant_app.command("withdraw")
def withdraw(participant_id: Annotated[str, typer.Argument(help="Their participant_id in register.csv.")],
             actor: ActorOption,
             on: Annotated[str | None, typer.Option("--on", help="Date of withdrawal (YYYY-MM-DD), default today.")]
             = None, project: ProjectOption = None) -> None:
    """Withdraw a participant for good: their documents, turns, codings, memos, topic models and cached
    embeddings built on their words, and the key link go; the withdrawal list beside the key records it."""
    from evaltoolkit.project import withdraw_participant

    try:
        day = dt.date.fromisoformat(on) if on else None
    except ValueError:
        raise InputError(f"--on must be a date as YYYY-MM-DD. Got {on!r} instead.") from None
    with opened_project(project) as opened:
        if opened.key_is_expected():   # the key must lose the link; a missing key is refused, not skipped
            opened.unlock(passphrase_from_env(opened))
        report = withdraw_participant(opened, participant_id, actor=actor, withdrawn_on=day)
    say(str(report))
