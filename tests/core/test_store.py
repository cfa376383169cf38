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
