"""The export's read-back check (decision 0030): the stick's file, as it comes back, must open
chunk by chunk under the file key the export sealed it with, whatever sizes the reads come in.

It replaced a CRC-32 taken while writing; what it must catch is what a stick does wrong: a byte
changed, a block returned from elsewhere (a fake capacity wrapping round), blocks out of order,
a file cut short or carrying more than was written."""

from __future__ import annotations

import os
import random

import pyrage
import pytest
from pyrage import x25519

from fieldapp.crypto import age, stream
from fieldapp.errors import UserFacingError
from fieldapp.exchange.export import _Returned
from tests.core.test_age_stream import sealed_file

SIZE = 5 * stream.CHUNK + 1234  # six chunks, the last one short


@pytest.fixture(scope="module")
def sealed():
    """A sealer and the file it sealed (its plaintext random, as the media are)."""
    identity, recipient = age.generate_identity()
    plain = os.urandom(SIZE)
    s, data = sealed_file(plain, [recipient])
    assert pyrage.decrypt(data, [x25519.Identity.from_str(identity)]) == plain  # an age file
    return s, data


def returned(sealer, data: bytes, cuts: list[int]) -> None:
    """``data`` fed to the check in pieces ending at ``cuts``, as the read-back's buffers."""
    check = _Returned(sealer, "stick/bundle.fab")
    at = 0
    try:
        for end in [*cuts, len(data)]:
            check(memoryview(data)[at:end])
            at = end
        check.finish()
    finally:
        check.clear()


def random_cuts(rng: random.Random, size: int) -> list[int]:
    return sorted(rng.sample(range(1, size), rng.randint(0, 12)))


def test_the_file_as_written_passes_in_any_pieces(sealed):
    sealer, data = sealed
    rng = random.Random(5)
    returned(sealer, data, [])
    returned(sealer, data, list(range(1, len(data))[::997]))  # small pieces, chunks across them
    header = len(sealer.prefix)
    returned(sealer, data, [header - 1, header, header + stream.SEALED])  # cuts at the edges
    for _ in range(40):
        returned(sealer, data, random_cuts(rng, len(data)))


def fails(sealer, data: bytes, cuts: list[int] | None = None) -> bool:
    try:
        returned(sealer, data, cuts or [])
    except UserFacingError as exc:
        assert exc.message.code == "export.read_back"
        return True
    return False


def test_one_byte_changed_anywhere_fails(sealed):
    sealer, data = sealed
    rng = random.Random(8)
    spots = [0, len(sealer.prefix) - 1, len(sealer.prefix), len(data) - 1,
             *rng.sample(range(len(data)), 60)]
    for at in spots:
        bad = bytearray(data)
        bad[at] ^= 1 << rng.randrange(8)
        assert fails(sealer, bytes(bad), random_cuts(rng, len(data))), at


def test_a_block_from_elsewhere_or_out_of_order_fails(sealed):
    """A fake-capacity stick returns what it wrote later in place of what it wrote first; a
    confused one returns blocks swapped. Every chunk is a valid chunk of this very file, so
    only its place (its number, in the nonce) gives it away."""
    sealer, data = sealed
    start, s = len(sealer.prefix), stream.SEALED
    chunks = [data[start + i * s:start + (i + 1) * s] for i in range(sealer.chunks)]
    head = data[:start]
    wrapped = head + chunks[0] + chunks[1] + chunks[0] + chunks[1] + chunks[4] + chunks[5]
    swapped = head + chunks[1] + chunks[0] + b"".join(chunks[2:])
    for bad in (wrapped, swapped):
        assert len(bad) == len(data)
        assert fails(sealer, bad)
    # a whole file that is age's and opens, but sealed with another key: not what was written
    other = age.sealer([age.generate_identity()[1]], SIZE)
    assert fails(other, data)


def test_a_file_cut_short_or_longer_fails(sealed):
    sealer, data = sealed
    for bad in (data[:-1], data[:len(sealer.prefix)], data[:len(sealer.prefix) - 3], b"",
                data[:-stream.SEALED], data + b"\x00", data + data[-stream.SEALED:]):
        assert fails(sealer, bad)


def test_the_plaintext_opened_on_the_way_is_cleared(sealed):
    sealer, data = sealed
    check = _Returned(sealer, "stick/bundle.fab")
    check(memoryview(data)[:len(data) - 10])
    check(memoryview(data)[len(data) - 10:])
    check.finish()
    assert any(check._scratch) and any(check._carry)  # noqa: SLF001 - what clear() is for
    check.clear()
    assert not any(check._scratch) and not any(check._carry)  # noqa: SLF001
