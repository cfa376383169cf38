"""age v1 files in bulk: the X25519 header and the STREAM payload on pyca/cryptography (decision 0027).

Bundles carrying media are gigabytes. pyrage (the Rust ``age`` crate) holds Python's GIL while
it encrypts or decrypts and runs ChaCha20-Poly1305 at about 0.8 GB per processor second
here; OpenSSL's, through ``cryptography``, runs at 2.4 GB/s with the GIL released, and
each 64 KiB chunk is sealed or opened on its own (its number is its nonce), so the chunks
can be worked on by whichever thread has them. This module is the age v1 format
(https://age-encryption.org/v1) written out over those primitives; nothing else of it is
ours:

* header: ``age-encryption.org/v1``, one ``X25519`` stanza per recipient (an ephemeral
  share; the 16-byte file key wrapped with ChaCha20-Poly1305 under HKDF-SHA-256 of the
  shared secret, salt share || recipient, info ``age-encryption.org/v1/X25519``), then
  ``---`` and HMAC-SHA-256 of the header under HKDF(file key, info ``header``);
* payload: a 16-byte nonce, then the plaintext in 64 KiB chunks, each sealed with
  ChaCha20-Poly1305 under HKDF(file key, salt nonce, info ``payload``), nonce the chunk's
  number (11 bytes, big-endian) and a last-chunk flag byte. Only an empty plaintext has an
  empty (final) chunk.

Opening takes the header through the strict parse of ``fieldapp.crypto.age`` first, so the
same files are refused for the same reasons; the C2SP CCTV vectors, pyrage and the
reference ``age`` tool check both directions in tests/core/test_age_stream.py.
"""

from __future__ import annotations

import base64
import hmac
import os
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK = 64 * 1024
TAG = 16
SEALED = CHUNK + TAG
NONCE = 16
FILE_KEY = 16
_X25519_INFO = b"age-encryption.org/v1/X25519"
_VERSION = b"age-encryption.org/v1\n"
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


class StreamError(Exception):
    """A chunk that does not open (``damaged``), or a layout that cannot be age's
    (``header``, ``no-match``, ``damaged``): ``fieldapp.crypto.age`` turns it into its error."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt or None, info=info).derive(ikm)


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _polymod(values: Iterable[int]) -> int:
    gen = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def bech32_decode(text: str, hrp: str) -> bytes | None:
    """The 8-bit payload of a Bech32 (BIP 173) string with this human-readable part (any one
    case), or None: age's recipients (``age1...``) and identities (``AGE-SECRET-KEY-1...``)."""
    if text.lower() != text and text.upper() != text:
        return None
    text = text.lower()
    pos = text.rfind("1")
    if text[:pos] != hrp.lower() or len(text) - pos - 1 < 6:
        return None
    try:
        data = [_BECH32.index(c) for c in text[pos + 1:]]
    except ValueError:
        return None
    expanded = [ord(c) >> 5 for c in hrp.lower()] + [0] + [ord(c) & 31 for c in hrp.lower()]
    if _polymod(expanded + data) != 1:
        return None
    acc = bits = 0
    out = bytearray()
    for v in data[:-6]:
        acc = (acc << 5) | v
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        return None  # padding longer than 4 bits, or not zero
    return bytes(out)


def recipient_key(recipient: str) -> bytes:
    """The 32-byte X25519 public key of an ``age1...`` recipient (checked by the caller)."""
    key = bech32_decode(recipient, "age")
    if key is None or len(key) != 32:
        raise ValueError("not an age X25519 recipient")
    return key


def identity_key(identity: str) -> X25519PrivateKey:
    key = bech32_decode(identity, "AGE-SECRET-KEY-")
    if key is None or len(key) != 32:
        raise ValueError("not an age X25519 identity")
    return X25519PrivateKey.from_private_bytes(key)


