"""Where fieldapp keeps its own (non-secret) files: settings and the default store location.

Portable mode (``FIELDAPP_PORTABLE=1`` or a ``portable.txt`` next to the frozen app) keeps
everything next to the application, for use from a USB stick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_dir() -> Path:
    """The folder of the frozen executable, or of the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def is_portable() -> bool:
    return os.environ.get("FIELDAPP_PORTABLE") == "1" or (
        getattr(sys, "frozen", False) and (app_dir() / "portable.txt").exists()
    )


def config_dir() -> Path:
    """Settings folder (holds no answers, keys or store paths' contents)."""
    if os.environ.get("FIELDAPP_CONFIG_DIR"):
        return Path(os.environ["FIELDAPP_CONFIG_DIR"])
    if is_portable():
        return app_dir() / "fieldapp-data" / "config"
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return base / "fieldapp"


def default_store_dir() -> Path:
    """Where the GUI proposes to create a new store."""
    if is_portable():
        return app_dir() / "fieldapp-data" / "store"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "fieldapp" / "store"
