"""Idle detection for auto-lock: an application-wide event filter watching keyboard and mouse.

Every key, click, wheel or mouse move anywhere in the app counts as activity. Rather than
restarting a QTimer on each mouse move (hundreds a second), the filter only notes the time;
one single-shot timer wakes at the deadline, re-checks, and re-arms for the remainder.
Time is read from CLOCK_BOOTTIME where the OS has it, so a laptop that slept with its lid
closed is locked as soon as it wakes instead of counting only the minutes it was awake.

A suspend also locks by itself, before any input (issue #17): a repeating check compares
CLOCK_BOOTTIME (which counts the sleep) with the monotonic clock (which does not, like Qt's
timers); a gap between them means the machine slept, and the store is locked at once. The
first input after a sleep longer than the limit is swallowed, never delivered to a page.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress,
})


#: How often the sleep check runs, and how much sleep it takes to lock (clock jitter is far less).
WAKE_CHECK_MS = 2000
SLEPT_SECONDS = 10.0


def _mono() -> float:
    return time.monotonic()


def _now() -> float:
    clock = getattr(time, "CLOCK_BOOTTIME", None)
    if clock is not None:
        try:
            return time.clock_gettime(clock)
        except OSError:
            pass
    return time.monotonic()


class IdleWatcher(QObject):
    """Emits ``sig_idle`` once after ``interval_ms`` without user activity while running."""

    sig_idle = Signal()

    def __init__(self, app: QCoreApplication, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._interval = max(1, int(interval_ms))
        self._last = _now()
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._wake = QTimer(self)
        self._wake.setInterval(WAKE_CHECK_MS)
        self._wake.timeout.connect(self._on_wake_timeout)
        self._clocks = (_now(), _mono())
        app.installEventFilter(self)

    @property
    def running(self) -> bool:
        return self._running

    @property
    def interval_ms(self) -> int:
        return self._interval

    def set_interval_ms(self, interval_ms: int) -> None:
        self._interval = max(1, int(interval_ms))
        if self._running:
            self._arm(self._interval)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(int(minutes) * 60_000)

    def start(self) -> None:
        self._running = True
        self._last = _now()
        self._clocks = (self._last, _mono())
        self._arm(self._interval)
        self._wake.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._wake.stop()

    def shutdown(self) -> None:
        self.stop()
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if self._running and event.type() in ACTIVITY_EVENTS:
            now = _now()
            if (now - self._last) * 1000 >= self._interval or self._slept():
                # Activity after a sleep: lock before anything else, and the input is not
                # delivered (a key typed at the wake-up must not land in an answer).
                self._fire()
                return True
            else:
                self._last = now
        return False

    def _slept(self) -> bool:
        """True once the machine slept since the last check (the boot clock ran ahead)."""
        boot, mono = _now(), _mono()
        slept = (boot - self._clocks[0]) - (mono - self._clocks[1]) >= SLEPT_SECONDS
        self._clocks = (boot, mono)
        return slept

    def _on_wake_timeout(self) -> None:
        if self._running and self._slept():
            self._fire()

    def _arm(self, msecs: float) -> None:
        self._timer.start(max(1, int(msecs)))

    def _on_timer_timeout(self) -> None:
        if not self._running:
            return
        elapsed_ms = (_now() - self._last) * 1000
        if elapsed_ms >= self._interval:
            self._fire()
        else:
            self._arm(self._interval - elapsed_ms)

    def _fire(self) -> None:
        self.stop()
        self.sig_idle.emit()
