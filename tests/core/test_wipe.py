"""Emergency wipe: after it, the store cannot be opened, its files are gone, and no copy of any
key slot it ever had is left anywhere on the disk (issue #17, finding 1)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.crypto import slotfile
from fieldapp.errors import StoreError
from fieldapp.fileio import atomic_write
from fieldapp.store import Store
from fieldapp.store.wipe import wipe_store
from tests.core.diskimage import ext4_image, pieces, pieces_found
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange_support import key_words, words_of

FROZEN = Path(__file__).resolve().parents[1] / "vectors" / "stores"
FROZEN_PASSPHRASE = "frozen-vector-store-passphrase-not-secret"
NEW_PASSPHRASE = "lantern-orbit-mosaic-fennel-quartz-hollow"


def test_wipe_destroys_the_key_and_removes_the_files(tmp_path):
    path = tmp_path / "store"
    with Store.create(path, PASSPHRASE, "interviewer") as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    original = (path / "store.keys").read_bytes()
    # A second name for the same file: what a disk keeps after a plain delete.
    os.link(path / "store.keys", tmp_path / "remnant")
    seconds = wipe_store(path)
    assert seconds < 1.0
    assert not path.exists()
    remnant = (tmp_path / "remnant").read_bytes()
    assert len(remnant) == len(original) and pieces([remnant]).isdisjoint(pieces([original]))
    # the database bytes alone open nothing: the only wrapped copies of its key were overwritten
    with pytest.raises(StoreError):
        slotfile.read(tmp_path / "remnant")


def test_wipe_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.txt").write_text("keep me")
    with pytest.raises(StoreError, match="no fieldapp store"):
        wipe_store(tmp_path / "docs")
    assert (tmp_path / "docs" / "letter.txt").read_text() == "keep me"


def test_wipe_of_a_store_from_an_older_release_overwrites_its_keyslots_json(tmp_path):
    path = tmp_path / "old"
    shutil.copytree(FROZEN / "v1", path)
    os.link(path / "keyslots.json", tmp_path / "remnant")
    original = (tmp_path / "remnant").read_bytes()
    wipe_store(path)
    assert not path.exists()
    assert pieces([(tmp_path / "remnant").read_bytes()]).isdisjoint(pieces([original]))


def test_cli_wipe_needs_confirmation(tmp_path, capsys):
    path = tmp_path / "store"
    Store.create(path, PASSPHRASE, "interviewer").close()
    out = subprocess.run([sys.executable, "-m", "fieldapp", "wipe", str(path)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 1 and "--yes" in out.stderr
    assert (path / "store.keys").exists()
    assert main(["wipe", str(path), "--yes"]) == 0
    assert "destroyed" in capsys.readouterr().out
    assert not path.exists()


# -- the raw disk ---------------------------------------------------------------------------------
@pytest.fixture
def key_writes(monkeypatch):
    """Every copy of the key slots fieldapp writes, as it goes to disk."""
    written: list[bytes] = []
    real = slotfile._encode

    def recording(document: bytes, seq: int) -> bytes:
        data = real(document, seq)
        written.append(data)
        return data

    monkeypatch.setattr(slotfile, "_encode", recording)
    return written


def run(*argv) -> None:
    assert main([str(a) for a in argv]) == 0, argv


def test_after_wipe_no_piece_of_any_key_slot_file_is_on_the_disk(tmp_path, monkeypatch, key_writes):
    """init, enrol, import, passwd, wipe on a real ext4 filesystem; then the raw image is
    searched for every 48-byte piece of every key file version written along the way."""
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store.interviews import InterviewRepo
    from tests.core.test_exchange_support import add_interviews, make_form

    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_NEW_PASSPHRASE", NEW_PASSPHRASE)
    outside = tmp_path / "outside"
    outside.mkdir()
    form = make_form(outside)
    with ext4_image(tmp_path) as img:
        coord, laptop, stick = img.mnt / "coord", img.mnt / "laptop", outside / "stick"
        stick.mkdir()
        run("init", coord, "--role", "coordinator")
        run("init", laptop, "--role", "interviewer")
        for store in (coord, laptop):
            run("form", "add", store, outside / "exchange-form-1.xlsx")
        run("form", "add", laptop, reference_questionnaire())
        run("key", "export", coord, outside / "project.fieldapp-key")
        key = outside / "project.fieldapp-key"
        run("key", "enrol", laptop, key, "--words", key_words(key.read_bytes()))
        with Store.open(laptop, PASSPHRASE) as store:
            add_interviews(store, 5, seed=3)
            InterviewRepo(store).start("xch").set_answer("consent", "yes")  # a draft stays
        run("export", laptop, "--to", outside / "project.fieldapp-key", "--out", stick)
        run("import", coord, *stick.glob("*.fab"), "--trust-device", words_of(laptop))
        run("receipt", laptop, *stick.glob("*.receipt"))
        run("passwd", coord)
        run("passwd", laptop)
        for store in (coord, laptop):  # the versions as they are on disk now
            key_writes.append((store / "store.keys").read_bytes())
        assert form.form_id == "xch"

        # The search sees what is on the disk: before the wipe the current key files are there.
        wanted = pieces(key_writes)
        assert len(key_writes) > 12 and len(wanted) > 5000
        current = pieces([(coord / "store.keys").read_bytes(), (laptop / "store.keys").read_bytes()])
        before = img.raw()
        assert pieces_found(before, current) == len(current)
        img.mount()
        run("wipe", coord, "--yes")
        run("wipe", laptop, "--yes")
        after = img.raw()
    assert pieces_found(after, wanted) == 0


def test_upgrade_from_keyslots_json_leaves_no_piece_of_it_on_the_disk(tmp_path, key_writes):
    """A store of an older release: opening it moves the slots to store.keys and overwrites
    keyslots.json in place; after a wipe nothing of either is left on the raw disk."""
    with ext4_image(tmp_path) as img:
        path = img.mnt / "old"
        shutil.copytree(FROZEN / "v1", path)
        legacy = (path / "keyslots.json").read_bytes()
        with Store.open(path, FROZEN_PASSPHRASE) as store:
            assert store.verify() == []
        assert not (path / "keyslots.json").exists()
        # Pieces the new key file holds too (its JSON layout around the store id, not secret)
        # are on the disk rightly until the wipe; every other piece of the old file must be gone.
        current = (path / "store.keys").read_bytes()
        after_upgrade = img.raw()
        assert pieces_found(after_upgrade, {p for p in pieces([legacy]) if p not in current}) == 0
        img.mount()
        wipe_store(path)
        after = img.raw()
    assert pieces_found(after, pieces([legacy, *key_writes])) == 0


def test_the_search_finds_a_file_replaced_by_rename(tmp_path):
    """Why the key file is rewritten in place: on the same filesystem, a file replaced by
    rename (atomic_write, as keyslots.json was) leaves its earlier version on the disk."""
    first = os.urandom(8192)
    with ext4_image(tmp_path) as img:
        target = img.mnt / "replaced.bin"
        atomic_write(target, first)
        atomic_write(target, os.urandom(8192))
        target.unlink()
        raw = img.raw()
    assert pieces_found(raw, pieces([first])) == len(pieces([first]))


def test_wipe_leaves_no_store_folder_named_in_the_settings(tmp_path, monkeypatch, capsys):
    """The last store and the recent ones point at stores still on a seized laptop: after
    `wipe` (command line or app) the settings name none of them (issue #17)."""
    import json

    from fieldapp import settings
    from fieldapp.cli import main

    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    wiped, other = tmp_path / "wiped-store", tmp_path / "other-store"
    for folder in (wiped, other):
        Store.create(folder, PASSPHRASE, "interviewer").close()
    prefs = settings.Prefs(language="ko", idle_minutes=3)
    prefs.remember_store(str(other))
    prefs.remember_store(str(wiped))
    settings.save(prefs)
    assert main(["wipe", str(wiped), "--yes"]) == 0
    kept = json.loads(settings.settings_path().read_text())
    assert kept["last_store"] == "" and kept["recent_stores"] == []
    assert (kept["language"], kept["idle_minutes"]) == ("ko", 3)  # the rest is kept
    assert "store" not in settings.settings_path().read_text().replace("_store", "")


def test_after_wipe_no_media_byte_nor_key_piece_is_on_the_disk(tmp_path, key_writes):
    """Media answers in media.db (decision 0024) on a real ext4 filesystem: a finalized
    interview's attached file and a draft's recording, both carrying a canary, an export
    (media.db replaced whole), the merge, a passphrase change on both stores (media.db
    re-keyed), then wipe. The canary is never in clear anywhere on the raw image, before the
    wipe or after it, and no piece of any key file version is left."""
    from fieldapp.store import media as media_rows
    from tests.core.test_media_bundle import MediaWorld
    from tests.core.test_media_store import CANARY, canary_file

    outside = tmp_path / "outside"
    outside.mkdir()
    photo = canary_file(outside / "doc.jpg", 2 * 1024 * 1024)
    with ext4_image(tmp_path) as img:
        w = MediaWorld(img.mnt)
        iid = w.interview({"photo": photo})
        with Store.open(w.laptop, PASSPHRASE) as d:  # a recording written chunk by chunk
            from fieldapp.store.interviews import InterviewRepo

            draft = InterviewRepo(d).start("media_t")
            writer = media_rows.MediaWriter(d, draft.id, "testimony", "audio", "audio/ogg", ".ogg").begin()
            for n in range(40):
                writer.write(CANARY + n.to_bytes(4, "big") * 4000)
            writer.finish()
        assert w.merge(w.export()).ok
        for folder in (w.coord, w.laptop):
            with Store.open(folder, PASSPHRASE) as s:
                s.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
                assert s.verify() == []
            assert (folder / "media.db").exists()
            key_writes.append((folder / "store.keys").read_bytes())
        with Store.open(w.coord, NEW_PASSPHRASE) as c:
            from fieldapp.ops import media as ops_media

            assert ops_media.read_media(c, iid, "photo") == photo.read_bytes()
        current = pieces([(w.coord / "store.keys").read_bytes(), (w.laptop / "store.keys").read_bytes()])
        before = img.raw()
        assert before.count(CANARY) == 0
        assert pieces_found(before, current) == len(current)
        img.mount()
        wipe_store(w.coord)
        wipe_store(w.laptop)
        assert not w.coord.exists() and not w.laptop.exists()
        after = img.raw()
    assert after.count(CANARY) == 0
    assert pieces_found(after, pieces(key_writes)) == 0
