"""Media answers kept inside the store (issue #16): chunked blobs, limits, deletion, verify."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from fieldapp.errors import StoreError, UserFacingError
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.ops import media as ops_media
from fieldapp.store import Store
from fieldapp.store import media as media_rows
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type          | name      | label::English (en) | parameters  |
| text          | name_hint | Note                |             |
| image         | photo     | Photo of document   |             |
| audio         | testimony | Testimony           |             |
| file          | small     | Small file          | max-size=1  |
| begin repeat  | members   | Member              |             |
| image         | portrait  | Portrait            |             |
| end repeat    |           |                     |             |
"""
CANARY = b"MEDIA-CANARY-7d1f0e2b-\xe2\x98\x83"


def media_form(folder: Path):
    return read_xlsform(write_xlsform(Path(folder) / "media.xlsx", SURVEY,
                                      settings={"form_id": "media_t", "version": "1"}))


def interviewer_with_media_form(tmp_path):
    """An interviewer store with the media form installed, closed after the test (the
    ``store`` fixture of the media tests: ``yield from`` this)."""
    s = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    add_form(s, media_form(tmp_path))
    yield s
    if not s.closed:
        s.close()


@pytest.fixture()
def store(tmp_path):
    yield from interviewer_with_media_form(tmp_path)


def chunks_of(size: int) -> int:
    """How many chunks an attached file of ``size`` bytes is kept in (one page of media.db each)."""
    return -(-size // media_rows.ROW_BYTES)


def canary_file(path: Path, size: int) -> Path:
    """``size`` bytes of pseudo-random data with the canary every 100 KiB."""
    data = bytearray(hashlib.shake_256(b"seed").digest(size))
    for off in range(0, size - len(CANARY), 100 * 1024):
        data[off:off + len(CANARY)] = CANARY
    path.write_bytes(bytes(data))
    return path


def chunk_rows(store) -> int:
    with store.reading() as conn:
        return conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0]


def test_an_attached_file_is_kept_in_chunks_and_reads_back_exactly(store, tmp_path):
    iv = InterviewRepo(store).start("media_t")
    src = canary_file(tmp_path / "scan.jpg", 700 * 1024)
    attached = ops_media.attach_file(store, iv.id, "photo", src)
    row = attached.row
    assert attached.original == src and src.exists()  # the original is left where it was
    assert (row.kind, row.mime, row.ext, row.size) == ("image", "image/jpeg", ".jpg", src.stat().st_size)
    assert row.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert row.chunks == chunks_of(700 * 1024) == chunk_rows(store) == 11
    assert ops_media.read_media(store, iv.id, "photo") == src.read_bytes()
    with ops_media.open_media(store, iv.id, "photo") as stream:
        assert stream.read(10) == src.read_bytes()[:10]
    assert [m.key for m in ops_media.list_media(store, iv.id)] == ["photo"]
    assert store.verify() == []
    store.close()
    # Nothing of the file is in plain anywhere in the store folder (it is inside SQLCipher).
    assert files_containing(tmp_path / "store", [CANARY]) == []


def test_a_media_answer_inside_a_repeat_is_keyed_by_its_instance(store, tmp_path):
    iv = InterviewRepo(store).start("media_t")
    iv.add_instance("members")
    one = ops_media.attach_file(store, iv.id, "members[1]/portrait", canary_file(tmp_path / "a.png", 1000)).row
    two = ops_media.attach_file(store, iv.id, "members[2]/portrait", canary_file(tmp_path / "b.png", 2000)).row
    assert (one.instance, one.field, two.instance) == ("members[1]", "portrait", "members[2]")
    assert ops_media.read_media(store, iv.id, "members[2]/portrait") == (tmp_path / "b.png").read_bytes()
    # removing the second member removes its media with its answers (one autosave transaction)
    iv.remove_instance("members[2]")
    assert [m.key for m in ops_media.list_media(store, iv.id)] == ["members[1]/portrait"]


def test_attaching_again_replaces_the_answer(store, tmp_path):
    iv = InterviewRepo(store).start("media_t")
    ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "a.jpg", 300_000))
    second = ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "b.jpg", 1000)).row
    assert ops_media.list_media(store, iv.id) == [second]
    assert chunk_rows(store) == 1


def test_the_size_limit_per_answer_keeps_nothing_of_a_larger_file(store, tmp_path):
    iv = InterviewRepo(store).start("media_t")
    big = canary_file(tmp_path / "big.pdf", 1024 * 1024 + 1)  # max-size=1 (MB) on "small"
    with pytest.raises(UserFacingError) as err:
        ops_media.attach_file(store, iv.id, "small", big)
    assert err.value.message.code == "media.too_large" and "1 MB" in str(err.value)
    assert ops_media.list_media(store, iv.id) == [] and chunk_rows(store) == 0
    # the caller's limit (the app setting) applies where the question sets none
    with pytest.raises(UserFacingError):
        ops_media.attach_file(store, iv.id, "photo", big, max_bytes=1000)
    assert chunk_rows(store) == 0
    # a file that grows past the limit while it is read is refused too (the writer counts)
    writer = media_rows.MediaWriter(store, iv.id, "photo", "image", "image/png", ".png", max_bytes=10).begin()
    with pytest.raises(UserFacingError):
        writer.write(b"x" * 11)
    assert ops_media.list_media(store, iv.id) == [] and chunk_rows(store) == 0


