"""Media (issue #16): an hour of recording, and a bundle carrying 2 GB of media, against baselines.

Budgets (issue #16, acceptance):

* recording: one hour of audio recorded (16-bit PCM in 100 ms blocks, as QAudioSource delivers,
  encoded to Ogg/Vorbis and written into an interviewer store every 2 s) with under 5 % of one core
  (processor seconds spent in ``Recorder.feed`` per second of audio) and under 100 MB peak
  memory (the process's maximum resident set). Baselines in the same run: libsndfile encoding
  the same blocks into memory with no store (what the recorder adds is the store's writes),
  and the same with Opus, the codec first chosen (decision 0017 says why it is not used).
* bundle: 2 GB of media (eight 256 MB attachments) exported from an interviewer store and
  imported into a coordinator store, each with peak memory under 300 MB, at at least half of
  the reference ``age`` tool's throughput on the same bytes, measured in the same run
  (``age -e`` of a file of the same size to the same two recipients, written to a file;
  ``age -d`` of the bundle written to a file, as a coordinator without fieldapp would, since
  the import writes the media into the store; ``age -d`` to /dev/null is reported too; each
  of the two runs three times, and the ratio is to the median). Each ratio is given twice:
  against ``age`` alone, whose output is still in the page cache when it exits, and against
  ``age`` and an fsync of its output, the state fieldapp's files are in when its export or
  import returns (a bundle is on the stick, the media in the store). The
  bundle is dropped from the page cache before the import and before each ``age -d``: both
  read it from the device, as from a stick. Export and ``age -e`` both read their input warm
  (media.db and the plain file were just written). Every measured run starts after an
  ``os.sync()``: none pays for the writeback of what ran before it (the export used to run
  while the 2 GB plain file of the setup was still going to the disk, and each ``age -e``
  while the one before it was).
  A second baseline says what the store itself allows: reading the same media's chunks
  straight out of SQLCipher (``SELECT data``, no decryption of the chunk, no bundle).

Each measured phase runs in its own process so its peak memory is its own.
FIELDAPP_BENCH_MEDIA_MB scales the bundle (default 2048), FIELDAPP_BENCH_AUDIO_S the recording
(default 3600). FIELDAPP_BENCH_STICK names a folder on a stick of its own (a USB stick, as in the
field) for the bundle and ``age -e``'s file; by default they go beside the stores, on the same
disk, where the export's three passes (the stick's file, the outbox copy, the read-back) share
it with the store's reads.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
MEDIA_MB = int(os.environ.get("FIELDAPP_BENCH_MEDIA_MB", "2048"))
AUDIO_S = int(os.environ.get("FIELDAPP_BENCH_AUDIO_S", "3600"))
FILES = 8
BASELINE_RUNS = 3

_PRELUDE = f"""
import json, os, resource, sys, time
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT)!r}]
os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
PASSPHRASE = {PASSPHRASE!r}
def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_RECORD = _PRELUDE + """
import io
import numpy as np, soundfile
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from fieldapp.ops import recorder as rec_mod
from tests.core.test_media_store import media_form
from tests.core.test_recorder import tone, BLOCK, RATE
folder, seconds = sys.argv[1], int(sys.argv[2])
base = (tone(10.0) * 32767).astype("<i2")  # ten seconds of speech-like signal, cycled
blocks = [base[i:i + BLOCK].tobytes() for i in range(0, base.size, BLOCK)]
n_blocks = seconds * 10
# baseline: the same blocks encoded into memory, no store
sink = io.BytesIO()
enc = rec_mod.encoder(sink)  # the recorder's own codec and settings
t = time.process_time()
for n in range(n_blocks):
    enc.write(np.frombuffer(blocks[n % len(blocks)], dtype="<i2"))
    if n % 600 == 0:
        sink.seek(0); sink.truncate()  # keep the baseline's memory flat too
enc.close()
baseline_cpu = time.process_time() - t
# the codec decision 0014 first chose (Opus; libsndfile runs it at complexity 10), same blocks
sink = io.BytesIO()
enc = soundfile.SoundFile(sink, "w", samplerate=RATE, channels=1, format="OGG", subtype="OPUS")
t = time.process_time()
for n in range(n_blocks):
    enc.write(np.frombuffer(blocks[n % len(blocks)], dtype="<i2"))
    if n % 600 == 0:
        sink.seek(0); sink.truncate()
enc.close()
opus_cpu = time.process_time() - t
with Store.create(os.path.join(folder, "laptop"), PASSPHRASE, "interviewer") as store:
    add_form(store, media_form(folder))
    iv = InterviewRepo(store).start("media_t")
    r = rec_mod.Recorder(store, iv.id, "testimony", interview=iv)
    r.start()
    wall = time.perf_counter()
    for n in range(n_blocks):
        r.feed(blocks[n % len(blocks)])
    row = r.stop()
    wall = time.perf_counter() - wall
print(json.dumps({"cpu": r.cpu_seconds, "baseline_cpu": baseline_cpu, "opus_cpu": opus_cpu, "wall": wall, "bytes": row.size,
                  "chunks": row.chunks, "peak_mb": peak_mb()}))
"""

