"""Unlock time, and the cost of replacing the data key (passwd re-encrypts the whole store).

Unlock: ``Store.open`` with the real Argon2id cost, against the Argon2id derivation alone
(the baseline: what any passphrase-locked store must spend). Budget: 0.5-1 s (issue #17).

Rekey: ``change_passphrase`` on a coordinator store of ``FIELDAPP_BENCH_REKEY_MB`` MB
(default 256; cheap KDF so the derivation does not hide the re-encryption), against copying
store.db to a new file and fsyncing it (the I/O floor of rewriting every page). Also reports
how many progress reports the caller got and the projection for 1 GB.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import budget

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
NEW = "harbor-pencil-meadow-violin-copper-lantern"
MB = 1024 * 1024


def _unlock(folder: Path) -> tuple[float, float]:
    from fieldapp.crypto.keyslots import DEFAULT_KDF, _derive
    from fieldapp.store import Store

    os.environ.pop("FIELDAPP_INSECURE_FAST_KDF", None)
    Store.create(folder / "u", PASSPHRASE, "interviewer").close()
    opens, derives = [], []
    for _ in range(3):
        t = time.perf_counter()
        Store.open(folder / "u", PASSPHRASE).close()
        opens.append(time.perf_counter() - t)
        t = time.perf_counter()
        _derive(PASSPHRASE, secrets.token_bytes(16), DEFAULT_KDF)
        derives.append(time.perf_counter() - t)
    return min(opens), min(derives)


def _filled(folder: Path, target_mb: int):
    from fieldapp.crypto.keyslots import FAST_KDF
    from fieldapp.store import Store

    store = Store.create(folder, PASSPHRASE, "coordinator", kdf=FAST_KDF)
    with store.transaction() as conn:
        conn.execute("CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
    for _ in range(0, target_mb, 32):
        with store.transaction() as conn:
            conn.executemany("INSERT INTO bench_scratch(data) VALUES (?)",
                             ((secrets.token_bytes(MB),) for _ in range(32)))
        with store.reading() as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


def _copy_baseline(src: Path, dst: Path) -> float:
    t = time.perf_counter()
    shutil.copyfile(src, dst)
    fd = os.open(dst, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    return time.perf_counter() - t


def main() -> dict:
    from fieldapp.crypto.keyslots import FAST_KDF

    target = int(os.environ.get("FIELDAPP_BENCH_REKEY_MB", "256"))
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-unlock-") as tmp:
        root = Path(tmp)
        unlock_s, derive_s = _unlock(root)
        store = _filled(root / "big", target)
        size_mb = (root / "big" / "store.db").stat().st_size / MB
        reports = []
        t = time.perf_counter()
        store.change_passphrase(PASSPHRASE, NEW, kdf=FAST_KDF,
                                progress=lambda done, total, message="": reports.append(done))
        rekey_s = time.perf_counter() - t
        store.close()
        copy_s = _copy_baseline(root / "big" / "store.db", root / "copy.db")
    return {
        "benchmark": "unlock",
        "unlock_seconds": round(unlock_s, 3),
        "baseline_argon2id_seconds": round(derive_s, 3),
        "unlock_ratio_vs_argon2id": round(unlock_s / derive_s, 2),
        "store_mb": round(size_mb, 1),
        "passwd_rekey_seconds": round(rekey_s, 2),
        "rekey_ms_per_mb": round(rekey_s * 1000 / size_mb, 1),
        "projected_1gb_seconds": round(rekey_s * 1024 / size_mb, 1),
        "baseline_copy_fsync_seconds": round(copy_s, 2),
        "rekey_ratio_vs_copy": round(rekey_s / copy_s, 2) if copy_s else None,
        "progress_reports": len(reports),
        "budgets": [budget("unlock s (max)", unlock_s, 1.0),
                    {"name": "unlock s (min)", "value": round(unlock_s, 3), "limit": 0.5,
                     "ok": bool(unlock_s >= 0.5)}],
    }


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(main(), indent=2))
