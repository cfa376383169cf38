"""Our age v1 layer: binary age files to X25519 recipients, decrypted in memory or not at all.

Bundles are standard age v1 files (ARCHITECTURE.md section 5) so the reference ``age`` tool
can open them with the coordinator's identity. The cryptography is pyrage's (the Rust
``age`` crate); this module adds what a bundle importer needs around it:

* one exception, :class:`AgeDecryptError`, for every way decryption can fail, raised before
  any plaintext is handed out (pyrage authenticates every STREAM chunk, including the last,
  before ``decrypt`` returns; ``decrypt_file`` would leave partial output on disk, so it is
  never used);
* a strict parse of the header against the age v1 grammar *before* pyrage sees the file.
  pyrage 1.4 accepts two malformed headers that the spec and the CCTV vectors reject
  (``stanza_missing_body``, ``stanza_missing_final_line``: a stanza without its final short
  body line); the parse refuses them, and anything else outside the grammar;
* a narrower profile for our bundles: binary only (no ASCII armor) and no passphrase
  (scrypt), post-quantum hybrid, tag or SSH recipient stanzas. Stanzas of types nobody
  defined are ignored, as the spec requires (that is how "grease" stanzas stay harmless).

Python cannot wipe ``bytes``: plaintext lives in memory until garbage-collected. That is the
accepted limit (SECURITY.md); what we guarantee is that none is written anywhere.
"""

from __future__ import annotations

import base64
import binascii
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

import pyrage
from pyrage import x25519

from fieldapp.errors import UserFacingError

VERSION_LINE = b"age-encryption.org/v1"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
#: The payload is a 16-byte nonce, then STREAM chunks of 64 KiB plaintext + a 16-byte tag.
CHUNK_SIZE = 64 * 1024
_NONCE_SIZE = 16
_TAG_SIZE = 16

#: Recipient types we know and refuse in bundles, with the words used in the error.
_REFUSED_TYPES = {
    "scrypt": "a passphrase (scrypt)",
    "mlkem768x25519": "a post-quantum hybrid (ML-KEM-768 + X25519)",
    "mlkem768p256tag": "a post-quantum hardware-tag",
    "p256tag": "a hardware-tag (P-256)",
    "ssh-rsa": "an SSH (RSA)",
    "ssh-ed25519": "an SSH (Ed25519)",
}
# age spec: an argument is 1*VCHAR; a body line is base64 of at most 64 columns.
_ARG = re.compile(rb"[\x21-\x7e]+\Z")
_B64_LINE = re.compile(rb"[A-Za-z0-9+/]{0,64}\Z")
_IDENTITY_PREFIX = "AGE-SECRET-KEY-1"
_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}\Z")
_BAD_IDENTITY = (
    "A key given to open the file is not an age X25519 secret key (AGE-SECRET-KEY-1...)."
)


class AgeDecryptError(UserFacingError):
    """The age file could not be decrypted; nothing was decrypted or kept.

    ``reason`` is a stable code for callers and tests: ``too-large``, ``armored``,
    ``not-age``, ``header``, ``unsupported-recipient``, ``no-match``, ``damaged``,
    ``bad-identity``.
    """

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


class AgeRecipientError(UserFacingError):
    """A recipient is not an age X25519 public key (``age1...``)."""


@dataclass(frozen=True)
class Stanza:
    type: str
    args: tuple[str, ...]
    body: bytes


def generate_identity() -> tuple[str, str]:
    """A new X25519 identity: (``AGE-SECRET-KEY-1...``, ``age1...``). Keep the first secret."""
    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())


def recipient_of(identity: str) -> str:
    """The ``age1...`` recipient of an ``AGE-SECRET-KEY-1...`` identity."""
    key = _parse_identity(identity)
    if key is None:
        raise AgeRecipientError(_BAD_IDENTITY)
    return str(key.to_public())


def check_recipient(recipient: str) -> str:
    """``recipient`` if it is a valid age X25519 recipient, else :class:`AgeRecipientError`."""
    if not isinstance(recipient, str) or not _RECIPIENT.match(recipient):
        raise AgeRecipientError("The key is not an age X25519 recipient (age1... in lower case).")
    try:
        x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError as exc:
        raise AgeRecipientError(
            "The key is not a valid age X25519 recipient (bad checksum)."
        ) from exc
    return recipient


