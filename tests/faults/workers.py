"""Work run in separate processes by the concurrency tests (importable by a spawned child)."""
from __future__ import annotations


def import_review_file(url: str, path: str, reviewer: str, barrier) -> str:
    """Import a review file once every worker is ready; return "ok" or the error's kind and message."""
    from evaltoolkit.coding import import_review
    from evaltoolkit.errors import EvaltoolkitError
    from evaltoolkit.store import open_project_store

    with open_project_store(url) as store:
        barrier.wait()
        try:
            import_review(store, path, reviewer=reviewer)
        except EvaltoolkitError as error:
            return f"{type(error).__name__}: {error}"
    return "ok"
