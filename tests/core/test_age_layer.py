"""Our age layer against the C2SP CCTV age vectors, round trips, tampering and the reference tool."""

from __future__ import annotations

import collections
import hashlib
import random
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyrage import x25519

from fieldapp.crypto import age
from fieldapp.crypto.age import AgeDecryptError
from fieldapp.errors import FieldAppError
from tests.conftest import require_tool

MAX = 64 * 1024 * 1024
CHUNK = age.CHUNK_SIZE
FRESH_SECRET, _ = age.generate_identity()

# Our reason codes for each CCTV expectation (vectors of features we do use).
EXPECTED_REASONS = {
    "no match": {"no-match"},
    "HMAC failure": {"header"},
    "header failure": {"header", "not-age"},
    "payload failure": {"damaged"},
}
#: Vectors pyrage 1.4 decrypts although the spec says the header is invalid; our strict
#: header parse refuses them (see fieldapp.crypto.age).
PYRAGE_GAPS = {"stanza_missing_body", "stanza_missing_final_line"}


@dataclass
class Vector:
    name: str
    expect: str
    payload_sha256: str | None
    identities: list[str]
    feature: str | None  # armor / scrypt / hybrid: features bundles never use
    data: bytes


def _read_vector(path: Path) -> Vector:
    raw = path.read_bytes()
    head, sep, body = raw.partition(b"\n\n")
    assert sep, f"{path.name}: no blank line after the header"
    fields: dict[str, list[str]] = collections.defaultdict(list)
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        fields[key].append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    identities = fields.get("identity", [])
    if fields.get("armored") == ["yes"]:
        feature = "armor"
    elif "passphrase" in fields:
        feature = "scrypt"
    elif any(i.startswith("AGE-SECRET-KEY-PQ-") for i in identities):
        feature = "hybrid"
    else:
        feature = None
    return Vector(
        name=path.name,
        expect=fields["expect"][0],
        payload_sha256=(fields.get("payload") or [None])[0],
        identities=[i for i in identities if i.startswith("AGE-SECRET-KEY-1")],
        feature=feature,
        data=body,
    )


def _vector_dir(vectors: Path) -> Path:
    folder = vectors / "age-cctv"
    assert folder.is_dir(), f"{folder} is missing from the public test vectors"
    return folder


def _vector_names() -> list[str]:
    # Collected at import time so every vector is its own test; the fixture still decides
    # whether the folder is there (skip) or required (fail).
    from tests.conftest import _vectors_root

    root = _vectors_root()
    if root is None or not (root / "age-cctv").is_dir():
        return ["<vectors missing>"]
    return sorted(
        p.name for p in (root / "age-cctv").iterdir() if p.name not in ("README.md", "LICENSE")
    )


def _run(vector: Vector) -> tuple[str, bytes | None]:
    """('decrypted', plaintext) or (reason, None); anything else escaping is a test failure."""
    try:
        return "decrypted", age.decrypt(vector.data, vector.identities or [FRESH_SECRET], MAX)
    except AgeDecryptError as exc:
        assert str(exc), "the error must say why"
        return exc.reason, None


@pytest.mark.parametrize("name", _vector_names())
def test_cctv_vector(vectors, name):
    vector = _read_vector(_vector_dir(vectors) / name)
    outcome, plaintext = _run(vector)
    if vector.feature is not None:
        # Armor, passphrases and post-quantum hybrids are refused outright in bundles: that
        # refusal (with a reason, checked in _run) is what this vector tests, so it passes.
        assert plaintext is None, f"{name}: a {vector.feature} file must be refused"
        assert outcome != "decrypted"
        return
    if vector.expect == "success":
        assert outcome == "decrypted", f"{name}: expected to decrypt, got {outcome}"
        assert hashlib.sha256(plaintext).hexdigest() == vector.payload_sha256
    else:
        assert plaintext is None
        assert outcome in EXPECTED_REASONS[vector.expect], (
            f"{name}: {vector.expect} reported as {outcome}"
        )


def test_cctv_summary(vectors):
    """Every vector accounted for: decrypted, refused as the vector expects, or refused for a feature bundles never use."""
    folder = _vector_dir(vectors)
    counts = collections.Counter()
    for name in _vector_names():
        vector = _read_vector(folder / name)
        outcome, _ = _run(vector)
        if vector.feature:
            assert outcome != "decrypted"
            counts[f"refused feature ({vector.feature})"] += 1
        elif outcome == "decrypted":
            assert vector.expect == "success"
            counts["decrypted"] += 1
        else:
            assert vector.expect != "success"
            counts["refused"] += 1
    summary = dict(counts)
    assert summary == {
        "decrypted": 14,
        "refused": 53,
        "refused feature (armor)": 33,
        "refused feature (scrypt)": 25,
        "refused feature (hybrid)": 18,
    }, summary
    assert sum(counts.values()) == 143


