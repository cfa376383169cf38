"""Answers a simulated respondent tries after the plain random ones: read from the form.

A constraint such as ``. >= 15 and . <= 110``, ``string-length(.) = 11``,
``regex(., '^[A-Z]{2}[0-9]{9}$')`` or ``. <= today()`` says which answers it accepts; these
helpers turn its comparisons into boundary values (``x``, ``x ± 1``, ``x ± 0.5``), lengths
into strings, and regular expressions into matching text (drawn from the pattern's parse
tree), so ``form check --simulate`` can finish forms whose constraints random values miss.
"""

from __future__ import annotations

import datetime as _dt
import random
import re
from collections.abc import Iterator
from typing import Any

from fieldapp.forms.expressions import parse
from fieldapp.forms.expressions._ast import Binary, Call, Current, Literal
from fieldapp.forms.model import Question

try:  # Python 3.11+: the regular-expression parser behind ``re``
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse as _sre  # type: ignore[no-redef]

_COMPARISONS = {"<", "<=", ">", ">=", "=", "!="}
_MAX_REPEAT = 12


def range_values(q: Question, rng: random.Random) -> list[Any]:
    try:
        start = float(q.parameters.get("start", "0"))
        end = float(q.parameters.get("end", "10"))
        step = float(q.parameters.get("step", "1")) or 1.0
    except ValueError:
        return []
    n = int(abs(end - start) / step)
    picks = [start + step * rng.randint(0, max(n, 0)) * (1 if end >= start else -1), start, end]
    return [int(v) if float(v).is_integer() else v for v in picks]


def location(q: Question, rng: random.Random) -> str:
    def point() -> str:
        return f"{rng.uniform(-60, 60):.6f} {rng.uniform(-170, 170):.6f}"

    if q.type == "geopoint":
        return point()
    pts = [point() for _ in range(3)]
    return ";".join(pts + [pts[0]] if q.type == "geoshape" else pts)


def _numbers(expr, ctx=None) -> list[float]:
    """Numbers compared with '.' (or a function of it) anywhere in the expression: literals,
    and, given the interview's context, what the other side (``${radius}``) is now."""
    from fieldapp.forms.expressions import to_number

    out = []
    for node in expr.walk():
        if isinstance(node, Binary) and node.op in _COMPARISONS:
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if not any(isinstance(n, Current) for n in side.walk()):
                    continue
                if isinstance(other, Literal) and isinstance(other.value, int | float):
                    out.append(float(other.value))
                elif ctx is not None and not any(isinstance(n, Current) for n in other.walk()):
                    try:
                        x = to_number(other.evaluate(ctx))
                    except Exception:  # noqa: BLE001, S112 - a side that fails gives no candidate
                        continue
                    if x == x and abs(x) != float("inf"):
                        out.append(float(x))
    return out


def _uses(expr, function: str) -> bool:
    return any(isinstance(n, Call) and n.name == function for n in expr.walk())


def _regexes(expr) -> list[str]:
    return [n.args[1].value for n in expr.walk()
            if isinstance(n, Call) and n.name == "regex" and len(n.args) == 2
            and isinstance(n.args[1], Literal) and isinstance(n.args[1].value, str)]


def from_constraint(q: Question, rng: random.Random, ctx=None) -> Iterator[Any]:
    """``ctx``: the question's expression context, to read the values it is compared with."""
    if not q.constraint:
        return
    try:
        expr = parse(q.constraint)
    except Exception:  # noqa: BLE001 - the reader refused bad expressions already
        return
    numbers = _numbers(expr, ctx)
    for pattern in _regexes(expr):
        for _ in range(6):
            text = sample_regex(pattern, rng)
            if text is not None:
                yield text
    if q.type in ("integer", "decimal", "range"):
        for x in numbers:
            for v in (x, x + 1, x - 1, x + 0.5, x - 0.5):
                yield int(v) if q.type != "decimal" and float(v).is_integer() else v
    elif q.type in ("text", "barcode"):
        if _uses(expr, "string-length"):
            for x in numbers:
                for n in (int(x), int(x) - 1, int(x) + 1):
                    if 0 < n <= 500:
                        yield "".join(rng.choice("abcdefghij") for _ in range(n))
        for x in numbers:
            yield str(int(x)) if float(x).is_integer() else str(x)
    elif q.type in ("date", "dateTime"):
        today = _dt.date.today()
        for days in (0, -1, -365, -3650, -365 * 40, 1, 30, 365):
            day = today + _dt.timedelta(days=days)
            yield day.isoformat() if q.type == "date" else f"{day.isoformat()}T12:00:00"


def sample_regex(pattern: str, rng: random.Random) -> str | None:
    """A string matching ``pattern`` in full (``regex()`` is a whole-string match), or None."""
    try:
        tree = _sre.parse(pattern)
    except re.error:
        return None
    try:
        text = _emit(tree, rng)
    except _Unsupported:
        return None
    try:
        return text if re.fullmatch(pattern, text) else None
    except re.error:
        return None


class _Unsupported(Exception):
    pass


_CATEGORY = {
    "CATEGORY_DIGIT": "0123456789",
    "CATEGORY_WORD": "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_DIGIT": "abcxyz",
    "CATEGORY_NOT_WORD": "-.",
    "CATEGORY_NOT_SPACE": "abc123",
}


def _emit(tree, rng: random.Random) -> str:
    out = []
    for op, arg in tree:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append(rng.choice("abcdefghij0123456789"))
        elif name == "IN":
            out.append(_pick_in(arg, rng))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            high = min(high, low + _MAX_REPEAT) if high != _sre.MAXREPEAT else low + rng.randint(0, 3)
            out.extend(_emit(sub, rng) for _ in range(rng.randint(low, max(low, high))))
        elif name == "SUBPATTERN":
            out.append(_emit(arg[-1], rng))
        elif name == "BRANCH":
            out.append(_emit(rng.choice(arg[1]), rng))
        elif name in ("AT",):
            continue
        elif name == "CATEGORY":
            out.append(rng.choice(_CATEGORY.get(str(arg), "a")))
        else:
            raise _Unsupported(name)
    return "".join(out)


def _pick_in(items, rng: random.Random) -> str:
    if items and str(items[0][0]) == "NEGATE":
        return "~"
    options: list[str] = []
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options.append(chr(arg))
        elif name == "RANGE":
            lo, hi = arg
            options.append(chr(rng.randint(lo, hi)))
        elif name == "CATEGORY":
            options.append(rng.choice(_CATEGORY.get(str(arg), "a")))
    if not options:
        raise _Unsupported("IN")
    return rng.choice(options)
