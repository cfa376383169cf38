"""The roster page of a repeat: its entries, one row each, and Add, Open and Remove (issue #13).

``RosterView`` shows ``ops.interviews.roster`` for one roster page of the engine (a repeat in
one parent instance): each entry's title (``Family member 2``), the summary of its first
answers (ODK's repeat label) and what it still needs. The interviewer:

- opens an entry (Enter or double-click on its row, or Open): ``sig_open(instance path)``;
- adds one (Add, or Insert in the list): saved at once, then opened (``sig_open``);
- removes one (Remove…, or Delete in the list) after a confirmation that names the entry
  and its answers; later entries move up one (the engine's rule, as JavaRosa);
- leaves the roster with the page's Next / Back (the interview page owns those).

When the form sets the number of entries (``repeat_count``, ``jr:noAddRemove``) there is no
Add or Remove, and a line says why. ``set_asking(True)`` is the roster shown again after the
last entry (docs/forms.md, "Repeats on screen"): it asks "Is there another …?" with the focus on
Add, and Next goes on past the roster.

Every change goes through the ops layer, which saves it in one transaction (autosave).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.messages import particles
from fieldapp.gui.theme import hint_style
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import Interview, Page, Roster, RosterEntry

INSTANCE_ROLE = Qt.ItemDataRole.UserRole
ISSUE_COLOR = QColor("#b00020")


def entry_name(entry: RosterEntry) -> str:
    """How an entry is named to the interviewer: its title and, once answered, its summary."""
    return f"{entry.title} ({entry.summary})" if entry.summary else entry.title


class _EntryList(QTreeWidget):
    """The entries; Enter opens the current one, Delete removes it, Insert adds one.

    The keys are kept here: item views hand Enter on to their parent after ``activated``,
    and the interview page's Enter means "next page".
    """

    sig_open = Signal()
    sig_remove = Signal()
    sig_add = Signal()

    #: Rows the list asks room for at least (and at most, before it scrolls): the buttons
    #: stay right under the entries instead of at the foot of an empty box.
    MIN_ROWS, MAX_ROWS = 3, 15

    def sizeHint(self):  # noqa: N802 - Qt API
        hint = super().sizeHint()
        rows = min(max(self.topLevelItemCount(), self.MIN_ROWS), self.MAX_ROWS)
        row = self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height() + 6
        hint.setHeight(self.header().sizeHint().height() + rows * row + 2 * self.frameWidth() + 4)
        return hint

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        signal = {Qt.Key.Key_Return: self.sig_open, Qt.Key.Key_Enter: self.sig_open,
                  Qt.Key.Key_Space: self.sig_open, Qt.Key.Key_Delete: self.sig_remove,
                  Qt.Key.Key_Insert: self.sig_add}.get(event.key())
        if signal is None:
            super().keyPressEvent(event)
            return
        event.accept()
        signal.emit()


class RosterView(QWidget):
    """One roster page; see the module docstring. ``sig_open(instance)`` opens an entry,
    ``sig_changed()`` follows an entry added or removed (progress, page list)."""

    sig_open = Signal(str)
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roster_page")
        self._interview: Interview | None = None
        self._page: Page | None = None
        self._roster: Roster | None = None
        self._asking = False
        self.confirm_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(8)
        self._title = QLabel(self)
        self._title.setObjectName("roster_title")
        self._title.setTextFormat(Qt.TextFormat.PlainText)
        self._title.setWordWrap(True)
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3 if font.pointSizeF() > 0 else 13)
        self._title.setFont(font)
        layout.addWidget(self._title)
        self._prompt = QLabel(self)
        self._prompt.setObjectName("roster_prompt")
        self._prompt.setWordWrap(True)
        self._prompt.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._prompt)
        layout.addWidget(self._build_list())
        layout.addLayout(self._build_buttons())
        self._status = QLabel(self)
        self._status.setObjectName("roster_status")
        self._status.setWordWrap(True)
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self._status)
        layout.addStretch(1)
        self._retranslate()

    def _build_list(self) -> QTreeWidget:
        self._list = _EntryList(self)
        self._list.setObjectName("roster_entries")
        self._list.setColumnCount(3)
        self._list.setRootIsDecorated(False)
        self._list.setAlternatingRowColors(True)
        self._list.setUniformRowHeights(True)
        self._list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        header = self._list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self._list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self._list.currentItemChanged.connect(self._on_list_current_item_changed)
        self._list.sig_open.connect(self._on_open_clicked)
        self._list.sig_remove.connect(self._on_remove_clicked)
        self._list.sig_add.connect(self._on_add_clicked)
        return self._list

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self._add = QPushButton(self)
        self._add.setObjectName("roster_add")
        self._add.clicked.connect(self._on_add_clicked)
        self._open = QPushButton(self)
        self._open.setObjectName("roster_open")
        self._open.clicked.connect(self._on_open_clicked)
        self._remove = QPushButton(self)
        self._remove.setObjectName("roster_remove")
        self._remove.clicked.connect(self._on_remove_clicked)
        for button in (self._add, self._open, self._remove):
            button.setAutoDefault(True)  # Enter presses the focused button, not "next page"
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            row.addWidget(button)
        row.addStretch(1)
        self._fixed = QLabel(self)
        self._fixed.setObjectName("roster_fixed")
        self._fixed.setWordWrap(True)
        self._fixed.setStyleSheet(hint_style())
        row.addWidget(self._fixed, 2)
        return row

    # -- public ----------------------------------------------------------------------------
    def set_roster(self, interview: Interview, page: Page, asking: bool = False,
                   current: str = "") -> None:
        """Show the roster of ``page`` (a roster page of ``interview``), the cursor on the
        entry ``current`` when given."""
        self._interview, self._page, self._asking = interview, page, asking
        self._status.clear()
        self.refresh(current=current)

    @property
    def roster(self) -> Roster | None:
        return self._roster

    @property
    def asking(self) -> bool:
        return self._asking

    def entries(self) -> list[QTreeWidgetItem]:
        """The entry rows, in order (tests, screenshots)."""
        return [self._list.topLevelItem(i) for i in range(self._list.topLevelItemCount())]

    def refresh(self, current: str = "") -> None:
        """Redraw from the engine; ``current`` is the instance to put the cursor on."""
        iv, page = self._interview, self._page
        self._list.clear()
        if iv is None or page is None or page.repeat is None:
            self._roster = None
            return
        keep = current or self._current_instance()
        roster = interview_ops.roster(iv, page.repeat.name, page.instance)
        self._roster = roster
        for entry in roster.entries:
            self._list.addTopLevelItem(self._item(entry))
        self._list.updateGeometry()  # its height follows the number of entries
        self._retranslate()
        items = self.entries()
        chosen = next((i for i in items if i.data(0, INSTANCE_ROLE) == keep), None)
        chosen = chosen or next((i for i in items if i.data(0, INSTANCE_ROLE) in self._needing()), None)
        if chosen is None and items:
            chosen = items[-1] if self._asking else items[0]
        if chosen is not None:
            self._list.setCurrentItem(chosen)
        self._update_buttons()

    def focus_first(self) -> None:
        """Add when asking "add another?" (or when there is no entry yet), else the list."""
        roster = self._roster
        if roster is not None and roster.can_add and (self._asking or not roster.entries):
            self._add.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.entries():
            self._list.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self._add.isVisible():
            self._add.setFocus(Qt.FocusReason.OtherFocusReason)

    def editors(self) -> list[QWidget]:
        """The roster's widgets in tab order (the interview page appends its footer)."""
        return [self._list, self._add, self._open, self._remove]

    def clear(self) -> None:
        """Forget the interview and every summary shown (lock)."""
        self._close_confirm()
        self._interview = self._page = self._roster = None
        self._list.clear()
        self._status.clear()
        self._prompt.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._roster is not None:
                self.refresh()
        super().changeEvent(event)

    # -- drawing ---------------------------------------------------------------------------
    def _item(self, entry: RosterEntry) -> QTreeWidgetItem:
        item = QTreeWidgetItem([entry.title, entry.summary or self.tr("Not answered yet"), ""])
        item.setData(0, INSTANCE_ROLE, entry.instance)
        if not entry.summary:
            font = item.font(1)
            font.setItalic(True)
            item.setFont(1, font)
        if not entry.relevant:
            item.setText(2, self.tr("Not asked"))
        elif entry.issues:
            item.setText(2, self.tr("Needs attention: {n}").format(n=entry.issues))
            item.setForeground(2, QBrush(ISSUE_COLOR))
        elif entry.answered:
            item.setText(2, self.tr("Answered: {n}").format(n=entry.answered))
        for column in range(3):
            item.setToolTip(column, item.text(column))
        return item

    def _needing(self) -> set[str]:
        roster = self._roster
        return {e.instance for e in roster.entries if e.issues} if roster else set()

    def _current_instance(self) -> str:
        item = self._list.currentItem()
        return item.data(0, INSTANCE_ROLE) if item is not None else ""

    def _current_entry(self) -> RosterEntry | None:
        roster, instance = self._roster, self._current_instance()
        if roster is None or not instance:
            return None
        return next((e for e in roster.entries if e.instance == instance), None)

    def _update_buttons(self) -> None:
        roster = self._roster
        can_add = roster is not None and roster.can_add
        can_remove = roster is not None and roster.can_remove
        self._add.setVisible(can_add)
        self._remove.setVisible(can_remove)
        entry = self._current_entry()
        self._open.setEnabled(entry is not None and entry.page is not None)
        self._remove.setEnabled(can_remove and entry is not None)
        fixed = roster is not None and not can_add and self._interview is not None \
            and self._interview.status == "draft"
        self._fixed.setVisible(fixed)

    def _retranslate(self) -> None:
        roster = self._roster
        label = roster.label if roster is not None else ""
        self._title.setText(label)
        self._list.setHeaderLabels([self.tr("Entry"), self.tr("Answers"), self.tr("Status")])
        self._list.setAccessibleName(self.tr("Entries of: {roster}").format(roster=label))
        self._list.setAccessibleDescription(self.tr(
            "Enter opens the entry, Delete removes it, Insert adds one."))
        self._add.setText(self.tr("&Add: {roster}").format(roster=label))
        self._add.setAccessibleName(self.tr("Add an entry to: {roster}").format(roster=label))
        self._add.setToolTip(self.tr("Add an entry and open it (Insert)"))
        self._open.setText(self.tr("&Open"))
        self._open.setAccessibleName(self.tr("Open the chosen entry"))
        self._open.setToolTip(self.tr("Answer the questions of the chosen entry (Enter)"))
        self._remove.setText(self.tr("Re&move…"))
        self._remove.setAccessibleName(self.tr("Remove the chosen entry"))
        self._remove.setToolTip(self.tr("Remove the chosen entry and its answers (Delete)"))
        self._fixed.setText(self.tr("The questionnaire sets how many entries there are."))
        self._prompt.setText(self._prompt_text(roster))

    def _prompt_text(self, roster: Roster | None) -> str:
        if roster is None:
            return ""
        n = len(roster.entries)
        if self._asking and roster.can_add:
            return particles(self.tr(
                "Is there another {0}? Add opens a new entry; Next goes on with the "
                "questionnaire.").format(roster.label))
        if not n:
            return (self.tr("No entries yet. Add one, or go on with Next if there are none.")
                    if roster.can_add else self.tr("No entries."))
        # No %n plural forms: English runs without a catalogue, so "entry(ies)" would show.
        return self.tr("Entries: {n}. Open one to answer its questions; Next goes through "
                       "them in order.").format(n=n)

    # -- handlers --------------------------------------------------------------------------
    def _on_list_current_item_changed(self, _current, _previous) -> None:
        self._update_buttons()

    def _on_list_item_double_clicked(self, _item, _column: int) -> None:
        self._on_open_clicked()

    def _on_open_clicked(self) -> None:
        entry = self._current_entry()
        if entry is not None and entry.page is not None:
            self.sig_open.emit(entry.instance)

    def _on_add_clicked(self) -> None:
        iv, roster = self._interview, self._roster
        if iv is None or roster is None or not roster.can_add:
            return
        try:
            instance = interview_ops.add_instance(iv, roster.repeat.name, roster.parent)
        except FieldAppError as exc:
            self._status.setText(error_text(exc))
            return
        self.sig_changed.emit()
        self.sig_open.emit(instance)

    def ask_remove(self) -> None:
        """Ask to remove the current entry (Delete on its row of the hierarchy view)."""
        self._on_remove_clicked()

    def _on_remove_clicked(self) -> None:
        entry, roster = self._current_entry(), self._roster
        if entry is None or roster is None or not roster.can_remove:
            return
        self._close_confirm()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Remove entry"),
                          particles(self.tr("Remove {0} and all its answers?").format(entry_name(entry))),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("confirmRemoveEntry")
        box.setAccessibleName(self.tr("Confirm removing the entry"))
        box.setInformativeText(self.tr("The entries after it move up one. This cannot be undone."))
        remove = named(box.addButton(self.tr("&Remove"), QMessageBox.ButtonRole.DestructiveRole),
                       "confirmRemoveEntryYes", self.tr("Remove the entry"))
        keep = named(box.addButton(QMessageBox.StandardButton.Cancel), "confirmRemoveEntryNo",
                     self.tr("Keep the entry"))
        # Enter must not remove answers by habit: the default keeps the entry.
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        instance = entry.instance
        box.buttonClicked.connect(lambda button: self._on_confirm_clicked(button is remove, instance))
        self.confirm_box = box
        box.open()

    def _on_confirm_clicked(self, confirmed: bool, instance: str) -> None:
        self._close_confirm()
        iv = self._interview
        if not confirmed or iv is None:
            self._list.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            interview_ops.remove_instance(iv, instance)
        except FieldAppError as exc:
            self._status.setText(error_text(exc))
            return
        self._status.setText(self.tr("Entry removed."))
        self.sig_changed.emit()

    def _close_confirm(self) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.hide()
            box.deleteLater()

