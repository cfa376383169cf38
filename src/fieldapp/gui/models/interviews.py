"""The interview list on the home page: one row per ``InterviewRow`` (no answers, ever).

Only metadata is shown (pseudonym, form, status, times; on a coordinator's store also the
laptop a record came from and how it arrived), so the model holds nothing a locked screen must
hide except the pseudonyms; it is still emptied on lock.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from fieldapp.gui.models.rows import ROW_ROLE, SORT_ROLE, Column, RowsModel, local_time
from fieldapp.ops import interviews as interview_ops
from fieldapp.ops.model import InterviewRow

SOURCES = ("interview", "paper", "bundle")


def status_text(status: str) -> str:
    # Literal calls, not an alias: lupdate only recognises QCoreApplication.translate(...).
    if status == "draft":
        return QCoreApplication.translate("InterviewStatus", "Draft")
    if status == "final":
        return QCoreApplication.translate("InterviewStatus", "Finalized")
    if status == "exported":
        return QCoreApplication.translate("InterviewStatus", "Exported")
    return status


def source_text(source: str) -> str:
    """How a record reached this store."""
    if source == "interview":
        return QCoreApplication.translate("InterviewSource", "Typed here")
    if source == "paper":
        return QCoreApplication.translate("InterviewSource", "Paper form")
    if source == "bundle":
        return QCoreApplication.translate("InterviewSource", "Bundle from a laptop")
    return source


def device_text(device_id: str, labels: dict[str, str], this_device: str = "") -> str:
    """The coordinator's name for a laptop when it has one (the device registry's label), else
    its id; "This computer" for records typed or keyed in on this store."""
    if not device_id or device_id == this_device:
        return QCoreApplication.translate("InterviewSource", "This computer")
    return labels.get(device_id) or device_id


class InterviewTableModel(RowsModel[InterviewRow]):
    PSEUDONYM, FORM, STATUS, STARTED, CHANGED = range(5)
    #: A coordinator's list has device and source columns (set_store).
    _coordinator = False
    _labels: dict[str, str] = {}  # noqa: RUF012 - replaced, never mutated
    _this_device = ""
    _titles: dict[tuple[str, str], str] = {}  # noqa: RUF012 - replaced, never mutated

    def form_title(self, form_id: str, version: str) -> str:
        """A form's title as the list shows it (its id when it has none)."""
        return self._titles.get((form_id, version)) or self._titles.get((form_id, "")) or form_id

    def columns(self) -> list[Column[InterviewRow]]:
        columns = [
            Column(self.tr("Pseudonym"), lambda r: r.pseudonym),
            # The form by its title in the interface language, its id in the tool tip (issue #15).
            Column(self.tr("Form"), lambda r: self.tr("{0} (version {1})").format(
                       self.form_title(r.form_id, r.form_version), r.form_version),
                   lambda r: f"{self.form_title(r.form_id, r.form_version)}\x00{r.form_version}",
                   tooltip=lambda r: self.tr("{0}, version {1} (form id {2})").format(
                       self.form_title(r.form_id, r.form_version), r.form_version, r.form_id)),
            Column(self.tr("Status"), lambda r: status_text(r.status)),
            Column(self.tr("Started"), lambda r: local_time(r.started_at), lambda r: r.started_at),
            Column(self.tr("Last change"), lambda r: local_time(r.updated_at), lambda r: r.updated_at),
        ]
        if self._coordinator:
            columns[3:3] = [Column(self.tr("Device"),
                                   lambda r: device_text(r.device_id, self._labels, self._this_device)),
                            Column(self.tr("Source"), lambda r: source_text(r.source))]
        return columns

    @property
    def changed_column(self) -> int:
        return len(self._columns) - 1

    def set_store(self, rows: list[InterviewRow], role: str, labels: dict[str, str],
                  this_device: str = "", titles: dict[tuple[str, str], str] | None = None) -> None:
        """Rows of a store of ``role`` (a coordinator's list has device and source columns);
        ``titles``: each form's title by (id, version), already in the interface language
        (``(id, "")``: the newest version's, for a record of a version no longer listed)."""
        self.beginResetModel()
        self._titles = dict(titles or {})
        self._coordinator = role == "coordinator"
        self._labels = dict(labels)
        self._this_device = this_device
        self._columns = self.columns()
        self._rows = list(rows)
        self.endResetModel()


@dataclass(frozen=True)
class Criteria:
    """What the filters ask for ('' = any)."""

    text: str = ""
    status: str = ""
    form: str = ""
    device: str = ""
    source: str = ""


class InterviewFilterModel(QSortFilterProxyModel):
    """Filter on the pickers (status, form, device, source) and on any column's text,
    case-insensitively; sort by each column's sort key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._criteria = Criteria()
        #: the filter text as a pseudonym typed from paper notes, if it is shaped like one
        self.pseudonym: tuple[str, bool] | None = None

    def set_criteria(self, criteria: Criteria) -> None:
        self._criteria = criteria
        self.pseudonym = interview_ops.pseudonym_typed(criteria.text)
        self.setFilterFixedString(criteria.text)  # also re-filters

    def filterAcceptsRow(self, source_row: int,  # noqa: N802 - Qt API
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        row: InterviewRow | None = model.index(source_row, 0, source_parent).data(ROW_ROLE)
        c = self._criteria
        if row is None or (c.status and row.status != c.status) or (c.form and row.form_id != c.form) \
                or (c.device and row.device_id != c.device) or (c.source and row.source != c.source):
            return False
        # A pseudonym as typed from notes ("k7m2 9qxd t", O for 0) finds its interview.
        if self.pseudonym is not None and row.pseudonym == self.pseudonym[0]:
            return True
        # The list shows a form's title; its id (in the tool tip) still finds it.
        return super().filterAcceptsRow(source_row, source_parent) or (
            bool(c.text) and c.text.casefold() in row.form_id.casefold())
