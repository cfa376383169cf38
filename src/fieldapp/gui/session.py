"""The unlocked store of this window, and what closing it (locking) means.

Holding the open ``Store`` in one place means locking is one call: the connection is closed,
which drops SQLCipher's keys from memory, and every page is told to forget what it shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo


class Session(QObject):
    sig_opened = Signal()
    sig_closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._repo: InterviewRepo | None = None
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
    def repo(self) -> InterviewRepo:
        if self._repo is None:
            raise RuntimeError("no store is open")
        return self._repo

    def attach(self, store: Store) -> None:
        """Take ownership of an unlocked store (opened or created by a job)."""
        if self._store is not None and self._store is not store:
            self._store.close()
        self._store = store
        self._repo = InterviewRepo(store)
        self.folder = store.folder
        self.sig_opened.emit()

    def close(self) -> None:
        """Close the store (keys dropped); a no-op when nothing is open."""
        store, self._store, self._repo = self._store, None, None
        if store is not None:
            store.close()
            self.sig_closed.emit()
