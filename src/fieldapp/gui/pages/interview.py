"""The interview page: one engine page of questions at a time, then the review.

``InterviewPage(repo, interview)`` shows the pseudonym large (the interviewer copies it onto
paper notes), a form-language switcher, "page n of m", the current page's questions made by
the widget registry, inline constraint/required messages, Back/Next (Enter, Alt+Left,
Alt+Right) and an autosave indicator. Every answer goes through ``Interview.set_answer``,
which saves it in the store at once; this page decides nothing about validity or order.

"Go to…" (Ctrl+G) opens the question index (every question with its answer, ODK's hierarchy
view); a row chosen on the review opens its page with "Back to review" beside Next, so fixing
one answer is one page turn away from the review again. A finalized interview (or a
coordinator's record) opens read only: its answers, nothing that changes them (``read_only``).

A repeat's roster page is shown by ``RosterView`` (pages/roster.py): Add, Open, Remove. Next
on the last page of the last entry of a roster the interviewer controls comes back to the
roster, which asks "is there another?" (``repeat_flow``, docs/forms.md "Repeats on screen");
on a page inside an entry, Up to the list (Escape) goes to its roster.

Signals: ``sig_finished(interview id)`` after Finalize, ``sig_closed()`` when the
interviewer leaves to home (the draft is already saved). ``clear()`` drops every answer
from the screen and the page's references to the interview (lock).
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.pages import repeat_flow
from fieldapp.gui.pages import review as answers_view
from fieldapp.gui.pages.review import ReviewPage
from fieldapp.gui.pages.roster import RosterView
from fieldapp.gui.widgets import QuestionWidget, widget_for
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import DEFAULT_LANG, Group, Interview, Issue, Page, language_code, last_step

REVIEW = "review"


def language_display_name(key: str) -> str:
    """ "Korean (ko)" -> "한국어": each language in its own name, as respondents read it
    (the code in brackets means nothing to them); the form's own name when Qt knows no better."""
    code = language_code(key)
    name = key[: key.rfind("(")].strip() if code else key
    if code and code != "en":
        native = QLocale(code).nativeLanguageName()
        if native and QLocale(code).language() != QLocale.Language.C:
            return native
    return name or key


