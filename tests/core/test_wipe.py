"""Emergency wipe: after it, the store cannot be opened and its files are gone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from fieldapp.cli import main
from fieldapp.crypto.keyslots import KeySlots
from fieldapp.errors import StoreError
from fieldapp.store import Store
from fieldapp.store.wipe import wipe_store
from tests.core.storetools import PASSPHRASE


def test_wipe_destroys_the_key_and_removes_the_files(tmp_path):
    path = tmp_path / "store"
    with Store.create(path, PASSPHRASE, "interviewer") as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES ('x', 'y')")
    original = (path / "keyslots.json").read_bytes()
    # A second name for the same file: what a disk keeps after a plain delete.
    os.link(path / "keyslots.json", tmp_path / "remnant")
    seconds = wipe_store(path)
    assert seconds < 1.0
    assert not path.exists()
    remnant = (tmp_path / "remnant").read_bytes()
    assert remnant != original and b"fieldapp-keyslots" not in remnant and b"wrapped" not in remnant
    # the database bytes alone open nothing: the only wrapped copy of its key was overwritten
    with pytest.raises(StoreError):
        KeySlots.from_bytes(remnant)


def test_wipe_refuses_a_folder_that_is_not_a_store(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "letter.txt").write_text("keep me")
    with pytest.raises(StoreError, match="no fieldapp store"):
        wipe_store(tmp_path / "docs")
    assert (tmp_path / "docs" / "letter.txt").read_text() == "keep me"


def test_cli_wipe_needs_confirmation(tmp_path, capsys):
    path = tmp_path / "store"
    Store.create(path, PASSPHRASE, "interviewer").close()
    out = subprocess.run([sys.executable, "-m", "fieldapp", "wipe", str(path)],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 1 and "--yes" in out.stderr
    assert (path / "keyslots.json").exists()
    assert main(["wipe", str(path), "--yes"]) == 0
    assert "destroyed" in capsys.readouterr().out
    assert not path.exists()
