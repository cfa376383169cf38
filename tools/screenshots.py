"""Screenshots of the real app for the README: ``QT_QPA_PLATFORM=offscreen python tools/screenshots.py``.

Drives the desktop app through first run, home, a select_one page showing a constraint
message, a select_multiple page, review, the summary tables (over simulated finalized
interviews), the lock screen and the exchange (enrol, export, import, devices), in English
and Korean, and
writes PNGs to docs/screenshots/. Every run uses a fresh throwaway store and settings folder
(nothing of the user's is read or written) and the bundled NanumGothic font, so the images
are the same on every machine and Korean never renders as empty boxes. A last image shows
the home page at 200% scaling (QT_SCALE_FACTOR=2, in a child process: the factor is read
once at start-up).
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
SIZE = (1280, 800)
SCALED_SIZE = (960, 540)
DEMO_PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"  # noqa: S105 - throwaway demo store
REFERENCE = "escapee_survey_2017"
TABLE_RESPONDENTS = 80
TABLE_QUESTION = "info_access_change"


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the app did not reach the expected state in time")
        QApplication.processEvents()
        time.sleep(0.01)


def settle() -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()
        time.sleep(0.01)


def save(window, name: str, language: str, suffix: str = "") -> Path:
    settle()
    path = OUT / f"{name}-{language}{suffix}.png"
    window.grab().save(str(path))
    print(f"wrote {path.relative_to(REPO)}")
    return path


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
    assert window.interview_page is not None


def shoot_tables(window, language: str, suffix: str) -> None:
    """07: the Tables page over simulated finalized interviews, on a question with a small cell."""
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
        insert_finalized(store, conn, interviews, "screenshots")
    page = window.tables
    window.show_page("tables")
    wait_until(lambda: page.computed is not None and not page.working)
    page.select_question(TABLE_QUESTION)
    wait_until(lambda: not page.working and not page.chart_pixmap().isNull())
    save(window, "07-tables", language, suffix)


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
    page.match_check.setChecked(True)
    save(window, "08-export-enrol", language, suffix)
    page.enrol_button.click()
    page.set_folder(stick)
    page.export_button.click()
    wait_until(lambda: not page._busy and page.result_label.text() != "")
    save(window, "08-export", language, suffix)
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
    page.trust_check.setChecked(True)
    page.merge_button.click()
    wait_until(lambda: page.row(bundle).stage == "merged")
    save(window, "08-import-merged", language, suffix)
    window.show_page("devices")
    window.exchange_pages["devices"].table.selectRow(0)
    save(window, "08-import-devices", language, suffix)
    window.lock()


def shoot_language(language: str, only: str | None = None, suffix: str = "") -> None:
    from PySide6.QtWidgets import QPushButton

    from fieldapp.gui.app import start

    with tempfile.TemporaryDirectory(prefix="fieldapp-shots-") as tmp:
        fresh_environment(Path(tmp))
        app, window = start(None, language=language, force_bundled_font=True)
        # At 200% a 1920x1080 screen is 960x540 logical pixels: show what such a user sees.
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

            reopen(window, interview.id, {}, "review")
            save(window, "05-review", language, suffix)

            shoot_tables(window, language, suffix)

            window.lock()
            save(window, "06-lock", language, suffix)
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
    parser.add_argument("--only", choices=["home"], help="stop after this screen")
    parser.add_argument("--suffix", default="")
    parser.add_argument("--no-scaled", action="store_true", help="skip the 200%% image")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    OUT.mkdir(parents=True, exist_ok=True)
    for language in args.language or LANGUAGES:
        shoot_language(language, args.only, args.suffix)
    if not args.language and not args.no_scaled:
        env = dict(os.environ, QT_SCALE_FACTOR="2")
        subprocess.run([sys.executable, __file__, "--language", "ko", "--only", "home",
                        "--suffix=-200pct"], check=True, env=env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
