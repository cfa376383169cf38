"""media.db: the media chunks' own SQLCipher database beside store.db (decision 0024).

Its settings, its key (derived from the data key and replaced with it), a missing or damaged
file, the chunks following their rows, the cross-file order of writes and what a crash
between the two commits leaves, the export's whole-file replacement, the import's two commits.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from fieldapp.errors import StoreError
from fieldapp.exchange import importer
from fieldapp.ops import media as ops_media
from fieldapp.store import Store, keyfile, mediadb, schema
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, store_keys
from tests.core.test_exchange_support import store_digest
from tests.core.test_media_bundle import MediaWorld
from tests.core.test_media_store import canary_file, interviewer_with_media_form

NEW_PASSPHRASE = "lantern-orbit-mosaic-fennel-quartz-hollow"
FROZEN = Path(__file__).resolve().parents[1] / "vectors" / "stores"
FROZEN_PASSPHRASE = "frozen-vector-store-passphrase-not-secret"


@pytest.fixture()
def store(tmp_path):
    yield from interviewer_with_media_form(tmp_path)


def _opens_with(path: Path, key: bytes) -> bool:
    """media.db opened on its own connection with a derived key and its settings."""
    conn = sqlcipher.connect(str(path))
    try:
        conn.set_key(bytearray(b"x'" + mediadb.derive_key(key).hex().encode() + b"'"))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA cipher_page_size = {mediadb.PAGE_SIZE}")
        conn.execute(f"PRAGMA cipher_hmac_algorithm = {mediadb.HMAC}")
        conn.execute("SELECT count(*) FROM media_chunks").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        conn.close()


def _attached(store: Store, tmp_path: Path, size: int = 600_000, name: str = "a.jpg"):
    iv = InterviewRepo(store).start("media_t")
    return iv, ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / name, size)).row


def test_media_db_has_its_own_settings_and_a_derived_key(store, tmp_path):
    iv, row = _attached(store, tmp_path)
    folder = store.folder
    conn = store.conn
    assert conn.execute("PRAGMA mediadb.cipher_page_size").fetchone()[0] == "65536"
    assert conn.execute("PRAGMA mediadb.cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA256"
    assert conn.execute("PRAGMA mediadb.journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA mediadb.secure_delete").fetchone()[0] == 1
    # store.db keeps its own: small answer writes stay fast
    assert conn.execute("PRAGMA main.cipher_page_size").fetchone()[0] == "4096"
    assert conn.execute("PRAGMA main.cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
    assert conn.execute("PRAGMA main.journal_mode").fetchone()[0] == "wal"
    # the chunks are in media.db only
    assert conn.execute("SELECT count(*) FROM main.sqlite_master WHERE name = 'media_chunks'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM mediadb.media_chunks").fetchone()[0] == row.chunks == 10
    # one page per chunk (mediadb.CHUNK_BYTES): no overflow page to read into a buffer apart
    assert conn.execute("PRAGMA mediadb.page_count").fetchone()[0] <= row.chunks + 3
    store.close()
    assert (folder / "media.db").stat().st_mode & 0o077 == 0
    assert (folder / "media.db").read_bytes()[:16] != b"SQLite format 3\x00"
    (key,) = store_keys(folder)
    assert _opens_with(folder / "media.db", key)
    conn = sqlcipher.connect(str(folder / "media.db"))  # not under the data key itself
    conn.set_key(bytearray(b"x'" + key.hex().encode() + b"'"))
    conn.execute("PRAGMA cipher_log_level = NONE")
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_a_missing_media_db_is_a_clear_error_and_changes_nothing(store, tmp_path):
    _attached(store, tmp_path)
    folder = store.folder
    store.close()
    kept = folder.parent / "media.db.kept"
    shutil.move(folder / "media.db", kept)
    before = store_digest(folder)
    with pytest.raises(StoreError) as err:
        Store.open(folder, PASSPHRASE)
    assert err.value.message.code == "store.media_missing"
    assert str(folder / "media.db") in str(err.value)
    assert store_digest(folder) == before and not (folder / "media.db").exists()
    shutil.move(kept, folder / "media.db")
    with Store.open(folder, PASSPHRASE) as s:  # the lock was released
        assert s.verify() == []


@pytest.mark.parametrize("damage", ["random", "empty"])
def test_a_damaged_media_db_is_a_clear_error(store, tmp_path, damage):
    _attached(store, tmp_path)
    folder = store.folder
    store.close()
    path = folder / "media.db"
    if damage == "random":
        with open(path, "r+b") as fh:
            fh.write(os.urandom(4096))
    else:
        path.write_bytes(b"")
    with pytest.raises(StoreError) as err:
        Store.open(folder, PASSPHRASE)
    assert err.value.message.code == "store.media_damaged"
    assert "media.db" in str(err.value)


def test_verify_finds_a_damaged_page_of_media_db(store, tmp_path):
    _attached(store, tmp_path)
    folder = store.folder
    store.close()
    with open(folder / "media.db", "r+b") as fh:  # one byte of the sixth page (a chunk's)
        fh.seek(5 * 65536 + 1000)
        b = fh.read(1)
        fh.seek(5 * 65536 + 1000)
        fh.write(bytes([b[0] ^ 1]))
    with Store.open(folder, PASSPHRASE) as s:
        assert any("media.db failed authentication" in p for p in s.verify())


def test_a_media_row_deleted_takes_its_chunks_with_it(store, tmp_path):
    iv, row = _attached(store, tmp_path)
    assert ops_media.delete_media(store, iv.id, "photo")
    assert store.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
    iv, row = _attached(store, tmp_path)
    InterviewRepo(store).delete_draft(iv.id)
    assert store.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
    iv, row = _attached(store, tmp_path)
    with store.transaction() as conn:  # the interview's cascade reaches the chunks too
        for table in ("answers", "sealed_answers", "repeat_instances"):
            conn.execute(f"DELETE FROM {table} WHERE interview_id = ?", (iv.id,))
        conn.execute("DELETE FROM interviews WHERE id = ?", (iv.id,))
    assert store.conn.execute("SELECT count(*) FROM media WHERE interview_id = ?", (iv.id,)).fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
    assert store.verify() == []


def test_chunks_no_row_names_are_swept_at_open(store, tmp_path):
    """What a crash between the commits of the two files leaves: chunks without their row
    (store.db committed first). The next open removes them and says so; with no media row
    left at all, media.db is replaced whole."""
    iv, kept = _attached(store, tmp_path)
    other, gone = _attached(store, tmp_path, 2_000_000, "b.jpg")
    with store.transaction() as conn, mediadb.purge_rows(conn):
        conn.execute("DELETE FROM media WHERE media_id = ?", (gone.media_id,))
    assert mediadb.orphans(store.conn) == gone.chunks
    folder = store.folder
    store.close()
    with Store.open(folder, PASSPHRASE) as s:
        assert any("left by an interrupted write or export" in w for w in s.warnings())
        assert mediadb.orphans(s.conn) == 0
        assert ops_media.read_media(s, iv.id, "photo") == (tmp_path / "a.jpg").read_bytes()
        assert s.verify() == []
        with s.transaction() as conn, mediadb.purge_rows(conn):
            conn.execute("DELETE FROM media")
    inode = (folder / "media.db").stat().st_ino
    with Store.open(folder, PASSPHRASE) as s:
        assert s.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
        assert s.verify() == []
    assert (folder / "media.db").stat().st_ino != inode  # a new, empty file
    assert (folder / "media.db").stat().st_size <= 3 * 65536


def test_a_passphrase_change_re_keys_media_db(store, tmp_path):
    iv, row = _attached(store, tmp_path)
    folder = store.folder
    (old,) = store_keys(folder)
    store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    store.close()
    (new,) = store_keys(folder, NEW_PASSPHRASE)
    assert not _opens_with(folder / "media.db", old) and _opens_with(folder / "media.db", new)
    with Store.open(folder, NEW_PASSPHRASE) as s:
        assert ops_media.read_media(s, iv.id, "photo") == (tmp_path / "a.jpg").read_bytes()
        assert s.verify() == []


def test_a_rotation_cut_between_the_two_files_is_finished_at_open(store, tmp_path, monkeypatch):
    """store.db re-keyed, then the process stops before media.db is: the key file holds both
    keys, so the next open opens media.db under the previous one and re-keys it."""
    from fieldapp.store import db

    iv, row = _attached(store, tmp_path)
    folder = store.folder
    real = db._rekey

    def cut(conn, db_path, new_key, progress, schema="main"):
        if schema != "main":
            raise OSError(5, "Input/output error")
        real(conn, db_path, new_key, progress, schema)

    monkeypatch.setattr(db, "_rekey", cut)
    with pytest.raises(OSError):
        store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    monkeypatch.undo()
    assert keyfile.load(folder).slots.rotation is not None
    with Store.open(folder, NEW_PASSPHRASE) as s:
        assert ops_media.read_media(s, iv.id, "photo") == (tmp_path / "a.jpg").read_bytes()
        assert s.verify() == []
    assert keyfile.load(folder).slots.rotation is None
    (new,) = store_keys(folder, NEW_PASSPHRASE)
    assert _opens_with(folder / "media.db", new)


def test_an_export_replaces_media_db_whole_and_a_crash_before_is_swept(tmp_path, monkeypatch):
    """Every media left: after the commit media.db is replaced by an empty file (no page of
    the 3 MB read or rewritten). Cut before that (the process killed after the commit), the
    next open does it."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 3 * 1024 * 1024)})
    inode = (w.laptop / "media.db").stat().st_ino
    w.export()
    assert (w.laptop / "media.db").stat().st_ino != inode
    assert (w.laptop / "media.db").stat().st_size <= 3 * 65536
    assert (w.laptop / "media.db").stat().st_mode & 0o077 == 0
    assert sorted(p.name for p in w.laptop.iterdir()) == ["media.db", "outbox", "store.db", "store.keys", "store.lock"]
    w.interview({"photo": canary_file(tmp_path / "doc2.jpg", 3 * 1024 * 1024)})
    monkeypatch.setattr(mediadb, "sweep", lambda conn, folder, key: 0)  # killed right after the commit
    w.export()
    monkeypatch.undo()
    assert (w.laptop / "media.db").stat().st_size > 3 * 1024 * 1024
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert any("media chunk" in x for x in d.warnings())
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
        assert d.verify() == []
    assert (w.laptop / "media.db").stat().st_size <= 3 * 65536


