"""The exchange commands through ``cli.main``: exit status and the sentences users see."""

from __future__ import annotations

import os

import pytest

from fieldapp import cli
from tests.core.storetools import PASSPHRASE
from tests.core.test_exchange_support import add_interviews, make_form, new_store, words_of


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    form = make_form(tmp_path)
    new_store(tmp_path / "coord", "coordinator", form).close()
    with new_store(tmp_path / "dev", "interviewer", form) as d:
        add_interviews(d, 5)
    stick = tmp_path / "stick"
    stick.mkdir()
    return tmp_path, stick


def test_full_cycle_on_the_command_line(setup, capsys):
    root, stick = setup
    key = root / "project.key"
    assert cli.main(["key", "export", str(root / "coord"), str(key)]) == 0
    out = capsys.readouterr().out
    words = out.split("Fingerprint: ")[1].splitlines()[0]
    assert len(words.split()) == 8

    assert cli.main(["export", str(root / "dev"), "--to", str(key), "--out", str(stick), "--words", words]) == 0
    out = capsys.readouterr().out
    assert words in out and "Exported 5 interviews" in out
    [bundle] = list(stick.glob("*.fab"))
    assert len(bundle.stem) == 16

    assert cli.main(["export", str(root / "dev"), "--out", str(stick)]) == 1
    assert "Nothing to export" in capsys.readouterr().err

    assert cli.main(["import", str(root / "coord"), str(bundle)]) == 1
    refusals = [line for line in capsys.readouterr().err.splitlines() if line.startswith("fieldapp:")]
    device_words = words_of(root / "dev")
    assert len(refusals) == 1 and "not trusted here yet" in refusals[0] and device_words in refusals[0]

    assert cli.main(["import", str(root / "coord"), str(bundle), "--trust-device", device_words]) == 0
    out = capsys.readouterr().out
    assert "5 new, 0 duplicate" in out and "is now trusted" in out and ".receipt" in out

    assert cli.main(["import", str(root / "coord"), str(bundle)]) == 0
    assert "already imported" in capsys.readouterr().out

    assert cli.main(["devices", str(root / "coord")]) == 0
    out = capsys.readouterr().out
    assert "trusted" in out and "last bundle 1" in out and f"key {device_words}\t" in out

    receipts = sorted(bundle.parent.glob("*.receipt"))  # one per import (the replay wrote one too)
    receipt = receipts[0]
    assert cli.main(["receipt", str(root / "dev"), str(receipt)]) == 0
    assert "Receipt verified" in capsys.readouterr().out
    assert cli.main(["export", str(root / "dev"), "--resend", "--out", str(stick)]) == 1
    assert "every exported bundle has a receipt" in capsys.readouterr().err


def test_key_backup_is_private_and_warns(setup, capsys):
    root, _ = setup
    out = root / "backup.txt"
    assert cli.main(["key", "backup", str(root / "coord"), "--out", str(out)]) == 0
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert "warning" in capsys.readouterr().err
    text = out.read_text()
    assert text.count("AGE-SECRET-KEY-1") == 1
    assert cli.main(["key", "backup", str(root / "coord"), "--out", str(out)]) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert cli.main(["key", "backup", str(root / "dev"), "--out", str(root / "x.txt")]) == 1
    assert "Only the coordinator" in capsys.readouterr().err


def test_export_without_enrolment_and_revoke(setup, capsys):
    root, stick = setup
    assert cli.main(["export", str(root / "dev"), "--out", str(stick)]) == 1
    assert "not enrolled yet" in capsys.readouterr().err
    assert cli.main(["devices", "revoke", str(root / "coord"), "ffff0000ffff0000"]) == 1
    assert "No device ffff0000ffff0000" in capsys.readouterr().err
