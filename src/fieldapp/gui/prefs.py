"""The desktop app's settings (``fieldapp.settings``, Qt-free), under the name the GUI has always used."""

from fieldapp.settings import (  # noqa: F401 - re-exported
    DEFAULT_IDLE_MINUTES,
    FILE_NAME,
    IDLE_MINUTES_RANGE,
    LANGUAGES,
    SETTINGS_VERSION,
    Prefs,
    load,
    save,
    settings_path,
)
