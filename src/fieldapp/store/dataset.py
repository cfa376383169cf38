"""Read one form's finalized interviews out of the store as an analysis ``Dataset``.

SQLite decodes the JSON values (``json_extract``) while reading, and the rows are placed
straight into two preallocated grids (values, statuses): no per-value ``json.loads`` and no
per-record dictionaries. It gives exactly what ``Dataset.from_records`` would
(tests/core/test_store_dataset.py checks both ways agree).

Sealed questions (docs/sealed-fields.md) get no column unless ``include_sealed`` is given:
then, on the coordinator's store only, their ciphertext is decrypted in memory with C_enc
and the reading is recorded in the audit chain before any value is returned.
"""

from __future__ import annotations

import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, MISSING, Dataset, dataset_fields
from fieldapp.errors import UserFacingError
from fieldapp.store.db import Store
from fieldapp.store.forms import get_form

SEALED_AUDIT = "data.export_sealed"


def load_dataset(store: Store, form_id: str, include_sealed: bool = False,
                 audit_detail: dict | None = None) -> Dataset:
    """Every finalized interview of ``form_id`` (all versions, read with the newest definition).

    ``include_sealed`` adds the sealed questions' columns, decrypted (coordinator only), and
    appends a ``data.export_sealed`` audit entry (with ``audit_detail``) first.
    """
    form = get_form(store, form_id)
    sealed_names = [q.name for q in dataset_fields(form) if q.seal]
    if include_sealed and store.info.role != "coordinator":
        raise UserFacingError("data.sealed_needs_coordinator")
    names = [q.name for q in dataset_fields(form) if include_sealed or not q.seal]
    with store.reading() as conn:
        interviews = conn.execute(
            "SELECT id, pseudonym, started_at FROM interviews WHERE form_id = ? AND status = 'final' "
            "ORDER BY started_at, id",
            (form_id,),
        ).fetchall()
        if not interviews:
            raise UserFacingError("data.no_interviews", form=form_id)
        rows = conn.execute(
            "SELECT a.interview_id, a.field, "
            "CASE WHEN a.status = 'answered' THEN json_extract(a.value, '$') END, a.status "
            "FROM answers a JOIN interviews i ON i.id = a.interview_id "
            "WHERE i.form_id = ? AND i.status = 'final'",
            (form_id,),
        ).fetchall()
    row_of = {iid: n for n, (iid, *_rest) in enumerate(interviews)}
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
    if include_sealed and sealed_names:
        _open_sealed(store, form_id, interviews, sealed_names, row_of, col_of, values, status, audit_detail)
    index = pd.Index([iid for iid, *_rest in interviews], name="interview_id", dtype=object)
    return Dataset(
        form=form,
        values=pd.DataFrame(values, index=index, columns=names, dtype=object),
        status=pd.DataFrame(status, index=index, columns=names, dtype=object),
        pseudonyms=pd.Series([p for _, p, _s in interviews], index=index, name="pseudonym", dtype=object),
        dates=pd.Series([str(s or "")[:10] for _, _p, s in interviews], index=index, name="date", dtype=object),
    )


def _open_sealed(store: Store, form_id: str, interviews, sealed_names, row_of, col_of, values, status,
                 audit_detail: dict | None) -> None:
    """Decrypt the sealed answers of these interviews into the grids (in memory only)."""
    import json

    from fieldapp.crypto import age
    from fieldapp.store.keys import coordinator_keys

    with store.reading() as conn:
        identity = coordinator_keys(conn).enc_identity
        blobs = conn.execute(
            "SELECT s.interview_id, s.field, s.sealed FROM sealed_answers s "
            "JOIN interviews i ON i.id = s.interview_id WHERE i.form_id = ? AND i.status = 'final'",
            (form_id,),
        ).fetchall()
    # Logged before anything is decrypted: opening sealed answers must leave a trace even if
    # what follows fails.
    with store.transaction() as conn:
        store.audit(conn, SEALED_AUDIT, {"form": form_id, "fields": sealed_names,
                                         "interviews": len(interviews), **(audit_detail or {})})
    wanted = set(sealed_names)
    for iid, field, blob in blobs:
        if field not in wanted or iid not in row_of:
            continue
        try:
            plain = age.decrypt(bytes(blob), [identity], max_size=1024 * 1024)
        except age.AgeDecryptError:
            # Never name the interview's answer; the pseudonym is safe to show.
            pseudonym = interviews[row_of[iid]][1]
            raise UserFacingError("data.sealed_unopenable", field=field, pseudonym=pseudonym) from None
        r, c = row_of[iid], col_of[field]
        values[r][c] = json.loads(plain.decode("utf-8"))
        status[r][c] = ANSWERED
