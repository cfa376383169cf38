"""Record-level invariants that ``fieldapp verify`` checks beyond SQLite's and SQLCipher's own.

``Store.verify()`` stays the entry point: it checks page authentication, SQLite integrity,
the key slots and the audit chain, calls ``folder_problems`` for the files beside the
database (temp files, an old key-slot file, loose permissions) and ``record_problems`` for
what only fieldapp knows (SECURITY.md, "Crash": every record in exactly one state):

- each interview is in exactly one consistent state:
  draft     no finalized_at, no exported_at;
  final     finalized_at set, no exported_at, its answers present;
  exported  finalized_at and exported_at set, no answer value left in plaintext
            (export purges them in the same transaction that marks the interview);
- each interview's form version is installed;
- each answer row (and sealed answer) belongs to an interview, and names a field of that
  interview's form.

Problems are one sentence each and name interviews by their random id, never by an answer
or a pseudonym. Each kind lists at most a few ids and a count, so a badly damaged store
still gives a readable report.
"""

from __future__ import annotations

import json
import stat
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from fieldapp.messages import plural

#: Ids named per kind of problem; the rest are counted.
MAX_NAMED = 5


def _ids(rows: Iterable[tuple]) -> tuple[int, str]:
    ids = [str(r[0]) for r in rows]
    shown = ", ".join(ids[:MAX_NAMED])
    more = f" and {len(ids) - MAX_NAMED} more" if len(ids) > MAX_NAMED else ""
    return len(ids), shown + more


def _report(problems: list[str], rows: list[tuple], sentence: str) -> None:
    """Append ``sentence`` (with {n} and {ids}) when ``rows`` is not empty."""
    if rows:
        n, ids = _ids(rows)
        one = n == 1
        problems.append(sentence.format(
            n=n, ids=ids, s="" if one else "s", have="has" if one else "have",
            carry="carries" if one else "carry", hold="holds" if one else "hold",
            use="uses" if one else "use", were="was" if one else "were"))


# Each check: (SQL selecting offending interview ids, the sentence naming them).
_STATE_CHECKS: tuple[tuple[str, str], ...] = (
    ("SELECT id FROM interviews WHERE status = 'draft' AND (finalized_at IS NOT NULL OR exported_at IS NOT NULL)",
     "{n} draft interview{s} {carry} a finalization or export time, so they are half finalized: {ids}"),
    ("SELECT id FROM interviews WHERE status = 'final' AND (finalized_at IS NULL OR finalized_at = '')",
     "{n} finalized interview{s} {have} no finalization time: {ids}"),
    ("SELECT id FROM interviews WHERE status = 'final' AND exported_at IS NOT NULL",
     "{n} finalized interview{s} {carry} an export time without being marked exported: {ids}"),
    ("SELECT i.id FROM interviews i WHERE i.status = 'final' "
     "AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.interview_id = i.id)",
     "{n} finalized interview{s} {have} no answers stored: {ids}"),
    ("SELECT id FROM interviews WHERE status = 'exported' AND (exported_at IS NULL OR exported_at = '')",
     "{n} exported interview{s} {have} no export time: {ids}"),
    ("SELECT id FROM interviews WHERE status = 'exported' AND (finalized_at IS NULL OR finalized_at = '')",
     "{n} exported interview{s} {were} never finalized: {ids}"),
    ("SELECT DISTINCT a.interview_id FROM answers a JOIN interviews i ON i.id = a.interview_id "
     "WHERE i.status = 'exported' AND a.value IS NOT NULL",
     "{n} exported interview{s} still {hold} answer values in plaintext (the export did not purge them): {ids}"),
    ("SELECT i.id FROM interviews i WHERE NOT EXISTS "
     "(SELECT 1 FROM forms f WHERE f.form_id = i.form_id AND f.version = i.form_version)",
     "{n} interview{s} {use} a form version that is not installed: {ids}"),
    ("SELECT DISTINCT interview_id FROM answers WHERE interview_id NOT IN (SELECT id FROM interviews)",
     "answers of {n} interview{s} that are not in the store remain: {ids}"),
    ("SELECT DISTINCT interview_id FROM sealed_answers WHERE interview_id NOT IN (SELECT id FROM interviews)",
     "sealed answers of {n} interview{s} that are not in the store remain: {ids}"),
)


def _form_fields(conn) -> dict[tuple[str, str], frozenset[str] | None]:
    """(form id, version) -> names of the fields that store answers (None: unreadable definition)."""
    from fieldapp.errors import FormError
    from fieldapp.forms.serialize import form_from_json

    out: dict[tuple[str, str], frozenset[str] | None] = {}
    for form_id, version, definition in conn.execute("SELECT form_id, version, definition FROM forms"):
        try:
            form = form_from_json(definition)
        except (FormError, ValueError, KeyError, TypeError):
            out[(form_id, version)] = None
            continue
        # The engine stores a value and status for every ``Question.stored`` field; inside a
        # repeat, in an instance of that repeat (the key's last step names it).
        out[(form_id, version)] = frozenset(
            f"{_repeat_of(form, q)}\0{q.name}" for q in form.questions() if q.stored)
    return out


