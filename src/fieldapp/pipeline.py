"""Stages of a stream on threads of their own, with bounded hand-overs between them (issue #16).

A media bundle's bytes pass through SQLCipher (every page decrypted or encrypted and checked
with its HMAC), through ChaCha20-Poly1305 twice (the chunks' own seals, age's STREAM), two
hashes and the files; each of those steps releases Python's GIL, so they run on both cores:
export reads the next chunks ahead (``read_ahead``) and hands each buffer of ciphertext to the
files' threads (``FanOut``), import reads and opens ahead and writes the chunks behind
(``WriteBehind``). Memory stays at ``depth`` items or the pool's buffers (decisions 0024, 0027).

All keep the order of the items and hand a failure of another thread to the caller at its
next step, as if it had happened there; none leaves a thread running after it is done.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
#: Items in flight between the threads (media chunks: 256 KiB each).
DEPTH = 8
_END = object()


def batched(items: Iterable[T], n: int) -> Iterator[list[T]]:
    """``items`` in lists of ``n`` (the last shorter): a hand-over between threads per list,
    not per item, where items are many and small (each costs a lock and often a GIL switch)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


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


class FanOut:
    """Buffers handed to several lanes, each a worker thread calling its function on every
    buffer in order (the stick's file and its hash on one, the outbox copy on another): a
    buffer comes back to the pool (``take``) once every lane is done with it, so memory stays
    at the pool's buffers. A lane's first failure is raised by the next ``take``/``put`` or by
    ``close``; end with ``close()`` (every buffer through every lane) or ``abort()``."""

    def __init__(self, lanes: list[Callable[[memoryview], Any]], buffers: list[Any]) -> None:
        self._free: queue.Queue = queue.Queue()
        for b in buffers:
            self._free.put(b)
        self._lock = threading.Lock()
        self._pending: dict[int, int] = {}
        self._error: BaseException | None = None
        self._dropping = False
        self._queues = [queue.Queue() for _ in lanes]
        self._workers = [threading.Thread(target=self._run, args=(fn, q), name="fieldapp-fan-out", daemon=True)
                         for fn, q in zip(lanes, self._queues, strict=True)]
        for w in self._workers:
            w.start()

    def _run(self, fn: Callable[[memoryview], Any], calls: queue.Queue) -> None:
        while True:
            item = calls.get()
            if item is _END:
                return
            buf, length = item
            try:
                if self._error is None and not self._dropping:
                    fn(memoryview(buf)[:length])
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                with self._lock:
                    if self._error is None:
                        self._error = exc
            finally:
                with self._lock:
                    self._pending[id(buf)] -= 1
                    done = not self._pending[id(buf)]
                if done:
                    self._free.put(buf)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def take(self) -> Any:
        """A free buffer (waits for the lanes to give one back)."""
        self._raise()
        buf = self._free.get()
        self._raise()
        return buf

    def put(self, buf: Any, length: int) -> None:
        """``buf[:length]`` to every lane; the buffer is theirs until it comes back."""
        self._raise()
        with self._lock:
            self._pending[id(buf)] = len(self._queues)
        for q in self._queues:
            q.put((buf, length))

    def close(self) -> None:
        self._finish()
        self._raise()

    def abort(self) -> None:
        self._dropping = True
        self._finish()

    def _finish(self) -> None:
        for q in self._queues:
            q.put(_END)
        for w in self._workers:
            w.join()
