"""Bundle format 3 (issue #16): media answers exported, streamed, verified and merged."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle, media_bundle
from fieldapp.exchange.export import export_bundle, resend
from fieldapp.exchange.importer import import_bundles
from fieldapp.exchange.keys import project_key_file
from fieldapp.ops import media as ops_media
from fieldapp.progress import Cancelled, CancelToken
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_exchange_support import key_words, store_digest, words_of
from tests.core.test_media_store import CANARY, canary_file, chunks_of, media_form


class MediaWorld:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.form = media_form(root)
        self.coord = root / "coord"
        with Store.create(self.coord, PASSPHRASE, "coordinator") as c:
            add_form(c, self.form)
            with c.reading() as conn:
                self.project_key = project_key_file(conn)
        self.laptop = root / "laptop"
        with Store.create(self.laptop, PASSPHRASE, "interviewer") as d:
            add_form(d, self.form)
        self.stick = root / "stick"
        self.stick.mkdir()

    def interview(self, files: dict[str, Path], members: int = 0) -> str:
        with Store.open(self.laptop, PASSPHRASE) as d:
            repo = InterviewRepo(d)
            iv = repo.start("media_t")
            for _ in range(members - 1):
                iv.add_instance("members")
            if members == 0:
                iv.remove_instance("members[1]")
            for key, path in files.items():
                row = ops_media.attach_file(d, iv.id, key, path).row
                iv.set_answer(key, row.reference)
            repo.finalize(iv)
            return iv.id

    def export(self) -> Path:
        """The first export pins the project key with its fingerprint words (issue #17)."""
        with Store.open(self.laptop, PASSPHRASE) as d:
            return export_bundle(d, self.stick, self.project_key, words=key_words(self.project_key)).path

    def merge(self, path: Path):
        """The laptop trusted by its key's words, as read out to the coordinator."""
        with Store.open(self.coord, PASSPHRASE) as c:
            return import_bundles(c, [path], trust=[words_of(self.laptop)])[0]


def test_media_travel_in_the_bundle_and_arrive_byte_for_byte(tmp_path):
    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 900 * 1024)
    audio = canary_file(tmp_path / "t.ogg", 300 * 1024)
    portrait = canary_file(tmp_path / "p.png", 5000)
    iid = w.interview({"photo": photo, "testimony": audio, "members[2]/portrait": portrait}, members=2)
    path = w.export()
    with Store.open(w.laptop, PASSPHRASE) as d:  # purged on the laptop with the answers
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0
        assert d.verify() == []
    report = w.merge(path)
    assert report.ok, report.summary()
    assert report.new == 1
    with Store.open(w.coord, PASSPHRASE) as c:
        held = {m.key: m for m in ops_media.list_media(c, iid)}
        assert set(held) == {"photo", "testimony", "members[2]/portrait"}
        for key, src in (("photo", photo), ("testimony", audio), ("members[2]/portrait", portrait)):
            assert ops_media.read_media(c, iid, key) == src.read_bytes()
            assert held[key].sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
        assert c.verify() == []
    # nothing of the media is in plain on the stick or in either store's folder
    assert files_containing(tmp_path / "stick", [CANARY]) == []
    assert files_containing(w.coord, [CANARY]) == [] and files_containing(w.laptop, [CANARY]) == []


