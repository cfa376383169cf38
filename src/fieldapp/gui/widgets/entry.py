"""Widgets for typed answers: integer, decimal, text (one line or multi-line), date, note.

Numbers are typed into a line edit whose validator only lets digits (and one sign, one
decimal point) through; whether 12 is an acceptable age is the form's constraint, shown by
the page with the form's own message. Dates use a QDateEdit with a calendar popup and an
explicit "no date" state, which a plain QDateEdit does not have.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from fieldapp.gui.widgets.base import QuestionWidget

_INTEGER_RE = r"-?\d{0,15}"
_DECIMAL_RE = r"-?\d{0,15}([.,]\d{0,9})?"


class TextWidget(QuestionWidget):
    """text: one line; Enter moves on (handled by the page)."""

    def _build_editor(self) -> QWidget:
        self._edit = QLineEdit(self)
        self._edit.setObjectName(f"q_{self.question.name}_edit")
        self._edit.textEdited.connect(self._on_edit_text_edited)
        self._edit.editingFinished.connect(self._editing_finished)
        return self._edit

    def editors(self) -> list[QWidget]:
        return [self._edit]

    def value(self) -> Any:
        text = self._edit.text()
        return text if text.strip() else None

    def _show_value(self, value: Any) -> None:
        self._edit.setText("" if value is None else str(value))

    def _on_edit_text_edited(self, _text: str) -> None:
        self._changed_soon()


class NumberWidget(TextWidget):
    """integer and decimal: digits only; the range is the form's constraint."""

    def _build_editor(self) -> QWidget:
        edit = super()._build_editor()
        pattern = _INTEGER_RE if self.question.type == "integer" else _DECIMAL_RE
        self._edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self._edit))
        self._edit.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly if self.question.type == "integer"
            else Qt.InputMethodHint.ImhFormattedNumbersOnly)
        # Wide enough for a year or an age, not a whole row: it reads as "a number goes here".
        self._edit.setMaximumWidth(self._edit.fontMetrics().horizontalAdvance("0") * 18 + 24)
        return edit

    def value(self) -> Any:
        text = self._edit.text().strip()
        if not text:
            return None
        # A comma is the decimal separator on many keyboards; the engine takes a point.
        return text.replace(",", ".") if self.question.type == "decimal" else text

    def _show_value(self, value: Any) -> None:
        if isinstance(value, float) and value.is_integer() and self.question.type == "integer":
            value = int(value)
        self._edit.setText("" if value is None else str(value))


class MultilineTextWidget(QuestionWidget):
    """text with appearance ``multiline``: Enter starts a new line, Tab leaves the box."""

    def _build_editor(self) -> QWidget:
        self._edit = QPlainTextEdit(self)
        self._edit.setObjectName(f"q_{self.question.name}_edit")
        self._edit.setTabChangesFocus(True)
        lines = 5
        self._edit.setMinimumHeight(self._edit.fontMetrics().lineSpacing() * lines + 12)
        self._edit.textChanged.connect(self._on_edit_text_changed)
        self._edit.installEventFilter(self)
        return self._edit

    def editors(self) -> list[QWidget]:
        return [self._edit]

    def value(self) -> Any:
        text = self._edit.toPlainText()
        return text if text.strip() else None

    def _show_value(self, value: Any) -> None:
        self._edit.setPlainText("" if value is None else str(value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _on_edit_text_changed(self) -> None:
        self._changed_soon()


class DateWidget(QuestionWidget):
    """date: a QDateEdit with calendar popup, plus an explicit empty state and Clear button.

    The empty state is Qt's special-value text shown at the minimum date (a sentinel one day
    before the earliest real date). The first key typed into an empty field starts from
    today, so "2017" typed over the year section gives a real date rather than 1899.
    """

    EARLIEST = QDate(1900, 1, 1)
    LATEST = QDate(2100, 12, 31)

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self._edit = QDateEdit(box)
        self._edit.setObjectName(f"q_{self.question.name}_date")
        self._edit.setCalendarPopup(True)
        self._edit.setDisplayFormat("yyyy-MM-dd")
        self._edit.setDateRange(self.EARLIEST.addDays(-1), self.LATEST)
        self._edit.setDate(self._edit.minimumDate())
        self._edit.dateChanged.connect(self._on_date_date_changed)
        self._edit.editingFinished.connect(self._editing_finished)
        # Fetch the (lazily made) calendar before filtering events: making it sends events
        # to the edit, and the filter must not be the one that makes it.
        self._calendar = self._edit.calendarWidget()
        self._calendar.installEventFilter(self)
        self._edit.installEventFilter(self)
        row.addWidget(self._edit)
        self._clear = QPushButton(box)
        self._clear.setObjectName(f"q_{self.question.name}_clear")
        self._clear.setProperty("fieldapp_option", True)
        self._clear.clicked.connect(self._on_clear_clicked)
        row.addWidget(self._clear)
        row.addStretch(1)
        return box

    def editors(self) -> list[QWidget]:
        return [self._edit, self._clear]

    def _is_empty(self) -> bool:
        return self._edit.date() == self._edit.minimumDate()

    def value(self) -> Any:
        if self._is_empty():
            return None
        d = self._edit.date()
        return _dt.date(d.year(), d.month(), d.day()).isoformat()

    def _show_value(self, value: Any) -> None:
        if value in (None, ""):
            self._edit.setDate(self._edit.minimumDate())
            return
        d = _dt.date.fromisoformat(str(value)[:10])
        self._edit.setDate(QDate(d.year, d.month, d.day))

    def _relabel(self) -> None:
        self._edit.setSpecialValueText(self.tr("No date"))
        self._clear.setText(self.tr("Clear date"))
        self._clear.setAccessibleName(self.tr("Clear the date of: {question}").format(
            question=self.label_text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._edit and event.type() == QEvent.Type.KeyPress and self._is_empty():
            if event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._edit.setDate(QDate.currentDate())
                self._edit.setSelectedSection(QDateEdit.Section.YearSection)
        elif watched is self._calendar and event.type() == QEvent.Type.Show and self._is_empty():
            today = QDate.currentDate()
            self._calendar.setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def _on_date_date_changed(self, _date: QDate) -> None:
        if self._calendar.isVisible():
            self._changed_now()  # picked from the calendar: a complete choice
        else:
            self._changed_soon()

    def _on_clear_clicked(self) -> None:
        self._edit.setDate(self._edit.minimumDate())
        self._changed_now()


class NoteWidget(QuestionWidget):
    """note: the label (and hint) only; nothing to answer."""

    def _build_editor(self) -> QWidget | None:
        # Instructions read differently from questions: regular weight, no answer below.
        font = self._label.font()
        font.setBold(False)
        self._label.setFont(font)
        return None

    def _is_required(self) -> bool:
        return False
