"""A respondent's media answers on the read-only view of an interview (issue #16, coordinator).

Opened from the records (the review page in ``read_only`` mode): every media answer of the
interview is a row with its question, kind and size; audio has Play/Stop, an image its
thumbnail and View (the whole image in a window). Everything is decoded in memory from the
store (``ops.media.read_media``, ``ops.recorder.pcm16``): no decrypted byte is written to a
file. Video and other files are listed; ``fieldapp data --media`` writes them out where a
coordinator decides to. Hiding the view or locking stops playback and drops the images.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.widgets.media import THUMBNAIL, Speaker, _mmss
from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as ops_recorder

#: Images above this are listed but not decoded for a thumbnail (memory).
MAX_SHOWN_IMAGE = 32 * 1024 * 1024


def _safe_name(key: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in key)


class MediaAnswers(QWidget):
    """The media answers of one interview, played or viewed in memory."""

    #: Plays decoded PCM (tests put a recorder of what was played in its place).
    speaker_factory = Speaker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("media_answers")
        self._store = None
        self._interview_id = ""
        self._language = ""
        self._speaker = None
        self._playing: str | None = None
        self._rows: list = []
        self.buttons: dict[str, QPushButton] = {}
        self.thumbnails: dict[str, QLabel] = {}
        self.viewer: QDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self._heading = QLabel(self)
        self._heading.setObjectName("media_answers_heading")
        font = self._heading.font()
        font.setBold(True)
        self._heading.setFont(font)
        layout.addWidget(self._heading)
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._grid_host)
        self.hide()

    # -- public ------------------------------------------------------------------------------
    def bind(self, store, interview_id: str, language: str) -> None:
        """Show the media of ``interview_id`` (hidden when it has none)."""
        self.clear()
        self._store, self._interview_id, self._language = store, interview_id, language
        self._rows = [r for r in ops_media.list_media(store, interview_id) if r.complete]
        for n, row in enumerate(self._rows):
            self._add_row(n, row)
        self._retranslate()
        self.setVisible(bool(self._rows))

    def clear(self) -> None:
        """Stop playing, drop every decoded image and the store."""
        self._stop()
        if self.viewer is not None:
            self.viewer.close()
            self.viewer = None
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons, self.thumbnails, self._rows = {}, {}, []
        self._store = None
        self.hide()

    def first_button(self) -> QPushButton | None:
        return next(iter(self.buttons.values()), None)

    # -- rows --------------------------------------------------------------------------------
    def _label_of(self, key: str) -> str:
        try:
            return ops_media.question_of(self._store, self._interview_id, key).label(self._language) or key
        except Exception:  # noqa: BLE001 - a form without that question any more: the key says it
            return key

    def _add_row(self, n: int, row) -> None:
        name = _safe_name(row.key)
        text = QLabel(self._grid_host)
        text.setObjectName(f"media_{name}_label")
        text.setWordWrap(True)
        self._grid.addWidget(text, n, 0)
        if row.kind == "audio":
            button = QPushButton(self._grid_host)
            button.setObjectName(f"media_{name}_play")
            button.clicked.connect(lambda _=False, key=row.key: self._toggle_play(key))
            self.buttons[row.key] = button
            self._grid.addWidget(button, n, 1)
        elif row.kind == "image":
            thumb = QLabel(self._grid_host)
            thumb.setObjectName(f"media_{name}_thumbnail")
            pix = self._pixmap(row)
            if pix is not None:
                thumb.setPixmap(pix.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))
            self.thumbnails[row.key] = thumb
            self._grid.addWidget(thumb, n, 2)
            button = QPushButton(self._grid_host)
            button.setObjectName(f"media_{name}_view")
            button.setEnabled(pix is not None)
            button.clicked.connect(lambda _=False, key=row.key: self.view_image(key))
            self.buttons[row.key] = button
            self._grid.addWidget(button, n, 1)
        self._grid.setColumnStretch(0, 1)

    def _pixmap(self, row) -> QPixmap | None:
        if row.size > MAX_SHOWN_IMAGE or self._store is None:
            return None
        pix = QPixmap()
        return pix if pix.loadFromData(ops_media.read_media(self._store, self._interview_id, row.key)) else None

    def _retranslate(self) -> None:
        self._heading.setText(self.tr("Media answers"))
        for n, row in enumerate(self._rows):
            label = self._label_of(row.key)
            text = self._grid.itemAtPosition(n, 0).widget()
            text.setText(self._describe(row, label))
            button = self.buttons.get(row.key)
            if row.kind == "audio" and button is not None:
                playing = self._playing == row.key
                button.setText(self.tr("Stop") if playing else self.tr("Play"))
                button.setAccessibleName((self.tr("Stop playing: %1") if playing
                                          else self.tr("Play the recording: %1")).replace("%1", label))
            elif row.kind == "image" and button is not None:
                button.setText(self.tr("View"))
                button.setAccessibleName(self.tr("View the image: %1").replace("%1", label))
                self.thumbnails[row.key].setAccessibleName(self.tr("Thumbnail: %1").replace("%1", label))

    def _describe(self, row, label: str) -> str:
        size = f"{row.size / 1024:.0f} KB"
        if row.kind == "audio":
            return self.tr("%1: recording, %2").replace("%1", label).replace("%2", size)
        if row.kind == "image":
            return self.tr("%1: image, %2").replace("%1", label).replace("%2", size)
        return self.tr("%1: %2 file, %3 (written out by exporting the data with its media files)").replace(
            "%1", label).replace("%2", row.ext.lstrip(".")).replace("%3", size)

    # -- audio -------------------------------------------------------------------------------
    def _toggle_play(self, key: str) -> None:
        if self._playing == key:
            self._stop()
            self._retranslate()
            return
        self._stop()
        if self._store is None:
            return
        pcm, rate = ops_recorder.pcm16(ops_media.read_media(self._store, self._interview_id, key))
        if self._speaker is None:
            self._speaker = self.speaker_factory(self)
            self._speaker.sig_finished.connect(self._on_finished)
        self._playing = key
        self._speaker.play(pcm, rate)
        self._retranslate()
        text = self._grid.itemAtPosition(self._index_of(key), 0).widget()
        text.setToolTip(_mmss(len(pcm) / 2 / rate))

    def _index_of(self, key: str) -> int:
        return next(n for n, r in enumerate(self._rows) if r.key == key)

    def _on_finished(self) -> None:
        self._playing = None
        self._retranslate()

    def _stop(self) -> None:
        if self._speaker is not None:
            self._speaker.stop()
        self._playing = None

    @property
    def playing(self) -> str | None:
        return self._playing

    # -- images ------------------------------------------------------------------------------
    def view_image(self, key: str) -> None:
        """The whole image in a window, decoded from memory; Escape closes it."""
        row = next((r for r in self._rows if r.key == key), None)
        pix = self._pixmap(row) if row is not None else None
        if pix is None:
            return
        if self.viewer is not None:
            self.viewer.close()
        dialog = QDialog(self)
        dialog.setObjectName("media_image_viewer")
        label = self._label_of(key)
        dialog.setWindowTitle(label)
        dialog.setAccessibleName(self.tr("Image: %1").replace("%1", label))
        area = QScrollArea(dialog)
        area.setObjectName("media_image_area")
        image = QLabel(area)
        image.setObjectName("media_image")
        image.setAccessibleName(self.tr("Image: %1").replace("%1", label))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and (pix.width() > screen.width() * 0.9 or pix.height() > screen.height() * 0.9):
            pix = pix.scaled(int(screen.width() * 0.9), int(screen.height() * 0.9),
                             Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        image.setPixmap(pix)
        area.setWidget(image)
        close = QPushButton(self.tr("Close"), dialog)
        close.setObjectName("media_image_close")
        close.setAccessibleName(self.tr("Close the image"))
        close.clicked.connect(dialog.close)
        box = QVBoxLayout(dialog)
        box.addWidget(area, 1)
        box.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        dialog.finished.connect(lambda _=0: image.clear())  # the decoded image goes with the window
        self.viewer = dialog
        dialog.resize(min(pix.width() + 40, 1200), min(pix.height() + 80, 800))
        dialog.open()
        close.setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt
        if event.type() == QEvent.Type.LanguageChange and self._rows:
            self._retranslate()
        super().changeEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt
        self._stop()
        if self._rows:
            self._retranslate()
        super().hideEvent(event)
