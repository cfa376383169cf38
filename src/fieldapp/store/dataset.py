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

from dataclasses import dataclass

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
    sealed_names = [q.name for q in dataset_fields(form) if q.seal and not _in_repeat(form, q.name)]
    if include_sealed and store.info.role != "coordinator":
        raise UserFacingError("data.sealed_needs_coordinator")
    names = [q.name for q in dataset_fields(form) if (include_sealed or not q.seal)
             and not _in_repeat(form, q.name)]
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
            "WHERE i.form_id = ? AND i.status = 'final' AND a.instance = ''",
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


def _in_repeat(form, name: str) -> bool:
    """True for a question inside a repeat: its answers are rows of that repeat's level
    (``load_level``), not columns of the respondent-level dataset."""
    from fieldapp.forms.model import Group

    cached = form.__dict__.get("_repeat_questions")
    if cached is None:
        cached = frozenset(q.name for g in form.nodes() if isinstance(g, Group) and g.repeat
                           for q in g.walk() if not isinstance(q, Group))
        object.__setattr__(form, "_repeat_questions", cached)
    return name in cached


def _open_sealed(store: Store, form_id: str, interviews, sealed_names, row_of, col_of, values, status,
                 audit_detail: dict | None) -> None:
    """Decrypt the sealed answers of these interviews into the grids (in memory only)."""
    pseudonym = {iid: p for iid, p, *_rest in interviews}
    for iid, _inst, field, value in _sealed_plain(store, form_id, "", sealed_names, pseudonym,
                                                  {"interviews": len(interviews), **(audit_detail or {})}):
        r, c = row_of[iid], col_of[field]
        values[r][c] = value
        status[r][c] = ANSWERED


def _sealed_plain(store: Store, form_id: str, repeat: str, names, pseudonym: dict, audit: dict):
    """(interview id, instance, field, answer) of the sealed answers to ``names`` of the
    finalized interviews in ``pseudonym``, outside repeats (``repeat`` '') or in the
    instances of ``repeat``; decrypted in memory with the coordinator's key, after an audit
    entry (``data.export_sealed``) is written: opening sealed answers leaves a trace even if
    what follows fails."""
    import json

    from fieldapp.crypto import age
    from fieldapp.forms.instances import last_step
    from fieldapp.store.keys import coordinator_keys

    with store.reading() as conn:
        identity = coordinator_keys(conn).enc_identity
        blobs = conn.execute(
            "SELECT s.interview_id, s.instance, s.field, s.sealed FROM sealed_answers s "
            "JOIN interviews i ON i.id = s.interview_id WHERE i.form_id = ? AND i.status = 'final' "
            "AND (s.instance = '') = (? = '')",
            (form_id, repeat),
        ).fetchall()
    with store.transaction() as conn:
        store.audit(conn, SEALED_AUDIT, {"form": form_id, "fields": list(names),
                                         **({"repeat": repeat} if repeat else {}), **audit})
    wanted = set(names)
    out = []
    for iid, inst, field, blob in blobs:
        if field not in wanted or iid not in pseudonym or (repeat and last_step(inst)[0] != repeat):
            continue
        try:
            plain = age.decrypt(bytes(blob), [identity], max_size=1024 * 1024)
        except age.AgeDecryptError:
            # Never name the interview's answer; the pseudonym is safe to show.
            raise UserFacingError("data.sealed_unopenable", field=field, pseudonym=pseudonym[iid]) from None
        out.append((iid, inst, field, json.loads(plain.decode("utf-8"))))
    return out


@dataclass(frozen=True)
class LevelData:
    """One repeat level of a form's finalized interviews: one row per repeat instance.

    ``values`` and ``status`` are indexed by (interview id, instance path) and have a column
    per question of the repeat itself (not of repeats inside it); ``parent`` gives each row's
    parent instance ('' for a top-level repeat: the interview itself), the key the row hangs
    from, as ODK Briefcase's ``PARENT_KEY``; ``pseudonyms`` the interview's pseudonym.
    Sealed questions get a column only when the reader was asked to decrypt them
    (``load_level(include_sealed=True)``, coordinator only, audited).
    """

    form: object
    repeat: str
    values: pd.DataFrame
    status: pd.DataFrame
    parent: pd.Series
    pseudonyms: pd.Series

    def __len__(self) -> int:
        return len(self.values)


