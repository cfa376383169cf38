"""The review page's recording line (issue #16 follow-up): how long stating a background
recording's length takes while the interview is recorded, against the whole read it replaced.

An hour of speech (the recorder's own encoder and chunks, as bench/media.py's ``recording``
part feeds it) is recorded into an interviewer store (``cipher_memory_security`` on, as on a
field laptop); every ``FIELDAPP_BENCH_REVIEW_EVERY_S`` seconds of audio (default 300: the
interviewer looks at the review every five minutes) the review's ``background.summary`` is
timed, then the baseline measured in the same run on the same store: the same summary with
the recording read whole and counted (``recorder.ogg_seconds(ops_media.read_media(...))``, what
it did before). Both must give the same seconds, checked at every refresh. After the
recording is complete, both are timed again (a refresh of the review: a language switch,
Finalize refused). ``FIELDAPP_BENCH_AUDIO_S`` sets the recording's length (default 3600).

Budget: the recording line costs at most a frame (16 ms) at p95 over the refreshes, the one
after an hour of recording included: the GUI thread computes it on every refresh.

A recording made since the store was opened is counted by the recorder as it writes it, so
the review reads none of it back. A lock closes the store and forgets the counts: after
unlocking, the first count reads the whole recording once (timed too, against the whole
read), and the next ones nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget, summary_ms

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
AUDIO_S = int(os.environ.get("FIELDAPP_BENCH_AUDIO_S", "3600"))
EVERY_S = int(os.environ.get("FIELDAPP_BENCH_REVIEW_EVERY_S", "300"))
BUDGET_MS = 16
SURVEY = """
| type             | name    | label::English (en) |
| background-audio | rec     |                     |
| text             | story   | Story               |
"""


def _whole_read(store, row) -> float:
    """The count before: the whole recording read out of the store and counted."""
    from fieldapp.ops import media as ops_media
    from fieldapp.ops import recorder

    return recorder.ogg_seconds(ops_media.read_media(store, row.interview_id, row.key))


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> dict:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    os.environ.setdefault("FIELDAPP_INSECURE_FAST_KDF", "1")
    from tests.core.test_recorder import BLOCK, RATE, tone
    from tests.xlsform_builder import write_xlsform

    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.ops import background, recorder, recording_length
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

    base = (tone(10.0) * 32767).astype("<i2")  # ten seconds of speech-like signal, cycled
    blocks = [base[i:i + BLOCK].tobytes() for i in range(0, base.size, BLOCK)]
    per_second = RATE // BLOCK
    ours: list[float] = []
    whole: list[float] = []
    stored = recording_length.stored_seconds

    def summary_whole():
        recording_length.stored_seconds = _whole_read
        try:
            return background.summary(store, iv)
        finally:
            recording_length.stored_seconds = stored

    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-review-") as tmp:
        form = read_xlsform(write_xlsform(Path(tmp) / "bg.xlsx", SURVEY,
                                          settings={"form_id": "bg_t", "version": "1"}))
        with Store.create(Path(tmp) / "laptop", PASSPHRASE, "interviewer") as store:
            add_form(store, form)
            iv = InterviewRepo(store).start("bg_t", language="en")
            rec = recorder.Recorder(store, iv.id, "rec", interview=iv)
            rec.start()
            for n in range(AUDIO_S * per_second):
                rec.feed(blocks[n % len(blocks)])
                if (n + 1) % (EVERY_S * per_second) == 0:
                    a, t_ours = _timed(lambda: background.summary(store, iv))
                    b, t_whole = _timed(summary_whole)
                    assert a is not None and b is not None and a.seconds == b.seconds, (a, b)
                    ours.append(t_ours)
                    whole.append(t_whole)
            row = rec.stop()
            done_ours, done_whole = [], []
            for _ in range(5):
                a, t = _timed(lambda: background.summary(store, iv))
                done_ours.append(t)
                b, t = _timed(summary_whole)
                done_whole.append(t)
                assert a is not None and b is not None and a.seconds == b.seconds
        # a lock closes the store and forgets every count: the first refresh after unlocking
        # (or the recorder going on with it, whichever comes first) counts it from the store
        with Store.open(Path(tmp) / "laptop", PASSPHRASE) as store:
            iv = InterviewRepo(store).resume(iv.id)
            b, t_unlock_whole = _timed(summary_whole)
            a, t_unlock = _timed(lambda: background.summary(store, iv))
            c, t_unlock_again = _timed(lambda: background.summary(store, iv))
            assert a is not None and b is not None and c is not None and a.seconds == b.seconds == c.seconds
    last_ratio = whole[-1] / max(ours[-1], 1e-9)
    return {
        "audio_seconds": AUDIO_S, "refresh_every_audio_seconds": EVERY_S, "stored_bytes": row.size,
        "chunks": row.chunks, "seconds_stated": round(a.seconds, 3),
        "while_recording": summary_ms(ours), "while_recording_whole_read_baseline": summary_ms(whole),
        "last_refresh_ms": round(ours[-1] * 1000, 3),
        "last_refresh_whole_read_baseline_ms": round(whole[-1] * 1000, 3),
        "last_refresh_ratio_baseline_to_ours": round(last_ratio, 1),
        "complete": summary_ms(done_ours), "complete_whole_read_baseline": summary_ms(done_whole),
        "after_unlock_first_refresh_ms": round(t_unlock * 1000, 3),
        "after_unlock_first_refresh_whole_read_baseline_ms": round(t_unlock_whole * 1000, 3),
        "after_unlock_next_refresh_ms": round(t_unlock_again * 1000, 3),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "budgets": [budget("review recording line p95 ms while recording", summary_ms(ours)["p95_ms"], BUDGET_MS),
                    budget("review recording line p95 ms, recording complete", summary_ms(done_ours)["p95_ms"],
                           BUDGET_MS)],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
