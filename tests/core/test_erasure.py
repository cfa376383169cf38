"""Exported answers leave no decryptable trace in the store folder (issue #17, finding 4).

The check is the attacker's: every page of every file in the store folder (store.db, the
WAL, a rollback journal) is decrypted with every data key the key file gives with the
passphrase, and searched for the canary answers. First the search proves it would see them.
"""

from __future__ import annotations

from fieldapp.exchange.export import export_bundle
from fieldapp.exchange.keys import project_key_file
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from fieldapp.store.records import exported_counts
from tests.core.storetools import PASSPHRASE, decryptable, store_keys
from tests.core.test_exchange_support import key_words, make_form, new_store
from tests.crash.harness import run_to_end

CANARY = "zq7-CANARY-exported-5e0d"
DRAFT = "zq7-CANARY-draft-kept-77a1"


def laptop(tmp_path):
    """A coordinator's project key file and a laptop with finalized canary interviews + a draft."""
    form = make_form(tmp_path)
    with new_store(tmp_path / "coord", "coordinator", form) as coord:
        with coord.reading() as conn:
            (tmp_path / "project.fieldapp-key").write_bytes(project_key_file(conn))
    with new_store(tmp_path / "laptop", "interviewer", form) as store:
        repo = InterviewRepo(store)
        for i in range(30):  # every interview carries a canary answer
            iv = repo.start("xch")
            iv.set_answer("consent", "yes")
            iv.set_answer("age", 20 + i)
            iv.set_answer("notes", f"{CANARY}-{i}")
            repo.finalize(iv)
        draft = repo.start("xch")
        draft.set_answer("consent", "yes")
        draft.set_answer("notes", DRAFT)
    (tmp_path / "stick").mkdir()
    return tmp_path / "laptop", tmp_path / "project.fieldapp-key"


def test_the_search_sees_answers_under_the_data_key(tmp_path):
    path, _ = laptop(tmp_path)
    keys = store_keys(path)
    assert decryptable(path, keys, [CANARY.encode()])  # in store.db, closed
    with Store.open(path, PASSPHRASE) as store:  # and in the WAL while the store is open
        with store.transaction() as conn:
            conn.execute("UPDATE answers SET value = ? WHERE field = 'notes' AND value LIKE ?",
                         (f'"{CANARY}-again"', f'%{CANARY}-1"'))
        assert any("store.db-wal" in hit for hit in decryptable(path, keys, [b"again"]))
    assert decryptable(path, [bytes(32)], [CANARY.encode()]) == []  # a wrong key reads nothing


def test_after_an_export_no_exported_answer_is_decryptable(tmp_path):
    path, pk = laptop(tmp_path)
    before = store_keys(path)
    with Store.open(path, PASSPHRASE) as store:
        result = export_bundle(store, tmp_path / "stick", pk.read_bytes(), words=key_words(pk.read_bytes()))
        assert result.interviews == 30
        # open: nothing in store.db, nothing in the WAL, under the old or the new data key
        keys = before + store_keys(path)
        assert decryptable(path, keys, [CANARY.encode()]) == []
        assert decryptable(path, keys, [DRAFT.encode()]) != []  # drafts stay, readable
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit")]
        assert actions[actions.index("exchange.export") + 1] == "store.data_key_replaced"
    assert store_keys(path)[0] != before[0]  # the data key was replaced after the export
    assert decryptable(path, before + store_keys(path), [CANARY.encode()]) == []
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []


def test_power_cut_right_after_the_export_commit_leaves_nothing_decryptable(tmp_path):
    path, pk = laptop(tmp_path)
    result = run_to_end("export_die_after_commit", path, [str(pk), str(tmp_path / "stick")])
    assert result.committed == ["1"]
    # The attacker images the folder as the power cut left it, before anyone opens it.
    assert decryptable(path, store_keys(path), [CANARY.encode()]) == []
    with Store.open(path, PASSPHRASE) as store:
        assert store.verify() == []
        states = dict(store.conn.execute("SELECT status, count(*) FROM interviews GROUP BY status"))
        assert states == {"draft": 1}  # the exported 30 are forgotten (finding 6), counted per day
        assert sum(c["xch"] for c in exported_counts(store.conn).values()) == 30
    assert len(list((tmp_path / "stick").glob("*.fab"))) == 1


