"""The unlocked store of this window, and what closing it (locking) means.

Holding the open ``Store`` in one place means locking is one call: the store is detached
(pages see it closed at once) and the executor closes it behind the job still running, which
drops SQLCipher's keys from memory; every page is told to forget what it shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from fieldapp.ops.model import Store


class Session(QObject):

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        #: Folder of the current (or last) store: the unlock screen offers it again.
        self.folder: Path | None = None

    @property
    def is_open(self) -> bool:
        return self._store is not None and not self._store.closed

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("no store is open")
        return self._store

    @property
    def role(self) -> str:
        return self._store.info.role if self._store is not None else ""

    @property
    def repo(self):
        """The interviews of the open store (tests read answers through it)."""
        from fieldapp.ops.interviews import repository

        return repository(self.store)

    def attach(self, store: Store) -> None:
        """Take ownership of an unlocked store (opened or created by a job)."""
        if self._store is not None and self._store is not store:
            self._store.close()
        self._store = store
        self.folder = store.folder

    def detach(self) -> Store | None:
        """Forget the store without closing it (the executor closes it); None when none is open."""
        store, self._store = self._store, None
        return store

    def close(self) -> None:
        """Close the store now (keys dropped); a no-op when nothing is open."""
        store = self.detach()
        if store is not None:
            store.close()
