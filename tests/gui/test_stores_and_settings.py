"""Stores, first run, the quick hide and the settings applied at once (issue #15, items 4, 8, 9,
10 and the panic action): "Use a different store" with its way back, recent stores, a free folder
proposed for a new store, a clean status bar after a wipe, F12, the interviewer's counts, text
size and language without a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from fieldapp.gui import prefs
from fieldapp.ops import stores as store_ops
from fieldapp.store import Store, is_store
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, make_store, settle, unlock
from tests.gui.test_shell import press_ctrl_l
from tests.gui.test_wipe_gui import hold_to_wipe, open_wipe_dialog

pytestmark = pytest.mark.gui


def test_use_a_different_store_has_a_way_back_and_lists_recent_stores(qtbot, make_window, tmp_path,
                                                                        shell_form):
    first = make_store(tmp_path / "first", [shell_form])
    second = make_store(tmp_path / "second")
    window = make_window(first)
    unlock(qtbot, window)
    press_ctrl_l(qtbot, window)
    qtbot.mouseClick(window.unlock.other_button, Qt.MouseButton.LeftButton)
    welcome = window.welcome
    assert window.stack.currentWidget() is welcome
    assert welcome.back_button.isVisible()
    assert [welcome.recent_list.item(i).text() for i in range(welcome.recent_list.count())] == [str(first)]
    qtbot.mouseClick(welcome.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.unlock and window.unlock.folder == first

    qtbot.mouseClick(window.unlock.other_button, Qt.MouseButton.LeftButton)
    welcome.open_edit.setText(str(second))
    qtbot.mouseClick(welcome.open_button, Qt.MouseButton.LeftButton)
    assert window.unlock.folder == second
    unlock(qtbot, window)
    assert prefs.load().recent_stores == [str(second), str(first)]
    press_ctrl_l(qtbot, window)
    qtbot.mouseClick(window.unlock.other_button, Qt.MouseButton.LeftButton)
    assert [welcome.recent_list.item(i).text() for i in range(welcome.recent_list.count())] == [
        str(second), str(first)]
    # Choosing a recent store (Enter on it) opens its unlock screen.
    welcome.recent_list.setCurrentRow(1)
    welcome.recent_list.setFocus()
    QTest.keyClick(welcome.recent_list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.unlock and window.unlock.folder == first


def test_a_new_store_is_proposed_in_a_free_folder(qtbot, make_window, tmp_path):
    default = store_ops.default_store_dir()
    assert store_ops.proposed_store_dir() == default
    make_store(default)  # the laptop's first store
    (default.parent / "store-2").mkdir()
    (default.parent / "store-2" / "notes.txt").write_text("someone else's")
    assert store_ops.proposed_store_dir() == default.parent / "store-3"
    window = make_window(default)
    assert window.stack.currentWidget() is window.unlock
    qtbot.mouseClick(window.unlock.other_button, Qt.MouseButton.LeftButton)
    assert window.welcome.folder_edit.text() == str(default.parent / "store-3")


def test_the_already_exists_refusal_is_korean_in_the_korean_interface(qtbot, make_window, store_dir):
    window = make_window(None, language="ko")
    welcome = window.welcome
    welcome.folder_edit.setText(str(store_dir))
    welcome.passphrase_edit.setText(PASSPHRASE)
    welcome.repeat_edit.setText(PASSPHRASE)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: welcome.create_error.text() != "", timeout=10000)
    assert welcome.create_error.text() == f"{store_dir}가 이미 있고 빈 폴더가 아닙니다. 새 폴더를 고르세요."


def test_after_a_wipe_the_next_stores_status_bar_is_clean(qtbot, make_window, store_dir, tmp_path):
    window = make_window(store_dir)
    unlock(qtbot, window)
    hold_to_wipe(qtbot, open_wipe_dialog(qtbot, window), store_dir)
    settle(qtbot, window)
    assert "wiped" in window.statusBar().currentMessage()
    welcome = window.welcome
    assert not welcome.back_button.isVisible()  # the wiped store is no way back
    welcome.folder_edit.setText(str(tmp_path / "next"))
    welcome.passphrase_edit.setText(PASSPHRASE)
    welcome.repeat_edit.setText(PASSPHRASE)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=10000)
    settle(qtbot, window)
    assert window.statusBar().currentMessage() == ""
    assert is_store(tmp_path / "next")


def test_f12_hides_and_locks_at_once_from_a_dialog(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    store = window.session.store
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    dialog = window.home.new_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()  # (offscreen, a dialog is not made active by itself)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    QTest.keyClick(dialog.form_combo, Qt.Key.Key_F12)  # one key, no question
    assert window.locked
    assert window.isMinimized()
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not window)
    qtbot.waitUntil(lambda: store.closed, timeout=3000)
    assert is_store(store_dir)  # nothing destroyed
    window.showNormal()
    unlock(qtbot, window)
    assert window.stack.currentWidget() is window.home


def test_an_interviewer_laptop_counts_and_shows_no_tables(qtbot, make_window, store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        done = repo.start("shell")
        done.set_answer("ok", "yes")
        done.go_to("review")
        repo.finalize(done)
        repo.start("shell")
        repo.start("shell")
    window = make_window(store_dir)
    unlock(qtbot, window)
    assert window.tables_action.text() == "Counts"
    window.tables_action.trigger()
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.counts
    rows = {r.form_id: (r.drafts, r.finalized, r.exported) for r in window.counts.model.rows()}
    assert rows == {"shell": (2, 1, 0), "escapee_survey_2017": (0, 0, 0)}
    assert window.tables.computed is None  # no table was computed


def test_a_coordinator_still_has_tables(qtbot, make_window, tmp_path):
    window = make_window(make_store(tmp_path / "c", role="coordinator"))
    unlock(qtbot, window)
    assert window.tables_action.text() == "Tables"
    window.tables_action.trigger()
    settle(qtbot, window)
    assert window.stack.currentWidget() is window.tables


def test_larger_text_applies_at_once_and_is_kept(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    before = QApplication.font().pointSizeF()
    window.settings_action.trigger()
    page = window.settings
    page.text_size_combo.setCurrentIndex(page.text_size_combo.findData(150))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert QApplication.font().pointSizeF() == pytest.approx(before * 1.5)
    assert prefs.load().text_scale == 150
    assert not window.locked and window.stack.currentWidget() is window.settings
    # Pages built again in the new size: a home page field uses it.
    window.home_action.trigger()
    edit = window.home.findChild(QLineEdit, "interviewFilter")
    assert edit.font().pointSizeF() == pytest.approx(before * 1.5)
    window.settings_action.trigger()
    window.settings.text_size_combo.setCurrentIndex(0)
    qtbot.mouseClick(window.settings.save_button, Qt.MouseButton.LeftButton)
    assert QApplication.font().pointSizeF() == pytest.approx(before)
    settle(qtbot, window)


def test_the_usb_folder_field_takes_no_focus(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    window.export_action.trigger()
    settle(qtbot, window)
    page = window.exchange_pages["export"]
    assert page.folder_edit.focusPolicy() == Qt.FocusPolicy.NoFocus
    page.choose_folder_button.setFocus()
    QTest.keyClick(page.choose_folder_button, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not page.folder_edit


def test_first_run_says_example_questionnaire_as_the_readme_does(qtbot, make_window):
    from pathlib import Path

    window = make_window(None)
    assert window.welcome.install_check.text().replace("&", "").startswith("Install the example questionnaire")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "Install the example questionnaire" in readme


def test_ctrl_l_locks_while_a_dialog_blocks_the_window(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    qtbot.mouseClick(window.home.new_button, Qt.MouseButton.LeftButton)
    dialog = window.home.new_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    QTest.keyClick(dialog.form_combo, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked and not window.isMinimized()
    assert window.home.new_dialog is None
    settle(qtbot, window)