def test_the_export_commit_writes_store_db_alone(tmp_path, monkeypatch):
    """The erasing transaction must hold a write on store.db only. With media.db in a write
    too (BEGIN IMMEDIATE takes one on every attached file; a DELETE that a trigger could carry
    into media.db takes one there), SQLite commits both through a super-journal: its deletion
    is the commit point, and store.db-journal, holding the pages of the answers as they were
    before the purge, is deleted after it. A kill between the two left that journal in the
    folder, decryptable with the store's key, and the next open deleted it without rolling
    back (the export had committed). Here a second connection takes a write lock on media.db
    in the middle of the export's transaction, as it can only when this one holds none."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from fieldapp.store import mediadb
    from fieldapp.store import outbox as outbox_rows

    path, pk = laptop(tmp_path)
    probed = []
    real = outbox_rows.add_kept

    def probe(conn, *args, **kwargs):
        other = sqlcipher.connect(":memory:", timeout=0)
        try:
            mediadb._attach_as(other, path / mediadb.NAME, "probe", store_keys(path)[0])
            other.execute("BEGIN IMMEDIATE")  # "database is locked" while the export holds media.db
            other.execute("ROLLBACK")
            probed.append(True)
        finally:
            other.close()
        return real(conn, *args, **kwargs)

    monkeypatch.setattr(outbox_rows, "add_kept", probe)
    with Store.open(path, PASSPHRASE) as store:
        export_bundle(store, tmp_path / "stick", pk.read_bytes(), words=key_words(pk.read_bytes()))
    assert probed == [True]
    assert decryptable(path, store_keys(path), [CANARY.encode()]) == []


def test_a_bundle_left_by_an_export_killed_before_its_commit_and_the_next_one_both_merge_once(tmp_path):
    """A kill just before the export's commit leaves its bundle on the stick while the store
    rolls back (interviews final again, the sequence number not advanced): the next export
    seals them again, with one more, under the same number. The coordinator imports both,
    says the number came twice, and holds every interview once."""
    import shutil

    from fieldapp.exchange.importer import import_bundles
    from tests.core.test_media_bundle import words_of

    path, pk = laptop(tmp_path)
    rolled_back = tmp_path / "laptop-as-rolled-back"
    shutil.copytree(path, rolled_back)  # the folder as the rolled-back commit leaves it
    with Store.open(path, PASSPHRASE) as store:
        first = export_bundle(store, tmp_path / "stick", pk.read_bytes(), words=key_words(pk.read_bytes()))
    shutil.rmtree(path)
    shutil.move(rolled_back, path)
    with Store.open(path, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        iv = repo.start("xch")
        iv.set_answer("consent", "yes")
        iv.set_answer("age", 60)
        iv.set_answer("notes", "one more")
        repo.finalize(iv)
        (tmp_path / "stick2").mkdir()
        second = export_bundle(store, tmp_path / "stick2", pk.read_bytes(), words=key_words(pk.read_bytes()))
    assert (first.seq, second.seq, first.interviews, second.interviews) == (1, 1, 30, 31)
    with Store.open(tmp_path / "coord", PASSPHRASE) as coord:
        a, b = import_bundles(coord, [first.path, second.path], trust=[words_of(path)])
        assert a.ok and b.ok
        assert [n.code for n in b.notices] == ["bundle.notice.seq_reused"]
        total, distinct = coord.conn.execute("SELECT count(*), count(DISTINCT id) FROM interviews").fetchone()
        assert total == distinct == 31
