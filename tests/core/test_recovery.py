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
