"""The ``imports`` table (coordinator): the import ledger, one row per bundle merged.

``report`` is the import report as JSON (counts, notices, the manifest hash; never answers).
A refused bundle leaves no row: a refusal changes nothing in the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldapp.store.conn import Connection


@dataclass(frozen=True)
class LedgerEntry:
    seq: int
    bundle_id: str
    report: dict[str, Any]


def was_imported(conn: Connection, bundle_id: str) -> bool:
    return conn.execute("SELECT 1 FROM imports WHERE bundle_id = ? AND outcome = 'imported'",
                        (bundle_id,)).fetchone() is not None


def imported_from(conn: Connection, device_id: str) -> dict[int, LedgerEntry]:
    """The bundles merged from ``device_id``, by sequence number (a reused number: the last row)."""
    rows = conn.execute("SELECT seq, bundle_id, report FROM imports WHERE device_id = ? AND outcome = 'imported'",
                        (device_id,)).fetchall()
    return {seq: LedgerEntry(seq, bundle_id, json.loads(report)) for seq, bundle_id, report in rows}


def record(conn: Connection, bundle_id: str, sha256: str, device_id: str, seq: int, at: str, outcome: str,
           report: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO imports(bundle_id, sha256, device_id, seq, at, outcome, report) VALUES (?,?,?,?,?,?,?)",
        (bundle_id, sha256, device_id, seq, at, outcome, json.dumps(report, sort_keys=True, ensure_ascii=False)))