def test_the_signed_manifest_lists_each_media_and_age_opens_the_bundle(tmp_path):
    """The reference age tool opens a format 3 bundle; its manifest names each media's SHA-256."""
    import json
    import shutil
    import subprocess

    if shutil.which("age") is None:
        pytest.skip("the age tool is installed by make sysdeps")
    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 200 * 1024)
    w.interview({"photo": photo})
    path = w.export()
    with Store.open(w.coord, PASSPHRASE) as c, c.reading() as conn:
        from fieldapp.store import keys

        identity = keys.coordinator_keys(conn).enc_identity
    key_file = tmp_path / "key.txt"
    key_file.write_text(identity + "\n")
    inner = subprocess.run(["age", "-d", "-i", str(key_file), str(path)], capture_output=True, check=True).stdout
    pre = bundle.parse_prefix(inner[:bundle.PREFIX.size + int.from_bytes(inner[104:108], "big")])
    manifest = json.loads(pre.manifest_bytes)
    assert manifest["format"] == "fieldapp-bundle/3"
    (entry,) = manifest["media"]
    assert entry["sha256"] == hashlib.sha256(photo.read_bytes()).hexdigest() and entry["size"] == 200 * 1024
    start = bundle.PREFIX.size + len(pre.manifest_bytes) + manifest["payload_length"]
    assert inner[start:start + entry["size"]] == photo.read_bytes()
    assert len(inner) == media_bundle.bucket_size(len(inner) - manifest["padding_length"])


@pytest.mark.parametrize("direct", [True, False])
def test_a_bundle_larger_than_the_buffers_is_the_same_with_and_without_direct_io(tmp_path, monkeypatch, direct):
    """Several of the export's 4 MiB hand-overs, with O_DIRECT (Linux) and without it (macOS,
    Windows, tmpfs: decision 0027): the stick's file and the outbox copy are the same bytes,
    the stick's reads back, and the coordinator gets every media byte for byte."""
    from fieldapp import directio

    if not direct:
        monkeypatch.setattr(directio, "_DIRECT", 0)
    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 9 * 1024 * 1024 + 12345)
    audio = canary_file(tmp_path / "t.ogg", 65280 * 3)
    iid = w.interview({"photo": photo, "testimony": audio})
    path = w.export()
    (kept,) = (w.laptop / "outbox").iterdir()
    assert kept.read_bytes() == path.read_bytes()
    assert w.merge(path).ok
    with Store.open(w.coord, PASSPHRASE) as c:
        assert ops_media.read_media(c, iid, "photo") == photo.read_bytes()
        assert ops_media.read_media(c, iid, "testimony") == audio.read_bytes()
        assert c.verify() == []


def test_the_import_reads_a_media_bundle_twice_only_in_its_head(tmp_path, monkeypatch):
    """The first pass decrypts a format 3 bundle's head (signer, manifest, records) and stops
    there, reading nothing more: the second pass reads and hashes the whole file once."""
    from fieldapp.crypto import age

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 6 * 1024 * 1024)})
    path = w.export()
    first_pass = []
    real = age._Reader.readinto
    monkeypatch.setattr(age._Reader, "readinto", lambda self, b: first_pass.append(real(self, b)) or first_pass[-1])
    assert w.merge(path).ok
    assert 0 < sum(first_pass) < 1024 * 1024 < path.stat().st_size


@pytest.mark.parametrize("fault", ["flipped", "wrapped"])
def test_a_stick_that_does_not_hold_what_it_was_given_is_caught_before_anything_is_purged(tmp_path, monkeypatch,
                                                                                           fault):
    """The read-back reads the stick's file from the device (O_DIRECT: not the page cache);
    a stick that returns one byte other than what was written (bad flash), or the first
    block where the second was written (a fake capacity wrapping round: the bytes are the
    bundle's own, in the wrong place), fails the export with export.read_back, and neither
    file nor any purge remains: the interview is exported again, whole, to a good stick."""
    from fieldapp import directio

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 9 * 1024 * 1024)})
    before = store_digest(w.laptop)
    real = directio.DirectReader.readinto
    block = 4 * 1024 * 1024

    def lying(self, buf, offset):
        if fault == "wrapped" and offset == block:
            return real(self, buf, 0)
        n = real(self, buf, offset)
        if fault == "flipped" and offset <= 5 * 1024 * 1024 < offset + n:
            buf[5 * 1024 * 1024 - offset] ^= 0x40
        return n

    monkeypatch.setattr(directio.DirectReader, "readinto", lying)
    with pytest.raises(UserFacingError) as err:
        w.export()
    assert err.value.message.code == "export.read_back"
    assert list(w.stick.iterdir()) == [] and list((w.laptop / "outbox").iterdir()) == []
    assert store_digest(w.laptop).keys() == before.keys()
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.verify() == []
    monkeypatch.undo()
    assert w.merge(w.export()).ok


