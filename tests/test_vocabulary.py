"""Nothing under src/evaltoolkit/ names the demo study's vocabulary: it is configuration.

The ids are read from the demo itself (evaltoolkit.yaml, its codebook, the register and the
researchers' codings in data/raw/demo/), so the list follows the demo when it changes. The
demo generator (src/evaltoolkit/demo/) is the one place that may name them.

What counts as naming an id:

* in code, an identifier or a string literal that is exactly the id (``"sponsor_model"``,
  ``role == "refugee"``): always;
* in prose (comments, docstrings, messages), the id as a whole word, unless it is an
  ordinary Dutch or English word (simplemma knows it): a Dutch docstring may say "sponsor"
  or "reden" as words, but not "hervestiger", "zaanstad" or "family_arrival";
* a line may carry the comment ``vocabulary: ordinary word(s)`` when an exact literal is an
  ordinary word in a word list (header labels such as "gemeente:" in a transcript).

The demo's role ids ``interviewer`` and ``interpreter`` are also the toolkit's own role
functions (``evaltoolkit.config.ROLE_FUNCTIONS``, the segments' ``speaker_role``), and
valence meanings and polarities are the toolkit's fixed vocabulary too: those words may
appear, they are not the study's.
"""
from __future__ import annotations

import csv
import io
import re
import sys
import tokenize
from pathlib import Path

import pytest
import yaml

from evaltoolkit.codebook.model import MEANINGS, POLARITIES
from evaltoolkit.config import ROLE_FUNCTIONS

SRC = Path(__file__).resolve().parents[1] / "src" / "evaltoolkit"
EXEMPT_MARKER = re.compile(r"vocabulary: ordinary words?")
TOOLKIT_VOCABULARY = set(ROLE_FUNCTIONS) | set(MEANINGS) | set(POLARITIES)


def demo_ids(repo_root: Path) -> dict[str, str]:
    """id -> where the demo declares it."""
    config = yaml.safe_load((repo_root / "evaltoolkit.yaml").read_text(encoding="utf-8"))
    ids: dict[str, str] = {}
    for section in ("perspectives", "roles", "event_kinds", "sites"):
        ids.update({str(entry["id"]): f"evaltoolkit.yaml {section}" for entry in config[section]})
    for site in config["sites"]:
        ids.update({str(name): "evaltoolkit.yaml site attribute" for name in site.get("attributes") or {}})
    codebook = yaml.safe_load((repo_root / config["paths"]["codebook"]).read_text(encoding="utf-8"))
    ids.update({code["code_id"]: "codebook valence" for code in codebook["codes"]
                if code.get("dimension") == "valence" and code.get("codable", True)})
    raw = repo_root / config["paths"]["raw"]
    with open(raw / "register.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column in ("perspective", "role", "site"):
                if row[column]:
                    ids.setdefault(row[column], f"register.csv {column}")
    with open(raw / "researcher_codings.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ids.setdefault(row["coder"], "researcher_codings.csv coder")
    return {key: value for key, value in ids.items() if key not in TOOLKIT_VOCABULARY}


def is_ordinary_word(word: str) -> bool:
    import simplemma

    return "_" not in word and any(simplemma.is_known(word, lang=lang) for lang in ("nl", "en"))


def findings(path: Path, ids: dict[str, str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    exempt = {number for number, line in enumerate(text.splitlines(), start=1) if EXEMPT_MARKER.search(line)}
    prose_ids = [i for i in ids if not is_ordinary_word(i)]
    prose = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, sorted(prose_ids, key=len, reverse=True)))
                       + r")(?![\w])") if prose_ids else None
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        line = token.start[0]
        if line in exempt:
            continue
        if token.type == tokenize.NAME and token.string in ids:
            found.append(f"{line}: identifier {token.string!r} ({ids[token.string]})")
            continue
        if token.type == tokenize.STRING:
            value = _literal(token.string)
            if value is not None and value.strip() in ids:
                found.append(f"{line}: string {value.strip()!r} ({ids[value.strip()]})")
                continue
        if token.type in (tokenize.STRING, tokenize.COMMENT, getattr(tokenize, "FSTRING_MIDDLE", -1)) and prose:
            for match in prose.finditer(token.string):
                offset = token.string.count("\n", 0, match.start())
                found.append(f"{line + offset}: {match.group(1)!r} in text ({ids[match.group(1)]})")
    return [f"{path.relative_to(SRC.parents[1])}:{item}" for item in found]


def _literal(source: str) -> str | None:
    import ast

    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def test_the_demo_vocabulary_is_read_from_the_demo(repo_root):
    ids = demo_ids(repo_root)
    assert {"hervestiger", "refugee", "family_arrival", "meerwaarde", "zaanstad", "sponsor_model",
            "onderzoeker_a"} <= set(ids)
    assert "interviewer" not in ids   # a role function of the toolkit as well as a demo role


def test_a_demo_id_in_code_is_found_with_file_and_line(tmp_path, repo_root, monkeypatch):
    ids = demo_ids(repo_root)
    module = tmp_path / "src" / "evaltoolkit" / "stage.py"
    module.parent.mkdir(parents=True)
    module.write_text('"""Counts per sponsor."""\nKIND = "family_arrival"\n# split by sponsor_model\n'
                      'x = {"hervestiger": 1}\nHEADER = ("gemeente",)  # vocabulary: ordinary word\n',
                      encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path / "src" / "evaltoolkit")
    assert findings(module, ids) == [
        "src/evaltoolkit/stage.py:2: string 'family_arrival' (evaltoolkit.yaml event_kinds)",
        "src/evaltoolkit/stage.py:3: 'sponsor_model' in text (evaltoolkit.yaml site attribute)",
        "src/evaltoolkit/stage.py:4: string 'hervestiger' (evaltoolkit.yaml perspectives)",
    ]


def test_no_module_outside_the_demo_generator_names_the_demo_vocabulary(repo_root):
    ids = demo_ids(repo_root)
    modules = [p for p in sorted(SRC.rglob("*.py")) if "demo" not in p.relative_to(SRC).parts[:1]]
    assert len(modules) > 50
    found = [item for path in modules for item in findings(path, ids)]
    if found:
        pytest.fail("The study's vocabulary belongs in evaltoolkit.yaml and the codebook, not in the code "
                    f"({len(found)} places):\n" + "\n".join(found))
