"""Benchmark: person/location de-identification on CoNLL-2002 Dutch, evaltoolkit vs deduce.

Run standalone with the venv python:

    .venv/bin/python benchmarks/bench_privacy.py            # ned.testb (the reported figures)
    .venv/bin/python benchmarks/bench_privacy.py --split ned.testa --limit 40   # while tuning

Reads ``../shared/benchmarks/conll2002/`` when present (skips otherwise); nothing from it
is copied or stored. Each document (between ``-DOCSTART-`` lines) is one text: sentences on
their own lines, tokens joined by spaces. Measured, side by side in one run:

* PER / LOC mention recall: a mention counts only when every one of its tokens is replaced;
* precision of replaced tokens: the share of replaced tokens inside any named entity
  (PER, LOC, ORG, MISC: all are names a pseudonymiser may replace), and, stricter, inside
  a PER or LOC mention;
* the same on a lower-cased copy (speech-to-text style);
* words per second (both systems in the same process, same texts, original case).

evaltoolkit fits its key on the whole split (detection, then propagation of every name it
found to every document), then transforms; both passes are timed.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CONLL = HERE.parent.parent / "shared" / "benchmarks" / "conll2002"


@dataclass
class Doc:
    text: str
    tokens: list[tuple[int, int, str]]    # (start, end, IOB tag)


def read_conll(path: Path, *, limit: int | None = None) -> list[Doc]:
    docs, sentences = [], []

    def flush():
        if sentences:
            docs.append(_build_doc(sentences))
            sentences.clear()

    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if parts[0] == "-DOCSTART-":
                if current:
                    sentences.append(current)
                    current = []
                flush()
                continue
            current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    flush()
    return docs[:limit] if limit else docs


def _build_doc(sentences) -> Doc:
    pieces, tokens, offset = [], [], 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            pieces.append("\n")
            offset += 1
        for t_index, (word, tag) in enumerate(sentence):
            if t_index:
                pieces.append(" ")
                offset += 1
            tokens.append((offset, offset + len(word), tag))
            pieces.append(word)
            offset += len(word)
    return Doc("".join(pieces), tokens)


def mentions(doc: Doc, kind: str) -> list[list[int]]:
    found, current = [], None
    for i, (_, _, tag) in enumerate(doc.tokens):
        if tag == f"B-{kind}" or (tag == f"I-{kind}" and current is None):
            current = [i]
            found.append(current)
        elif tag == f"I-{kind}":
            current.append(i)
        else:
            current = None
    return found


def replaced_tokens(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    covered = set()
    for i, (start, end, _) in enumerate(doc.tokens):
        if any(s < end and start < e for s, e in spans):
            covered.add(i)
    return covered


def score(docs: list[Doc], spans_per_doc: list[list[tuple[int, int]]]) -> dict[str, float]:
    hit = {"PER": 0, "LOC": 0}
    total = {"PER": 0, "LOC": 0}
    replaced = in_entity = in_per_loc = 0
    for doc, spans in zip(docs, spans_per_doc):
        spans = sorted(spans)
        covered = replaced_tokens(doc, spans)
        for kind in ("PER", "LOC"):
            for mention in mentions(doc, kind):
                total[kind] += 1
                hit[kind] += all(i in covered for i in mention)
        for i in covered:
            tag = doc.tokens[i][2]
            replaced += 1
            in_entity += tag != "O"
            in_per_loc += tag[2:] in ("PER", "LOC")
    return {
        "per_recall": hit["PER"] / max(total["PER"], 1),
        "loc_recall": hit["LOC"] / max(total["LOC"], 1),
        "precision": in_entity / max(replaced, 1),
        "precision_per_loc": in_per_loc / max(replaced, 1),
    }


def run_deduce(model, docs: list[Doc]) -> tuple[list[list[tuple[int, int]]], float]:
    started = time.perf_counter()
    spans = [[(a.start_char, a.end_char) for a in model.deidentify(doc.text).annotations] for doc in docs]
    return spans, time.perf_counter() - started


def run_evaltoolkit(detector, docs: list[Doc]) -> tuple[list[list[tuple[int, int]]], float]:
    import pandas as pd

    from evaltoolkit.privacy import Pseudonymiser

    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(docs))], "text": [d.text for d in docs]})
    started = time.perf_counter()
    pseudonymiser = Pseudonymiser(detector=detector).fit(frame)
    spans = [[(r.start, r.end) for r in pseudonymiser.transform_text(doc.text).replacements] for doc in docs]
    return spans, time.perf_counter() - started


def lowercased(docs: list[Doc]) -> list[Doc]:
    return [Doc(doc.text.lower(), doc.tokens) for doc in docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="ned.testb", help="ned.testb (report) or ned.train/ned.testa (tuning)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    args = parser.parse_args(argv)
    path = CONLL / args.split
    if not path.is_file():
        print(f"skipped: {path} is not present (../shared/benchmarks/conll2002/ is only on developer and CI machines)")
        return 0
    logging.basicConfig(level=logging.WARNING)
    from evaltoolkit.privacy.detector import Detector, load_deduce

    docs = read_conll(path, limit=args.limit)
    words = sum(len(d.tokens) for d in docs)
    model = load_deduce()
    detector = Detector(deduce_model=model)
    detector.detect("Warm-up: Jan de Vries woont in Amsterdam.")  # builds lexicon caches outside the timing
    results = {}
    for name, runner, arg in (("deduce 3.0.6 alone", run_deduce, model), ("evaltoolkit", run_evaltoolkit, detector)):
        spans, seconds = runner(arg, docs)
        lower_spans, _ = runner(arg, lowercased(docs))
        results[name] = (score(docs, spans), score(docs, lower_spans)["per_recall"],
                         score(docs, lower_spans)["loc_recall"], score(docs, lower_spans)["precision"], words / seconds)
    print(f"CoNLL-2002 Dutch {args.split}: {len(docs)} documents, {words} words\n")
    print("| system | PER recall | LOC recall | precision (any entity) | precision (PER/LOC) "
          "| lower-cased PER recall | lower-cased LOC recall | lower-cased precision | words/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (cased, lower_per, lower_loc, lower_precision, speed) in results.items():
        print(f"| {name} | {cased['per_recall']:.3f} | {cased['loc_recall']:.3f} | {cased['precision']:.3f} | "
              f"{cased['precision_per_loc']:.3f} | {lower_per:.3f} | {lower_loc:.3f} | {lower_precision:.3f} | "
              f"{speed:,.0f} |")
    ratio = results["evaltoolkit"][4] / results["deduce 3.0.6 alone"][4]
    print(f"\nspeed ratio evaltoolkit/deduce: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
