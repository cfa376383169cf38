"""Random XLSForm workbooks: read_xlsform returns a Form or raises FormErrors, rows located."""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import event, given

from tests.fuzz.mutations import apply_bytes
from tests.fuzz.strategies import byte_ops, fuzz_settings, workbooks
from tests.fuzz.targets import XLSFormTarget
from tests.xlsform_builder import write_xlsform

VALID_SURVEY = """
| type          | name    | label::English (en) | relevant          | constraint | calculation |
| select_one yn | consent | Consent?            |                   |            |             |
| integer       | age     | Age                 | ${consent}='yes'  | . >= 15    |             |
| calculate     | adult   |                     |                   |            | if(${age} >= 18, 'yes', 'no') |
"""
VALID_CHOICES = """
| list_name | name | label::English (en) |
| yn        | yes  | Yes                 |
| yn        | no   | No                  |
"""


def to_xlsx(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class Target(XLSFormTarget):
    def __repr__(self) -> str:  # hypothesis prints arguments of a failing example: keep it short
        return "XLSFormTarget()"


@pytest.fixture(scope="module")
def target(tmp_path_factory) -> Target:
    t = Target()
    path = write_xlsform(tmp_path_factory.mktemp("xlsform") / "valid.xlsx", VALID_SURVEY, VALID_CHOICES,
                         {"form_id": "fz", "version": "1"})
    t.valid = path.read_bytes()
    return t


def test_the_valid_form_reads(target):
    assert target.run(target.valid) == "form"


@fuzz_settings(150)
@given(sheets=workbooks())
def test_random_sheets_cells_and_expressions(target, sheets):
    event(target.run(to_xlsx(sheets)))


def test_a_truncated_workbook_is_refused(target):
    assert target.run(target.valid[:50]) == "refused"
    assert target.run(b"") == "refused"


@pytest.mark.parametrize("damage", ["missing first entry", "corrupt deflate data"])
def test_a_damaged_workbook_is_refused(target, damage):
    data = target.valid
    if damage == "missing first entry":
        data = data[196:]  # openpyxl: ValueError "Unable to read workbook"
    else:
        name = b"xl/worksheets/sheet1.xml"
        at = data.index(name) + len(name)
        data = data[:at + 2] + b"\xff" * 8 + data[at + 10:]  # zlib.error
    assert target.run(data) == "refused"


@fuzz_settings(120)
@given(ops=byte_ops)
def test_mutated_workbook_bytes(target, ops):
    event(target.run(apply_bytes(target.valid, ops)))
