"""Pratt parser: tokens -> expression tree, with XPath 1.0 operator precedence.

Lowest to highest: ``or``, ``and``, ``= !=``, ``< <= > >=``, ``+ -``, ``* div mod``, unary
``-``; all binary operators associate to the left (so ``3 < 4 < 5`` is ``(3 < 4) < 5``).
"""

from __future__ import annotations

from fieldapp.forms.expressions._ast import (
    BareName,
    Binary,
    Call,
    Current,
    Expr,
    Literal,
    Negate,
    Path,
    Ref,
    Step,
)
from fieldapp.forms.expressions._errors import ExpressionError
from fieldapp.forms.expressions._functions import FUNCTIONS, REFUSED
from fieldapp.forms.expressions._lexer import Token, tokenize
from fieldapp.forms.expressions._values import normalize_number

_BINDING = {
    "or": 10,
    "and": 20,
    "=": 30,
    "!=": 30,
    "<": 40,
    "<=": 40,
    ">": 40,
    ">=": 40,
    "+": 50,
    "-": 50,
    "*": 60,
    "div": 60,
    "mod": 60,
}
_UNARY = 70
#: Deeper nesting than this is refused rather than risking Python's recursion limit.
MAX_DEPTH = 64


def _describe(tok: Token) -> str:
    if tok.kind == "eof":
        return "the end of the expression"
    if tok.kind == "ref":
        return f"${{{tok.value}}}"
    if tok.kind == "str":
        return f"the text '{tok.value}'"
    return f"'{tok.value}'"


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def expect(self, kind: str, what: str) -> Token:
        tok = self.next()
        if tok.kind != kind:
            raise ExpressionError(f"expected {what} but found {_describe(tok)}", tok.pos)
        return tok

    def parse(self) -> Expr:
        if self.peek().kind == "eof":
            raise ExpressionError("the expression is empty", 0)
        expr = self.expression(0)
        tok = self.peek()
        if tok.kind != "eof":
            hint = ""
            if tok.kind in ("name", "ref", "str", "num", "dot", "("):
                hint = " (is an operator such as 'and', 'or' or '=' missing?)"
            raise ExpressionError(f"unexpected {_describe(tok)} after a complete expression{hint}", tok.pos)
        return expr

    def expression(self, min_bp: int) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("the expression is nested too deeply", self.peek().pos)
        left = self.prefix()
        while True:
            tok = self.peek()
            if tok.kind != "op":
                break
            bp = _BINDING[tok.value]
            if bp <= min_bp:
                break
            self.next()
            right = self.expression(bp)
            left = Binary(tok.value, left, right, tok.pos)
        self.depth -= 1
        return left

    def prefix(self) -> Expr:
        tok = self.next()
        kind = tok.kind
        if kind == "num":
            value = float(tok.value) if "." in tok.value else int(tok.value)
            return Literal(normalize_number(value), tok.pos)
        if kind == "str":
            return Literal(tok.value, tok.pos)
        if kind == "ref":
            return Ref(tok.value, tok.pos)
        if kind == "slash":
            steps = self.steps() if self.peek().kind in ("name", "dot", "dotdot") else []
            return Path(True, None, steps, tok.pos)
        if kind in ("dot", "dotdot"):
            if kind == "dot" and self.peek().kind != "slash":
                return Current(tok.pos)
            self.i -= 1
            return Path(False, None, self.steps(), tok.pos)
        if kind == "op" and tok.value == "-":
            return Negate(self.expression(_UNARY), tok.pos)
        if kind == "(":
            inner = self.expression(0)
            self.expect(")", "')'")
            return inner
        if kind == "name":
            if self.peek().kind == "(":
                call = self.call(tok)
                if self.peek().kind == "slash" and call.name in ("current", "instance"):
                    self.next()
                    return Path(False, call, self.steps(), tok.pos)
                return call
            if self.peek().kind in ("slash", "["):
                self.i -= 1
                return Path(False, None, self.steps(), tok.pos)
            return BareName(tok.value, tok.pos)
        if kind == "eof":
            raise ExpressionError("the expression ends too early: a value is missing", tok.pos)
        raise ExpressionError(f"expected a value but found {_describe(tok)}", tok.pos)

    def steps(self) -> list[Step]:
        """``a/b[1]/../c``: the steps of a relative location path."""
        steps: list[Step] = []
        while True:
            tok = self.next()
            if tok.kind in ("dot", "dotdot"):
                steps.append(Step(tok.value))
            elif tok.kind == "name":
                predicates = []
                while self.peek().kind == "[":
                    self.next()
                    predicates.append(self.expression(0))
                    self.expect("]", "']' to close the predicate")
                steps.append(Step(tok.value, predicates))
            else:
                raise ExpressionError(f"expected a name in the path but found {_describe(tok)}", tok.pos)
            if self.peek().kind != "slash":
                return steps
            self.next()

    def call(self, name_tok: Token) -> Expr:
        name = name_tok.value
        if name in REFUSED:
            raise ExpressionError(f"function '{name}()' is not supported: {REFUSED[name]}", name_tok.pos)
        spec = FUNCTIONS.get(name)
        if spec is None:
            raise ExpressionError(f"unknown function '{name}()'", name_tok.pos)
        self.expect("(", "'('")
        args: list[Expr] = []
        if self.peek().kind != ")":
            while True:
                args.append(self.expression(0))
                if self.peek().kind == ",":
                    self.next()
                    continue
                break
        self.expect(")", f"',' or ')' to continue {name}()")
        n = len(args)
        if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
            if spec.max_args is None:
                wanted = f"at least {spec.min_args}"
            elif spec.min_args == spec.max_args:
                wanted = str(spec.min_args)
            else:
                wanted = f"{spec.min_args} to {spec.max_args}"
            plural = "" if wanted == "1" else "s"
            raise ExpressionError(f"{name}() takes {wanted} argument{plural}, not {n}", name_tok.pos)
        if spec.check is not None:
            spec.check(args, name_tok.pos)
        return Call(name, args, spec.impl, name_tok.pos)


def parse_uncached(text: str) -> Expr:
    if not isinstance(text, str):
        raise ExpressionError(f"an expression must be text, not {type(text).__name__}", 0)
    expr = _Parser(text).parse()
    expr.source = text
    return expr
