"""Simulated respondents: answer any form through the engine with random valid values.

Used by the self-test of the desktop package, the benchmarks and the tests, so that every
synthetic interview obeys the form's own skip logic and constraints (nothing is hand-made).
"""

from __future__ import annotations

import datetime as _dt
import random
from collections.abc import Mapping
from typing import Any

from fieldapp.engine.interview import Interview
from fieldapp.forms.model import Form, Question


def _candidates(q: Question, iv: Interview, rng: random.Random) -> list[Any]:
    if q.type == "select_one":
        names = [c.name for c in iv.choices(q)]
        return rng.sample(names, len(names))
    if q.type == "select_multiple":
        names = [c.name for c in iv.choices(q)]
        out = []
        for _ in range(8):
            k = rng.choice([1, 1, 2, 3])
            out.append(" ".join(rng.sample(names, min(k, len(names)))))
        return out
    if q.type == "integer":
        return [rng.randint(15, 90), rng.randint(1990, 2025), rng.randint(0, 10), rng.randint(1, 1000)]
    if q.type == "decimal":
        return [round(rng.uniform(0, 100), 2), round(rng.uniform(1990, 2025), 1)]
    if q.type == "date":
        return [(_dt.date(2000, 1, 1) + _dt.timedelta(days=rng.randint(0, 9000))).isoformat()]
    if q.type == "text":
        return [f"simulated note {rng.randint(0, 10**6)}"]
    return []


def simulate(
    form: Form,
    rng: random.Random,
    fixed: Mapping[str, Any] | None = None,
    skip_rate: float = 0.05,
    interview: Interview | None = None,
) -> Interview:
    """A finished interview: every relevant question answered validly (or skipped if optional)."""
    fixed = dict(fixed or {})
    iv = interview or Interview.start(form)
    for _ in range(10_000):
        page = iv.current_page
        if page is None or iv.position == "review":
            break
        for q in page.questions:  # relevance is re-checked after each answer (same-page follow-ups)
            if not q.holds_answer or q.read_only or not iv.is_relevant(q.name):
                continue
            if q.name in fixed:
                iv.set_answer(q.name, fixed[q.name])
                continue
            if rng.random() < skip_rate and not iv.question_issues(q):
                continue  # optional question left blank
            for value in _candidates(q, iv, rng):
                if not iv.set_answer(q.name, value):
                    break
            else:
                iv.set_answer(q.name, None)
        if iv.go_next():  # still blocked (e.g. a required question we could not satisfy)
            raise RuntimeError(f"simulation could not complete page {page.key} of {form.form_id}")
    return iv


def paper_row(iv: Interview) -> dict[str, str]:
    """The interview as a paper-import row: field name -> text as a keyer would type it."""
    row = {}
    for q in iv.form.questions():
        if q.holds_answer and not q.read_only:
            value = iv.values.get(q.name) if iv.is_relevant(q.name) else None
            row[q.name] = "" if value is None else str(value)
    return row
