"""The recorder from a real microphone (issue #16): the interview page's Record, QAudioSource
from a PulseAudio null source, in real time, against Qt reading the same source alone.

bench/media.py measures the recorder's own work (``Recorder.feed``) on generated blocks; this
measures what an interviewer's laptop spends while the page records: the audio thread, Qt's
event loop, the recorder's encoding and the store's writes every 2 s, the level meter and
the time shown. Processor time is the whole process's (every thread), per second of wall
clock, in three phases of the same length in one process:

1. idle: the interview page on screen, nothing recorded (what the app costs anyway);
2. baseline: a bare ``QAudioSource`` reading the same source into memory and dropping it
   (what Qt and PulseAudio cost for any recorder);
3. fieldapp: the page's Record button until Stop, into an encrypted interviewer store.

The source is PulseAudio's null source: silence, on which Vorbis spends less than on speech
(Qt delivered next to nothing from ``module-sine-source``, so a tone could not be used). What
the encoder spends on a speech-like signal is bench/media.py's ``recording`` part (0.4-0.5 %
of a core); add it to this one's share for a talking respondent.

Budget (issue #16): under 5 % of one core while recording. Memory: the process's resident
size before and after the recording phase, and its peak; the recording's own cost is the
growth (budget 100 MB; the app with Qt and pandas loaded is larger than that before any
recording). FIELDAPP_BENCH_MIC_S sets each phase's seconds (default 60). Needs pulseaudio and
pactl (``make sysdeps``); without them it says why under ``"skipped"``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from bench.common import budget

ROOT = Path(__file__).resolve().parents[1]
SECONDS = int(os.environ.get("FIELDAPP_BENCH_MIC_S", "60"))
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"

CHILD = textwrap.dedent("""
    import json, os, resource, sys, time
    sys.path[:0] = [{src!r}, {root!r}]
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fieldapp.gui.pages.interview import InterviewPage
    from fieldapp.gui.widgets.media import Microphone
    from fieldapp.ops import media as ops_media, recorder as rec
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo
    from tests.gui.conftest import executor_for
    from tests.gui.test_media_widgets import page_form

    seconds = {seconds}

    def rss_mb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    def run_for(secs):
        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < secs * 1000:
            app.processEvents()
            time.sleep(0.005)  # an event loop waits; this one wakes at least every 5 ms

    def phase(secs, start=None, stop=None):
        if start:
            start()
        cpu, wall = time.process_time(), time.perf_counter()
        run_for(secs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        if stop:
            stop()
        return round(cpu / wall, 4)

    store = Store.create({store!r}, {passphrase!r}, "interviewer")
    add_form(store, page_form({folder!r}))
    iv = InterviewRepo(store).start("media_t")
    page = InterviewPage(executor_for(store), iv)
    page.resize(1366, 768)
    page.show()
    w = page._widgets["testimony"]
    assert w.input_factory.available(), "no audio input"
    run_for(1)
    idle = phase(seconds)
    got = [0]
    mic = Microphone()
    mic.sig_data.connect(lambda data: got.__setitem__(0, got[0] + len(data)))
    bare = phase(seconds, mic.start, mic.stop)
    before = rss_mb()
    recording = phase(seconds, w._record.click, w._stop.click)
    after = rss_mb()
    samples, rate = rec.decode(ops_media.read_media(store, iv.id, "testimony"))
    row = next(m for m in ops_media.list_media(store, iv.id) if m.key == "testimony")
    print(json.dumps({{
        "idle_share": idle, "bare_source_share": bare, "bare_source_bytes": got[0],
        "recording_share": recording, "recorded_seconds": round(samples.size / rate, 2),
        "stored_bytes": row.size, "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "platform": app.platformName(),
    }}), flush=True)
    page.clear()
    store.close()
""")


def main() -> dict:
    missing = [t for t in ("pulseaudio", "pactl") if shutil.which(t) is None]
    if missing:
        return {"benchmark": "microphone", "skipped": f"{', '.join(missing)} missing (make sysdeps)"}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-mic-") as tmp:
        code = CHILD.format(src=str(ROOT / "src"), root=str(ROOT), store=str(Path(tmp) / "store"),
                            folder=tmp, passphrase=PASSPHRASE, seconds=SECONDS)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        out = subprocess.run([str(ROOT / "packaging" / "with_null_audio.sh"), sys.executable, "-c", code],
                             env=env, capture_output=True, text=True, timeout=SECONDS * 4 + 120)
    if out.returncode:
        raise RuntimeError(f"the recording process failed: {out.stderr[-3000:]}")
    m = json.loads(out.stdout.strip().splitlines()[-1])
    added = max(m["recording_share"] - m["idle_share"], 0.0)
    result = {
        "benchmark": "microphone",
        "seconds_per_phase": SECONDS,
        **m,
        "recording_minus_idle_share": round(added, 4),
        "ratio_to_bare_source": round(m["recording_share"] / m["bare_source_share"], 2)
        if m["bare_source_share"] else None,
        "rss_growth_mb": round(m["rss_after_mb"] - m["rss_before_mb"], 1),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "budgets": [
            budget("share of one core while recording (whole process)", m["recording_share"], 0.05),
            budget("memory growth while recording MB", m["rss_after_mb"] - m["rss_before_mb"], 100),
        ],
    }
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