def test_an_import_cut_between_its_two_commits_leaves_only_chunks_that_are_swept(tmp_path, monkeypatch):
    """The chunks commit first (media.db), the rows after (store.db): a crash between leaves
    chunks no row names; the coordinator's next open removes them, the store verifies and
    the same bundle then imports whole."""
    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 1200 * 1024)
    iid = w.interview({"photo": photo})
    path = w.export()

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # the process stops here

    monkeypatch.setattr(importer, "_apply_rows", crash)
    monkeypatch.setattr(Store, "sweep_media", lambda self: 0)  # nothing runs after a crash
    with pytest.raises(KeyboardInterrupt):
        w.merge(path)
    monkeypatch.undo()
    with Store.open(w.coord, PASSPHRASE) as c:
        assert any("media chunk" in x for x in c.warnings())
        assert c.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
        assert InterviewRepo(c).list() == []
        assert c.verify() == []
    assert w.merge(path).ok
    with Store.open(w.coord, PASSPHRASE) as c:
        assert ops_media.read_media(c, iid, "photo") == photo.read_bytes()
        assert c.verify() == []


def test_an_import_that_fails_after_its_chunks_removes_them(tmp_path, monkeypatch):
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 1200 * 1024)})
    path = w.export()

    def fails(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(importer, "_apply_rows", fails)
    with pytest.raises(OSError):
        w.merge(path)
    monkeypatch.undo()
    with Store.open(w.coord, PASSPHRASE) as c:
        assert not any("media chunk" in x for x in c.warnings())  # removed at once
        assert c.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0


def test_a_refused_bundle_leaves_both_files_byte_identical(tmp_path):
    """The coordinator already holds media; a bundle whose second media fails its SHA-256
    after its chunks were written is refused: store.db and media.db as they were."""
    import pyrage
    from pyrage import x25519

    from fieldapp.store import keys

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "first.jpg", 700 * 1024)})
    assert w.merge(w.export()).ok
    photo = canary_file(tmp_path / "doc.jpg", 900 * 1024)
    w.interview({"photo": photo})
    path = w.export()
    with Store.open(w.coord, PASSPHRASE) as c, c.reading() as conn:
        ck = keys.coordinator_keys(conn)
    inner = bytearray(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(ck.enc_identity)]))
    at = inner.find(photo.read_bytes()[:64]) + 800 * 1024  # in the last chunk: three written before
    inner[at] ^= 1
    path.write_bytes(pyrage.encrypt(bytes(inner), [x25519.Recipient.from_str(ck.enc_recipient)]))
    before = store_digest(w.coord)
    assert "media.db" in before and "store.db" in before
    report = w.merge(path)
    assert not report.ok and report.reason.code == "bundle.refused"
    assert store_digest(w.coord) == before


