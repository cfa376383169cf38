"""Recording testimony into the store (issue #16): PCM in, Opus out, in encrypted chunks as it goes.

The recorder's core has no Qt in it: the desktop app's microphone (``QAudioSource``) hands it
raw PCM with ``feed``; tests hand it a generated tone the same way. The PCM is encoded to
Ogg/Opus by libsndfile (``soundfile``, whose wheel bundles libsndfile with Opus: no native
install) into an append-only in-memory sink, and every ``FLUSH_SECONDS`` of audio the new Ogg
pages become one chunk of the media answer in the store, committed on its own
(``store.media.MediaWriter``). Nothing is ever written to a file: a crash or a flat battery
loses what was not yet flushed (the last ``FLUSH_SECONDS`` plus the page libopus is filling,
about a second), and the recording so far decodes (an Ogg stream cut between pages plays).

Format: mono, 16 kHz, Opus at libsndfile's default rate for speech (about 28 kbit/s, 12-13 MB
an hour; docs/forms.md, "Media"). Playback decodes in memory (``decode``).
"""

from __future__ import annotations

import io
import math
import time
from dataclasses import dataclass

import numpy as np
import soundfile

from fieldapp.errors import UserFacingError
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
            raise OSError("the Opus encoder tried to rewrite what it wrote")
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

    # -- control ----------------------------------------------------------------------------
    def start(self) -> str:
        """Begin recording; returns the media reference (the question's answer)."""
        if self.state != "idle":
            raise UserFacingError("media.not_open")
        self._writer = media_rows.MediaWriter(self.store, self.interview_id, self.key, "audio", MIME, EXT,
                                              max_bytes=self.max_bytes).begin()
        self._encoder = soundfile.SoundFile(self._sink, "w", samplerate=SAMPLE_RATE, channels=CHANNELS,
                                            format="OGG", subtype="OPUS")
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
            self._writer.write(data)
        self._since_flush = 0

    # -- what the screen shows --------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        return self.frames / SAMPLE_RATE

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


# -- playback ---------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[np.ndarray, int]:
    """Decode a recording in memory: (float32 samples, sample rate). Nothing touches a file."""
    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=False)
    return samples, rate


def pcm16(data: bytes) -> tuple[bytes, int]:
    """A recording as signed 16-bit mono PCM (what ``QAudioSink`` plays) and its sample rate."""
    samples, rate = soundfile.read(io.BytesIO(data), dtype="int16", always_2d=False)
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
