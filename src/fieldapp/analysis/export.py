"""One export of tables, as ``fieldapp tables`` makes it: which tables, for whom, protected how.

``make_tables(ds, TableRequest(...))`` is the core behind the CLI's ``tables`` command (and
the GUI's report export): it picks the universe (``filter``), the tables (every select and
numeric question, minus ``exclude`` and the administrative ones, plus ``pairs``), weights
them, adds the tests, and, with ``suppress``, protects all of them together
(``fieldapp.analysis.disclosure.protect``). Tests are printed only for tables with nothing
hidden: a test statistic is a function of every cell, hidden ones included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, Dataset
from fieldapp.analysis.disclosure import Audit, check_k, protect
from fieldapp.analysis.tables import DEFAULT_MIN_CELL, Table, all_tables
from fieldapp.errors import UserFacingError


@dataclass(frozen=True)
class TableRequest:
    by: str | None = None
    lang: str | None = None
    min_cell: int = DEFAULT_MIN_CELL
    suppress: bool = False
    extremes: bool = False
    pairs: Sequence[tuple[str, str]] = ()
    exclude: Sequence[str] = ()
    #: Administrative questions (consent and other gates) are left out unless asked for.
    include_admin: bool = False
    filter: str | None = None
    weight: str | None = None
    tests: bool = True
    #: A repeat's name: tabulate its questions (``fieldapp.analysis.levels``) over ``over``,
    #: "instances" (each entry) or "respondents" (those with at least one entry giving it).
    level: str | None = None
    over: str = "instances"


def administrative(ds: Dataset) -> list[str]:
    """Questions that gate the interview rather than ask about the subject (docs/tables.md):
    those read by the ``relevant`` of a top-level group, such as ``consent``."""
    from fieldapp.forms.expressions import ExpressionError, parse
    from fieldapp.forms.model import Group

    names: set[str] = set()
    for node in ds.form.root.children:
        if isinstance(node, Group) and node.relevant:
            try:
                names |= parse(node.relevant).references()
            except ExpressionError:
                continue
    return [q.name for q in ds.fields if q.name in names]


def weights_of(ds: Dataset, field: str) -> pd.Series:
    """Design weights: a number >= 0 for every respondent (a missing weight is refused)."""
    if field not in ds.values.columns:
        raise UserFacingError("tables.bad_weight", field=field, count=len(ds))
    answered = ds.status[field].eq(ANSWERED)
    w = pd.to_numeric(ds.values[field].where(answered, None), errors="coerce").astype(float)
    bad = int((w.isna() | (w < 0)).sum())
    if bad:
        raise UserFacingError("tables.bad_weight", field=field, count=bad)
    return w


def make_tables(ds: Dataset, req: TableRequest, level=None) -> tuple[list[Table], Audit | None]:
    """The tables of one export and, when suppressed, the audit that proved them safe.

    With ``req.level`` the tables are those of that repeat level, read from ``level``
    (``fieldapp.store.dataset.load_level``); one export is one level, protected on its own.
    """
    from fieldapp.analysis.stats import apply_filter, crosstab_test, paired_tests

    check_k(req.min_cell)
    if req.filter:
        ds = apply_filter(ds, req.filter)
    if req.level:
        return _level_tables(ds, req, level)
    exclude = list(req.exclude)
    if not req.include_admin:
        exclude += [q for q in administrative(ds) if q != req.by]
    if req.weight:
        exclude.append(req.weight)
    weights = weights_of(ds, req.weight) if req.weight else None
    tables = all_tables(ds, by=req.by, lang=req.lang, min_cell=req.min_cell, pairs=req.pairs,
                        extremes=req.extremes, exclude=exclude, weights=weights)
    out = []
    for t in tables:
        tests: tuple = ()
        if req.tests and t.kind == "crosstab":
            result = crosstab_test(t)
            tests = (result,) if result else ()
        elif req.tests and t.kind == "paired":
            tests = paired_tests(ds, t)
        out.append(replace(t, tests=tests, universe=req.filter or "", weight=req.weight))
    if not req.suppress:
        return out, None
    return protect(out, req.min_cell, ds.form)


def _level_tables(ds: Dataset, req: TableRequest, level) -> tuple[list[Table], Audit | None]:
    from fieldapp.analysis.levels import level_tables

    if level is None or level.repeat != req.level:
        raise ValueError("make_tables with a level request needs that level's data")
    if req.pairs:
        raise UserFacingError("tables.level_option", option="--pair")
    weights = weights_of(ds, req.weight) if req.weight else None
    tables, audit = level_tables(ds, level, unit=req.over, by=req.by, lang=req.lang, min_cell=req.min_cell,
                                 suppress=req.suppress, extremes=req.extremes, exclude=req.exclude,
                                 weights=weights)
    # Entries of one respondent are not independent: no chi-square test is printed for them.
    return [replace(t, universe=req.filter or "", weight=req.weight) for t in tables], audit


@dataclass(frozen=True)
class OpenText:
    """One open-text question's answers, for the coordinator only (identifying)."""

    question: str
    title: str
    answers: tuple[str, ...]


def open_text(ds: Dataset, lang: str | None = None, exclude: Sequence[str] = ()) -> list[OpenText]:
    """Every text question's non-empty answers, sorted (not in interview order, no pseudonyms).

    Free text names people and places however carefully it is asked for: this listing is
    never part of the default report and is flagged as identifying wherever it is printed.
    Private and sealed questions are left out (they have their own export rules).
    """
    key = ds.form.language_key(lang)
    out = []
    for q in ds.fields:
        if q.type != "text" or q.private or q.seal or q.name in exclude:
            continue
        answered = ds.status[q.name].eq(ANSWERED)
        answers = sorted(str(v) for v in ds.values.loc[answered, q.name] if v not in (None, ""))
        out.append(OpenText(q.name, q.label(key), tuple(answers)))
    return out
