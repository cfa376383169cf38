"""Results of pure expressions remembered during one bulk validation (a paper import).

A paper import runs every row through the engine as a live interview (relevance,
calculations, constraints, required), and rows repeat the same few values: the same
``${consent} = 'yes'`` with 'yes', the same ``. >= 15 and . <= 110`` with 44. An expression
is *pure* here when its value depends only on the values its ``${name}`` references read
(``ctx.value``) and on ``.`` (``ctx.current()``): literals, operators and the functions in
``PURE_FUNCTIONS``, which evaluate their arguments and nothing else. No location path, bare
name, node-set function (``count``, ``sum``, ``concat`` read a reference as every repeat
instance), clock, random source, ``once()``, ``instance()`` or ``current()`` (the context
node, not '.'). Its result for the same values is the same, so it is kept, keyed by the
expression, the purpose, and each value read with its type (1, 1.0 and True are equal keys
in Python but not to XPath; -0.0 and 0.0 too, hence the float's hex).

The memo belongs to one ``validate_files`` call and is dropped from the interviews when
it returns; it never holds a sealed question's value (``Interview._check`` skips them, and
references read a sealed answer as '').
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from fieldapp.engine._context import _Context
from fieldapp.forms.expressions import FUNCTIONS, Call, ExpressionError, Literal, Ref, parse
from fieldapp.forms.expressions._ast import Binary, Current, Negate

#: Functions whose value is a function of their arguments' values (each evaluated with
#: ``evaluate``, so a reference reads one value, as ``ctx.value`` gives it) or of '.'.
PURE_FUNCTIONS = frozenset({
    "true", "false", "not", "boolean", "boolean-from-string", "if", "selected", "is-selected",
    "count-selected", "selected-at", "string", "string-length", "coalesce", "contains",
    "starts-with", "ends-with", "substr", "substring-before", "substring-after", "translate",
    "normalize-space", "regex", "number", "int", "round", "floor", "ceiling", "abs", "pow",
})
_PURE_IMPLS = frozenset(id(FUNCTIONS[name].impl) for name in PURE_FUNCTIONS)
#: Bounded: free-text answers referenced by an expression would otherwise grow it per row.
LIMIT = 100_000
_MISSING = object()


@functools.lru_cache(maxsize=4096)
def pure_refs(text: str) -> tuple[str, ...] | None:
    """The names a pure expression reads, in a fixed order; None when it is not pure."""
    try:
        expr = parse(text)
    except ExpressionError:
        return None
    for node in expr.walk():
        if isinstance(node, Literal | Ref | Current | Binary | Negate):
            continue
        if isinstance(node, Call) and id(node.impl) in _PURE_IMPLS:
            continue
        return None
    return tuple(sorted(expr.references()))


def _part(value: Any) -> tuple:
    kind = type(value)
    return (kind, value.hex()) if kind is float else (kind, value)


class EvalMemo:
    """``get(purpose, expression, ctx, compute)``: ``compute()`` for an impure expression;
    for a pure one, the result remembered for the same values (computed once)."""

    def __init__(self) -> None:
        self._results: dict[tuple, Any] = {}
        #: expression -> (the structure it was worked out for, each name it reads with whether
        #: that name is plain there), or None when impure: what ``_key`` would otherwise work
        #: out again for every row (a paper import asks about 25 expressions a row)
        self._recipes: dict[str, tuple | None] = {}

    def get(self, purpose: str, text: str, ctx: Any, compute: Callable[[], Any]) -> Any:
        key = self._key(purpose, text, ctx)
        if key is None:
            return compute()
        found = self._results.get(key, _MISSING)
        if found is _MISSING:
            found = compute()
            if len(self._results) >= LIMIT:
                self._results.clear()
            self._results[key] = found
        return found

    def _key(self, purpose: str, text: str, ctx: Any) -> tuple | None:
        recipe = self._recipes.get(text, _MISSING)
        if recipe is None:
            return None  # impure
        try:
            iv = ctx._iv if type(ctx) is _Context else None
            if iv is None:
                return _slow_key(purpose, text, ctx)
            structure = iv.structure
            if recipe is _MISSING or recipe[0] is not structure:
                refs = pure_refs(text)
                if refs is None:
                    self._recipes[text] = None
                    return None
                plain = plain_names(structure)
                recipe = (structure, tuple((name, name in plain) for name in refs))
                self._recipes[text] = recipe
            current = ctx.current()
            if current is None:
                current = ""
            kind = type(current)  # _part, written out: this runs for every expression of every row
            parts = [purpose, text, (kind, current.hex()) if kind is float else (kind, current)]
            values, relevance = ctx._values, iv.relevance
            for name, plain_name in recipe[1]:
                if plain_name:  # what ctx.value reads is a function of these two
                    value = values.get(name)
                    if value is None or not relevance.get(name, True):
                        parts.append(_EMPTY)
                        continue
                else:
                    value = ctx.value(name)
                    if value is None:
                        value = ""
                kind = type(value)
                parts.append((kind, value.hex()) if kind is float else (kind, value))
            key = tuple(parts)
            hash(key)
        except Exception:  # noqa: BLE001 - a read that fails (several instances): evaluate as usual
            return None
        return key


def _slow_key(purpose: str, text: str, ctx: Any) -> tuple | None:
    """The key of a pure expression in a context that is no interview's (every name read
    through ``ctx.value``); None when the expression is impure."""
    refs = pure_refs(text)
    if refs is None:
        return None
    current = ctx.current()
    parts = [purpose, text, _part("" if current is None else current)]
    for name in refs:
        value = ctx.value(name)  # what Ref.evaluate reads
        parts.append(_part("" if value is None else value))
    key = tuple(parts)
    hash(key)
    return key


_EMPTY = ("", "")  # a plain name read as '' (never a _part, whose first item is a type)
_METADATA = frozenset({"today", "start", "end"})


def plain_names(structure: Any) -> frozenset[str]:
    """Questions whose value, as an expression reads it (``_Context.value``), is '' when
    not answered or not relevant and else a function of the stored value alone: outside
    every repeat (one node), not sealed (read as ''), not metadata read from the clock or
    the session (``today``, ``start``, ``end``). Worked out once per form."""
    found = structure.__dict__.get("_memo_plain")
    if found is None:
        found = frozenset(
            name for name, q in structure.questions.items()
            if structure.repeat_path.get(name) == () and name not in structure.repeats
            and name not in structure.sealed and q.type not in _METADATA)
        structure.__dict__["_memo_plain"] = found
    return found
