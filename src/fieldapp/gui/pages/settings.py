"""Settings page: interface language (applied at the next start), idle minutes before auto-lock,
and the emergency wipe of the open store.

The wipe asks for a typed word (SECURITY.md: "with confirmation; never automatic"): no
countdown and no timer, so nothing happens unless the user types it and presses the button,
and nothing stops them once they have. The page only confirms; the main window closes the
store (keys dropped) and crypto-erases it with ``fieldapp.store.wipe.wipe_store``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import prefs as prefs_file
from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.prefs import IDLE_MINUTES_RANGE, Prefs

# The word typed to confirm a wipe in every language (the CLI's word), besides the translation:
# a user in a hurry may not have the Korean input method switched on.
WIPE_WORD = "WIPE"


class WipeDialog(QDialog):
    """Confirmation of the emergency wipe: the button works only once the word is typed."""

    sig_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wipeDialog")
        self.setWindowTitle(self.tr("Emergency wipe"))
        self.setAccessibleName(self.tr("Confirm the emergency wipe"))
        #: The translated word (Korean: 파기, "destroy"; not 삭제, which deletes a draft); English
        #: WIPE is accepted too.
        self.word = self.tr("WIPE")
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "This destroys the store on this laptop for ever: every draft, every interview not yet "
            "exported and the keys. Nobody, including the coordinator, can bring them back.\n\n"
            "Type {0} and press Wipe to continue.").format(self.word))
        text.setObjectName("wipeExplanation")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.word_edit = named(QLineEdit(), "wipeWord",
                               self.tr("Type {0} to confirm the wipe").format(self.word))
        self.word_edit.setPlaceholderText(self.word)
        self.word_edit.textChanged.connect(self._on_word_edit_text_changed)
        layout.addWidget(self.word_edit)
        self.buttons = QDialogButtonBox(self)
        self.wipe_button = named(self.buttons.addButton(self.tr("&Wipe for ever"),
                                                        QDialogButtonBox.ButtonRole.DestructiveRole),
                                 "wipeConfirm", self.tr("Wipe the store for ever"))
        self.cancel_button = named(self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel),
                                   "wipeCancel", self.tr("Keep the store"))
        # Enter in the text box must not wipe: only a click or Space on the button does.
        self.wipe_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.wipe_button.setEnabled(False)
        self.wipe_button.clicked.connect(self._on_wipe_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def matches(self, text: str) -> bool:
        typed = text.strip()
        return typed == self.word or typed.upper() == WIPE_WORD

    def _on_word_edit_text_changed(self, text: str) -> None:
        self.wipe_button.setEnabled(self.matches(text))

    def _on_wipe_button_clicked(self) -> None:
        if not self.matches(self.word_edit.text()):
            return
        self.accept()
        self.sig_confirmed.emit()


class SettingsPage(QWidget):
    """Edits a copy of the settings; ``sig_saved(Prefs)`` after they were written.

    ``sig_wipe_confirmed`` after the user typed the word in the wipe dialog.
    """

    sig_saved = Signal(object)
    sig_home_requested = Signal()
    sig_wipe_confirmed = Signal()

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self.wipe_dialog: WipeDialog | None = None
        self._build()
        self.load(prefs)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Settings"))
        title.setObjectName("settingsTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)

        form = QFormLayout()
        self.language_combo = named(QComboBox(), "settingsLanguage", self.tr("Interface language"))
        self.language_combo.addItem(self.tr("Same as the system"), "system")
        self.language_combo.addItem("English", "en")  # language names in their own language
        self.language_combo.addItem("한국어", "ko")
        label = QLabel(self.tr("Interface &language:"))
        label.setBuddy(self.language_combo)
        form.addRow(label, self.language_combo)
        note = QLabel(self.tr("A new language applies when fieldapp starts again. The language of "
                              "each interview is chosen when it starts and can change during it."))
        note.setWordWrap(True)
        form.addRow(note)

        self.idle_spin = named(QSpinBox(), "settingsIdleMinutes",
                               self.tr("Minutes without use before fieldapp locks itself"))
        self.idle_spin.setRange(*IDLE_MINUTES_RANGE)
        self.idle_spin.setSuffix(self.tr(" min"))
        label = QLabel(self.tr("Lock after &idle:"))
        label.setBuddy(self.idle_spin)
        form.addRow(label, self.idle_spin)
        layout.addLayout(form)

        self.status_label = QLabel()
        self.status_label.setObjectName("settingsStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)

        row = QHBoxLayout()
        self.save_button = named(QPushButton(self.tr("&Save settings")), "settingsSave",
                                 self.tr("Save the settings"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.back_button = named(QPushButton(self.tr("&Back to interviews")), "settingsBack",
                                 self.tr("Back to the interview list"))
        self.back_button.clicked.connect(self.sig_home_requested)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        layout.addWidget(self._build_wipe())
        layout.addStretch(1)

    def _build_wipe(self) -> QGroupBox:
        box = QGroupBox(self.tr("Emergency"))
        box.setObjectName("settingsEmergency")
        inner = QVBoxLayout(box)
        note = QLabel(self.tr(
            "If this laptop is about to be taken, wipe the store: its key is destroyed at once, so "
            "nothing in it can ever be opened again. Export finalized interviews first if you can."))
        note.setWordWrap(True)
        inner.addWidget(note)
        self.wipe_button = named(QPushButton(self.tr("Emergency &wipe…")), "settingsWipe",
                                 self.tr("Wipe this store for ever"))
        self.wipe_button.clicked.connect(self._on_wipe_button_clicked)
        inner.addWidget(self.wipe_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _on_wipe_button_clicked(self) -> None:
        self.close_wipe_dialog()
        dialog = WipeDialog(self)
        dialog.sig_confirmed.connect(self.sig_wipe_confirmed)
        dialog.finished.connect(lambda _result: self.close_wipe_dialog())
        self.wipe_dialog = dialog
        dialog.open()  # window-modal, no nested event loop
        dialog.word_edit.setFocus()

    def close_wipe_dialog(self) -> None:
        dialog, self.wipe_dialog = self.wipe_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def load(self, prefs: Prefs) -> None:
        self._prefs = prefs
        index = self.language_combo.findData(prefs.language)
        self.language_combo.setCurrentIndex(max(0, index))
        self.idle_spin.setValue(prefs.idle_minutes)
        self.status_label.clear()
        self.close_wipe_dialog()  # a lock must not leave the confirmation open

    def _on_save_clicked(self) -> None:
        prefs = Prefs(language=self.language_combo.currentData(), idle_minutes=self.idle_spin.value(),
                      last_store=self._prefs.last_store)
        try:
            prefs_file.save(prefs)
        except OSError as exc:
            self.status_label.setText(self.tr("The settings could not be saved: {0}").format(error_text(exc)))
            return
        language_changed = prefs.language != self._prefs.language
        self._prefs = prefs
        self.status_label.setText(
            self.tr("Saved. The new language applies when fieldapp starts again.")
            if language_changed else self.tr("Saved."))
        self.sig_saved.emit(prefs)
