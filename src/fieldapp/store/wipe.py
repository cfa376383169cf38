"""Emergency crypto-erase: make a store impossible to open, then remove its files.

The only copies of the database key are wrapped in ``store.keys``, a file that is only ever
rewritten in place (decision 0002), so no earlier version of it sits in freed blocks.
Overwriting it with random bytes (fsynced) and deleting it destroys the key; whatever
remains of ``store.db`` on disk is ciphertext that nobody can decrypt. That takes
milliseconds whatever the database size; deleting the database files afterwards is
tidiness, not the protection. A store of an older release still has ``keyslots.json``
(replaced by rename on every change, so earlier copies may survive in free space: they are
why the upgrade replaces the data key); it is destroyed the same way.

What no program can promise: on flash storage (SSDs, USB sticks, SD cards) an overwrite
may land in fresh cells while the old ones keep their bytes until the drive reuses them, and
copy-on-write filesystems or snapshots (btrfs, ZFS, APFS snapshots, Time Machine, VSS) keep
old versions by design. docs/security.md says so: full-disk encryption is the answer there.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from fieldapp.crypto import slotfile
from fieldapp.errors import StoreError
from fieldapp.fileio import TEMP_PREFIX
from fieldapp.store import keyfile
from fieldapp.store.db import DB_FILES


def wipe_store(folder: str | Path) -> float:
    """Crypto-erase and remove the store at ``folder``; returns the seconds it took."""
    folder = Path(folder)
    if not keyfile.exists(folder):
        raise StoreError("store.wipe_not_a_store", path=str(folder))
    start = time.perf_counter()
    keyfile.destroy(folder)
    # Temp files of an interrupted write (an old release wrote keyslots.json this way).
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            slotfile.destroy(leftover, passes=1)
    # store.db and media.db (decision 0024), with what SQLite keeps beside them; a
    # super-journal (store.db-mj*) is left only by a crash inside a two-file commit.
    for path in [*(folder / name for name in DB_FILES), *folder.glob(f"{DB_FILES[0]}-mj*")]:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    with contextlib.suppress(OSError):
        (folder / "store.lock").unlink()
    # Sealed copies waiting for a receipt (store/outbox.py): age ciphertext only the
    # coordinator opens, removed so the folder says nothing about bundles either.
    outbox = folder / "outbox"
    if outbox.is_dir():
        for kept in outbox.iterdir():
            with contextlib.suppress(OSError):
                kept.unlink()
        with contextlib.suppress(OSError):
            outbox.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dfd = os.open(folder.parent, os.O_RDONLY)
            os.fsync(dfd)
            os.close(dfd)
    return time.perf_counter() - start
