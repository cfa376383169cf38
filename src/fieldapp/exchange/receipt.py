"""Signed receipts: the coordinator's word that a bundle is safely merged, and the device's use of it.

A receipt says "bundle B (these exact sealed bytes) from device D, number N, is in the
coordinator's store". It carries no counts or interview ids, so a receipt found on a stick
tells nothing about how many people were interviewed. Layout::

    magic b"FIELDRC1" | Ed25519 signature (64 bytes, C_sign, context fieldapp/receipt/v1) | JSON

On the device, ``apply_receipt`` verifies it with C_sign from the pinned project key and
drops the sealed copies it covers (the outbox row stays, emptied, as history).

On the stick a receipt is sealed (issue #17, finding 9): ``b"FIELDRC2" | 12-byte nonce |
ChaCha20-Poly1305`` of the signed receipt under a key derived (HKDF-SHA256) from the bundle's
id, which only the laptop that made the bundle and the coordinator who opened it know (the id
is inside the age encryption). A stick observer holding the public project key file can
neither read nor verify it; its file name is random, so it does not say which bundle it is for.
Plain ``FIELDRC1`` receipts of earlier releases are still accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp.errors import UserFacingError
from fieldapp.exchange.bundle import BundleFormatError, canonical, strict_json
from fieldapp.messages import Message, msg

MAGIC = b"FIELDRC1"
SEALED_MAGIC = b"FIELDRC2"
_SEAL_INFO = b"fieldapp/receipt-seal/v1"
FORMAT = "fieldapp-receipt/1"
SIGN_CONTEXT = "fieldapp/receipt/v1"
MAX_RECEIPT = 64 * 1024
KEYS = frozenset({"format", "project_id", "device_id", "bundle_id", "seq", "bundle_sha256",
                  "manifest_sha256", "issued"})
_HEX = re.compile(r"[0-9a-f]{8,64}")


def make_receipt(sign, project_id: str, device_id: str, bundle_id: str, seq: int,
                 bundle_sha256: str, manifest_sha256: str) -> bytes:
    """``sign(context, message) -> signature`` is the coordinator's C_sign."""
    body = canonical({
        "format": FORMAT, "project_id": project_id, "device_id": device_id, "bundle_id": bundle_id,
        "seq": seq, "bundle_sha256": bundle_sha256, "manifest_sha256": manifest_sha256,
        "issued": datetime.now(UTC).strftime("%Y-%m-%d"),
    })
    return MAGIC + sign(SIGN_CONTEXT, body) + body


def _seal_key(bundle_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_SEAL_INFO).derive(bytes.fromhex(bundle_id))


def seal_receipt(receipt: bytes, bundle_id: str) -> bytes:
    """The receipt as written to the stick: readable only with the bundle's id."""
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce = secrets.token_bytes(12)
    return SEALED_MAGIC + nonce + ChaCha20Poly1305(_seal_key(bundle_id)).encrypt(nonce, receipt, SEALED_MAGIC)


def unseal_receipt(data: bytes, bundle_ids: list[str]) -> bytes | None:
    """The signed receipt inside a sealed one, for whichever of ``bundle_ids`` it was made for."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce, body = data[len(SEALED_MAGIC):len(SEALED_MAGIC) + 12], data[len(SEALED_MAGIC) + 12:]
    for bundle_id in bundle_ids:
        try:
            return ChaCha20Poly1305(_seal_key(bundle_id)).decrypt(nonce, body, SEALED_MAGIC)
        except (InvalidTag, ValueError):
            continue
    return None


def read_receipt(data: bytes, coordinator_sign_pub: bytes, name: str) -> dict[str, Any]:
    """The verified receipt fields, or a ``UserFacingError`` naming the file and the reason."""
    from fieldapp.crypto import signing

    if len(data) > MAX_RECEIPT or len(data) < len(MAGIC) + 64 + 2 or not data.startswith(MAGIC):
        raise UserFacingError("receipt.not_receipt", name=name)
    sig, body = data[8:72], data[72:]
    try:
        signing.verify(coordinator_sign_pub, SIGN_CONTEXT, body, sig)
    except Exception:  # noqa: BLE001 - any verification failure means the same to the user
        raise UserFacingError("receipt.forged", name=name) from None
    try:
        fields = strict_json(body, msg("bundle.part.receipt"))
    except BundleFormatError as exc:
        raise UserFacingError("receipt.malformed", name=name, reason=exc.message) from None
    if not isinstance(fields, dict) or fields.keys() != KEYS or fields.get("format") != FORMAT:
        raise UserFacingError("receipt.unknown_format", name=name)
    for k in ("project_id", "device_id", "bundle_id", "bundle_sha256", "manifest_sha256"):
        if not isinstance(fields[k], str) or not _HEX.fullmatch(fields[k]):
            raise UserFacingError("receipt.bad_field", name=name, field=k.replace("_", " "))
    return fields


@dataclass(frozen=True)
class ReceiptResult:
    bundle_id: str
    seq: int
    interviews: int
    already: bool

    def message(self) -> Message:
        if self.already:
            return msg("receipt.already", seq=self.seq)
        return msg("receipt.applied", seq=self.seq, count=self.interviews)

    def summary(self) -> str:
        return self.message().english()


def apply_receipt(store, path: Path) -> ReceiptResult:
    """Verify a receipt with the pinned project key and drop the sealed copy it covers."""
    from fieldapp.crypto import projectkey
    from fieldapp.store import outbox
    from fieldapp.store.keys import pinned_project_key

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserFacingError("file.unreadable", path=str(path), reason=exc.strerror) from None
    with store.reading() as conn:
        pinned = pinned_project_key(conn)
    if pinned is None:
        raise UserFacingError("receipt.not_enrolled")
    pk = projectkey.load_project_key(pinned)
    if data.startswith(SEALED_MAGIC) and len(data) <= MAX_RECEIPT:
        with store.reading() as conn:
            ids = [r.bundle_id for r in outbox.rows(conn)]
        opened = unseal_receipt(data, ids)
        if opened is None:
            raise UserFacingError("receipt.sealed_unopened", name=path.name)
        data = opened
    fields = read_receipt(data, pk.signing_key, path.name)
    if fields["project_id"] != pk.project_id or fields["device_id"] != store.info.device_id:
        raise UserFacingError("receipt.other_laptop", name=path.name)
    with store.transaction() as conn:
        sent = outbox.find(conn, fields["bundle_id"])
        if sent is None:
            raise UserFacingError("receipt.unknown_bundle", name=path.name)
        if sent.sha256 != fields["bundle_sha256"]:
            raise UserFacingError("receipt.different_bytes", name=path.name)
        if sent.receipt_at is not None:
            return ReceiptResult(fields["bundle_id"], fields["seq"], sent.interviews, True)
        outbox.acknowledge(conn, fields["bundle_id"], datetime.now(UTC).strftime("%Y-%m-%d"))
        store.audit_work(conn, "exchange.receipt", {"bundle_id": fields["bundle_id"], "seq": fields["seq"]})
    # The sealed copy of a format 3 bundle is a file (store/outbox.py): it goes once the
    # receipt is recorded (if this is interrupted, the next export's tidy removes it).
    outbox.remove_file(store.folder, fields["bundle_id"])
    return ReceiptResult(fields["bundle_id"], fields["seq"], sent.interviews, False)
