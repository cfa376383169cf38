"""Emergency wipe of a 1 GB store, against ``shutil.rmtree`` of a plain folder of the same size.

Budget (issue 7): under 1 s for a 1 GB store. The store is real: created by ``Store.create``
and filled with random blobs through its own (encrypted, WAL, synchronous=FULL) connection
until store.db reaches the target size. If filling would take too long on this machine, the
run stops at the size reached (at least 256 MB) and reports it, with the projection.

``FIELDAPP_BENCH_WIPE_MB`` sets the target size (default 1024).
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
MB = 1024 * 1024
BLOB = 1 * MB
PER_TRANSACTION = 64  # blobs: 64 MB per commit keeps the WAL bounded
MIN_MB = 256
#: Stop filling after this long (once MIN_MB is reached) and report the size reached.
FILL_BUDGET_S = 240.0


def _fill(folder: Path, target_mb: int) -> tuple[int, float]:
    """A coordinator store of about ``target_mb`` MB; returns (store.db MB, seconds)."""
    from fieldapp.crypto.keyslots import FAST_KDF
    from fieldapp.store import Store

    start = time.perf_counter()
    with Store.create(folder, PASSPHRASE, "coordinator", kdf=FAST_KDF) as store:
        with store.transaction() as conn:
            conn.execute("CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        written = 0
        while written < target_mb:
            with store.transaction() as conn:
                conn.executemany("INSERT INTO bench_scratch(data) VALUES (?)",
                                 ((secrets.token_bytes(BLOB),) for _ in range(PER_TRANSACTION)))
            written += PER_TRANSACTION * BLOB // MB
            # Fold the WAL back into store.db as we go, so the file on disk is the real size.
            with store.reading() as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            if written >= MIN_MB and time.perf_counter() - start > FILL_BUDGET_S:
                break
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return size // MB, time.perf_counter() - start


def _plain_folder(folder: Path, size_mb: int) -> None:
    folder.mkdir()
    with open(folder / "data.bin", "wb") as fh:
        chunk = secrets.token_bytes(16 * MB)
        for _ in range(size_mb // 16):
            fh.write(chunk)
        fh.write(chunk[: (size_mb % 16) * MB])
        fh.flush()
        os.fsync(fh.fileno())


def main() -> dict:
    from fieldapp.errors import StoreError
    from fieldapp.store import Store
    from fieldapp.store.wipe import wipe_store

    target = int(os.environ.get("FIELDAPP_BENCH_WIPE_MB", "1024"))
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-wipe-") as tmp:
        root = Path(tmp)
        store = root / "store"
        size_mb, fill_s = _fill(store, target)
        wipe_s = wipe_store(store)
        gone = not store.exists()
        # The key is gone even if someone kept the database bytes: nothing opens it.
        store.mkdir()
        (store / "store.db").write_bytes(b"\0" * 4096)
        try:
            Store.open(store, PASSPHRASE)
            reopened = True
        except StoreError:
            reopened = False
        shutil.rmtree(store)

        plain = root / "plain"
        _plain_folder(plain, size_mb)
        start = time.perf_counter()
        shutil.rmtree(plain)
        rmtree_s = time.perf_counter() - start

    return {
        "benchmark": "wipe",
        "store_mb": size_mb,
        "target_mb": target,
        "fill_seconds": round(fill_s, 1),
        "wipe_seconds": round(wipe_s, 4),
        "baseline_rmtree_seconds": round(rmtree_s, 4),
        "ratio_vs_rmtree": round(wipe_s / rmtree_s, 2) if rmtree_s else None,
        "files_removed": gone,
        "reopened_after_wipe": reopened,
        "note": ("store smaller than the 1 GB target: filling stopped at the time budget"
                 if size_mb < target * 0.95 else ""),
        "budgets": [budget("wipe_seconds", wipe_s, 1.0)],
        "ok": bool(wipe_s <= 1.0 and gone and not reopened),
    }


if __name__ == "__main__":
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(main(), indent=2))
