"""A paper import decides every row as it did before it was made faster: the memo of pure
expressions (``fieldapp.engine._memo``), the memo of cell conversions and the page filter of
``all_issues`` change no verdict. Each file is validated twice, once as it is and once with
those three replaced by what they were (every expression evaluated, every cell converted,
every relevant page asked), on rows broken in many ways; the problems (file, row, column,
code) and every interview's values, relevance and field states must be the same."""

from __future__ import annotations

import csv
import random

import pytest

from fieldapp.engine import paper as paper_mod
from fieldapp.engine._memo import EvalMemo, plain_names, pure_refs
from fieldapp.engine.interview import Interview
from fieldapp.engine.paper import validate_files
from fieldapp.engine.simulate import paper_row, simulate
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from tests.xlsform_builder import write_xlsform

BREAKS = ["", " ", "abc", "-1", "0", "12", "15", "110", "111", "1989", "2031", "2014", "1.5", "-0",
          "yes", "no", "dont_know", "other", "no_access dont_know", "a b c", "2017-02-30", "2017-02-03"]


def _all_issues_before(self):
    relevance = self.relevance
    return [i for p in self.relevant_pages() for q in p.questions
            if (q.required or q.constraint) and relevance.get(q.name, True)
            for i in self.question_issues(q)]


def _coerce_before(self):
    bad = set()
    for key, (table, rownum, column, q, raw) in self.given.items():
        try:
            value = self.iv._coerce(q, paper_mod._cell_text(raw, q.type))
        except ValueError:
            self.problems.append(paper_mod._at(table, rownum, column, paper_mod._type_problem(self.form, q)))
            bad.add(key)
            continue
        if value is not None:
            self.iv.values[key] = value
    return bad


def _outcome(form, path):
    result = validate_files(form, [path])
    return ([p.to_json() for p in result.problems],
            [(iv.values, iv.relevance, iv.field_states()) for iv in result.interviews])


def _both(form, path, monkeypatch):
    now = _outcome(form, path)
    with monkeypatch.context() as m:
        m.setattr(EvalMemo, "get", lambda self, purpose, text, ctx, compute: compute())
        m.setattr(paper_mod._Row, "_coerce", _coerce_before)
        m.setattr(Interview, "all_issues", _all_issues_before)
        before = _outcome(form, path)
    return now, before


def _broken_rows(form, n, seed, fixed=None):
    rng = random.Random(seed)
    rows = [paper_row(simulate(form, rng, fixed=fixed or {})) for _ in range(n)]
    columns = list(rows[0])
    for row in rows:
        for _ in range(rng.choice([0, 0, 1, 2, 4])):
            row[rng.choice(columns)] = rng.choice(BREAKS)
    return rows


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_the_reference_survey_decides_every_row_as_before(tmp_path, monkeypatch):
    form = read_xlsform(reference_questionnaire())
    rows = _broken_rows(form, 400, 3, {"consent": "yes"}) + _broken_rows(form, 60, 4)
    now, before = _both(form, _write(tmp_path / "survey.csv", rows), monkeypatch)
    assert now == before
    codes = {p["params"]["problem"]["code"] for p in now[0] if "problem" in p["params"]}
    # the broken cells reach every kind of refusal a row can get
    assert {"paper.constraint_said", "paper.required", "paper.not_a_choice", "paper.not_whole_number",
            "paper.not_applicable"} <= codes, codes


SURVEY = """
| type               | name     | label    | relevant                                   | constraint                             | required | calculation                              |
| date               | dob      | Born     |                                            | . < today()                            | yes      |                                          |
| today              | td       |          |                                            |                                        |          |                                          |
| integer            | n        | N        |                                            | . > -1 and . < 50 and (. mod 2) = 0    |          |                                          |
| decimal            | d        | D        | ${n} != '' and ${n} > 3                    | . != 0 and . > -5                      |          |                                          |
| calculate          | band     |          |                                            |                                        |          | if(${n} < 10, 'low', concat('hi', ${n})) |
| calculate          | inv      |          |                                            |                                        |          | 1 div ${d}                               |
| text               | why      | Why      | ${band} = 'low' or ${inv} < 0              | string-length(.) <= 5                  |          |                                          |
| date               | seen     | Seen     | ${dob} != ''                               | . >= ${dob} and . <= ${td}             |          |                                          |
| select_multiple ab | pick     | Pick     |                                            | not(selected(., 'a') and selected(., 'b')) |      |                                          |
| text               | code     | Code     | selected(${pick}, 'b')                     | regex(., '[A-Z]{2}[0-9]')              | ${n} > 10 |                                         |
"""
CHOICES = "| list_name | name | label |\n| ab | a | A |\n| ab | b | B |\n| ab | c | C |"
CELLS = {"dob": ["", "2001-01-01", "1999-12-31", "2999-01-01", "x", "2001-02-30"],
         "n": ["", "0", "2", "3", "4", "12", "13", "-0", "50", "x", "4.0"],
         "d": ["", "0", "-0", "-0.0", "0.0", "1.5", "-2", "-7", "x", "1e3"],
         "why": ["", "ok", "far too long", " "],
         "seen": ["", "2000-01-01", "2001-01-01", "2020-05-05", "2999-01-01"],
         "pick": ["", "a", "b", "a b", "c b", "d"],
         "code": ["", "AB1", "ab1", "ABC"]}


def test_dates_metadata_and_signed_zeros_are_decided_as_before(tmp_path, monkeypatch):
    """Dates read as dates, ``today()`` and a ``today`` question (never remembered: read
    from the clock), 0 and -0.0 (equal in Python, not to ``div``), a calculation's value
    read by a relevance, node-set functions (``concat``) and ``required`` expressions."""
    form = read_xlsform(write_xlsform(tmp_path / "f.xlsx", SURVEY, CHOICES, {"form_id": "eq", "version": "1"}))
    assert pure_refs("1 div ${d}") == ("d",) and pure_refs("if(${n} < 10, 'low', concat('hi', ${n}))") is None
    assert pure_refs(". < today()") is None
    rng = random.Random(8)
    rows = [{name: rng.choice(cells) for name, cells in CELLS.items()} for _ in range(800)]
    now, before = _both(form, _write(tmp_path / "eq.csv", rows), monkeypatch)
    assert now == before
    assert "td" not in plain_names(Interview.blank(form).structure)  # the clock: read each time


@pytest.mark.parametrize("a, b", [(0.0, -0.0), (1, 1.0), (1, True), ("1", 1)])
def test_values_equal_in_python_are_different_keys(a, b):
    from fieldapp.engine._memo import _part

    assert _part(a) != _part(b)
