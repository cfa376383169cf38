"""Screenshots of rosters and question widgets in the real window under X, at 1366x768.

    Xvfb :91 -screen 0 1366x768x24 & openbox &   # (DISPLAY=:91)
    DISPLAY=:91 QT_QPA_PLATFORM=xcb python tools/screenshots_rosters.py

Runs the desktop app maximized under a real window manager (the window's frame, title bar and
the dialogs' placement are what a user sees; an offscreen grab shows none of that) and grabs
the whole screen with Pillow: the roster page asking "is there another?", the confirmation
that names the entry to remove, the hierarchy view with nested rosters, and a page of the
newer question widgets (time, range, rank, a location on a laptop), in English and Korean,
into docs/screenshots/1x-*.png. A throwaway store and a demo form (family members still
inside, their detentions; relation and age group only, never a name) are made for each run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
OUT = REPO / "docs" / "screenshots"
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"  # noqa: S105 - throwaway demo store

SURVEY = [
    ["type", "name", "label::English (en)", "label::Korean (ko)", "required", "appearance",
     "parameters"],
    ["select_one yn", "consent", "Do you agree to take part?", "참여에 동의하십니까?", "yes", "", ""],
    ["begin repeat", "family", "Family member still inside", "북한에 남은 가족", "", "", ""],
    ["select_one rel", "relation", "Relation to you", "응답자와의 관계", "yes", "", ""],
    ["select_one agegroup", "age_group", "Age group", "연령대", "", "", ""],
    ["select_one yn", "contact", "Contact in the last year?", "지난 1년 사이 연락?", "", "", ""],
    ["begin repeat", "detention", "Detention", "구금", "", "", ""],
    ["integer", "year", "Year detained", "구금 연도", "", "", ""],
    ["select_one facility", "facility", "Type of facility", "시설 종류", "", "", ""],
    ["end repeat", "", "", "", "", "", ""],
    ["end repeat", "", "", "", "", "", ""],
    ["begin group", "crossing", "Crossing", "탈북 경로", "", "field-list", ""],
    ["time", "crossed_at", "At what time did you cross the river?", "몇 시에 강을 건넜습니까?", "", "", ""],
    ["range", "fear", "How afraid were you (1 = not at all, 5 = very)?",
     "얼마나 두려웠습니까? (1 = 전혀, 5 = 매우)", "", "", "start=1 end=5 step=1"],
    ["rank needs", "needs", "Rank what you needed most after arriving",
     "도착 후 가장 필요했던 것의 순위", "", "", ""],
    ["geopoint", "where", "Where are we now?", "지금 위치", "", "", ""],
    ["end group", "", "", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label::English (en)", "label::Korean (ko)"],
    ["yn", "yes", "Yes", "예"], ["yn", "no", "No", "아니오"],
    ["rel", "mother", "Mother", "어머니"], ["rel", "father", "Father", "아버지"],
    ["rel", "sibling", "Brother or sister", "형제자매"], ["rel", "child", "Son or daughter", "자녀"],
    ["agegroup", "u18", "Under 18", "18세 미만"], ["agegroup", "a18_39", "18 to 39", "18-39세"],
    ["agegroup", "a40_59", "40 to 59", "40-59세"], ["agegroup", "a60", "60 or older", "60세 이상"],
    ["facility", "kyohwaso", "Re-education camp (kyohwaso)", "교화소"],
    ["facility", "jipkyulso", "Holding centre (jipkyulso)", "집결소"],
    ["facility", "kwanliso", "Political prison camp (kwanliso)", "관리소"],
    ["needs", "food", "Food", "식량"], ["needs", "house", "Housing", "주거"],
    ["needs", "work", "Work", "일자리"], ["needs", "school", "Schooling", "교육"],
]
MEMBERS = [("mother", "a60", "yes", [(2009, "jipkyulso")]), ("sibling", "a18_39", "no", []),
           ("father", "a60", "no", [(2004, "kyohwaso"), (2011, "kwanliso")])]


def demo_form(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    for title, rows in (("survey", SURVEY), ("choices", CHOICES),
                        ("settings", [["form_id", "version", "form_title", "default_language"],
                                      ["rosters_demo", "1", "Family members still inside",
                                       "English (en)"]])):
        sheet = wb.active if title == "survey" else wb.create_sheet(title)
        sheet.title = title
        for row in rows:
            sheet.append(row)
    path = folder / "rosters-demo.xlsx"
    wb.save(path)
    return path


def pump(seconds: float = 0.4) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)


def wait_until(condition, timeout: float = 30.0, what: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: the app did not reach the expected state in time ({what})")
        QApplication.processEvents()
        time.sleep(0.02)


def grab(name: str, language: str) -> None:
    from PIL import ImageGrab

    pump()
    path = OUT / f"{name}-{language}.png"
    ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(path)
    print(f"wrote {path.relative_to(REPO)}")


def enter_family(iv) -> None:
    iv.set_answer("consent", "yes")
    for n, (relation, age, contact, detentions) in enumerate(MEMBERS, 1):
        member = f"family[{n}]" if n == 1 else iv.add_instance("family")
        iv.set_answer(f"{member}/relation", relation)
        iv.set_answer(f"{member}/age_group", age)
        iv.set_answer(f"{member}/contact", contact)
        for m, (year, facility) in enumerate(detentions, 1):
            episode = f"{member}/detention[{m}]" if m == 1 and n == 1 else iv.add_instance("detention", member)
            iv.set_answer(f"{episode}/year", year)
            iv.set_answer(f"{episode}/facility", facility)
    if not MEMBERS[0][3]:
        iv.remove_instance("family[1]/detention[1]")


def shoot(language: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.gui.app import start
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    with tempfile.TemporaryDirectory(prefix="fieldapp-roster-shots-") as tmp:
        root = Path(tmp)
        os.environ["FIELDAPP_CONFIG_DIR"] = str(root / "config")
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"  # a throwaway store: a quick KDF
        folder = root / "store"
        with Store.create(folder, PASSPHRASE, "interviewer") as store:
            add_form(store, read_xlsform(demo_form(root)))
        app, window = start(folder, language=language, force_bundled_font=True)
        window.showMaximized()
        window.activateWindow()
        try:
            window.unlock.passphrase_edit.setText(PASSPHRASE)
            window.unlock.unlock_button.click()
            wait_until(lambda: not window.locked, what="unlocked")
            form_language = "Korean (ko)" if language == "ko" else "English (en)"
            iv = window.session.repo.start("rosters_demo", language=form_language)
            enter_family(iv)
            window.open_interview(iv.id, "q:family[3]/detention[2]/facility")
            wait_until(lambda: window.interview_page is not None and window.interview_page.isVisible(),
                       what="interview page")
            page = window.interview_page
            page.findChild(QPushButton, "interview_next").click()  # the detentions roster asks
            page.findChild(QPushButton, "interview_next").click()  # no more: the family roster asks
            grab("10-roster", language)
            view = page.roster_view()
            view._list.setCurrentItem(view.entries()[1])  # noqa: SLF001
            view._list.setFocus()  # noqa: SLF001
            QTest.keyClick(view._list, Qt.Key.Key_Delete)  # noqa: SLF001
            wait_until(lambda: view.confirm_box is not None and view.confirm_box.isVisible(), what="confirmation")
            grab("11-roster-remove", language)
            QTest.keyClick(view.confirm_box, Qt.Key.Key_Escape)
            page.roster_view().sig_open.emit("family[3]")
            page.findChild(QPushButton, "interview_index").click()  # Go to… (Ctrl+G)
            grab("12-hierarchy", language)
            page.review_page().sig_return.emit()
            window.show_page("home")
            iv = window.session.repo.resume(iv.id)
            iv.set_answer("crossed_at", "02:40")
            iv.set_answer("fear", 4)
            iv.set_answer("needs", "food house work school")
            window.open_interview(iv.id, "g:crossing")
            wait_until(lambda: window.interview_page is not None and window.interview_page.isVisible()
                       and window.interview_page.interview.position == "g:crossing", what="widgets")
            grab("13-widgets", language)
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            pump(0.2)
            del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("en", "ko"), action="append")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        raise SystemExit("screenshots_rosters: needs an X display (Xvfb + openbox), see the docstring")
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    OUT.mkdir(parents=True, exist_ok=True)
    for language in args.language or ("en", "ko"):
        shoot(language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
