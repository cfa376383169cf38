"""Issue 5 and 6 acceptance, end to end through the command line a coordinator uses."""

from __future__ import annotations

import csv
import json
import random

from fieldapp.analysis.dataset import Dataset
from fieldapp.cli import main
from fieldapp.engine.simulate import paper_row, simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from fieldapp.store import Store
from fieldapp.store.db import now_utc
from fieldapp.store.forms import add_form
from tests.core.analysis_fixtures import FORM, escapee_records
from tests.core.storetools import PASSPHRASE, snapshot
from tests.core.test_exchange_support import key_words, words_of

REF = str(reference_questionnaire())


def _csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _tables(store, out, *extra):
    # --include-admin: consent (which gates the interview) is left out by default (issue 14)
    assert main(["tables", str(store), "--form", "escapee_survey_2017", "--format", "csv",
                 "--out", str(out), "--include-admin", *extra]) == 0
    return out.read_bytes()


def test_two_laptops_120_and_80_give_the_tables_of_all_200_imported_directly(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(2017)
    rows = [dict(paper_row(simulate(form, rng, fixed={"consent": "yes"})), instanceID=f"uuid:{i:04d}")
            for i in range(200)]
    for name, role in (("coord", "coordinator"), ("direct", "coordinator"), ("a", "interviewer"),
                       ("b", "interviewer")):
        assert main(["init", str(tmp_path / name), "--role", role]) == 0
        assert main(["form", "add", str(tmp_path / name), REF]) == 0
    assert main(["key", "export", str(tmp_path / "coord"), str(tmp_path / "project.key")]) == 0
    for name, part in (("a", rows[:120]), ("b", rows[120:])):
        assert main(["responses", "import", str(tmp_path / name), "--form", "escapee_survey_2017",
                     str(_csv(tmp_path / f"{name}.csv", part))]) == 0
        (tmp_path / f"usb-{name}").mkdir()
        assert main(["export", str(tmp_path / name), "--to", str(tmp_path / "project.key"),
                     "--out", str(tmp_path / f"usb-{name}"),
                     "--words", key_words((tmp_path / "project.key").read_bytes())]) == 0
    trust = [arg for name in ("a", "b") for arg in ("--trust-device", words_of(tmp_path / name))]
    assert main(["responses", "import", str(tmp_path / "direct"), "--form", "escapee_survey_2017",
                 str(_csv(tmp_path / "all.csv", rows))]) == 0
    bundles = sorted(tmp_path.glob("usb-*/*.fab"))
    assert len(bundles) == 2

    # damaged copies first: each refused with one sentence, the store byte-identical
    flipped, cut = tmp_path / "flipped.fab", tmp_path / "cut.fab"
    data = bundles[0].read_bytes()
    flipped.write_bytes(data[:500] + bytes([data[500] ^ 1]) + data[501:])
    cut.write_bytes(data[:-100])
    with Store.open(tmp_path / "coord", PASSPHRASE):
        pass
    before = snapshot(tmp_path / "coord")
    for bad in (flipped, cut):
        capsys.readouterr()
        assert main(["import", str(tmp_path / "coord"), str(bad), *trust]) == 1
        err = [ln for ln in capsys.readouterr().err.splitlines() if not ln.startswith("import:")]
        assert len(err) == 1 and "refused" in err[0] and "nothing was imported" in err[0]
        assert snapshot(tmp_path / "coord") == before

    assert main(["import", str(tmp_path / "coord"), *map(str, bundles), *trust]) == 0
    merged = _tables(tmp_path / "coord", tmp_path / "merged.csv")
    direct = _tables(tmp_path / "direct", tmp_path / "direct.csv")
    assert merged == direct
    assert b"consent,yes,Yes,200,100.0,200" in merged
    by = _tables(tmp_path / "coord", tmp_path / "by.csv", "--by", "left_2014_or_later")
    assert by == _tables(tmp_path / "direct", tmp_path / "by2.csv", "--by", "left_2014_or_later")

    # importing one again changes nothing
    with Store.open(tmp_path / "coord", PASSPHRASE):
        pass
    again = snapshot(tmp_path / "coord")
    assert main(["import", str(tmp_path / "coord"), str(bundles[0])]) == 0
    assert snapshot(tmp_path / "coord") == again
    assert _tables(tmp_path / "coord", tmp_path / "again.csv") == merged


def _store_with_published_dataset(path):
    """The 200-respondent dataset built so the report's published figures come out exactly."""
    ds = Dataset.from_records(FORM, escapee_records())
    with Store.create(path, PASSPHRASE, "coordinator") as store:
        add_form(store, FORM)
        now = now_utc()
        with store.transaction() as conn:
            for iid in ds.values.index:
                conn.execute(
                    "INSERT INTO interviews(id, form_id, form_version, pseudonym, status, started_at, updated_at, "
                    "finalized_at, source) VALUES (?,?,?,?,?,?,?,?,'paper')",
                    (iid, FORM.form_id, FORM.version, ds.pseudonyms[iid], "final", now, now, now))
                conn.executemany(
                    "INSERT INTO answers(interview_id, field, value, status, updated_at) VALUES (?,?,?,?,?)",
                    [(iid, f, None if ds.values.at[iid, f] is None else json.dumps(ds.values.at[iid, f]),
                      ds.status.at[iid, f], now) for f in ds.values.columns])


def _rows(path):
    with path.open(encoding="utf-8-sig") as fh:
        return {(r["question"], r["option"], r.get("group", "")): r for r in csv.DictReader(fh)}


def test_published_figures_come_out_of_fieldapp_tables_csv(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "store"
    _store_with_published_dataset(store)
    out = tmp_path / "tables.csv"
    assert main(["tables", str(store), "--form", FORM.form_id, "--format", "csv", "--out", str(out)]) == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    # the contract's columns first, unchanged; new ones only after them
    assert header.startswith("question,option,label,count,percent,base,ci_low,")
    r = _rows(out)
    # "34% increased vs 28% decreased"
    assert (r[("info_access", "increased", "")]["percent"], r[("info_access", "decreased", "")]["percent"]) == (
        "34.0", "28.0")
    assert r[("info_access", "dk", "")]["base"] == "200"  # "I don't know" inside the base
    # a select-all question keeps its zero row ("no respondent chose internet")
    assert (r[("info_forms", "internet", "")]["count"], r[("info_forms", "internet", "")]["percent"]) == ("0", "0.0")
    # a conditional question's base is only those it applied to
    assert r[("hr_context", "friend", "")]["base"] == "146"
    assert r[("hr_context", "_not_applicable", "")]["count"] == "50"
    assert r[("hr_context", "_not_applicable", "")]["percent"] == ""

    by = tmp_path / "by.csv"
    assert main(["tables", str(store), "--form", FORM.form_id, "--by", "left_2014", "--format", "csv",
                 "--out", str(by)]) == 0
    assert by.read_text(encoding="utf-8-sig").splitlines()[0].startswith(
        "question,option,label,count,percent,base,by,group,ci_low,")
    b = _rows(by)
    # "those who left in 2014 or later were more likely to have heard the term"
    assert b[("hr_knowledge", "never", "yes")]["percent"] == "16.7"
    assert b[("hr_knowledge", "never", "no")]["percent"] == "37.5"
    assert b[("hr_knowledge", "never", "yes")]["base"] == "120"
