"""`fieldapp responses import`: keyed-in paper questionnaires, all rows or none, once per file."""

from __future__ import annotations

import csv
import random

import openpyxl
import pytest

from fieldapp.cli import main
from fieldapp.engine.paper import instance_interview_id
from fieldapp.engine.simulate import paper_row, simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing, snapshot

FORM_ID = "escapee_survey_2017"


@pytest.fixture(scope="module")
def form():
    return read_xlsform(reference_questionnaire())


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "store"
    assert main(["init", str(path), "--role", "coordinator"]) == 0
    assert main(["form", "add", str(path), str(reference_questionnaire())]) == 0
    return path


def rows_for(form, n, seed=7):
    rng = random.Random(seed)
    return [paper_row(simulate(form, rng, fixed={"consent": "yes"})) for _ in range(n)]


def write_csv(path, rows, extra=None):
    fields = list(rows[0].keys()) + list((extra or {}).keys())
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for i, r in enumerate(rows):
            w.writerow({**r, **{k: v(i) for k, v in (extra or {}).items()}})
    return path


def count(path):
    with Store.open(path, PASSPHRASE) as s:
        return len(InterviewRepo(s).list(status="final"))


def test_row_58_breaking_a_constraint_rejects_the_whole_file(tmp_path, store, form, capsys):
    rows = rows_for(form, 80)
    rows[56]["age"] = "12"  # file row 58 (header is row 1)
    bad = write_csv(tmp_path / "bad.csv", rows)
    before = snapshot(store)
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 58, column age" in err and "nothing was imported" in err
    assert snapshot(store) == before

    rows[56]["age"] = "31"
    good = write_csv(tmp_path / "good.csv", rows)
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(good), "--dry-run"]) == 0
    assert "dry run" in capsys.readouterr().out
    assert count(store) == 0
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(good)]) == 0
    assert "imported 80" in capsys.readouterr().out
    assert count(store) == 80


def test_values_are_stored_as_the_engine_would_store_them(tmp_path, store, form):
    rows = rows_for(form, 5, seed=3)
    path = write_csv(tmp_path / "p.csv", rows, extra={"instanceID": lambda i: f"uuid:row-{i}"})
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    with Store.open(store, PASSPHRASE) as s:
        repo = InterviewRepo(s)
        stored = [repo.answers(instance_interview_id(FORM_ID, f"uuid:row-{i}")) for i in range(len(rows))]
    for answers, row in zip(stored, rows, strict=True):
        assert answers["age"].value == (int(row["age"]) if row["age"] else None)
        assert (answers["info_forms"].value or "") == row["info_forms"]
        if row["year_left"]:
            assert answers["left_2014_or_later"].value == ("yes" if int(row["year_left"]) >= 2014 else "no")
        if row["hr_knowledge"] == "never_heard":
            assert answers["hr_context"].status == "not_applicable"
        if not row["age"]:
            assert answers["age"].status == "missing"


def test_several_problems_are_listed_by_row_and_column(tmp_path, store, form, capsys):
    rows = rows_for(form, 30)
    rows[0]["province"] = "seoul"                          # not a choice
    rows[1]["consent"] = ""                                # required
    rows[2]["info_forms"] = "no_access usb"                # exclusive option
    rows[3]["hr_knowledge"] = "never_heard"
    rows[3]["hr_context"] = "foreign_media"                # does not apply
    assert main(["responses", "import", str(store), "--form", FORM_ID,
                 str(write_csv(tmp_path / "p.csv", rows))]) == 1
    err = capsys.readouterr().err
    assert "row 2, column province" in err
    assert "row 3, column consent" in err
    assert "row 4, column info_forms" in err
    assert "row 5, column hr_context" in err and "does not apply" in err
    assert "seoul" not in err  # cells are never echoed


def test_same_file_twice_is_refused_with_the_date_unless_again(tmp_path, store, form, capsys):
    path = write_csv(tmp_path / "p.csv", rows_for(form, 10))
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    capsys.readouterr()
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 1
    assert "already imported on 20" in capsys.readouterr().err
    assert count(store) == 10
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path), "--again"]) == 0
    assert count(store) == 20


def test_instance_id_makes_the_import_idempotent(tmp_path, store, form, capsys):
    rows = rows_for(form, 12)
    path = write_csv(tmp_path / "p.csv", rows, extra={"instanceID": lambda i: f"uuid:paper-{i:04d}"})
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path), "--again"]) == 0
    assert "12 already present" in capsys.readouterr().out
    assert count(store) == 12


def test_xlsx_input_and_unknown_column(tmp_path, store, form, capsys):
    rows = rows_for(form, 4)
    wb = openpyxl.Workbook()
    ws = wb.active
    header = list(rows[0].keys())
    ws.append(header)
    for r in rows:
        ws.append([int(r[h]) if h in ("age", "year_left") and r[h] else (r[h] or None) for h in header])
    wb.save(tmp_path / "p.xlsx")
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(tmp_path / "p.xlsx")]) == 0
    assert count(store) == 4
    ws.cell(row=1, column=len(header) + 1, value="respondent_name")
    wb.save(tmp_path / "q.xlsx")
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(tmp_path / "q.xlsx")]) == 1
    assert "column respondent_name: no question" in capsys.readouterr().err


