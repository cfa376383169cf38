"""Simulated respondents: answer any form through the engine with random valid values.

``simulate`` gives one finished interview (used by the self-test of the desktop package, the
benchmarks and the tests, so that every synthetic interview obeys the form's own skip logic
and constraints: nothing is hand-made). ``simulate_form`` walks N of them and reports what a
form author needs to know before fieldwork (``fieldapp form check FORM --simulate N``):
pages never reached, questions that can never be answered, constraints never satisfied,
pages where every walk got stuck, and exceptions. Answers are chosen to satisfy constraints
where possible: the boundary values of numeric comparisons, the choices offered, dates
around today, strings of the lengths compared and strings matching a ``regex()``.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldapp.engine import _candidates as cand
from fieldapp.engine.interview import Interview
from fieldapp.forms.model import Form, Question


def _candidates(q: Question, iv: Interview, rng: random.Random) -> Iterable[Any]:
    """First the plain random values (their order and draws are what the self-test and the
    tests' seeded data rely on), then values read from the question's constraint."""
    out: list[Any]
    if q.type == "select_one":
        names = [c.name for c in iv.choices(q)]
        return rng.sample(names, len(names))
    if q.type in ("select_multiple", "rank"):
        names = [c.name for c in iv.choices(q)]
        if q.type == "rank":
            return [" ".join(rng.sample(names, len(names)))] if names else []
        out = []
        for _ in range(8):
            k = rng.choice([1, 1, 2, 3])
            out.append(" ".join(rng.sample(names, min(k, len(names)))))
        return out
    if q.type == "integer":
        out = [rng.randint(15, 90), rng.randint(1990, 2025), rng.randint(0, 10), rng.randint(1, 1000)]
    elif q.type == "decimal":
        out = [round(rng.uniform(0, 100), 2), round(rng.uniform(1990, 2025), 1)]
    elif q.type == "date":
        out = [(_dt.date(2000, 1, 1) + _dt.timedelta(days=rng.randint(0, 9000))).isoformat()]
    elif q.type == "text":
        out = [f"simulated note {rng.randint(0, 10**6)}"]
    elif q.type == "range":
        out = cand.range_values(q, rng)
    elif q.type == "time":
        out = [f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"]
    elif q.type == "dateTime":
        day = _dt.date(2000, 1, 1) + _dt.timedelta(days=rng.randint(0, 9000))
        out = [f"{day.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00"]
    elif q.type == "barcode":
        out = [str(rng.randint(10**7, 10**8))]
    elif q.type == "acknowledge":
        out = ["OK"]
    elif q.typed_location:
        out = [cand.location(q, rng)]
    else:
        out = []
    # lazily: the constraint's values are drawn only when the plain ones were refused
    from fieldapp.engine._context import _Context

    ctx = _Context(iv.values, "", None, iv).at(q.name)
    return itertools.chain(out, cand.from_constraint(q, rng, ctx))


#: What the simulation answers a required media question with: a reference naming no media.
PLACEHOLDER_MEDIA = "0" * 32 + ".bin"


def _answer(iv: Interview, q: Question, rng: random.Random, fixed: Mapping[str, Any],
            skip_rate: float) -> bool:
    """Answer one question; False when no candidate was accepted."""
    if q.name in fixed:
        iv.set_answer(q.name, fixed[q.name])
        return True
    if q.is_media:
        return not iv.set_answer(q.name, PLACEHOLDER_MEDIA)
    if rng.random() < skip_rate and not iv.question_issues(q):
        return True  # optional question left blank
    for value in _candidates(q, iv, rng):
        if not iv.set_answer(q.name, value):
            return True
    iv.set_answer(q.name, None)
    return not iv.question_issues(q)


#: How many entries a simulated interviewer gives a roster (drawn; 0 is a respondent without
#: any family member inside, say).
ROSTER_SIZES = (0, 1, 1, 2, 2, 3, 5)


def fill_roster(iv: Interview, page, rng: random.Random, sizes: Mapping[str, int] | None = None) -> None:
    """On a roster page: add or remove entries to a drawn size (or ``sizes[repeat key]``).
    Only forms with repeats draw here, so a seed gives forms without them the same answers
    as before."""
    if not page.is_roster:
        return
    roster = iv.roster(page.repeat.name, page.instance)
    if not roster.can_add:
        return
    if sizes is not None and roster.key in sizes:
        target = sizes[roster.key]
    elif sizes is not None and page.repeat.name in sizes:
        target = sizes[page.repeat.name]
    else:
        target = rng.choice(ROSTER_SIZES)
    n = len(roster.entries)
    while n < target:
        iv.add_instance(page.repeat.name, page.instance)
        n += 1
    while n > target:
        iv.remove_instance(roster.entries[n - 1].instance)
        n -= 1


def _answerable(iv: Interview, q: Question) -> bool:
    # media answers come from a recorder or a file: the simulation answers only the required
    # ones, with a placeholder reference (no media behind it), so a form that needs a photo
    # can still be walked to its end
    return (q.holds_answer and (not q.is_media or bool(iv.question_issues(q))) and not q.read_only
            and iv.is_relevant(q.name)
            and not iv.is_computed(q.name))


def simulate(
    form: Form,
    rng: random.Random,
    fixed: Mapping[str, Any] | None = None,
    skip_rate: float = 0.05,
    interview: Interview | None = None,
    roster_sizes: Mapping[str, int] | None = None,
) -> Interview:
    """A finished interview: every relevant question answered validly (or skipped if optional).

    ``fixed``: answers by field key (``members[2]/age`` inside a repeat); ``roster_sizes``:
    entries per repeat (by its key in its parent instance, or by its name), else drawn."""
    fixed = dict(fixed or {})
    iv = interview or Interview.start(form)
    for _ in range(10_000):
        page = iv.current_page
        if page is None or iv.position == "review":
            break
        fill_roster(iv, page, rng, roster_sizes)
        for q in page.questions:  # relevance is re-checked after each answer (same-page follow-ups)
            if _answerable(iv, q):
                _answer(iv, q, rng, fixed, skip_rate)
        if iv.go_next():  # still blocked (e.g. a required question we could not satisfy)
            raise RuntimeError(f"simulation could not complete page {page.key} of {form.form_id}")
    return iv


def paper_row(iv: Interview) -> dict[str, str]:
    """The interview as a paper-import row: field name -> text as a keyer would type it."""
    row = {}
    for q in iv.form.questions():
        if iv.structure.repeat_path.get(q.name):
            continue  # a repeat's answers are rows of their own level (paper_levels)
        if q.holds_answer and not q.is_media and not q.read_only and q.name not in iv.structure.computed:
            value = iv.values.get(q.name) if iv.is_relevant(q.name) else None
            row[q.name] = "" if value is None else str(value)
    return row


# -- the form check by simulation ---------------------------------------------------------------

@dataclass
class SimulationReport:
    """What N simulated interviews found. Names and page keys only: never an answer."""

    runs: int
    finished: int = 0
    pages: int = 0
    unreached: list[str] = field(default_factory=list)
    never_answerable: list[str] = field(default_factory=list)
    never_satisfied: list[str] = field(default_factory=list)
    stuck: dict[str, int] = field(default_factory=dict)  # page key -> runs stuck there
    exceptions: dict[str, int] = field(default_factory=dict)  # "page: ExceptionType" -> count
    not_runnable: str = ""  # why no interview could start
    #: pages passed without an answer: their choices are in an attached file that is missing
    #: (page key -> file names)
    missing_files: dict[str, str] = field(default_factory=dict)

    @property
    def can_finish(self) -> bool:
        return self.finished > 0


def _missing_file(iv: Interview, key: str) -> str | None:
    """The attached file a question takes its choices from, when the form has no such file
    (``form check`` without ``--media``): the simulation cannot answer it."""
    q = iv.structure.question_of(key)
    if q is None or not q.list_name or "." not in q.list_name or q.list_name in iv.form.attachments:
        return None
    found = iv.form.choice_lists.get(q.list_name)
    return q.list_name if found is None or not found.choices else None


def _walk(form: Form, rng: random.Random, seen: set[str], satisfied: set[str],
          tried: set[str], missing: dict[str, str] | None = None) -> str | None:
    """One interview; the page key where it got stuck, or None when it reached the end.

    A page blocked only by questions whose choices are in a missing attached file is passed
    (recorded in ``missing``: page -> file): the walk tests the rest of the form."""
    iv = Interview.start(form, pseudonym_factory=lambda: "SIM-0000")
    for _ in range(10_000):
        page = iv.current_page
        if page is None or iv.position == "review":
            return None
        seen.add(_generic(page.key))
        fill_roster(iv, page, rng)
        for q in page.questions:
            if not _answerable(iv, q):
                continue
            ok = _answer(iv, q, rng, {}, 0.1)
            if q.constraint:
                name = iv.structure.question_of(q.name).name
                tried.add(name)
                if ok and iv.values.get(q.name) not in (None, ""):
                    satisfied.add(name)
        issues = iv.go_next()
        if issues:
            files = {_missing_file(iv, i.field) for i in issues}
            if None in files or missing is None:
                return _generic(page.key)
            missing[_generic(page.key)] = ", ".join(sorted(files))  # type: ignore[arg-type]
            nxt = iv.next_page()
            iv.position = nxt.key if nxt else "review"
    return "loop"


def _generic(page_key: str) -> str:
    """A page key without instance indices (``q:members[2]/age`` -> ``q:members/age``): the
    report speaks of the form's pages, whichever instance reached them."""
    import re

    return re.sub(r"\[[0-9]+\]", "", page_key)


def _form_pages(form: Form) -> list[str]:
    """Every page of the form, once (a repeat's pages as one instance would have them)."""
    from fieldapp.engine._structure import _Structure, pages

    return list(dict.fromkeys(_generic(p.key) for p in pages(_Structure.of(form), form.root, "",
                                                             lambda key: 1)))


def simulate_form(form: Form, runs: int, seed: int = 0) -> SimulationReport:
    """Walk ``runs`` random interviews through ``form`` and report what none of them could do."""
    from fieldapp.errors import UserFacingError

    report = SimulationReport(runs=runs)
    try:
        Interview.start(form, pseudonym_factory=lambda: "SIM-0000")
    except UserFacingError as exc:
        report.not_runnable = str(exc)
        return report
    pages = _form_pages(form)
    report.pages = len(pages)
    report.never_answerable = [
        q.name for q in form.questions()
        if q.holds_answer and q.required == "true()" and (q.read_only) and not q.calculation
        and q.default in (None, "")]
    seen: set[str] = set()
    satisfied: set[str] = set()
    tried: set[str] = set()
    rng = random.Random(seed)
    for _ in range(runs):
        try:
            stuck = _walk(form, rng, seen, satisfied, tried, report.missing_files)
        except Exception as exc:  # noqa: BLE001 - the report names it; the check never crashes
            key = f"{exc.__class__.__name__}"
            report.exceptions[key] = report.exceptions.get(key, 0) + 1
            continue
        if stuck is None:
            report.finished += 1
        else:
            report.stuck[stuck] = report.stuck.get(stuck, 0) + 1
    report.unreached = [k for k in pages if k not in seen]
    report.never_satisfied = sorted(tried - satisfied)
    return report
