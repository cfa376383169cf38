"""Interviews as bundles carry them: read for export, marked exported, merged on the coordinator.

A record is a dict with ``RECORD_FIELDS`` and ``answers`` (field key -> [value, status],
values decoded from the stored JSON; inside a repeat the field key carries the instance,
``members[2]/age``) and ``instances`` (the interview's repeat instance paths, in form order). Sealed answers (docs/sealed-fields.md) stay age ciphertext
(bytes) here; how they travel inside a bundle is the exchange's business (``bundle``).
The exchange decides what to merge (``fieldapp.exchange.importer``); this module only reads
and writes the rows it is given, inside the caller's transaction.
"""

from __future__ import annotations

import functools
import json
import operator
from typing import Any

from fieldapp.forms.instances import field_key, sort_key, split_key
from fieldapp.store.conn import Connection

RECORD_FIELDS = ("id", "revision", "form_id", "form_version", "pseudonym", "language", "started_at",
                 "finalized_at")
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit

#: field -> [value, status], as a record holds its answers
Answers = dict[str, list[Any]]
#: field -> age ciphertext
Sealed = dict[str, bytes]
#: (interview id, instance, field, value JSON or None, status, updated at)
AnswerRow = tuple[str, str, str, str | None, str, str]
#: (interview id, instance, field, ciphertext)
SealedRow = tuple[str, str, str, bytes]
#: (id, form id, form version, pseudonym, language, revision, device id, started at, updated at,
#:  finalized at) of an interview received in a bundle
ReceivedRow = tuple[str, str, str, str, str, int, str, str, str, str]


#: ``json.dumps(value, ensure_ascii=False)`` without building an encoder for every value.
_encode = json.JSONEncoder(ensure_ascii=False).encode
#: ``split_key`` remembered: a merge splits the same few hundred field keys in every record.
_split = functools.lru_cache(maxsize=1 << 16)(split_key)


#: What ``json.dumps(text, ensure_ascii=False)`` calls for a str (``JSONEncoder.encode``).
_encode_str = json.encoder.encode_basestring


