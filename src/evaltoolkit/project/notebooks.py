"""The notebooks every evaluation project gets (``notebooks/``), described here so they
stay consistent and reviewable. ``evaltoolkit init`` writes them into a new project;
``scripts/build_notebooks.py`` writes them into the repository's ``notebooks/`` (and with
``--check`` says which committed notebook differs from its description).

The notebooks are written without outputs (outputs can hold participant text) and with
fixed cell ids, so the same descriptions always give the same files. Each notebook opens
with a cell tagged ``parameters`` (papermill), then one library call per cell with its
display; markdown cells tell a researcher what the step does and what to look at. Nothing
in them names a study's perspectives, codes, coders or site attributes: they are read from
the project (``evaltoolkit.yaml``, the codebook, the codings).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


@dataclass(frozen=True)
class Cell:
    kind: str  # "markdown", "code" or "parameters"
    source: str


@dataclass(frozen=True)
class Notebook:
    name: str
    cells: tuple[Cell, ...]


def _md(source: str) -> Cell:
    return Cell("markdown", source.strip())


def _code(source: str) -> Cell:
    return Cell("code", source.strip())


def _parameters(source: str) -> Cell:
    return Cell("parameters", source.strip())


def _project_parameters(*extra: str) -> Cell:
    lines = ['project_dir = ".."  # folder of the evaluation project (holds evaltoolkit.yaml)', *extra]
    return _parameters("\n".join(["# Parameters: papermill replaces these (papermill -p month 2024-11 ...)", *lines]))


MONTH = 'month = "2024-10"  # the reporting month, YYYY-MM'

PRIVACY_NOTE = (
    "> **Privacy.** This notebook only shows what the library displays of the *pseudonymised* "
    "project store: counts, ids and pseudonymised tables. Its outputs are never committed, and "
    "the leak check (notebook 01) scans executed notebooks too: clear the outputs before sharing it."
)

INGEST = Notebook("01_ingest_and_pseudonymise", (
    _md("""
# 1. Ingest and pseudonymise

What did we collect, and who is in it? This notebook reads every source file listed in the
project's manifest (transcripts, questionnaire exports, meeting notes, e-mails) into the
**raw store** under `data/raw/`, then writes the **pseudonymised** corpus that every later
step reads. Names, places and numbers become placeholders such as `[Deelnemer 3]` or
`[Plaats 1]`; who is who lives only in the encrypted key.

> **Privacy.** This notebook touches raw data, so it shows counts only, never text. Run it
> in the protected environment where `data/raw/` lives.
"""),
    _project_parameters(),
    _code("""
import getpass
import os

from evaltoolkit.project import (Project, export_review_queue, ingest, leak_check, load_review_queue,
                                 project_status, pseudonymise_project)

project = Project.open(project_dir)
config = project.config
print(config.name)
"""),
    _md("""
## Ingest the source files

Files that did not change since the last run are skipped (content hashes); changed files
are re-read without losing what is attached to their unchanged segments. Look at the
status column (new, updated, unchanged, ...) and at the problems below: a problem names the
file and line, and the file is left out until it is fixed.
"""),
    _code("""
ingested = ingest(project)
ingested.summary()
"""),
    _code("""
print("\\n".join(ingested.problems) or "No problems.")
"""),
    _md("""
## Pseudonymise

The passphrase of the key comes from the environment variable named in `evaltoolkit.yaml`
(`privacy.passphrase_env`); without it you are asked for it. A wrong passphrase stops here
before anything is written. The summary counts replacements by type and the detections
that wait for review.
"""),
    _code("""
project.unlock(os.environ.get(config.privacy.passphrase_env) or getpass.getpass(f"{config.privacy.passphrase_env}: "))
"""),
    _code("""
pseudonymised = pseudonymise_project(project)
print(pseudonymised)
"""),
    _md("""
## What the project holds

Documents and segments per perspective, site, round and kind; participants per
perspective and role (consent and withdrawal); row counts of both stores. Check that every
round and site you expect is there.
"""),
    _code("""
