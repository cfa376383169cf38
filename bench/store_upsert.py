"""Unlock time and one-answer autosave latency, against plain SQLite doing the same upsert.

Budget (ARCHITECTURE s.9): p95 under 10 ms and within 2x of plain SQLite with the same
durability settings (WAL, synchronous=FULL), one transaction per answer.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.common import budget, plain_sqlite_upserts, summary_ms

N = 500
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
#: The store's own statement since schema v3 (answers keyed by repeat instance too; '' outside
#: repeats): the same row, the same work.
STORE_UPSERT = (
    "INSERT INTO answers(interview_id, instance, field, value, status, updated_at) VALUES (?,'',?,?,?,?) "
    "ON CONFLICT(interview_id, instance, field) DO UPDATE SET value = excluded.value, "
    "status = excluded.status, updated_at = excluded.updated_at"
)


def main() -> dict:
    os.environ.pop("FIELDAPP_INSECURE_FAST_KDF", None)  # measure the real Argon2id cost
    from fieldapp.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        Store.create(folder / "store", PASSPHRASE, "interviewer").close()
        unlocks = []
        for _ in range(3):
            t = time.perf_counter()
            store = Store.open(folder / "store", PASSPHRASE)
            unlocks.append(time.perf_counter() - t)
            store.close()
        with Store.open(folder / "store", PASSPHRASE) as store:
            store.conn.execute("PRAGMA foreign_keys = OFF")  # no interview row: measure the upsert alone
            ours = []
            for i in range(N):
                t = time.perf_counter()
                with store.transaction() as conn:
                    conn.execute(STORE_UPSERT, ("iv1", f"q{i % 50}", f'"{i}"', "answered", "2026-01-01T00:00:00Z"))
                ours.append(time.perf_counter() - t)
        base = plain_sqlite_upserts(folder / "plain.db", [f"q{i % 50}" for i in range(N)])
    s_ours, s_base = summary_ms(ours), summary_ms(base)
    ratio = s_ours["p95_ms"] / s_base["p95_ms"] if s_base["p95_ms"] else float("nan")
    return {
        "benchmark": "store_upsert",
        "unlock_seconds": round(min(unlocks), 3),
        "upsert_fieldapp": s_ours,
        "upsert_plain_sqlite": s_base,
        "p95_ratio_vs_sqlite": round(ratio, 2),
        "budgets": [budget("upsert p95 ms", s_ours["p95_ms"], 10), budget("p95 ratio", ratio, 2.0),
                    budget("unlock s", min(unlocks), 2.0)],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
