"""The desktop app's settings file: interface language, idle-lock minutes, last store folder.

Qt-free (plain JSON under ``fieldapp.paths.config_dir()``; ARCHITECTURE s.2 ``settings.py``).
The file never holds answers, keys or passphrases; a file that cannot be read falls back to
defaults instead of stopping the app from starting, because a field laptop must always reach
its unlock screen.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from fieldapp.fileio import atomic_write
from fieldapp.paths import config_dir

SETTINGS_VERSION = 1
FILE_NAME = "gui-settings.json"
#: "system" follows the OS locale; the others force a language.
LANGUAGES = ("system", "en", "ko")
IDLE_MINUTES_RANGE = (1, 60)
DEFAULT_IDLE_MINUTES = 5


@dataclass
class Prefs:
    language: str = "system"
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    #: Folder of the last store unlocked, so the next start opens at its unlock screen.
    last_store: str = ""


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load(path: Path | None = None) -> Prefs:
    """The saved settings; each missing or invalid value falls back to its default."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Prefs()
    if not isinstance(raw, dict):
        return Prefs()
    prefs = Prefs()
    if raw.get("language") in LANGUAGES:
        prefs.language = raw["language"]
    minutes = raw.get("idle_minutes")
    low, high = IDLE_MINUTES_RANGE
    if isinstance(minutes, int) and not isinstance(minutes, bool) and low <= minutes <= high:
        prefs.idle_minutes = minutes
    if isinstance(raw.get("last_store"), str):
        prefs.last_store = raw["last_store"]
    return prefs


def save(prefs: Prefs, path: Path | None = None) -> Path:
    """Write the settings atomically (0600: the store folder's location is nobody else's business)."""
    if prefs.language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {prefs.language!r}")
    low, high = IDLE_MINUTES_RANGE
    if not low <= prefs.idle_minutes <= high:
        raise ValueError(f"idle_minutes must be {low} to {high}, not {prefs.idle_minutes}")
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = {"version": SETTINGS_VERSION, **asdict(prefs)}
    return atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
