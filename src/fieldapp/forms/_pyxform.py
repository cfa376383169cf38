"""Running pyxform (ODK's reference XLSForm converter) and locating what it says.

pyxform reads ``.xlsx``/``.xls`` workbooks, normalises types, aliases, smart quotes and
``bind::``/``body::`` columns, and refuses what ODK refuses; its JSON form (``workbook_to_json``)
is what ``fieldapp.forms._convert`` turns into our model. pyxform's JSON carries no row
numbers, so ``RowFinder`` maps each element back to its survey row by walking the sheet's
rows in the same order (pyxform keeps empty rows so row numbers stay right).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from typing import Any

from fieldapp.errors import FormError, FormErrors
from fieldapp.messages import msg

_ROW_RE = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET_RE = re.compile(r"(?:on|in) the '([A-Za-z_ -]+)' sheet", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class PyxformResult:
    json: dict[str, Any]
    survey_rows: list[dict[str, Any]]
    choices_rows: list[dict[str, Any]]
    survey_header: list[str]
    choices_header: list[str]
    settings: dict[str, str]
    sheet_names: list[str]
    warnings: list[str]


def file_type_of(data: bytes) -> str:
    """``.xls`` for an OLE2 (Excel 97-2003) workbook, ``.xlsx`` otherwise."""
    return ".xls" if data.startswith(_OLE_MAGIC) else ".xlsx"


def _header(rows: Any) -> list[str]:
    if not rows:
        return []
    return [str(k) for k in rows[0]]


def _refusals(exc: Exception) -> list[FormError]:
    """pyxform's refusal as located problems: one per ``[row : N]`` line when it lists
    several (RHoMIS: the same duplicate-choice sentence for rows 67, 68 and 69, which one
    message repeated three times with only the first row named)."""
    lines = [line for line in str(exc).splitlines() if line.strip()]
    if len(lines) > 1 and all(_ROW_RE.search(line) for line in lines):
        return [_refusal(line) for line in lines]
    return [_refusal(exc)]


def _refusal(exc: Exception | str) -> FormError:
    detail = " ".join(str(exc).split()) or exc.__class__.__name__
    row_m = _ROW_RE.search(detail)
    sheet_m = _SHEET_RE.search(detail)
    row = int(row_m.group(1)) if row_m else None
    sheet = sheet_m.group(1).lower() if sheet_m else ("survey" if row else None)
    detail = _ROW_RE.sub("", detail).strip()
    # The learn-more links point at a web page; an offline laptop cannot open it.
    detail = re.sub(r"\s*Learn more: https?://\S+", "", detail)
    return FormError("pyxform", msg("form.pyxform", detail=detail), sheet, row)


_QUOTED_RE = re.compile(r"'([^']+)'|\[([^\]]+)\]")


def _actual_sheet(logical: str | None, names: list[str]) -> str | None:
    """The workbook's own title for pyxform's sheet ('Survey', or 'surveys', which xlrd and
    openpyxl readers give pyxform as its survey sheet)."""
    if logical is None:
        return None
    for name in names:
        if name.strip().lower() == logical:
            return name
    for name in names:
        if name.strip().lower().startswith(logical):
            return name
    return logical


def _locate(error: FormError, workbook: Any) -> FormError:
    """Name the workbook's own sheet title, and find the row when pyxform names a cell's
    value but not its row ("Unknown question type 'selct_one yn'")."""
    names = [str(n) for n in (workbook.sheet_names or [])]
    if error.row is not None or error.sheet is not None:
        sheet = _actual_sheet(error.sheet, names)
        return FormError(error.form_code, error.problem, sheet, error.row) if sheet != error.sheet else error
    quoted = [a or b for a, b in _QUOTED_RE.findall(error.detail)]
    for sheet, rows in (("choices", workbook.choices), ("survey", workbook.survey)):
        for i, row in enumerate(rows or [], start=2):
            cells = {str(v).strip() for v in row.values()}
            if any(q in cells for q in quoted) and (sheet == "survey" or len(
                    [q for q in quoted if q in cells]) == len(quoted)):
                return FormError(error.form_code, error.problem, _actual_sheet(sheet, names), i)
    if "choices sheet" in error.detail:
        # "There should be a choices sheet": the first select question is the one that needs it
        for i, row in enumerate(workbook.survey or [], start=2):
            kind = " ".join(str(v) for k, v in row.items() if str(k).strip().lower() == "type")
            if kind.strip().lower().startswith(("select", "rank")):
                return FormError(error.form_code, error.problem, _actual_sheet("survey", names), i)
    return error


def run_pyxform(data: bytes, source: str, form_name: str) -> PyxformResult:
    """pyxform's reading of the workbook; ``FormErrors`` (one located sentence) if it refuses."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    kind = file_type_of(data)
    found: list[str] = []
    with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
        warnings.simplefilter("ignore")
        try:
            workbook = get_xlsform(io.BytesIO(data), file_type=kind)
        except PyXFormError as exc:
            if "not recognized as a supported type" not in str(exc):
                raise FormErrors(_refusals(exc), source) from None  # e.g. a duplicate header
            raise FormErrors([FormError("unreadable", msg(
                "form.unreadable", source=source, kind=kind,
                reason=exc.__class__.__name__))], source) from None
        except Exception as exc:  # noqa: BLE001 - damaged files fail in many ways
            raise FormErrors([FormError("unreadable", msg(
                "form.unreadable", source=source, kind=kind,
                reason=exc.__class__.__name__))], source) from None
        try:
            pyjson = workbook_to_json(
                workbook_dict=workbook, form_name=None, fallback_form_name=form_name,
                default_language=None, warnings=found)
            # Building the survey runs pyxform's remaining checks (references, names in
            # their parents, choice filters); its XForm text is not needed.
            from pyxform.builder import create_survey_element_from_dict

            create_survey_element_from_dict(pyjson).to_xml(validate=False, warnings=found)
        except PyXFormError as exc:
            raise FormErrors([_locate(e, workbook) for e in _refusals(exc)], source) from None
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
            # pyxform itself failed on this workbook (a bug there): refused, never a traceback.
            raise FormErrors([FormError("pyxform", msg(
                "form.pyxform_failed", reason=exc.__class__.__name__))], source) from None
    settings_rows = workbook.settings or []
    settings = {str(k): str(v) for k, v in (settings_rows[0].items() if settings_rows else [])}
    return PyxformResult(
        json=pyjson,
        survey_rows=list(workbook.survey or []),
        choices_rows=list(workbook.choices or []),
        survey_header=_header(workbook.survey_header),
        choices_header=_header(workbook.choices_header),
        settings=settings,
        sheet_names=list(workbook.sheet_names or []),
        warnings=found,
    )


def _cell(row: dict[str, Any], column: str) -> str:
    for key, value in row.items():
        if str(key).strip().lower() == column:
            return str(value).strip()
    return ""


class RowFinder:
    """Excel row of each pyxform JSON element, found in sheet order (first data row is 2)."""

    def __init__(self, survey_rows: list[dict[str, Any]]) -> None:
        self._names = [_cell(r, "name") for r in survey_rows]
        self._types = [_cell(r, "type").lower() for r in survey_rows]
        self._cursor = 0
        self._last = 2

    def row_of(self, name: str) -> int:
        for i in range(self._cursor, len(self._names)):
            if self._names[i] == name and not self._types[i].startswith("end"):
                self._cursor = i + 1
                self._last = i + 2
                return self._last
        return self._last  # generated by pyxform (or_other, list labels): the row it came from
