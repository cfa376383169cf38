"""Installed forms and the problems found in a workbook, as table models for the Forms page."""

from __future__ import annotations

from fieldapp.errors import FormError
from fieldapp.gui.messages import present
from fieldapp.gui.models.rows import Column, RowsModel, local_time
from fieldapp.ops.model import FormRow


class FormTableModel(RowsModel[FormRow]):
    def columns(self) -> list[Column[FormRow]]:
        return [
            Column(self.tr("Title"), lambda r: r.title),
            Column(self.tr("Form ID"), lambda r: r.form_id),
            Column(self.tr("Version"), lambda r: r.version),
            Column(self.tr("Added"), lambda r: local_time(r.added_at), lambda r: r.added_at),
            Column(self.tr("Interviews"), lambda r: str(r.interviews), lambda r: r.interviews),
        ]


class ProblemTableModel(RowsModel[FormError]):
    """One row per problem, located by sheet and Excel row so the author can find it."""

    def columns(self) -> list[Column[FormError]]:
        return [
            Column(self.tr("Sheet"), lambda e: e.sheet or ""),
            Column(self.tr("Row"), lambda e: str(e.row) if e.row else "", lambda e: e.row or 0),
            Column(self.tr("Problem"), lambda e: present(e.problem)),
        ]
