"""The one output gate: every report, export and review file passes here before it is written.

A file that leaves the project's stores (a .docx report, a .qdpx/.qdc export, a review
spreadsheet, an emergent-themes CSV) may be mailed, shared or committed. Before it is
written, the texts it would hold are scanned for the register's names and, when the
project is unlocked, for every entry of the pseudonymisation key; one hit and nothing is
written; once written, the file itself is scanned again (``checked_file``) and deleted on a
hit. The key always takes part: a locked project is unlocked from the environment or the
write is refused (and so is a key file that went missing after its first use). A sentence
that names a site with a role only one person there holds is refused too, unless the
researcher acknowledged that site and role. Outputs never go into the raw data folder or
next to the key.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from evaltoolkit.errors import PrivacyError
from evaltoolkit.project.project import Project

#: ``check(texts)``: raises PrivacyError when one of ``texts`` (name -> text) holds personal data.
TextCheck = Callable[[Mapping[str, str]], None]


def output_check(project: Project) -> TextCheck:
    """The leak check of this project as a callable that stage functions call before writing.

    Stage writers (``export_qdpx``, ``export_review``, the report builder) take it as an
    argument, so they cannot write without it (fail closed).
    """
    from evaltoolkit.project import privacy

    def check(texts: Mapping[str, str]) -> None:
        privacy.ensure_no_leaks(project, texts)

    return check


def output_path(project: Project, path: Path | str) -> Path:
    """``path`` resolved (relative paths against the current folder), refused inside the raw
    data folder, the raw store's folder or the key's folder."""
    target = Path(path).expanduser().resolve()
    paths = project.paths
    for folder, what in ((paths.raw, "the raw data folder"), (paths.raw_store.parent, "the raw store's folder"),
                         (paths.key.parent, "the key's folder")):
        if target.is_relative_to(folder):
            raise PrivacyError(
                f"Refusing to write {target}: it is inside {what} ({folder}), which holds personal data. "
                "Write reports and exports elsewhere, e.g. under reports/.")
    return target


def checked_file(project: Project, path: Path | str) -> Path:
    """The gate's second half, after writing: the written file itself is scanned (what a
    writer formats differently from the texts it passed in is caught here); on a hit it is
    deleted and PrivacyError says where and what type."""
    from evaltoolkit.project import privacy

    privacy.ensure_file_has_no_leaks(project, path)
    return Path(path)


def checked_output(project: Project, path: Path | str, texts: Mapping[str, str], *,
                   acknowledged: Iterable[str] = (), prose: bool = True) -> Path:
    """The gate in one call: the resolved ``path`` once ``texts`` passed the leak check and,
    for ``prose`` (reports, syntheses), the quasi-identifier check: a sentence naming a
    site with a role one person there holds is refused unless its ``site/role`` is in
    ``acknowledged`` or in ``privacy.acknowledged_quasi_identifiers`` (the researcher decided
    it may be shown). Word lists (a topic's top terms) and codebooks say nothing about one
    person: a site and a role among their words are no such sentence."""
    from evaltoolkit.project import privacy

    target = output_path(project, path)
    output_check(project)(texts)
    if prose:
        privacy.ensure_no_quasi_identifiers(project, texts, target=target, acknowledged=acknowledged)
    return target
