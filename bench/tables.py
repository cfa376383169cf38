"""All summary tables for 20,000 respondents (and 100,000), against pandas value_counts.

Budget (ARCHITECTURE s.9): within 3x of pandas reading the same answers from a CSV and
running value_counts on every tabulated question, in the same run. Two fieldapp timings:
``tables_only`` (the analysis on a loaded Dataset) and ``from_store`` (reading the
encrypted coordinator store as well, which is what `fieldapp tables` does).
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


def _run(n: int, folder: Path, form, template) -> dict:
    from fieldapp.analysis.tables import all_tables, tabulable
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
        t_load = time.perf_counter() - t
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
    return {"respondents": n, "tables": len(tables), "tables_only_seconds": round(t_tables, 3),
            "store_read_seconds": round(t_load, 3), "pandas_csv_value_counts_seconds": round(t_pandas, 3),
            "ratio_tables_only": round(r_tables, 2), "ratio_from_store": round(r_store, 2),
            "budget": budget(f"tables for {n} (from store) vs pandas", r_store, 3.0)}


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
    return {"benchmark": "tables", "runs": runs}


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
