"""The recorder's core without Qt (issue #16): a generated tone stands in for the microphone.

What Qt Multimedia's QAudioSource would deliver (signed 16-bit mono PCM at 16 kHz, in blocks
of about 100 ms) is generated here and fed to ``ops.recorder.Recorder``; everything after the
Qt boundary is the real code: Opus encoding, chunks into the store, finalize, export, merge,
playback decoding on the coordinator.

"Decoded audio equals what was recorded" is checked as a lossy codec allows: after aligning
the two signals (Opus's pre-skip; best lag within 50 ms), their normalized correlation is at
least 0.97, the signal-to-noise ratio of the decoded signal against the recorded one at least
12 dB, and the durations agree within 100 ms (a chunk of the wrong place, a missing second, a
doubled page or another recording all fail by far).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as rec_mod
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_media_bundle import MediaWorld

RATE = rec_mod.SAMPLE_RATE
BLOCK = RATE // 10  # 100 ms, as QAudioSource's readyRead delivers
#: A byte pattern placed in the raw PCM (it must never reach a file outside the store).
PCM_CANARY = b"PCM-CANARY-testimony-4b1d"


def tone(seconds: float, start: float = 0.0) -> np.ndarray:
    """Speech-like test signal: "syllables" of 0.2 s, each a tone and its third harmonic at a
    pitch drawn for that syllable's place in time, under a syllable envelope, plus a little
    noise. Never periodic, so a recording of another stretch cannot line up with it."""
    t = start + np.arange(int(round(seconds * RATE))) / RATE
    syllable = np.floor(t / 0.2).astype(np.int64)
    pitches = np.random.default_rng(7).uniform(140, 420, size=int(syllable.max()) + 2)
    f = pitches[syllable]
    env = np.sin(np.pi * (t / 0.2 - syllable)) ** 2
    x = env * (0.35 * np.sin(2 * np.pi * f * t) + 0.12 * np.sin(2 * np.pi * 3 * f * t + 1.0))
    noise = np.random.default_rng(int(start * 10)).standard_normal(t.size) * 0.005
    return np.clip(x + noise, -1, 1).astype(np.float32)


def pcm_blocks(signal_: np.ndarray, canary: bool = False):
    ints = (signal_ * 32767).astype("<i2")
    for i in range(0, ints.size, BLOCK):
        block = bytearray(ints[i:i + BLOCK].tobytes())
        if canary and i % (BLOCK * 10) == 0 and len(block) > len(PCM_CANARY):
            block[:len(PCM_CANARY)] = PCM_CANARY
        yield bytes(block)


def compare(recorded: np.ndarray, decoded: np.ndarray) -> tuple[float, float, float]:
    """(best normalized correlation, SNR in dB, duration difference in s) after alignment."""
    n = min(recorded.size, decoded.size)
    best = (-1.0, 0)
    for lag in range(-800, 801, 1):
        a = recorded[max(0, -lag):n - max(0, lag)]
        b = decoded[max(0, lag):max(0, lag) + a.size]
        if a.size != b.size or a.size < RATE:
            continue
        if lag % 8 and abs(lag - best[1]) > 8:
            continue  # coarse search, then fine around the best
        c = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
        if c > best[0]:
            best = (c, lag)
    corr, lag = best
    a = recorded[max(0, -lag):n - max(0, lag)]
    b = decoded[max(0, lag):max(0, lag) + a.size]
    snr = 10 * np.log10(np.sum(a ** 2) / np.sum((a - b) ** 2))
    return corr, float(snr), abs(recorded.size - decoded.size) / RATE


def test_sixty_seconds_recorded_exported_merged_and_played_back_equal(tmp_path):
    w = MediaWorld(tmp_path)
    first, second = tone(40.0), tone(20.0, start=40.0)
    with Store.open(w.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("media_t")
        iv.remove_instance("members[1]")
        r = rec_mod.Recorder(d, iv.id, "testimony", interview=iv)
        reference = r.start()
        assert iv.value("testimony") == reference
        for n, block in enumerate(pcm_blocks(first, canary=True)):
            r.feed(block)
            if n == 100:  # after 10 s the store already holds the recording so far, in chunks
                assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] >= 4
                assert r.snapshot().state == "recording" and abs(r.elapsed - 10.1) < 0.01
        r.pause()
        for block in pcm_blocks(tone(5.0, start=99.0)):  # fed while paused: not recorded
            r.feed(block)
        assert r.snapshot().state == "paused" and r.elapsed == pytest.approx(40.0)
        r.resume()
        for block in pcm_blocks(second, canary=True):
            r.feed(block)
        assert r.level == pytest.approx(float(np.abs(second[-BLOCK:]).max()), abs=0.01)
        row = r.stop()
        assert row.complete and row.kind == "audio" and row.ext == ".ogg"
        assert r.elapsed == pytest.approx(60.0)
        # played back on the laptop before moving on: decoded in memory
        local, rate = rec_mod.decode(ops_media.read_media(d, iv.id, "testimony"))
        assert rate == RATE
        repo.finalize(iv)
        ogg = ops_media.read_media(d, iv.id, "testimony")
    # ~28 kbit/s: 60 s of speech in about 200 KB (docs/forms.md)
    assert 100_000 < len(ogg) < 320_000
    report = w.merge(w.export())
    assert report.ok, report.summary()
    with Store.open(w.coord, PASSPHRASE) as c:
        data = ops_media.read_media(c, iv.id, "testimony")
        assert c.verify() == []
    assert data == ogg
    decoded, rate = rec_mod.decode(data)
    recorded = np.concatenate([first, second])
    corr, snr, drift = compare(recorded, decoded)
    print(f"codec comparison: correlation {corr:.4f}, SNR {snr:.1f} dB, duration difference {drift:.3f} s")
    assert corr >= 0.97 and snr >= 12.0 and drift <= 0.1, (corr, snr, drift)
    # another recording (the paused part in its place) does not pass the same comparison
    wrong = np.concatenate([first[:20 * RATE], tone(40.0, start=99.0)])
    assert compare(wrong, decoded)[0] < 0.9
    # nothing of the raw PCM or of the encoded stream is in any file outside the stores
    window = ogg[len(ogg) // 2:len(ogg) // 2 + 64]
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and w.coord not in p.parents
               and w.laptop not in p.parents]
    assert outside, "the bundle and the form are outside the stores"
    for p in outside:
        data_ = p.read_bytes()
        assert PCM_CANARY not in data_ and window not in data_, p
    for store_dir in (w.laptop, w.coord):
        assert files_containing(store_dir, [PCM_CANARY]) == []
        assert not any(window in p.read_bytes() for p in store_dir.iterdir() if p.is_file())


def test_abort_removes_the_recording_and_its_answer(tmp_path):
    w = MediaWorld(tmp_path)
    with Store.open(w.laptop, PASSPHRASE) as d:
        iv = InterviewRepo(d).start("media_t")
        r = rec_mod.Recorder(d, iv.id, "testimony", interview=iv)
        r.start()
        for block in pcm_blocks(tone(5.0)):
            r.feed(block)
        r.abort()
        assert iv.value("testimony") is None
        assert ops_media.list_media(d, iv.id) == []
        assert d.conn.execute("SELECT count(*) FROM media_chunks").fetchone()[0] == 0


def test_silence_reads_as_no_level():
    assert rec_mod.level_db(0.0) == float("-inf")
    assert rec_mod.level_db(1.0) == 0.0


CHILD = textwrap.dedent("""
    import sys, time
    import numpy as np
    sys.path.insert(0, {root!r})
    from fieldapp.store import Store
    from fieldapp.ops import recorder as rec_mod
    from tests.core.test_recorder import tone, pcm_blocks
    store = Store.open({store!r}, {passphrase!r})
    r = rec_mod.Recorder(store, {iid!r}, "testimony")
    r.start()
    for n, block in enumerate(pcm_blocks(tone(60.0))):
        r.feed(block)
        print("fed", (n + 1) / 10, flush=True)
        time.sleep(0.1)  # real time, as a microphone delivers
