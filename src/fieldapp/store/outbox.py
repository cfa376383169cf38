"""The ``outbox`` table (field device): each exported bundle's sealed copy until its receipt.

A row is written in the export's transaction; a verified receipt empties ``sealed`` and sets
``receipt_at`` (the row stays, as history). Since issue #17 (finding 6) a row keeps the day
it was made and how many interviews the bundle holds, never which: ``interview_ids`` holds
that count as a JSON number (rows of earlier releases: a JSON list of ids). Sealed bytes never leave this module except to be
written again, unchanged, by ``resend``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fieldapp.store.conn import Connection


@dataclass(frozen=True)
class OutboxRow:
    bundle_id: str
    seq: int
    created_at: str
    interviews: int
    size: int  # bytes of the sealed copy still held (0 once acknowledged)
    receipt_at: str | None


@dataclass(frozen=True)
class Sent:
    """What a receipt is checked against: the sealed bytes' hash and what the bundle held."""

    bundle_id: str
    sha256: str
    interviews: int
    receipt_at: str | None


def add(conn: Connection, bundle_id: str, seq: int, created_at: str, sha256: str, sealed: bytes,
        interviews: int) -> None:
    conn.execute(
        "INSERT INTO outbox(bundle_id, seq, created_at, sha256, sealed, interview_ids) VALUES (?,?,?,?,?,?)",
        (bundle_id, seq, created_at, sha256, sealed, json.dumps(interviews)))


def _count(text: str) -> int:
    value = json.loads(text)
    return value if isinstance(value, int) else len(value)


def rows(conn: Connection) -> list[OutboxRow]:
    out = conn.execute("SELECT bundle_id, seq, created_at, interview_ids, length(sealed), receipt_at "
                       "FROM outbox ORDER BY seq").fetchall()
    return [OutboxRow(b, s, c, _count(ids), n, r) for b, s, c, ids, n, r in out]


def waiting(conn: Connection) -> list[tuple[str, bytes]]:
    """(sha256, sealed bytes) of every bundle without a receipt, oldest first."""
    return [(d, bytes(s)) for d, s in conn.execute(
        "SELECT sha256, sealed FROM outbox WHERE receipt_at IS NULL ORDER BY seq")]


def find(conn: Connection, bundle_id: str) -> Sent | None:
    row = conn.execute("SELECT sha256, interview_ids, receipt_at FROM outbox WHERE bundle_id = ?",
                       (bundle_id,)).fetchone()
    if row is None:
        return None
    return Sent(bundle_id, row[0], _count(row[1]), row[2])


def acknowledge(conn: Connection, bundle_id: str, at: str) -> None:
    """The coordinator has the bundle: drop its sealed copy, keep the row as history."""
    conn.execute("UPDATE outbox SET sealed = x'', receipt_at = ? WHERE bundle_id = ?", (at, bundle_id))