def full_after(export_mod, folder: Path, limit: int):
    """The export's file writer, for a disk that is full once ``limit`` bytes went to the
    file being written in ``folder`` (the other file's disk has room)."""

    class Full(export_mod._Target):
        def __init__(self, tmp) -> None:
            super().__init__(tmp)
            self.there, self.written = tmp.parent == folder, 0

        def write(self, view) -> None:
            self.written += len(view)
            if self.there and self.written > limit:
                raise OSError(errno.ENOSPC, "No space left on device")
            super().write(view)

    return Full


def test_a_stick_that_fills_up_gives_a_clear_error_and_nothing_is_purged(tmp_path, monkeypatch):
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 600 * 1024)})
    before = store_digest(w.laptop)
    from fieldapp.exchange import export as export_mod

    # the stick's file takes 200 KiB, then the stick is full (the outbox copy has room)
    monkeypatch.setattr(export_mod, "_Target", full_after(export_mod, w.stick, 200 * 1024))
    with pytest.raises(UserFacingError) as err:
        w.export()
    assert err.value.message.code == "export.write_failed"
    assert "No space left on device" in str(err.value)
    assert list(w.stick.iterdir()) == []  # no partial bundle, no temp file
    monkeypatch.undo()
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == chunks_of(600 * 1024)
        assert d.verify() == []
    assert store_digest(w.laptop).keys() == before.keys()
    # and the export then works on a stick with room
    assert w.merge(w.export()).ok


