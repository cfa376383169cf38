"""Emergency crypto-erase: make a store impossible to open, then remove its files.

The only copy of the database key is wrapped in ``keyslots.json``. Overwriting that file
with random bytes (fsynced) and then deleting it destroys the key, so whatever remains of
``store.db`` on disk is ciphertext that nobody can decrypt. That takes milliseconds whatever
the database size; deleting the database files afterwards is tidiness, not the protection.
(On flash storage an overwrite is not guaranteed to reach the old cells; the wrapped key
left there would still need the passphrase. docs/security.md says so.)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

from fieldapp.errors import StoreError
from fieldapp.store.db import DB_NAME, SLOTS_NAME


def wipe_store(folder: str | Path) -> float:
    """Crypto-erase and remove the store at ``folder``; returns the seconds it took."""
    folder = Path(folder)
    slots = folder / SLOTS_NAME
    if not slots.is_file():
        raise StoreError(f"There is no fieldapp store at {folder} (no key-slot file).")
    start = time.perf_counter()
    size = max(slots.stat().st_size, 4096)
    fd = os.open(slots, os.O_WRONLY)
    try:
        for _ in range(2):
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, secrets.token_bytes(size))
            os.fsync(fd)
    finally:
        os.close(fd)
    os.unlink(slots)
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal"):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    for leftover in folder.glob(".fieldapp-tmp-*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
    with contextlib.suppress(OSError):
        (folder / "store.lock").unlink()
    with contextlib.suppress(OSError):
        folder.rmdir()
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dfd = os.open(folder.parent, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)
    return time.perf_counter() - start
