"""Export and import of 20,000 interviews against age encrypt/decrypt plus plain SQLite inserts.

Budget (ARCHITECTURE s.9): each within 3x of its baseline, measured in the same run:

* export baseline = the reference ``age`` CLI encrypting the same inner bytes to the same two
  recipients + plain SQLite (WAL, synchronous=FULL) inserting the same answer rows in one
  transaction (the export's transaction moves about that much data);
* import baseline = ``age -d`` of the same bundle + the same plain SQLite inserts.

Also reported: the same answer rows inserted into a coordinator fieldapp store (SQLCipher with
the store's settings), which shows how much of the time is the
encrypted store itself rather than the exchange code.

Without the ``age`` CLI, pyrage (the same Rust code in-process) is the baseline and the
result says so.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget, plain_sqlite_answer_inserts

N = int(os.environ.get("FIELDAPP_BENCH_EXCHANGE_N", "20000"))
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
ROOT = Path(__file__).resolve().parents[1]


def _form(folder: Path):
    sys.path.insert(0, str(ROOT))
    from tests.core.test_exchange_support import make_form

    return make_form(folder)


def _fill(store, form, n: int) -> None:
    from fieldapp.engine.interview import Interview
    from fieldapp.store.interviews import insert_finalized

    rng = random.Random(7)
    interviews = []
    for _ in range(n):
        iv = Interview.start(form)
        iv.values.update(consent="yes", age=rng.randint(15, 90), heard=rng.choice(["radio", "friend tv", "tv"]),
                         score=round(rng.uniform(0, 10), 2), notes=rng.choice(["", "금강산", "ok"]) or None)
        iv.values = {k: v for k, v in iv.values.items() if v is not None}
        iv._recompute()
        interviews.append(iv)
    with store.transaction() as conn:
        insert_finalized(store, conn, interviews, "interview")


def _store_inserts(folder: Path, rows: list[tuple]) -> float:
    from fieldapp.store import Store

    with Store.create(folder / "baseline-store", PASSPHRASE, "coordinator") as store:
        store.conn.execute("PRAGMA foreign_keys = OFF")  # answers only: no interview rows
        t = time.perf_counter()
        with store.transaction() as conn:
            conn.executemany("INSERT INTO answers(interview_id, field, value, status, updated_at) "
                             "VALUES (?,?,?,?,?)", rows)
        return time.perf_counter() - t


def _export_phase(folder: Path) -> None:
    """Child process: the field laptop (SQLCipher memory security on, as on a real one)."""
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.exchange.export import export_bundle
    from fieldapp.exchange.keys import device_public, device_words
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    # The very workbook the coordinator installed: rewriting it would change its hash.
    form = read_xlsform(folder / "exchange-form-1.xlsx")
    dev = Store.create(folder / "dev", PASSPHRASE, "interviewer")
    add_form(dev, form)
    _fill(dev, form, N)
    with dev.reading() as conn:
        rows = [list(r) for r in conn.execute("SELECT interview_id, field, value, status, updated_at FROM answers")]
    stick = folder / "stick"
    stick.mkdir()
    t = time.perf_counter()
    key = (folder / "project.key").read_bytes()
    result = export_bundle(dev, stick, key, words=load_project_key(key).fingerprint_words())
    t_export = time.perf_counter() - t
    with dev.reading() as conn:
        words = device_words(device_public(conn))
    dev.close()
    (folder / "rows.json").write_text(json.dumps(rows))
    (folder / "export.json").write_text(json.dumps({"seconds": t_export, "path": str(result.path),
                                                    "size": result.size, "words": words}))


def main() -> dict:
    """The coordinator side runs here; the laptop's export runs in a child process, because
    SQLCipher's memory security (on for interviewer stores) cannot be switched off again in a
    process and would slow the coordinator's merge, which never shares a process with it."""
    from fieldapp.crypto import age
    from fieldapp.exchange.importer import import_bundles
    from fieldapp.exchange.keys import coordinator_keys, project_key_file
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    os.environ.setdefault("FIELDAPP_INSECURE_FAST_KDF", "1")  # unlock cost is store_upsert's business
    age_cli = shutil.which("age")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        form = _form(folder)
        coord = Store.create(folder / "coord", PASSPHRASE, "coordinator")
        add_form(coord, form)
        with coord.reading() as conn:
            pk, ck = project_key_file(conn), coordinator_keys(conn)
        (folder / "project.key").write_bytes(pk)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
        subprocess.run([sys.executable, "-m", "bench.exchange", "--export-phase", str(folder)],
                       check=True, cwd=ROOT, env=env)
        exported = json.loads((folder / "export.json").read_text())
        rows = [tuple(r) for r in json.loads((folder / "rows.json").read_text())]
        t_export = exported["seconds"]

        class result:  # noqa: N801 - the shape the rest of main() reads
            path = Path(exported["path"])
            size = exported["size"]

        t = time.perf_counter()
        [report] = import_bundles(coord, [result.path], trust=[exported["words"]])
        t_import = time.perf_counter() - t
        assert report.new == N, report.summary()
        coord.close()

        inner = age.decrypt(result.path.read_bytes(), [ck.enc_identity], max_size=1 << 31)
        (folder / "inner.bin").write_bytes(inner)
        (folder / "key.txt").write_text(ck.enc_identity + "\n")
        if age_cli:
            t = time.perf_counter()
            subprocess.run([age_cli, "-r", ck.enc_recipient, "-r", ck.esc_recipient, "-o", str(folder / "b.age"),
                            str(folder / "inner.bin")], check=True)
            t_enc = time.perf_counter() - t
            t = time.perf_counter()
            subprocess.run([age_cli, "-d", "-i", str(folder / "key.txt"), "-o", str(folder / "out.bin"),
                            str(result.path)], check=True)
            t_dec = time.perf_counter() - t
        else:
            t = time.perf_counter()
            age.encrypt(inner, list(ck.recipients))
            t_enc = time.perf_counter() - t
            t = time.perf_counter()
            age.decrypt(result.path.read_bytes(), [ck.enc_identity], max_size=1 << 31)
            t_dec = time.perf_counter() - t
        t_sql = plain_sqlite_answer_inserts(folder / "plain.db", rows)
        t_store = _store_inserts(folder, rows)
    base_export, base_import = t_enc + t_sql, t_dec + t_sql
    r_export, r_import = t_export / base_export, t_import / base_import
    return {
        "benchmark": "exchange",
        "interviews": N,
        "bundle_bytes": result.size,
        "export_seconds": round(t_export, 3),
        "import_seconds": round(t_import, 3),
        "baseline": "age CLI" if age_cli else "pyrage in-process (age CLI not installed)",
        "age_encrypt_seconds": round(t_enc, 3),
        "age_decrypt_seconds": round(t_dec, 3),
        "plain_sqlite_insert_seconds": round(t_sql, 3),
        "fieldapp_store_insert_seconds": round(t_store, 3),
        "import_ratio_vs_age_plus_store_insert": round(t_import / (t_dec + t_store), 2),
        "export_ratio": round(r_export, 2),
        "import_ratio": round(r_import, 2),
        "budgets": [budget("export ratio", r_export, 3.0), budget("import ratio", r_import, 3.0)],
    }


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--export-phase":
        _export_phase(Path(sys.argv[2]))
    else:
        print(json.dumps(main(), indent=2, ensure_ascii=False))
