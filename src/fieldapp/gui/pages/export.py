"""Export page (interviewer): enrol with the coordinator's project key, seal finalized interviews
onto a USB stick, and follow the sent bundles until their receipts come back.

Enrolment shows the project key's fingerprint words large enough to read out by phone; the
key is pinned only after the user confirms the words match what the coordinator read out
(SECURITY.md: a swapped key on the stick must not be accepted silently). Export and "Write
again" run in workers; the bundle's file name is random and says nothing about its content.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import KEYS, OUTBOX, StoreExecutor
from fieldapp.gui.messages import particles
from fieldapp.gui.models.exchange import OutboxTableModel, human_size
from fieldapp.gui.pagekit import fingerprint_label, open_file_dialog, page_header, scrolled_body
from fieldapp.ops import exchange as exchange_ops
from fieldapp.progress import CancelToken

__all__ = ["ExportPage", "fingerprint_label", "page_header", "scrolled_body"]


class ExportPage(QWidget):
    sig_home_requested = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._candidate: bytes | None = None  # a chosen key file not yet pinned
        self._pinned_words = ""
        self._folder: Path | None = None
        self._waiting = 0
        self._export_cancel: CancelToken | None = None
        self._busy = False
        self.model = OutboxTableModel(self)
        self._build()
        self.clear()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = scrolled_body(self, "export")
        top, self.home_button = page_header(self.tr("Export to the coordinator"), "export",
                                            self.tr("&Back to interviews"), self.tr("Back to the interview list"))
        self.home_button.clicked.connect(self.sig_home_requested)
        layout.addLayout(top)

        self.role_label = QLabel()
        self.role_label.setObjectName("exportRoleNotice")
        self.role_label.setWordWrap(True)
        layout.addWidget(self.role_label)

        layout.addWidget(self._build_enrolment())
        layout.addWidget(self._build_export())
        layout.addWidget(self._build_outbox(), 1)

    def _build_enrolment(self) -> QGroupBox:
        box = QGroupBox(self.tr("1. Project key"))
        box.setObjectName("enrolBox")
        layout = QVBoxLayout(box)
        self.enrol_status = QLabel()
        self.enrol_status.setObjectName("enrolStatus")
        self.enrol_status.setWordWrap(True)
        layout.addWidget(self.enrol_status)
        self.words_label = fingerprint_label("enrolWords", self.tr("Fingerprint words of the project key"))
        layout.addWidget(self.words_label)
        self.compare_label = QLabel(self.tr(
            "Call the coordinator (or meet in person) and ask them to read out the fingerprint words "
            "of their project key. Every word must match the words above, in the same order. If any "
            "word differs, do not enrol: the file may have been swapped."))
        self.compare_label.setObjectName("enrolCompare")
        self.compare_label.setWordWrap(True)
        layout.addWidget(self.compare_label)
        self.match_check = named(QCheckBox(self.tr("The &words match what the coordinator read out")),
                                 "enrolMatch", self.tr("The fingerprint words match what the coordinator read out"))
        self.match_check.toggled.connect(lambda _on: self._update_actions())
        layout.addWidget(self.match_check)
        row = QHBoxLayout()
        self.choose_key_button = named(QPushButton(self.tr("Choose the project &key file…")), "enrolChooseKey",
                                       self.tr("Choose the coordinator's project key file"))
        self.choose_key_button.clicked.connect(self._on_choose_key_clicked)
        self.enrol_button = named(QPushButton(self.tr("&Enrol this laptop")), "enrolConfirm",
                                  self.tr("Enrol this laptop with the chosen project key"))
        self.enrol_button.clicked.connect(self._on_enrol_clicked)
        row.addWidget(self.choose_key_button)
        row.addWidget(self.enrol_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.enrol_error = QLabel()
        self.enrol_error.setObjectName("enrolError")
        self.enrol_error.setWordWrap(True)
        layout.addWidget(self.enrol_error)
        # The coordinator trusts a new laptop only after comparing its key's fingerprint words
        # with the ones the import page shows for its first bundle (issue #17, finding 10), so
        # the laptop shows them as large as the project key's.
        self.device_label = QLabel()
        self.device_label.setObjectName("exportDeviceIdentity")
        self.device_label.setWordWrap(True)
        self.device_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.device_label)
        self.device_words_label = fingerprint_label("exportDeviceWords",
                                                    self.tr("Fingerprint words of this laptop's key"))
        layout.addWidget(self.device_words_label)
        return box

    def _build_export(self) -> QGroupBox:
        box = QGroupBox(self.tr("2. Export"))
        box.setObjectName("exportBox")
        layout = QVBoxLayout(box)
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("exportWaiting")
        self.waiting_label.setWordWrap(True)
        layout.addWidget(self.waiting_label)

        row = QHBoxLayout()
        label = QLabel(self.tr("USB &folder:"))
        self.folder_edit = named(QLineEdit(), "exportFolder", self.tr("Folder the bundle is written to"))
        self.folder_edit.setReadOnly(True)
        # Shown, never typed into: Tab and the label's key go to Choose (issue #15, item 9).
        self.folder_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.folder_edit.setPlaceholderText(self.tr("choose the folder of the USB stick"))
        self.choose_folder_button = named(QPushButton(self.tr("C&hoose…")), "exportChooseFolder",
                                          self.tr("Choose the USB folder"))
        label.setBuddy(self.choose_folder_button)
        self.choose_folder_button.clicked.connect(self._on_choose_folder_clicked)
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_folder_button)
        layout.addLayout(row)

        row = QHBoxLayout()
        self.export_button = named(QPushButton(self.tr("E&xport")), "exportStart",
                                   self.tr("Export the finalized interviews to the USB folder"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.cancel_button = named(QPushButton(self.tr("&Cancel")), "exportCancel",
                                   self.tr("Cancel the export"))
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.setAccessibleName(self.tr("Export progress"))
        self.progress_bar.setRange(0, 4)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("exportProgressText")
        self.progress_bar.setMaximumWidth(240)
        row.addWidget(self.export_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress_bar)
        row.addWidget(self.progress_label)
        row.addStretch(1)
        layout.addLayout(row)

        self.result_label = QLabel()
        self.result_label.setObjectName("exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        return box

    def _build_outbox(self) -> QGroupBox:
        box = QGroupBox(self.tr("3. Sent bundles"))
        box.setObjectName("outboxBox")
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr(
            "A sealed copy of each bundle stays on this laptop until the coordinator's receipt comes "
            "back. If a stick was lost, write the bundles again: the coordinator never imports an "
            "interview twice."))
        hint.setObjectName("outboxHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.outbox_table = named(QTableView(), "outboxTable", self.tr("Bundles sent from this laptop"))
        self.outbox_table.setModel(self.model)
        self.outbox_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outbox_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outbox_table.setTabKeyNavigation(False)
        self.outbox_table.verticalHeader().hide()
        self.outbox_table.setMinimumHeight(90)
        header = self.outbox_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.outbox_table, 1)
        row = QHBoxLayout()
        self.receipt_button = named(QPushButton(self.tr("Apply a &receipt…")), "outboxReceipt",
                                    self.tr("Apply a receipt file from the coordinator"))
        self.receipt_button.clicked.connect(self._on_receipt_clicked)
        self.resend_button = named(QPushButton(self.tr("&Write again…")), "outboxResend",
                                   self.tr("Write the bundles awaiting a receipt again, to another stick"))
        self.resend_button.clicked.connect(self._on_resend_clicked)
        row.addWidget(self.receipt_button)
        row.addWidget(self.resend_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.outbox_status = QLabel()
        self.outbox_status.setObjectName("outboxStatus")
        self.outbox_status.setWordWrap(True)
        self.outbox_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.outbox_status)
        return box

    # -- content ----------------------------------------------------------------------------
    @property
    def interviewer(self) -> bool:
        return self._session.is_open and self._session.role == "interviewer"

    @property
    def enrolled(self) -> bool:
        return bool(self._pinned_words)

    @property
    def folder(self) -> Path | None:
        return self._folder

    def refresh(self) -> None:
        """Reload the pinned key, the waiting interviews and the outbox from the open store."""
        if not self.interviewer:
            self._clear_content()
            self.role_label.setText(self.tr(
                "This is a coordinator store: bundles are imported here, not exported.")
                if self._session.is_open else "")
            self._update_actions()
            return
        self.role_label.setText("")
        self._executor.submit(exchange_ops.exchange_status, on_done=self._show_status,
                              on_failed=lambda exc: self.outbox_status.setText(error_text(exc)),
                              key="export.refresh")

    def _show_status(self, status: exchange_ops.ExchangeStatus) -> None:
        self.device_label.setText(self.tr(
            "This laptop is device {0}. Before the coordinator trusts its bundles, they will ask you "
            "to read out the fingerprint words of its key:").format(status.device_id))
        self.device_words_label.setText(status.device_words)
        self.device_words_label.show()
        self._pinned_words = status.pinned_words
        self._waiting = status.waiting
        self.model.set_rows(status.outbox)
        self._show_enrolment()
        self._update_actions()

    def _clear_content(self) -> None:
        self._candidate = None
        self.device_label.clear()
        self.device_words_label.clear()
        self.device_words_label.hide()
        self._pinned_words = ""
        self._waiting = 0
        self.model.clear()
        self._show_enrolment()

    def clear(self) -> None:
        """Forget everything shown (lock): key words, folder, results; a running export is cancelled."""
        if self._export_cancel is not None:
            self._export_cancel.cancel()
        self._clear_content()
        self._folder = None
        self.folder_edit.clear()
        self.match_check.setChecked(False)
        for label in (self.enrol_error, self.result_label, self.outbox_status, self.progress_label,
                      self.role_label, self.device_label):
            label.clear()
        self.progress_bar.setValue(0)
        self.progress_bar.hide()
        self._update_actions()

    def _show_enrolment(self) -> None:
        candidate = self._candidate is not None
        if candidate:
            self.enrol_status.setText(self.tr(
                "Fingerprint of the chosen project key file. Compare it with the coordinator before "
                "you enrol:"))
        elif self.enrolled:
            self.enrol_status.setText(self.tr(
                "This laptop is enrolled. Its bundles can be opened only by the coordinator whose "
                "project key has this fingerprint:"))
        elif self._session.is_open:
            self.enrol_status.setText(self.tr(
                "This laptop is not enrolled yet. Copy the coordinator's project key file from their "
                "stick and choose it here."))
        else:
            self.enrol_status.clear()
        if not candidate:
            self.words_label.setText(self._pinned_words)
        self.words_label.setVisible(bool(self.words_label.text()))
        for w in (self.compare_label, self.match_check, self.enrol_button):
            w.setVisible(candidate)
        self.choose_key_button.setText(self.tr("Choose another project &key file…") if self.enrolled
                                       else self.tr("Choose the project &key file…"))

    def _update_actions(self) -> None:
        ok = self.interviewer and not self._busy
        self.choose_key_button.setEnabled(ok)
        self.enrol_button.setEnabled(ok and self._candidate is not None and self.match_check.isChecked())
        self.choose_folder_button.setEnabled(ok)
        self.export_button.setEnabled(ok and self.enrolled and self._waiting > 0 and self._folder is not None)
        self.cancel_button.setVisible(self._busy and self._export_cancel is not None)
        self.receipt_button.setEnabled(ok and self.enrolled and self.model.rowCount() > 0)
        self.resend_button.setEnabled(ok and self.model.waiting() > 0)
        if not self._session.is_open:
            self.waiting_label.clear()
        elif not self.interviewer:
            self.waiting_label.clear()
        elif not self.enrolled:
            self.waiting_label.setText(self.tr(
                "%n finalized interview(s) waiting. Enrol this laptop with the project key first.", "",
                self._waiting))
        elif self._waiting == 0:
            self.waiting_label.setText(self.tr(
                "No finalized interviews are waiting to be exported."))
        elif self._folder is None:
            self.waiting_label.setText(self.tr(
                "%n finalized interview(s) waiting. Plug in the USB stick and choose its folder.", "",
                self._waiting))
        else:
            self.waiting_label.setText(self.tr(
                "%n finalized interview(s) waiting to be exported.", "", self._waiting))

    # -- enrolment --------------------------------------------------------------------------
    def _on_choose_key_clicked(self) -> None:
        open_file_dialog(self, self.tr("Choose the project key file"), self._folder or Path.home(),
                         self.choose_key_file,
                         name_filter=self.tr("Project key files (*.fieldapp-key);;All files (*)"))

    def choose_key_file(self, path: Path) -> None:
        """Read a project key file and show its fingerprint words for comparison (nothing pinned yet)."""
        if not self.interviewer:
            return
        self.enrol_error.clear()
        self.match_check.setChecked(False)
        self._candidate = None
        # preview_project_key refuses a swapped key before the user compares anything.
        self._executor.submit(lambda store: exchange_ops.preview_project_key(store, Path(path)),
                              on_done=self._on_key_previewed, on_failed=self._on_enrol_failed,
                              key="export.preview")

    def _on_key_previewed(self, preview: exchange_ops.KeyPreview) -> None:
        if preview.words == self._pinned_words:
            self.enrol_error.setText(self.tr("This laptop is already enrolled with that project key."))
        else:
            self._candidate = preview.data
            self.words_label.setText(preview.words)
        self._show_enrolment()
        self._update_actions()

    def _on_enrol_failed(self, exc: Exception) -> None:
        self.enrol_error.setText(error_text(exc))
        self._show_enrolment()
        self._update_actions()

    def _on_enrol_clicked(self) -> None:
        if self._candidate is None or not self.match_check.isChecked() or not self.interviewer:
            return
        data, self._candidate = self._candidate, None
        # The words shown, which the user just confirmed match the coordinator's (issue #17, finding 3).
        words = self.words_label.words()
        self.match_check.setChecked(False)
        self._executor.submit(lambda store: exchange_ops.enrol(store, data, words=words), changes=KEYS,
                              on_done=lambda _e: self._on_enrolled(), on_failed=self._on_enrol_failed)

    def _on_enrolled(self) -> None:
        self.enrol_error.setText(self.tr("Enrolled. Bundles from this laptop can now be exported."))
        self.refresh()

    # -- export -----------------------------------------------------------------------------
    def _on_choose_folder_clicked(self) -> None:
        open_file_dialog(self, self.tr("Choose the USB folder"), self._folder or Path.home(),
                         self.set_folder, directory=True)

    def set_folder(self, folder: Path) -> None:
        self._folder = Path(folder)
        self.folder_edit.setText(str(self._folder))
        self._update_actions()

    def _progress_text(self, step: str) -> str:
        return {"sealing": self.tr("Sealing the interviews…"),
                "writing": self.tr("Writing to the stick…"),
                "checking": self.tr("Reading it back from the stick to check it…"),
                "recording": self.tr("Recording the export…"),
                "resending": self.tr("Writing the bundles again and reading them back…"),
                "done": self.tr("Done.")}.get(step, "")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress_bar.setVisible(busy)
        self._update_actions()

    def _on_export_clicked(self) -> None:
        if not self.export_button.isEnabled() or self._folder is None:
            return
        folder = self._folder
        # Our own token, not the job's: a cancel that arrives after the export committed must
        # not make the page say "cancelled" about interviews that already left the laptop.
        token = self._export_cancel = CancelToken()
        self.result_label.clear()
        self.progress_bar.setValue(0)
        self.progress_label.setText(self.tr("Preparing…"))
        self._set_busy(True)
        self._executor.submit(
            lambda store, progress, cancel: exchange_ops.export(store, folder, progress=progress, cancel=token),
            on_progress=self._on_export_progress, on_done=self._on_export_done,
            on_failed=self._on_export_failed, on_cancelled=self._on_export_cancelled,
            key="exchange.export", changes=OUTBOX)

    def _on_export_progress(self, done: int, total: int, step: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.progress_label.setText(self._progress_text(step))

    def _end_export(self) -> bool:
        self._export_cancel = None
        self.progress_label.clear()
        self._set_busy(False)
        return self.interviewer  # locked meanwhile: drop the result

    def _on_export_done(self, exported: exchange_ops.Exported) -> None:
        if not self._end_export():
            return
        result = exported.result
        self.result_label.setText(particles(self.tr(
            "Exported %n interview(s) as bundle {0}: file {1} ({2}) in {3}. Their answers were removed "
            "from this laptop; a sealed copy stays until the coordinator's receipt comes back.", "",
            result.interviews).format(result.seq, result.path.name, human_size(result.size),
                                      result.path.parent)))
        self.refresh()

    def _on_export_failed(self, exc: Exception) -> None:
        if not self._end_export():
            return
        self.result_label.setText(self.tr("Nothing was exported: {0}").format(error_text(exc)))
        self.refresh()

    def _on_export_cancelled(self) -> None:
        if not self._end_export():
            return
        self.result_label.setText(self.tr("Export cancelled; nothing was exported."))
        self.refresh()

    def _on_cancel_clicked(self) -> None:
        if self._export_cancel is not None:
            self._export_cancel.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))

    # -- receipts and resending -------------------------------------------------------------
    def _on_receipt_clicked(self) -> None:
        open_file_dialog(self, self.tr("Apply a receipt"), self._folder or Path.home(), self.apply_receipt_file,
                         name_filter=self.tr("Receipts (*.receipt);;All files (*)"))

    def apply_receipt_file(self, path: Path) -> None:
        """Verify a receipt and drop the sealed copy it covers (a small, quick transaction)."""
        if not self.interviewer:
            return
        self._executor.submit(lambda store: exchange_ops.apply_receipt(store, Path(path)), changes=OUTBOX,
                              on_done=self._on_receipt_applied,
                              on_failed=lambda exc: self.outbox_status.setText(error_text(exc)))

    def _on_receipt_applied(self, result: exchange_ops.ReceiptResult) -> None:
        if result.already:
            self.outbox_status.setText(particles(self.tr(
                "Bundle {0} was already acknowledged; nothing changed.").format(result.seq)))
        else:
            self.outbox_status.setText(self.tr(
                "Receipt verified: bundle {0} (%n interview(s)) is safe at the coordinator; its sealed "
                "copy was removed from this laptop.", "", result.interviews).format(result.seq))
        self.refresh()

    def _on_resend_clicked(self) -> None:
        open_file_dialog(self, self.tr("Write the bundles again to a folder"), self._folder or Path.home(),
                         self.resend_to, directory=True)

    def resend_to(self, folder: Path) -> None:
        """Write every bundle still awaiting a receipt into ``folder`` again, in a worker."""
        if not self.interviewer:
            return
        folder = Path(folder)
        self.outbox_status.setText(self.tr("Writing the bundles to {0}…").format(folder))
        token = self._export_cancel = CancelToken()
        self.progress_bar.setValue(0)
        self._set_busy(True)
        self._executor.submit(
            lambda store, progress, cancel: exchange_ops.resend(store, folder, progress=progress, cancel=token),
            on_progress=self._on_export_progress, on_done=lambda paths: self._on_resend_done(folder, paths),
            on_failed=self._on_resend_failed, on_cancelled=self._on_resend_cancelled, key="exchange.resend")

    def _on_resend_cancelled(self) -> None:
        self._end_export()
        if not self.interviewer:
            return
        self.outbox_status.setText(self.tr("Writing again cancelled; nothing was left in that folder."))

    def _on_resend_done(self, folder: Path, paths: list[Path]) -> None:
        self._end_export()
        if not self.interviewer:
            return
        self.outbox_status.setText(self.tr(
            "Wrote %n bundle(s) again to {0}: {1}. Give this stick to the coordinator.", "",
            len(paths)).format(folder, ", ".join(p.name for p in paths)))

    def _on_resend_failed(self, exc: Exception) -> None:
        self._end_export()
        if not self.interviewer:
            return
        self.outbox_status.setText(error_text(exc))
