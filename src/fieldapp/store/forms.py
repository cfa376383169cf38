"""Installed questionnaires: one row per (form id, version), definition kept as canonical JSON."""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form
from fieldapp.store.db import Store, now_utc


@dataclass(frozen=True)
class FormRow:
    form_id: str
    version: str
    title: str
    source_sha256: str
    added_at: str
    interviews: int


def add_form(store: Store, form: Form) -> bool:
    """Install ``form``; False if the identical version is already there.

    The same id and version with different content is refused: interviews already keyed
    to that version would silently change meaning.
    """
    from fieldapp.forms.media_files import media_data, mime_of
    from fieldapp.forms.serialize import form_to_json

    definition = form_to_json(form)
    files = media_data(form)
    if set(files) != set(form.media):
        raise UserFacingError("form.media_not_given", form=form.form_id)
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT definition, source_sha256 FROM forms WHERE form_id = ? AND version = ?",
            (form.form_id, form.version),
        ).fetchone()
        if row is not None:
            if row[0] == definition or _same_source(row[0], row[1], form):
                return False
            raise UserFacingError("form.version_conflict", form=form.form_id, version=form.version)
        conn.execute(
            "INSERT INTO forms(form_id, version, title, definition, source_sha256, added_at) "
            "VALUES (?,?,?,?,?,?)",
            (form.form_id, form.version, form.title, definition, form.source_sha256, now_utc()),
        )
        conn.executemany(
            "INSERT INTO form_media(form_id, version, name, mime, size, sha256, data) VALUES (?,?,?,?,?,?,?)",
            [(form.form_id, form.version, name, mime_of(data) or "application/octet-stream", len(data),
              form.media[name], data) for name, data in sorted(files.items())])
        store.audit(conn, "form.add", {"form_id": form.form_id, "version": form.version,
                                       "sha256": form.source_sha256})
    return True


def _same_source(stored: str, stored_sha256: str, form: Form) -> bool:
    """The same workbook read by an older reader (definition format 1): the same form.

    Its definition text differs only in the layout (format 2 adds fields), so it is compared
    by the workbook's hash; its interviews stay keyed to the stored definition.
    """
    import json

    try:
        old_format = json.loads(stored).get("format")
    except (ValueError, AttributeError):
        return False
    return old_format == 1 and stored_sha256 == form.source_sha256 and not form.attachments


def list_forms(store: Store) -> list[FormRow]:
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT f.form_id, f.version, f.title, f.source_sha256, f.added_at, "
            "(SELECT count(*) FROM interviews i WHERE i.form_id = f.form_id AND i.form_version = f.version) "
            "FROM forms f ORDER BY f.form_id, f.added_at"
        ).fetchall()
    return [FormRow(*r) for r in rows]


def get_form(store: Store, form_id: str, version: str | None = None) -> Form:
    """The installed form (the newest version when ``version`` is None)."""
    from fieldapp.forms.serialize import form_from_json

    with store.reading() as conn:
        if version is None:
            row = conn.execute(
                "SELECT definition FROM forms WHERE form_id = ? ORDER BY added_at DESC, rowid DESC LIMIT 1",
                (form_id,),
            ).fetchone()
        else:
            row = conn.execute(
                "SELECT definition FROM forms WHERE form_id = ? AND version = ?", (form_id, version)
            ).fetchone()
    if row is None:
        if version:
            raise UserFacingError("form.version_not_installed", form=form_id, version=version)
        raise UserFacingError("form.not_installed", form=form_id)
    return form_from_json(row[0])


def form_media_file(store: Store, form_id: str, version: str, name: str) -> bytes | None:
    """The bytes of one of a form's images (``Form.media``), or None if it has none of that name."""
    with store.reading() as conn:
        row = conn.execute("SELECT data FROM form_media WHERE form_id = ? AND version = ? AND name = ?",
                           (form_id, version, name)).fetchone()
    return None if row is None else bytes(row[0])


def media_problems(conn) -> list[str]:
    """``verify``: a form's image missing, or not what was installed (size, SHA-256)."""
    import hashlib

    from fieldapp.forms.serialize import form_from_json

    out = []
    for form_id, version, definition in conn.execute("SELECT form_id, version, definition FROM forms"):
        try:
            wanted = form_from_json(definition).media
        except Exception:  # noqa: BLE001, S112 - an unreadable definition is reported by verify itself
            continue
        held = {n: (bytes(d), s, sz) for n, d, s, sz in conn.execute(
            "SELECT name, data, sha256, size FROM form_media WHERE form_id = ? AND version = ?", (form_id, version))}
        for name, sha in sorted(wanted.items()):
            got = held.get(name)
            if got is None:
                out.append(f"form {form_id} version {version}: its image {name} is missing")
            elif hashlib.sha256(got[0]).hexdigest() != sha or got[1] != sha or len(got[0]) != got[2]:
                out.append(f"form {form_id} version {version}: its image {name} is not the file installed")
    return out


def stored_definition(conn, form_id: str, version: str) -> tuple[str, str] | None:
    """(canonical JSON definition, workbook SHA-256) of an installed form version, inside a read."""
    row = conn.execute("SELECT definition, source_sha256 FROM forms WHERE form_id = ? AND version = ?",
                       (form_id, version)).fetchone()
    return None if row is None else (row[0], row[1])
