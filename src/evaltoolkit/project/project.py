"""One evaluation project, opened once at the edge.

>>> with Project.open("path/to/study") as project:          # doctest: +SKIP
...     project.unlock()                                      # passphrase from the environment
...     segments = project.store.read("segments")

A :class:`Project` holds the configuration, opens the raw and project stores when they
are first used and closes them on exit, and, once unlocked, the pseudonymisation key. The
CLI opens one per command and the notebooks one in their first cell; everything below
(the stage packages) gets explicit tables and values from it, never the configuration.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from evaltoolkit.config import ProjectConfig, load_config
from evaltoolkit.errors import PrivacyError
from evaltoolkit.store import Store, open_project_store, open_raw_store

#: How library code reports progress: called with one line a user can read ("Pseudonymising 40 documents").
Progress = Callable[[str], None]


def no_progress(_message: str) -> None:
    """The default progress callback: library functions print nothing themselves."""


class Project:
    """An evaluation project: its configuration, both stores and (once unlocked) its key."""

    def __init__(self, config: ProjectConfig, *, progress: Progress | None = None):
        self.config = config
        self.progress: Progress = progress or no_progress
        self._store: Store | None = None
        self._raw_store: Store | None = None
        self._passphrase: str | None = None
        self._codebook = None
        self._logic_model = None

    @classmethod
    def open(cls, path: Path | str | None = None, *, progress: Progress | None = None) -> "Project":
        """The project whose ``evaltoolkit.yaml`` is at ``path`` (a file or folder), or at or
        above the current folder."""
        return cls(load_config(path), progress=progress)

    def __repr__(self) -> str:
        return f"Project({self.config.name!r}, root={str(self.root)!r})"

    # ------------------------------------------------------------------ lifetime
    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        """Close both stores and forget the passphrase; the project can be used again later."""
        for store in (self._store, self._raw_store):
            if store is not None:
                store.dispose()
        self._store = self._raw_store = None
        self._passphrase = None

    # ------------------------------------------------------------------ places
    @property
    def root(self) -> Path:
        return self.config.paths.root

    @property
    def paths(self):
        return self.config.paths

    @property
    def store(self) -> Store:
        """The project store (pseudonymised data and every decision), opened on first use."""
        if self._store is None:
            self._store = open_project_store(self.config.paths.store_url)
        return self._store

    @property
    def raw_store(self) -> Store:
        """The raw store (names, raw text), opened on first use. Only ingestion and the
        privacy stage read it."""
        if self._raw_store is None:
            self._raw_store = open_raw_store(self.config.paths.raw_store)
        return self._raw_store

    @property
    def has_raw_store(self) -> bool:
        return self._raw_store is not None or self.config.paths.raw_store.exists()

    @property
    def has_project_store(self) -> bool:
        """Whether the project store was created (a server database: once configured; opening
        it creates the tables)."""
        store_file = self.config.paths.store_file
        return self._store is not None or store_file is None or store_file.is_file()

    # ------------------------------------------------------------------ study definitions
    @property
    def codebook(self):
        """The codebook named by ``paths.codebook``, loaded (and validated) once."""
        if self._codebook is None:
            from evaltoolkit.codebook import load_codebook

            self._codebook = load_codebook(self.config.paths.codebook)
        return self._codebook

    @property
    def logic_model(self):
        """The logic model named by ``paths.logic_model``, loaded (and validated) once."""
        if self._logic_model is None:
            from evaltoolkit.indicators import load_logic_model

            config = self.config
            self._logic_model = load_logic_model(config.paths.logic_model, event_kinds=config.event_kind_ids,
                                                 roles=config.role_ids, code_ids=self.codebook.code_ids)
        return self._logic_model

    def reload(self) -> None:
        """Forget the loaded codebook and logic model (after a researcher edited them)."""
        self._codebook = self._logic_model = None

    # ------------------------------------------------------------------ the key
    def unlock(self, passphrase: str | None = None) -> "Project":
        """Remember the key's passphrase for this session: ``passphrase``, else the environment
        variable named by ``privacy.passphrase_env``. Returns the project, for chaining."""
        passphrase = passphrase or os.environ.get(self.config.privacy.passphrase_env)
        if not passphrase:
            raise PrivacyError(
                "No passphrase for the pseudonymisation key: set the environment variable "
                f"{self.config.privacy.passphrase_env} (named by privacy.passphrase_env in evaltoolkit.yaml) "
                "or pass it to Project.unlock()."
            )
        self._passphrase = passphrase
        return self

    @property
    def unlocked(self) -> bool:
        return self._passphrase is not None

    @property
    def passphrase(self) -> str:
        """The passphrase given to :meth:`unlock`; a PrivacyError says how to unlock otherwise."""
        if self._passphrase is None:
            raise PrivacyError("The pseudonymisation key is locked: call project.unlock() first "
                               f"(or set {self.config.privacy.passphrase_env}).")
        return self._passphrase

    def key(self, *, new_key: bool = False):
        """The decrypted pseudonymisation key: a new, empty key before the key's first use (no
        pseudonymisation or import recorded) or with ``new_key``; a key file that went missing
        afterwards is a PrivacyError, never silently replaced by an empty key."""
        from evaltoolkit.privacy.key import load_or_create_key

        return load_or_create_key(self.config.paths.key, passphrase=self.passphrase,
                                  create=new_key or not self.key_was_used())

    def key_was_used(self) -> bool:
        """Whether the project store records a run that wrote the key (pseudonymise, import)."""
        if not self.has_project_store:
            return False
        return not self.store.read("audit_log", where={"action": ["pseudonymise", "exchange.import_qdpx"]}).empty

    def key_if_unlocked(self):
        """The key when the project is unlocked and has one, else None. A key file that went
        missing after its first use is a PrivacyError here too: whoever asked (the leak check,
        a withdrawal) would otherwise carry on as if there were no key."""
        if self._passphrase is None:
            return None
        if not self.config.paths.key.exists() and not self.key_was_used():
            return None
        return self.key()

    def key_is_expected(self) -> bool:
        """Whether a key file exists or should (a pseudonymisation or import recorded)."""
        return self.config.paths.key.exists() or self.key_was_used()
