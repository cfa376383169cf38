"""The encrypted store: keying, wrong key, passphrase change, lock, migrations, audit, residue."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from fieldapp.crypto import keyslots, slotfile
from fieldapp.errors import StoreError, StoreInUse, WrongPassphrase
from fieldapp.store import Store, schema
from fieldapp.store.db import SQLITE_HEADER
from tests.core.storetools import PASSPHRASE, files_containing, snapshot


@pytest.fixture
def store_dir(tmp_path):
    path = tmp_path / "store"
    Store.create(path, PASSPHRASE, "interviewer").close()
    return path


@pytest.mark.parametrize("role", ["interviewer", "coordinator"])
def test_new_store_is_encrypted_from_the_first_byte(tmp_path, role):
    path = tmp_path / role
    with Store.create(path, PASSPHRASE, role) as store:
        assert store.role == role
        assert store.verify() == []
    files = [p for p in path.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"store.db", "store.keys", "store.lock"}
    for p in files:
        assert not p.read_bytes().startswith(SQLITE_HEADER), p.name


def test_wrong_passphrase_is_detected_and_changes_nothing(store_dir):
    before = snapshot(store_dir)
    with pytest.raises(WrongPassphrase, match="passphrase is wrong"):
        Store.open(store_dir, "not the passphrase at all")
    assert snapshot(store_dir) == before


def test_passphrase_change_keeps_data_readable_with_the_new_one_only(store_dir):
    new = "harbor-pencil-meadow-violin-copper-lantern"
    with Store.open(store_dir, PASSPHRASE) as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('probe', 'kept')")
        with pytest.raises(WrongPassphrase):
            store.change_passphrase("wrong current passphrase", new)
        store.change_passphrase(PASSPHRASE, new)
    with pytest.raises(WrongPassphrase):
        Store.open(store_dir, PASSPHRASE)
    with Store.open(store_dir, new) as store:
        assert store.conn.execute("SELECT value FROM meta WHERE key='probe'").fetchone() == ("kept",)
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit ORDER BY seq")]
        assert actions[-1] == "store.passphrase_changed"
        assert store.verify() == []


def test_second_writer_gets_store_in_use(store_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from fieldapp.store import Store
            s = Store.open({str(store_dir)!r}, {PASSPHRASE!r})
            print("open", flush=True)
            sys.stdin.readline()
            s.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse, match="in use"):
            Store.open(store_dir, PASSPHRASE)
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0
    with Store.open(store_dir, PASSPHRASE) as store:  # released when the holder closed
        assert store.verify() == []


def test_lock_is_released_when_the_holder_is_killed(store_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from fieldapp.store import Store; import time; "
         f"s = Store.open({str(store_dir)!r}, {PASSPHRASE!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout.readline().strip() == "open"
    holder.kill()
    holder.wait()
    with Store.open(store_dir, PASSPHRASE) as store:
        assert store.verify() == []


def test_failed_migration_leaves_the_store_as_it_was(store_dir, monkeypatch):
    with Store.open(store_dir, PASSPHRASE) as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES ('probe', 'before')")

    def broken_step(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("UPDATE meta SET value = 'after' WHERE key = 'probe'")
        raise RuntimeError("simulated failure in the middle of a migration")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken_step])
    with pytest.raises(RuntimeError, match="simulated"):
        Store.open(store_dir, PASSPHRASE)
    monkeypatch.undo()
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    with Store.open(store_dir, PASSPHRASE) as store:
        conn = store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        assert conn.execute("SELECT value FROM meta WHERE key='probe'").fetchone() == ("before",)
        assert conn.execute("SELECT name FROM sqlite_master WHERE name='half_done'").fetchone() is None
        assert store.verify() == []


def test_store_from_a_newer_fieldapp_is_refused(store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        store.conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    with pytest.raises(StoreError, match="newer fieldapp"):
        Store.open(store_dir, PASSPHRASE)


def test_audit_chain_detects_an_edited_entry(store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        with store.transaction() as conn:
            store.audit(conn, "test.one", {"n": 1})
            store.audit(conn, "test.two", {"n": 2})
        assert store.verify() == []
        store.conn.execute("UPDATE audit SET detail = '{\"n\":3}' WHERE action = 'test.one'")
        problems = store.verify()
    assert any("audit log: entry" in p and "test.one" in p and "altered" in p for p in problems)


def test_audit_chain_detects_a_deleted_entry(store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        with store.transaction() as conn:
            for i in range(3):
                store.audit(conn, "test.entry", {"i": i})
        store.conn.execute("DELETE FROM audit WHERE seq = 2")
        assert any("entry 2 is missing" in p for p in store.verify())


def test_no_plaintext_canary_in_any_file_of_the_store(tmp_path):
    canary = "CANARY-Hyesan-7b3e19"
    path = tmp_path / "store"
    with Store.create(path, PASSPHRASE, "interviewer") as store:
        with store.transaction() as conn:
            for i in range(200):  # enough rows to reach the WAL and several pages
                conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (f"k{i}", f"{canary}-{i}"))
        # while open (WAL present) and after close (checkpointed)
        assert files_containing(path, [canary.encode()]) == []
    assert files_containing(path, [canary.encode(), PASSPHRASE.encode()]) == []


def test_flipped_byte_in_the_database_is_reported(store_dir):
    db = store_dir / "store.db"
    data = bytearray(db.read_bytes())
    data[4096 + 100] ^= 0x01  # inside the second page
    db.write_bytes(bytes(data))
    try:
        with Store.open(store_dir, PASSPHRASE) as store:
            problems = store.verify()
    except StoreError as exc:
        problems = [str(exc)]
    assert problems, "a flipped byte must not go unnoticed"


def test_keyslot_file_is_bound_to_its_store(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    Store.create(a, PASSPHRASE, "interviewer").close()
    Store.create(b, PASSPHRASE, "interviewer").close()
    (b / "store.keys").write_bytes((a / "store.keys").read_bytes())
    with pytest.raises(StoreError):
        Store.open(b, PASSPHRASE)


def test_damaged_key_file_gives_a_clear_error(store_dir):
    (store_dir / "store.keys").write_bytes(b'{"format": "fieldapp-keyslots", "format": 2}')
    with pytest.raises(StoreError, match="key file of this store is damaged"):
        Store.open(store_dir, PASSPHRASE)


def test_default_kdf_cost_is_strong_and_verify_does_not_warn(tmp_path, monkeypatch):
    monkeypatch.delenv("FIELDAPP_INSECURE_FAST_KDF")
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as store:
        assert store.warnings() == []
    slot = keyslots.KeySlots.from_bytes(slotfile.read(tmp_path / "s" / "store.keys").document).slots[0]
    assert slot["memory_kib"] >= 256 * 1024 and slot["iterations"] >= 3


def test_temp_file_left_by_a_killed_write_is_removed_at_open(store_dir):
    leftover = store_dir / ".fieldapp-tmp-0123456789abcdef"
    leftover.write_bytes(b'{"format": "fieldapp-keyslots"')  # a key-slot write cut by kill -9
    with Store.open(store_dir, PASSPHRASE) as store:
        assert not leftover.exists()
        assert any("interrupted write" in w for w in store.warnings())
        assert store.verify() == []


# -- issue #17: the files, the key file, the data key ---------------------------------------------
def test_store_files_are_private_to_the_user(tmp_path):
    import os
    import stat

    old = os.umask(0o022)  # the usual default: SQLite alone would make store.db 0644
    try:
        with Store.create(tmp_path / "s", PASSPHRASE, "interviewer") as store:
            with store.transaction() as conn:
                conn.execute("INSERT INTO meta VALUES ('probe', 'x')")
            names = {p.name for p in store.folder.iterdir()}
            assert {"store.db", "store.db-wal", "store.db-shm", "media.db", "store.keys", "store.lock"} <= names
            modes = {n: stat.S_IMODE((store.folder / n).stat().st_mode) for n in names}
        assert modes == dict.fromkeys(names, 0o600)
        assert stat.S_IMODE((tmp_path / "s").stat().st_mode) == 0o700
        # A store written by a release that left store.db 0644 is tightened when opened.
        os.chmod(tmp_path / "s" / "store.db", 0o644)
        os.chmod(tmp_path / "s" / "media.db", 0o644)
        with Store.open(tmp_path / "s", PASSPHRASE) as store:
            assert stat.S_IMODE((store.folder / "store.db").stat().st_mode) == 0o600
            assert stat.S_IMODE((store.folder / "media.db").stat().st_mode) == 0o600
            assert any("store.db was readable by other users" in w for w in store.warnings())
            assert any("media.db was readable by other users" in w for w in store.warnings())
            assert store.verify() == []
    finally:
        os.umask(old)


def test_after_passwd_the_old_key_file_and_old_passphrase_open_nothing(store_dir, tmp_path):
    """Issue #17, finding 2: passwd replaces the data key and re-encrypts the database."""
    from tests.core.storetools import decryptable, store_keys

    new = "harbor-pencil-meadow-violin-copper-lantern"
    with Store.open(store_dir, PASSPHRASE) as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('probe', 'zq7-before-passwd')")
    old_keys = (store_dir / "store.keys").read_bytes()
    (old_key,) = store_keys(store_dir)
    with Store.open(store_dir, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, new)
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('later', 'zq7-after-passwd')")
    (new_key,) = store_keys(store_dir, new)
    assert new_key != old_key
    # The attacker puts the old key file back next to today's database.
    stolen = tmp_path / "stolen"
    stolen.mkdir()
    for p in store_dir.iterdir():
        if p.name != "store.lock":
            (stolen / p.name).write_bytes(p.read_bytes())
    (stolen / "store.keys").write_bytes(old_keys)
    with pytest.raises(StoreError, match="does not match its key slots"):
        Store.open(stolen, PASSPHRASE)
    probes = [b"zq7-after-passwd", b"zq7-before-passwd"]
    assert decryptable(store_dir, [old_key], probes) == []  # not a page under the old key is left
    assert len(decryptable(store_dir, [new_key], probes)) >= 1
    with Store.open(store_dir, new) as store:
        assert dict(store.conn.execute("SELECT key, value FROM meta WHERE key IN ('probe', 'later')")) == {
            "probe": "zq7-before-passwd", "later": "zq7-after-passwd"}
        assert store.verify() == []


