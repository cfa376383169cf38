"""Screenshots of form images and the background recording (issue #16):
``python tools/screenshots_form_media.py``.

On a 1366x768 Xvfb screen under openbox when both are installed (as tools/screenshots.py),
else grabbed offscreen (``--offscreen`` forces that).

Drives the real app (fresh throwaway store, bundled font) through a small form installed with
its ``-media`` folder: a ``background-audio`` question, the consent question, and a question
with an image (a map, drawn in each language) whose choices have images of their own. A
generated tone stands in for the microphone (as in the tests). In English and Korean:
24-background-recording-*.png (consent just given: the recording bar, red dot, time
recorded), 25-form-images-*.png (the question's image above its choices, each choice's
image beside it, the recording still running at the top), 26-background-ask-*.png (a form
without a consent question: the app asks before recording), 27-review-recording-*.png (the
review page saying that the interview is being recorded, and for how long).
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
    wait_until,
)

SURVEY = [
    ["type", "name", "label::English (en)", "label::Korean (ko)", "image::English (en)", "image::Korean (ko)",
     "parameters"],
    ["background-audio", "interview_audio", "", "", "", "", "quality=voice-only"],
    ["select_one yes_no", "consent", "Consent recorded (read the consent script aloud first, including the "
     "recording)", "동의를 받았습니까? (녹음을 포함한 동의 안내문을 먼저 소리 내어 읽어 주십시오)", "", "", ""],
    ["select_one crossing", "crossing", "Where did you cross the border?", "어디에서 국경을 넘었습니까?",
     "map-en.png", "map-ko.png", ""],
    ["text", "story", "Anything else to add?", "더 하실 말씀이 있습니까?", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Korean (ko)", "image"],
    ["yes_no", "yes", "Yes", "예", ""],
    ["yes_no", "no", "No", "아니오", ""],
    ["crossing", "river", "Across the Tumen river", "두만강을 건너서", "river.png"],
    ["crossing", "mountains", "Through the mountains", "산을 넘어서", "mountains.png"],
    ["crossing", "other", "Somewhere else", "다른 곳", ""],
]
ASK_SURVEY = [["type", "name", "label::English (en)", "label::Korean (ko)"],
              ["background-audio", "interview_audio", "", ""],
              ["text", "story", "What happened?", "무슨 일이 있었습니까?"]]


def _picture(path: Path, size: tuple[int, int], colour: str, text: str, drawing: str) -> None:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF

    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = size
    if drawing == "map":
        p.setPen(QPen(QColor("#2f6fb0"), 10))
        p.drawPolyline(QPolygonF([QPointF(w * x, h * y) for x, y in
                                  ((0.05, 0.2), (0.3, 0.35), (0.5, 0.3), (0.7, 0.55), (0.95, 0.6))]))
        p.setPen(QPen(QColor("#7a5c2e"), 4, Qt.PenStyle.DashLine))
        p.drawLine(0, int(h * 0.45), w, int(h * 0.7))
    elif drawing == "river":
        p.setPen(QPen(QColor("#2f6fb0"), 14))
        p.drawLine(0, int(h * 0.6), w, int(h * 0.4))
    else:
        p.setBrush(QColor("#6b8e4e"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(QPolygonF([QPointF(0, h), QPointF(w * 0.35, h * 0.2), QPointF(w * 0.6, h * 0.7),
                                 QPointF(w * 0.8, h * 0.35), QPointF(w, h)]))
    p.setPen(QColor("#222222"))
    p.setFont(QFont("NanumGothic", max(10, h // 12)))
    p.drawText(image.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft, text)
    p.end()
    image.save(str(path))


def _workbook(path: Path, survey: list[list[str]], choices: list[list[str]] | None, form_id: str) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "survey"
    for row in survey:
        wb.active.append(row)
    if choices:
        sheet = wb.create_sheet("choices")
        for row in choices:
            sheet.append(row)
    settings = wb.create_sheet("settings")
    settings.append(["form_id", "version", "default_language"])
    settings.append([form_id, "1", "English (en)"])
    wb.save(path)
    return path


def _forms(folder: Path) -> tuple[Path, Path]:
    media = folder / "crossing-media"
    media.mkdir()
    _picture(media / "map-en.png", (900, 300), "#efe9d8", "Border crossings (demo map)", "map")
    _picture(media / "map-ko.png", (900, 300), "#efe9d8", "국경을 넘는 곳 (예시 지도)", "map")
    _picture(media / "river.png", (240, 144), "#dde8ef", "", "river")
    _picture(media / "mountains.png", (240, 144), "#e6eadf", "", "mountains")
    return (_workbook(folder / "crossing.xlsx", SURVEY, CHOICES, "crossing_demo"),
            _workbook(folder / "ask.xlsx", ASK_SURVEY, None, "ask_demo"))


def shoot(language: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from tests.gui.test_media_widgets import ToneInput

    from fieldapp.gui.app import start
    from fieldapp.gui.widgets import background_audio
    from fieldapp.ops import forms as ops_forms

    background_audio.BackgroundRecording.input_factory = ToneInput
    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-form-media-") as tmp:
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
            crossing, ask = _forms(Path(tmp))
            ops_forms.install_form(window.session.store, crossing)
            ops_forms.install_form(window.session.store, ask)
            form_language = "Korean (ko)" if language == "ko" else "English (en)"
            interview = window.session.repo.start("crossing_demo", language=form_language)
            window.open_interview(interview.id)
            wait_until(lambda: window.interview_page is not None)
            page = window.interview_page
            page.question_widget("consent")._buttons["yes"].click()
            bar = page.background_recording()
            wait_until(lambda: bar.recording)
            bar._input.push(42.0)
            bar._refresh()
            save(window, "24-background-recording", language)
            page._next.click()
            settle()
            bar._input.push(31.0)
            bar._refresh()
            save(window, "25-form-images", language)
            page._to_review.click()  # the review states the recording before Finalize
            settle()
            save(window, "27-review-recording", language)
            page.flush()

            # a form without a consent question: the app asks first (shot while it asks)
            window.show_page("home")
            second = window.session.repo.start("ask_demo", language=form_language)
            shots: list[int] = []

            def grab_dialog() -> None:
                box = next((w for w in QApplication.topLevelWidgets()
                            if isinstance(w, QMessageBox) and w.isVisible()), None)
                if box is None:
                    QTimer.singleShot(100, grab_dialog)
                    return
                save(window, "26-background-ask", language)
                shots.append(1)
                box.reject()

            QTimer.singleShot(300, grab_dialog)
            window.open_interview(second.id)
            wait_until(lambda: bool(shots))
            settle()
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            settle()
            del app


def main(argv: list[str]) -> int:
    from tools.screenshots import shoot_each_language

    return shoot_each_language(argv, __file__, shoot)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
