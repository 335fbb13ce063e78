"""Benchmark: the whole chain, from raw files to the monthly report (``run_chain``).

Runs :func:`evaltoolkit.project.run_chain` (ingest, pseudonymise, events, codebook, human
codings and insights, suggestions, topics, report for 2024-10) on

* the demo study (``data/raw/demo``, scale 1), copied to a temporary project: a *cold* run
  (empty stores, no key, no topic model) and a *warm* re-run on the same project (what
  ``make demo`` costs the second time: unchanged files are skipped, the key and the topic
  model are reused);
* a synthetic study N times larger (``evaltoolkit.demo.generate_study(out, scale=N)``,
  default 20) in a temporary project with the demo's ``evaltoolkit.yaml`` and codebooks:
  a cold run (and a warm one with ``--warm-all``).

Each run is its own process limited to two cores, so its time includes imports and
first-use compilation (numba), and its peak memory is the max RSS of that process and its
children. Caches that belong to the installation rather than the project (deduce's lookup
structures, the name lexicons) are built before the first measured run.

Targets (issue 6): demo under 60 s warm, 20x under 10 minutes, on two cores.

Run: ``.venv/bin/python benchmarks/bench_chain.py [--scales 1 20] [--warm-all] [--keep DIR]``
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORES = 2
MONTH = "2024-10"
PASSPHRASE = "benchmark-passphrase-synthetic-data-only"
TARGETS = {(1, "warm"): 60.0, (20, "cold"): 600.0}
STEPS = ("ingest", "pseudonymise", "events", "codebook", "human codings", "insights", "suggestions", "topics",
         "report")


def make_project(root: Path, scale: int) -> Path:
    """A fresh evaluation project at ``root``: the demo's config and codebooks, and the demo
    study (scale 1, as committed) or a generated one ``scale`` times larger."""
    root.mkdir(parents=True)
    shutil.copy2(REPO / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copytree(REPO / "codebooks", root / "codebooks")
    raw = root / "data" / "raw" / "demo"
    if scale == 1:
        shutil.copytree(REPO / "data" / "raw" / "demo", raw)
    else:
        from evaltoolkit.demo import generate_study

        generate_study(raw, scale=scale)
    return root


def run_child(project: Path) -> dict:
    """Run the whole chain once on ``project`` in this process and return the measurements."""
    started = time.perf_counter()
    from evaltoolkit.project import Project, run_chain

    with Project.open(project) as opened:
        run = run_chain(opened.unlock(PASSPHRASE), month=MONTH, topics=True)
        total = time.perf_counter() - started
        sizes = {"documents": len(opened.store.read("documents")), "segments": len(opened.store.read("segments"))}
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"total_s": total, "peak_mb": peak_kb / 1024, "steps": run.step_seconds, "counts": run.counts,
            "report": run.report_path.name if run.report_path else None, **sizes}


def run_measured(project: Path) -> dict:
    """:func:`run_child` in a new process pinned to ``CORES`` cores."""
    env = {**os.environ, "OMP_NUM_THREADS": str(CORES), "OPENBLAS_NUM_THREADS": str(CORES),
           "MKL_NUM_THREADS": str(CORES), "NUMBA_NUM_THREADS": str(CORES),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    cores = sorted(os.sched_getaffinity(0))[:CORES]
    process = subprocess.run([sys.executable, __file__, "--child", str(project)], env=env, capture_output=True,
                             text=True, preexec_fn=lambda: os.sched_setaffinity(0, cores))
    lines = process.stdout.strip().splitlines()
    if not lines:
        return {"error": f"exit code {process.returncode}"}
    return json.loads(lines[-1])


def warm_install_caches() -> None:
    """Build the per-installation caches (deduce, name lexicons) outside the measured runs,
    in a process of their own so this one stays small while the runs are measured."""
    code = ("from evaltoolkit.privacy.detector import load_deduce; from evaltoolkit.privacy.lexicons import "
            "load_lexicons; load_deduce(); load_lexicons()")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def verdict(scale: int, run: str, result: dict) -> str:
    target = TARGETS.get((scale, run))
    if target is None or "error" in result:
        return ""
    return f"< {target:.0f} s: {'met' if result['total_s'] < target else 'MISSED'}"


def tables(rows: list[tuple[int, str, dict]]) -> str:
    lines = ["| study | run | documents | segments | total s | target | peak RSS MB |",
             "|---|---|---:|---:|---:|---|---:|"]
    for scale, run, r in rows:
        study = "demo" if scale == 1 else f"synthetic {scale}x"
        if "error" in r:
            lines.append(f"| {study} | {run} | error: {r['error']} | | | | |")
            continue
        lines.append(f"| {study} | {run} | {r['documents']:,} | {r['segments']:,} | {r['total_s']:.1f} | "
                     f"{verdict(scale, run, r)} | {r['peak_mb']:.0f} |")
    lines += ["", "Step timings (s, `ChainRun.step_seconds`):", "",
              "| study | run | " + " | ".join(STEPS) + " |", "|---|---|" + "---:|" * len(STEPS)]
    for scale, run, r in rows:
        if "error" not in r:
            cells = [f"{r['steps'][s]:.1f}" if s in r["steps"] else "" for s in STEPS]
            lines.append(f"| {'demo' if scale == 1 else f'{scale}x'} | {run} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20],
                        help="study sizes: 1 is the committed demo, N generates a study N times larger")
    parser.add_argument("--warm-all", action="store_true", help="also re-run warm on the larger studies")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them (default: a temp dir)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        try:
            print(json.dumps(run_child(args.child)))
        except Exception as error:  # reported in the table; the chain's messages never hold text
            print(json.dumps({"error": f"{type(error).__name__}: {(str(error).splitlines() or [''])[0]}"}))
            raise
        return
    warm_install_caches()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench_chain_"))
    rows = []
    try:
        for scale in args.scales:
            project = make_project(workdir / f"scale_{scale}", scale)
            for run in ("cold", "warm") if scale == 1 or args.warm_all else ("cold",):
                started = time.perf_counter()
                rows.append((scale, run, run_measured(project)))
                print(f"[scale {scale} {run} done in {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"## Whole chain, raw files to the {MONTH} report ({CORES} cores)\n")
    print(tables(rows))
    print("\nEach run is one process (imports and numba compilation included); peak RSS is the max of "
          "the process and its children. Cold: empty project; warm: the same project run again.")


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    main()
