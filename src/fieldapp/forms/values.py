"""What counts as an answer to each question type, and its stored form (docs/forms.md).

``coerce(question, raw, choice_names)`` turns what an interviewer typed (or a paper-import
cell, or a form's ``default``) into the stored value, or raises ``ValueError``. Stored
values are JSON-friendly: ``int``/``float`` for numbers, ISO text for dates and times
(``YYYY-MM-DD``, ``HH:MM:SS``, ``YYYY-MM-DDTHH:MM:SS``), space-separated choice names for
select_multiple and rank, and text otherwise. The engine, the reader's check of defaults and
paper import all use this one function, so they can never disagree.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from fieldapp.forms.model import Question

_TIME_RE = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9])(?:\.[0-9]+)?)?"
                      r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?")
_LATLON = (90.0, 180.0)


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, float):
        if not raw.is_integer():
            raise ValueError
        return int(raw)
    return int(str(raw), 10)


def _decimal(raw: Any) -> float:
    try:
        value = float(raw)
    except OverflowError:  # a huge integer: not a decimal anyone keyed in
        raise ValueError from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError
    return value


def _date(raw: Any) -> str:
    if isinstance(raw, _dt.datetime):
        raw = raw.date()
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    return _dt.date.fromisoformat(str(raw)[:10]).isoformat()


def _time(raw: Any) -> str:
    if isinstance(raw, _dt.datetime):
        raw = raw.time()
    if isinstance(raw, _dt.time):
        return raw.replace(microsecond=0, tzinfo=None).isoformat()
    m = _TIME_RE.fullmatch(str(raw).strip())
    if not m:
        raise ValueError
    return f"{int(m.group(1)):02d}:{m.group(2)}:{m.group(3) or '00'}"


def _datetime(raw: Any) -> str:
    if isinstance(raw, _dt.datetime):
        return raw.replace(microsecond=0, tzinfo=None).isoformat()
    if isinstance(raw, _dt.date):
        return _dt.datetime(raw.year, raw.month, raw.day).isoformat()
    text = str(raw).strip().replace(" ", "T", 1)
    day, sep, clock = text.partition("T")
    date = _dt.date.fromisoformat(day)
    if sep and not clock:
        raise ValueError  # "2017-03-01T": a date whose time is missing (the GUI sends it so)
    if not clock:
        return f"{date.isoformat()}T00:00:00"
    return f"{date.isoformat()}T{_time(clock)}"


def _range(question: Question, raw: Any) -> int | float:
    """A range answer: a number from start to end (inclusive) on the step grid."""
    params = question.parameters
    number = _decimal(raw)
    try:
        start = Decimal(params.get("start", "0"))
        end = Decimal(params.get("end", "10"))
        step = Decimal(params.get("step", "1"))
        value = Decimal(repr(number))
    except InvalidOperation:
        raise ValueError from None
    low, high = min(start, end), max(start, end)
    if not low <= value <= high or (step and (value - start) % step != 0):
        raise ValueError
    return int(value) if value == value.to_integral_value() else float(value)


def _location(question: Question, raw: Any) -> str:
    """Typed coordinates: ``lat lon [alt [acc]]`` points, ``;``-separated for traces/shapes."""
    points = [p.strip() for p in str(raw).split(";") if p.strip()]
    if not points or (question.type == "geopoint" and len(points) != 1):
        raise ValueError
    out = []
    for point in points:
        parts = point.split()
        if not 2 <= len(parts) <= 4:
            raise ValueError
        numbers = [float(x) for x in parts]
        if any(math.isnan(n) or math.isinf(n) for n in numbers):
            raise ValueError
        if abs(numbers[0]) > _LATLON[0] or abs(numbers[1]) > _LATLON[1]:
            raise ValueError
        out.append(" ".join(parts))
    if question.type == "geoshape" and (len(out) < 4 or out[0] != out[-1]):
        raise ValueError  # ODK: a shape is closed (first point repeated last), 3+ corners
    if question.type == "geotrace" and len(out) < 2:
        raise ValueError
    return ";".join(out)


def coerce(question: Question, raw: Any, choice_names: Sequence[str] = ()) -> Any:
    """The stored value of ``raw`` for ``question``; None for blank; ValueError if invalid."""
    if raw is None:
        return None
    t = question.type
    if isinstance(raw, str):
        raw = raw.strip() if t not in ("text", "barcode") else raw
        if raw == "":
            return None
    if t == "integer":
        return _integer(raw)
    if t == "decimal":
        return _decimal(raw)
    if t == "range":
        return _range(question, raw)
    if t == "date":
        return _date(raw)
    if t == "time":
        return _time(raw)
    if t == "dateTime":
        return _datetime(raw)
    if t == "select_one":
        name = str(raw).strip()
        if name not in choice_names:
            raise ValueError
        return name
    if t in ("select_multiple", "rank"):
        names = raw.split() if isinstance(raw, str) else [str(x) for x in raw]
        if any(n not in choice_names for n in names) or len(set(names)) != len(names) and t == "rank":
            raise ValueError
        if t == "rank":
            return " ".join(names) or None  # a ranking keeps the interviewer's order
        chosen = set(names)
        ordered = [n for n in choice_names if n in chosen]  # form order, no duplicates
        return " ".join(ordered) or None
    if t == "acknowledge":
        if str(raw).strip().upper() not in ("OK", "TRUE", "1", "YES"):
            raise ValueError
        return "OK"
    if question.typed_location:
        return _location(question, raw)
    if question.is_media:
        return _media_reference(raw)
    return str(raw)


_MEDIA_REFERENCE = re.compile(r"[0-9a-f]{32}(\.[a-z0-9]{1,8})?")


def _media_reference(raw: Any) -> str:
    """A media answer's value names a media in the store (``fieldapp.store.media``): 32 hex
    digits and an extension, nothing a person typed."""
    if not isinstance(raw, str) or not _MEDIA_REFERENCE.fullmatch(raw):
        raise ValueError
    return raw
