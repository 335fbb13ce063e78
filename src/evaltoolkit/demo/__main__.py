"""``python -m evaltoolkit.demo OUT_DIR [--scale N] [--seed S]``: write the synthetic demo study."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaltoolkit.demo.study import generate_study
from evaltoolkit.errors import EvaltoolkitError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaltoolkit.demo", description=__doc__.split(":", 1)[1].strip())
    parser.add_argument("out_dir", type=Path, help="folder to write the study to, e.g. data/raw/demo")
    parser.add_argument("--scale", type=int, default=1, help="N times the demo's size (default 1)")
    parser.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    args = parser.parse_args(argv)
    try:
        study = generate_study(args.out_dir, scale=args.scale, seed=args.seed)
    except EvaltoolkitError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(study.files)} files ({study.word_count:,} words, {len(study.register)} register rows, "
          f"{len(study.researcher_codings)} gold codings) to {study.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
