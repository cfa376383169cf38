"""Expression tree nodes: immutable, evaluated against an ``EvalContext``, never via eval()."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from fieldapp.forms.expressions._values import (
    compare,
    equals,
    normalize_number,
    to_bool,
    to_number,
)


@runtime_checkable
class EvalContext(Protocol):
    """What an expression can see. ``repeat_values(name)`` and ``column(name)`` are optional:
    the first serves ``sum()``/``count()`` over repeats, the second the bare names of a
    ``choice_filter`` (columns of the choice being filtered)."""

    def value(self, name: str) -> object: ...

    def current(self) -> object: ...

    def today(self) -> _dt.date: ...


class Expr:
    """A parsed expression (or sub-expression)."""

    __slots__ = ("pos", "_refs", "_names", "source")

    def __init__(self, pos: int) -> None:
        self.pos = pos
        self._refs: frozenset[str] | None = None
        self._names: frozenset[str] | None = None
        self.source = ""

    def children(self) -> Sequence[Expr]:
        return ()

    def walk(self) -> Iterator[Expr]:
        yield self
        for child in self.children():
            yield from child.walk()

    def references(self) -> frozenset[str]:
        """The ``${name}`` question names this expression reads."""
        if self._refs is None:
            self._refs = frozenset(n.name for n in self.walk() if isinstance(n, Ref))
        return self._refs

    def names(self) -> frozenset[str]:
        """Bare names (choice-sheet columns in a ``choice_filter``; a mistake elsewhere).

        Names inside a path's predicates (``item[name = 'a']``) are the item's columns, not
        mistakes, so they are not counted."""
        if self._names is None:
            inside = {id(n) for p in self.walk() if isinstance(p, Path)
                      for s in p.steps for e in s.predicates for n in e.walk()}
            self._names = frozenset(n.name for n in self.walk()
                                    if isinstance(n, BareName) and id(n) not in inside)
        return self._names

    def uses_current(self) -> bool:
        """True when the expression reads ``.`` (the question being checked)."""
        return any(isinstance(n, Current) for n in self.walk())

    def paths(self) -> list[Path]:
        """The location paths (``../x``, ``/data/x``) this expression reads."""
        return [n for n in self.walk() if isinstance(n, Path)]

    def functions(self) -> frozenset[str]:
        return frozenset(n.name for n in self.walk() if isinstance(n, Call))

    def evaluate(self, ctx: EvalContext) -> object:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.source!r}>" if self.source else f"<{type(self).__name__}>"


class Literal(Expr):
    __slots__ = ("value",)

    def __init__(self, value: object, pos: int) -> None:
        super().__init__(pos)
        self.value = value

    def evaluate(self, ctx: EvalContext) -> object:
        return self.value


class Ref(Expr):
    __slots__ = ("name",)

    def __init__(self, name: str, pos: int) -> None:
        super().__init__(pos)
        self.name = name

    def evaluate(self, ctx: EvalContext) -> object:
        value = ctx.value(self.name)
        return "" if value is None else value


class Current(Expr):
    __slots__ = ()

    def evaluate(self, ctx: EvalContext) -> object:
        value = ctx.current()
        return "" if value is None else value


class BareName(Expr):
    __slots__ = ("name",)

    def __init__(self, name: str, pos: int) -> None:
        super().__init__(pos)
        self.name = name

    def evaluate(self, ctx: EvalContext) -> object:
        # XPath: a child element that does not exist is an empty node-set, i.e. ''.
        column = getattr(ctx, "column", None)
        if column is None:
            return ""
        value = column(self.name)
        return "" if value is None else value


class Negate(Expr):
    __slots__ = ("operand",)

    def __init__(self, operand: Expr, pos: int) -> None:
        super().__init__(pos)
        self.operand = operand

    def children(self) -> Sequence[Expr]:
        return (self.operand,)

    def evaluate(self, ctx: EvalContext) -> object:
        return normalize_number(-to_number(self.operand.evaluate(ctx)))


def _arith(op: str, a: float | int, b: float | int) -> float | int:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        if b == 0:
            if a == 0 or math.isnan(a):
                return math.nan
            negative = (a < 0) != (math.copysign(1.0, b) < 0)
            return -math.inf if negative else math.inf
        return a / b
    # mod: XPath takes the sign of the dividend (truncating), like Java's %.
    if b == 0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return math.nan
    return math.fmod(a, b)


class Binary(Expr):
    __slots__ = ("op", "left", "right")

    def __init__(self, op: str, left: Expr, right: Expr, pos: int) -> None:
        super().__init__(pos)
        self.op = op
        self.left = left
        self.right = right

    def children(self) -> Sequence[Expr]:
        return (self.left, self.right)

    def evaluate(self, ctx: EvalContext) -> object:
        op = self.op
        if op == "and":
            return to_bool(self.left.evaluate(ctx)) and to_bool(self.right.evaluate(ctx))
        if op == "or":
            return to_bool(self.left.evaluate(ctx)) or to_bool(self.right.evaluate(ctx))
        a = self.left.evaluate(ctx)
        b = self.right.evaluate(ctx)
        if op == "=":
            return equals(a, b)
        if op == "!=":
            return not equals(a, b)
        if op in ("<", "<=", ">", ">="):
            return compare(op, a, b)
        try:
            result = _arith(op, to_number(a), to_number(b))
        except (OverflowError, ValueError):
            result = math.nan
        return normalize_number(result)


class Call(Expr):
    __slots__ = ("name", "args", "impl")

    def __init__(
        self,
        name: str,
        args: Sequence[Expr],
        impl: Callable[[EvalContext, Sequence[Expr]], object],
        pos: int,
    ) -> None:
        super().__init__(pos)
        self.name = name
        self.args = tuple(args)
        self.impl = impl

    def children(self) -> Sequence[Expr]:
        return self.args

    def evaluate(self, ctx: EvalContext) -> object:
        return self.impl(ctx, self.args)


class Step:
    """One step of a location path: a name, ``.`` or ``..``, with its ``[...]`` predicates."""

    __slots__ = ("name", "predicates")

    def __init__(self, name: str, predicates: Sequence[Expr] = ()) -> None:
        self.name = name
        self.predicates = tuple(predicates)

    def __repr__(self) -> str:
        return self.name + "".join("[...]" for _ in self.predicates)


class Path(Expr):
    """A location path: ``/data/g/x``, ``../x``, ``x[2]``, ``current()/../x``,
    ``instance('list')/root/item[name = 'a']/label``.

    The context resolves it (``ctx.path_values(path)`` -> the values of the nodes it selects);
    as a value it is the first node's value, '' when it selects none (XPath string()).
    """

    __slots__ = ("absolute", "base", "steps")

    def __init__(self, absolute: bool, base: Expr | None, steps: Sequence[Step], pos: int) -> None:
        super().__init__(pos)
        self.absolute = absolute
        self.base = base
        self.steps = tuple(steps)

    def children(self) -> Sequence[Expr]:
        out: list[Expr] = [self.base] if self.base is not None else []
        for step in self.steps:
            out.extend(step.predicates)
        return out

    @property
    def instance_name(self) -> str | None:
        """``'l'`` for ``instance('l')/...``: a secondary instance (a choice list or file)."""
        if isinstance(self.base, Call) and self.base.name == "instance" and self.base.args:
            arg = self.base.args[0]
            if isinstance(arg, Literal):
                return str(arg.value)
        return None

    def values(self, ctx: EvalContext) -> list[object]:
        getter = getattr(ctx, "path_values", None)
        return list(getter(self)) if getter is not None else []

    def evaluate(self, ctx: EvalContext) -> object:
        # A context that knows repeats picks the one value itself (several repeat
        # instances where one value is needed are an error there, as in JavaRosa).
        one = getattr(ctx, "path_value", None)
        if one is not None:
            value = one(self)
            return "" if value is None else value
        values = self.values(ctx)
        if not values:
            return ""
        value = values[0]
        return "" if value is None else value
