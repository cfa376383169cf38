"""GUI tests do not leak their interface language (tests/gui/conftest.py, ``english_interface``):
a test that opens the app in Korean leaves the next test in English, as the app shows it.

The two tests run in this order (pytest keeps a file's order); the second fails if the Korean
translators or the Korean default locale of the first are still installed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

pytestmark = pytest.mark.gui


def test_a_test_in_korean(make_window):
    window = make_window(None, language="ko")
    assert QLocale().language() == QLocale.Language.Korean
    assert window.welcome.create_button.text() != "&Create store"  # Korean on screen
    assert QCoreApplication.translate("InterviewStatus", "Draft") == "작성 중"


def test_the_next_test_reads_english(qapp):
    assert QLocale().language() == QLocale.Language.English
    assert QCoreApplication.translate("InterviewStatus", "Draft") == "Draft"
    # English with its plural forms (the English catalogue is installed, not none at all).
    assert QCoreApplication.translate("TablesCounts", "%n finalized interview(s).", "", 1) == "1 finalized interview."