@pytest.mark.parametrize("name", _vector_names())
def test_cctv_vector_streamed_from_disk(vectors, name, tmp_path):
    """``decrypt_path`` (bundles are decrypted from disk, chunk by chunk) agrees with ``decrypt`` on
    every vector: same plaintext or same reason; its head is a prefix of the plaintext."""
    vector = _read_vector(_vector_dir(vectors) / name)
    path = tmp_path / "vector.age"
    path.write_bytes(vector.data)
    identities = vector.identities or [FRESH_SECRET]
    try:
        streamed: tuple[str, bytes | None] = ("decrypted", bytes(age.decrypt_path(path, identities, MAX)))
    except AgeDecryptError as exc:
        streamed = (exc.reason, None)
    assert streamed == _run(vector), name
    if streamed[0] == "decrypted":
        digest = hashlib.sha256()
        head = age.decrypt_path(path, identities, MAX, want=lambda plain: 100, digest=digest)
        assert bytes(head) == streamed[1][:100]
        assert digest.hexdigest() == hashlib.sha256(vector.data).hexdigest(), "the whole file is hashed"


def test_pyrage_gaps_are_known_and_closed(vectors):
    """Every vector raw pyrage wrongly decrypts is a known gap, and our layer refuses each one."""
    folder = _vector_dir(vectors)
    pyrage_accepts = set()
    for name in _vector_names():
        vector = _read_vector(folder / name)
        if vector.feature or vector.expect == "success":
            continue
        keys = [x25519.Identity.from_str(i) for i in vector.identities or [FRESH_SECRET]]
        try:
            pyrage.decrypt(vector.data, keys)
            pyrage_accepts.add(name)
        except pyrage.DecryptError:
            pass
    assert pyrage_accepts <= PYRAGE_GAPS, f"new pyrage gaps: {pyrage_accepts - PYRAGE_GAPS}"
    for name in sorted(PYRAGE_GAPS):
        vector = _read_vector(folder / name)
        with pytest.raises(AgeDecryptError) as info:
            age.decrypt(vector.data, vector.identities, MAX)
        assert info.value.reason == "header"
        assert "stanza" in str(info.value)


# --- our own files -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def keys():
    return age.generate_identity(), age.generate_identity()


def test_generate_identity_shapes():
    secret, recipient = age.generate_identity()
    assert secret.startswith("AGE-SECRET-KEY-1") and recipient.startswith("age1")
    assert age.recipient_of(secret) == recipient
    assert age.check_recipient(recipient) == recipient
    assert age.generate_identity()[0] != secret


# Sizes around the 64 KiB STREAM chunk boundaries, where off-by-one bugs live.
BOUNDARY_SIZES = st.builds(
    lambda k, d: max(0, k * CHUNK + d), st.integers(0, 3), st.integers(-2, 2)
)


@settings(max_examples=30, deadline=None)
@given(size=BOUNDARY_SIZES, seed=st.integers(0, 2**32))
def test_round_trip_around_chunk_boundaries(keys, size, seed):
    (secret, recipient), (escrow_secret, escrow_recipient) = keys
    plaintext = random.Random(seed).randbytes(size)
    sealed = age.encrypt(plaintext, [recipient, escrow_recipient])
    assert plaintext[:32] not in sealed or size < 32
    assert age.decrypt(sealed, [secret], MAX) == plaintext
    assert age.decrypt(sealed, [escrow_secret], MAX) == plaintext


@settings(max_examples=30, deadline=None)
@given(plaintext=st.binary(max_size=300))
def test_small_round_trip(keys, plaintext):
    (secret, recipient), _ = keys
    assert age.decrypt(age.encrypt(plaintext, [recipient]), [secret], MAX) == plaintext


def test_wrong_identity_refused(keys):
    (_, recipient), (other_secret, _) = keys
    sealed = age.encrypt(b"answer", [recipient])
    with pytest.raises(AgeDecryptError) as info:
        age.decrypt(sealed, [other_secret], MAX)
    assert info.value.reason == "no-match"
    assert "not encrypted to this key" in str(info.value)
    assert isinstance(info.value, FieldAppError)


def test_any_of_several_identities_works(keys):
    (secret, recipient), (other_secret, _) = keys
    sealed = age.encrypt(b"answer", [recipient])
    assert age.decrypt(sealed, [other_secret, secret], MAX) == b"answer"


def test_size_cap_checked_before_work(keys):
    (secret, recipient), _ = keys
    sealed = age.encrypt(b"x" * 1000, [recipient])
    with pytest.raises(AgeDecryptError) as info:
        age.decrypt(sealed, [secret], len(sealed) - 1)
    assert info.value.reason == "too-large"
    assert age.decrypt(sealed, [secret], len(sealed)) == b"x" * 1000


def _header_end(sealed: bytes) -> int:
    return age.parse_header(sealed)[1]