def test_a_key_file_rewrite_keeps_nothing_of_the_earlier_wrapping(store_dir):
    import json

    before = (store_dir / "store.keys").read_bytes()
    old_slot = json.loads(slotfile.read(store_dir / "store.keys").document)["slots"][0]
    with Store.open(store_dir, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, "harbor-pencil-meadow-violin-copper-lantern")
    after = (store_dir / "store.keys").read_bytes()
    assert len(after) == len(before) == slotfile.FILE_SIZE
    for name in ("salt", "nonce", "wrapped"):
        assert old_slot[name].encode() in before and old_slot[name].encode() not in after
    # The random fill is written afresh too.
    tail = slice(slotfile.COPY_SIZE - 1024, slotfile.COPY_SIZE)
    assert before[tail] != after[tail]


@pytest.mark.parametrize("copy", [0, 1])
def test_a_torn_copy_of_the_key_file_still_opens_and_is_repaired(store_dir, copy):
    """A power cut in the middle of a key-file write tears one copy; the other still opens."""
    with Store.open(store_dir, PASSPHRASE) as store:
        store.change_passphrase(PASSPHRASE, "harbor-pencil-meadow-violin-copper-lantern")
        store.change_passphrase("harbor-pencil-meadow-violin-copper-lantern", PASSPHRASE)
    path = store_dir / "store.keys"
    data = bytearray(path.read_bytes())
    start = copy * slotfile.COPY_SIZE + 5000  # the second half of one copy never reached the disk
    data[start:(copy + 1) * slotfile.COPY_SIZE] = bytes((copy + 1) * slotfile.COPY_SIZE - start)
    path.write_bytes(bytes(data))
    assert not slotfile.read(path).intact
    with Store.open(store_dir, PASSPHRASE) as store:
        assert any("one copy of the key file was incomplete" in w for w in store.warnings())
        assert store.verify() == []
    assert slotfile.read(path).intact


