"""Settings page: interface language (applied at the next start) and idle minutes before auto-lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import prefs as prefs_file
from fieldapp.gui.a11y import named
from fieldapp.gui.prefs import IDLE_MINUTES_RANGE, Prefs


class SettingsPage(QWidget):
    """Edits a copy of the settings; ``sig_saved(Prefs)`` after they were written."""

    sig_saved = Signal(object)
    sig_home_requested = Signal()

    def __init__(self, prefs: Prefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
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
        layout.addStretch(1)

    def load(self, prefs: Prefs) -> None:
        self._prefs = prefs
        index = self.language_combo.findData(prefs.language)
        self.language_combo.setCurrentIndex(max(0, index))
        self.idle_spin.setValue(prefs.idle_minutes)
        self.status_label.clear()

    def _on_save_clicked(self) -> None:
        prefs = Prefs(language=self.language_combo.currentData(), idle_minutes=self.idle_spin.value(),
                      last_store=self._prefs.last_store)
        try:
            prefs_file.save(prefs)
        except OSError as exc:
            self.status_label.setText(self.tr("The settings could not be saved: {0}").format(
                exc.strerror or type(exc).__name__))
            return
        language_changed = prefs.language != self._prefs.language
        self._prefs = prefs
        self.status_label.setText(
            self.tr("Saved. The new language applies when fieldapp starts again.")
            if language_changed else self.tr("Saved."))
        self.sig_saved.emit(prefs)
