"""Reading keyed-in paper files: CSV files and XLSX workbooks as tables of rows.

A table is one CSV file or one worksheet: its header (row 1) and its data rows, each with
its row number as a spreadsheet shows it (the header is row 1), blank rows left out. Nothing
here interprets a cell; ``fieldapp.engine.paper`` does. A file that cannot be read is refused
with a coded message naming it (never a cell's content).
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from fieldapp.errors import UserFacingError
from fieldapp.messages import Message, msg

#: The most data rows one import may hold (all files together): beyond it, split the files.
MAX_ROWS = 1_000_000


@dataclass
class Table:
    """One level's rows: a CSV file, or one sheet of a workbook."""

    file: str
    sheet: str | None
    header: list[str]
    rows: list[tuple[int, list[object]]]

    @property
    def source(self) -> str | Message:
        """How problems name the table: ``members.csv``, or ``survey.xlsx, sheet members``."""
        return self.file if self.sheet is None else msg("paper.sheet", file=self.file, sheet=self.sheet)

    @property
    def name(self) -> str:
        """The name a level is recognised by: the sheet's, else the file's without ``.csv``."""
        return self.sheet if self.sheet is not None else Path(self.file).stem


def read_tables(path: Path, every_sheet: bool) -> tuple[list[Table], str]:
    """The tables of one file and its SHA-256. ``every_sheet``: a workbook's every sheet
    that has a header (a form with repeats: a sheet per level), else its first sheet."""
    path = Path(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_csv_table(path.name, data)], digest
    if suffix in (".xlsx", ".xlsm"):
        return _workbook_tables(path.name, data, every_sheet), digest
    raise UserFacingError("paper.bad_format", path=path.name)


def _csv_table(name: str, data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserFacingError("paper.not_utf8", source=name) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise UserFacingError("paper.empty_file", source=name)
    header = [h.strip() for h in rows[0]]
    body = [(i + 2, list(r)) for i, r in enumerate(rows[1:]) if any(c.strip() for c in r)]
    return Table(name, None, header, body)


def _workbook_tables(name: str, data: bytes, every_sheet: bool) -> list[Table]:
    import openpyxl

    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one sentence
        raise UserFacingError("paper.unreadable_workbook", source=name, reason=type(exc).__name__) from None
    tables = []
    try:
        for n, ws in enumerate(wb.worksheets):
            if n and not every_sheet:
                break
            it = ws.iter_rows(values_only=True)
            try:
                first = next(it)
            except StopIteration:
                if n == 0:
                    raise UserFacingError("paper.empty_sheet", source=name) from None
                continue  # an empty extra sheet holds no level
            header = [str(h).strip() if h is not None else "" for h in first]
            body = [(i + 2, list(r)) for i, r in enumerate(it) if any(c not in (None, "") for c in r)]
            tables.append(Table(name, ws.title, header, body))
    finally:
        wb.close()
    return tables
