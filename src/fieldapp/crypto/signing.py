"""Ed25519 signatures bound to a purpose label, so a signature made for one use never verifies for another.

Every signature is over ``PREFIX | len(context) | context | message`` (the context length is
one byte), never over the bare message. A device key that signs bundles
(``fieldapp/bundle/v1``) therefore cannot be tricked into producing something that verifies
as a receipt or a project key file, and the length prefix keeps ``("a/b", "c...")`` and
``("a/bc", "...")`` apart. Keys are raw 32-byte Ed25519 keys (RFC 8032).
"""

from __future__ import annotations

import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from fieldapp.errors import UserFacingError

PREFIX = b"fieldapp-signature\x00"
KEY_ID_LABEL = b"fieldapp/key-id/v1\x00"
KEY_SIZE = 32
SIGNATURE_SIZE = 64
#: A purpose label: ``fieldapp/<purpose>/v<N>`` with lower-case names.
_CONTEXT = re.compile(r"fieldapp(/[a-z0-9][a-z0-9-]*)+/v[0-9]+\Z")

BUNDLE_CONTEXT = "fieldapp/bundle/v1"
PROJECT_KEY_CONTEXT = "fieldapp/project-key/v1"


class SignatureError(UserFacingError):
    """The signature does not verify for this key and purpose."""


def generate_signing_key() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair as raw bytes: (private 32 bytes, public 32 bytes)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return private, _public_bytes(key.public_key())


def public_key(private: bytes) -> bytes:
    """The raw public key of a raw private key."""
    return _public_bytes(_private(private).public_key())


def key_id(public: bytes) -> str:
    """A short stable id for a public key (16 hex digits), for registries and logs, not for trust."""
    _check_public(public)
    return hashlib.sha256(KEY_ID_LABEL + bytes(public)).hexdigest()[:16]


def sign(private: bytes, context: str, message: bytes) -> bytes:
    """The 64-byte signature of ``message`` for the purpose ``context``."""
    return _private(private).sign(_signed_bytes(context, message))


def verify(public: bytes, context: str, message: bytes, signature: bytes) -> None:
    """Return if ``signature`` is ``public``'s over ``message`` for ``context``; else :class:`SignatureError`."""
    data = _signed_bytes(context, message)
    if not isinstance(signature, (bytes, bytearray)) or len(signature) != SIGNATURE_SIZE:
        raise SignatureError("The signature is malformed (it must be 64 bytes).")
    try:
        key = Ed25519PublicKey.from_public_bytes(_check_public(public))
        key.verify(bytes(signature), data)
    except (InvalidSignature, ValueError) as exc:
        raise SignatureError(
            f"The signature does not verify with key {key_id(public)} for {context}."
        ) from exc


def _signed_bytes(context: str, message: bytes) -> bytes:
    if not isinstance(context, str) or not _CONTEXT.match(context) or len(context) > 255:
        # A programming error, not bad input: contexts are constants in our code.
        raise ValueError(f"invalid signature context {context!r}")
    if not isinstance(message, (bytes, bytearray, memoryview)):
        raise TypeError("the signed message must be bytes")
    label = context.encode("ascii")
    return PREFIX + bytes([len(label)]) + label + bytes(message)


def _private(private: bytes) -> Ed25519PrivateKey:
    if not isinstance(private, (bytes, bytearray)) or len(private) != KEY_SIZE:
        raise ValueError("an Ed25519 private key is 32 raw bytes")
    return Ed25519PrivateKey.from_private_bytes(bytes(private))


def _check_public(public: bytes) -> bytes:
    if not isinstance(public, (bytes, bytearray)) or len(public) != KEY_SIZE:
        raise SignatureError("The public signing key is malformed (it must be 32 bytes).")
    return bytes(public)


def _public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