class ProgressLine(QWidget):
    """A thin bar under "page n of m" (the label carries the words for screen readers).

    Not a QProgressBar: its setValue repaints synchronously in the style's full glory,
    which was the largest single cost of turning a page.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self.setFixedHeight(6)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_fraction(self, fraction: float) -> None:
        self._fraction = min(max(fraction, 0.0), 1.0)
        self.update()

    def fraction(self) -> float:
        return self._fraction

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.mid())
        done = self.rect()
        done.setWidth(round(self.width() * self._fraction))
        painter.fillRect(done, pal.highlight())
        painter.end()


class InterviewPage(QWidget):
    """Runs one interview on screen; see the module docstring for the contract."""

    sig_finished = Signal(str)
    sig_closed = Signal()

    def __init__(self, executor: StoreExecutor, interview: Interview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview_page")
        self._executor: StoreExecutor | None = executor
        self._interview: Interview | None = interview
        #: Kept after clear() so the shell can resume the same interview at the same page.
        self.interview_id = interview.id
        self.last_position = interview.position
        self._widgets: dict[str, QuestionWidget] = {}
        self._page: Page | None = None
        self._attempted = False  # Next was refused on this page: show "required" messages
        self._type_errors: dict[str, str] = {}
        self._groups = {n.name: n for n in interview.form.nodes() if isinstance(n, Group)}
        #: Nothing on this page can change the interview (finalized, or a merged record).
        self.read_only = interview.status != "draft"
        self._back_to_review = False  # a review row opened this page: offer the way back
        self._in_index = False
        #: The roster page shown again after the last entry, asking "add another?"
        #: (repeat_flow), and the page Next left to show it (where Back returns).
        self._asking: str | None = None
        self._asked_from = ""
        self._roster_current = ""  # the entry to put the roster's cursor on when it is next drawn
        #: The form's question and choice images, decoded from the store (issue #16); None
        #: for a form without any. Dropped on lock with every decoded picture.
        self._images = None
        if interview.form.media and executor is not None and executor.session.is_open:
            from fieldapp.gui.widgets.form_image import FormImages

            self._images = FormImages(executor.session.store, interview.form)
        self._background = self._make_background(executor, interview)
        self._build()
        # through a weak reference: a lambda holding the page would keep it (and its event
        # filters) alive after it is closed, until the garbage collector runs
        page = weakref.ref(self)
        self._review.live_seconds = lambda: _live_seconds(page())
        self._fill_languages()
        self._render()

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        outer.addLayout(self._build_header())
        if self._background is not None:
            outer.addWidget(self._background)  # above the questions: always in sight
        outer.addLayout(self._build_progress())
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)
        outer.addWidget(self._build_stack(), 1)
        outer.addLayout(self._build_footer())
        # The whole window: right after Resume the focus may still be outside the page (on
        # the toolbar), and Alt+Left/Right must work before any click (issue #15).
        context = Qt.ShortcutContext.WindowShortcut
        self._sc_next = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), self)
        self._sc_next.setContext(context)
        self._sc_next.activated.connect(self._on_shortcut_next_activated)
        self._sc_back = QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self)
        self._sc_back.setContext(context)
        self._sc_back.activated.connect(self._on_shortcut_back_activated)
        self._sc_index = QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_G), self)
        self._sc_index.setContext(context)
        self._sc_index.activated.connect(self._on_index_clicked)
        self._retranslate()
        self._saved.setText(self.tr("✓ Saved"))
        self._saved.setAccessibleName(self.tr("All answers are saved"))

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        ident = QVBoxLayout()
        ident.setSpacing(0)
        self._pseudonym_caption = QLabel(self)
        self._pseudonym_caption.setObjectName("interview_pseudonym_caption")
        ident.addWidget(self._pseudonym_caption)
        self._pseudonym = QLabel(self)
        self._pseudonym.setObjectName("interview_pseudonym")
        self._pseudonym.setTextFormat(Qt.TextFormat.PlainText)
        self._pseudonym.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self._pseudonym.setFont(self._pseudonym_font())
        ident.addWidget(self._pseudonym)
        header.addLayout(ident, 1)

        side = QVBoxLayout()
        side.setSpacing(4)
        lang_row = QHBoxLayout()
        self._language_label = QLabel(self)
        self._language_label.setObjectName("interview_language_label")
        lang_row.addWidget(self._language_label)
        self._language = QComboBox(self)
        self._language.setObjectName("interview_language")
        self._language_label.setBuddy(self._language)
        self._language.currentIndexChanged.connect(self._on_language_current_index_changed)
        lang_row.addWidget(self._language)
        side.addLayout(lang_row)
        self._saved = QLabel(self)
        self._saved.setObjectName("interview_saved")
        self._saved.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        side.addWidget(self._saved)
        header.addLayout(side, 0)
        return header

    def _build_progress(self) -> QHBoxLayout:
        prog = QHBoxLayout()
        self._progress_label = QLabel(self)
        self._progress_label.setObjectName("interview_progress")
        prog.addWidget(self._progress_label)
        self._progress = ProgressLine(self)
        self._progress.setObjectName("interview_progress_bar")
        prog.addWidget(self._progress, 1)
        return prog

    def _build_stack(self) -> QStackedWidget:
        self._stack = QStackedWidget(self)
        self._stack.setObjectName("interview_stack")
        self._scroll = QScrollArea(self._stack)
        self._scroll.setObjectName("interview_questions")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The questions take the focus, not their frame: one Tab stop fewer on every page.
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._stack.addWidget(self._scroll)
        self._roster = RosterView(self._stack)
        self._roster.sig_open.connect(self._on_roster_open)
        self._roster.sig_changed.connect(self._on_roster_changed)
        self._stack.addWidget(self._roster)
        self._review = ReviewPage(self._executor, self._interview, self._stack)
        self._review.sig_jump.connect(self._on_review_jump)
        self._review.sig_return.connect(self._on_index_return)
        self._review.sig_remove_entry.connect(self._on_review_remove_entry)
        self._review.sig_finalized.connect(self._on_review_finalized)
        self._review.sig_finalizing.connect(self._on_review_finalizing)
        self._stack.addWidget(self._review)
        return self._stack

    def _build_footer(self) -> QHBoxLayout:
        footer = QHBoxLayout()
        self._close = QPushButton(self)
        self._close.setObjectName("interview_close")
        self._close.clicked.connect(self._on_close_clicked)
        footer.addWidget(self._close)
        self._index = QPushButton(self)
        self._index.setObjectName("interview_index")
        self._index.clicked.connect(self._on_index_clicked)
        footer.addWidget(self._index)
        footer.addStretch(1)
        self._to_review = QPushButton(self)
        self._to_review.setObjectName("interview_to_review")
        self._to_review.clicked.connect(self._on_to_review_clicked)
        self._to_review.hide()
        footer.addWidget(self._to_review)
        self._to_roster = QPushButton(self)
        self._to_roster.setObjectName("interview_to_roster")
        self._to_roster.clicked.connect(self._on_to_roster_clicked)
        self._to_roster.hide()
        footer.addWidget(self._to_roster)
        self._back = QPushButton(self)
        self._back.setObjectName("interview_back")
        self._back.clicked.connect(self._on_back_clicked)
        footer.addWidget(self._back)
        self._next = QPushButton(self)
        self._next.setObjectName("interview_next")
        self._next.clicked.connect(self._on_next_clicked)
        footer.addWidget(self._next)
        for button in (self._close, self._index, self._to_review, self._to_roster, self._back, self._next):
            # Outside a dialog a focused push button ignores Enter; make Enter press it,
            # rather than falling through to the page's "Enter = Next".
            button.setAutoDefault(True)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        return footer

    def _pseudonym_font(self) -> QFont:
        try:
            from fieldapp.gui.theme import pseudonym_font
        except ImportError:  # the shell's theme module is optional for this page
            font = QFont(self.font())
            font.setPointSizeF(max(font.pointSizeF(), 10) * 2.2)
            font.setBold(True)
            return font
        return pseudonym_font(self.font())

    def _retranslate(self) -> None:
        self._pseudonym_caption.setText(self.tr("Pseudonym (write it on your paper notes)"))
        self._pseudonym.setAccessibleName(self.tr("Pseudonym"))
        self._language_label.setText(self.tr("Questionnaire &language:"))
        self._language.setAccessibleName(self.tr("Questionnaire language"))
        self._progress_label.setAccessibleName(self.tr("Progress"))
        self._progress.setAccessibleName(self.tr("Progress"))
        if self.read_only:
            self._close.setText(self.tr("&Close"))
            self._close.setAccessibleName(self.tr("Close the interview"))
            self._close.setToolTip("")
        else:
            self._close.setText(self.tr("&Save and close"))
            self._close.setAccessibleName(self.tr("Save and close the interview"))
            self._close.setToolTip(self.tr("Every answer is already saved; the draft can be resumed from home."))
        self._index.setText(self.tr("&Go to…"))
        self._index.setAccessibleName(self.tr("Go to a question"))
        self._index.setToolTip(self.tr("Every question with its answer: choose one to go to it (Ctrl+G)"))
        self._to_review.setText(self.tr("Back to &review"))
        self._to_review.setAccessibleName(self.tr("Back to the review"))
        self._to_review.setToolTip(self.tr("Back to the list of answers before finalizing"))
        self._to_roster.setText(self.tr("↑ &Up to the list"))
        self._to_roster.setAccessibleName(self.tr("Up to the list of entries"))
        self._back.setText(self.tr("← &Back"))
        self._back.setAccessibleName(self.tr("Back"))
        self._back.setToolTip(self.tr("Previous page (Alt+Left)"))
        self._next.setText(self.tr("&Next →"))
        self._next.setAccessibleName(self.tr("Next"))
        self._next.setToolTip(self.tr("Next page (Enter or Alt+Right)"))

    def _fill_languages(self) -> None:
        iv = self._interview
        self._language.blockSignals(True)
        self._language.clear()
        if iv is not None:
            for key in iv.form.languages:
                shown = self.tr("Default") if key == DEFAULT_LANG else language_display_name(key)
                self._language.addItem(shown, key)
            self._language.setCurrentIndex(max(self._language.findData(iv.language), 0))
            self._language.setEnabled(len(iv.form.languages) > 1)
        self._language.blockSignals(False)

    def _make_background(self, executor: StoreExecutor, interview: Interview):
        """The form's background recording (``background-audio``, issue #16), for a draft."""
        from fieldapp.ops.background import background_audio

        plan = background_audio(interview.form)
        if plan is None or self.read_only or executor is None or not executor.session.is_open:
            return None
        from fieldapp.gui.widgets.background_audio import BackgroundRecording

        return BackgroundRecording(executor.session.store, interview, plan, self)

    # -- public ----------------------------------------------------------------------------
    @property
    def interview(self) -> Interview | None:
        return self._interview

    def question_widget(self, name: str) -> QuestionWidget | None:
        """The widget of question ``name`` on the current page (tests, screenshots)."""
        return self._widgets.get(name)

    def review_page(self) -> ReviewPage:
        return self._review

    def clear(self) -> None:
        """Remove every answer from the screen and forget the interview (the lock).

        The draft is in the store; the shell resumes it with ``ops.interviews.resume_interview``
        and a new page after unlocking (``last_position`` says where it was).
        """
        # Typing still inside its pause is an answer too: save it while the store is open
        # (a quick lock right after a keystroke must not lose it). A background recording
        # stops and is kept.
        self._flush()
        if self._background is not None:
            self._background.clear()
        if self._interview is not None:
            self.last_position = self._interview.position
        for w in self._widgets.values():
            w.clear()
        self._widgets = {}
        if self._images is not None:
            self._images.clear()
            self._images = None
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._review.clear()
        self._roster.clear()
        self._pseudonym.clear()
        self._language.blockSignals(True)
        self._language.clear()
        self._language.blockSignals(False)
        self._interview = None
        self._executor = None
        self._page = None
        self._type_errors = {}
        for w in (self._back, self._next, self._close, self._language):
            w.setEnabled(False)

    # -- rendering -------------------------------------------------------------------------
    def _render(self) -> None:
        iv = self._interview
        if iv is None:
            return
        self.last_position = iv.position
        self._pseudonym.setText(iv.pseudonym)
        self._attempted = False
        self._type_errors = {}
        self._in_index = False
        if iv.position != self._asking:
            self._asking = None
        if self.read_only:
            self._show_review(answers_view.READ_ONLY)
        elif iv.position == REVIEW or iv.current_page is None:
            self._back_to_review = False
            self._show_review(answers_view.REVIEW)
        else:
            self._show_page(iv.current_page)
        self._update_footer()
        self._update_progress()

    def _show_review(self, mode: str, return_page: str = "") -> None:
        self._page = None
        self._widgets = {}
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._review.set_interview(self._executor, self._interview, mode, return_page)
        self._stack.setCurrentWidget(self._review)
        self._review.focus_first()

    def _update_footer(self) -> None:
        """Which ways on are offered: none that edit in read-only, none but Return in the index."""
        iv = self._interview
        on_page = self._page is not None and not self._in_index
        editable = iv is not None and not self.read_only and iv.status == "draft"
        for button in (self._back, self._next):
            button.setVisible(not self.read_only)
        self._next.setEnabled(editable and on_page)
        self._back.setEnabled(editable and not self._in_index and (
            iv.previous_page() is not None or self._asking is not None if on_page
            else iv is not None and iv.position == REVIEW))
        self._index.setVisible(editable and on_page)
        self._to_review.setVisible(editable and on_page and self._back_to_review)
        up = repeat_flow.innermost_roster(self._page) if editable and on_page else None
        self._to_roster.setVisible(up is not None)
        if up is not None:
            label = iv.page(up).repeat.label(iv.language) or up
            self._to_roster.setToolTip(self.tr("Back to the list: {roster} (Escape)").format(roster=label))

    def _show_page(self, page: Page) -> None:
        iv = self._interview
        assert iv is not None
        self._page = page
        if page.is_roster:
            self._show_roster(page)
            return
        container = QWidget()
        container.setObjectName("interview_page_questions")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(6)
        self._section = QLabel(container)
        self._section.setObjectName("interview_section")
        self._section.setWordWrap(True)
        self._section.setTextFormat(Qt.TextFormat.PlainText)
        font = self._section.font()
        font.setPointSizeF(font.pointSizeF() * 1.3 if font.pointSizeF() > 0 else 13)
        self._section.setFont(font)
        layout.addWidget(self._section)
        self._widgets = {}
        for q in page.questions:
            choices = iv.choices(q) if q.is_select else None
            w = widget_for(q, choices, iv.language, container)
            w.set_value(iv.value(q.name))
            if self._images is not None:
                w.set_form_images(self._images)
            w.setVisible(iv.is_relevant(q.name))
            w.sig_value_changed.connect(self._on_question_value_changed)
            if hasattr(w, "bind_media") and self._executor is not None and self._executor.session.is_open:
                # media widgets write into the store themselves (issue #16, gui/widgets/media.py)
                w.bind_media(self._executor.session.store, iv.id)
            layout.addWidget(w)
            self._widgets[q.name] = w
        layout.addStretch(1)
        self._scroll.setWidget(container)  # the previous page's widgets are deleted with it
        self._update_section()
        self._set_tab_order()
        self._stack.setCurrentWidget(self._scroll)
        self._focus_first()

    def _show_roster(self, page: Page) -> None:
        """A roster page: the entries of a repeat (asking "add another?" after the last one)."""
        iv = self._interview
        assert iv is not None
        self._widgets = {}
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        current, self._roster_current = self._roster_current, ""
        self._roster.set_roster(iv, page, asking=page.key == self._asking, current=current)
        chain = self._roster.editors() + [self._next, self._back, self._close, self._language]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._stack.setCurrentWidget(self._roster)
        self._roster.focus_first()

    def roster_view(self) -> RosterView:
        return self._roster

    def _focus_first(self) -> None:
        """The keyboard focus on the first question of the page (Next on a page of notes,
        Finalize or the answers on the review)."""
        if self._interview is None:
            return
        if self._page is None or self._in_index:
            self._review.focus_first()
            return
        if self._page.is_roster:
            self._roster.focus_first()
            return
        first = next((w for w in self._widgets.values() if not w.isHidden() and w.editors()), None)
        if first is not None:
            first.focus_editor()
        else:
            self._next.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_tab_order(self) -> None:
        """Questions in form order, then Next, Back, Close, the language: Tab after the last
        answer lands on Next (widgets made for a new page would otherwise come last)."""
        chain: list[QWidget] = [e for w in self._widgets.values() for e in w.editors()]
        chain += [self._next, self._back, self._close, self._language]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _update_section(self) -> None:
        """The heading above the questions: the page's group, else the enclosing section."""
        iv, page = self._interview, self._page
        if iv is None or page is None or page.is_roster:
            return
        text = ""
        if page.group is not None and not page.group.repeat:
            text = page.group.label(iv.language)
        if not text and page.questions:  # a roster page (repeats) has no questions
            for name in reversed(page.questions[0].path):
                group = self._groups.get(name)
                if group is not None and group.label(iv.language):
                    text = group.label(iv.language)
                    break
        if page.instance:
            # Inside a roster entry: which entry (and the entries around it), the way the
            # interviewer finds their place on the paper questionnaire.
            repeat_labels = {g.label(iv.language) for g in self._groups.values() if g.repeat}
            parts = self._entry_titles(page.instance)
            if text and text not in repeat_labels:
                parts.append(text)  # a labelled group inside the entry
            text = " \u203a ".join(parts)
        self._section.setText(text)
        self._section.setVisible(bool(text))

    def _entry_titles(self, instance: str) -> list[str]:
        iv = self._interview
        assert iv is not None
        titles = []
        for path in reversed(repeat_flow.enclosing(instance)):
            name, index = last_step(path)
            group = self._groups.get(name)
            label = group.label(iv.language) if group is not None else name
            titles.append(f"{label or name} {index}")
        return titles

    def _update_progress(self) -> None:
        iv = self._interview
        if iv is None:
            return
        n, m = iv.progress()
        if iv.position == REVIEW:
            self._progress_label.setText(self.tr("Review ({m} pages)").format(m=m))
        else:
            self._progress_label.setText(self.tr("Page {n} of {m}").format(n=n, m=m))
        self._progress.set_fraction((m if iv.position == REVIEW else n) / max(m, 1))

    def _refresh_page(self, source: str | None, before: dict[str, Any]) -> None:
        """After a change: relevance, values the engine changed, filtered choices, messages.

        Widgets are shown or hidden rather than rebuilt, so the focus stays where the
        interviewer is typing.
        """
        iv = self._interview
        if iv is None:
            return
        for name, w in self._widgets.items():
            q = w.question
            w.setVisible(iv.is_relevant(name))
            if name != source and before.get(name) != iv.value(name):
                w.set_value(iv.value(name))  # e.g. an answer dropped with its relevance
            if q.is_select and q.choice_filter:
                w.set_choices(iv.choices(q))
        self._show_issues(iv.page_issues(self._page) if self._page else [])
        self._update_progress()

    def _show_issues(self, issues: list[Issue]) -> None:
        by_field: dict[str, Issue] = {}
        for issue in issues:
            by_field.setdefault(issue.field, issue)
        for name, w in self._widgets.items():
            if name in self._type_errors:
                w.set_issue(self._type_errors[name])
                continue
            issue = by_field.get(name)
            if issue is None or (issue.code == "required" and not self._attempted):
                w.set_issue("")
            else:
                w.set_issue(issue.message or self._generic_message(issue.code, w))

    def _generic_message(self, code: str, widget: QuestionWidget) -> str:
        if code == "required":
            return self.tr("This question needs an answer before you go on.")
        if code == "constraint":
            return self.tr("This answer is outside what the questionnaire allows; please check it.")
        t = widget.question.type
        if t == "integer":
            return self.tr("Enter a whole number, for example 42.")
        if t == "decimal":
            return self.tr("Enter a number, for example 3.5.")
        if t == "date":
            return self.tr("Enter a date as year-month-day.")
        if t == "time":
            return self.tr("Enter a time as hours:minutes, for example 14:30.")
        if t == "dateTime":
            return self.tr("Enter a date and a time (hours:minutes).")
        if t == "range":
            return self.tr("Choose a number on the scale.")
        if t == "geopoint":
            return self.tr("Enter the latitude and the longitude in decimal degrees, for example "
                           "37.5665 126.9780.")
        if t in ("geotrace", "geoshape"):
            return self.tr("Check the points: one latitude and longitude a line, in decimal degrees "
                           "(a shape ends with its first point again).")
        return self.tr("This answer is not valid for this question.")

    # -- navigation ------------------------------------------------------------------------
    def flush(self) -> None:
        """Save what is still waiting for the typing pause, and stop a background recording
        (the shell closes the page: home, lock, suspend, quit)."""
        self._flush()
        if self._background is not None:
            self._background.stop()

    def background_recording(self):
        """The background recording bar (``background-audio``), or None (tests, screenshots)."""
        return self._background

    def _flush(self) -> None:
        for w in list(self._widgets.values()):
            w.flush()

    def _go_next(self) -> None:
        iv = self._interview
        if iv is None or iv.position == REVIEW or iv.status != "draft" or self.read_only or self._in_index:
            return
        self._flush()
        if self._interview is None:
            return
        page = self._page
        if page is not None and page.is_roster:
            self._leave_roster(page)
            return
        blocking = [n for n in self._type_errors if self._widgets.get(n) and iv.is_relevant(n)]
        issues = iv.go_next() if not blocking else []
        if blocking or issues:
            self._attempted = True
            self._show_issues(iv.page_issues(self._page) if self._page else [])
            names = blocking + [i.field for i in issues]
            target = next((self._widgets[n] for n in self._widgets if n in names), None)
            if target is not None:
                self._scroll.ensureWidgetVisible(target)
                target.focus_editor()
            return
        if page is not None and page.instance:
            self._ask_after(page.instance, page.key)
        self._render()

    def _leave_roster(self, page: Page) -> None:
        """Next on a roster page: into its entries, or past them when it was asking."""
        iv = self._interview
        assert iv is not None
        if self._asking == page.key:
            iv.go_to(repeat_flow.page_after_roster(iv, page))
        else:
            iv.go_next()
        # Left the roster (and its last entry) behind: the roster around it may ask in turn.
        if page.instance and not repeat_flow.inside(iv.current_page, page.instance):
            self._ask_after(page.instance, page.key)
        self._render()

    def _ask_after(self, left: str, from_key: str) -> None:
        """Next left the entry ``left``: show its roster instead when it asks "add another?"."""
        iv = self._interview
        assert iv is not None
        ask = repeat_flow.roster_to_ask(iv, left, iv.current_page)
        if ask is not None:
            iv.go_to(ask)
            self._asking, self._asked_from = ask, from_key

    def _go_back(self) -> None:
        iv = self._interview
        if iv is None or iv.status != "draft" or self.read_only or self._in_index:
            return
        self._flush()
        if self._asking is not None and iv.position == self._asking:
            try:
                iv.go_to(self._asked_from)  # back into the entry Next left
            except KeyError:
                iv.go_back()
            self._render()
            return
        if iv.position != REVIEW and iv.previous_page() is None:
            return
        iv.go_back()
        self._render()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # A page is built before the window shows it (new interview, Resume): a focus set
        # then is lost, so set it again once it is on screen.
        if not event.spontaneous():
            self._focus_first()
            if self._background is not None:
                # after the page is on screen: the explicit consent question is a dialog
                QTimer.singleShot(0, self._background.ask_if_needed)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        # The shell hides the page before closing the store (home, lock, quit): commit
        # any answer still inside its typing pause first.
        self._flush()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._update_progress()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        # Enter reaches the page only when the focused editor did not use it: a multi-line
        # text box keeps it for a new line, buttons press themselves, item views ignore it.
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self._stack.currentWidget() is self._scroll):
            focus = self.focusWidget()
            if focus is None or focus is self or self._scroll.isAncestorOf(focus):
                event.accept()
                self._go_next()
                return
        if event.key() == Qt.Key.Key_Escape and not self._to_roster.isHidden():
            event.accept()
            self._on_to_roster_clicked()
            return
        super().keyPressEvent(event)

    # -- handlers --------------------------------------------------------------------------
    def _on_question_value_changed(self, name: str, value: Any) -> None:
        iv = self._interview
        if iv is None or self._page is None or name not in self._widgets:
            return
        before = {q.name: iv.value(q.name) for q in self._page.questions}
        try:
            issues = iv.set_answer(name, value)
        except FieldAppError as exc:
            self._saved.setText(self.tr("Not saved: {reason}").format(reason=str(exc)))
            self._saved.setStyleSheet("color: #b00020; font-weight: bold;")
            return
        if any(i.code == "type" for i in issues):
            self._type_errors[name] = self._generic_message("type", self._widgets[name])
        else:
            self._type_errors.pop(name, None)
            self._saved.setText(self.tr("✓ Saved"))
            self._saved.setStyleSheet("")
            self._saved.setAccessibleName(self.tr("All answers are saved"))
        if self._background is not None:
            self._background.update_consent()  # consent given (or withdrawn) by this answer
        self._refresh_page(name, before)

    def _on_next_clicked(self) -> None:
        self._go_next()

    def _on_back_clicked(self) -> None:
        self._go_back()

    def _on_shortcut_next_activated(self) -> None:
        self._go_next()

    def _on_shortcut_back_activated(self) -> None:
        self._go_back()

    def _on_close_clicked(self) -> None:
        self.flush()
        self.sig_closed.emit()

    def _on_language_current_index_changed(self, index: int) -> None:
        iv = self._interview
        key = self._language.itemData(index)
        if iv is None or not key:
            return
        iv.set_language(key)
        for w in self._widgets.values():
            w.set_language(iv.language)
        self._update_section()
        self._update_footer()
        if iv.position == REVIEW or self._in_index or self.read_only:
            self._review.refresh()
        elif self._page is not None and self._page.is_roster:
            self._roster.refresh()
        elif self._page is not None:
            self._show_issues(iv.page_issues(self._page))

    def _on_review_jump(self, key: str) -> None:
        iv = self._interview
        if iv is None or iv.status != "draft" or self.read_only:
            return
        from_review = iv.position == REVIEW and not self._in_index
        try:
            iv.go_to(key)
        except KeyError:
            return  # the page stopped being relevant since the list was drawn
        self._back_to_review = from_review or (self._back_to_review and self._in_index)
        self._asking = None
        self._render()

    def _on_index_clicked(self) -> None:
        """The question index over the current page (its rows marked); Escape returns."""
        iv = self._interview
        if iv is None or self.read_only or self._page is None or self._in_index:
            return
        self._flush()
        if self._interview is None:
            return
        self._in_index = True
        self._show_review(answers_view.INDEX, iv.position)
        self._update_footer()

    def _on_index_return(self) -> None:
        if self._in_index:
            self._render()

    def _on_to_review_clicked(self) -> None:
        iv = self._interview
        if iv is None or self.read_only or iv.status != "draft":
            return
        self._flush()
        if self._interview is None:
            return
        iv.go_to(REVIEW)
        self._render()

    def _on_roster_open(self, instance: str) -> None:
        iv = self._interview
        if iv is None or self.read_only:
            return
        self._flush()
        try:
            opened = interview_ops.open_instance(iv, instance)
        except FieldAppError:
            opened = None
        if opened is None:
            self._roster.refresh()  # the entry has nothing to ask now
            return
        self._asking = None
        self._render()

    def _on_roster_changed(self) -> None:
        """An entry was added or removed (saved): the list, the page count and the ways on."""
        iv = self._interview
        if iv is None:
            return
        if iv.position != (self._page.key if self._page else None):
            self._render()  # the engine moved (the entry shown was removed)
            return
        self._roster.refresh()
        self._update_progress()
        self._update_footer()

    def _on_review_remove_entry(self, instance: str) -> None:
        """Delete on an entry's row of the review or Go to…: its roster asks first, naming it."""
        iv = self._interview
        if iv is None or self.read_only or iv.status != "draft":
            return
        try:
            iv.go_to(repeat_flow.roster_key(instance))
        except (KeyError, ValueError):
            return
        self._asking = None
        self._roster_current = instance
        self._render()
        self._roster.ask_remove()

    def _on_to_roster_clicked(self) -> None:
        iv = self._interview
        key = repeat_flow.innermost_roster(self._page)
        if iv is None or key is None or self.read_only or self._in_index:
            return
        self._flush()
        if self._interview is None:
            return
        current = self._page.instance if self._page else ""
        try:
            iv.go_to(key)
        except KeyError:
            return
        self._asking = None
        self._roster_current = current  # the cursor on the entry just left (one redraw)
        self._render()

    def _on_review_finalizing(self) -> None:
        if self._background is not None:
            self._background.stop()  # the recording ends with the interview, complete

    def _on_review_finalized(self, interview_id: str) -> None:
        self._back.setEnabled(False)
        self._next.setEnabled(False)
        self.sig_finished.emit(interview_id)


def _live_seconds(page: InterviewPage | None) -> float | None:
    """The page's background recording time while it records (the review states it)."""
    bar = page._background if page is not None else None
    return bar.seconds if bar is not None else None
