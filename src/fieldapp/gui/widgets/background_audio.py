"""The background recording of an interview (``background-audio``, issue #16, decision 0017).

``BackgroundRecording`` is a bar at the top of the interview page, outside the scrolled
questions, so it is always in sight: a red dot, "Recording" and the time recorded while it
records; what it waits for otherwise. The interviewer can pause, resume and stop it. It
starts when the form's consent allows (``fieldapp.ops.background``: the question's own
relevant, else the ``consent`` question answered yes); a form without either makes the app
ask, naming that the interview will be recorded, before anything is recorded. Consent
withdrawn stops the recording and deletes it.

The page stops it (and it is saved: Opus chunks are already in the store every 2 s) on
finalize, close, lock and suspend (``stop``); a resumed draft goes on with the same
recording. Audio comes from ``Microphone`` (QAudioSource into memory, never a file); tests
put a generated tone in its place (``input_factory``), the Qt Multimedia boundary.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from fieldapp.gui.widgets.media import Microphone, _mmss
from fieldapp.ops import background as ops_background
from fieldapp.ops import recorder as ops_recorder

RED = "#c62828"


class BackgroundRecording(QFrame):
    """Records the whole interview while consent allows; always shows whether it does."""

    #: Makes the audio input (tests replace it with a generated tone: the Qt boundary).
    input_factory: Callable[[QObject], Any] = Microphone

    def __init__(self, store, interview, plan: ops_background.BackgroundAudio,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interview_recording")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._store, self._interview, self._plan = store, interview, plan
        self._recorder: ops_recorder.Recorder | None = None
        self._input = None
        self._note = ""  # why it is not recording (shown beside the dot)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self._dot = QLabel("\u25cf", self)
        self._dot.setObjectName("interview_recording_dot")
        self._state = QLabel(self)
        self._state.setObjectName("interview_recording_state")
        self._state.setWordWrap(False)  # one line, the time right after it
        self._time = QLabel("0:00", self)
        self._time.setObjectName("interview_recording_time")
        self._pause = self._button("interview_recording_pause", self._on_pause_clicked)
        self._stop = self._button("interview_recording_stop", self._on_stop_clicked)
        self._start = self._button("interview_recording_start", self._on_start_clicked)
        row.addWidget(self._dot)
        row.addWidget(self._state)
        row.addWidget(self._time)
        row.addStretch(1)
        for b in (self._pause, self._stop, self._start):
            row.addWidget(b)
        self._tick = QTimer(self)
        self._tick.setInterval(500)
        self._tick.timeout.connect(self._refresh)
        # A recording a crash left open is closed with what its chunks hold before going on.
        ops_recorder.recover_recordings(store, interview.id)
        self._refresh()

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.setAutoDefault(True)
        b.clicked.connect(slot)
        return b

    # -- what the page calls ------------------------------------------------------------------
    @property
    def recording(self) -> bool:
        return self._recorder is not None and self._recorder.state == "recording"

    @property
    def active(self) -> bool:
        return self._recorder is not None

    @property
    def seconds(self) -> float | None:
        """Seconds recorded in all while a recording is going (or paused), else None: ahead
        of what the store holds by the audio not yet written (at most a flush, 2 s)."""
        return self._recorder.total_seconds if self._recorder is not None else None

    def update_consent(self) -> None:
        """After every answer: start when consent is given, delete when it is withdrawn."""
        if self._store is None or self._interview is None:
            return
        given = ops_background.consent_given(self._plan, self._interview)
        if given is None:
            return
        if given and self._recorder is None and self._refused() != "stopped":
            self._begin()
        elif not given and (self._recorder is not None or self._has_recording()):
            self._withdraw()
        self._refresh()

    def ask_if_needed(self) -> None:
        """A form without a consent of its own: ask before recording (once per interview);
        a resumed interview that was recorded goes on with it."""
        if self._store is None or self._interview is None or self._recorder is not None:
            return
        if ops_background.consent_given(self._plan, self._interview) is not None:
            self.update_consent()
            return
        if self._refused() is not None:
            return
        if self._has_recording() or self.ask_consent():
            self._begin()
        else:
            self._refuse("declined")
        self._refresh()

    def ask_consent(self) -> bool:
        """The explicit question (tests answer it)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Record this interview?"), self.tr(
            "This questionnaire records the whole interview: the sound from the microphone, from "
            "now until it is finalized or closed, kept encrypted in the store."), parent=self)
        box.setObjectName("confirmBackgroundRecording")
        box.setAccessibleName(self.tr("Ask the respondent: may the interview be recorded?"))
        box.setInformativeText(self.tr("Ask the respondent. Record only if they agree."))
        yes = box.addButton(self.tr("They agree: &record"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("confirmBackgroundRecordingYes")
        no = box.addButton(self.tr("&Do not record"), QMessageBox.ButtonRole.RejectRole)
        no.setObjectName("confirmBackgroundRecordingNo")
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def stop(self) -> None:
        """Finalize, close, lock, suspend: the recording stops and is kept (already in the store)."""
        if self._recorder is None:
            return
        if self._input is not None:
            self._input.stop()
            self._input = None
        self._tick.stop()
        recorder, self._recorder = self._recorder, None
        if self._store is not None and not self._store.closed and recorder.state in ("recording", "paused"):
            recorder.stop()
        self._refresh()

    def clear(self) -> None:
        """Lock: stopped and saved first, then the store and the interview are let go."""
        self.stop()
        self._store = None
        self._interview = None
        self._time.setText("0:00")

    # -- internals ----------------------------------------------------------------------------
    def _refused(self) -> str | None:
        """The interviewer's Stop or the respondent's no, kept in the store with the interview
        (decision 0021): neither a lock nor a restart of the app starts the recording again."""
        if self._store is None or self._store.closed or self._interview is None:
            return None
        return ops_background.refusal(self._store, self._interview.id)

    def _refuse(self, choice: str | None) -> None:
        if self._store is not None and not self._store.closed and self._interview is not None:
            ops_background.set_refusal(self._store, self._interview.id, choice)

    def _has_recording(self) -> bool:
        return ops_background.has_recording(self._store, self._interview.id, self._plan)

    def _begin(self) -> None:
        recorder = ops_recorder.Recorder(self._store, self._interview.id, self._plan.key,
                                         interview=self._interview)
        recorder.start(append=self._has_recording())
        self._recorder = recorder
        self._input = self.input_factory(self)
        self._input.sig_data.connect(self._on_input_data)
        try:
            self._input.start()
        except Exception:  # noqa: BLE001 - no microphone, no Qt Multimedia: say so, keep what was
            self._input = None
            self.stop()
            self._note = self.tr("The microphone cannot be used on this computer: the interview is "
                                 "not being recorded.")
            return
        self._note = ""
        self._tick.start()

    def _withdraw(self) -> None:
        self.stop()
        ops_background.discard(self._store, self._interview, self._plan)
        self._note = self.tr("Consent withdrawn: the recording was stopped and deleted.")

    def _on_input_data(self, data: bytes) -> None:
        if self._recorder is not None:
            self._recorder.feed(data)

    def _on_pause_clicked(self) -> None:
        if self._recorder is None:
            return
        self._recorder.toggle_pause()
        self._refresh()

    def _on_stop_clicked(self) -> None:
        if self._interview is not None:
            self._refuse("stopped")
        self.stop()
        self._note = self.tr("Stopped by the interviewer; what was recorded is kept.")
        self._refresh()

    def _on_start_clicked(self) -> None:
        if self._interview is None or self._recorder is not None:
            return
        self._refuse(None)
        if self._plan.rule == ops_background.ASK:
            self.ask_if_needed()
        else:
            self.update_consent()
        self._refresh()

    def _waiting_text(self) -> str:
        if self._note:
            return self._note
        if self._refused() == "stopped":
            return self.tr("Stopped by the interviewer; what was recorded is kept.")
        if self._plan.rule == ops_background.ASK:
            if self._interview is not None and self._refused() != "declined":
                return self.tr("Not recording yet: the respondent is asked first.")
            return self.tr("Not recording: the respondent has not agreed to be recorded.")
        if self._plan.rule == ops_background.QUESTION and self._plan.consent is not None:
            return self.tr("Not recording yet: recording starts when consent is recorded.")
        return self.tr("Not recording yet: the questionnaire starts it once consent is given.")

    def _refresh(self) -> None:
        recorder = self._recorder
        state = recorder.state if recorder is not None else "idle"
        seconds = recorder.total_seconds if recorder is not None else 0.0
        if recorder is not None:
            self._time.setText(_mmss(seconds))
        if state == "recording":
            text, colour = self.tr("Recording"), RED
        elif state == "paused":
            text, colour = self.tr("Recording paused"), "palette(mid)"
        else:
            text, colour = self._waiting_text(), "palette(mid)"
        self._dot.setStyleSheet(f"color: {colour}; font-size: 16pt;")
        self._state.setText(text)
        self._state.setStyleSheet(f"color: {RED}; font-weight: bold;" if state == "recording" else "")
        self._time.setVisible(recorder is not None)
        self._dot.setAccessibleName(text)
        self._time.setAccessibleName(self.tr("Time recorded"))
        self.setAccessibleName(self.tr("Interview recording: %1").replace("%1", (
            f"{text}, {_mmss(seconds)}" if recorder is not None else text)))
        self._pause.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self._pause.setAccessibleName(self.tr("Resume recording") if state == "paused"
                                      else self.tr("Pause recording"))
        self._stop.setText(self.tr("Stop"))
        self._stop.setAccessibleName(self.tr("Stop recording the interview"))
        self._start.setText(self.tr("Record"))
        self._start.setAccessibleName(self.tr("Record the interview"))
        self._pause.setVisible(recorder is not None)
        self._stop.setVisible(recorder is not None)
        can_start = self._interview is not None and (
            self._plan.rule == ops_background.ASK
            or bool(ops_background.consent_given(self._plan, self._interview)))
        self._start.setVisible(recorder is None and can_start)
        self._dot.setAlignment(Qt.AlignmentFlag.AlignVCenter)
