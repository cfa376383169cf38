"""The summary table shown on the Tables page, as a Qt table model over ``fieldapp.exports.layout.grid``.

The grid is the same one every export writes (markdown, XLSX, HTML, PDF), so what the
analyst sees on screen is what a file will say: options with count and percent per group,
then the base row, then the rows outside the base (missing, not applicable). Small cells
carry the exports' ``*`` marker plus a highlight and a tooltip, so they are noticed before
anything is published.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from fieldapp.gui.theme import hint_colour
from fieldapp.ops.layout import HIDDEN, SMALL, Cell, grid
from fieldapp.ops.model import Table

_Index = QModelIndex | QPersistentModelIndex

#: The cell's value as computed (int count, float percent, None when empty), for tests and copy.
VALUE_ROLE = Qt.ItemDataRole.UserRole + 10
#: What a row is: ROW_OPTION, ROW_BASE or ROW_OUTSIDE.
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 11
#: The cell's disclosure mark: None, "small" or "suppressed" (fieldapp.exports.layout).
MARK_ROLE = Qt.ItemDataRole.UserRole + 12

ROW_OPTION = "option"
ROW_BASE = "base"
ROW_OUTSIDE = "outside"

# The exports' highlight for small cells (XLSX/HTML use #fff2cc too), with dark text so it
# stays readable under a dark desktop theme.
SMALL_BACKGROUND = QColor("#fff2cc")
SMALL_FOREGROUND = QColor("#222222")
def outside_foreground() -> QColor:
    return hint_colour(QGuiApplication.palette())


#: Rows after the options that grid() always adds: the base, missing, not applicable.
_TRAILING_ROWS = 3


class SummaryTableModel(QAbstractTableModel):
    """Read-only view of one ``Table`` (a frequency, numeric bands, cross-tab or paired table)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: Table | None = None
        self._header: list[Cell] = []
        self._body: list[list[Cell]] = []

    # -- content ----------------------------------------------------------------------------
    @property
    def table(self) -> Table | None:
        return self._table

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        self._table = table
        if table is None:
            self._header, self._body = [], []
        else:
            header, *body = grid(table)
            self._header, self._body = header, body
        self.endResetModel()

    def clear(self) -> None:
        self.set_table(None)

    def row_kind(self, row: int) -> str:
        options = len(self._body) - _TRAILING_ROWS
        if row < options:
            return ROW_OPTION
        return ROW_BASE if row == options else ROW_OUTSIDE

    def cell(self, row: int, column: int) -> Cell:
        return self._body[row][column]

    def small_cells(self) -> list[tuple[int, int]]:
        """(row, column) of every cell marked small, in reading order."""
        return [(r, c) for r, line in enumerate(self._body) for c, cell in enumerate(line)
                if cell.mark == SMALL]

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._body)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._header)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return self._row_header(section, role)
        if not 0 <= section < len(self._header):
            return None
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            # The tooltip carries the whole header when a long question label is cut off.
            return self._header[section].display()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.short_header(section)
        return None

    def short_header(self, section: int) -> str:
        """A column's header as shown: in a comparison the two questions are numbered (1: Count,
        2: Percent) instead of repeating each whole question over its columns (issue #15, item 5);
        the heading above the table says which question is which."""
        text = self._header[section].display()
        table = self._table
        if table is not None and table.kind == "paired":
            for n, (_group, label) in enumerate(table.groups(), start=1):
                if label and text.startswith(f"{label}: "):
                    return f"{n}: {text[len(label) + 2:]}"
        return text

    def numbered_questions(self) -> list[str]:
        """ "1: <question>" for each question of a comparison (the key to short_header)."""
        table = self._table
        if table is None or table.kind != "paired":
            return []
        return [f"{n}: {label}" for n, (_group, label) in enumerate(table.groups(), start=1)]

    def _row_header(self, row: int, role: int) -> Any:
        """Each row's option label, also as the row header: the view shows it there so that it
        stays in sight when a wide table is scrolled sideways."""
        if not 0 <= row < len(self._body):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return self._body[row][0].display()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.FontRole:
            return self.data(self.index(row, 0), role)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.data(self.index(row, 0), role)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._body):
            return None
        row, column = index.row(), index.column()
        cell = self._body[row][column]
        kind = self.row_kind(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.display()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A screen reader does not see the highlight: say what the marker means.
            text = cell.display()
            note = self._mark_note(cell)
            return f"{text} ({note})" if note and text else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell, kind, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignLeft if column == 0 else Qt.AlignmentFlag.AlignRight
            return int((align | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SMALL_BACKGROUND) if cell.mark == SMALL else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.mark == SMALL:
                return QBrush(SMALL_FOREGROUND)
            # Rows outside the base are quieter, in the hint colour (at least 7:1, theme.py).
            return QBrush(outside_foreground()) if kind == ROW_OUTSIDE or cell.mark == HIDDEN else None
        if role == Qt.ItemDataRole.FontRole:
            if kind == ROW_BASE:
                font = QFont()
                font.setBold(True)
                return font
            if kind == ROW_OUTSIDE:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == VALUE_ROLE:
            return cell.value
        if role == ROW_KIND_ROLE:
            return kind
        if role == MARK_ROLE:
            return cell.mark
        return None

    # -- wording ----------------------------------------------------------------------------
    def _min_cell(self) -> int:
        return self._table.min_cell if self._table is not None else 0

    def _mark_note(self, cell: Cell) -> str:
        if cell.mark == SMALL:
            return self.tr("fewer than {0} respondents").format(self._min_cell())
        if cell.mark == HIDDEN:
            return self.tr("suppressed to protect respondents")
        return ""

    def _tooltip(self, cell: Cell, kind: str, column: int) -> str | None:
        if cell.mark == SMALL:
            return self.tr("Fewer than {0} respondents: too few to draw conclusions from, and "
                           "small enough to identify someone. Hide it before publishing.").format(
                self._min_cell())
        if cell.mark == HIDDEN:
            return self.tr("Suppressed to protect respondents.")
        if kind == ROW_BASE and column == 0:
            return self.tr("The base: respondents who were asked this question and answered it. "
                           "Percentages are of this number.")
        if kind == ROW_OUTSIDE:
            return self.tr("Outside the base: not counted in the percentages.")
        return None
