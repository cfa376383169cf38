"""The exchange's key policy: pinning the coordinator's project key, enrolment, fingerprints.

The keys themselves live in the store (``fieldapp.store.keys``: the ``keys`` table, each
role's key set, created with the store or on the migration ladder); the names below are
re-exported from there so callers keep one import. This module decides what may be pinned
(ARCHITECTURE s.4, SECURITY.md: a swapped coordinator key on a laptop is refused).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from fieldapp.errors import UserFacingError
from fieldapp.store import audit
from fieldapp.store.keys import (
    COORD_ENC,
    COORD_ENC_RCPT,
    COORD_ESC,
    COORD_ESC_RCPT,
    COORD_SIGN,
    COORD_SIGN_PUB,
    DEVICE_SIGN,
    DEVICE_SIGN_PUB,
    PROJECT_ID,
    PROJECT_KEY,
    CoordinatorKeys,
    SigningKey,
    coordinator_keys,
    device_key,
    device_public,
    load_project_key,
    pinned_project_key,
    project_key_file,
    set_project_key,
)

if TYPE_CHECKING:
    from fieldapp.crypto.projectkey import ProjectKey

__all__ = [
    "COORD_ENC", "COORD_ENC_RCPT", "COORD_ESC", "COORD_ESC_RCPT", "COORD_SIGN", "COORD_SIGN_PUB",
    "DEVICE_SIGN", "DEVICE_SIGN_PUB", "PROJECT_ID", "PROJECT_KEY", "CoordinatorKeys", "SigningKey",
    "check_pin", "check_words", "coordinator_keys", "device_key", "device_public", "device_words", "enrol",
    "key_fingerprint", "needs_words", "pin_project_key", "pinned_project_key", "project_key_file", "recipient_fingerprint",
]

#: Domain label of a device key's fingerprint words (the project key has its own, in crypto.projectkey).
DEVICE_WORDS_LABEL = b"fieldapp/device-key-fingerprint/v1\x00"


def recipient_fingerprint(recipient: str) -> str:
    """SHA-256 (hex) of an ``age1...`` recipient string: what a manifest's recipients list holds."""
    return hashlib.sha256(recipient.strip().encode("ascii")).hexdigest()


def key_fingerprint(public: bytes) -> str:
    """A short, printable fingerprint of an Ed25519 public key (device lists, messages)."""
    return hashlib.sha256(b"fieldapp/key-fingerprint/v1" + public).hexdigest()[:16]


def device_words(public: bytes) -> str:
    """A device signing key's fingerprint as eight words (82.7 bits), read out by phone like the
    project key's: what the coordinator compares before trusting a laptop (issue #17, finding 10)."""
    from fieldapp.crypto.words import fingerprint_words

    return fingerprint_words(hashlib.sha256(DEVICE_WORDS_LABEL + bytes(public)).digest())


def needs_words(conn, data: bytes) -> bool:
    """True when pinning ``data`` would be this laptop's first pin (trust on first use): the
    user must then confirm its fingerprint words. A replacement is checked by its signature."""
    return pinned_project_key(conn) is None and data is not None


def check_words(expected: str, given: str | None, hint: bool = True) -> None:
    """Refuse unless ``given`` (typed, pasted or confirmed) are the ``expected`` fingerprint words.

    Nothing has been pinned, sealed or purged when this refuses (issue #17, finding 3).
    """
    from fieldapp.crypto.words import normalize_words
    from fieldapp.messages import msg, text

    if given is None:
        raise UserFacingError("key.words_needed", words=expected,
                              hint=msg("key.words_needed.hint") if hint else text(""))
    if normalize_words(given) != normalize_words(expected):
        raise UserFacingError("key.words_mismatch", given=normalize_words(given)[:120], words=expected)


def check_pin(conn, data: bytes, refusal: str = "key.swapped_pin") -> ProjectKey:
    """The loaded project key ``data``, if it may be used on this device; else a clear refusal.

    First use pins it. A different key is accepted only when the pinned coordinator signing
    key signed it (SECURITY.md: a swapped coordinator key on a laptop is refused), else
    ``refusal`` is raised: ``key.swapped_pin`` (enrolment) or ``key.swapped_export``.
    """
    from fieldapp.crypto import projectkey

    new = load_project_key(data)
    pinned = pinned_project_key(conn)
    if pinned is None or pinned == data:
        return new
    try:
        projectkey.check_replacement(projectkey.load_project_key(pinned), new)
    except Exception:  # noqa: BLE001 - whatever the crypto layer's reason, the answer is no
        raise UserFacingError(refusal) from None
    return new


def pin_project_key(conn, data: bytes, refusal: str = "key.swapped_pin") -> bool:
    """Pin (or replace, after ``check_pin``) the project key; True when the pin changed."""
    check_pin(conn, data, refusal)
    pinned = pinned_project_key(conn)
    if pinned == data:
        return False
    set_project_key(conn, data)
    # A laptop pins at its first export: the day only, like the export's entry (finding 6).
    audit.append(conn, "keys.project_key_replaced" if pinned is not None else "keys.project_key_pinned",
                 {"sha256": hashlib.sha256(data).hexdigest()}, day_only=True)
    return True


def enrol(store, data: bytes, words: str | None = None) -> bool:
    """Pin the coordinator's project key on a field laptop and add the recovery slot.

    A first pin needs the key file's fingerprint words, as confirmed with the coordinator
    (``words``); a replacement is accepted by its signature alone. The recovery (escrow) slot
    seals the store's data key to the coordinator, so a returned laptop whose passphrase is
    lost can be reopened with `fieldapp recover`. True when the pin changed.
    """
    with store.transaction() as conn:
        if needs_words(conn, data):
            check_words(load_project_key(data).fingerprint_words(), words)
        changed = pin_project_key(conn, data)
    store.set_escrow(list(load_project_key(data).recipients))
    return changed