def chunk_count(size: int) -> int:
    """STREAM chunks of a plaintext of ``size`` bytes (an empty one has one, empty, chunk)."""
    return max(1, -(-size // CHUNK))


def sealed_size(size: int) -> int:
    """Bytes of the payload (nonce and chunks) of a plaintext of ``size`` bytes."""
    return NONCE + size + TAG * chunk_count(size)


def _chunk_nonce(n: int, last: bool) -> bytes:
    return n.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class Sealer:
    """An age file being written: a fresh file key, the header for ``recipients`` (``age1...``,
    checked by the caller) and the payload nonce in ``prefix``, then every 64 KiB chunk of a
    plaintext of ``size`` bytes sealed by its number (``seal_into``), in any order, on any
    thread."""

    def __init__(self, recipients: list[str], size: int) -> None:
        if not recipients:
            raise ValueError("an age file needs at least one recipient")
        file_key = os.urandom(FILE_KEY)
        lines = [_VERSION]
        for recipient in recipients:
            public = recipient_key(recipient)
            ephemeral = X25519PrivateKey.generate()
            share = ephemeral.public_key().public_bytes_raw()
            shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))  # all zeros: ValueError
            wrap = ChaCha20Poly1305(_hkdf(shared, share + public, _X25519_INFO))
            lines.append(b"-> X25519 " + _b64(share) + b"\n" + _b64(wrap.encrypt(bytes(12), file_key, None)) + b"\n")
        lines.append(b"---")
        header = b"".join(lines)
        mac = hmac.new(_hkdf(file_key, b"", b"header"), header, "sha256").digest()
        nonce = os.urandom(NONCE)
        self.prefix = header + b" " + _b64(mac) + b"\n" + nonce
        self.size = size
        self.chunks = chunk_count(size)
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))

    @property
    def file_size(self) -> int:
        return len(self.prefix) - NONCE + sealed_size(self.size)

    def sealed_length(self, n: int) -> int:
        """Bytes of chunk ``n`` once sealed (64 KiB and its tag; the last one what is left)."""
        return self.size - n * CHUNK + TAG if n == self.chunks - 1 else SEALED

    def check(self, n: int, sealed, scratch) -> bool:
        """Whether ``sealed``, read back from where chunk ``n`` was written, opens under this
        file's key as chunk ``n`` (its number and last-chunk flag are its nonce: a chunk from
        elsewhere in the file does not). Its plaintext goes to ``scratch`` (16 bytes fewer than
        ``sealed``), which the caller clears when done. The GIL is released."""
        if n >= self.chunks or len(sealed) != self.sealed_length(n):
            return False
        try:
            self._aead.decrypt_into(_chunk_nonce(n, n == self.chunks - 1), sealed, None, scratch)
        except InvalidTag:
            return False
        return True

    def seal_into(self, n: int, plain, out) -> None:
        """Chunk ``n`` (``plain``: 64 KiB, or what is left for the last) sealed into ``out``
        (a writable buffer of exactly ``len(plain) + 16`` bytes). The GIL is released."""
        last = n == self.chunks - 1
        if n >= self.chunks or (len(plain) != CHUNK and not last) or (last and len(plain) != self.size - n * CHUNK):
            raise ValueError("chunk out of place")
        self._aead.encrypt_into(_chunk_nonce(n, last), plain, None, out)


class Opener:
    """An age file being read, its header already through ``fieldapp.crypto.age``'s strict
    parse (``stanzas``, ``header_end``: where the payload nonce starts in ``head``): the file
    key found with one of ``identities``, the header's MAC checked, then every chunk opened
    by its number (``open_into``), in any order, on any thread. ``file_size`` fixes which
    chunk is the last (a cut or extended file fails there: its last chunk was not sealed
    as the last)."""

    def __init__(self, head: bytes, stanzas, header_end: int, identities: list[str], file_size: int) -> None:
        file_key = self._unwrap(stanzas, [identity_key(i) for i in identities])
        mac_line = head.rfind(b"\n---", 0, header_end) + 1
        mac = base64.b64decode(head[mac_line + 4:header_end - 1] + b"==")
        want = hmac.new(_hkdf(file_key, b"", b"header"), head[:mac_line + 3], "sha256").digest()
        if not hmac.compare_digest(mac, want):
            raise StreamError("header", "the header's MAC does not match")
        payload = file_size - header_end - NONCE
        if payload < TAG:
            raise StreamError("damaged", "the payload is shorter than one chunk")
        self.chunks = -(-payload // SEALED)
        self.last_size = payload - (self.chunks - 1) * SEALED
        if self.last_size < TAG or (self.last_size == TAG and self.chunks > 1):
            raise StreamError("damaged", "the last chunk is cut short or empty")
        self.size = payload - TAG * self.chunks
        self.payload_start = header_end + NONCE
        nonce = head[header_end:header_end + NONCE]
        if len(nonce) != NONCE:
            raise StreamError("header", "the payload nonce is missing")
        self._aead = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))

    @staticmethod
    def _unwrap(stanzas, keys: list[X25519PrivateKey]) -> bytes:
        for stanza in stanzas:
            if stanza.type != "X25519":
                continue  # other types (grease) are ignored, as the spec says
            share = base64.b64decode(stanza.args[0] + "==")
            for key in keys:
                public = key.public_key().public_bytes_raw()
                try:
                    shared = key.exchange(X25519PublicKey.from_public_bytes(share))
                except ValueError:
                    raise StreamError("header", "an X25519 share is a low-order point") from None
                wrap = ChaCha20Poly1305(_hkdf(shared, share + public, _X25519_INFO))
                try:
                    return wrap.decrypt(bytes(12), stanza.body, None)
                except InvalidTag:
                    continue
        raise StreamError("no-match", "no recipient stanza opens with the keys given")

    def sealed_length(self, n: int) -> int:
        return self.last_size if n == self.chunks - 1 else SEALED

    def open_into(self, n: int, sealed, out) -> None:
        """Chunk ``n``'s ciphertext (``sealed_length(n)`` bytes) opened into ``out`` (16 bytes
        fewer); InvalidTag is StreamError ``damaged``. The GIL is released."""
        if len(sealed) != self.sealed_length(n):
            raise StreamError("damaged", "a chunk is cut short")
        try:
            self._aead.decrypt_into(_chunk_nonce(n, n == self.chunks - 1), sealed, None, out)
        except InvalidTag:
            raise StreamError("damaged", "a chunk does not authenticate") from None
