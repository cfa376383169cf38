"""Sealed questions on screen: the typed answer leaves the screen once sealed, and a resumed
draft shows "Sealed" where the answer would be (docs/sealed-fields.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from fieldapp.gui.pages.interview import InterviewPage
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE
from tests.core.test_sealed import CANARY, World
from tests.gui.conftest import executor_for

pytestmark = pytest.mark.gui

SEALED_TEXT = "Sealed: only the coordinator can read this answer"


def _page(qtbot, repo, iv) -> InterviewPage:
    page = InterviewPage(executor_for(repo.store), iv)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return page


def _shown_texts(page: InterviewPage) -> str:
    return " ".join([e.text() for e in page.findChildren(QLineEdit)]
                    + [lb.text() for lb in page.findChildren(QLabel) if lb.isVisible()])


def test_sealed_answer_leaves_the_screen_and_resume_shows_sealed(qtbot, tmp_path):
    world = World(tmp_path)
    with Store.open(world.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("sealed")
        iv.set_answer("consent", "yes")
        iv.set_answer("age", 40)
        iv.go_to("q:contact")
        page = _page(qtbot, repo, iv)
        widget = page.question_widget("contact")
        edit = widget.findChild(QLineEdit)
        edit.setFocus()
        QTest.keyClicks(edit, CANARY[:6])
        # A pause in typing does not seal half an answer (and wipe what is being typed).
        QTest.qWait(600)
        assert edit.text() == CANARY[:6] and not iv.is_sealed("contact")
        QTest.keyClicks(edit, CANARY[6:])
        QTest.keyClick(edit, Qt.Key.Key_Tab)
        assert iv.is_sealed("contact")
        assert edit.text() == "" and widget.is_sealed_shown()
        assert SEALED_TEXT in _shown_texts(page) and CANARY not in _shown_texts(page)
        assert SEALED_TEXT in edit.accessibleDescription()
        page.close()

        again = repo.resume(iv.id)
        page2 = _page(qtbot, repo, again)
        assert again.position == "q:contact"
        widget2 = page2.question_widget("contact")
        assert widget2.is_sealed_shown() and widget2.findChild(QLineEdit).text() == ""
        assert CANARY not in _shown_texts(page2)
        page2.clear()  # lock: nothing of the question stays on screen, the "Sealed" line neither
        assert not widget2.is_sealed_shown()


def test_a_value_breaking_the_constraint_stays_for_correction(qtbot, tmp_path):
    world = World(tmp_path)
    with Store.open(world.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("sealed")
        iv.set_answer("consent", "yes")
        iv.go_to("q:kids")
        page = _page(qtbot, repo, iv)
        widget = page.question_widget("kids")
        edit = widget.findChild(QLineEdit)
        edit.setFocus()
        QTest.keyClicks(edit, "-3")
        QTest.keyClick(edit, Qt.Key.Key_Tab)
        assert widget.issue() and edit.text() == "-3" and not widget.is_sealed_shown()
        assert not iv.is_sealed("kids")
        edit.setFocus()
        edit.selectAll()
        QTest.keyClicks(edit, "2")
        QTest.keyClick(edit, Qt.Key.Key_Tab)
        assert not widget.issue() and edit.text() == "" and widget.is_sealed_shown()
        assert iv.is_sealed("kids")
        # Clearing a sealed answer: an emptied editor takes the answer and the line away.
        edit.setFocus()
        QTest.keyClicks(edit, "5")
        edit.clear()
        edit.textEdited.emit("")
        QTest.keyClick(edit, Qt.Key.Key_Tab)
        assert not iv.is_sealed("kids") and not widget.is_sealed_shown()
