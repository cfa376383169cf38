"""The desktop app's settings file: interface language, text size, idle-lock minutes, the last
store folder and the few recent ones.

Qt-free (plain JSON under ``fieldapp.paths.config_dir()``; ARCHITECTURE s.2 ``settings.py``).
The file never holds answers, keys or passphrases; a file that cannot be read falls back to
defaults instead of stopping the app from starting, because a field laptop must always reach
its unlock screen.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from fieldapp.fileio import atomic_write
from fieldapp.paths import config_dir

SETTINGS_VERSION = 1
FILE_NAME = "gui-settings.json"
#: "system" follows the OS locale; the others force a language.
LANGUAGES = ("system", "en", "ko")
IDLE_MINUTES_RANGE = (1, 60)
DEFAULT_IDLE_MINUTES = 5
#: The "larger text" setting, in percent of the system's text size (issue #15).
TEXT_SCALES = (100, 125, 150)
#: Store folders offered on the welcome page ("Open an existing store").
MAX_RECENT_STORES = 5


@dataclass
class Prefs:
    language: str = "system"
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    #: Folder of the last store unlocked, so the next start opens at its unlock screen.
    last_store: str = ""
    text_scale: int = 100
    #: Folders of stores unlocked lately, newest first (no names of anything inside them).
    recent_stores: list[str] = field(default_factory=list)

    def remember_store(self, folder: str) -> None:
        """``folder`` is the store in use: the last one, first of the recent ones."""
        self.last_store = folder
        self.recent_stores = [folder, *[f for f in self.recent_stores if f != folder]][:MAX_RECENT_STORES]

    def forget_stores(self) -> None:
        """A store was wiped: not even where a store used to be is kept, this one or another
        (a list of store folders on a seized laptop points at the stores still on it)."""
        self.last_store = ""
        self.recent_stores = []


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
    if raw.get("text_scale") in TEXT_SCALES:
        prefs.text_scale = raw["text_scale"]
    recent = raw.get("recent_stores")
    if isinstance(recent, list):
        prefs.recent_stores = [f for f in recent if isinstance(f, str) and f][:MAX_RECENT_STORES]
    return prefs


def save(prefs: Prefs, path: Path | None = None) -> Path:
    """Write the settings atomically (0600: the store folder's location is nobody else's business)."""
    if prefs.language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {prefs.language!r}")
    low, high = IDLE_MINUTES_RANGE
    if not low <= prefs.idle_minutes <= high:
        raise ValueError(f"idle_minutes must be {low} to {high}, not {prefs.idle_minutes}")
    if prefs.text_scale not in TEXT_SCALES:
        raise ValueError(f"text_scale must be one of {TEXT_SCALES}, not {prefs.text_scale}")
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = {"version": SETTINGS_VERSION, **asdict(prefs)}
    return atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