""")


@pytest.mark.slow
def test_kill_9_while_recording_loses_at_most_five_seconds(tmp_path):
    w = MediaWorld(tmp_path)
    with Store.open(w.laptop, PASSPHRASE) as d:
        iid = InterviewRepo(d).start("media_t").id
    root = str(Path(__file__).resolve().parents[2])
    code = CHILD.format(root=root, store=str(w.laptop), passphrase=PASSPHRASE, iid=iid)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(root) / "src"), root])}
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    fed = 0.0
    deadline = time.monotonic() + 60
    while fed < 9.0 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith("fed "):
            fed = float(line.split()[1])
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert fed >= 9.0
    with Store.open(w.laptop, PASSPHRASE) as d:
        (row,) = ops_media.list_media(d, iid)
        assert row.state == "recording"  # cut: the crash left it open
        (done,) = rec_mod.recover_recordings(d, iid)
        assert done.complete and d.verify() == []
        decoded, _rate = rec_mod.decode(ops_media.read_media(d, iid, "testimony"))
    kept = decoded.size / RATE
    assert fed - 5.0 <= kept <= fed + 0.2, (fed, kept)


def test_a_recording_continued_after_a_lock_plays_both_parts_on_the_coordinator(tmp_path, monkeypatch, capsys):
    """background-audio after a lock (decision 0017): the second part follows the first in
    the same media as a chained Ogg stream; the coordinator decodes both, in order."""
    w = MediaWorld(tmp_path)
    first, second = tone(12.0), tone(8.0, start=12.0)
    with Store.open(w.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("media_t")
        iv.remove_instance("members[1]")
        r = rec_mod.Recorder(d, iv.id, "testimony", interview=iv)
        reference = r.start()
        for block in pcm_blocks(first):
            r.feed(block)
        r.stop()  # the lock
        again = rec_mod.Recorder(d, iv.id, "testimony", interview=iv)
        assert again.start(append=True) == reference  # the same media, the same answer
        assert again.earlier_seconds == pytest.approx(12.0, abs=0.05)
        with d.reading() as conn:  # recording again until it stops; a crash keeps both parts
            assert conn.execute("SELECT state FROM media").fetchone()[0] == "recording"
        for block in pcm_blocks(second):
            again.feed(block)
        row = again.stop()
        assert again.total_seconds == pytest.approx(20.0, abs=0.05)
        assert d.verify() == []
        ogg = ops_media.read_media(d, iv.id, "testimony")
        assert row.size == len(ogg) and row.sha256 == hashlib.sha256(ogg).hexdigest()
        repo.finalize(iv)
    assert len(rec_mod.ogg_streams(ogg)) == 2 and rec_mod.ogg_seconds(ogg) == pytest.approx(20.0, abs=0.05)
    report = w.merge(w.export())
    assert report.ok, report.summary()
    with Store.open(w.coord, PASSPHRASE) as c:
        data = ops_media.read_media(c, iv.id, "testimony")
    assert data == ogg
    decoded, rate = rec_mod.decode(data)
    assert rate == RATE and abs(decoded.size / RATE - 20.0) < 0.1
    parts = [rec_mod.decode(s)[0] for s in rec_mod.ogg_streams(data)]
    for recorded, got in zip((first, second), parts):
        corr, snr, drift = compare(recorded, got)
        assert corr >= 0.97 and snr >= 12.0 and drift <= 0.1, (corr, snr, drift)
    assert np.array_equal(decoded, np.concatenate(parts))  # played in order, nothing between
    pcm, _rate = rec_mod.pcm16(data)
    assert len(pcm) == decoded.size * 2

    # Written out for analysis (fieldapp data --media): the .ogg as recorded, byte for byte, and
    # beside it the whole recording as one FLAC stream, which libsndfile (soundfile here) reads
    # to its end where it stops the .ogg after the first part.
    import soundfile

    from fieldapp.cli import main

    out_dir = tmp_path / "media-out"
    out_dir.mkdir()
    with Store.open(w.coord, PASSPHRASE) as c:
        (row,) = [r for r in InterviewRepo(c).list() if r.id == iv.id]
        done = ops_media.export_media_files(c, "media_t", out_dir)
    stem = f"{row.pseudonym}_testimony"
    assert sorted(p.name for p in done.files) == [f"{stem}.flac", f"{stem}.ogg"]
    assert done.whole == [out_dir / f"{stem}.flac"]
    assert ops_media.continued_parts(rec_mod.ogg_streams(data)[0]) is None  # one part: no .flac
    assert (out_dir / f"{stem}.ogg").read_bytes() == data
    assert soundfile.info(str(out_dir / f"{stem}.ogg")).frames / RATE < 12.1  # what libsndfile sees of it
    flac, flac_rate = soundfile.read(str(out_dir / f"{stem}.flac"), dtype="int16")
    assert flac_rate == RATE and soundfile.info(str(out_dir / f"{stem}.flac")).format == "FLAC"
    assert flac.tobytes() == pcm  # lossless from the decoded audio, both parts in order
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in out_dir.iterdir())
    # and through the command line, which says why there is a .flac
    again = tmp_path / "media-again"
    again.mkdir()
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    capsys.readouterr()
    assert main(["data", str(w.coord), "--form", "media_t", "--format", "csv",
                 "--out", str(tmp_path / "d.csv"), "--media", str(again)]) == 0
    assert "1 recording was continued after a lock" in capsys.readouterr().err
    assert sorted(p.name for p in again.iterdir()) == [f"{stem}.flac", f"{stem}.ogg"]
