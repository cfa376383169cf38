"""The one error presenter of the desktop app: what a user reads when an operation fails.

``error_text(exc)`` turns an error raised on purpose (a coded ``UserFacingError`` or
``Cancelled``) into a sentence in the interface language, and an ``OSError`` into a plain
sentence about the file; anything else is a bug and goes to the application's exception hook
(``report_unexpected``: a dialog with copyable details that hold no data). A few codes have a
fuller sentence in the GUI than on the command line (what to check on the keyboard, where to
go next); those are here, so no page has its own "catch this, show that" ladder.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from fieldapp.errors import Cancelled, UserFacingError
from fieldapp.gui.messages import present
from fieldapp.messages import Message, text


def _gui_sentence(code: str) -> str | None:
    """The GUI's own sentence for a code, where it says more than the core's."""
    if code == "store.wrong_passphrase":
        return QCoreApplication.translate(
            "Errors", "That passphrase is wrong for this store. Check the keyboard layout and Caps "
            "Lock, then try again; nothing was changed.")
    if code == "store.in_use":
        return QCoreApplication.translate(
            "Errors", "This store is open in another fieldapp window or command. Close it there, "
            "then try again.")
    return None


def error_text(exc: BaseException) -> str:
    """The sentence for ``exc``; a bug is also reported to the exception hook (a details dialog)."""
    if isinstance(exc, UserFacingError):
        return _gui_sentence(exc.message.code) or present(exc.message)
    if isinstance(exc, Cancelled):
        return present(exc.message)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Errors", "A file could not be read or written: {0}.").format(
            exc.strerror or type(exc).__name__)
    report_unexpected(exc)
    return QCoreApplication.translate(
        "Errors", "Something went wrong inside fieldapp; the details are in the error window. "
        "Saved answers are safe.")


def error_message(exc: BaseException) -> Message:
    """``exc`` as a message to keep (a bundle's refusal in its row): its code, or the sentence."""
    if isinstance(exc, UserFacingError | Cancelled):
        return exc.message
    return text(error_text(exc))


def show_error(label: QLabel, exc: BaseException) -> None:
    """Put the sentence for ``exc`` on ``label`` (and show it)."""
    label.setText(error_text(exc))
    label.setVisible(True)


def report_unexpected(exc: BaseException) -> None:
    """Hand a bug to the exception hook (``gui.app.ExceptionHook``: details without data)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)
