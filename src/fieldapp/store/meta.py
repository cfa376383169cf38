"""The ``meta`` table's counters: a field device's bundle sequence number and chain hash.

``bundle_seq`` is the number of the last bundle this laptop exported (0 before the first)
and ``bundle_prev`` the SHA-256 of that bundle's manifest ('' before the first); the next
export signs both (ARCHITECTURE s.5: gaps and a broken chain are flagged by the coordinator).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.store.conn import Connection

BUNDLE_SEQ, BUNDLE_PREV = "bundle_seq", "bundle_prev"


def get(conn: Connection, key: str, default: str) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return default if row is None else row[0]


def put(conn: Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


@dataclass(frozen=True)
class BundleCounters:
    seq: int   # the last bundle exported (0: none yet)
    prev: str  # its manifest's SHA-256, hex ('' before the first)


def bundle_counters(conn: Connection) -> BundleCounters:
    return BundleCounters(int(get(conn, BUNDLE_SEQ, "0")), get(conn, BUNDLE_PREV, ""))


def set_bundle_counters(conn: Connection, seq: int, prev: str) -> None:
    """Record bundle ``seq`` (manifest hash ``prev``) as exported, in the export's transaction."""
    put(conn, BUNDLE_SEQ, str(seq))
    put(conn, BUNDLE_PREV, prev)
