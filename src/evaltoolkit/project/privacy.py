"""The privacy stage for a project: the leak check over everything the project holds, the
review queue round trip, and re-identification (always audited).

The leak check scans the project store, ``data/pseudonymised/``, executed notebooks and
``reports/`` for the register's names, every key entry (when the project is unlocked) and
shaped identifiers; :func:`ensure_no_leaks` is what the output gate calls on texts about
to be written. A withdrawal removes a participant everywhere and unlinks the key.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
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
from evaltoolkit.privacy.consent import staff_members, withdrawn_participants
from evaltoolkit.privacy.key import save_key
from evaltoolkit.privacy.matching import SurfaceMatcher
from evaltoolkit.privacy.quasi import QuasiFlag, quasi_identifier_flags, unacknowledged, unique_roles
from evaltoolkit.privacy.withdrawal import WithdrawalReport, affected, check_withdrawable, project_id
from evaltoolkit.privacy.withdrawal import withdraw_participant as remove_participant
from evaltoolkit.privacy.withdrawals import (
    complete_withdrawal,
    journal,
    pending,
    record_withdrawal,
    withdrawals_path,
)
from evaltoolkit.privacy.withdrawals import withdrawn_on as withdrawn_on_list
from evaltoolkit.project.project import Project
from evaltoolkit.store.faults import crash_point
from evaltoolkit.store.values import DECISION_ACCEPT, DECISION_ADD, DECISION_REJECT, REVIEW_OPEN


# ------------------------------------------------------------------ leak check
def leak_scanner(project: Project, *, require_key: bool = False) -> LeakScanner:
    """A scanner for the register's names (raw store, if ingested) and, when the project
    is unlocked and has a key, every key entry; the privacy allow-list is never a hit.

    ``require_key`` (the output gate): once the project has a key, the scan must include
    it; the project is unlocked from the environment, or a PrivacyError says how.
    """
    register = project.raw_store.read("raw_participants") if project.has_raw_store else None
    key = project.key_if_unlocked()
    if require_key and key is None and project.key_is_expected():
        try:
            project.unlock()
        except PrivacyError:
            raise PrivacyError(
                "Refusing to write: an output passes the leak check with every entry of the pseudonymisation "
                f"key ({project.paths.key}), and the key is locked. Set {project.config.privacy.passphrase_env} "
                "(or unlock the project) and run the command again.") from None
        key = project.key()   # a key that went missing is refused here, with how to restore it
    return build_scanner(register, key=key, allow_list=project.config.privacy.allow_list)


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
    about to be written) holds an identifier; the key takes part (see :func:`leak_scanner`)."""
    refuse_leaks(scan_texts(leak_scanner(project, require_key=True), named_texts(texts)))


def ensure_file_has_no_leaks(project: Project, path: Path | str) -> None:
    """Scan a file just written (every paragraph, cell, zip member or readable run of bytes);
    on a hit the file is deleted and PrivacyError names the places and types."""
    path = Path(path)
    report = scan_texts(leak_scanner(project, require_key=True), path_texts([path]))
    if not report.ok:
        path.unlink(missing_ok=True)
        refuse_leaks(report)


def quasi_identifiers(project: Project, texts: Mapping[str, str]) -> list[QuasiFlag]:
    """Sentences of ``texts`` that name a site together with a role only one participant
    there holds (see :mod:`evaltoolkit.privacy.quasi`); places only, never the text."""
    return quasi_identifier_flags(texts, _unique_roles(project))


def names_one_person(project: Project, *, acknowledged: Iterable[str] = ()) -> Callable[[str], bool]:
    """Whether a text names a site with a role one person there holds, unless acknowledged:
    what the report builder asks of a quote before choosing it (a quote cannot be edited
    to pass the output gate, so another quote is chosen instead)."""
    roles = _unique_roles(project)
    accepted = [*project.config.privacy.acknowledged_quasi_identifiers, *acknowledged]
    return lambda text: bool(roles) and bool(unacknowledged(quasi_identifier_flags({"quote": text}, roles), accepted))


def _unique_roles(project: Project) -> list:
    if not project.has_project_store:
        return []
    config = project.config
    participants = project.store.read("participants")
    role_words = {}
    for role in config.roles:
        words = [role.label_nl, role.label_en]
        if role.perspective:
            perspective = config.perspective(role.perspective)
            words += [perspective.role_label_nl, perspective.role_label_en]
        role_words[role.id] = [w for w in dict.fromkeys(words) if w]
    return unique_roles(participants, site_names={s.id: s.name for s in config.sites}, role_words=role_words,
                        staff=staff_members(participants, config.staff_role_ids))


