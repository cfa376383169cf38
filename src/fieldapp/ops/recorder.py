"""Recording testimony into the store (issue #16): PCM in, Ogg/Vorbis out, in encrypted chunks as it goes.

The recorder's core has no Qt in it: the desktop app's microphone (``QAudioSource``) hands it
raw PCM with ``feed``; tests hand it a generated tone the same way. The PCM is encoded to
Ogg/Vorbis by libsndfile (``soundfile``, whose wheel bundles libsndfile with Vorbis and Opus:
no native install) into an append-only in-memory sink, and every ``FLUSH_SECONDS`` of audio
the new Ogg pages become one chunk of the media answer in the store, committed on its own
(``store.media.MediaWriter``). Nothing is ever written to a file: a crash or a flat battery
loses what was not yet flushed (the last ``FLUSH_SECONDS`` plus the page the encoder is
filling, about a second), and the recording so far decodes (an Ogg stream cut between pages
plays).

Format: mono, 16 kHz, Vorbis at quality 0.2 (libsndfile's compression level 0.8: about
27 kbit/s, 12 MB an hour; docs/forms.md, "Media"). Not Opus, as decision 0014 first chose:
libsndfile runs libopus at complexity 10 with no way to lower it, which alone took 5 % of a
core here for speech, twenty times Vorbis's cost at the same size and a comparable fidelity
(decision 0017; ``bench/media.py`` measures both). Recordings made with Opus still play.
Playback decodes in memory (``decode``).
"""

from __future__ import annotations

import io
import math
import time
from dataclasses import dataclass

import numpy as np
import soundfile

from fieldapp.errors import UserFacingError
from fieldapp.ops import recording_length
from fieldapp.store import Store
from fieldapp.store import media as media_rows
from fieldapp.store.media import MediaRow

SAMPLE_RATE = 16_000
CHANNELS = 1
#: Seconds of audio per chunk written to the store (the most a crash can lose, plus the page
#: libopus is still filling).
FLUSH_SECONDS = 2.0
MIME = "audio/ogg"
EXT = ".ogg"
#: The encoder: Ogg/Vorbis at libsndfile's compression level 0.8 (see the module docstring).
SUBTYPE = "VORBIS"
COMPRESSION_LEVEL = 0.8


def encoder(sink) -> soundfile.SoundFile:
    """The speech encoder writing into ``sink`` (16 kHz mono Ogg/Vorbis)."""
    return soundfile.SoundFile(sink, "w", samplerate=SAMPLE_RATE, channels=CHANNELS, format="OGG",
                               subtype=SUBTYPE, compression_level=COMPRESSION_LEVEL)


class _AppendSink:
    """The file-like object libsndfile writes the Ogg stream to: it only ever appends (it
    seeks to where it already is), so the bytes can be taken away as they come."""

    def __init__(self) -> None:
        self.pos = 0
        self._pending = bytearray()

    def write(self, data) -> int:
        self._pending += data
        self.pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        target = offset if whence == io.SEEK_SET else self.pos + offset
        if target != self.pos:
            raise OSError("the encoder tried to rewrite what it wrote")
        return self.pos

    def read(self, n: int = -1) -> bytes:
        return b""

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = bytes(self._pending)
        self._pending.clear()
        return out


@dataclass(frozen=True)
class RecorderState:
    state: str  # idle | recording | paused | stopped
    elapsed: float  # seconds of audio recorded (pauses not counted)
    level: float  # input level of the last block, 0.0 (silence) .. 1.0 (full scale)
    stored_bytes: int


