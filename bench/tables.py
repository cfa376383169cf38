"""All summary tables for 20,000 respondents (and 100,000), against pandas value_counts.

Budget (ARCHITECTURE s.9): within 3x of pandas reading the same answers from a CSV and
running value_counts on every tabulated question, in the same run. Two fieldapp timings:
``tables_only`` (the analysis on a loaded Dataset) and ``from_store`` (reading the
encrypted coordinator store as well, which is what `fieldapp tables` does).

The disclosure audit (issue 14): every table of the reference survey cross-tabbed by
province, protected together (``--suppress``), for 20,000 respondents: under 10 s, and
within 3x of the same tables made without the audit in the same run.

``survey_audit`` (decision 0026): the reference survey's own size (110 respondents, many
small cells) by province, protected twice in the same run: time against the same tables
without the audit, what is hidden, and whether the two patterns are identical.
"""

from __future__ import annotations

import copy
import os
import random
import secrets
import tempfile
import time
from pathlib import Path

import pandas as pd

from bench.common import budget

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"
SIZES = [int(x) for x in os.environ.get("FIELDAPP_BENCH_TABLE_SIZES", "20000,100000").split(",")]


def _dataset(n: int, folder: Path, form, template):
    """``n`` interviews (the template's, in turn) in a new coordinator store, read back; and
    the seconds the read took."""
    from fieldapp.engine.pseudonym import new_pseudonym
    from fieldapp.store import Store
    from fieldapp.store.dataset import load_dataset
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import insert_finalized

    interviews = []
    for i in range(n):
        iv = copy.copy(template[i % len(template)])
        iv.id, iv.pseudonym = secrets.token_hex(16), new_pseudonym()
        interviews.append(iv)
    with Store.create(folder / f"store{n}", PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        with store.transaction() as conn:
            insert_finalized(store, conn, interviews, "paper")
        t = time.perf_counter()
        ds = load_dataset(store, form.form_id)
        return ds, time.perf_counter() - t


def _run(n: int, folder: Path, form, template) -> dict:
    from fieldapp.analysis.tables import all_tables, tabulable

    ds, t_load = _dataset(n, folder, form, template)
    t = time.perf_counter()
    tables = all_tables(ds)
    t_tables = time.perf_counter() - t
    names = [q.name for q in ds.fields if tabulable(q)]
    csv = folder / f"answers{n}.csv"
    ds.values.to_csv(csv)
    t = time.perf_counter()
    df = pd.read_csv(csv, dtype=str)
    for name in names:
        col = df[name]
        if name in {q.name for q in ds.fields if q.type == "select_multiple"}:
            col.str.split().explode().value_counts()
        else:
            col.value_counts(dropna=False)
    t_pandas = time.perf_counter() - t
    r_tables, r_store = t_tables / t_pandas, (t_load + t_tables) / t_pandas
    out = {"respondents": n, "tables": len(tables), "tables_only_seconds": round(t_tables, 3),
           "store_read_seconds": round(t_load, 3), "pandas_csv_value_counts_seconds": round(t_pandas, 3),
           "ratio_tables_only": round(r_tables, 2), "ratio_from_store": round(r_store, 2),
           "budget": budget(f"tables for {n} (from store) vs pandas", r_store, 3.0)}
    if n == AUDIT_SIZE:
        out["audit"] = _audit(ds)
    return out


AUDIT_SIZE = 20_000


def _audit(ds) -> dict:
    """All tables by province with and without the suppression audit, same data, same run."""
    import scipy.optimize  # noqa: F401 - imported once, outside the timing

    from fieldapp.analysis.export import TableRequest, make_tables

    t = time.perf_counter()
    plain, _ = make_tables(ds, TableRequest(by="province"))
    t_plain = time.perf_counter() - t
    t = time.perf_counter()
    protected, audit = make_tables(ds, TableRequest(by="province", suppress=True))
    t_audit = time.perf_counter() - t
    return {"tables": len(protected), "without_audit_seconds": round(t_plain, 3),
            "with_audit_seconds": round(t_audit, 3), "ratio": round(t_audit / t_plain, 2),
            "primary": audit.primary, "hidden": audit.hidden, "solves": audit.solves,
            "complete": audit.complete,
            "budgets": [budget("audit seconds (20,000 by province)", t_audit, 10.0),
                        budget("audit vs no audit", t_audit / t_plain, 3.0)]}


SURVEY_SIZE = 110  # the reference survey's own size (100+ escapees): many small cells


def _audit_survey(folder: Path, form, template) -> dict:
    """The reference survey's size by province, protected twice (decision 0026): how long,
    how much is hidden, and whether the two patterns are the same (they must be)."""
    from fieldapp.analysis.export import TableRequest, make_tables
    from fieldapp.exports.tables import tables_csv

    (folder / "survey").mkdir()
    ds, _ = _dataset(SURVEY_SIZE, folder / "survey", form, template)
    t = time.perf_counter()
    make_tables(ds, TableRequest(by="province"))
    t_plain = time.perf_counter() - t
    runs = []
    for _ in range(2):
        t = time.perf_counter()
        tables, audit = make_tables(ds, TableRequest(by="province", suppress=True))
        runs.append((time.perf_counter() - t, audit, tables_csv(tables)))
    (t1, audit, csv1), (t2, _a, csv2) = runs
    return {"respondents": SURVEY_SIZE, "tables": len(tables), "without_audit_seconds": round(t_plain, 3),
            "with_audit_seconds": [round(t1, 3), round(t2, 3)], "ratio": round(min(t1, t2) / t_plain, 2),
            "primary": audit.primary, "hidden": audit.hidden, "secondary": audit.secondary,
            "solves": audit.solves, "complete": audit.complete, "same_pattern": csv1 == csv2,
            "budgets": [budget("patterns differing between the two runs", 0.0 if csv1 == csv2 else 1.0, 0.0)]}


def main() -> dict:
    from fieldapp.engine.simulate import simulate
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire

    os.environ.setdefault("FIELDAPP_INSECURE_FAST_KDF", "1")
    form = read_xlsform(reference_questionnaire())
    rng = random.Random(2017)
    template = [simulate(form, rng, fixed={"consent": "yes"}) for _ in range(500)]
    with tempfile.TemporaryDirectory() as tmp:
        runs = [_run(n, Path(tmp), form, template) for n in SIZES]
        survey = _audit_survey(Path(tmp), form, template)
    return {"benchmark": "tables", "runs": runs, "survey_audit": survey}


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