def test_a_key_file_with_both_copies_torn_is_refused_clearly(store_dir):
    (store_dir / "store.keys").write_bytes(bytes(slotfile.FILE_SIZE))
    with pytest.raises(StoreError, match="key file of this store is damaged"):
        Store.open(store_dir, PASSPHRASE)


def test_a_store_of_an_older_release_moves_to_store_keys_with_a_new_data_key(tmp_path):
    import shutil

    from tests.core.test_migrations import FROZEN
    from tests.core.test_migrations import PASSPHRASE as FROZEN_PASSPHRASE

    path = tmp_path / "old"
    shutil.copytree(FROZEN / "v1", path)
    legacy = keyslots.KeySlots.from_bytes((path / "keyslots.json").read_bytes())
    old_key = legacy.unlock(FROZEN_PASSPHRASE)
    with Store.open(path, FROZEN_PASSPHRASE) as store:
        assert store.verify() == []
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit")]
        assert actions[-2:] == ["store.key_file_upgraded", "keys.device_key_sealed"]
    assert not (path / "keyslots.json").exists() and (path / "store.keys").exists()
    slots = keyslots.KeySlots.from_bytes(slotfile.read(path / "store.keys").document)
    assert slots.version == 2 and slots.rotation is None
    assert slots.unlock(FROZEN_PASSPHRASE) != old_key
    with Store.open(path, FROZEN_PASSPHRASE) as store:  # the second open changes nothing more
        assert store.warnings() == [w for w in store.warnings() if "weak Argon2id" in w]
        assert [r[0] for r in store.conn.execute("SELECT action FROM audit")] == actions