def test_a_full_laptop_disk_for_the_outbox_copy_gives_a_clear_error_and_nothing_is_left(tmp_path, monkeypatch):
    """The sealed copy kept for a resend is a file in the store folder (store/outbox.py),
    written in the same pass as the stick's: when it cannot be written the export fails,
    naming the outbox folder, and neither file nor any purge remains."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 600 * 1024)})
    from fieldapp.exchange import export as export_mod

    # the outbox copy takes 300 KiB, then the laptop's disk is full
    monkeypatch.setattr(export_mod, "_Target", full_after(export_mod, w.laptop / "outbox", 300 * 1024))
    with pytest.raises(UserFacingError) as err:
        w.export()
    assert err.value.message.code == "export.write_failed"
    assert str(w.laptop / "outbox") in str(err.value)
    assert list(w.stick.iterdir()) == []
    assert list((w.laptop / "outbox").iterdir()) == []
    monkeypatch.undo()
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.verify() == []
    assert w.merge(w.export()).ok


def test_the_outbox_copy_is_a_file_that_resend_writes_and_a_receipt_removes(tmp_path):
    """A format 3 bundle's sealed copy: the same bytes as the stick's file, kept in
    outbox/<bundle id>.age (ciphertext only the coordinator opens), written again by resend
    byte for byte and removed once the receipt comes; the database holds no copy of it."""
    from fieldapp.exchange.export import outbox, resend
    from fieldapp.store import outbox as outbox_rows

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 600 * 1024)})
    first = w.export()
    kept = list((w.laptop / "outbox").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == first.read_bytes()
    with Store.open(w.laptop, PASSPHRASE) as d:
        (entry,) = outbox(d)
        assert entry.size == first.stat().st_size and not entry.acknowledged
        assert kept[0].name == f"{entry.bundle_id}.age"
        assert d.conn.execute("SELECT length(sealed) FROM outbox").fetchone()[0] == 0
        again = tmp_path / "stick2"
        again.mkdir()
        (copy,) = resend(d, again)
        assert copy.read_bytes() == first.read_bytes()
        # a stray copy (an export that died after writing it) goes at the next export's tidy
        stray = w.laptop / "outbox" / ("ab" * 16 + ".age")
        stray.write_bytes(b"x")
        with d.reading() as conn:
            assert outbox_rows.tidy(conn, d.folder) == 1
        assert kept[0].exists() and not stray.exists()
    report = w.merge(first)
    assert report.ok and report.receipt
    from fieldapp.exchange.receipt import apply_receipt

    with Store.open(w.laptop, PASSPHRASE) as d:
        apply_receipt(d, Path(report.receipt))
        assert outbox(d)[0].acknowledged
    assert list((w.laptop / "outbox").iterdir()) == []


@pytest.mark.parametrize("mb", [1, 20])
def test_after_an_export_no_purged_media_key_is_decryptable(tmp_path, mb):
    """The export's purge frees the media's chunk pages without overwriting them (decisions
    0013, 0024): what keeps them unreadable is that their keys are gone. An attacker holding
    the passphrase decrypts every page of the store folder (store.db and media.db) under the
    old and the new data key: no media key and no canary, while the draft's media key is
    still there. The draft's media stays, so media.db is not replaced whole: the exported
    chunks are freed, as free pages (freelist_count shows them)."""
    from fieldapp.store import media as media_rows
    from tests.core.storetools import decryptable, store_keys

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", mb * 1024 * 1024)})
    with Store.open(w.laptop, PASSPHRASE) as d:
        draft = InterviewRepo(d).start("media_t")
        kept = ops_media.attach_file(d, draft.id, "photo", canary_file(tmp_path / "d.jpg", 100_000)).row
        keys = {r.media_id: media_rows.key_of(d.conn, r.media_id) for r in media_rows.list_for(d.conn)}
    purged = [k for m, k in keys.items() if m != kept.media_id]
    before = store_keys(w.laptop)
    assert decryptable(w.laptop, before, purged) != []  # the search sees a key while it exists
    w.export()
    after = before + store_keys(w.laptop)
    assert decryptable(w.laptop, after, purged + [CANARY]) == []
    assert decryptable(w.laptop, after, [keys[kept.media_id]]) != []
    with Store.open(w.laptop, PASSPHRASE) as d:
        free = d.conn.execute("PRAGMA mediadb.freelist_count").fetchone()[0]
        assert free * 65536 >= mb * 1024 * 1024
        assert d.conn.execute("SELECT count(DISTINCT media_id) FROM media_chunks").fetchone()[0] == 1
        assert ops_media.read_media(d, draft.id, "photo") == (tmp_path / "d.jpg").read_bytes()
        assert d.verify() == []


def test_an_altered_media_byte_refuses_the_bundle_and_changes_nothing(tmp_path):
    """Rewrite one media byte inside the age encryption (re-encrypted with the coordinator's
    key: only the manifest's SHA-256 can tell): refused, the coordinator's store unchanged."""
    import pyrage
    from pyrage import x25519

    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 100 * 1024)
    w.interview({"photo": photo})
    path = w.export()
    with Store.open(w.coord, PASSPHRASE) as c, c.reading() as conn:
        from fieldapp.store import keys

        ck = keys.coordinator_keys(conn)
    inner = bytearray(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(ck.enc_identity)]))
    at = inner.find(photo.read_bytes()[:64]) + 5000
    inner[at] ^= 1
    path.write_bytes(pyrage.encrypt(bytes(inner), [x25519.Recipient.from_str(r) for r in ck.recipients]))
    before = store_digest(w.coord)
    report = w.merge(path)
    assert not report.ok and "does not match the signed manifest" in report.summary()
    assert store_digest(w.coord) == before


def test_resend_writes_the_same_bytes_from_the_chunked_outbox(tmp_path):
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 3 * 1024 * 1024)})
    first = w.export()
    again = tmp_path / "again"
    again.mkdir()
    with Store.open(w.laptop, PASSPHRASE) as d:
        (copy,) = resend(d, again)
    assert copy.read_bytes() == first.read_bytes()
    assert w.merge(first).ok
    assert w.merge(copy).outcome == "already imported"


def test_resend_to_a_stick_that_does_not_hold_it_is_caught_and_leaves_nothing(tmp_path, monkeypatch):
    """Writing a lost stick's bundles again checks what the new stick returns from the
    device, not from the page cache they were written through: a flipped byte is refused,
    no file is left on it, and the outbox copy is still there for a good stick."""
    from fieldapp import directio

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 9 * 1024 * 1024)})
    first = w.export()
    bad, good = tmp_path / "bad", tmp_path / "good"
    bad.mkdir()
    good.mkdir()
    real = directio.DirectReader.readinto
    reads = []

    def lying(self, buf, offset):
        n = real(self, buf, offset)
        reads.append(self.direct)
        if offset <= 5 * 1024 * 1024 < offset + n:
            buf[5 * 1024 * 1024 - offset] ^= 0x08
        return n

    monkeypatch.setattr(directio.DirectReader, "readinto", lying)
    with Store.open(w.laptop, PASSPHRASE) as d, pytest.raises(UserFacingError) as err:
        resend(d, bad)
    assert err.value.message.code == "export.read_back"
    assert list(bad.iterdir()) == [] and reads  # read back through directio (O_DIRECT where it works)
    monkeypatch.undo()
    with Store.open(w.laptop, PASSPHRASE) as d:
        (copy,) = resend(d, good)
    assert copy.read_bytes() == first.read_bytes()


def test_resend_shows_its_progress_and_a_cancel_leaves_no_bundle_on_the_stick(tmp_path):
    """Two bundles waiting, written again to a new stick: the bar moves by the bytes written
    and read back; a cancel in the second bundle removes the first one written too, so the
    stick holds all of them or none, and the outbox still has both."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "a.jpg", 6 * 1024 * 1024)})
    first = w.export()
    w.interview({"photo": canary_file(tmp_path / "b.jpg", 6 * 1024 * 1024)})
    second = w.export()
    seen, again = [], tmp_path / "again"
    again.mkdir()
    with Store.open(w.laptop, PASSPHRASE) as d:
        copies = resend(d, again, progress=lambda done, total, step: seen.append((done, total, step)))
    assert sorted(p.read_bytes() for p in copies) == sorted([first.read_bytes(), second.read_bytes()])
    total = 2 * (first.stat().st_size + second.stat().st_size)
    assert {t for _d, t, _s in seen} == {total} and seen[-1] == (total, total, "done")
    assert [d for d, _t, _s in seen] == sorted(d for d, _t, _s in seen) and len(seen) > 20
    cancel, cut = CancelToken(), tmp_path / "cut"
    cut.mkdir()

    def watch(done, _total, _step):
        if done > total * 3 // 4:
            cancel.cancel()

    with Store.open(w.laptop, PASSPHRASE) as d, pytest.raises(Cancelled):
        resend(d, cut, progress=watch, cancel=cancel)
    assert list(cut.iterdir()) == []
    assert len(list((w.laptop / "outbox").iterdir())) == 2


def test_bucket_sizes_grow_by_an_eighth_above_64_mib():
    mib = 1024 * 1024
    assert media_bundle.bucket_size(1000) == 64 * 1024
    assert media_bundle.bucket_size(64 * mib) == 64 * mib
    assert media_bundle.bucket_size(64 * mib + 1) == 72 * mib
    two_gb = 2 * 1024 * mib + 12345
    assert 0 < media_bundle.bucket_size(two_gb) - two_gb <= two_gb // 8


def test_data_media_writes_files_named_by_pseudonym_and_question_and_is_audited(tmp_path, monkeypatch, capsys):
    """``fieldapp data STORE --form F --format csv --out X --media DIR`` on the coordinator."""
    import csv

    from fieldapp.cli import main
    from fieldapp.store import audit

    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 400 * 1024)
    portrait = canary_file(tmp_path / "p.png", 3000)
    iid = w.interview({"photo": photo, "members[2]/portrait": portrait}, members=2)
    assert w.merge(w.export()).ok
    with Store.open(w.coord, PASSPHRASE) as c:
        pseudonym = next(r.pseudonym for r in InterviewRepo(c).list() if r.id == iid)
    out_dir = tmp_path / "media-out"
    out_dir.mkdir()
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    table = tmp_path / "data.csv"
    assert main(["data", str(w.coord), "--form", "media_t", "--format", "csv", "--out", str(table),
                 "--media", str(out_dir)]) == 0
    assert "Wrote 2 media files" in capsys.readouterr().err
    names = sorted(p.name for p in out_dir.iterdir())
    safe = pseudonym.replace(" ", "-")
    assert names == sorted([f"{safe}_photo.jpg", f"{safe}_members-2-portrait.png"]), names
    assert (out_dir / f"{safe}_photo.jpg").read_bytes() == photo.read_bytes()
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in out_dir.iterdir())
    # the data file names the media by the same reference the store holds
    (row,) = list(csv.DictReader(table.open(encoding="utf-8-sig")))
    assert row["photo"].endswith(".jpg") and len(row["photo"]) == 36
    with Store.open(w.coord, PASSPHRASE) as c, c.reading() as conn:
        entries = [e for e in audit.entries(conn) if e["action"] == "data.export_media"]
        assert entries and entries[0]["detail"] == {"form": "media_t", "files": 2}
        assert audit.check_chain(conn) == []
    # a second export into the same folder overwrites nothing
    assert main(["data", str(w.coord), "--form", "media_t", "--format", "csv", "--out", str(table),
                 "--media", str(out_dir)]) != 0
    assert (out_dir / f"{safe}_photo.jpg").read_bytes() == photo.read_bytes()


