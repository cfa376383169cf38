"""Widgets for select_one and select_multiple questions.

Short select_one lists are radio buttons (arrow keys move and choose, as the respondent
watches the screen); long lists (more than ``LONG_LIST`` choices, or appearance
``autocomplete``) are a searchable list; appearance ``minimal`` is a drop-down with Qt's
type-ahead. select_multiple is check boxes. Exclusive options ("there is no access at
all") are the form's business: its constraint message is shown, nothing is unticked
behind the interviewer's back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.gui.widgets.form_image import CHOICE_BOX, fit, image_label, show_image
from fieldapp.gui.widgets.keys import NumberKeys
from fieldapp.ops.model import SEALED, Choice

#: Above this many choices a select_one is a searchable list rather than radio buttons:
#: thirteen provinces no longer fit beside the question at 1366x768.
LONG_LIST = 12


class _ButtonsWidget(QuestionWidget):
    """Shared by radio buttons and check boxes: one numbered button per choice, in form order.

    Keys as data-entry operators expect (CSPro, issue #15): the arrow keys move among the
    options, and for radio buttons they choose as they move, so the focus ring and the answer
    never disagree; typing an option's number (shown beside it) chooses or ticks it.
    """

    _button_class: type = QRadioButton

    def _build_editor(self) -> QWidget:
        self._box = QWidget(self)
        self._box.setObjectName(f"q_{self.question.name}_options")
        self._box_layout = QVBoxLayout(self._box)
        self._box_layout.setContentsMargins(4, 2, 0, 2)
        self._box_layout.setSpacing(0)
        # Radio buttons share an exclusive group (one Tab stop). Check boxes stay out of any
        # group: each is its own Tab stop, as people expect.
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.buttonClicked.connect(self._on_group_clicked)
        self._buttons: dict[str, QRadioButton | QCheckBox] = {}
        self._pictures: dict[str, QLabel] = {}  # the choices' images (issue #16), beside them
        self._rows: list[QWidget] = []
        self._numbers = NumberKeys()
        self._make_buttons()
        return self._box

    def _make_buttons(self) -> None:
        for button in self._buttons.values():
            if self._group.id(button) != -1:
                self._group.removeButton(button)
        for row in self._rows:
            row.deleteLater()
        self._buttons, self._rows, self._pictures = {}, [], {}
        width = len(str(len(self._choices)))
        for number, choice in enumerate(self._choices, 1):
            row = QWidget(self._box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(6)
            tag = QLabel(f"{number:>{width}}", row)
            tag.setObjectName(f"q_{self.question.name}_num_{choice.name}")
            tag.setProperty("fieldapp_role", "option_number")
            tag.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tag.setMinimumWidth(tag.fontMetrics().horizontalAdvance("0" * max(width, 1)) + 4)
            line.addWidget(tag)
            button = self._button_class(choice.label(self._language), row)
            button.setObjectName(f"q_{self.question.name}_opt_{choice.name}")
            button.setAccessibleName(choice.label(self._language))
            button.setProperty("fieldapp_option", True)
            button.setProperty("choice_name", choice.name)
            button.installEventFilter(self)
            if self._button_class is QRadioButton:
                self._group.addButton(button)
            else:
                button.clicked.connect(self._on_option_clicked)
            line.addWidget(button)
            if choice.images:
                picture = image_label(row, f"q_{self.question.name}_img_{choice.name}")
                line.addWidget(picture)
                self._pictures[choice.name] = picture
            line.addStretch(1)  # a click far right of the label chooses nothing
            self._box_layout.addWidget(row)
            self._rows.append(row)
            self._buttons[choice.name] = button

    def editors(self) -> list[QWidget]:
        return list(getattr(self, "_buttons", {}).values())

    def focus_editor(self) -> None:
        # Tab into a radio group lands on the chosen option; do the same here.
        checked = [b for b in self._buttons.values() if b.isChecked()]
        target = checked[0] if checked else next(iter(self._buttons.values()), None)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self._choices]:
            return
        keep = SEALED if self.is_sealed_shown() else self.value()
        super().set_choices(choices)
        self._make_buttons()
        self._apply_language()  # labels and images of the new buttons
        self.set_value(keep)

    # -- keys -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.KeyPress and watched in self._buttons.values():
            return self._option_key(watched, event)
        return super().eventFilter(watched, event)

    def _option_key(self, button: QAbstractButton, event: QKeyEvent) -> bool:
        """Arrows and digits on an option; False leaves the key to Qt (Space, Enter, Tab)."""
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier):
            return False  # Alt+Left is "previous page", Ctrl+... the window's
        buttons = list(self._buttons.values())
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}
        if event.key() in step:
            index = buttons.index(button) + step[event.key()]
            if 0 <= index < len(buttons):
                self._choose(buttons[index], move_only=self._button_class is not QRadioButton)
            return True
        number = self._numbers.press(event.text(), len(buttons))
        if number is None:
            return False
        if number > 0:
            self._choose(buttons[number - 1])
        return True

    def _choose(self, button: QAbstractButton, move_only: bool = False) -> None:
        button.setFocus(Qt.FocusReason.TabFocusReason)
        if move_only or (self._button_class is QRadioButton and button.isChecked()):
            return
        button.click()  # a user's choice: saved at once, like a mouse click

    def _relabel(self) -> None:
        for choice in self._choices:
            button = self._buttons.get(choice.name)
            if button is not None:
                button.setText(choice.label(self._language))
                button.setAccessibleName(choice.label(self._language))

    def _show_images(self) -> None:
        super()._show_images()
        for choice in self._choices:
            picture = self._pictures.get(choice.name)
            if picture is not None:
                show_image(picture, self._images, choice.image(self._language), CHOICE_BOX,
                           self.image_name(choice.label(self._language)))
        # The choices' images in one column, beside the longest label (a ragged row of
        # pictures reads as belonging to the wrong choice).
        shown = any(not p.isHidden() for p in self._pictures.values())
        width = max((b.sizeHint().width() for b in self._buttons.values()), default=0) if shown else 0
        for button in self._buttons.values():
            button.setMinimumWidth(width)

    def _on_group_clicked(self, _button) -> None:
        self._changed_now()

    def _on_option_clicked(self, _checked: bool) -> None:
        self._changed_now()


class RadioChoiceWidget(_ButtonsWidget):
    """select_one with a short list: radio buttons."""

    _button_class = QRadioButton

    def value(self) -> Any:
        checked = self._group.checkedButton()
        return checked.property("choice_name") if checked is not None else None

    def _show_value(self, value: Any) -> None:
        button = self._buttons.get(str(value)) if value not in (None, "") else None
        if button is not None:
            button.setChecked(True)
            return
        # An exclusive group refuses to uncheck its last button; lift that for a moment.
        self._group.setExclusive(False)
        for b in self._buttons.values():
            b.setChecked(False)
        self._group.setExclusive(True)


class CheckChoiceWidget(_ButtonsWidget):
    """select_multiple: check boxes; the value is the chosen names in form order."""

    _button_class = QCheckBox

    def value(self) -> Any:
        names = [name for name, b in self._buttons.items() if b.isChecked()]
        return names or None

    def _show_value(self, value: Any) -> None:
        if isinstance(value, str):
            chosen = set(value.split())
        else:
            chosen = set(value or ())
        for name, b in self._buttons.items():
            b.setChecked(name in chosen)


class ComboChoiceWidget(QuestionWidget):
    """select_one with appearance ``minimal``: a drop-down; typing letters jumps to a choice."""

    def _build_editor(self) -> QWidget:
        self._combo = QComboBox(self)
        self._combo.setObjectName(f"q_{self.question.name}_combo")
        self._fill()
        self._combo.currentIndexChanged.connect(self._on_combo_index_changed)
        return self._combo

    def _fill(self) -> None:
        self._combo.blockSignals(True)
        self._combo.clear()
        self._combo.addItem(self.tr("(choose one)"), None)
        for choice in self._choices:
            self._combo.addItem(choice.label(self._language), choice.name)
            icon = _icon(self, choice)
            if icon is not None:
                self._combo.setItemIcon(self._combo.count() - 1, icon)
                self._combo.setIconSize(CHOICE_BOX)
        self._combo.blockSignals(False)

    def editors(self) -> list[QWidget]:
        return [self._combo]

    def value(self) -> Any:
        return self._combo.currentData()

    def _show_value(self, value: Any) -> None:
        index = self._combo.findData(value) if value not in (None, "") else 0
        self._combo.setCurrentIndex(max(index, 0))

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self._choices]:
            return
        keep = SEALED if self.is_sealed_shown() else self.value()
        super().set_choices(choices)
        self._fill()
        self.set_value(keep)

    def _relabel(self) -> None:
        keep = self.value()
        was = self._setting
        self._setting = True
        try:
            self._fill()
            self._show_value(keep)
        finally:
            self._setting = was

    def _on_combo_index_changed(self, _index: int) -> None:
        self._changed_now()

    def _show_images(self) -> None:
        super()._show_images()
        if hasattr(self, "_combo"):
            self._relabel()  # the items again, with the images of this language


class ListChoiceWidget(QuestionWidget):
    """select_one with a long list: a search box over a list (type-ahead for any script).

    Typing filters the list by label or code; Down moves into the list; arrow keys choose.
    A search box rather than Qt's first-letters search because Korean is typed through an
    input method, whose composed syllables the list's own type-ahead never sees.
    """

    def _build_editor(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(12, 2, 0, 2)
        layout.setSpacing(2)
        self._filter = QLineEdit(box)
        self._filter.setObjectName(f"q_{self.question.name}_search")
        self._filter.setProperty("fieldapp_option", True)
        self._filter.setClearButtonEnabled(True)
        self._filter.textChanged.connect(self._on_filter_text_changed)
        self._filter.installEventFilter(self)
        layout.addWidget(self._filter)
        self._list = QListWidget(box)
        self._list.setObjectName(f"q_{self.question.name}_list")
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list.itemSelectionChanged.connect(self._on_list_selection_changed)
        layout.addWidget(self._list)
        self._fill()
        return box

    def _fill(self) -> None:
        was = self._setting
        self._setting = True
        try:
            self._list.clear()
            for choice in self._choices:
                item = QListWidgetItem(choice.label(self._language))
                item.setData(Qt.ItemDataRole.UserRole, choice.name)
                icon = _icon(self, choice)
                if icon is not None:
                    item.setIcon(icon)
                    self._list.setIconSize(CHOICE_BOX)
                self._list.addItem(item)
            rows = min(len(self._choices), 8)
            row_h = self._list.sizeHintForRow(0) if self._choices else 20
            self._list.setMinimumHeight(row_h * rows + 2 * self._list.frameWidth() + 4)
        finally:
            self._setting = was
        self._apply_filter()

    def editors(self) -> list[QWidget]:
        return [self._filter, self._list]

    def value(self) -> Any:
        items = self._list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _show_value(self, value: Any) -> None:
        self._list.clearSelection()
        if value in (None, ""):
            self._list.setCurrentRow(-1)
            return
        for row in range(self._list.count()):
            item = self._list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == value:
                self._list.setCurrentItem(item)
                item.setSelected(True)
                self._list.scrollToItem(item)
                return

    def set_choices(self, choices: list[Choice]) -> None:
        if [c.name for c in choices] == [c.name for c in self._choices]:
            return
        keep = SEALED if self.is_sealed_shown() else self.value()
        super().set_choices(choices)
        self._fill()
        self.set_value(keep)

    def _relabel(self) -> None:
        self._filter.setPlaceholderText(self.tr("Type to search the list"))
        self._filter.setAccessibleName(self.tr("Search the choices of: {question}").format(
            question=self.label_text()))
        self._list.setAccessibleName(self.label_text())
        self._list.setProperty("fieldapp_option", True)
        for row in range(self._list.count()):
            item = self._list.item(row)
            choice = next((c for c in self._choices
                           if c.name == item.data(Qt.ItemDataRole.UserRole)), None)
            if choice is not None:
                item.setText(choice.label(self._language))

    def _apply_filter(self) -> None:
        needle = self._filter.text().strip().casefold()
        for row in range(self._list.count()):
            item = self._list.item(row)
            hay = f"{item.text()} {item.data(Qt.ItemDataRole.UserRole)}".casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def _first_visible_row(self) -> int:
        for row in range(self._list.count()):
            if not self._list.item(row).isHidden():
                return row
        return -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._filter and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                current = self._list.currentItem()
                if current is None or current.isHidden():
                    row = self._first_visible_row()
                    if row >= 0:
                        self._list.setCurrentRow(row)  # a user's choice: emits the change
                self._list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _on_filter_text_changed(self, _text: str) -> None:
        self._apply_filter()

    def _on_list_selection_changed(self) -> None:
        self._changed_now()

    def _show_images(self) -> None:
        super()._show_images()
        if hasattr(self, "_list") and any(c.images for c in self._choices):
            keep = self.value()
            self._fill()  # the items again, with the images of this language
            was = self._setting
            self._setting = True
            try:
                self._show_value(keep)
            finally:
                self._setting = was


def _icon(widget: QuestionWidget, choice: Choice):
    """The choice's image as an item icon (drop-downs and long lists), or None."""
    from PySide6.QtGui import QIcon

    images = getattr(widget, "_images", None)
    pix = images.pixmap(choice.image(widget._language)) if images is not None and choice.images else None
    return None if pix is None else QIcon(fit(pix, CHOICE_BOX, widget.devicePixelRatioF()))