def _dump(value: Any) -> str | None:
    """An answer's stored JSON text: exactly ``json.dumps(value, ensure_ascii=False)``."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)  # what the JSON encoder writes for an int (not a bool)
    return _encode(value)


def answer_rows(interview_id: str, answers: Answers, now: str) -> list[AnswerRow]:
    split, dump = _split, _dump
    return [(interview_id, *split(f), dump(v), s, now) for f, (v, s) in answers.items()]


def sealed_row(interview_id: str, key: str, blob: bytes) -> SealedRow:
    return (interview_id, *split_key(key), blob)


def instance_rows(interview_id: str, instances: list[str]) -> list[tuple[str, str]]:
    return [(interview_id, i) for i in instances]


# -- the field device: export ------------------------------------------------------------------
def finalized(conn: Connection, ids: list[str] | None = None
              ) -> tuple[list[dict[str, Any]], dict[str, Sealed]]:
    """Finalized interviews (or the given ones) as records, in a stable order, and their sealed answers."""
    rows = conn.execute(
        "SELECT id, revision, form_id, form_version, pseudonym, language, started_at, finalized_at "
        "FROM interviews WHERE status = 'final' ORDER BY finalized_at, id").fetchall()
    if ids is not None:
        wanted = set(ids)
        rows = [r for r in rows if r[0] in wanted]
    answers: dict[str, Answers] = {r[0]: {} for r in rows}
    for iid, instance, field, value, status in conn.execute(
        "SELECT a.interview_id, a.instance, a.field, a.value, a.status FROM answers a "
        "JOIN interviews i ON i.id = a.interview_id WHERE i.status = 'final'"
    ):
        if iid in answers:
            answers[iid][field_key(instance, field)] = [None if value is None else json.loads(value), status]
    sealed: dict[str, Sealed] = {}
    for iid, instance, field, blob in conn.execute(
        "SELECT s.interview_id, s.instance, s.field, s.sealed FROM sealed_answers s "
        "JOIN interviews i ON i.id = s.interview_id WHERE i.status = 'final'"
    ):
        if iid in answers:
            sealed.setdefault(iid, {})[field_key(instance, field)] = bytes(blob)
    instances: dict[str, list[str]] = {r[0]: [] for r in rows}
    for iid, instance in conn.execute(
        "SELECT r.interview_id, r.instance FROM repeat_instances r "
        "JOIN interviews i ON i.id = r.interview_id WHERE i.status = 'final'"
    ):
        if iid in instances:
            instances[iid].append(instance)
    records = [{"id": r[0], "revision": r[1], "form_id": r[2], "form_version": r[3], "pseudonym": r[4],
                "language": r[5], "started_at": r[6], "finalized_at": r[7], "answers": answers[r[0]],
                "instances": sorted(instances[r[0]], key=sort_key)}
               for r in rows]
    return records, sealed


#: meta key: exported interviews counted per day and form, {"2026-12-01": {"form_id": 12}}.
EXPORTED_COUNTS = "exported_counts"


def mark_exported(conn: Connection, ids: list[str], at: str) -> int:
    """Forget these finalized interviews once exported: their answers, instances and the
    interview rows themselves (pseudonym, times) are deleted; only how many of each form left
    on that day is kept (issue #17, finding 6: a coerced unlock shows counts per day, not who
    was interviewed when). Call in the export's erasing transaction.

    Returns how many were still finalized; the caller refuses (and rolls back) if that is
    not all of them.
    """
    placeholders = ",".join("?" * len(ids))
    by_form = dict(conn.execute(
        f"SELECT form_id, count(*) FROM interviews WHERE status = 'final' AND id IN ({placeholders}) "
        "GROUP BY form_id", ids).fetchall())
    # Plaintext answers leave the laptop: only the outbox's sealed copy remains until a receipt.
    conn.execute(f"DELETE FROM answers WHERE interview_id IN ({placeholders})", ids)
    conn.execute(f"DELETE FROM sealed_answers WHERE interview_id IN ({placeholders})", ids)
    conn.execute(f"DELETE FROM repeat_instances WHERE interview_id IN ({placeholders})", ids)
    # Media answers (issue #16) are answers too: they go in the same transaction, before
    # their interviews (whose cascade would zero every chunk page: store/media.py, delete_for).
    from fieldapp.store import media

    media.delete_for(conn, ids)
    cur = conn.execute(f"DELETE FROM interviews WHERE status = 'final' AND id IN ({placeholders})", ids)
    counts = exported_counts(conn)
    day = counts.setdefault(at[:10], {})
    for form_id, n in by_form.items():
        day[form_id] = day.get(form_id, 0) + n
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (EXPORTED_COUNTS, json.dumps(counts, sort_keys=True)))
    return cur.rowcount


def exported_counts(conn: Connection) -> dict[str, dict[str, int]]:
    """Exported interviews per day (YYYY-MM-DD, UTC) and form: all a laptop keeps of them."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (EXPORTED_COUNTS,)).fetchone()
    return {} if row is None else json.loads(row[0])


# -- the coordinator: merge ----------------------------------------------------------------------
def held(conn: Connection, ids: list[str]) -> dict[str, tuple[int, str, str, str]]:
    """interview id -> (revision, form id, form version, owner device) for those of ``ids``
    this store holds. The owner is the device whose bundle brought the interview ('' for one
    made or typed in from paper on this computer)."""
    out: dict[str, tuple[int, str, str, str]] = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        q = ",".join("?" * len(chunk))
        for iid, rev, form_id, version, device in conn.execute(
                f"SELECT id, revision, form_id, form_version, device_id FROM interviews WHERE id IN ({q})", chunk):
            out[iid] = (rev, form_id, version, device)
    return out


def content(conn: Connection, interview_id: str) -> tuple[Answers, Sealed]:
    """The answers and sealed answers this store holds for an interview."""
    answers = {field_key(i, f): [None if v is None else json.loads(v), s] for i, f, v, s in conn.execute(
        "SELECT instance, field, value, status FROM answers WHERE interview_id = ?", (interview_id,))}
    sealed = {field_key(i, f): bytes(b) for i, f, b in conn.execute(
        "SELECT instance, field, sealed FROM sealed_answers WHERE interview_id = ?", (interview_id,))}
    return answers, sealed


