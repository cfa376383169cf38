"""Shared helpers for benchmarks: percentiles and budget checks."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path


def pct(samples: list[float], q: float) -> float:
    data = sorted(samples)
    if not data:
        return float("nan")
    k = (len(data) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(pct(samples, 0.5) * 1000, 3),
        "p95_ms": round(pct(samples, 0.95) * 1000, 3),
        "mean_ms": round(statistics.fmean(samples) * 1000, 3),
        "n": len(samples),
    }


def budget(name: str, value: float, limit: float) -> dict:
    return {"name": name, "value": round(value, 3), "limit": limit, "ok": bool(value <= limit)}


def plain_sqlite_answer_inserts(path: Path, rows: list[tuple]) -> float:
    """Seconds for plain SQLite (WAL, synchronous=FULL, same table) to insert ``rows`` of
    (interview_id, field, value, status, updated_at) in one transaction: the baseline of
    every bulk benchmark. The database is deleted afterwards."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (interview_id TEXT, field TEXT, value TEXT, status TEXT, "
                 "updated_at TEXT, PRIMARY KEY (interview_id, field)) WITHOUT ROWID")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO answers VALUES (?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return elapsed


#: The upsert of one answer, as the store's autosave writes it.
UPSERT = (
    "INSERT INTO answers(interview_id, field, value, status, updated_at) VALUES (?,?,?,?,?) "
    "ON CONFLICT(interview_id, field) DO UPDATE SET value = excluded.value, "
    "status = excluded.status, updated_at = excluded.updated_at"
)


def plain_sqlite_upserts(path: Path, fields: list[str]) -> list[float]:
    """Seconds of each of ``len(fields)`` one-answer transactions of plain SQLite (WAL,
    synchronous=FULL, the store's table shape), each upserting the next field of ``fields``:
    the baseline of every autosave benchmark."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (interview_id TEXT, field TEXT, value TEXT, status TEXT, "
                 "updated_at TEXT, PRIMARY KEY (interview_id, field)) WITHOUT ROWID")
    samples = []
    for i, name in enumerate(fields):
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(UPSERT, ("iv1", name, f'"{i}"', "answered", "2026-01-01T00:00:00Z"))
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - t)
    conn.close()
    return samples