# -- the migration (v10) ----------------------------------------------------------------------
def _frozen(tmp_path: Path, version: int) -> Path:
    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    for p in path.iterdir():
        p.chmod(0o600)
    return path


def test_the_migration_moves_every_chunk_into_media_db(tmp_path):
    path = _frozen(tmp_path, schema.MEDIA_DB_VERSION - 1)
    assert not (path / "media.db").exists()
    with Store.open(path, FROZEN_PASSPHRASE) as s:
        conn = s.conn
        assert conn.execute("SELECT count(*) FROM main.sqlite_master WHERE name = 'media_chunks'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM mediadb.media_chunks").fetchone()[0] == 4  # 3 audio + 1 photo
        assert mediadb.orphans(conn) == 0
        assert s.verify() == []


def test_a_migration_failing_at_its_second_commit_leaves_the_store_as_it_was(tmp_path, monkeypatch):
    path = _frozen(tmp_path, schema.MEDIA_DB_VERSION - 1)
    before = store_digest(path)
    step = schema.MIGRATIONS[schema.MEDIA_DB_VERSION - 1]

    def fails(conn) -> None:
        step(conn)
        raise OSError(28, "No space left on device")

    fails.before = step.before  # type: ignore[attr-defined]
    steps = list(schema.MIGRATIONS)
    steps[schema.MEDIA_DB_VERSION - 1] = fails
    monkeypatch.setattr(schema, "MIGRATIONS", steps)
    with pytest.raises(OSError, match="No space left"):
        Store.open(path, FROZEN_PASSPHRASE)
    assert store_digest(path) == before  # media.db, made by this open, is gone again
    monkeypatch.undo()
    with Store.open(path, FROZEN_PASSPHRASE) as s:
        assert s.info.schema_version == schema.latest_version() and s.verify() == []