_SETUP = _PRELUDE + """
from pathlib import Path
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from fieldapp.exchange.keys import project_key_file
from fieldapp.ops import media as ops_media
from tests.core.test_media_store import media_form
folder, total_mb, files = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
form = media_form(folder)
with Store.create(folder / "coord", PASSPHRASE, "coordinator") as c:
    add_form(c, form)
    with c.reading() as conn:
        (folder / "project.key").write_bytes(project_key_file(conn))
each = total_mb * 1024 * 1024 // files
src = folder / "source.bin"
with open(src, "wb") as fh:  # the media bytes (random: incompressible, like video)
    left = each
    while left:
        n = min(left, 1 << 24)
        fh.write(os.urandom(n))
        left -= n
with Store.create(folder / "laptop", PASSPHRASE, "interviewer") as d:
    add_form(d, form)
    repo = InterviewRepo(d)
    t = time.perf_counter()
    for n in range(files):
        iv = repo.start("media_t")
        iv.remove_instance("members[1]")
        row = ops_media.attach_file(d, iv.id, "photo", src, max_bytes=each + 1).row
        iv.set_answer("photo", row.reference)
        repo.finalize(iv)
    attach = time.perf_counter() - t
    # the store's own ceiling: the chunks' pages read and decrypted by SQLCipher, nothing else
    t = time.perf_counter()
    n = 0
    with d.reading() as conn:
        for (data,) in conn.execute("SELECT data FROM media_chunks"):
            n += len(data)
    sqlcipher_read = time.perf_counter() - t
# the same bytes as one file, for age's baseline
with open(folder / "plain.bin", "wb") as out, open(src, "rb") as fh:
    data = fh.read()
    for _ in range(files):
        out.write(data)
print(json.dumps({"attach_s": attach, "sqlcipher_read_s": sqlcipher_read, "sqlcipher_read_bytes": n,
                  "peak_mb": peak_mb()}))
"""

_EXPORT = _PRELUDE + """
from pathlib import Path
from fieldapp.store import Store
from fieldapp.exchange.export import export_bundle
folder = Path(sys.argv[1])
stick = Path(sys.argv[2])
with Store.open(folder / "laptop", PASSPHRASE) as d:
    t = time.perf_counter()
    from fieldapp.crypto.projectkey import load_project_key

    key = (folder / "project.key").read_bytes()
    cpu = time.process_time()
    result = export_bundle(d, stick, key, words=load_project_key(key).fingerprint_words())
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    from fieldapp.exchange.keys import device_public, device_words

    with d.reading() as conn:
        words = device_words(device_public(conn))  # the laptop's words, for the coordinator
print(json.dumps({"wall": wall, "cpu": cpu, "bundle": str(result.path), "size": result.size, "words": words,
                  "peak_mb": peak_mb()}))
"""

_IMPORT = _PRELUDE + """
from pathlib import Path
from fieldapp.store import Store
from fieldapp.exchange.importer import import_bundles
folder, bundle, words = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
# The laptop trusted by its words (issue #17), given as the coordinator would type them: this
# process opens no interviewer store, whose cipher_memory_security (process-wide, never
# switched off again) a coordinator does not run with.
with Store.open(folder / "coord", PASSPHRASE) as c:
    t = time.perf_counter()
    cpu = time.process_time()
    (report,) = import_bundles(c, [bundle], trust=[words])
    wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    assert report.ok, report.summary()
    media = c.conn.execute("SELECT count(*), sum(size) FROM media").fetchone()
print(json.dumps({"wall": wall, "cpu": cpu, "media": media[0], "media_bytes": media[1], "peak_mb": peak_mb()}))
"""


