"""Widgets every page shares: titles, the header with its way back, scroll bodies, fingerprint
words, and the non-blocking file pickers (CONVENTIONS: no nested ``exec()``).

Strings arrive translated by the calling page (its own translation context); the fingerprint
view has its own few (context FingerprintView).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named, open_file_dialog
from fieldapp.ops import exchange as exchange_ops

__all__ = ["FingerprintView", "fingerprint_label", "open_file_dialog", "open_files_dialog", "page_header", "page_title",
           "save_file_dialog", "scrolled", "scrolled_body"]


def page_title(text: str, object_name: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName(object_name)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    title.setFont(font)
    title.setWordWrap(True)
    return title


def page_header(title: str, prefix: str, back_text: str, back_accessible: str) -> tuple[QHBoxLayout, QPushButton]:
    """The title row of a page: a large title and the way back to the interviews."""
    top = QHBoxLayout()
    top.addWidget(page_title(title, f"{prefix}Title"), 1)
    back = named(QPushButton(back_text), f"{prefix}Back", back_accessible)
    top.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
    return top, back


def scrolled(content: QWidget, object_name: str) -> QScrollArea:
    """``content`` in a scroll area: usable at 960x540 logical pixels (200% scaling)."""
    area = QScrollArea()
    area.setObjectName(object_name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def scrolled_body(page: QWidget, prefix: str) -> QVBoxLayout:
    """The page's layout inside a scroll area."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    body = QWidget()
    body.setObjectName(f"{prefix}Body")
    layout = QVBoxLayout(body)
    outer.addWidget(scrolled(body, f"{prefix}Scroll"))
    return layout


class FingerprintView(QFrame):
    """Fingerprint words, large and selectable: read out over a bad phone line, word by word.

    Both forms of the one fingerprint are shown on every machine (decision 0019): the
    interface language's large (the EFF words in English, the BIP-39 Korean words in Korean),
    the other beside it, so a Korean laptop and an English coordinator still read the same
    words. ``setText`` takes the EFF words, ``words`` gives them back; ``text`` is what the
    large line shows.
    """

    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._words = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.primary = self._label(f"{object_name}Primary", accessible_name)
        self.secondary = self._label(f"{object_name}Other", self.tr("The same fingerprint in the other language"))
        font = QFont(self.primary.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        # Set on the label itself (the app gives labels their own font, which a parent's
        # font does not override) and on the view, whose font() callers read.
        self.primary.setFont(font)
        self.setFont(font)
        self.secondary.setFont(QFont(self.secondary.font()))
        layout.addWidget(self.primary)
        layout.addWidget(self.secondary)

    @staticmethod
    def _label(object_name: str, accessible_name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(object_name)
        label.setAccessibleName(accessible_name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def setText(self, words: str) -> None:  # noqa: N802 - as QLabel's, which this replaced
        english, korean = exchange_ops.fingerprint_forms(words)
        self._words = english
        if not english:
            self.primary.clear()
            self.secondary.clear()
            return
        if QLocale().language() == QLocale.Language.Korean and korean:
            self.primary.setText(korean)
            self.secondary.setText(self.tr("The same in English words: {0}").format(english))
        else:
            self.primary.setText(english)
            self.secondary.setText(self.tr("The same in Korean words: {0}").format(korean) if korean else "")
        self.secondary.setVisible(bool(self.secondary.text()))

    def text(self) -> str:
        return self.primary.text()

    def words(self) -> str:
        """The EFF words shown (the form the store and the command line compare)."""
        return self._words

    def clear(self) -> None:
        self.setText("")


def fingerprint_label(object_name: str, accessible_name: str) -> FingerprintView:
    """A ``FingerprintView``: the name pages have used since it was a plain label."""
    return FingerprintView(object_name, accessible_name)


def _keep(parent: QWidget, dialog: QFileDialog) -> QFileDialog:
    dialog.finished.connect(dialog.deleteLater)
    parent._file_dialog = dialog  # noqa: SLF001 - keep a reference while it is open
    dialog.open()
    return dialog


def save_file_dialog(parent: QWidget, title: str, start: Path, on_chosen: Callable[[Path], None],
                     name_filter: str = "", suffix: str = "", confirm_overwrite: bool = True) -> QFileDialog:
    """A "save as" picker starting at ``start`` (a proposed file); Qt asks before overwriting
    unless ``confirm_overwrite`` is False (the writer then refuses an existing file itself)."""
    dialog = QFileDialog(parent, title, str(start.parent))
    dialog.setObjectName("saveFileDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, not confirm_overwrite)
    if name_filter:
        dialog.setNameFilter(name_filter)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.selectFile(start.name)
    dialog.fileSelected.connect(lambda chosen: chosen and on_chosen(Path(chosen)))
    return _keep(parent, dialog)


def open_files_dialog(parent: QWidget, title: str, start: Path, name_filter: str,
                      on_chosen: Callable[[list[Path]], None]) -> QFileDialog:
    """A picker for several existing files (bundles from a stick)."""
    dialog = QFileDialog(parent, title, str(start))
    dialog.setObjectName("filesDialog")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setNameFilter(name_filter)
    dialog.filesSelected.connect(lambda chosen: chosen and on_chosen([Path(c) for c in chosen]))
    return _keep(parent, dialog)
