"""Interviews and their answers in the store; persistence sink of ``engine.Interview``.

Every engine change (one answer plus whatever it recomputed) is written in one transaction,
so a crash or a flat battery loses at most the keystroke being typed.

Sealed answers (docs/sealed-fields.md) are written as ciphertext to ``sealed_answers`` in
the same transaction as their ``answers`` row, which says only 'answered' with a NULL value.

Answers inside repeat instances (issue #13) are rows with the instance path in ``instance``
and the question's key in ``field``; the engine's field key (``members[2]/age``) is the two
joined (``fieldapp.forms.instances``). ``repeat_instances`` lists an interview's instances.
"""

from __future__ import annotations

import builtins
import functools
import itertools
import json
import operator
from dataclasses import dataclass
from typing import Any

from fieldapp.engine.interview import FieldState, Interview, Sealer
from fieldapp.errors import UserFacingError
from fieldapp.forms.instances import field_key, split_key
from fieldapp.store.db import Store, now_utc
from fieldapp.store.forms import get_form


@dataclass(frozen=True)
class InterviewRow:
    id: str
    form_id: str
    form_version: str
    pseudonym: str
    status: str
    language: str
    position: str
    source: str
    started_at: str
    updated_at: str
    finalized_at: str | None
    answered: int
    #: The laptop an interview came from (coordinator: merged bundles); '' when made here.
    device_id: str = ""


#: ``json.dumps(value, ensure_ascii=False)``, without building an encoder for every value
#: (the same text: the same encoder settings).
_encode = json.JSONEncoder(ensure_ascii=False).encode
_encode_str = json.encoder.encode_basestring


def _dump(value: Any) -> str | None:
    return None if value is None else _encode(value)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def sealer_for(conn, role: str) -> Sealer | None:
    """Encryption to the coordinator's age recipients, or None when this laptop is not enrolled.

    A field device seals to the project key it pinned; a coordinator store to its own keys.
    The same two recipients as bundles (working key and escrow), so a lost C_enc does not
    lose sealed answers either.
    """
    from fieldapp.crypto import age
    from fieldapp.store import keys

    if role == "coordinator":
        recipients = list(keys.coordinator_keys(conn).recipients)
    else:
        pinned = keys.pinned_recipients(conn)
        if pinned is None:
            return None
        recipients = pinned

    def seal(plaintext: bytes) -> bytes:
        return age.encrypt(plaintext, recipients)

    return seal


def _save_sealed(conn, interview: Interview, names) -> None:
    """Mirror ``interview.sealed`` for ``names`` into sealed_answers (row present iff sealed)."""
    for name in names:
        if not interview.is_sealed_field(name):
            continue
        instance, field = split_key(name)
        blob = interview.sealed.get(name) if interview.is_relevant(name) else None
        if blob is None:
            conn.execute("DELETE FROM sealed_answers WHERE interview_id = ? AND instance = ? AND field = ?",
                         (interview.id, instance, field))
        else:
            conn.execute("INSERT INTO sealed_answers(interview_id, instance, field, sealed) VALUES (?,?,?,?) "
                         "ON CONFLICT(interview_id, instance, field) DO UPDATE SET sealed = excluded.sealed",
                         (interview.id, instance, field, blob))


def _rows(interview_id: str, states, now: str) -> list[tuple]:
    """answers rows (interview, instance, field, value JSON, status, updated) of field states."""
    return _state_rows(interview_id, ((key, (st.value, st.status)) for key, st in states), now)


def _state_rows(interview_id: str, states, now: str) -> list[tuple]:
    """``_rows`` of (field key, (value, status)) pairs (``Interview._states``)."""
    out = []
    for key, (value, status) in states:
        instance, field = _split(key)
        kind = type(value)
        if value is None:
            text = None
        elif kind is str:
            text = _encode_str(value)  # what the JSON encoder calls for a str
        elif kind is int:
            text = int.__repr__(value)  # what the JSON encoder writes for an int (not a bool)
        else:
            text = _encode(value)
        out.append((interview_id, instance, field, text, status, now))
    return out


#: ``split_key`` remembered: a bulk insert splits the same few hundred field keys again and again.
_split = functools.lru_cache(maxsize=1 << 16)(split_key)


def _save_instances(conn, interview_id: str, added: list[str], removed: list[str]) -> None:
    if removed:
        conn.executemany("DELETE FROM repeat_instances WHERE interview_id = ? AND instance = ?",
                         [(interview_id, i) for i in removed])
    if added:
        conn.executemany("INSERT OR IGNORE INTO repeat_instances(interview_id, instance) VALUES (?,?)",
                         [(interview_id, i) for i in added])


