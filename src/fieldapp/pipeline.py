"""Two stages of a stream on two threads, with a bounded queue between them (issue #16).

A media bundle's bytes pass through SQLCipher (every page decrypted or encrypted and checked
with HMAC-SHA512, the larger part of the work) and through age. SQLite runs each statement
with Python's GIL released, so the store's half can run on a second core while age and the
hashing run on the first: export reads the next chunks ahead (``read_ahead``), import writes
the chunks already decrypted behind (``WriteBehind``). Memory stays at ``depth`` items.

Both keep the order of the items and hand a failure of the other thread to the caller at its
next step, as if it had happened there; neither leaves a thread running after it is done.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
#: Items in flight between the threads (media chunks: 256 KiB each).
DEPTH = 8
_END = object()


def read_ahead(make: Callable[[], Iterator[T]], depth: int = DEPTH) -> Iterator[T]:
    """The items of ``make()``, produced on a worker thread up to ``depth`` ahead of the
    caller. An exception the producer raises is raised here, at the item it would have
    been; closing this generator early stops the producer (at its next item) and waits."""
    items: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                items.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def run() -> None:
        try:
            for item in make():
                if not put((item, None)):
                    return
            put((_END, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer
            put((_END, exc))

    worker = threading.Thread(target=run, name="fieldapp-read-ahead", daemon=True)
    worker.start()
    try:
        while True:
            item, exc = items.get()
            if item is _END:
                if exc is not None:
                    raise exc
                return
            yield item
    finally:
        stop.set()
        worker.join()


class WriteBehind:
    """Calls ``fn(*args)`` for every ``put(*args)`` on one worker thread, in order, at most
    ``depth`` calls pending. The first exception ``fn`` raises is raised by the next ``put``
    or by ``close``, and the calls still pending are dropped. Always end with ``close()``
    (wait for every call) or ``abort()`` (drop what is pending, wait for the running one):
    only then may the caller touch what ``fn`` touches (a transaction's connection)."""

    def __init__(self, fn: Callable[..., None], depth: int = DEPTH) -> None:
        self._fn = fn
        self._calls: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._dropping = False
        self._worker = threading.Thread(target=self._run, name="fieldapp-write-behind", daemon=True)
        self._worker.start()

    def _run(self) -> None:
        while True:
            args = self._calls.get()
            if args is _END:
                return
            if self._error is not None or self._dropping:
                continue  # keep draining, so a blocked put() goes on and sees the error
            try:
                self._fn(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                self._error = exc

    def put(self, *args: Any) -> None:
        if self._error is not None:
            raise self._error
        self._calls.put(args)

    def close(self) -> None:
        """Wait for every pending call; raise the first failure."""
        self._finish()
        if self._error is not None:
            raise self._error

    def abort(self) -> None:
        """Drop the pending calls and wait for the running one (its failure is ignored)."""
        self._dropping = True
        self._finish()

    def _finish(self) -> None:
        if self._worker.is_alive():
            self._calls.put(_END)
            self._worker.join()


class BatchWriter:
    """A sink (``write``, ``flush``) for age's stream whose writes run on a worker thread:
    ``write(data)`` of every piece, in order, handed over in batches of about ``batch`` bytes
    (age writes 64 KiB at a time; a hand-over per piece would cost more than it saves). pyrage
    holds the GIL while it encrypts or decrypts, so what the pieces go through next (hashing,
    the files, the bundle's media checks: mostly with the GIL released) overlaps with it on
    the second core (decision 0024). Failures come back as ``WriteBehind``'s do; end with
    ``close()`` or ``abort()``."""

    def __init__(self, write: Callable[[bytes], Any], batch: int = 1 << 20, depth: int = DEPTH) -> None:
        self._write = write
        self._batch = batch
        self._pieces: list[bytes] = []
        self._size = 0
        self._behind = WriteBehind(self._run, depth)

    def _run(self, pieces: list[bytes]) -> None:
        for piece in pieces:
            self._write(piece)

    def write(self, data) -> int:
        n = len(data)
        self._pieces.append(bytes(data))  # no copy of a bytes object; pyrage's own buffer is copied
        self._size += n
        if self._size >= self._batch:
            self._hand_over()
        return n

    def _hand_over(self) -> None:
        pieces, self._pieces, self._size = self._pieces, [], 0
        if pieces:
            self._behind.put(pieces)

    def flush(self) -> None:
        self._hand_over()

    def close(self) -> None:
        """Every piece written; the first failure raised."""
        self._hand_over()
        self._behind.close()

    def abort(self) -> None:
        self._pieces, self._size = [], 0
        self._behind.abort()