def test_truncation_at_every_header_byte_and_chunk_boundary(keys):
    (secret, recipient), _ = keys
    plaintext = random.Random(1).randbytes(2 * CHUNK + 100)
    sealed = age.encrypt(plaintext, [recipient])
    start = _header_end(sealed)
    payload_cuts = [start + 16 + i * (CHUNK + 16) + d for i in range(3) for d in (-1, 0, 1)]
    cuts = list(range(0, start + 17)) + payload_cuts + [len(sealed) - 1]
    for cut in cuts:
        with pytest.raises(AgeDecryptError):
            age.decrypt(sealed[:cut], [secret], MAX)


def test_bit_flips_in_header_and_each_chunk_refused(keys):
    (secret, recipient), _ = keys
    sealed = age.encrypt(random.Random(2).randbytes(2 * CHUNK + 5), [recipient])
    start = _header_end(sealed)
    positions = list(range(0, start, 7)) + [start - 2, start + 3]  # header, MAC, nonce
    positions += [start + 16 + i * (CHUNK + 16) + off for i in range(3) for off in (0, 5)]
    positions += [len(sealed) - 1]  # last tag byte
    for pos in positions:
        flipped = bytearray(sealed)
        flipped[pos] ^= 0x01
        with pytest.raises(AgeDecryptError):
            age.decrypt(bytes(flipped), [secret], MAX)


@pytest.mark.parametrize("tail", [b"\x00", b"garbage" * 10, bytes(CHUNK + 16)])
def test_trailing_garbage_refused(keys, tail):
    (secret, recipient), _ = keys
    sealed = age.encrypt(b"answer", [recipient])
    with pytest.raises(AgeDecryptError):
        age.decrypt(sealed + tail, [secret], MAX)


@pytest.mark.parametrize(
    "data", [b"", b"\n", b"age-encryption.org/v1", b"not an age file at all\n", bytes(1000)]
)
def test_garbage_refused(keys, data):
    (secret, _), _ = keys
    with pytest.raises(AgeDecryptError):
        age.decrypt(data, [secret], MAX)


def test_armored_refused_with_reason(keys):
    (secret, recipient), _ = keys
    armored = pyrage.encrypt(b"answer", [x25519.Recipient.from_str(recipient)], armored=True)
    with pytest.raises(AgeDecryptError) as info:
        age.decrypt(armored, [secret], MAX)
    assert info.value.reason == "armored"
    assert "ASCII-armored" in str(info.value)


def test_passphrase_file_refused_with_reason(keys):
    (secret, _), _ = keys
    sealed = pyrage.passphrase.encrypt(b"answer", "correct horse battery staple")
    with pytest.raises(AgeDecryptError) as info:
        age.decrypt(sealed, [secret], MAX)
    assert info.value.reason == "unsupported-recipient"
    assert "passphrase (scrypt)" in str(info.value)


def test_bad_identity_is_refused_without_echoing_it(keys):
    (secret, recipient), _ = keys
    sealed = age.encrypt(b"answer", [recipient])
    bogus = secret[:-3] + "QQQ"
    with pytest.raises(AgeDecryptError) as info:
        age.decrypt(sealed, [bogus], MAX)
    assert info.value.reason == "bad-identity"
    assert secret[20:] not in str(info.value)
    with pytest.raises(AgeDecryptError):
        age.decrypt(sealed, [], MAX)


@pytest.mark.parametrize(
    "recipient",
    [
        "",
        "age1",
        "AGE1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQS3290GQ",
        "ssh-ed25519 AAAA",
    ],
)
def test_encrypt_rejects_bad_recipients(recipient):
    with pytest.raises(age.AgeRecipientError):
        age.encrypt(b"x", [recipient])


def test_encrypt_needs_a_recipient():
    with pytest.raises(age.AgeRecipientError):
        age.encrypt(b"x", [])


def test_recipient_checksum_is_checked():
    _, recipient = age.generate_identity()
    last = recipient[-1]
    broken = recipient[:-1] + ("q" if last != "q" else "p")
    with pytest.raises(age.AgeRecipientError):
        age.check_recipient(broken)


# --- the reference tool --------------------------------------------------------------------


def test_reference_age_tool_opens_our_files(tmp_path, keys):
    tool = require_tool("age")
    (secret, recipient), (_, escrow) = keys
    plaintext = random.Random(3).randbytes(CHUNK + 10)
    sealed = age.encrypt(plaintext, [recipient, escrow])
    identity_file = tmp_path / "identity.txt"
    identity_file.touch(mode=0o600)
    identity_file.write_text(secret + "\n")
    out = subprocess.run(
        [tool, "--decrypt", "-i", str(identity_file)],
        input=sealed,
        capture_output=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert out.stdout == plaintext


def test_we_open_the_reference_tools_files(keys):
    tool = require_tool("age")
    (secret, recipient), _ = keys
    plaintext = random.Random(4).randbytes(3 * CHUNK)
    out = subprocess.run(
        [tool, "--encrypt", "-r", recipient], input=plaintext, capture_output=True, check=False
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert age.decrypt(out.stdout, [secret], MAX) == plaintext
