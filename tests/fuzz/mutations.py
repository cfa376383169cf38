"""Input mutators shared by the hypothesis fuzz tests and the long run in bench/fuzz.py.

A mutation is a small, replayable description (a tuple of plain values), so hypothesis can
shrink a failing input to the fewest, smallest operations, and the bench can draw thousands
of them from a seeded ``random.Random`` and print the one that failed.

Byte operations (age files, inner bundle bytes, key-slot files)::

    ("flip", position, bit)          flip one bit
    ("truncate", position)           keep the first position bytes
    ("insert", position, bytes)      insert bytes
    ("delete", position, length)     remove a range
    ("overwrite", position, bytes)   replace bytes in place
    ("append", bytes)                trailing garbage

Positions are taken modulo the current length, so any integer is a valid position.

JSON operations (a parsed key-slot file, a bundle manifest or record)::

    ("set", path_seed, value)        replace the value at a path chosen by path_seed
    ("drop", path_seed)              delete a key or list item
    ("add", path_seed, key, value)   add a key to an object
"""

from __future__ import annotations

import json
import random
from typing import Any

# Values that have broken parsers before: wrong types, extremes, bidi and control text,
# huge numbers that JSON turns into infinity, deep nesting.
HOSTILE_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 2**31, 2**53, 2**63, -(2**63), 10**400, 0.5, -0.0, 1e308, 1e-320,
    "", " ", "0", "1", "true", "null", "NaN", "\u202e\u2066evil", "\x00", "\x1b[31m", "é" * 32,
    "A" * 10_000, "ab" * 16, "0" * 64, "f" * 64, "2024-01-01", "9999-99-99",
    [], [None], [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]], {}, {"a": {"b": {"c": []}}},
)


# -- bytes --------------------------------------------------------------------------------------
def apply_bytes(data: bytes, ops: list[tuple]) -> bytes:
    buf = bytearray(data)
    for op in ops:
        kind = op[0]
        n = len(buf)
        if kind == "flip":
            if n:
                buf[op[1] % n] ^= 1 << (op[2] % 8)
        elif kind == "truncate":
            del buf[(op[1] % (n + 1)):]
        elif kind == "insert":
            pos = op[1] % (n + 1)
            buf[pos:pos] = op[2]
        elif kind == "delete":
            if n:
                pos = op[1] % n
                del buf[pos:pos + max(1, op[2])]
        elif kind == "overwrite":
            if n:
                pos = op[1] % n
                chunk = op[2][: n - pos]
                buf[pos:pos + len(chunk)] = chunk
        elif kind == "append":
            buf += op[1]
        else:
            raise ValueError(f"unknown byte mutation {kind!r}")
    return bytes(buf)


def random_byte_ops(rng: random.Random, size_hint: int, max_ops: int = 4) -> list[tuple]:
    """1..max_ops byte mutations, biased to the first bytes (headers) half of the time."""
    ops: list[tuple] = []
    for _ in range(rng.randint(1, max_ops)):
        span = 256 if rng.random() < 0.5 else max(1, size_hint)
        pos = rng.randrange(span)
        kind = rng.choice(("flip", "flip", "flip", "truncate", "insert", "delete", "overwrite", "append"))
        blob = rng.randbytes(rng.choice((1, 1, 2, 8, 64)))
        if kind == "flip":
            ops.append((kind, pos, rng.randrange(8)))
        elif kind == "truncate":
            ops.append((kind, pos))
        elif kind == "delete":
            ops.append((kind, pos, rng.choice((1, 2, 16, 1000))))
        elif kind == "append":
            ops.append((kind, blob))
        else:
            ops.append((kind, pos, blob))
    return ops


# -- JSON ---------------------------------------------------------------------------------------
def _containers(doc: Any) -> list[tuple[Any, Any]]:
    """(container, key-or-index) for every value below ``doc``, in a stable order."""
    out: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for k in sorted(node, key=str):
                out.append((node, k))
                stack.append(node[k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                out.append((node, i))
                stack.append(v)
    return out


def apply_json(doc: Any, ops: list[tuple]) -> Any:
    """A mutated deep copy of ``doc`` (which must be JSON-serialisable)."""
    doc = json.loads(json.dumps(doc))
    for op in ops:
        slots = _containers(doc)
        if op[0] == "set":
            if not slots:
                doc = op[2]
                continue
            parent, key = slots[op[1] % len(slots)]
            parent[key] = op[2]
        elif op[0] == "drop":
            if slots:
                parent, key = slots[op[1] % len(slots)]
                del parent[key]
        elif op[0] == "add":
            objects = [doc] if isinstance(doc, dict) else []
            objects += [p[k] for p, k in slots if isinstance(p[k], dict)]
            if objects:
                objects[op[1] % len(objects)][op[2]] = op[3]
        else:
            raise ValueError(f"unknown JSON mutation {op[0]!r}")
    return doc


def random_json_ops(rng: random.Random, keys: tuple[str, ...] = (), max_ops: int = 3) -> list[tuple]:
    ops: list[tuple] = []
    for _ in range(rng.randint(1, max_ops)):
        kind = rng.choice(("set", "set", "set", "drop", "add"))
        seed = rng.randrange(10_000)
        value = rng.choice(HOSTILE_VALUES)
        if kind == "set":
            ops.append((kind, seed, value))
        elif kind == "drop":
            ops.append((kind, seed))
        else:
            ops.append((kind, seed, rng.choice(keys or ("x",)) if rng.random() < 0.7 else "zz", value))
    return ops
