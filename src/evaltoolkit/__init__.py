"""evaltoolkit: qualitative evaluation and monitoring research, from raw interviews to the
monthly findings report."""
from evaltoolkit.config import ProjectConfig, load_config
from evaltoolkit.errors import (
    CodebookError,
    ConfigError,
    EvaltoolkitError,
    InputError,
    PrivacyError,
    SchemaError,
    StoreError,
)
from evaltoolkit.store import open_project_store, open_raw_store

__version__ = "0.1.0"

__all__ = [
    "CodebookError",
    "ConfigError",
    "EvaltoolkitError",
    "InputError",
    "PrivacyError",
    "ProjectConfig",
    "SchemaError",
    "StoreError",
    "load_config",
    "open_project_store",
    "open_raw_store",
]