def encrypt(plaintext: bytes, recipients: list[str]) -> bytes:
    """A binary age v1 file of ``plaintext`` that any of ``recipients`` (``age1...``) can open."""
    if not recipients:
        raise AgeRecipientError("An age file needs at least one recipient.")
    parsed = [x25519.Recipient.from_str(check_recipient(r)) for r in recipients]
    return pyrage.encrypt(bytes(plaintext), parsed)


def sealer(recipients: list[str], size: int):
    """A :class:`fieldapp.crypto.stream.Sealer` for a plaintext of ``size`` bytes to
    ``recipients`` (checked here): the bulk path of bundles carrying media (decision 0027)."""
    from fieldapp.crypto import stream

    if not recipients:
        raise AgeRecipientError("An age file needs at least one recipient.")
    return stream.Sealer([check_recipient(r) for r in recipients], size)


def opener(start: bytes, identities: list[str], file_size: int):
    """A :class:`fieldapp.crypto.stream.Opener` for the age file of ``file_size`` bytes that
    begins with ``start`` (at least its header and payload nonce: ``MAX_HEADER`` bytes, or
    the whole file if shorter), after the strict header checks of :func:`decrypt`; every way
    it fails is :class:`AgeDecryptError` with :func:`decrypt`'s reasons."""
    from fieldapp.crypto import stream

    _keys(identities)
    stanzas, header_end = _check_header(start, file_size)
    try:
        return stream.Opener(start, stanzas, header_end, identities, file_size)
    except stream.StreamError as exc:
        raise stream_error(exc) from None


def stream_error(exc) -> AgeDecryptError:
    """The :class:`AgeDecryptError` of a ``stream.StreamError`` (pyrage's reasons and words)."""
    return _failure(exc.reason)


def decrypt(ciphertext: bytes, identities: list[str], max_size: int) -> bytes:
    """The plaintext of a binary age v1 file, authenticated in full, or :class:`AgeDecryptError`.

    ``max_size`` caps the ciphertext (and so the plaintext, which is never larger) before any
    work is done. ``identities`` are ``AGE-SECRET-KEY-1...`` strings.
    """
    data = bytes(ciphertext)
    if len(data) > max_size:
        raise AgeDecryptError(
            "too-large",
            f"The encrypted file is larger than the limit of {max_size} bytes; it was not opened.",
        )
    keys = _keys(identities)
    _check_header(data, len(data))
    try:
        return pyrage.decrypt(data, keys)
    except BaseException as exc:
        # pyo3 turns a Rust panic into PanicException, a BaseException; it must not escape
        # as anything but our one error. Interrupts still propagate.
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        raise _from_pyrage(exc) from None


#: A bundle's age header (two X25519 stanzas, maybe some grease) is a few hundred bytes;
#: a header that does not end within this much of the file is refused as malformed.
MAX_HEADER = 64 * 1024


class _Enough(Exception):
    """Raised by the sink once the caller has the plaintext it asked for: stops decryption."""


class _Sink:
    """Collects authenticated plaintext chunks as pyrage writes them, within a budget."""

    def __init__(self, capacity: int, max_size: int, want: Callable[[bytearray], int] | None) -> None:
        self.buf = bytearray(capacity)
        self.n = 0
        self.max_size = max_size
        self.want = want
        self.wanted: int | None = None

    def write(self, data) -> int:
        size = len(data)
        if self.n + size > self.max_size:
            raise AgeDecryptError(
                "too-large",
                f"The decrypted content is larger than the limit of {self.max_size} bytes; it was not kept.")
        if self.n + size > len(self.buf):
            self.buf.extend(bytes(self.n + size - len(self.buf)))
        self.buf[self.n:self.n + size] = data
        self.n += size
        if self.want is not None:
            self.wanted = self.want(memoryview(self.buf)[:self.n])
            if self.n >= self.wanted:
                raise _Enough
        return size

    def flush(self) -> None:
        pass


