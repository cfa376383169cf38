"""The shell's parts on their own: jobs, idle watcher, exception hook, settings file, fonts, i18n."""

from __future__ import annotations

import re
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QThreadPool, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldapp.errors import StoreError
from fieldapp.gui import i18n, i18n_build, prefs, theme
from fieldapp.gui.app import ErrorDialog, ExceptionHook, error_details
from fieldapp.gui.idle import IdleWatcher
from fieldapp.gui.jobs import Job, JobRunner, live_jobs
from fieldapp.resources import resource
from tests.gui.conftest import running_jobs


# -- jobs -----------------------------------------------------------------------------------
def test_a_job_runs_in_a_worker_and_reports_in_the_gui_thread(qtbot):
    runner = JobRunner()
    seen = {}
    main = threading.get_ident()

    def work():
        seen["worker"] = threading.get_ident()
        return 42

    def done(result):
        seen["result"] = result
        seen["delivered"] = threading.get_ident()

    job = Job(work)
    with qtbot.waitSignal(job.signals.sig_ended, timeout=5000):
        runner.start(job, on_done=done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42 and seen["worker"] != main and seen["delivered"] == main
    qtbot.waitUntil(lambda: not runner.busy)


def test_a_failing_job_hands_its_exception_to_the_gui(qtbot):
    runner = JobRunner()
    failures = []
    job = Job(lambda: (_ for _ in ()).throw(StoreError("There is no store at /x.")))
    with qtbot.waitSignal(job.signals.sig_ended, timeout=5000):
        runner.start(job, on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures) and not runner.busy)
    assert isinstance(failures[0], StoreError)


def test_a_superseded_job_is_cancelled_and_its_result_dropped(qtbot):
    runner = JobRunner()
    release = threading.Event()
    results = []

    def slow(progress, cancel):
        release.wait(5)
        return "old"

    old = Job(slow, progress=True)
    runner.start(old, on_done=results.append, key="refresh")
    new = Job(lambda: "new")
    with qtbot.waitSignal(new.signals.sig_ended, timeout=5000):
        runner.start(new, on_done=results.append, key="refresh")
    assert old.cancel_token.cancelled
    with qtbot.waitSignal(old.signals.sig_ended, timeout=5000):
        release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]


def test_the_leftover_job_guard_sees_a_running_job(qtbot):
    release = threading.Event()
    job = Job(lambda: release.wait(5))
    JobRunner().start(job)
    qtbot.waitUntil(lambda: running_jobs() > 0, timeout=2000)
    assert live_jobs() == 1, "the autouse fixture would fail this test now"
    with qtbot.waitSignal(job.signals.sig_ended, timeout=5000):
        release.set()
    assert live_jobs() == 0
    QThreadPool.globalInstance().waitForDone(2000)
    assert running_jobs() == 0


