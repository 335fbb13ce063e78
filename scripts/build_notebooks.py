"""Write the repository's notebooks (``notebooks/``) from their descriptions in
``src/evaltoolkit/project/notebooks.py`` (the same notebooks ``evaltoolkit init`` writes into
a new project): edit the descriptions, run this script, commit both.

Run: ``.venv/bin/python scripts/build_notebooks.py [--check] [--output-dir DIR]``
(``--check`` writes nothing and exits 1 when a notebook differs from its description).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evaltoolkit.project.notebooks import NOTEBOOKS, build_notebook, notebook_text, stale_notebooks, write_notebooks

REPO = Path(__file__).resolve().parents[1]
SOURCE = "src/evaltoolkit/project/notebooks.py"

__all__ = ["NOTEBOOKS", "build_notebook", "main", "notebook_text", "stale_notebooks", "write_notebooks"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output-dir", type=Path, default=REPO / "notebooks")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a notebook is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_notebooks(args.output_dir)
        for name in stale:
            print(f"{args.output_dir / name} differs from its description in {SOURCE}: "
                  "run scripts/build_notebooks.py and commit.")
        return 1 if stale else 0
    for path in write_notebooks(args.output_dir):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
