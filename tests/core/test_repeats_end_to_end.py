"""Issue #13's acceptance scenario, end to end (tests/core/repeat_fixtures.py builds it):
0, 2 and 5 family members entered on two laptops, exported, merged; the 5-member interview
revised with a member removed, exported again, merged. The coordinator's store must hold
exactly the members that remain, keyed by interview and instance, as computed directly from
what was typed in; the superseded revision keeps the old roster in the history.
"""

from __future__ import annotations

import json

import pytest

from fieldapp.store import Store
from fieldapp.store.dataset import load_dataset, load_level
from fieldapp.store.interviews import InterviewRepo
from tests.core.repeat_fixtures import REMOVED, REVISED, roster_world
from tests.core.storetools import PASSPHRASE


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return roster_world(tmp_path_factory.mktemp("roster"))


def test_the_coordinator_holds_exactly_the_remaining_members(world):
    with Store.open(world.coordinator, PASSPHRASE) as store:
        assert store.verify() == []
        level = load_level(store, "roster", "family")
        rows = []
        for (iid, instance), values in level.values.iterrows():
            rows.append({"interview_id": iid, "instance": instance, "parent": level.parent[(iid, instance)],
                         **{k: values[k] for k in ("relation", "age_group", "detained")}})
        key = lambda r: (r["interview_id"], r["instance"])  # noqa: E731
        assert sorted(rows, key=key) == sorted(world.expected_members, key=key)
        assert len(rows) == 0 + 2 + 4
        assert set(level.status.stack()) == {"answered"}
        repo = InterviewRepo(store)
        for iid, expected in world.expected_interviews.items():
            answers = repo.answers(iid)
            assert {k: answers[k].value for k in expected} == expected
            assert repo.instances(iid) == [f"family[{n}]" for n in range(1, expected["n_family"] + 1)]
        # the respondent-level dataset has one row per interview and no member columns
        data = load_dataset(store, "roster")
        assert len(data.values) == 3 and "relation" not in data.values.columns
        assert sorted(data.values["n_family"]) == [0, 2, 4]


def test_the_superseded_revision_keeps_the_old_roster(world):
    revised = list(world.members)[REVISED]
    with Store.open(world.coordinator, PASSPHRASE) as store, store.reading() as conn:
        [(rev, text)] = conn.execute("SELECT revision, record FROM interview_history WHERE interview_id = ?",
                                     (revised,)).fetchall()
        held = conn.execute("SELECT revision FROM interviews WHERE id = ?", (revised,)).fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM answers WHERE interview_id = ? AND instance LIKE 'family[5]%'",
                            (revised,)).fetchone()[0]
    old = json.loads(text)
    assert (rev, held) == (1, 2)
    assert old["instances"] == [f"family[{n}]" for n in range(1, 6)]
    assert old["answers"][f"family[{REMOVED}]/relation"] == ["sibling", "answered"]
    assert rows == 0  # the fifth member moved up to fourth: nothing is left at family[5]


def test_importing_the_same_bundles_again_changes_nothing(world):
    from fieldapp.exchange.importer import import_bundles

    bundles = sorted((world.coordinator.parent / "stick").glob("*.fab"))
    with Store.open(world.coordinator, PASSPHRASE) as store:
        before = len(load_level(store, "roster", "family"))
        reports = import_bundles(store, bundles)
        assert {r.outcome for r in reports} == {"already imported"}
        assert len(load_level(store, "roster", "family")) == before
