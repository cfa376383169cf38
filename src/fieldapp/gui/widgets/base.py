"""The common frame of every question widget: label, hint, required mark, inline issue.

Each question type subclasses ``QuestionWidget`` and supplies only its editor; the page
talks to all of them through the same small interface (CONVENTIONS, Qt code):
``set_value(v)`` / ``value()`` / ``sig_value_changed`` / ``set_issue(text)`` /
``set_language(lang)``. Widgets only show and collect; the engine decides what is valid.

A sealed question (docs/sealed-fields.md) empties its editor once an answer was accepted
and shows "Sealed: ..." instead; the engine's ``value()`` is then ``SEALED``, which
``set_value`` shows the same way (resume): the laptop cannot read the answer back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from fieldapp.gui.theme import hint_style
from fieldapp.gui.widgets.form_image import QUESTION_BOX, FormImages, image_label, show_image
from fieldapp.ops.model import SEALED, Choice, Question

#: Typing is committed to the engine (and so to the store) after this pause, and at once
#: when the editor loses focus or the page moves: saving every keystroke would re-run the
#: whole form's relevance for each digit, and "1" on the way to "15" would flash an
#: out-of-range message at the interviewer.
TYPING_PAUSE_MS = 350

ISSUE_STYLE = "color: #b00020;"


class QuestionWidget(QFrame):
    """One question on screen; subclasses build the editor in ``_build_editor``."""

    #: (question name, value as the engine takes it); only for changes the user made.
    sig_value_changed = Signal(str, object)

    def __init__(self, question: Question, choices: list[Choice] | None, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self._choices: list[Choice] = list(choices or [])
        self._language = language
        self._setting = False  # True while set_value runs: programmatic changes are not edits
        self._issue_text = ""
        self._unsent = False  # sealed questions: typed text waiting for Enter, focus-out or Next
        self.setObjectName(f"question_{question.name}")
        self.setFrameShape(QFrame.Shape.NoFrame)

        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(TYPING_PAUSE_MS)
        self._pending.timeout.connect(self._on_pending_timeout)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 10)
        layout.setSpacing(4)

        top = QHBoxLayout()
        top.setSpacing(8)
        self._label = QLabel(self)
        self._label.setObjectName(f"q_{question.name}_label")
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # form text is never markup
        self._label.setWordWrap(True)
        self._label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = QFont(self._label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15 if font.pointSizeF() > 0 else 11)
        self._label.setFont(font)
        top.addWidget(self._label, 1)
        self._required = QLabel(self)
        self._required.setObjectName(f"q_{question.name}_required")
        self._required.setStyleSheet(ISSUE_STYLE)
        self._required.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        top.addWidget(self._required, 0)
        layout.addLayout(top)

        self._hint = QLabel(self)
        self._hint.setObjectName(f"q_{question.name}_hint")
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        self._hint.setWordWrap(True)
        self._hint.setStyleSheet(hint_style())
        layout.addWidget(self._hint)

        # The question's image (the form's image column, issue #16), above the answer.
        self._images = None
        self._image = image_label(self, f"q_{question.name}_image")
        layout.addWidget(self._image)

        editor = self._build_editor()
        if editor is not None:
            layout.addWidget(editor)

        self._issue = QLabel(self)
        self._issue.setObjectName(f"q_{question.name}_issue")
        self._issue.setTextFormat(Qt.TextFormat.PlainText)
        self._issue.setWordWrap(True)
        self._issue.setStyleSheet(ISSUE_STYLE)
        self._issue.hide()
        layout.addWidget(self._issue)

        self._sealed = QLabel(self)
        self._sealed.setObjectName(f"q_{question.name}_sealed")
        self._sealed.setWordWrap(True)
        self._sealed.setStyleSheet(hint_style())
        self._sealed.hide()
        layout.addWidget(self._sealed)

        self._apply_language()

    # -- the interface the page uses ---------------------------------------------------------
    def value(self) -> Any:
        """The answer as the engine's ``set_answer`` takes it (None when unanswered)."""
        return None

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting ``sig_value_changed`` (``SEALED``: an empty editor
        and the "Sealed" line)."""
        self._pending.stop()
        self._unsent = False
        sealed = value is SEALED
        self._setting = True
        try:
            self._show_value(None if sealed else value)
        finally:
            self._setting = False
        self._show_sealed(sealed)

    def set_issue(self, text: str) -> None:
        """The inline message under the editor ('' hides it); also read by screen readers."""
        self._issue_text = text or ""
        # Once a message has been shown its line keeps its room when the message goes:
        # fixing an answer must not pull the questions below up under the pointer, so the
        # next click lands on the option aimed at (issue #15, item 8). The text itself goes.
        if self._issue_text:
            self._issue.setMinimumHeight(0)
            self._issue.setText(self._issue_text)
            policy = self._issue.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self._issue.setSizePolicy(policy)
        elif not self._issue.isHidden():
            self._issue.setMinimumHeight(self._issue.height())
            self._issue.clear()
        self._issue.setVisible(bool(self._issue_text))
        for w in self.editors():
            w.setAccessibleDescription(self._description())

    def issue(self) -> str:
        return self._issue_text

    def is_sealed_shown(self) -> bool:
        """True while the "Sealed: ..." line stands in for the answer."""
        return not self._sealed.isHidden()

    def set_language(self, language: str) -> None:
        self._language = language
        self._apply_language()

    def set_choices(self, choices: list[Choice]) -> None:
        """Offer other choices (choice_filter); only select widgets care."""
        self._choices = list(choices)

    def set_form_images(self, images: FormImages | None) -> None:
        """Show the form's images (the question's, and the choices' in select widgets) from
        ``images``; None takes them off the screen."""
        self._images = images
        self._show_images()

    def _show_images(self) -> None:
        q = self.question
        show_image(self._image, self._images, q.image(self._language), QUESTION_BOX,
                   self.image_name(q.label(self._language) if q.labels else q.image(self._language)))

    def image_name(self, text: str) -> str:
        """The accessible name of a form image showing ``text`` (a label, else the file name)."""
        return self.tr("Image: %1").replace("%1", text)

    def flush(self) -> None:
        """Commit a change still waiting for the typing pause (before navigation)."""
        if self._pending.isActive() or self._unsent:
            self._pending.stop()
            self._emit()

    def focus_editor(self) -> None:
        """Put the keyboard focus where typing an answer starts."""
        editors = self.editors()
        if editors:
            editors[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def editors(self) -> list[QWidget]:
        """The interactive widgets of this question, in tab order."""
        return []

    def clear(self) -> None:
        """Forget the shown answer and message (lock): nothing of it stays on screen."""
        self.set_value(None)
        self.set_issue("")
        self.set_form_images(None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        # The interface language changed (a setting): our own words, not the form's.
        if event.type() == QEvent.Type.LanguageChange:
            self._apply_language()
        super().changeEvent(event)

    # -- for subclasses ----------------------------------------------------------------------
    def _build_editor(self) -> QWidget | None:
        return None

    def _show_value(self, value: Any) -> None:
        pass

    def _relabel(self) -> None:
        """Update choice labels and accessible names after a language change."""

    def _changed_now(self) -> None:
        """The user made a complete change (a click, a choice): commit it at once."""
        if self._setting:
            return
        self._pending.stop()
        self._emit()

    def _changed_soon(self) -> None:
        """The user is typing: commit after the pause (or on flush)."""
        if self._setting:
            return
        if self.question.seal:
            # Sealing takes the text off the screen: a pause in typing must not seal half a
            # phone number, so a sealed answer is committed only when the typing is done.
            self._unsent = True
            return
        self._pending.start()

    def _editing_finished(self) -> None:
        self.flush()

    def label_text(self) -> str:
        return self.question.label(self._language)

    # -- internals ---------------------------------------------------------------------------
    def _on_pending_timeout(self) -> None:
        self._emit()

    def _emit(self) -> None:
        self._unsent = False
        value = self.value()
        self.sig_value_changed.emit(self.question.name, value)
        if self.question.seal:
            # The page handled the change synchronously: an empty value cleared the sealed
            # answer; any other value without an issue is now sealed (and leaves the screen).
            if value in (None, "", []):
                self._show_sealed(False)
            elif not self._issue_text:
                self.set_value(SEALED)  # the typed text must not stay on screen

    def _show_sealed(self, sealed: bool) -> None:
        if sealed == self.is_sealed_shown():
            return
        self._sealed.setVisible(sealed)
        for w in self.editors():
            w.setAccessibleDescription(self._description())

    def _description(self) -> str:
        parts = [self.question.hint(self._language)]
        if self._is_required():
            parts.append(self.tr("Required."))
        parts.append(self._issue_text)
        if hasattr(self, "_sealed") and not self._sealed.isHidden():
            parts.append(self._sealed.text())
        return " ".join(p for p in parts if p)

    def _is_required(self) -> bool:
        # A conditional requirement (an expression) is marked too: it is safer to say
        # "required" than to let the interviewer skip and meet the message on Next.
        return bool(self.question.required) and self.question.required.strip() not in (
            "false()", "false", "no")

    def _apply_language(self) -> None:
        self._label.setText(self.label_text())
        hint = self.question.hint(self._language)
        self._hint.setText(hint)
        self._hint.setVisible(bool(hint))
        self._sealed.setText(self.tr("Sealed: only the coordinator can read this answer"))
        self._required.setText(self.tr("Required") if self._is_required() else "")
        self._required.setVisible(self._is_required())
        self._relabel()
        if hasattr(self, "_image"):
            self._show_images()  # the image of the new language (falling back like labels)
        for w in self.editors():
            # Options of a choice list carry their own label as name (set in _relabel).
            if not w.property("fieldapp_option"):
                w.setAccessibleName(self.label_text())
            w.setAccessibleDescription(self._description())