def test_wipe_removes_the_outbox_copies_with_the_store(tmp_path):
    from fieldapp.store.wipe import wipe_store

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 300 * 1024)})
    w.export()
    assert len(list((w.laptop / "outbox").iterdir())) == 1
    wipe_store(w.laptop)
    assert not w.laptop.exists()


@pytest.mark.parametrize("bad", [False, True])
def test_the_media_sink_checks_each_media_and_the_zero_padding(bad):
    """The import's second pass (media_bundle.MediaSink) as age hands it the plaintext in
    arbitrary pieces: the media's chunks come out whole, and a single non-zero byte in the
    padding refuses the bundle."""
    head = b"H" * 1000
    media = hashlib.shake_256(b"m").digest(700_000)
    entry = {"id": "a" * 32, "revision": 1, "field": "photo", "media_id": "b" * 32, "kind": "image",
             "mime": "image/jpeg", "ext": ".jpg", "size": len(media), "sha256": hashlib.sha256(media).hexdigest()}
    padding = bytearray(300_000)
    if bad:
        padding[123_456] = 1
    got: list[bytes] = []
    sink = media_bundle.MediaSink(hashlib.sha256(head).hexdigest(), len(head), [entry], len(padding),
                                  lambda e, n, data: got.append(bytes(data)), lambda e: True)
    stream = head + media + bytes(padding)

    def feed() -> None:
        for i in range(0, len(stream), 65_536):
            sink.write(stream[i:i + 65_536])
        sink.finish()

    if bad:
        with pytest.raises(bundle.BundleFormatError) as err:
            feed()
        assert err.value.message.code == "bundle.padding_altered"
    else:
        feed()
        assert b"".join(got) == media and all(len(c) <= 256 * 1024 for c in got)


