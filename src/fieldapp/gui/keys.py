"""Keys that must work everywhere, also while a window-modal dialog is open.

A ``QAction`` shortcut of the main window, even with ``Qt.ApplicationShortcut``, is dead while a
dialog opened with ``open()`` blocks the window (Qt's modal check), so "choose a form for a new
interview", a file picker or a confirmation would keep F12 (hide) and Ctrl+L (lock) from
working. This filter sees every key press of the application: the two keys act at once; every
other key goes on as usual. When no dialog blocks the window the action's own shortcut takes
the key first, and the filter never sees it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent


class GlobalKeys(QObject):
    sig_hide = Signal()
    sig_lock = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() == Qt.Key.Key_F12 and mods == Qt.KeyboardModifier.NoModifier:
            self.sig_hide.emit()
            return True
        if event.key() == Qt.Key.Key_L and mods == Qt.KeyboardModifier.ControlModifier:
            self.sig_lock.emit()
            return True
        return False
