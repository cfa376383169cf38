"""Tables page: summary tables and charts of a form's finalized interviews, and their export.

The analyst picks a form, a question, the label language, a "break down by" field and a
"compare with" question; the page shows the table (``models.tables.SummaryTableModel``, laid
out as every export lays it out), the base sentences and the horizontal-bar chart the printed
report uses, rendered to PNG in memory. Reading the answers and computing the tables run on the
store executor (``fieldapp.ops.tables.compute_tables``); drawing a chart, pairing two questions
and writing files need no store and run on the global pool. A newer request supersedes an
older one of the same kind, so a stale result never replaces a fresh one; locking clears
everything shown (``clear``) and drops every result still on its way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.jobs import BusyDelay, Job, JobRunner
from fieldapp.gui.messages import particles
from fieldapp.gui.pagekit import save_file_dialog
from fieldapp.gui.pages.interview import language_display_name
from fieldapp.gui.pages.tables_view import TablesView
from fieldapp.ops import forms as form_ops
from fieldapp.ops import tables as table_ops
from fieldapp.ops.model import Form, Table, language_code
from fieldapp.ops.tables import Computed, FormChoice, TableSettings

SCREEN_DPI = table_ops.SCREEN_DPI
#: The settings of the tables shown (kept under its old name for callers).
Settings = TableSettings


class TablesPage(TablesView):
    #: All tables of the current settings are computed (and the current one shown).
    sig_tables_ready = Signal()
    #: The table shown changed (a question, a breakdown or a comparison was chosen).
    sig_table_shown = Signal()
    sig_chart_shown = Signal()
    #: A file was written (its path).
    sig_exported = Signal(object)
    #: A computation or export failed; the sentence is on the status line.
    sig_failed = Signal(str)

    def __init__(self, executor: StoreExecutor, runner: JobRunner, ui_language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._runner = runner
        self._ui_language = ui_language
        self._forms: list[FormChoice] = []
        self._form: Form | None = None
        self._computed: Computed | None = None
        # The answers last read (a level's tables reuse them; the store is read again on refresh).
        self._dataset = None
        self._dataset_form: str | None = None
        self._pair: Table | None = None
        self._jobs: dict[str, Job] = {}
        self._busy_jobs = 0
        # Bumped by clear(): any job started before it reports into the void.
        self._generation = 0
        self._export_dir = Path.home()
        self._filling = False  # programmatic combo changes must not start jobs
        self._busy = BusyDelay(self._show_busy, self)
        self._connect()
        self._set_enabled(False)

    def _connect(self) -> None:
        self.form_combo.currentIndexChanged.connect(self._on_form_combo_changed)
        self.language_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.by_combo.currentIndexChanged.connect(self._on_settings_changed)
        self.level_combo.currentIndexChanged.connect(self._on_level_changed)
        self.over_combo.currentIndexChanged.connect(self._on_level_changed)
        self.min_cell_spin.valueChanged.connect(self._on_settings_changed)
        self.compare_combo.currentIndexChanged.connect(self._on_compare_changed)
        self.question_list.currentRowChanged.connect(self._on_question_changed)
        self.splitter.splitterMoved.connect(lambda _pos, _index: self._fit_chart())
        for button, fmt in ((self.csv_button, "csv"), (self.xlsx_button, "xlsx"), (self.png_button, "png"),
                            (self.pdf_button, "pdf")):
            button.clicked.connect(lambda _checked=False, fmt=fmt: self._on_export_clicked(fmt))

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

    def select_form(self, form_id: str) -> bool:
        index = self.form_combo.findData(form_id)
        if index >= 0:
            self.form_combo.setCurrentIndex(index)
        return index >= 0

    def _settings(self) -> TableSettings | None:
        form_id = self.form_combo.currentData()
        if not form_id:
            return None
        level = self.current_level()
        return TableSettings(form_id, self.language_combo.currentData() or None,
                             self.min_cell_spin.value(), self.by_combo.currentData() or None,
                             level, self.current_over() if level else "instances")

    # -- refresh / clear --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reread the forms and recompute from the store (new interviews may have arrived)."""
        if not self._session.is_open:
            self.clear()
            return
        self._start("forms", lambda store: table_ops.forms_with_finalized(store), self._on_forms_listed,
                    on_store=True)

    def _on_forms_listed(self, forms: list[FormChoice]) -> None:
        self._forms = forms
        previous = self.form_combo.currentData()
        self._filling = True
        self.form_combo.clear()
        for choice in forms:  # a bilingual title's half in the interface language (issue #15)
            shown = self.tr("{0} (%n finalized interview(s))", "", choice.finalized)
            self.form_combo.addItem(shown.format(form_ops.title_in(choice.title, self._ui_language)), choice.form_id)
        self._filling = False
        if not forms:
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
        dialog, self._file_dialog = getattr(self, "_file_dialog", None), None
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
        self.status_label.setText("")

    def _reset_form_view(self) -> None:
        self._filling = True
        for combo in (self.language_combo, self.level_combo, self.over_combo, self.by_combo, self.compare_combo):
            combo.clear()
        self.question_list.clear()
        self._filling = False
        self._form = None
        self._computed = None
        self._dataset, self._dataset_form = None, None  # locking forgets the answers too
        self._pair = None
        self._show_table(None)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.form_combo, self.language_combo, self.min_cell_spin, self.by_combo,
                       self.compare_combo, self.hide_small_check, self.question_list):
            widget.setEnabled(enabled)
        # A form without repeats has only the respondents; "count" means something only at a level.
        self.level_combo.setEnabled(enabled and self.level_combo.count() > 1)
        self.over_combo.setEnabled(enabled and self.current_level() is not None)
        self._update_export_buttons()

    def _update_export_buttons(self) -> None:
        has_table = self.model.table is not None
        for button in (self.csv_button, self.xlsx_button, self.png_button):
            button.setEnabled(has_table)
        self.pdf_button.setEnabled(self._computed is not None and bool(self._computed.tables))

    # -- choosing ---------------------------------------------------------------------------
    def _on_form_combo_changed(self, _index: int) -> None:
        if self._filling:
            return
        form_id = self.form_combo.currentData()
        self._reset_form_view()
        if form_id and self._session.is_open:
            self._start("form", lambda store: table_ops.get_form(store, form_id), self._on_form_read, on_store=True)

    def _on_form_read(self, form: Form) -> None:
        if form.form_id != self.form_combo.currentData():
            return
        self._form = form
        self._filling = True
        keys = list(form.languages)
        for key in keys:  # each language in its own name: 한국어, not "Korean (ko)"
            self.language_combo.addItem(language_display_name(key), key)
        # Labels in the interface language when the form has it, else in the form's default.
        matching = [i for i, k in enumerate(keys) if language_code(k) == self._ui_language]
        if matching:
            self.language_combo.setCurrentIndex(matching[0])
        elif form.default_language in keys:
            self.language_combo.setCurrentIndex(keys.index(form.default_language))
        self._fill_level_combos()
        self._fill_by_combo()
        self._fill_question_list()
        self._filling = False
        self._set_enabled(True)
        if self.question_list.count():
            self.question_list.setCurrentRow(0)
        self._start_compute(reload=True)

    def _on_settings_changed(self, *_args: Any) -> None:
        if self._filling or self._form is None:
            return
        # The language also renames the levels, the questions and the breakdown fields.
        self._filling = True
        self._fill_level_combos()
        self._fill_question_list()
        self._fill_by_combo()
        self._fill_compare_combo()
        self._filling = False
        self._start_compute(reload=False)

    def _on_level_changed(self, *_args: Any) -> None:
        """Another level (or unit): its own questions and breakdown fields, then its tables."""
        if self._filling or self._form is None:
            return
        self._filling = True
        self.over_combo.setEnabled(self.current_level() is not None)
        self._fill_by_combo()
        self._fill_question_list()
        if self.question_list.currentRow() < 0 and self.question_list.count():
            self.question_list.setCurrentRow(0)
        self._fill_compare_combo()
        self._filling = False
        self._computed = None
        self._show_table(None)
        self._start_compute(reload=False)

    def _on_question_changed(self, _row: int) -> None:
        if self._filling:
            return
        self._filling = True
        self._fill_compare_combo()
        self._filling = False
        self._show_current()

    def _on_compare_changed(self, _index: int) -> None:
        if not self._filling:
            self._show_current()

    # -- jobs -------------------------------------------------------------------------------
    def _start(self, key: str, fn: Callable[..., Any], on_done: Callable[[Any], None], *,
               on_store: bool = False, progress: bool = False, busy: bool = True) -> None:
        """Run ``fn`` (on the store executor if ``on_store``); its result reaches ``on_done``
        only if it is still the newest of its key and nothing was locked meanwhile."""
        generation = self._generation
        mine: list[Job] = []

        def wanted() -> bool:
            return (generation == self._generation and bool(mine) and self._jobs.get(key) is mine[0]
                    and self._session.is_open)

        def end(then: Callable[[], None] | None = None) -> None:
            keep = wanted()
            if mine and self._jobs.get(key) is mine[0]:
                self._jobs.pop(key)
            if busy and generation == self._generation:
                self._busy_jobs = max(0, self._busy_jobs - 1)
                if not self._busy_jobs:
                    self._busy.end()
            if keep and then is not None:
                then()

        if busy:
            self._busy_jobs += 1
            if self._busy_jobs == 1:
                self._busy.begin()
        callbacks = {"on_done": lambda result: end(lambda: on_done(result)),
                     "on_failed": lambda exc: end(lambda: self._on_job_failed(exc)),
                     "on_cancelled": lambda: end()}
        if on_store:
            job = self._executor.submit(
                fn, key=f"tables.{key}", **callbacks,
                on_progress=(lambda d, t, m: wanted() and self._on_progress(d, t, m)) if progress else None)
        else:
            job = self._runner.start(Job(fn), key=f"tables.{key}", **callbacks)
        mine.append(job)
        self._jobs[key] = job

    def _show_busy(self, shown: bool) -> None:
        self.progress_bar.setVisible(shown)
        if not shown:
            self.progress_bar.setRange(0, 0)

    def _on_progress(self, done: int, total: int, phase: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        if phase == table_ops.PHASE_LOAD:
            self.progress_bar.setFormat(self.tr("Reading the answers…"))
        elif phase == table_ops.PHASE_TABLES:
            self.progress_bar.setFormat(self.tr("Table %v of %m"))

    def _on_job_failed(self, exc: Exception) -> None:
        message = error_text(exc)
        self.status_label.setText(message)
        self.sig_failed.emit(message)

    # -- computing --------------------------------------------------------------------------
    def _start_compute(self, reload: bool) -> None:
        settings = self._settings()
        if settings is None or not self._session.is_open:
            return
        dataset = None
        if not reload and self._dataset is not None and self._dataset_form == settings.form_id:
            dataset = self._dataset
        self._pair = None
        self.status_label.setText("")
        self._start("compute", lambda store, progress, cancel: table_ops.compute_tables(
            store, settings, dataset, progress=progress, cancel=cancel), self._on_compute_done,
            on_store=True, progress=True)

    def _on_compute_done(self, computed: Computed) -> None:
        if computed.settings != self._settings():
            return  # the settings moved on; their own job is on its way
        self._computed = computed
        self._dataset, self._dataset_form = computed.dataset, computed.settings.form_id
        self.status_label.setText(self._status_text(computed))
        self._show_current()
        self._update_export_buttons()
        self.sig_tables_ready.emit()

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
        if not other:
            self._show_table(computed.tables.get(name))
        elif self._pair is not None and self._pair.questions == (name, other):
            self._show_table(self._pair)
        else:
            settings, dataset = computed.settings, computed.dataset
            self._start("pair", lambda: table_ops.paired_table(dataset, (name, other), settings.lang,
                                                               settings.min_cell), self._on_pair_done)

    def _on_pair_done(self, table: Table) -> None:
        if table.questions == (self.current_question(), self.compare_combo.currentData() or ""):
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
        heading, lines = table_ops.table_text(table)
        numbered = self.model.numbered_questions()
        # A comparison's columns are numbered 1 and 2: the heading is the key to them.
        self.heading_label.setText("\n".join(numbered) if numbered else heading)
        self.notes_label.setText("\n".join(lines))
        self.table_view.setColumnHidden(0, True)  # the labels are the row headers
        self.table_view.resizeRowsToContents()
        self.chart_label.setAccessibleDescription(table_ops.chart_description(table))
        self.sig_table_shown.emit()
        self._set_chart(None)
        width_in = max(4.0, min(9.0, self.chart_scroll.viewport().width() / SCREEN_DPI - 0.5))
        dpi = int(SCREEN_DPI * self.devicePixelRatioF())
        self._start("chart", lambda: table_ops.chart_png(table, dpi=dpi, width_in=width_in),
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

    # -- exporting --------------------------------------------------------------------------
    def _on_export_clicked(self, fmt: str) -> None:
        filters = {"csv": self.tr("CSV files (*.csv)"), "xlsx": self.tr("Excel workbooks (*.xlsx)"),
                   "png": self.tr("PNG images (*.png)"), "pdf": self.tr("PDF documents (*.pdf)")}
        title = self.tr("Export the report") if fmt == "pdf" else self.tr("Export this table")
        save_file_dialog(self, title, self._export_dir / self._default_name(fmt),
                         lambda path: self.export(fmt, path), name_filter=filters[fmt], suffix=fmt)

    def export(self, fmt: str, path: Path) -> None:
        """Write the current table (csv, xlsx, png) or the whole report (pdf) to ``path`` in a worker."""
        path = Path(path)
        self._export_dir = path.parent
        hide_small = self.hide_small_check.isChecked()
        if fmt == "pdf":
            computed, form = self._computed, self._form
            if computed is None:
                return
            tables = list(computed.tables.values())
            if self._pair is not None and self.model.table is self._pair:
                tables.append(self._pair)
            title = table_ops.report_title(form, tables) if form is not None else None
            fn = lambda: table_ops.export_report(tables, path, hide_small, title)  # noqa: E731
        else:
            table = self.model.table
            if table is None:
                return
            fn = lambda: table_ops.export_table(table, fmt, path, hide_small)  # noqa: E731
        self.status_label.setText(particles(self.tr("Writing {0}…").format(path.name)))
        self._start(f"export-{fmt}", fn, lambda warnings: self._on_export_done(path, warnings))

    def _on_export_done(self, path: Path, warnings: list[str]) -> None:
        text = particles(self.tr("Wrote {0}.").format(str(path)))
        if warnings:
            text += " " + " ".join(warnings)
        self.status_label.setText(text)
        self.sig_exported.emit(path)
