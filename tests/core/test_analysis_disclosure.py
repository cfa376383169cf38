"""Small-cell suppression: primary cells, and the secondary cells that keep totals from revealing them."""

from __future__ import annotations

import pandas as pd
import pytest

from fieldapp.analysis import Dataset, crosstab, frequency, long_format, numeric_summary, suppress
from tests.core.analysis_fixtures import FORM, escapee_dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


def hidden(table, group=""):
    r = table.rows[table.rows["group"] == group]
    return {o for o, c in zip(r["option"], r["count"]) if c is pd.NA}


def test_single_small_cell_takes_the_next_smallest_with_it(ds):
    # gender: female 150, male 48, prefer_not 2 -> 2 is primary; 48 would give it back.
    t = suppress(frequency(ds, "gender"))
    assert hidden(t) == {"prefer_not", "male"}
    flags = t.rows.set_index("option")["flags"]
    assert "suppressed" in flags["prefer_not"].split()
    assert flags["male"] == "suppressed_secondary"
    assert t.base_of() == 200  # the base stays: two hidden cells cannot be told apart
    assert t.suppressed


def test_two_small_cells_need_no_secondary(ds):
    # province: south_hwanghae 3 and kangwon 0; prefer_not 7. Only one primary (3), so the
    # next smallest non-zero (7) goes; kangwon's zero stays visible.
    t = suppress(frequency(ds, "province"))
    assert hidden(t) == {"south_hwanghae", "prefer_not"}
    assert t.rows.set_index("option").at["kangwon", "count"] == 0


def test_select_all_options_are_not_additive(ds):
    t = suppress(frequency(ds, "info_forms"))
    # other 3 and none 4 are primary; no option set adds up to a total, so nothing else goes
    # except the missing row's partner (missing 4 is small, not applicable 0).
    assert hidden(t) == {"other", "none", "_missing", "_not_applicable"}
    assert t.rows.set_index("option").at["usb", "count"] == 150


def test_crosstab_secondary_suppression_protects_rows_and_columns(ds):
    t = suppress(crosstab(ds, "hr_knowledge", "left_2014"))
    assert hidden(t, "no") == {"fully", "little"}
    assert hidden(t, "yes") == {"fully", "little"}
    assert hidden(t, "_total") == set()
    # The hidden cells cannot be solved for: little+fully is known per group and per total,
    # leaving one free unknown whose range is wide.
    r = t.rows.set_index(["group", "option"])["count"]
    assert r[("no", "never")] == 30 and r[("_total", "fully")] == 24


def test_small_group_is_hidden_whole_with_a_partner_group(ds):
    t = suppress(crosstab(ds, "info_access", "province"))
    # south_hwanghae has a base of 3: all its cells and its base go; kangwon (0) cannot hide
    # it, so the next smallest non-zero group (prefer_not, 7) goes too.
    for g in ("south_hwanghae", "prefer_not"):
        block = t.rows[(t.rows["group"] == g) & t.rows["role"].isin(["choice"])]
        assert block["count"].isna().all(), g
        assert t.base_of(g) is pd.NA
    assert t.base_of("_total") == 200
    assert t.base_of("kangwon") == 0


def test_suppressed_cells_are_empty_in_long_format(ds):
    df = long_format([suppress(frequency(ds, "gender"))])
    male = df[df["option"] == "male"].iloc[0]
    assert male["count"] is pd.NA and pd.isna(male["percent"])


def test_numeric_stats_of_small_groups_are_hidden():
    recs = [(str(i), f"P{i}", {"age": 20 + i, "gender": "male" if i < 3 else "female"}, {}) for i in range(20)]
    ds = Dataset.from_records(FORM, recs)
    t = suppress(numeric_summary(ds, "age"), k=5)
    assert t.stats.loc["", "n"] == 20 and t.stats.loc["", "max"] == 39
    from fieldapp.analysis import crosstab as ct

    c = suppress(ct(ds, "age", "gender"))
    assert pd.isna(c.stats.loc["male", "mean"]) and pd.isna(c.stats.loc["male", "max"])
    # female (17) goes too: total minus female would give the male group back.
    assert c.base_of("female") is pd.NA and pd.isna(c.stats.loc["female", "min"])
    assert c.stats.loc["_total", "min"] == 20


def test_k_zero_suppresses_nothing(ds):
    t = suppress(frequency(ds, "gender"), k=0)
    assert hidden(t) == set()
