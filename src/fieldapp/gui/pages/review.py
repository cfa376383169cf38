"""The review page: every relevant question with its answer, jump back, and Finalize.

Shown inside the interview page's stack when the engine's position is ``review``. Each row
can be clicked or activated with Enter/Space to go back to its page; Finalize is enabled
only when the engine says nothing blocks it (``Interview.can_finalize``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import INTERVIEWS, StoreExecutor
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import SEALED, Interview, Question

PAGE_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
ISSUE_COLOR = QColor("#b00020")


def format_answer(interview: Interview, question: Question, value: Any, language: str) -> str:
    """An answer as the respondent would recognise it: choice labels, not codes."""
    if value in (None, ""):
        return ""
    if question.is_select:
        choices = interview.form.choices_for(question)
        names = value.split() if isinstance(value, str) else list(value)
        labels = []
        for name in names:
            choice = choices.get(name)
            labels.append(choice.label(language) if choice is not None else name)
        return "; ".join(labels)
    return str(value)


def ended_early(iv: Interview) -> bool:
    """The form stopped the interview (consent refused), notes after it not counting.

    ``Interview.ended_early`` counts pages, and a form may show a closing note ("the
    interview ends here") on a page of its own after a refusal.
    """
    if iv.ended_early():
        return True

    def asks(page) -> bool:
        return any(q.holds_answer for q in page.questions)

    relevant = [p for p in iv.relevant_pages() if any(q.holds_answer for q in iv.visible_questions(p))]
    return len(relevant) <= 1 < sum(1 for p in iv.pages() if asks(p))


class _ReviewTree(QTreeWidget):
    """A tree whose Enter/Space on a row is a jump, and which keeps that key to itself.

    Item views pass Enter on to their parent after emitting ``activated``; here the parent
    is the interview page, whose Enter means "next page", so a jump would be followed by
    a Next on the page just jumped to.
    """

    sig_row_chosen = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            item = self.currentItem()
            if item is not None:
                self.sig_row_chosen.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)


class ReviewPage(QWidget):
    """Lists the answers of ``interview``; emits ``sig_jump(page key)`` and ``sig_finalized(id)``."""

    sig_jump = Signal(str)
    sig_finalized = Signal(str)

    def __init__(self, executor: StoreExecutor | None, interview: Interview | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_page")
        self._executor = executor
        self._interview = interview

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._title = QLabel(self)
        self._title.setObjectName("review_title")
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3 if font.pointSizeF() > 0 else 13)
        self._title.setFont(font)
        layout.addWidget(self._title)

        self._banner = QLabel(self)
        self._banner.setObjectName("review_banner")
        self._banner.setWordWrap(True)
        layout.addWidget(self._banner)

        self._tree = _ReviewTree(self)
        self._tree.setObjectName("review_answers")
        self._tree.setColumnCount(2)
        self._tree.setRootIsDecorated(False)
        self._tree.setUniformRowHeights(False)
        self._tree.setWordWrap(True)
        self._tree.setAlternatingRowColors(True)
        self._tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._tree.itemClicked.connect(self._on_tree_item_clicked)
        self._tree.sig_row_chosen.connect(self._on_tree_row_chosen)
        layout.addWidget(self._tree, 1)

        bottom = QHBoxLayout()
        self._status = QLabel(self)
        self._status.setObjectName("review_status")
        self._status.setWordWrap(True)
        bottom.addWidget(self._status, 1)
        self._finalize = QPushButton(self)
        self._finalize.setObjectName("review_finalize")
        self._finalize.setAutoDefault(True)
        self._finalize.clicked.connect(self._on_finalize_clicked)
        bottom.addWidget(self._finalize)
        layout.addLayout(bottom)
        self._retranslate()

    # -- public ----------------------------------------------------------------------------
    def set_interview(self, executor: StoreExecutor | None, interview: Interview | None) -> None:
        self._executor, self._interview = executor, interview
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the engine (answers, issues, labels in the form language)."""
        self._retranslate()
        self._tree.clear()
        iv = self._interview
        if iv is None:
            self._finalize.setEnabled(False)
            self._status.clear()
            self._banner.hide()
            return
        lang = iv.language
        answered = unanswered = needs = 0
        first_issue: QTreeWidgetItem | None = None
        for page in iv.relevant_pages():
            for q in iv.visible_questions(page):
                if not q.holds_answer:
                    continue
                value = iv.value(q.name)
                issues = iv.question_issues(q)
                item = QTreeWidgetItem([q.label(lang), ""])
                item.setData(0, PAGE_ROLE, page.key)
                item.setData(0, NAME_ROLE, q.name)
                item.setToolTip(0, q.label(lang))
                if value is SEALED:
                    answered += 1
                    item.setText(1, self.tr("Sealed (only the coordinator can read it)"))
                    item.setToolTip(1, item.text(1))
                    self._tree.addTopLevelItem(item)
                    continue
                if issues:
                    needs += 1
                    text = issues[0].message or self._generic(issues[0].code)
                    shown = format_answer(iv, q, value, lang)
                    item.setText(1, f"{shown}  \u2014  {text}" if shown else text)
                    item.setForeground(1, QBrush(ISSUE_COLOR))
                    first_issue = first_issue or item
                elif value in (None, ""):
                    unanswered += 1
                    item.setText(1, self.tr("Not answered"))
                    font = item.font(1)
                    font.setItalic(True)
                    item.setFont(1, font)
                else:
                    answered += 1
                    item.setText(1, format_answer(iv, q, value, lang))
                item.setToolTip(1, item.text(1))
                self._tree.addTopLevelItem(item)
        final = iv.status != "draft"
        can = iv.can_finalize() and not final
        self._finalize.setEnabled(can)
        self._finalize.setVisible(not final)
        if final:
            self._status.setText(self.tr("This interview is finalized; it can no longer be changed."))
        elif needs:
            self._status.setText(self.tr(
                "{n} question(s) need attention before the interview can be finalized. "
                "Choose a row to go back to it.").format(n=needs))
        else:
            self._status.setText(self.tr(
                "{answered} answered, {unanswered} not answered. Finalize when the respondent "
                "has nothing to add; a finalized interview cannot be changed.").format(
                    answered=answered, unanswered=unanswered))
        self._banner.setVisible(ended_early(iv))
        target = first_issue or self._tree.topLevelItem(0)
        if target is not None:
            self._tree.setCurrentItem(target)

    def focus_first(self) -> None:
        """Keyboard focus where the interviewer acts next: Finalize when it is allowed."""
        if self._finalize.isEnabled() and self._finalize.isVisible():
            self._finalize.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def row_count(self) -> int:
        return self._tree.topLevelItemCount()

    def clear(self) -> None:
        """Forget the interview and every answer shown (lock)."""
        self._executor = None
        self._interview = None
        self._tree.clear()
        self._status.clear()
        self._banner.hide()
        self._finalize.setEnabled(False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    # -- internals -------------------------------------------------------------------------
    def _generic(self, code: str) -> str:
        if code == "required":
            return self.tr("Not answered, but this question needs an answer.")
        if code == "constraint":
            return self.tr("This answer is outside what the questionnaire allows.")
        return self.tr("This answer is not valid for this question.")

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Review the answers"))
        self._banner.setText(self.tr(
            "The interview ended early (no consent). Only the answers below will be kept."))
        self._tree.setHeaderLabels([self.tr("Question"), self.tr("Answer")])
        self._tree.setAccessibleName(self.tr("Answers; choose a row to change it"))
        self._finalize.setText(self.tr("&Finalize interview"))
        self._finalize.setAccessibleName(self.tr("Finalize interview"))

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._on_tree_row_chosen(item)

    def _on_tree_row_chosen(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, PAGE_ROLE)
        if key:
            self.sig_jump.emit(key)

    def _on_finalize_clicked(self) -> None:
        iv, executor = self._interview, self._executor
        if iv is None or executor is None or not iv.can_finalize():
            return
        self._finalize.setEnabled(False)
        executor.submit(lambda store: interview_ops.finalize_interview(store, iv), changes=INTERVIEWS,
                        on_done=lambda _none: self._on_finalized(iv),
                        on_failed=self._on_finalize_failed, key="interview.finalize")

    def _on_finalized(self, iv: Interview) -> None:
        if iv is not self._interview:
            return
        self.refresh()
        self.sig_finalized.emit(iv.id)

    def _on_finalize_failed(self, exc: Exception) -> None:
        self._status.setText(error_text(exc))
        self.refresh()
