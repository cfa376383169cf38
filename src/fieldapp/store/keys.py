"""The ``keys`` table: the exchange keys a store holds, and the role's key set (ARCHITECTURE s.4).

Rows::

    device_sign, device_sign_pub      every store: D_sign (Ed25519 private, sealed under the
                                      passphrase-only signing wrap key / raw public)
    coord_enc, coord_enc_recipient    coordinator: C_enc age identity and its age1... recipient
    coord_esc, coord_esc_recipient    coordinator: C_esc, the second (escrow) recipient
    coord_sign, coord_sign_pub        coordinator: C_sign (Ed25519)
    project_id                        coordinator: 128-bit random project id (hex, ASCII)
    project_key                       coordinator: its project key file, made once, exact bytes;
                                      field device: the pinned project key file, exact bytes

A store gets its role's keys when it is created (``Store.create``) or, for a store made
before the exchange existed, on the migration ladder (``schema`` step 2, ``backfill``);
nothing creates keys lazily any more. Whether a new project key may replace the pinned one
is the exchange's policy (``fieldapp.exchange.keys.check_pin``); this module only stores it.

Secrets come only from the crypto layer (``secrets``/``os.urandom`` underneath); none of them
is ever printed, logged or written to a file except by ``key backup`` on purpose.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.errors import UserFacingError
from fieldapp.store import audit
from fieldapp.store.conn import Connection

if TYPE_CHECKING:
    from fieldapp.crypto.projectkey import ProjectKey

DEVICE_SIGN, DEVICE_SIGN_PUB = "device_sign", "device_sign_pub"
COORD_ENC, COORD_ENC_RCPT = "coord_enc", "coord_enc_recipient"
COORD_ESC, COORD_ESC_RCPT = "coord_esc", "coord_esc_recipient"
COORD_SIGN, COORD_SIGN_PUB = "coord_sign", "coord_sign_pub"
PROJECT_ID = "project_id"
PROJECT_KEY = "project_key"

#: The rows each role's store must hold (``needed``); the public halves come with them.
_ROLE_KEYS = {
    "interviewer": frozenset({DEVICE_SIGN}),
    # C_esc's identity may have been moved offline (``remove_escrow_identity``): its public half
    # is what the store must keep.
    "coordinator": frozenset({DEVICE_SIGN, COORD_ENC, COORD_ESC_RCPT, COORD_SIGN, PROJECT_ID, PROJECT_KEY}),
}


def get(conn: Connection, name: str) -> bytes | None:
    row = conn.execute("SELECT value FROM keys WHERE name = ?", (name,)).fetchone()
    return None if row is None else bytes(row[0])


def put(conn: Connection, name: str, value: bytes) -> None:
    conn.execute("INSERT INTO keys(name, value) VALUES (?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))


def names(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM keys")}


def missing(conn: Connection, role: str) -> set[str]:
    """The key rows ``role`` needs and this store lacks (empty for a complete store)."""
    return set(_ROLE_KEYS.get(role, frozenset())) - names(conn)


def ensure_keys(conn: Connection, role: str) -> list[str]:
    """Create whichever exchange keys ``role`` needs and lacks; returns the names created.

    Call inside an open write transaction (``Store.create`` and the migration step do), so a
    store never holds half a key set. Idempotent: a complete store is untouched.
    """
    from fieldapp.crypto import age, signing

    have = names(conn)
    created: list[str] = []
    if DEVICE_SIGN not in have:
        priv, pub = signing.generate_signing_key()
        put(conn, DEVICE_SIGN, priv)
        put(conn, DEVICE_SIGN_PUB, pub)
        created.append(DEVICE_SIGN)
    if role == "coordinator":
        for name, rcpt in ((COORD_ENC, COORD_ENC_RCPT), (COORD_ESC, COORD_ESC_RCPT)):
            if rcpt not in have:
                identity, recipient = age.generate_identity()
                put(conn, name, identity.encode("ascii"))
                put(conn, rcpt, recipient.encode("ascii"))
                created.append(name)
        if COORD_SIGN not in have:
            priv, pub = signing.generate_signing_key()
            put(conn, COORD_SIGN, priv)
            put(conn, COORD_SIGN_PUB, pub)
            created.append(COORD_SIGN)
        if PROJECT_ID not in have:
            put(conn, PROJECT_ID, secrets.token_hex(16).encode("ascii"))
            created.append(PROJECT_ID)
        if PROJECT_KEY not in have or any(n in created for n in (COORD_ENC, COORD_ESC, COORD_SIGN, PROJECT_ID)):
            # Made once and kept: the file carries its creation date, and a device compares
            # the file it pinned with later copies, which must therefore be identical.
            put(conn, PROJECT_KEY, _make_project_key_file(conn))
            created.append(PROJECT_KEY)
    if created:
        audit.append(conn, "keys.create", {"names": created})
    return created


def backfill(conn: Connection) -> None:
    """Migration step: a store made before the exchange existed gets its role's keys.

    A brand-new database (no role yet) is left alone: ``Store.create`` makes its keys right
    after it writes the role, in the same transaction.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = 'role'").fetchone()
    if row is not None:
        ensure_keys(conn, row[0])


