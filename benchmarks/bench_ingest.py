"""Benchmark: ingestion throughput (words/s) and peak memory.

Run standalone with the venv python:

    .venv/bin/python benchmarks/bench_ingest.py              # demo study and 20x synthetic study
    .venv/bin/python benchmarks/bench_ingest.py --scale 2    # quicker, while developing

Two studies, each ingested into a fresh raw store in a temporary copy of the project:

* the demo study in ``data/raw/demo/`` (skipped when it has not been generated);
* a synthetic study ``--scale`` times its size, written by
  ``evaltoolkit.demo.generate_study(out, scale=N)`` (skipped when the generator is absent).

For each: the first ingestion (read, segment, write), a second run over unchanged files
(idempotent: every file skipped), words in the stored segments, words per second of the
first run, and the peak resident memory of the process that ran it (each study runs in
its own child process, so the peaks are separate). Prints a markdown table.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _copy_demo(root: Path) -> Path:
    shutil.copy2(REPO / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    shutil.copytree(REPO / "data" / "raw" / "demo", root / "data" / "raw" / "demo")
    return root


def _generate(root: Path, scale: int) -> Path:
    from evaltoolkit.demo import generate_study

    shutil.copy2(REPO / "evaltoolkit.yaml", root / "evaltoolkit.yaml")
    generate_study(root / "data" / "raw" / "demo", scale=scale)
    return root


def _measure(name: str, scale: int, queue) -> None:
    """Child process: build the study, ingest it twice, report figures."""
    from evaltoolkit.config import load_config
    from evaltoolkit.project import Project, ingest

    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as folder:
        root = _copy_demo(Path(folder)) if scale == 1 and name == "demo" else _generate(Path(folder), scale)
        config = load_config(root)
        start = time.perf_counter()
        first = ingest(Project(config))
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        second = ingest(Project(config))
        second_seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux
    queue.put({
        "study": name, "files": len(first.files), "documents": int(first.files["documents"].fillna(0).sum()),
        "segments": int(first.files["segments"].fillna(0).sum()), "words": first.words_read,
        "seconds": first_seconds, "words_per_s": first.words_read / first_seconds,
        "rerun_seconds": second_seconds, "rerun_unchanged": bool((second.files["status"] == "unchanged").all()),
        "problems": len(first.problems), "peak_rss_mb": peak_mb,
    })


def _run(name: str, scale: int) -> dict:
    context = multiprocessing.get_context("spawn")   # a fresh process: its own peak memory
    queue = context.Queue()
    process = context.Process(target=_measure, args=(name, scale, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20, help="size of the synthetic study (x the demo)")
    args = parser.parse_args(argv)
    studies = []
    if (REPO / "data" / "raw" / "demo" / "manifest.csv").is_file():
        studies.append(("demo", 1))
    else:
        print("skipped: data/raw/demo/ has not been generated yet", file=sys.stderr)
    try:
        from evaltoolkit.demo import generate_study  # noqa: F401
        studies.append((f"synthetic x{args.scale}", args.scale))
    except ImportError:
        print("skipped: evaltoolkit.demo.generate_study is not available", file=sys.stderr)
    rows = [_run(name, scale) for name, scale in studies]
    print("| study | files | documents | segments | words | first run (s) | words/s | re-run, unchanged (s) "
          "| problems | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        rerun = f"{r['rerun_seconds']:.2f}" + ("" if r["rerun_unchanged"] else " (not all unchanged!)")
        print(f"| {r['study']} | {r['files']} | {r['documents']} | {r['segments']} | {r['words']:,} | "
              f"{r['seconds']:.1f} | {r['words_per_s']:,.0f} | {rerun} | {r['problems']} | {r['peak_rss_mb']:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
