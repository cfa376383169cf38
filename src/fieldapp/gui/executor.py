"""The one serial executor that owns every store operation of the window (Anki's collection executor).

Every page asks ``StoreExecutor.submit(fn, ...)`` to run ``fn(store, ...)`` (a ``fieldapp.ops``
call) on a single worker thread, one job after another: two jobs never use the store at once,
and the UI thread never waits for the store except for autosave, which stays synchronous in the
interview page (one small transaction, under its 10 ms budget).

Locking (``close``) never blocks the UI: it bumps the generation (so no result of an earlier
job reaches a page), cancels every job's token, interrupts the statement SQLite is running, and
queues the closing of the store behind the job still running, so the keys are dropped as soon
as that job has unwound (a merge rolls back: its bundle is merged completely or not at all).
``sig_closed`` says when the store is really closed.

After a job that changes the store, ``sig_store_changed(what)`` tells every page what changed
(``interviews``, ``forms``, ``outbox``, ``devices``, ``keys``, ``store``); pages refresh what
shows it instead of listening to each other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fieldapp.gui.jobs import Job, JobRunner
from fieldapp.gui.session import Session

# What a job changed (the argument of sig_store_changed).
INTERVIEWS, FORMS, OUTBOX, DEVICES, KEYS, STORE = "interviews", "forms", "outbox", "devices", "keys", "store"


class _Close(QRunnable):
    """Closes a store on the executor thread, after whatever job was running there."""

    def __init__(self, store, done: Callable[[], None]) -> None:
        super().__init__()
        self._store = store
        self._done = done

    def run(self) -> None:  # worker thread
        try:
            self._store.close()
        finally:
            self._done()


class _Signals(QObject):
    sig_closed = Signal()


class StoreExecutor(QObject):
    """Runs store operations one at a time, off the UI thread; see the module docstring."""

    sig_busy_changed = Signal(bool)
    sig_store_changed = Signal(str)
    #: The store was closed (keys dropped) after ``close()``.
    sig_closed = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # serial: one store operation at a time
        self._pool.setExpiryTimeout(-1)
        self._runner = JobRunner(self, pool=self._pool)
        self._runner.sig_busy_changed.connect(self.sig_busy_changed)
        self._generation = 0
        self._closing = 0
        self._close_signals = _Signals()  # created here: emissions from the worker are queued
        self._close_signals.sig_closed.connect(self._on_store_closed)

    # -- running ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._runner.busy

    @property
    def closing(self) -> bool:
        return self._closing > 0

    def submit(
        self,
        fn: Callable[..., Any],
        *,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[Exception], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        key: str | None = None,
        changes: str | None = None,
        needs_store: bool = True,
    ) -> Job:
        """Run ``fn(store)`` (or ``fn(store, progress=, cancel=)`` with ``on_progress``) serially.

        ``key``: a newer job of the same key cancels this one and its result is dropped.
        ``changes``: what a successful run changed (announced by ``sig_store_changed``).
        ``needs_store=False``: ``fn()`` takes no store (opening or creating one).
        Results reach the callbacks only if the store was not locked in the meantime.
        """
        store = self.session.store if needs_store else None
        generation = self._generation
        wants_progress = on_progress is not None

        def call(**kwargs: Any) -> Any:
            return fn(store, **kwargs) if needs_store else fn(**kwargs)

        job = Job(call, progress=wants_progress)

        def current() -> bool:
            return generation == self._generation

        def done(result: Any) -> None:
            if not current():
                return
            if changes:
                self.sig_store_changed.emit(changes)
            if on_done is not None:
                on_done(result)

        if on_progress is not None:
            job.signals.sig_progress.connect(lambda d, t, m: current() and on_progress(d, t, m))
        self._runner.start(
            job, on_done=done,
            on_failed=(lambda exc: current() and on_failed(exc)) if on_failed else self._unhandled(current),
            on_cancelled=(lambda: current() and on_cancelled()) if on_cancelled else None,
            key=key)
        return job

    def _unhandled(self, current: Callable[[], bool]) -> Callable[[Exception], None]:
        def report(exc: Exception) -> None:
            if current():
                from fieldapp.gui.errors import report_unexpected

                report_unexpected(exc)
        return report

    def drop_results(self) -> None:
        """Deliver no result of a job submitted before now (the pages that asked are being
        replaced: a new interface language). The jobs still run to their end."""
        self._generation += 1

    def notify(self, what: str) -> None:
        """Announce a change made outside a job (autosave of the interview page does not)."""
        self.sig_store_changed.emit(what)

    # -- locking ----------------------------------------------------------------------------
    def close(self) -> None:
        """Forget every running job, interrupt the store and close it behind them (never blocks)."""
        self._generation += 1
        self._runner.cancel_all()
        store = self.session.detach()
        if store is None:
            return
        with contextlib.suppress(Exception):
            store.interrupt()
        self._closing += 1
        self._pool.start(_Close(store, self._close_signals.sig_closed.emit))

    def _on_store_closed(self) -> None:
        self._closing = max(0, self._closing - 1)
        self.sig_closed.emit()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job and pending close ended (shutdown and tests only)."""
        return self._pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30000) -> None:
        self.close()
        self.wait(msecs)
