"""fieldapp.pipeline: the two-thread stages of the media streams keep order, hand failures
over where they belong and leave no thread behind (issue #16)."""

from __future__ import annotations

import threading
import time

import pytest

from fieldapp.pipeline import WriteBehind, read_ahead


def _threads() -> set[str]:
    return {t.name for t in threading.enumerate() if t.name.startswith("fieldapp-")}


def test_read_ahead_yields_every_item_in_order_from_another_thread():
    producers = set()

    def make():
        for n in range(100):
            producers.add(threading.current_thread().name)
            yield n

    assert list(read_ahead(make, depth=3)) == list(range(100))
    assert producers == {"fieldapp-read-ahead"}
    assert _threads() == set()


def test_read_ahead_raises_the_producers_error_after_the_items_before_it():
    def make():
        yield 1
        yield 2
        raise ValueError("chunk 3 is damaged")

    got = []
    with pytest.raises(ValueError, match="chunk 3 is damaged"):
        for item in read_ahead(make):
            got.append(item)
    assert got == [1, 2]
    assert _threads() == set()


def test_closing_read_ahead_early_stops_the_producer_within_its_depth():
    made = []

    def make():
        for n in range(10_000):
            made.append(n)
            yield n

    items = read_ahead(make, depth=4)
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()
    assert _threads() == set()
    assert len(made) <= 3 + 4 + 1  # what was taken, what the queue holds, the one waiting


def test_write_behind_calls_in_order_on_one_other_thread():
    calls, where = [], set()

    def fn(a, b):
        where.add(threading.current_thread().name)
        time.sleep(0.001)
        calls.append((a, b))

    w = WriteBehind(fn, depth=2)
    for n in range(50):
        w.put(n, str(n))
    w.close()
    assert calls == [(n, str(n)) for n in range(50)]
    assert where == {"fieldapp-write-behind"}
    assert _threads() == set()


def test_write_behind_hands_the_first_failure_to_the_caller_and_drops_the_rest():
    calls = []

    def fn(n):
        calls.append(n)
        if n == 3:
            raise OSError("disk full")

    w = WriteBehind(fn, depth=2)
    with pytest.raises(OSError, match="disk full"):
        for n in range(1000):
            w.put(n)
    with pytest.raises(OSError, match="disk full"):
        w.close()
    assert calls == [0, 1, 2, 3]
    assert _threads() == set()


def test_write_behind_abort_drops_what_is_pending():
    started, release, calls = threading.Event(), threading.Event(), []

    def fn(n):
        calls.append(n)
        started.set()
        release.wait(5)

    w = WriteBehind(fn, depth=4)
    for n in range(4):
        w.put(n)
    started.wait(5)  # the worker is inside the first call, three wait behind it
    aborting = threading.Thread(target=w.abort)
    aborting.start()
    deadline = time.monotonic() + 5
    while not w._dropping and time.monotonic() < deadline:  # abort has begun
        time.sleep(0.001)
    release.set()
    aborting.join(5)
    assert calls == [0]
    assert _threads() == set()


def test_fan_out_gives_every_lane_every_buffer_in_order_and_reuses_the_pool():
    from fieldapp.pipeline import FanOut

    seen: dict[str, list[bytes]] = {"a": [], "b": []}
    pool = [bytearray(8) for _ in range(2)]
    fan = FanOut([lambda v: seen["a"].append(bytes(v)), lambda v: (time.sleep(0.001), seen["b"].append(bytes(v)))],
                 pool)
    for n in range(40):
        buf = fan.take()
        assert any(buf is p for p in pool)  # only the pool's buffers, each back once both lanes are done
        buf[:] = n.to_bytes(8, "big")
        fan.put(buf, 3 + n % 5)
    fan.close()
    want = [n.to_bytes(8, "big")[:3 + n % 5] for n in range(40)]
    assert seen == {"a": want, "b": want}
    assert _threads() == set()


def test_fan_out_hands_a_lanes_failure_to_the_caller_and_stops_every_lane():
    from fieldapp.pipeline import FanOut

    calls = []

    def full(view):
        calls.append(len(calls))
        if len(calls) == 3:
            raise OSError("No space left on device")

    fan = FanOut([full, lambda v: None], [bytearray(4) for _ in range(3)])
    with pytest.raises(OSError, match="No space"):
        for _ in range(1000):
            fan.put(fan.take(), 4)
    fan.abort()
    assert calls == [0, 1, 2]  # nothing after the failure
    assert _threads() == set()
