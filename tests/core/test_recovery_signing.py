"""Recovery never yields the signing key (issue #17, finding 5).

The attacker holds the coordinator's key backup (either age identity) and an image of a field
laptop. Recovering the image gives them the data the escrow slot protects, but not the laptop's
signing key: it is sealed under a key only the passphrase slot holds, and a recovered store
gets a new signing key, which the coordinator does not trust until told its words as that
device's new key. Once it is, the old key signs nothing numbered after the new key's first
bundle.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.crypto import age
from fieldapp.crypto.projectkey import load_project_key
from fieldapp.exchange import bundle
from fieldapp.exchange.export import export_bundle
from fieldapp.exchange.importer import expect_device, list_devices
from fieldapp.exchange.keys import device_words, recipient_fingerprint
from fieldapp.store import Store, audit, devices, keys
from fieldapp.store.keys import SigningKey
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange import World, _form_entry, _merged_state, _record
from tests.core.test_exchange_support import add_interviews, reopen

NEW = "lantern-orbit-mosaic-fennel-quartz-hollow"


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    w = World(tmp_path / "w")
    laptop = w.device(interviews=2)
    [r1] = w.import_(w.export(laptop))
    assert r1.new == 2
    backup = tmp_path / "coord.key"
    assert main(["key", "backup", str(w.coord_dir), "--out", str(backup)]) == 0
    identities = [ln for ln in backup.read_text().splitlines() if ln.startswith("AGE-SECRET-KEY-")]
    with reopen(laptop) as d:
        old_key, device_id = d.device_key(), d.info.device_id
    return w, laptop, identities, old_key, device_id


def _signed(w: World, key: SigningKey, device_id: str, seq: int, prev: str = "") -> Path:
    """A well-formed bundle signed with ``key`` as ``device_id`` (what a key holder can make)."""
    pk = load_project_key(w.project_key)
    fields = {"bundle_id": f"{seq:032x}", "device_id": device_id, "signer": key.public.hex(),
              "project_id": pk.project_id, "seq": seq, "prev": prev,
              "recipients": [recipient_fingerprint(r) for r in pk.recipients],
              "created": datetime.now(UTC).strftime("%Y-%m-%d"), "forms": [_form_entry(w)]}
    rec = _record()
    rec["id"] = f"{seq:030x}ff"
    inner, _ = bundle.build_inner(fields, [rec], lambda m: key.sign(bundle.SIGN_CONTEXT, m), key.public)
    path = w.stick / f"signed-{seq}-{key.public.hex()[:6]}.fab"
    path.write_bytes(age.encrypt(inner, pk.recipients))
    return path


def _plaintext(store: Store) -> bytes:
    """Every value of every table of an open store, as bytes (what its data key opens)."""
    out = bytearray()
    with store.reading() as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for v in row:
                    out += v if isinstance(v, bytes) else str(v).encode()
    return bytes(out)


def test_a_recovered_image_yields_the_data_but_never_the_signing_key(world, tmp_path):
    w, laptop, identities, old_key, device_id = world
    image = tmp_path / "image"
    shutil.copytree(laptop, image)
    (image / "store.lock").unlink(missing_ok=True)
    with Store.recover(image, identities, NEW) as stolen:
        everything = _plaintext(stolen)
        assert stolen.info.device_id == device_id  # the data and the device's identity: yes
        new_key = stolen.device_key()
        with stolen.reading() as conn:
            sealed = keys.get(conn, keys.DEVICE_SIGN)
            assert audit.entries(conn)[1]["action"] == "keys.device_key_replaced"
    # the old signing key is nowhere in what the recovery opened, the key it got is another
    assert old_key.private not in everything and old_key.private.hex().encode() not in everything
    assert new_key.private != old_key.private and sealed is not None and sealed.startswith(keys.SEALED_SIGN)
    assert new_key.private not in everything  # sealed under the new passphrase's wrap key
    # a bundle signed with the key recovery gave is refused: not this device's registered key
    before = _merged_state(w.coord_dir)
    [report] = w.import_(_signed(w, new_key, device_id, seq=2), trust=False)
    assert report.outcome == "refused" and "registered key" in str(report.reason)
    assert _merged_state(w.coord_dir) == before  # only the forgery's audit entry was written


def test_the_clear_signing_key_of_an_older_store_is_sealed_at_its_next_unlock(tmp_path):
    """A store made before this release holds its signing key in the clear; opening it with
    the passphrase seals it (secure_delete zeroes the clear cell, the WAL is scrubbed)."""
    from tests.core.test_migrations import FROZEN, _private

    path = tmp_path / "old"
    shutil.copytree(FROZEN / "v4", path)
    _private(path)
    frozen_pass = "frozen-vector-store-passphrase-not-secret"
    with Store.open(path, frozen_pass) as s:
        private = s.device_key().private
        with s.reading() as conn:
            assert keys.get(conn, keys.DEVICE_SIGN).startswith(keys.SEALED_SIGN)
            assert "keys.device_key_sealed" in [e["action"] for e in audit.entries(conn)]
        assert private not in _plaintext(s)


def test_after_recovery_the_registry_takes_the_new_key_and_bounds_the_old(world, monkeypatch, capsys):
    w, laptop, _identities, old_key, device_id = world
    in_transit = w.export(laptop, more=1, seed=5)  # bundle 2, on a stick not yet imported
    monkeypatch.setenv("FIELDAPP_NEW_PASSPHRASE", NEW)
    capsys.readouterr()
    assert main(["recover", str(laptop), "--key", str(w.root.parent / "coord.key")]) == 0
    out = capsys.readouterr().out
    with Store.open(laptop, NEW) as d:
        new_key = d.device_key()
    words = device_words(new_key.public)
    assert words in out and f"--replaces {device_id}" in out
    # Until the coordinator is told, the new key's bundle is refused (nothing merged)
    with Store.open(laptop, NEW) as d:  # bundle 3, new key
        add_interviews(d, 1, seed=6)
        after = export_bundle(d, w.stick).path
    [refused] = w.import_(after, trust=False)
    assert refused.outcome == "refused" and "registered key" in str(refused.reason)
    assert main(["devices", "trust", str(w.coord_dir), words, "--replaces", device_id]) == 0
    [r3] = w.import_(after, trust=False)
    assert r3.outcome == "imported" and r3.new == 1
    assert any(n.code == "bundle.notice.device_key_replaced" for n in r3.notices)
    with reopen(w.coord_dir) as c:
        [row] = list_devices(c)
        assert row.words == words
        with c.reading() as conn:
            assert devices.records(conn)[0].recovered_at is not None
            assert devices.retired(conn, old_key.public).max_seq == 2
    # the old key's bundle 2, signed before the recovery, still counts; nothing after it does
    [r2] = w.import_(in_transit, trust=False)
    assert r2.outcome == "imported" and r2.new == 1
    before = _merged_state(w.coord_dir)
    [forged] = w.import_(_signed(w, old_key, device_id, seq=4), trust=False)
    assert forged.outcome == "refused" and "before it was recovered" in str(forged.reason)
    assert _merged_state(w.coord_dir) == before


def test_the_new_key_cannot_be_announced_for_an_unknown_device(world):
    w, laptop, _identities, _old, _device_id = world
    from fieldapp.errors import UserFacingError

    with reopen(w.coord_dir) as c:
        with pytest.raises(UserFacingError, match="No device f+ is registered"):
            expect_device(c, device_words(bytes(32)), replaces="f" * 16)
