"""background-audio on the interview page (issue #16, decision 0017), with a tone in place of
the microphone (the Qt Multimedia boundary, as in test_media_widgets).

The recording starts when the form's consent allows it, shows a red dot, "Recording" and the
time recorded the whole time, is paused and stopped by the interviewer, stops and is kept on
lock and finalize, goes on in the same media after a lock, and is deleted when consent is
withdrawn. A form without a consent of its own asks explicitly first.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fieldapp.forms.xlsform import read_xlsform
from fieldapp.gui.pages.interview import InterviewPage
from fieldapp.gui.widgets import background_audio as bg
from fieldapp.ops import background as ops_background
from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as ops_recorder
from fieldapp.store import Store
from fieldapp.store.forms import add_form
from fieldapp.store.interviews import InterviewRepo
from tests.gui.conftest import executor_for, settle
from tests.gui.test_media_widgets import ToneInput
from tests.xlsform_builder import write_xlsform

pytestmark = pytest.mark.gui
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"

CONSENT_SURVEY = """
| type             | name    | label::English (en) | label::Korean (ko) | parameters  |
| background-audio | rec     |                     |                    | quality=low |
| select_one yn    | consent | Consent             | 동의               |             |
| text             | story   | Story               | 이야기             |             |
"""
CHOICES = """
| list_name | name | label::English (en) | label::Korean (ko) |
| yn        | yes  | Yes                 | 예                 |
| yn        | no   | No                  | 아니오             |
"""
NO_CONSENT_SURVEY = """
| type             | name  | label::English (en) |
| background-audio | rec   |                     |
| text             | story | Story               |
"""


@pytest.fixture(autouse=True)
def tone(monkeypatch):
    monkeypatch.setattr(bg.BackgroundRecording, "input_factory", ToneInput)


def _store(tmp_path: Path, survey: str, choices: str | None = CHOICES) -> Store:
    path = write_xlsform(tmp_path / "bg.xlsx", survey, choices, settings={"form_id": "bg_t", "version": "1"})
    store = Store.create(tmp_path / "store", PASSPHRASE, "interviewer")
    add_form(store, read_xlsform(path))
    return store


@pytest.fixture()
def store(tmp_path):
    s = _store(tmp_path, CONSENT_SURVEY)
    yield s
    if not s.closed:
        s.close()


def _page(qtbot, store, iv) -> InterviewPage:
    page = InterviewPage(executor_for(store), iv)
    qtbot.addWidget(page)
    page.show()
    qtbot.wait(20)  # the page asks (or starts) once it is on screen
    return page


def _seconds(store, iv) -> float:
    samples, rate = ops_recorder.decode(ops_media.read_media(store, iv.id, "rec"))
    return samples.size / rate


def _pitch(store, iv) -> float:
    samples, rate = ops_recorder.decode(ops_media.read_media(store, iv.id, "rec"))
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.argmax(spectrum) * rate / samples.size)


def test_the_consent_question_governs_the_recording(store, qtbot):
    plan = ops_background.background_audio(store_form(store))
    assert (plan.rule, plan.consent.name, plan.quality) == ("question", "consent", "low")
    iv = InterviewRepo(store).start("bg_t", language="en")
    assert "rec" not in [q.name for p in iv.pages() for q in p.questions]  # on no page
    page = _page(qtbot, store, iv)
    bar = page.background_recording()
    assert bar.objectName() == "interview_recording" and not bar.isHidden()
    assert not bar.recording and "starts when consent is recorded" in bar._state.text()
    assert ops_media.list_media(store, iv.id) == []
    page.question_widget("consent")._buttons["yes"].click()
    assert bar.recording
    assert bar._state.text() == "Recording" and "c62828" in bar._dot.styleSheet()
    bar._input.push(3.0)
    bar._refresh()
    assert bar._time.text() == "0:03"
    assert bar.accessibleName() == "Interview recording: Recording, 0:03"
    for b in (bar._pause, bar._stop):
        assert b.objectName() and b.accessibleName() and not b.isHidden()
    bar._pause.click()
    assert bar._state.text() == "Recording paused" and bar._pause.text() == "Resume"
    bar._input.push(1.0)  # paused: not recorded
    bar._pause.click()
    bar._input.push(1.0)
    reference = iv.value("rec")
    assert reference and reference.endswith(".ogg")
    page.clear()  # the lock: stopped and kept
    (row,) = ops_media.list_media(store, iv.id)
    assert row.complete and row.key == "rec"
    assert abs(_seconds(store, iv) - 4.0) < 0.1 and abs(_pitch(store, iv) - 330) < 5
    # unlocked and resumed: the same recording goes on, in the same media
    again = InterviewRepo(store).resume(iv.id)
    page2 = _page(qtbot, store, again)
    bar2 = page2.background_recording()
    assert bar2.recording
    bar2._input.push(2.0)
    bar2._refresh()
    assert bar2._time.text() == "0:06"  # the time recorded in all
    again.go_to("review")
    page2._render()
    page2._review._on_confirm_clicked(True, "")  # Finalize confirmed: the recording stops first
    assert not bar2.active
    qtbot.waitUntil(lambda: again.status == "final", timeout=10000)
    settle(qtbot, page2)  # the review has its result before the page goes
    (row,) = ops_media.list_media(store, iv.id)
    assert row.complete and row.media_id == reference[:32]
    final = InterviewRepo(store).answers(iv.id)
    assert final["rec"].value == reference and final["rec"].status == "answered"
    assert abs(_seconds(store, iv) - 6.0) < 0.1
    assert store.verify() == []


def store_form(store):
    from fieldapp.store.forms import get_form

    return get_form(store, "bg_t")


def test_consent_withdrawn_deletes_the_recording(store, qtbot):
    iv = InterviewRepo(store).start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    bar = page.background_recording()
    page.question_widget("consent")._buttons["yes"].click()
    bar._input.push(2.0)
    page.question_widget("consent")._buttons["no"].click()
    assert not bar.active and ops_media.list_media(store, iv.id) == []
    assert iv.value("rec") is None
    assert "withdrawn" in bar._state.text()
    assert InterviewRepo(store).answers(iv.id)["rec"].value is None


def test_the_interviewer_stops_it_and_a_lock_does_not_start_it_again(store, qtbot):
    iv = InterviewRepo(store).start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    bar = page.background_recording()
    page.question_widget("consent")._buttons["yes"].click()
    bar._input.push(1.0)
    bar._stop.click()
    assert not bar.active and "Stopped by the interviewer" in bar._state.text()
    assert not bar._start.isHidden()
    page.clear()
    page2 = _page(qtbot, store, InterviewRepo(store).resume(iv.id))
    bar2 = page2.background_recording()
    assert not bar2.active
    bar2._start.click()  # the interviewer starts it again: it goes on with the same media
    assert bar2.recording
    bar2._input.push(1.0)
    page2.flush()  # Save and close
    assert abs(_seconds(store, iv) - 2.0) < 0.1


def test_a_stop_and_a_no_are_kept_with_the_interview_across_a_restart(tmp_path, qtbot, monkeypatch):
    """The respondent's choice is in the store (decision 0021): the app closed and opened again
    (the store reopened, nothing kept in memory) neither records a stopped interview with its
    consent still yes, nor asks again one whose respondent said no."""
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    store = _store(tmp_path / "a", CONSENT_SURVEY)
    iv = InterviewRepo(store).start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    page.question_widget("consent")._buttons["yes"].click()
    bar = page.background_recording()
    bar._input.push(1.0)
    bar._stop.click()
    page.clear()
    store.close()
    store = Store.open(tmp_path / "a" / "store", PASSPHRASE)
    try:
        # what a new process of the app reads: nothing of it is kept in memory
        assert ops_background.refusal(store, iv.id) == "stopped"
        page2 = _page(qtbot, store, InterviewRepo(store).resume(iv.id))
        bar2 = page2.background_recording()
        assert not bar2.active and "Stopped by the interviewer" in bar2._state.text()
        page2.question_widget("consent")._buttons["yes"].click()  # an answer: consent still yes
        assert not bar2.active and abs(_seconds(store, iv) - 1.0) < 0.1
        page2.clear()
    finally:
        store.close()

    store = _store(tmp_path / "b", NO_CONSENT_SURVEY, None)
    asked = []
    monkeypatch.setattr(bg.BackgroundRecording, "ask_consent", lambda self: asked.append(1) or False)
    iv = InterviewRepo(store).start("bg_t")
    _page(qtbot, store, iv).clear()
    store.close()
    store = Store.open(tmp_path / "b" / "store", PASSPHRASE)
    try:
        assert ops_background.refusal(store, iv.id) == "declined"
        page3 = _page(qtbot, store, InterviewRepo(store).resume(iv.id))
        bar3 = page3.background_recording()
        assert asked == [1] and not bar3.active and "has not agreed" in bar3._state.text()
        assert ops_media.list_media(store, iv.id) == []
        page3.clear()
    finally:
        store.close()


def test_without_a_consent_question_the_app_asks_first(tmp_path, qtbot, monkeypatch):
    store = _store(tmp_path, NO_CONSENT_SURVEY, None)
    try:
        asked = []
        monkeypatch.setattr(bg.BackgroundRecording, "ask_consent", lambda self: asked.append(1) or False)
        iv = InterviewRepo(store).start("bg_t")
        page = _page(qtbot, store, iv)
        bar = page.background_recording()
        assert asked == [1] and not bar.active and ops_media.list_media(store, iv.id) == []
        assert "has not agreed" in bar._state.text()
        page.clear()
        _page(qtbot, store, InterviewRepo(store).resume(iv.id))
        assert asked == [1]  # declined: not asked again at every unlock
        monkeypatch.setattr(bg.BackgroundRecording, "ask_consent", lambda self: asked.append(2) or True)
        page3 = _page(qtbot, store, InterviewRepo(store).resume(iv.id))
        bar3 = page3.background_recording()
        bar3._start.click()  # the interviewer asks again: yes
        assert asked == [1, 2] and bar3.recording
        bar3._input.push(1.5)
        page3.clear()
        assert abs(_seconds(store, iv) - 1.5) < 0.1
    finally:
        store.close()


def test_the_explicit_question_names_the_recording(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    store = _store(tmp_path, NO_CONSENT_SURVEY, None)
    try:
        seen = {}

        def exec_(box):
            seen["text"] = box.text()
            seen["buttons"] = [b.objectName() for b in box.buttons()]
            seen["default"] = box.defaultButton().objectName()
            return 0

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        iv = InterviewRepo(store).start("bg_t")
        bar = _page(qtbot, store, iv).background_recording()
        assert "records the whole interview" in seen["text"]
        assert set(seen["buttons"]) == {"confirmBackgroundRecordingYes", "confirmBackgroundRecordingNo"}
        assert seen["default"] == "confirmBackgroundRecordingNo"  # Enter never records by accident
        assert not bar.active
    finally:
        store.close()


def test_a_missing_microphone_is_said_and_nothing_is_recorded(store, qtbot, monkeypatch):
    class NoMicrophone(ToneInput):
        def start(self) -> None:
            raise RuntimeError("no input device")

    monkeypatch.setattr(bg.BackgroundRecording, "input_factory", NoMicrophone)
    iv = InterviewRepo(store).start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    bar = page.background_recording()
    page.question_widget("consent")._buttons["yes"].click()
    assert not bar.active and "microphone cannot be used" in bar._state.text()


def test_a_finalized_interview_has_no_recording_bar(store, qtbot):
    repo = InterviewRepo(store)
    iv = repo.start("bg_t", language="en")
    iv.set_answer("consent", "no")
    repo.finalize(iv)
    page = _page(qtbot, store, repo.resume(iv.id))
    assert page.background_recording() is None


def test_the_window_lock_and_a_suspend_stop_and_keep_it_and_unlocking_goes_on(qtbot, make_window, tmp_path):
    """Through the real window: Ctrl+L (lock) and the system suspending stop the recording
    and keep it; unlocking returns to the interview, which records on in the same media."""
    from PySide6.QtCore import Qt

    from tests.gui.conftest import make_store, unlock

    form = write_xlsform(tmp_path / "bg.xlsx", CONSENT_SURVEY, CHOICES, settings={"form_id": "bg_t", "version": "1"})
    window = make_window(make_store(tmp_path / "store", [form], reference=False))
    unlock(qtbot, window)
    iv = window.session.repo.start("bg_t", language="English (en)")
    window.open_interview(iv.id)
    qtbot.waitUntil(lambda: window.interview_page is not None, timeout=10000)
    window.interview_page.question_widget("consent")._buttons["yes"].click()
    bar = window.interview_page.background_recording()
    assert bar.recording
    bar._input.push(2.0)
    window.lock()
    assert window.locked and not bar.active
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.interview_page.background_recording() is not None
                    and window.interview_page.background_recording().recording, timeout=10000)
    bar2 = window.interview_page.background_recording()
    assert abs(bar2._recorder.earlier_seconds - 2.0) < 0.1  # the part before the lock, kept
    bar2._input.push(1.0)
    window._on_app_state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert window.locked and not bar2.active
    window.shutdown()  # lets go of the store folder
    with Store.open(tmp_path / "store", PASSPHRASE) as store:
        (row,) = ops_media.list_media(store, iv.id)
        assert row.complete and abs(_seconds(store, iv) - 3.0) < 0.1


def _review_line(page, iv) -> str:
    iv.go_to("review")
    page._render()
    line = page._review.findChild(type(page._review._title), "review_recording")
    assert line is not None
    return line.text() if not line.isHidden() else ""


def test_the_review_says_whether_and_how_long_the_interview_is_recorded(store, qtbot):
    """Before Finalize the interviewer sees on the review page what the recording bar says on
    the questions: recorded and for how long, stopped (with what is kept), or not recorded."""
    repo = InterviewRepo(store)
    iv = repo.start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    assert _review_line(page, iv) == "This interview is not recorded: there is no consent to record it."
    iv.go_to(iv.pages()[0].key)
    page._render()
    page.question_widget("consent")._buttons["yes"].click()
    bar = page.background_recording()
    bar._input.push(3.0)
    line = _review_line(page, iv)
    assert line.startswith("This interview is being recorded (0:03 so far).")
    review_line = page._review.findChild(type(page._review._title), "review_recording")
    assert review_line.accessibleName() == line
    bar._stop.click()
    assert _review_line(page, iv) == ("The interviewer stopped the recording; the 0:03 recorded "
                                      "before is kept.")
    page.clear()  # lock: the line goes with everything else shown
    assert page._review.findChild(type(page._review._title), "review_recording").isHidden()
    # declined before anything was recorded (the app's own question, decision 0021)
    other = repo.start("bg_t", language="en")
    ops_background.set_refusal(store, other.id, "declined")
    page2 = _page(qtbot, store, other)
    assert _review_line(page2, other) == "The respondent declined the recording; nothing was recorded."


def test_a_finalized_recording_is_stated_with_its_length(store, qtbot):
    repo = InterviewRepo(store)
    iv = repo.start("bg_t", language="en")
    page = _page(qtbot, store, iv)
    page.question_widget("consent")._buttons["yes"].click()
    page.background_recording()._input.push(2.0)
    page.clear()  # stopped and kept, complete
    again = repo.resume(iv.id)
    page2 = _page(qtbot, store, again)
    assert page2.background_recording().recording  # consent stands: it goes on
    page2.background_recording().stop()  # what Finalize does first
    assert _review_line(page2, again) == "This interview was recorded (0:02)."
