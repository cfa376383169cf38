"""Our age STREAM over pyca/cryptography (fieldapp.crypto.stream, decision 0027), the bulk path of
media bundles: against the C2SP CCTV vectors, pyrage and the reference ``age`` tool, both ways."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess

import pyrage
import pytest
from pyrage import x25519

from fieldapp.crypto import age, stream
from fieldapp.crypto.age import AgeDecryptError
from fieldapp.exchange import media_bundle
from tests.conftest import require_tool
from tests.core.test_age_layer import (
    FRESH_SECRET,
    MAX,
    _read_vector,
    _run,
    _vector_dir,
    _vector_names,
)

CHUNK = stream.CHUNK
SIZES = [0, 1, 15, 16, 17, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7,
         media_bundle.READ_CHUNKS * CHUNK, media_bundle.READ_CHUNKS * CHUNK + 1]


@pytest.fixture(scope="module")
def keys():
    return age.generate_identity(), age.generate_identity()


def sealed_file(plaintext: bytes, recipients: list[str]) -> tuple[stream.Sealer, bytes]:
    """A whole file through the Sealer, chunk by chunk (the export's path), and the sealer."""
    s = age.sealer(recipients, len(plaintext))
    out = bytearray(s.prefix)
    for n in range(s.chunks):
        part = plaintext[n * CHUNK:(n + 1) * CHUNK]
        buf = bytearray(len(part) + stream.TAG)
        s.seal_into(n, part, buf)
        out += buf
    assert len(out) == s.file_size
    return s, bytes(out)


def seal(plaintext: bytes, recipients: list[str]) -> bytes:
    return sealed_file(plaintext, recipients)[1]


def open_stream(data: bytes, identities: list[str]) -> bytes:
    """A whole file through the import's reading path (``age.opener`` and
    ``media_bundle._opened_blocks``), the file's SHA-256 checked on the way."""
    def read(buf, offset: int) -> int:  # what directio.DirectReader.readinto does, from memory
        got = data[offset:offset + len(buf)]
        buf[:len(got)] = got
        return len(got)

    start = media_bundle.read_start(read, len(data))
    digest = hashlib.sha256(start)
    opener = age.opener(start, identities, len(data))
    ring = [bytearray(media_bundle.READ_CHUNKS * CHUNK) for _ in range(media_bundle.PLAIN_DEPTH + 2)]
    plain = b"".join(bytes(b) for b in media_bundle._opened_blocks(read, len(data), opener, len(start), digest,
                                                                    ring))
    assert digest.hexdigest() == hashlib.sha256(data).hexdigest(), "every byte of the file is hashed"
    assert len(plain) == opener.size
    return plain


def stream_outcome(data: bytes, identities: list[str]) -> tuple[str, bytes | None]:
    try:
        return "decrypted", open_stream(data, identities)
    except AgeDecryptError as exc:
        assert str(exc)
        return exc.reason, None


@pytest.mark.parametrize("name", _vector_names())
def test_cctv_vector_through_our_stream(vectors, name):
    """Every vector: the same plaintext or the same refusal as the pyrage path with its strict
    header parse (test_age_layer: success vectors decrypt to their hash, the others refused)."""
    vector = _read_vector(_vector_dir(vectors) / name)
    outcome = stream_outcome(vector.data, vector.identities or [FRESH_SECRET])
    assert outcome == _run(vector), name
    if vector.expect == "success" and vector.feature is None:
        assert hashlib.sha256(outcome[1]).hexdigest() == vector.payload_sha256


@pytest.mark.parametrize("size", SIZES)
def test_our_sealer_is_opened_by_pyrage_and_by_us(keys, size):
    (secret, recipient), (escrow_secret, escrow) = keys
    plaintext = random.Random(size).randbytes(size)
    data = seal(plaintext, [recipient, escrow])
    assert pyrage.decrypt(data, [x25519.Identity.from_str(secret)]) == plaintext
    assert age.decrypt(data, [escrow_secret], MAX) == plaintext
    assert open_stream(data, [secret]) == plaintext
    assert size < 32 or plaintext[:32] not in data


@pytest.mark.parametrize("size", [0, CHUNK, 3 * CHUNK + 5])
def test_we_open_what_pyrage_seals(keys, size):
    (secret, recipient), _ = keys
    plaintext = random.Random(size + 1).randbytes(size)
    assert open_stream(age.encrypt(plaintext, [recipient]), [secret]) == plaintext


def test_the_reference_tool_opens_what_we_seal_and_we_open_what_it_seals(tmp_path, keys):
    tool = require_tool("age")
    (secret, recipient), (_, escrow) = keys
    identity = tmp_path / "identity.txt"
    identity.touch(mode=0o600)
    identity.write_text(secret + "\n")
    plaintext = random.Random(9).randbytes(5 * CHUNK + 123)
    out = subprocess.run([tool, "-d", "-i", str(identity)], input=seal(plaintext, [recipient, escrow]),
                         capture_output=True, check=False)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert out.stdout == plaintext
    theirs = subprocess.run([tool, "-e", "-r", recipient], input=plaintext, capture_output=True, check=True).stdout
    assert open_stream(theirs, [secret]) == plaintext


def test_each_chunk_and_the_header_are_authenticated(keys):
    (secret, recipient), (other, _) = keys
    plaintext = os.urandom(3 * CHUNK + 10)
    data = seal(plaintext, [recipient])
    mac = data.index(b"\n---") + 1
    share = data.index(b"-> X25519 ") + 12
    # a stanza changed no longer opens with the key; the MAC, the payload's nonce and each
    # chunk are checked (the nonce: the payload key is another)
    for at, reasons in [(share, {"no-match", "header"}), (mac + 8, {"header"}), (mac + 48, {"damaged"}),
                        (len(data) - 3 * stream.SEALED - 5, {"damaged"}), (len(data) - 1, {"damaged"})]:
        broken = bytearray(data)
        broken[at] ^= 1
        assert stream_outcome(bytes(broken), [secret])[0] in reasons, at
    assert stream_outcome(data, [other])[0] == "no-match"


def test_a_file_cut_or_extended_at_a_chunk_boundary_is_refused(keys):
    """The last chunk is sealed as the last: a file cut after a whole chunk, or one with a
    chunk or a byte more, does not open, and none of its plaintext is handed out."""
    (secret, recipient), _ = keys
    data = seal(os.urandom(3 * CHUNK), [recipient])
    for variant in (data[:-stream.SEALED], data[:-1], data + b"\0", data + data[-stream.SEALED:]):
        assert stream_outcome(variant, [secret])[0] == "damaged"


def test_the_sealer_refuses_a_chunk_out_of_place(keys):
    (_, recipient), _ = keys
    s = age.sealer([recipient], CHUNK + 10)
    with pytest.raises(ValueError):
        s.seal_into(0, bytes(10), bytearray(26))  # only the last chunk may be short
    with pytest.raises(ValueError):
        s.seal_into(1, bytes(9), bytearray(25))  # the last chunk is exactly what is left
    with pytest.raises(ValueError):
        s.seal_into(2, bytes(10), bytearray(26))
    with pytest.raises(age.AgeRecipientError):
        age.sealer(["age1notakey"], 10)
    with pytest.raises(age.AgeRecipientError):
        age.sealer([], 10)


def test_bech32_keys_decode_as_pyrage_reads_them():
    for _ in range(20):
        secret, recipient = age.generate_identity()
        public = stream.identity_key(secret).public_key().public_bytes_raw()
        assert public == stream.recipient_key(recipient)
    secret, recipient = age.generate_identity()
    assert stream.bech32_decode(recipient.upper(), "age") == stream.recipient_key(recipient)
    assert stream.bech32_decode(recipient[:5] + recipient[5:].upper(), "age") is None  # mixed case
    flipped = recipient[:-1] + ("q" if recipient[-1] != "q" else "p")
    assert stream.bech32_decode(flipped, "age") is None  # checksum
    assert stream.bech32_decode(recipient, "AGE-SECRET-KEY-") is None  # another part
