"""Emergency wipe from the settings page: press and hold (no typing in any script), then the
store is gone; letting go early, a click or Enter wipe nothing."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.gui import prefs
from fieldapp.gui.pages.settings import HOLD_SECONDS
from fieldapp.store import Store, is_store
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, make_store, settle, unlock


def open_wipe_dialog(qtbot, window):
    window.settings_action.trigger()
    assert window.stack.currentWidget() is window.settings
    qtbot.mouseClick(window.settings.wipe_button, Qt.MouseButton.LeftButton)
    dialog = window.settings.wipe_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def hold_to_wipe(qtbot, dialog, store_dir) -> None:
    """Press the button and keep it down until the store is gone (about HOLD_SECONDS)."""
    QTest.mousePress(dialog.wipe_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not store_dir.exists(), timeout=HOLD_SECONDS * 1000 + 5000)


def test_nothing_is_wiped_by_a_click_enter_or_letting_go_early(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    assert dialog.focusWidget() is dialog.wipe_button  # where the dialog puts the keyboard
    qtbot.mouseClick(dialog.wipe_button, Qt.MouseButton.LeftButton)  # a click is not a hold
    QTest.keyClick(dialog.wipe_button, Qt.Key.Key_Return)  # Enter is Cancel, never Wipe
    assert is_store(store_dir) and not window.locked
    dialog = open_wipe_dialog(qtbot, window)
    QTest.mousePress(dialog.wipe_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1000)
    assert dialog.countdown.value() > 0
    assert dialog.countdown.text().startswith("Keep holding:")
    QTest.mouseRelease(dialog.wipe_button, Qt.MouseButton.LeftButton)  # let go: it stops
    qtbot.waitUntil(lambda: dialog.countdown.value() == 0, timeout=1000)
    assert not dialog.countdown.isVisible()
    qtbot.wait(HOLD_SECONDS * 1000)
    assert is_store(store_dir) and not window.locked
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert window.settings.wipe_dialog is None
    assert window.stack.currentWidget() is window.settings


def test_holding_wipes_the_store_and_shows_the_welcome_page(qtbot, make_window, store_dir, tmp_path):
    with Store.open(store_dir, PASSPHRASE) as s:
        draft = InterviewRepo(s).start("shell")
        draft.set_answer("notes", "canary-wipe-7731")
    other = make_store(tmp_path / "other")
    saved = prefs.load()
    saved.remember_store(str(other))  # another store opened earlier on this laptop
    prefs.save(saved)
    window = make_window(store_dir)
    unlock(qtbot, window)
    assert prefs.load().last_store == str(store_dir)
    assert prefs.load().recent_stores == [str(store_dir), str(other)]
    dialog = open_wipe_dialog(qtbot, window)
    hold_to_wipe(qtbot, dialog, store_dir)

    assert window.locked
    assert window.stack.currentWidget() is window.welcome
    assert not window.toolbar.isVisible()
    settle(qtbot, window)
    saved = prefs.load()
    # Not even where a store used to be, nor where the other one is: the list would point at it.
    assert saved.last_store == "" and saved.recent_stores == []
    assert str(other) not in prefs.settings_path().read_text(encoding="utf-8")
    assert "wiped" in window.statusBar().currentMessage()
    # Nothing of the interview is left on any page of the window.
    assert window.interview_page is None and window.home.proxy.rowCount() == 0
    assert window.welcome.recent_list.count() == 0


def test_space_held_on_the_button_wipes_too(qtbot, make_window, store_dir):
    """Held Space, as an X server without detectable auto-repeat delivers it: a press, then
    release/press pairs every 40 ms. No Hangul to type."""
    window = make_window(store_dir, language="ko")
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    QTest.keyPress(dialog.wipe_button, Qt.Key.Key_Space)
    qtbot.wait(600)
    button = dialog.wipe_button
    for _ in range(HOLD_SECONDS * 25):
        # the dialog goes as soon as the wipe starts, the folder a moment later (on a busy
        # machine between two of these key events)
        if not store_dir.exists() or not shiboken6.isValid(button):
            break
        QTest.keyRelease(button, Qt.Key.Key_Space)
        QTest.keyPress(button, Qt.Key.Key_Space)
        qtbot.wait(40)
    qtbot.waitUntil(lambda: not store_dir.exists(), timeout=5000)


def test_a_new_start_after_a_wipe_offers_to_create_a_store(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    hold_to_wipe(qtbot, dialog, store_dir)
    settle(qtbot, window)
    window.shutdown()
    again = make_window()
    assert again.stack.currentWidget() is again.welcome


def test_locking_closes_an_open_confirmation(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    dialog = open_wipe_dialog(qtbot, window)
    QTest.mousePress(dialog.wipe_button, Qt.MouseButton.LeftButton)
    window.lock()  # a lock while the button is held stops the countdown with the dialog
    assert window.settings.wipe_dialog is None
    qtbot.wait(HOLD_SECONDS * 1000 + 500)
    assert is_store(store_dir)
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.settings
    assert window.settings.wipe_dialog is None
