"""The main window: composes the pages in a stack, the toolbar, and the lock (keys dropped).

Feature logic lives in the pages and ``fieldapp.ops``; this module only wires their signals
and decides which page is shown. Every store operation runs on the window's one serial
executor (``gui.executor``). Locking (Ctrl+L, the toolbar button, idle, or the OS suspending
the app) shows the unlock screen at once, has every page forget what it showed, cancels what
the executor is running and closes the store behind it; it remembers where the user was so
unlocking returns there (the same interview at the same page: the engine saves its position
on every move).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from fieldapp.gui import prefs as prefs_file
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.idle import IdleWatcher
from fieldapp.gui.jobs import JobRunner
from fieldapp.gui.keys import GlobalKeys
from fieldapp.gui.messages import particles
from fieldapp.gui.pages.counts import CountsPage
from fieldapp.gui.pages.devices import DevicesPage
from fieldapp.gui.pages.export import ExportPage
from fieldapp.gui.pages.forms import FormsPage
from fieldapp.gui.pages.home import HomePage
from fieldapp.gui.pages.import_ import ImportPage
from fieldapp.gui.pages.settings import SettingsPage
from fieldapp.gui.pages.tables import TablesPage
from fieldapp.gui.pages.unlock import UnlockPage
from fieldapp.gui.pages.welcome import Created, WelcomePage
from fieldapp.gui.prefs import Prefs
from fieldapp.gui.session import Session
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops import stores as store_ops
from fieldapp.ops.model import Interview, Store

# Smallest size at which every page is usable (pages scroll): fits 1366x768, and 1920x1080
# at 200% scaling (960x540 logical pixels) with a taskbar and the window frame.
MIN_WIDTH, MIN_HEIGHT = 640, 480


class MainWindow(QMainWindow):
    def __init__(self, prefs: Prefs, language: str = "en", store_path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        # Never a store path, pseudonym or form title: titles show in task switchers.
        self.setWindowTitle("fieldapp")
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)
        self.prefs = prefs
        self.language = language
        self.session = Session(self)
        #: Every store operation, one at a time, off the UI thread.
        self.executor = StoreExecutor(self.session, self)
        #: Work that needs no store (drawing a chart), on Qt's global pool.
        self.runner = JobRunner(self)
        self._shutting_down = False
        self.interview_page: QWidget | None = None
        self._interview_id = ""
        #: Where unlocking returns to: ("home"|"forms"|"settings"|"interview", interview id,
        #: interview position).
        self.return_to: tuple[str, str, str] = ("home", "", "")
        self._build_pages()
        self._build_toolbar()

        app = QApplication.instance()
        self.idle = IdleWatcher(app, prefs.idle_minutes * 60_000, self)
        self._connect()
        self._set_unlocked_ui(False)
        self._show_start(store_path)

    # -- composition ------------------------------------------------------------------------
    def _build_pages(self) -> None:
        """Every page, in the interface language installed now (rebuilt when it changes)."""
        language, prefs = self.language, self.prefs
        self.welcome = WelcomePage(self.executor)
        self.unlock = UnlockPage(self.executor)
        self.home = HomePage(self.executor, language)
        self.forms = FormsPage(self.executor)
        self.tables = TablesPage(self.executor, self.runner, language)
        #: What an interviewer's laptop shows in place of the tables (issue #15, item 10).
        self.counts = CountsPage(self.executor)
        self.settings = SettingsPage(prefs)
        #: The exchange pages by page name (export: interviewer stores; import, devices: coordinator).
        self.exchange_pages: dict[str, QWidget] = {
            "export": ExportPage(self.executor),
            "import": ImportPage(self.executor),
            "devices": DevicesPage(self.executor),
        }
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pageStack")
        for page, name in ((self.welcome, "welcomePage"), (self.unlock, "unlockPage"),
                           (self.home, "homePage"), (self.forms, "formsPage"),
                           (self.tables, "tablesPage"), (self.counts, "countsPage"),
                           (self.settings, "settingsPage")):
            page.setObjectName(name)
            self.stack.addWidget(page)
        for name, page in self.exchange_pages.items():
            page.setObjectName(name + "Page")
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)  # the stack of an earlier language is deleted with it

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setAccessibleName(self.tr("Main toolbar"))
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(self.toolbar)

        def action(object_name: str, text: str, accessible: str, shortcut: str) -> QAction:
            act = QAction(text, self)
            act.setObjectName(object_name)
            act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(f"{accessible} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            self.toolbar.addAction(act)
            button = self.toolbar.widgetForAction(act)
            button.setObjectName(object_name + "Button")
            button.setAccessibleName(accessible)
            return act

        self.home_action = action("homeAction", self.tr("Interviews"),
                                  self.tr("Show the interview list"), "Ctrl+1")
        self.forms_action = action("formsAction", self.tr("Forms"),
                                   self.tr("Manage questionnaires"), "Ctrl+2")
        self.tables_action = action("tablesAction", self.tr("Tables"),
                                    self.tr("Show summary tables and charts"), "Ctrl+4")
        self.settings_action = action("settingsAction", self.tr("Settings"),
                                      self.tr("Change the settings"), "Ctrl+3")
        # Shown by the store's role once unlocked (_set_unlocked_ui).
        self.export_action = action("exportAction", self.tr("Export"),
                                    self.tr("Export interviews to the coordinator"), "Ctrl+E")
        self.import_action = action("importAction", self.tr("Import"),
                                    self.tr("Import bundles from interviewers"), "Ctrl+I")
        self.devices_action = action("devicesAction", self.tr("Devices"),
                                     self.tr("Show devices and the project key"), "Ctrl+D")
        spacer = QWidget()
        spacer.setObjectName("toolbarSpacer")
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.hide_action = action("hideAction", self.tr("Hide"),
                                  self.tr("Hide and lock fieldapp at once"), "F12")
        self.lock_action = action("lockAction", self.tr("Lock"),
                                  self.tr("Lock fieldapp now"), "Ctrl+L")
        # Ctrl+L and F12 must work from dialogs too (e.g. while choosing a form for a new interview).
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.hide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)

    def _connect(self) -> None:
        self._connect_pages()
        self.idle.sig_idle.connect(self._on_idle_idle)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._on_app_state_changed)
            # F12 and Ctrl+L also while a dialog blocks the window (gui.keys).
            self._global_keys = GlobalKeys(self)
            self._global_keys.sig_hide.connect(self.panic)
            self._global_keys.sig_lock.connect(self._on_lock_action_triggered)
            app.installEventFilter(self._global_keys)

    def _connect_pages(self) -> None:
        self.welcome.sig_created.connect(self._on_welcome_created)
        self.welcome.sig_open_requested.connect(self._on_welcome_open_requested)
        self.welcome.sig_back_requested.connect(self.show_unlock)
        self.unlock.sig_unlocked.connect(self._on_unlock_unlocked)
        self.unlock.sig_other_store_requested.connect(self._on_unlock_other_store_requested)
        self.home.sig_new_interview.connect(self._on_home_new_interview)
        self.home.sig_resume.connect(self._on_home_resume)
        self.home.sig_view.connect(self.view_interview)
        self.home.sig_forms_requested.connect(lambda: self.show_page("forms"))
        self.forms.sig_home_requested.connect(lambda: self.show_page("home"))
        self.settings.sig_home_requested.connect(lambda: self.show_page("home"))
        self.settings.sig_saved.connect(self._on_settings_saved)
        self.settings.sig_wipe_confirmed.connect(self._on_settings_wipe_confirmed)
        self.home_action.triggered.connect(lambda: self.show_page("home"))
        self.forms_action.triggered.connect(lambda: self.show_page("forms"))
        self.tables_action.triggered.connect(lambda: self.show_page("tables"))
        self.settings_action.triggered.connect(lambda: self.show_page("settings"))
        self.lock_action.triggered.connect(self._on_lock_action_triggered)
        self.hide_action.triggered.connect(self.panic)
        self.counts.sig_home_requested.connect(lambda: self.show_page("home"))
        self.export_action.triggered.connect(lambda: self.show_page("export"))
        self.import_action.triggered.connect(lambda: self.show_page("import"))
        self.devices_action.triggered.connect(lambda: self.show_page("devices"))
        self.home.sig_export_requested.connect(lambda: self.show_page("export"))
        for page in self.exchange_pages.values():
            page.sig_home_requested.connect(lambda: self.show_page("home"))

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        for act in (self.home_action, self.forms_action, self.tables_action, self.settings_action,
                    self.lock_action, self.hide_action):
            act.setEnabled(unlocked)
        role = self.session.role if unlocked and self.session.is_open else ""
        # An interviewer's laptop counts its interviews; tables are the coordinator's.
        self.tables_action.setText(self.tr("Counts") if role == "interviewer" else self.tr("Tables"))
        for act, wanted in ((self.export_action, "interviewer"), (self.import_action, "coordinator"),
                            (self.devices_action, "coordinator")):
            act.setEnabled(role == wanted)
            act.setVisible(role == wanted)
        self.toolbar.setVisible(unlocked)

    # -- start ------------------------------------------------------------------------------
    def _show_start(self, store_path: Path | None) -> None:
        last = Path(self.prefs.last_store) if self.prefs.last_store else None
        for candidate in (store_path, last, store_ops.default_store_dir()):
            if store_ops.looks_like_store(candidate):
                self.show_unlock(candidate)
                return
        self.welcome.reset(recent=self._recent_stores())
        if store_path is not None:
            self.welcome.open_edit.setText(str(store_path))
            self.welcome.open_error.setText(particles(self.tr(
                "{0} is not a fieldapp store (it has no key slots or database).").format(store_path)))
        self.stack.setCurrentWidget(self.welcome)

    def _recent_stores(self) -> list[Path]:
        return [Path(f) for f in self.prefs.recent_stores]

    def show_unlock(self, folder: Path, notice: str = "") -> None:
        self.unlock.reset()
        self.unlock.set_folder(folder)
        self.unlock.set_notice(notice)
        self.stack.setCurrentWidget(self.unlock)
        self.unlock.focus_passphrase()

    def show_page(self, name: str) -> None:
        """Show the home, forms or settings page (closing an open interview: it is saved)."""
        if not self.session.is_open:
            return
        self._close_interview_page()
        if name == "tables" and self.session.role == "interviewer":
            name = "counts"
        page = {"home": self.home, "forms": self.forms, "tables": self.tables, "counts": self.counts,
                "settings": self.settings, **self.exchange_pages}[name]
        if page is self.settings:
            self.settings.load(self.prefs)
        else:
            page.refresh()
        self.stack.setCurrentWidget(page)

    # -- store opened -----------------------------------------------------------------------
    def _on_welcome_created(self, created: Created) -> None:
        self._attach(created.store)
        if created.example_installed:
            notice = self.tr("Your store is ready and the example questionnaire is installed: "
                             "start with New interview.")
        elif created.example_problem is not None:
            from fieldapp.gui.messages import present

            notice = self.tr("Your store is ready, but the example questionnaire could not be "
                             "installed ({0}). Add a questionnaire on the Forms page.").format(
                present(created.example_problem))
        else:
            notice = self.tr("Your store is ready. Add a questionnaire on the Forms page.")
        self.return_to = ("home", "", "")
        self._return()
        self.home.set_notice(notice)

    def _on_welcome_open_requested(self, folder: Path) -> None:
        self.return_to = ("home", "", "")
        self.show_unlock(folder)

    def _on_unlock_unlocked(self, store: Store) -> None:
        self._attach(store)
        self._return()

    def _on_unlock_other_store_requested(self) -> None:
        self.welcome.reset(back_to=self.unlock.folder, recent=self._recent_stores())
        self.stack.setCurrentWidget(self.welcome)
        self.welcome.focus_first()

    def _attach(self, store: Store) -> None:
        if self._shutting_down:  # a job finished after the window closed
            store.close()
            return
        self.session.attach(store)
        # A message about the store used before (e.g. "was wiped") is not about this one.
        self.statusBar().clearMessage()
        if self._recent_stores()[:1] != [Path(store.folder)] or self.prefs.last_store != str(store.folder):
            self.prefs.remember_store(str(store.folder))
            try:
                prefs_file.save(self.prefs)
            except OSError:
                pass  # only a convenience for the next start
        self._set_unlocked_ui(True)
        self.idle.start()

    def _return(self) -> None:
        kind, interview_id, position = self.return_to
        self.return_to = ("home", "", "")
        if kind == "interview" and interview_id:
            self.open_interview(interview_id, position)
            return
        if kind == "view" and interview_id:
            self.view_interview(interview_id)
            return
        self.show_page(kind if kind in ("home", "forms", "tables", "counts", "settings", *self.exchange_pages)
                       else "home")

    # -- interviews -------------------------------------------------------------------------
    def _on_home_new_interview(self, form_id: str, version: str, language: str) -> None:
        self.executor.submit(
            lambda store: interview_ops.start_interview(store, form_id, version or None, language or None),
            on_done=self._open_interview, on_failed=self._on_interview_failed,
            key="interview.open", changes="interviews")

    def _on_home_resume(self, interview_id: str) -> None:
        self.open_interview(interview_id)

    def open_interview(self, interview_id: str, position: str = "") -> None:
        """Resume a saved interview (at ``position`` if given, else where it was saved)."""
        self.executor.submit(lambda store: interview_ops.resume_interview(store, interview_id, position),
                             on_done=self._open_interview, on_failed=self._on_interview_failed,
                             key="interview.open")

    def view_interview(self, interview_id: str) -> None:
        """A finalized interview (or a coordinator's record), read only: nothing is written."""
        self.executor.submit(lambda store: interview_ops.view_interview(store, interview_id),
                             on_done=self._open_interview, on_failed=self._on_interview_failed,
                             key="interview.open")

    def _on_interview_failed(self, exc: Exception) -> None:
        text = error_text(exc)
        self.show_page("home")
        self.home.set_notice(text)

    def _open_interview(self, interview: Interview) -> None:
        from fieldapp.gui.pages.interview import InterviewPage

        if not self.session.is_open:
            return
        self._close_interview_page()
        page = InterviewPage(self.executor, interview, self)
        page.sig_finished.connect(self._on_interview_finished)
        page.sig_closed.connect(self._on_interview_closed)
        self.interview_page = page
        self._interview_id = interview.id
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _close_interview_page(self, clear: bool = False) -> None:
        page, self.interview_page = self.interview_page, None
        self._interview_id = ""
        if page is None:
            return
        # Words typed in the last moment before a lock are still waiting for the typing
        # pause; save them before the keys go (QuestionWidget.flush).
        page.flush()
        if clear:
            page.clear()
        self.stack.removeWidget(page)
        page.hide()
        page.deleteLater()

    def _on_interview_finished(self, interview_id: str) -> None:
        self.show_page("home")
        self.home.select_after_refresh(interview_id)

    def _on_interview_closed(self) -> None:
        interview_id = self._interview_id
        self.show_page("home")
        self.home.select_after_refresh(interview_id)

    # -- settings ---------------------------------------------------------------------------
    def _on_settings_saved(self, prefs: Prefs) -> None:
        before = self.prefs
        self.prefs = prefs
        self.idle.set_minutes(prefs.idle_minutes)
        if (prefs.language, prefs.text_scale) != (before.language, before.text_scale):
            self.apply_appearance()

    def apply_appearance(self) -> None:
        """A new interface language or text size, at once: the translators and fonts are
        replaced, then every page is built again in them (the store stays open; the settings
        page comes back, saying so)."""
        from fieldapp.gui import app as gui_app

        app = QApplication.instance()
        self.language = gui_app.apply_appearance(app, self.prefs)
        current = self.stack.currentWidget()
        kind = "settings" if current is self.settings else "home"
        self._close_interview_page()
        # Results still on their way were asked for by the pages about to be replaced.
        self.executor.drop_results()
        self.runner.cancel_all()
        old_toolbar = self.toolbar
        self.removeToolBar(old_toolbar)
        old_toolbar.deleteLater()
        for act in self.findChildren(QAction):
            if act.parent() is self:
                act.deleteLater()  # their shortcuts would otherwise be ambiguous with the new ones
        self._build_pages()
        self._build_toolbar()
        self._connect_pages()
        self._set_unlocked_ui(self.session.is_open)
        if self.session.is_open:
            self.show_page(kind)
            if kind == "settings":
                self.settings.show_status(self.tr("Saved."))
        elif self.session.folder is not None:
            self.show_unlock(self.session.folder)
        else:
            self._show_start(None)

    def _on_settings_wipe_confirmed(self) -> None:
        """Emergency wipe: lock (keys dropped, pages cleared), crypto-erase, welcome page.

        The wipe runs on the executor right behind the store's closing, so nothing is still
        reading the database when its key slots are destroyed.
        """
        folder = self.session.folder
        if not self.session.is_open or folder is None:
            return
        self.lock()
        self.executor.submit(lambda: store_ops.wipe_store(folder), needs_store=False,
                             on_done=lambda _w: self._on_wipe_ended(""),
                             on_failed=lambda exc: self._on_wipe_ended(error_text(exc)))
        self.session.folder = None
        self.return_to = ("home", "", "")
        if self.prefs.last_store or self.prefs.recent_stores:
            self.prefs.forget_stores()  # not even where a store used to be
            try:
                prefs_file.save(self.prefs)
            except OSError:
                pass  # the folder is gone; the next start shows the welcome page anyway
        self.welcome.reset()
        self.stack.setCurrentWidget(self.welcome)

    def _on_wipe_ended(self, problem: str) -> None:
        message = (self.tr("The store could not be wiped completely: {0}").format(problem) if problem
                   else self.tr("The store was wiped: it can never be opened again."))
        self.statusBar().showMessage(message, 120_000)

    # -- locking ----------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return not self.session.is_open

    def lock(self, notice: str = "") -> None:
        """Close the store and clear every page; unlocking returns to the current page."""
        if not self.session.is_open:
            return
        self.idle.stop()
        current = self.stack.currentWidget()
        if self.interview_page is not None and current is self.interview_page:
            interview = getattr(self.interview_page, "interview", None)
            position = interview.position if interview is not None else ""
            kind = "view" if getattr(self.interview_page, "read_only", False) else "interview"
            self.return_to = (kind, self._interview_id, position)
        elif current is self.forms:
            self.return_to = ("forms", "", "")
        elif current is self.tables:
            self.return_to = ("tables", "", "")
        elif current is self.counts:
            self.return_to = ("counts", "", "")
        elif current is self.settings:
            self.return_to = ("settings", "", "")
        elif current in self.exchange_pages.values():
            self.return_to = (next(n for n, p in self.exchange_pages.items() if p is current), "", "")
        else:
            self.return_to = ("home", "", "")
        self._close_interview_page(clear=True)
        self.home.clear()
        self.forms.clear()
        self.tables.clear()
        self.counts.clear()
        for page in self.exchange_pages.values():
            page.clear()
        self.settings.load(self.prefs)
        _clear_own_clipboard()
        folder = self.session.folder
        # Never waits: running jobs are cancelled and the store closes behind them.
        self.executor.close()
        self._set_unlocked_ui(False)
        if folder is not None:
            self.show_unlock(folder, notice)

    def _on_lock_action_triggered(self) -> None:
        self.lock()

    def panic(self) -> None:
        """One key (F12), no question: every dialog closed, the store locked, the window out of
        sight (minimized). Nothing is lost or destroyed; unlocking returns to where it was.
        The emergency wipe is the other, deliberate action (Settings)."""
        if self._shutting_down:
            return
        app = QApplication.instance()
        for widget in app.topLevelWidgets() if app is not None else []:
            if widget is not self and widget.isVisible() and widget.isWindow():
                widget.close()
        self.lock()
        self.showMinimized()

    def _on_idle_idle(self) -> None:
        self.lock(self.tr("fieldapp locked itself after %n minute(s) without use.", "",
                          self.prefs.idle_minutes))

    def _on_app_state_changed(self, state: Qt.ApplicationState) -> None:
        # Mobile-style platforms report suspension (lid closed, app backgrounded): lock first.
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # The first thing a user does at start is type the passphrase.
        if self.stack.currentWidget() is self.unlock:
            self.unlock.focus_passphrase()

    # -- shutdown ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop timers, wait for jobs, close the store (answers are already saved)."""
        self._shutting_down = True
        app = QApplication.instance()
        if app is not None and getattr(self, "_global_keys", None) is not None:
            app.removeEventFilter(self._global_keys)
        self.idle.shutdown()
        self.runner.cancel_all()
        self.runner.wait()
        self._close_interview_page()
        self.home.clear()
        self.forms.clear()
        self.tables.clear()
        for page in self.exchange_pages.values():
            page.clear()
        self.executor.shutdown()
        # A store opened by a job that ended after the window closed must not stay open.
        QCoreApplication.sendPostedEvents()
        self.executor.shutdown()


def _clear_own_clipboard() -> None:
    """An answer copied from a page must not outlive the lock (issue #17): the clipboard and
    the X11 selection are emptied when they hold what this app put there, never another
    program's text."""
    from PySide6.QtGui import QClipboard

    board = QGuiApplication.clipboard()
    if board is None:
        return
    if board.ownsClipboard():
        board.clear(QClipboard.Mode.Clipboard)
    if board.supportsSelection() and board.ownsSelection():
        board.clear(QClipboard.Mode.Selection)
