"""The bulk insert of finalized interviews (paper import): the rows it writes are exactly the
rows of each interview's record (``record_parts``), one JSON text per value as ``json.dumps`` writes it,
whatever order they are written in (it writes them in key order, for speed)."""

from __future__ import annotations

import json
import random

import pytest

from fieldapp.engine.interview import Interview
from fieldapp.engine.simulate import simulate
from fieldapp.forms.instances import split_key
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import insert_finalized
from tests.core.storetools import PASSPHRASE

#: Values of every JSON shape an answer can take, put on stored fields of one interview.
ODD = [True, False, 0, -7, 10**30, 1.5, float("nan"), "", "한국어 \"따옴표\" \\ \n", ["a", "b"], {"k": 1}]


@pytest.fixture(scope="module")
def form():
    return read_xlsform(reference_questionnaire())


def _interviews(form) -> list[Interview]:
    rng = random.Random(3)
    out = [simulate(form, rng, fixed={"consent": "yes"}) for _ in range(12)]
    assert any(iv.counts.get("family_member") for iv in out)  # entries inside repeats too
    odd = Interview.blank(form)
    odd.values["consent"] = "yes"
    odd._recompute()
    stored = [key for key, _sealed, not_recorded in _stored(odd)
              if key != "consent" and not not_recorded and odd.is_relevant(key)]
    assert len(stored) >= len(ODD)
    for key, value in zip(stored, ODD, strict=False):
        odd.values[key] = value
    out.append(odd)
    return out


def _stored(iv):
    from fieldapp.engine import _tree

    return _tree.stored_fields(iv)


def _expected(iv: Interview, now: str) -> set[tuple]:
    """The per-interview path's rows: the record's field states, each value through ``json.dumps``."""
    return {(iv.id, *split_key(key), None if st.value is None else json.dumps(st.value, ensure_ascii=False),
             st.status, now) for key, st in iv.record_parts()[1].items()}


def test_bulk_insert_writes_each_interviews_field_states(tmp_path, form, monkeypatch):
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    interviews = _interviews(form)
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        with store.transaction() as conn:
            assert insert_finalized(store, conn, interviews, "paper") == len(interviews)
        with store.reading() as conn:
            rows = conn.execute("SELECT interview_id, instance, field, value, status, updated_at FROM answers").fetchall()
            order = [r[0] for r in conn.execute("SELECT id FROM interviews ORDER BY rowid")]
            instances = set(conn.execute("SELECT interview_id, instance FROM repeat_instances").fetchall())
    now = rows[0][5]
    expected = set().union(*(_expected(iv, now) for iv in interviews))
    assert len(rows) == len(expected) and set(rows) == expected
    assert any(r[3] == "true" for r in rows) and any(r[3] == "1000000000000000000000000000000" for r in rows)
    assert order == [iv.id for iv in interviews]  # interviews keep the file's order
    assert instances == {(iv.id, i) for iv in interviews for i in iv.record_parts()[0]}
