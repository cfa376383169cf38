"""A rollback journal SQLite will never read again (a process killed while creating it, during
an export's erasing transaction) is overwritten and removed when the store opens, so ``verify``
stays clean and no old page versions stay beside the store. Found by the kill -9 suite."""

from __future__ import annotations

import pytest

from fieldapp.store import Store
from tests.core.storetools import PASSPHRASE


@pytest.mark.parametrize("content", [b"", bytes(28) + b"\x5a" * 4068], ids=["empty", "no-header"])
def test_a_cold_journal_is_removed_at_open(tmp_path, content):
    path = tmp_path / "store"
    with Store.create(path, PASSPHRASE, "interviewer") as store:
        store.conn.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        store.conn.execute("INSERT INTO probe VALUES ('kept')")
    journal = path / "store.db-journal"
    journal.write_bytes(content)
    with Store.open(path, PASSPHRASE) as store:
        assert not journal.exists()
        assert store.verify() == []
        notes = [w for w in store.warnings() if w.startswith("the store was not closed")]
        # one note, saying what was done; nothing claims a cold journal's pages were applied
        assert notes == ["the store was not closed properly last time (power cut or crash): "
                         "an unused rollback journal was overwritten and removed"]
        assert store.conn.execute("SELECT x FROM probe").fetchall() == [("kept",)]


def test_an_open_without_a_journal_says_nothing_of_one(tmp_path):
    path = tmp_path / "store"
    Store.create(path, PASSPHRASE, "interviewer").close()
    with Store.open(path, PASSPHRASE) as store:
        assert not any("journal" in w for w in store.warnings())
