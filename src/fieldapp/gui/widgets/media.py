"""Widgets for media questions (issue #16): record audio, attach a photo, video or file.

Everything a respondent says or shows goes straight into the encrypted store through
``fieldapp.ops``: the recorder widget hands the microphone's PCM to ``ops.recorder.Recorder``
(Opus chunks into the store every 2 s), the attach widget copies the chosen file in chunks
(``ops.media.attach_file``). Playback and thumbnails decode in memory. The page binds each
widget to its interview with ``bind_media(store, interview_id)`` (the only hook the interview
page needs); the widget's value is the media's reference, which the page gives the engine.

The Qt Multimedia boundary is ``Microphone`` (QAudioSource: 16-bit mono PCM at 16 kHz) and
``Speaker`` (QAudioSink); tests put a generated tone in place of the first
(``RecorderWidget.input_factory``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.widgets.base import QuestionWidget
from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as ops_recorder

THUMBNAIL = 160


def _multimedia():
    """Qt Multimedia, or None where this installation lacks it (PySide6-Addons, libpulse)."""
    try:
        from PySide6 import QtMultimedia
    except ImportError:
        return None
    return QtMultimedia


class Microphone(QObject):
    """The default audio input as 16-bit mono PCM at the recorder's rate (QAudioSource)."""

    sig_data = Signal(bytes)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = None
        self._io = None

    @staticmethod
    def available() -> bool:
        mm = _multimedia()
        return mm is not None and not mm.QMediaDevices.defaultAudioInput().isNull()

    def start(self) -> None:
        mm = _multimedia()
        if mm is None:
            raise RuntimeError("Qt Multimedia is not installed")
        fmt = mm.QAudioFormat()
        fmt.setSampleRate(ops_recorder.SAMPLE_RATE)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(mm.QAudioFormat.SampleFormat.Int16)
        self._source = mm.QAudioSource(mm.QMediaDevices.defaultAudioInput(), fmt, self)
        self._io = self._source.start()  # pull mode into memory: no file anywhere
        self._io.readyRead.connect(self._read)

    def _read(self) -> None:
        if self._io is not None:
            data = bytes(self._io.readAll())
            if data:
                self.sig_data.emit(data)

    def stop(self) -> None:
        if self._source is not None:
            self._read()
            self._source.stop()
            self._source = None
            self._io = None


class Speaker(QObject):
    """Plays 16-bit mono PCM from memory (QAudioSink over a QBuffer)."""

    sig_finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink = None
        self._buffer: QBuffer | None = None

    def play(self, pcm: bytes, rate: int) -> None:
        mm = _multimedia()
        if mm is None:
            raise RuntimeError("Qt Multimedia is not installed")
        self.stop()
        fmt = mm.QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(1)
        fmt.setSampleFormat(mm.QAudioFormat.SampleFormat.Int16)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pcm))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._sink = mm.QAudioSink(mm.QMediaDevices.defaultAudioOutput(), fmt, self)
        self._sink.stateChanged.connect(self._on_state)
        self._sink.start(self._buffer)

    def _on_state(self, state) -> None:
        mm = _multimedia()
        if mm is not None and state == mm.QAudio.State.IdleState:
            self.stop()
            self.sig_finished.emit()

    def stop(self) -> None:
        if self._sink is not None:
            self._sink.stop()
            self._sink = None
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())  # the decoded audio leaves memory with it
            self._buffer = None


