"""Tokenizer of the expression language (the XPath 1.0 subset XLSForms use).

Follows the XPath 1.0 lexical rule (section 3.7): after an operand, ``*`` is multiplication
and a name such as ``div`` or ``and`` is an operator; elsewhere they are names. Location
paths (``/data/x``, ``../x``, ``x[2]``, ``instance('l')/root/item``) are tokenized for the
parser; what XLSForms never need (``//``, ``@``, ``|``, wildcards, ``$var``) is refused
here with a sentence saying what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.forms.expressions._errors import ExpressionError

_NAME = r"[^\W\d][\w.\-]*"
_NAME_RE = re.compile(rf"{_NAME}(?::{_NAME})?")
_REF_RE = re.compile(r"\$\{\s*([^{}\s]*)\s*\}")
#: ODK's ``${last-saved#name}``: the answer of the previous interview on this device.
LAST_SAVED = "last-saved#"
_REF_NAME_RE = re.compile(_NAME)
_NUMBER_RE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})
_AXES = frozenset({
    "ancestor", "ancestor-or-self", "attribute", "child", "descendant", "descendant-or-self",
    "following", "following-sibling", "namespace", "parent", "preceding", "preceding-sibling",
    "self",
})

#: Token kinds after which the next token is in "operator position" (XPath 1.0, 3.7).
_OPERAND_END = frozenset({"num", "str", "ref", "dot", "dotdot", "name", ")", "]"})


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num str ref dot dotdot slash name op ( ) [ ] , eof
    value: str
    pos: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)

    def operator_position() -> bool:
        return bool(tokens) and tokens[-1].kind in _OPERAND_END

    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "$":
            m = _REF_RE.match(text, i)
            if not m:
                if text.startswith("${", i):
                    raise ExpressionError("'${' is not closed by '}'", i)
                raise ExpressionError("a '$' must start a question reference like ${name}", i)
            name = m.group(1)
            if name.startswith(LAST_SAVED) and _REF_NAME_RE.fullmatch(name[len(LAST_SAVED):]):
                # Never read on a laptop: a new interview must not show the previous
                # respondent's answers (SECURITY.md). It reads as '' (docs/forms.md).
                tokens.append(Token("str", "", i))
                i = m.end()
                continue
            if not _REF_NAME_RE.fullmatch(name):
                shown = name or "(empty)"
                raise ExpressionError(f"'{shown}' in ${{...}} is not a valid question name", i)
            tokens.append(Token("ref", name, i))
            i = m.end()
            continue
        if c in "'\"":
            end = text.find(c, i + 1)
            if end < 0:
                raise ExpressionError(f"the text starting with {c} is not closed by a matching {c}", i)
            tokens.append(Token("str", text[i + 1 : end], i))
            i = end + 1
            continue
        m = _NUMBER_RE.match(text, i)
        if m:
            tokens.append(Token("num", m.group(0), i))
            i = m.end()
            continue
        if c == ".":
            if text.startswith("..", i):
                tokens.append(Token("dotdot", "..", i))
                i += 2
                continue
            tokens.append(Token("dot", ".", i))
            i += 1
            continue
        if c in "(),[]":
            tokens.append(Token(c, c, i))
            i += 1
            continue
        two = text[i : i + 2]
        if two in ("!=", "<=", ">="):
            tokens.append(Token("op", two, i))
            i += 2
            continue
        if c in "+-=<>":
            tokens.append(Token("op", c, i))
            i += 1
            continue
        if c == "*":
            if not operator_position():
                raise ExpressionError("'*' must stand between two values (wildcards are not supported)", i)
            tokens.append(Token("op", "*", i))
            i += 1
            continue
        if c == "/":
            if text.startswith("//", i):
                raise ExpressionError("'//' (descendant paths) is not supported; write the full path", i)
            tokens.append(Token("slash", "/", i))
            i += 1
            continue
        if c == "@":
            raise ExpressionError("'@' attributes are not supported; refer to questions as ${name}", i)
        if c == "|":
            raise ExpressionError("'|' (node-set union) is not supported", i)
        m = _NAME_RE.match(text, i)
        if m:
            word = m.group(0)
            if word in _WORD_OPERATORS and operator_position():
                tokens.append(Token("op", word, i))
            elif "::" in text[m.end() : m.end() + 2]:
                lang = _NAME_RE.match(text, m.end() + 2)
                if word in _AXES or lang is None:
                    raise ExpressionError(f"XPath axes ('{word}::') are not supported", i)
                # A translated choices column such as label::English, read by a choice_filter.
                tokens.append(Token("name", text[i : lang.end()], i))
                i = lang.end()
                continue
            else:
                tokens.append(Token("name", word, i))
            i = m.end()
            continue
        raise ExpressionError(f"unexpected character {c!r}", i)
    tokens.append(Token("eof", "", n))
    return tokens