class _Reader(io.RawIOBase):
    """The encrypted file as pyrage reads it, hashed on the way (one pass over the disk)."""

    def __init__(self, handle, digest) -> None:
        self.handle = handle
        self.digest = digest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.handle.readinto(buffer)
        if n and self.digest is not None:
            self.digest.update(memoryview(buffer)[:n])
        return n or 0

    def drain(self) -> None:
        """Hash the rest of the file (what decryption did not need to read), unless the
        digest says it wants no more (``wants_rest`` false: a format 3 bundle's importer
        hashes the file in its second pass)."""
        if self.digest is None or not getattr(self.digest, "wants_rest", True):
            return
        while chunk := self.handle.read(1 << 20):
            self.digest.update(chunk)


def decrypt_path(path: str | os.PathLike[str], identities: list[str], max_size: int,
                 want: Callable[[bytearray], int] | None = None, digest=None) -> bytearray:
    """Decrypt the binary age file at ``path`` from disk, chunk by chunk, never holding the file.

    Each 64 KiB STREAM chunk is authenticated before pyrage hands it over. Without ``want`` the
    whole plaintext is returned, authenticated to its last chunk (a cut or extended file is
    refused), at most ``max_size`` bytes. With ``want(plaintext so far) -> bytes needed``,
    decryption stops once that many bytes are in and exactly those are returned: the head of a
    bundle (its signer and manifest) costs a few chunks however large the file is (issue #17:
    an outsider's 1 GiB bundle is refused before it is decrypted). ``digest`` (a hashlib
    object) receives every byte of the file, the part decryption did not read included.
    Errors are :class:`AgeDecryptError` as for :func:`decrypt`; an unreadable file is ``OSError``.
    """
    keys = _keys(identities)
    size = os.stat(path).st_size
    with open(path, "rb") as handle:
        start = handle.read(min(size, MAX_HEADER))
        _check_header(start, size)
        handle.seek(0)
        reader = _Reader(handle, digest)
        sink = _Sink(0 if want is not None else min(size, max_size), max_size, want)
        try:
            pyrage.decrypt_io(io.BufferedReader(reader, 1 << 16), sink, keys)
        except _Enough:
            pass
        except AgeDecryptError:
            raise
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
                raise
            raise _from_pyrage(exc) from None
        reader.drain()
    if want is not None and sink.wanted is not None:
        del sink.buf[min(sink.n, sink.wanted):]
    else:
        del sink.buf[sink.n:]
    return sink.buf


def _keys(identities: list[str]) -> list[x25519.Identity]:
    """The identities parsed, or ``bad-identity`` (never echoing one: it is a secret key)."""
    if not identities:
        raise AgeDecryptError("bad-identity", "No key was given to open the encrypted file.")
    keys = [_parse_identity(i) for i in identities]
    if any(k is None for k in keys):
        raise AgeDecryptError("bad-identity", _BAD_IDENTITY)
    return keys  # type: ignore[return-value]


def _check_header(start: bytes, size: int) -> tuple[list[Stanza], int]:
    """The strict header checks of :func:`decrypt`, on the first bytes of a file of ``size``:
    its stanzas and where its payload starts."""
    stanzas, header_end = parse_header(start)
    for stanza in stanzas:
        if stanza.type in _REFUSED_TYPES:
            raise AgeDecryptError(
                "unsupported-recipient",
                f"The file is encrypted to {_REFUSED_TYPES[stanza.type]} recipient, which "
                "fieldapp bundles never use; it was not opened.",
            )
    if size - header_end < _NONCE_SIZE:
        raise AgeDecryptError(
            "header", "The encrypted file is cut short after its header; it was not opened."
        )
    return stanzas, header_end


