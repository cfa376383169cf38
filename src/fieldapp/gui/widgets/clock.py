"""Widgets for time and dateTime questions (issue #15: typed entry as data-entry operators expect).

A time is typed, not picked: ``14:30``, ``1430`` or ``9:05`` (the validator lets only digits
and one colon through); the value is ``HH:MM`` and the engine stores ``HH:MM:SS``
(docs/forms.md, "Question types"). Seconds typed (``14:30:15``) are kept. A dateTime is the
date editor of a date question and such a time beside it; a date without its time is not an
answer (the engine refuses it and the page says what is missing), rather than midnight
silently standing in for a time nobody gave.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.gui.widgets.entry import DateWidget

#: What may be typed on the way to a time: up to 2 digits, ':', 2 digits, optional ':' seconds,
#: or four digits without the colon (1430).
_TYPING_RE = r"(\d{0,2}(:\d{0,2}(:\d{0,2})?)?|\d{3,4})"


def normalise_time(text: str) -> str | None:
    """``1430`` / ``14:30`` / ``9:05`` -> ``14:30`` / ``09:05``; seconds kept; None for blank.

    Text that is not a whole time is returned as typed, so the engine refuses it and the page
    shows its "enter a time" message instead of the answer silently vanishing.
    """
    text = text.strip()
    if not text:
        return None
    parts = text.split(":")
    if len(parts) == 1 and len(text) in (3, 4):  # 1430, 930
        parts = [text[:-2], text[-2:]]
    whole = 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and 1 <= len(parts[0]) <= 2 \
        and all(len(p) == 2 for p in parts[1:])
    if not whole:
        return text
    out = f"{int(parts[0]):02d}:{parts[1]}"
    return f"{out}:{parts[2]}" if len(parts) == 3 else out


def shown_time(value: Any) -> str:
    """A stored ``HH:MM:SS`` as the interviewer typed it: ``HH:MM`` when the seconds are 00."""
    if value in (None, ""):
        return ""
    text = str(value)
    return text[:5] if len(text) == 8 and text.endswith(":00") else text


def _time_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(_TYPING_RE), edit))
    edit.setPlaceholderText("HH:MM")
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:00:00") + 40)
    return edit


class TimeWidget(QuestionWidget):
    """time: a time of day typed as hours and minutes (24-hour clock)."""

    def _build_editor(self) -> QWidget:
        self._edit = _time_edit(self, f"q_{self.question.name}_time")
        self._edit.textEdited.connect(self._on_edit_text_edited)
        self._edit.editingFinished.connect(self._editing_finished)
        return self._edit

    def editors(self) -> list[QWidget]:
        return [self._edit]

    def value(self) -> Any:
        return normalise_time(self._edit.text())

    def _show_value(self, value: Any) -> None:
        self._edit.setText(shown_time(value))

    def _relabel(self) -> None:
        self._edit.setToolTip(self.tr("24-hour clock, for example 14:30 (or 1430)"))

    def _on_edit_text_edited(self, _text: str) -> None:
        self._changed_soon()


class DateTimeWidget(DateWidget):
    """dateTime: the date editor and a typed time beside it; both make the answer."""

    def _build_editor(self) -> QWidget:
        box = super()._build_editor()
        self._time = _time_edit(box, f"q_{self.question.name}_time")
        self._time.setProperty("fieldapp_option", True)  # named "Time of: …", not the label
        self._time.textEdited.connect(self._on_time_text_edited)
        self._time.editingFinished.connect(self._editing_finished)
        box.layout().insertWidget(1, self._time)  # after the date, before "Clear date"
        return box

    def editors(self) -> list[QWidget]:
        return [self._edit, self._time, self._clear]

    def value(self) -> Any:
        day = super().value()
        clock = normalise_time(self._time.text())
        if day is None and clock is None:
            return None
        # One part without the other is not an answer: the engine refuses "2017-03-01T" and the
        # page says to enter both (never midnight for a time nobody gave).
        return f"{day or ''}T{clock or ''}"

    def _show_value(self, value: Any) -> None:
        text = "" if value in (None, "") else str(value)
        day, _, clock = text.partition("T")
        super()._show_value(day or None)
        self._time.setText(shown_time(clock))

    def _relabel(self) -> None:
        super()._relabel()
        self._time.setAccessibleName(self.tr("Time of: {question}").format(question=self.label_text()))
        self._time.setToolTip(self.tr("24-hour clock, for example 14:30 (or 1430)"))
        self._clear.setText(self.tr("Clear"))
        self._clear.setAccessibleName(self.tr("Clear the date and time of: {question}").format(
            question=self.label_text()))

    def _on_clear_clicked(self) -> None:
        self._time.clear()
        super()._on_clear_clicked()

    def _on_time_text_edited(self, _text: str) -> None:
        self._changed_soon()
