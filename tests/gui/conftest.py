"""GUI test fixtures: offscreen Qt, stores with the reference form, a window factory, and a
guard that fails any test leaving a QThreadPool job running (napari's habit)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QThreadPool  # noqa: E402

from tests.core.storetools import PASSPHRASE  # noqa: E402
from tests.xlsform_builder import write_xlsform  # noqa: E402

JOB_GRACE_MS = 5000


def running_jobs() -> int:
    return QThreadPool.globalInstance().activeThreadCount()


@pytest.fixture(autouse=True)
def no_leftover_jobs():
    """Fail a test that ends while a worker job is still running or has not reported yet.

    A job counts as finished once its end was delivered to the GUI thread (jobs.live_jobs);
    a worker thread may take a moment longer to return, which is not a leftover.
    """
    from fieldapp.gui.jobs import live_jobs

    yield
    unreported = live_jobs()
    finished = QThreadPool.globalInstance().waitForDone(JOB_GRACE_MS)
    if unreported or not finished:
        pytest.fail("the test left a QThreadPool job running; wait for its signal "
                    "(qtbot.waitSignal / waitUntil) before the test ends")


def _install_english(app) -> None:
    from fieldapp.gui import i18n

    i18n.remove_translators(app, getattr(app, "_fieldapp_translators", []))
    app._fieldapp_translators = i18n.install_translators(app, "en")  # noqa: SLF001


@pytest.fixture(autouse=True)
def english_interface(qapp):
    """Every test starts in English, as the app shows it, with its plural forms ("1 question",
    "2 questions"), whatever the test before it installed: ``app.start(language="ko")``
    leaves Korean translators and a Korean default locale in the one QApplication of the run,
    and a page built on its own afterwards would read Korean. Undone again after the test (with
    the application font a text-size test changed), so no test depends on its neighbours."""
    font = qapp.font()
    _install_english(qapp)
    yield
    _install_english(qapp)
    qapp._fieldapp_forced_font = False  # noqa: SLF001 - start(force_bundled_font=True) keeps it
    qapp.setFont(font)


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


# -- an open interviewer store with the reference questionnaire (interview page tests) ----------
@pytest.fixture(scope="module")
def reference_form():
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire

    return read_xlsform(reference_questionnaire())


@pytest.fixture
def store_folder(tmp_path, reference_form):
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    folder = tmp_path / "store"
    with Store.create(folder, PASSPHRASE, "interviewer") as store:
        add_form(store, reference_form)
    return folder


@pytest.fixture
def store(store_folder):
    from fieldapp.store import Store

    s = Store.open(store_folder, PASSPHRASE)
    yield s
    if not s.closed:
        s.close()


@pytest.fixture
def repo(store):
    from fieldapp.store.interviews import InterviewRepo

    return InterviewRepo(store)


def make_store(folder: Path, forms: list[Path] = (), reference: bool = True,
               role: str = "interviewer") -> Path:
    """A closed store at ``folder`` with the reference questionnaire and ``forms`` installed."""
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form

    with Store.create(folder, PASSPHRASE, role) as store:
        if reference:
            add_form(store, read_xlsform(reference_questionnaire()))
        for path in forms:
            add_form(store, read_xlsform(path))
    return folder


#: A small form for shell tests: a free-text first page (the canary goes there), then two more.
SHELL_SURVEY = """
| type             | name   | label::English (en) | label::Korean (ko) | required |
| text             | notes  | Notes               | 메모               |          |
| select_one yn    | ok     | All right?          | 괜찮습니까?         | yes      |
| integer          | age    | Age                 | 나이               |          |
"""
SHELL_CHOICES = """
| list_name | name | label::English (en) | label::Korean (ko) |
| yn        | yes  | Yes                 | 예                 |
| yn        | no   | No                  | 아니오             |
"""


@pytest.fixture
def shell_form(tmp_path) -> Path:
    return write_xlsform(tmp_path / "shell.xlsx", SHELL_SURVEY, SHELL_CHOICES,
                         {"form_id": "shell", "version": "1", "form_title": "Shell test",
                          "default_language": "English (en)"})


@pytest.fixture
def store_dir(tmp_path, shell_form) -> Path:
    return make_store(tmp_path / "store", [shell_form])


@pytest.fixture
def make_window(qtbot):
    """Build a main window like ``fieldapp gui [STORE]`` does; shut down after the test."""
    from fieldapp.gui.app import start

    windows = []

    def factory(store_path: Path | None = None, language: str = "en"):
        _app, window = start(store_path, language=language)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.shutdown()


def unlock(qtbot, window, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock page, press Enter, wait for the store to open."""
    from PySide6.QtCore import Qt

    assert window.stack.currentWidget() is window.unlock
    window.unlock.passphrase_edit.setText(passphrase)
    qtbot.keyClick(window.unlock.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10000)
    settle(qtbot, window)


def settle(qtbot, window_or_page, timeout: int = 10000) -> None:
    """Wait until the store executor (of a window or a page) has run every job and delivered
    its results."""
    executor = getattr(window_or_page, "executor", None) or window_or_page._executor  # noqa: SLF001
    qtbot.waitUntil(lambda: not executor.busy and not executor.closing, timeout=timeout)


def executor_for(store):
    """A store executor over an already open store (pages built outside a main window)."""
    from fieldapp.gui.executor import StoreExecutor
    from fieldapp.gui.session import Session

    session = Session()
    session.attach(store)
    executor = StoreExecutor(session)
    executor._test_session = session  # noqa: SLF001 - keep the QObject alive with the executor
    return executor
