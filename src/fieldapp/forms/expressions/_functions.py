"""The function library: every function of the ODK XForms spec's function table, with
JavaRosa's semantics (getodk/javarosa XPathFuncExpr) as the reference.

Each entry is ``name -> Function(min_args, max_args, impl, check)``. ``impl`` receives the
unevaluated argument nodes, so ``if()`` is lazy and node-set functions (``count()``, ``sum()``,
``join()``, ``randomize()``) can read every node a path or repeat selects. ``check`` runs at
parse time (e.g. a literal regex must compile). What needs the interview (``once()``, the
seeded ``random()``, ``position()``, ``instance()``, ``pulldata()``) asks the context, and
gets a neutral value from a context that cannot answer. Runtime trouble (a malformed date in
an answer) yields '' or NaN rather than an exception: an interview must never crash on a
respondent's answer. Deliberate differences from JavaRosa are listed in docs/forms.md.
"""

from __future__ import annotations

import base64
import datetime as _dt
import functools
import hashlib
import math
import random as _rnd
import re
import uuid as _uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from fieldapp.forms.expressions._ast import Call, EvalContext, Expr, Literal, Path, Ref
from fieldapp.forms.expressions._errors import ExpressionError
from fieldapp.forms.expressions._values import (
    NAN,
    normalize_number,
    to_bool,
    to_date,
    to_number,
    to_string,
)

Impl = Callable[[EvalContext, Sequence[Expr]], object]


@dataclass(frozen=True)
class Function:
    min_args: int
    max_args: int | None
    impl: Impl
    check: Callable[[Sequence[Expr], int], None] | None = None


def _vals(ctx: EvalContext, args: Sequence[Expr]) -> list[object]:
    return [a.evaluate(ctx) for a in args]


def _items(ctx: EvalContext, arg: Expr) -> list[object]:
    """A node-set argument: every node a path selects, every value of ${name} over its
    repeat, else the one value."""
    if isinstance(arg, Path):
        return arg.values(ctx)
    if isinstance(arg, Ref):
        getter = getattr(ctx, "repeat_values", None)
        if getter is not None:
            return list(getter(arg.name))
    if isinstance(arg, Call) and arg.name == "randomize":
        return list(arg.evaluate(ctx))  # type: ignore[arg-type]
    return [arg.evaluate(ctx)]


def _is_nodeset(arg: Expr) -> bool:
    return isinstance(arg, Path | Ref) or (isinstance(arg, Call) and arg.name == "randomize")


def _ask(ctx: EvalContext, method: str, *args, default=None):
    getter = getattr(ctx, method, None)
    return getter(*args) if getter is not None else default


def _tokens(value: object) -> list[str]:
    return to_string(value).split()


# -- booleans -------------------------------------------------------------------------------

def _true(ctx, args):
    return True


def _false(ctx, args):
    return False


def _not(ctx, args):
    return not to_bool(args[0].evaluate(ctx))


def _boolean(ctx, args):
    return to_bool(args[0].evaluate(ctx))


def _boolean_from_string(ctx, args):
    text = to_string(args[0].evaluate(ctx))
    return text.lower() == "true" or text == "1"  # JavaRosa boolStr: no trimming


def _if(ctx, args):
    chosen = args[1] if to_bool(args[0].evaluate(ctx)) else args[2]
    return chosen.evaluate(ctx)


# -- select answers -------------------------------------------------------------------------

def _selected(ctx, args):
    # JavaRosa multiSelected: (" " + answer + " ").contains(" " + choice.trim() + " ")
    haystack, needle = _vals(ctx, args)
    return f" {to_string(needle).strip()} " in f" {to_string(haystack)} "


def _count_selected(ctx, args):
    return len(_tokens(args[0].evaluate(ctx)))


