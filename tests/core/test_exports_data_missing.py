"""SPSS and Stata files declare "I don't know" and refusals as user-missing and keep not
applicable apart from a missing answer (issue 14); pyreadstat reads them back so, and the
mean of a scale item equals the tables' mean without DK."""

from __future__ import annotations

import math

import pyreadstat
import pytest

from fieldapp.analysis import Dataset, frequency
from fieldapp.exports import write_data
from tests.core.analysis_fixtures import escapee_dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


@pytest.fixture(scope="module")
def sav(ds, tmp_path_factory):
    out = tmp_path_factory.mktemp("sav") / "data.sav"
    write_data(ds, "sav", out)
    return out


@pytest.fixture(scope="module")
def dta(ds, tmp_path_factory):
    out = tmp_path_factory.mktemp("dta") / "data.dta"
    write_data(ds, "dta", out)
    return out


def table_mean_without_dk(ds, question):
    """Mean of the list positions 1..n over the answers, "I don't know" left out."""
    t = frequency(ds, question)
    rows = t.rows[t.rows["role"] == "choice"].reset_index(drop=True)
    total = count = 0
    for position, (option, n) in enumerate(zip(rows["option"], rows["count"]), start=1):
        if option in ("dk", "dont_know", "prefer_not"):
            continue
        total += position * int(n)
        count += int(n)
    return total / count


@pytest.mark.parametrize("question", ["econ", "info_access", "crit_2007", "crit_now"])
def test_spss_and_stata_means_leave_dont_know_out(ds, sav, dta, question):
    expected = table_mean_without_dk(ds, question)
    df_sav, meta = pyreadstat.read_sav(sav)  # user-missing values come back as missing
    df_dta, _meta = pyreadstat.read_dta(dta)
    assert df_sav[question].mean() == pytest.approx(expected)
    assert df_dta[question].mean() == pytest.approx(expected)


def test_spss_declares_user_missing_values_measures_and_formats(ds, sav):
    df, meta = pyreadstat.read_sav(sav, user_missing=True)
    dk = 6.0  # econ: the sixth choice of its list
    assert {"lo": dk, "hi": dk} in meta.missing_ranges["econ"]
    assert meta.variable_value_labels["econ"][dk] == "I don't know"
    assert (df["econ"] == dk).sum() == 18  # the DK answers are there, declared missing
    refused = 3.0  # gender: prefer not to say
    assert {"lo": refused, "hi": refused} in meta.missing_ranges["gender"]
    # not applicable (-1, labelled, declared missing) is not a missing answer (system-missing)
    na = df["hr_context_friend"]
    assert (na == -1).sum() == 50 and na.isna().sum() == 4
    assert meta.variable_value_labels["hr_context_friend"][-1.0] == "Not applicable (not asked)"
    assert meta.variable_measure["econ"] == "ordinal"
    assert meta.variable_measure["gender"] == "nominal"
    assert meta.variable_measure["age"] == "scale"
    assert meta.original_variable_types["econ"] == "F8.0"


def test_stata_extended_missing_values(ds, dta):
    df, meta = pyreadstat.read_dta(dta, user_missing=True)
    assert set(meta.missing_user_values["econ"]) >= {"d"}
    assert (df["econ"] == "d").sum() == 18
    assert (df["gender"] == "r").sum() == 2
    assert (df["hr_context_friend"] == "a").sum() == 50
    assert sum(1 for v in df["hr_context_friend"] if isinstance(v, float) and math.isnan(v)) == 4
    assert meta.variable_value_labels["econ"]["d"] == "I don't know"


def test_dummy_labels_follow_the_language(ds, tmp_path):
    out = tmp_path / "ko.sav"
    write_data(ds, "sav", out, lang="ko")
    _df, meta = pyreadstat.read_sav(out)
    assert meta.variable_value_labels["info_forms_usb"] == {0.0: "선택하지 않음", 1.0: "선택함"}
    assert meta.variable_value_labels["hr_context_friend"][-1.0] == "해당 없음 (질문하지 않음)"
