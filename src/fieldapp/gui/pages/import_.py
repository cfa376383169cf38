"""Import page (coordinator): add bundle files, see each one checked, then merge them.

Every added bundle is checked in a worker with ``check_bundle`` (a dry run: nothing is
written), so the table shows, before anything changes, whether its signature is valid,
which device sent it and whether that device is known, new or revoked, what a merge would
do (new / duplicate / updated / conflict) and, for a refused bundle, the one sentence why.

A bundle from a laptop this store does not trust yet is refused from the head of the file
(its signer and manifest), with the laptop's id and its key's fingerprint words. The
coordinator trusts one laptop at a time ("Trust this laptop…"): the words are shown large and
must be ticked as matching the interviewer's laptop, which announces the laptop in the store
(as ``fieldapp devices trust`` does); its bundles are then checked again (issue #17, finding 10).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_message, error_text
from fieldapp.gui.executor import DEVICES, INTERVIEWS, StoreExecutor
from fieldapp.gui.messages import particles
from fieldapp.gui.models.exchange import (
    CHECKED,
    CHECKING,
    MERGED,
    MERGING,
    BundleRow,
    BundleTableModel,
)
from fieldapp.gui.models.rows import ROW_ROLE
from fieldapp.gui.pagekit import fingerprint_label, open_files_dialog, page_header
from fieldapp.ops import exchange as exchange_ops
from fieldapp.ops.model import ImportReport


class TrustDeviceDialog(QDialog):
    """One laptop's fingerprint words, to compare with the interviewer's laptop before trusting it."""

    sig_trusted = Signal(str, str)  # words, label

    def __init__(self, row: BundleRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDeviceDialog")
        self.setWindowTitle(self.tr("Trust a new laptop"))
        self.setAccessibleName(self.tr("Trust a new laptop"))
        self.setMinimumWidth(640)  # eight large words on one line
        report = row.report
        assert report is not None
        self.words = report.device_words
        layout = QVBoxLayout(self)
        who = report.device_id or self.tr("(its id is shown once it is trusted)")
        intro = QLabel(particles(self.tr(
            "{0} comes from laptop {1}, which this store does not trust yet. Ask the interviewer to read "
            "out the fingerprint words shown on their laptop's Export page (or read them from the laptop "
            "yourself). Trust it only if every word matches, in the same order:").format(row.path.name, who)))
        intro.setObjectName("trustDeviceIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.words_label = fingerprint_label("trustDeviceWords", self.tr("Fingerprint words of the new laptop"))
        self.words_label.setText(self.words)
        layout.addWidget(self.words_label)
        self.match_check = named(QCheckBox(self.tr("The &words match the laptop's, in the same order")),
                                 "trustDeviceMatch", self.tr("The fingerprint words match the laptop's"))
        layout.addWidget(self.match_check)
        row_layout = QHBoxLayout()
        label = QLabel(self.tr("&Label (optional):"))
        self.label_edit = named(QLineEdit(), "trustDeviceLabel", self.tr("Label for the laptop"))
        self.label_edit.setPlaceholderText(self.tr("e.g. Seoul team, laptop 3"))
        self.label_edit.setMaxLength(80)
        label.setBuddy(self.label_edit)
        row_layout.addWidget(label)
        row_layout.addWidget(self.label_edit, 1)
        layout.addLayout(row_layout)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("trustDeviceButtons")
        self.trust_button = named(
            self.buttons.addButton(self.tr("&Trust this laptop"), QDialogButtonBox.ButtonRole.AcceptRole),
            "trustDeviceYes", self.tr("Trust this laptop"))
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "trustDeviceNo",
              self.tr("Do not trust this laptop"))
        self.trust_button.setEnabled(False)
        self.match_check.toggled.connect(self.trust_button.setEnabled)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _on_accepted(self) -> None:
        if not self.match_check.isChecked():
            return
        self.accept()
        self.sig_trusted.emit(self.words, self.label_edit.text())


class ImportPage(QWidget):
    sig_home_requested = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self._checking: set[Path] = set()
        self._merging = False
        self._last_folder: Path | None = None
        self.trust_dialog: TrustDeviceDialog | None = None
        self.model = BundleTableModel(self)
        self._build()
        self.clear()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top, self.home_button = page_header(self.tr("Import bundles"), "import",
                                            self.tr("&Back to interviews"), self.tr("Back to the interview list"))
        self.home_button.clicked.connect(self.sig_home_requested)
        layout.addLayout(top)

        self.intro_label = QLabel(self.tr(
            "Add the bundle files from the interviewers' USB sticks. Each one is checked first; "
            "nothing changes in this store until you press Merge."))
        self.intro_label.setObjectName("importIntro")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)

        row = QHBoxLayout()
        self.add_button = named(QPushButton(self.tr("&Add bundles…")), "importAdd",
                                self.tr("Add bundle files to check"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = named(QPushButton(self.tr("&Remove from the list")), "importRemove",
                                   self.tr("Remove the selected bundles from the list"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.trust_button = named(QPushButton(self.tr("&Trust this laptop…")), "importTrustDevice",
                                  self.tr("Compare the selected bundle's laptop fingerprint words and trust it"))
        self.trust_button.clicked.connect(self._on_trust_clicked)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.trust_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.table = named(QTableView(), "importTable", self.tr("Bundles to import"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BundleTableModel.PROBLEMS, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._fit_rows)
        self.model.dataChanged.connect(self._fit_rows)
        self.model.rowsInserted.connect(self._fit_rows)
        layout.addWidget(self.table, 1)
        # The whole refusal or notice of the selected bundle, however narrow its column is.
        self.details_label = QLabel()
        self.details_label.setObjectName("importDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_details())
        self.model.dataChanged.connect(lambda *_: self._show_details())
        layout.addWidget(self.details_label)

        row = QHBoxLayout()
        self.merge_button = named(QPushButton(self.tr("&Merge")), "importMerge",
                                  self.tr("Merge the checked bundles into this store"))
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setAccessibleName(self.tr("Import progress"))
        self.progress_bar.setMaximumWidth(240)
        row.addWidget(self.merge_button)
        row.addWidget(self.progress_bar)
        row.addStretch(1)
        layout.addLayout(row)

        self.status_label = QLabel()
        self.status_label.setObjectName("importStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)

    def _fit_rows(self, *_args) -> None:
        self.table.resizeRowsToContents()

    def _show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows(BundleTableModel.PROBLEMS)
        text = rows[0].data() if len(rows) == 1 else ""
        name = rows[0].siblingAtColumn(BundleTableModel.FILE).data() if text else ""
        self.details_label.setText(f"{name}: {text}" if text else "")
        self.details_label.setVisible(bool(text))

    # -- content ----------------------------------------------------------------------------
    @property
    def coordinator(self) -> bool:
        return self._session.is_open and self._session.role == "coordinator"

    def refresh(self) -> None:
        if not self._session.is_open:
            self.clear()
            return
        if not self.coordinator:
            self.status_label.setText(self.tr(
                "This is an interviewer store: bundles are exported from here, not imported."))
        self._update_actions()

    def clear(self) -> None:
        """Forget the bundle list and results (lock); results of running checks are dropped."""
        self._checking.clear()
        if self.trust_dialog is not None:
            self.trust_dialog.close()
            self.trust_dialog.deleteLater()
            self.trust_dialog = None
        self.model.clear()
        self.details_label.clear()
        self.status_label.clear()
        self.progress_bar.hide()
        self._update_actions()

    def row(self, path: Path) -> BundleRow | None:
        n = self.model.index_of(Path(path))
        return None if n < 0 else self.model.row_at(n)

    def _selected_rows(self) -> list[BundleRow]:
        return [i.data(ROW_ROLE) for i in self.table.selectionModel().selectedRows()]

    def _selected_paths(self) -> set[Path]:
        return {r.path for r in self._selected_rows()}

    def _update_actions(self) -> None:
        ok = self.coordinator and not self._merging
        self.add_button.setEnabled(ok)
        self.remove_button.setEnabled(ok and bool(self._selected_paths()))
        selected = self._selected_rows()
        self.trust_button.setEnabled(ok and len(selected) == 1 and selected[0].untrusted)
        mergeable = any(r.mergeable for r in self.model.rows())
        self.merge_button.setEnabled(ok and mergeable and not self._checking)

    # -- checking ---------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        open_files_dialog(self, self.tr("Add bundles"), self._last_folder or Path.home(),
                          self.tr("fieldapp bundles (*.fab);;All files (*)"), self.add_files)

    def add_files(self, paths: list[Path], keep_status: bool = False) -> None:
        """List each bundle and check it in a worker (adding a listed file again re-checks it)."""
        if not self.coordinator or self._merging:
            return
        if not keep_status:
            self.status_label.clear()
        for path in (Path(p) for p in paths):
            self._last_folder = path.parent
            self._checking.add(path)
            self.model.upsert(BundleRow(path, CHECKING))
            self._executor.submit(lambda store, path=path: exchange_ops.preview_bundle(store, path),
                                  on_done=lambda result, path=path: self._on_check_done(path, result),
                                  on_failed=lambda exc, path=path: self._on_check_failed(path, exc),
                                  key=f"exchange.check:{path}")
        self._update_actions()

    def _end_check(self, path: Path) -> bool:
        if path not in self._checking:
            return False  # removed, or the page was cleared (lock) meanwhile
        self._checking.discard(path)
        self._update_actions()
        return self.coordinator and self.model.index_of(path) >= 0

    def _on_check_done(self, path: Path, result: exchange_ops.BundlePreview) -> None:
        if not self._end_check(path):
            return
        self.model.upsert(BundleRow(path, CHECKED, result.report, result.device_state, result.label))
        self._update_actions()

    def _on_check_failed(self, path: Path, exc: Exception) -> None:
        if not self._end_check(path):
            return
        reason = error_message(exc)
        self.model.upsert(BundleRow(path, CHECKED, ImportReport(bundle=path.name, reason=reason)))
        self._update_actions()

    # -- trusting a new laptop, one at a time ------------------------------------------------
    def _on_trust_clicked(self) -> None:
        rows = self._selected_rows()
        if not self.coordinator or len(rows) != 1 or not rows[0].untrusted:
            return
        dialog = TrustDeviceDialog(rows[0], self)
        dialog.sig_trusted.connect(self.trust_device)
        dialog.finished.connect(self._on_trust_dialog_finished)
        self.trust_dialog = dialog
        dialog.open()

    def _on_trust_dialog_finished(self, _result: int) -> None:
        if self.trust_dialog is not None:
            self.trust_dialog.deleteLater()
            self.trust_dialog = None

    def trust_device(self, words: str, label: str = "") -> None:
        """Announce the laptop with these words (the user confirmed them), then check its bundles again."""
        if not self.coordinator:
            return
        self._executor.submit(lambda store: exchange_ops.expect_device(store, words, label), changes=DEVICES,
                              on_done=lambda _row: self._on_device_trusted(words),
                              on_failed=lambda exc: self.status_label.setText(error_text(exc)))

    def _on_device_trusted(self, words: str) -> None:
        again = [r.path for r in self.model.rows() if r.report is not None and r.report.device_words == words]
        self.status_label.setText(self.tr(
            "The laptop with the words {0} is trusted from its first merged bundle; %n of its bundle(s) are "
            "checked again.", "", len(again)).format(words))
        self.add_files(again, keep_status=True)

    def _on_remove_clicked(self) -> None:
        paths = self._selected_paths()
        self._checking -= paths
        self.model.remove(paths)
        self._update_actions()

    # -- merging ----------------------------------------------------------------------------
    def _on_merge_clicked(self) -> None:
        if not self.coordinator or self._merging or self._checking:
            return
        rows = [r for r in self.model.rows() if r.mergeable]
        if not rows:
            self.status_label.setText(self.tr("Nothing to merge: add bundles, or every bundle listed "
                                              "was refused or is merged already."))
            return
        paths = [r.path for r in rows]
        for r in rows:
            self.model.upsert(r.with_(stage=MERGING))
        self._merging = True
        self.status_label.setText(self.tr("Merging…"))
        self.progress_bar.setRange(0, len(paths))
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self._update_actions()
        self._executor.submit(
            lambda store, progress, cancel: exchange_ops.merge_bundles(
                store, paths, progress=progress, cancel=cancel),
            on_progress=lambda done, _total, _name: self.progress_bar.setValue(done),
            on_done=lambda reports: self._on_merge_done(rows, reports),
            on_failed=lambda exc: self._on_merge_failed(rows, exc),
            on_cancelled=lambda: self._on_merge_failed(rows, None), key="exchange.import", changes=INTERVIEWS)

    def _end_merge(self) -> bool:
        self._merging = False
        self.progress_bar.hide()
        self._update_actions()
        return self.coordinator

    def _on_merge_done(self, rows: list[BundleRow], reports) -> None:
        if not self._end_merge():
            return
        imported = already = refused = 0
        receipts: set[str] = set()
        for r, report in zip(rows, reports, strict=True):
            state = "known" if report.outcome == "imported" and r.device_state == "new" else r.device_state
            self.model.upsert(r.with_(stage=MERGED, report=report, device_state=state))
            imported += report.outcome == "imported"
            already += report.outcome == "already imported"
            refused += report.outcome == "refused"
            if report.receipt:
                receipts.add(str(Path(report.receipt).parent))
        text = self.tr("Merge finished: %n bundle(s) imported", "", imported)
        text += self.tr(", {0} already imported before, {1} refused.").format(already, refused)
        if receipts:
            text += " " + self.tr(
                "Receipts were written next to the bundles, in {0}: give each interviewer theirs so "
                "their laptop can drop its sealed copy.").format(", ".join(sorted(receipts)))
        self.status_label.setText(text)
        self._update_actions()

    def _on_merge_failed(self, rows: list[BundleRow], exc: Exception | None) -> None:
        if not self._end_merge():
            return
        reason = error_text(exc) if exc is not None else ""
        # Each bundle is all or nothing, but those before the failure are merged: check every
        # one again so the table says which.
        self.add_files([r.path for r in rows if self.model.index_of(r.path) >= 0])
        if exc is None:
            self.status_label.setText(self.tr("Merge cancelled; the bundles are checked again to show "
                                              "which were merged."))
        else:
            self.status_label.setText(self.tr("The merge stopped: {0}").format(reason))
