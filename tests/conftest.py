"""Shared test fixtures.

Public test vectors live in ``../shared/vectors`` and are read in place, never copied.
``.ci/run`` (and ``make test``) set ``FIELDAPP_VECTORS`` to that folder: with the variable
set and the folder missing the tests fail; with it unset (a user's own clone without
``../shared``) they skip, saying why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _vectors_root() -> Path | None:
    env = os.environ.get("FIELDAPP_VECTORS")
    if env:
        root = Path(env)
        if not root.is_dir():
            raise RuntimeError(f"FIELDAPP_VECTORS={env} is set but the folder does not exist")
        return root
    guess = REPO.parent / "shared" / "vectors"
    return guess if guess.is_dir() else None


@pytest.fixture(scope="session")
def vectors() -> Path:
    """The public test-vector folder (``age-cctv``, ``xlsforms``)."""
    root = _vectors_root()
    if root is None:
        pytest.skip("public test vectors not found: set FIELDAPP_VECTORS to ../shared/vectors")
    return root


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Keep every test's config/cache/temp inside a private folder (residue tests rely on it)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    yield
