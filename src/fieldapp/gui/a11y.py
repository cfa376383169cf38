"""Naming widgets for assistive technology and tests, and the shared non-blocking file pickers.

Every interactive widget gets an ``objectName`` (stable, for tests and screen-reader
scripting) and an accessible name (translated, what a screen reader says).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, object_name: str, accessible_name: str, description: str = "") -> W:
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if description:
        widget.setAccessibleDescription(description)
    return widget


def open_file_dialog(
    parent: QWidget,
    title: str,
    start: Path,
    on_chosen: Callable[[Path], None],
    directory: bool = False,
    name_filter: str = "",
) -> QFileDialog:
    """Show a file or folder picker without a nested event loop (CONVENTIONS: no exec()).

    The dialog is kept on ``parent`` so it is not garbage collected while shown.
    """
    dialog = QFileDialog(parent, title, str(start))
    dialog.setObjectName("fileDialog")
    if directory:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if name_filter:
            dialog.setNameFilter(name_filter)
    dialog.fileSelected.connect(lambda chosen: chosen and on_chosen(Path(chosen)))
    dialog.finished.connect(dialog.deleteLater)
    parent._file_dialog = dialog  # noqa: SLF001 - keep a reference while it is open
    dialog.open()
    return dialog
