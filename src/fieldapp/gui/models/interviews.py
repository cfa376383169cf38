"""The interview list on the home page: one row per ``InterviewRow`` (no answers, ever).

Only metadata is shown (pseudonym, form, status, times), so the model holds nothing a
locked screen must hide except the pseudonyms; it is still emptied on lock.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QSortFilterProxyModel, Qt

from fieldapp.gui.models.rows import SORT_ROLE, Column, RowsModel, local_time
from fieldapp.ops.model import InterviewRow


def status_text(status: str) -> str:
    # Literal calls, not an alias: lupdate only recognises QCoreApplication.translate(...).
    if status == "draft":
        return QCoreApplication.translate("InterviewStatus", "Draft")
    if status == "final":
        return QCoreApplication.translate("InterviewStatus", "Finalized")
    if status == "exported":
        return QCoreApplication.translate("InterviewStatus", "Exported")
    return status


class InterviewTableModel(RowsModel[InterviewRow]):
    PSEUDONYM, FORM, STATUS, STARTED, CHANGED = range(5)

    def columns(self) -> list[Column[InterviewRow]]:
        return [
            Column(self.tr("Pseudonym"), lambda r: r.pseudonym),
            Column(self.tr("Form"), lambda r: f"{r.form_id} ({r.form_version})",
                   lambda r: f"{r.form_id}\x00{r.form_version}"),
            Column(self.tr("Status"), lambda r: status_text(r.status)),
            Column(self.tr("Started"), lambda r: local_time(r.started_at), lambda r: r.started_at),
            Column(self.tr("Last change"), lambda r: local_time(r.updated_at), lambda r: r.updated_at),
        ]


class InterviewFilterModel(QSortFilterProxyModel):
    """Filter on any column's text, case-insensitively; sort by each column's sort key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
