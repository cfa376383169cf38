"""No form that `form check` accepts can crash `Interview.start` (issue #12).

Random forms of every question type with random defaults (literal and dynamic) and random
calculations on any type: whenever the reader accepts one, starting an interview, answering
its first page and recomputing must not raise (a ``UserFacingError`` is the clear message
an interviewer sees, e.g. for a form with repeats; anything else is a crash).
"""

from __future__ import annotations

import io

import openpyxl
from hypothesis import event, given
from hypothesis import strategies as st

from fieldapp.engine.interview import Interview
from fieldapp.errors import FormErrors, UserFacingError
from fieldapp.forms.xlsform import read_xlsform
from tests.fuzz.strategies import fuzz_settings

TYPES = ["text", "integer", "decimal", "date", "time", "dateTime", "select_one yn",
         "select_multiple yn", "rank yn", "range", "barcode", "acknowledge", "note",
         "calculate", "hidden", "geopoint", "image"]
VALUES = ["", "0", "1", "-1", "2.5", "yes", "no", "yes no", "OK", "today()", "now()",
          "2018-01-01", "2018-02-30", "10:30", "2018-01-01T10:00", "'x'", "1 div 0",
          "${q0}", "${q0} + 1", "concat(${q0}, 'a')", "date(${q0})", "once(random())",
          "if(${q0} = 'yes', 1, 'a')", "number('1,5')", "format-date(today(), '%Y')",
          "selected(${q0}, 'yes')", "substr(${q0}, 1)", "1 2", "regex('a', '[')",
          "pulldata('x', 'a', 'b', 'c')", "../q0", "/data/q0", "current()/../q0",
          "decimal-date-time(${q0})", "randomize(/data/q0)", "jr:choice-name(${q0}, '${q0}')"]


@st.composite
def forms(draw) -> bytes:
    rows = [["type", "name", "label", "default", "calculation", "relevant", "constraint",
             "parameters"]]
    for i in range(draw(st.integers(1, 5))):
        qtype = draw(st.sampled_from(TYPES))
        calc = draw(st.sampled_from(VALUES)) if qtype == "calculate" or draw(st.booleans()) else ""
        default = draw(st.sampled_from(VALUES)) if draw(st.booleans()) else ""
        rows.append([qtype, f"q{i}", f"Q{i}", default, calc,
                     draw(st.sampled_from(["", "${q0} != ''", "true()", "../q0 = 1"])),
                     draw(st.sampled_from(["", ". > 0", "regex(., '^[0-9]+$')"])),
                     "start=0 end=10 step=1" if qtype == "range" else ""])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    for r in rows:
        ws.append([c or None for c in r])
    wc = wb.create_sheet("choices")
    for r in (["list_name", "name", "label"], ["yn", "yes", "Yes"], ["yn", "no", "No"]):
        wc.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@fuzz_settings(200)
@given(data=forms())
def test_an_accepted_form_never_crashes_interview_start(data):
    try:
        form = read_xlsform(data, name="fuzz")
    except FormErrors:
        event("refused by form check")
        return
    try:
        iv = Interview.start(form)
    except UserFacingError:
        event("clear message at start")
        return
    event("started")
    page = iv.current_page
    if page is not None:
        for q in iv.visible_questions(page):
            if q.holds_answer and not q.read_only and q.name not in iv.structure.computed:
                iv.set_answer(q.name, "1")
        iv.go_next()
    assert iv.field_states() is not None
