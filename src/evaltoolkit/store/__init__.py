"""The project's two databases: the raw store and the project store (system of record).

Their tables (``tables``), the toolkit's allowed column values (``values``), the list
column type (``types``) and the naming rule of machine coders (``coders``) live here.
"""
from evaltoolkit.store.coders import human_codings, is_machine_coder, machine_coder, person_coder
from evaltoolkit.store.schema import TableSchema, table_schema
from evaltoolkit.store.store import Store, Transaction, open_project_store, open_raw_store
from evaltoolkit.store.types import JSONList, dump_json_list, list_cell, parse_json_list

__all__ = ["JSONList", "Store", "TableSchema", "Transaction", "dump_json_list", "human_codings",
           "is_machine_coder", "list_cell", "machine_coder", "open_project_store", "open_raw_store", "parse_json_list",
           "person_coder", "table_schema"]
