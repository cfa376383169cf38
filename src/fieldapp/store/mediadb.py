"""media.db: the media answers' chunks in a SQLCipher database of their own (decision 0024).

A store folder holds two databases: ``store.db`` (everything, the ``media`` rows with each
media's own chunk key included) and ``media.db`` beside it, which holds only
``media_chunks`` (each chunk sealed with its media's key, store/media.py). ``media.db`` is
ATTACHed to the store's one connection as schema ``mediadb``, so a statement or a
transaction sees both; unqualified ``media_chunks`` names its table.

Why a second file: the chunks are most of a store's bytes and are read and written in bulk
(a 2 GB bundle), where store.db's 4 KiB pages with HMAC-SHA512 cost most of the time.
media.db uses 64 KiB pages with HMAC-SHA256 (the chunks inside are authenticated once more
by ChaCha20-Poly1305 under keys held in store.db); store.db keeps its settings, since small
answer writes must stay fast. media.db runs in rollback-journal mode (``DELETE``,
``synchronous = EXTRA``): a bulk write puts its new pages into the file once, where WAL
writes them into the log, into the database and zeros over the log.

Key: ``derive_key(data_key)``, HKDF-SHA256 of the store's data key (info
``fieldapp media.db v1``), given as a raw key; replaced with the data key (``Store._rotate``
re-keys both files). SQLCipher reads an attached file's first page at ATTACH, with the
process-wide ``cipher_default_*`` settings: ``media_defaults`` sets them for the ATTACH
alone, under ``DEFAULTS_LOCK``, which db.py holds whenever it keys a connection.

Cross-file order (SQLite commits the files of a WAL-mode connection one by one, main
first): a media row may only name chunks already committed, and a deleted row's chunks go
after it. Deleting a ``media`` row deletes its chunks in the same transaction (the
``media_chunks_go`` temp trigger); a crash between the two commits leaves chunks no row
names, sealed under a key that is gone, which ``sweep`` removes at every open.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Iterator
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlcipher3 import dbapi2 as sqlcipher

from fieldapp.errors import StoreError
from fieldapp.store.conn import Connection

NAME = "media.db"
SCHEMA = "mediadb"
FILES = (NAME, f"{NAME}-journal")
PAGE_SIZE = 65536
HMAC = "HMAC_SHA256"
#: store.db's settings, which every other connection of the process must get.
MAIN_PAGE_SIZE = 4096
MAIN_HMAC = "HMAC_SHA512"
#: The largest chunk whose row fits in one page of media.db: a table row up to U - 35 bytes
#: (U: the page less SQLCipher's 48 reserved bytes) stays on its leaf page, and the row adds
#: the media id, the number, a 16-byte tag and a record header (under 60 bytes). A larger
#: chunk spills into overflow pages, which SQLite reads into a buffer of its own and frees,
#: and on a field laptop ``cipher_memory_security`` fills every freed buffer with random
#: bytes: 256 KiB chunks read at 300 MB per processor second there, one-page chunks at 740
#: (decision 0024). 255 x 256 bytes.
CHUNK_BYTES = 65280
#: The page cache of media.db (16 MiB: 256 pages); a bulk write spills beyond it.
CACHE_KIB = 16384
KEY_INFO = b"fieldapp media.db v1"
#: Held while a connection is keyed or media.db attached (cipher_default_* are process-wide).
DEFAULTS_LOCK = threading.RLock()

CHUNKS_TABLE = f"""
CREATE TABLE {SCHEMA}.media_chunks (  -- not WITHOUT ROWID: rows are large blobs
    media_id      TEXT NOT NULL,      -- a main.media row's; chunks no row names are swept
    n             INTEGER NOT NULL,   -- 0, 1, 2 ... in order
    data          BLOB NOT NULL,      -- sealed with the media's key (store/media.py)
    UNIQUE (media_id, n)
)"""


def derive_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_INFO).derive(data_key)


def _raw(key: bytes) -> str:
    return "x'" + key.hex() + "'"


@contextlib.contextmanager
def media_defaults(conn: Connection) -> Iterator[None]:
    with DEFAULTS_LOCK:
        conn.execute(f"PRAGMA cipher_default_page_size = {PAGE_SIZE}")
        conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {HMAC}")
        try:
            yield
        finally:
            conn.execute(f"PRAGMA cipher_default_page_size = {MAIN_PAGE_SIZE}")
            conn.execute(f"PRAGMA cipher_default_hmac_algorithm = {MAIN_HMAC}")


def _attach_as(conn: Connection, path: Path, schema: str, data_key: bytes) -> None:
    # The key is a bound parameter and no trace callback is set (fieldapp never sets one).
    conn.set_trace_callback(None)
    with media_defaults(conn):
        conn.execute(f"ATTACH DATABASE ? AS {schema} KEY ?", (str(path), _raw(derive_key(data_key))))


def _settings(conn: Connection, schema: str = SCHEMA) -> None:
    mode = conn.execute(f"PRAGMA {schema}.journal_mode = DELETE").fetchone()[0]
    if str(mode).lower() != "delete":
        raise StoreError("store.media_damaged", path=NAME, detail=f"journal mode {mode}")
    conn.execute(f"PRAGMA {schema}.synchronous = EXTRA")
    conn.execute(f"PRAGMA {schema}.secure_delete = ON")
    conn.execute(f"PRAGMA {schema}.cache_size = -{CACHE_KIB}")


def attach(conn: Connection, folder: Path, keys: list[bytes], create: bool) -> tuple[bytes, bool]:
    """Attach ``folder``/media.db under the first data key (of ``keys``) whose derived key
    opens it: (that key, whether the file was created here). ``create``: a store being made
    or one older than media.db (its migration fills it); otherwise a missing, emptied or
    undecryptable media.db is ``store.media_missing`` / ``store.media_damaged``."""
    path = Path(folder) / NAME
    created = False
    if not path.exists():
        if not create:
            raise StoreError("store.media_missing", path=str(path))
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        created = True
    for n, key in enumerate(keys):
        try:
            _attach_as(conn, path, SCHEMA, key)
            has_table = conn.execute(f"SELECT count(*) FROM {SCHEMA}.sqlite_master "
                                     "WHERE name = 'media_chunks'").fetchone()[0]
        except sqlcipher.DatabaseError as exc:
            with contextlib.suppress(sqlcipher.Error):
                conn.execute(f"DETACH DATABASE {SCHEMA}")
            if n + 1 < len(keys):
                continue
            if create and not created:
                # left by a migration cut short (the store is older than media.db): start afresh
                path.unlink()
                return attach(conn, folder, keys[:1], create)
            raise StoreError("store.media_damaged", path=str(path), detail=str(exc)) from None
        if not has_table and not create:
            conn.execute(f"DETACH DATABASE {SCHEMA}")
            raise StoreError("store.media_damaged", path=str(path), detail="no media_chunks table")
        _settings(conn)
        return key, created
    raise StoreError("store.media_damaged", path=str(path), detail="no key")


def ready(conn: Connection) -> None:
    """The temp trigger that deletes a media row's chunks with it (also through the row's
    cascade from its interview), unless ``temp.media_purge`` holds a row (``purge_rows``)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS media_purge (on_ INTEGER)")
    conn.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS media_chunks_go AFTER DELETE ON main.media "
                 f"WHEN NOT EXISTS (SELECT 1 FROM temp.media_purge) BEGIN "
                 f"DELETE FROM {SCHEMA}.media_chunks WHERE media_id = old.media_id; END")


