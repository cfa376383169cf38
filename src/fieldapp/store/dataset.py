"""Read one form's finalized interviews out of the store as an analysis ``Dataset``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fieldapp.analysis.dataset import Dataset
from fieldapp.errors import UserFacingError
from fieldapp.store.db import Store
from fieldapp.store.forms import get_form


def load_dataset(store: Store, form_id: str) -> Dataset:
    """Every finalized interview of ``form_id`` (all versions, read with the newest definition)."""
    form = get_form(store, form_id)
    with store.reading() as conn:
        interviews = conn.execute(
            "SELECT id, pseudonym FROM interviews WHERE form_id = ? AND status = 'final' ORDER BY started_at, id",
            (form_id,),
        ).fetchall()
        if not interviews:
            raise UserFacingError(f"There are no finalized interviews of form {form_id} in this store yet.")
        answers: dict[str, tuple[dict, dict]] = {iid: ({}, {}) for iid, _ in interviews}
        for iid, field, value, status in conn.execute(
            "SELECT a.interview_id, a.field, a.value, a.status FROM answers a "
            "JOIN interviews i ON i.id = a.interview_id WHERE i.form_id = ? AND i.status = 'final'",
            (form_id,),
        ):
            vals, sts = answers[iid]
            if value is not None:
                vals[field] = json.loads(value)
            sts[field] = status

    def records() -> Iterator:
        for iid, pseudonym in interviews:
            vals, sts = answers[iid]
            yield iid, pseudonym, vals, sts

    return Dataset.from_records(form, records())
