"""The project layer: one evaluation project opened at the edge (a CLI command or a
notebook's first cell). It holds the configuration, both stores and, once unlocked, the
key; stage packages below it take tables and explicit arguments, never the configuration.

    cli, notebooks  ->  project  ->  ingest, privacy, corpus, codebook, coding, topics,
                                     analysis, indicators, reports, exchange  ->  store

Names are imported when first used (PEP 562), so ``evaltoolkit --help`` does not load
BERTopic, UMAP or scikit-learn.
"""
from importlib import import_module

from evaltoolkit.project.project import Progress, Project

_HOMES = {
    "evaltoolkit.project.chain": ("CHAIN_STEPS", "ChainRun", "Step", "run_chain"),
    "evaltoolkit.project.exchange": ("export_project_qdc", "export_project_qdpx", "export_project_taguette",
                                     "import_project_qdpx"),
    "evaltoolkit.project.indicators": ("DISPLAY_COLUMNS", "indicators_for_project"),
    "evaltoolkit.project.ingestion": ("ingest", "ingest_settings"),
    "evaltoolkit.project.outputs": ("checked_output", "output_check", "output_path"),
    "evaltoolkit.project.privacy": ("ensure_no_leaks", "export_review_queue", "import_review_decisions", "leak_check",
                                    "load_review_queue", "reidentify", "withdraw_participant"),
    "evaltoolkit.project.pseudonymise": ("PseudonymiseReport", "configured_pseudonymiser", "pseudonymise_project"),
    "evaltoolkit.project.reports": ("build_report_for_project", "load_study_data", "report_context", "report_path"),
    "evaltoolkit.project.init": ("LANGUAGES", "init_project"),
    "evaltoolkit.project.status": ("ProjectStatus", "project_status"),
    "evaltoolkit.project.topics": ("fit_project_topics", "modeler_from_settings", "write_emergent_themes"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["Progress", "Project", *sorted(_HOME_OF)]


def __getattr__(name: str):
    if name not in _HOME_OF:
        raise AttributeError(f"module 'evaltoolkit.project' has no attribute {name!r}")
    return getattr(import_module(_HOME_OF[name]), name)


def __dir__() -> list[str]:
    return sorted(__all__)
