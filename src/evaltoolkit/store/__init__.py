"""The project's two databases: the raw store and the project store (system of record)."""
from evaltoolkit.store.schema import TableSchema, table_schema
from evaltoolkit.store.store import Store, Transaction, open_project_store, open_raw_store

__all__ = ["Store", "TableSchema", "Transaction", "open_project_store", "open_raw_store", "table_schema"]
