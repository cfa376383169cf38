"""The Counts page of an interviewer's laptop: how many interviews of each form are drafts,
finalized (waiting for export) and exported, and no tables.

README: "an interviewer forced to unlock can show only unfinished drafts". A table of the
finalized, not yet exported interviews of one laptop is, with one interview, that respondent's
answers (issue #15, item 10); tabulating is the coordinator's, after import.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.a11y import named
from fieldapp.gui.errors import error_text
from fieldapp.gui.executor import StoreExecutor
from fieldapp.gui.models.rows import Column, RowsModel
from fieldapp.gui.pagekit import page_header
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.interviews import FormCounts

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CountsModel(RowsModel[FormCounts]):
    def columns(self) -> list[Column[FormCounts]]:
        return [
            Column(self.tr("Questionnaire"), lambda c: c.title),
            Column(self.tr("Drafts"), lambda c: str(c.drafts), lambda c: c.drafts, _RIGHT),
            Column(self.tr("Finalized, waiting for export"), lambda c: str(c.finalized),
                   lambda c: c.finalized, _RIGHT),
            Column(self.tr("Exported"), lambda c: str(c.exported), lambda c: c.exported, _RIGHT),
        ]


class CountsPage(QWidget):
    sig_home_requested = Signal()

    def __init__(self, executor: StoreExecutor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._session = executor.session
        self.model = CountsModel(self)
        layout = QVBoxLayout(self)
        top, back = page_header(self.tr("Interviews on this laptop"), "counts",
                                self.tr("&Back to interviews"), self.tr("Back to the interview list"))
        back.clicked.connect(self.sig_home_requested)
        layout.addLayout(top)
        note = QLabel(self.tr(
            "An interviewer's laptop shows counts only, never tables of answers: the coordinator "
            "makes the tables once the interviews are imported."))
        note.setObjectName("countsNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = named(QTableView(), "countsTable", self.tr("Interviews by questionnaire and status"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.status_label = QLabel()
        self.status_label.setObjectName("countsStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        executor.sig_store_changed.connect(self._on_store_changed)

    def refresh(self) -> None:
        if not self._session.is_open:
            self.clear()
            return
        self._executor.submit(interview_ops.interview_counts, on_done=self.model.set_rows,
                              on_failed=lambda exc: self.status_label.setText(error_text(exc)),
                              key="counts.refresh")

    def _on_store_changed(self, what: str) -> None:
        if what in ("interviews", "forms", "outbox") and self.isVisible():
            self.refresh()

    def clear(self) -> None:
        self.model.clear()
        self.status_label.clear()
