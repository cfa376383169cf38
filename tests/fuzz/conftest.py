"""Fixtures for the fuzz tests: each target is built once per module and fed many inputs."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module", autouse=True)
def _fast_kdf_for_module_fixtures():
    """Module-wide stores are built before the per-test autouse fixture sets cheap Argon2id."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
        yield
