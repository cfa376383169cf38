"""The audit log: an append-only hash chain inside the encrypted database.

Each entry's hash covers the previous hash and the entry's canonical JSON, so editing,
deleting or reordering an entry breaks the chain and ``fieldapp verify`` names the first
broken entry. Details hold counts, ids and outcomes, never answers or keys.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS = bytes(32)


def _entry_hash(prev: bytes, seq: int, at: str, action: str, detail: str) -> bytes:
    body = json.dumps([seq, at, action, detail], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(prev + body.encode("ascii")).digest()


def append(conn, action: str, detail: dict[str, Any] | None = None, day_only: bool = False) -> None:
    """Append one entry; call inside the transaction of the action it records.

    ``day_only``: the entry's time is the day alone (a field laptop's interview work: an
    unlocked laptop must not tell when each interview was made, issue #17 finding 6)."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, bytes(row[1])) if row else (1, GENESIS)
    at = datetime.now(UTC).strftime("%Y-%m-%d" if day_only else "%Y-%m-%dT%H:%M:%SZ")
    text = json.dumps(detail or {}, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    digest = _entry_hash(prev, seq, at, action, text)
    conn.execute(
        "INSERT INTO audit(seq, at, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?)",
        (seq, at, action, text, prev, digest),
    )


def check_chain(conn) -> list[str]:
    """Problems in the chain, one sentence each (empty when intact)."""
    problems = []
    prev = GENESIS
    expected_seq = 1
    for seq, at, action, detail, prev_hash, digest in conn.execute(
        "SELECT seq, at, action, detail, prev_hash, hash FROM audit ORDER BY seq"
    ):
        if seq != expected_seq:
            problems.append(f"audit log: entry {expected_seq} is missing")
            break
        if bytes(prev_hash) != prev or _entry_hash(prev, seq, at, action, detail) != bytes(digest):
            problems.append(f"audit log: entry {seq} ({action}) was altered")
            break
        prev = bytes(digest)
        expected_seq += 1
    return problems


def entries(conn, limit: int = 200) -> list[dict[str, Any]]:
    return [
        {"seq": s, "at": a, "action": act, "detail": json.loads(d)}
        for s, a, act, d in conn.execute(
            "SELECT seq, at, action, detail FROM audit ORDER BY seq DESC LIMIT ?", (limit,)
        )
    ]
