"""Value conversions of the expression language: XPath 1.0 rules plus ODK's dates.

Values are plain Python objects: ``str``, ``int``/``float`` (XPath numbers; integral results
are returned as ``int`` so a calculate showing ``4`` does not read ``4.0``), ``bool``,
``datetime.date`` and ``datetime.datetime``. Unanswered is ``''``.

Dates: the engine hands date and dateTime answers to expressions as ``datetime`` values, as
JavaRosa hands its DateData, so ``${dob} < today()`` compares days since 1970-01-01. A
*string* shaped like a date is a string, as in JavaRosa: ``number('2018-01-01')`` is NaN, so
``${dob} < '2018-01-01'`` is false and ``${dob} = '2018-01-01'`` compares the date's ISO text
(docs/forms.md, "Expressions"). Numbers follow JavaRosa's ``toNumeric``: a comma is read as a
decimal point, and only digits, '-' and '.' are allowed around it.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal

EPOCH = _dt.date(1970, 1, 1)
_EPOCH_DT = _dt.datetime(1970, 1, 1)

#: JavaRosa toNumeric: after trimming, only digits, '-' and '.' (then Double.parseDouble).
_NUMBER_RE = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_NUMBER_CHARS = frozenset("0123456789-.")
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATETIME_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?"
)

NAN = float("nan")


def normalize_number(x: float | int) -> float | int:
    """An integral finite result as ``int``; everything else unchanged."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, int):
        return x
    if math.isfinite(x) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def parse_date(text: str) -> _dt.date | None:
    """``'YYYY-MM-DD'`` (surrounding blanks allowed) as a date; None if not exactly that."""
    m = _DATE_RE.fullmatch(text.strip())
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_datetime(text: str) -> _dt.datetime | None:
    """An ISO date-time as a naive datetime (an offset, if any, is applied to give UTC)."""
    m = _DATETIME_RE.fullmatch(text.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, frac, tz = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        value = _dt.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), micro)
    except ValueError:
        return None
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        value -= sign * _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value


def to_date(value: object) -> _dt.date | _dt.datetime | None:
    """A date (or date-time) for date functions; None when ``value`` is not one."""
    if isinstance(value, _dt.datetime | _dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return None
        try:
            return EPOCH + _dt.timedelta(days=math.floor(value))
        except OverflowError:
            return None
    if isinstance(value, str):
        return parse_date(value) or parse_datetime(value)
    return None


def _days(value: _dt.date | _dt.datetime) -> float | int:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        return normalize_number((value - _EPOCH_DT).total_seconds() / 86400.0)
    return (value - EPOCH).days


def to_number(value: object) -> float | int:
    """XPath ``number()``: NaN for '' and for text that is not a plain decimal number."""
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, int | float):
        return value
    if isinstance(value, _dt.date | _dt.datetime):
        return _days(value)
    if value is None:
        return NAN
    literal = str(value).replace(",", ".").strip()
    if not literal or not set(literal) <= _NUMBER_CHARS or not _NUMBER_RE.fullmatch(literal):
        return NAN
    if "." in literal:
        return float(literal)
    number = int(literal)
    # '-0' is the IEEE negative zero in XPath; keep it a float so the sign survives.
    return -0.0 if literal.startswith("-") and number == 0 else number


def to_bool(value: object) -> bool:
    """XPath ``boolean()``: numbers are true unless 0 (JavaRosa: |x| <= 1e-12) or NaN;
    strings unless empty."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return abs(value) > 1e-12 and not math.isnan(value)
    if value is None:
        return False
    if isinstance(value, _dt.date | _dt.datetime):
        return True
    return str(value) != ""


def number_to_string(x: float | int) -> str:
    """JavaRosa's number formatting (``XPathFuncExpr.toString``): 'NaN', '[-]Infinity', '0'
    below 1e-12, an integer within Java's int range without '.0', else Java's
    ``Double.toString`` (``0.5``, ``1.0E10``, ``1.0E-5``)."""
    if isinstance(x, bool):
        x = int(x)
    if isinstance(x, int) and -(2**31) <= x < 2**31:
        return str(x)
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if abs(x) < 1e-12:
        return "0"
    clamped = max(-(2**31), min(2**31 - 1, math.trunc(x)))
    if abs(x - clamped) < 1e-12:
        return str(clamped)
    return java_double(x)


def java_double(x: float) -> str:
    """Java's ``Double.toString``: plain between 1e-3 and 1e7, else ``d.dddE[-]n``."""
    if 1e-3 <= abs(x) < 1e7:
        text = format(Decimal(repr(x)), "f")
        return text if "." in text else text + ".0"
    t = Decimal(repr(abs(x))).normalize().as_tuple()
    digits = "".join(map(str, t.digits))
    exponent = len(digits) - 1 + int(t.exponent)
    sign = "-" if x < 0 else ""
    return f"{sign}{digits[0]}.{digits[1:] or '0'}E{exponent}"


def to_string(value: object) -> str:
    """XPath ``string()``; dates as ISO 8601."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_to_string(value)
    if value is None:
        return ""
    if isinstance(value, _dt.datetime | _dt.date):
        # JavaRosa: DateUtils.formatDate(d, ISO8601), the date only, for dates and date-times
        return value.isoformat()[:10]
    return str(value)


def equals(a: object, b: object) -> bool:
    """JavaRosa's ``=`` (XPathEqExpr): booleans, then numbers (|a - b| < 1e-12), else the
    two values' text (so a date equals its ISO text)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return to_bool(a) == to_bool(b)
    numeric = (int, float)
    if isinstance(a, numeric) or isinstance(b, numeric):
        x, y = to_number(a), to_number(b)
        if x == y:
            return True
        return abs(x - y) < 1e-12 if math.isfinite(x) and math.isfinite(y) else False
    return to_string(a) == to_string(b)


def compare(op: str, a: object, b: object) -> bool:
    """XPath 1.0 relational operators: both sides as numbers (so '' is NaN: always false)."""
    x, y = to_number(a), to_number(b)
    if math.isnan(x) or math.isnan(y):
        return False
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    return x >= y
