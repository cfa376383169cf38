"""Keys of repeat instances and of the answers inside them (issue #13, decision 0004).

A repeat instance is named by its **instance path**: the repeat steps from the form's root to
it, each with its 1-based position, e.g. ``members[2]`` or ``members[2]/visits[1]``. Only
repeats appear in the path (a repeat's key is form-wide unique, so groups between them add
nothing). The top level, outside every repeat, is the empty path ``''``.

An answer is keyed by its **field key**: the question's key for a question outside every
repeat (``age``: what every store, bundle and export has always used), else the instance
path and the question's key (``members[2]/age``; ``members[2]/mother/age`` for a name used
twice). Question keys never contain ``[``, so the split is unambiguous.

The store keeps the two parts in two columns (``answers.instance``, ``answers.field``); the
engine, bundles and paper files use the joined field key.
"""

from __future__ import annotations

import re

_STEP = re.compile(r"([^\[\]/]+)\[([1-9][0-9]*)\]")


def field_key(instance: str, name: str) -> str:
    """``('members[2]', 'age')`` -> ``'members[2]/age'``; ``('', 'age')`` -> ``'age'``."""
    return f"{instance}/{name}" if instance else name


def split_key(key: str) -> tuple[str, str]:
    """``'members[2]/age'`` -> ``('members[2]', 'age')``; ``'age'`` -> ``('', 'age')``."""
    i = key.rfind("]/")
    if i < 0:
        return "", key
    return key[:i + 1], key[i + 2:]


def child_instance(parent: str, repeat: str, index: int) -> str:
    """The path of instance ``index`` of ``repeat`` inside the instance ``parent``."""
    return field_key(parent, f"{repeat}[{index}]")


def parent_instance(instance: str) -> str:
    """``'members[2]/visits[1]'`` -> ``'members[2]'``; a top-level instance -> ``''``."""
    i = instance.rfind("/")
    return instance[:i] if i >= 0 else ""


def steps(instance: str) -> list[tuple[str, int]]:
    """``'members[2]/visits[1]'`` -> ``[('members', 2), ('visits', 1)]``.

    Raises ValueError for text that is not an instance path (a bundle or a paper file may
    carry anything)."""
    if not instance:
        return []
    out = []
    for part in instance.split("/"):
        m = _STEP.fullmatch(part)
        if m is None:
            raise ValueError(instance)
        out.append((m.group(1), int(m.group(2))))
    return out


def last_step(instance: str) -> tuple[str, int]:
    """``'members[2]/visits[1]'`` -> ``('visits', 1)``."""
    found = steps(instance)
    if not found:
        raise ValueError(instance)
    return found[-1]


def sort_key(key: str) -> tuple:
    """Orders instance paths and field keys by position, not as text (``r[10]`` after ``r[9]``)."""
    out: list = []
    for part in key.split("/"):
        m = _STEP.fullmatch(part)
        out.append((m.group(1), int(m.group(2))) if m else (part, 0))
    return tuple(out)
