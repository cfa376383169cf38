"""Intervals and tests for the tables (scipy, not hand-written formulas), and the universe filter.

- ``wilson``: 95% Wilson score interval of a percent (``scipy.stats.binomtest``), the
  interval statsmodels' ``proportion_confint(method="wilson")`` gives (tests compare them).
- ``crosstab_test``: Pearson's chi-square test of a single-choice cross-tab
  (``scipy.stats.chi2_contingency``); when more than a fifth of the expected counts are
  under 5 (Cochran's rule) the p-value comes from a Monte Carlo permutation of the table
  instead (scipy's ``MonteCarloMethod``, fixed seed so a report is reproducible), and the
  result carries that caveat.
- ``mcnemar``: McNemar's exact test for each option of a paired question (2007 vs now): the
  discordant respondents (chose it in 2007 but not now, and the reverse), two-sided exact
  binomial p (statsmodels' ``mcnemar(exact=True)``).
- ``apply_filter``: the universe, an XLSForm expression evaluated for each respondent by
  the form's own evaluator (``fieldapp.forms.expressions``).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fieldapp.analysis.dataset import ANSWERED, Dataset
from fieldapp.analysis.tables import CHOICE, IN_BASE_ROLES, TOTAL_GROUP, Table
from fieldapp.errors import UserFacingError

CONFIDENCE = 0.95
SMALL_EXPECTED = 5.0
MONTE_CARLO_SAMPLES = 9999
SEED = 2017


def wilson(count: int, base: int) -> tuple[float, float]:
    """The 95% Wilson interval of count/base, in percent; (nan, nan) without a base."""
    from scipy.stats import binomtest

    if not base or count is None or count is pd.NA:
        return (math.nan, math.nan)
    ci = binomtest(int(count), int(base)).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return (100.0 * ci.low, 100.0 * ci.high)


@functools.lru_cache(maxsize=65536)
def _wilson(count: int, base: int) -> tuple[float, float]:
    return wilson(count, base)


def wilson_cached(count, base) -> tuple[float, float]:
    """``wilson`` for many cells (published tables repeat the same count/base pairs)."""
    if count is None or count is pd.NA or base is None or base is pd.NA:
        return (math.nan, math.nan)
    return _wilson(int(count), int(base))


@dataclass(frozen=True)
class TestResult:
    """One test printed under a table."""

    test: str  # "chi2" | "chi2_monte_carlo" | "mcnemar_exact"
    p_value: float
    statistic: float = math.nan
    df: int = 0
    option: str = ""  # McNemar: the option tested
    changed_to: int = 0  # McNemar: respondents who chose it only in the second question
    changed_from: int = 0  # ... and only in the first
    small_expected: bool = False


def crosstab_test(table: Table) -> TestResult | None:
    """Chi-square (or Monte Carlo exact) test of independence of a single-choice cross-tab."""
    from scipy.stats import MonteCarloMethod, chi2_contingency

    if table.kind != "crosstab" or table.multiple:
        return None
    inside = table.rows[table.rows["role"].isin(IN_BASE_ROLES) & (table.rows["group"] != TOTAL_GROUP)]
    grid = inside.pivot_table(index="group", columns="option", values="count", aggfunc="sum", sort=False)
    grid = grid.astype(float).fillna(0.0)
    grid = grid.loc[grid.sum(axis=1) > 0, grid.sum(axis=0) > 0]
    if grid.shape[0] < 2 or grid.shape[1] < 2:
        return None
    observed = grid.to_numpy()
    res = chi2_contingency(observed, correction=False)
    small = float((res.expected_freq < SMALL_EXPECTED).mean()) > 0.2
    if not small:
        return TestResult("chi2", float(res.pvalue), float(res.statistic), int(res.dof))
    mc = chi2_contingency(observed, correction=False, method=MonteCarloMethod(
        n_resamples=MONTE_CARLO_SAMPLES, rng=np.random.default_rng(SEED)))
    return TestResult("chi2_monte_carlo", float(mc.pvalue), float(mc.statistic), int(res.dof),
                      small_expected=True)


def mcnemar(ds: Dataset, first: str, second: str, options: list[str]) -> list[TestResult]:
    """McNemar's exact test, option by option, over respondents who answered both questions."""
    from scipy.stats import binomtest

    both = ds.status[first].eq(ANSWERED) & ds.status[second].eq(ANSWERED)
    a = ds.values.loc[both, first].map(lambda v: set(str(v).split()))
    b = ds.values.loc[both, second].map(lambda v: set(str(v).split()))
    out = []
    for option in options:
        in_a = a.map(lambda s, o=option: o in s)
        in_b = b.map(lambda s, o=option: o in s)
        only_b = int((in_b & ~in_a).sum())
        only_a = int((in_a & ~in_b).sum())
        n = only_a + only_b
        p = binomtest(min(only_a, only_b), n, 0.5).pvalue if n else 1.0
        out.append(TestResult("mcnemar_exact", float(p), float(min(only_a, only_b)), option=option,
                              changed_to=only_b, changed_from=only_a))
    return out


def paired_tests(ds: Dataset, table: Table) -> tuple[TestResult, ...]:
    options = list(dict.fromkeys(table.rows.loc[table.rows["role"] == CHOICE, "option"]))
    return tuple(mcnemar(ds, table.questions[0], table.questions[1], options))


# --------------------------------------------------------------------------- the universe


class _RowContext:
    def __init__(self, values: dict) -> None:
        self._values = values

    def value(self, name: str) -> object:
        v = self._values.get(name)
        return "" if v is None else v

    def current(self) -> object:
        return ""

    def today(self):  # noqa: ANN201
        import datetime as dt

        return dt.date.today()


def apply_filter(ds: Dataset, expression: str) -> Dataset:
    """The respondents for whom ``expression`` (XLSForm syntax, e.g. ``${age} >= 18``) is true."""
    from fieldapp.forms.expressions import ExpressionError, parse, to_bool

    try:
        expr = parse(expression)
    except ExpressionError as exc:
        raise UserFacingError("tables.bad_filter", expression=expression, reason=str(exc)) from None
    unknown = sorted(n for n in expr.references() if n not in ds.values.columns)
    if unknown:
        raise UserFacingError("tables.filter_unknown_field", expression=expression, field=unknown[0])
    names = sorted(expr.references())
    columns = {n: ds.values[n].where(ds.status[n].eq(ANSWERED), None).tolist() for n in names}
    keep = []
    for i in range(len(ds)):
        ctx = _RowContext({n: columns[n][i] for n in names})
        try:
            keep.append(bool(to_bool(expr.evaluate(ctx))))
        except ExpressionError as exc:
            raise UserFacingError("tables.bad_filter", expression=expression, reason=str(exc)) from None
    return ds.subset(pd.Series(keep, index=ds.values.index))