status = project_status(project)
status.documents
"""),
    _code("status.participants"),
    _code("status.stores"),
    _md("""
## Review queue

Detections the pseudonymiser was not sure about, and new names, wait for a researcher's
decision. The export (raw side, under `data/raw/`) holds their context: fill in the
`decision` column (accept, reject, or add a missed span) and import it with
`evaltoolkit privacy review import`; the next run applies the decisions corpus-wide.
Here only the number of open items per type is shown.
"""),
    _code("""
review_file = export_review_queue(project)
print(review_file)
"""),
    _code("""
load_review_queue(project)["entity_type"].value_counts()
"""),
    _md("""
## Leak check

Scans the project store, `data/pseudonymised/`, executed notebooks and `reports/` for any
key entry, register name or pattern-detected identifier. Every hit is shown by place
(file, segment, offset), never by its text. "No leaks found" means nothing leaked; the report
builder runs the same check and refuses to write on a hit. With the passphrase, every key
entry is looked for as well.
"""),
    _code("""
leaks = leak_check(project)
print(leaks)
"""),
))

CODING = Notebook("02_code_and_review", (
    _md(f"""
# 2. Code and review

Which segment has which code? The codebook defines the codes; machine suggestions (keyword
rules, and a learned suggester once enough codings are accepted) propose codes for every
segment, and researchers accept or reject them, in this notebook's review view or in a
spreadsheet. Only accepted codings count in findings. At the end: how well two researchers
agree, how well the machine agrees with them, and the memos and insights log.

{PRIVACY_NOTE}
"""),
    _project_parameters(
        "reviewer = None  # who reviews in the view below; None: coding.coder in evaltoolkit.yaml",
        "coder_a = None  # the two researchers compared for agreement; None: the first two coders with codings",
        "coder_b = None",
        "learn = True  # False: rule suggestions only (seconds); True also retrains the learned suggester (minutes)",
    ),
    _code("""
from evaltoolkit.codebook import list_codebook_versions, save_codebook_version
from evaltoolkit.coding import (ReviewSession, agreement_table, export_review, human_coders, list_insights,
                                list_memos, open_suggestions, review_view, suggest_for_project,
                                teaching_queue)
from evaltoolkit.project import Project, output_check, output_path

project = Project.open(project_dir)
config, store = project.config, project.store
"""),
    _md("""
## Who codes

The reviewer is `coding.coder` in `evaltoolkit.yaml` unless the parameters name one; the
two coders compared for agreement are, unless named, the first two people with codings in
the project store.
"""),
    _code("""
reviewer = reviewer or config.coding.coder
coders = human_coders(store.read("codings"))
coder_a = coder_a or next(iter(coders), None)
coder_b = coder_b or next((coder for coder in coders if coder != coder_a), None)
print(f"Reviewer: {reviewer}. Coders with codings: {', '.join(coders) or 'none yet'}.")
"""),
    _md("""
## The codebook

Loading validates the codebook and reports every problem at once (unknown parents, duplicate
ids, ...). Each version is stored by its content hash, so every coding says which codebook
version it was made with.
"""),
    _code("""
codebook = project.codebook
print(f"{codebook.title}: {len(codebook.themes())} themes, {len(codebook.valences())} valence codes")
"""),
    _code("""
save_codebook_version(store, codebook, actor=reviewer)
list_codebook_versions(store)
"""),
    _md("""
## Machine suggestions

Suggestions are stored with status `suggested` and their machine coder (`rules:...`,
`model:...`); re-running replaces them. The learned suggester is trained on the codings
researchers accepted, once there are enough. Look at how many segments each coder covers,
and which codes are suggested most.
"""),
    _code("""
suggestions = suggest_for_project(store, codebook, actor=reviewer, learn=learn,
                                  auto_accept_confidence=config.coding.auto_accept_confidence)
suggestions
"""),
    _code("""
open_suggestions(store)["code_id"].value_counts().head(15)
"""),
    _md("""
## Review in the notebook

