"""The rank question: every choice, put in the respondent's order (issue #15).

A numbered list of the choices. By keyboard: Up/Down choose a row, Ctrl+Up / Ctrl+Down (or
the Move buttons) move it, and typing a number puts the chosen row at that place (two digits
typed quickly for ten and up, as for options). ODK's rank has no answer until the
interviewer confirms an order; here the first move is that confirmation, and **Keep this
order** confirms the order as shown (the respondent agrees with it). The value is the choice
names in rank order (docs/forms.md); **Clear** takes the answer back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.gui.widgets.keys import NumberKeys
from fieldapp.ops.model import Choice

NAME_ROLE = Qt.ItemDataRole.UserRole


class RankWidget(QuestionWidget):
    """rank LIST: the choices as a list the interviewer reorders."""

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(4, 2, 0, 2)
        self._list = QListWidget(box)
        self._list.setObjectName(f"q_{self.question.name}_ranking")
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self._list.model().rowsMoved.connect(self._on_rows_moved)
        self._list.installEventFilter(self)
        self._list.setMaximumWidth(560)
        layout.addWidget(self._list, 1, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        self._up = self._button("up", self._on_up_clicked)
        self._down = self._button("down", self._on_down_clicked)
        self._keep = self._button("keep", self._on_keep_clicked)
        self._clear = self._button("clear", self._on_clear_clicked)
        for button in (self._up, self._down, self._keep, self._clear):
            side.addWidget(button)
        side.addStretch(1)
        layout.addLayout(side)
        layout.addStretch(1)
        self._numbers = NumberKeys()
        self._ranked = False  # an answer is given (moved or kept), not just the form's order
        self._fill([c.name for c in self._choices])
        return box

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"q_{self.question.name}_{name}")
        button.setProperty("fieldapp_option", True)
        button.clicked.connect(slot)
        return button

    def _fill(self, names: list[str]) -> None:
        by_name = {c.name: c for c in self._choices}
        current = self._current_name()
        self._list.clear()
        for name in names:
            choice = by_name.get(name)
            if choice is not None:
                item = QListWidgetItem()
                item.setData(NAME_ROLE, name)
                self._list.addItem(item)
        self._renumber()
        rows = max(min(len(names), 10), 1)
        # As tall as its choices (ten at most, then it scrolls): the buttons stay beside them.
        self._list.setFixedHeight(self._list.sizeHintForRow(0) * rows + 2 * self._list.frameWidth() + 4)
        self._select(current)

    def _renumber(self) -> None:
        labels = {c.name: c.label(self._language) for c in self._choices}
        width = len(str(self._list.count()))
        for row in range(self._list.count()):
            item = self._list.item(row)
            item.setText(f"{row + 1:>{width}}. {labels.get(item.data(NAME_ROLE), item.data(NAME_ROLE))}")

    def order(self) -> list[str]:
        """The choice names in the order shown."""
        return [self._list.item(row).data(NAME_ROLE) for row in range(self._list.count())]

    def editors(self) -> list[QWidget]:
        return [self._list, self._up, self._down, self._keep, self._clear]

    def value(self) -> Any:
        return self.order() if self._ranked and self._list.count() else None

    def _show_value(self, value: Any) -> None:
        names = value.split() if isinstance(value, str) else list(value or ())
        known = [c.name for c in self._choices]
        self._ranked = bool(names)
        # A saved ranking first, in its order; choices it lacks (a filter changed) after it.
        self._fill([n for n in names if n in known] + [n for n in known if n not in names])

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self._choices]:
            return
        keep = self.order()
        super().set_choices(choices)
        was = self._ranked
        self._show_value(keep)
        self._ranked = was

    def _relabel(self) -> None:
        self._renumber()
        self._list.setAccessibleDescription(self.tr(
            "Ctrl+Up and Ctrl+Down move the chosen choice; a number puts it at that place."))
        self._up.setText(self.tr("Move up"))
        self._up.setAccessibleName(self.tr("Move the chosen choice up"))
        self._up.setToolTip(self.tr("Ctrl+Up"))
        self._down.setText(self.tr("Move down"))
        self._down.setAccessibleName(self.tr("Move the chosen choice down"))
        self._down.setToolTip(self.tr("Ctrl+Down"))
        self._keep.setText(self.tr("Keep this order"))
        self._keep.setAccessibleName(self.tr("Answer with the order shown"))
        self._clear.setText(self.tr("Clear"))
        self._clear.setAccessibleName(self.tr("Clear the ranking of: {question}").format(
            question=self.label_text()))

    # -- moving -----------------------------------------------------------------------------
    def _current_name(self) -> str | None:
        item = self._list.currentItem() if hasattr(self, "_list") else None
        return item.data(NAME_ROLE) if item is not None else None

    def _select(self, name: str | None) -> None:
        for row in range(self._list.count()):
            if self._list.item(row).data(NAME_ROLE) == name:
                self._list.setCurrentRow(row)
                return
        if self._list.count():
            self._list.setCurrentRow(0)

    def move_to(self, row: int, target: int) -> None:
        """Put the choice at ``row`` at place ``target`` (0-based); an answer from then on."""
        if not (0 <= row < self._list.count() and 0 <= target < self._list.count()):
            return
        names = self.order()
        name = names.pop(row)
        names.insert(target, name)
        self._fill(names)
        self._select(name)
        self._ranked = True
        self._changed_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._list and event.type() == QEvent.Type.KeyPress:
            return self._list_key(event)
        return super().eventFilter(watched, event)

    def _list_key(self, event: QKeyEvent) -> bool:
        row = self._list.currentRow()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_to(row, row + (-1 if event.key() == Qt.Key.Key_Up else 1))
            return True
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        number = self._numbers.press(event.text(), self._list.count())
        if number is None:
            return False
        if number > 0 and row >= 0:
            self.move_to(row, number - 1)
        return True

    def _on_up_clicked(self) -> None:
        row = self._list.currentRow()
        self.move_to(row, row - 1)

    def _on_down_clicked(self) -> None:
        row = self._list.currentRow()
        self.move_to(row, row + 1)

    def _on_keep_clicked(self) -> None:
        self._ranked = True
        self._changed_now()

    def _on_clear_clicked(self) -> None:
        self._ranked = False
        self._fill([c.name for c in self._choices])
        self._changed_now()

    def _on_rows_moved(self, *_args) -> None:
        # A drag with the mouse: the list moved itself.
        if self._setting:
            return
        self._renumber()
        self._ranked = True
        self._changed_now()
