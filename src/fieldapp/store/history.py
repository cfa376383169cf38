"""``interview_history`` and ``conflicts`` (coordinator): revisions not held as the current one.

History keeps superseded and older revisions of an interview; conflicts keep a copy that
arrived with the revision already held but different content, for review (the held one stays).
Records are kept as canonical JSON text, exactly as they arrived or were held.
"""

from __future__ import annotations

import json
from typing import Any

from fieldapp.store.conn import Connection

#: (interview id, revision, record JSON, superseded at)
HistoryRow = tuple[str, int, str, str]
#: (interview id, revision, record JSON, bundle id, at)
ConflictRow = tuple[str, int, str, str, str]


def has_revision(conn: Connection, interview_id: str, revision: int) -> bool:
    return conn.execute("SELECT 1 FROM interview_history WHERE interview_id = ? AND revision = ?",
                        (interview_id, revision)).fetchone() is not None


def add(conn: Connection, rows: list[HistoryRow]) -> None:
    conn.executemany(
        "INSERT INTO interview_history(interview_id, revision, record, superseded_at) VALUES (?,?,?,?)", rows)


def keep_superseded(conn: Connection, row: HistoryRow) -> None:
    """The revision being replaced, unless history already holds it."""
    conn.execute("INSERT OR IGNORE INTO interview_history(interview_id, revision, record, superseded_at) "
                 "VALUES (?,?,?,?)", row)


def conflicting(conn: Connection, interview_id: str, revision: int) -> list[dict[str, Any]]:
    """The records already kept as conflicts for this interview revision."""
    return [json.loads(t) for (t,) in conn.execute(
        "SELECT record FROM conflicts WHERE interview_id = ? AND revision = ?", (interview_id, revision))]


def add_conflicts(conn: Connection, rows: list[ConflictRow]) -> None:
    conn.executemany("INSERT INTO conflicts(interview_id, revision, record, bundle_id, at) VALUES (?,?,?,?,?)",
                     rows)