@contextlib.contextmanager
def untouched(conn: Connection) -> Iterator[None]:
    """No statement may write media.db meanwhile: the temp trigger that deletes a row's
    chunks is dropped, and made again after (``ready``).

    For ``Store.erasing_transaction``. A statement that only *may* write media.db (a DELETE on
    ``media``, or on ``interviews`` cascading to it, with the trigger in place, however many
    rows it deletes) makes its transaction a two-file one, and SQLite commits those through
    a super-journal (``store.db-mj*``): the commit point is that file's deletion, and
    ``store.db-journal``, with the old versions of every page the transaction changed (the
    purged answers), is deleted only after it. A process killed between the two left that
    journal in the folder, decryptable with the store's key and never rolled back. With one
    file written, deleting ``store.db-journal`` is the commit itself. The chunks of the
    media rows deleted meanwhile are left to ``sweep``, which follows the commit."""
    conn.execute("DROP TRIGGER IF EXISTS temp.media_chunks_go")
    try:
        yield
    finally:
        ready(conn)


@contextlib.contextmanager
def purge_rows(conn: Connection) -> Iterator[None]:
    """Within a transaction: ``media`` rows deleted meanwhile leave their chunks, for
    ``sweep`` after the commit (the export: the keys go, zeroed, in the erasing commit; the
    chunks' pages are dropped whole afterwards instead of freed one overflow chain at a time)."""
    conn.execute("INSERT INTO temp.media_purge VALUES (1)")
    try:
        yield
    finally:
        conn.execute("DELETE FROM temp.media_purge")


