"""The privacy stage for a project: the leak check over everything the project holds, the
review queue round trip, and re-identification (always audited).

The leak check scans the project store, ``data/pseudonymised/``, executed notebooks and
``reports/`` for the register's names, every key entry (when the project is unlocked) and
shaped identifiers; :func:`ensure_no_leaks` is what the output gate calls on texts about
to be written. A withdrawal removes a participant everywhere and unlinks the key.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import PrivacyError
from evaltoolkit.privacy.leaks import (
    LeakReport,
    LeakScanner,
    build_scanner,
    folder_texts,
    named_texts,
    path_texts,
    refuse_leaks,
    scan_texts,
    store_texts,
)
from evaltoolkit.privacy.reidentify import Reidentification
from evaltoolkit.privacy.reidentify import reidentify as reidentify_in_key
from evaltoolkit.privacy.review import (
    ReviewImportReport,
    read_review_decisions,
    record_decisions,
    review_file_frame,
    write_review_file,
)
from evaltoolkit.privacy.key import save_key
from evaltoolkit.privacy.withdrawal import WithdrawalReport
from evaltoolkit.privacy.withdrawal import withdraw_participant as remove_participant
from evaltoolkit.project.project import Project
from evaltoolkit.store.values import DECISION_ACCEPT, DECISION_ADD, DECISION_REJECT, REVIEW_OPEN


# ------------------------------------------------------------------ leak check
def leak_scanner(project: Project) -> LeakScanner:
    """A scanner for the register's names (raw store, if ingested) and, when the project
    is unlocked and has a key, every key entry; the privacy allow-list is never a hit."""
    register = project.raw_store.read("raw_participants") if project.has_raw_store else None
    return build_scanner(register, key=project.key_if_unlocked(), allow_list=project.config.privacy.allow_list)


def project_texts(project: Project, *, include_store: bool = True) -> Iterator[tuple[str, str, str]]:
    """Every text the project holds outside the raw side: store, pseudonymised folder
    (but the store file itself), notebooks and reports."""
    paths = project.paths
    if include_store:
        yield from store_texts(project.store)
    yield from folder_texts((paths.pseudonymised, paths.notebooks, paths.reports), root=paths.root,
                            skip=[paths.store_file] if paths.store_file else [])


def leak_check(project: Project, *, paths: Iterable[Path | str] | None = None,
               include_store: bool = True) -> LeakReport:
    """Scan the whole project (or only ``paths``) for identifiers; unlock the project first
    to include every key entry."""
    sources = path_texts(paths) if paths is not None else project_texts(project, include_store=include_store)
    return scan_texts(leak_scanner(project), sources)


def ensure_no_leaks(project: Project, texts: Mapping[str, str]) -> None:
    """Raise PrivacyError (types and places only) when one of ``texts`` (name -> text,
    about to be written) holds an identifier."""
    refuse_leaks(scan_texts(leak_scanner(project), named_texts(texts)))


# ------------------------------------------------------------------ review queue
def default_review_path(project: Project) -> Path:
    """data/raw/review/privacy_review.xlsx: beside the raw store, never in the project data."""
    return project.paths.raw_store.parent.parent / "review" / "privacy_review.xlsx"


def load_review_queue(project: Project, *, status: str | None = REVIEW_OPEN) -> pd.DataFrame:
    return project.raw_store.read("raw_review_queue", where=None if status is None else {"status": status})


def export_review_queue(project: Project, path: Path | str | None = None) -> Path:
    """Write the open review queue (with raw context) to a .csv or .xlsx on the raw side.

    The file holds raw text on purpose (a researcher decides about names), so it is the one
    file that does not pass the output gate: it is refused anywhere but the raw side.
    """
    path = Path(path) if path is not None else default_review_path(project)
    _refuse_outside_raw(project, path)
    return write_review_file(review_file_frame(load_review_queue(project)), path)


def import_review_decisions(project: Project, path: Path | str, *, decided_by: str) -> ReviewImportReport:
    """Validate and store a filled-in review file; the audit log records the counts."""
    stored = record_decisions(project.raw_store, read_review_decisions(path), decided_by=decided_by)
    counts = stored["decision"].value_counts()
    report = ReviewImportReport(accepted=int(counts.get(DECISION_ACCEPT, 0)),
                                rejected=int(counts.get(DECISION_REJECT, 0)), added=int(counts.get(DECISION_ADD, 0)),
                                undecided=len(load_review_queue(project)))
    project.store.audit(actor=decided_by, action="privacy.review", entity_type="project",
                        details={"accepted": report.accepted, "rejected": report.rejected, "added": report.added})
    return report


def _refuse_outside_raw(project: Project, path: Path) -> None:
    resolved = path.resolve()
    paths = project.paths
    for protected in (paths.pseudonymised, paths.reports, paths.notebooks):
        if resolved.is_relative_to(protected):
            raise PrivacyError(f"{path} is inside {protected}: the review file holds raw text and must stay on "
                               f"the raw side, e.g. {default_review_path(project)}.")


# ------------------------------------------------------------------ re-identification
def reidentify(project: Project, placeholder: str, *, actor: str) -> Reidentification:
    """Who is behind ``placeholder`` (the project must be unlocked). The audit log records
    who asked for which placeholder and whether it was found, never the answer."""
    key = project.key()
    try:
        answer = reidentify_in_key(key, placeholder, language=project.config.privacy.placeholder_language)
    except PrivacyError:
        _audit_reidentify(project, placeholder, actor=actor, found=False)
        raise
    _audit_reidentify(project, placeholder, actor=actor, found=True)
    return answer


def _audit_reidentify(project: Project, placeholder: str, *, actor: str, found: bool) -> None:
    project.store.audit(actor=actor, action="reidentify", entity_type="placeholder", entity_id=placeholder.strip(),
                        details={"found": found})


# ------------------------------------------------------------------ withdrawal
def withdraw_participant(project: Project, participant_id: str, *, actor: str,
                         withdrawn_on: dt.date | None = None) -> WithdrawalReport:
    """Remove a participant's data from both stores, record it, and (when the project is
    unlocked and has a key) unlink them from their placeholder in the key.

    The key is decrypted before anything changes, so a wrong passphrase changes nothing.
    """
    key = project.key_if_unlocked()
    report = remove_participant(project.raw_store, project.store, participant_id, actor=actor,
                                staff_roles=project.config.staff_role_ids, key=key, withdrawn_on=withdrawn_on)
    if key is not None:
        save_key(key, project.paths.key, passphrase=project.passphrase)
    return report