_CUT_MIGRATION = """
import os, sys
sys.path[:0] = [sys.argv[2], sys.argv[3]]
from fieldapp.store import Store, schema
step = schema.MIGRATIONS[schema.MEDIA_DB_VERSION - 1]
def cut(conn):
    os._exit(9)  # killed after media.db's commit, before store.db's
cut.before = step.before
schema.MIGRATIONS[schema.MEDIA_DB_VERSION - 1] = cut
Store.open(sys.argv[1], "frozen-vector-store-passphrase-not-secret")
"""


def test_a_migration_killed_between_its_two_commits_runs_again(tmp_path):
    path = _frozen(tmp_path, schema.MEDIA_DB_VERSION - 1)
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", _CUT_MIGRATION, str(path), str(root / "src"), str(root)],
                         env={**os.environ, "FIELDAPP_INSECURE_FAST_KDF": "1"})
    assert out.returncode == 9
    assert (path / "media.db").exists()  # holding a copy of the chunks; store.db still v9 with them
    with Store.open(path, FROZEN_PASSPHRASE) as s:
        assert s.info.schema_version == schema.latest_version()
        assert s.conn.execute("SELECT count(*) FROM mediadb.media_chunks").fetchone()[0] == 4
        rows = {r.status: r for r in InterviewRepo(s).list(form_id="media_fixture")}
        (audio,) = ops_media.list_media(s, rows["final"].id)
        assert len(ops_media.read_media(s, rows["final"].id, "testimony")) == audio.size
        assert s.verify() == []


def test_a_cold_media_journal_is_removed_at_open(store, tmp_path):
    """As store.db's (test_cold_journal.py): a media.db-journal SQLite will never read again
    is overwritten and removed at open, and verify stays clean."""
    _attached(store, tmp_path)
    folder = store.folder
    store.close()
    journal = folder / "media.db-journal"
    for content in (bytes(28) + b"\x5a" * 4068, b"\x5a" * 4096):
        journal.write_bytes(content)
        with Store.open(folder, PASSPHRASE) as s:
            # gone (SQLite itself deletes one whose first byte is zero; one it keeps, the open does)
            assert not journal.exists()
            assert s.verify() == []
    with Store.open(folder, PASSPHRASE) as s:  # one appearing while the store is open: SQLite's next read
        journal.write_bytes(b"x")           # judges it, and a journal it cannot play is removed
        assert s.verify() == [] and not journal.exists()


_KILLED_MEDIA_WRITE = """
import os, sys, time
sys.path[:0] = [sys.argv[2], sys.argv[3]]
os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
from fieldapp.store import Store
s = Store.open(sys.argv[1], "violet-anchor-rescue-mango-tundra-quiet")
s.conn.execute("BEGIN IMMEDIATE")
for n in range(400):  # 26 MB: more than media.db's page cache, so pages reach the file
    s.conn.execute("INSERT INTO mediadb.media_chunks(media_id, n, data) VALUES ('f' || ?, ?, randomblob(65000))",
                   (os.urandom(15).hex(), n))
print("written", flush=True)
time.sleep(60)
"""


def test_a_process_killed_inside_a_media_transaction_leaves_media_db_as_it_was(store, tmp_path):
    """An import killed while its chunks stream in (media.db's transaction open, pages spilled
    into the file): the hot journal is rolled back at the next open, media.db holds what it
    held, and the store verifies."""
    import signal

    iv, row = _attached(store, tmp_path)
    folder = store.folder
    store.close()
    size = (folder / "media.db").stat().st_size
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-c", _KILLED_MEDIA_WRITE, str(folder), str(root / "src"), str(root)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert (folder / "media.db-journal").exists() and (folder / "media.db").stat().st_size > size
    with Store.open(folder, PASSPHRASE) as s:
        assert not (folder / "media.db-journal").exists()
        assert s.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == row.chunks
        assert ops_media.read_media(s, iv.id, "photo") == (tmp_path / "a.jpg").read_bytes()
        assert s.verify() == []
    assert (folder / "media.db").stat().st_size == size