def test_only_media_questions_of_drafts_take_media(store, tmp_path):
    repo = InterviewRepo(store)
    iv = repo.start("media_t")
    f = canary_file(tmp_path / "a.jpg", 100)
    with pytest.raises(UserFacingError, match="not a photo"):
        ops_media.attach_file(store, iv.id, "name_hint", f)
    with pytest.raises(UserFacingError, match="not a file"):
        ops_media.attach_file(store, iv.id, "photo", tmp_path / "absent.jpg")
    with pytest.raises(UserFacingError) as err:
        ops_media.open_media(store, iv.id, "photo")
    assert err.value.message.code == "media.not_found"


def test_deleting_a_draft_deletes_its_media(store, tmp_path):
    repo = InterviewRepo(store)
    keep, drop = repo.start("media_t"), repo.start("media_t")
    ops_media.attach_file(store, keep.id, "photo", canary_file(tmp_path / "a.jpg", 1000))
    ops_media.attach_file(store, drop.id, "photo", canary_file(tmp_path / "b.jpg", 600_000))
    repo.delete_draft(drop.id)
    with store.reading() as conn:
        assert [r.interview_id for r in media_rows.list_for(conn)] == [keep.id]
    assert chunk_rows(store) == 1
    assert store.verify() == []


def test_export_purge_removes_media_with_the_answers(store, tmp_path):
    """``records.mark_exported`` (the export's erasing transaction) drops media and chunks."""
    from fieldapp.store import records

    iv = InterviewRepo(store).start("media_t")
    ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "a.jpg", 600_000))
    with store.reading() as conn:
        conn.execute("UPDATE interviews SET status = 'final', finalized_at = 'x' WHERE id = ?", (iv.id,))
    with store.erasing_transaction() as conn:
        assert records.mark_exported(conn, [iv.id], "2026-01-01T00:00:00Z") == 1
    assert ops_media.list_media(store, iv.id) == [] and chunk_rows(store) == 0
    assert store.verify() == []


def test_verify_finds_altered_missing_and_stray_media(store, tmp_path):
    iv = InterviewRepo(store).start("media_t")
    row = ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "a.jpg", 600_000)).row
    assert store.verify() == []
    with store.transaction() as conn:
        conn.execute("UPDATE media_chunks SET data = ? WHERE media_id = ? AND n = 1", (b"x" * 10, row.media_id))
    assert any("integrity check" in p and row.media_id in p for p in store.verify())
    with store.transaction() as conn:
        conn.execute("DELETE FROM media_chunks WHERE media_id = ? AND n = 1", (row.media_id,))
    assert any("integrity check" in p for p in store.verify())
    # another program's edit: the row gone from store.db, its chunks left in media.db
    store.conn.execute("DROP TRIGGER temp.media_chunks_go")
    with store.transaction() as conn:
        conn.execute("DELETE FROM media WHERE media_id = ?", (row.media_id,))
    assert any("belong to no media answer" in p for p in store.verify())


def test_a_recording_cut_by_a_crash_is_completed_from_its_chunks(store):
    iv = InterviewRepo(store).start("media_t")
    writer = media_rows.MediaWriter(store, iv.id, "testimony", "audio", "audio/ogg", ".ogg").begin()
    writer.write(b"first")
    writer.write(b"second")
    # the process dies here: the row says 'recording' and holds the committed chunks
    with store.transaction() as conn:
        done = media_rows.finish_interrupted(conn, writer.media_id)
    assert done is not None and done.complete and done.size == 11
    assert done.sha256 == hashlib.sha256(b"firstsecond").hexdigest()
    assert ops_media.read_media(store, iv.id, "testimony") == b"firstsecond"
    assert store.verify() == []


def test_a_deleted_media_leaves_neither_its_bytes_nor_its_key(store, tmp_path):
    """An attacker holding the data key decrypts every page of the store folder: each chunk
    is sealed with the media's own key, so the canary is never in a page, and once the media
    is deleted its key is not either (secure_delete zeroes its row). The search is shown to
    find the key while the media exists."""
    from tests.core.storetools import decryptable

    iv = InterviewRepo(store).start("media_t")
    row = ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "a.jpg", 300_000)).row
    media_key = media_rows.key_of(store.conn, row.media_id)
    key = store._data_key
    store.close()
    assert decryptable(tmp_path / "store", [key], [CANARY]) == []
    assert decryptable(tmp_path / "store", [key], [media_key]) != []
    with Store.open(tmp_path / "store", PASSPHRASE) as again:
        ops_media.delete_media(again, iv.id, "photo")
    assert decryptable(tmp_path / "store", [key], [CANARY, media_key]) == []
    assert os.path.exists(tmp_path / "store" / "store.db")


def test_a_chunk_moved_or_altered_is_refused(store, tmp_path):
    """A chunk opens only as the chunk it was sealed as (its media and number)."""
    iv = InterviewRepo(store).start("media_t")
    row = ops_media.attach_file(store, iv.id, "photo", canary_file(tmp_path / "a.jpg", 600_000)).row
    with store.transaction() as conn:
        conn.execute("UPDATE media_chunks SET n = n + 10 WHERE media_id = ? AND n = 0", (row.media_id,))
        conn.execute("UPDATE media_chunks SET n = 0 WHERE media_id = ? AND n = 1", (row.media_id,))
    with pytest.raises(StoreError) as err:
        ops_media.read_media(store, iv.id, "photo")
    assert err.value.message.code == "media.damaged"
    assert any("integrity" in p for p in store.verify())

