"""Benchmark: quality and speed of machine coding suggestions.

Quality against researcher codings (coder ``onderzoeker_a``) of the demo study: the demo
is copied to a temporary project (or generated there when ``data/raw/demo`` is absent),
ingested and pseudonymised, and the codings are joined to the pseudonymised segments.
The learned suggester is scored out-of-fold (grouped by document), never on its own
training data. The same figures are given for the small synthetic labelled set in
``tests/data/coding``. Speed: 10,000 segments through the rules and the learned suggester.

Run: ``.venv/bin/python benchmarks/bench_coding.py`` (prints markdown tables).
"""
from __future__ import annotations

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
from evaltoolkit.coding import (  # noqa: E402
    Suggester,
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


def speed(segments: pd.DataFrame, codings: pd.DataFrame, codebook, n: int = 10_000) -> list[str]:
    """Time rules and the learned suggester on ``n`` segments built by recombining real sentences."""
    rng = np.random.default_rng(0)
    texts = segments["text"].dropna().tolist()
    big = pd.DataFrame({
        "segment_id": [f"bench:{i:05d}" for i in range(n)],
        "text": [" ".join(rng.choice(texts, size=rng.integers(1, 4))) for _ in range(n)],
        "perspective": rng.choice(["hervestiger", "sponsor", "teamleider", "gemeente"], size=n),
    })
    words = int(big["text"].str.split().str.len().sum())
    start = time.perf_counter()
    rules = apply_rules(big, codebook)
    rules_s = time.perf_counter() - start
    model = Suggester().fit(segments, codings[codings["coder"] == HUMAN], codebook)
    start = time.perf_counter()
    learned = model.suggest(big)
    learned_s = time.perf_counter() - start
    total = rules_s + learned_s
    return [f"\n### Speed: {n:,} segments ({words:,} words), 2 cores shared",
            "| step | seconds | segments/s | suggestions |", "|---|---|---|---|",
            f"| rules | {rules_s:.1f} | {n / rules_s:,.0f} | {len(rules):,} |",
            f"| learned suggester (predict) | {learned_s:.1f} | {n / learned_s:,.0f} | {len(learned):,} |",
            f"| both | {total:.1f} | {n / total:,.0f} | target: < 30 s {'(met)' if total < 30 else '(NOT met)'} |"]


def main() -> None:
    codebook = load_codebook(CODEBOOK)
    lines = [f"## Coding benchmark (codebook {codebook.codebook_id} {codebook.version})"]
    demo, note = demo_labelled(codebook)
    if demo is None:
        lines.append(f"\nDemo study: {note}")
    else:
        lines += quality(note, *demo, codebook)
    synthetic = synthetic_labelled()
    lines += quality("synthetic labelled set (tests/data/coding)", *synthetic, codebook)
    lines += speed(*(demo or synthetic), codebook)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
