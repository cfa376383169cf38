"""Shared test fixtures.

Public test vectors live in ``../shared/vectors`` and are read in place, never copied.
``.ci/run`` (and ``make test``) set ``FIELDAPP_VECTORS`` to that folder: with the variable
set and the folder missing the tests fail; with it unset (a user's own clone without
``../shared``) they skip, saying why.
"""

from __future__ import annotations

import importlib.abc
import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


class _BlockQt(importlib.abc.MetaPathFinder):
    """With FIELDAPP_BLOCK_QT=1 the core suite runs as if PySide6 were not installed."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is blocked: the core must not import Qt")
        return None


if os.environ.get("FIELDAPP_BLOCK_QT") == "1":
    sys.meta_path.insert(0, _BlockQt())


def require_tool(name: str) -> str:
    """Path of an external tool; skip when missing, fail when FIELDAPP_REQUIRE_TOOLS=1 (CI)."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("FIELDAPP_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{name} is required in CI but not installed (make sysdeps installs it)")
    pytest.skip(f"{name} is not installed (make sysdeps installs it)")
    return ""


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
    # Argon2id at full cost takes ~0.7 s per unlock; tests use cheap parameters (verify warns).
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")
    monkeypatch.delenv("FIELDAPP_PASSPHRASE", raising=False)
    yield