def _selected_at(ctx, args):
    items = _tokens(args[0].evaluate(ctx))
    index = to_number(args[1].evaluate(ctx))
    if math.isnan(index) or math.isinf(index):
        return ""
    i = int(index)
    return items[i] if 0 <= i < len(items) else ""


# -- strings --------------------------------------------------------------------------------

def _string(ctx, args):
    return to_string(args[0].evaluate(ctx) if args else ctx.current())


def _string_length(ctx, args):
    return len(to_string(args[0].evaluate(ctx) if args else ctx.current()))


def _concat(ctx, args):
    return "".join(to_string(v) for a in args for v in _items(ctx, a))


def _join(ctx, args):
    sep = to_string(args[0].evaluate(ctx))
    return sep.join(to_string(v) for a in args[1:] for v in _items(ctx, a))


def _coalesce(ctx, args):
    first = args[0].evaluate(ctx)
    return first if to_string(first) != "" else args[1].evaluate(ctx)


def _contains(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return b in a


def _starts_with(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return a.startswith(b)


def _ends_with(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return a.endswith(b)


def _int_of(value: object, default: int) -> int:
    n = to_number(value)
    if math.isnan(n):
        return 0  # Java's (int) NaN
    if math.isinf(n):
        return 2**31 - 1 if n > 0 else -(2**31)
    return int(n)


def _substr(ctx, args):
    """JavaRosa substring(s, start[, end]): 0-based, end exclusive, negative counts from the
    end, both clamped to the text."""
    values = _vals(ctx, args)
    text = to_string(values[0])
    n = len(text)
    start = _int_of(values[1], 0)
    end = _int_of(values[2], n) if len(values) > 2 else n
    start = n + start if start < 0 else start
    end = n + end if end < 0 else end
    end = min(max(0, end), n)
    start = min(max(0, start), n)
    return text[start:end] if start <= end else ""


def _substring_before(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    i = a.find(b)
    return a[:i] if i >= 0 else ""


def _substring_after(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    i = a.find(b)
    return a[i + len(b) :] if i >= 0 else ""


def _translate(ctx, args):
    text, src, dst = (to_string(v) for v in _vals(ctx, args))
    table: dict[int, int | None] = {}
    for i, ch in enumerate(src):
        if ord(ch) not in table:
            table[ord(ch)] = ord(dst[i]) if i < len(dst) else None
    return text.translate(table)


def _normalize_space(ctx, args):
    return " ".join(to_string(args[0].evaluate(ctx) if args else ctx.current()).split())


@functools.lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _regex(ctx, args):
    text, pattern = (to_string(v) for v in _vals(ctx, args))
    compiled = _compile(pattern)
    # JavaRosa: Pattern.matches(re, s), i.e. the whole text must match.
    return compiled is not None and compiled.fullmatch(text) is not None


def _check_regex(args: Sequence[Expr], pos: int) -> None:
    pattern = args[1]
    if isinstance(pattern, Literal) and isinstance(pattern.value, str):
        try:
            re.compile(pattern.value)
        except re.error as exc:
            raise ExpressionError(f"regex(): the pattern is not a valid regular expression ({exc})", pattern.pos) from None


# -- numbers --------------------------------------------------------------------------------

def _number(ctx, args):
    return to_number(args[0].evaluate(ctx) if args else ctx.current())


def _num1(fn: Callable[[float], float]) -> Impl:
    def impl(ctx, args):
        x = to_number(args[0].evaluate(ctx))
        if math.isnan(x) or math.isinf(x):
            return x
        return normalize_number(fn(x))

    return impl


def _round(ctx, args):
    x = to_number(args[0].evaluate(ctx))
    if math.isnan(x) or math.isinf(x):
        return x
    digits = 0
    if len(args) > 1:
        d = to_number(args[1].evaluate(ctx))
        if math.isnan(d) or math.isinf(d):
            return NAN
        digits = int(d)
    # JavaRosa: half rounds towards +infinity (round(-0.5) = -0, round(-12345.15, 1) =
    # -12345.1), computed on the decimal text of the number so 12345.15 -> 12345.2.
    try:
        scaled = Decimal(repr(float(x))).scaleb(digits) + Decimal("0.5")
        result = float(scaled.to_integral_value(rounding=ROUND_FLOOR).scaleb(-digits))
    except (InvalidOperation, OverflowError):
        return x
    return normalize_number(result)


def _pow(ctx, args):
    a, b = (to_number(v) for v in _vals(ctx, args))
    try:
        return normalize_number(math.pow(a, b))
    except (ValueError, OverflowError):
        return NAN


def _sum(ctx, args):
    total: float | int = 0
    for value in _items(ctx, args[0]):
        total += to_number(value)
    return normalize_number(total)


def _count(ctx, args):
    return len(_items(ctx, args[0]))


def _count_non_empty(ctx, args):
    return sum(1 for v in _items(ctx, args[0]) if to_string(v) != "")


def _math1(fn: Callable[[float], float]) -> Impl:
    def impl(ctx, args):
        x = float(to_number(args[0].evaluate(ctx)))
        try:
            return normalize_number(fn(x))
        except (ValueError, OverflowError):
            if fn is math.log or fn is math.log10:
                return -math.inf if x == 0 else NAN
            if fn is math.exp:
                return math.inf if x > 0 else 0
            return NAN

    return impl


def _exp10(x: float) -> float:
    return math.pow(10.0, x)


def _atan2(ctx, args):
    a, b = (float(to_number(v)) for v in _vals(ctx, args))
    return normalize_number(math.atan2(a, b))


def _pi(ctx, args):
    return math.pi


def _checklist(ctx, args):
    low, high = (_int_of(v, 0) for v in _vals(ctx, args[:2]))
    count = sum(1 for a in args[2:] for v in _items(ctx, a) if to_bool(v))
    return (low < 0 or count >= low) and (high < 0 or count <= high)


def _weighted_checklist(ctx, args):
    low, high = (to_number(v) for v in _vals(ctx, args[:2]))
    rest = args[2:]
    if len(rest) == 2 and _is_nodeset(rest[0]) and _is_nodeset(rest[1]):
        flags, weights = _items(ctx, rest[0]), _items(ctx, rest[1])
    else:
        flags = [a.evaluate(ctx) for a in rest[0::2]]
        weights = [a.evaluate(ctx) for a in rest[1::2]]
    total = sum(to_number(w) for f, w in zip(flags, weights) if to_bool(f))
    return low <= total <= high


def _extreme(pick: Callable[..., float]) -> Impl:
    """JavaRosa max()/min(): values that are not numbers (an unanswered '') are skipped;
    NaN when none is a number."""
    def impl(ctx, args):
        numbers = [n for a in args for v in _items(ctx, a) if not math.isnan(n := to_number(v))]
        if not numbers:
            return NAN
        return normalize_number(pick(numbers))

    return impl


def _check_nodeset(args: Sequence[Expr], pos: int) -> None:
    if not _is_nodeset(args[0]):
        raise ExpressionError("this function takes a question reference like ${name} or a path",
                              args[0].pos)


# -- dates ----------------------------------------------------------------------------------

def _today(ctx, args):
    return ctx.today()


def _now(ctx, args):
    return _dt.datetime.now().replace(microsecond=0)


def _date(ctx, args):
    """JavaRosa toDate(x, false): a number is whole days since 1970; a date value loses its
    time; a text keeps the time it has ('2018-01-01T10:20' stays a date-time)."""
    raw = args[0].evaluate(ctx)
    if isinstance(raw, str) and raw == "":
        return ""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return NAN if math.isnan(raw) else (to_date(math.trunc(raw)) or "")
    value = to_date(raw)
    if isinstance(value, _dt.datetime) and not isinstance(raw, str):
        return value.date()
    return "" if value is None else value


def _date_time(ctx, args):
    raw = args[0].evaluate(ctx)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if math.isnan(raw) or math.isinf(raw):
            return NAN
        try:
            return _dt.datetime(1970, 1, 1) + _dt.timedelta(days=float(raw))
        except OverflowError:
            return NAN
    value = to_date(raw)
    if value is None:
        return "" if to_string(raw) == "" else NAN
    return value


def _decimal_date_time(ctx, args):
    value = to_date(args[0].evaluate(ctx))
    return NAN if value is None else to_number(value)


def _decimal_time(ctx, args):
    """The fraction of a day of a date-time, as JavaRosa's decimal-time (in UTC); also of a
    time answer's ``HH:MM:SS`` text, which JavaRosa, holding times as date-times, never sees."""
    value = args[0].evaluate(ctx)
    when = to_date(value)
    if isinstance(when, _dt.datetime):
        seconds = when.hour * 3600 + when.minute * 60 + when.second + when.microsecond / 1e6
        return normalize_number(seconds / 86400)
    raw = to_string(value).strip()
    m = re.fullmatch(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3}))?)?(Z|[+-][0-9]{2}:?[0-9]{2})?", raw)
    if not m:
        return NAN
    h, mi, sec, ms, tz = m.groups()
    seconds = int(h) * 3600 + int(mi) * 60 + int(sec or 0) + int((ms or "0").ljust(3, "0")) / 1000
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        seconds -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return normalize_number((seconds % 86400) / 86400)


_FORMATS: dict[str, Callable[[_dt.datetime], str]] = {
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
    "m": lambda d: f"{d.month:02d}",
    "n": lambda d: str(d.month),
    "b": lambda d: d.strftime("%b"),
    "d": lambda d: f"{d.day:02d}",
    "e": lambda d: str(d.day),
    "a": lambda d: d.strftime("%a"),
    "H": lambda d: f"{d.hour:02d}",
    "h": lambda d: str(d.hour),
    "M": lambda d: f"{d.minute:02d}",
    "S": lambda d: f"{d.second:02d}",
    "3": lambda d: f"{d.microsecond // 1000:03d}",
}


def _format_date(ctx, args):
    value, fmt = _vals(ctx, args)
    when = to_date(value)
    if when is None:
        return ""
    if not isinstance(when, _dt.datetime):
        when = _dt.datetime(when.year, when.month, when.day)
    fmt = to_string(fmt)
    out: list[str] = []
    i = 0
    while i < len(fmt):
        if fmt[i] == "%" and i + 1 < len(fmt) and fmt[i + 1] in _FORMATS:
            out.append(_FORMATS[fmt[i + 1]](when))
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)


def _once(ctx, args):
    """JavaRosa once(): the question's own value if it has one, else the argument's, so the
    first value computed is kept (the engine stores it like any calculation)."""
    current = _ask(ctx, "own_value", default="")
    if current not in (None, "") and to_string(current) != "":
        return current
    return args[0].evaluate(ctx)


# -- the interview, the device and secondary instances ----------------------------------------

def _current(ctx, args):
    return ctx.current()


def _instance(ctx, args):
    return ""  # only meaningful as the start of a path: instance('x')/root/item


def _position(ctx, args):
    return _ask(ctx, "position", args[0] if args else None, default=1)


def _indexed_repeat(ctx, args):
    value = _ask(ctx, "indexed_repeat", args, default=None)
    if value is not None:
        return value
    # Outside a repeat every path selects one node: index 1 is that node, others are empty.
    indices = [to_number(a.evaluate(ctx)) for a in args[2::2]]
    return args[0].evaluate(ctx) if all(i == 1 for i in indices) else ""


def _choice_name(ctx, args):
    value, ref = _vals(ctx, args)
    return _ask(ctx, "choice_label", to_string(value), to_string(ref), default="") or ""


def _random(ctx, args):
    rng = _ask(ctx, "random_source", default=None)
    return (rng or _rnd.Random()).random()


def _randomize(ctx, args):
    items = _items(ctx, args[0])
    if len(args) > 1:
        seed = to_number(args[1].evaluate(ctx))
        rng = _rnd.Random(0 if math.isnan(seed) else seed)
    else:
        rng = _ask(ctx, "random_source", default=None) or _rnd.Random()
    shuffled = list(items)
    rng.shuffle(shuffled)
    return shuffled


def _uuid(ctx, args):
    if args:
        n = max(0, _int_of(args[0].evaluate(ctx), 0))
        alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
        return "".join(_rnd.SystemRandom().choice(alphabet) for _ in range(n))
    return str(_uuidlib.uuid4())


_DIGESTS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384",
            "SHA-512": "sha512"}


