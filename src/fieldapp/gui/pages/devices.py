"""Devices and project key page (coordinator): the device registry (fingerprint words, labels,
laptops announced before their first bundle, revoke), the project key file for interviewers with
its fingerprint words, and the decryption key backup.

A laptop is trusted by its key's fingerprint words (issue #17, finding 10): announced here before
its first bundle ("Add a laptop by its words…"), or confirmed on the import page. Labels ("Seoul
team, laptop 3") are the coordinator's own and stay in this store. Revoking asks first (it refuses
every future bundle of that laptop). The key backup writes the one secret this app ever puts in a
plain file, so the page says what it is before the file is chosen, and again in the confirmation;
the file is readable by its owner only and never overwrites an existing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
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
from fieldapp.gui.executor import DEVICES, StoreExecutor
from fieldapp.gui.messages import fingerprint_words, particles
from fieldapp.gui.models.exchange import DeviceTableModel, expected_row
from fieldapp.gui.models.rows import ROW_ROLE
from fieldapp.gui.pagekit import fingerprint_label, page_header, save_file_dialog, scrolled_body
from fieldapp.ops import exchange as exchange_ops

PROJECT_KEY_NAME = exchange_ops.PROJECT_KEY_NAME


@dataclass(frozen=True)
class _Shown:
    devices: list
    words: str


def _shown(store) -> _Shown:
    rows = exchange_ops.list_devices(store) + [expected_row(e) for e in exchange_ops.list_expected_devices(store)]
    return _Shown(rows, exchange_ops.project_key_info(store).words)


class DeviceDialog(QDialog):
    """Announce a laptop by its fingerprint words (and a label), or relabel a registered one."""

    sig_done = Signal(str, str)  # words ("" when relabelling), label

    def __init__(self, parent: QWidget, words: bool, label: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("announceDeviceDialog" if words else "labelDeviceDialog")
        title = self.tr("Add a laptop by its words") if words else self.tr("Label the laptop")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QFormLayout(self)
        self.words_edit: QLineEdit | None = None
        if words:
            hint = QLabel(self.tr(
                "Type the eight fingerprint words the laptop shows on its Export page (read them from the "
                "laptop, or have the interviewer read them out), all eight in English or all eight in "
                "Korean. Its first bundle is then trusted without another question."))
            hint.setObjectName("announceDeviceHint")
            hint.setWordWrap(True)
            layout.addRow(hint)
            self.words_edit = named(QLineEdit(), "announceDeviceWords", self.tr("Fingerprint words of the laptop"))
            caption = QLabel(self.tr("&Words:"))
            caption.setBuddy(self.words_edit)
            layout.addRow(caption, self.words_edit)
        self.label_edit = named(QLineEdit(label), "deviceLabelEdit", self.tr("Label for the laptop"))
        self.label_edit.setPlaceholderText(self.tr("e.g. Seoul team, laptop 3"))
        self.label_edit.setMaxLength(80)
        caption = QLabel(self.tr("&Label:"))
        caption.setBuddy(self.label_edit)
        layout.addRow(caption, self.label_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("deviceDialogError")
        self.error_label.setWordWrap(True)
        layout.addRow(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("deviceDialogButtons")
        self.ok_button = named(buttons.addButton(self.tr("&Add the laptop") if words else self.tr("&Save label"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole),
                               "deviceDialogOk", title)
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "deviceDialogCancel", self.tr("Cancel"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def _on_accepted(self) -> None:
        self.sig_done.emit(self.words_edit.text() if self.words_edit is not None else "", self.label_edit.text())

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)


class DevicesPage(QWidget):
    sig_home_requested = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._words = ""
        self.confirm_box: QMessageBox | None = None
        self.device_dialog: DeviceDialog | None = None
        self.model = DeviceTableModel(self)
        self._build()
        self.clear()

    def _build(self) -> None:
        layout = scrolled_body(self, "devices")
        top, self.home_button = page_header(self.tr("Devices and project key"), "devices",
                                            self.tr("&Back to interviews"), self.tr("Back to the interview list"))
        self.home_button.clicked.connect(self.sig_home_requested)
        layout.addLayout(top)
        self.role_label = QLabel()
        self.role_label.setObjectName("devicesRoleNotice")
        self.role_label.setWordWrap(True)
        layout.addWidget(self.role_label)

        layout.addWidget(self._build_devices(), 1)
        layout.addWidget(self._build_project_key())
        layout.addWidget(self._build_backup())

    def _build_devices(self) -> QGroupBox:
        box = QGroupBox(self.tr("Interviewer laptops"))
        box.setObjectName("devicesBox")
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr(
            "A laptop is trusted by the fingerprint words of its key: add it here by its words before its "
            "first bundle arrives, or confirm its words on the Import page. Labels stay in this store. "
            "Revoke a laptop that was lost or seized: its future bundles are refused; what it sent before "
            "stays."))
        hint.setObjectName("devicesHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.table = named(QTableView(), "devicesTable", self.tr("Registered interviewer laptops"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(90)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.announce_button = named(QPushButton(self.tr("&Add a laptop by its words…")), "devicesAnnounce",
                                     self.tr("Trust a laptop by its fingerprint words before its first bundle"))
        self.announce_button.clicked.connect(lambda: self._open_device_dialog(words=True))
        self.label_button = named(QPushButton(self.tr("&Label…")), "devicesLabel",
                                  self.tr("Give the selected laptop a label"))
        self.label_button.clicked.connect(lambda: self._open_device_dialog(words=False))
        self.revoke_button = named(QPushButton(self.tr("&Revoke…")), "devicesRevoke",
                                   self.tr("Revoke the selected laptop"))
        self.revoke_button.clicked.connect(self._on_revoke_clicked)
        row.addWidget(self.announce_button)
        row.addWidget(self.label_button)
        row.addWidget(self.revoke_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.devices_status = QLabel()
        self.devices_status.setObjectName("devicesStatus")
        self.devices_status.setWordWrap(True)
        layout.addWidget(self.devices_status)
        return box

    def _build_project_key(self) -> QGroupBox:
        box = QGroupBox(self.tr("Project key for interviewers"))
        box.setObjectName("projectKeyBox")
        layout = QVBoxLayout(box)
        hint = QLabel(self.tr(
            "Interviewer laptops encrypt their bundles to this project key. Save the file on a stick "
            "for them, then read these words to each interviewer by phone or in person; their laptop "
            "shows the same words when it is enrolled. The file holds public keys only."))
        hint.setObjectName("projectKeyHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.words_label = fingerprint_label("projectKeyWords", self.tr("Fingerprint words of the project key"))
        layout.addWidget(self.words_label)
        row = QHBoxLayout()
        self.save_key_button = named(QPushButton(self.tr("&Save the project key file…")), "projectKeySave",
                                     self.tr("Save the project key file for interviewers"))
        self.save_key_button.clicked.connect(self._on_save_key_clicked)
        row.addWidget(self.save_key_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.key_status = QLabel()
        self.key_status.setObjectName("projectKeyStatus")
        self.key_status.setWordWrap(True)
        self.key_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.key_status)
        return box

    def _build_backup(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decryption key backup"))
        box.setObjectName("backupBox")
        layout = QVBoxLayout(box)
        self.backup_warning = QLabel(self.tr(
            "Warning: the backup file opens every bundle of the project. Anyone who gets it can read "
            "every interview. Write it only to a stick or paper kept offline in a safe place, never to "
            "a laptop that travels. Without it, losing this store means losing every bundle not yet "
            "merged."))
        self.backup_warning.setObjectName("backupWarning")
        self.backup_warning.setWordWrap(True)
        bold = self.backup_warning.font()
        bold.setBold(True)
        self.backup_warning.setFont(bold)
        layout.addWidget(self.backup_warning)
        row = QHBoxLayout()
        self.backup_button = named(QPushButton(self.tr("Back &up the decryption key…")), "backupStart",
                                   self.tr("Back up the project decryption key to a file"))
        self.backup_button.clicked.connect(self._on_backup_clicked)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.backup_status = QLabel()
        self.backup_status.setObjectName("backupStatus")
        self.backup_status.setWordWrap(True)
        self.backup_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_status)
        return box

    # -- content ----------------------------------------------------------------------------
    @property
    def coordinator(self) -> bool:
        return self._session.is_open and self._session.role == "coordinator"

    def refresh(self) -> None:
        if not self.coordinator:
            self._show(_Shown([], ""))
            self.role_label.setText(self.tr(
                "This is an interviewer store: it has no devices or project key of its own.")
                if self._session.is_open else "")
            return
        self.role_label.clear()
        self._executor.submit(_shown, on_done=self._show,
                              on_failed=lambda exc: self.devices_status.setText(error_text(exc)),
                              key="devices.refresh")

    def _show(self, shown: _Shown) -> None:
        self._words = shown.words
        selected = self.selected_device()
        self.model.set_rows(shown.devices)
        if selected is not None:
            self.select_device(selected.device_id or selected.words)
        self.words_label.setText(self._words)
        self.words_label.setVisible(bool(self._words))
        self._update_actions()

    def clear(self) -> None:
        """Forget what is shown (lock): devices, words, messages and an open confirmation."""
        for dialog in (self.confirm_box, self.device_dialog):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self.confirm_box = None
        self.device_dialog = None
        self.model.clear()
        self._words = ""
        self.words_label.clear()
        self.words_label.hide()
        for label in (self.devices_status, self.key_status, self.backup_status, self.role_label):
            label.clear()
        self._update_actions()

    def selected_device(self):
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_device(self, key: str) -> bool:
        """Select the row of a device id (or of an expected laptop's words)."""
        for r in range(self.model.rowCount()):
            row = self.model.row_at(r)
            if (row.device_id or row.words) == key:
                self.table.selectRow(r)
                return True
        return False

    def _update_actions(self) -> None:
        ok = self.coordinator
        device = self.selected_device()
        self.announce_button.setEnabled(ok)
        self.label_button.setEnabled(ok and device is not None and device.state != "expected")
        self.revoke_button.setEnabled(ok and device is not None and device.state != "revoked")
        self.save_key_button.setEnabled(ok)
        self.backup_button.setEnabled(ok)

    # -- announcing and labelling -----------------------------------------------------------
    def _open_device_dialog(self, words: bool) -> None:
        device = self.selected_device()
        if not self.coordinator or (not words and (device is None or device.state == "expected")):
            return
        dialog = DeviceDialog(self, words, "" if words else device.label)
        device_id = "" if words else device.device_id
        dialog.sig_done.connect(lambda typed, label: self._on_device_dialog_done(device_id, typed, label))
        dialog.finished.connect(self._on_device_dialog_finished)
        self.device_dialog = dialog
        dialog.open()

    def _on_device_dialog_finished(self, _result: int) -> None:
        if self.device_dialog is not None:
            self.device_dialog.deleteLater()
            self.device_dialog = None

    def _on_device_dialog_done(self, device_id: str, words: str, label: str) -> None:
        if device_id:
            self.label_device(device_id, label)
        else:
            self.announce(words, label)

    def announce(self, words: str, label: str = "") -> None:
        """Trust the laptop with these fingerprint words when its first bundle arrives."""
        if not self.coordinator:
            return
        self._executor.submit(lambda store: exchange_ops.expect_device(store, words, label), changes=DEVICES,
                              on_done=self._on_announced, on_failed=self._on_device_dialog_failed)

    def _on_announced(self, row: exchange_ops.ExpectedRow) -> None:
        self._close_device_dialog()
        self.devices_status.setText(self.tr(
            "The laptop with the words {0} will be trusted when its first bundle arrives.").format(
                fingerprint_words(row.words)))
        self.refresh()

    def label_device(self, device_id: str, label: str) -> None:
        if not self.coordinator:
            return
        self._executor.submit(lambda store: exchange_ops.label_device(store, device_id, label), changes=DEVICES,
                              on_done=lambda _none: self._on_labelled(device_id),
                              on_failed=self._on_device_dialog_failed)

    def _on_labelled(self, device_id: str) -> None:
        self._close_device_dialog()
        self.devices_status.setText(self.tr("The label of laptop {0} was saved.").format(device_id))
        self.refresh()

    def _on_device_dialog_failed(self, exc: Exception) -> None:
        if self.device_dialog is not None:
            self.device_dialog.show_error(error_text(exc))
        else:
            self.devices_status.setText(error_text(exc))

    def _close_device_dialog(self) -> None:
        if self.device_dialog is not None:
            self.device_dialog.accept()

    # -- revoking ---------------------------------------------------------------------------
    def _on_revoke_clicked(self) -> None:
        device = self.selected_device()
        if device is None or device.state == "revoked" or not self.coordinator:
            return
        if device.state == "expected":
            text = self.tr("Forget the laptop with the fingerprint words {0}? Its bundles will need to be "
                           "trusted again.").format(fingerprint_words(device.words))
        else:
            text = particles(self.tr(
                "Revoke laptop {0} (fingerprint words: {1})? Every bundle it sends from now on is refused. "
                "Interviews it sent before stay in this store. This cannot be undone.").format(
                    device.label or device.device_id, fingerprint_words(device.words)))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Revoke laptop"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmRevoke")
        box.setAccessibleName(self.tr("Confirm revoking the laptop"))
        revoke = box.addButton(self.tr("&Revoke"), QMessageBox.ButtonRole.DestructiveRole)
        named(revoke, "confirmRevokeYes", self.tr("Revoke the laptop"))
        named(box.button(QMessageBox.StandardButton.Cancel), "confirmRevokeNo", self.tr("Keep trusting the laptop"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter must not revoke
        device_id = device.device_id or device.words
        box.buttonClicked.connect(lambda button: self._on_revoke_confirmed(button is revoke, device_id))
        self.confirm_box = box
        box.open()

    def _on_revoke_confirmed(self, confirmed: bool, device_id: str) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.deleteLater()
        if not confirmed or not self.coordinator:
            return
        # An expected laptop is named by its words (with spaces), a registered one by its id.
        undo = exchange_ops.forget_expected_device if " " in device_id else exchange_ops.revoke_device
        self._executor.submit(lambda store: undo(store, device_id), changes=DEVICES,
                              on_done=lambda _none: self._on_revoked(device_id),
                              on_failed=lambda exc: self.devices_status.setText(error_text(exc)))

    def _on_revoked(self, device_id: str) -> None:
        if " " in device_id:
            self.devices_status.setText(self.tr(
                "The laptop with the words {0} is no longer expected.").format(fingerprint_words(device_id)))
        else:
            self.devices_status.setText(particles(self.tr(
                "Laptop {0} is revoked: its future bundles will be refused.").format(device_id)))
        self.refresh()

    # -- project key and backup -------------------------------------------------------------
    def _on_save_key_clicked(self) -> None:
        save_file_dialog(self, self.tr("Save the project key file"), Path.home() / PROJECT_KEY_NAME,
                         self.save_project_key, name_filter=self.tr("Project key files (*.fieldapp-key)"))

    def save_project_key(self, path: Path) -> None:
        """Write the project key file (public keys only, so readable by others: 0644)."""
        if not self.coordinator:
            return
        self._executor.submit(lambda store: exchange_ops.write_project_key_file(store, Path(path)),
                              on_done=lambda written: self.key_status.setText(self.tr(
                                  "Saved the project key file to {0}. Give it to the interviewers and read "
                                  "them the words above.").format(written.path)),
                              on_failed=lambda exc: self.key_status.setText(error_text(exc)))

    def _on_backup_clicked(self) -> None:
        if not self.coordinator:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Back up the decryption key"), self.tr(
            "The file you are about to write opens every bundle of this project. Anyone who gets it "
            "can read every interview. Save it only to a stick kept offline in a safe place."),
            QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmBackup")
        box.setAccessibleName(self.tr("Confirm the key backup"))
        go = box.addButton(self.tr("&Choose where to save it…"), QMessageBox.ButtonRole.AcceptRole)
        named(go, "confirmBackupYes", self.tr("Choose where to save the key backup"))
        named(box.button(QMessageBox.StandardButton.Cancel), "confirmBackupNo", self.tr("Do not back up the key"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self._on_backup_confirmed(button is go))
        self.confirm_box = box
        box.open()

    def _on_backup_confirmed(self, confirmed: bool) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.deleteLater()
        if confirmed and self.coordinator:
            save_file_dialog(self, self.tr("Save the key backup"), Path.home() / "fieldapp-key-backup.txt",
                             self.write_key_backup, confirm_overwrite=False)

    def write_key_backup(self, path: Path) -> None:
        """Write the C_enc identity for safekeeping: 0600, and never over an existing file."""
        if not self.coordinator:
            return
        self._executor.submit(lambda store: exchange_ops.write_key_backup(store, Path(path)),
                              on_done=lambda written: self.backup_status.setText(self.tr(
                                  "Wrote the decryption key backup to {0} (readable by you only). Move it "
                                  "offline now: `age -d -i` with this file opens any bundle of the "
                                  "project.").format(written)),
                              on_failed=lambda exc: self.backup_status.setText(error_text(exc)))
