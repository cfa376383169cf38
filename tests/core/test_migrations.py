"""Every frozen store of a past schema version opens with today's code and keeps its answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fieldapp.store import Store, schema
from fieldapp.store.interviews import InterviewRepo

FROZEN = Path(__file__).resolve().parents[1] / "vectors" / "stores"
PASSPHRASE = "frozen-vector-store-passphrase-not-secret"
VERSIONS = sorted(int(p.name[1:]) for p in FROZEN.glob("v*") if p.is_dir())


def test_there_is_a_frozen_store_for_every_schema_version():
    assert VERSIONS == list(range(1, schema.latest_version() + 1))


@pytest.mark.parametrize("version", VERSIONS)
def test_frozen_store_opens_migrates_and_keeps_its_answers(tmp_path, version):
    path = tmp_path / "store"
    shutil.copytree(FROZEN / f"v{version}", path)
    with Store.open(path, PASSPHRASE) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.latest_version()
        assert store.verify() == []
        repo = InterviewRepo(store)
        rows = {r.status: r for r in repo.list()}
        assert set(rows) == {"final", "draft"}
        final = repo.answers(rows["final"].id)
        assert final["age"].value == 44 and final["anything_else"].value == "frozen"
        assert rows["final"].language == "Korean (ko)"
        draft = repo.resume(rows["draft"].id)
        assert draft.value("consent") == "yes" and draft.value("age") is None
