"""Export on the field device: finalized interviews -> one sealed, signed bundle (ARCHITECTURE s.5).

Order, and why: the bundle is built and its inner structure checked before encryption
(the device can never decrypt it afterwards), written atomically, re-read and compared with
what was sealed; only then, in ONE transaction, are the interviews marked exported, their
plaintext answers purged, the sealed copy kept in the outbox and the sequence advanced. A
crash anywhere before that commit leaves every interview finalized and exportable again.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.errors import UserFacingError
from fieldapp.exchange import bundle
from fieldapp.exchange.keys import (
    check_pin,
    check_words,
    needs_words,
    pin_project_key,
    pinned_project_key,
)
from fieldapp.fileio import atomic_write
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import meta
from fieldapp.store import outbox as outbox_rows
from fieldapp.store import records as record_rows
from fieldapp.store.forms import stored_definition

SUFFIX = ".fab"
AGE_MAGIC = b"age-encryption.org/v1\n"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    seq: int
    interviews: int
    size: int


def random_bundle_name() -> str:
    """A name that says nothing about who, where or how many (SECURITY.md)."""
    return secrets.token_hex(8) + SUFFIX


def resolve_out(out: Path) -> Path:
    out = Path(out)
    if out.is_dir():
        return out / random_bundle_name()
    if out.exists():
        raise UserFacingError("export.target_exists", path=str(out))
    if not out.parent.is_dir():
        raise UserFacingError("folder.missing", path=str(out.parent))
    return out


def read_records(conn, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Finalized interviews (or the given ones) as bundle records, in a stable order.

    Sealed answers travel as they are stored (age ciphertext, base64) under ``sealed``; a
    record without any has no such key (docs/sealed-fields.md).
    """
    recs, sealed = record_rows.finalized(conn, ids)
    for rec in recs:
        blobs = sealed.get(rec["id"])
        if blobs:
            rec[bundle.SEALED_KEY] = {f: bundle.encode_sealed(b) for f, b in blobs.items()}
    return recs


def _form_entries(conn, recs: list[dict[str, Any]]) -> list[dict[str, str]]:
    used = sorted({(r["form_id"], r["form_version"]) for r in recs})
    out = []
    for form_id, version in used:
        stored = stored_definition(conn, form_id, version)
        assert stored is not None  # interviews reference their form (foreign key)
        definition, source = stored
        out.append({"form_id": form_id, "version": version, "source_sha256": source or "",
                    "definition_sha256": hashlib.sha256(definition.encode("utf-8")).hexdigest()})
    return out


