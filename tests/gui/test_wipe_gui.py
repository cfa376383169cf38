"""Emergency wipe from the settings page: a typed word, no countdown, then the store is gone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldapp.gui import prefs
from fieldapp.store import Store, is_store
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, settle, unlock


def open_wipe_dialog(qtbot, window):
    window.settings_action.trigger()
    assert window.stack.currentWidget() is window.settings
    qtbot.mouseClick(window.settings.wipe_button, Qt.MouseButton.LeftButton)
    dialog = window.settings.wipe_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_nothing_is_wiped_without_the_word(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    assert not dialog.wipe_button.isEnabled()
    qtbot.keyClicks(dialog.word_edit, "WIP")
    assert not dialog.wipe_button.isEnabled()
    qtbot.mouseClick(dialog.wipe_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.word_edit, Qt.Key.Key_Return)  # Enter is Cancel, never Wipe
    assert is_store(store_dir)
    assert not window.locked

    open_wipe_dialog(qtbot, window)
    dialog = window.settings.wipe_dialog
    qtbot.keyClicks(dialog.word_edit, "WIPE")
    assert dialog.wipe_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert window.settings.wipe_dialog is None
    assert is_store(store_dir) and not window.locked
    assert window.stack.currentWidget() is window.settings


def test_typing_the_word_wipes_the_store_and_shows_the_welcome_page(qtbot, make_window, store_dir):
    with Store.open(store_dir, PASSPHRASE) as s:
        draft = InterviewRepo(s).start("shell")
        draft.set_answer("notes", "canary-wipe-7731")
    window = make_window(store_dir)
    unlock(qtbot, window)
    assert prefs.load().last_store == str(store_dir)
    dialog = open_wipe_dialog(qtbot, window)
    qtbot.keyClicks(dialog.word_edit, " wipe ")  # case and spaces do not matter
    qtbot.mouseClick(dialog.wipe_button, Qt.MouseButton.LeftButton)

    assert window.locked
    assert window.stack.currentWidget() is window.welcome
    assert not window.toolbar.isVisible()
    # The wipe runs on the store executor, right behind the store's closing.
    qtbot.waitUntil(lambda: not store_dir.exists(), timeout=5000)
    settle(qtbot, window)
    assert prefs.load().last_store == ""
    assert "wiped" in window.statusBar().currentMessage()
    # Nothing of the interview is left on any page of the window.
    assert window.interview_page is None and window.home.proxy.rowCount() == 0


def test_a_new_start_after_a_wipe_offers_to_create_a_store(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    qtbot.keyClicks(dialog.word_edit, "WIPE")
    qtbot.mouseClick(dialog.wipe_button, Qt.MouseButton.LeftButton)
    window.shutdown()
    again = make_window()
    assert again.stack.currentWidget() is again.welcome


def test_the_korean_word_confirms_in_korean(qtbot, make_window, store_dir):
    window = make_window(store_dir, language="ko")
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    assert dialog.word == "파기"
    assert dialog.word_edit.placeholderText() == "파기"
    dialog.word_edit.insert("파기")  # what the Korean input method commits (QTest cannot type Hangul)
    assert dialog.wipe_button.isEnabled()
    qtbot.mouseClick(dialog.wipe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not store_dir.exists(), timeout=5000)


def test_locking_closes_an_open_confirmation(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    qtbot.keyClicks(dialog.word_edit, "WIPE")
    window.lock()
    assert window.settings.wipe_dialog is None
    assert is_store(store_dir)
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.settings
    assert window.settings.wipe_dialog is None
