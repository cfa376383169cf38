"""Display pseudonyms: 40 random bits in Crockford Base32 and a check character (SECURITY.md).

``K7M2-9QXD-T``: easy to read aloud and to copy onto paper notes (no I, L, O, U). Never derived
from anything about the person.

The check character is a letter or a digit of the same alphabet (issue #15, item 7; decision
0009). It is a weighted sum over GF(32), the field of 32 elements (polynomial x^5 + x^2 + 1),
with the weights a^9, a^8, ..., a^2 of the element a = x: each character of the body is
multiplied by its weight and the nine products, the check times a included, add up to zero.
This is Damm's check with the quasigroup x*y = a(x + y): because every weight is non-zero it
catches any single wrong character; because a != 1 it catches any two neighbours swapped (the
check character included); because a^2 != 1 a swap across one character is caught too.

Pseudonyms made before had Crockford's mod-37 check symbol, which may be ``*``, ``~``, ``$``,
``=`` or ``U``: hard to write on paper notes and to read over the phone. They stay valid
(``is_valid`` accepts either check); new ones never end in a symbol.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: Crockford's check symbols of the pseudonyms made before decision 0009 (value % 37).
LEGACY_CHECK_ALPHABET = ALPHABET + "*~$=U"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
_POLY = 0b100101  # x^5 + x^2 + 1, irreducible and primitive over GF(2)
_A = 0b00010  # the element x


def _mul(x: int, y: int) -> int:
    """Product in GF(32)."""
    out = 0
    while y:
        if y & 1:
            out ^= x
        y >>= 1
        x <<= 1
        if x & 0b100000:
            x ^= _POLY
    return out


def _fold(values: list[int]) -> int:
    """Damm's interim digit: interim = a * (interim + value), from 0, over ``values``."""
    interim = 0
    for v in values:
        interim = _mul(_A, interim ^ v)
    return interim


def check_character(body: str) -> str:
    """The check character of an 8-character body (the one that brings the fold to zero)."""
    return ALPHABET[_fold([_DECODE[c] for c in normalise(body)])]


def new_pseudonym() -> str:
    value = secrets.randbits(40)
    body = "".join(ALPHABET[(value >> shift) & 31] for shift in range(35, -1, -5))
    return f"{body[:4]}-{body[4:]}-{check_character(body)}"


def normalise(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("-", "")


def typed(text: str) -> tuple[str, bool] | None:
    """A pseudonym as someone typed it from paper notes or a phone call (any case, spaces or
    dashes anywhere, Crockford's O for 0 and I or L for 1): (its printed form
    ``K7M2-9QXD-T``, whether its check character matches), or None when ``text`` is not
    shaped like one (nine characters of the alphabet)."""
    raw = normalise(text)
    if len(raw) != 9 or any(ch not in _DECODE for ch in raw[:8]) or (
            raw[8] not in _DECODE and raw[8] not in LEGACY_CHECK_ALPHABET):
        return None
    body = "".join(ALPHABET[_DECODE[ch]] for ch in raw[:8])
    check = ALPHABET[_DECODE[raw[8]]] if raw[8] in _DECODE else raw[8]
    printed = f"{body[:4]}-{body[4:]}-{check}"
    return printed, is_valid(printed)


def is_valid(text: str) -> bool:
    """True when ``text`` is a well-formed pseudonym whose check character matches, by today's
    check or by the mod-37 check of pseudonyms made before it."""
    raw = normalise(text)
    if len(raw) != 9:
        return False
    body, check = raw[:8], raw[8]
    try:
        digits = [_DECODE[ch] for ch in body]
    except KeyError:
        return False
    if check in _DECODE and _fold([*digits, _DECODE[check]]) == 0:
        return True
    value = 0
    for d in digits:
        value = value * 32 + d
    return LEGACY_CHECK_ALPHABET[value % 37] == check
