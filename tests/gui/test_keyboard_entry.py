"""Keyboard entry as a data-entry operator does it (issue #15, item 1), on the real interview page.

Arrow keys choose as they move, an option's number chooses it, Enter saves and moves on, the
focus is on the first question of every page (also right after New interview and Resume, in the
main window), Alt+Left/Right work at once, and Enter inside a multi-line answer is a new line.
Answers are read back from the store.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from fieldapp.gui.widgets.keys import NumberKeys
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, settle, unlock
from tests.gui.test_interview_page import ALT, Keyboard, position, show

pytestmark = pytest.mark.gui

REFERENCE = "escapee_survey_2017"


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def stored(repo: InterviewRepo, interview_id: str, name: str):
    return repo.answers(interview_id)[name].value


def test_arrow_keys_choose_the_option_they_move_to(qtbot, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    assert focused().objectName() == "q_consent_opt_yes"
    assert iv.value("consent") is None  # the focus alone chooses nothing
    keys.press(Qt.Key.Key_Down)
    assert focused().objectName() == "q_consent_opt_no"
    assert focused().isChecked()
    assert stored(repo, iv.id, "consent") == "no"
    keys.press(Qt.Key.Key_Up)
    assert focused().objectName() == "q_consent_opt_yes" and focused().isChecked()
    assert stored(repo, iv.id, "consent") == "yes"
    keys.press(Qt.Key.Key_Up)  # the first option stays chosen: no wrap to the last
    assert stored(repo, iv.id, "consent") == "yes"


def test_an_options_number_chooses_it_and_enter_saves_and_moves_on(qtbot, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.type("1")
    keys.enter()
    assert position(page) == "g:profile"
    assert stored(repo, iv.id, "consent") == "yes"
    # respondent_type: survey, in_depth, expert; the numbers are shown beside the options.
    tag = page.findChild(QLabel, "q_respondent_type_num_expert")
    assert tag is not None and tag.text().strip() == "3"
    keys.type("3")
    assert focused().objectName() == "q_respondent_type_opt_expert"
    assert stored(repo, iv.id, "respondent_type") == "expert"
    keys.type("9")  # no ninth option: nothing changes
    assert stored(repo, iv.id, "respondent_type") == "expert"

    iv.set_answer("age", "40")
    iv.set_answer("gender", "male")
    iv.set_answer("province", "kangwon")
    iv.set_answer("year_left", "2012")
    iv.set_answer("contact_with_family", "no")
    iv.go_next()
    page._render()
    assert position(page) == "q:economy_change"
    choices = [b.property("choice_name")
               for b in page.findChild(QWidget, "q_economy_change_options").findChildren(QAbstractButton)]
    keys.type("2")
    keys.enter()  # a single-choice page: the number's option is saved, then the next page
    assert stored(repo, iv.id, "economy_change") == choices[1]
    assert position(page) == "q:kkotjebi_change"
    keys.press(Qt.Key.Key_Down)  # from the first option (focused, unchosen) to the second
    keys.enter()
    assert stored(repo, iv.id, "kkotjebi_change") == choices_of(page, iv, "kkotjebi_change")[1]
    assert position(page) == "q:corruption_change"


def choices_of(page, iv, name):
    return [c.name for c in iv.choices(iv.form.question(name))]


def test_digits_tick_and_untick_check_boxes_and_arrows_only_move(qtbot, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    iv.set_answer("consent", "yes")
    for name, value in {"respondent_type": "survey", "gender": "female", "province": "rason",
                        "contact_with_family": "no"}.items():
        iv.set_answer(name, value)
    iv.go_to("g:info_forms_page")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    names = choices_of(page, iv, "info_forms")
    assert focused().objectName() == f"q_info_forms_opt_{names[0]}"
    keys.type("2")
    keys.type("4")
    assert stored(repo, iv.id, "info_forms") == f"{names[1]} {names[3]}"
    keys.type("2")
    assert stored(repo, iv.id, "info_forms") == names[3]
    assert focused().objectName() == f"q_info_forms_opt_{names[1]}"
    keys.press(Qt.Key.Key_Down)  # moves the focus, ticks nothing
    assert focused().objectName() == f"q_info_forms_opt_{names[2]}"
    assert stored(repo, iv.id, "info_forms") == names[3]


def test_two_digits_typed_quickly_choose_option_ten_and_up():
    now = [0.0]
    keys = NumberKeys(clock=lambda: now[0])
    assert keys.press("1", 12) == 1
    now[0] += 0.3
    assert keys.press("2", 12) == 12
    now[0] += 0.3
    assert keys.press("1", 12) == 1
    now[0] += 2.0  # too slow for a pair: a new number
    assert keys.press("1", 12) == 1
    now[0] += 0.3
    assert keys.press("5", 12) == 5  # 15 does not exist: 5 on its own
    assert keys.press("0", 5) == 0
    assert keys.press("a", 5) is None
    assert keys.press("٣", 5) is None  # digits of other scripts are text, not option numbers


def test_focus_is_on_the_first_question_of_every_page(qtbot, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.type("1")
    keys.enter()
    assert focused().objectName().startswith("q_respondent_type_opt_")
    for name, value in {"respondent_type": "survey", "gender": "female", "province": "rason",
                        "contact_with_family": "no"}.items():
        iv.set_answer(name, value)
    # Next with the mouse: the click gives Next the focus; the new page takes it back.
    qtbot.mouseClick(page.findChild(QAbstractButton, "interview_next"), Qt.MouseButton.LeftButton)
    assert position(page) == "q:economy_change"
    assert focused().objectName().startswith("q_economy_change_opt_")
    keys.press(Qt.Key.Key_Left, ALT)
    assert position(page) == "g:profile"
    assert focused().objectName() == "q_respondent_type_opt_survey"  # the chosen option


def test_enter_in_a_multiline_answer_is_a_new_line(qtbot, repo, reference_form):
    iv = repo.start(reference_form.form_id, language="en")
    iv.set_answer("consent", "yes")
    iv.go_to("q:interviewer_notes")
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    assert focused().objectName() == "q_interviewer_notes_edit"
    keys.type("first")
    keys.enter()
    keys.type("second")
    assert position(page) == "q:interviewer_notes"
    page.flush()
    assert stored(repo, iv.id, "interviewer_notes") == "first\nsecond"


# -- in the main window ---------------------------------------------------------------------
def _draft_at_profile(store_dir) -> str:
    with Store.open(store_dir, PASSPHRASE) as store:
        iv = InterviewRepo(store).start(REFERENCE, language="English (en)")
        iv.set_answer("consent", "yes")
        iv.go_next()
        return iv.id


def test_after_resume_the_focus_is_on_the_page_and_alt_arrows_work_at_once(qtbot, make_window, store_dir):
    interview_id = _draft_at_profile(store_dir)
    window = make_window(store_dir)
    unlock(qtbot, window)
    home = window.home
    assert home.select_interview(interview_id)
    home.table.setFocus()
    qtbot.keyClick(home.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Resume
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.stack.currentWidget() is window.interview_page)
    page = window.interview_page
    assert page.interview.position == "g:profile"
    assert page.isAncestorOf(focused()), focused().objectName()
    assert focused().objectName().startswith("q_respondent_type_opt_")
    QTest.keyClick(focused(), Qt.Key.Key_Left, ALT)
    assert page.interview.position == "q:consent"
    QTest.keyClick(focused(), Qt.Key.Key_Right, ALT)
    assert page.interview.position == "g:profile"
    settle(qtbot, window)


def test_a_new_interview_starts_with_the_focus_on_its_first_question(qtbot, make_window, store_dir):
    window = make_window(store_dir)
    unlock(qtbot, window)
    window.home.new_button.setFocus()
    qtbot.keyClick(window.home.new_button, Qt.Key.Key_Space)
    dialog = window.home.new_dialog
    assert dialog._forms[dialog.form_combo.currentIndex()].form_id == REFERENCE
    qtbot.keyClick(dialog.form_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.stack.currentWidget() is window.interview_page)
    # Offscreen, closing a dialog leaves no active window; a user's window is active again.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert focused().objectName() == "q_consent_opt_yes"
    QTest.keyClick(focused(), Qt.Key.Key_Down)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert window.interview_page.interview.position == "q:consent_refused_note"
    settle(qtbot, window)
