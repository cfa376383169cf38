"""Rows of merged records (``fieldapp.store.records``): each value's stored text is exactly what
``json.dumps(value, ensure_ascii=False)`` writes, and the merge inserts give the same rows in
whatever order they come (they are written in key order)."""

from __future__ import annotations

import json
import random

from fieldapp.store import Store
from fieldapp.store import records as record_rows
from tests.core.storetools import PASSPHRASE

VALUES = [None, True, False, 0, -7, 10**30, 1.5, -0.0, 1e300, "", "yes", "한국어 \"따옴표\" \\ \n\t", "é", "\u2028"]


def test_answer_rows_write_each_value_as_json_dumps_does():
    answers = {f"family_member[{i}]/q" if i % 2 else f"q{i}": [v, "answered"] for i, v in enumerate(VALUES)}
    rows = record_rows.answer_rows("iv", answers, "now")
    assert rows == [("iv", *(k.rsplit("/", 1) if "/" in k else ("", k)),
                     None if v is None else json.dumps(v, ensure_ascii=False), s, "now")
                    for k, (v, s) in answers.items()]


def test_received_rows_are_stored_whatever_their_order(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    rng = random.Random(5)
    ids = [f"{rng.getrandbits(128):032x}" for _ in range(40)]
    interviews = [(i, "f", "1", f"p{n}", "en", 1, "dev", "s", "now", "fin") for n, i in enumerate(ids)]
    answers = [a for i in ids for a in record_rows.answer_rows(
        i, {"q": ["x", "answered"], "m[1]/r": [3, "answered"], "m[2]/r": [None, "missing"]}, "now")]
    instances = [(i, m) for i in ids for m in ("m[1]", "m[2]")]
    rng.shuffle(answers)
    rng.shuffle(instances)
    with Store.create(tmp_path / "s", PASSPHRASE, "coordinator") as store:
        with store.transaction() as conn:
            conn.execute("INSERT INTO forms(form_id, version, title, definition, source_sha256, added_at) "
                         "VALUES ('f', '1', 't', '{}', '', 'now')")  # the interviews' form, as a row
            record_rows.insert_received(conn, interviews, answers, [], instances)
        with store.reading() as conn:
            stored = conn.execute("SELECT * FROM answers").fetchall()
            kept = conn.execute("SELECT * FROM repeat_instances").fetchall()
            order = [r[0] for r in conn.execute("SELECT id FROM interviews ORDER BY rowid")]
    assert sorted(stored) == sorted(answers) and len(stored) == len(answers)
    assert sorted(kept) == sorted(instances)
    assert order == ids  # interviews keep the bundle's order
