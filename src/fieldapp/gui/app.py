"""Starting the desktop app: QApplication, language, fonts, the exception hook, the main window.

``run(store_path)`` is what ``fieldapp`` and ``fieldapp gui [STORE]`` call. One
``sys.excepthook`` catches whatever escapes a slot: a ``UserFacingError`` is shown as its
sentence; anything else is a bug, shown with a "Copy details" button. Details name the
exception type and the code locations only: exception messages of foreign code can quote
data (an answer that failed to parse), so they are left out. Nothing is uploaded.
"""

from __future__ import annotations

import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError, UserFacingError
from fieldapp.gui import i18n, theme
from fieldapp.gui import prefs as prefs_file
from fieldapp.gui.a11y import named


def error_details(etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """A bug report without data: versions, the exception type, the stack of code locations."""
    from fieldapp import __version__

    lines = [
        f"fieldapp {__version__}, Python {platform.python_version()}, Qt {qVersion()}, "
        f"{platform.system()} {platform.release()}",
        "",
        "Traceback (most recent call last):",
    ]
    lines += [line.rstrip("\n") for line in traceback.format_list(traceback.extract_tb(tb))]
    name = f"{etype.__module__}.{etype.__qualname__}"
    # Our own exceptions' messages are written to be shown; foreign ones may quote data.
    lines.append(f"{name}: {value}" if isinstance(value, FieldAppError) else
                 f"{name} (message withheld: it may contain answers)")
    return "\n".join(lines)


class ErrorDialog(QDialog):
    """An unexpected error: a plain sentence, the details, and a button copying them."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(self.tr("fieldapp: unexpected error"))
        self.setAccessibleName(self.tr("Unexpected error"))
        self.details = details
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "Something went wrong inside fieldapp. Your saved answers are safe in the encrypted "
            "store. If this happens again, copy the details below and send them to your "
            "coordinator; they contain no answers, and nothing is sent automatically."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.details_edit = named(QPlainTextEdit(details), "errorDetails", self.tr("Error details"))
        self.details_edit.setReadOnly(True)
        layout.addWidget(self.details_edit, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("errorButtons")
        self.copy_button = named(QPushButton(self.tr("&Copy details")), "errorCopy",
                                 self.tr("Copy the error details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "errorClose", self.tr("Close"))
        self.copy_button.clicked.connect(self._on_copy_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _on_copy_clicked(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


class ExceptionHook(QObject):
    """Shows uncaught exceptions without a nested event loop; keeps dialogs alive while shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialogs: list[QDialog] = []
        self._previous = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.hook

    def uninstall(self) -> None:
        if sys.excepthook == self.hook and self._previous is not None:
            sys.excepthook = self._previous

    def hook(self, etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            QApplication.quit()
            return
        parent = QApplication.activeWindow()
        if isinstance(value, UserFacingError):
            from fieldapp.gui.errors import error_text

            box = QMessageBox(QMessageBox.Icon.Warning, "fieldapp", error_text(value),
                              QMessageBox.StandardButton.Ok, parent)
            box.setObjectName("userErrorBox")
            box.setAccessibleName(self.tr("Problem"))
            named(box.button(QMessageBox.StandardButton.Ok), "userErrorOk", self.tr("OK"))
            dialog: QDialog = box
        else:
            details = error_details(etype, value, tb)
            print(details, file=sys.stderr)  # no data in it (see error_details)
            dialog = ErrorDialog(details, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.open()


#: Where Qt would keep its own settings: a path that can never exist (a folder under a device
#: file), so nothing Qt saves by itself reaches the disk.
NO_QT_SETTINGS = "/dev/null/fieldapp-keeps-no-qt-settings" if sys.platform != "win32" else "NUL:\\fieldapp"


def keep_no_qt_settings() -> None:
    """Qt's file dialog saves its history (the folders visited: ``QtProject.conf``, or the
    registry on Windows) when it is destroyed, and that cannot be switched off (issue #17).
    fieldapp keeps its own settings in JSON (fieldapp.settings) and uses no QSettings, so every
    QSettings location of the user scope is pointed where nothing can be written."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, NO_QT_SETTINGS)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # not the Windows registry


def create_app(argv: list[str] | None = None) -> QApplication:
    keep_no_qt_settings()
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("fieldapp")
    app.setApplicationDisplayName("fieldapp")
    return app


def start(store_path: Path | None = None, language: str | None = None, force_bundled_font: bool = False):
    """Set up the application and build (not show) the main window; returns (app, window)."""
    from fieldapp.gui.main_window import MainWindow

    app = create_app()
    prefs = prefs_file.load()
    lang = apply_appearance(app, prefs, language, force_bundled_font)
    window = MainWindow(prefs, lang, store_path)
    return app, window


def apply_appearance(app: QApplication, prefs, language: str | None = None,
                     force_bundled_font: bool | None = None) -> str:
    """Install the translators of the interface language and the fonts of the text size;
    returns the language. Called at start and whenever the settings change them."""
    lang = language or i18n.resolve_language(prefs.language)
    # A second call in one process (a new setting, tests, screenshots) replaces the earlier one.
    i18n.remove_translators(app, getattr(app, "_fieldapp_translators", []))
    app._fieldapp_translators = i18n.install_translators(app, lang)  # noqa: SLF001 - keep alive
    if force_bundled_font is None:
        force_bundled_font = getattr(app, "_fieldapp_forced_font", False)
    app._fieldapp_forced_font = force_bundled_font  # noqa: SLF001
    theme.apply_fonts(app, force_bundled=force_bundled_font, scale=prefs.text_scale / 100)
    theme.apply_style(app)
    return lang


def run(store_path: Path | None = None) -> int:
    """Open the desktop app (optionally at the unlock screen of ``store_path``); exit status."""
    app, window = start(Path(store_path) if store_path else None)
    hook = ExceptionHook(app)
    hook.install()
    # A comfortable first size: 1280x800, or 90% of a smaller screen (1366x768 laptops).
    screen = app.primaryScreen()
    if screen is not None:
        avail = screen.availableGeometry()
        window.resize(min(1280, int(avail.width() * 0.9)), min(800, int(avail.height() * 0.9)))
    window.show()
    try:
        return app.exec()
    finally:
        hook.uninstall()
