"""Exchange keys kept inside the encrypted store, and the pinned project key (ARCHITECTURE s.4).

Rows of the ``keys`` table this module owns::

    device_sign, device_sign_pub      every store: D_sign (Ed25519 raw private / public)
    coord_enc, coord_enc_recipient    coordinator: C_enc age identity and its age1... recipient
    coord_esc, coord_esc_recipient    coordinator: C_esc, the second (escrow) recipient
    coord_sign, coord_sign_pub        coordinator: C_sign (Ed25519)
    project_id                        coordinator: 128-bit random project id (hex, ASCII)
    project_key                       coordinator: its project key file, made once, exact bytes;
                                      field device: the pinned project key file, exact bytes

Secrets come only from the crypto layer (``secrets``/``os.urandom`` underneath); none of them
is ever printed, logged or written to a file except by ``key backup`` on purpose.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from fieldapp.errors import UserFacingError

DEVICE_SIGN, DEVICE_SIGN_PUB = "device_sign", "device_sign_pub"
COORD_ENC, COORD_ENC_RCPT = "coord_enc", "coord_enc_recipient"
COORD_ESC, COORD_ESC_RCPT = "coord_esc", "coord_esc_recipient"
COORD_SIGN, COORD_SIGN_PUB = "coord_sign", "coord_sign_pub"
PROJECT_ID = "project_id"
PROJECT_KEY = "project_key"


def _get(conn, name: str) -> bytes | None:
    row = conn.execute("SELECT value FROM keys WHERE name = ?", (name,)).fetchone()
    return None if row is None else bytes(row[0])


def _put(conn, name: str, value: bytes) -> None:
    conn.execute("INSERT INTO keys(name, value) VALUES (?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))


def ensure_keys(conn, role: str) -> list[str]:
    """Create whichever exchange keys ``role`` needs and lacks; returns the names created.

    Call inside an open write transaction (``Store.create`` and the start of export/import
    do), so a store never holds half a key set. Idempotent: a complete store is untouched.
    """
    from fieldapp.crypto import age, signing

    have = {r[0] for r in conn.execute("SELECT name FROM keys")}
    created: list[str] = []
    if DEVICE_SIGN not in have:
        priv, pub = signing.generate_signing_key()
        _put(conn, DEVICE_SIGN, priv)
        _put(conn, DEVICE_SIGN_PUB, pub)
        created.append(DEVICE_SIGN)
    if role == "coordinator":
        for name, rcpt in ((COORD_ENC, COORD_ENC_RCPT), (COORD_ESC, COORD_ESC_RCPT)):
            if name not in have:
                identity, recipient = age.generate_identity()
                _put(conn, name, identity.encode("ascii"))
                _put(conn, rcpt, recipient.encode("ascii"))
                created.append(name)
        if COORD_SIGN not in have:
            priv, pub = signing.generate_signing_key()
            _put(conn, COORD_SIGN, priv)
            _put(conn, COORD_SIGN_PUB, pub)
            created.append(COORD_SIGN)
        if PROJECT_ID not in have:
            _put(conn, PROJECT_ID, secrets.token_hex(16).encode("ascii"))
            created.append(PROJECT_ID)
        if PROJECT_KEY not in have or any(n in created for n in (COORD_ENC, COORD_ESC, COORD_SIGN, PROJECT_ID)):
            # Made once and kept: the file carries its creation date, and a device compares
            # the file it pinned with later copies, which must therefore be identical.
            _put(conn, PROJECT_KEY, _make_project_key_file(conn))
            created.append(PROJECT_KEY)
    if created:
        from fieldapp.store import audit

        audit.append(conn, "keys.create", {"names": created})
    return created


def ensure_store_keys(store) -> None:
    """``ensure_keys`` for an open store, writing only when something is missing.

    A store whose keys are complete is not written to at all (a refused import must leave
    the coordinator's files byte-identical).
    """
    needed = {DEVICE_SIGN} | ({COORD_ENC, COORD_ESC, COORD_SIGN, PROJECT_ID, PROJECT_KEY}
                              if store.info.role == "coordinator" else set())
    with store.reading() as conn:
        have = {r[0] for r in conn.execute("SELECT name FROM keys")}
    if needed - have:
        with store.transaction() as conn:
            ensure_keys(conn, store.info.role)


@dataclass(frozen=True)
class SigningKey:
    private: bytes
    public: bytes

    def sign(self, context: str, message: bytes) -> bytes:
        from fieldapp.crypto import signing

        return signing.sign(self.private, context, message)


def device_key(conn) -> SigningKey:
    priv, pub = _get(conn, DEVICE_SIGN), _get(conn, DEVICE_SIGN_PUB)
    if priv is None or pub is None:
        raise UserFacingError("This store has no device signing key yet; open it with this fieldapp version first.")
    return SigningKey(priv, pub)


@dataclass(frozen=True)
class CoordinatorKeys:
    enc_identity: str
    enc_recipient: str
    esc_identity: str
    esc_recipient: str
    sign: SigningKey
    project_id: str

    @property
    def recipients(self) -> tuple[str, str]:
        return (self.enc_recipient, self.esc_recipient)


def coordinator_keys(conn) -> CoordinatorKeys:
    values = {n: _get(conn, n) for n in (COORD_ENC, COORD_ENC_RCPT, COORD_ESC, COORD_ESC_RCPT,
                                          COORD_SIGN, COORD_SIGN_PUB, PROJECT_ID)}
    if any(v is None for v in values.values()):
        raise UserFacingError("This is not a coordinator store (it holds no project keys).")
    return CoordinatorKeys(
        enc_identity=values[COORD_ENC].decode("ascii"),
        enc_recipient=values[COORD_ENC_RCPT].decode("ascii"),
        esc_identity=values[COORD_ESC].decode("ascii"),
        esc_recipient=values[COORD_ESC_RCPT].decode("ascii"),
        sign=SigningKey(values[COORD_SIGN], values[COORD_SIGN_PUB]),
        project_id=values[PROJECT_ID].decode("ascii"),
    )


def recipient_fingerprint(recipient: str) -> str:
    """SHA-256 (hex) of an ``age1...`` recipient string: what a manifest's recipients list holds."""
    return hashlib.sha256(recipient.strip().encode("ascii")).hexdigest()


def key_fingerprint(public: bytes) -> str:
    """A short, printable fingerprint of an Ed25519 public key (device lists, messages)."""
    return hashlib.sha256(b"fieldapp/key-fingerprint/v1" + public).hexdigest()[:16]


# -- the project key file ---------------------------------------------------------------------
def _make_project_key_file(conn) -> bytes:
    from fieldapp.crypto import projectkey

    ck = coordinator_keys(conn)
    return projectkey.make_project_key(ck.sign.private, ck.enc_recipient, ck.esc_recipient,
                                       project_id=ck.project_id)


def project_key_file(conn) -> bytes:
    """The coordinator's signed project key file (public halves, project id), always the same bytes."""
    coordinator_keys(conn)  # a clear error on an interviewer store
    data = _get(conn, PROJECT_KEY)
    if data is None:
        raise UserFacingError("This coordinator store has no project key file yet; open it with this fieldapp version.")
    return data


def pinned_project_key(conn) -> bytes | None:
    return _get(conn, PROJECT_KEY)


def check_pin(conn, data: bytes):
    """The loaded project key ``data``, if it may be used on this device; else a clear refusal.

    First use pins it. A different key is accepted only when the pinned coordinator signing
    key signed it (SECURITY.md: a swapped coordinator key on a laptop is refused).
    """
    from fieldapp.crypto import projectkey

    try:
        new = projectkey.load_project_key(data)
    except Exception as exc:  # noqa: BLE001 - any unreadable key file is one sentence
        raise UserFacingError(f"That is not a valid project key file ({_reason(exc)}).") from None
    pinned = _get(conn, PROJECT_KEY)
    if pinned is None or pinned == data:
        return new
    try:
        projectkey.check_replacement(projectkey.load_project_key(pinned), new)
    except Exception:  # noqa: BLE001 - whatever the crypto layer's reason, the answer is no
        raise UserFacingError(
            "This project key differs from the one this laptop was enrolled with and is not signed "
            "by that coordinator; nothing was exported. Ask the coordinator in person."
        ) from None
    return new


def pin_project_key(conn, data: bytes) -> bool:
    """Pin (or replace, after ``check_pin``) the project key; True when the pin changed."""
    check_pin(conn, data)
    if _get(conn, PROJECT_KEY) == data:
        return False
    from fieldapp.store import audit

    replaced = _get(conn, PROJECT_KEY) is not None
    _put(conn, PROJECT_KEY, data)
    audit.append(conn, "keys.project_key_replaced" if replaced else "keys.project_key_pinned",
                 {"sha256": hashlib.sha256(data).hexdigest()})
    return True


def enrol(store, data: bytes) -> bool:
    """Pin the coordinator's project key on a field laptop and add the recovery slot.

    The recovery (escrow) slot seals the store's data key to the coordinator, so a returned
    laptop whose passphrase is lost can be reopened with `fieldapp recover`. True when the pin
    changed.
    """
    from fieldapp.crypto import projectkey

    with store.transaction() as conn:
        changed = pin_project_key(conn, data)
    store.set_escrow(list(projectkey.load_project_key(data).recipients))
    return changed


def _reason(exc: Exception) -> str:
    text = str(exc).strip().rstrip(".")
    return text[:200] if text else type(exc).__name__