The view shows one suggestion at a time with the segment before and after it, the
suggestions whose decision teaches the suggester most first, with the code's estimated
precision and recall so far. Click it,
then decide with the keys: **a** accept, **r** reject, **n** or **→** next, **p** or **←**
previous, **1**-**9** give the segment the numbered code (the codes suggested for it come
first), **m** write a memo on the segment (Ctrl+Enter saves it, Esc goes back to the keys).
While the view has the focus, the notebook's own shortcuts are off; click outside it to get
them back. Every decision is written to the store at once (with your name and the time) and
to the audit log, so you can stop at any time and go on later.
"""),
    _code("""
# the suggestions whose decision teaches the suggester most come first, each with its
# code's precision and recall from the decisions so far
session = ReviewSession(store, codebook, reviewer=reviewer, queue=teaching_queue(store, codebook))
print(f"{len(session.queue)} open suggestions")
"""),
    _code("review_view(session)"),
    _md("""
## Review in a spreadsheet

The same queue as a CSV (or .xlsx) for reviewing outside Jupyter; fill in the decision
column and import it with `evaltoolkit code import-review`. The file holds pseudonymised
segment text.
"""),
    _code("""
review_csv = output_path(project, config.paths.pseudonymised / "review" / "coding_review.csv")
written = export_review(store, review_csv, codebook=codebook, check_texts=output_check(project),
                        language=config.report_language)
print(f"{written} suggestions written to {review_csv}")
"""),
    _md("""
## Agreement

Per code and overall (last row): Cohen's kappa, Krippendorff's alpha and percent agreement
over the segments either coder coded. Codes with low kappa need a sharper definition or a
calibration session. Below that, the same between the first researcher and the rule-based
suggestions, which tells you how far the suggestions can be trusted.
"""),
    _code("""
NEEDS_TWO = "Agreement needs two coders with codings (see 'Who codes' above)."
agreement_table(store, coder_a=coder_a, coder_b=coder_b) if coder_a and coder_b else NEEDS_TWO
"""),
    _code("""
agreement_table(store, coder_a=coder_a, coder_b=coder_b, by_month=True) if coder_a and coder_b else NEEDS_TWO
"""),
    _code("""
rule_coder = next(iter(suggestions["coder"]), None)
agreement_table(store, coder_a=coder_a, coder_b=rule_coder).tail(1) if coder_a and rule_coder else NEEDS_TWO
"""),
    _md("""
The same overall figures per perspective, language and interpreted-or-not (text spoken
through an interpreter): suggestions that agree well overall may still fail one group of
respondents.
"""),
    _code("""
agreement_table(store, coder_a=coder_a, coder_b=rule_coder, by_subgroup=True) if coder_a and rule_coder else NEEDS_TWO
"""),
    _md("""
## Memos and insights

Memos are notes on codes, segments or documents; insights ("Belangrijk inzicht",
"Slimme aanpak") are claims with evidence and an implication for practice, tracked with
an action and a status, and they open the monthly report.
"""),
    _code("list_memos(store)"),
    _code("list_insights(store)"),
))

TOPICS = Notebook("03_topics_and_emergent_themes", (
    _md(f"""
# 3. Topics and emergent themes

What else is in the data? A topic model (BERTopic, guided by the codebook) groups the
segments by meaning. Topics close to a code confirm it and suggest that code for their
segments; topics **no code covers** are *emergent themes*: candidates for the codebook that
a researcher promotes or dismisses.

The model is fitted once and saved with a version; later months' segments are *assigned* to
it without refitting, so topics keep their meaning from month to month. Refitting is an
explicit choice (`refit = True`).

{PRIVACY_NOTE}
"""),
    _project_parameters('refit = False  # True fits a new model; False assigns new segments to the latest one'),
    _code("""
from evaltoolkit.project import Project, fit_project_topics
from evaltoolkit.topics import (plot_topic_sizes, plot_topics_over_time, project_emergent_themes, topic_frame,
                                topic_segments)
