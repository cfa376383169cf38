"""Kill -9 at random moments of store operations: every operation is all-or-nothing and the
store always verifies afterwards (SECURITY.md "Crash"). CI runs >= 20 kills; bench/crash.py 200."""

from __future__ import annotations

import csv
import os
import random
from pathlib import Path

import pytest

from fieldapp.errors import StoreError, WrongPassphrase
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.crash.harness import install_slow_migration, run_and_kill
from tests.crash.worker import NEW_PASSPHRASE, PASSPHRASE
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type          | name      | label   | required | relevant           | constraint |
| select_one yn | consent   | Consent | yes      |                    |            |
| integer       | age       | Age     | yes      | ${consent} = 'yes' | . >= 15    |
| text          | note_text | Notes   |          | ${consent} = 'yes' |            |
"""
CHOICES = """
| list_name | name | label |
| yn        | yes  | Yes   |
| yn        | no   | No    |
"""
KILLS = int(os.environ.get("FIELDAPP_CRASH_KILLS", "4"))  # per scenario; 5 scenarios -> 20 in CI


def make_store(tmp: Path, drafts: int = 0, answered: bool = False) -> Path:
    from fieldapp.forms.xlsform import read_xlsform

    tmp.mkdir(parents=True, exist_ok=True)
    form = read_xlsform(write_xlsform(tmp / "crash.xlsx", SURVEY, CHOICES, {"form_id": "crash", "version": "1"}))
    path = tmp / "store"
    with Store.create(path, PASSPHRASE, "interviewer") as store:
        add_form(store, form)
        repo = InterviewRepo(store)
        for _ in range(drafts):
            iv = repo.start("crash")
            if answered:
                iv.set_answer("consent", "yes")
                iv.set_answer("age", 30)
    return path


def check(path: Path, passphrase: str = PASSPHRASE) -> Store:
    store = Store.open(path, passphrase)
    problems = store.verify()
    assert problems == [], problems
    return store


def states(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT status FROM interviews")}


@pytest.fixture
def rng():
    seed = int(os.environ.get("FIELDAPP_CRASH_SEED", random.randrange(1 << 30)))
    print(f"crash seed {seed}")
    return random.Random(seed)


def test_kill_during_autosave_loses_at_most_the_answer_being_saved(tmp_path, rng):
    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}", drafts=1)
        result = run_and_kill("autosave", path, [], max_delay=0.6, rng=rng)
        with check(path) as store:
            [row] = InterviewRepo(store).list()
            saved = InterviewRepo(store).answers(row.id)["note_text"].value
            if result.committed:
                last = int(result.committed[-1])
                assert saved in (f"draft text {last}", f"draft text {last + 1}")
            assert row.status == "draft"


def test_kill_during_finalize_leaves_each_interview_draft_or_final(tmp_path, rng):
    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}", drafts=5, answered=True)
        result = run_and_kill("finalize", path, [], max_delay=0.08, rng=rng)
        with check(path) as store:
            rows = InterviewRepo(store).list()
            assert len(rows) == 5
            final = {r.id for r in rows if r.status == "final"}
            assert set(result.committed) <= final
            for r in rows:
                answers = InterviewRepo(store).answers(r.id)
                assert answers["age"].value == 30 and answers["consent"].value == "yes"


def test_kill_during_paper_import_never_leaves_a_partial_import(tmp_path, rng):
    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}")
        data = tmp_path / f"r{n}" / "paper.csv"
        with data.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["consent", "age", "note_text"])
            for i in range(2000):
                w.writerow(["yes", 20 + i % 60, f"row {i}"])
        result = run_and_kill("paper", path, [str(data)], max_delay=2.5, rng=rng)
        with check(path) as store:
            count = store.conn.execute("SELECT count(*) FROM interviews").fetchone()[0]
            assert count in (0, 2000)
            if result.committed:
                assert count == 2000
            answers = store.conn.execute("SELECT count(*) FROM answers").fetchone()[0]
            assert answers == count * 3


def pad(path: Path, megabytes: int = 4) -> None:
    """Enough pages that re-encrypting the database takes a while to kill into."""
    with Store.open(path, PASSPHRASE) as store:
        with store.transaction() as conn:
            conn.execute("CREATE TABLE crash_pad (data BLOB)")
            conn.executemany("INSERT INTO crash_pad VALUES (?)", ((os.urandom(4000),) for _ in range(megabytes * 256)))


def opens_with(path: Path) -> list[str]:
    """Which of the two passphrases open the store (each open finishes an interrupted
    rotation; afterwards the key file holds one data key and is intact)."""
    from fieldapp.crypto import slotfile

    opened = []
    for pw in (PASSPHRASE, NEW_PASSPHRASE):
        try:
            with check(path, pw) as store:
                assert len(InterviewRepo(store).list()) == 1
                assert store._slots.rotation is None
                assert store.conn.execute("SELECT count(*) FROM crash_pad").fetchone()[0] > 0
            opened.append(pw)
        except WrongPassphrase:
            pass
    assert slotfile.read(path / "store.keys").intact
    return opened


def test_kill_during_passphrase_change_leaves_exactly_one_working_passphrase(tmp_path, rng):
    """passwd writes the key file (both keys), re-encrypts the database, writes the key file
    again: a kill anywhere leaves one passphrase that opens everything."""
    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}", drafts=1, answered=True)
        pad(path)
        result = run_and_kill("passwd", path, [], max_delay=0.15, rng=rng)
        opened = opens_with(path)
        assert len(opened) == 1
        if result.committed:
            assert opened == [NEW_PASSPHRASE]


def test_kill_during_repeated_passphrase_changes_never_loses_the_store(tmp_path, rng):
    """Key-file rewrites back to back, killed at random: every kill lands in some write."""
    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}", drafts=1, answered=True)
        pad(path, megabytes=1)
        result = run_and_kill("passwd_churn", path, [], max_delay=1.0, rng=rng)
        opened = opens_with(path)
        assert len(opened) == 1
        if result.committed:  # the last change reported done, or the one after it
            assert len(result.committed) >= 1


def test_kill_during_export_leaves_final_answers_or_nothing_decryptable(tmp_path, rng):
    """Export: every interview stays finalized with its answers, or is exported with no
    answer left decryptable in any file of the folder (checked before anything reopens it)."""
    from tests.core.storetools import decryptable, store_keys
    from tests.core.test_erasure import CANARY, laptop

    for n in range(KILLS):
        (tmp_path / f"r{n}").mkdir()
        path, pk = laptop(tmp_path / f"r{n}")
        result = run_and_kill("export", path, [str(pk), str(tmp_path / f"r{n}" / "stick")],
                              max_delay=0.2, rng=rng)
        leaks = decryptable(path, store_keys(path), [CANARY.encode()])
        with check(path) as store:
            states = dict(store.conn.execute("SELECT status, count(*) FROM interviews GROUP BY status"))
        # exported: the 30 are forgotten, only counted (issue #17, finding 6)
        assert states in ({"final": 30, "draft": 1}, {"draft": 1}), states
        if "final" not in states:
            assert leaks == []
        else:
            assert not result.committed
            with check(path) as store:
                assert store.conn.execute("SELECT count(*) FROM answers WHERE value LIKE ?",
                                          (f"%{CANARY}%",)).fetchone()[0] == 30


def test_kill_during_migration_leaves_the_old_or_the_new_schema(tmp_path, rng, monkeypatch):
    from fieldapp.store import schema

    for n in range(KILLS):
        path = make_store(tmp_path / f"r{n}", drafts=1, answered=True)
        result = run_and_kill("migrate", path, [], max_delay=0.4, rng=rng)
        try:  # with today's ladder: either untouched (no probe table) or fully migrated
            with Store.open(path, PASSPHRASE) as store:
                assert store.verify() == []
                assert store.conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name = 'crash_probe'").fetchone()[0] == 0
            migrated = False
        except StoreError as exc:
            assert "newer fieldapp" in str(exc)
            migrated = True
        if result.committed:
            assert migrated
        monkeypatch.setattr(schema, "MIGRATIONS", list(schema.MIGRATIONS))
        install_slow_migration()
        with Store.open(path, PASSPHRASE) as store:  # finishes the migration if it was cut
            assert store.verify() == []
            assert store.conn.execute("SELECT count(*) FROM crash_probe").fetchone()[0] == 20_000
            assert len(InterviewRepo(store).list()) == 1
        monkeypatch.undo()
        assert result.op == "migrate"
