"""Alembic environment of the project store (run by evaltoolkit.store.migrations.upgrade)."""
from alembic import context
from sqlalchemy import create_engine

from evaltoolkit.store.types import JSONList

from evaltoolkit.store.tables import project_metadata

config = context.config
target_metadata = project_metadata


def _render_item(type_, obj, autogen_context):
    """A list column is TEXT in the database: revisions name ``sa.Text()``, never the
    Python-side type, so they stay valid whatever becomes of ``evaltoolkit.store.types``."""
    if type_ == "type" and isinstance(obj, JSONList):
        return "sa.Text()"
    return False


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # alembic CLI: the URL comes from -x url=...
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///:memory:")
        with create_engine(url).connect() as connection:
            _run(connection)
            connection.commit()
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      render_item=_render_item)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
