"""Receipts on the stick tell an observer nothing (issue #17, finding 9).

The observer copies the stick and holds the public project key file (given to every laptop).
A receipt must not let them learn which bundle was accepted, from which device, or its number:
it is sealed under a key from the bundle's id (inside the age encryption), its name is random,
and only the laptop that made the bundle opens and applies it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.crypto.projectkey import load_project_key
from fieldapp.errors import UserFacingError
from fieldapp.exchange.receipt import apply_receipt, read_receipt
from tests.core.test_exchange import World
from tests.core.test_exchange_support import reopen


@pytest.fixture
def world(tmp_path):
    return World(tmp_path / "w")


def test_a_stick_observer_learns_nothing_from_a_receipt(world):
    a, b = world.device(2), world.device(1)
    bundle_a = world.export(a)
    [report] = world.import_(bundle_a)
    world.export(b)  # b is enrolled too, its own bundle waiting
    receipt = Path(report.receipt)
    data = receipt.read_bytes()
    with reopen(a) as d:
        device_id = d.info.device_id
    # what the observer tries: read it as a receipt with the public key file's C_sign
    signing_key = load_project_key(world.project_key).signing_key
    with pytest.raises(UserFacingError, match="is not a fieldapp receipt"):
        read_receipt(data, signing_key, receipt.name)
    for visible in (device_id, report.bundle_id, bundle_a.name, bundle_a.stem, '"seq"', "fieldapp-receipt"):
        assert visible.encode() not in data and visible not in receipt.name
    # another laptop of the project cannot use it either
    with reopen(b) as d, pytest.raises(UserFacingError, match="not a receipt for a bundle of this laptop"):
        apply_receipt(d, receipt)
    with reopen(a) as d:
        result = apply_receipt(d, receipt)
        assert not result.already and result.interviews == 2
        assert d.conn.execute("SELECT length(sealed) FROM outbox").fetchall() == [(0,)]
