"""The function library: XPath 1.0 core functions plus the ODK XForms extensions we support.

Each entry is ``name -> Function(min_args, max_args, impl, check)``. ``impl`` receives the
unevaluated argument nodes, so ``if()`` is lazy and ``sum()``/``count()`` can read a repeat.
``check`` runs at parse time (e.g. a literal regex must compile). Functions that need the
XML tree or device (``position()``, ``instance()``, ``uuid()`` ...) are deliberately absent.
Runtime trouble (a malformed date in an answer) yields '' or NaN rather than an exception:
an interview must never crash on a respondent's answer.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from fieldapp.forms.expressions._ast import EvalContext, Expr, Literal, Ref
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
    """A node-set argument: every value of ${name} over its repeat, else the one value."""
    if isinstance(arg, Ref):
        getter = getattr(ctx, "repeat_values", None)
        if getter is not None:
            return list(getter(arg.name))
    return [arg.evaluate(ctx)]


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
    return to_string(args[0].evaluate(ctx)).strip().lower() in ("true", "1")


def _if(ctx, args):
    chosen = args[1] if to_bool(args[0].evaluate(ctx)) else args[2]
    return chosen.evaluate(ctx)


# -- select answers -------------------------------------------------------------------------

def _selected(ctx, args):
    haystack, needle = _vals(ctx, args)
    return to_string(needle).strip() in _tokens(haystack)


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


def _coalesce(ctx, args):
    for arg in args:
        value = to_string(arg.evaluate(ctx))
        if value != "":
            return value
    return ""


def _contains(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return b in a


def _starts_with(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return a.startswith(b)


def _ends_with(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    return a.endswith(b)


def _substr(ctx, args):
    """ODK substr(s, start[, end]): 0-based, end exclusive, negative counts from the end."""
    values = _vals(ctx, args)
    text = to_string(values[0])
    start = to_number(values[1])
    end = to_number(values[2]) if len(values) > 2 else len(text)
    if math.isnan(start) or math.isnan(end):
        return ""
    return text[int(start) : int(end) if math.isfinite(end) else None]


def _substring_before(ctx, args):
    a, b = (to_string(v) for v in _vals(ctx, args))
    if not b:
        return ""
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
    # JavaRosa uses Matcher.find(): the pattern may match anywhere unless anchored.
    return compiled is not None and compiled.search(text) is not None


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


def _extreme(pick: Callable[..., float]) -> Impl:
    def impl(ctx, args):
        numbers = [to_number(v) for a in args for v in _items(ctx, a)]
        if not numbers or any(math.isnan(n) for n in numbers):
            return NAN
        return normalize_number(pick(numbers))

    return impl


def _check_nodeset(args: Sequence[Expr], pos: int) -> None:
    if not isinstance(args[0], Ref):
        raise ExpressionError("sum() and count() take a question reference like ${name}", args[0].pos)


# -- dates ----------------------------------------------------------------------------------

def _today(ctx, args):
    return ctx.today()


def _now(ctx, args):
    return _dt.datetime.now().replace(microsecond=0)


def _date(ctx, args):
    value = to_date(args[0].evaluate(ctx))
    if isinstance(value, _dt.datetime):
        return value.date()
    return "" if value is None else value


def _decimal_date_time(ctx, args):
    value = to_date(args[0].evaluate(ctx))
    return NAN if value is None else to_number(value)


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
    return args[0].evaluate(ctx)


FUNCTIONS: dict[str, Function] = {
    "true": Function(0, 0, _true),
    "false": Function(0, 0, _false),
    "not": Function(1, 1, _not),
    "boolean": Function(1, 1, _boolean),
    "boolean-from-string": Function(1, 1, _boolean_from_string),
    "if": Function(3, 3, _if),
    "selected": Function(2, 2, _selected),
    "count-selected": Function(1, 1, _count_selected),
    "selected-at": Function(2, 2, _selected_at),
    "string": Function(0, 1, _string),
    "string-length": Function(0, 1, _string_length),
    "concat": Function(0, None, _concat),
    "coalesce": Function(2, None, _coalesce),
    "contains": Function(2, 2, _contains),
    "starts-with": Function(2, 2, _starts_with),
    "ends-with": Function(2, 2, _ends_with),
    "substr": Function(2, 3, _substr),
    "substring-before": Function(2, 2, _substring_before),
    "substring-after": Function(2, 2, _substring_after),
    "translate": Function(3, 3, _translate),
    "normalize-space": Function(0, 1, _normalize_space),
    "regex": Function(2, 2, _regex, _check_regex),
    "number": Function(0, 1, _number),
    "int": Function(1, 1, _num1(math.trunc)),
    "round": Function(1, 2, _round),
    "floor": Function(1, 1, _num1(math.floor)),
    "ceiling": Function(1, 1, _num1(math.ceil)),
    "abs": Function(1, 1, _num1(abs)),
    "pow": Function(2, 2, _pow),
    "sum": Function(1, 1, _sum, _check_nodeset),
    "count": Function(1, 1, _count, _check_nodeset),
    "min": Function(1, None, _extreme(min)),
    "max": Function(1, None, _extreme(max)),
    "today": Function(0, 0, _today),
    "now": Function(0, 0, _now),
    "date": Function(1, 1, _date),
    "decimal-date-time": Function(1, 1, _decimal_date_time),
    "format-date": Function(2, 2, _format_date),
    "once": Function(1, 1, _once),
}

#: Known ODK functions we refuse on purpose, with the reason the form author sees.
REFUSED: dict[str, str] = {
    "jr:choice-name": "choice labels are shown by the app itself; compare choice names instead",
    "jr:itext": "translations come from label::Language columns",
    "position": "repeat positions are not available in expressions",
    "indexed-repeat": "reading one repeat instance from outside is not supported",
    "instance": "secondary instances (external data) are not supported",
    "current": "write ${name} instead of current()/...",
    "uuid": "fieldapp assigns identifiers itself",
    "random": "random values would make interviews unrepeatable",
    "randomize": "random choice order is not supported",
    "pulldata": "external data files are not supported",
    "digest": "hashing answers is not supported",
    "geofence": "fieldapp never records locations",
    "area": "fieldapp never records locations",
    "distance": "fieldapp never records locations",
    "version": "the form version is not readable from expressions",
    "property": "device properties are never read",
}