def _repeat_of(form, q) -> str:
    """The key of the repeat whose instances hold ``q``'s answers ('' outside repeats)."""
    from fieldapp.forms.model import Group

    repeats = {g.name for g in form.nodes() if isinstance(g, Group) and g.repeat}
    return next((p for p in reversed(q.path) if p in repeats), "")


def _field_problems(conn, fields: dict[tuple[str, str], frozenset[str] | None], table: str,
                    what: str) -> list[str]:
    """Rows of ``table`` naming a field their interview's form does not have."""
    problems = []
    # Grouped in SQL: a coordinator store holds millions of answers but few distinct fields.
    unknown: dict[tuple[str, str], set[str]] = defaultdict(set)
    from fieldapp.forms.instances import field_key, last_step

    for form_id, version, instance, field in conn.execute(
        f"SELECT DISTINCT i.form_id, i.form_version, a.instance, a.field FROM {table} a "
        "JOIN interviews i ON i.id = a.interview_id"
    ):
        defined = fields.get((form_id, version))
        try:
            repeat = last_step(instance)[0] if instance else ""
        except ValueError:
            repeat = "\0"  # not an instance path: never defined
        if defined is not None and f"{repeat}\0{field}" not in defined:
            unknown[(form_id, version)].add(field_key(instance, field))
    for (form_id, version), names in sorted(unknown.items()):
        shown = ", ".join(sorted(names)[:MAX_NAMED])
        more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
        noun = "a field" if len(names) == 1 else "fields"
        problems.append(f"{what} name {noun} that form {form_id} version {version} does not have: "
                        f"{shown}{more}")
    return problems


def _outbox_problems(conn) -> list[str]:
    """Every interview an outbox bundle lists must be one this store marked exported."""
    exported = {r[0] for r in conn.execute("SELECT id FROM interviews WHERE status = 'exported'")}
    listed: set[str] = set()
    problems = []
    for bundle_id, ids in conn.execute("SELECT bundle_id, interview_ids FROM outbox ORDER BY seq"):
        try:
            value = json.loads(ids)
            if isinstance(value, int):  # a count only (issue #17, finding 6): nothing to match
                continue
            listed.update(str(i) for i in value)
        except (ValueError, TypeError):
            problems.append(f"the outbox entry of bundle {bundle_id} has an unreadable interview list")
    stray = sorted(listed - exported)
    if stray:
        n, ids = _ids((i,) for i in stray)
        problems.append(f"the outbox lists {plural(n, 'interview', 'interviews')} that {'is' if n == 1 else 'are'} "
                        f"not marked exported: {ids}")
    return problems


def record_problems(conn) -> list[str]:
    """Problems in interviews, answers and the outbox, one sentence each (empty when sound)."""
    problems: list[str] = []
    for sql, sentence in _STATE_CHECKS:
        _report(problems, conn.execute(sql).fetchall(), sentence)
    fields = _form_fields(conn)
    for (form_id, version), defined in sorted(fields.items()):
        if defined is None:
            problems.append(f"the stored definition of form {form_id} version {version} cannot be read")
    problems.extend(_field_problems(conn, fields, "answers", "answers"))
    problems.extend(_field_problems(conn, fields, "sealed_answers", "sealed answers"))
    problems.extend(_outbox_problems(conn))
    from fieldapp.store import media
    from fieldapp.store.forms import media_problems

    problems.extend(media.problems(conn))
    problems.extend(media_problems(conn))
    return problems


def folder_problems(folder: Path) -> list[str]:
    """Files in the store folder that should not be there, or not be readable by others.

    A write-ahead log left by a process that died is not a problem here: opening the store
    folds it in and overwrites it, and ``Store.warnings()`` reports that it was found.
    """
    from fieldapp.fileio import orphan_temp_files
    from fieldapp.store.db import DB_FILES
    from fieldapp.store.keyfile import KEYS_NAME, LEGACY_NAME

    folder = Path(folder)
    problems = [f"an interrupted write left a temporary file: {tmp.name}"
                for tmp in orphan_temp_files(folder)]
    if (folder / LEGACY_NAME).exists():
        problems.append(f"the old key-slot file {LEGACY_NAME} is still in the store folder "
                        "(it should have been overwritten and removed when the store was upgraded)")
    for name in ("store.db", "media.db"):
        if (folder / f"{name}-journal").exists():
            problems.append(f"a rollback journal ({name}-journal) is in the store folder while the store is open")
    for name in (*DB_FILES, KEYS_NAME, "store.lock"):
        try:
            mode = (folder / name).stat().st_mode
        except FileNotFoundError:
            continue
        if mode & 0o077:
            problems.append(f"{name} is readable or writable by other users "
                            f"(mode {oct(stat.S_IMODE(mode))}, should be 0o600)")
    return problems
