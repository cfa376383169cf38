"""Lookup of bundled resources (questionnaires, translations, fonts, word lists).

Works from a source checkout (``<repo>/resources``), an installed wheel
(``fieldapp/data`` is not used: resources ship beside the package via ``FIELDAPP_RESOURCES``
or the repo) and a frozen PyInstaller app (``sys._MEIPASS/resources``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("FIELDAPP_RESOURCES")
    if env:
        return Path(env)
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass) / "resources"
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "resources", here.parent / "data" / "resources"):
        if candidate.is_dir():
            return candidate
    return here.parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def reference_questionnaire() -> Path:
    return resource("questionnaires", "escapee-survey-2017.xlsx")
