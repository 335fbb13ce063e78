"""CLI commands: ``evaltoolkit export qdc|qdpx`` and ``evaltoolkit import qdc|qdpx`` (REFI-QDA)."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from evaltoolkit.cli.common import ProjectOption, console, opened_project
from evaltoolkit.exchange import import_qdc
from evaltoolkit.exchange.codes import slug
from evaltoolkit.exchange.taguette import import_taguette_csv
from evaltoolkit.project import export_project_qdc, export_project_qdpx, export_project_taguette, import_project_qdpx

export_app = typer.Typer(name="export", no_args_is_help=True,
                         help="Write the codebook (.qdc) or the whole project (.qdpx) for ATLAS.ti, NVivo, "
                              "MAXQDA or QualCoder (REFI-QDA).")
import_app = typer.Typer(name="import", no_args_is_help=True,
                         help="Read a codebook (.qdc) or a project (.qdpx) from a REFI-QDA program.")

OutputOption = Annotated[Path, typer.Option("--output", "-o", help="File to write.", dir_okay=False)]
SourceArgument = Annotated[Path, typer.Argument(help="The file to import.", exists=True, dir_okay=False)]


@export_app.command("qdc")
def export_qdc_command(output: OutputOption, project: ProjectOption = None) -> None:
    """Write the project's codebook as a REFI-QDA codebook (.qdc)."""
    with opened_project(project) as opened:
        codebook = opened.codebook
        path = export_project_qdc(opened, output)
    _say(f"Wrote {path}: {len(codebook.codes)} codes of codebook {codebook.codebook_id} "
                  f"(version {codebook.version}).")


@export_app.command("taguette")
def export_taguette_command(output: OutputOption, project: ProjectOption = None) -> None:
    """Write the project's codebook as a Taguette codebook CSV (tag, description)."""
    with opened_project(project) as opened:
        codebook = opened.codebook
        path = export_project_taguette(opened, output)
    _say(f"Wrote {path}: the codable codes of codebook {codebook.codebook_id} (version {codebook.version}). "
         "In Taguette: Project > Import codebook.")


@export_app.command("qdpx")
def export_qdpx_command(output: OutputOption, project: ProjectOption = None) -> None:
    """Write the whole project (pseudonymised texts, accepted codings, coders, cases, memos) as .qdpx."""
    with opened_project(project, unlock=True) as opened:
        summary = export_project_qdpx(opened, output)
    _say(f"Wrote {summary.path}: {summary.documents} documents, {summary.codings} codings by "
                  f"{summary.users} users, {summary.cases} cases, {summary.notes} notes.")


@import_app.command("qdc")
def import_qdc_command(
    path: SourceArgument,
    project: ProjectOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False,
        help="Codebook YAML to write. Default: codebooks/<name of the .qdc>.yaml in the project.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
) -> None:
    """Read a .qdc codebook into codebook YAML (codes the project exported keep their ids)."""
    with opened_project(project) as opened:
        config = opened.config
        reference = opened.codebook if config.paths.codebook.is_file() else None
    output = output or config.paths.codebook.parent / f"{slug(path.stem)}.yaml"
    codebook = import_qdc(path, output=output, reference=reference, overwrite=force)
    _say(f"Wrote {output}: {len(codebook.codes)} codes from {path} (version {codebook.version}).")
    undefined = [code.code_id for code in codebook.codes if code.codable and not code.definition]
    if undefined:
        _say(f"{len(undefined)} codable codes have no definition yet ({', '.join(undefined[:5])}"
             f"{', ...' if len(undefined) > 5 else ''}): write one for each in {output.name} before coding with it; "
             "`evaltoolkit codebook validate` lists them.")


@import_app.command("taguette")
def import_taguette_command(
    path: SourceArgument,
    project: ProjectOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False,
        help="Codebook YAML to write. Default: codebooks/<name of the .csv>.yaml in the project.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
) -> None:
    """Read a Taguette codebook CSV (tag, description) into codebook YAML; tags are matched to the
    project's codes by label, and the table says what was matched or created."""
    with opened_project(project) as opened:
        config = opened.config
        reference = opened.codebook if config.paths.codebook.is_file() else None
    output = output or config.paths.codebook.parent / f"{slug(path.stem)}.yaml"
    codebook, matches = import_taguette_csv(path, output=output, reference=reference, overwrite=force)
    _say(f"Wrote {output}: {len(codebook.codes)} codes from {path} (version {codebook.version}).")
    for row in matches.itertuples(index=False):
        _say(f"  {row.name}  -> {row.code_id}  {row.match} ({row.why})")


@import_app.command("qdpx")
def import_qdpx_command(
    path: SourceArgument,
    project: ProjectOption = None,
    segment_by: Annotated[str, typer.Option(
        "--segment-by", help="selection: one segment per coded selection; paragraph: one per paragraph.")
    ] = "selection",
    coder: Annotated[str, typer.Option(
        "--coder", help="Coder name for codings and notes the file gives no user for.")] = "imported",
) -> None:
    """Read a .qdpx (or .qde) project into the project store: documents, segments, codings, memos.

    Texts, notes and names are pseudonymised with the project's key first (the key
    passphrase is read from the environment variable named in evaltoolkit.yaml).
    """
    with opened_project(project, unlock=True) as opened:
        _imported, report = import_project_qdpx(opened, path, segment_by=segment_by, default_coder=coder)
        store_url = opened.paths.store_url
    _say(f"Imported {path} into {store_url}.")
    _say(report.text())


def _say(text: str) -> None:
    """Print without markup (paths may hold brackets) and without wrapping long paths."""
    console.print(text, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the export and import command groups to the top-level app."""
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