def test_an_empty_attached_file_arrives_as_an_empty_media(tmp_path):
    """A media of no bytes has no chunk to carry: the coordinator still gets its row."""
    w = MediaWorld(tmp_path)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    iid = w.interview({"small": empty})
    assert w.merge(w.export()).ok
    with Store.open(w.coord, PASSPHRASE) as c:
        (row,) = ops_media.list_media(c, iid)
        assert row.complete and row.size == 0 and row.sha256 == hashlib.sha256(b"").hexdigest()
        assert ops_media.read_media(c, iid, "small") == b""
        assert c.verify() == []


def test_a_damaged_chunk_stops_the_export_and_nothing_is_written_or_purged(tmp_path):
    """The chunks are read ahead of age's encryption on a second thread (fieldapp.pipeline):
    a chunk that fails its check there stops the export as if it had been read in line."""
    from fieldapp.errors import StoreError

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 900 * 1024)})
    with Store.open(w.laptop, PASSPHRASE) as d, d.transaction() as conn:
        (sealed,) = conn.execute("SELECT data FROM media_chunks WHERE n = 2").fetchone()
        altered = bytearray(sealed)
        altered[1000] ^= 1
        conn.execute("UPDATE media_chunks SET data = ? WHERE n = 2", (bytes(altered),))
    with pytest.raises(StoreError) as err:
        w.export()
    assert err.value.message.code == "media.damaged"
    assert list(w.stick.iterdir()) == []
    assert list((w.laptop / "outbox").iterdir()) == []
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == chunks_of(900 * 1024)


