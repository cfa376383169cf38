"""Settings page: interface language and text size (both applied at once), idle minutes before
auto-lock, and the emergency wipe of the open store.

The wipe is a deliberate act (SECURITY.md: "with confirmation; never automatic") that needs no
typing in any script: the user presses and holds the button for ``HOLD_SECONDS`` while it counts
down, as Tella does (issue #15: typing a Hangul word needs an input-method switch in an
emergency). Letting go before the end cancels; Enter or a click does nothing. The page only
confirms; the main window closes the store (keys dropped) and crypto-erases it
(``ops.stores.wipe_store``). F12 (Hide) is the quick, harmless alternative: lock and hide.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui import prefs as prefs_file
from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.prefs import IDLE_MINUTES_RANGE, TEXT_SCALES, Prefs

#: How long the wipe button must be held down.
HOLD_SECONDS = 3
_TICK_MS = 100


class HoldButton(QPushButton):
    """A button that acts only after being held down (mouse, or Space) for ``seconds``.

    ``sig_held`` once the time is up; letting go earlier resets it. A click (or Enter) is not a
    hold and does nothing. A let-go counts only if no new press follows within ``GRACE_MS``: a
    key held on an X server without detectable auto-repeat arrives as release/press pairs.
    """

    sig_held = Signal()
    #: (tenths of a second held, tenths needed): for the countdown on screen.
    sig_progress = Signal(int, int)
    GRACE_MS = 200

    def __init__(self, text: str, seconds: int = HOLD_SECONDS, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._needed = seconds * 1000 // _TICK_MS
        self._held = 0
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._on_tick)
        self._let_go = QTimer(self)
        self._let_go.setSingleShot(True)
        self._let_go.setInterval(self.GRACE_MS)
        self._let_go.timeout.connect(self._on_let_go)
        self.pressed.connect(self._on_pressed)
        self.released.connect(self._let_go.start)

    @property
    def holding(self) -> bool:
        return self._timer.isActive()

    def _on_pressed(self) -> None:
        self._let_go.stop()
        if self._timer.isActive():
            return  # the same hold, a key's auto-repeat
        self._held = 0
        self._timer.start()
        self.sig_progress.emit(0, self._needed)

    def _on_let_go(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._held = 0
            self.sig_progress.emit(0, self._needed)

    def _on_tick(self) -> None:
        self._held += 1
        self.sig_progress.emit(self._held, self._needed)
        if self._held >= self._needed:
            self._timer.stop()
            self._let_go.stop()
            self.setDown(False)
            self.sig_held.emit()


class WipeDialog(QDialog):
    """Confirmation of the emergency wipe: press and hold Wipe for ``HOLD_SECONDS``."""

    sig_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wipeDialog")
        self.setWindowTitle(self.tr("Emergency wipe"))
        self.setAccessibleName(self.tr("Confirm the emergency wipe"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "This destroys the store on this laptop for ever: every draft, every interview not yet "
            "exported and the keys. Nobody, including the coordinator, can bring them back.\n\n"
            "To wipe, press and hold the button below (or hold Space on it) for %n second(s). "
            "Let go to stop.", "", HOLD_SECONDS))
        text.setObjectName("wipeExplanation")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.wipe_button = named(HoldButton(self.tr("Press and &hold to wipe for ever")), "wipeConfirm",
                                 self.tr("Press and hold to wipe the store for ever"))
        self.wipe_button.setAutoDefault(False)  # Enter never wipes
        self.wipe_button.setMinimumHeight(self.wipe_button.sizeHint().height() * 2)
        self.wipe_button.setStyleSheet("QPushButton { color: #b00020; font-weight: bold; }")
        self.wipe_button.sig_progress.connect(self._on_hold_progress)
        self.wipe_button.sig_held.connect(self._on_held)
        layout.addWidget(self.wipe_button)
        self.countdown = QProgressBar()
        self.countdown.setObjectName("wipeCountdown")
        self.countdown.setAccessibleName(self.tr("Time left before the wipe"))
        self.countdown.setTextVisible(True)
        self.countdown.setFormat("")
        self.countdown.setRange(0, HOLD_SECONDS * 1000 // _TICK_MS)
        self.countdown.setValue(0)
        # Shown while the button is held; its room is kept, so nothing moves under the hand.
        policy = self.countdown.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.countdown.setSizePolicy(policy)
        self.countdown.hide()
        layout.addWidget(self.countdown)
        self.buttons = QDialogButtonBox(self)
        self.cancel_button = named(self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel),
                                   "wipeCancel", self.tr("Keep the store"))
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def _on_hold_progress(self, held: int, needed: int) -> None:
        self.countdown.setValue(held)
        self.countdown.setVisible(held > 0)
        left = (needed - held + 9) // 10  # whole seconds still to hold
        self.countdown.setFormat(self.tr("Keep holding: %n second(s)", "", left) if held else "")

    def _on_held(self) -> None:
        self.accept()
        self.sig_confirmed.emit()


class SettingsPage(QWidget):
    """Edits a copy of the settings; ``sig_saved(Prefs)`` after they were written.

    ``sig_wipe_confirmed`` after the user held the wipe button down to the end. The main window
    applies a new language or text size at once (it rebuilds its pages).
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
        note = QLabel(self.tr("The language of each interview is chosen when it starts and can "
                              "change during it."))
        note.setWordWrap(True)
        form.addRow(note)
        self.text_size_combo = named(QComboBox(), "settingsTextSize", self.tr("Text size"))
        for scale in TEXT_SCALES:
            self.text_size_combo.addItem(self.tr("{0}%").format(scale), scale)
        label = QLabel(self.tr("Text si&ze:"))
        label.setBuddy(self.text_size_combo)
        form.addRow(label, self.text_size_combo)

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
            "To hide fieldapp at once without losing anything, press F12: it locks and leaves the "
            "screen. If this laptop is about to be taken, wipe the store: its key is destroyed, so "
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
        dialog.wipe_button.setFocus()

    def close_wipe_dialog(self) -> None:
        dialog, self.wipe_dialog = self.wipe_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()

    def load(self, prefs: Prefs) -> None:
        self._prefs = prefs
        index = self.language_combo.findData(prefs.language)
        self.language_combo.setCurrentIndex(max(0, index))
        self.text_size_combo.setCurrentIndex(max(0, self.text_size_combo.findData(prefs.text_scale)))
        self.idle_spin.setValue(prefs.idle_minutes)
        self.status_label.clear()
        self.close_wipe_dialog()  # a lock must not leave the confirmation open

    def _on_save_clicked(self) -> None:
        prefs = replace(self._prefs, language=self.language_combo.currentData(),
                        idle_minutes=self.idle_spin.value(), text_scale=self.text_size_combo.currentData())
        try:
            prefs_file.save(prefs)
        except OSError as exc:
            self.status_label.setText(self.tr("The settings could not be saved: {0}").format(error_text(exc)))
            return
        self._prefs = prefs
        self.status_label.setText(self.tr("Saved."))
        self.sig_saved.emit(prefs)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
