"""Screenshots of recording, attaching and playback (issue #16): ``python tools/screenshots_media.py``.

On a 1366x768 Xvfb screen under openbox when both are installed (as tools/screenshots.py),
else grabbed offscreen (``--offscreen`` forces that).

Drives the real app (fresh throwaway store, bundled font) to an interview of a small form with
a testimony and a photo question, in English and Korean: recording in progress (a generated
tone stands in for the microphone, as in the tests), the recording kept with Play, and a photo
attached with its thumbnail. Writes docs/screenshots/20-recording-*.png, 21-recorded-*.png and
22-photo-attached-*.png; then the coordinator's side: the interview exported, merged and opened
read only with its recording playing and the photo's thumbnail, 23-playback-*.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from tools.screenshots import (  # noqa: E402
    DEMO_PASSPHRASE,
    SIZE,
    fresh_environment,
    save,
    settle,
    unlock_demo,
    wait_until,
)

SURVEY = [
    ["type", "name", "label::English (en)", "label::Korean (ko)", "hint::English (en)", "hint::Korean (ko)",
     "appearance"],
    ["begin group", "testimony_page", "Testimony", "증언", "", "", "field-list"],
    ["audio", "testimony", "Testimony: what happened at the border?", "증언: 국경에서 무슨 일이 있었습니까?",
     "Ask for consent before recording.", "녹음하기 전에 동의를 구하십시오."],
    ["image", "document", "Photo of the document", "문서 사진", "", ""],
    ["end group", "", "", "", "", ""],
    ["text", "anything_else", "Anything else to add?", "더 하실 말씀이 있습니까?", "", ""],
]


def _form(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    for row in SURVEY:
        wb.active.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version", "default_language"])
    settings.append(["testimony_demo", "1", "English (en)"])
    path = folder / "testimony.xlsx"
    wb.save(path)
    return path


def _photo(folder: Path) -> Path:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    image = QImage(480, 320, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4efe1"))
    p = QPainter(image)
    p.setPen(QColor("#333333"))
    p.setFont(QFont("NanumGothic", 22))
    p.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "DOCUMENT\n(demo)")
    p.end()
    path = folder / "document.png"
    image.save(str(path))
    return path


def shoot(language: str) -> None:
    from tests.gui.test_media_widgets import ToneInput

    from fieldapp.gui.app import start
    from fieldapp.gui.widgets import media as media_widgets
    from fieldapp.ops import forms as ops_forms

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-media-") as tmp:
        fresh_environment(Path(tmp))
        app, window = start(None, language=language, force_bundled_font=True)
        window.resize(*SIZE)
        window.show()
        try:
            welcome = window.welcome
            welcome.folder_edit.setText(str(Path(tmp) / "store"))
            welcome.passphrase_edit.setText(DEMO_PASSPHRASE)
            welcome.repeat_edit.setText(DEMO_PASSPHRASE)
            welcome.create_button.click()
            wait_until(lambda: window.stack.currentWidget() is window.home)
            ops_forms.install_form(window.session.store, _form(Path(tmp)))
            form_language = "Korean (ko)" if language == "ko" else "English (en)"
            interview = window.session.repo.start("testimony_demo", language=form_language)
            window.open_interview(interview.id)
            wait_until(lambda: window.interview_page is not None)
            page = window.interview_page
            media_widgets.RecorderWidget.input_factory = ToneInput
            rec = page._widgets["testimony"]
            rec._record.click()
            rec._input.push(7.3)
            rec._show_progress()
            save(window, "20-recording", language)
            rec._on_stop()
            save(window, "21-recorded", language)
            photo = _photo(Path(tmp))
            att = page._widgets["document"]
            att.choose_file = lambda: str(photo)
            att.offer_delete_original = lambda path: None
            att._attach.click()
            settle()
            save(window, "22-photo-attached", language)
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            settle()
            del app


def _merged_record(root: Path, language: str) -> tuple[Path, str]:
    """A coordinator store holding one merged interview with a 9 s recording and a photo."""
    from tests.core.test_recorder import pcm_blocks, tone

    from fieldapp.exchange.keys import project_key_file
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.ops import exchange as exchange_ops
    from fieldapp.ops import media as ops_media
    from fieldapp.ops import recorder as ops_recorder
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

    form = read_xlsform(_form(root))
    coordinator, laptop = root / "coordinator", root / "laptop"
    with Store.create(coordinator, DEMO_PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        with store.reading() as conn:
            key = project_key_file(conn)
    with Store.create(laptop, DEMO_PASSPHRASE, "interviewer") as store:
        add_form(store, form)
        from fieldapp.crypto.projectkey import load_project_key
        from fieldapp.exchange.keys import device_public, device_words

        exchange_ops.enrol(store, key, words=load_project_key(key).fingerprint_words())
        with store.reading() as conn:
            words = device_words(device_public(conn))
        repo = InterviewRepo(store)
        iv = repo.start("testimony_demo", language="Korean (ko)" if language == "ko" else "English (en)")
        rec = ops_recorder.Recorder(store, iv.id, "testimony", interview=iv)
        rec.start()
        for block in pcm_blocks(tone(9.0)):
            rec.feed(block)
        rec.stop()
        iv.set_answer("document", ops_media.attach_file(store, iv.id, "document", _photo(root)).row.reference)
        repo.finalize(iv)
        bundle = exchange_ops.export(store, root).result.path
    with Store.open(coordinator, DEMO_PASSPHRASE) as store:
        exchange_ops.merge_bundles(store, [bundle], trust=[words])
    return coordinator, iv.id


def shoot_playback(language: str) -> None:
    from PySide6.QtCore import QObject, Signal

    from fieldapp.gui.app import start
    from fieldapp.gui.widgets import media_view

    class Silent(QObject):  # no sound card needed for a picture of the screen
        sig_finished = Signal()

        def play(self, pcm: bytes, rate: int) -> None:
            pass

        def stop(self) -> None:
            pass

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-playback-") as tmp:
        fresh_environment(Path(tmp))
        coordinator, interview_id = _merged_record(Path(tmp), language)
        app, window = start(None, language=language, force_bundled_font=True)
        window.resize(*SIZE)
        window.show()
        try:
            unlock_demo(window, coordinator)
            window.view_interview(interview_id)
            wait_until(lambda: window.interview_page is not None)
            media = window.interview_page.review_page().media
            wait_until(media.isVisible)
            media_view.MediaAnswers.speaker_factory = Silent
            media.buttons["testimony"].click()
            media.buttons["testimony"].setFocus()
            settle()
            save(window, "23-playback", language)
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            settle()
            del app


def main(argv: list[str]) -> int:
    from tools.screenshots import shoot_each_language

    return shoot_each_language(argv, __file__, shoot, shoot_playback)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
