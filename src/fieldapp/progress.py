"""Progress and cancellation protocols used by every long job (core never imports Qt).

Long jobs are plain functions taking ``progress: ProgressSink`` and ``cancel: CancelToken``;
the CLI prints progress on stderr, the GUI adapts them to signals in ``fieldapp.gui.jobs``.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Protocol

from fieldapp.errors import Cancelled


class ProgressSink(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


class CancelToken:
    """A thread-safe flag a job checks between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if cancellation was requested."""
        if self._event.is_set():
            raise Cancelled("Cancelled; nothing was changed.")


def no_progress(done: int, total: int, message: str = "") -> None:
    """A sink that ignores progress."""


class StderrProgress:
    """Progress on stderr for the CLI, at most a few lines a second, never any answer text."""

    def __init__(self, label: str, min_interval: float = 0.5, stream=None) -> None:
        self.label = label
        self.min_interval = min_interval
        self.stream = stream or sys.stderr
        self._last = 0.0

    def __call__(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < self.min_interval:
            return
        self._last = now
        pct = f" ({100 * done // total}%)" if total else ""
        print(f"{self.label}: {done}/{total}{pct}", file=self.stream, flush=True)