def ensure_no_quasi_identifiers(project: Project, texts: Mapping[str, str], *, target: Path,
                                acknowledged: Iterable[str] = ()) -> None:
    """Raise PrivacyError when ``texts`` name a site with a role one person there holds,
    unless that ``site/role`` is acknowledged (``acknowledged``, or
    ``privacy.acknowledged_quasi_identifiers`` in evaltoolkit.yaml); acknowledged flags
    are reported through the project's progress callback. Places only, never the text."""
    flags = quasi_identifiers(project, texts)
    accepted = [*project.config.privacy.acknowledged_quasi_identifiers, *acknowledged]
    refused = unacknowledged(flags, accepted)
    for flag in flags:
        if flag not in refused:
            project.progress(f"Acknowledged in {target.name}: {flag} ({flag.acknowledgement}).")
    if refused:
        pairs = sorted({f.acknowledgement for f in refused})
        lines = [f"Refusing to write {target}: {len(refused)} "
                 f"{'sentence points' if len(refused) == 1 else 'sentences point'} at one person by site and role "
                 "(a quasi-identifier):"]
        lines += [f"  {flag}" for flag in refused]
        lines.append("Leave out the site or the role in those sentences (e.g. in the insight or synthesis they come "
                     "from), or, if the person agreed to be recognisable, acknowledge it: list "
                     + ", ".join(pairs) + " under privacy: acknowledged_quasi_identifiers in evaltoolkit.yaml "
                     "(for one report only: report monthly|final "
                     + " ".join(f"--acknowledge {p}" for p in pairs) + ").")
        raise PrivacyError("\n".join(lines))


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
    """The review file holds raw text: only the raw side may hold it (the raw data folder,
    the raw store's folder, or the review folder beside it), never the pseudonymised data,
    reports/ or notebooks/, which the leak check scans and people share."""
    resolved = path.expanduser().resolve()
    paths = project.paths
    for protected in (paths.pseudonymised, paths.reports, paths.notebooks):
        if resolved.is_relative_to(protected.resolve()):
            raise PrivacyError(f"{path} is inside {protected}: the review file holds raw text and must stay on "
                               f"the raw side, e.g. {default_review_path(project)}.")
    raw_side = [paths.raw, paths.raw_store.parent, default_review_path(project).parent]
    if paths.raw_store.parent.parent.resolve().is_relative_to(paths.root.resolve()):   # data/raw/ of data/raw/.store/
        raw_side.append(paths.raw_store.parent.parent)
    if not any(resolved.is_relative_to(folder.resolve()) for folder in raw_side):
        raise PrivacyError(f"{path} is outside the raw side: the review file holds raw text and may only be "
                           f"written under {paths.raw} or {default_review_path(project).parent}, "
                           f"e.g. {default_review_path(project)}.")


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
    """Withdraw a participant everywhere, for good, resumably.

    1. the withdrawal goes on the list beside the key (pending), which ingestion and
       pseudonymisation honour from then on, whatever the raw store or register.csv say;
    2. both stores lose their data (segments, documents, codings, memos, topic assignments,
       insight evidence; see :mod:`evaltoolkit.privacy.withdrawal`);
    3. the files derived from it go: saved topic models fitted on their segments, their
       cached embeddings, saved learned suggesters;
    4. the key unlinks them from their placeholder: the project is unlocked from the
       environment if need be; a key that went missing is refused before anything changes;
       a locked key leaves the entry pending (the report says so) for a run with the key;
    5. earlier outputs that hold their words (found before the stores change, and kept in
       the journal so a resumed withdrawal lists them too) are listed, and the entry is
       marked complete.

    Every step can run again: a crash leaves a pending entry that the next ``participant
    withdraw``, ``ingest`` or ``pseudonymise`` finishes (:func:`finish_pending_withdrawals`).
    The key is decrypted before anything changes, so a wrong passphrase changes nothing.
    """
    from evaltoolkit.coding.pipeline import purge_suggester_models   # heavy imports, only when withdrawing
    from evaltoolkit.topics.embeddings import purge_cached_embeddings, text_key
    from evaltoolkit.topics.persistence import purge_topic_models

    key, key_locked = _withdrawal_key(project)
    list_path = withdrawals_path(project.paths.key)
    day = withdrawn_on or withdrawn_on_list(list_path).get(participant_id) or dt.date.today()
    register = project.raw_store.read("raw_participants")
    staff_roles = project.config.staff_role_ids
    check_withdrawable(register, participant_id, staff_roles=staff_roles, where=project.paths.raw_store)
    record_withdrawal(list_path, participant_id, day)
    sources = _source_files(project, participant_id)
    store = project.store
    segments = store.read("segments")
    raw_side = affected(project.raw_store.read("raw_documents"), project.raw_store.read("raw_segments"),
                        participant_id, staff_members(register, staff_roles))
    _, _, going = affected(store.read("documents"), segments, project_id(key, participant_id),
                           staff_members(store.read("participants"), staff_roles), known=raw_side)
    going_segments = segments[segments["segment_id"].isin(going)]
    raw_texts = project.raw_store.read("raw_segments", where={"participant_id": participant_id})["text"]
    assignments = store.read("topic_assignments")
    derived = journal(list_path, participant_id,   # written before the stores change: a crash keeps it
                      model_versions=assignments.loc[assignments["segment_id"].isin(going), "model_version"],
                      text_sha256=[text_key(str(t)) for t in going_segments["text"]],
                      exports=outputs_holding(project, [*map(str, going_segments["text"]), *map(str, raw_texts)]))
    report = remove_participant(project.raw_store, store, participant_id, actor=actor,
                                staff_roles=staff_roles, key=key, withdrawn_on=day)
    crash_point("withdraw.after_stores")
    models_dir = project.paths.models
    root = project.paths.root
    report = replace(
        report,
        topic_models=tuple(str(p.name) for p in purge_topic_models(models_dir, derived["model_versions"])),
        embeddings=purge_cached_embeddings(models_dir / "embeddings", derived["text_sha256"]),
        suggester_models=len(purge_suggester_models(models_dir / "suggester")) if derived["text_sha256"] else 0,
        exports=tuple(path for path in derived["exports"] if (root / path).exists()),
        sources=tuple(sources), key_locked=key_locked)
    for opened in (project.raw_store, store):
        _checkpoint(opened)
    if key is not None:
        save_key(key, project.paths.key, passphrase=project.passphrase)
    if key_locked:   # a key that still links them keeps the withdrawal pending until a run with the key
        return report
    complete_withdrawal(list_path, participant_id)
    store.audit(actor=actor, action="withdraw.complete", entity_type="participant",
                entity_id=project_id(key, participant_id),
                details={"topic_models": len(report.topic_models), "embeddings": report.embeddings,
                         "suggester_models": report.suggester_models, "exports": len(report.exports)})
    return report


