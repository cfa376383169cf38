"""Forms page: add an XLSForm from a file, see its problems by sheet and row, list installed forms.

Reading and checking a workbook runs in a worker. A form with any problem is not installed
at all (the author fixes the workbook and adds it again); a clean one is installed and the
list refreshed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FormError, FormErrors
from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import FORMS, StoreExecutor
from fieldapp.gui.jobs import BusyDelay
from fieldapp.gui.messages import particles
from fieldapp.gui.models.forms import FormTableModel, ProblemTableModel
from fieldapp.gui.pagekit import open_file_dialog
from fieldapp.ops import forms as form_ops


class FormsPage(QWidget):
    sig_home_requested = Signal()
    sig_forms_changed = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._busy = BusyDelay(self._show_busy, self)
        self.forms_model = FormTableModel(self)
        self.problems_model = ProblemTableModel(self)
        self._build()
        self._show_problems([])

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Questionnaires"))
        title.setObjectName("formsTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        row = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("&Add a form from a file…")), "addForm",
                                self.tr("Add an XLSForm questionnaire from a file"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("formsBusy")
        self.busy_bar.setAccessibleName(self.tr("Checking the form"))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.hide()
        self.home_button = named(QPushButton(self.tr("&Back to interviews")), "formsBack",
                                 self.tr("Back to the interview list"))
        self.home_button.clicked.connect(self.sig_home_requested)
        row.addWidget(self.add_button)
        row.addWidget(self.busy_bar)
        row.addStretch(1)
        row.addWidget(self.home_button)
        layout.addLayout(row)

        self.status_label = QLabel()
        self.status_label.setObjectName("formsStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        self.problems_table = self._table("formProblems", self.tr("Problems found in the form"),
                                          self.problems_model)
        layout.addWidget(self.problems_table, 1)

        installed = QLabel(self.tr("Installed questionnaires"))
        installed.setObjectName("installedTitle")
        bold = installed.font()
        bold.setBold(True)
        installed.setFont(bold)
        layout.addWidget(installed)
        self.forms_table = self._table("installedForms", self.tr("Installed questionnaires"),
                                       self.forms_model)
        layout.addWidget(self.forms_table, 1)

    def _table(self, object_name: str, accessible: str, model) -> QTableView:
        table = named(QTableView(), object_name, accessible)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # -- content ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self._session.is_open:
            self.clear()
            return
        self._executor.submit(form_ops.list_forms, on_done=self.forms_model.set_rows,
                              on_failed=lambda exc: self.status_label.setText(error_text(exc)),
                              key="forms.list")

    def clear(self) -> None:
        self.forms_model.clear()
        self._show_problems([])
        self.status_label.clear()

    def _show_problems(self, problems: list[FormError]) -> None:
        self.problems_model.set_rows(problems)
        self.problems_table.setVisible(bool(problems))

    def _show_busy(self, shown: bool) -> None:
        self.busy_bar.setVisible(shown)

    # -- adding -----------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        open_file_dialog(self, self.tr("Add a questionnaire"), Path.home(), self.add_file,
                         name_filter=self.tr("XLSForm workbooks (*.xlsx)"))

    def add_file(self, path: Path) -> None:
        """Check ``path`` in a worker; install it if clean, else list its problems."""
        if not self._session.is_open:
            return
        self._show_problems([])
        self.status_label.setText(self.tr("Checking {0}…").format(Path(path).name))
        self.add_button.setEnabled(False)
        self._busy.begin()
        self._executor.submit(lambda store: form_ops.install_form(store, Path(path)), changes=FORMS,
                              on_done=lambda installed: self._on_install_done(installed),
                              on_failed=lambda exc: self._on_install_failed(Path(path), exc),
                              key="forms.install")

    def _end_job(self) -> bool:
        self._busy.end()
        self.add_button.setEnabled(True)
        return self._session.is_open  # locked meanwhile: drop the result

    def _on_install_done(self, installed: form_ops.Installed) -> None:
        if not self._end_job():
            return
        title = installed.title or installed.form_id
        if installed.added:
            self.status_label.setText(particles(self.tr("Installed “{0}” ({1}, version {2}).").format(
                title, installed.form_id, installed.version)))
            self.sig_forms_changed.emit()
        else:
            self.status_label.setText(particles(self.tr(
                "“{0}” version {1} is already installed; nothing changed.").format(title, installed.version)))
        self.refresh()

    def _on_install_failed(self, path: Path, exc: Exception) -> None:
        if not self._end_job():
            return
        if isinstance(exc, FormErrors | FormError):
            problems = exc.errors if isinstance(exc, FormErrors) else [exc]
            self._show_problems(problems)
            self.status_label.setText(particles(self.tr(
                "{0} was not installed: %n problem(s) listed below. Fix them in the workbook "
                "and add it again.", "", len(problems)).format(path.name)))
            return
        self.status_label.setText(particles(self.tr("{0} was not installed: {1}").format(path.name, error_text(exc))))
