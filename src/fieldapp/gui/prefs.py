"""The desktop app's settings (``fieldapp.settings``, Qt-free), under the name the GUI has always used."""

from fieldapp.settings import (  # noqa: F401 - re-exported
    DEFAULT_IDLE_MINUTES,
    FILE_NAME,
    IDLE_MINUTES_RANGE,
    LANGUAGES,
    MAX_RECENT_STORES,
    SETTINGS_VERSION,
    TEXT_SCALES,
    Prefs,
    load,
    save,
    settings_path,
)
