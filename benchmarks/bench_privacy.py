"""Benchmark: de-identification by evaltoolkit and by deduce alone, side by side in one run.

Run standalone with the venv python:

    .venv/bin/python benchmarks/bench_privacy.py            # all parts, ned.testb (the reported figures)
    .venv/bin/python benchmarks/bench_privacy.py --parts conll --split ned.testa --limit 40   # while tuning

Three parts (``--parts conll,foreign,demo``):

* **CoNLL-2002 Dutch** (``../shared/benchmarks/conll2002/``, skipped when absent; nothing
  from it is copied or stored). Each document (between ``-DOCSTART-`` lines) is one text:
  sentences on their own lines, tokens joined by spaces. PER / LOC mention recall (a
  mention counts only when every token is replaced); precision of replaced tokens (share
  inside any named entity, and stricter inside a PER or LOC mention); the same on a
  lower-cased copy (speech-to-text style); words per second. evaltoolkit fits its key on
  the whole split (detection, then propagation of every name found), then transforms.
* **Identifiers of other countries**: a set written for this benchmark (BE/DE/UK phones,
  IBANs with bad check digits, IPv4/IPv6, BE/DE/FR/UK postcodes and streets, a Belgian
  national number, a URL with a name, an e-mail): each removed or left.
* **Over-redaction on the demo study**: replaced spans that are no identifier the demo
  planted or knows (ordinary words: dictionary words, languages, nationalities, months,
  weekdays; and other non-identifiers). The goal is no ordinary word.
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


# ----------------------------------------------------------------------------- identifiers of other countries
#: Written for this benchmark (invented values, none checked against a real register): the
#: shapes a Belgian, German or British study meets, embedded in interview-style sentences.
#: Each pair: (text, identifier that must be gone).
FOREIGN_IDENTIFIERS = [
    ("Je kan me bellen op 09 223 45 67 na vijf uur.", "09 223 45 67"),               # BE landline (Ghent)
    ("Haar gsm is 0470 12 34 56, zegt ze.", "0470 12 34 56"),                         # BE mobile
    ("Mijn broer in Keulen heeft 0221 4711 0815 als nummer.", "0221 4711 0815"),      # DE landline
    ("Ruf mich an: +49 30 1234 5678.", "+49 30 1234 5678"),                           # DE international
    ("Call the office on 020 7946 0958 tomorrow.", "020 7946 0958"),                  # UK London
    ("Her mobile is 07700 900123 I think.", "07700 900123"),                         # UK mobile
    ("Het geld ging naar BE12 3456 7890 1234 vorige week.", "BE12 3456 7890 1234"),   # BE IBAN, bad check
    ("Rekening NL12 ABNA 0123 4567 89 klopt niet eens.", "NL12 ABNA 0123 4567 89"),   # NL IBAN, bad check
    ("Überweisung an DE12 5001 0517 0648 4898 90 bitte.", "DE12 5001 0517 0648 4898 90"),  # DE IBAN, bad check
    ("Paid into GB12 BARC 2000 0012 3456 78 last month.", "GB12 BARC 2000 0012 3456 78"),  # UK IBAN, bad check
    ("Het formulier kwam van 192.168.10.25 binnen.", "192.168.10.25"),               # IPv4
    ("Login from 2001:db8::8a2e:370:7334 was blocked.", "2001:db8::8a2e:370:7334"),   # IPv6
    ("Ze woont Kortrijksesteenweg 12, 9000 Gent nu.", "9000"),                        # BE postcode
    ("Ze woont Kortrijksesteenweg 12, 9000 Gent nu.", "Kortrijksesteenweg 12"),       # BE street
    ("Wir wohnen in der Hauptstraße 5, 10115 Berlin.", "10115"),                       # DE postcode
    ("They live at 14 Baker Street, London NW1 6XE.", "NW1 6XE"),                     # UK postcode
    ("They live at 14 Baker Street, London NW1 6XE.", "14 Baker Street"),             # UK street
    ("Elle habite 12 rue de la Paix, 75002 Paris.", "75002"),                          # FR postcode
    ("Zijn rijksregisternummer is 85.07.30-033.61.", "85.07.30-033.61"),              # BE national number
    ("Zie linkedin.com/in/jan-peeters voor zijn cv.", "linkedin.com/in/jan-peeters"),  # URL with a name
    ("Mail naar an.peeters@telenet.be graag.", "an.peeters@telenet.be"),              # e-mail
]


def foreign_identifier_results(detector) -> list[tuple[str, bool]]:
    """(identifier, removed?) for every pair of :data:`FOREIGN_IDENTIFIERS`."""
    import pandas as pd

    from evaltoolkit.privacy import Pseudonymiser

    texts = list(dict.fromkeys(text for text, _ in FOREIGN_IDENTIFIERS))
    frame = pd.DataFrame({"doc_id": [f"f{i}" for i in range(len(texts))], "text": texts,
                          "language": ["en" if t.startswith(("Call", "Her", "Paid", "Login", "They")) else "nl"
                                       for t in texts]})
    pseudonymiser = Pseudonymiser(detector=detector).fit(frame)
    replaced = dict(zip(frame["text"], pseudonymiser.transform(frame)["text"]))
    return [(identifier, identifier not in replaced[text]) for text, identifier in FOREIGN_IDENTIFIERS]


# ----------------------------------------------------------------------------- over-redaction on the demo
def load_demo(root: Path):
    """The demo study's raw documents, register, configuration and identifier vocabulary.

    The demo knows its identifiers (``planted_identifiers.csv``, ``register.csv`` and the
    name and place pools in ``evaltoolkit.demo.names``): every word of them is in the
    vocabulary."""
    import csv
    import re

    from evaltoolkit.config import load_config
    from evaltoolkit.demo import names as demo_names
    from evaltoolkit.project import Project, ingest
    from evaltoolkit.store import open_raw_store

    config = load_config(root)
    if not config.paths.raw_store.exists():
        ingest(Project(config))
    raw = open_raw_store(config.paths.raw_store)
    documents, register = raw.read("raw_documents"), raw.read("raw_participants")
    vocabulary: set[str] = set()

    def add(value) -> None:
        if isinstance(value, str):
            vocabulary.update(w.lower() for w in re.findall(r"[^\W\d_]+", value))
        elif isinstance(value, dict):
            for k, v in value.items():
                add(k)
                add(v)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                add(v)

    with open(config.paths.raw / "planted_identifiers.csv", encoding="utf-8") as handle:
        add([row["value"] for row in csv.DictReader(handle)])
    for column in ("full_name", "name_variants", "speaker_labels"):
        add([v for v in register[column].dropna()])
    add([getattr(demo_names, n) for n in dir(demo_names) if n.isupper()])
    return documents, register, config, frozenset(vocabulary)


def over_redaction(texts: list[str], spans_per_text, vocabulary, places) -> tuple[int, list, list]:
    """Replaced spans that are not identifiers: none of their words is in ``vocabulary``,
    no digit or @, not a country (the demo's reports write "[Land]" on purpose). An
    *ordinary word* is one whose words are all Dutch or English dictionary words,
    languages, nationalities, months or weekdays. Returns (replaced spans, ordinary words
    with counts, other non-identifiers with counts)."""
    import re
    from collections import Counter

    import simplemma

    from evaltoolkit.privacy.names import not_names

    ordinary, other = Counter(), Counter()
    total = 0
    for text, spans in zip(texts, spans_per_text):
        for start, end in spans:
            total += 1
            surface = text[start:end]
            words = [w.lower() for w in re.findall(r"[^\W\d_]+", surface)]
            if not words or re.search(r"[\d@]", surface) or any(w in vocabulary for w in words) \
                    or places.get(surface.lower()) == "country":
                continue
            dictionary = all(w in not_names() or simplemma.is_known(w, lang="nl") or simplemma.is_known(w, lang="en")
                             for w in words)
            (ordinary if dictionary else other)[surface] += 1
    return total, ordinary.most_common(), other.most_common()


def demo_spans_evaltoolkit(detector, documents, register, config) -> list[list[tuple[int, int]]]:
    from evaltoolkit.privacy import Pseudonymiser

    pseudonymiser = Pseudonymiser(detector=detector, allow_list=config.privacy.allow_list,
                                  role_labels=dict(config.role_labels)).fit(documents, register=register)
    return [[(r.start, r.end) for r in pseudonymiser.transform_text(str(t)).replacements] for t in documents["text"]]


def lowercased(docs: list[Doc]) -> list[Doc]:
    return [Doc(doc.text.lower(), doc.tokens) for doc in docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="ned.testb", help="ned.testb (report) or ned.train/ned.testa (tuning)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--parts", default="conll,demo,foreign", help="which parts to run (comma-separated)")
    parser.add_argument("--demo", type=Path, default=HERE.parent,
                        help="a demo project folder (default: this checkout, whose data/raw/demo is generated)")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    logging.basicConfig(level=logging.WARNING)
    from evaltoolkit.privacy.detector import Detector, load_deduce

    model = load_deduce()
    detector = Detector(deduce_model=model)
    detector.detect("Warm-up: Jan de Vries woont in Amsterdam.")  # builds lexicon caches outside the timing
    if "conll" in parts:
        conll_table(args, model, detector)
    if "foreign" in parts:
        foreign_table(model, detector)
    if "demo" in parts:
        demo_table(args.demo, model, detector)
    return 0


def conll_table(args, model, detector) -> None:
    path = CONLL / args.split
    if not path.is_file():
        print(f"CoNLL-2002 skipped: {path} is not present (../shared/ is only on developer and CI machines)\n")
        return
    docs = read_conll(path, limit=args.limit)
    words = sum(len(d.tokens) for d in docs)
    results = {}
    for name, runner, arg in (("deduce 3.0.6 alone", run_deduce, model), ("evaltoolkit", run_evaltoolkit, detector)):
        spans, seconds = runner(arg, docs)
        lower_spans, _ = runner(arg, lowercased(docs))
        results[name] = (score(docs, spans), score(docs, lower_spans)["per_recall"],
                         score(docs, lower_spans)["loc_recall"], score(docs, lower_spans)["precision"], words / seconds)
    print(f"CoNLL-2002 Dutch {args.split}: {len(docs)} documents, {words} words "
          "(goals: PER recall >= 0.95, LOC recall >= 0.95, lower-cased LOC recall >= 0.80)\n")
    print("| system | PER recall | LOC recall | precision (any entity) | precision (PER/LOC) "
          "| lower-cased PER recall | lower-cased LOC recall | lower-cased precision | words/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, (cased, lower_per, lower_loc, lower_precision, speed) in results.items():
        print(f"| {name} | {cased['per_recall']:.3f} | {cased['loc_recall']:.3f} | {cased['precision']:.3f} | "
              f"{cased['precision_per_loc']:.3f} | {lower_per:.3f} | {lower_loc:.3f} | {lower_precision:.3f} | "
              f"{speed:,.0f} |")
    ratio = results["evaltoolkit"][4] / results["deduce 3.0.6 alone"][4]
    print(f"\nspeed ratio evaltoolkit/deduce: {ratio:.2f}\n")


def foreign_table(model, detector) -> None:
    ours = foreign_identifier_results(detector)
    theirs = []
    for text, identifier in FOREIGN_IDENTIFIERS:
        start = text.index(identifier)
        spans = [(a.start_char, a.end_char) for a in model.deidentify(text).annotations]
        covered = set()
        for s, e in spans:
            covered.update(range(s, e))
        theirs.append(all(i in covered for i in range(start, start + len(identifier)) if not text[i].isspace()))
    print(f"Identifiers of other countries (written for this benchmark): {len(ours)}\n")
    print("| identifier | deduce 3.0.6 alone | evaltoolkit |")
    print("|---|---|---|")
    for (identifier, removed), deduce_removed in zip(ours, theirs):
        print(f"| `{identifier}` | {'removed' if deduce_removed else 'LEFT'} | {'removed' if removed else 'LEFT'} |")
    print(f"| **all removed** | {sum(theirs)}/{len(theirs)} | {sum(r for _, r in ours)}/{len(ours)} |\n")


def demo_table(root: Path, model, detector) -> None:
    planted = root / "data" / "raw" / "demo" / "planted_identifiers.csv"
    if not planted.is_file():
        print(f"Demo over-redaction skipped: {planted} is not there (run `evaltoolkit demo` first)\n")
        return
    documents, register, config, vocabulary = load_demo(root)
    texts = [str(t) for t in documents["text"]]
    places = detector.lexicons.places
    deduce_spans = [[(a.start_char, a.end_char) for a in model.deidentify(t).annotations] for t in texts]
    rows = {"deduce 3.0.6 alone": over_redaction(texts, deduce_spans, vocabulary, places),
            "evaltoolkit": over_redaction(texts, demo_spans_evaltoolkit(detector, documents, register, config),
                                          vocabulary, places)}
    print(f"Over-redaction on the demo study: {len(texts)} documents (goal: 0 ordinary words replaced)\n")
    print("| system | replaced spans | ordinary words replaced | other non-identifiers replaced |")
    print("|---|---|---|---|")
    for name, (total, ordinary, other) in rows.items():
        print(f"| {name} | {total} | {sum(n for _, n in ordinary)} | {sum(n for _, n in other)} |")
    for name, (_, ordinary, other) in rows.items():
        print(f"\n{name}: ordinary words: " + (", ".join(f"{w} ({n})" for w, n in ordinary[:30]) or "none")
              + "; others: " + (", ".join(f"{w} ({n})" for w, n in other[:30]) or "none"))
    print()


if __name__ == "__main__":
    sys.exit(main())
