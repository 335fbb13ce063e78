"""Machine suggestions for a whole project, or for any CSV without a project.

* :func:`suggest_for_project`: every pseudonymised segment in the project store gets rule
  suggestions, and learned ones once researchers have accepted enough codings; both are
  stored as ``suggested`` (or auto-accepted when the project sets a threshold).
* :func:`suggest_csv`: the standalone ``evaltoolkit code suggest --input``: one row per
  theme suggestion, and each segment's valence with its confidence in a second file.
"""
from __future__ import annotations

from pathlib import Path

import joblib
import pandas as pd

from evaltoolkit.codebook import Codebook, save_codebook_version
from evaltoolkit.coding.learned import Suggester
from evaltoolkit.coding.review import human_decisions
from evaltoolkit.coding.rules import apply_rules
from evaltoolkit.coding.suggestions import store_suggestions
from evaltoolkit.errors import InputError
from evaltoolkit.store import Store
from evaltoolkit.store.values import CODING_ACCEPTED, KIND_FOCUS_GROUP, KIND_INTERVIEW, SPEAKER_INTERVIEWER

CODING_COLUMNS = ["segment_id", "doc_id", "n", "perspective", "speaker_role", "question_id", "question_text", "text"]
SUGGESTION_OUTPUT = ["segment_id", "code_id", "confidence", "source", "evidence"]
VALENCE_OUTPUT = ["segment_id", "valence", "valence_confidence", "source", "evidence"]
TRANSCRIPT_KINDS = (KIND_INTERVIEW, KIND_FOCUS_GROUP)


def segments_for_coding(store: Store) -> pd.DataFrame:
    """Segments to code (interviewer turns left out), with perspective and question context.

    The question of a survey answer is its question's wording; the question of an interview
    turn is the interviewer's turn just before it.
    """
    segments = store.read("segments")
    documents = store.read("documents")[["doc_id", "perspective", "kind"]]
    questions = store.read("questions")[["question_id", "text"]].rename(columns={"text": "question_text"})
    frame = (segments.merge(documents, on="doc_id", how="left").merge(questions, on="question_id", how="left")
             .sort_values(["doc_id", "n"], kind="stable").reset_index(drop=True))
    previous_role = frame.groupby("doc_id")["speaker_role"].shift(1)
    previous_text = frame.groupby("doc_id")["text"].shift(1)
    asked = (frame["kind"].isin(TRANSCRIPT_KINDS) & previous_role.eq(SPEAKER_INTERVIEWER).fillna(False)
             & frame["question_text"].isna())
    frame.loc[asked, "question_text"] = previous_text[asked]
    frame = frame[frame["speaker_role"].fillna("") != SPEAKER_INTERVIEWER]
    return frame[CODING_COLUMNS].reset_index(drop=True)


def suggest_for_project(store: Store, codebook: Codebook, *, actor: str,
                        auto_accept_confidence: float | None = None, learn: bool = True,
                        min_training_segments: int = 30, models_dir: Path | str | None = None) -> pd.DataFrame:
    """Suggest codes for every segment in the store; returns one row per machine coder
    (coder, suggestions, segments, auto_accepted).

    With ``models_dir`` (the project's ``<pseudonymised>/models/suggester``), a learned
    suggester trained on exactly these codings, texts and codebook is loaded from there
    instead of being trained again.
    """
    save_codebook_version(store, codebook, actor=actor)
    segments = segments_for_coding(store)
    batches = [apply_rules(segments, codebook)]
    accepted = human_decisions(store.read("codings", where={"status": CODING_ACCEPTED}))
    if learn and accepted["segment_id"].nunique() >= min_training_segments:
        model = trained_suggester(segments, accepted, codebook, models_dir=models_dir)
        batches.append(model.suggest(segments))
    summary = []
    for batch in batches:
        if batch.empty:
            continue
        written = store_suggestions(store, batch, actor=actor, auto_accept_confidence=auto_accept_confidence)
        summary.append({"coder": written["coder"].iloc[0], "suggestions": len(written),
                        "segments": written["segment_id"].nunique(),
                        "auto_accepted": int((written["status"] == CODING_ACCEPTED).sum())})
    return pd.DataFrame(summary, columns=["coder", "suggestions", "segments", "auto_accepted"])


def trained_suggester(segments: pd.DataFrame, codings: pd.DataFrame, codebook: Codebook, *,
                      models_dir: Path | str | None = None) -> Suggester:
    """A Suggester fitted on ``codings``: loaded from ``models_dir`` when one with the same
    training version was saved there (pickles: load only models this project wrote), else
    fitted and saved."""
    suggester = Suggester()
    if models_dir is None:
        return suggester.fit(segments, codings, codebook)
    path = Path(models_dir) / f"{suggester.training_version(segments, codings, codebook)}.joblib"
    if path.is_file():
        return joblib.load(path)
    suggester.fit(segments, codings, codebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(suggester, path)
    return suggester


def read_segments_csv(path: Path | str) -> pd.DataFrame:
    """A CSV with segment_id and text (optional perspective, question_id, question_text), checked."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in ("segment_id", "text") if c not in frame.columns]
    if missing:
        raise InputError(f"{path} needs the columns segment_id and text; missing: {', '.join(missing)} "
                         f"(columns: {', '.join(frame.columns)}).")
    duplicated = frame.index[frame["segment_id"].duplicated(keep=False)] + 2
    if len(duplicated):
        raise InputError(f"{path}: segment_id must be unique; repeated on lines "
                         f"{', '.join(map(str, duplicated[:10]))}.")
    for column in ("perspective", "question_id", "question_text"):
        if column in frame.columns:
            frame[column] = frame[column].replace("", None)
    if "question_text" not in frame.columns and "question_id" in frame.columns:
        # Without a question list the id itself is the only context (e.g. "motivatie").
        frame["question_text"] = frame["question_id"].str.replace(r"[_:\-]", " ", regex=True)
    return frame


def suggest_csv(codebook: Codebook, input_path: Path | str, output_path: Path | str, *,
                valence_path: Path | str | None = None) -> tuple[Path, Path, int, int]:
    """Code any CSV with the codebook's rules; returns (output, valence output, rows, segments)."""
    segments = read_segments_csv(input_path)
    suggestions = apply_rules(segments, codebook)
    valence_ids = {c.code_id for c in codebook.valences()}
    is_valence = suggestions["code_id"].isin(valence_ids)
    themes = suggestions[~is_valence].rename(columns={"coder": "source_coder"})
    themes = themes.assign(source=themes["source_coder"])[SUGGESTION_OUTPUT]
    valence = suggestions[is_valence].rename(columns={"code_id": "valence", "confidence": "valence_confidence"})
    valence = valence.assign(source=valence["coder"])[VALENCE_OUTPUT]
    output_path = Path(output_path)
    valence_path = Path(valence_path) if valence_path else output_path.with_name(f"{output_path.stem}_valence.csv")
    output_path.parent.mkdir(parents=True, exist_ok=True)
    themes.to_csv(output_path, index=False)
    valence.to_csv(valence_path, index=False)
    return output_path, valence_path, len(themes), len(segments)


def purge_suggester_models(models_dir: Path | str) -> list[Path]:
    """Delete every saved learned suggester (``<training version>.joblib``): they are caches
    of a fit on the codings, and a withdrawn participant's segments may be training rows in
    any of them. :func:`trained_suggester` fits and saves a new one when next asked."""
    folder = Path(models_dir)
    removed = sorted(folder.glob("*.joblib")) if folder.is_dir() else []
    for path in removed:
        path.unlink()
    return removed
