"""The coordinator plays and views a respondent's media (issue #16): a merged record opened read
only lists its media answers; Play decodes the recording in memory and hands the very PCM that
was recorded to the speaker, View shows the photo; keyboard only; English and Korean; nothing
decrypted is written to any file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton

from fieldapp.gui.widgets import media_view
from fieldapp.ops import media as ops_media
from fieldapp.ops import recorder as rec_mod
from fieldapp.store import Store
from fieldapp.store.interviews import InterviewRepo
from tests.core.storetools import PASSPHRASE, files_containing
from tests.core.test_media_bundle import MediaWorld
from tests.core.test_recorder import compare, pcm_blocks, tone
from tests.gui.conftest import settle, unlock

pytestmark = pytest.mark.gui

PHOTO_MARK = b"PHOTO-CANARY-4c1e"


class Played(QObject):
    """The speaker at the Qt Multimedia boundary: keeps what it was given to play."""

    sig_finished = Signal()
    played: list[tuple[bytes, int]] = []
    stopped = 0

    def play(self, pcm: bytes, rate: int) -> None:
        Played.played.append((pcm, rate))

    def stop(self) -> None:
        Played.stopped += 1


def photo(path: Path) -> Path:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    image.save(str(path), "PNG")
    path.write_bytes(path.read_bytes() + PHOTO_MARK)  # after IEND: still a PNG
    return path


@pytest.fixture
def coordinator(tmp_path):
    """A coordinator store with one merged interview: a 6 s recording and a photo."""
    w = MediaWorld(tmp_path)
    signal_ = tone(6.0)
    with Store.open(w.laptop, PASSPHRASE) as d:
        repo = InterviewRepo(d)
        iv = repo.start("media_t")
        iv.remove_instance("members[1]")
        r = rec_mod.Recorder(d, iv.id, "testimony", interview=iv)
        r.start()
        for block in pcm_blocks(signal_):
            r.feed(block)
        r.stop()
        row = ops_media.attach_file(d, iv.id, "photo", photo(tmp_path / "doc.png")).row
        iv.set_answer("photo", row.reference)
        repo.finalize(iv)
    assert w.merge(w.export()).ok
    return w, signal_


def open_record(qtbot, window):
    home = window.home
    home.table.selectRow(0)
    home.table.setFocus()
    qtbot.keyClick(home.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.interview_page is not None
                    and window.stack.currentWidget() is window.interview_page)
    page = window.interview_page
    assert page.read_only
    return page.review_page().media


def test_a_coordinator_plays_the_recording_and_views_the_photo(qtbot, make_window, coordinator, monkeypatch,
                                                               tmp_path):
    w, recorded = coordinator
    monkeypatch.setattr(media_view.MediaAnswers, "speaker_factory", Played)
    Played.played.clear()
    window = make_window(w.coord)
    unlock(qtbot, window)
    media = open_record(qtbot, window)
    qtbot.waitUntil(media.isVisible)
    play, view = media.buttons["testimony"], media.buttons["photo"]
    for widget in (play, view, media.thumbnails["photo"]):
        assert widget.objectName() and widget.accessibleName()
    assert play.text() == "Play" and play.accessibleName() == "Play the recording: Testimony"
    assert not media.thumbnails["photo"].pixmap().isNull()
    # keyboard only: focus the Play button, Space plays, Space again stops
    play.setFocus()
    qtbot.keyClick(play, Qt.Key.Key_Space)
    assert media.playing == "testimony" and play.text() == "Stop"
    pcm, rate = Played.played[-1]
    assert rate == rec_mod.SAMPLE_RATE
    decoded = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32767
    corr, snr, duration = compare(recorded, decoded)
    assert corr > 0.95 and abs(duration) < 0.05  # the recording itself, not a placeholder
    qtbot.keyClick(play, Qt.Key.Key_Space)
    assert media.playing is None and play.text() == "Play"
    # View: the whole photo in a window, from memory; Escape closes it
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    viewer = media.viewer
    assert viewer is not None and viewer.isVisible()
    image = viewer.findChild(type(media.thumbnails["photo"]), "media_image")
    assert image.pixmap().width() == 320 and image.accessibleName() == "Image: Photo of document"
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())
    # nothing decoded was written anywhere: no file but the original holds the photo's bytes
    assert [h for h in files_containing(tmp_path, [PHOTO_MARK]) if not h.endswith("doc.png")] == []
    # closing the record stops playback and drops the images
    play.click()
    qtbot.mouseClick(window.interview_page.findChild(QPushButton, "interview_close"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    settle(qtbot, window)
    assert media.playing is None


def english_again() -> None:
    """Later tests build pages without a window: they must not inherit the Korean catalogue."""
    from fieldapp.gui import i18n

    app = QApplication.instance()
    i18n.remove_translators(app, getattr(app, "_fieldapp_translators", []))
    app._fieldapp_translators = i18n.install_translators(app, "en")  # as gui.app.start does


def test_the_media_list_speaks_korean(qtbot, make_window, coordinator, monkeypatch, request):
    w, _ = coordinator
    monkeypatch.setattr(media_view.MediaAnswers, "speaker_factory", Played)
    window = make_window(w.coord, language="ko")
    request.addfinalizer(english_again)
    unlock(qtbot, window)
    media = open_record(qtbot, window)
    qtbot.waitUntil(media.isVisible)
    play, view = media.buttons["testimony"], media.buttons["photo"]
    assert play.text() == "재생" and "Testimony" in play.accessibleName() and "재생" in play.accessibleName()
    assert view.text() == "보기"
    assert media._heading.text() == "미디어 답변"