def test_canary_free_text_never_leaves_the_store(tmp_path, store, form):
    canary = "CANARY-chongjin-2f9a"
    rows = rows_for(form, 6)
    for r in rows:
        r["anything_else"] = canary
    path = write_csv(tmp_path / "p.csv", rows)
    assert main(["responses", "import", str(store), "--form", FORM_ID, str(path)]) == 0
    path.unlink()  # the user's own input file is theirs; everything else must be clean
    assert files_containing(tmp_path, [canary.encode()]) == []


def test_an_import_gives_back_the_collector_and_the_page_cache(tmp_path, store, form, monkeypatch):
    """The import pauses Python's cycle collector and enlarges the page cache of its
    transaction (decision 0023): both are as they were afterwards, whether the file was
    imported, refused for its rows, or failed half-way through the writes, and a failed write
    leaves the store exactly as it was."""
    import gc

    from fieldapp.store import paper as paper_store

    def unchanged(s):
        assert gc.isenabled()
        assert s.conn.execute("PRAGMA cache_size").fetchone()[0] == -65536
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1

    rows = rows_for(form, 6, seed=5)
    good = write_csv(tmp_path / "good.csv", rows)
    broken = [dict(r) for r in rows]
    broken[2]["age"] = "12"
    bad = write_csv(tmp_path / "bad.csv", broken)
    other = write_csv(tmp_path / "other.csv", rows_for(form, 4, seed=6))
    with Store.open(store, PASSPHRASE) as s:
        assert paper_store.import_responses(s, FORM_ID, good).imported == 6
        unchanged(s)
        with pytest.raises(Exception, match="row"):
            paper_store.import_responses(s, FORM_ID, bad)
        unchanged(s)
    before = snapshot(store)

    written = []

    def half_written(st, conn, interviews, source, ids=None):
        written.append(real(st, conn, interviews, source, ids))
        raise OSError(28, "No space left on device")

    real = paper_store.insert_finalized
    monkeypatch.setattr(paper_store, "insert_finalized", half_written)
    with Store.open(store, PASSPHRASE) as s:
        with pytest.raises(OSError, match="No space left"):
            paper_store.import_responses(s, FORM_ID, other)
        assert written == [4]
        unchanged(s)
        assert len(InterviewRepo(s).list(status="final")) == 6
    monkeypatch.undo()
    assert count(store) == 6
    assert snapshot(store) == before


@pytest.mark.parametrize("broken", ["answer", "form"])
def test_a_row_without_its_parent_is_refused_as_sqlite_would(tmp_path, store, form, monkeypatch, broken):
    """The import proves its rows' foreign keys in two queries instead of SQLite checking each
    row (decision 0023): an answer naming an interview that is not in the store, or an
    interview of a form version that is not installed, is refused with SQLite's own error,
    nothing is written, and the foreign keys are on again afterwards."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from fieldapp.store import interviews as iv_store
    from fieldapp.store import paper as paper_store

    path = write_csv(tmp_path / "p.csv", rows_for(form, 3, seed=9))
    before = snapshot(store)
    if broken == "answer":
        real_rows, calls = iv_store._state_rows, []

        def rows(interview_id, states, now):
            out = real_rows(interview_id, states, now)
            calls.append(interview_id)
            if len(calls) == 2:  # one answer of the second interview
                out[0] = ("f" * 32, *out[0][1:])
            return out

        monkeypatch.setattr(iv_store, "_state_rows", rows)
    else:
        real_insert = paper_store.insert_finalized

        def insert(st, conn, interviews, source, ids=None):
            import dataclasses

            interviews[1].form = dataclasses.replace(interviews[1].form, version="not-installed")
            return real_insert(st, conn, interviews, source, ids)

        monkeypatch.setattr(paper_store, "insert_finalized", insert)
    with Store.open(store, PASSPHRASE) as s:
        with pytest.raises(sqlcipher.IntegrityError, match="FOREIGN KEY constraint failed"):
            paper_store.import_responses(s, FORM_ID, path)
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert InterviewRepo(s).list() == []
    monkeypatch.undo()
    assert snapshot(store) == before
    with Store.open(store, PASSPHRASE) as s:  # the same file imports once nothing breaks it
        assert paper_store.import_responses(s, FORM_ID, path).imported == 3
        assert s.verify() == []


def test_the_proof_of_parents_refuses_what_sqlite_refuses(tmp_path, store):
    """``prove_parents`` says no exactly where SQLite's per-row check would: an interview id
    not in the store (an answer's or a repeat instance's), a form version not installed."""
    from sqlcipher3 import dbapi2 as sqlcipher

    from fieldapp.store.interviews import prove_parents

    with Store.open(store, PASSPHRASE) as s:
        real = InterviewRepo(s).start(FORM_ID)
        installed = {(FORM_ID, real.form.version)}
        with s.reading() as conn:
            prove_parents(conn, installed, {real.id})
            prove_parents(conn, set(), set())
            for forms, ids in ((installed, {real.id, "f" * 32}), ({(FORM_ID, "9999")}, {real.id}),
                               ({("other_form", real.form.version)}, set()), (set(), {"f" * 32})):
                with pytest.raises(sqlcipher.IntegrityError, match="FOREIGN KEY constraint failed"):
                    prove_parents(conn, forms, ids)