class Recorder:
    """One recording, the answer to an audio question of a draft interview.

    ``start`` opens the media (and, given the engine ``interview``, sets the answer to its
    reference, so even a recording cut by a crash is the question's answer); ``feed`` takes
    signed 16-bit little-endian mono PCM at ``SAMPLE_RATE`` (what ``QAudioSource`` gives in
    that format); ``pause``/``resume`` drop what is fed meanwhile; ``stop`` finishes the media.
    """

    def __init__(self, store: Store, interview_id: str, key: str, interview=None,
                 flush_seconds: float = FLUSH_SECONDS, max_bytes: int | None = None) -> None:
        self.store, self.interview_id, self.key = store, interview_id, key
        self.interview = interview
        self.flush_frames = int(flush_seconds * SAMPLE_RATE)
        self.max_bytes = max_bytes or media_rows.DEFAULT_MAX_BYTES
        self.state = "idle"
        self.frames = 0
        self.level = 0.0
        self._since_flush = 0
        self._writer: media_rows.MediaWriter | None = None
        self._sink = _AppendSink()
        self._encoder: soundfile.SoundFile | None = None
        self._cpu = 0.0
        #: Seconds the media held before this recording went on with it (``start(append=True)``).
        self.earlier_seconds = 0.0

    # -- control ----------------------------------------------------------------------------
    def start(self, append: bool = False) -> str:
        """Begin recording; returns the media reference (the question's answer).

        ``append``: go on with the recording the question already holds (a background
        recording after a lock or resume): a new Ogg stream follows the old ones in the same
        media (a chained Ogg file, RFC 3533; ``decode`` plays them in order)."""
        if self.state != "idle":
            raise UserFacingError("media.not_open")
        writer = None
        if append:
            writer = media_rows.MediaWriter.reopen(self.store, self.interview_id, self.key,
                                                   max_bytes=self.max_bytes)
        if writer is not None:
            # counted once per chunk: the review page's count of it goes on from this one
            with self.store.reading() as conn:
                row = media_rows.by_id(conn, writer.media_id)
            assert row is not None
            self.earlier_seconds = recording_length.stored_seconds(self.store, row)
            self._writer = writer
        else:
            self._writer = media_rows.MediaWriter(self.store, self.interview_id, self.key, "audio", MIME, EXT,
                                                  max_bytes=self.max_bytes).begin()
        self._encoder = encoder(self._sink)
        if self.interview is not None:
            self.interview.set_answer(self.key, self._writer.reference)
        self.state = "recording"
        return self._writer.reference

    def pause(self) -> None:
        if self.state == "recording":
            self._flush()
            self.state = "paused"

    def resume(self) -> None:
        if self.state == "paused":
            self.state = "recording"

    def toggle_pause(self) -> None:
        """The Pause/Resume button: pauses a recording that runs, resumes a paused one."""
        if self.state == "recording":
            self.pause()
        else:
            self.resume()

    def feed(self, pcm: bytes) -> None:
        """A block of PCM from the microphone (any length; an odd trailing byte is dropped)."""
        if self.state != "recording" or not pcm:
            self.level = 0.0 if self.state != "recording" else self.level
            return
        t0 = time.process_time()
        samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
        if samples.size:
            peak = float(np.abs(samples.astype(np.int32)).max()) / 32768.0
            self.level = min(1.0, peak)
            assert self._encoder is not None
            self._encoder.write(samples)
            self.frames += samples.size
            self._since_flush += samples.size
            if self._since_flush >= self.flush_frames:
                self._flush()
        self._cpu += time.process_time() - t0

    def stop(self) -> MediaRow:
        """Finish the recording: the last pages, then the media is complete with its SHA-256."""
        if self.state not in ("recording", "paused") or self._encoder is None or self._writer is None:
            raise UserFacingError("media.not_open")
        self._encoder.close()
        self._encoder = None
        self._flush()
        self.state = "stopped"
        return self._writer.finish()

    def abort(self) -> None:
        """Throw the recording away (the interviewer chose to record again or cancelled)."""
        if self._encoder is not None:
            self._encoder.close()
            self._encoder = None
        if self._writer is not None:
            self._writer.abort()
        if self.interview is not None and self.state in ("recording", "paused"):
            self.interview.set_answer(self.key, None)
        self.state = "stopped"

    def _flush(self) -> None:
        data = self._sink.take()
        if data:
            assert self._writer is not None
            first = self._writer.chunks
            self._writer.write(data)
            # its length is counted from these bytes now: the review page reads none of them
            # back to say how long the recording is (ops/recording_length.py)
            recording_length.written(self.store, self._writer.media_id, first, self._writer.chunks, data)
            # The chunk is written for good: its pages need not stay in the connection's page
            # cache (64 MiB, for bulk imports), which an hour of recording would otherwise
            # fill by its 12 MB (bench/media.py: peak memory flat instead of rising).
            with self.store.reading() as conn:
                conn.execute("PRAGMA shrink_memory")
        self._since_flush = 0

    # -- what the screen shows --------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        """Seconds recorded by this recorder (pauses not counted)."""
        return self.frames / SAMPLE_RATE

    @property
    def total_seconds(self) -> float:
        """Seconds the media holds with this recording: what came before ``append`` too."""
        return self.earlier_seconds + self.elapsed

    @property
    def cpu_seconds(self) -> float:
        """Processor time spent in ``feed`` (bench/recorder.py)."""
        return self._cpu

    def snapshot(self) -> RecorderState:
        stored = self._writer.size if self._writer is not None else 0
        return RecorderState(self.state, self.elapsed, self.level, stored)


