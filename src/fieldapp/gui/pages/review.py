"""The answers of an interview as a tree: the review before Finalize, the question index, and
the read-only view of a finalized interview or a merged record.

One view serves the three (ODK's hierarchy view; issue #15): sections and their pages are
parent rows, each relevant question a row with its answer or what it still needs. ``mode``:

- ``review`` (the engine's position is ``review``): rows jump back to their page, and
  Finalize asks for confirmation, naming the questions left unanswered;
- ``index`` (opened from any page, Ctrl+G): rows jump, "Return to page n" goes back;
- ``read_only``: a finalized interview (until it is exported) or a coordinator's record; rows
  do not jump and nothing can change.

The rows come from the engine's hierarchy (``ops.interviews.hierarchy``, issue #13): labelled
groups, each roster (repeat) with its entries as rows of their own (title and summary), nested
rosters inside their entries, and every relevant question that holds an answer. A roster row
opens the roster page, an entry row the entry's first page, a question row its page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import INTERVIEWS, StoreExecutor
from fieldapp.gui.messages import particles
from fieldapp.ops import background as ops_background
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import SEALED, Interview, Node, Question

PAGE_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
CONTEXT_SEPARATOR = " \u203a "
ISSUE_COLOR = QColor("#b00020")
REVIEW, INDEX, READ_ONLY = "review", "index", "read_only"
#: Unanswered questions named in the finalize confirmation; the rest are counted.
LISTED_UNANSWERED = 8


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


@dataclass(frozen=True)
class AnswerRow:
    """One question of the tree: the labels of the groups and roster entries around it
    (outermost first), its page and the question bound to its entry."""

    context: tuple[str, ...]
    page: str
    question: Question


def shown_question(iv: Interview, node: Node) -> Question | None:
    """The bound question of a hierarchy node the tree lists (relevant, on a relevant page,
    holding an answer), else None."""
    if node.kind != "question" or not node.relevant or node.page is None:
        return None
    q = iv.question(node.key)
    return q if q is not None and q.holds_answer else None


def answer_rows(iv: Interview, nodes: Iterable[Node] | None = None,
                context: tuple[str, ...] = ()) -> Iterator[AnswerRow]:
    """Every relevant question that holds an answer, in form order, with its context."""
    for node in interview_ops.hierarchy(iv) if nodes is None else nodes:
        if not node.relevant:
            continue
        if node.kind == "question":
            q = shown_question(iv, node)
            if q is not None:
                yield AnswerRow(context, node.page, q)
        elif node.kind == "repeat":
            yield from answer_rows(iv, node.children, context)  # its entries name themselves
        else:
            yield from answer_rows(iv, node.children, context + (node.label,))


def unanswered_questions(iv: Interview) -> list[Question]:
    """Relevant questions left without an answer (the finalize confirmation names them)."""
    return [row.question for row in unanswered_rows(iv)]


def unanswered_rows(iv: Interview) -> list[AnswerRow]:
    return [row for row in answer_rows(iv)
            if iv.value(row.question.name) in (None, "") and not iv.question_issues(row.question)]


def split_repeat_key(key: str) -> tuple[str, str]:
    """A roster's key -> (its parent instance, the repeat): ``members[2]/visits`` ->
    ``('members[2]', 'visits')``; ``members`` -> ``('', 'members')``."""
    end = key.rfind("]")
    return (key[:end + 1], key[end + 2:]) if end >= 0 else ("", key)


class _ReviewTree(QTreeWidget):
    """A tree whose Enter/Space on a row is a jump, and which keeps that key to itself.

    Item views pass Enter on to their parent after emitting ``activated``; here the parent
    is the interview page, whose Enter means "next page", so a jump would be followed by
    a Next on the page just jumped to.
    """

    sig_row_chosen = Signal(QTreeWidgetItem)
    sig_row_delete = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Delete and self.currentItem() is not None:
            self.sig_row_delete.emit(self.currentItem())
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            item = self.currentItem()
            if item is not None:
                self.sig_row_chosen.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)


class ReviewPage(QWidget):
    """The answers of ``interview``; emits ``sig_jump(page key)``, ``sig_return()`` (index:
    back to the page), ``sig_remove_entry(instance)`` (Delete on a roster entry's row: the
    interview page asks on the roster) and ``sig_finalized(id)``."""

    sig_jump = Signal(str)
    sig_remove_entry = Signal(str)
    sig_return = Signal()
    sig_finalized = Signal(str)
    #: Finalizing was confirmed; emitted before the interview is finalized (a background
    #: recording stops first, so it is complete in the finalized record).
    sig_finalizing = Signal()

    def __init__(self, executor: StoreExecutor | None, interview: Interview | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_page")
        self._executor = executor
        self._interview = interview
        self._mode = REVIEW
        self._return_page = ""
        self._leaves: dict[str, QTreeWidgetItem] = {}
        self.confirm_box: QMessageBox | None = None
        #: the interview page's live recording time (its recording bar), None when none runs
        self.live_seconds: Callable[[], float | None] = lambda: None

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
        #: the form's background recording before Finalize: recorded, how long, or why not
        self._recording = QLabel(self)
        self._recording.setObjectName("review_recording")
        self._recording.setWordWrap(True)
        self._recording.hide()
        layout.addWidget(self._recording)
        layout.addWidget(self._build_tree(), 1)
        from fieldapp.gui.widgets.media_view import MediaAnswers

        #: read only: the interview's media answers, played or viewed in memory (issue #16)
        self.media = MediaAnswers(self)
        layout.addWidget(self.media)
        layout.addLayout(self._build_bottom())
        self._retranslate()

    def _build_tree(self) -> QTreeWidget:
        self._tree = _ReviewTree(self)
        self._tree.setObjectName("review_answers")
        self._tree.setColumnCount(2)
        self._tree.setRootIsDecorated(True)
        self._tree.setUniformRowHeights(False)
        self._tree.setWordWrap(True)
        self._tree.setAlternatingRowColors(True)
        self._tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._tree.itemClicked.connect(self._on_tree_item_clicked)
        self._tree.sig_row_chosen.connect(self._on_tree_row_chosen)
        self._tree.sig_row_delete.connect(self._on_tree_row_delete)
        return self._tree

    def _build_bottom(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self._status = QLabel(self)
        self._status.setObjectName("review_status")
        self._status.setWordWrap(True)
        bottom.addWidget(self._status, 1)
        self._return = QPushButton(self)
        self._return.setObjectName("review_return")
        self._return.setAutoDefault(True)
        self._return.clicked.connect(self.sig_return)
        bottom.addWidget(self._return)
        self._finalize = QPushButton(self)
        self._finalize.setObjectName("review_finalize")
        self._finalize.setAutoDefault(True)
        self._finalize.clicked.connect(self._on_finalize_clicked)
        bottom.addWidget(self._finalize)
        return bottom

    # -- public ----------------------------------------------------------------------------
    def set_interview(self, executor: StoreExecutor | None, interview: Interview | None,
                      mode: str = REVIEW, return_page: str = "") -> None:
        self._executor, self._interview = executor, interview
        self._mode, self._return_page = mode, return_page
        self.refresh()
        self._bind_media()

    def _bind_media(self) -> None:
        iv, ex = self._interview, self._executor
        if self._mode == READ_ONLY and iv is not None and ex is not None and ex.session.is_open:
            self.media.bind(ex.session.store, iv.id, iv.language)
        else:
            self.media.clear()

    @property
    def mode(self) -> str:
        return self._mode

    def refresh(self) -> None:
        """Rebuild the tree from the engine (answers, issues, labels in the form language)."""
        self._retranslate()
        self._tree.clear()
        self._leaves = {}
        self._summaries: dict[str, str] = {}
        iv = self._interview
        if iv is None:
            self._finalize.setEnabled(False)
            self._status.clear()
            self._banner.hide()
            self._recording.hide()
            return
        counts, first_issue, current = self._fill(iv)
        self._show_status(iv, *counts)
        self._show_recording(iv)
        self._tree.expandAll()
        target = current if self._mode == INDEX and current is not None else first_issue
        target = target or next(iter(self._leaves.values()), None)
        if target is not None:
            self._tree.setCurrentItem(target)
            self._tree.scrollToItem(target)

    def _fill(self, iv: Interview) -> tuple[tuple[int, int, int], QTreeWidgetItem | None,
                                            QTreeWidgetItem | None]:
        self._counts = {"answered": 0, "unanswered": 0, "issue": 0}
        self._first_issue = self._current = None
        for node in interview_ops.hierarchy(iv):
            self._add_node(iv, node, None)
        counts = (self._counts["answered"], self._counts["unanswered"], self._counts["issue"])
        return counts, self._first_issue, self._current

    def _add_node(self, iv: Interview, node: Node, parent: QTreeWidgetItem | None) -> None:
        """One node of the hierarchy and what is under it (non-relevant ones are left out)."""
        if not node.relevant:
            return
        if node.kind == "question":
            self._add_question(iv, node, parent)
            return
        lang_label = node.label
        item = QTreeWidgetItem([lang_label, ""])
        item.setData(0, PAGE_ROLE, node.page)
        item.setData(0, KIND_ROLE, node.kind)
        item.setToolTip(0, lang_label)
        if node.kind in ("group", "repeat"):
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        (parent.addChild(item) if parent is not None else self._tree.addTopLevelItem(item))
        if node.kind == "repeat":
            self._show_roster(iv, node, item)
            if node.page is not None and node.page == self._return_page and self._current is None:
                self._current = item
        elif node.kind == "group":
            item.setFirstColumnSpanned(True)  # a section heading runs across both columns
        else:  # an entry of a roster: its summary beside its title
            item.setData(0, NAME_ROLE, node.key)
            item.setText(1, self._summaries.get(node.key, ""))
            item.setToolTip(1, item.text(1))
        for child in node.children:
            self._add_node(iv, child, item)
        if node.kind == "group" and item.childCount() == 0:
            (parent.removeChild(item) if parent is not None
             else self._tree.takeTopLevelItem(self._tree.indexOfTopLevelItem(item)))

    def _show_roster(self, iv: Interview, node: Node, item: QTreeWidgetItem) -> None:
        """A roster row: how many entries; its entries show their summary (ODK's repeat labels)."""
        n = sum(1 for child in node.children if child.relevant)
        item.setText(1, self.tr("Entries: {n}").format(n=n) if n else self.tr("No entries"))
        item.setToolTip(1, item.text(1))
        parent, repeat = split_repeat_key(node.key)
        self._summaries.update(
            {e.instance: e.summary for e in interview_ops.roster(iv, repeat, parent).entries})

    def _add_question(self, iv: Interview, node: Node, parent: QTreeWidgetItem | None) -> None:
        q = shown_question(iv, node)
        if q is None:
            return
        item = QTreeWidgetItem([q.label(iv.language), ""])
        item.setData(0, PAGE_ROLE, node.page)
        item.setData(0, NAME_ROLE, q.name)
        item.setData(0, KIND_ROLE, "question")
        item.setToolTip(0, q.label(iv.language))
        kind = self._show_answer(item, iv, q)
        self._counts[kind] += 1
        if kind == "issue" and self._first_issue is None:
            self._first_issue = item
        if node.page == self._return_page and self._current is None:
            self._current = item
        (parent.addChild(item) if parent is not None else self._tree.addTopLevelItem(item))
        self._leaves[q.name] = item

    def _show_answer(self, item: QTreeWidgetItem, iv: Interview, q: Question) -> str:
        value = iv.value(q.name)
        if value is SEALED:
            item.setText(1, self.tr("Sealed (only the coordinator can read it)"))
            item.setToolTip(1, item.text(1))
            return "answered"
        issues = iv.question_issues(q) if self._mode != READ_ONLY else []
        shown = format_answer(iv, q, value, iv.language)
        if q.is_media and value not in (None, ""):
            # the answer is the media's random reference: say what it is instead
            shown = self.tr("Recording") if q.type in ("audio", "background-audio") else (
                self.tr("Image") if q.type == "image" else self.tr("File"))
        if issues:
            text = issues[0].message or self._generic(issues[0].code)
            item.setText(1, f"{shown}  \u2014  {text}" if shown else text)
            item.setForeground(1, QBrush(ISSUE_COLOR))
            kind = "issue"
        elif value in (None, ""):
            item.setText(1, self.tr("Not answered"))
            font = item.font(1)
            font.setItalic(True)
            item.setFont(1, font)
            kind = "unanswered"
        else:
            item.setText(1, shown)
            kind = "answered"
        item.setToolTip(1, item.text(1))
        return kind

    def _show_status(self, iv: Interview, answered: int, unanswered: int, needs: int) -> None:
        final = iv.status != "draft"
        self._finalize.setEnabled(self._mode == REVIEW and iv.can_finalize() and not final)
        self._finalize.setVisible(self._mode == REVIEW and not final)
        self._return.setVisible(self._mode == INDEX)
        if self._mode == READ_ONLY or final:
            self._status.setText(self.tr(
                "Read only: this interview is finalized and can no longer be changed."))
        elif self._mode == INDEX:
            self._status.setText(self.tr(
                "{answered} answered, {unanswered} not answered so far. Choose a question to go "
                "to it.").format(answered=answered, unanswered=unanswered))
        elif needs:
            self._status.setText(self.tr(
                "%n question(s) need attention before the interview can be finalized. "
                "Choose a row to go back to it.", "", needs))
        else:
            self._status.setText(self.tr(
                "{answered} answered, {unanswered} not answered. Finalize when the respondent "
                "has nothing to add; a finalized interview cannot be changed.").format(
                    answered=answered, unanswered=unanswered))
        self._banner.setVisible(self._mode != INDEX and ended_early(iv))

    def _show_recording(self, iv: Interview) -> None:
        """Whether the interview is recorded, and for how long, before the interviewer
        finalizes it (the recording bar stays on the question pages; issue #16)."""
        ex = self._executor
        shown = None
        if self._mode != INDEX and ex is not None and ex.session.is_open:
            shown = ops_background.summary(ex.session.store, iv)
        self._recording.setVisible(shown is not None)
        if shown is None:
            self._recording.clear()
            return
        from fieldapp.gui.widgets.media import _mmss

        live = self.live_seconds()
        time = _mmss(max(shown.seconds, live or 0.0))
        if shown.state == ops_background.RECORDED and (live is not None or not shown.complete):
            text = self.tr("This interview is being recorded ({time} so far). Finalizing stops "
                           "the recording and keeps it with the answers.").format(time=time)
        elif shown.state == ops_background.RECORDED:
            text = self.tr("This interview was recorded ({time}).").format(time=time)
        elif shown.state in (ops_background.STOPPED, ops_background.DECLINED) and shown.seconds:
            text = (self.tr("The interviewer stopped the recording; the {time} recorded "
                            "before is kept.") if shown.state == ops_background.STOPPED else
                    self.tr("The respondent declined the recording; the {time} recorded "
                            "before is kept.")).format(time=time)
        elif shown.state == ops_background.STOPPED:
            text = self.tr("The interviewer stopped the recording; nothing was recorded.")
        elif shown.state == ops_background.DECLINED:
            text = self.tr("The respondent declined the recording; nothing was recorded.")
        else:
            text = self.tr("This interview is not recorded: there is no consent to record it.")
        self._recording.setText(text)
        self._recording.setAccessibleName(text)

    def focus_first(self) -> None:
        """Keyboard focus where the interviewer acts next: Finalize when it is allowed."""
        if self._finalize.isEnabled() and not self._finalize.isHidden():
            self._finalize.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def row_count(self) -> int:
        """Questions listed (section rows not counted)."""
        return len(self._leaves)

    def rows(self) -> dict[str, QTreeWidgetItem]:
        """The question rows by question name (tests)."""
        return dict(self._leaves)

    def clear(self) -> None:
        """Forget the interview and every answer shown (lock)."""
        self._close_confirm()
        self._executor = None
        self._interview = None
        self._tree.clear()
        self._leaves = {}
        self._status.clear()
        self._banner.hide()
        self._recording.clear()
        self._recording.hide()
        self._finalize.setEnabled(False)
        self.media.clear()

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
        titles = {REVIEW: self.tr("Review the answers"), INDEX: self.tr("All questions"),
                  READ_ONLY: self.tr("Answers (read only)")}
        self._title.setText(titles.get(self._mode, titles[REVIEW]))
        self._banner.setText(self.tr(
            "The interview ended early (no consent). Only the answers below will be kept."))
        self._tree.setHeaderLabels([self.tr("Question"), self.tr("Answer")])
        self._tree.setAccessibleName(
            self.tr("Answers") if self._mode == READ_ONLY else self.tr("Answers; choose a row to go to it"))
        self._finalize.setText(self.tr("&Finalize interview…"))
        self._finalize.setAccessibleName(self.tr("Finalize interview"))
        self._return.setText(self.tr("Return to the &page"))
        self._return.setAccessibleName(self.tr("Return to the page you were on"))
        self._return.setToolTip(self.tr("Back to the page you were on (Escape)"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self._mode == INDEX:
            event.accept()
            self.sig_return.emit()
            return
        super().keyPressEvent(event)

    def _on_tree_item_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._on_tree_row_chosen(item)

    def _on_tree_row_chosen(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, PAGE_ROLE)
        if key and self._mode != READ_ONLY:
            self.sig_jump.emit(key)

    def _on_tree_row_delete(self, item: QTreeWidgetItem) -> None:
        if item.data(0, KIND_ROLE) == "instance" and self._mode != READ_ONLY:
            self.sig_remove_entry.emit(item.data(0, NAME_ROLE))

    # -- finalizing ------------------------------------------------------------------------
    def _on_finalize_clicked(self) -> None:
        iv = self._interview
        if iv is None or self._executor is None or not iv.can_finalize() or self._mode != REVIEW:
            return
        self._close_confirm()
        missing = unanswered_rows(iv)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Finalize interview"),
                          particles(self.tr("Finalize the interview {0}? A finalized interview "
                                            "cannot be changed any more.").format(iv.pseudonym)),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmFinalize")
        box.setAccessibleName(self.tr("Confirm finalizing the interview"))
        finalize = named(box.addButton(self.tr("&Finalize"), QMessageBox.ButtonRole.AcceptRole),
                         "confirmFinalizeYes", self.tr("Finalize the interview"))
        if missing:
            box.setInformativeText(self._missing_text(iv, missing))
            back = named(box.addButton(self.tr("&Go to the first unanswered question"),
                                       QMessageBox.ButtonRole.RejectRole),
                         "confirmFinalizeGoTo", self.tr("Go to the first unanswered question"))
            # Enter must not finalize past forgotten questions: the default goes to them.
            box.setDefaultButton(back)
        else:
            back = named(box.addButton(QMessageBox.StandardButton.Cancel), "confirmFinalizeNo",
                         self.tr("Keep the interview open"))
            box.setDefaultButton(finalize)
        box.setEscapeButton(back)
        first_missing = missing[0].page if missing else ""
        box.buttonClicked.connect(lambda button: self._on_confirm_clicked(
            button is finalize, first_missing if button is back else ""))
        self.confirm_box = box
        box.open()

    def _missing_text(self, iv: Interview, missing: list[AnswerRow]) -> str:
        # Inside a roster its entries come first: "Family member 2 > Detention 1 > Year".
        names = ["\u2022 " + CONTEXT_SEPARATOR.join((*row.context, row.question.label(iv.language)))
                 for row in missing[:LISTED_UNANSWERED]]
        more = len(missing) - LISTED_UNANSWERED
        text = self.tr("%n question(s) not answered:", "", len(missing)) + "\n" + "\n".join(names)
        if more > 0:
            text += "\n" + self.tr("and %n more", "", more)
        return text

    def _close_confirm(self) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.hide()
            box.deleteLater()

    def _on_confirm_clicked(self, confirmed: bool, go_to: str) -> None:
        self._close_confirm()
        iv, executor = self._interview, self._executor
        if go_to:
            self.sig_jump.emit(go_to)
            return
        if not confirmed or iv is None or executor is None or not iv.can_finalize():
            return
        self._finalize.setEnabled(False)
        self.sig_finalizing.emit()
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