def _withdrawal_key(project: Project):
    """(key, locked): the key that must lose the participant's link, opened before anything
    changes. A project without a key yet gives (None, False); a key that went missing after
    its first use, or a wrong passphrase, is a PrivacyError (nothing changed); a locked key
    with no passphrase in the environment gives (None, True): the stores are cleaned now and
    the withdrawal stays pending until a run with the key finishes it."""
    if not project.key_is_expected():
        return None, False
    if not project.unlocked:
        try:
            project.unlock()
        except PrivacyError:
            return None, True
    return project.key(), False


def finish_pending_withdrawals(project: Project, *, actor: str = "evaltoolkit") -> list[WithdrawalReport]:
    """Finish every withdrawal on the list that did not complete, and withdraw everyone the
    raw register marks as withdrawn (register.csv's ``withdrawn_on``) but the list does not
    know yet: their codings, memos, topic assignments and derived files go too."""
    if not project.has_raw_store:
        return []
    list_path = withdrawals_path(project.paths.key)
    on_list = withdrawn_on_list(list_path)
    register = project.raw_store.read("raw_participants")
    staff = staff_members(register, project.config.staff_role_ids)
    todo = [p for p in pending(list_path)]
    todo += sorted(p for p in withdrawn_participants(register) - set(on_list) - staff)
    dates = dict(zip(register["participant_id"].astype(str), register["withdrawn_on"]))
    return [withdraw_participant(project, pid, actor=actor,
                                 withdrawn_on=on_list.get(pid) or _date_or_none(dates.get(pid)))
            for pid in dict.fromkeys(todo) if pid in dates]


#: a run of this many of a person's words found in a file means the file quotes them
QUOTE_WORDS = 8


def outputs_holding(project: Project, texts: list[str]) -> list[str]:
    """Files under reports/, notebooks/, the pseudonymised folder (the store and saved
    models aside) and the raw side's review folder whose text holds a run of
    :data:`QUOTE_WORDS` words of one of ``texts`` (a whole text when it is shorter, from
    four words): a report quotes part of a segment, a review file the words around a name."""
    snippets = set()
    for text in texts:
        words = text.split()
        if len(words) < 4:
            continue
        snippets.update(" ".join(words[i:i + QUOTE_WORDS]) for i in range(max(1, len(words) - QUOTE_WORDS + 1)))
    if not snippets:
        return []
    matcher = SurfaceMatcher({s: s for s in snippets})
    paths = project.paths
    skip = [paths.models] + ([paths.store_file] if paths.store_file else [])
    folders = (paths.reports, paths.notebooks, paths.pseudonymised, default_review_path(project).parent)
    found = []
    for location, _, text in folder_texts(folders, root=paths.root, skip=skip):
        if location not in found and matcher.find(" ".join(text.split())):
            found.append(location)
    return found


def _source_files(project: Project, participant_id: str) -> list[str]:
    """The collected files (relative to the project root) of the documents they are in."""
    documents = project.raw_store.read("raw_documents")
    segments = project.raw_store.read("raw_segments", where={"participant_id": participant_id})
    listed = [participant_id in _ids(ids) for ids in documents["participant_ids"]]
    mine = documents[pd.Series(listed, index=documents.index, dtype=bool)
                     | documents["doc_id"].isin(segments["doc_id"])]
    return sorted({str(p) for p in mine["source_path"].dropna()})


def _ids(value) -> list[str]:
    from evaltoolkit.store import list_cell

    return [str(v) for v in list_cell(value)] if value is not None and not (
        isinstance(value, float) and pd.isna(value)) else []


def _checkpoint(store) -> None:
    """SQLite: move the write-ahead log into the database and empty it, so the pages that
    held the removed text before the withdrawal are gone from the -wal file too."""
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _date_or_none(value) -> dt.date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
