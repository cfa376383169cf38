"""Unlock page: the passphrase for a known store folder, checked by Argon2id in a worker.

Unlocking takes about 0.7 s by design (each guess must be expensive), so it runs in a job
with a busy indicator and the window stays responsive. A wrong passphrase or a store held
by another window is reported inline, in the sentence the core chose.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import show_error
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.jobs import BusyDelay
from fieldapp.ops import stores as store_ops


class UnlockPage(QWidget):
    """Emits ``sig_unlocked(Store)`` or ``sig_other_store_requested()``."""

    sig_unlocked = Signal(object)
    sig_other_store_requested = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._folder: Path | None = None
        self._busy = BusyDelay(self._show_busy, self)
        self._build()
        self.reset()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        panel = QWidget()
        panel.setMaximumWidth(560)
        layout = QVBoxLayout(panel)

        self.title = QLabel(self.tr("fieldapp is locked"))
        self.title.setObjectName("unlockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.notice_label = QLabel()
        self.notice_label.setObjectName("unlockNotice")
        self.notice_label.setWordWrap(True)
        layout.addWidget(self.notice_label)

        self.folder_label = QLabel()
        self.folder_label.setObjectName("unlockFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder_label)

        prompt = QLabel(self.tr("&Passphrase:"))
        layout.addWidget(prompt)
        row = QHBoxLayout()
        self.passphrase_edit = named(QLineEdit(), "unlockPassphrase", self.tr("Passphrase"))
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.returnPressed.connect(self._on_unlock_clicked)
        self.passphrase_edit.textChanged.connect(self._on_passphrase_changed)
        prompt.setBuddy(self.passphrase_edit)
        self.unlock_button = named(QPushButton(self.tr("&Unlock")), "unlockButton",
                                   self.tr("Unlock the store"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        row.addWidget(self.passphrase_edit, 1)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("unlockBusy")
        self.busy_bar.setAccessibleName(self.tr("Unlocking"))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFormat(self.tr("Unlocking…"))
        layout.addWidget(self.busy_bar)

        self.error_label = QLabel()
        self.error_label.setObjectName("unlockError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setAccessibleName(self.tr("Unlock problem"))
        layout.addWidget(self.error_label)

        self.other_button = named(QPushButton(self.tr("Use a &different store…")), "otherStore",
                                  self.tr("Create or open a different store"))
        self.other_button.clicked.connect(self.sig_other_store_requested)
        row = QHBoxLayout()
        row.addWidget(self.other_button)
        row.addStretch(1)
        layout.addLayout(row)

        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(panel, 3)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

    # -- state ------------------------------------------------------------------------------
    @property
    def folder(self) -> Path | None:
        return self._folder

    def set_folder(self, folder: Path) -> None:
        self._folder = Path(folder)
        self.folder_label.setText(self.tr("Store: {0}").format(self._folder))

    def set_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def reset(self) -> None:
        """Empty passphrase and messages (called on every lock)."""
        self.passphrase_edit.clear()
        self.error_label.clear()
        self.busy_bar.hide()
        self.passphrase_edit.setEnabled(True)
        self.other_button.setEnabled(True)
        self._on_passphrase_changed()
        self.set_notice("")

    def focus_passphrase(self) -> None:
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_busy(self, shown: bool) -> None:
        self.busy_bar.setVisible(shown)

    def _on_passphrase_changed(self, _text: str = "") -> None:
        self.unlock_button.setEnabled(bool(self.passphrase_edit.text()) and self.passphrase_edit.isEnabled())

    # -- unlocking --------------------------------------------------------------------------
    def _on_unlock_clicked(self) -> None:
        passphrase = self.passphrase_edit.text()
        if not passphrase or self._folder is None or not self.passphrase_edit.isEnabled():
            return
        folder = self._folder
        self.error_label.clear()
        self.passphrase_edit.setEnabled(False)
        self.other_button.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self._busy.begin()
        # On the executor: behind the closing of the store that was just locked, if any.
        self._executor.submit(lambda: store_ops.open_store(folder, passphrase), needs_store=False,
                              on_done=self._on_open_done, on_failed=self._on_open_failed, key="unlock")

    def _on_open_done(self, store) -> None:
        self._busy.end()
        self.reset()
        self.sig_unlocked.emit(store)

    def _on_open_failed(self, exc: Exception) -> None:
        self._busy.end()
        self.passphrase_edit.setEnabled(True)
        self.other_button.setEnabled(True)
        show_error(self.error_label, exc)
        self.passphrase_edit.selectAll()
        self._on_passphrase_changed()
        self.focus_passphrase()