def _digest(ctx, args):
    values = [to_string(v) for v in _vals(ctx, args)]
    algorithm = _DIGESTS.get(values[1].upper())
    if algorithm is None:
        return ""
    raw = hashlib.new(algorithm, values[0].encode("utf-8")).digest()
    encoding = values[2].lower() if len(values) > 2 else "base64"
    return raw.hex() if encoding == "hex" else base64.b64encode(raw).decode("ascii")


def _base64_decode(ctx, args):
    text = to_string(args[0].evaluate(ctx))
    try:
        return base64.b64decode(text, validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


def _pulldata(ctx, args):
    name, column, key_column, key = (to_string(v) for v in _vals(ctx, args))
    for row in _ask(ctx, "instance_rows", f"{name}.csv", default=None) or []:
        if row.get(key_column) == key:
            return row.get(column, "")
    return ""


def _points(ctx, args) -> list[tuple[float, float]]:
    texts = [to_string(v) for a in args for v in _items(ctx, a)]
    points = []
    for text in texts:
        for part in text.split(";"):
            bits = part.split()
            if len(bits) >= 2:
                try:
                    points.append((float(bits[0]), float(bits[1])))
                except ValueError:
                    return []
    return points


_EARTH = 6378100.0  # JavaRosa GeoUtils: the radius it uses, in metres


def _distance(ctx, args):
    pts = _points(ctx, args)
    total = 0.0
    for (la1, lo1), (la2, lo2) in zip(pts, pts[1:]):
        p1, p2 = math.radians(la1), math.radians(la2)
        dp, dl = p2 - p1, math.radians(lo2 - lo1)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * _EARTH * math.asin(min(1.0, math.sqrt(h)))
    return normalize_number(total) if len(pts) > 1 else NAN


def _area(ctx, args):
    pts = _points(ctx, args)
    if len(pts) < 3:
        return 0
    total = 0.0
    for (la1, lo1), (la2, lo2) in zip(pts, pts[1:] + pts[:1]):
        total += math.radians(lo2 - lo1) * (2 + math.sin(math.radians(la1)) + math.sin(math.radians(la2)))
    return normalize_number(abs(total * _EARTH * _EARTH / 2))


def _geofence(ctx, args):
    point = _points(ctx, args[:1])
    shape = _points(ctx, args[1:])
    if not point or len(shape) < 3:
        return False
    y, x = point[0]
    inside = False
    for (y1, x1), (y2, x2) in zip(shape, shape[1:] + shape[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _version(ctx, args):
    return _ask(ctx, "form_version", default="") or ""


def _property(ctx, args):
    return ""  # device properties are never read (SECURITY.md)


def _depend(ctx, args):
    return args[0].evaluate(ctx)


FUNCTIONS: dict[str, Function] = {
    "true": Function(0, 0, _true),
    "false": Function(0, 0, _false),
    "not": Function(1, 1, _not),
    "boolean": Function(1, 1, _boolean),
    "boolean-from-string": Function(1, 1, _boolean_from_string),
    "if": Function(3, 3, _if),
    "selected": Function(2, 2, _selected),
    "is-selected": Function(2, 2, _selected),
    "count-selected": Function(1, 1, _count_selected),
    "selected-at": Function(2, 2, _selected_at),
    "jr:choice-name": Function(2, 2, _choice_name),
    "string": Function(0, 1, _string),
    "string-length": Function(0, 1, _string_length),
    "concat": Function(0, None, _concat),
    "join": Function(1, None, _join),
    "coalesce": Function(2, 2, _coalesce),
    "contains": Function(2, 2, _contains),
    "starts-with": Function(2, 2, _starts_with),
    "ends-with": Function(2, 2, _ends_with),
    "substr": Function(2, 3, _substr),
    "substring-before": Function(2, 2, _substring_before),
    "substring-after": Function(2, 2, _substring_after),
    "translate": Function(3, 3, _translate),
    "normalize-space": Function(0, 1, _normalize_space),
    "regex": Function(2, 2, _regex, _check_regex),
    "base64-decode": Function(1, 1, _base64_decode),
    "digest": Function(2, 3, _digest),
    "uuid": Function(0, 1, _uuid),
    "number": Function(0, 1, _number),
    "int": Function(1, 1, _num1(math.trunc)),
    "round": Function(1, 2, _round),
    "floor": Function(1, 1, _num1(math.floor)),
    "ceiling": Function(1, 1, _num1(math.ceil)),
    "abs": Function(1, 1, _num1(abs)),
    "pow": Function(2, 2, _pow),
    "sqrt": Function(1, 1, _math1(math.sqrt)),
    "exp": Function(1, 1, _math1(math.exp)),
    "exp10": Function(1, 1, _math1(_exp10)),
    "log": Function(1, 1, _math1(math.log)),
    "log10": Function(1, 1, _math1(math.log10)),
    "sin": Function(1, 1, _math1(math.sin)),
    "cos": Function(1, 1, _math1(math.cos)),
    "tan": Function(1, 1, _math1(math.tan)),
    "asin": Function(1, 1, _math1(math.asin)),
    "acos": Function(1, 1, _math1(math.acos)),
    "atan": Function(1, 1, _math1(math.atan)),
    "atan2": Function(2, 2, _atan2),
    "pi": Function(0, 0, _pi),
    "random": Function(0, 0, _random),
    "sum": Function(1, 1, _sum, _check_nodeset),
    "count": Function(1, 1, _count, _check_nodeset),
    "count-non-empty": Function(1, 1, _count_non_empty, _check_nodeset),
    "min": Function(1, None, _extreme(min)),
    "max": Function(1, None, _extreme(max)),
    "checklist": Function(2, None, _checklist),
    "weighted-checklist": Function(2, None, _weighted_checklist),
    "randomize": Function(1, 2, _randomize, _check_nodeset),
    "position": Function(0, 1, _position),
    "indexed-repeat": Function(3, 11, _indexed_repeat),
    "current": Function(0, 0, _current),
    "instance": Function(1, 1, _instance),
    "today": Function(0, 0, _today),
    "now": Function(0, 0, _now),
    "date": Function(1, 1, _date),
    "date-time": Function(1, 1, _date_time),
    "decimal-date-time": Function(1, 1, _decimal_date_time),
    "decimal-time": Function(1, 1, _decimal_time),
    "format-date": Function(2, 2, _format_date),
    "format-date-time": Function(2, 2, _format_date),
    "once": Function(1, 1, _once),
    "pulldata": Function(4, 4, _pulldata),
    "distance": Function(1, None, _distance),
    "area": Function(1, 1, _area),
    "enclosed-area": Function(1, 1, _area),
    "geofence": Function(2, 2, _geofence),
    "version": Function(0, 0, _version),
    "property": Function(1, 1, _property),
    "depend": Function(1, None, _depend),
}

#: Known ODK functions we refuse on purpose, with the reason the form author sees.
REFUSED: dict[str, str] = {
    "jr:itext": "translations come from label::Language columns",
}