def parse_header(data: bytes) -> tuple[list[Stanza], int]:
    """The recipient stanzas and the offset where the payload starts; strict age v1 grammar."""
    if data[:256].lstrip(b" \t\r\n").startswith(ARMOR_BEGIN):
        raise AgeDecryptError(
            "armored",
            "The file is ASCII-armored age (text); fieldapp bundles are binary age files, so it was not opened.",
        )
    pos = 0

    def line() -> bytes:
        nonlocal pos
        end = data.find(b"\n", pos)
        if end < 0:
            raise _header("the header ends without a newline")
        text = data[pos:end]
        pos = end + 1
        return text

    first = data.find(b"\n")
    if first < 0 or data[:first] != VERSION_LINE:
        if data.startswith(b"age-encryption.org/"):
            raise AgeDecryptError(
                "not-age", "The file uses an age format version fieldapp does not support."
            )
        raise AgeDecryptError("not-age", "The file is not an age v1 encrypted file.")
    line()
    stanzas: list[Stanza] = []
    while True:
        text = line()
        if text.startswith(b"---"):
            mac = _b64(text[4:]) if text.startswith(b"--- ") else None
            if mac is None or len(mac) != 32:
                raise _header("the header MAC line is malformed")
            break
        if not text.startswith(b"-> "):
            raise _header("a recipient stanza does not start with '-> '")
        args = text[3:].split(b" ")
        if not all(_ARG.match(a) for a in args):
            raise _header("a recipient stanza has an empty or invalid argument")
        body = _stanza_body(line)
        stanza = Stanza(args[0].decode("ascii"), tuple(a.decode("ascii") for a in args[1:]), body)
        if stanza.type == "X25519":
            _check_x25519(stanza)
        stanzas.append(stanza)
    if not stanzas:
        raise _header("the header has no recipients")
    return stanzas, pos


def _stanza_body(next_line) -> bytes:
    # Body: full 64-column lines, then exactly one shorter (possibly empty) final line.
    chunks = []
    while True:
        text = next_line()
        if not _B64_LINE.match(text):
            raise _header("a stanza body line is not canonical base64 of at most 64 columns")
        decoded = _b64(text)
        if decoded is None:
            raise _header("a stanza body is not canonical base64")
        chunks.append(decoded)
        if len(text) < 64:
            return b"".join(chunks)


def _check_x25519(stanza: Stanza) -> None:
    if len(stanza.args) != 1:
        raise _header("an X25519 stanza must have exactly one argument")
    share = _b64(stanza.args[0].encode("ascii"))
    if share is None or len(share) != 32:
        raise _header("an X25519 stanza's share is not 32 bytes of canonical base64")
    if len(stanza.body) != 32:
        raise _header("an X25519 stanza's wrapped key is not 32 bytes")


def _b64(text: bytes) -> bytes | None:
    """Decode unpadded base64; None unless it is the one canonical encoding (age spec)."""
    if len(text) % 4 == 1 or not re.fullmatch(rb"[A-Za-z0-9+/]*", text):
        return None
    try:
        decoded = base64.b64decode(text + b"=" * (-len(text) % 4), validate=True)
    except binascii.Error:
        return None
    if base64.b64encode(decoded).rstrip(b"=") != text:
        return None
    return decoded


def _header(detail: str) -> AgeDecryptError:
    return AgeDecryptError(
        "header", f"The encrypted file's header is malformed ({detail}); it was not opened."
    )


def _from_pyrage(exc: BaseException) -> AgeDecryptError:
    text = str(exc)
    if "No matching keys" in text:
        return _failure("no-match")
    if "Header" in text or "header" in text or "fill whole buffer" in text:
        return _failure("header")
    return _failure("damaged")


_FAILURES = {
    "no-match": "The file is not encrypted to this key (no matching recipient); it was not opened.",
    "header": "The encrypted file's header is damaged or was tampered with; it was not opened.",
    "damaged": "The encrypted file is damaged, cut short or was tampered with; nothing was decrypted.",
}


def _failure(reason: str) -> AgeDecryptError:
    """The error of a file that does not open (``no-match``, ``header``, anything else
    ``damaged``), in the same words whichever decrypted it (pyrage or ``stream``)."""
    reason = reason if reason in _FAILURES else "damaged"
    return AgeDecryptError(reason, _FAILURES[reason])


def _parse_identity(identity: str) -> x25519.Identity | None:
    # Never echo the string in an error: it is a secret key.
    if not isinstance(identity, str) or not identity.startswith(_IDENTITY_PREFIX):
        return None
    try:
        return x25519.Identity.from_str(identity)
    except pyrage.IdentityError:
        return None
