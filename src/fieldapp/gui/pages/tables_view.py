"""The Tables page's widgets (``TablesView``): pickers, the question list, the table, its notes, the
chart and the export buttons. ``pages.tables.TablesPage`` adds the behaviour; this module only
lays them out, so the page's logic stays readable and testable on its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import theme
from fieldapp.gui.a11y import named
from fieldapp.gui.messages import particles
from fieldapp.gui.models.tables import SummaryTableModel
from fieldapp.gui.pagekit import page_title
from fieldapp.ops import tables as table_ops
from fieldapp.ops.model import DEFAULT_MIN_CELL, Form, Question
from fieldapp.ops.tables import Computed

MAX_MIN_CELL = 100


class WrappedRowDelegate(QStyledItemDelegate):
    """Rows as tall as their word-wrapped text at the width the list really draws them.

    QListView measures a wrapped row without the spacing and text margins it then draws with,
    so a long Korean question came out elided ("…") above a blank line (issue #15, item 5)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt API
        # Qt wraps at the width of the option's rectangle: give it the width the row is drawn at.
        view = self.parent()
        opt = QStyleOptionViewItem(option)
        width = view.viewport().width() - 2 * view.spacing()
        if width > 50:
            opt.rect = QRect(0, 0, width, 100_000)  # a valid rectangle: Qt wraps only in one
        hint = super().sizeHint(opt, index)
        # The app's item padding (theme.ITEM_PADDING) narrows the text and adds to its height,
        # which the style sheet's measure leaves out: a long question was elided ("...").
        pad_y, pad_x = theme.ITEM_PADDING
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        wrapped = option.fontMetrics.boundingRect(0, 0, max(50, width - 2 * pad_x - 8), 100_000,
                                                  int(Qt.TextFlag.TextWordWrap), text)
        return QSize(hint.width(), max(hint.height(), wrapped.height() + 2 * pad_y + 6))


class TablesCounts(QObject):
    """The tables' plural counts ("%n entry(ies)"), in a class of their own: PySide looks a
    tr() plural up in the calling object's own class only (never a base class, as TablesView
    is), and lupdate 6.11 marks a plural only in a tr() call with a plain name for its count."""

    def interviews(self, n: int) -> str:
        return self.tr("%n finalized interview(s).", "", n)

    def entries(self, n: int) -> str:
        return self.tr("%n entry(ies)", "", n)

    def respondents(self, n: int) -> str:
        return self.tr("%n respondent(s)", "", n)


class TablesView(QWidget):
    """Builds every widget of the Tables page and fills its pickers from a form."""

    _form: Form | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SummaryTableModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(self.tr("Summary tables"), "tablesTitle"))
        layout.addLayout(self._build_controls())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("tablesEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self._build_splitter(), 1)
        layout.addLayout(self._build_exports())
        layout.addLayout(self._build_status())

    def _combo(self, object_name: str, accessible: str) -> QComboBox:
        combo = named(QComboBox(), object_name, accessible)
        # Long form titles and question labels must not make the window wider than a screen.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def _button(self, text: str, object_name: str, accessible: str) -> QPushButton:
        button = named(QPushButton(text), object_name, accessible)
        button.setToolTip(accessible)
        return button

    def _build_controls(self) -> QGridLayout:
        controls = QGridLayout()
        self.form_combo = self._combo("tablesForm", self.tr("Form to tabulate"))
        self.language_combo = self._combo("tablesLanguage", self.tr("Language of the labels"))
        self.min_cell_spin = named(QSpinBox(), "tablesMinCell",
                                   self.tr("Mark cells with fewer respondents than this"))
        self.min_cell_spin.setRange(2, MAX_MIN_CELL)
        self.min_cell_spin.setValue(DEFAULT_MIN_CELL)
        self.min_cell_spin.setToolTip(self.tr(
            "Counts and bases below this number are marked as too small to publish."))
        self.by_combo = self._combo("tablesBy", self.tr("Break the table down by"))
        self.compare_combo = self._combo("tablesCompare", self.tr("Compare with another question"))
        # Repeat levels (issue #13): the respondents, or the entries of one roster (family
        # members, detention episodes), counted as entries or as respondents with one.
        self.level_combo = self._combo("tablesLevel", self.tr("What the tables count"))
        self.level_combo.setToolTip(self.tr(
            "Respondents, or the entries of a roster in the form (one per family member, one per "
            "detention episode)."))
        self.over_combo = self._combo("tablesOver", self.tr("Count each entry or each respondent"))
        self.hide_small_check = named(QCheckBox(self.tr("&Hide small cells in exported files")),
                                      "tablesHideSmall", self.tr("Hide small cells in exported files"))
        self.hide_small_check.setChecked(True)
        self.hide_small_check.setToolTip(self.tr(
            "Exported tables, charts and reports leave out counts below the minimum, and the "
            "cells that would give them back. The screen always shows every number."))
        for row, column, text, widget in (
            (0, 0, self.tr("&Form:"), self.form_combo),
            (0, 2, self.tr("&Labels in:"), self.language_combo),
            (0, 4, self.tr("&Small cells under:"), self.min_cell_spin),
            (1, 0, self.tr("&Tables of:"), self.level_combo),
            (1, 2, self.tr("Co&unt:"), self.over_combo),
            (2, 0, self.tr("&Break down by:"), self.by_combo),
            (2, 2, self.tr("Com&pare with:"), self.compare_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label, row, column)
            controls.addWidget(widget, row, column + 1)
        controls.addWidget(self.hide_small_check, 2, 4, 1, 2)
        controls.setColumnStretch(1, 3)
        controls.setColumnStretch(3, 2)
        return controls

    def _build_table_panel(self) -> QWidget:
        self.heading_label = QLabel()
        self.heading_label.setObjectName("tablesHeading")
        self.heading_label.setWordWrap(True)
        bold = self.heading_label.font()
        bold.setBold(True)
        self.heading_label.setFont(bold)
        self.heading_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_view = named(QTableView(), "tablesTable", self.tr("Summary table"))
        self.table_view.setModel(self.model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table_view.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users)
        self.table_view.setWordWrap(True)
        self.table_view.setMinimumWidth(200)
        # The option labels are the row headers, which stay put when a wide table (a
        # comparison, a cross-tab of many groups) scrolls sideways (issue #15, item 5); the
        # model's first column holds the same labels and is hidden (see _show_table).
        rows = self.table_view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMaximumSectionSize(240)
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(320)
        self.notes_label = QLabel()
        self.notes_label.setObjectName("tablesNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        panel = QWidget()
        panel.setObjectName("tablesTablePanel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading_label)
        box.addWidget(self.table_view, 1)
        box.addWidget(self.notes_label)
        return panel

    def _build_splitter(self) -> QSplitter:
        self.question_list = named(QListWidget(), "tablesQuestions", self.tr("Questions"))
        self.question_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Questions are long sentences: wrap them rather than cut them off.
        self.question_list.setWordWrap(True)
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setSpacing(2)
        # Rows are measured again whenever the list's width changes (the scroll bar appearing
        # included) and never cut with "…": a row measured before the scroll bar came was
        # cut at 1366x768 with a blank line under it (issue #15, item 5).
        self.question_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.question_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.question_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.question_list.setItemDelegate(WrappedRowDelegate(self.question_list))
        self.question_list.setMinimumWidth(160)
        self.chart_label = QLabel()
        self.chart_label.setObjectName("tablesChart")
        self.chart_label.setAccessibleName(self.tr("Chart"))
        self.chart_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.chart_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.chart_scroll = named(QScrollArea(), "tablesChartScroll", self.tr("Chart"))
        self.chart_scroll.setWidget(self.chart_label)
        self.chart_scroll.setWidgetResizable(False)
        # Questions | table | chart side by side: a table is a few columns wide and a chart
        # needs height for its bars; the user can drag the handles.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("tablesSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget, stretch in ((self.question_list, 2), (self._build_table_panel(), 4), (self.chart_scroll, 3)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.splitter.setSizes([260, 390, 520])
        return self.splitter

    def _build_exports(self) -> QHBoxLayout:
        exports = QHBoxLayout()
        self.csv_button = self._button(self.tr("Table as &CSV…"), "tablesExportCsv",
                                       self.tr("Export this table as a CSV file"))
        self.xlsx_button = self._button(self.tr("Table as &XLSX…"), "tablesExportXlsx",
                                        self.tr("Export this table as an Excel workbook"))
        self.png_button = self._button(self.tr("Chart as P&NG…"), "tablesExportPng",
                                       self.tr("Save this chart as a PNG image"))
        self.pdf_button = self._button(self.tr("Whole &report as PDF…"), "tablesExportPdf",
                                       self.tr("Export every table and chart of this form as a PDF report"))
        for button in (self.csv_button, self.xlsx_button, self.png_button):
            exports.addWidget(button)
        exports.addStretch(1)
        exports.addWidget(self.pdf_button)
        return exports

    def _build_status(self) -> QHBoxLayout:
        status = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("tablesStatus")
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("tablesProgress")
        self.progress_bar.setAccessibleName(self.tr("Progress of the tables"))
        self.progress_bar.setMaximumWidth(200)
        self.progress_bar.hide()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.progress_bar)
        return status

    # -- filling the pickers from the form ----------------------------------------------------
    def current_question(self) -> str | None:
        item = self.question_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_question(self, name: str) -> bool:
        for row in range(self.question_list.count()):
            if self.question_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.question_list.setCurrentRow(row)
                return True
        return False

    def _label_key(self) -> str:
        assert self._form is not None
        return self._form.language_key(self.language_combo.currentData() or None)

    def _field_text(self, q: Question) -> str:
        """A question as a user knows it, by its label; the variable name only where two
        questions share a label (issue #15, item 5: names are for analysts, in the tool tip)."""
        key = self._label_key()
        label = q.label(key)
        assert self._form is not None
        twins = sum(1 for other in table_ops.by_fields(self._form) if other.label(key) == label)
        return f"{label} ({q.name})" if twins > 1 and label != q.name else label

    def current_level(self) -> str | None:
        """The repeat whose entries the tables count (None: the respondents)."""
        return self.level_combo.currentData() or None

    def current_over(self) -> str:
        return self.over_combo.currentData() or "instances"

    def _fill_level_combos(self) -> None:
        """The respondents and each repeat of the form, named by its label in the label language."""
        assert self._form is not None
        current, over = self.level_combo.currentData(), self.over_combo.currentData()
        self.level_combo.clear()
        self.level_combo.addItem(self.tr("Respondents"), "")
        for name, label in table_ops.repeat_levels(self._form, self.language_combo.currentData() or None):
            self.level_combo.addItem(label, name)
            self.level_combo.setItemData(self.level_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(current or "")))
        self.level_combo.setEnabled(self.level_combo.count() > 1)
        self.over_combo.clear()
        self.over_combo.addItem(self.tr("each entry"), "instances")
        self.over_combo.addItem(self.tr("respondents with at least one entry"), "respondents")
        self.over_combo.setCurrentIndex(max(0, self.over_combo.findData(over or "instances")))
        self.over_combo.setEnabled(self.current_level() is not None)

    def _fill_by_combo(self) -> None:
        assert self._form is not None
        current = self.by_combo.currentData()
        self.by_combo.clear()
        self.by_combo.addItem(self.tr("(no breakdown)"), "")
        for q in table_ops.level_by_fields(self._form, self.current_level(), self.current_over()):
            self.by_combo.addItem(self._field_text(q), q.name)
            self.by_combo.setItemData(self.by_combo.count() - 1, q.name, Qt.ItemDataRole.ToolTipRole)
        self.by_combo.setCurrentIndex(max(0, self.by_combo.findData(current or "")))

    def _fill_question_list(self) -> None:
        assert self._form is not None
        current = self.current_question()
        self.question_list.clear()
        key = self._label_key()
        for q in table_ops.level_fields(self._form, self.current_level(), self.current_over()):
            item = QListWidgetItem(q.label(key))
            item.setData(Qt.ItemDataRole.UserRole, q.name)
            item.setToolTip(f"{q.label(key)}\n({q.name})")
            self.question_list.addItem(item)
        if current:
            self.select_question(current)

    def _fill_compare_combo(self) -> None:
        current = self.compare_combo.currentData()
        self.compare_combo.clear()
        name = self.current_question()
        if self._form is None or not name:
            return
        if self.current_level() is not None:
            # a comparison pairs two questions of the respondents (as `tables --pair` does)
            self.compare_combo.setEnabled(False)
            self.compare_combo.addItem(self.tr("(only for tables of respondents)"), "")
            return
        candidates = table_ops.compare_candidates(self._form, self._form.question(name))
        self.compare_combo.setEnabled(bool(candidates))
        if not candidates:
            self.compare_combo.addItem(self.tr("(no question shares its options)"), "")
            return
        self.compare_combo.addItem(self.tr("(no comparison)"), "")
        key = self._label_key()
        for q in candidates:
            self.compare_combo.addItem(q.label(key), q.name)
        self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(current or "")))

    # -- what the page says about the tables and shows of the chart ---------------------------
    def _status_text(self, computed: Computed) -> str:
        """How many interviews the tables come from; at a repeat level also its entries and the
        respondents they come from ("150 entries from 52 respondents"), the level's base."""
        counts = TablesCounts()
        finalized = counts.interviews(len(computed.dataset))
        size = computed.level_size
        if size is None:
            return finalized
        label = self.level_combo.currentText()
        entries, respondents = counts.entries(size.entries), counts.respondents(size.respondents)
        if computed.settings.over == "respondents":
            text = self.tr("Counting respondents by their entries of “{0}”: {1} with at least one entry.")
            return particles(text.format(label, respondents)) + " " + finalized
        text = self.tr("Counting entries of “{0}”: {1} from {2}.")
        return particles(text.format(label, entries, respondents)) + " " + finalized

    def _set_chart(self, pixmap: QPixmap | None, text: str = "") -> None:
        if pixmap is None:
            self._chart_full = None
            self.chart_label.setPixmap(QPixmap())
            self.chart_label.setText(text)
            self.chart_label.adjustSize()
            return
        self._chart_full = pixmap
        self._fit_chart()

    def _fit_chart(self) -> None:
        """The chart at most as wide as its pane: a long bar or legend never runs off it (issue
        #15, item 5). Scaled down smoothly, never up; taller charts still scroll."""
        pixmap = getattr(self, "_chart_full", None)
        if pixmap is None or pixmap.isNull():
            return
        room = self.chart_scroll.viewport().width() - 2
        size = pixmap.deviceIndependentSize()
        if size.width() > room > 50:
            ratio = pixmap.devicePixelRatio()
            pixmap = pixmap.scaledToWidth(int(room * ratio), Qt.TransformationMode.SmoothTransformation)
            pixmap.setDevicePixelRatio(ratio)
        self.chart_label.setPixmap(pixmap)
        self.chart_label.resize(pixmap.deviceIndependentSize().toSize())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_chart()

    def chart_pixmap(self) -> QPixmap:
        return self.chart_label.pixmap()

    def _default_name(self, fmt: str) -> str:
        table = self.model.table
        form_id = self.form_combo.currentData() or "tables"
        if fmt == "pdf" or table is None:
            return f"{form_id}-tables.{fmt}"
        stem = "-".join(table.questions) + (f"-by-{table.by}" if table.by else "")
        if table.level:
            stem += "-any" if table.unit == "respondents" else ""
        return f"{form_id}-{stem}.{fmt}"
