"""A recording's seconds counted once per chunk (issue #16 follow-up): the review page states a
background recording's length on every refresh, and it must not read the whole recording out
of the store each time (12 MB an hour, opened chunk by chunk).

Every count here is compared, exactly (``==``), with ``recorder.ogg_seconds`` over the whole
bytes, the count the review used before: recordings made by the real recorder (one stream,
continued after a lock into a chain, empty, still being written, chunks cut inside a page),
a chain that mixes Opus into it, and bytes cut anywhere, damaged or not Ogg at all.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import random

import pytest
import soundfile

from fieldapp.forms.xlsform import read_xlsform
from fieldapp.ops import background
from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as rec_mod
from fieldapp.ops import recording_length as length
from fieldapp.store import Store
from fieldapp.store import media as media_rows
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE
from tests.core.test_media_store import interviewer_with_media_form, media_form
from tests.core.test_recorder import pcm_blocks, tone
from tests.xlsform_builder import write_xlsform

BACKGROUND_SURVEY = """
| type             | name    | label::English (en) |
| background-audio | rec     |                     |
| text             | story   | Story               |
"""


@pytest.fixture()
def store(tmp_path):
    yield from interviewer_with_media_form(tmp_path)


@pytest.fixture()
def opened(monkeypatch):
    """How many chunks were opened (read out of media.db and their seal opened)."""
    calls = {"n": 0}
    real, real_into = media_rows.open_chunk, media_rows.SealedChunk.open_into

    def counting(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)

    def counting_into(*args, **kwargs):
        calls["n"] += 1
        return real_into(*args, **kwargs)

    monkeypatch.setattr(media_rows, "open_chunk", counting)
    monkeypatch.setattr(media_rows.SealedChunk, "open_into", counting_into)
    return calls


def _whole(store, iid: str, key: str = "testimony") -> float:
    return rec_mod.ogg_seconds(ops_media.read_media(store, iid, key))


def _row(store, iid: str, key: str = "testimony"):
    (row,) = [m for m in ops_media.list_media(store, iid) if m.key == key]
    return row


def _record(store, iid: str, seconds: float, append: bool = False, start: float = 0.0,
            flush_seconds: float = 0.5, check=None) -> rec_mod.Recorder:
    """Record ``seconds`` of the test tone; ``check(recorder)`` after every block fed."""
    r = rec_mod.Recorder(store, iid, "testimony", flush_seconds=flush_seconds)
    r.start(append=append)
    for block in pcm_blocks(tone(seconds, start=start)):
        r.feed(block)
        if check is not None:
            check(r)
    r.stop()
    return r


# -- the counter against ogg_seconds over the same bytes --------------------------------------
def _recordings(store) -> dict[str, bytes]:
    """The bytes of real recordings: one stream, a chain of two, an empty one, and a chain
    with an Opus stream between Vorbis ones (recordings made with Opus still play)."""
    repo = InterviewRepo(store)
    out = {}
    iid = repo.start("media_t").id
    _record(store, iid, 6.3)
    out["single"] = ops_media.read_media(store, iid, "testimony")
    _record(store, iid, 4.1, append=True, start=7.0)
    out["chained"] = ops_media.read_media(store, iid, "testimony")
    empty = repo.start("media_t").id
    r = rec_mod.Recorder(store, empty, "testimony")
    r.start()
    r.stop()
    out["empty"] = ops_media.read_media(store, empty, "testimony")
    sink = io.BytesIO()
    with soundfile.SoundFile(sink, "w", samplerate=rec_mod.SAMPLE_RATE, channels=1, format="OGG",
                             subtype="OPUS") as enc:
        enc.write((tone(2.7, start=20.0) * 32767).astype("<i2"))
    out["opus_in_chain"] = out["single"] + sink.getvalue() + out["chained"][len(out["single"]):]
    return out


def _pieces(data: bytes, rng: random.Random, small: bool):
    pos = 0
    while pos < len(data):
        n = rng.randint(1, 40) if small else rng.randint(1, 9000)
        yield data[pos:pos + n]
        pos += n


def test_the_counter_gives_ogg_seconds_of_every_prefix_whatever_the_cuts(store):
    """Fed in pieces cut anywhere (inside a page's header, its lacing values, its body), the
    counter says what ogg_seconds says of the bytes fed so far, after every piece: a page
    counts once it is whole, as in a recording still being written."""
    recordings = _recordings(store)
    assert rec_mod.ogg_seconds(recordings["single"]) == pytest.approx(6.3, abs=0.05)
    assert len(rec_mod.ogg_streams(recordings["chained"])) == 2
    assert rec_mod.ogg_seconds(recordings["chained"]) == pytest.approx(10.4, abs=0.05)
    assert rec_mod.ogg_seconds(recordings["empty"]) == 0.0
    assert len(rec_mod.ogg_streams(recordings["opus_in_chain"])) == 3
    assert rec_mod.ogg_seconds(recordings["opus_in_chain"]) == pytest.approx(13.1, abs=0.05)
    rng = random.Random(16)
    for name, data in recordings.items():
        for small in (True, False):
            counter, fed = length.OggCounter(), 0
            for piece in _pieces(data, rng, small):
                counter.feed(piece)
                fed += len(piece)
                assert counter.seconds == rec_mod.ogg_seconds(data[:fed]), (name, fed)
            assert counter.exact and counter.seconds == rec_mod.ogg_seconds(data), name
        whole = length.OggCounter()
        whole.feed(data)
        assert whole.seconds == rec_mod.ogg_seconds(data)


def test_bytes_that_are_not_a_clean_recording_count_as_ogg_seconds_counts_them(store):
    """Damaged or odd input: what ogg_seconds makes of it, the counter makes of it too."""
    data = _recordings(store)["chained"]
    first_page = 27 + data[26] + sum(data[27:27 + data[26]])
    starts = [off for off, _n, _kind, _g in rec_mod._ogg_pages(data)]
    second_bos = next(off for off, _n, kind, _g in rec_mod._ogg_pages(data) if kind & 2 and off)
    middle = starts[len(starts) // 3]  # a page of the first stream with audio before it
    cases = {
        "nothing": b"",
        "not ogg": b"RIFF" + bytes(200),
        "garbage between two pages": data[:middle] + b"garbage" + data[middle:],
        "garbage inside a page": data[:1000] + b"\x00" * 3 + data[1003:],
        "no first page": data[first_page:],  # pages before any beginning of stream
        "no first page, two streams": data[first_page:second_bos] + data[second_bos:],
        "cut before the chain's second part": data[:second_bos + 10],
        "three streams, the first one cut short": data[:first_page + 100] + data[second_bos:] * 2,
    }
    rng = random.Random(7)
    for name, case in cases.items():
        counter = length.OggCounter()
        for piece in _pieces(case, rng, small=True):
            counter.feed(piece)
        assert counter.exact, name
        assert counter.seconds == rec_mod.ogg_seconds(case), name
    # a byte that does not start a page ends the count for good, as in ogg_seconds
    counter = length.OggCounter()
    counter.feed(data[:middle] + b"garb")
    counter.feed(b"age" + data[middle:])
    assert 0 < counter.seconds == rec_mod.ogg_seconds(data[:middle]) < rec_mod.ogg_seconds(data)


def _page(kind: int, granule: int, body: bytes, serial: int = 1) -> bytes:
    """One Ogg page (the checksum is not checked by either count)."""
    lacing = [255] * (len(body) // 255) + [len(body) % 255]
    return (b"OggS\x00" + bytes([kind]) + granule.to_bytes(8, "little", signed=True)
            + serial.to_bytes(4, "little") + bytes(8) + bytes([len(lacing)]) + bytes(lacing) + body)


def test_a_first_page_too_short_to_name_its_codec_is_counted_whole(store):
    """ogg_seconds reads a stream's first 16 body bytes even past a shorter first page; the
    counter does not keep what follows it, says so (``exact``), and stored_seconds counts
    such a media whole instead."""
    ident = b"\x01vorbis" + bytes(5) + (8000).to_bytes(4, "little") + bytes(14)
    odd = _page(2, 0, ident[:7]) + _page(0, 0, ident[7:]) + _page(4, 16000, bytes(300))
    assert rec_mod.ogg_seconds(odd) != 0.0  # the rate is read from the second page
    counter = length.OggCounter()
    counter.feed(odd)
    assert not counter.exact
    iid = InterviewRepo(store).start("media_t").id
    writer = media_rows.MediaWriter(store, iid, "testimony", "audio", rec_mod.MIME, rec_mod.EXT).begin()
    writer.write(odd)
    row = writer.finish()
    assert length.stored_seconds(store, row) == rec_mod.ogg_seconds(odd)
    # well-formed pages are counted as they come: the largest granule position counts, not
    # the last page's (-1 on a page where no packet ends; out of order in a damaged file)
    fine = (_page(2, 0, ident) + _page(0, 16000, bytes(300)) + _page(0, -1, bytes(600))
            + _page(0, 8000, bytes(30)) + _page(2, 0, ident, serial=2) + _page(0, 4000, bytes(9)))
    expected = rec_mod.ogg_seconds(fine)
    assert expected == 2.5
    for cut in range(len(fine) + 1):
        counter = length.OggCounter()
        counter.feed(fine[:cut])
        counter.feed(fine[cut:])
        assert counter.exact and counter.seconds == expected, cut
    # a Vorbis stream that states no rate is taken at the recorder's
    assert length._VORBIS_DEFAULT_RATE == rec_mod.SAMPLE_RATE
    no_rate = _page(2, 0, ident[:12] + bytes(4) + ident[16:]) + _page(4, 32_000, bytes(10))
    counter = length.OggCounter()
    counter.feed(no_rate)
    assert counter.seconds == rec_mod.ogg_seconds(no_rate) == 2.0


# -- stored_seconds: only the chunks not counted yet ------------------------------------------
def _reopened(store: Store, tmp_path) -> Store:
    """The store closed and opened again (a lock and unlock, a restart): nothing counted."""
    store.close()
    return Store.open(tmp_path / "store", PASSPHRASE)


def test_a_media_being_written_is_counted_from_its_new_chunks_only(store, opened):
    """Chunks written while the review refreshes (a recording from another run of the app,
    or one the recorder did not count): each count equals ogg_seconds over everything
    written so far and opens only the chunks written since the last count; chunks of more
    than one row of media.db are split at 65,280 bytes, inside an Ogg page."""
    recordings = _recordings(store)
    repo = InterviewRepo(store)
    rng = random.Random(3)
    for name in ("single", "chained", "opus_in_chain"):
        data = recordings[name]
        iid = repo.start("media_t").id
        writer = media_rows.MediaWriter(store, iid, "testimony", "audio", rec_mod.MIME, rec_mod.EXT).begin()
        pos = 0
        while pos < len(data):
            n = rng.choice([rng.randint(1, 3000), rng.randint(60_000, 140_000)])
            chunks_before = writer.chunks
            writer.write(data[pos:pos + n])
            pos += n
            before = opened["n"]
            row = _row(store, iid)
            assert row.state == "recording"
            assert length.stored_seconds(store, row) == rec_mod.ogg_seconds(data[:pos]), (name, pos)
            assert opened["n"] - before == writer.chunks - chunks_before, name
        assert writer.chunks > len(range(0, len(data), 140_000))  # some writes were split in rows
        row = writer.finish()
        before = opened["n"]
        for _ in range(3):  # complete and counted: nothing is read again
            assert length.stored_seconds(store, row) == rec_mod.ogg_seconds(data)
        assert opened["n"] == before


def test_the_recorder_counts_what_it_writes_and_nothing_is_read_back(store, opened):
    """A recording made since the store was opened: the review's count, while it records
    and once it is complete, equals ogg_seconds of the whole media and opens no chunk."""
    iid = InterviewRepo(store).start("media_t").id
    counts = []

    def check(r: rec_mod.Recorder) -> None:
        if r.frames % (rec_mod.SAMPLE_RATE * 3 // 2) == 0:  # every 1.5 s of audio
            before = opened["n"]
            got = length.stored_seconds(store, _row(store, iid))
            assert opened["n"] == before
            counts.append((got, _whole(store, iid)))

    _record(store, iid, 12.0, check=check)
    assert len(counts) == 8 and all(a == b for a, b in counts), counts
    assert counts[-1][0] > 10.0
    _record(store, iid, 20.0, append=True, start=13.0, flush_seconds=24.0)  # rows split in a page
    row = _row(store, iid)
    sizes = [len(media_rows.read_chunk(store.conn, row.media_id, n)) for n in range(row.chunks)]
    assert media_rows.ROW_BYTES in sizes
    whole = _whole(store, iid)
    before = opened["n"]
    assert length.stored_seconds(store, row) == whole == pytest.approx(32.0, abs=0.05)
    assert opened["n"] == before


def test_a_recording_continued_after_a_lock_counts_its_chain_once(store, opened, tmp_path):
    """A lock closes the store and forgets every count; the recording goes on (a new Ogg
    stream in the same media, a chain): the recorder's start counts the first part from the
    store once, for itself and for the review, and the second part as it writes it."""
    iid = InterviewRepo(store).start("media_t").id
    _record(store, iid, 5.2)
    store = _reopened(store, tmp_path)
    try:
        first = _row(store, iid)
        before = opened["n"]
        again = rec_mod.Recorder(store, iid, "testimony", flush_seconds=0.5)
        again.start(append=True)
        # MediaWriter.reopen hashes the chunks again; the count reads them once more
        assert opened["n"] - before == 2 * first.chunks
        before = opened["n"]
        assert again.earlier_seconds == length.stored_seconds(store, first) == pytest.approx(5.2, abs=0.05)
        assert opened["n"] == before
        for block in pcm_blocks(tone(3.0, start=9.0)):
            again.feed(block)
        during = _row(store, iid)
        got = length.stored_seconds(store, during)
        assert opened["n"] == before
        assert got == _whole(store, iid)
        assert 5.2 + 3.0 - 1.0 < got <= 8.2  # the encoder still holds its last half second or so
        again.stop()
        done = _row(store, iid)
        assert len(rec_mod.ogg_streams(ops_media.read_media(store, iid, "testimony"))) == 2
        assert length.stored_seconds(store, done) == _whole(store, iid) == pytest.approx(8.2, abs=0.05)
    finally:
        store.close()


def test_a_new_recording_and_a_changed_row_are_counted_afresh(store):
    """Consent withdrawn deletes the recording; the next one is another media and counts from
    nothing. A complete row that no longer holds what was counted is counted again."""
    iid = InterviewRepo(store).start("media_t").id
    _record(store, iid, 4.0)
    assert length.stored_seconds(store, _row(store, iid)) == pytest.approx(4.0, abs=0.05)
    ops_media.delete_media(store, iid, "testimony")
    _record(store, iid, 2.5, start=30.0)
    row = _row(store, iid)
    assert length.stored_seconds(store, row) == _whole(store, iid) == pytest.approx(2.5, abs=0.05)
    shorter = dataclasses.replace(row, chunks=row.chunks - 1, size=row.size - 1)
    assert length.stored_seconds(store, shorter) == length.stored_seconds(store, row)


def test_what_is_kept_between_counts_is_counts_and_page_headers_only(store, tmp_path):
    """No audio is kept in memory between counts: per media at most a page's header (282
    bytes) and each stream's first 16 identification bytes; a closed store's counts go."""
    iid = InterviewRepo(store).start("media_t").id
    r = rec_mod.Recorder(store, iid, "testimony", flush_seconds=0.5)
    r.start()
    for block in pcm_blocks(tone(3.0)):
        r.feed(block)
    length.stored_seconds(store, _row(store, iid))
    counted = length._COUNTED[store][_row(store, iid).media_id]

    def kept(obj, seen=None) -> int:
        seen = seen if seen is not None else set()
        if id(obj) in seen:
            return 0
        seen.add(id(obj))
        if isinstance(obj, bytes | bytearray | memoryview):
            return len(obj)
        if dataclasses.is_dataclass(obj) or hasattr(obj, "__dict__"):
            return sum(kept(v, seen) for v in vars(obj).values())
        return 0

    assert kept(counted) <= 282 + 2 * 16
    r.stop()
    store.close()
    other = Store.create(tmp_path / "other", PASSPHRASE, "interviewer")
    add_form(other, media_form(tmp_path))
    oid = InterviewRepo(other).start("media_t").id
    _record(other, oid, 1.0)
    length.stored_seconds(other, _row(other, oid))
    assert store not in length._COUNTED and other in length._COUNTED
    other.close()
    del other
    gc.collect()
    assert len(length._COUNTED) == 0


# -- the review's summary ---------------------------------------------------------------------
def test_the_review_summary_counts_the_background_recording_as_the_whole_read_did(tmp_path, opened):
    s = Store.create(tmp_path / "bg", PASSPHRASE, "interviewer")
    add_form(s, read_xlsform(write_xlsform(tmp_path / "bg.xlsx", BACKGROUND_SURVEY,
                                           settings={"form_id": "bg_t", "version": "1"})))
    with s:
        iv = InterviewRepo(s).start("bg_t", language="en")
        assert background.summary(s, iv) == background.RecordingSummary(background.NOT_RECORDED, 0.0, False)
        r = rec_mod.Recorder(s, iv.id, "rec", interview=iv, flush_seconds=0.5)
        r.start()
        for n, block in enumerate(pcm_blocks(tone(8.0))):
            r.feed(block)
            if n % 20 == 19:
                before = opened["n"]
                shown = background.summary(s, iv)
                assert opened["n"] == before  # nothing of the recording read back
                assert shown.state == background.RECORDED and not shown.complete
                assert shown.seconds == _whole(s, iv.id, "rec") > 0
        r.stop()
        before = opened["n"]
        shown = background.summary(s, iv)
        assert background.summary(s, iv) == shown
        assert opened["n"] == before
        assert shown.complete and shown.seconds == pytest.approx(8.0, abs=0.05)
        assert shown.seconds == rec_mod.ogg_seconds(ops_media.read_media(s, iv.id, "rec"))
        background.set_refusal(s, iv.id, "stopped")  # stopped: what was recorded is kept, and said
        assert background.summary(s, iv) == background.RecordingSummary(background.STOPPED, shown.seconds, True)
