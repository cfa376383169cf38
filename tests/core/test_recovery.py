"""Recovery slot: a returned laptop whose passphrase is lost reopens with the coordinator key."""

from __future__ import annotations

import random

import pytest

from fieldapp.cli import main
from fieldapp.engine.simulate import simulate
from fieldapp.errors import StoreError, WrongPassphrase
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange_support import key_words

NEW = "lantern-orbit-mosaic-fennel-quartz-hollow"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    for name, role in (("coord", "coordinator"), ("field", "interviewer"), ("other", "coordinator")):
        assert main(["init", str(tmp_path / name), "--role", role]) == 0
    assert main(["form", "add", str(tmp_path / "field"), str(reference_questionnaire())]) == 0
    assert main(["key", "export", str(tmp_path / "coord"), str(tmp_path / "pk")]) == 0
    assert main(["key", "backup", str(tmp_path / "coord"), "--out", str(tmp_path / "coord.key")]) == 0
    assert main(["key", "backup", str(tmp_path / "other"), "--out", str(tmp_path / "other.key")]) == 0
    return tmp_path


def test_unenrolled_store_cannot_be_recovered(project, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_NEW_PASSPHRASE", NEW)
    assert main(["recover", str(project / "field"), "--key", str(project / "coord.key")]) == 1
    assert "no recovery slot" in capsys.readouterr().err


def test_enrolled_laptop_recovers_with_the_coordinator_key_only(project, monkeypatch, capsys):
    assert main(["key", "enrol", str(project / "field"), str(project / "pk"), "--words",
                 key_words((project / "pk").read_bytes())]) == 0
    assert "Fingerprint:" in capsys.readouterr().out
    with Store.open(project / "field", PASSPHRASE) as store:
        repo = InterviewRepo(store)
        iv = repo.start("escapee_survey_2017")
        simulate(iv.form, random.Random(1), fixed={"consent": "yes", "age": 52}, interview=iv)
        draft_id = iv.id
    monkeypatch.setenv("FIELDAPP_NEW_PASSPHRASE", NEW)
    assert main(["recover", str(project / "field"), "--key", str(project / "other.key")]) == 1
    assert "cannot recover" in capsys.readouterr().err
    assert main(["recover", str(project / "field"), "--key", str(project / "coord.key")]) == 0
    with pytest.raises(WrongPassphrase):
        Store.open(project / "field", PASSPHRASE)
    with Store.open(project / "field", NEW) as store:
        assert InterviewRepo(store).answers(draft_id)["age"].value == 52
        assert store.verify() == []
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit")]
        assert "store.escrow_slot_set" in actions and actions[-1] == "store.recovered"


def test_escrow_slot_copied_into_another_store_recovers_nothing(project, tmp_path):
    import json

    from fieldapp.crypto import slotfile

    assert main(["key", "enrol", str(project / "field"), str(project / "pk"), "--words",
                 key_words((project / "pk").read_bytes())]) == 0
    Store.create(tmp_path / "victim", PASSPHRASE, "interviewer").close()
    field = json.loads(slotfile.read(project / "field" / "store.keys").document)
    victim = json.loads(slotfile.read(tmp_path / "victim" / "store.keys").document)
    victim["slots"] = [s for s in victim["slots"] if s["id"] != 1] + [s for s in field["slots"] if s["id"] == 1]
    slotfile.write(tmp_path / "victim" / "store.keys", json.dumps(victim).encode())
    key = [ln for ln in (project / "coord.key").read_text().splitlines() if ln.startswith("AGE-SECRET-KEY-")]
    with pytest.raises(StoreError, match="another store"):
        Store.recover(tmp_path / "victim", key, NEW)


def test_the_escrow_key_goes_offline_and_leaves_the_everyday_store(project, monkeypatch, capsys):
    """Finding 5: C_esc is written out for offline keeping and removed from the coordinator's
    store; bundles still open with C_enc, a laptop still recovers with the offline file, and
    nothing makes C_esc again (the project key file, which names it, stays the same)."""
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.store import keys

    coord, offline = project / "coord", project / "esc.key"
    with Store.open(coord, PASSPHRASE) as c, c.reading() as conn:
        esc = keys.get(conn, keys.COORD_ESC).decode()
        project_key = keys.project_key_file(conn)
    assert main(["key", "backup", str(coord), "--remove", "--out", str(project / "x.key")]) == 1
    assert "give --escrow too" in capsys.readouterr().err
    assert main(["key", "backup", str(coord), "--escrow", "--remove", "--out", str(offline)]) == 0
    assert "no longer in this store" in capsys.readouterr().out
    assert esc in offline.read_text()
    with Store.open(coord, PASSPHRASE) as c:
        with c.reading() as conn:
            assert keys.get(conn, keys.COORD_ESC) is None and keys.missing(conn, "coordinator") == set()
            assert keys.project_key_file(conn) == project_key
            assert load_project_key(project_key).recipients[1] == keys.coordinator_keys(conn).esc_recipient
            values = b"".join(bytes(v) if isinstance(v, bytes) else str(v).encode()
                              for table in ("keys", "meta", "audit")
                              for row in conn.execute(f"SELECT * FROM {table}") for v in row)
        assert esc.encode() not in values
        assert c.verify() == []
    assert all(esc.encode() not in p.read_bytes() for p in coord.iterdir() if p.is_file())
    assert main(["key", "backup", str(coord), "--escrow", "--out", str(project / "again.key")]) == 1
    assert "not in this store" in capsys.readouterr().err
    # the offline file recovers an enrolled laptop
    assert main(["key", "enrol", str(project / "field"), str(project / "pk"), "--words",
                 key_words((project / "pk").read_bytes())]) == 0
    monkeypatch.setenv("FIELDAPP_NEW_PASSPHRASE", NEW)
    assert main(["recover", str(project / "field"), "--key", str(offline)]) == 0
    with Store.open(project / "field", NEW) as store:
        assert store.verify() == []
