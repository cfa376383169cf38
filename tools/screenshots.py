"""Screenshots of the real app for the README: ``python tools/screenshots.py`` (``make screenshots``).

Drives the desktop app through first run, home, a select_one page showing a constraint
message, a select_multiple page, the question index, review, the interviewer's counts, the
settings and the press-and-hold wipe, the lock screen, "use a different store", the exchange
(enrol, export, import, devices), the coordinator's records and the summary tables (plain,
cross-tab and compare modes, a repeat level counted as entries and as respondents, over
simulated finalized interviews), in English and Korean, and
writes PNGs to docs/screenshots/.

Issue #15 asks for the screen a user sees: with Xvfb and openbox installed (``make sysdeps``)
the app runs on a virtual 1366x768 screen under a real window manager, maximized, and each
image is that whole screen (dialogs included, window frame and all); without them it falls
back to Qt's offscreen platform and grabs the window alone. Every run uses a fresh throwaway
store and settings folder (nothing of the user's is read or written) and the bundled
NanumGothic font, so Korean never renders as empty boxes. Last, the main pages at 200% scaling
(QT_SCALE_FACTOR=2, in a child process: the factor is read once at start-up) on a virtual screen
twice 1366x768, as a HiDPI laptop at 200% shows them (``SCALED_PAGES``, suffix ``-200pct``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
OUT = REPO / "docs" / "screenshots"
LANGUAGES = ("en", "ko")
SIZE = (1366, 768)
SCALED_SIZE = (960, 540)
DEMO_PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"  # noqa: S105 - throwaway demo store
REFERENCE = "escapee_survey_2017"
TABLE_RESPONDENTS = 80
TABLE_QUESTION = "info_access_change"
TABLE_BY = "left_2014_or_later"  # a derived field: shown by its label, its values too
#: The repeat level shown (the family members still inside), its question and breakdown.
TABLE_LEVEL, TABLE_LEVEL_QUESTION, TABLE_LEVEL_BY = "family_member", "family_relation", "gender"
#: At 200% (QT_SCALE_FACTOR=2) the virtual screen is twice 1366x768, so the app has the same
#: 1366x768 logical pixels a HiDPI laptop at 200% gives it; only the main pages are kept.
SCALED_SCREEN = (2732, 1536)
SCALED_PAGES = ("02-home", "03-select-one-constraint", "04-select-multiple", "05-review", "08-import",
                "07-tables", "07-tables-level", "16-coordinator-records")


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            import traceback

            where = traceback.extract_stack()[-2]
            raise SystemExit(f"screenshots: the app did not reach the expected state in time "
                             f"(line {where.lineno}: {where.line})")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.01)


def on_screen() -> bool:
    """True when the app runs on a (virtual) X screen: images are then the whole screen."""
    return os.environ.get("QT_QPA_PLATFORM") == "xcb" and bool(os.environ.get("DISPLAY"))


def save(window, name: str, language: str, suffix: str = "") -> Path | None:
    if os.environ.get("QT_SCALE_FACTOR") == "2" and name not in SCALED_PAGES:
        return None
    settle()
    path = OUT / f"{name}-{language}{suffix}.png"
    if on_screen():
        from PIL import ImageGrab

        time.sleep(0.3)  # the X server and the window manager draw after Qt does
        settle()
        ImageGrab.grab(xdisplay=os.environ["DISPLAY"]).save(str(path))
    else:
        window.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO)}")
    return path


def run_on_virtual_screen(argv: list[str], script: str = __file__, scaled: bool = False) -> int | None:
    """Run this script again on a 1366x768 Xvfb screen under openbox (``scaled``: a screen
    twice that size at 200%); None when either is missing (the caller then shoots offscreen).
    Both are stopped, by their own ids, at the end."""
    import shutil

    if not (shutil.which("Xvfb") and shutil.which("openbox")):
        return None
    width, height = SCALED_SCREEN if scaled else SIZE
    # Xvfb picks a free display itself and writes its number to the pipe (-displayfd).
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    wm = None
    try:
        with os.fdopen(read_end) as pipe:
            display = ":" + pipe.readline().strip()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        env.pop("QT_SCALE_FACTOR", None)
        if scaled:
            env["QT_SCALE_FACTOR"] = "2"
        wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        return subprocess.run([sys.executable, script, "--here", *argv], env=env, check=False).returncode
    finally:
        for proc in (wm, xvfb):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)


def shoot_each_language(argv: list[str], script: str, *shooters) -> int:
    """``main`` of a screenshot script: again on a virtual screen when Xvfb and openbox are
    there (unless ``--here`` or ``--offscreen``), else offscreen; then every shooter in each
    language."""
    if "--here" not in argv and "--offscreen" not in argv:
        rc = run_on_virtual_screen([], script=script)
        if rc is not None:
            return rc
    if "--here" not in argv:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    OUT.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        for shoot in shooters:
            shoot(language)
    return 0


def fresh_environment(root: Path) -> None:
    """Point settings and the default store folder at a throwaway place."""
    os.environ["FIELDAPP_CONFIG_DIR"] = str(root / "config")
    os.environ["XDG_DATA_HOME"] = str(root / "data")
    # The store is thrown away at the end; a cheap KDF keeps the run quick.
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"


def sample_interviews(repo, language_key: str) -> None:
    """A few rows for the home page: drafts at different points and one finalized."""
    refused = repo.start(REFERENCE, language=language_key)
    refused.set_answer("consent", "no")
    refused.go_next()
    repo.finalize(refused)
    for answers in ({"consent": "yes", "respondent_type": "survey", "age": 41},
                    {"consent": "yes"}):
        draft = repo.start(REFERENCE, language=language_key)
        for name, value in answers.items():
            draft.set_answer(name, value)
        draft.go_next()


def reopen(window, interview_id: str, answers: dict, position: str) -> None:
    """Set answers through the engine, then open the interview at ``position``."""
    window.show_page("home")  # closes the interview page (everything is saved)
    interview = window.session.repo.resume(interview_id)
    for name, value in answers.items():
        interview.set_answer(name, value)
    window.open_interview(interview_id, position)
    wait_until(lambda: window.interview_page is not None and window.interview_page.isVisible())


def shoot_tables(window, language: str, suffix: str) -> None:
    """07: the Tables page of the coordinator's store over simulated finalized interviews, on a
    question with a small cell; then broken down by another question (cross-tab) and compared
    with one that shares its options (2007 vs now)."""
    import random

    from fieldapp.engine.simulate import simulate
    from fieldapp.store.forms import get_form
    from fieldapp.store.interviews import insert_finalized

    store = window.session.store
    form = get_form(store, REFERENCE)
    rng = random.Random(2017)  # the same made-up respondents on every run
    interviews = [simulate(form, rng, fixed={"consent": "yes", "respondent_type": "survey"})
                  for _ in range(TABLE_RESPONDENTS)]
    with store.transaction() as conn:
        insert_finalized(store, conn, interviews, "paper")  # as if keyed in from paper forms
    page = window.tables
    window.show_page("tables")
    wait_until(lambda: page.computed is not None and not page.working)
    page.select_question(TABLE_QUESTION)
    wait_until(lambda: not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables", language, suffix)
    page.by_combo.setCurrentIndex(max(0, page.by_combo.findData(TABLE_BY)))
    wait_until(lambda: not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables-crosstab", language, suffix)
    page.by_combo.setCurrentIndex(0)
    wait_until(lambda: not page.working)
    page.compare_combo.setCurrentIndex(1)
    wait_until(lambda: not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables-compare", language, suffix)
    page.compare_combo.setCurrentIndex(0)
    # A repeat level: the family members still inside, by the respondent's gender; then the
    # respondents with at least one family member of each relation.
    page.level_combo.setCurrentIndex(page.level_combo.findData(TABLE_LEVEL))
    wait_until(lambda: page.computed is not None and not page.working)
    page.select_question(TABLE_LEVEL_QUESTION)
    page.by_combo.setCurrentIndex(max(0, page.by_combo.findData(TABLE_LEVEL_BY)))
    wait_until(lambda: not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables-level", language, suffix)
    page.by_combo.setCurrentIndex(0)
    wait_until(lambda: not page.working)
    page.over_combo.setCurrentIndex(page.over_combo.findData("respondents"))
    wait_until(lambda: page.computed is not None and not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables-level-any", language, suffix)
    page.level_combo.setCurrentIndex(0)
    wait_until(lambda: not page.working)


def shoot_interviewer_pages(window, language: str, suffix: str) -> None:
    """14-15: what an interviewer's laptop shows instead of tables, the settings and the wipe
    confirmation while its button is held (nothing is wiped: the dialog is closed before the
    end of the countdown)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window.show_page("tables")  # an interviewer store: the Counts page
    wait_until(lambda: window.counts.model.rowCount() > 0)
    save(window, "14-counts", language, suffix)
    window.show_page("settings")
    save(window, "15-settings", language, suffix)
    window.settings.wipe_button.click()
    dialog = window.settings.wipe_dialog
    QTest.mousePress(dialog.wipe_button, Qt.MouseButton.LeftButton)
    deadline = time.monotonic() + 1.2
    while time.monotonic() < deadline:
        settle()
    save(window, "15-wipe-hold", language, suffix)
    QTest.mouseRelease(dialog.wipe_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    settle()
    assert window.session.is_open  # nothing was wiped
    window.show_page("home")


def unlock_demo(window, folder: Path) -> None:
    window.show_unlock(folder)
    window.unlock.passphrase_edit.setText(DEMO_PASSPHRASE)
    window.unlock.unlock_button.click()
    wait_until(lambda: not window.locked)


def shoot_exchange(window, root: Path, language: str, suffix: str) -> None:
    """08: enrol with a coordinator's project key, export to a stick, check and merge on the
    coordinator (with a truncated copy that is refused), and the coordinator's devices page."""
    from fieldapp.exchange.keys import project_key_file
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    laptop, coordinator, stick = window.session.folder, root / "coordinator", root / "usb"
    stick.mkdir()
    with Store.create(coordinator, DEMO_PASSPHRASE, "coordinator") as store:
        add_form(store, read_xlsform(reference_questionnaire()))
        with store.reading() as conn:
            (stick / "project.fieldapp-key").write_bytes(project_key_file(conn))

    unlock_demo(window, laptop)
    window.show_page("export")
    page = window.exchange_pages["export"]
    page.choose_key_file(stick / "project.fieldapp-key")
    wait_until(lambda: page._candidate is not None)  # the key is read on the store executor
    page.match_check.setChecked(True)
    save(window, "08-export-enrol", language, suffix)
    page.enrol_button.click()
    wait_until(lambda: page.enrolled and page.model is not None)
    page.set_folder(stick)
    wait_until(lambda: page.export_button.isEnabled())  # enrolling runs on the store executor
    # The page as a long media export leaves it while the stick is read back (a demo bundle
    # is done too soon to catch there): the page's own progress handler, then back to idle.
    from fieldapp.exchange import export as core
    from fieldapp.progress import CancelToken

    page._export_cancel = CancelToken()
    page._set_busy(True)
    page._on_export_progress(core.PROGRESS["checking"] + 150, core.UNITS, "checking")
    save(window, "08-export-checking", language, suffix)
    page._export_cancel = None
    page.progress_label.clear()
    page._set_busy(False)
    page.export_button.click()
    wait_until(lambda: not page._busy and page.result_label.text() != "")
    save(window, "08-export", language, suffix)
    # Writing the bundles again to a new stick (a lost one), caught half-way as above
    page._export_cancel = CancelToken()
    page._set_busy(True)
    page.outbox_status.setText(page.tr("Writing the bundles to {0}…").format(stick))
    page._on_export_progress(45, 100, "resending")
    save(window, "08-export-resending", language, suffix)
    page._end_export()
    page.outbox_status.clear()
    (bundle,) = stick.glob("*.fab")
    damaged = stick / "damaged-copy.fab"
    damaged.write_bytes(bundle.read_bytes()[:-100])

    window.lock()
    unlock_demo(window, coordinator)
    window.show_page("import")
    page = window.exchange_pages["import"]
    page.add_files([bundle, damaged])
    wait_until(lambda: all(r.stage == "checked" for r in page.model.rows()))
    save(window, "08-import", language, suffix)
    # The laptop is trusted by its fingerprint words, one laptop per confirmation.
    page.table.selectRow(page.model.index_of(bundle))
    page.trust_button.click()
    page.trust_dialog.match_check.setChecked(True)
    page.trust_dialog.label_edit.setText("서울팀 노트북 3" if language == "ko" else "Seoul team, laptop 3")
    save(window, "08-import-trust", language, suffix)
    page.trust_dialog.trust_button.click()
    wait_until(lambda: page.row(bundle).stage == "checked" and page.row(bundle).report.ok)
    page.merge_button.click()
    wait_until(lambda: page.row(bundle).stage == "merged")
    save(window, "08-import-merged", language, suffix)
    window.show_page("devices")
    window.exchange_pages["devices"].table.selectRow(0)
    save(window, "08-import-devices", language, suffix)
    shoot_tables(window, language, suffix)
    window.show_page("home")
    wait_until(lambda: window.home.proxy.rowCount() > 0)
    save(window, "16-coordinator-records", language, suffix)
    window.lock()


def shoot_language(language: str, only: str | None = None, suffix: str = "") -> None:
    from PySide6.QtWidgets import QPushButton

    from fieldapp.gui.app import start

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        fresh_environment(Path(tmp))
        app, window = start(None, language=language, force_bundled_font=True)
        # At 200% a 1920x1080 screen is 960x540 logical pixels: show what such a user sees.
        if on_screen():
            window.showMaximized()  # the whole 1366x768 screen, as a user would
        else:
            window.resize(*(SCALED_SIZE if os.environ.get("QT_SCALE_FACTOR") == "2" else SIZE))
            window.show()
        try:
            welcome = window.welcome
            welcome.folder_edit.setText(str(Path(tmp) / "store"))
            welcome.generate_button.click()
            if only is None:
                save(window, "01-first-run", language, suffix)
            # The generated words were shown for the picture; the store gets the demo passphrase.
            welcome.passphrase_edit.setText(DEMO_PASSPHRASE)
            welcome.repeat_edit.setText(DEMO_PASSPHRASE)
            welcome.create_button.click()
            wait_until(lambda: window.stack.currentWidget() is window.home)

            form_language = "Korean (ko)" if language == "ko" else "English (en)"
            sample_interviews(window.session.repo, form_language)
            window.show_page("home")
            save(window, "02-home", language, suffix)
            if only == "home":
                return

            interview = window.session.repo.start(REFERENCE, language=form_language)
            profile = {"consent": "yes", "respondent_type": "survey", "gender": "female",
                       "province": "north_hamgyong", "year_left": 2015,
                       "contact_with_family": "yes", "age": 12}
            reopen(window, interview.id, profile, "g:profile")
            next_button = window.interview_page.findChild(QPushButton, "interview_next")
            next_button.click()  # age 12 breaks the form's constraint: the message shows
            save(window, "03-select-one-constraint", language, suffix)

            reopen(window, interview.id, {"age": 34, "economy_change": "little_better",
                                          "kkotjebi_change": "decreased_little",
                                          "corruption_change": "much_more_common",
                                          "info_access_change": "increased_lot",
                                          "info_forms": "usb mobile_phone radio"},
                   "g:info_forms_page")
            save(window, "04-select-multiple", language, suffix)

            index = window.interview_page.findChild(QPushButton, "interview_index")
            index.click()
            save(window, "05-question-index", language, suffix)

            reopen(window, interview.id, {}, "review")
            save(window, "05-review", language, suffix)

            if only == "review":
                return
            shoot_interviewer_pages(window, language, suffix)

            window.lock()
            save(window, "06-lock", language, suffix)
            window.unlock.other_button.click()
            save(window, "06-use-another-store", language, suffix)
            window.welcome.back_button.click()
            shoot_exchange(window, Path(tmp), language, suffix)
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            settle()
            del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=LANGUAGES, action="append")
    parser.add_argument("--only", choices=["home", "review"], help="stop after this screen")
    parser.add_argument("--suffix", default="")
    parser.add_argument("--no-scaled", action="store_true", help="skip the 200%% image")
    parser.add_argument("--offscreen", action="store_true", help="grab the window, no virtual screen")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)  # on the screen already
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.here and not args.offscreen and os.environ.get("QT_SCALE_FACTOR") != "2":
        forwarded = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--no-scaled"]
        rc = run_on_virtual_screen([*forwarded, "--no-scaled"])
        if rc is not None:
            if rc == 0 and not args.language and not args.no_scaled:
                shoot_scaled()
            return rc
    if not args.here:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    for language in args.language or LANGUAGES:
        shoot_language(language, args.only, args.suffix)
    if not args.here and not args.language and not args.no_scaled:
        shoot_scaled()
    return 0


def shoot_scaled() -> None:
    """The main pages at 200% in both languages (``SCALED_PAGES``, suffix -200pct): on the
    double-size virtual screen when there is one, else offscreen at 960x540 logical pixels."""
    rc = run_on_virtual_screen(["--suffix=-200pct", "--no-scaled"], scaled=True)
    if rc is None:
        env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
        env.pop("DISPLAY", None)
        rc = subprocess.run([sys.executable, __file__, "--suffix=-200pct", "--offscreen"],
                            check=False, env=env).returncode
    if rc:
        raise SystemExit(f"screenshots: the 200% run failed ({rc})")


if __name__ == "__main__":
    raise SystemExit(main())
