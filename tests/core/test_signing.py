"""Ed25519 signatures with purpose labels: what verifies, and everything that must not."""

from __future__ import annotations

import hashlib

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.crypto import signing
from fieldapp.crypto.signing import SignatureError
from fieldapp.errors import FieldAppError

BUNDLE = "fieldapp/bundle/v1"
RECEIPT = "fieldapp/receipt/v1"


@pytest.fixture(scope="module")
def pair():
    return signing.generate_signing_key()


def test_key_shapes_and_public_from_private(pair):
    private, public = pair
    assert len(private) == 32 and len(public) == 32
    assert signing.public_key(private) == public
    assert signing.generate_signing_key()[0] != private


def test_key_id_is_short_stable_and_distinct(pair):
    _, public = pair
    kid = signing.key_id(public)
    assert len(kid) == 16 and int(kid, 16) >= 0
    assert signing.key_id(public) == kid
    assert signing.key_id(signing.generate_signing_key()[1]) != kid
    # Labelled: not simply a prefix of the key's plain SHA-256.
    assert kid != hashlib.sha256(public).hexdigest()[:16]


@settings(max_examples=40, deadline=None)
@given(message=st.binary(max_size=2000))
def test_sign_verify_round_trip(pair, message):
    private, public = pair
    signature = signing.sign(private, BUNDLE, message)
    assert len(signature) == 64
    signing.verify(public, BUNDLE, message, signature)


@settings(max_examples=40, deadline=None)
@given(message=st.binary(min_size=1, max_size=200), data=st.data())
def test_any_changed_bit_fails(pair, message, data):
    private, public = pair
    signature = signing.sign(private, BUNDLE, message)
    which = data.draw(st.sampled_from(["message", "signature"]))
    target = bytearray(message if which == "message" else signature)
    index = data.draw(st.integers(0, len(target) - 1))
    target[index] ^= 1 << data.draw(st.integers(0, 7))
    with pytest.raises(SignatureError):
        if which == "message":
            signing.verify(public, BUNDLE, bytes(target), signature)
        else:
            signing.verify(public, BUNDLE, message, bytes(target))


def test_signature_for_one_purpose_never_verifies_for_another(pair):
    private, public = pair
    signature = signing.sign(private, BUNDLE, b"manifest")
    with pytest.raises(SignatureError) as info:
        signing.verify(public, RECEIPT, b"manifest", signature)
    assert RECEIPT in str(info.value)
    assert isinstance(info.value, FieldAppError)


def test_context_is_length_prefixed(pair):
    # Without the length prefix these two would sign identical bytes.
    private, public = pair
    signature = signing.sign(private, "fieldapp/a/v1", b"2x")
    with pytest.raises(SignatureError):
        signing.verify(public, "fieldapp/a/v12", b"x", signature)


def test_signature_is_not_over_the_bare_message(pair):
    private, public = pair
    signature = signing.sign(private, BUNDLE, b"manifest")
    with pytest.raises(InvalidSignature):
        Ed25519PublicKey.from_public_bytes(public).verify(signature, b"manifest")


def test_wrong_key_fails(pair):
    private, _ = pair
    _, other_public = signing.generate_signing_key()
    signature = signing.sign(private, BUNDLE, b"m")
    with pytest.raises(SignatureError) as info:
        signing.verify(other_public, BUNDLE, b"m", signature)
    assert signing.key_id(other_public) in str(info.value)


@pytest.mark.parametrize("bad", [b"", b"\x00" * 63, b"\x00" * 65, "not bytes"])
def test_malformed_signature_is_a_signature_error(pair, bad):
    _, public = pair
    with pytest.raises(SignatureError):
        signing.verify(public, BUNDLE, b"m", bad)


@pytest.mark.parametrize("bad", [b"", b"\x01" * 31, b"\x01" * 33])
def test_malformed_public_key_is_a_signature_error(pair, bad):
    private, _ = pair
    signature = signing.sign(private, BUNDLE, b"m")
    with pytest.raises(SignatureError):
        signing.verify(bad, BUNDLE, b"m", signature)


@pytest.mark.parametrize(
    "context", ["", "bundle", "fieldapp/bundle", "Fieldapp/bundle/v1", "fieldapp//v1", "x" * 300]
)
def test_bad_contexts_are_programming_errors(pair, context):
    private, _ = pair
    with pytest.raises(ValueError):
        signing.sign(private, context, b"m")


def test_private_key_must_be_32_bytes():
    with pytest.raises(ValueError):
        signing.sign(b"\x00" * 31, BUNDLE, b"m")


def test_known_answer_with_rfc8032_key():
    """Pinned outputs: bundles signed today must verify with every later version."""
    # RFC 8032 section 7.1, test 1 key pair.
    private = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    assert signing.public_key(private) == public
    assert signing.key_id(public) == "a63732779f0f0775"
    signature = signing.sign(private, BUNDLE, b"")
    # The signing rule written out independently: PREFIX | len(context) | context | message.
    labelled = b"fieldapp-signature\x00" + bytes([len(BUNDLE)]) + BUNDLE.encode() + b""
    assert signature == Ed25519PrivateKey.from_private_bytes(private).sign(labelled)
    assert signature.hex() == (
        "665f1fd97ec4ea0ec9d72decc5b15f6b38d421f614fd33f35ef47f1a4f4c9435"
        "ad272590d35d77975cc46e15dff15dbee71a84d6075256645e6cfedfcdadcf01"
    )
    signing.verify(public, BUNDLE, b"", signature)
