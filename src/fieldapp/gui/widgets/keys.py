"""Typing an option's number to choose it (CSPro's habit): one digit, or two typed quickly.

With nine options or fewer every digit is a choice on its own. With more, a second digit
typed within ``PAIR_SECONDS`` of the first makes a two-digit number when such an option
exists ("1", "2" -> option 12), otherwise it starts again ("1", "5" of eleven -> option 5).
"""

from __future__ import annotations

import time
from collections.abc import Callable

PAIR_SECONDS = 1.0


class NumberKeys:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._typed = ""
        self._at = 0.0

    def press(self, text: str, count: int) -> int | None:
        """The option number ``text`` (one typed character) chooses among ``count`` options:
        None when it is not a digit, 0 when it is one but names no option."""
        if len(text) != 1 or not text.isdigit() or not text.isascii():
            return None
        now = self._clock()
        pair = self._typed + text if self._typed and now - self._at <= PAIR_SECONDS else ""
        self._at = now
        if pair and 1 <= int(pair) <= count:
            self._typed = ""
            return int(pair)
        self._typed = text
        return int(text) if 1 <= int(text) <= count else 0
