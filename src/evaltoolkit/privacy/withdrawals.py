"""The withdrawal list: who withdrew, kept on the key side so it outlives both stores.

A withdrawal recorded only in the raw store is undone by rebuilding that store from
register.csv; one recorded only in the audit log is not read by anyone. The list is a
small CSV beside the key (``keys/withdrawals.csv``: participant ids and dates, no names),
read by ingestion and pseudonymisation, so a withdrawn person never comes back.

Each entry is written *before* anything is removed (``completed_at`` empty) and marked
complete only when every store and file is clean: a crash half-way leaves a pending
entry, which the next ``participant withdraw``, ``ingest`` or ``pseudonymise`` finishes.
What the files derived from the stores need to lose (topic model versions, SHA-256 of the
segment texts: never the text) is kept in a journal beside the list until the entry completes,
since the stores no longer know it once their rows are gone.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from evaltoolkit.errors import InputError

WITHDRAWALS_FILE = "withdrawals.csv"
COLUMNS = ["participant_id", "withdrawn_on", "recorded_at", "completed_at"]


def withdrawals_path(key_path: Path | str) -> Path:
    """Where the withdrawal list of the project whose key is ``key_path`` lives."""
    return Path(key_path).parent / WITHDRAWALS_FILE


def read_withdrawals(path: Path | str) -> pd.DataFrame:
    """The list (empty when there is no file yet); every column is text."""
    path = Path(path)
    if not path.is_file():
        return pd.DataFrame(columns=COLUMNS, dtype="object")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"{path} is not a withdrawal list: it lacks the columns {', '.join(missing)} "
                         f"(expected: {', '.join(COLUMNS)}).")
    return frame[COLUMNS].replace({"": None})


def withdrawn_on(path: Path | str) -> dict[str, dt.date]:
    """participant id -> withdrawal date, for everyone on the list."""
    frame = read_withdrawals(path)
    return {str(r.participant_id): dt.date.fromisoformat(str(r.withdrawn_on)) for r in frame.itertuples()}


def pending(path: Path | str) -> list[str]:
    """Ids whose withdrawal started but did not finish."""
    frame = read_withdrawals(path)
    return frame.loc[frame["completed_at"].isna(), "participant_id"].astype(str).tolist()


def record_withdrawal(path: Path | str, participant_id: str, day: dt.date) -> None:
    """Put ``participant_id`` on the list as pending (kept, and kept pending, if already there)."""
    frame = read_withdrawals(path)
    if participant_id in set(frame["participant_id"]):
        frame.loc[frame["participant_id"] == participant_id, "completed_at"] = None
    else:
        frame = pd.concat([frame, pd.DataFrame([{
            "participant_id": participant_id, "withdrawn_on": day.isoformat(), "recorded_at": _now(),
            "completed_at": None}])], ignore_index=True)
    _write(path, frame)


def complete_withdrawal(path: Path | str, participant_id: str) -> None:
    frame = read_withdrawals(path)
    frame.loc[frame["participant_id"] == participant_id, "completed_at"] = _now()
    _write(path, frame)
    _journal_path(path, participant_id).unlink(missing_ok=True)


JOURNAL_LISTS = ("model_versions", "text_sha256", "exports")


def journal(path: Path | str, participant_id: str, *, model_versions=(), text_sha256=(),
            exports=()) -> dict[str, list[str]]:
    """Add to and return the journal of a pending withdrawal: the topic model versions and
    the SHA-256 of the segment texts the derived files must lose, and the earlier output
    files (paths) that hold their words, found while the stores still knew the words: a
    resumed withdrawal lists them too."""
    target = _journal_path(path, participant_id)
    data = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    added = {"model_versions": model_versions, "text_sha256": text_sha256, "exports": exports}
    merged = {name: sorted(set(data.get(name, [])) | set(added[name])) for name in JOURNAL_LISTS}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".journal-", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(merged, out)
    os.replace(tmp, target)
    return merged


def _journal_path(path: Path | str, participant_id: str) -> Path:
    return Path(path).parent / "withdrawals" / f"{participant_id}.json"


def with_withdrawals(register: pd.DataFrame, withdrawals: Mapping[str, dt.date]) -> pd.DataFrame:
    """``register`` (raw_participants layout) with ``withdrawn_on`` set for everyone on the
    list, whatever register.csv says: a withdrawal is never undone by an edited register."""
    if not withdrawals or register.empty:
        return register
    register = register.copy()
    listed = register["participant_id"].astype(str).isin(list(withdrawals))
    missing_date = listed & register["withdrawn_on"].isna()
    register.loc[missing_date, "withdrawn_on"] = [withdrawals[str(p)] for p in
                                                  register.loc[missing_date, "participant_id"]]
    return register


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(timespec="seconds")


def _write(path: Path | str, frame: pd.DataFrame) -> None:
    """Write atomically (a crash leaves the old list)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".withdrawals-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            frame[COLUMNS].to_csv(out, index=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
