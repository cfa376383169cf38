"""The project key file: the coordinator's public keys, signed, as handed to every field device.

A small JSON document (``fieldapp key export``; ARCHITECTURE.md section 4)::

    {"format": "fieldapp-project-key/1",
     "project_id": "<32 hex, random>",
     "created": "YYYY-MM-DD",                    # a date only: no time of day to correlate
     "encryption_recipient": "age1...",          # C_enc, opens bundles
     "escrow_recipient": "age1...",              # C_esc, the offline disaster-recovery key
     "signing_key": "<base64 of 32 bytes>",      # C_sign, Ed25519
     "replaces": "<64 hex>",                     # optional: fingerprint of the file this one replaces
     "previous_signing_key": "<base64>",         # optional: the replaced file's C_sign, when it changed
     "previous_signature": "<base64>",           # ... and its signature over the same bytes
     "signature": "<base64 of 64 bytes>"}        # C_sign over the canonical bytes

The canonical bytes are every field except the two signatures, as JSON with sorted keys, no
spaces and ASCII only; ``signature`` is C_sign's over them with context
``fieldapp/project-key/v1``, ``previous_signature`` the old C_sign's with context
``fieldapp/project-key-rotation/v1``. Loading is strict (size cap, no duplicate keys, no
unknown fields, every value checked) because the file arrives on a USB stick.

Devices pin the first file they see (trust on first use, confirmed by reading the
fingerprint words aloud to the coordinator). :func:`check_replacement` then accepts another
file only if it is the same file, or it names the pinned file in ``replaces`` *and* is signed
by the pinned C_sign (directly, or through ``previous_signature`` when C_sign itself was
rotated). Requiring ``replaces`` stops an older file signed by the same C_sign from being
replayed to roll a device back to a retired encryption key.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, replace
from typing import Any

from fieldapp.crypto import signing
from fieldapp.crypto.age import AgeRecipientError, check_recipient
from fieldapp.crypto.words import bytes_to_words
from fieldapp.errors import UserFacingError

FORMAT = "fieldapp-project-key/1"
CONTEXT = signing.PROJECT_KEY_CONTEXT
ROTATION_CONTEXT = "fieldapp/project-key-rotation/v1"
FINGERPRINT_LABEL = b"fieldapp/project-key-fingerprint/v1\x00"
MAX_SIZE = 8 * 1024
FINGERPRINT_WORDS = 8  # 8 words of the EFF short list: 82.7 bits

_REQUIRED = (
    "format",
    "project_id",
    "created",
    "encryption_recipient",
    "escrow_recipient",
    "signing_key",
    "signature",
)
_OPTIONAL = ("replaces", "previous_signing_key", "previous_signature")
_SIGNATURES = ("signature", "previous_signature")
_HEX32 = re.compile(r"[0-9a-f]{32}\Z")
_HEX64 = re.compile(r"[0-9a-f]{64}\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class ProjectKeyError(UserFacingError):
    """The project key file was refused; the message says why."""


@dataclass(frozen=True)
class ProjectKey:
    project_id: str
    created: dt.date
    encryption_recipient: str
    escrow_recipient: str
    signing_key: bytes
    signature: bytes
    replaces: str | None = None
    previous_signing_key: bytes | None = None
    previous_signature: bytes | None = None

    @property
    def recipients(self) -> list[str]:
        """The age recipients every bundle is encrypted to: C_enc, then C_esc."""
        return [self.encryption_recipient, self.escrow_recipient]

    @property
    def signing_key_id(self) -> str:
        return signing.key_id(self.signing_key)

    def canonical_bytes(self) -> bytes:
        """The exact bytes both signatures cover."""
        return _canonical(self._fields(with_signatures=False))

    def fingerprint(self) -> str:
        """SHA-256 (hex) over the canonical bytes: what ``replaces`` refers to."""
        return hashlib.sha256(FINGERPRINT_LABEL + self.canonical_bytes()).hexdigest()

    def fingerprint_words(self) -> str:
        """The fingerprint as 8 EFF short-list words, to compare by phone or in person."""
        return " ".join(bytes_to_words(bytes.fromhex(self.fingerprint()), FINGERPRINT_WORDS))

    def to_bytes(self) -> bytes:
        """The file as written by ``fieldapp key export`` (indented JSON, sorted keys)."""
        text = json.dumps(
            self._fields(with_signatures=True), indent=2, sort_keys=True, ensure_ascii=True
        )
        return (text + "\n").encode("ascii")

    def _fields(self, with_signatures: bool) -> dict[str, str]:
        fields = {
            "format": FORMAT,
            "project_id": self.project_id,
            "created": self.created.isoformat(),
            "encryption_recipient": self.encryption_recipient,
            "escrow_recipient": self.escrow_recipient,
            "signing_key": _b64(self.signing_key),
        }
        if self.replaces is not None:
            fields["replaces"] = self.replaces
        if self.previous_signing_key is not None:
            fields["previous_signing_key"] = _b64(self.previous_signing_key)
        if with_signatures:
            fields["signature"] = _b64(self.signature)
            if self.previous_signature is not None:
                fields["previous_signature"] = _b64(self.previous_signature)
        return fields


def new_project_id() -> str:
    return secrets.token_hex(16)


def make_project_key(
    signing_private: bytes,
    encryption_recipient: str,
    escrow_recipient: str,
    *,
    project_id: str | None = None,
    created: dt.date | None = None,
    replaces: ProjectKey | None = None,
    previous_signing_private: bytes | None = None,
) -> bytes:
    """A signed project key file.

    For a rotation pass the file being replaced as ``replaces`` (the project id is carried
    over); if C_sign changes too, also pass the old C_sign private key as
    ``previous_signing_private`` so pinned devices can follow.
    """
    try:
        check_recipient(encryption_recipient)
        check_recipient(escrow_recipient)
    except AgeRecipientError as exc:
        raise ProjectKeyError(f"Cannot make a project key file: {exc}") from exc
    if encryption_recipient == escrow_recipient:
        raise ProjectKeyError(
            "Cannot make a project key file: the escrow key must differ from the encryption key."
        )
    sign_public = signing.public_key(signing_private)
    previous_public = None
    if replaces is not None:
        if project_id is not None and project_id != replaces.project_id:
            raise ProjectKeyError(
                "A replacement project key file keeps the project id of the file it replaces."
            )
        project_id = replaces.project_id
        if replaces.signing_key != sign_public:
            if previous_signing_private is None:
                raise ProjectKeyError(
                    "The signing key changes, so the old signing key is needed to sign the replacement."
                )
            previous_public = signing.public_key(previous_signing_private)
            if previous_public != replaces.signing_key:
                raise ProjectKeyError(
                    "The old signing key given is not the one of the file being replaced."
                )
    elif previous_signing_private is not None:
        raise ProjectKeyError(
            "An old signing key only makes sense when replacing a project key file."
        )
    project_id = project_id if project_id is not None else new_project_id()
    if not _HEX32.match(project_id):
        raise ProjectKeyError("A project id is 32 lower-case hex digits.")
    unsigned = ProjectKey(
        project_id=project_id,
        created=created or dt.datetime.now(dt.UTC).date(),
        encryption_recipient=encryption_recipient,
        escrow_recipient=escrow_recipient,
        signing_key=sign_public,
        signature=b"",
        replaces=replaces.fingerprint() if replaces is not None else None,
        previous_signing_key=previous_public,
    )
    body = unsigned.canonical_bytes()
    previous_signature = None
    if previous_public is not None:
        assert previous_signing_private is not None
        previous_signature = signing.sign(previous_signing_private, ROTATION_CONTEXT, body)
    signed = replace(
        unsigned,
        signature=signing.sign(signing_private, CONTEXT, body),
        previous_signature=previous_signature,
    )
    return signed.to_bytes()


def load_project_key(data: bytes) -> ProjectKey:
    """Parse and verify a project key file, or raise :class:`ProjectKeyError` saying why."""
    if len(data) > MAX_SIZE:
        raise ProjectKeyError(
            f"The project key file is too large ({len(data)} bytes; at most {MAX_SIZE})."
        )
    doc = _strict_json(data)
    fmt = doc.get("format")
    if fmt != FORMAT:
        shown = fmt if isinstance(fmt, str) and len(fmt) < 60 and fmt.isprintable() else "missing"
        raise ProjectKeyError(
            f"The file is not a fieldapp project key file of a known format (format: {shown})."
        )
    unknown = sorted(set(doc) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ProjectKeyError(
            f"The project key file has unknown fields: {', '.join(map(ascii, unknown))[:200]}."
        )
    missing = [k for k in _REQUIRED if k not in doc]
    if missing:
        raise ProjectKeyError(f"The project key file lacks the fields: {', '.join(missing)}.")
    for name, value in doc.items():
        if not isinstance(value, str):
            raise ProjectKeyError(f"The project key file's {name} is not text.")
    if not _HEX32.match(doc["project_id"]):
        raise ProjectKeyError("The project key file's project_id is not 32 lower-case hex digits.")
    for name in ("encryption_recipient", "escrow_recipient"):
        try:
            check_recipient(doc[name])
        except AgeRecipientError as exc:
            raise ProjectKeyError(f"The project key file's {name} is invalid: {exc}") from exc
    if doc["encryption_recipient"] == doc["escrow_recipient"]:
        raise ProjectKeyError(
            "The project key file's escrow key is the same as its encryption key."
        )
    if "replaces" in doc and not _HEX64.match(doc["replaces"]):
        raise ProjectKeyError("The project key file's replaces is not a 64-hex-digit fingerprint.")
    has_previous = ("previous_signing_key" in doc, "previous_signature" in doc)
    if has_previous[0] != has_previous[1] or (has_previous[0] and "replaces" not in doc):
        raise ProjectKeyError(
            "The project key file's previous_signing_key, previous_signature and replaces must come together."
        )
    key = ProjectKey(
        project_id=doc["project_id"],
        created=_date(doc["created"]),
        encryption_recipient=doc["encryption_recipient"],
        escrow_recipient=doc["escrow_recipient"],
        signing_key=_unb64(doc["signing_key"], "signing_key", signing.KEY_SIZE),
        signature=_unb64(doc["signature"], "signature", signing.SIGNATURE_SIZE),
        replaces=doc.get("replaces"),
        previous_signing_key=(
            _unb64(doc["previous_signing_key"], "previous_signing_key", signing.KEY_SIZE)
            if has_previous[0]
            else None
        ),
        previous_signature=(
            _unb64(doc["previous_signature"], "previous_signature", signing.SIGNATURE_SIZE)
            if has_previous[0]
            else None
        ),
    )
    if key.previous_signing_key == key.signing_key:
        raise ProjectKeyError("The project key file's previous signing key is its own signing key.")
    _verify(key.signing_key, CONTEXT, key, key.signature, "its own signing key")
    if key.previous_signing_key is not None and key.previous_signature is not None:
        _verify(
            key.previous_signing_key,
            ROTATION_CONTEXT,
            key,
            key.previous_signature,
            "the previous signing key",
        )
    return key


def check_replacement(pinned: ProjectKey, new: ProjectKey) -> None:
    """Return if a device that pinned ``pinned`` may switch to ``new``; else :class:`ProjectKeyError`."""
    if new.canonical_bytes() == pinned.canonical_bytes():
        _verify(pinned.signing_key, CONTEXT, new, new.signature, "the pinned signing key")
        return
    if new.project_id != pinned.project_id:
        raise ProjectKeyError(
            "The new project key file belongs to a different project; this device stays with its current project."
        )
    if new.replaces != pinned.fingerprint():
        raise ProjectKeyError(
            "The new project key file does not replace the key file this device trusts "
            f"({pinned.fingerprint_words()}); ask the coordinator for the replacement of that file."
        )
    if new.signing_key == pinned.signing_key:
        _verify(pinned.signing_key, CONTEXT, new, new.signature, "the pinned signing key")
        return
    if new.previous_signing_key == pinned.signing_key and new.previous_signature is not None:
        _verify(
            pinned.signing_key,
            ROTATION_CONTEXT,
            new,
            new.previous_signature,
            "the pinned signing key",
        )
        _verify(new.signing_key, CONTEXT, new, new.signature, "its own signing key")
        return
    raise ProjectKeyError(
        "The new project key file is not signed by the coordinator signing key this device trusts "
        f"(key {pinned.signing_key_id}); it was refused."
    )


def _verify(public: bytes, context: str, key: ProjectKey, signature: bytes, whose: str) -> None:
    try:
        signing.verify(public, context, key.canonical_bytes(), signature)
    except signing.SignatureError as exc:
        raise ProjectKeyError(
            f"The project key file's signature by {whose} does not verify; the file was altered or forged."
        ) from exc


def _strict_json(data: bytes) -> dict[str, Any]:
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectKeyError("The project key file is not UTF-8 text.") from exc

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, value in pairs:
            if name in out:
                raise ProjectKeyError(f"The project key file repeats the field {ascii(name)[:60]}.")
            out[name] = value
        return out

    def no_constant(name: str) -> Any:
        raise ProjectKeyError(f"The project key file contains {name}, which is not valid JSON.")

    try:
        doc = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except json.JSONDecodeError as exc:
        raise ProjectKeyError(
            f"The project key file is not valid JSON (line {exc.lineno})."
        ) from exc
    except RecursionError as exc:
        raise ProjectKeyError(
            "The project key file is nested too deeply to be a project key file."
        ) from exc
    if not isinstance(doc, dict):
        raise ProjectKeyError("The project key file is not a JSON object.")
    return doc


def _canonical(fields: dict[str, str]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode(
        "ascii"
    )


def _date(text: str) -> dt.date:
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ProjectKeyError("The project key file's created is not a date (YYYY-MM-DD).") from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, name: str, size: int) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise ProjectKeyError(f"The project key file's {name} is not base64.") from exc
    if len(raw) != size or _b64(raw) != text:
        raise ProjectKeyError(
            f"The project key file's {name} is not {size} bytes of canonical base64."
        )
    return raw