from matplotlib_inline.backend_inline import set_matplotlib_formats

set_matplotlib_formats("png")  # show the figures the library returns as images
project = Project.open(project_dir)
config, store = project.config, project.store
"""),
    _md("""
## Fit or assign

The summary says whether a model was fitted or reused, how many topics it has and how many
are emergent, and where the model is saved.
"""),
    _code("""
run = fit_project_topics(project, refit=refit)
print("\\n".join(run.summary()))
"""),
    _md("""
## Emergent themes

Topics whose nearest code is less similar than `topics.emergent_threshold` in
`evaltoolkit.yaml`. Read the top terms and where the topic comes from (perspectives,
sites, rounds); open the representative segments by id in the review view. Promote a theme
into the codebook with `evaltoolkit topics promote`, or dismiss it.
"""),
    _code("""
emergent = project_emergent_themes(store, model_version=run.model_version,
                                   min_cell_size=config.privacy.min_cell_size)  # counts behind few people read "<k"
emergent.drop(columns=["segment_ids"])
"""),
    _md("""
## Figures

Topic sizes by perspective and by round, and topics per month. They show counts only.
Counts per site can identify people in a small study, so site figures are left out here.
"""),
    _code("""
topics = topic_frame(store.read("topic_assignments", where={"model_version": run.model_version}),
                     store.read("topics", where={"model_version": run.model_version}),
                     topic_segments(store.read("segments"), store.read("documents")))
print(f"{len(topics)} segments in {topics['topic_id'].nunique()} topics (outliers left out)")
"""),
    _code('plot_topic_sizes(topics, by="perspective")'),
    _code('plot_topic_sizes(topics, by="round")'),
    _code("plot_topics_over_time(topics)"),
))

FINDINGS = Notebook("04_findings_by_perspective", (
    _md(f"""
# 4. Findings by perspective

How do perspectives differ? Every table counts **accepted** codings on participant turns
(not interviewer or interpreter turns; never withdrawn participants) and goes through
disclosure control: counts below `privacy.min_cell_size` are shown as "<3" (and so are
cells from which a hidden one could be worked out); the notes say what was hidden.

Counting `participants` instead of `segments` gives "mentioned by 3 of 5 participants"
(`n` of `denominator`).

{PRIVACY_NOTE}
"""),
    _project_parameters("quote_code = None  # theme of the exemplar quotes; None: the most coded theme",
                       "quote_perspective = None  # None: the first perspective in evaltoolkit.yaml",
                       "site_attribute = None  # site attribute to compare by; None: the first one declared"),
    _code("""
from evaltoolkit.analysis import (co_occurrence, code_matrix, compare_rounds, convergence, select_quotes,
                                  site_attributes_of)
from evaltoolkit.project import Project, load_study_data

project = Project.open(project_dir)
config, codebook = project.config, project.codebook
data = load_study_data(project.store)
study = (data.codings, data.segments, data.documents, data.participants)
cells = config.privacy.min_cell_size
"""),
    _code("""
# the study's own valence codes and staff roles, from its codebook and evaltoolkit.yaml
vocabulary = {"valence_ids": codebook.valence_ids(), "staff_roles": config.staff_role_ids}
"""),
    _md("""
## Themes by perspective

Participants per theme and perspective. Read across a row: which perspectives raise this
theme, and how many of their people.
"""),
    _code("""
by_perspective = code_matrix(*study, by="perspective", count="participants", min_cell_size=cells, **vocabulary)
print("\\n".join(by_perspective.notes))
by_perspective.formatted().pivot(index="code_id", columns="perspective", values="n")
"""),
    _md("""
## Added value and challenges

The same split by the codebook's valence codes (added value, challenge, reason, condition
or recommendation, as each valence code declares): segments that carry both the theme and
the valence code.
"""),
    _code("""
by_valence = code_matrix(*study, by=["perspective", "valence"], min_cell_size=cells, **vocabulary)
by_valence.formatted().pivot(index="code_id", columns=["perspective", "valence"], values="n")
"""),
    _md("""