def _child(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "child failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _age_seconds(args: list[str], durable: list[float] | None = None) -> float:
    """Seconds of one ``age`` run; with ``durable``, the seconds until its output (``-o``) is
    also on the disk (fsync) are appended there: what an export to a stick or an import into
    the store waits for, and fieldapp does (its files are fsynced before they count)."""
    os.sync()
    t = time.perf_counter()
    subprocess.run(["age", *args], check=True, stdout=subprocess.DEVNULL)
    done = time.perf_counter() - t
    if durable is not None:
        fd = os.open(args[args.index("-o") + 1], os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        durable.append(time.perf_counter() - t)
    return done


def _stick(folder: Path, done: contextlib.ExitStack) -> Path:
    """Where the bundle and age's file go: ``FIELDAPP_BENCH_STICK`` (a folder on a USB stick or
    any device of its own, as in the field; what is written there is removed when ``done``
    closes), else a folder beside the stores, on the same disk."""
    given = os.environ.get("FIELDAPP_BENCH_STICK")
    stick = Path(given) / f"fieldapp-bench-{os.getpid()}" if given else folder / "stick"
    stick.mkdir()
    if given:
        done.callback(shutil.rmtree, stick, ignore_errors=True)
    return stick


def _cold(path: str | Path) -> None:
    """Drop a file's pages from the page cache, so the next reader reads the device: the
    import and age's decryption each read the bundle as it comes off a stick, not from memory
    (the export reads it back past the cache, so before this the import read it cold and age
    read it warm)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _cpu_of_children() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def recording() -> dict:
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-rec-") as tmp:
        r = _child(_RECORD, tmp, str(AUDIO_S))
    core = r["cpu"] / AUDIO_S
    return {
        "audio_seconds": AUDIO_S, "stored_bytes": r["bytes"], "bytes_per_hour": round(r["bytes"] * 3600 / AUDIO_S),
        "chunks": r["chunks"], "cpu_seconds": round(r["cpu"], 2), "wall_seconds": round(r["wall"], 2),
        "baseline_encode_only_cpu_seconds": round(r["baseline_cpu"], 2),
        "ratio_to_baseline": round(r["cpu"] / max(r["baseline_cpu"], 1e-9), 2),
        "opus_encode_only_cpu_seconds": round(r["opus_cpu"], 2),
        "opus_share_of_one_core": round(r["opus_cpu"] / AUDIO_S, 4),
        "budgets": [budget("share of one core while recording", core, 0.05),
                    budget("peak memory MB", r["peak_mb"], 100)],
    }


def bundle() -> dict:
    if shutil.which("age") is None:
        return {"skipped": "the age tool is missing (make sysdeps installs it)"}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-media-",
                                     dir=os.environ.get("FIELDAPP_BENCH_DIR")) as tmp, contextlib.ExitStack() as done:
        folder = Path(tmp)
        setup = _child(_SETUP, tmp, str(MEDIA_MB), str(FILES))
        stick = _stick(folder, done)
        os.sync()
        exp = _child(_EXPORT, tmp, str(stick))
        _cold(exp["bundle"])
        os.sync()
        imp = _child(_IMPORT, tmp, exp["bundle"], exp["words"])
        # age on the same bytes, to the same recipients (the coordinator's project key)
        sys.path[:0] = [str(ROOT / "src")]
        from fieldapp.crypto.projectkey import load_project_key

        recipients = list(load_project_key((folder / "project.key").read_bytes()).recipients)
        r_args = [a for r in recipients for a in ("-r", r)]
        # age three times each way, the median taken (as bench/engine.py does with its
        # baseline): one run of a shared machine's noise either way moves the ratio by a third
        enc_runs, dec_runs, enc_durable, dec_durable, cpu = [], [], [], [], _cpu_of_children()
        for _ in range(BASELINE_RUNS):
            (stick / "plain.age").unlink(missing_ok=True)
            enc_runs.append(_age_seconds([*r_args, "-o", str(stick / "plain.age"), str(folder / "plain.bin")],
                                         enc_durable))
        age_enc_cpu = (_cpu_of_children() - cpu) / BASELINE_RUNS
        identity = _coord_identity(folder)
        (stick / "plain.age").unlink()
        _cold(exp["bundle"])
        age_dec_null = _age_seconds(["-d", "-i", str(identity), "-o", os.devnull, exp["bundle"]])
        cpu = _cpu_of_children()
        for _ in range(BASELINE_RUNS):
            (folder / "decrypted.bin").unlink(missing_ok=True)
            _cold(exp["bundle"])
            dec_runs.append(_age_seconds(["-d", "-i", str(identity), "-o", str(folder / "decrypted.bin"),
                                          exp["bundle"]], dec_durable))
        age_dec_cpu = (_cpu_of_children() - cpu) / BASELINE_RUNS
        age_enc, age_dec = statistics.median(enc_runs), statistics.median(dec_runs)
        age_enc_durable, age_dec_durable = statistics.median(enc_durable), statistics.median(dec_durable)
        load = [round(x, 2) for x in os.getloadavg()]
    size = MEDIA_MB * 1024 * 1024
    # throughput on the same bytes: the bundle's size for both sides (age -e of the media
    # alone writes a file without the bundle's head and padding: scaled to the bundle's size)
    exp_tp, imp_tp = exp["size"] / exp["wall"], exp["size"] / imp["wall"]
    age_enc_tp, age_dec_tp, age_null_tp = size / age_enc, exp["size"] / age_dec, exp["size"] / age_dec_null
    sql_tp = setup["sqlcipher_read_bytes"] / setup["sqlcipher_read_s"]
    return {
        "media_bytes": size, "bundle_bytes": exp["size"], "attach_seconds": round(setup["attach_s"], 2),
        "export_seconds": round(exp["wall"], 2), "import_seconds": round(imp["wall"], 2),
        "age_encrypt_seconds": round(age_enc, 2), "age_decrypt_seconds": round(age_dec, 2),
        "age_decrypt_to_null_seconds": round(age_dec_null, 2),
        "age_encrypt_runs_seconds": [round(x, 2) for x in enc_runs],
        "age_decrypt_runs_seconds": [round(x, 2) for x in dec_runs],
        "age_encrypt_then_fsync_seconds": round(age_enc_durable, 2),
        "age_decrypt_then_fsync_seconds": round(age_dec_durable, 2),
        "export_ratio_to_age_fsynced": round(exp_tp / (size / age_enc_durable), 3),
        "import_ratio_to_age_fsynced": round(imp_tp / (exp["size"] / age_dec_durable), 3),
        "export_MBps": round(exp_tp / 1e6, 1), "age_encrypt_MBps": round(age_enc_tp / 1e6, 1),
        "import_MBps": round(imp_tp / 1e6, 1), "age_decrypt_MBps": round(age_dec_tp / 1e6, 1),
        "age_decrypt_to_null_MBps": round(age_null_tp / 1e6, 1),
        "sqlcipher_chunk_read_MBps": round(sql_tp / 1e6, 1),
        "export_ratio_to_age": round(exp_tp / age_enc_tp, 3), "import_ratio_to_age": round(imp_tp / age_dec_tp, 3),
        "import_ratio_to_age_to_null": round(imp_tp / age_null_tp, 3),
        "export_ratio_to_sqlcipher_read": round(exp_tp / sql_tp, 3),
        "export_peak_mb": round(exp["peak_mb"], 1), "import_peak_mb": round(imp["peak_mb"], 1),
        # processor seconds (every thread of the process; age's too): on a machine others load,
        # the wall-clock ratios above move with the load, these much less
        "export_cpu_seconds": round(exp["cpu"], 2), "import_cpu_seconds": round(imp["cpu"], 2),
        "age_encrypt_cpu_seconds": round(age_enc_cpu, 2), "age_decrypt_cpu_seconds": round(age_dec_cpu, 2),
        "load_average_1_5_15": load,
        "budgets": [budget("export peak memory MB", exp["peak_mb"], 300),
                    budget("import peak memory MB", imp["peak_mb"], 300),
                    {"name": "export throughput / age's (age's file left in the page cache)",
                     "value": round(exp_tp / age_enc_tp, 3), "limit": 0.5, "ok": exp_tp / age_enc_tp >= 0.5},
                    {"name": "import throughput / age's (age's file left in the page cache)",
                     "value": round(imp_tp / age_dec_tp, 3), "limit": 0.5, "ok": imp_tp / age_dec_tp >= 0.5},
                    {"name": "export throughput / age's (age's file fsynced, as fieldapp's are)",
                     "value": round(exp_tp / (size / age_enc_durable), 3), "limit": 0.5,
                     "ok": exp_tp / (size / age_enc_durable) >= 0.5},
                    {"name": "import throughput / age's (age's file fsynced, as fieldapp's are)",
                     "value": round(imp_tp / (exp["size"] / age_dec_durable), 3), "limit": 0.5,
                     "ok": imp_tp / (exp["size"] / age_dec_durable) >= 0.5}],
    }


def _coord_identity(folder: Path) -> Path:
    code = _PRELUDE + """
from fieldapp.store import Store, keys
with Store.open(sys.argv[1], PASSPHRASE) as c, c.reading() as conn:
    print(keys.coordinator_keys(conn).enc_identity)
"""
    out = subprocess.run([sys.executable, "-c", code, str(folder / "coord")], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    path = folder / "identity.txt"
    path.write_text(out + "\n")
    path.chmod(0o600)
    return path


def main() -> dict:
    return {"benchmark": "media", "recording": recording(), "bundle": bundle()}


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
