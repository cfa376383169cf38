"""Mutated key-slot files: from_bytes and unlock raise only StoreError or WrongPassphrase."""

from __future__ import annotations

import json

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.fuzz.strategies import byte_ops, fuzz_settings, json_ops
from tests.fuzz.targets import KeyFileTarget, KeySlotTarget

SLOT_KEYS = ("id", "type", "kdf", "salt", "iterations", "memory_kib", "lanes", "nonce", "wrapped",
             "format", "version", "store_id", "slots", "rotation", "reason", "recipients", "sealed")


@pytest.fixture(scope="module")
def target() -> KeySlotTarget:
    return KeySlotTarget()


def test_the_unmodified_file_unlocks(target):
    assert target.run(target.valid) == "unlocked"


@fuzz_settings(200)
@given(ops=byte_ops)
def test_byte_mutations(target, ops):
    event(target.run(target.bytes_input(ops)))


@fuzz_settings(200)
@given(ops=json_ops(SLOT_KEYS))
def test_json_mutations(target, ops):
    event(target.run(target.json_input(ops)))


@fuzz_settings(60)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes(target, data):
    assert target.run(data) == "refused"


@pytest.mark.parametrize("field, value", [
    ("memory_kib", 8192.9), ("memory_kib", "8192"), ("iterations", True), ("salt", None), ("id", 0.0),
])
def test_type_confusions_are_refused_or_harmless(target, field, value):
    doc = json.loads(target.valid)
    doc["slots"][0][field] = value
    assert target.run(json.dumps(doc).encode()) in ("refused", "wrong passphrase", "unlocked")


def test_argon2id_parameters_it_rejects_are_a_damaged_file(target):
    """8 KiB for 4 lanes passes keyslots' own range check, but Argon2id needs 8 KiB per lane."""
    doc = json.loads(target.valid)
    doc["slots"][0].update(memory_kib=8, lanes=4)
    assert target.run(json.dumps(doc).encode()) == "refused"


def test_a_non_hex_store_id_is_a_damaged_file(target):
    doc = json.loads(target.valid)
    doc["store_id"] = "\u00e9" * 32
    assert target.run(json.dumps(doc).encode()) == "refused"


def test_argon2id_cost_beyond_the_caps_is_refused_before_any_work(target):
    doc = json.loads(target.valid)
    doc["slots"][0].update(memory_kib=4 * 1024 * 1024)
    assert target.run(json.dumps(doc).encode()) == "refused"


@pytest.fixture(scope="module")
def keyfile_target(tmp_path_factory) -> KeyFileTarget:
    return KeyFileTarget(tmp_path_factory.mktemp("keyfile"))


def test_the_unmodified_key_file_unlocks_both_keys(keyfile_target):
    assert keyfile_target.run(keyfile_target.valid) == "unlocked"


@fuzz_settings(200)
@given(ops=byte_ops)
def test_key_file_byte_mutations(keyfile_target, ops):
    event(keyfile_target.run(keyfile_target.bytes_input(ops)))


def test_one_torn_copy_still_unlocks_and_two_are_refused(keyfile_target):
    from fieldapp.crypto import slotfile

    data = bytearray(keyfile_target.valid)
    data[100] ^= 1  # copy A torn
    assert keyfile_target.run(bytes(data)) == "unlocked"
    data[slotfile.COPY_SIZE + 100] ^= 1  # and copy B
    assert keyfile_target.run(bytes(data)) == "refused"
