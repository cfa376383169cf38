"""Keyed-in paper questionnaires: rows of a CSV/XLSX file validated by the form's own logic.

One row per respondent, columns are field names, select_multiple as space-separated choice
names, blank = not answered. Each row runs through the same engine as a live interview
(types, relevance, required, constraints, calculations). Problems name the file row (the
header is row 1, as in a spreadsheet) and the column. Nothing here writes anything.
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldapp.engine.interview import Interview
from fieldapp.errors import UserFacingError
from fieldapp.forms.model import Form
from fieldapp.progress import CancelToken, ProgressSink, no_progress

#: Columns that are not questions and are accepted without complaint.
META_COLUMNS = {"instanceid", "pseudonym", "language"}
MAX_ROWS = 1_000_000


@dataclass
class PaperResult:
    interviews: list[Interview]
    problems: list[str]
    instance_ids: list[str | None]
    sha256: str
    rows: int


def instance_interview_id(form_id: str, instance_id: str) -> str:
    """The interview id for a paper row's instanceID: 128 bits, like every interview id.

    Derived, not stored as typed: the same instanceID gives the same interview wherever it is
    keyed in (so a re-import, or the same form keyed on two laptops, is recognised), while ids
    keep the one shape bundles accept.
    """
    digest = hashlib.sha256(f"fieldapp/instance-id/v1\n{form_id}\n{instance_id}".encode()).hexdigest()
    return digest[:32]


def read_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, list[object]]], str]:
    """Header, (row number, cells) and the file's SHA-256."""
    data = Path(path).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserFacingError(f"{Path(path).name}: the file is not UTF-8 text; save it as CSV UTF-8.") from None
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = list(reader)
        if not rows:
            raise UserFacingError(f"{Path(path).name}: the file is empty.")
        header = [h.strip() for h in rows[0]]
        return header, ((i + 2, r) for i, r in enumerate(rows[1:]) if any(c.strip() for c in r)), digest
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            with warnings.catch_warnings():  # openpyxl warns about Excel extensions it drops
                warnings.simplefilter("ignore")
                wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one sentence
            raise UserFacingError(f"{Path(path).name}: not a readable .xlsx workbook ({type(exc).__name__}).") from None
        ws = wb.worksheets[0]
        it = ws.iter_rows(values_only=True)
        try:
            header = [str(h).strip() if h is not None else "" for h in next(it)]
        except StopIteration:
            raise UserFacingError(f"{Path(path).name}: the first sheet is empty.") from None
        return header, (
            (i + 2, list(r)) for i, r in enumerate(it) if any(c not in (None, "") for c in r)
        ), digest
    raise UserFacingError(f"{Path(path).name}: use a .csv or .xlsx file.")


def validate_file(
    form: Form,
    path: Path,
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
) -> PaperResult:
    """Every row validated; problems listed as 'row N, column X: reason'."""
    header, rows, digest = read_rows(path)
    problems: list[str] = []
    from fieldapp.engine._structure import _Structure

    structure = _Structure.of(form)
    questions = {q.name: q for q in form.questions() if not structure.repeat_path.get(q.name)}
    inputs = {n for n, q in questions.items() if q.holds_answer and not q.read_only}
    for col in header:
        if col and structure.repeat_path.get(col):
            # a repeat's answers are rows of their own: one per instance (ODK Briefcase layout)
            problems.append(f"row 1, column {col}: the question is inside the repeat "
                            f"{structure.repeat_path[col][-1]}; its answers go in a sheet or file of "
                            "their own, one row per entry")
        elif col and col not in inputs and col.lower() not in META_COLUMNS and col not in questions:
            problems.append(f"row 1, column {col}: no question of form {form.form_id} has this name")
    if not header or all(not h for h in header):
        problems.append("row 1: the header row is empty")
    seen_ids: dict[str, int] = {}
    interviews: list[Interview] = []
    instance_ids: list[str | None] = []
    rows = list(rows)
    if len(rows) > MAX_ROWS:
        raise UserFacingError(f"{Path(path).name}: more than {MAX_ROWS} rows; split the file.")
    total = len(rows)
    id_col = next((i for i, h in enumerate(header) if h.lower() == "instanceid"), None)
    for done, (rownum, cells) in enumerate(rows, 1):
        if cancel is not None:
            cancel.check()
        interview = Interview.blank(form)
        given: dict[str, object] = {}
        for i, col in enumerate(header):
            if col in inputs and i < len(cells) and cells[i] not in (None, ""):
                given[col] = cells[i]
        bad_type = set()
        for name, raw in given.items():
            q = questions[name]
            try:
                value = interview._coerce(q, _cell_text(raw, q.type))
            except ValueError:
                problems.append(f"row {rownum}, column {name}: {_type_problem(form, q)}")
                bad_type.add(name)
                continue
            if value is not None:
                interview.values[name] = value
        interview._recompute()
        for issue in interview.all_issues():
            why = issue.message or ("an answer is required" if issue.code == "required"
                                    else "the answer breaks the question's constraint")
            problems.append(f"row {rownum}, column {issue.field}: {why}")
        not_applicable = [n for n in given if n not in bad_type and not interview.is_relevant(n)]
        if not_applicable:
            cols = ", ".join(not_applicable[:8]) + (" ..." if len(not_applicable) > 8 else "")
            noun = "column" if len(not_applicable) == 1 else "columns"
            problems.append(
                f"row {rownum}, {noun} {cols}: answered, but the form's skip logic says "
                f"{'this question does' if len(not_applicable) == 1 else 'these questions do'} "
                "not apply to this respondent"
            )
        iid = None
        if id_col is not None and id_col < len(cells) and cells[id_col] not in (None, ""):
            typed = str(cells[id_col]).strip()
            if typed in seen_ids:
                problems.append(f"row {rownum}, column instanceID: same id as row {seen_ids[typed]}")
            seen_ids[typed] = rownum
            iid = instance_interview_id(form.form_id, typed)
        interviews.append(interview)
        instance_ids.append(iid)
        progress(done, total, "")
    return PaperResult(interviews, problems, instance_ids, digest, total)


def _cell_text(raw: object, qtype: str) -> object:
    if isinstance(raw, float) and qtype == "integer" and raw.is_integer():
        return int(raw)
    if qtype in ("select_one", "select_multiple") and isinstance(raw, int | float):
        return str(int(raw)) if float(raw).is_integer() else str(raw)
    return raw


def _type_problem(form: Form, q) -> str:
    # Never echo the cell: a wrong column can hold anything, including a name.
    if q.type == "select_one":
        return f"not one of the choices ({', '.join(form.choices_for(q).names()[:12])})"
    if q.type == "select_multiple":
        return "one or more of the space-separated names is not a choice of this question"
    if q.type == "integer":
        return "not a whole number"
    if q.type == "decimal":
        return "not a number"
    if q.type == "date":
        return "not a date (use YYYY-MM-DD)"
    return "not a valid value"