def _mmss(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


class _MediaBase(QuestionWidget):
    """Shared: the binding to the store and interview, the reference as the value."""

    def _build_editor(self) -> QWidget:
        self._store = None
        self._interview_id = ""
        self._reference: str | None = None
        box = QWidget(self)
        self._box = QVBoxLayout(box)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._status = QLabel(box)
        self._status.setObjectName(f"q_{self.question.name}_media_status")
        self._status.setWordWrap(True)
        self._build_media(box)
        self._box.addWidget(self._status)
        return box

    def _build_media(self, box: QWidget) -> None:
        raise NotImplementedError

    def bind_media(self, store, interview_id: str) -> None:
        self._store, self._interview_id = store, interview_id
        self._refresh()

    def value(self) -> Any:
        return self._reference

    def _show_value(self, value: Any) -> None:
        self._reference = value if isinstance(value, str) else None
        self._refresh()

    def clear(self) -> None:
        """Lock or leaving the page: nothing of the media stays on screen, and the widget lets
        go of the store (a recording in progress is first closed with what it holds)."""
        self._release()
        super().clear()
        self._store = None

    def _release(self) -> None:
        pass

    def flush(self) -> None:
        """The page moves on (Next, Back, review, close, hide): a recording in progress is
        stopped and kept, so no recorder outlives its page."""
        self._release()
        super().flush()

    def _row(self):
        if self._store is None or self._store.closed or self._reference is None:
            return None
        return next((m for m in ops_media.list_media(self._store, self._interview_id)
                     if m.key == self.question.name), None)

    def _button(self, parent: QWidget, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(parent)
        b.setObjectName(f"q_{self.question.name}_{name}")
        b.clicked.connect(slot)
        return b

    def _refresh(self) -> None:
        pass


class RecorderWidget(_MediaBase):
    """audio and background-audio: Record, Pause/Resume, Stop, a level meter, elapsed time,
    Play back before moving on."""

    #: Makes the audio input (tests replace it with a generated tone: the Qt boundary).
    input_factory: Callable[[QObject], Any] = Microphone
    speaker_factory: Callable[[QObject], Any] = Speaker

    def _build_media(self, box: QWidget) -> None:
        self._recorder: ops_recorder.Recorder | None = None
        self._input = None
        self._speaker = None
        row = QHBoxLayout()
        self._record = self._button(box, "record", self._on_record)
        self._pause = self._button(box, "pause", self._on_pause)
        self._stop = self._button(box, "stop", self._on_stop)
        self._play = self._button(box, "play", self._on_play)
        for b in (self._record, self._pause, self._stop, self._play):
            row.addWidget(b)
        row.addStretch(1)
        self._box.addLayout(row)
        meter = QHBoxLayout()
        self._level = QProgressBar(box)
        self._level.setObjectName(f"q_{self.question.name}_level")
        self._level.setRange(0, 100)
        self._level.setTextVisible(False)
        self._level.setMaximumHeight(12)
        self._elapsed = QLabel("0:00", box)
        self._elapsed.setObjectName(f"q_{self.question.name}_elapsed")
        meter.addWidget(self._level, 1)
        meter.addWidget(self._elapsed, 0)
        self._box.addLayout(meter)
        self._tick = QTimer(self)
        self._tick.setInterval(100)
        self._tick.timeout.connect(self._show_progress)

    def editors(self) -> list[QWidget]:
        return [self._record, self._pause, self._stop, self._play]

    def _apply_language(self) -> None:
        super()._apply_language()
        if not hasattr(self, "_record"):
            return
        name = self.question.label(self._language)
        self._record.setText(self.tr("Record"))
        self._record.setAccessibleName(self.tr("Record an answer to: %1").replace("%1", name))
        paused = self._recorder is not None and self._recorder.state == "paused"
        self._pause.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self._pause.setAccessibleName(self._pause.text())
        self._stop.setText(self.tr("Stop"))
        self._stop.setAccessibleName(self.tr("Stop recording"))
        self._play.setText(self.tr("Play"))
        self._play.setAccessibleName(self.tr("Play the recording"))
        self._level.setAccessibleName(self.tr("Input level"))
        self._elapsed.setAccessibleName(self.tr("Recorded time"))
        self._refresh()

    def _refresh(self) -> None:
        if not hasattr(self, "_record"):
            return
        state = self._recorder.state if self._recorder is not None else "idle"
        active = state in ("recording", "paused")
        self._record.setEnabled(not active and self._store is not None)
        self._pause.setEnabled(active)
        self._stop.setEnabled(active)
        self._play.setEnabled(not active and self._reference is not None)
        if state == "recording":
            self._status.setText(self.tr("Recording: everything is saved, encrypted, as it is recorded."))
        elif state == "paused":
            self._status.setText(self.tr("Paused."))
        elif self._reference is not None:
            row = self._row()
            size = f"{row.size / 1024:.0f} KB" if row is not None else ""
            self._status.setText(self.tr("Recording kept (%1), encrypted in the store.").replace("%1", size))
        else:
            self._status.setText(self.tr("Not recorded yet."))

    def _on_record(self) -> None:
        if self._store is None:
            return
        if self._reference is not None and QMessageBox.question(
                self, self.tr("Record again"),
                self.tr("Replace the recording this question holds? The old one is deleted.")) \
                != QMessageBox.StandardButton.Yes:
            return
        self._recorder = ops_recorder.Recorder(self._store, self._interview_id, self.question.name)
        self._reference = self._recorder.start()
        self.sig_value_changed.emit(self.question.name, self._reference)  # the answer from the start
        self._input = self.input_factory(self)
        self._input.sig_data.connect(self._recorder_feed)
        try:
            self._input.start()
        except Exception:  # noqa: BLE001 - no microphone, no Qt Multimedia: say so
            self._recorder.abort()
            self._recorder = None
            self._reference = None
            self.sig_value_changed.emit(self.question.name, None)
            self.set_issue(self.tr("The microphone cannot be used on this computer (no input device, "
                                   "or this installation lacks Qt Multimedia)."))
            return
        self._tick.start()
        self._refresh()

    def _recorder_feed(self, data: bytes) -> None:
        if self._recorder is not None:
            self._recorder.feed(data)

    def _on_pause(self) -> None:
        if self._recorder is None:
            return
        self._recorder.toggle_pause()
        self._apply_language()

    def _on_stop(self) -> None:
        if self._recorder is None:
            return
        if self._input is not None:
            self._input.stop()
            self._input = None
        self._tick.stop()
        self._recorder.stop()
        self._show_progress()
        self._level.setValue(0)
        self._recorder = None
        self._apply_language()

    def _release(self) -> None:
        if self._recorder is not None and self._store is not None and not self._store.closed:
            self._on_stop()  # kept as it is: the interviewer finds it on resuming
        if self._speaker is not None:
            self._speaker.stop()

    def _show_progress(self) -> None:
        if self._recorder is not None:
            self._level.setValue(int(self._recorder.level * 100))
            self._elapsed.setText(_mmss(self._recorder.elapsed))

    def _on_play(self) -> None:
        if self._store is None or self._reference is None:
            return
        pcm, rate = ops_recorder.pcm16(ops_media.read_media(self._store, self._interview_id, self.question.name))
        self._elapsed.setText(_mmss(len(pcm) / 2 / rate))
        if self._speaker is None:
            self._speaker = self.speaker_factory(self)
        self._speaker.play(pcm, rate)


class AttachWidget(_MediaBase):
    """image, video, file: Attach… (a file dialog), a thumbnail for images, Remove."""

    def _build_media(self, box: QWidget) -> None:
        row = QHBoxLayout()
        self._attach = self._button(box, "attach", self._on_attach)
        self._remove = self._button(box, "remove", self._on_remove)
        row.addWidget(self._attach)
        row.addWidget(self._remove)
        row.addStretch(1)
        self._box.addLayout(row)
        self._thumb = QLabel(box)
        self._thumb.setObjectName(f"q_{self.question.name}_thumbnail")
        self._thumb.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self._thumb.hide()
        self._box.addWidget(self._thumb)

    def editors(self) -> list[QWidget]:
        return [self._attach, self._remove]

    def _apply_language(self) -> None:
        super()._apply_language()
        if not hasattr(self, "_attach"):
            return
        name = self.question.label(self._language)
        self._attach.setText(self.tr("Attach file…"))
        self._attach.setAccessibleName(self.tr("Attach a file as the answer to: %1").replace("%1", name))
        self._remove.setText(self.tr("Remove"))
        self._remove.setAccessibleName(self.tr("Remove the attached file"))
        self._thumb.setAccessibleName(self.tr("Thumbnail of the attached image"))
        self._refresh()

    def _refresh(self) -> None:
        if not hasattr(self, "_attach"):
            return
        self._attach.setEnabled(self._store is not None)
        self._remove.setEnabled(self._reference is not None)
        row = self._row()
        if row is None:
            self._status.setText(self.tr("No file attached."))
            self._thumb.clear()
            self._thumb.hide()
            return
        self._status.setText(self.tr("Attached (%1 KB), encrypted in the store.").replace(
            "%1", f"{row.size / 1024:.0f}"))
        if row.kind == "image" and row.size <= 32 * 1024 * 1024:
            pix = QPixmap()
            if pix.loadFromData(ops_media.read_media(self._store, self._interview_id, self.question.name)):
                self._thumb.setPixmap(pix.scaled(THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
                self._thumb.show()
                return
        self._thumb.hide()

    #: Chooses the file (tests replace it).
    def choose_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"))
        return path

    def _on_attach(self) -> None:
        if self._store is None:
            return
        path = self.choose_file()
        if not path:
            return
        from fieldapp.errors import FieldAppError
        from fieldapp.gui.errors import error_text

        try:
            attached = ops_media.attach_file(self._store, self._interview_id, self.question.name, path)
        except FieldAppError as exc:
            self.set_issue(error_text(exc))
            return
        self.set_issue("")
        self._reference = attached.row.reference
        self.sig_value_changed.emit(self.question.name, self._reference)
        self._refresh()
        self.offer_delete_original(str(attached.original))

    def offer_delete_original(self, path: str) -> None:
        """The original is still where it was: say so, and offer to delete it, plainly."""
        box = QMessageBox(self)
        box.setObjectName("media_original_reminder")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("The original file is still there"))
        box.setText(self.tr("A copy is now encrypted in the store. The original is still at:\n%1").replace("%1", path))
        box.setInformativeText(self.tr(
            "Delete it if nobody should find it there. On a USB stick, SD card or SSD, deleting a "
            "file does not erase it: its bytes can stay on the device until they are overwritten."))
        delete = box.addButton(self.tr("Delete the original"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is delete:
            import os

            from fieldapp.gui.errors import error_text

            try:
                os.unlink(path)
            except OSError as exc:
                self.set_issue(error_text(exc))

    def _on_remove(self) -> None:
        if self._store is None or self._reference is None:
            return
        ops_media.delete_media(self._store, self._interview_id, self.question.name)
        self._reference = None
        self.sig_value_changed.emit(self.question.name, None)
        self._refresh()
