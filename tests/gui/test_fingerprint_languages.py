"""Fingerprint words in both languages (decision 0019, issue #15 item 6): an interviewer's laptop
in Korean and a coordinator in English read the same words over the phone. Every fingerprint
view shows the interface language's form large and the other form beside it; the words typed
or confirmed are stored and compared as the EFF words either way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fieldapp.ops.exchange import fingerprint_forms
from tests.gui.conftest import settle, unlock
from tests.gui.test_exchange_pages import (  # noqa: F401 - fixtures used by name
    check,
    click,
    coordinator_dir,
    export_now,
    key_file,
    laptop_dir,
    open_import_page,
    usb,
)

pytestmark = pytest.mark.gui

HANGUL_WORDS = r"^[\uac00-\ud7a3]+( [\uac00-\ud7a3]+){7}$"


def test_a_korean_laptop_and_an_english_coordinator_see_the_same_words(
        qtbot, make_window, laptop_dir, coordinator_dir, key_file, usb):  # noqa: F811
    import re

    key_path, key_words = key_file
    english_key, korean_key = fingerprint_forms(key_words)

    # The laptop, in Korean: the project key's words to compare, large in Korean, English beside.
    laptop = make_window(laptop_dir, language="ko")
    unlock(qtbot, laptop)
    laptop.export_action.trigger()
    page = laptop.exchange_pages["export"]
    settle(qtbot, laptop)
    page.choose_key_file(key_path)
    settle(qtbot, page)
    view = page.words_label
    assert view.text() == korean_key and re.fullmatch(HANGUL_WORDS, view.text())
    assert view.secondary.isVisible() and english_key in view.secondary.text()
    assert view.primary.font().pointSizeF() > view.secondary.font().pointSizeF() * 1.5
    page.match_check.setChecked(True)
    click(qtbot, page.enrol_button)  # confirmed in Korean: pinned by the key's EFF words
    qtbot.waitUntil(lambda: page.enrolled, timeout=10000)
    device_korean = page.device_words_label.text()
    device_english = page.device_words_label.words()
    assert re.fullmatch(HANGUL_WORDS, device_korean)
    assert device_english in page.device_words_label.secondary.text()
    bundle = export_now(qtbot, page, usb)
    laptop.lock()

    # The coordinator, in English: the same words, English large and the Korean beside.
    window, imports = open_import_page(qtbot, make_window, coordinator_dir)
    check(qtbot, imports, bundle)
    imports.table.selectRow(imports.model.index_of(bundle))
    click(qtbot, imports.trust_button)
    dialog = imports.trust_dialog
    assert dialog.words_label.text() == device_english
    assert device_korean in dialog.words_label.secondary.text()
    window.devices_action.trigger()
    settle(qtbot, window)
    devices = window.exchange_pages["devices"]
    assert devices.words_label.text() == english_key and korean_key in devices.words_label.secondary.text()
    dialog.reject()


def test_the_devices_page_takes_a_laptop_by_its_korean_words(qtbot, make_window, coordinator_dir):  # noqa: F811
    """Announced in Korean, listed in the interface's form, with both forms in the tool tip."""
    from fieldapp.crypto.words import fingerprint_words

    english = fingerprint_words(bytes(range(32)))
    _english, korean = fingerprint_forms(english)
    window = make_window(coordinator_dir, language="ko")
    unlock(qtbot, window)
    window.devices_action.trigger()
    settle(qtbot, window)
    page = window.exchange_pages["devices"]
    page.announce(korean, "서울팀 노트북 3")
    model = page.table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)
    words_column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index("지문 단어")
    cell = model.index(0, words_column)
    assert cell.data() == korean
    assert english in cell.data(Qt.ItemDataRole.ToolTipRole) and korean in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "을(를)" not in page.devices_status.text()
