"""CLI commands: ``evaltoolkit topics fit | emergent | promote | dismiss``.

The topic library (BERTopic, UMAP, numba) takes seconds to import, so each command
imports it when it runs rather than when the CLI starts.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from evaltoolkit.cli.common import ProjectOption, console, opened_project

topics_app = typer.Typer(help="Find topics in the segments, emergent themes, and promote them to codes.",
                         no_args_is_help=True)

TopicArgument = Annotated[int, typer.Argument(help="Topic id, as `evaltoolkit topics emergent` lists it.")]
ModelOption = Annotated[str | None, typer.Option("--model", help="Model version. Default: the latest.")]
ActorOption = Annotated[str | None, typer.Option("--by", help="Who decides. Default: coding.coder in the config.")]


@topics_app.command("fit")
def fit_command(
    project: ProjectOption = None,
    refit: Annotated[bool, typer.Option("--refit", help="Fit a new model even if one exists.")] = False,
) -> None:
    """Fit a topic model (first time, or with --refit); otherwise assign new segments to the latest model."""
    from evaltoolkit.project import fit_project_topics

    with opened_project(project) as opened:
        run = fit_project_topics(opened, refit=refit)
    for line in run.summary():
        console.print(line, markup=False, soft_wrap=True)


@topics_app.command("emergent")
def emergent_command(
    project: ProjectOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Also write the themes to this CSV.")] = None,
    model: ModelOption = None,
) -> None:
    """List topics that match no code above the threshold (ids only, never text)."""
    from evaltoolkit.project import write_emergent_themes
    from evaltoolkit.topics import project_emergent_themes

    with opened_project(project) as opened:
        themes = project_emergent_themes(opened.store, model_version=model,
                                         min_cell_size=opened.config.privacy.min_cell_size)
        if output is not None:
            output = write_emergent_themes(opened, themes, output)
    if themes.empty:
        console.print("No emergent themes: every topic matches a code.", markup=False, soft_wrap=True)
    for theme in themes.itertuples():
        console.print(f"Topic {theme.topic_id} ({theme.size} segments; nearest code {theme.nearest_code_id}, "
                      f"similarity {theme.similarity:.2f}): {theme.top_terms}", markup=False, soft_wrap=True)
        console.print(f"  perspectives: {theme.perspectives} | sites: {theme.sites} | rounds: {theme.rounds}",
                      markup=False, soft_wrap=True)
        console.print(f"  segments: {theme.segment_ids}", markup=False, soft_wrap=True)
    if output is not None:
        console.print(f"Wrote {len(themes)} emergent themes to {output}.", markup=False, soft_wrap=True)


@topics_app.command("promote")
def promote_command(
    topic: TopicArgument,
    code_id: Annotated[str, typer.Option("--code-id", help="Id of the new code, e.g. vocht_schimmel.")],
    label: Annotated[str | None, typer.Option("--label", help="Label of the new code.")] = None,
    project: ProjectOption = None,
    model: ModelOption = None,
    by: ActorOption = None,
) -> None:
    """Make an emergent topic a new code in the codebook (recorded with its lineage)."""
    from evaltoolkit.topics import promote_topic

    with opened_project(project) as opened:
        config = opened.config
        code = promote_topic(opened.store, codebook_path=config.paths.codebook, topic_id=topic, code_id=code_id,
                             label=label, model_version=model, actor=by or config.coding.coder)
    console.print(f"Promoted topic {topic} to code {code.code_id!r} in {config.paths.codebook}.",
                  markup=False, soft_wrap=True)


@topics_app.command("dismiss")
def dismiss_command(topic: TopicArgument, project: ProjectOption = None, model: ModelOption = None,
                    by: ActorOption = None) -> None:
    """Record that an emergent topic is not a theme worth a code."""
    from evaltoolkit.topics import dismiss_topic

    with opened_project(project) as opened:
        dismiss_topic(opened.store, topic_id=topic, model_version=model, actor=by or opened.config.coding.coder)
    console.print(f"Dismissed topic {topic}.", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.add_typer(topics_app, name="topics")
