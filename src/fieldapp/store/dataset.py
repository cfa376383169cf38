"""Read one form's finalized interviews out of the store as an analysis ``Dataset``.

SQLite decodes the JSON values (``json_extract``) while reading, and the rows are placed
straight into two preallocated grids (values, statuses): no per-value ``json.loads`` and no
per-record dictionaries. It gives exactly what ``Dataset.from_records`` would
(tests/core/test_store_dataset.py checks both ways agree).
"""

from __future__ import annotations

import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, MISSING, Dataset, dataset_fields
from fieldapp.errors import UserFacingError
from fieldapp.store.db import Store
from fieldapp.store.forms import get_form


def load_dataset(store: Store, form_id: str) -> Dataset:
    """Every finalized interview of ``form_id`` (all versions, read with the newest definition)."""
    form = get_form(store, form_id)
    names = [q.name for q in dataset_fields(form)]
    with store.reading() as conn:
        interviews = conn.execute(
            "SELECT id, pseudonym FROM interviews WHERE form_id = ? AND status = 'final' ORDER BY started_at, id",
            (form_id,),
        ).fetchall()
        if not interviews:
            raise UserFacingError(f"There are no finalized interviews of form {form_id} in this store yet.")
        rows = conn.execute(
            "SELECT a.interview_id, a.field, "
            "CASE WHEN a.status = 'answered' THEN json_extract(a.value, '$') END, a.status "
            "FROM answers a JOIN interviews i ON i.id = a.interview_id "
            "WHERE i.form_id = ? AND i.status = 'final'",
            (form_id,),
        ).fetchall()
    row_of = {iid: n for n, (iid, _) in enumerate(interviews)}
    col_of = {name: n for n, name in enumerate(names)}
    values = [[None] * len(names) for _ in interviews]
    status = [[MISSING] * len(names) for _ in interviews]
    for iid, field, value, st in rows:
        c = col_of.get(field)
        if c is None:
            continue  # a field of an older form version that the newest one dropped
        r = row_of[iid]
        if st == ANSWERED:
            if value is None or value == "":
                continue  # "answered" with nothing stored counts as missing (as from_records does)
            values[r][c] = value
        status[r][c] = st
    index = pd.Index([iid for iid, _ in interviews], name="interview_id", dtype=object)
    return Dataset(
        form=form,
        values=pd.DataFrame(values, index=index, columns=names, dtype=object),
        status=pd.DataFrame(status, index=index, columns=names, dtype=object),
        pseudonyms=pd.Series([p for _, p in interviews], index=index, name="pseudonym", dtype=object),
    )