def level_db(level: float) -> float:
    """The level as dBFS (-inf for silence), for a meter's scale."""
    return -math.inf if level <= 0 else 20 * math.log10(level)


# -- chained Ogg (a recording continued after a lock) -----------------------------------------
def _ogg_pages(data: bytes | bytearray):
    """(offset, length, header type, granule position) of each Ogg page (RFC 3533 section 6),
    up to the first byte that does not start a whole page (a recording cut by a crash)."""
    pos, size = 0, len(data)
    while pos + 27 <= size and data[pos:pos + 4] == b"OggS":
        nseg = data[pos + 26]
        length = 27 + nseg + sum(data[pos + 27:pos + 27 + nseg])
        if pos + length > size:
            return
        yield pos, length, data[pos + 5], int.from_bytes(data[pos + 6:pos + 14], "little", signed=True)
        pos += length


def ogg_streams(data: bytes | bytearray) -> list[bytes | bytearray]:
    """The logical streams of a chained Ogg file, in order (a new one starts at each page
    flagged beginning-of-stream); libsndfile reads only the first of a chain."""
    starts = [off for off, _len, kind, _g in _ogg_pages(data) if kind & 0x02]
    if len(starts) <= 1:
        return [data]
    return [data[a:b] for a, b in zip(starts, [*starts[1:], len(data)])]


def ogg_seconds(data: bytes) -> float:
    """Seconds of audio in a (chained) Ogg file, from its granule positions, without decoding
    it: Vorbis counts samples at the stream's rate, Opus at 48 kHz less its pre-skip. The
    review page and a continued recording count with ``recording_length.OggCounter``, the
    same count over the chunks as they come (decision 0028)."""
    total = 0.0
    for stream in ogg_streams(data):
        pages = list(_ogg_pages(stream))
        if not pages:
            continue
        off, _length, _kind, _g = pages[0]
        head = stream[off + 27 + stream[off + 26]:]
        last = max(g for *_rest, g in pages)
        if head[:7] == b"\x01vorbis":
            rate = int.from_bytes(head[12:16], "little") or SAMPLE_RATE
            total += max(last, 0) / rate
        elif head[:8] == b"OpusHead":
            total += max(last - int.from_bytes(head[10:12], "little"), 0) / 48_000
    return total


# -- playback ---------------------------------------------------------------------------------
def _read(data: bytes, dtype: str) -> tuple[np.ndarray, int]:
    parts, rate = [], SAMPLE_RATE
    for stream in ogg_streams(data):
        samples, rate = soundfile.read(io.BytesIO(stream), dtype=dtype, always_2d=False)
        parts.append(samples)
    return (parts[0] if len(parts) == 1 else np.concatenate(parts)), rate


def decode(data: bytes) -> tuple[np.ndarray, int]:
    """Decode a recording in memory: (float32 samples, sample rate), every stream of a
    continued recording in turn. Nothing touches a file."""
    return _read(data, "float32")


def pcm16(data: bytes) -> tuple[bytes, int]:
    """A recording as signed 16-bit mono PCM (what ``QAudioSink`` plays) and its sample rate."""
    samples, rate = _read(data, "int16")
    if samples.ndim > 1:
        samples = samples.mean(axis=1).astype("int16")
    return samples.astype("<i2").tobytes(), rate


def recover_recordings(store: Store, interview_id: str) -> list[MediaRow]:
    """Close the recordings of a draft that a crash left open (call when it is resumed)."""
    done = []
    with store.transaction() as conn:
        open_ = [r for r in media_rows.list_for(conn, interview_id) if not r.complete]
        for row in open_:
            finished = media_rows.finish_interrupted(conn, row.media_id)
            if finished is not None:
                done.append(finished)
        if done:
            store.audit_work(conn, "media.recovered", {"interview": interview_id, "media": len(done)})
    return done
