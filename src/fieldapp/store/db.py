"""Opening, keying, migrating, verifying and closing a store folder.

A store is a folder::

    store.db (+ -wal, -shm)   SQLCipher 4 database, keyed with a random 256-bit data key (0600)
    media.db (+ -journal)     the media chunks' own SQLCipher database, ATTACHed as ``mediadb``
                              (64 KiB pages, HMAC-SHA256, rollback journal; store/mediadb.py,
                              decision 0024), keyed with a key derived from the data key
    store.keys                the data key wrapped per unlock method, rewritten in place
                              (fieldapp.crypto.keyslots in fieldapp.crypto.slotfile)
    store.lock                OS lock against a second writer

This module is the only place that keys a connection. The data key is passed as a raw key
with ``set_key`` (not a PRAGMA string, which can leak through trace callbacks; re-keying is
the one exception, see ``_rekey``) and the first statement reads, which detects a wrong key
before anything is written.

The data key is replaced - and the whole database re-encrypted - whenever the passphrase
changes, a store is recovered, a store of an older release is upgraded, and after every
export from a field laptop (decision 0002): a copy of an old key file, with a passphrase
that was once valid, then opens nothing written since.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from fieldapp.crypto.keyslots import KeySlots, new_data_key
from fieldapp.errors import StoreError, WrongPassphrase
from fieldapp.fileio import orphan_temp_files
from fieldapp.messages import plural
from fieldapp.progress import ProgressSink, no_progress
from fieldapp.store import audit, keyfile, keys, mediadb, schema, wal
from fieldapp.store.conn import Connection
from fieldapp.store.keyfile import KEYS_NAME, LEGACY_NAME
from fieldapp.store.lock import StoreLock

DB_NAME = "store.db"
#: The key file (kept under this name for callers of earlier releases).
SLOTS_NAME = KEYS_NAME
ROLES = ("interviewer", "coordinator")
SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLite virtual-machine instructions between two looks at ``Store.interrupt`` (cheap: a flag).
INTERRUPT_CHECK_EVERY = 2000
DB_FILES = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", f"{DB_NAME}-journal", *mediadb.FILES)
MEDIA_DB = mediadb.NAME
#: Audit action recorded when a data-key rotation completes, by its reason.
ROTATION_AUDIT = {"passwd": "store.passphrase_changed", "recover": "store.recovered",
                  "upgrade": "store.key_file_upgraded", "export": "store.data_key_replaced"}


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_store(path: Path) -> bool:
    return keyfile.exists(Path(path)) and (Path(path) / DB_NAME).is_file()


def _raw(data_key: bytes) -> bytearray:
    return bytearray(b"x'" + data_key.hex().encode("ascii") + b"'")


def _wipe(buf: bytearray) -> None:
    for i in range(len(buf)):
        buf[i] = 0


def _private_files(folder: Path) -> list[str]:
    """Create store.db 0600 before SQLite does (it gives -wal, -shm and -journal the mode of
    the database file), and tighten files an older release (or a copy that lost its modes)
    left readable by others, the key file included."""
    db = folder / DB_NAME
    if not db.exists():
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    fixed = []
    for name in (*DB_FILES, KEYS_NAME):
        with contextlib.suppress(FileNotFoundError):
            if (folder / name).stat().st_mode & 0o077:
                os.chmod(folder / name, 0o600)
                fixed.append(name)
    return fixed


def _connect(db_path: Path, keys: list[bytes]):
    """A keyed connection and the key that opened it (the first of ``keys`` that does)."""
    with mediadb.DEFAULTS_LOCK:  # keyed with store.db's settings, never media.db's
        return _connect_keyed(db_path, keys)


def _connect_keyed(db_path: Path, keys: list[bytes]):
    for n, data_key in enumerate(keys):
        conn = sqlcipher.connect(str(db_path), isolation_level=None, check_same_thread=False)
        try:
            raw = _raw(data_key)
            conn.set_key(raw)
            _wipe(raw)
            conn.execute("PRAGMA cipher_log_level = NONE")
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlcipher.DatabaseError:
                conn.close()
                if n + 1 < len(keys):
                    continue
                raise StoreError("store.key_mismatch") from None
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Encrypted pages are costly to spill and re-read: a 64 MiB page cache keeps bulk
            # imports (20,000 interviews in one transaction) in memory until commit.
            conn.execute("PRAGMA cache_size = -65536")
            return conn, data_key
        except BaseException:
            conn.close()
            raise
    raise StoreError("store.key_mismatch")


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
        # Kept while open (SQLCipher holds it too) for the escrow slot and key rotation.
        self._data_key = data_key
        # The data key media.db was opened under (the previous one after a cut rotation).
        self._media_key = data_key
        self._conn = conn
        self._slots = slots
        self._lock = lock
        self._mutex = threading.RLock()
        self._notes: list[str] = []
        # Set by interrupt() (a lock during a long merge): SQLite asks every few thousand
        # VM instructions and aborts the running statement, even between executemany rows,
        # where sqlite3_interrupt alone would be lost.
        self._stop = threading.Event()
        conn.set_progress_handler(self._should_stop, INTERRUPT_CHECK_EVERY)
        self.info = self._read_info()
        if self.info.role == "interviewer":
            # Wipe and lock SQLCipher's memory on field laptops (decision 0001, item 9). It is
            # process-wide and cannot be switched off again; coordinator stores leave it off
            # because it makes bulk imports about 30x slower.
            conn.execute("PRAGMA cipher_memory_security = ON")

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def media_path(self) -> Path:
        return self.folder / MEDIA_DB

    # -- lifecycle --------------------------------------------------------------------------
    @classmethod
    def create(
        cls, folder: str | Path, passphrase: str, role: str, kdf: dict[str, int] | None = None
    ) -> Store:
        """Create a new store folder (it must be absent or empty)."""
        if role not in ROLES:
            raise StoreError("store.bad_role", role=str(role))
        folder = Path(folder)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise StoreError("store.exists", path=str(folder))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.chmod(0o700)
        lock = StoreLock(folder)
        lock.acquire()
        try:
            slots, data_key = KeySlots.new(passphrase, kdf)
            _private_files(folder)
            conn, _ = _connect(folder / DB_NAME, [data_key])
            try:
                mediadb.attach(conn, folder, [data_key], create=True)
                _migrate(conn, record=False)
                mediadb.ready(conn)
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
                    assert slots.sign_wrap is not None  # KeySlots.new makes one
                    keys.seal_device_key(conn, slots.sign_wrap, record=False)
                for name in (DB_NAME, MEDIA_DB):
                    with open(folder / name, "rb") as fh:
                        if fh.read(16) == SQLITE_HEADER:
                            raise StoreError("store.unencrypted")
                keyfile.create(folder, slots)
            except BaseException:
                conn.close()
                raise
            return cls(folder, conn, slots, lock, data_key)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, folder: str | Path, passphrase: str, migrate: bool = True,
             progress: ProgressSink = no_progress) -> Store:
        """Unlock a store. A wrong passphrase raises ``WrongPassphrase`` and changes no file.

        Also finishes what a crash interrupted: a data-key rotation, a key-file write, the
        upgrade of an older release's ``keyslots.json``; a write-ahead log left by a process
        that died is folded in and overwritten (``warnings()`` says so).
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise StoreError("store.missing", path=str(folder))
        if not is_store(folder):
            raise StoreError("store.not_a_store", path=str(folder))
        loaded = keyfile.load(folder)
        slots = loaded.slots
        data_key = slots.unlock(passphrase)  # before the lock or the DB are touched
        previous = slots.previous_key(data_key)
        return cls._open_keyed(folder, loaded, data_key, previous, migrate, progress,
                               passphrase=passphrase)

    @classmethod
    def _open_keyed(cls, folder: Path, loaded: keyfile.Loaded, data_key: bytes,
                    previous: bytes | None, migrate: bool, progress: ProgressSink,
                    passphrase: str | None = None) -> Store:
        lock = StoreLock(folder)
        lock.acquire()
        try:
            left = wal.leftovers(folder / DB_NAME)
            tightened = _private_files(folder)
            candidates = [k for k in (data_key, previous) if k]
            conn, used = _connect(folder / DB_NAME, candidates)
            created = False
            try:
                older = _schema_version(conn) < schema.MEDIA_DB_VERSION
                media_used, created = mediadb.attach(conn, folder, candidates, create=older)
                _check_schema(conn, migrate)
                mediadb.ready(conn)
                try:
                    store = cls(folder, conn, loaded.slots, lock, data_key)
                except sqlcipher.DatabaseError as exc:
                    raise StoreError("store.page_damaged", detail=str(exc)) from None
                store._media_key = media_used
                if store.info.store_id != loaded.slots.store_id:
                    raise StoreError("store.other_slots")
                store._notes += [f"{name} was readable by other users; it is now private to you"
                                 for name in tightened]
                store._settle(loaded, used, left, passphrase, progress)
                return store
            except BaseException:
                conn.close()
                if created:  # an older store's migration failed: its folder as it was
                    for name in mediadb.FILES:
                        (folder / name).unlink(missing_ok=True)
                raise
        except BaseException:
            lock.release()
            raise

    def _settle(self, loaded: keyfile.Loaded, used: bytes, left: wal.Leftovers,
                passphrase: str | None, progress: ProgressSink) -> None:
        """Everything an open finishes or cleans up, in crash-safe order."""
        self._destroy_orphan_temp_files()
        cold = wal.discard_cold_journal(self.db_path)
        if wal.discard_cold_journal(self.media_path) is not None:
            self._notes.append("the store was not closed properly last time (power cut or crash): "
                               "an unused rollback journal of media.db was overwritten and removed")
        with self._mutex:
            try:
                swept = mediadb.sweep(self._conn, self.folder, self._media_key)  # type: ignore[arg-type]
            except sqlcipher.DatabaseError as exc:
                raise StoreError("store.media_damaged", path=str(self.media_path), detail=str(exc)) from None
        if swept:
            self._notes.append(f"{plural(swept, 'media chunk', 'media chunks')} left by an interrupted "
                               "write or export, which no media answer names, "
                               f"{'was' if swept == 1 else 'were'} removed")
        if cold is not None:
            self._notes.append("the store was not closed properly last time (power cut or crash): "
                               "an unused rollback journal was overwritten and removed")
        # a journal SQLite left cold was not applied: only what it did read counts here
        applied = left.wal_bytes + (0 if cold is not None else left.journal_bytes)
        if applied:
            with self._mutex:
                wal.scrub(self._conn, self.db_path)
            self._notes.append(
                "the store was not closed properly last time (power cut or crash): "
                f"{applied} bytes of changes left in its "
                "write-ahead log or journal were applied and the log overwritten")
        if self._slots.rotation is not None:
            self._finish_rotation(db_key=used, progress=progress)
        elif loaded.needs_repair:
            keyfile.save(self.folder, self._slots)
            self._notes.append("one copy of the key file was incomplete (a write was cut); "
                               "it was rewritten")
        if self._slots.legacy:
            if passphrase is None:  # recovery: the new passphrase upgrades the file
                return
            # Earlier releases replaced keyslots.json by rename: old copies may survive in free
            # space, so the upgrade also replaces the data key they wrap.
            if self._slots.sign_wrap is None:
                self._slots.new_sign_wrap()
            self._rotate("upgrade", passphrase=passphrase, progress=progress)
        elif loaded.legacy_leftover and keyfile.destroy_legacy(self.folder):
            self._notes.append(f"the old key-slot file {LEGACY_NAME} was overwritten and removed")
        if passphrase is not None:
            self._seal_signing_key()

    def _seal_signing_key(self) -> None:
        """A store made before the signing wrap key existed: slot 0 gets one (key file first,
        so the database never holds a key sealed under a wrap key the file lacks), then the
        device signing key is sealed under it (issue #17, finding 5). ``secure_delete`` zeroes
        the clear copy's cell and the WAL is scrubbed."""
        with self._mutex:
            if self._slots.sign_wrap is None:
                self._slots.new_sign_wrap()
                try:
                    self._slots.rewrap(self._data_key)  # type: ignore[arg-type]
                    keyfile.save(self.folder, self._slots)
                except BaseException:
                    self._reload_slots()
                    raise
            wrap = self._slots.sign_wrap
            assert wrap is not None
            with _tx(self.conn) as conn:
                sealed = keys.seal_device_key(conn, wrap)
            if sealed:
                wal.scrub(self._conn, self.db_path)

    def close(self) -> None:
        self._stop.clear()  # closing scrubs the WAL: that must not be interrupted
        with self._mutex:
            if self._conn is not None:
                with contextlib.suppress(sqlcipher.Error, StoreError, OSError):
                    wal.scrub(self._conn, self.db_path)
                self._conn.close()
                self._conn = None
            self._data_key = self._media_key = None
            self._slots.forget()
            self._lock.release()

    @property
    def closed(self) -> bool:
        return self._conn is None

    def interrupt(self) -> None:
        """Abort what another thread is running on the store (locking during a long merge).

        Thread-safe and lock-free: every statement fails with "interrupted" until the store
        is closed, and the interrupted transaction rolls back, so a merge is kept completely
        or not at all. Only ever followed by ``close()``.
        """
        self._stop.set()
        conn = self._conn
        if conn is not None:
            conn.interrupt()

    def _should_stop(self) -> int:
        return 1 if self._stop.is_set() else 0

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- access -----------------------------------------------------------------------------
    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise StoreError("store.locked")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error)."""
        with self._mutex:
            with _tx(self.conn) as conn:
                yield conn

    @contextlib.contextmanager
    def erasing_transaction(self) -> Iterator[Connection]:
        """A write transaction after whose commit no earlier version of what it changed or
        deleted is in any file of the store folder, even if the process dies at the next
        instruction (issue #17, finding 4; used by export to purge answers). Then, on a field
        laptop, the data key is replaced, so the blocks the filesystem freed on the way hold
        nothing the current key can decrypt."""
        with self._mutex:
            wal.scrub(self.conn, self.db_path)
            # store.db alone: a commit through a super-journal outlives its commit point in
            # store.db-journal (mediadb.untouched)
            with mediadb.untouched(self.conn), wal.erasing_transaction(self.conn, self.db_path) as conn:
                yield conn
            # The media rows purged (mediadb.purge_rows) left their chunks: media.db replaced
            # whole when no media is left, else those chunks freed (decision 0024). Their keys
            # are gone with the commit; if this fails, the next open does it.
            try:
                mediadb.sweep(self.conn, self.folder, self._media_key)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001 - the transaction itself is committed
                self._notes.append(f"media chunks whose keys were purged could not be removed yet ({exc}); "
                                   "the next open removes them")
            if self.info.role == "interviewer":
                with contextlib.suppress(sqlcipher.Error):  # only a speed-up for the re-keying
                    _compact(self.conn)
                try:
                    self._rotate("export")
                except Exception as exc:  # noqa: BLE001 - the transaction itself is committed
                    self._notes.append(f"the data key could not be replaced after this export ({exc}); "
                                       "the next export or passphrase change replaces it")

    def sweep_media(self) -> int:
        """Remove the media chunks no media row names (``mediadb.sweep``); how many."""
        with self._mutex:
            return mediadb.sweep(self.conn, self.folder, self._media_key)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._mutex:
            yield self.conn

    def audit(self, conn: Connection, action: str, detail: dict | None = None) -> None:
        audit.append(conn, action, detail)

    def audit_work(self, conn: Connection, action: str, detail: dict) -> None:
        """An entry about interview work. On a field laptop it names no interview and gives
        the day only (issue #17, finding 6); a coordinator's log keeps ids and times."""
        if self.info.role == "interviewer":
            audit.append(conn, action, {k: v for k, v in detail.items() if k != "interview"}, day_only=True)
        else:
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
    def change_passphrase(self, current: str, new: str, kdf: dict[str, int] | None = None,
                          progress: ProgressSink = no_progress) -> None:
        """A new passphrase and a new data key; the whole database is re-encrypted.

        The current passphrase is asked again (as every password change does). Afterwards
        the old key file with the old passphrase opens nothing written since (issue #17,
        finding 2). All or nothing under a crash: the key file holds both data keys until
        the database is re-encrypted, and the next open finishes an interrupted change.
        """
        self._slots.unlock(current)
        self._rotate("passwd", passphrase=new, kdf=kdf, progress=progress)

    def _rotate(self, reason: str, passphrase: str | None = None,
                kdf: dict[str, int] | None = None, progress: ProgressSink = no_progress) -> None:
        """Replace the data key: key file first (both keys; the commit point), then the
        database, then the key file again without the old key."""
        with self._mutex:
            old = self._data_key
            if old is None:
                raise StoreError("store.locked")
            new = new_data_key()
            try:
                if passphrase is None:
                    self._slots.rewrap(new)
                else:
                    self._slots.set_passphrase(new, passphrase, kdf)
                self._slots.begin_rotation(old, new, reason)
                keyfile.save(self.folder, self._slots)
            except BaseException:
                self._reload_slots()
                raise
            self._data_key = new
            try:
                self._finish_rotation(db_key=old, progress=progress)
            except BaseException:
                # The key file holds both keys: the next open finishes the job. Until then
                # this object must not write under a key the file may not describe.
                self._abandon()
                raise

    def _abandon(self) -> None:
        """Lock the store without touching its files (after a failure mid-rotation)."""
        with self._mutex:
            if self._conn is not None:
                with contextlib.suppress(sqlcipher.Error):
                    self._conn.close()
                self._conn = None
            self._data_key = None
            self._slots.forget()
            self._lock.release()

    def _reload_slots(self) -> None:
        """Back to what the key file says (an in-memory change failed before it was saved)."""
        wrapping, sign_wrap = self._slots._wrapping, self._slots._sign_wrap
        self._slots = keyfile.load(self.folder).slots
        self._slots._wrapping, self._slots._sign_wrap = wrapping, sign_wrap

    def _finish_rotation(self, db_key: bytes, progress: ProgressSink) -> None:
        with self._mutex:
            reason = self._slots.rotation_reason or "passwd"
            if self._data_key is None:
                raise StoreError("store.locked")
            if db_key != self._data_key:
                _rekey(self.conn, self.db_path, self._data_key, progress)
            if self._media_key != self._data_key:
                _rekey(self.conn, self.media_path, self._data_key, progress, schema=mediadb.SCHEMA)
                self._media_key = self._data_key
            with _tx(self._conn) as conn:
                # after an export: the day only, like the export's own entry (finding 6)
                audit.append(conn, ROTATION_AUDIT.get(reason, "store.data_key_replaced"),
                             {"data_key": "replaced", "reason": reason}, day_only=reason == "export")
            # Pages under the old key must not outlive it in store.db or the WAL.
            wal.scrub(self._conn, self.db_path)
            self._slots.end_rotation()
            keyfile.save(self.folder, self._slots)

    def _destroy_orphan_temp_files(self) -> None:
        """Overwrite and delete what a write killed before its rename left behind (we hold
        the lock, so no write is in progress): such a file may be a key-slot file of an
        older release. ``warnings()`` mentions them once."""
        from fieldapp.crypto import slotfile

        for tmp in orphan_temp_files(self.folder):
            with contextlib.suppress(OSError):
                slotfile.destroy(tmp, passes=1)
                self._notes.append(
                    f"removed {tmp.name}, left by an interrupted write before this store was opened")

    def device_key(self) -> keys.SigningKey:
        """The device's signing key (opened with the signing wrap key of this unlock)."""
        with self.reading() as conn:
            return keys.device_key(conn, self._slots.sign_wrap)

    def set_escrow(self, recipients: list[str]) -> bool:
        """Add (or refresh) key slot 1: the data key sealed to the coordinator's keys."""
        if self._data_key is None:
            raise StoreError("store.locked")
        with self._mutex:
            if not self._slots.set_escrow(self._data_key, recipients):
                return False
            try:
                with self.transaction() as conn:
                    # set at a laptop's first export: the day only (finding 6)
                    audit.append(conn, "store.escrow_slot_set", {"recipients": len(recipients)}, day_only=True)
                    keyfile.save(self.folder, self._slots)
            except BaseException:
                self._reload_slots()
                raise
        return True

    @classmethod
    def recover(cls, folder: str | Path, identities: list[str], new_passphrase: str,
                kdf: dict[str, int] | None = None, progress: ProgressSink = no_progress) -> Store:
        """Reopen a store whose passphrase is lost, with the coordinator's age identity, and
        set a new passphrase (with a new data key, as ``change_passphrase``)."""
        folder = Path(folder)
        if not is_store(folder):
            raise StoreError("store.not_a_store", path=str(folder))
        loaded = keyfile.load(folder)
        data_key = loaded.slots.recover(identities)
        previous = loaded.slots.previous_key(data_key)
        store = cls._open_keyed(folder, loaded, data_key, previous, True, progress)
        try:
            # The escrow slot gives the data, never the signing key (sealed under the lost
            # passphrase's wrap key): the laptop gets a new one, which the coordinator trusts by
            # its words as this device's new key (issue #17, finding 5). The rotation then
            # wraps the new wrap key under the new passphrase.
            wrap = store._slots.new_sign_wrap()
            with store.transaction() as conn:
                keys.replace_device_key(conn, wrap, "recover")
            store._rotate("recover", passphrase=new_passphrase, kdf=kdf, progress=progress)
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
                for schema_name, name in (("main", DB_NAME), (mediadb.SCHEMA, MEDIA_DB)):
                    for (msg,) in conn.execute(f"PRAGMA {schema_name}.cipher_integrity_check"):
                        problems.append(f"database page of {name} failed authentication "
                                        f"(altered or corrupted): {msg}")
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
        from fieldapp.store.verify import folder_problems

        problems.extend(folder_problems(self.folder))
        return problems

    def warnings(self) -> list[str]:
        """Weaknesses and repairs made at open (``verify`` prints them; exit status 0)."""
        return self._slots.warnings() + list(self._notes)


def _schema_version(conn) -> int:
    try:
        return conn.execute("PRAGMA main.user_version").fetchone()[0]
    except sqlcipher.DatabaseError as exc:
        raise StoreError("store.damaged", detail=str(exc)) from None


def _check_schema(conn, migrate: bool) -> None:
    version = _schema_version(conn)
    if version > schema.latest_version():
        raise StoreError("store.too_new", version=version)
    if version < schema.latest_version():
        if not migrate:
            raise StoreError("store.needs_upgrade", version=version)
        _migrate(conn)


#: VACUUM holds the live database in memory (temp_store = MEMORY): only below this.
COMPACT_LIVE_LIMIT = 64 * 1024 * 1024


def _compact(conn: Connection) -> None:
    """After an export purged media, most of the file is free pages (their chunks are sealed
    with keys that are gone, store/media.py): VACUUM drops them so the re-keying that follows
    re-encrypts the live pages only, not gigabytes of dead ones. Skipped when little is free
    or the live part is too large to copy in memory (then the re-keying is just slower)."""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
    free = int(conn.execute("PRAGMA freelist_count").fetchone()[0])
    if free * page_size < 16 * 1024 * 1024 or free * 2 < pages or (pages - free) * page_size > COMPACT_LIVE_LIMIT:
        return
    conn.execute("VACUUM")


def _rekey(conn: Connection, db_path: Path, new_key: bytes, progress: ProgressSink,
           schema: str = "main") -> None:
    """Re-encrypt every page under ``new_key`` (SQLCipher's rekey: one transaction, so a crash
    leaves the database wholly under the old key or wholly under the new one).

    SQLCipher reports no progress; the pages it rewrites go to the WAL, so its growth,
    polled from a second thread, is the progress (about 12 ms per MB here, bench/unlock.py).
    The one statement that carries a key: ``reset_key`` would avoid it but holds Python's
    GIL for the whole re-encryption (seconds per GB), freezing the GUI and the progress
    thread, whereas a statement runs with the GIL released. No trace callback may see it:
    the connection's is cleared first (fieldapp never sets one).
    """
    page_size = int(conn.execute(f"PRAGMA {schema}.page_size").fetchone()[0])
    pages = int(conn.execute(f"PRAGMA {schema}.page_count").fetchone()[0])
    total = max(1, pages * (page_size + 24))
    # store.db's pages go to its WAL; media.db's old pages to its rollback journal
    grows = f"{db_path}-wal" if schema == "main" else f"{db_path}-journal"
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.25):
            with contextlib.suppress(OSError):
                progress(min(os.stat(grows).st_size, total - 1), total, "re-encrypting")

    watcher = threading.Thread(target=watch, name="fieldapp-rekey-progress", daemon=True)
    progress(0, total, "re-encrypting")
    watcher.start()
    conn.set_trace_callback(None)
    try:
        if schema == "main":
            conn.execute(f"PRAGMA main.rekey = \"x'{new_key.hex()}'\"")
        else:
            conn.execute(mediadb.rekey_statement(new_key))
    finally:
        done.set()
        watcher.join()
    progress(total, total, "re-encrypting")


@contextlib.contextmanager
def _tx(conn: Connection) -> Iterator[Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        # An interrupted write (a lock during a merge) may already have rolled SQLite back.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def _migrate(conn, record: bool = True) -> None:
    """Run the ladder from the store's version; ``record`` False for a store being created
    (its audit chain starts with ``store.create``, not with the steps that built the schema)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for target in range(version + 1, schema.latest_version() + 1):
        step = schema.MIGRATIONS[target - 1]
        before = getattr(step, "before", None)
        if before is not None:
            # Its own commit first (media.db's chunks copied, decision 0024): store.db still
            # holds them until the step itself commits, so a crash between the two loses none.
            with _tx(conn):
                before(conn)
        with _tx(conn):
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
            if target > 1 and record:
                audit.append(conn, "store.migrate", {"to": target})


__all__ = ["Store", "StoreInfo", "WrongPassphrase", "is_store", "ROLES"]