_UPSERT = ("INSERT INTO answers(interview_id, instance, field, value, status, updated_at) VALUES (?,?,?,?,?,?) "
           "ON CONFLICT(interview_id, instance, field) DO UPDATE SET value = excluded.value, "
           "status = excluded.status, updated_at = excluded.updated_at")
_INSERT = "INSERT INTO answers(interview_id, instance, field, value, status, updated_at) VALUES (?,?,?,?,?,?)"


class InterviewRepo:
    """The ``Sink`` for interviews of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- engine sink ------------------------------------------------------------------------
    def create(self, interview: Interview, source: str = "interview") -> None:
        now = now_utc()
        with self.store.transaction() as conn:
            self._insert(conn, interview, source, now)
            self.store.audit_work(conn, "interview.start", {"interview": interview.id,
                                                            "form": interview.form.form_id})

    def _insert(self, conn, interview: Interview, source: str, now: str) -> None:
        from fieldapp.engine.pseudonym import new_pseudonym

        for _ in range(20):  # regenerate on a local clash
            clash = conn.execute("SELECT 1 FROM interviews WHERE pseudonym = ?",
                                 (interview.pseudonym,)).fetchone()
            if not clash:
                break
            interview.pseudonym = new_pseudonym()
        conn.execute(
            "INSERT INTO interviews(id, form_id, form_version, pseudonym, status, language, position, "
            "revision, device_id, source, started_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (interview.id, interview.form.form_id, interview.form.version, interview.pseudonym,
             interview.status, interview.language, interview.position, interview.revision,
             self.store.info.device_id, source, now, now),
        )
        conn.executemany(_INSERT, _rows(interview.id, interview.field_states().items(), now))
        _save_sealed(conn, interview, interview.sealed)
        _save_instances(conn, interview.id, interview.instances(), [])

    def save_changes(self, interview: Interview, changes: dict[str, FieldState | None],
                     instances: tuple[list[str], list[str]] | None = None) -> None:
        """One change of the interview, in one transaction (autosave): its fields' new states,
        fields gone with a removed repeat instance (None), instances added and removed."""
        now = now_utc()
        kept = [(k, st) for k, st in changes.items() if st is not None]
        gone = [split_key(k) for k, st in changes.items() if st is None]
        with self.store.transaction() as conn:
            conn.executemany(_UPSERT, _rows(interview.id, kept, now))
            if gone:
                conn.executemany("DELETE FROM answers WHERE interview_id = ? AND instance = ? AND field = ?",
                                 [(interview.id, i, f) for i, f in gone])
                conn.executemany("DELETE FROM sealed_answers WHERE interview_id = ? AND instance = ? "
                                 "AND field = ?", [(interview.id, i, f) for i, f in gone])
                conn.executemany("DELETE FROM media WHERE interview_id = ? AND instance = ? AND field = ?",
                                 [(interview.id, i, f) for i, f in gone])
            _save_sealed(conn, interview, [k for k, _st in kept])
            if instances is not None:
                _save_instances(conn, interview.id, *instances)
            conn.execute(
                "UPDATE interviews SET position = ?, language = ?, updated_at = ? WHERE id = ? AND status = 'draft'",
                (interview.position, interview.language, now, interview.id),
            )

    def save_position(self, interview: Interview) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE interviews SET position = ?, language = ?, updated_at = ? WHERE id = ?",
                (interview.position, interview.language, now_utc(), interview.id),
            )

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, form_id: str, version: str | None = None, language: str | None = None) -> Interview:
        form = get_form(self.store, form_id, version)
        # Refused before anything is written: a form with sealed questions needs the
        # coordinator's recipients (Interview.start says "enrol ... first").
        interview = Interview.start(form, language=language, sealer=self._sealer())
        self.create(interview)
        interview.sink = self
        return interview

    def _sealer(self) -> Sealer | None:
        with self.store.reading() as conn:
            return sealer_for(conn, self.store.info.role)

    def resume(self, interview_id: str) -> Interview:
        with self.store.reading() as conn:
            row = conn.execute(
                "SELECT form_id, form_version, pseudonym, language, position, status, revision "
                "FROM interviews WHERE id = ?", (interview_id,),
            ).fetchone()
            if row is None:
                raise UserFacingError("interview.not_found")
            values = {
                field_key(i, f): _load(v) for i, f, v in conn.execute(
                    "SELECT instance, field, value FROM answers WHERE interview_id = ? AND status = 'answered'",
                    (interview_id,))
            }
            # Ciphertext only: the laptop holds no key that opens it.
            sealed = {field_key(i, f): bytes(b) for i, f, b in conn.execute(
                "SELECT instance, field, sealed FROM sealed_answers WHERE interview_id = ?", (interview_id,))}
            instances = [r[0] for r in conn.execute(
                "SELECT instance FROM repeat_instances WHERE interview_id = ?", (interview_id,))]
        form_id, version, pseudonym, language, position, status, revision = row
        if status == "exported":
            raise UserFacingError("interview.exported")
        form = get_form(self.store, form_id, version)
        sealer = self._sealer() if status == "draft" and any(q.seal for q in form.questions()) else None
        return Interview.restore(form, interview_id, pseudonym, language, values, position,
                                 status=status, revision=revision, sink=self, sealed=sealed, sealer=sealer,
                                 instances=instances)

    def finalize(self, interview: Interview) -> None:
        issues = interview.all_issues()
        if issues:
            raise UserFacingError("interview.incomplete", count=len(issues))
        now = now_utc()
        with self.store.transaction() as conn:
            # the whole record as the engine holds it now (an autosave that failed half-way
            # cannot leave a stale row behind); non-relevant repeat instances are not kept
            instances, states, sealed = interview.record_parts()
            conn.execute("DELETE FROM answers WHERE interview_id = ?", (interview.id,))
            conn.executemany(_INSERT, _rows(interview.id, states.items(), now))
            conn.execute("DELETE FROM sealed_answers WHERE interview_id = ?", (interview.id,))
            conn.executemany("INSERT INTO sealed_answers(interview_id, instance, field, sealed) VALUES (?,?,?,?)",
                             [(interview.id, *split_key(k), b) for k, b in sorted(sealed.items())])
            conn.execute("DELETE FROM repeat_instances WHERE interview_id = ?", (interview.id,))
            _save_instances(conn, interview.id, instances, [])
            conn.execute(
                "UPDATE interviews SET status = 'final', position = 'review', finalized_at = ?, updated_at = ? "
                "WHERE id = ? AND status = 'draft'",
                (now, now, interview.id),
            )
            self.store.audit_work(conn, "interview.finalize", {"interview": interview.id})
        interview.status = "final"

    def delete_draft(self, interview_id: str) -> None:
        with self.store.transaction() as conn:
            status = conn.execute("SELECT status FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if status is None:
                raise UserFacingError("interview.not_found")
            if status[0] != "draft":
                raise UserFacingError("interview.not_draft")
            conn.execute("DELETE FROM answers WHERE interview_id = ?", (interview_id,))
            conn.execute("DELETE FROM sealed_answers WHERE interview_id = ?", (interview_id,))
            conn.execute("DELETE FROM repeat_instances WHERE interview_id = ?", (interview_id,))
            conn.execute("DELETE FROM media WHERE interview_id = ?", (interview_id,))  # chunks cascade
            conn.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
            self.store.audit_work(conn, "interview.delete_draft", {"interview": interview_id})

    # -- queries ----------------------------------------------------------------------------
    def list(self, form_id: str | None = None, status: str | None = None) -> list[InterviewRow]:
        sql = (
            "SELECT i.id, i.form_id, i.form_version, i.pseudonym, i.status, i.language, i.position, "
            "i.source, i.started_at, i.updated_at, i.finalized_at, "
            "(SELECT count(*) FROM answers a WHERE a.interview_id = i.id AND a.status = 'answered'), "
            "i.device_id FROM interviews i WHERE 1=1"
        )
        params: list[Any] = []
        if form_id:
            sql += " AND i.form_id = ?"
            params.append(form_id)
        if status:
            sql += " AND i.status = ?"
            params.append(status)
        sql += " ORDER BY i.updated_at DESC"
        with self.store.reading() as conn:
            return [InterviewRow(*r) for r in conn.execute(sql, params)]

    def answers(self, interview_id: str) -> dict[str, FieldState]:
        """field key (``age``, ``members[2]/age``) -> value and status, as stored."""
        with self.store.reading() as conn:
            return {
                field_key(i, f): FieldState(_load(v), s)
                for i, f, v, s in conn.execute(
                    "SELECT instance, field, value, status FROM answers WHERE interview_id = ?", (interview_id,))
            }

    def instances(self, interview_id: str) -> builtins.list[str]:
        """The repeat instance paths an interview has, in form order."""
        from fieldapp.forms.instances import sort_key

        with self.store.reading() as conn:
            return sorted((r[0] for r in conn.execute(
                "SELECT instance FROM repeat_instances WHERE interview_id = ?", (interview_id,))), key=sort_key)


def insert_finalized(store: Store, conn, interviews: list[Interview], source: str,
                     ids: list[str | None] | None = None) -> int:
    """Insert finalized interviews in the caller's transaction; returns how many were new.

    ``ids`` (e.g. a paper file's instanceID column) make the insert idempotent: an interview
    whose id is already in the store is skipped. Answers to sealed questions (a paper file
    holds them in plain) are sealed here, before anything is written.

    On a connection whose foreign keys are off (a paper import, decision 0023) the same rule
    is proven once for everything written here, by ``prove_parents``, instead of once per row.
    """
    from fieldapp.engine.pseudonym import new_pseudonym

    if any(interview.structure.sealed for interview in interviews):
        sealer = sealer_for(conn, store.info.role)
        for interview in interviews:
            interview.sealer = sealer
            interview.seal_values()
    now = now_utc()
    taken = {r[0] for r in conn.execute("SELECT pseudonym FROM interviews")}
    existing = {r[0] for r in conn.execute("SELECT id FROM interviews")} if ids else set()
    iv_rows: list[tuple[Any, ...]] = []
    answer_rows: list[tuple[str, list[tuple]]] = []  # (interview id, its rows)
    sealed_rows: list[tuple[str, str, str, bytes]] = []
    instance_rows: list[tuple[str, str]] = []
    for n, interview in enumerate(interviews):
        given = ids[n] if ids else None
        if given:
            if given in existing:
                continue
            interview.id = given
            existing.add(given)
        while interview.pseudonym in taken:
            interview.pseudonym = new_pseudonym()
        taken.add(interview.pseudonym)
        iv_rows.append((interview.id, interview.form.form_id, interview.form.version, interview.pseudonym,
                        "final", interview.language, "review", interview.revision, store.info.device_id,
                        source, now, now, now))
        instances, states, sealed = interview.record_parts(pairs=True)
        answer_rows.append((interview.id, _state_rows(interview.id, states.items(), now)))
        sealed_rows.extend((interview.id, *split_key(name), blob) for name, blob in sorted(sealed.items()))
        instance_rows.extend((interview.id, i) for i in instances)
    conn.executemany(
        "INSERT INTO interviews(id, form_id, form_version, pseudonym, status, language, position, revision, "
        "device_id, source, started_at, updated_at, finalized_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        iv_rows,
    )
    # In key order: interview ids are random, so rows in interview order land on random pages
    # of the answers tree and of its (field, status) index; once the store outgrows the page
    # cache every insert reads and re-encrypts pages (20,000 paper rows: 1.6x slower). In key
    # order both are appends. The same rows either way (the tables have no rowid).
    answer_rows.sort(key=_FIRST)
    for _id, rows in answer_rows:
        rows.sort(key=_KEY)
    instance_rows.sort()
    conn.executemany(_INSERT, itertools.chain.from_iterable(rows for _id, rows in answer_rows))
    conn.executemany("INSERT INTO sealed_answers(interview_id, instance, field, sealed) VALUES (?,?,?,?)",
                     sealed_rows)
    conn.executemany("INSERT INTO repeat_instances(interview_id, instance) VALUES (?,?)", instance_rows)
    if not conn.execute("PRAGMA foreign_keys").fetchone()[0]:
        prove_parents(conn, {(r[1], r[2]) for r in iv_rows},
                      {r[0] for _id, rows in answer_rows for r in rows} | {r[0] for r in instance_rows})
    return len(iv_rows)


def prove_parents(conn, forms: set[tuple[str, str]], interviews: set[str]) -> None:
    """The foreign keys of rows just written, checked in two queries: every (form, version)
    of the new interviews is installed, and every interview their answers and repeat
    instances name is in ``interviews``. Raises what SQLite raises for a row that breaks
    them (the caller's transaction then rolls back)."""
    from sqlcipher3 import dbapi2 as sqlcipher

    found = conn.execute(
        "SELECT count(*) FROM forms f JOIN (SELECT DISTINCT json_extract(j.value, '$[0]') AS form_id, "
        "json_extract(j.value, '$[1]') AS version FROM json_each(?) j) n "
        "ON f.form_id = n.form_id AND f.version = n.version", (_encode(sorted(forms)),)).fetchone()[0]
    named = conn.execute(
        "SELECT count(*) FROM interviews WHERE id IN (SELECT value FROM json_each(?))",
        (_encode(sorted(interviews)),)).fetchone()[0]
    if found != len(forms) or named != len(interviews):
        raise sqlcipher.IntegrityError("FOREIGN KEY constraint failed")


#: The primary key of an answers row within one interview (instance, field).
_KEY = operator.itemgetter(1, 2)
_FIRST = operator.itemgetter(0)


def finalized_counts(store: Store) -> dict[str, int]:
    """Finalized interviews per form id (the tables page lists only forms that have some)."""
    with store.reading() as conn:
        return dict(conn.execute(
            "SELECT form_id, count(*) FROM interviews WHERE status = 'final' GROUP BY form_id").fetchall())
