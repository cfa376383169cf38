"""First-run page: create a new encrypted store (with its passphrase) or open an existing one.

Creating runs Argon2id and may install the bundled example questionnaire, so it runs on the
store executor; the page only collects the choices, gives strength feedback from
``ops.stores.assess_passphrase`` and reports the outcome. Reached from the unlock screen ("Use
a different store"), it offers the way back to that store, and it lists the stores opened
lately; the folder it proposes for a new store is always a free one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import show_error
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.jobs import BusyDelay
from fieldapp.gui.messages import particles
from fieldapp.gui.pagekit import open_file_dialog
from fieldapp.ops import stores as store_ops
from fieldapp.ops.stores import Created, assess_passphrase, default_store_dir, generate_passphrase

__all__ = ["Created", "WelcomePage"]


class WelcomePage(QWidget):
    """Emits ``sig_created(Created)``, ``sig_open_requested(Path)`` or ``sig_back_requested(Path)``
    (to the unlock screen of the store it was reached from)."""

    sig_created = Signal(object)
    sig_open_requested = Signal(Path)
    sig_back_requested = Signal(Path)

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._back_to: Path | None = None
        self._busy = BusyDelay(self._show_busy, self)
        self._build()
        self.reset()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setObjectName("welcomeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        title = QLabel(self.tr("Welcome to fieldapp"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(title, 1)
        self.back_button = named(QPushButton(self.tr("← &Back to the locked store")), "welcomeBack",
                                 self.tr("Back to the unlock screen of the store you came from"))
        self.back_button.clicked.connect(self._on_back_clicked)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        intro = QLabel(self.tr(
            "Answers are kept only on this laptop, in an encrypted store that opens with your "
            "passphrase. Create a new store, or open one you already have."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        layout.addWidget(self._build_create())
        layout.addWidget(self._build_open())
        layout.addStretch(1)

    def _build_create(self) -> QGroupBox:
        box = QGroupBox(self.tr("Create a new store"))
        box.setObjectName("createBox")
        form = QFormLayout(box)

        self.folder_edit = named(QLineEdit(), "createFolder", self.tr("Folder for the new store"))
        self.folder_edit.textChanged.connect(lambda _t: self._update_create_enabled())
        browse = named(QPushButton(self.tr("C&hoose…")), "createFolderBrowse",
                       self.tr("Choose a folder for the new store"))
        browse.clicked.connect(self._on_browse_create_clicked)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, row)

        self.role_interviewer = named(
            QRadioButton(self.tr("&Interviewer (field laptop)")), "roleInterviewer",
            self.tr("Role: interviewer"))
        self.role_coordinator = named(
            QRadioButton(self.tr("C&oordinator (project office)")), "roleCoordinator",
            self.tr("Role: coordinator"))
        self._roles = QButtonGroup(self)
        self._roles.addButton(self.role_interviewer)
        self._roles.addButton(self.role_coordinator)
        roles = QHBoxLayout()
        roles.addWidget(self.role_interviewer)
        roles.addWidget(self.role_coordinator)
        roles.addStretch(1)
        form.addRow(QLabel(self.tr("Role:")), roles)
        self._build_passphrase_rows(form)
        self._build_create_footer(form)
        return box

    def _build_passphrase_rows(self, form: QFormLayout) -> None:
        self.passphrase_edit = named(QLineEdit(), "createPassphrase", self.tr("New passphrase"))
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.textChanged.connect(self._on_passphrase_changed)
        self.generate_button = named(QPushButton(self.tr("&Generate one")), "generatePassphrase",
                                     self.tr("Generate a passphrase of six words"))
        self.generate_button.clicked.connect(self._on_generate_clicked)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_edit, 1)
        row.addWidget(self.generate_button)
        label = QLabel(self.tr("&Passphrase:"))
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, row)

        self.repeat_edit = named(QLineEdit(), "createPassphraseRepeat",
                                 self.tr("Repeat the new passphrase"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.textChanged.connect(self._on_passphrase_changed)
        label = QLabel(self.tr("&Repeat:"))
        label.setBuddy(self.repeat_edit)
        form.addRow(label, self.repeat_edit)

        self.show_check = named(QCheckBox(self.tr("&Show the passphrase")), "showPassphrase",
                                self.tr("Show the passphrase"))
        self.show_check.toggled.connect(self._on_show_toggled)
        form.addRow("", self.show_check)

        self.strength_bar = QProgressBar()
        self.strength_bar.setObjectName("strengthMeter")
        self.strength_bar.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(10)
        self.strength_label = QLabel()
        self.strength_label.setObjectName("strengthText")
        self.strength_label.setWordWrap(True)
        column = QVBoxLayout()
        column.addWidget(self.strength_bar)
        column.addWidget(self.strength_label)
        form.addRow(QLabel(self.tr("Strength:")), column)

        self.words_label = QLabel()
        self.words_label.setObjectName("generatedWords")
        self.words_label.setWordWrap(True)
        self.words_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.words_label.setFrameShape(QLabel.Shape.StyledPanel)
        form.addRow(self.words_label)

        warning = QLabel(self.tr(
            "<b>Nobody can recover a forgotten passphrase</b>: not you, not your coordinator, "
            "not the makers of fieldapp. Without it the answers in this store are lost. "
            "Field laptops: once this laptop is enrolled with your coordinator's project key, "
            "the coordinator can recover a returned laptop with the project's recovery key; "
            "that does not help you in the field, so write the passphrase down and keep the "
            "paper apart from the laptop."))
        warning.setObjectName("recoveryExplanation")
        warning.setWordWrap(True)
        form.addRow(warning)

    def _build_create_footer(self, form: QFormLayout) -> None:
        self.install_check = named(
            QCheckBox(self.tr("Install the example &questionnaire (2017 escapee survey)")),
            "installReference", self.tr("Install the example questionnaire"))
        form.addRow(self.install_check)

        self.create_error = QLabel()
        self.create_error.setObjectName("createError")
        self.create_error.setWordWrap(True)
        self.create_error.setStyleSheet("color: #b00020;")
        form.addRow(self.create_error)

        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("createBusy")
        self.busy_bar.setAccessibleName(self.tr("Creating the store"))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.create_button = named(QPushButton(self.tr("&Create store")), "createStore",
                                   self.tr("Create the store"))
        self.create_button.clicked.connect(self._on_create_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.busy_bar)
        row.addWidget(self.create_button)
        form.addRow(row)

    def _build_open(self) -> QGroupBox:
        box = QGroupBox(self.tr("Open an existing store"))
        box.setObjectName("openBox")
        layout = QVBoxLayout(box)
        self.recent_label = QLabel(self.tr("Recen&t stores:"))
        self.recent_list = named(QListWidget(), "recentStores", self.tr("Stores opened lately"))
        self.recent_list.itemActivated.connect(self._on_recent_activated)
        self.recent_list.currentItemChanged.connect(self._on_recent_current_changed)
        self.recent_label.setBuddy(self.recent_list)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent_list)
        row = QHBoxLayout()
        self.open_edit = named(QLineEdit(), "openFolder", self.tr("Folder of an existing store"))
        browse = named(QPushButton(self.tr("Choose fol&der…")), "openFolderBrowse",
                       self.tr("Choose the folder of an existing store"))
        browse.clicked.connect(self._on_browse_open_clicked)
        self.open_button = named(QPushButton(self.tr("Op&en")), "openStore",
                                 self.tr("Open the existing store"))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.open_edit.returnPressed.connect(self._on_open_clicked)
        row.addWidget(self.open_edit, 1)
        row.addWidget(browse)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.open_error = QLabel()
        self.open_error.setObjectName("openError")
        self.open_error.setWordWrap(True)
        self.open_error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.open_error)
        return box

    # -- state ------------------------------------------------------------------------------
    def reset(self, back_to: Path | None = None, recent: list[Path] | tuple[Path, ...] = ()) -> None:
        """Back to a blank form (also drops any passphrase typed or generated).

        ``back_to``: the store whose unlock screen sent the user here (offered as the way back);
        ``recent``: stores opened lately (those still there are listed).
        """
        self._back_to = back_to
        self.back_button.setVisible(back_to is not None)
        # Never the folder of a store that is already there (creating into it is refused).
        self.folder_edit.setText(str(store_ops.proposed_store_dir()))
        self.role_interviewer.setChecked(True)
        self.passphrase_edit.clear()
        self.repeat_edit.clear()
        self.show_check.setChecked(False)
        self.words_label.clear()
        self.words_label.hide()
        self.install_check.setChecked(True)
        self.create_error.clear()
        self.open_edit.clear()
        self.open_error.clear()
        self._fill_recent(recent)
        self.busy_bar.hide()
        self._set_inputs_enabled(True)
        self._on_passphrase_changed()

    def _fill_recent(self, recent) -> None:
        self.recent_list.clear()
        for folder in recent:
            if store_ops.looks_like_store(folder):
                item = QListWidgetItem(str(folder))
                item.setData(Qt.ItemDataRole.UserRole, str(folder))
                self.recent_list.addItem(item)
        shown = self.recent_list.count() > 0
        if shown:  # as tall as its rows, no taller
            rows = self.recent_list.count()
            self.recent_list.setFixedHeight(self.recent_list.sizeHintForRow(0) * rows
                                            + 2 * self.recent_list.frameWidth() + 4)
        self.recent_label.setVisible(shown)
        self.recent_list.setVisible(shown)

    def focus_first(self) -> None:
        """Where a returning user starts: the newest recent store, else the new store's folder."""
        if self.recent_list.count():
            self.recent_list.setCurrentRow(0)
            self.recent_list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def role(self) -> str:
        return "coordinator" if self.role_coordinator.isChecked() else "interviewer"

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.folder_edit, self.role_interviewer, self.role_coordinator,
                       self.passphrase_edit, self.repeat_edit, self.generate_button,
                       self.install_check, self.open_edit, self.open_button):
            widget.setEnabled(enabled)
        self._update_create_enabled(enabled)

    def _show_busy(self, shown: bool) -> None:
        self.busy_bar.setVisible(shown)

    # -- feedback ---------------------------------------------------------------------------
    def _on_passphrase_changed(self, _text: str = "") -> None:
        text = self.passphrase_edit.text()
        if not text:
            self.strength_bar.setValue(0)
            self.strength_label.setText(self.tr(
                "Use at least 10 characters; several unrelated words are easiest to remember."))
        else:
            strength = assess_passphrase(text)
            self.strength_bar.setValue(strength.score)
            if not strength.ok:
                self.strength_label.setText(self.tr("Too weak: {0}.").format(
                    self._reason(strength.reason)))
            elif self.repeat_edit.text() and self.repeat_edit.text() != text:
                self.strength_label.setText(self.tr("Strong enough, but the two passphrases differ."))
            else:
                self.strength_label.setText(self.tr("Strong enough."))
        self._update_create_enabled(self.passphrase_edit.isEnabled())

    def _reason(self, reason: str) -> str:
        # zxcvbn's feedback is English; the one reason we produce ourselves gets translated.
        if reason.startswith("it is shorter than"):
            return self.tr("it is shorter than 10 characters")
        return reason or self.tr("it would be guessed too quickly")

    def _passphrase_acceptable(self) -> bool:
        text = self.passphrase_edit.text()
        return bool(text) and text == self.repeat_edit.text() and assess_passphrase(text).ok

    def _update_create_enabled(self, inputs_enabled: bool = True) -> None:
        self.create_button.setEnabled(
            inputs_enabled and bool(self.folder_edit.text().strip()) and self._passphrase_acceptable())

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def _on_generate_clicked(self) -> None:
        # Korean words in the Korean interface (issue #15, item 6); English ones otherwise.
        korean = QLocale().language() == QLocale.Language.Korean
        words = generate_passphrase("ko" if korean else "en")
        self.passphrase_edit.setText(words)
        self.repeat_edit.setText(words)
        self.words_label.setText(self.tr(
            "Write these words down now, in this order, and keep the paper apart from the "
            "laptop:<br><b>{0}</b>").format(words))
        self.words_label.show()

    # -- actions ----------------------------------------------------------------------------
    def _on_browse_create_clicked(self) -> None:
        start = Path(self.folder_edit.text().strip() or default_store_dir()).parent
        open_file_dialog(self, self.tr("Folder for the new store"), start,
                         lambda p: self.folder_edit.setText(str(p / "fieldapp-store")), directory=True)

    def _on_browse_open_clicked(self) -> None:
        open_file_dialog(self, self.tr("Folder of an existing store"), default_store_dir().parent,
                         lambda p: self.open_edit.setText(str(p)), directory=True)

    def _on_create_clicked(self) -> None:
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not self.folder_edit.text().strip():
            self.create_error.setText(self.tr("Choose a folder for the new store."))
            return
        if self.passphrase_edit.text() != self.repeat_edit.text():
            self.create_error.setText(self.tr("The two passphrases differ; type the same one twice."))
            return
        if not assess_passphrase(self.passphrase_edit.text()).ok:
            self.create_error.setText(self.tr("Choose a stronger passphrase (or generate one)."))
            return
        self.create_error.clear()
        self._set_inputs_enabled(False)
        self._busy.begin()
        passphrase, role, install = self.passphrase_edit.text(), self.role(), self.install_check.isChecked()
        self._executor.submit(
            lambda: store_ops.create_store(folder, passphrase, role, install_example=install),
            needs_store=False, on_done=self._on_create_done, on_failed=self._on_create_failed,
            key="welcome.create")

    def _on_create_done(self, created: Created) -> None:
        self._busy.end()
        self.reset()
        self.sig_created.emit(created)

    def _on_create_failed(self, exc: Exception) -> None:
        self._busy.end()
        self._set_inputs_enabled(True)
        show_error(self.create_error, exc)

    def _on_back_clicked(self) -> None:
        if self._back_to is not None:
            self.sig_back_requested.emit(self._back_to)

    def _on_recent_current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.open_edit.setText(item.data(Qt.ItemDataRole.UserRole))

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.open_edit.setText(item.data(Qt.ItemDataRole.UserRole))
        self._on_open_clicked()

    def _on_open_clicked(self) -> None:
        text = self.open_edit.text().strip()
        if not text:
            self.open_error.setText(self.tr("Choose the folder of an existing store."))
            return
        folder = Path(text).expanduser()
        if not store_ops.looks_like_store(folder):
            self.open_error.setText(particles(self.tr(
                "{0} is not a fieldapp store (it has no key slots or database).").format(folder)))
            return
        self.open_error.clear()
        self.sig_open_requested.emit(folder)
