"""Display pseudonyms: 40 random bits in Crockford Base32 with a check symbol (SECURITY.md).

``K7M2-9QXD-T``: easy to read aloud and to copy onto paper notes (no I, L, O, U), with a
mod-37 check symbol that catches any single mistyped character or swapped neighbours.
Never derived from anything about the person.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_DECODE = {c: i for i, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}


def new_pseudonym() -> str:
    value = secrets.randbits(40)
    body = "".join(ALPHABET[(value >> shift) & 31] for shift in range(35, -1, -5))
    check = CHECK_ALPHABET[value % 37]
    return f"{body[:4]}-{body[4:]}-{check}"


def normalise(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("-", "")


def is_valid(text: str) -> bool:
    """True when ``text`` is a well-formed pseudonym whose check symbol matches."""
    raw = normalise(text)
    if len(raw) != 9:
        return False
    body, check = raw[:8], raw[8]
    try:
        value = 0
        for ch in body:
            value = value * 32 + _DECODE[ch]
    except KeyError:
        return False
    return CHECK_ALPHABET[value % 37] == check
