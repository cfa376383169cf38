"""Opening, keying, migrating, verifying and closing a store folder.

A store is a folder::

    store.db (+ -wal, -shm)   SQLCipher 4 database, keyed with a random 256-bit data key
    keyslots.json             the data key wrapped per unlock method (fieldapp.crypto.keyslots)
    store.lock                OS lock against a second writer

This module is the only place that keys a connection. The data key is passed as a raw key
with ``set_key`` (not a PRAGMA string, which can leak through trace callbacks) and the first
statement reads, which detects a wrong key before anything is written.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from fieldapp.crypto.keyslots import KeySlots
from fieldapp.errors import StoreError, WrongPassphrase
from fieldapp.fileio import atomic_write, orphan_temp_files
from fieldapp.store import audit, keys, schema
from fieldapp.store.conn import Connection
from fieldapp.store.lock import StoreLock

DB_NAME = "store.db"
SLOTS_NAME = "keyslots.json"
ROLES = ("interviewer", "coordinator")
SQLITE_HEADER = b"SQLite format 3\x00"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_store(path: Path) -> bool:
    return (Path(path) / SLOTS_NAME).is_file() and (Path(path) / DB_NAME).is_file()


def _connect(db_path: Path, data_key: bytes):
    conn = sqlcipher.connect(str(db_path), isolation_level=None, check_same_thread=False)
    try:
        raw = bytearray(b"x'" + data_key.hex().encode("ascii") + b"'")
        conn.set_key(raw)
        for i in range(len(raw)):
            raw[i] = 0
        conn.execute("PRAGMA cipher_log_level = NONE")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError:
            raise StoreError(
                "The database does not match its key slots (damaged or replaced store.db)."
            ) from None
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Encrypted pages are costly to spill and re-read: a 64 MiB page cache keeps bulk
        # imports (20,000 interviews in one transaction) in memory until commit.
        conn.execute("PRAGMA cache_size = -65536")
        return conn
    except BaseException:
        conn.close()
        raise


@dataclass
class StoreInfo:
    store_id: str
    role: str
    device_id: str
    created_at: str
    schema_version: int


class Store:
    """An open, unlocked store. Use as a context manager or call ``close()``.

    The connection is shared by threads through one lock (the GUI runs store work in
    workers); every write goes through ``transaction()``.
    """

    def __init__(self, folder: Path, conn, slots: KeySlots, lock: StoreLock,
                 data_key: bytes | None = None) -> None:
        self.folder = Path(folder)
        # Kept while open (SQLCipher holds it too) only to add the escrow slot at enrolment.
        self._data_key = data_key
        self._conn = conn
        self._slots = slots
        self._lock = lock
        self._mutex = threading.RLock()
        self.info = self._read_info()
        if self.info.role == "interviewer":
            # Wipe and lock SQLCipher's memory on field laptops (decision 0001, item 9). It is
            # process-wide and cannot be switched off again; coordinator stores leave it off
            # because it makes bulk imports about 30x slower.
            conn.execute("PRAGMA cipher_memory_security = ON")

    # -- lifecycle --------------------------------------------------------------------------
    @classmethod
    def create(
        cls, folder: str | Path, passphrase: str, role: str, kdf: dict[str, int] | None = None
    ) -> Store:
        """Create a new store folder (it must be absent or empty)."""
        if role not in ROLES:
            raise StoreError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.")
        folder = Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise StoreError(f"{folder} already exists and is not an empty folder; choose a new one.")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
        lock = StoreLock(folder)
        lock.acquire()
        try:
            slots, data_key = KeySlots.new(passphrase, kdf)
            conn = _connect(folder / DB_NAME, data_key)
            try:
                _migrate(conn, record=False)
                with _tx(conn):
                    created = now_utc()
                    conn.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [
                            ("store_id", slots.store_id),
                            ("role", role),
                            ("device_id", secrets.token_hex(8)),
                            ("created_at", created),
                        ],
                    )
                    audit.append(conn, "store.create", {"role": role})
                    # Device signing key (every store) and, for a coordinator, the project's
                    # age and signing keys: created with the store, inside the same transaction.
                    keys.ensure_keys(conn, role)
                header = (folder / DB_NAME).read_bytes()[:16]
                if header == SQLITE_HEADER:
                    raise StoreError("Refusing to continue: the database was written without encryption.")
                atomic_write(folder / SLOTS_NAME, slots.to_bytes())
            except BaseException:
                conn.close()
                raise
            return cls(folder, conn, slots, lock, data_key)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, folder: str | Path, passphrase: str, migrate: bool = True) -> Store:
        """Unlock a store. A wrong passphrase raises ``WrongPassphrase`` and changes no file."""
        folder = Path(folder)
        if not folder.is_dir():
            raise StoreError(f"There is no store at {folder}.")
        if not is_store(folder):
            raise StoreError(f"{folder} is not a fieldapp store (no key slots or database).")
        slots = KeySlots.from_bytes((folder / SLOTS_NAME).read_bytes())
        data_key = slots.unlock(passphrase)  # before the lock or the DB are touched
        lock = StoreLock(folder)
        lock.acquire()
        try:
            conn = _connect(folder / DB_NAME, data_key)
            try:
                try:
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                except sqlcipher.DatabaseError as exc:
                    raise StoreError(f"The database is damaged ({exc}).") from None
                if version > schema.latest_version():
                    raise StoreError(
                        f"This store was made by a newer fieldapp (schema {version}); update fieldapp to open it."
                    )
                if version < schema.latest_version():
                    if not migrate:
                        raise StoreError(f"This store needs an upgrade from schema {version}.")
                    _migrate(conn)
                try:
                    store = cls(folder, conn, slots, lock, data_key)
                except sqlcipher.DatabaseError as exc:
                    raise StoreError(
                        "The database is damaged: a page failed authentication or integrity "
                        f"checks ({exc}); restore it from a backup or re-import its bundles."
                    ) from None
                store._remove_orphan_temp_files()
                if store.info.store_id != slots.store_id:
                    raise StoreError("The database and its key slots belong to different stores.")
                return store
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                with contextlib.suppress(sqlcipher.Error):
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None
            self._data_key = None
            self._lock.release()

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- access -----------------------------------------------------------------------------
    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise StoreError("The store is locked.")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error)."""
        with self._mutex:
            with _tx(self.conn) as conn:
                yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._mutex:
            yield self.conn

    def audit(self, conn: Connection, action: str, detail: dict | None = None) -> None:
        audit.append(conn, action, detail)

    def _read_info(self) -> StoreInfo:
        meta = dict(self.conn.execute("SELECT key, value FROM meta"))
        return StoreInfo(
            store_id=meta.get("store_id", ""),
            role=meta.get("role", ""),
            device_id=meta.get("device_id", ""),
            created_at=meta.get("created_at", ""),
            schema_version=self.conn.execute("PRAGMA user_version").fetchone()[0],
        )

    @property
    def role(self) -> str:
        return self.info.role

    # -- keys -------------------------------------------------------------------------------
    def change_passphrase(self, current: str, new: str, kdf: dict[str, int] | None = None) -> None:
        """Re-wrap the data key under a new passphrase (the database is not re-keyed).

        The current passphrase is asked again (as every password change does) and unwraps
        the data key; the old wrapping is overwritten atomically.
        """
        data_key = self._slots.unlock(current)
        self._slots.set_passphrase(data_key, new, kdf)
        with self.transaction() as conn:
            audit.append(conn, "store.passphrase_changed", {})
            atomic_write(self.folder / SLOTS_NAME, self._slots.to_bytes())

    def _remove_orphan_temp_files(self) -> None:
        """Delete what a write killed before its rename left behind (we hold the lock, so no
        write is in progress); ``warnings()`` mentions them once."""
        self.cleaned_temp = []
        for tmp in orphan_temp_files(self.folder):
            with contextlib.suppress(OSError):
                tmp.unlink()
                self.cleaned_temp.append(tmp.name)

    def set_escrow(self, recipients: list[str]) -> bool:
        """Add (or refresh) key slot 1: the data key sealed to the coordinator's keys."""
        if self._data_key is None:
            raise StoreError("The store is locked.")
        if not self._slots.set_escrow(self._data_key, recipients):
            return False
        with self.transaction() as conn:
            audit.append(conn, "store.escrow_slot_set", {"recipients": len(recipients)})
            atomic_write(self.folder / SLOTS_NAME, self._slots.to_bytes())
        return True

    @classmethod
    def recover(cls, folder: str | Path, identities: list[str], new_passphrase: str,
                kdf: dict[str, int] | None = None) -> Store:
        """Reopen a store whose passphrase is lost, with the coordinator's age identity,
        and set a new passphrase (slot 0 re-wrapped; the data is untouched)."""
        folder = Path(folder)
        if not is_store(folder):
            raise StoreError(f"{folder} is not a fieldapp store (no key slots or database).")
        slots = KeySlots.from_bytes((folder / SLOTS_NAME).read_bytes())
        data_key = slots.recover(identities)
        lock = StoreLock(folder)
        lock.acquire()
        try:
            conn = _connect(folder / DB_NAME, data_key)
        except BaseException:
            lock.release()
            raise
        store = cls(folder, conn, slots, lock, data_key)
        try:
            slots.set_passphrase(data_key, new_passphrase, kdf)
            with store.transaction() as c:
                audit.append(c, "store.recovered", {})
                atomic_write(folder / SLOTS_NAME, slots.to_bytes())
        except BaseException:
            store.close()
            raise
        return store

    # -- verify -----------------------------------------------------------------------------
    def verify(self) -> list[str]:
        """Every problem found, one sentence each; empty when the store is sound."""
        problems: list[str] = []
        with self.reading() as conn:
            try:
                for (msg,) in conn.execute("PRAGMA cipher_integrity_check"):
                    problems.append(f"database page failed authentication (altered or corrupted): {msg}")
                rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
                if rows != ["ok"]:
                    problems.extend(f"database integrity: {r}" for r in rows[:10])
                fk = conn.execute("PRAGMA foreign_key_check").fetchall()
                if fk:
                    problems.append(f"database integrity: {len(fk)} rows point to missing parents")
                problems.extend(audit.check_chain(conn))
                # Record-level invariants (every interview in exactly one state, ...).
                from fieldapp.store.verify import record_problems

                problems.extend(record_problems(conn))
            except sqlcipher.DatabaseError as exc:
                problems.append(f"the database is damaged ({exc})")
        problems.extend(self._slots.problems())
        for tmp in orphan_temp_files(self.folder):
            problems.append(f"an interrupted write left a temporary file: {tmp.name}")
        return problems

    def warnings(self) -> list[str]:
        cleaned = [f"removed {n}, left by an interrupted write before this store was opened"
                   for n in getattr(self, "cleaned_temp", [])]
        return self._slots.warnings() + cleaned


@contextlib.contextmanager
def _tx(conn: Connection) -> Iterator[Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _migrate(conn, record: bool = True) -> None:
    """Run the ladder from the store's version; ``record`` False for a store being created
    (its audit chain starts with ``store.create``, not with the steps that built the schema)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for target in range(version + 1, schema.latest_version() + 1):
        with _tx(conn):
            schema.MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
            if target > 1 and record:
                audit.append(conn, "store.migrate", {"to": target})


__all__ = ["Store", "StoreInfo", "WrongPassphrase", "is_store", "ROLES"]