def instances_of(conn: Connection, interview_id: str) -> list[str]:
    """The repeat instance paths this store holds for an interview, in form order."""
    return sorted((r[0] for r in conn.execute(
        "SELECT instance FROM repeat_instances WHERE interview_id = ?", (interview_id,))), key=sort_key)


def record(conn: Connection, interview_id: str) -> tuple[dict[str, Any], Sealed]:
    """The interview held here as a record (with answers), and its sealed answers."""
    row = conn.execute("SELECT id, revision, form_id, form_version, pseudonym, language, started_at, finalized_at "
                       "FROM interviews WHERE id = ?", (interview_id,)).fetchone()
    rec = dict(zip(RECORD_FIELDS, row, strict=True))
    rec["answers"], sealed = content(conn, interview_id)
    rec["instances"] = instances_of(conn, interview_id)
    return rec, sealed


def pseudonyms(conn: Connection) -> dict[str, str]:
    """pseudonym -> interview id, for every interview here."""
    return {r[0]: r[1] for r in conn.execute("SELECT pseudonym, id FROM interviews")}


def insert_received(conn: Connection, interviews: list[ReceivedRow], answers: list[AnswerRow],
                    sealed: list[SealedRow], instances: list[tuple[str, str]] | None = None) -> None:
    """New interviews from bundles: finalized, source 'bundle', position 'review'.

    Answers and instances are written in key order: interview ids are random, so in record
    order every row lands on a random page of the answers tree and its index (each read and
    re-encrypted again); in key order they are appends. The same rows either way (these
    tables have no rowid).
    """
    conn.executemany(
        "INSERT INTO interviews(id, form_id, form_version, pseudonym, status, language, position, revision, "
        "device_id, source, started_at, updated_at, finalized_at) "
        "VALUES (?,?,?,?,'final',?,'review',?,?,'bundle',?,?,?)", interviews)
    conn.executemany(_INSERT_ANSWER, sorted(answers, key=_KEY))
    conn.executemany(_INSERT_SEALED, sealed)
    conn.executemany(_INSERT_INSTANCE, sorted(instances or []))


#: The primary key of an answers row (interview, instance, field).
_KEY = operator.itemgetter(0, 1, 2)


def replace_received(conn: Connection, rec: dict[str, Any], device_id: str, now: str,
                     sealed: list[SealedRow]) -> None:
    """A higher revision of an interview held here: its answers replace the held ones.

    The pseudonym already in use here is kept: staff may have quoted it. The whole record is
    replaced, repeat instances too: a revision whose roster lost a member holds one fewer.
    """
    iid = rec["id"]
    conn.execute("DELETE FROM answers WHERE interview_id = ?", (iid,))
    conn.execute("DELETE FROM sealed_answers WHERE interview_id = ?", (iid,))
    conn.execute("DELETE FROM repeat_instances WHERE interview_id = ?", (iid,))
    conn.execute("DELETE FROM media WHERE interview_id = ?", (iid,))  # the revision brings its own
    conn.execute(
        "UPDATE interviews SET form_id = ?, form_version = ?, language = ?, revision = ?, device_id = ?, "
        "source = 'bundle', status = 'final', updated_at = ?, finalized_at = ? WHERE id = ?",
        (rec["form_id"], rec["form_version"], rec["language"], rec["revision"], device_id, now,
         rec["finalized_at"], iid))
    conn.executemany(_INSERT_ANSWER, answer_rows(iid, rec["answers"], now))
    conn.executemany(_INSERT_SEALED, sealed)
    conn.executemany(_INSERT_INSTANCE, instance_rows(iid, list(rec.get("instances") or [])))


_INSERT_ANSWER = ("INSERT INTO answers(interview_id, instance, field, value, status, updated_at) "
                  "VALUES (?,?,?,?,?,?)")
_INSERT_SEALED = "INSERT INTO sealed_answers(interview_id, instance, field, sealed) VALUES (?,?,?,?)"
_INSERT_INSTANCE = "INSERT INTO repeat_instances(interview_id, instance) VALUES (?,?)"
