"""Schema migrations of the two stores (Alembic), applied when a store is opened.

Each store has its own migration history: ``migrations/project`` and ``migrations/raw``.
To change a table: edit ``store/tables.py``, then add a revision, e.g.
``alembic -c src/evaltoolkit/store/migrations/alembic.ini -n project revision --autogenerate -m "..."``.
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from evaltoolkit.store import locking

HERE = Path(__file__).parent


def alembic_config(kind: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE / kind))
    config.attributes["store_kind"] = kind
    return config


def head_revision(kind: str) -> str:
    return ScriptDirectory.from_config(alembic_config(kind)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, kind: str) -> None:
    """Bring the store's schema to the newest revision (a no-op when it is current).

    Two programs opening a new store at once do not both migrate it: the upgrade holds
    the write lock (:mod:`evaltoolkit.store.locking`) and checks the revision again.
    """
    head = head_revision(kind)
    if current_revision(engine) == head:
        return
    config = alembic_config(kind)
    with engine.connect() as connection:
        connection.execution_options(**{locking.WRITE_OPTION: True})
        with connection.begin():
            locking.hold(connection, f"evaltoolkit.migrations.{kind}")
            if MigrationContext.configure(connection).get_current_revision() == head:
                return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
