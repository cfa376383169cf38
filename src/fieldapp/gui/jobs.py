"""Background jobs: core functions run in QThreadPool workers, results delivered as signals.

Long work (Argon2id unlock, store creation, reading a workbook) is a plain core function
taking ``progress`` and ``cancel`` (fieldapp.progress); ``Job`` adapts it to Qt signals so
the window never freezes. ``JobRunner`` keeps every running job alive until it reports and,
like Orange, drops the result of a job superseded by a newer one with the same key, so a
stale result never overwrites a fresh one. Pages show a busy indicator only after
``BUSY_DELAY_MS`` (Anki: a progress window for quick jobs is just flicker).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from fieldapp.errors import Cancelled
from fieldapp.progress import CancelToken

BUSY_DELAY_MS = 600

#: Jobs started by any runner whose end has not yet been delivered to the GUI thread
#: (the test suite fails a test that leaves one behind).
_LIVE: set[Job] = set()


def live_jobs() -> int:
    return len(_LIVE)


class _JobSignals(QObject):
    # Created in the GUI thread, so emissions from the worker are queued to the GUI thread.
    sig_progress = Signal(int, int, str)
    sig_done = Signal(object)
    sig_failed = Signal(object)
    sig_cancelled = Signal()
    sig_ended = Signal()


class Job(QRunnable):
    """One call of ``fn`` in a worker thread.

    With ``progress=True`` the function is called as ``fn(progress=..., cancel=...)``;
    otherwise with no arguments (bind them with a lambda or functools.partial).
    """

    def __init__(self, fn: Callable[..., Any], progress: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner owns the Python object until it has reported
        self._fn = fn
        self._wants_progress = progress
        self.cancel_token = CancelToken()
        self.signals = _JobSignals()

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self.signals.sig_progress.emit(int(done), int(total), message)

    def run(self) -> None:  # worker thread
        try:
            if self._wants_progress:
                result = self._fn(progress=self._progress, cancel=self.cancel_token)
            else:
                result = self._fn()
        except Cancelled:
            self.signals.sig_cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which decides
            self.signals.sig_failed.emit(exc)
        else:
            if self.cancel_token.cancelled:
                self.signals.sig_cancelled.emit()
            else:
                self.signals.sig_done.emit(result)
        finally:
            self.signals.sig_ended.emit()


class JobRunner(QObject):
    """Starts jobs on the global thread pool and keeps them referenced until they end."""

    sig_busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: dict[int, Job] = {}
        self._latest: dict[str, int] = {}
        self._ids = itertools.count(1)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def start(
        self,
        job: Job,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        key: str | None = None,
    ) -> Job:
        """Run ``job``; with ``key``, an earlier job of that key is cancelled and ignored."""
        job_id = next(self._ids)
        if key is not None:
            previous = self._latest.get(key)
            if previous in self._running:
                self._running[previous].cancel()
            self._latest[key] = job_id

        def current() -> bool:
            return key is None or self._latest.get(key) == job_id

        if on_done is not None:
            job.signals.sig_done.connect(lambda result: current() and on_done(result))
        if on_failed is not None:
            job.signals.sig_failed.connect(lambda exc: current() and on_failed(exc))
        if on_cancelled is not None:
            job.signals.sig_cancelled.connect(lambda: current() and on_cancelled())
        job.signals.sig_ended.connect(lambda: self._on_job_ended(job_id))
        was_busy = self.busy
        self._running[job_id] = job
        _LIVE.add(job)
        if not was_busy:
            self.sig_busy_changed.emit(True)
        self._pool.start(job)
        return job

    def cancel_all(self) -> None:
        for job in self._running.values():
            job.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job of the pool ended (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    def _on_job_ended(self, job_id: int) -> None:
        _LIVE.discard(self._running.pop(job_id, None))
        if not self._running:
            self.sig_busy_changed.emit(False)


class BusyDelay(QObject):
    """Calls ``show(True)`` only once work has lasted ``BUSY_DELAY_MS``; ``show(False)`` at the end."""

    def __init__(self, show: Callable[[bool], None], parent: QObject | None = None,
                 delay_ms: int = BUSY_DELAY_MS) -> None:
        super().__init__(parent)
        self._show = show
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(lambda: self._show(True))

    def begin(self) -> None:
        self._timer.start()

    def end(self) -> None:
        self._timer.stop()
        self._show(False)
