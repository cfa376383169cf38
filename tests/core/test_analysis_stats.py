"""Intervals, tests, weights and the universe against the reference implementations
(statsmodels, pandas) on the reference data (issue 14)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar
from statsmodels.stats.proportion import proportion_confint

from fieldapp.analysis import Dataset, crosstab, frequency, long_format
from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.analysis.stats import apply_filter, crosstab_test, wilson
from fieldapp.errors import UserFacingError
from tests.core.analysis_fixtures import FORM, escapee_dataset, escapee_records


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


def test_wilson_equals_statsmodels_for_every_cell(ds):
    df = long_format([frequency(ds, q) for q in ("info_access", "econ", "hr_context", "gender")])
    inside = df[~df["option"].str.startswith("_")]
    for count, base, lo, hi in zip(inside["count"], inside["base"], inside["ci_low"], inside["ci_high"]):
        sm_lo, sm_hi = proportion_confint(int(count), int(base), alpha=0.05, method="wilson")
        assert (lo, hi) == (round(100 * sm_lo + 1e-9, 1), round(100 * sm_hi + 1e-9, 1)) or \
            abs(lo - 100 * sm_lo) <= 0.05 + 1e-9 and abs(hi - 100 * sm_hi) <= 0.05 + 1e-9
        exact = wilson(int(count), int(base))
        assert exact == pytest.approx((100 * sm_lo, 100 * sm_hi), abs=1e-9)
    # "34% increased vs 28% decreased" have overlapping intervals
    inc, dec = wilson(68, 200), wilson(56, 200)
    assert dec[1] > inc[0]


def test_mcnemar_exact_34_vs_12_discordant_pairs(ds):
    tables, _ = make_tables(ds, TableRequest(pairs=[("crit_2007", "crit_now")]))
    pair = tables[-1]
    never = next(t for t in pair.tests if t.option == "never")
    assert (never.changed_from, never.changed_to) == (34, 12)
    both = pd.crosstab(ds.values["crit_2007"].eq("never"), ds.values["crit_now"].eq("never"))
    ref = sm_mcnemar(both.to_numpy(), exact=True)
    assert never.p_value == pytest.approx(ref.pvalue, rel=1e-12)
    assert round(never.p_value, 4) == 0.0016
    from fieldapp.exports.layout import notes

    assert any("p = 0.0016" in n and "12" in n and "34" in n for n in notes(pair))


def test_chi_square_and_the_small_expected_caveat(ds):
    from scipy.stats import chi2_contingency

    t = crosstab(ds, "hr_knowledge", "left_2014")
    result = crosstab_test(t)
    observed = np.array([[30, 31, 15, 4], [20, 50, 30, 20]], dtype=float)
    ref = chi2_contingency(observed, correction=False)
    assert result.test == "chi2" and result.p_value == pytest.approx(ref.pvalue)
    assert result.df == 3
    small = crosstab_test(crosstab(ds, "info_access", "province"))
    assert small.test == "chi2_monte_carlo" and small.small_expected
    assert 0 <= small.p_value <= 1


def test_weighted_percents_equal_pandas(ds):
    w = pd.Series([1.0 + (i % 3) for i in range(len(ds))], index=ds.values.index)
    t = frequency(ds, "info_access", weights=w)
    answered = ds.status["info_access"].eq("answered")
    v = ds.values["info_access"][answered]
    ref = w[answered].groupby(v).sum() / w[answered].sum() * 100
    got = t.rows.set_index("option")["weighted_percent"]
    for option, pct in ref.items():
        assert got[option] == pytest.approx(pct)
    eff = w[answered].sum() ** 2 / (w[answered] ** 2).sum()
    assert t.rows["effective_base"].iloc[0] == pytest.approx(eff)


def test_weight_field_through_make_tables():
    recs = escapee_records()
    recs = [(iid, p, {**a, "age": 20 + i % 2}, st) for i, (iid, p, a, st) in enumerate(recs)]
    ds = Dataset.from_records(FORM, recs)
    tables, _ = make_tables(ds, TableRequest(weight="age"))
    t = next(t for t in tables if t.question == "gender")
    assert "age" not in {t.question for t in tables}  # the weight is not a finding
    w = ds.values["age"].astype(float)
    ref = w[ds.values["gender"] == "female"].sum() / w.sum() * 100
    assert t.rows.set_index("option").at["female", "weighted_percent"] == pytest.approx(ref)
    bad = Dataset.from_records(FORM, [(iid, p, {k: v for k, v in a.items() if k != "age"}, st)
                                      for iid, p, a, st in recs[:3]])
    with pytest.raises(UserFacingError) as e:
        make_tables(bad, TableRequest(weight="age"))
    assert e.value.code == "tables.bad_weight"


def test_filter_restricts_the_universe(ds):
    only = apply_filter(ds, "${left_2014} = 'yes' and ${gender} != 'male'")
    expected = ds.values["left_2014"].eq("yes") & ds.values["gender"].ne("male")
    assert len(only) == int(expected.sum()) and len(only) < len(ds)
    tables, _ = make_tables(ds, TableRequest(filter="${age} >= 40"))
    t = next(t for t in tables if t.question == "gender")
    assert t.universe == "${age} >= 40"
    ages = pd.to_numeric(ds.values["age"], errors="coerce")
    assert t.base_of() == int((ages >= 40).sum())
    from fieldapp.exports.layout import notes

    assert any("${age} >= 40" in n for n in notes(t))
    for bad, code in (("${age} >=", "tables.bad_filter"), ("${nope} = 1", "tables.filter_unknown_field")):
        with pytest.raises(UserFacingError) as e:
            apply_filter(ds, bad)
        assert e.value.code == code


def test_tests_are_dropped_from_tables_that_hide_cells(ds):
    tables, audit = make_tables(ds, TableRequest(by="province", suppress=True,
                                                 pairs=[("crit_2007", "crit_now")]))
    for t in tables:
        if t.suppressed:
            assert t.tests == ()
