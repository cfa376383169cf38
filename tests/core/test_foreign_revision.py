"""A trusted device cannot overwrite another device's interview (issue #17, finding 8).

The attacker is laptop B, trusted by the coordinator, whose software was changed to send a
record with an id it could derive (a colleague's interview it saw, a paper form's instanceID
hashed to its id) and a higher revision. The coordinator must keep what the owner sent and
hold B's version as a conflict to decide, never merge it silently.
"""

from __future__ import annotations

import copy
import json

import pytest

from fieldapp.exchange import export as export_mod
from fieldapp.exchange.export import export_bundle
from fieldapp.exchange.importer import _record_from_db, import_bundles
from fieldapp.exchange.keys import project_key_file
from fieldapp.store import audit
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange_support import (
    add_interviews,
    answers_by_interview,
    key_words,
    make_form,
    new_store,
    reopen,
    words_of,
)


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    form = make_form(tmp_path)
    with new_store(tmp_path / "coord", "coordinator", form) as c, c.reading() as conn:
        key = project_key_file(conn)
    for name in ("a", "b"):
        with new_store(tmp_path / name, "interviewer", form) as d:
            add_interviews(d, 2, seed=len(name))
    (tmp_path / "stick").mkdir()
    bundles = []
    for name in ("a", "b"):
        with reopen(tmp_path / name) as d:
            bundles.append(export_bundle(d, tmp_path / "stick", key, words=key_words(key)).path)
    with reopen(tmp_path / "coord") as c:
        reports = import_bundles(c, bundles, trust=[words_of(tmp_path / n) for n in ("a", "b")])
    assert [r.new for r in reports] == [2, 2]
    # B gets two more finalized interviews, the carriers of its forgery
    with reopen(tmp_path / "b") as d:
        add_interviews(d, 2, seed=9)
    return tmp_path, key


def _forge_from_b(root, monkeypatch, victim: dict, carrier: str | None = None) -> object:
    """B's next bundle, as its altered software would send it: one of its own records replaced
    by ``victim`` (another device's interview, revision raised, an answer changed). The record
    kept beside it is B's first by id, or B's record ``carrier``."""
    real_read = export_mod.read_records

    def read_with_forgery(conn, ids=None):
        records = real_read(conn, ids)
        kept = [r for r in records if r["id"] == carrier] if carrier else records[:1]
        assert kept, "the carrier is still on B"
        return kept + [victim]

    monkeypatch.setattr(export_mod, "read_records", read_with_forgery)
    monkeypatch.setattr(export_mod.record_rows, "mark_exported", lambda conn, ids, now: len(ids))
    with reopen(root / "b") as d:
        path = export_bundle(d, root / "stick").path
    monkeypatch.undo()
    return path


def _device_of(root, name: str) -> str:
    with reopen(root / name) as s:
        return s.info.device_id


def _held_of(root, device: str) -> dict:
    with reopen(root / "coord") as c, c.reading() as conn:
        iid = conn.execute("SELECT id FROM interviews WHERE device_id = ? ORDER BY id LIMIT 1",
                           (device,)).fetchone()[0]
        return _record_from_db(conn, iid)


@pytest.mark.parametrize("raise_by", [1, 0])
def test_a_revision_from_another_device_is_a_conflict_never_an_update(world, monkeypatch, raise_by):
    root, _ = world
    a = _device_of(root, "a")
    held = _held_of(root, a)
    forged = copy.deepcopy(held)
    forged["revision"] += raise_by
    forged["answers"]["notes"] = ["FORGED-BY-B", "answered"]
    forged["answers"]["consent"] = ["yes", "answered"]
    path = _forge_from_b(root, monkeypatch, forged)
    before = _answers(root)
    with reopen(root / "coord") as c:
        [report] = import_bundles(c, [path])
        assert report.outcome == "imported", report.summary()
        assert (report.new, report.updated, report.conflict, report.foreign) == (1, 0, 1, 1)
        assert any(n.code == "bundle.notice.foreign" for n in report.notices)
        with c.reading() as conn:
            # the owner's interview is exactly as A sent it: same revision, same owner, same answers
            row = conn.execute("SELECT revision, device_id FROM interviews WHERE id = ?",
                               (held["id"],)).fetchone()
            assert tuple(row) == (held["revision"], a)
            assert _record_from_db(conn, held["id"]) == held
            kept = conn.execute("SELECT revision, record, bundle_id FROM conflicts WHERE interview_id = ?",
                                (held["id"],)).fetchall()
            entry = audit.entries(conn)[0]
    assert [(r[0], r[2]) for r in kept] == [(forged["revision"], report.bundle_id)]
    assert json.loads(kept[0][1])["answers"]["notes"] == ["FORGED-BY-B", "answered"]
    assert entry["action"] == "exchange.import" and entry["detail"]["foreign"] == 1
    after = _answers(root)
    assert after[held["id"]] == before[held["id"]]


def test_the_same_forgery_again_is_recognised_not_kept_twice(world, monkeypatch):
    root, _ = world
    held = _held_of(root, _device_of(root, "a"))
    forged = copy.deepcopy(held)
    forged["revision"] += 1
    forged["answers"]["notes"] = ["FORGED-BY-B", "answered"]
    with reopen(root / "b") as d, d.reading() as conn:
        carrier = min(r[0] for r in conn.execute("SELECT id FROM interviews WHERE status = 'final'"))
    first = _forge_from_b(root, monkeypatch, forged, carrier)
    with reopen(root / "coord") as c:
        import_bundles(c, [first])
    with reopen(root / "b") as d:  # B's software sends it again in its next bundle
        add_interviews(d, 1, seed=11)
    second = _forge_from_b(root, monkeypatch, forged, carrier)
    with reopen(root / "coord") as c:
        [report] = import_bundles(c, [second])
        # the carrier (B's own record, never marked exported by the altered software) and the
        # forgery are both known already
        assert (report.conflict, report.foreign, report.duplicate) == (0, 0, 2)
        n = c.conn.execute("SELECT count(*) FROM conflicts WHERE interview_id = ?", (held["id"],)).fetchone()[0]
    assert n == 1


def test_an_interview_made_on_the_coordinator_cannot_be_overwritten_by_a_device(world, monkeypatch):
    """Paper forms typed in at the office belong to no laptop: a device's record with their id
    (instanceIDs hash to predictable ids) is a conflict too."""
    root, _ = world
    with reopen(root / "coord") as c:
        repo = InterviewRepo(c)
        iv = repo.start("xch")
        iv.set_answer("consent", "no")
        repo.finalize(iv)
        with c.reading() as conn:
            held = _record_from_db(conn, iv.id)
    forged = copy.deepcopy(held)
    forged["revision"] += 5
    forged["answers"]["consent"] = ["yes", "answered"]
    forged["answers"]["age"] = [30, "answered"]
    path = _forge_from_b(root, monkeypatch, forged)
    with reopen(root / "coord") as c:
        [report] = import_bundles(c, [path])
        assert report.foreign == 1 and report.updated == 0
        with c.reading() as conn:
            assert _record_from_db(conn, iv.id) == held


def _answers(root) -> dict:
    with reopen(root / "coord") as c:
        return answers_by_interview(c)