def export_bundle(
    store,
    out: Path,
    project_key: bytes | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
    words: str | None = None,
) -> ExportResult:
    """Seal every finalized, not yet exported interview into one bundle at ``out``.

    The first export of a laptop pins ``project_key``; that needs its fingerprint words as
    confirmed with the coordinator (``words``), checked before anything is sealed, written or
    purged (issue #17, finding 3).
    """
    from fieldapp.crypto import age, signing
    from fieldapp.exchange.keys import recipient_fingerprint

    if store.info.role != "interviewer":
        raise UserFacingError("export.needs_interviewer")
    with store.reading() as conn:
        data = project_key if project_key is not None else pinned_project_key(conn)
        if data is None:
            raise UserFacingError("export.not_enrolled")
        pk = check_pin(conn, data, refusal="key.swapped_export")
        if needs_words(conn, data):
            check_words(pk.fingerprint_words(), words)
        records = read_records(conn)
        if not records:
            raise UserFacingError("export.nothing")
        forms = _form_entries(conn, records)
        counters = meta.bundle_counters(conn)
        seq, prev = counters.seq + 1, counters.prev
    dkey = store.device_key()
    progress(1, 4, "sealing")
    recipients = list(pk.recipients)
    fields = {
        "bundle_id": secrets.token_hex(16),
        "device_id": store.info.device_id,
        "signer": dkey.public.hex(),
        "project_id": pk.project_id,
        "seq": seq,
        "prev": prev,
        "recipients": [recipient_fingerprint(r) for r in recipients],
        "created": datetime.now(UTC).strftime("%Y-%m-%d"),
        "forms": forms,
    }
    inner, manifest_bytes = bundle.build_inner(
        fields, records, lambda m: dkey.sign(bundle.SIGN_CONTEXT, m), dkey.public)
    # The device cannot decrypt what it writes: check the structure now, before sealing.
    pre = bundle.parse_prefix(inner)
    signing.verify(pre.signer, bundle.SIGN_CONTEXT, pre.manifest_bytes, pre.signature)
    manifest = bundle.parse_manifest(pre.manifest_bytes)
    if len(bundle.parse_records(manifest, bundle.split_payload(manifest, pre.rest))) != len(records):
        raise RuntimeError("the bundle does not hold every record it was built from")
    if cancel is not None:
        cancel.check()
    sealed = age.encrypt(inner, recipients)
    del inner
    digest = hashlib.sha256(sealed).hexdigest()
    progress(2, 4, "writing")
    path = resolve_out(out)
    _write_verified(path, sealed, digest)
    progress(3, 4, "recording")
    ids = [r["id"] for r in records]
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        # Erasing: once this commits, no purged answer is left in any file of the store folder.
        with store.erasing_transaction() as conn:
            if record_rows.mark_exported(conn, ids, now) != len(ids):
                raise UserFacingError("export.changed")
            # The day and how many, never which interviews (issue #17, finding 6).
            outbox_rows.add(conn, fields["bundle_id"], seq, now[:10], digest, sealed, len(ids))
            meta.set_bundle_counters(conn, seq, bundle.sha256_hex(manifest_bytes))
            pin_project_key(conn, data, refusal="key.swapped_export")
            store.audit_work(conn, "exchange.export", {"bundle_id": fields["bundle_id"], "seq": seq,
                                                       "interviews": len(ids)})
    except BaseException:
        # The store still holds the interviews as finalized: the file on the stick must not
        # circulate as a second, different bundle with the same sequence number.
        path.unlink(missing_ok=True)
        raise
    # The first export enrols the laptop: add the recovery slot for the coordinator too.
    store.set_escrow(list(pk.recipients))
    progress(4, 4, "done")
    return ExportResult(path, fields["bundle_id"], seq, len(ids), len(sealed))


def _write_verified(path: Path, sealed: bytes, digest: str) -> None:
    try:
        atomic_write(path, sealed)
        back = path.read_bytes()
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise UserFacingError("export.write_failed", path=str(path), reason=exc.strerror or str(exc)) from None
    if hashlib.sha256(back).hexdigest() != digest or not back.startswith(AGE_MAGIC):
        path.unlink(missing_ok=True)
        raise UserFacingError("export.read_back", path=str(path))


@dataclass(frozen=True)
class OutboxEntry:
    bundle_id: str
    seq: int
    created_at: str
    interviews: int
    size: int
    acknowledged: bool


def outbox(store) -> list[OutboxEntry]:
    with store.reading() as conn:
        rows = outbox_rows.rows(conn)
    return [OutboxEntry(r.bundle_id, r.seq, r.created_at, r.interviews, r.size, r.receipt_at is not None)
            for r in rows]


def resend(store, folder: Path) -> list[Path]:
    """Write every bundle still waiting for a receipt again (e.g. the first stick was lost).

    The bytes are the sealed copy kept in the outbox, identical to the first export, so the
    coordinator recognises a bundle it already has and imports nothing twice.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UserFacingError("export.resend_not_folder", path=str(folder))
    with store.reading() as conn:
        rows = outbox_rows.waiting(conn)
    if not rows:
        raise UserFacingError("export.nothing_to_resend")
    paths = []
    for digest, sealed in rows:
        path = folder / random_bundle_name()
        _write_verified(path, sealed, digest)
        paths.append(path)
    return paths