## What changed between the rounds

Shares of each perspective's participants per theme in round 1 and round 2 (the rounds
reached different numbers of people, so shares are compared): `new`, `gone`, `rising`,
`falling` or `stable`.
"""),
    _code("""
rounds = compare_rounds(*study, by="perspective", min_cell_size=cells, **vocabulary)
rounds.formatted()[rounds.table["change"] != "stable"]
"""),
    _md("""
## By site and by the sites' model

Sites are compared through the attributes of their model, set per site in
`evaltoolkit.yaml` (`site_attribute`; by default the first one declared). Small cells are
hidden: per site, few people are behind each count.
"""),
    _code("""
site_attribute = site_attribute or next((name for site in config.sites for name in site.attributes), None)
if site_attribute is None:
    print("The sites in evaltoolkit.yaml declare no attributes: there is no model to compare by.")
else:
    by_model = code_matrix(*study, by=["perspective", site_attribute], site_attributes=site_attributes_of(config.sites),
                           min_cell_size=cells, **vocabulary)
    display(by_model.formatted().pivot(index="code_id", columns=["perspective", site_attribute], values="n"))
"""),
    _code("""
by_site = code_matrix(*study, by="site", min_cell_size=cells, **vocabulary)
by_site.formatted().pivot(index="code_id", columns="site", values="n")
"""),
    _md("""
## Themes that go together

Pairs of themes coded on the same segment (`n_segments`), with their Jaccard overlap.
"""),
    _code("""
co_occurrence(*study, min_cell_size=cells, **vocabulary).table.sort_values("n_segments", ascending=False).head(15)
"""),
    _md("""
## Convergence and divergence

Per theme: do the perspectives lean the same way (`convergent`: all see added value, or
all see a challenge), contradict each other (`divergent`), or say too little to tell?
Divergent themes are worth discussing with practice.
"""),
    _code("""
convergence(*study, positive=codebook.valence_ids(polarity="positive"),
            negative=codebook.valence_ids(polarity="negative"), min_cell_size=cells, **vocabulary).formatted()
"""),
    _md("""
## Exemplar quotes

Representative quotes from different speakers, attributed by role and moment as in the
evaluation's reports ("(Participant, second round of data collection)"), never by name.
Withdrawn participants are never quoted. The text is pseudonymised; check each quote before
it leaves the team. Unless the parameters name them, the theme is the one with the most
accepted codings and the perspective is the first one in `evaltoolkit.yaml`.
"""),
    _code("""
themes = [code.code_id for code in codebook.themes()]
accepted = data.codings[(data.codings["status"] == "accepted") & data.codings["code_id"].isin(themes)]
quote_code = quote_code or next(iter(accepted["code_id"].value_counts().index), None)
quote_perspective = quote_perspective or config.perspective_ids[0]
print(f"Quotes for {quote_code or '(no accepted theme codings yet)'} from {quote_perspective}")
"""),
    _code("""
select_quotes(*study, code_id=quote_code, valence_ids=codebook.valence_ids(), perspective=quote_perspective,
              n=config.reports.quotes_per_finding, perspectives=config.perspectives, roles=config.roles,
              rounds=config.rounds, language=config.report_language)
"""),
))

INDICATORS = Notebook("05_logic_model_indicators", (
    _md(f"""
# 5. Logic-model indicators

Are we on track? The logic model (theory of change) in `paths.logic_model` names the
outcomes, their outputs and indicators with targets. Quantitative indicators count the
register, the questionnaires and the events log (people reached, sessions held, ...,
as `event_kinds` in `evaltoolkit.yaml` declares them); qualitative ones count the segments that support or challenge an
outcome. The evidence-gap view shows which outcome has no evidence from which perspective
yet: where to look in the next round of data collection.

{PRIVACY_NOTE}
"""),
    _project_parameters(MONTH),
    _code("""
from evaltoolkit.indicators import evidence_gaps
from evaltoolkit.project import DISPLAY_COLUMNS, Project, indicators_for_project, load_study_data

