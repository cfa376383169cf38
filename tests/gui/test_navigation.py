"""Moving around an interview (issue #15, item 2): back to the review after fixing an answer, the
question index, the finalize confirmation naming unanswered questions, the home selection after
finalizing, and reading a finalized interview (read only, until it is exported)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit

from fieldapp.errors import UserFacingError
from fieldapp.ops import interviews as interview_ops
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import PASSPHRASE, settle, unlock
from tests.gui.test_interview_page import ALT, Keyboard, position, show

pytestmark = pytest.mark.gui

REFERENCE = "escapee_survey_2017"
PROFILE = {"consent": "yes", "respondent_type": "survey", "age": "33", "gender": "female",
           "province": "rason", "year_left": "2016", "contact_with_family": "no"}


def answered(iv, answers=PROFILE):
    for name, value in answers.items():
        assert iv.set_answer(name, value) == []
    return iv


def button(page, name: str) -> QAbstractButton:
    found = page.findChild(QAbstractButton, name)
    assert found is not None, name
    return found


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_a_review_row_opens_its_page_and_back_to_review_returns(qtbot, repo, reference_form):
    iv = answered(repo.start(reference_form.form_id, language="en"))
    iv.go_to("review")
    page = show(qtbot, repo, iv)
    review = page.review_page()
    assert review.rows()["age"].text(1) == "33"
    assert not button(page, "interview_to_review").isVisible()
    tree = review.rows()["age"].treeWidget()
    tree.setCurrentItem(review.rows()["age"])
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert position(page) == "g:profile"
    back = button(page, "interview_to_review")
    assert back.isVisible()
    keys = Keyboard(page)
    edit = keys.tab_to("q_age_edit")
    edit.selectAll()
    keys.type("34")
    keys.press(Qt.Key.Key_R, ALT)  # Back to &review: one key, not 16 page turns
    qtbot.waitUntil(lambda: position(page) == "review", timeout=2000)  # a mnemonic animates its click
    assert repo.answers(iv.id)["age"].value == 34
    assert review.rows()["age"].text(1) == "34"
    assert not back.isVisible()
    # Next from a page opened from the review still works page by page.
    review.sig_jump.emit("g:profile")
    keys.enter()
    assert position(page) == "q:economy_change"
    assert button(page, "interview_to_review").isVisible()


def test_the_question_index_jumps_and_escape_returns_to_the_page(qtbot, repo, reference_form):
    iv = answered(repo.start(reference_form.form_id, language="en"))
    iv.go_next()
    iv.go_next()
    assert position_of(iv) == "q:economy_change"
    page = show(qtbot, repo, iv)
    keys = Keyboard(page)
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    review = page.review_page()
    assert review.isVisible() and review.mode == "index"
    assert page.findChild(QLabel, "review_title").text() == "All questions"
    assert not button(page, "review_finalize").isVisible()
    assert not button(page, "interview_next").isEnabled()
    tree = review.rows()["economy_change"].treeWidget()
    assert tree.currentItem() is review.rows()["economy_change"]  # where the interviewer was
    # Sections are parent rows (the hierarchy), questions below them.
    section = review.rows()["age"].parent()
    assert section is not None and section.text(0) == "Respondent profile"
    assert review.rows()["age"].text(1) == "33"
    QTest.keyClick(tree, Qt.Key.Key_Escape)
    assert page.findChild(QLabel, "q_economy_change_label").isVisible()
    assert position(page) == "q:economy_change"
    keys.press(Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    tree = page.review_page().rows()["gender"].treeWidget()
    tree.setCurrentItem(page.review_page().rows()["gender"])
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert position(page) == "g:profile"
    assert focused().objectName().startswith("q_respondent_type_opt_")


def position_of(iv) -> str:
    return iv.position


def test_finalize_asks_first_and_names_the_unanswered_questions(qtbot, repo, reference_form):
    iv = answered(repo.start(reference_form.form_id, language="en"))
    iv.go_to("review")
    page = show(qtbot, repo, iv)
    finished = []
    page.sig_finished.connect(finished.append)
    review = page.review_page()
    assert focused().objectName() == "review_finalize"
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    box = review.confirm_box
    assert box is not None and box.isVisible()
    assert iv.pseudonym in box.text()
    unanswered = interview_ops_unanswered(iv)
    assert len(unanswered) > 8
    info = box.informativeText()
    noun = "question" if len(unanswered) == 1 else "questions"
    assert info.startswith(f"{len(unanswered)} {noun} not answered:")
    assert reference_form.question("economy_change").labels["English (en)"] in info
    assert f"and {len(unanswered) - 8} more" in info
    assert repo.list()[0].status == "draft"  # nothing happened yet
    # Enter takes the default: the first unanswered question, not Finalize.
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert position(page) == "q:economy_change"
    assert repo.list()[0].status == "draft" and finished == []
    iv.go_to("review")
    page._render()
    qtbot.mouseClick(button(review, "review_finalize"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.confirm_box.findChild(QAbstractButton, "confirmFinalizeYes"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: finished == [iv.id])
    assert repo.list()[0].status == "final"


def interview_ops_unanswered(iv):
    from fieldapp.gui.pages.review import unanswered_questions

    return unanswered_questions(iv)


# -- in the main window ---------------------------------------------------------------------
@pytest.fixture
def two_drafts(store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        first = answered(repo.start(REFERENCE, language="English (en)"))
        first.go_to("review")
        second = repo.start(REFERENCE, language="English (en)")
    return store_dir, first.id, second.id


def test_after_finalizing_home_selects_the_finalized_interview(qtbot, make_window, two_drafts):
    store_dir, first, second = two_drafts
    window = make_window(store_dir)
    unlock(qtbot, window)
    home = window.home
    home.select_interview(second)
    home.select_interview(first)
    qtbot.mouseClick(home.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.interview_page is not None)
    review = window.interview_page.review_page()
    qtbot.mouseClick(button(review, "review_finalize"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.confirm_box.findChild(QAbstractButton, "confirmFinalizeYes"),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is home)
    settle(qtbot, window)
    row = home.selected_interview()
    assert row is not None and row.id == first and row.status == "final"
    assert not home.resume_button.isEnabled() and not home.delete_button.isEnabled()
    assert home.view_button.isEnabled()


def test_a_finalized_interview_opens_read_only_and_nothing_is_written(qtbot, make_window, store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        iv = answered(repo.start(REFERENCE, language="English (en)"))
        iv.go_to("review")
        repo.finalize(iv)
        before_row = repo.list()[0]
        before = repo.answers(iv.id)
    window = make_window(store_dir)
    unlock(qtbot, window)
    home = window.home
    assert home.select_interview(iv.id)
    assert home.view_button.isEnabled() and not home.resume_button.isEnabled()
    qtbot.mouseClick(home.view_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.stack.currentWidget() is window.interview_page)
    page = window.interview_page
    review = page.review_page()
    assert page.read_only and review.mode == "read_only"
    assert page.findChild(QLabel, "review_title").text() == "Answers (read only)"
    assert review.rows()["age"].text(1) == "33"
    assert review.rows()["gender"].text(1) == "Female"
    for name in ("interview_next", "interview_back", "interview_index", "review_finalize"):
        assert not button(page, name).isVisible(), name
    assert button(page, "interview_close").text() == "&Close"
    assert page.findChildren(QLineEdit, "q_age_edit") == []  # no editor at all
    # A row chosen does not open a page; switching the language writes nothing either.
    tree = review.rows()["age"].treeWidget()
    tree.setCurrentItem(review.rows()["age"])
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert review.isVisible()
    combo = page.findChild(QComboBox, "interview_language")
    combo.setCurrentIndex(1 - combo.currentIndex())
    assert review.rows()["gender"].text(1) == "여성"
    qtbot.mouseClick(button(page, "interview_close"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is home)
    settle(qtbot, window)
    assert home.selected_interview().id == iv.id
    after_row = next(r for r in window.session.repo.list() if r.id == iv.id)
    assert after_row == before_row
    assert window.session.repo.answers(iv.id) == before


def test_an_exported_interview_cannot_be_viewed_on_the_laptop(store_dir):
    with Store.open(store_dir, PASSPHRASE) as store:
        repo = InterviewRepo(store)
        iv = answered(repo.start(REFERENCE, language="English (en)"))
        iv.go_to("review")
        repo.finalize(iv)
        assert interview_ops.view_interview(store, iv.id).status == "final"
        with store.transaction() as conn:
            conn.execute("UPDATE interviews SET status = 'exported' WHERE id = ?", (iv.id,))
        with pytest.raises(UserFacingError) as caught:
            interview_ops.view_interview(store, iv.id)
    assert caught.value.message.code == "interview.exported"