def test_a_failed_chunk_write_during_the_merge_changes_nothing(tmp_path, monkeypatch):
    """The import writes chunks behind the decryption on another thread, 16 rows at a time: a
    write that fails there (here the second batch) fails the import, and the merge rolls back
    whole."""
    from fieldapp.store import media as media_rows

    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 19 * 65280)})  # 16 rows, then 3
    path = w.export()
    before = store_digest(w.coord)
    real, calls = media_rows.insert_sealed_many, []

    def failing(conn, rows):
        calls.append([n for _, n, _ in rows])
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real(conn, rows)

    monkeypatch.setattr(media_rows, "insert_sealed_many", failing)
    report = w.merge(path)
    assert not report.ok and "Input/output error" in report.summary()
    assert calls == [list(range(16)), list(range(16, 19))]  # nothing written after the failure
    assert store_digest(w.coord) == before
    monkeypatch.undo()
    assert w.merge(path).ok  # the same bundle then imports


def test_a_media_that_lost_a_chunk_is_refused_as_changed_and_nothing_is_purged(tmp_path):
    """Every chunk authentic, one missing: the bytes read do not match the manifest's size
    and SHA-256 (checked on the reading thread), and the export stops before anything is kept."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 900 * 1024)})
    with Store.open(w.laptop, PASSPHRASE) as d, d.transaction() as conn:
        conn.execute("DELETE FROM media_chunks WHERE n = 3")
    with pytest.raises(UserFacingError) as err:
        w.export()
    assert err.value.message.code == "export.changed"
    assert list(w.stick.iterdir()) == [] and list((w.laptop / "outbox").iterdir()) == []
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]


_KILLED_EXPORT = """
import os, sys, time
sys.path[:0] = [sys.argv[3], sys.argv[4]]
os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
from pathlib import Path
from fieldapp.exchange import export as export_mod
from fieldapp.store import Store
from tests.core.test_exchange_support import key_words
real = export_mod._Target

class Stalls(real):
    # the outbox copy's writer stalls once 1 MiB is in (the stick's goes on)

    def __init__(self, tmp):
        super().__init__(tmp)
        self.kept, self.written = tmp.parent.name == "outbox", 0

    def write(self, view):
        super().write(view)
        self.written += len(view)
        if self.kept and self.written > 1024 * 1024:  # chunks already read and freed inside the transaction
            print("sealing", flush=True)
            time.sleep(60)

export_mod._Target = Stalls
export_mod.HANDOVER = 256 * 1024
key = Path(sys.argv[2]).read_bytes()
with Store.open(sys.argv[1], "violet-anchor-rescue-mango-tundra-quiet") as d:
    export_mod.export_bundle(d, Path(sys.argv[5]), key, words=key_words(key))
