"""What the topic model takes from the codebook: codes as a table, seed words, code vectors.

The topic stage needs, per theme code, its label, definition, keyword patterns and
accepted examples. :func:`codes_frame` gives them as one table, from a
:class:`~evaltoolkit.codebook.Codebook` (codable, active theme codes) or from a DataFrame
with the same columns, so the model can be tried before a codebook file exists.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.preprocessing import normalize

from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.topics.representation import DutchAnalyzer

CODE_COLUMNS = ("code_id", "label", "definition", "patterns", "examples")
#: regular-expression syntax in a pattern that is not part of a word
_REGEX_SYNTAX = re.compile(r"\\[bBwWdDsS]|[\\^$.*+?()\[\]{}|]")


def codes_frame(codes) -> pd.DataFrame:
    """Codes as a table with :data:`CODE_COLUMNS`; ``patterns``/``examples`` hold lists of strings.

    ``codes`` is a Codebook (its codable, active theme codes are used) or a DataFrame.
    """
    if hasattr(codes, "themes"):
        rows = [{"code_id": c.code_id, "label": c.label_nl, "definition": c.definition,
                 "patterns": list(c.patterns), "examples": list(c.examples)}
                for c in codes.themes(codable_only=True, active_only=True)]
        return pd.DataFrame(rows, columns=list(CODE_COLUMNS))
    if not isinstance(codes, pd.DataFrame):
        raise InputError(f"codes must be a Codebook or a DataFrame with columns {', '.join(CODE_COLUMNS)}. "
                         f"Got {type(codes).__name__} instead.")
    problems = [f"[{column}] required column is missing." for column in ("code_id", "label")
                if column not in codes.columns]
    if not problems:
        empty = codes.index[codes["code_id"].isna()].tolist()
        if empty:
            problems.append(f"[code_id] must not be empty; empty in rows {', '.join(map(str, empty))}.")
        repeated = codes.loc[codes["code_id"].duplicated(), "code_id"].tolist()
        if repeated:
            problems.append(f"[code_id] must be unique; repeated: {', '.join(map(str, repeated))}.")
    if problems:
        raise InputError(format_problems("the codes table", problems))
    frame = codes.reindex(columns=list(CODE_COLUMNS)).copy()
    frame["definition"] = frame["definition"].fillna("").astype(str)
    for column in ("patterns", "examples"):
        frame[column] = [_as_list(value) for value in frame[column]]
    return frame.reset_index(drop=True)


def seed_words(codes: pd.DataFrame, *, analyzer: DutchAnalyzer | None = None, limit: int = 12) -> list[list[str]]:
    """Per code, the lemmatised words of its label and keyword patterns (BERTopic's seed_topic_list)."""
    analyzer = analyzer or DutchAnalyzer()
    seeds = []
    for row in codes.itertuples():
        text = " ".join([str(row.label).replace("_", " "), *(_REGEX_SYNTAX.sub(" ", p) for p in row.patterns)])
        words = list(dict.fromkeys(analyzer(text)))
        seeds.append(words[:limit] or [str(row.code_id)])
    return seeds


def code_descriptions(codes: pd.DataFrame) -> list[str]:
    """Per code, ``"label: definition"``: the text a zero-shot topic is named and embedded by."""
    return [f"{row.label}: {row.definition}".strip(": ") for row in codes.itertuples()]


def code_texts(codes: pd.DataFrame) -> list[list[str]]:
    """Per code, the texts that describe it: label and definition, each example, the keywords."""
    texts = []
    for description, row in zip(code_descriptions(codes), codes.itertuples()):
        keywords = " ".join(_REGEX_SYNTAX.sub(" ", p) for p in row.patterns).strip()
        texts.append([description, *row.examples] + ([keywords] if keywords else []))
    return texts


def code_embeddings(codes: pd.DataFrame, embedder) -> np.ndarray:
    """One unit vector per code: the mean embedding of its :func:`code_texts`."""
    groups = code_texts(codes)
    flat = [text for group in groups for text in group]
    if not flat:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = normalize(np.asarray(embedder.embed(flat), dtype=np.float64))
    out, start = [], 0
    for group in groups:
        out.append(vectors[start:start + len(group)].mean(axis=0))
        start += len(group)
    return normalize(np.vstack(out)).astype(np.float32)


def _as_list(value) -> list[str]:
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and pd.isna(value)):
        return []
    if isinstance(value, str):
        # a table cell written by hand: patterns separated by ";"
        return [part.strip() for part in value.split(";") if part.strip()]
    if isinstance(value, Sequence | np.ndarray):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)]
