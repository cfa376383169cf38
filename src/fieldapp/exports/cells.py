"""Making answer text safe in spreadsheets: formula-injection neutralisation (SECURITY.md).

A text cell starting with ``= + - @`` or a tab / carriage return is shown by Excel and
LibreOffice as a formula (or DDE call) when the file is opened; OWASP's advice is to prefix
it with a single quote so it is read as text. Plain numbers such as ``-5`` are left alone:
they cannot run anything, and a calculate's computed ``-5`` must stay a number.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value