# -- idle -----------------------------------------------------------------------------------
def test_idle_watcher_fires_once_after_the_interval(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    watcher = IdleWatcher(QApplication.instance(), 60)
    try:
        with qtbot.waitSignal(watcher.sig_idle, timeout=2000):
            watcher.start()
        assert not watcher.running, "it fires once, then waits for the next unlock"
    finally:
        watcher.shutdown()


def test_activity_postpones_the_idle_lock(qtbot):
    from PySide6.QtCore import Qt

    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    watcher = IdleWatcher(QApplication.instance(), 300)
    fired = []
    watcher.sig_idle.connect(lambda: fired.append(True))
    try:
        watcher.start()
        for _ in range(8):  # 8 x 100 ms of typing: longer than the interval, never idle
            qtbot.keyClick(widget, Qt.Key.Key_A)
            qtbot.wait(100)
        assert fired == []
        qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    finally:
        watcher.shutdown()


# -- exception hook -------------------------------------------------------------------------
def test_a_user_facing_error_is_shown_as_its_sentence(qtbot):
    hook = ExceptionHook()
    hook.hook(StoreError, StoreError("The store is locked."), None)
    box = hook.dialogs[-1]
    assert isinstance(box, QMessageBox) and box.text() == "The store is locked."
    box.close()
    qtbot.waitUntil(lambda: not hook.dialogs)


def test_a_bug_is_shown_with_copyable_details_that_hold_no_data(qtbot):
    hook = ExceptionHook()
    answer = "secret answer " + "1984"  # built at run time: the source line holds no answer
    try:
        int(answer)
    except ValueError:
        hook.hook(*sys.exc_info())
    dialog = hook.dialogs[-1]
    assert isinstance(dialog, ErrorDialog)
    assert "builtins.ValueError (message withheld" in dialog.details
    assert "secret answer" not in dialog.details
    assert "test_shell_parts.py" in dialog.details, "the code location is in the report"
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == dialog.details
    dialog.close()


def test_error_details_keep_our_own_messages():
    details = error_details(StoreError, StoreError("There is no store at /x."), None)
    assert "fieldapp.errors.StoreError: There is no store at /x." in details


# -- settings file --------------------------------------------------------------------------
def test_settings_round_trip_and_bad_files_fall_back_to_defaults(tmp_path):
    path = tmp_path / "s.json"
    assert prefs.load(path) == prefs.Prefs()
    prefs.save(prefs.Prefs(language="ko", idle_minutes=9, last_store="/data/store"), path)
    assert prefs.load(path) == prefs.Prefs("ko", 9, "/data/store")
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_text('{"language": "fr", "idle_minutes": 0, "last_store": 3}')
    assert prefs.load(path) == prefs.Prefs()
    path.write_text("not json")
    assert prefs.load(path) == prefs.Prefs()
    with pytest.raises(ValueError, match="idle_minutes must be 1 to 60"):
        prefs.save(prefs.Prefs(idle_minutes=0), path)


def test_settings_keep_the_text_size_and_a_few_recent_stores(tmp_path):
    path = tmp_path / "s.json"
    saved = prefs.Prefs(text_scale=125)
    for n in range(8):
        saved.remember_store(f"/stores/{n}")
    saved.remember_store("/stores/3")  # used again: first, not twice
    assert saved.last_store == "/stores/3"
    assert saved.recent_stores == ["/stores/3", "/stores/7", "/stores/6", "/stores/5", "/stores/4"]
    prefs.save(saved, path)
    assert prefs.load(path) == saved
    saved.forget_stores()  # a wipe
    assert saved.last_store == "" and saved.recent_stores == []
    path.write_text('{"text_scale": 300, "recent_stores": ["/a", 7, "", "/b"]}')
    assert (prefs.load(path).text_scale, prefs.load(path).recent_stores) == (100, ["/a", "/b"])
    with pytest.raises(ValueError, match="text_scale must be one of"):
        prefs.save(prefs.Prefs(text_scale=90), path)


# -- language and fonts ---------------------------------------------------------------------
def test_language_follows_the_setting_then_the_system():
    assert i18n.resolve_language("ko", QLocale("en_US")) == "ko"
    assert i18n.resolve_language("system", QLocale("ko_KR")) == "ko"
    assert i18n.resolve_language("system", QLocale("de_DE")) in ("en", "ko")  # uiLanguages may add
    assert i18n.resolve_language("system", QLocale(QLocale.Language.French)) != "fr"


def test_the_bundled_font_draws_hangul(qapp):
    from PySide6.QtGui import QFont, QRawFont

    family = theme.register_bundled_font()
    assert family == "NanumGothic", "the bundled file loads as an application font"
    assert resource("fonts", "OFL.txt").is_file()
    raw = QRawFont.fromFont(QFont(family, 12))  # one font file, no fallback
    assert raw.familyName() == "NanumGothic"
    assert all(raw.supportsCharacter(ord(ch)) for ch in "북한이탈주민설문조사")


def test_forcing_the_bundled_font_puts_it_first(qapp):
    before = QApplication.font()
    try:
        assert theme.apply_fonts(qapp, force_bundled=True) == "NanumGothic"
        assert QApplication.font().families()[0] == "NanumGothic"
    finally:
        QApplication.setFont(before)


def ts_messages(language: str):
    root = ET.parse(resource("i18n", f"fieldapp_{language}.ts")).getroot()
    for message in root.iter("message"):
        yield message.findtext("source"), message.find("translation")


def _messages(path):
    return sorted((ctx.findtext("name"), m.findtext("source"), m.findtext("comment") or "")
                  for ctx in ET.parse(path).getroot().iter("context") for m in ctx.iter("message"))


def test_committed_catalogues_hold_every_interface_string(tmp_path):
    """`make test` only compiles the .ts files; this catches a string added without
    `make i18n-update` (lupdate on a copy must find nothing new or gone)."""
    import shutil

    for language in i18n_build.LANGUAGES:
        shutil.copy(i18n_build.ts_path(language), tmp_path / f"fieldapp_{language}.ts")
    i18n_build.update(i18n_dir=tmp_path)
    for language in i18n_build.LANGUAGES:
        assert _messages(tmp_path / f"fieldapp_{language}.ts") == _messages(i18n_build.ts_path(language)), (
            f"fieldapp_{language}.ts is out of date: run `make i18n-update` and translate")


def test_every_interface_string_has_a_korean_translation():
    unfinished = []
    count = 0
    for source, translation in ts_messages("ko"):
        count += 1
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            unfinished.append(source)
    assert count > 100
    assert unfinished == [], f"run `python -m fieldapp.gui.i18n_build` and translate: {unfinished}"


def test_korean_translations_keep_placeholders_and_mnemonics():
    broken = []
    for source, translation in ts_messages("ko"):
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        for text in forms:
            if text is None:
                continue
            # {count:# question|# questions} is the placeholder count, perhaps written twice in
            # English ("{count:takes|take}") and once in Korean (decision 0020).
            if set(re.findall(r"\{(\w*)(?::[^{}]*)?\}", source)) != set(re.findall(r"\{(\w*)(?::[^{}]*)?\}", text)):
                broken.append((source, text))
            if "%n" in source and "%n" not in text:
                broken.append((source, text))
            if re.search(r"&\w", source) and not re.search(r"&\w", text):
                broken.append((source, text))
    assert broken == []


def test_the_korean_catalogue_translates_the_shell(qapp, tmp_path):
    ts = resource("i18n", "fieldapp_ko.ts")
    copy = tmp_path / "fieldapp_ko.ts"
    copy.write_bytes(ts.read_bytes())
    (qm,) = i18n_build.release([copy])
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("UnlockPage", "&Unlock") == "잠금 해제(&U)"
        assert QCoreApplication.translate("InterviewStatus", "Draft") == "작성 중"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_message_code_has_a_korean_template():
    """A core message code whose template has no finished Korean translation fails here."""
    from fieldapp.messages import CONTEXT, MESSAGES, placeholders

    ko = {}
    for ctx in ET.parse(resource("i18n", "fieldapp_ko.ts")).getroot().iter("context"):
        if ctx.findtext("name") == CONTEXT:
            for m in ctx.iter("message"):
                tr = m.find("translation")
                if tr.get("type") not in ("unfinished", "vanished", "obsolete") and tr.text:
                    ko[m.findtext("source")] = tr.text
    missing = [code for code, template in MESSAGES.items() if template not in ko]
    assert missing == [], f"codes without a Korean template (tools/ts_fill.py): {missing}"
    bad = [code for code, t in MESSAGES.items() if placeholders(t) != placeholders(ko[t])]
    assert bad == []


def test_korean_particles_follow_the_word_before_them():
    from fieldapp.gui.messages import korean_particles

    assert korean_particles("폴더을(를) 열 수 없습니다") == "폴더를 열 수 없습니다"
    assert korean_particles("파일을(를) 열 수 없습니다") == "파일을 열 수 없습니다"
    assert korean_particles("store2이(가) 있습니다") == "store2가 있습니다"
    assert korean_particles("서울으로(로)") == "서울로"
    assert korean_particles("…을(를)") == "…을(를)"  # nothing to go by: both stay


def test_a_suspend_locks_at_wake_before_any_input(qtbot, monkeypatch):
    """The boot clock counts a sleep, the monotonic one does not: the gap locks at once, with
    no key pressed, however long the idle limit (issue #17)."""
    from fieldapp.gui import idle

    clocks = {"boot": 1000.0, "mono": 500.0}
    monkeypatch.setattr(idle, "_now", lambda: clocks["boot"])
    monkeypatch.setattr(idle, "_mono", lambda: clocks["mono"])
    watcher = IdleWatcher(QApplication.instance(), 30 * 60_000)
    fired = []
    watcher.sig_idle.connect(lambda: fired.append(True))
    try:
        watcher.start()
        clocks["boot"] += 2.0
        clocks["mono"] += 2.0  # awake: both clocks ran
        watcher._on_wake_timeout()
        assert fired == [] and watcher.running
        clocks["boot"] += 3600.0  # the lid was closed for an hour
        clocks["mono"] += 2.0
        watcher._on_wake_timeout()
        assert fired == [True] and not watcher.running
    finally:
        watcher.shutdown()


def test_the_first_key_after_a_long_sleep_locks_and_is_not_typed(qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from fieldapp.gui import idle

    clocks = {"boot": 1000.0, "mono": 500.0}
    monkeypatch.setattr(idle, "_now", lambda: clocks["boot"])
    monkeypatch.setattr(idle, "_mono", lambda: clocks["mono"])
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    watcher = IdleWatcher(QApplication.instance(), 5 * 60_000)
    fired = []
    watcher.sig_idle.connect(lambda: fired.append(True))
    try:
        watcher.start()
        clocks["boot"] += 3600.0
        clocks["mono"] += 1.0
        qtbot.keyClick(edit, Qt.Key.Key_X)
        assert fired == [True] and edit.text() == ""
    finally:
        watcher.shutdown()


def test_the_file_dialog_leaves_no_history_on_disk(qtbot, tmp_path):
    """Qt's file dialog writes the folders it visited to QtProject.conf when destroyed; the app
    points Qt's settings where nothing can be written (issue #17)."""
    import shiboken6
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QFileDialog

    from fieldapp.gui.app import create_app

    create_app()
    visited = tmp_path / "visited-folder-CANARY"
    visited.mkdir()
    dialog = QFileDialog(None, "t", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    dialog.setDirectory(str(visited))
    dialog.accept()
    shiboken6.delete(dialog)
    config = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    for conf in [config / "QtProject.conf", Path.home() / ".config" / "QtProject.conf"]:
        if not conf.exists():
            continue
        assert "visited-folder-CANARY" not in conf.read_text(errors="replace"), conf