@dataclass(frozen=True)
class SigningKey:
    private: bytes
    public: bytes

    def sign(self, context: str, message: bytes) -> bytes:
        from fieldapp.crypto import signing

        return signing.sign(self.private, context, message)


#: A sealed device signing key: magic | 12-byte nonce | ChaCha20-Poly1305(32-byte key).
SEALED_SIGN = b"FASK1"
_SIGN_AAD = b"fieldapp/device_sign/v1"


def _seal_private(private: bytes, wrap: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    nonce = secrets.token_bytes(12)
    return SEALED_SIGN + nonce + ChaCha20Poly1305(wrap).encrypt(nonce, private, _SIGN_AAD)


def device_public(conn: Connection) -> bytes:
    pub = get(conn, DEVICE_SIGN_PUB)
    if pub is None:
        raise UserFacingError("key.no_device_key")
    return pub


def device_key(conn: Connection, wrap: bytes | None) -> SigningKey:
    """The device's signing key, opened with the signing wrap key (``Store.device_key``).

    The key is sealed under a key only the passphrase slot holds (issue #17, finding 5): a
    store reopened with the coordinator's recovery key cannot sign with it. A store made
    before that holds it in the clear until its next unlock by passphrase seals it.
    """
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    priv, pub = get(conn, DEVICE_SIGN), get(conn, DEVICE_SIGN_PUB)
    if priv is None or pub is None:
        raise UserFacingError("key.no_device_key")
    if priv.startswith(SEALED_SIGN):
        if wrap is None:
            raise UserFacingError("key.device_key_locked")
        body = priv[len(SEALED_SIGN):]
        try:
            priv = ChaCha20Poly1305(wrap).decrypt(body[:12], body[12:], _SIGN_AAD)
        except (InvalidTag, ValueError):
            raise UserFacingError("key.device_key_locked") from None
    return SigningKey(priv, pub)


def seal_device_key(conn: Connection, wrap: bytes, record: bool = True) -> bool:
    """Seal a device signing key still held in the clear; True when one was sealed.
    ``record``: an audit entry (not for a key made in the same transaction)."""
    priv = get(conn, DEVICE_SIGN)
    if priv is None or priv.startswith(SEALED_SIGN):
        return False
    put(conn, DEVICE_SIGN, _seal_private(priv, wrap))
    if record:
        audit.append(conn, "keys.device_key_sealed", {})
    return True


def replace_device_key(conn: Connection, wrap: bytes, reason: str) -> bytes:
    """A new device signing key, sealed under ``wrap`` (a recovered laptop: the old one is
    lost with its passphrase and must never sign again). Returns the new public key."""
    from fieldapp.crypto import signing

    priv, pub = signing.generate_signing_key()
    put(conn, DEVICE_SIGN, _seal_private(priv, wrap))
    put(conn, DEVICE_SIGN_PUB, pub)
    audit.append(conn, "keys.device_key_replaced", {"reason": reason})
    return pub


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

    @property
    def identities(self) -> list[str]:
        """The age identities this store holds to open bundles."""
        return [i for i in (self.enc_identity, self.esc_identity) if i]


def coordinator_keys(conn: Connection) -> CoordinatorKeys:
    enc, enc_rcpt, esc, esc_rcpt, sign, sign_pub, project_id = (
        get(conn, n) for n in (COORD_ENC, COORD_ENC_RCPT, COORD_ESC, COORD_ESC_RCPT,
                               COORD_SIGN, COORD_SIGN_PUB, PROJECT_ID))
    if (enc is None or enc_rcpt is None or esc_rcpt is None or sign is None
            or sign_pub is None or project_id is None):
        raise UserFacingError("key.not_coordinator")
    return CoordinatorKeys(
        enc_identity=enc.decode("ascii"),
        enc_recipient=enc_rcpt.decode("ascii"),
        esc_identity="" if esc is None else esc.decode("ascii"),  # '' once kept offline
        esc_recipient=esc_rcpt.decode("ascii"),
        sign=SigningKey(sign, sign_pub),
        project_id=project_id.decode("ascii"),
    )


def remove_escrow_identity(conn: Connection) -> bool:
    """Delete C_esc's identity from this store (its public half stays: bundles are still sealed
    to it); True when it was here. Call in an erasing transaction, after the identity was
    written to offline keeping (issue #17, finding 5)."""
    if get(conn, COORD_ESC) is None:
        return False
    conn.execute("DELETE FROM keys WHERE name = ?", (COORD_ESC,))
    audit.append(conn, "keys.escrow_removed", {})
    return True


def _make_project_key_file(conn: Connection) -> bytes:
    from fieldapp.crypto import projectkey

    ck = coordinator_keys(conn)
    return projectkey.make_project_key(ck.sign.private, ck.enc_recipient, ck.esc_recipient,
                                       project_id=ck.project_id)


def project_key_file(conn: Connection) -> bytes:
    """The coordinator's signed project key file (public halves, project id), always the same bytes."""
    coordinator_keys(conn)  # a clear error on an interviewer store
    data = get(conn, PROJECT_KEY)
    if data is None:
        raise UserFacingError("key.no_project_key_file")
    return data


def pinned_project_key(conn: Connection) -> bytes | None:
    """The project key file this store pinned (a coordinator's: its own), exact bytes."""
    return get(conn, PROJECT_KEY)


def set_project_key(conn: Connection, data: bytes) -> None:
    """Store ``data`` as the pinned project key (the caller has checked it may replace the old one)."""
    put(conn, PROJECT_KEY, data)


def pinned_recipients(conn: Connection) -> list[str] | None:
    """The age recipients of the pinned project key, or None when none is pinned.

    The pinned file was checked when it was pinned; it is parsed again here (a damaged row
    is refused with the same sentence as a bad file).
    """
    data = get(conn, PROJECT_KEY)
    if data is None:
        return None
    return list(load_project_key(data).recipients)


def load_project_key(data: bytes) -> ProjectKey:
    """``data`` parsed as a project key file, or the one-sentence refusal."""
    from fieldapp.crypto import projectkey
    from fieldapp.messages import text

    try:
        return projectkey.load_project_key(data)
    except Exception as exc:  # noqa: BLE001 - any unreadable key file is one sentence
        # The crypto layer's reasons are English sentences without codes yet: shown as written.
        raise UserFacingError("key.invalid_file", reason=text(_reason(exc))) from None


def _reason(exc: Exception) -> str:
    reason = str(exc).strip().rstrip(".")
    return reason[:200] if reason else type(exc).__name__
