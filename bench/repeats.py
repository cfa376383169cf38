"""Repeat groups (issue #13): a 50-entry roster on a field laptop, and merging rosters.

- roster autosave: on the reference questionnaire's family roster (section 7) with 50
  entries, p95 of one answer given inside an entry, saved through the store (one
  transaction; budget 10 ms). Baseline in the same run: plain SQLite (WAL,
  synchronous=FULL) upserting one row per transaction, as bench/store_upsert.py.
- roster page turn: p95 of the page's answer plus ``go_next()`` walking the 200 pages of
  those 50 entries (budget 16 ms, one frame). Baseline: a Python loop reading every field's
  value and relevance from dicts (the least any engine does per page), as bench/engine.py.
- merge: importing one bundle of N = 2,000 finalized interviews of the reference
  questionnaire with 5 family members each into a coordinator store (budget 3x). Baseline
  in the same run: the ``age`` CLI decrypting the same bundle (pyrage in-process without it)
  plus plain SQLite inserting the same answer and instance rows in one transaction.

The laptop side (interviewer store: SQLCipher memory security on, as on a real laptop) runs
in a child process, because memory security cannot be switched off again in a process and
would slow the coordinator's merge, which never shares a process with it (bench/exchange.py).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget, plain_sqlite_upserts, summary_ms

N = int(os.environ.get("FIELDAPP_BENCH_REPEATS_N", "2000"))
MEMBERS = 5
ROSTER = 50
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
ROOT = Path(__file__).resolve().parents[1]
REPEAT = "family_member"


def _member_values(rng: random.Random, form, instance: str) -> dict[str, str]:
    names = {q: [c.name for c in form.choices_for(form.question(q)).choices]
             for q in ("family_relation", "family_age_group", "family_contact", "family_detained")}
    return {f"{instance}/{q}": rng.choice(choices) for q, choices in names.items()}


# -- the laptop: a 50-entry roster, then the bundle of N interviews -------------------------
def _roster_phase(folder: Path) -> dict:
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

    form = read_xlsform(reference_questionnaire())
    rng = random.Random(3)
    autosave, turns = [], []
    with Store.create(folder / "laptop", PASSPHRASE, "interviewer") as store:
        add_form(store, form)
        iv = InterviewRepo(store).start(form.form_id, language="en")
        iv.set_answer("consent", "yes")
        for entry in iv.roster(REPEAT).entries:  # the form's one initial entry
            iv.remove_instance(entry.instance)
        for _ in range(ROSTER):
            instance = iv.add_instance(REPEAT)
            for key, value in _member_values(rng, form, instance).items():
                t = time.perf_counter()  # one answer inside an entry, saved (one transaction)
                iv.set_answer(key, value)
                autosave.append(time.perf_counter() - t)
        iv.go_to(f"q:{REPEAT}[1]/family_relation")
        while iv.position.startswith(f"q:{REPEAT}["):
            page = iv.current_page
            q = page.questions[-1]
            choices = [c.name for c in iv.choices(q)]
            t = time.perf_counter()  # the page's answer (every rule re-runs) and the next page
            iv.set_answer(q.name, rng.choice(choices))
            iv.go_next()
            turns.append(time.perf_counter() - t)
        values, relevance = dict(iv.values), dict(iv.relevance)
        fields = list(iv.field_states())
    base_turn = []
    for _ in range(len(turns)):
        t = time.perf_counter()
        [(values.get(n), relevance.get(n, True)) for n in fields]
        base_turn.append(time.perf_counter() - t)
    base_save = plain_sqlite_upserts(folder / "plain-upsert.db",
                                     [f"{REPEAT}[{i % ROSTER + 1}]/q{i % 4}" for i in range(len(autosave))])
    return {"autosave": autosave, "turns": turns, "base_save": base_save, "base_turn": base_turn,
            "fields": len(fields)}


def _bundle_phase(folder: Path) -> None:
    """Child process: a laptop with N finalized interviews of 5 members each, exported."""
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.engine.interview import Interview
    from fieldapp.exchange.export import export_bundle
    from fieldapp.exchange.keys import device_public, device_words
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import insert_finalized

    roster = _roster_phase(folder)
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(7)
    with Store.create(folder / "dev", PASSPHRASE, "interviewer") as dev:
        add_form(dev, form)
        interviews = []
        for _ in range(N):
            iv = Interview.start(form)
            iv.counts[REPEAT] = MEMBERS
            iv._tree_changed()
            iv.values.update(consent="yes", respondent_type="survey", gender=rng.choice(["female", "male"]),
                             province="north_hamgyong", contact_with_family="yes", age=rng.randint(18, 80))
            for k in range(1, MEMBERS + 1):
                iv.values.update(_member_values(rng, form, f"{REPEAT}[{k}]"))
            iv._recompute()
            interviews.append(iv)
        with dev.transaction() as conn:
            insert_finalized(dev, conn, interviews, "interview")
        stick = folder / "stick"
        stick.mkdir()
        t = time.perf_counter()
        key = (folder / "project.key").read_bytes()
        # the first pin takes the key's fingerprint words, as an interviewer gives them
        result = export_bundle(dev, stick, key, words=load_project_key(key).fingerprint_words())
        export_seconds = time.perf_counter() - t
        with dev.reading() as conn:
            words = device_words(device_public(conn))
    (folder / "laptop.json").write_text(json.dumps({"roster": roster, "bundle": str(result.path),
                                                    "size": result.size, "export_seconds": export_seconds,
                                                    "words": words}))


# -- the coordinator: merge, and its baseline ----------------------------------------------
def _plain_inserts(path: Path, answers: list[tuple], instances: list[tuple]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (interview_id TEXT, instance TEXT, field TEXT, value TEXT, status TEXT, "
                 "updated_at TEXT, PRIMARY KEY (interview_id, instance, field)) WITHOUT ROWID")
    conn.execute("CREATE TABLE repeat_instances (interview_id TEXT, instance TEXT, "
                 "PRIMARY KEY (interview_id, instance)) WITHOUT ROWID")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO answers VALUES (?,?,?,?,?,?)", answers)
    conn.executemany("INSERT INTO repeat_instances VALUES (?,?)", instances)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t
    conn.close()
    return elapsed


def _decrypt_seconds(bundle: Path, identity: str, folder: Path) -> tuple[float, str]:
    from fieldapp.crypto import age

    age_cli = shutil.which("age")
    if age_cli:
        (folder / "key.txt").write_text(identity + "\n")
        t = time.perf_counter()
        subprocess.run([age_cli, "-d", "-i", str(folder / "key.txt"), "-o", str(folder / "out.bin"), str(bundle)],
                       check=True)
        return time.perf_counter() - t, "age CLI"
    t = time.perf_counter()
    age.decrypt(bundle.read_bytes(), [identity], max_size=1 << 31)
    return time.perf_counter() - t, "pyrage in-process (age CLI not installed)"


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def main() -> dict:
    from fieldapp.exchange.importer import import_bundles
    from fieldapp.exchange.keys import coordinator_keys, project_key_file
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    os.environ.setdefault("FIELDAPP_INSECURE_FAST_KDF", "1")  # unlock cost is store_upsert's business
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        coord = Store.create(folder / "coord", PASSPHRASE, "coordinator")
        add_form(coord, read_xlsform(reference_questionnaire()))
        with coord.reading() as conn:
            (folder / "project.key").write_bytes(project_key_file(conn))
            ck = coordinator_keys(conn)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
        subprocess.run([sys.executable, "-m", "bench.repeats", "--laptop-phase", str(folder)],
                       check=True, cwd=ROOT, env=env)
        laptop = json.loads((folder / "laptop.json").read_text())
        bundle = Path(laptop["bundle"])
        t = time.perf_counter()
        [report] = import_bundles(coord, [bundle], trust=[laptop["words"]])  # the laptop's words
        t_merge = time.perf_counter() - t
        assert report.new == N, report.summary()
        with coord.reading() as conn:
            answers = conn.execute("SELECT interview_id, instance, field, value, status, updated_at "
                                   "FROM answers").fetchall()
            instances = conn.execute("SELECT interview_id, instance FROM repeat_instances").fetchall()
        coord.close()
        assert sum(i.startswith(REPEAT) for _iv, i in instances) == N * MEMBERS
        t_dec, how = _decrypt_seconds(bundle, ck.enc_identity, folder)
        t_sql = _plain_inserts(folder / "plain.db", answers, instances)
    roster = laptop["roster"]
    save, base_save = summary_ms(roster["autosave"]), summary_ms(roster["base_save"])
    turn, base_turn = summary_ms(roster["turns"]), summary_ms(roster["base_turn"])
    merge_ratio = t_merge / (t_dec + t_sql)
    return {
        "benchmark": "repeats",
        "roster": {"entries": ROSTER, "fields": roster["fields"],
                   "autosave_fieldapp": save, "autosave_plain_sqlite": base_save,
                   "autosave_p95_ratio": _ratio(save["p95_ms"], base_save["p95_ms"]),
                   "page_turn_fieldapp": turn, "page_turn_baseline_dict_scan": base_turn,
                   "page_turn_p95_ratio": _ratio(turn["p95_ms"], base_turn["p95_ms"])},
        "merge": {"interviews": N, "instances_each": MEMBERS, "answer_rows": len(answers),
                  "bundle_bytes": laptop["size"], "merge_seconds": round(t_merge, 3),
                  "baseline": how, "age_decrypt_seconds": round(t_dec, 3),
                  "plain_sqlite_insert_seconds": round(t_sql, 3),
                  "ratio_vs_age_plus_plain_sqlite": round(merge_ratio, 2)},
        "budgets": [budget("roster autosave p95 ms (50 entries)", save["p95_ms"], 10),
                    budget("roster page turn p95 ms (50 entries)", turn["p95_ms"], 16),
                    budget("merge ratio vs age -d + plain SQLite", merge_ratio, 3.0)],
    }


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--laptop-phase":
        _bundle_phase(Path(sys.argv[2]))
    else:
        print(json.dumps(main(), indent=2, ensure_ascii=False))