def level_questions(form, repeat: str, include_sealed: bool = False) -> list:
    """The stored questions whose answers are rows of ``repeat``'s level, in form order
    (sealed ones only with ``include_sealed``)."""
    from fieldapp.forms.model import Group

    group = next((g for g in form.nodes() if isinstance(g, Group) and g.repeat and g.name == repeat), None)
    if group is None:
        raise UserFacingError("repeat.not_a_repeat", form=form.form_id, repeat=repeat)
    out = []

    def visit(g: Group) -> None:
        for child in g.children:
            if isinstance(child, Group):
                if not child.repeat:
                    visit(child)
            elif child.stored and (include_sealed or not child.seal):
                out.append(child)

    visit(group)
    return out


def load_level(store: Store, form_id: str, repeat: str, include_sealed: bool = False,
               audit_detail: dict | None = None) -> LevelData:
    """Every instance of ``repeat`` in the finalized interviews of ``form_id``, as rows keyed
    by (interview id, instance path), in interview order then instance order (issue #13).

    An instance whose answers are all missing is still a row (``repeat_instances``); an
    interview with no instance has no row. ``include_sealed`` adds the repeat's sealed
    questions, decrypted (coordinator only; audited first, as ``load_dataset``).
    """
    from fieldapp.forms.instances import last_step, parent_instance, sort_key

    form = get_form(store, form_id)
    if include_sealed and store.info.role != "coordinator":
        raise UserFacingError("data.sealed_needs_coordinator")
    names = [q.name for q in level_questions(form, repeat, include_sealed)]
    sealed_names = [q.name for q in level_questions(form, repeat, True) if q.seal] if include_sealed else []
    with store.reading() as conn:
        interviews = conn.execute(
            "SELECT id, pseudonym FROM interviews WHERE form_id = ? AND status = 'final' "
            "ORDER BY started_at, id", (form_id,)).fetchall()
        order = {iid: n for n, (iid, _p) in enumerate(interviews)}
        pseudonym = dict(interviews)
        keys = [(iid, inst) for iid, inst in conn.execute(
            "SELECT r.interview_id, r.instance FROM repeat_instances r JOIN interviews i "
            "ON i.id = r.interview_id WHERE i.form_id = ? AND i.status = 'final'", (form_id,))
            if last_step(inst)[0] == repeat]
        rows = conn.execute(
            "SELECT a.interview_id, a.instance, a.field, "
            "CASE WHEN a.status = 'answered' THEN json_extract(a.value, '$') END, a.status "
            "FROM answers a JOIN interviews i ON i.id = a.interview_id "
            "WHERE i.form_id = ? AND i.status = 'final' AND a.instance != ''", (form_id,)).fetchall()
    keys.sort(key=lambda k: (order[k[0]], sort_key(k[1])))
    row_of = {k: n for n, k in enumerate(keys)}
    col_of = {name: n for n, name in enumerate(names)}
    values = [[None] * len(names) for _ in keys]
    status = [[MISSING] * len(names) for _ in keys]
    for iid, inst, field, value, st in rows:
        r, c = row_of.get((iid, inst)), col_of.get(field)
        if r is None or c is None:
            continue
        if st == ANSWERED and value in (None, ""):
            continue
        if st == ANSWERED:
            values[r][c] = value
        status[r][c] = st
    if sealed_names:
        opened = _sealed_plain(store, form_id, repeat, sealed_names, pseudonym,
                               {"entries": len(keys), **(audit_detail or {})})
        for iid, inst, field, value in opened:
            r = row_of.get((iid, inst))
            if r is not None:
                values[r][col_of[field]] = value
                status[r][col_of[field]] = ANSWERED
    index = pd.MultiIndex.from_tuples(keys, names=["interview_id", "instance"]) if keys else \
        pd.MultiIndex.from_arrays([[], []], names=["interview_id", "instance"])
    return LevelData(
        form=form, repeat=repeat,
        values=pd.DataFrame(values, index=index, columns=names, dtype=object),
        status=pd.DataFrame(status, index=index, columns=names, dtype=object),
        parent=pd.Series([parent_instance(i) for _iid, i in keys], index=index, name="parent", dtype=object),
        pseudonyms=pd.Series([pseudonym[iid] for iid, _i in keys], index=index, name="pseudonym",
                             dtype=object),
    )
