"""Helpers for store tests: snapshots of a folder's bytes, canary search."""

from __future__ import annotations

import hashlib
from pathlib import Path

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below ``folder``."""
    folder = Path(folder)
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def files_containing(root: Path, needles: list[bytes]) -> list[str]:
    """Files below ``root`` containing any needle (also as UTF-16, as some tools write it)."""
    variants = []
    for n in needles:
        variants += [n, n.decode("utf-8").encode("utf-16-le")]
    hits = []
    for p in Path(root).rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if any(v in data for v in variants):
                hits.append(str(p))
    return hits
