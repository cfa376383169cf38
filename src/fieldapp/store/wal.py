"""What SQLite keeps beside store.db, and how the store makes sure old page versions are gone.

In WAL mode every change is appended to ``store.db-wal`` and copied into store.db at a
checkpoint; SQLite then truncates or deletes the WAL without overwriting it, so the earlier
versions of every page changed since (answers an export just purged, pages under a data key
just replaced) stay in the freed blocks, and in the WAL file itself until then (issue #17,
finding 4). ``scrub`` checkpoints everything and overwrites the WAL in place before it is
truncated.

Even a scrubbed WAL cannot help a commit that must leave no trace at the instant it is
durable: in WAL mode the old page versions are still in store.db until the next checkpoint.
``erasing_transaction`` therefore commits in rollback-journal mode (``DELETE``): the old
versions go to ``store.db-journal``, the new ones are written into store.db itself
(``secure_delete`` zeroes deleted cells), and the commit is the deletion of the journal,
with the folder fsynced (``synchronous = EXTRA``) so a power cut cannot bring it back.

media.db (store/mediadb.py) is always in rollback-journal mode: it has no WAL to scrub, and
every pragma here names ``main`` (an unqualified ``journal_mode`` would switch it too).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldapp.errors import StoreError
from fieldapp.store.conn import Connection

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Leftovers:
    """Files a process that died with the store open leaves behind (seen before opening)."""

    wal_bytes: int = 0
    journal_bytes: int = 0

    @property
    def any(self) -> bool:
        return bool(self.wal_bytes or self.journal_bytes)


def leftovers(db_path: Path) -> Leftovers:
    def size(suffix: str) -> int:
        try:
            return os.stat(f"{db_path}{suffix}").st_size
        except FileNotFoundError:
            return 0

    return Leftovers(size("-wal"), size("-journal"))


def scrub(conn: Connection, db_path: Path) -> None:
    """Fold the WAL into store.db and overwrite it with zeros in place, then truncate it.

    Safe while the connection stays open: after a complete RESTART checkpoint every frame
    is in store.db (fsynced) and no reader uses the WAL, and the next writer starts it
    afresh with a new header. A crash after the overwrite leaves a WAL with no valid header,
    which SQLite treats as empty.
    """
    busy, frames, done = conn.execute("PRAGMA main.wal_checkpoint(RESTART)").fetchone()
    if busy or (frames > 0 and frames != done):
        raise StoreError("store.wal_busy", frames=frames, done=done)
    wal = Path(f"{db_path}-wal")
    with contextlib.suppress(FileNotFoundError):
        overwrite(wal)
    conn.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")


def overwrite(path: Path) -> int:
    """Write zeros over every byte of ``path`` (same size, same blocks) and fsync it."""
    fd = os.open(path, os.O_WRONLY)
    try:
        size = os.fstat(fd).st_size
        zeros = bytes(min(CHUNK, size))
        offset = 0
        while offset < size:
            offset += os.pwrite(fd, zeros[: min(CHUNK, size - offset)], offset)
        os.fsync(fd)
        return size
    finally:
        os.close(fd)


def discard_cold_journal(db_path: Path) -> int | None:
    """Overwrite and remove a rollback journal SQLite left behind as *cold*; its size, or None.

    Call only with the store lock held and after the connection has read the database: a hot
    journal (an ``erasing_transaction`` cut by a crash) has been rolled back and deleted by
    SQLite then, so one still there is one SQLite will never read again, e.g. an empty or
    header-less file from a process killed while it was creating the journal. Left in place
    it makes ``verify`` report a journal in an open store, and whatever pages it holds
    (encrypted, but old versions) would stay on the disk.
    """
    from fieldapp.fileio import _fsync_dir

    journal = Path(f"{db_path}-journal")
    try:
        size = overwrite(journal)
    except FileNotFoundError:
        return None
    journal.unlink()
    _fsync_dir(journal.parent)
    return size


@contextlib.contextmanager
def erasing_transaction(conn: Connection, db_path: Path) -> Iterator[Connection]:
    """BEGIN ... COMMIT after which no earlier version of a changed page is in any
    file of the store folder (the caller scrubbed the WAL first). It must write store.db
    alone (``mediadb.untouched``): a transaction writing two files commits through SQLite's
    super-journal, whose deletion is the commit point, and each file's journal, old pages and
    all, is deleted only after it."""
    mode = conn.execute("PRAGMA main.journal_mode = DELETE").fetchone()[0]
    if str(mode).lower() != "delete":
        raise StoreError("store.wal_busy", frames=-1, done=-1)
    try:
        conn.execute("PRAGMA main.synchronous = EXTRA")
        # Not BEGIN IMMEDIATE: that starts a write on every attached file, media.db included,
        # and two files in a write make SQLite commit through a super-journal, whose deletion
        # is the commit point while store.db-journal, with the old pages, is deleted after it
        # (a kill between the two left the purged answers in the folder). The store's lock
        # keeps every other writer out, so taking the write lock at the first write is safe.
        conn.execute("BEGIN")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        back_to_wal(conn)


def back_to_wal(conn: Connection) -> None:
    """The everyday mode: WAL with synchronous = FULL (one fsync per autosave)."""
    conn.execute("PRAGMA main.synchronous = FULL")
    conn.execute("PRAGMA main.journal_mode = WAL")