@contextlib.contextmanager
def no_secure_delete(conn: Connection) -> Iterator[None]:
    """``secure_delete`` off on media.db while chunks whose key is gone are freed."""
    (before,) = conn.execute(f"PRAGMA {SCHEMA}.secure_delete").fetchone()
    conn.execute(f"PRAGMA {SCHEMA}.secure_delete = OFF")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA {SCHEMA}.secure_delete = {'ON' if before else 'OFF'}")


def orphans(conn: Connection) -> int:
    """Chunks no media row names (an index scan: no chunk is read)."""
    return conn.execute(f"SELECT count(*) FROM {SCHEMA}.media_chunks WHERE media_id NOT IN "
                        "(SELECT media_id FROM main.media)").fetchone()[0]


def sweep(conn: Connection, folder: Path, data_key: bytes) -> int:
    """Remove the chunks no media row names (their keys are gone): when no media row is left
    at all, media.db is replaced whole by an empty one (the common case after an export: no
    page is read or rewritten), else they are deleted with ``secure_delete`` off. Returns how
    many there were. Needs no transaction open."""
    count = orphans(conn)
    if not count:
        return 0
    if conn.execute("SELECT count(*) FROM main.media").fetchone()[0] == 0:
        replace(conn, folder, data_key)
        return count
    with no_secure_delete(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"DELETE FROM {SCHEMA}.media_chunks WHERE media_id NOT IN "
                         "(SELECT media_id FROM main.media)")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return count


def replace(conn: Connection, folder: Path, data_key: bytes) -> None:
    """A fresh, empty media.db in place of the attached one (made under a temp name, then
    renamed over it: a crash leaves the old file or the new one, never none). The old file's
    blocks hold pages under the current data key (replaced next at an export) of chunks
    sealed with keys already gone."""
    from fieldapp.fileio import TEMP_PREFIX, _fsync_dir

    folder = Path(folder)
    tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}"
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        _attach_as(conn, tmp, "mediadb_new", data_key)
        try:
            _settings(conn, "mediadb_new")
            conn.execute(CHUNKS_TABLE.replace(f"{SCHEMA}.", "mediadb_new.", 1))
        finally:
            conn.execute("DETACH DATABASE mediadb_new")
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        conn.execute("DROP TRIGGER IF EXISTS temp.media_chunks_go")
        conn.execute(f"DETACH DATABASE {SCHEMA}")
        os.replace(tmp, folder / NAME)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        if conn.execute(f"SELECT count(*) FROM pragma_database_list WHERE name = '{SCHEMA}'").fetchone()[0] == 0:
            _fsync_dir(folder)
            attach(conn, folder, [data_key], create=False)
        ready(conn)


def rekey_statement(new_data_key: bytes) -> str:
    """The one statement carrying media.db's key (see db._rekey)."""
    return f"PRAGMA {SCHEMA}.rekey = \"{_raw(derive_key(new_data_key))}\""


class WriteOut:
    """Sends what a long transaction has written into media.db on to the disk as it goes:
    every ``every`` steps, the file's dirty pages are handed to the kernel's writeback
    (``posix_fadvise(DONTNEED)`` starts it and drops the pages already clean: PostgreSQL's
    ``pg_flush_data`` does the same where ``sync_file_range`` is missing). The commit's fsync
    then waits for the last of it, not for the gigabytes a media bundle writes (decision 0027).
    Only SQLCipher's encrypted pages are in that file. Does nothing where the call is missing."""

    def __init__(self, conn: Connection, every: int = 64) -> None:
        self._fd = -1
        self._every, self._steps = every, 0
        if not hasattr(os, "posix_fadvise"):
            return
        for _seq, name, file in conn.execute("PRAGMA database_list"):
            if name == SCHEMA and file:
                self._fd = os.open(file, os.O_RDONLY)

    def step(self) -> None:
        self._steps += 1
        if self._fd >= 0 and self._steps % self._every == 0:
            os.posix_fadvise(self._fd, 0, 0, os.POSIX_FADV_DONTNEED)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
