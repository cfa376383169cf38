"""Home page: the interviews in this store (filter, sort) and what to do next with them.

Actions: start a new interview (form and language chosen in a small dialog), resume a
draft, delete a draft after confirmation, go to the Forms page, and (interviewer stores only) go to the
Export page. Dialogs are opened with ``open()`` and answer
through signals (CONVENTIONS: no nested ``exec()``).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import INTERVIEWS, StoreExecutor
from fieldapp.gui.messages import particles
from fieldapp.gui.models.interviews import (
    SOURCES,
    Criteria,
    InterviewFilterModel,
    InterviewTableModel,
    device_text,
    source_text,
    status_text,
)
from fieldapp.gui.models.rows import ROW_ROLE
from fieldapp.gui.pages.interview import language_display_name
from fieldapp.ops import forms as form_ops
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.interviews import FormLanguages, HomeSummary
from fieldapp.ops.model import DEFAULT_LANG, FormRow, InterviewRow, language_code


class NewInterviewDialog(QDialog):
    """Choose the questionnaire and the language the interview starts in."""

    sig_chosen = Signal(str, str, str)  # form id, version, language key

    def __init__(self, forms: list[FormRow], languages: dict[tuple[str, str], FormLanguages],
                 ui_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newInterviewDialog")
        self.setWindowTitle(self.tr("New interview"))
        self.setAccessibleName(self.tr("New interview"))
        self._forms = forms
        self._languages = languages
        self._ui_language = ui_language
        layout = QFormLayout(self)
        self.form_combo = named(QComboBox(), "newInterviewForm", self.tr("Questionnaire"))
        for row in forms:
            title = form_ops.title_in(row.title, ui_language) if row.title else row.form_id
            self.form_combo.addItem(self.tr("{0} (version {1})").format(title, row.version))
        # The newest installed version of the first form is the likely choice.
        self.form_combo.setCurrentIndex(max(0, len(forms) - 1) if len({f.form_id for f in forms}) == 1 else 0)
        label = QLabel(self.tr("&Questionnaire:"))
        label.setBuddy(self.form_combo)
        layout.addRow(label, self.form_combo)
        self.language_combo = named(QComboBox(), "newInterviewLanguage", self.tr("Interview language"))
        label = QLabel(self.tr("&Language:"))
        label.setBuddy(self.language_combo)
        layout.addRow(label, self.language_combo)
        self.error_label = QLabel()
        self.error_label.setObjectName("newInterviewError")
        self.error_label.setWordWrap(True)
        layout.addRow(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("newInterviewButtons")
        self.start_button = named(
            self.buttons.addButton(self.tr("&Start interview"), QDialogButtonBox.ButtonRole.AcceptRole),
            "newInterviewStart", self.tr("Start the interview"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        named(cancel, "newInterviewCancel", self.tr("Cancel"))
        cancel.setAutoDefault(False)  # Escape cancels; Enter must start, never cancel
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addRow(self.buttons)
        self.form_combo.currentIndexChanged.connect(self._on_form_changed)
        self._on_form_changed(self.form_combo.currentIndex())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # Enter starts the interview from anywhere in the dialog (keyboard-only use).
        self.start_button.setDefault(True)
        self.form_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_form_changed(self, index: int) -> None:
        self.language_combo.clear()
        self.error_label.clear()
        if not 0 <= index < len(self._forms):
            self.start_button.setEnabled(False)
            return
        row = self._forms[index]
        form = self._languages.get((row.form_id, row.version))
        if form is None:
            self.start_button.setEnabled(False)
            return
        keys = list(form.languages)
        for key in keys:
            # "Korean (ko)" is shown as 한국어, each language in its own name (issue #15, item 6).
            shown = self.tr("Default") if key == DEFAULT_LANG else language_display_name(key)
            self.language_combo.addItem(shown, key)
        # The interface language if the form has it, else the form's own default.
        matching = [i for i, k in enumerate(keys) if language_code(k) == self._ui_language]
        if matching:
            self.language_combo.setCurrentIndex(matching[0])
        elif form.default in keys:
            self.language_combo.setCurrentIndex(keys.index(form.default))
        self.start_button.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        index = self.form_combo.currentIndex()
        if not 0 <= index < len(self._forms):
            return
        row = self._forms[index]
        self.accept()
        self.sig_chosen.emit(row.form_id, row.version, self.language_combo.currentData() or "")


class HomePage(QWidget):
    sig_new_interview = Signal(str, str, str)  # form id, version, language key
    sig_resume = Signal(str)  # interview id
    sig_view = Signal(str)  # interview id: a finalized interview or a record, read only
    sig_forms_requested = Signal()
    sig_export_requested = Signal()

    def __init__(self, executor: StoreExecutor, ui_language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._ui_language = ui_language
        self._forms: list[FormRow] = []
        self._languages: dict[tuple[str, str], FormLanguages] = {}
        self._exported = 0  # a field laptop's exported interviews: only their number is kept
        self._executor.sig_store_changed.connect(self._on_store_changed)
        self.new_dialog: NewInterviewDialog | None = None
        self._select_next: str = ""  # the interview to select once the list is reloaded
        self.confirm_box: QMessageBox | None = None
        self.model = InterviewTableModel(self)
        self.proxy = InterviewFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._update_actions()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Interviews"))
        title.setObjectName("homeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        self.notice_label = QLabel()
        self.notice_label.setObjectName("homeNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()
        layout.addWidget(self.notice_label)

        actions = QHBoxLayout()
        self.new_button = named(QPushButton(self.tr("&New interview…")), "newInterview",
                                self.tr("Start a new interview"))
        self.new_button.clicked.connect(self._on_new_clicked)
        self.resume_button = named(QPushButton(self.tr("&Resume")), "resumeInterview",
                                   self.tr("Resume the selected draft"))
        self.resume_button.clicked.connect(self._on_resume_clicked)
        self.delete_button = named(QPushButton(self.tr("&Delete draft…")), "deleteDraft",
                                   self.tr("Delete the selected draft"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.view_button = named(QPushButton(self.tr("&View…")), "viewInterview",
                                 self.tr("Read the answers of the selected finalized interview"))
        self.view_button.clicked.connect(self._on_view_clicked)
        self.forms_button = named(QPushButton(self.tr("&Forms…")), "formsButton",
                                  self.tr("Manage questionnaires"))
        self.forms_button.clicked.connect(self.sig_forms_requested)
        # Only interviewer laptops export (refresh shows it by the store's role).
        self.export_button = named(QPushButton(self.tr("E&xport…")), "exportButton",
                                   self.tr("Export finalized interviews to the coordinator"))
        self.export_button.clicked.connect(self.sig_export_requested)
        self.export_button.hide()
        for button in (self.new_button, self.resume_button, self.view_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.forms_button)
        layout.addLayout(actions)

        layout.addLayout(self._build_filters())

        self.table = named(QTableView(), "interviewTable", self.tr("Interviews in this store"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.model.changed_column, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (keyboard users)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.activated.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        layout.addWidget(self.table, 1)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("homeEmpty")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        # Exported work is a count, never a list (issue #17, finding 6): the laptop forgot it.
        self.exported_label = QLabel()
        self.exported_label.setObjectName("homeExported")
        self.exported_label.setWordWrap(True)
        self.exported_label.hide()
        layout.addWidget(self.exported_label)

    def _build_filters(self) -> QHBoxLayout:
        """Text, status and form filters; a coordinator's also device and source."""
        row = QHBoxLayout()
        label = QLabel(self.tr("F&ilter:"))
        self.filter_edit = named(QLineEdit(), "interviewFilter", self.tr("Filter interviews"))
        self.filter_edit.setPlaceholderText(self.tr("pseudonym, form or status"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        label.setBuddy(self.filter_edit)
        row.addWidget(label)
        row.addWidget(self.filter_edit, 1)
        self.status_filter = self._filter_combo("interviewStatusFilter", self.tr("Show interviews by status"))
        self.form_filter = self._filter_combo("interviewFormFilter", self.tr("Show interviews of one form"))
        self.device_filter = self._filter_combo("interviewDeviceFilter",
                                                self.tr("Show records from one device"))
        self.source_filter = self._filter_combo("interviewSourceFilter",
                                                self.tr("Show records by how they arrived"))
        for combo in (self.status_filter, self.form_filter, self.device_filter, self.source_filter):
            row.addWidget(combo)
        self.device_filter.hide()  # coordinator stores only (_fill_filters)
        self.source_filter.hide()
        return row

    def _filter_combo(self, object_name: str, accessible: str) -> QComboBox:
        combo = named(QComboBox(), object_name, accessible)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self._on_filter_changed)
        return combo

    def _form_titles(self, forms: list[FormRow]) -> dict[tuple[str, str], str]:
        """Each form's title in the interface language by (id, version); (id, ""): the last
        listed version's (issue #15: the list showed form ids)."""
        titles: dict[tuple[str, str], str] = {}
        for row in forms:
            shown = form_ops.title_in(row.title, self._ui_language) if row.title else row.form_id
            titles[(row.form_id, row.version)] = titles[(row.form_id, "")] = shown
        return titles

    def _fill_filters(self, summary: HomeSummary) -> None:
        rows = summary.interviews
        coordinator = summary.role == "coordinator"
        choices = {
            self.status_filter: (self.tr("Any status"), [(status_text(s), s) for s in ("draft", "final", "exported")
                                                         if any(r.status == s for r in rows)]),
            self.form_filter: (self.tr("Any form"), sorted(
                (self.model.form_title(f, ""), f) for f in {r.form_id for r in rows})),
            self.device_filter: (self.tr("Any device"), sorted(
                (device_text(d, summary.devices, summary.this_device), d) for d in {r.device_id for r in rows})),
            self.source_filter: (self.tr("Any source"), [(source_text(s), s) for s in SOURCES
                                                         if any(r.source == s for r in rows)]),
        }
        for combo, (any_text, items) in choices.items():
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_text, "")
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(keep)))
            combo.blockSignals(False)
        self.device_filter.setVisible(coordinator)
        self.source_filter.setVisible(coordinator)

    # -- content ----------------------------------------------------------------------------
    def set_ui_language(self, language: str) -> None:
        self._ui_language = language

    def refresh(self) -> None:
        """Reload interviews and forms from the open store (in the executor)."""
        if not self._session.is_open:
            self.clear()
            return
        self.export_button.setVisible(self._session.role == "interviewer")
        self._executor.submit(interview_ops.home_summary, on_done=self._show_summary,
                              on_failed=lambda exc: self.set_notice(error_text(exc)), key="home.refresh")

    def _on_store_changed(self, what: str) -> None:
        if what in ("interviews", "forms", "outbox", "store") and self._session.is_open and self.isVisible():
            self.refresh()

    def _show_summary(self, summary: HomeSummary) -> None:
        selected = self.selected_interview()
        titles = self._form_titles(summary.forms)
        if (summary.role == "coordinator") != (self.model.columnCount() > 5):
            # The columns change with the role: keep the list newest first.
            self.model.set_store(summary.interviews, summary.role, summary.devices, summary.this_device, titles)
            self.table.sortByColumn(self.model.changed_column, Qt.SortOrder.DescendingOrder)
        else:
            self.model.set_store(summary.interviews, summary.role, summary.devices, summary.this_device, titles)
        self._fill_filters(summary)
        self._on_filter_changed()
        self._forms = summary.forms
        self._languages = summary.languages
        self._exported = summary.exported if summary.role == "interviewer" else 0
        self.exported_label.setText(self.tr(
            "%n interview(s) exported from this laptop: it keeps only how many, and only the "
            "coordinator can read them.", "", self._exported) if self._exported else "")
        self.exported_label.setVisible(bool(self._exported))
        self.export_button.setVisible(summary.role == "interviewer")
        # The interview just closed or finalized, else the one selected before: never
        # another row that happens to sit where it was (issue #15).
        wanted = self._select_next or (selected.id if selected is not None else "")
        self._select_next = ""
        if not (wanted and self.select_interview(wanted)):
            self.table.clearSelection()
        self._update_actions()

    def select_after_refresh(self, interview_id: str) -> None:
        """Select ``interview_id`` when the list is next reloaded (after an interview closes)."""
        self._select_next = interview_id
        self.select_interview(interview_id)

    def clear(self) -> None:
        """Forget everything shown (lock): rows, filter, notices and any open dialog."""
        for dialog in (self.new_dialog, self.confirm_box):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self.new_dialog = None
        self.confirm_box = None
        self.model.clear()
        self._select_next = ""
        self._forms = []
        self._languages = {}
        self._exported = 0
        self.exported_label.clear()
        self.exported_label.hide()
        self.filter_edit.clear()
        for combo in (self.status_filter, self.form_filter, self.device_filter, self.source_filter):
            combo.clear()
        self.device_filter.hide()
        self.source_filter.hide()
        self.export_button.hide()
        self.set_notice("")
        self._update_actions()

    def set_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def selected_interview(self) -> InterviewRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ROLE)

    def select_interview(self, interview_id: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ROW_ROLE).id == interview_id:
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def _update_actions(self) -> None:
        row = self.selected_interview()
        is_draft = row is not None and row.status == "draft"
        self.resume_button.setEnabled(is_draft)
        self.delete_button.setEnabled(is_draft)
        # Finalized interviews until they are exported (then only the coordinator can read them).
        self.view_button.setEnabled(row is not None and row.status == "final")
        self.new_button.setEnabled(bool(self._forms))
        mistyped = self._mistyped_pseudonym()
        if not self._forms and self._session.is_open:
            self.empty_label.setText(self.tr(
                "No questionnaire is installed yet. Add one on the Forms page, then start an interview."))
        elif mistyped is not None:
            self.empty_label.setText(self.tr(
                "No interview has the pseudonym {pseudonym}, and it cannot be one: its last "
                "character does not match the others. Check the notes for a mistyped "
                "character.").format(pseudonym=mistyped))
        elif self.model.rowCount() == 0 and self._session.is_open and self._exported:
            self.empty_label.setText(self.tr("No drafts and nothing waiting to be exported. Start a new "
                                             "interview with New interview."))
        elif self.model.rowCount() == 0 and self._session.is_open:
            self.empty_label.setText(self.tr("No interviews yet. Start one with New interview."))
        else:
            self.empty_label.setText("")
        self.empty_label.setVisible(bool(self.empty_label.text()))

    def _mistyped_pseudonym(self) -> str | None:
        """The filter's pseudonym when nothing matches it and its check character does not."""
        typed = self.proxy.pseudonym
        if typed is None or typed[1] or self.proxy.rowCount() or not self._session.is_open:
            return None
        return typed[0]

    # -- handlers ---------------------------------------------------------------------------
    def _on_filter_changed(self, *_args) -> None:
        self.proxy.set_criteria(Criteria(
            self.filter_edit.text().strip(), self.status_filter.currentData() or "",
            self.form_filter.currentData() or "", self.device_filter.currentData() or "",
            self.source_filter.currentData() or ""))
        self._update_actions()

    def _on_new_clicked(self) -> None:
        if not self._forms or not self._session.is_open:
            return
        self.new_dialog = NewInterviewDialog(self._forms, self._languages, self._ui_language, self)
        self.new_dialog.sig_chosen.connect(self.sig_new_interview)
        self.new_dialog.finished.connect(self._on_new_dialog_finished)
        self.new_dialog.open()

    def _on_new_dialog_finished(self, _result: int) -> None:
        if self.new_dialog is not None:
            self.new_dialog.deleteLater()
            self.new_dialog = None

    def _on_resume_clicked(self) -> None:
        row = self.selected_interview()
        if row is not None and row.status == "draft":
            self.sig_resume.emit(row.id)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and row.status == "draft":
            self.sig_resume.emit(row.id)
        elif row is not None and row.status == "final":
            self.sig_view.emit(row.id)

    def _on_view_clicked(self) -> None:
        row = self.selected_interview()
        if row is not None and row.status == "final":
            self.sig_view.emit(row.id)

    def _on_delete_clicked(self) -> None:
        row = self.selected_interview()
        if row is None or row.status != "draft":
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete draft"), particles(self.tr(
            "Delete the draft interview {0}? Its answers are erased from this laptop and cannot "
            "be brought back.").format(row.pseudonym)),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDelete")
        box.setAccessibleName(self.tr("Confirm deleting the draft"))
        delete = box.addButton(self.tr("&Delete draft"), QMessageBox.ButtonRole.DestructiveRole)
        named(delete, "confirmDeleteYes", self.tr("Delete the draft"))
        named(box.button(QMessageBox.StandardButton.Cancel), "confirmDeleteNo", self.tr("Keep the draft"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not destroy data
        interview_id = row.id
        box.buttonClicked.connect(lambda button: self._on_confirm_clicked(button is delete, interview_id))
        self.confirm_box = box
        box.open()

    def _on_confirm_clicked(self, confirmed: bool, interview_id: str) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.deleteLater()
        if not confirmed or not self._session.is_open:
            return
        self._executor.submit(lambda store: interview_ops.delete_draft(store, interview_id),
                              changes=INTERVIEWS, on_failed=lambda exc: self.set_notice(error_text(exc)))