project = Project.open(project_dir)
config, store = project.config, project.store
"""),
    _md("""
## The logic model

Loading validates the YAML and reports every problem at once. Each indicator: what it
measures and its target.
"""),
    _code("""
model = project.logic_model
[(indicator.indicator_id, indicator.measure, indicator.target) for indicator in model.indicators()]
"""),
    _md("""
## Indicators for the month

Target, actual value, status (`on_track`, `at_risk`, `off_track`, by the rules in the logic
model) and the trend against the previous month. The values are stored in the project
store (`indicator_values`) so the report and later months can compare with them.
"""),
    _code("""
indicators = indicators_for_project(project, period=month)
indicators[list(DISPLAY_COLUMNS)]
"""),
    _md("""
## Evidence gaps

One row per outcome and perspective: segments and participants that give evidence on the
outcome. `has_evidence = False` is a gap.
"""),
    _code("""
data = load_study_data(store)
gaps = evidence_gaps(model, codings=data.codings, segments=data.segments, documents=data.documents,
                     participants=data.participants, perspectives=config.perspective_ids,
                     codebook=project.codebook, staff_roles=config.staff_role_ids,
                     min_cell_size=config.privacy.min_cell_size)
gaps.table.pivot(index="outcome_id", columns="perspective", values="has_evidence")
"""),
))

REPORT = Notebook("06_monthly_report", (
    _md("""
# 6. Monthly report

The Word report for the steering committee, for `month`: data basis, key insights and
smart approaches, what is new, findings per perspective with quotes, the comparison
between perspectives, the indicator table, figures, and a methods and privacy box.
The leak check runs first and blocks the report on any hit. The same data and codebook
always give the same text. The .docx is written to `reports/`.
"""),
    _project_parameters(MONTH),
    _code("""
import getpass
import os

from evaltoolkit.project import Project, build_report_for_project

project = Project.open(project_dir)
config = project.config
# unlocked, the report's leak check also looks for every entry of the pseudonymisation key
project.unlock(os.environ.get(config.privacy.passphrase_env) or getpass.getpass(f"{config.privacy.passphrase_env}: "))
"""),
    _md("""
## Build the report

Prints the path of the .docx. Word fills in the table of contents when it opens the file
(otherwise right-click it and choose "Update field"). Read the methods and privacy box: it
says what was suppressed. A leak-check failure lists places (file, segment, offset) to fix; nothing is
written until it passes.
"""),
    _code("""
report = build_report_for_project(project, month=month)
print(report)
"""),
))

NOTEBOOKS = (INGEST, CODING, TOPICS, FINDINGS, INDICATORS, REPORT)


def build_notebook(notebook: Notebook) -> nbformat.NotebookNode:
    """The notebook as nbformat v4, without outputs, with fixed cell ids."""
    cells = []
    for index, cell in enumerate(notebook.cells):
        cell_id = f"cell-{index:02d}"
        if cell.kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(cell.source, id=cell_id))
        else:
            tags = ["parameters"] if cell.kind == "parameters" else []
            cells.append(nbformat.v4.new_code_cell(cell.source, id=cell_id, metadata={"tags": tags} if tags else {}))
    built = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    nbformat.validate(built)
    return built


def notebook_text(notebook: Notebook) -> str:
    return nbformat.writes(build_notebook(notebook), version=4) + "\n"


def write_notebooks(output_dir: Path) -> list[Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for notebook in NOTEBOOKS:
        path = output_dir / f"{notebook.name}.ipynb"
        path.write_text(notebook_text(notebook), encoding="utf-8")
        written.append(path)
    return written


def stale_notebooks(output_dir: Path) -> list[str]:
    """Names of notebooks that are missing or differ from their description."""
    stale = []
    for notebook in NOTEBOOKS:
        path = output_dir / f"{notebook.name}.ipynb"
        if not path.is_file() or path.read_text(encoding="utf-8") != notebook_text(notebook):
            stale.append(path.name)
    return stale