"""


def test_an_export_killed_while_sealing_leaves_every_chunk_in_the_store(tmp_path):
    """The export reads the chunks inside its erasing transaction and drops them only after
    its commit (decision 0024): a process killed half way has written nothing to the store
    (its transaction's journal is rolled back, if any), so the media are all there, the
    store verifies, and the next export carries them whole."""
    import os
    import signal
    import subprocess
    import sys

    w = MediaWorld(tmp_path)
    photo = canary_file(tmp_path / "doc.jpg", 3 * 1024 * 1024)
    iid = w.interview({"photo": photo})
    key_path = tmp_path / "project.key"
    key_path.write_bytes(w.project_key)
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-c", _KILLED_EXPORT, str(w.laptop), str(key_path), str(root / "src"),
                              str(root), str(w.stick)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "sealing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert not (w.laptop / "media.db-journal").exists()  # nothing written to media.db
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == chunks_of(3 * 1024 * 1024)
        assert d.verify() == []
    for leftover in w.stick.iterdir():  # the temp file of the killed export
        leftover.unlink()
    path = w.export()
    (kept,) = (w.laptop / "outbox").iterdir()  # the killed export's partial copy is gone
    assert kept.suffix == ".age"
    report = w.merge(path)
    assert report.ok, report.summary()
    with Store.open(w.coord, PASSPHRASE) as c:
        assert ops_media.read_media(c, iid, "photo") == photo.read_bytes()


def _export_watched(w: MediaWorld, on_progress):
    with Store.open(w.laptop, PASSPHRASE) as d:
        cancel = CancelToken()
        return export_bundle(d, w.stick, w.project_key, words=key_words(w.project_key),
                             progress=lambda done, total, step: on_progress(done, total, step, cancel),
                             cancel=cancel)


def test_a_long_export_shows_its_progress_by_the_bytes_written_and_read_back(tmp_path):
    """A media bundle takes minutes on a slow stick: the bar moves while the stick is written
    and while it is read back, each step named, never backwards."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 30 * 1024 * 1024)})
    seen = []
    _export_watched(w, lambda done, total, step, _cancel: seen.append((done, total, step)))
    steps = [s for _d, _t, s in seen]
    assert [s for n, s in enumerate(steps) if not n or steps[n - 1] != s] == [
        "sealing", "writing", "checking", "recording", "done"]
    assert {t for _d, t, _s in seen} == {1000}
    assert [d for d, _t, _s in seen] == sorted(d for d, _t, _s in seen) and seen[-1][0] == 1000
    assert len({d for d, _t, s in seen if s == "writing"}) >= 5  # 30 MiB: a tick per 4 MiB
    assert len({d for d, _t, s in seen if s == "checking"}) >= 5


@pytest.mark.parametrize("step", ["writing", "checking"])
def test_cancel_while_writing_or_reading_back_stops_the_export_and_nothing_is_left(tmp_path, step):
    """Cancel (or the lock screen, which cancels) in the middle of writing the stick or of
    reading it back: the export stops there, no file is left on the stick or in the outbox,
    nothing is purged, and the next export takes the same interviews."""
    w = MediaWorld(tmp_path)
    w.interview({"photo": canary_file(tmp_path / "doc.jpg", 30 * 1024 * 1024)})
    before = store_digest(w.laptop)
    ticks = []

    def watch(done, total, at, cancel):
        ticks.append(at)
        if at == step and ticks.count(step) == 2:
            cancel.cancel()

    with pytest.raises(Cancelled):
        _export_watched(w, watch)
    assert ticks.count(step) == 2 and "recording" not in ticks  # stopped at the next 4 MiB
    assert list(w.stick.iterdir()) == [] and list((w.laptop / "outbox").iterdir()) == []
    assert store_digest(w.laptop).keys() == before.keys()
    with Store.open(w.laptop, PASSPHRASE) as d:
        assert [r.status for r in InterviewRepo(d).list()] == ["final"]
        assert d.verify() == []
    assert w.merge(w.export()).ok