def test_a_store_left_with_both_key_files_opens_and_removes_the_old_one(tmp_path):
    """A crash between writing store.keys and destroying keyslots.json of an upgrade."""
    import shutil

    from tests.core.test_migrations import FROZEN
    from tests.core.test_migrations import PASSPHRASE as FROZEN_PASSPHRASE

    path = tmp_path / "old"
    shutil.copytree(FROZEN / "v1", path)
    legacy = (path / "keyslots.json").read_bytes()
    with Store.open(path, FROZEN_PASSPHRASE):
        pass
    (path / "keyslots.json").write_bytes(legacy)  # as if the process died before destroying it
    with Store.open(path, FROZEN_PASSPHRASE) as store:
        assert any("keyslots.json was overwritten and removed" in w for w in store.warnings())
        assert store.verify() == []
    assert not (path / "keyslots.json").exists()


@pytest.mark.parametrize("typed, later", [("NFC", "NFD"), ("NFD", "NFC")])
def test_a_passphrase_opens_in_either_unicode_form(tmp_path, typed, later):
    """Hangul can arrive as syllables (NFC) or as jamo (NFD); both are the same passphrase."""
    import unicodedata

    phrase = "바다-연필-초원-바이올린-구리-등불"
    Store.create(tmp_path / "s", unicodedata.normalize(typed, phrase), "interviewer").close()
    with Store.open(tmp_path / "s", unicodedata.normalize(later, phrase)) as store:
        assert store.verify() == []


@pytest.mark.parametrize("made", ["NFC", "NFD"])
def test_a_legacy_slot_made_from_either_form_still_opens_with_both(tmp_path, made):
    """Version-1 slots were derived from the text exactly as typed; both forms must open them."""
    import unicodedata

    phrase = "바다-연필-초원-바이올린-구리-등불"
    slots, key = keyslots.KeySlots.new(PASSPHRASE, keyslots.FAST_KDF)
    slots.version = keyslots.LEGACY_VERSION
    # a version-1 slot 0, derived from the raw (not normalised) text as releases before 0002 did
    salt = b"s" * 16
    wrapping = keyslots._derive(unicodedata.normalize(made, phrase), salt, keyslots.FAST_KDF)
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce = b"n" * 12
    wrapped = ChaCha20Poly1305(wrapping).encrypt(nonce, key, keyslots._aad(slots.store_id, 0, 1))
    slots.slots[0].update(salt=keyslots._b64(salt), nonce=keyslots._b64(nonce), wrapped=keyslots._b64(wrapped),
                          **keyslots.FAST_KDF)
    for form in ("NFC", "NFD"):
        assert slots.unlock(unicodedata.normalize(form, phrase)) == key
    with pytest.raises(WrongPassphrase):
        slots.unlock(PASSPHRASE)
