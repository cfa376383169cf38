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
    # one flag for every hidden cell: a small one (2) and its partner (48) look the same
    assert flags["prefer_not"] == flags["male"] == "suppressed"
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
    # south_hwanghae has a base of 3: all its cells and its base go, zeros included.
    block = t.rows[(t.rows["group"] == "south_hwanghae") & t.rows["role"].isin(["choice"])]
    assert block["count"].isna().all()
    assert t.base_of("south_hwanghae") is pd.NA
    assert set(block["flags"]) == {"suppressed"}  # zeros and small counts alike
    assert not any("small_base" in f.split() for f in t.rows[t.rows["group"] == "south_hwanghae"]["flags"])
    # kangwon (0) cannot hide it, so some other group's cells go too (secondary).
    others = t.rows[~t.rows["group"].isin(["south_hwanghae", "_total"])]
    assert others["count"].isna().any()
    assert set(others[others["count"].isna()]["flags"]) == {"suppressed"}
    assert t.base_of("_total") == 200
    assert t.base_of("kangwon") == 0


def test_suppressed_cells_are_empty_in_long_format(ds):
    df = long_format([suppress(frequency(ds, "gender"))])
    male = df[df["option"] == "male"].iloc[0]
    assert male["count"] is pd.NA and pd.isna(male["percent"])


def test_numeric_stats_of_small_groups_are_hidden():
    recs = [(str(i), f"P{i}", {"age": 20 + i, "gender": "male" if i < 3 else "female"}, {}) for i in range(20)]
    ds = Dataset.from_records(FORM, recs)
    t = suppress(numeric_summary(ds, "age", extremes=True), k=5)
    # every age is held by one respondent: no minimum or maximum is ever given
    assert t.stats.loc["", "n"] == 20 and pd.isna(t.stats.loc["", "max"]) and pd.isna(t.stats.loc["", "min"])
    assert t.stats.loc["", "mean"] == pytest.approx(29.5)
    from fieldapp.analysis import crosstab as ct

    c = suppress(ct(ds, "age", "gender"))
    # a group of 3 shows no statistic at all, its n included
    assert c.stats.loc["male", ["n", "mean", "median"]].isna().all()
    # the female group (17) would give it back (total minus female): its base is hidden
    assert c.base_of("female") is pd.NA and pd.isna(c.stats.loc["female", "mean"])


def test_extremes_shown_only_when_k_respondents_share_them():
    recs = [(str(i), f"P{i}", {"age": 30 if i < 6 else 40 + i}, {}) for i in range(12)]
    ds = Dataset.from_records(FORM, recs)
    t = numeric_summary(ds, "age", extremes=True)
    assert t.stats.loc["", "min"] == 30 and t.stats.loc["", "min_n"] == 6
    assert pd.isna(t.stats.loc["", "max"])  # 51 is one person's age
    assert pd.isna(numeric_summary(ds, "age").stats.loc["", "min"])  # not asked for


@pytest.mark.parametrize("k", [0, 1, -3])
def test_min_cell_below_two_is_refused(ds, k):
    from fieldapp.errors import UserFacingError

    with pytest.raises(UserFacingError) as e:
        suppress(frequency(ds, "gender"), k=k)
    assert e.value.code == "tables.bad_min_cell"


def test_note_only_when_something_was_hidden(ds):
    from fieldapp.analysis import protect
    from fieldapp.exports.layout import notes

    tables, audit = protect([frequency(ds, "gender"), frequency(ds, "info_access")], 5, FORM)
    assert audit.complete and audit.primary >= 1
    assert any("hidden to protect respondents" in n for n in notes(tables[0]))
    assert not any("hidden to protect respondents" in n for n in notes(tables[1]))
    assert "1 to 4" in " ".join(notes(tables[0]))


def test_export_is_audited_as_a_whole(ds):
    """A paired table repeats the questions' own tables: a cell hidden in one is hidden in both."""
    from fieldapp.analysis import all_tables, protect

    tables, audit = protect(all_tables(ds, pairs=[("crit_2007", "crit_now")]), 5, FORM)
    assert audit.complete
    own = {t.question: t for t in tables if t.kind != "paired"}
    pair = tables[-1]
    for q in ("crit_2007", "crit_now"):
        a = own[q].rows.set_index("option")["count"]
        b = pair.rows[pair.rows["group"] == q].set_index("option")["count"]
        assert [x is pd.NA for x in a] == [x is pd.NA for x in b]


def test_relevance_link_hides_the_follow_up_not_applicable_count():
    """hr_context is asked unless hr_knowledge is 'never': its n/a count is that cell."""
    recs = [(str(i), f"P{i}", {"hr_knowledge": "never" if i < 3 else "heard",
                               "hr_context": None if i < 3 else "friend"},
             {"hr_context": "not_applicable"} if i < 3 else {}) for i in range(40)]
    ds = Dataset.from_records(FORM, recs)
    from fieldapp.analysis import protect

    tables, audit = protect([frequency(ds, "hr_knowledge"), frequency(ds, "hr_context")], 5, FORM)
    assert audit.complete
    na = tables[1].rows.set_index("option").at["_not_applicable", "count"]
    assert na is pd.NA  # printing 3 here would give the hidden 'never' count back
    unlinked, _ = protect([frequency(ds, "hr_knowledge"), frequency(ds, "hr_context")], 5, None)
    # without the form the audit does not know the link; the n/a count is then a plain 3,
    # itself primary, so hidden anyway: the link matters for the partner cells
    assert unlinked[1].rows.set_index("option").at["_not_applicable", "count"] is pd.NA


def test_an_export_the_audit_cannot_prove_is_refused_and_nothing_written(ds, tmp_path, monkeypatch):
    """When the audit gives up on a hidden quantity (its programs find neither a witness nor
    a repair, 20 times), the tables are not returned with that cell maybe derivable: the
    export is refused, and no file is written (decision 0026)."""
    from fieldapp.analysis import disclosure, protect
    from fieldapp.errors import UserFacingError
    from fieldapp.ops import tables as ops_tables

    tables = [frequency(ds, "gender"), frequency(ds, "province")]
    protected, audit = protect(tables, 5, FORM)  # the solver as it is: proven
    assert audit.complete
    monkeypatch.setattr(disclosure._Protector, "_solve", lambda self, *a, **k: None)
    monkeypatch.setattr(disclosure._Protector, "repair", lambda self, *a, **k: None)
    with pytest.raises(UserFacingError) as e:
        protect(tables, 5, FORM)
    assert e.value.code == "tables.audit_incomplete" and e.value.params["count"] >= 1
    assert "Nothing was exported" in str(e.value)
    out = tmp_path / "report.pdf"
    with pytest.raises(UserFacingError):
        ops_tables.export_report(tables, out, hide_small=True)
    assert not out.exists() and list(tmp_path.iterdir()) == []
