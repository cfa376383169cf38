"""The form expression language: tokenizer, Pratt parser and evaluator (never ``eval``).

It covers the XPath 1.0 subset XLSForms use in relevant, constraint, calculation, required
and choice_filter columns, with ODK/JavaRosa semantics (``''`` for unanswered; comparisons
with '' are false; ``selected()`` etc. on space-separated answers). See docs/forms.md.

    expr = parse("${age} >= 18 and selected(${consent}, 'yes')")
    expr.references()       # frozenset({'age', 'consent'})
    to_bool(expr.evaluate(ctx))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from fieldapp.forms.expressions._ast import Call, EvalContext, Expr, Literal, Path, Ref, Step
from fieldapp.forms.expressions._errors import ExpressionError
from fieldapp.forms.expressions._functions import FUNCTIONS, REFUSED
from fieldapp.forms.expressions._parser import parse_uncached
from fieldapp.forms.expressions._values import to_bool, to_date, to_number, to_string

__all__ = [
    "Call",
    "Literal",
    "Path",
    "Ref",
    "Step",
    "FUNCTIONS",
    "REFUSED",
    "ChoiceContext",
    "EvalContext",
    "Expr",
    "ExpressionError",
    "filter_choices",
    "parse",
    "to_bool",
    "to_date",
    "to_number",
    "to_string",
]


@functools.lru_cache(maxsize=8192)
def parse(text: str) -> Expr:
    """Parse ``text``; raises ``ExpressionError(message, position)`` on any syntax error.

    Cached: the engine re-evaluates the same few hundred expressions on every answer, and
    the trees are immutable so sharing them is safe.
    """
    return parse_uncached(text)


class ChoiceContext:
    """A context for one choice of a ``choice_filter``: bare names read that choice's columns
    (``name`` is its name; other names are extra columns of the choices sheet), and
    ``${...}`` reads the interview through ``base``."""

    def __init__(self, base: EvalContext, choice: Any) -> None:
        self._base = base
        self._choice = choice

    def value(self, name: str) -> object:
        return self._base.value(name)

    def current(self) -> object:
        return self._base.current()

    def today(self):  # noqa: ANN201 - same type as the base context's
        return self._base.today()

    def repeat_values(self, name: str) -> list:
        getter = getattr(self._base, "repeat_values", None)
        return list(getter(name)) if getter is not None else [self._base.value(name)]

    def __getattr__(self, name: str):
        # location paths, position(), indexed-repeat(), instance(), choice names ...:
        # whatever else the base context can answer, it answers for the choice too
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._base, name)

    def column(self, name: str) -> object:
        if name == "name":
            return self._choice.name
        return self._choice.extra.get(name, "")


def filter_choices(choices: Iterable[Any], choice_filter: str | None, ctx: EvalContext) -> list[Any]:
    """The choices for which ``choice_filter`` is true (all of them when there is no filter)."""
    items = list(choices)
    if not choice_filter:
        return items
    expr = parse(choice_filter)
    return [c for c in items if to_bool(expr.evaluate(ChoiceContext(ctx, c)))]
