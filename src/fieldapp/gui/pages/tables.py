"""Tables page: summary tables and charts of a form's finalized interviews, and their export.

The analyst picks a form, a question, the label language, a "break down by" field and a
"compare with" question; the page shows the table (``models.tables.SummaryTableModel``,
laid out as every export lays it out), the base sentences and the horizontal-bar chart the
printed report uses (``fieldapp.exports.report``), rendered to PNG in memory. Loading the
answers, computing the tables, drawing the chart and writing files all run in workers
(``gui.jobs``); a newer request supersedes an older one of the same kind, so a stale result
never replaces a fresh one. Locking clears everything shown (``clear``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.analysis import (
    DEFAULT_MIN_CELL,
    Dataset,
    Table,
    crosstab,
    frequency,
    numeric_summary,
    paired,
    suppress,
)
from fieldapp.analysis.tables import NUMERIC_TYPES, tabulable
from fieldapp.errors import UserFacingError
from fieldapp.exports import atomic_write, write_tables
from fieldapp.exports.layout import chart_series, heading, notes, stats_grid
from fieldapp.forms.model import Form, Question, language_code
from fieldapp.gui.a11y import named
from fieldapp.gui.jobs import BusyDelay, Job, JobRunner
from fieldapp.gui.models.tables import SummaryTableModel
from fieldapp.gui.session import Session
from fieldapp.store import Store
from fieldapp.store.forms import get_form, list_forms

# matplotlib's rc_context changes process-wide settings: the on-screen chart and a PDF
# export drawn at the same time in two workers must take turns.
SCREEN_DPI = 96
EXPORT_DPI = 200
CHART_WIDTH_IN = 7.0
MAX_MIN_CELL = 100

# Worker phases (the page turns them into translated words).
PHASE_LOAD = "load"
PHASE_TABLES = "tables"


# ------------------------------------------------------------------------------- core calls
@dataclass(frozen=True)
class FormChoice:
    form_id: str
    title: str
    finalized: int


def forms_with_finalized(store: Store) -> list[FormChoice]:
    """Installed forms that have finalized interviews (only those have tables), by form id."""
    with store.reading() as conn:
        counts = dict(conn.execute(
            "SELECT form_id, count(*) FROM interviews WHERE status = 'final' GROUP BY form_id"
        ).fetchall())
    titles: dict[str, str] = {}
    for row in list_forms(store):  # ordered by form id, then added: the newest title wins
        titles[row.form_id] = row.title or row.form_id
    return [FormChoice(fid, titles[fid], counts[fid]) for fid in sorted(titles) if counts.get(fid)]


@dataclass(frozen=True)
class Settings:
    """What the tables depend on (the question shown does not: all are computed at once)."""

    form_id: str
    lang: str | None
    min_cell: int
    by: str | None


@dataclass(frozen=True)
class Computed:
    settings: Settings
    dataset: Dataset
    tables: dict[str, Table]  # by question name, in form order


def table_fields(form: Form) -> list[Question]:
    """Questions that get a table (as ``all_tables`` makes them): selects and numbers."""
    return [q for q in form.questions() if q.holds_answer and tabulable(q)]


def by_fields(form: Form) -> list[Question]:
    """Fields a table can be broken down by: select_one questions and calculates."""
    return [q for q in form.questions() if q.type in ("select_one", "calculate")]


def compare_candidates(form: Form, question: Question) -> list[Question]:
    """Other questions a paired table can show next to ``question``: same type and choice list."""
    if not question.is_select:
        return []
    names = form.choices_for(question).names()
    return [q for q in table_fields(form)
            if q.name != question.name and q.type == question.type
            and form.choices_for(q).names() == names]


def compute_tables(store: Store, settings: Settings, dataset: Dataset | None = None,
                   *, progress, cancel) -> Computed:
    """Every table of the form for ``settings`` (loading the answers unless ``dataset`` is given)."""
    from fieldapp.store.dataset import load_dataset

    if dataset is None:
        progress(0, 0, PHASE_LOAD)
        dataset = load_dataset(store, settings.form_id)
    cancel.check()
    fields = [q for q in dataset.fields if tabulable(q)]
    tables: dict[str, Table] = {}
    for i, q in enumerate(fields):
        cancel.check()
        progress(i, len(fields), PHASE_TABLES)
        if settings.by and q.name != settings.by:
            tables[q.name] = crosstab(dataset, q, settings.by, settings.lang, settings.min_cell)
        elif q.type in NUMERIC_TYPES:
            tables[q.name] = numeric_summary(dataset, q, settings.lang, settings.min_cell)
        else:
            tables[q.name] = frequency(dataset, q, settings.lang, settings.min_cell)
    progress(len(fields), len(fields), PHASE_TABLES)
    return Computed(settings, dataset, tables)


def chart_png(table: Table, dpi: int = SCREEN_DPI, width_in: float = CHART_WIDTH_IN) -> bytes | None:
    """The report's bar chart of ``table`` as PNG bytes (None when there is nothing to draw).

    Drawn by ``fieldapp.exports.report`` itself so the screen and the printed report agree;
    kept in memory (SECURITY.md: no plaintext temp files).
    """
    from fieldapp.exports.fonts import font_families
    from fieldapp.exports.report import chart_image

    families, _warning = font_families()
    return chart_image(table, families, fmt="png", dpi=dpi, width_in=width_in)


def export_table(table: Table, fmt: str, path: Path, hide_small: bool) -> list[str]:
    """Write one table as csv, xlsx or png (its chart); small cells suppressed if asked."""
    if hide_small:
        table = suppress(table)
    if fmt == "png":
        data = chart_png(table, dpi=EXPORT_DPI)
        if data is None:
            raise UserFacingError("This table has no answers to draw, so no chart was saved.")
        atomic_write(path, data)
        return []
    return write_tables([table], fmt, path)


def export_report(tables: list[Table], path: Path, hide_small: bool, title: str | None) -> list[str]:
    """The whole report (a chart and table per question) as a PDF."""
    if hide_small:
        tables = [suppress(t) for t in tables]
    return write_tables(tables, "pdf", path, title)


def chart_description(table: Table) -> str:
    """The chart in words, for screen readers: '<option> <percent>%' for each bar."""
    labels, series = chart_series(table)
    parts = []
    for slabel, pcts, _marks in series:
        bars = ", ".join(f"{label} {round(p):d}%" for label, p in zip(labels, pcts) if p is not None)
        parts.append(f"{slabel}: {bars}" if slabel else bars)
    return "; ".join(parts)


def save_file_dialog(parent: QWidget, title: str, start: Path, name_filter: str, suffix: str,
                     on_chosen: Callable[[Path], None]) -> QFileDialog:
    """A non-blocking "save as" picker (CONVENTIONS: no nested exec()); Qt asks before overwriting."""
    dialog = QFileDialog(parent, title, str(start.parent))
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(start.name)
    dialog.fileSelected.connect(lambda chosen: chosen and on_chosen(Path(chosen)))
    dialog.finished.connect(dialog.deleteLater)
    parent._file_dialog = dialog  # noqa: SLF001 - keep a reference while it is open
    dialog.open()
    return dialog


# ------------------------------------------------------------------------------------ page
class TablesPage(QWidget):
    #: All tables of the current settings are computed (and the current one shown).
    sig_tables_ready = Signal()
    #: The table shown changed (a question, a breakdown or a comparison was chosen).
    sig_table_shown = Signal()
    sig_chart_shown = Signal()
    #: A file was written (its path).
    sig_exported = Signal(object)
    #: A computation or export failed; the sentence is on the status line.
    sig_failed = Signal(str)

    def __init__(self, session: Session, runner: JobRunner, ui_language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._ui_language = ui_language
        self._forms: list[FormChoice] = []
        self._form: Form | None = None
        self._computed: Computed | None = None
        self._pair: Table | None = None
        self._jobs: dict[str, Job] = {}
        self._busy_jobs = 0
        # Bumped by clear(): any job started before it reports into the void.
        self._generation = 0
        self._export_dir = Path.home()
        self._filling = False  # programmatic combo changes must not start jobs
        self._busy = BusyDelay(self._show_busy, self)
        self.model = SummaryTableModel(self)
        self._build()
        self._set_enabled(False)

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Summary tables"))
        title.setObjectName("tablesTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        controls = QGridLayout()
        self.form_combo = self._combo("tablesForm", self.tr("Form to tabulate"))
        self.language_combo = self._combo("tablesLanguage", self.tr("Language of the labels"))
        self.min_cell_spin = named(QSpinBox(), "tablesMinCell",
                                   self.tr("Mark cells with fewer respondents than this"))
        self.min_cell_spin.setRange(1, MAX_MIN_CELL)
        self.min_cell_spin.setValue(DEFAULT_MIN_CELL)
        self.min_cell_spin.setToolTip(self.tr(
            "Counts and bases below this number are marked as too small to publish."))
        self.by_combo = self._combo("tablesBy", self.tr("Break the table down by"))
        self.compare_combo = self._combo("tablesCompare", self.tr("Compare with another question"))
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
            (1, 0, self.tr("&Break down by:"), self.by_combo),
            (1, 2, self.tr("Com&pare with:"), self.compare_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label, row, column)
            controls.addWidget(widget, row, column + 1)
        controls.addWidget(self.hide_small_check, 1, 4, 1, 2)
        controls.setColumnStretch(1, 3)
        controls.setColumnStretch(3, 2)
        layout.addLayout(controls)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("tablesEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

        self.question_list = named(QListWidget(), "tablesQuestions", self.tr("Questions"))
        self.question_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Questions are long sentences: wrap them rather than cut them off.
        self.question_list.setWordWrap(True)
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setSpacing(2)
        self.question_list.setMinimumWidth(160)

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
        self.table_view.verticalHeader().hide()
        header = self.table_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMaximumSectionSize(320)

        self.notes_label = QLabel()
        self.notes_label.setObjectName("tablesNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        table_panel = QWidget()
        table_panel.setObjectName("tablesTablePanel")
        panel = QVBoxLayout(table_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.heading_label)
        panel.addWidget(self.table_view, 1)
        panel.addWidget(self.notes_label)

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
        for widget, stretch in ((self.question_list, 2), (table_panel, 3), (self.chart_scroll, 4)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.indexOf(widget), stretch)
        self.splitter.setSizes([260, 390, 520])
        layout.addWidget(self.splitter, 1)

        exports = QHBoxLayout()
        self.csv_button = self._button(self.tr("Table as &CSV…"), "tablesExportCsv",
                                       self.tr("Export this table as a CSV file"))
        self.xlsx_button = self._button(self.tr("Table as &XLSX…"), "tablesExportXlsx",
                                        self.tr("Export this table as an Excel workbook"))
        self.png_button = self._button(self.tr("Chart as P&NG…"), "tablesExportPng",
                                       self.tr("Save this chart as a PNG image"))
        self.pdf_button = self._button(self.tr("Whole &report as PDF…"), "tablesExportPdf",
                                       self.tr("Export every table and chart of this form as a PDF report"))
        self.csv_button.clicked.connect(lambda: self._on_export_clicked("csv"))
        self.xlsx_button.clicked.connect(lambda: self._on_export_clicked("xlsx"))
        self.png_button.clicked.connect(lambda: self._on_export_clicked("png"))
        self.pdf_button.clicked.connect(lambda: self._on_export_clicked("pdf"))
        for button in (self.csv_button, self.xlsx_button, self.png_button):
            exports.addWidget(button)
        exports.addStretch(1)
        exports.addWidget(self.pdf_button)
        layout.addLayout(exports)

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
        layout.addLayout(status)

        self.form_combo.currentIndexChanged.connect(self._on_form_combo_changed)
        self.language_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.by_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.min_cell_spin.valueChanged.connect(self._on_settings_changed)
        self.compare_combo.currentIndexChanged.connect(self._on_compare_changed)
        self.question_list.currentRowChanged.connect(self._on_question_changed)

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

    # -- state ------------------------------------------------------------------------------
    @property
    def current_table(self) -> Table | None:
        """The table on screen (a paired table while "compare with" is chosen)."""
        return self.model.table

    @property
    def computed(self) -> Computed | None:
        return self._computed

    @property
    def working(self) -> bool:
        """A computation, chart or export of this page is still running."""
        return bool(self._jobs)

    def current_question(self) -> str | None:
        item = self.question_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_form(self, form_id: str) -> bool:
        index = self.form_combo.findData(form_id)
        if index < 0:
            return False
        self.form_combo.setCurrentIndex(index)
        return True

    def select_question(self, name: str) -> bool:
        for row in range(self.question_list.count()):
            if self.question_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.question_list.setCurrentRow(row)
                return True
        return False

    def _settings(self) -> Settings | None:
        form_id = self.form_combo.currentData()
        if not form_id:
            return None
        return Settings(form_id, self.language_combo.currentData() or None,
                        self.min_cell_spin.value(), self.by_combo.currentData() or None)

    # -- refresh / clear --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reread the forms and recompute from the store (new interviews may have arrived)."""
        if not self._session.is_open:
            self.clear()
            return
        try:
            self._forms = forms_with_finalized(self._session.store)
        except UserFacingError as exc:
            self._set_status(str(exc))
            return
        previous = self.form_combo.currentData()
        self._filling = True
        self.form_combo.clear()
        for choice in self._forms:
            self.form_combo.addItem(self.tr("{0} (%n finalized interview(s))", "", choice.finalized)
                                    .format(choice.title), choice.form_id)
        self._filling = False
        if not self._forms:
            self._reset_form_view()
            self._set_enabled(False)
            self.empty_label.setText(self.tr(
                "No finalized interviews yet. Tables appear here once interviews are finalized "
                "or imported from interviewers' bundles."))
            self.empty_label.show()
            return
        self.empty_label.hide()
        index = max(0, self.form_combo.findData(previous)) if previous else 0
        if self.form_combo.currentIndex() != index:
            self.form_combo.setCurrentIndex(index)  # -> _on_form_combo_changed
        else:
            self._on_form_combo_changed(index)

    def clear(self) -> None:
        """Forget every table, chart and answer (lock); running jobs report into the void."""
        self._generation += 1
        for job in self._jobs.values():
            job.cancel()
        self._jobs.clear()
        self._busy_jobs = 0
        self._busy.end()
        dialog = getattr(self, "_file_dialog", None)
        self._file_dialog = None
        if dialog is not None:
            with contextlib.suppress(RuntimeError):  # already closed and deleted by Qt
                dialog.close()
        self._filling = True
        self.form_combo.clear()
        self._filling = False
        self._forms = []
        self._reset_form_view()
        self._set_enabled(False)
        self.empty_label.hide()
        self._set_status("")

    def _reset_form_view(self) -> None:
        self._filling = True
        for combo in (self.language_combo, self.by_combo, self.compare_combo):
            combo.clear()
        self.question_list.clear()
        self._filling = False
        self._form = None
        self._computed = None
        self._pair = None
        self._show_table(None)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.form_combo, self.language_combo, self.min_cell_spin, self.by_combo,
                       self.compare_combo, self.hide_small_check, self.question_list):
            widget.setEnabled(enabled)
        self._update_export_buttons()

    def _update_export_buttons(self) -> None:
        has_table = self.model.table is not None
        for button in (self.csv_button, self.xlsx_button, self.png_button):
            button.setEnabled(has_table)
        self.pdf_button.setEnabled(self._computed is not None and bool(self._computed.tables))

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    # -- choosing ---------------------------------------------------------------------------
    def _on_form_combo_changed(self, _index: int) -> None:
        if self._filling:
            return
        form_id = self.form_combo.currentData()
        self._reset_form_view()
        if not form_id or not self._session.is_open:
            return
        try:
            form = get_form(self._session.store, form_id)
        except UserFacingError as exc:
            self._set_status(str(exc))
            return
        self._form = form
        self._filling = True
        keys = list(form.languages)
        for key in keys:
            self.language_combo.addItem(key, key)
        # Labels in the interface language when the form has it, else in the form's default.
        matching = [i for i, k in enumerate(keys) if language_code(k) == self._ui_language]
        if matching:
            self.language_combo.setCurrentIndex(matching[0])
        elif form.default_language in keys:
            self.language_combo.setCurrentIndex(keys.index(form.default_language))
        self._fill_by_combo()
        self._fill_question_list()
        self._filling = False
        self._set_enabled(True)
        if self.question_list.count():
            self.question_list.setCurrentRow(0)
        self._start_compute(reload=True)

    def _label_key(self) -> str:
        assert self._form is not None
        return self._form.language_key(self.language_combo.currentData() or None)

    def _field_text(self, q: Question) -> str:
        label = q.label(self._label_key())
        return label if label == q.name else f"{label} ({q.name})"

    def _fill_by_combo(self) -> None:
        assert self._form is not None
        current = self.by_combo.currentData()
        self.by_combo.clear()
        self.by_combo.addItem(self.tr("(no breakdown)"), "")
        for q in by_fields(self._form):
            self.by_combo.addItem(self._field_text(q), q.name)
        self.by_combo.setCurrentIndex(max(0, self.by_combo.findData(current or "")))

    def _fill_question_list(self) -> None:
        assert self._form is not None
        current = self.current_question()
        self.question_list.clear()
        key = self._label_key()
        for q in table_fields(self._form):
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
        candidates = compare_candidates(self._form, self._form.question(name))
        if not candidates:
            self.compare_combo.addItem(self.tr("(no question shares its options)"), "")
            self.compare_combo.setEnabled(False)
            return
        self.compare_combo.setEnabled(True)
        self.compare_combo.addItem(self.tr("(no comparison)"), "")
        key = self._label_key()
        for q in candidates:
            self.compare_combo.addItem(q.label(key), q.name)
        self.compare_combo.setCurrentIndex(max(0, self.compare_combo.findData(current or "")))

    def _on_settings_changed(self, *_args: Any) -> None:
        if self._filling or self._form is None:
            return
        # The language also renames the questions and the breakdown fields.
        self._filling = True
        self._fill_question_list()
        self._fill_by_combo()
        self._fill_compare_combo()
        self._filling = False
        self._start_compute(reload=False)

    def _on_question_changed(self, _row: int) -> None:
        if self._filling:
            return
        self._filling = True
        self._fill_compare_combo()
        self._filling = False
        self._show_current()

    def _on_compare_changed(self, _index: int) -> None:
        if self._filling:
            return
        self._show_current()

    # -- computing --------------------------------------------------------------------------
    def _start(self, key: str, fn: Callable[..., Any], on_done: Callable[[Any], None],
               progress: bool = False, busy: bool = True) -> Job:
        """Run ``fn`` in a worker; its result reaches ``on_done`` only if still wanted."""
        generation = self._generation
        job = Job(fn, progress=progress)
        old = self._jobs.get(key)
        self._jobs[key] = job

        def wanted() -> bool:
            return (generation == self._generation and self._jobs.get(key) is job
                    and self._session.is_open)

        if progress:
            job.signals.sig_progress.connect(
                lambda done, total, phase: wanted() and self._on_progress(done, total, phase))
        if busy:
            self._busy_jobs += 1
            if self._busy_jobs == 1:
                self._busy.begin()
            job.signals.sig_ended.connect(lambda: self._on_busy_job_ended(generation))
        job.signals.sig_ended.connect(lambda: self._jobs.get(key) is job and self._jobs.pop(key))
        if old is not None:
            old.cancel()
        self._runner.start(job, on_done=lambda result: wanted() and on_done(result),
                           on_failed=lambda exc: wanted() and self._on_job_failed(exc),
                           key=f"tables.{key}")
        return job

    def _on_busy_job_ended(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._busy_jobs = max(0, self._busy_jobs - 1)
        if not self._busy_jobs:
            self._busy.end()

    def _show_busy(self, shown: bool) -> None:
        self.progress_bar.setVisible(shown)
        if not shown:
            self.progress_bar.setRange(0, 0)

    def _on_progress(self, done: int, total: int, phase: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if phase == PHASE_LOAD:
            self.progress_bar.setFormat(self.tr("Reading the answers…"))
        elif phase == PHASE_TABLES:
            self.progress_bar.setFormat(self.tr("Table %v of %m"))

    def _start_compute(self, reload: bool) -> None:
        settings = self._settings()
        if settings is None or not self._session.is_open:
            return
        dataset = None
        if not reload and self._computed is not None and self._computed.settings.form_id == settings.form_id:
            dataset = self._computed.dataset
        store = self._session.store
        self._pair = None
        self._set_status("")
        self._start("compute",
                    lambda progress, cancel: compute_tables(store, settings, dataset,
                                                            progress=progress, cancel=cancel),
                    self._on_compute_done, progress=True)

    def _on_compute_done(self, computed: Computed) -> None:
        if computed.settings != self._settings():
            return  # the settings moved on; their own job is on its way
        self._computed = computed
        self._set_status(self.tr("%n finalized interview(s).", "", len(computed.dataset)))
        self._show_current()
        self._update_export_buttons()
        self.sig_tables_ready.emit()

    def _on_job_failed(self, exc: Exception) -> None:
        if isinstance(exc, UserFacingError):
            message = str(exc)
        elif isinstance(exc, OSError):
            message = self.tr("The file could not be written: {0}").format(
                exc.strerror or type(exc).__name__)
        else:
            raise exc
        self._set_status(message)
        self.sig_failed.emit(message)

    # -- showing ----------------------------------------------------------------------------
    def _show_current(self) -> None:
        name = self.current_question()
        computed = self._computed
        if computed is None or not name:
            self._show_table(None)
            return
        other = self.compare_combo.currentData() or ""
        self.by_combo.setToolTip(self.tr("A comparison shows the two questions side by side, "
                                         "without a breakdown.") if other else "")
        if other:
            if self._pair is not None and self._pair.questions == (name, other):
                self._show_table(self._pair)
                return
            settings, dataset = computed.settings, computed.dataset
            self._start("pair", lambda: paired(dataset, (name, other), settings.lang, settings.min_cell),
                        self._on_pair_done)
            return
        self._show_table(computed.tables.get(name))

    def _on_pair_done(self, table: Table) -> None:
        name, other = self.current_question(), self.compare_combo.currentData() or ""
        if table.questions != (name, other):
            return
        self._pair = table
        self._show_table(table)

    def _show_table(self, table: Table | None) -> None:
        self.model.set_table(table)
        self._update_export_buttons()
        if table is None:
            self.heading_label.clear()
            self.notes_label.clear()
            self.chart_label.setAccessibleDescription("")
            self._set_chart(None)
            return
        self.heading_label.setText(heading(table))
        lines = notes(table)
        stats = stats_grid(table)
        for row in stats[1:]:
            header = stats[0]
            parts = [f"{h.display()} {c.display()}" for h, c in zip(header[1:], row[1:]) if c.display()]
            prefix = f"{row[0].display()}: " if row[0].display() else ""
            lines.append(prefix + " · ".join(parts))
        self.notes_label.setText("\n".join(lines))
        self.table_view.resizeRowsToContents()
        self.chart_label.setAccessibleDescription(chart_description(table))
        self.sig_table_shown.emit()
        self._set_chart(None)
        width_in = max(4.0, min(9.0, self.chart_scroll.viewport().width() / SCREEN_DPI - 0.5))
        dpi = int(SCREEN_DPI * self.devicePixelRatioF())
        self._start("chart", lambda: chart_png(table, dpi=dpi, width_in=width_in),
                    lambda png: self._on_chart_done(table, png, dpi), busy=False)

    def _on_chart_done(self, table: Table, png: bytes | None, dpi: int) -> None:
        if table is not self.model.table:
            return
        if png is None:
            self._set_chart(None, self.tr("No answers to draw yet."))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            pixmap.setDevicePixelRatio(dpi / SCREEN_DPI)
            self._set_chart(pixmap)
        self.sig_chart_shown.emit()

    def _set_chart(self, pixmap: QPixmap | None, text: str = "") -> None:
        if pixmap is None:
            self.chart_label.setPixmap(QPixmap())
            self.chart_label.setText(text)
            self.chart_label.adjustSize()
            return
        self.chart_label.setPixmap(pixmap)
        self.chart_label.resize(pixmap.deviceIndependentSize().toSize())

    def chart_pixmap(self) -> QPixmap:
        return self.chart_label.pixmap()

    # -- exporting --------------------------------------------------------------------------
    def _default_name(self, fmt: str) -> str:
        table = self.model.table
        form_id = self.form_combo.currentData() or "tables"
        if fmt == "pdf" or table is None:
            return f"{form_id}-tables.{fmt}"
        stem = "-".join(table.questions)
        if table.by:
            stem += f"-by-{table.by}"
        return f"{form_id}-{stem}.{fmt}"

    def _on_export_clicked(self, fmt: str) -> None:
        filters = {
            "csv": self.tr("CSV files (*.csv)"),
            "xlsx": self.tr("Excel workbooks (*.xlsx)"),
            "png": self.tr("PNG images (*.png)"),
            "pdf": self.tr("PDF documents (*.pdf)"),
        }
        title = self.tr("Export the report") if fmt == "pdf" else self.tr("Export this table")
        save_file_dialog(self, title, self._export_dir / self._default_name(fmt), filters[fmt], fmt,
                         lambda path: self.export(fmt, path))

    def export(self, fmt: str, path: Path) -> None:
        """Write the current table (csv, xlsx, png) or the whole report (pdf) to ``path`` in a worker."""
        path = Path(path)
        self._export_dir = path.parent
        hide_small = self.hide_small_check.isChecked()
        if fmt == "pdf":
            computed = self._computed
            if computed is None:
                return
            tables = list(computed.tables.values())
            if self._pair is not None and self.model.table is self._pair:
                tables.append(self._pair)
            title = None
            if self._form is not None and self._form.title:
                from fieldapp.analysis.text import tr as core_tr

                code = tables[0].lang_code if tables else "en"
                title = f"{core_tr(code, 'report_title')}: {self._form.title}"
            fn = lambda: export_report(tables, path, hide_small, title)  # noqa: E731
        else:
            table = self.model.table
            if table is None:
                return
            fn = lambda: export_table(table, fmt, path, hide_small)  # noqa: E731
        self._set_status(self.tr("Writing {0}…").format(path.name))
        self._start(f"export-{fmt}", fn, lambda warnings: self._on_export_done(path, warnings))

    def _on_export_done(self, path: Path, warnings: list[str]) -> None:
        text = self.tr("Wrote {0}.").format(str(path))
        if warnings:
            text += " " + " ".join(warnings)
        self._set_status(text)
        self.sig_exported.emit(path)
