"""The range question: a number from ``start`` to ``end`` on the ``step`` grid (XLSForm
``parameters``), as a slider with a spin box beside it (issue #15).

ODK shows a slider that has no value until it is touched; a plain slider always has one, so
here the spin box carries the "not answered" state (its special text at one step below the
range) and the slider follows it. Arrow keys step, Page Up/Down move ten steps, Home/End go
to the ends, digits typed (on the slider too) go into the spin box and give the number directly. Appearance ``picker``
shows the spin box alone (ODK's spinner); ``vertical`` turns the slider upright.
Whether a value is acceptable beyond the grid is the form's constraint, as for any number.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from fieldapp.gui.widgets.base import QuestionWidget

#: A slider of more steps than this is too fine to aim with a mouse: the spin box alone.
MAX_SLIDER_STEPS = 1000


def range_grid(parameters) -> tuple[Decimal, Decimal, Decimal]:
    """(start, end, step) of a range question, ODK's defaults (0, 10, 1) for what is missing
    or unreadable; a step of 0 or below is read as 1."""
    def number(key: str, default: str) -> Decimal:
        try:
            return Decimal(str(parameters.get(key, default)).strip() or default)
        except InvalidOperation:
            return Decimal(default)

    start, end, step = number("start", "0"), number("end", "10"), abs(number("step", "1"))
    return start, end, step if step > 0 else Decimal(1)


def _places(*numbers: Decimal) -> int:
    return max((max(-n.as_tuple().exponent, 0) for n in numbers), default=0)


class RangeWidget(QuestionWidget):
    """range: slider and spin box over start..end by step; empty until the interviewer sets it."""

    def _build_editor(self) -> QWidget:
        self._start, self._end, self._step = range_grid(self.question.parameters)
        self._sign = 1 if self._end >= self._start else -1
        self._count = int(abs(self._end - self._start) // self._step)  # steps on the grid
        appearance = set(self.question.appearance.split())
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self._slider = QSlider(Qt.Orientation.Vertical if "vertical" in appearance
                               else Qt.Orientation.Horizontal, box)
        self._slider.setObjectName(f"q_{self.question.name}_slider")
        self._slider.setRange(0, self._count)
        self._slider.setSingleStep(1)
        self._slider.setPageStep(max(1, min(10, self._count // 5 or 1)))
        if "no-ticks" not in appearance and self._count <= 20:
            self._slider.setTickPosition(QSlider.TickPosition.TicksBelow)
            self._slider.setTickInterval(1)
        self._slider.setMinimumWidth(240)
        self._slider.setMaximumWidth(520)  # a scale, not a page-wide bar
        self._slider.actionTriggered.connect(self._on_slider_action_triggered)
        self._slider.installEventFilter(self)
        self._slider.setVisible("picker" not in appearance and self._count <= MAX_SLIDER_STEPS)
        self._low = QLabel(self._text(self._start), box)
        self._low.setObjectName(f"q_{self.question.name}_low")
        self._high = QLabel(self._text(self._end), box)
        self._high.setObjectName(f"q_{self.question.name}_high")
        row.addWidget(self._low)
        row.addWidget(self._slider, 1)
        row.addWidget(self._high)
        self._spin = QDoubleSpinBox(box)
        self._spin.setObjectName(f"q_{self.question.name}_spin")
        self._spin.setProperty("fieldapp_option", True)
        places = _places(self._start, self._end, self._step)
        self._spin.setDecimals(places)
        low, high = min(self._start, self._end), max(self._start, self._end)
        # One step below the range is the "not answered" state (the spin box's special text).
        self._spin.setRange(float(low - self._step), float(high))
        self._spin.setSingleStep(float(self._step))
        self._spin.setValue(self._spin.minimum())
        self._spin.setKeyboardTracking(False)  # "15" typed is one value, not 1 then 15
        self._spin.valueChanged.connect(self._on_spin_value_changed)
        row.addWidget(self._spin)
        self._clear = QPushButton(box)
        self._clear.setObjectName(f"q_{self.question.name}_clear")
        self._clear.setProperty("fieldapp_option", True)
        self._clear.clicked.connect(self._on_clear_clicked)
        row.addWidget(self._clear)
        row.addStretch(1)
        for label in (self._low, self._high):
            label.setVisible(not self._slider.isHidden())
        return box

    def editors(self) -> list[QWidget]:
        slider = [] if self._slider.isHidden() else [self._slider]
        return slider + [self._spin, self._clear]

    # -- values -----------------------------------------------------------------------------
    def _text(self, number: Decimal) -> str:
        return format(number.normalize(), "f") if number == number.to_integral_value() else str(number)

    def _is_empty(self) -> bool:
        return self._spin.value() < float(min(self._start, self._end)) - float(self._step) / 2

    def _at(self, index: int) -> Decimal:
        return self._start + self._sign * index * self._step

    def value(self) -> Any:
        if self._is_empty():
            return None
        number = Decimal(repr(round(self._spin.value(), self._spin.decimals())))
        return int(number) if number == number.to_integral_value() else float(number)

    def _show_value(self, value: Any) -> None:
        if value in (None, ""):
            self._spin.setValue(self._spin.minimum())
            self._slider.setValue(0)
            return
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return
        self._spin.setValue(float(number))
        self._slider.setValue(int(round(abs(number - self._start) / self._step)))

    def _relabel(self) -> None:
        self._spin.setSpecialValueText(self.tr("Not set"))
        self._spin.setAccessibleName(self.tr("Number for: {question}").format(question=self.label_text()))
        self._slider.setAccessibleDescription(self.tr("From {start} to {end}").format(
            start=self._text(self._start), end=self._text(self._end)))
        self._clear.setText(self.tr("Clear"))
        self._clear.setAccessibleName(self.tr("Clear the answer to: {question}").format(
            question=self.label_text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # A digit typed on the slider starts typing the number into the spin box (keyed
        # entry, as for options): "4" then Enter answers 4.
        if watched is self._slider and event.type() == QEvent.Type.KeyPress and \
                len(event.text()) == 1 and (event.text().isdigit() or event.text() in "-.,"):
            self._spin.setFocus(Qt.FocusReason.OtherFocusReason)
            line = self._spin.lineEdit()
            line.setText(event.text())
            line.setCursorPosition(1)
            return True
        return super().eventFilter(watched, event)

    # -- handlers ---------------------------------------------------------------------------
    def _on_slider_action_triggered(self, _action: int) -> None:
        # Emitted before the slider moves, also for Home at the start already: read it after.
        QTimer.singleShot(0, self._take_slider)

    def _take_slider(self) -> None:
        if self._setting:
            return
        # The spin box reports the change (and the slider follows it); none when already there.
        self._spin.setValue(float(self._at(self._slider.sliderPosition())))

    def _on_spin_value_changed(self, _value: float) -> None:
        if self._setting:
            return
        was = self._setting
        self._setting = True  # the slider follows; it is not a second edit
        try:
            if not self._is_empty():
                self._slider.setValue(int(round(abs(Decimal(repr(self._spin.value())) - self._start)
                                                / self._step)))
        finally:
            self._setting = was
        self._changed_now()

    def _on_clear_clicked(self) -> None:
        self._spin.setValue(self._spin.minimum())
        self._changed_now()
