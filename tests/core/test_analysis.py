"""Summary tables: the figures a published report would quote, bases, cross-tabs, pairs, languages."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fieldapp.analysis import (
    LONG_BY_COLUMNS,
    LONG_COLUMNS,
    Dataset,
    all_tables,
    crosstab,
    default_bands,
    frequency,
    long_format,
    numeric_summary,
    paired,
)
from fieldapp.analysis.tables import LONG_EXTRA_COLUMNS, constraint_range, round_half_up
from fieldapp.errors import UserFacingError
from tests.core.analysis_fixtures import FORM, escapee_dataset, escapee_records


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return escapee_dataset()


def rows(table, group=""):
    r = table.rows[table.rows["group"] == group]
    return {o: (c, p, b) for o, c, p, b in zip(r["option"], r["count"], r["percent"], r["base"])}


def pct(table, option, group=""):
    return round_half_up(rows(table, group)[option][1])


# --------------------------------------------------------------------------- Dataset


def test_from_records_statuses_and_values(ds):
    assert len(ds) == 200
    assert list(ds.values.columns) == [q.name for q in FORM.questions() if q.type != "note"]
    assert ds.status.loc["iv-000", "hr_context"] == "not_applicable"  # given by the engine
    assert ds.status.loc["iv-199", "info_forms"] == "missing"  # absent from answers and status
    assert ds.status.loc["iv-000", "age"] == "answered"
    assert ds.values.loc["iv-000", "age"] == 18
    assert ds.pseudonyms.loc["iv-007"] == "P-007"


def test_from_records_drops_values_the_engine_marked_not_applicable():
    recs = [("a", "P1", {"age": 30, "hr_context": "friend"}, {"hr_context": "not_applicable"})]
    d = Dataset.from_records(FORM, recs)
    assert d.values.loc["a", "hr_context"] is None
    assert frequency(d, "hr_context").rows.set_index("option").at["friend", "count"] == 0


def test_from_records_refuses_duplicates_and_unknown_status():
    with pytest.raises(UserFacingError, match="appears twice"):
        Dataset.from_records(FORM, [("a", "P", {}, {}), ("a", "Q", {}, {})])
    with pytest.raises(UserFacingError, match="unknown status 'skipped'"):
        Dataset.from_records(FORM, [("a", "P", {}, {"age": "skipped"})])


def test_empty_dataset_gives_tables_with_zero_bases():
    d = Dataset.from_records(FORM, [])
    t = frequency(d, "info_access")
    assert set(t.rows["count"]) == {0}
    assert t.base_of() == 0
    assert all(math.isnan(p) for p in t.rows["percent"])
    assert len(all_tables(d)) == 12


# --------------------------------------------------------------------------- frequencies


def test_information_access_34_vs_28(ds):
    t = frequency(ds, "info_access")
    assert t.kind == "frequency"
    assert list(t.rows["option"]) == ["increased", "same", "decreased", "dk", "_missing", "_not_applicable"]
    assert pct(t, "increased") == 34.0 and pct(t, "decreased") == 28.0
    # "I don't know" is an answer, so it is inside the base.
    assert rows(t)["dk"] == (26, 13.0, 200)
    assert t.base_of() == 200


def test_economy_just_under_and_just_over_a_third(ds):
    t = frequency(ds, "econ")
    r = rows(t)
    improved = r["improved_lot"][1] + r["improved_little"][1]
    worse = r["worse_little"][1] + r["worse_lot"][1]
    assert improved == pytest.approx(32.0) and worse == pytest.approx(34.0)


def test_select_all_keeps_zero_row_and_uses_respondents_as_base(ds):
    t = frequency(ds, "info_forms")
    r = rows(t)
    assert t.kind == "multiple" and t.multiple
    assert r["internet"] == (0, 0.0, 196)
    assert r["usb"][0] == 150 and pct(t, "usb") == 76.5
    assert r["_missing"][0] == 4 and r["_missing"][2] is pd.NA
    # Several choices per respondent: percentages add up to more than 100.
    inside = t.rows[t.rows["role"] == "choice"]["percent"].sum()
    assert inside > 100
    # Zero rows are a finding, not a disclosure risk: never flagged.
    assert t.rows.set_index("option").at["internet", "flags"] == ""
    assert t.rows.set_index("option").at["other", "flags"] == "small_count"


def test_conditional_question_base_is_only_those_asked(ds):
    t = frequency(ds, "hr_context")
    r = rows(t)
    assert t.base_of() == 146
    assert r["_not_applicable"][0] == 50  # never heard the term: not asked
    assert r["_missing"][0] == 4  # asked, no answer
    assert pct(t, "friend") == 47.9 and pct(t, "detention") == 1.4
    assert "small_count" in t.rows.set_index("option").at["_missing", "flags"]


def test_unlisted_values_stay_in_the_base():
    recs = [(str(i), f"P{i}", {"info_access": v}, {}) for i, v in enumerate(["increased", "gone_up", "same"])]
    t = frequency(Dataset.from_records(FORM, recs), "info_access")
    r = rows(t)
    assert r["_unlisted"][0] == 1 and t.base_of() == 3
    assert r["increased"][1] == pytest.approx(100 / 3)


def test_labels_in_korean_and_by_language_name(ds):
    ko = frequency(ds, "info_access", lang="ko")
    assert ko.title == "외부 정보 접근은 어떻게 변했습니까?"
    assert list(ko.rows["label"])[:2] == ["늘었다", "비슷하다"]
    assert ko.rows.set_index("option").at["_missing", "label"] == "무응답"
    assert frequency(ds, "info_access", lang="Korean").title == ko.title
    en = frequency(ds, "info_access", lang="en")
    assert en.rows.set_index("option").at["_missing", "label"] == "No answer (missing)"


def test_frequency_refuses_text_and_unknown_questions(ds):
    with pytest.raises(UserFacingError, match="why_info is of type text"):
        frequency(ds, "why_info")
    with pytest.raises(UserFacingError, match="no question named nope"):
        frequency(ds, "nope")
    with pytest.raises(UserFacingError, match="numeric summary"):
        frequency(ds, "age")


# --------------------------------------------------------------------------- numeric


def test_numeric_summary_stats_and_bands_from_constraint(ds):
    t = numeric_summary(ds, "age")
    s = t.stats.loc[""]
    assert s["n"] == 198
    assert s["mean"] == pytest.approx(7756 / 198)
    assert s["median"] == 35 and pd.isna(s["min"])  # extremes only when asked for
    e = numeric_summary(ds, "age", extremes=True).stats.loc[""]
    assert (e["min"], e["max"], e["min_n"], e["max_n"]) == (18, 72, 10, 8)
    r = rows(t)
    assert [o for o in r if not o.startswith("_")] == ["15-19", "20-39", "40-59", "60-79", "80-99", "100-110"]
    assert r["20-39"][:2] == (100, pytest.approx(100 * 100 / 198))
    assert r["_missing"][0] == 2


def test_explicit_bands_and_values_outside_them(ds):
    t = numeric_summary(ds, "age", bands=[15, 30, 40, 50, 60])
    r = rows(t)
    assert r["15-29"][0] == 50 and r["50-60"][0] == 30
    assert r["_unlisted"][0] == 8  # the 72-year-olds
    with pytest.raises(UserFacingError, match="increasing"):
        numeric_summary(ds, "age", bands=[30, 20])


def test_default_bands_and_constraint_parsing():
    from fieldapp.forms.model import Question

    year = Question("y", "integer", 2, constraint=". >= 1990 and . <= 2017")
    assert constraint_range(year) == (1990, 2017)
    assert default_bands(year, pd.Series([], dtype=float)) == [1990, 1995, 2000, 2005, 2010, 2015, 2017]
    open_ended = Question("n", "integer", 2, constraint=". > 0 or . = -1")
    assert constraint_range(open_ended) == (None, None)
    assert default_bands(open_ended, pd.Series([3.0, 4.0])) == [3, 4]
    reverse = Question("d", "decimal", 2, constraint="0 <= . and . < 10")
    assert constraint_range(reverse) == (0, 10)


# --------------------------------------------------------------------------- crosstab and paired


def test_crosstab_by_calculated_left_2014(ds):
    t = crosstab(ds, "hr_knowledge", "left_2014")
    assert t.kind == "crosstab" and t.by == "left_2014"
    assert [g for g, _ in t.groups()] == ["no", "yes", "_total"]
    assert t.base_of("yes") == 120 and t.base_of("no") == 80 and t.base_of("_total") == 200
    # Those who left in 2014 or after were more likely to have heard the term.
    never_recent, never_before = pct(t, "never", "yes"), pct(t, "never", "no")
    assert (never_recent, never_before) == (16.7, 37.5)
    assert pct(t, "little", "no") == 18.8  # 15/80 = 18.75 rounds half up
    assert pct(t, "never", "_total") == 25.0
    assert t.rows[(t.rows["group"] == "no") & (t.rows["option"] == "fully")]["flags"].iloc[0] == "small_count"
    wide = t.wide()
    assert list(wide.columns) == ["no", "yes", "Total"]


def test_crosstab_by_select_one_includes_empty_groups(ds):
    t = crosstab(ds, "info_access", "province")
    assert "kangwon" in [g for g, _ in t.groups()]
    assert t.base_of("kangwon") == 0
    assert t.base_of("south_hwanghae") == 3
    flags = t.rows[(t.rows["group"] == "south_hwanghae") & (t.rows["role"] == "choice")]["flags"]
    assert all("small_base" in f for f in flags)  # "too few from southern provinces"


def test_crosstab_refuses_bad_by(ds):
    with pytest.raises(UserFacingError, match="age: it is a integer"):
        crosstab(ds, "info_access", "age")
    with pytest.raises(UserFacingError, match="by itself"):
        crosstab(ds, "province", "province")


def test_paired_2007_vs_now(ds):
    t = paired(ds, ["crit_2007", "crit_now"])
    assert t.kind == "paired" and t.questions == ("crit_2007", "crit_now")
    assert pct(t, "never", "crit_2007") == 18.0
    assert pct(t, "never", "crit_now") == 7.0
    assert list(t.wide().columns) == ["Criticism of the regime in 2007", "Criticism of the regime now"]
    with pytest.raises(UserFacingError, match="do not share a choice list"):
        paired(ds, ["crit_2007", "info_access"])


def test_all_tables_covers_select_and_numeric_questions(ds):
    names = [t.question for t in all_tables(ds)]
    assert names == ["consent", "age", "gender", "province", "year_left", "econ", "info_access",
                     "info_forms", "hr_knowledge", "hr_context", "crit_2007", "crit_now"]
    by = all_tables(ds, by="left_2014", min_cell=10, pairs=[("crit_2007", "crit_now")])
    assert all(t.kind == "crosstab" for t in by[:-1]) and by[-1].kind == "paired"
    assert by[0].min_cell == 10
    with pytest.raises(UserFacingError):
        all_tables(ds, by="why_info")


# --------------------------------------------------------------------------- long format


def test_long_format_columns_and_rounding(ds):
    df = long_format([frequency(ds, "hr_context"), numeric_summary(ds, "age")])
    assert list(df.columns) == LONG_COLUMNS + LONG_EXTRA_COLUMNS  # new columns only at the end
    first = df.iloc[0].to_dict()
    assert {k: first[k] for k in LONG_COLUMNS} == {
        "question": "hr_context", "option": "friend", "label": "In conversation",
        "count": 70, "percent": 47.9, "base": 146}
    assert (first["ci_low"], first["ci_high"]) == (40.0, 56.0)  # Wilson 95%: 39.999 .. 55.997
    age = df[(df["question"] == "age") & (df["option"] == "20-39")].iloc[0]
    assert (age["n"], age["mean"], age["median"]) == (198, 39.2, 35.0)
    missing = df[(df["question"] == "hr_context") & (df["option"] == "_missing")].iloc[0]
    assert missing["count"] == 4 and math.isnan(missing["percent"]) and missing["base"] is pd.NA
    assert all(o.startswith("_") for o in df["option"] if o in ("_missing", "_not_applicable"))


def test_long_format_with_by_has_by_and_group(ds):
    tables = all_tables(ds, by="left_2014", pairs=[("crit_2007", "crit_now")])
    df = long_format(tables)
    assert list(df.columns) == LONG_BY_COLUMNS + LONG_EXTRA_COLUMNS
    pair = df.iloc[-14:]  # the paired table is no cross-tab: its by and group are empty
    assert set(pair["question"]) == {"crit_2007", "crit_now"}
    assert set(pair["by"]) == {""} and set(pair["group"]) == {""}
    r = df[(df["question"] == "info_access") & (df["group"] == "_total") & (df["option"] == "increased")]
    assert r[["count", "percent", "base", "by"]].iloc[0].tolist() == [68, 34.0, 200, "left_2014"]


def test_round_half_up():
    assert round_half_up(18.75) == 18.8
    assert round_half_up(0.15) == 0.2
    assert round_half_up(2.25) == 2.3
    assert math.isnan(round_half_up(float("nan")))


def test_records_are_not_mutated_by_from_records():
    recs = escapee_records()
    before = repr(recs[:3])
    Dataset.from_records(FORM, recs)
    assert repr(recs[:3]) == before


def test_tables_from_a_form_read_by_the_xlsform_reader(tmp_path):
    xlsform = pytest.importorskip("fieldapp.forms.xlsform")
    from tests.xlsform_builder import write_xlsform

    path = write_xlsform(tmp_path / "f.xlsx", survey="""
        | type                 | name  | label::English (en) | label::Korean (ko) | relevant          |
        | select_one yn        | heard | Heard the term?     | 들어봤습니까?       |                   |
        | select_multiple src  | where | Where?              | 어디서?             | ${heard} = 'yes'  |
        | integer              | age   | Age                 | 나이               |                   |
    """, choices="""
        | list_name | name  | label::English (en) | label::Korean (ko) |
        | yn        | yes   | Yes                 | 예                 |
        | yn        | no    | No                  | 아니요             |
        | src       | radio | Radio               | 라디오             |
        | src       | web   | Internet            | 인터넷             |
    """, settings={"form_id": "t", "version": "1"})
    form = xlsform.read_xlsform(path)
    recs = [(f"i{i}", f"P{i}", {"heard": "yes" if i < 6 else "no", "where": "radio" if i < 5 else None},
             {"where": "not_applicable"} if i >= 6 else {}) for i in range(8)]
    d = Dataset.from_records(form, recs)
    t = frequency(d, "where", lang="ko")
    r = rows(t)
    assert t.title == "어디서?" and t.base_of() == 5
    assert r["web"] == (0, 0.0, 5) and r["_missing"][0] == 1 and r["_not_applicable"][0] == 2


def test_calculated_field_values_get_labels_from_a_list_named_after_it():
    """A choices-sheet list named like the calculate labels its values (docs/tables.md)."""
    from dataclasses import replace
    from types import MappingProxyType

    from fieldapp.forms.model import Choice, ChoiceList
    from tests.core.analysis_fixtures import EN, KO

    labels = ChoiceList("left_2014", (
        Choice("yes", MappingProxyType({EN: "Left 2014 or later", KO: "2014년 이후"}), 2),
        Choice("no", MappingProxyType({EN: "Left before 2014", KO: "2014년 이전"}), 3)))
    form = replace(FORM, choice_lists=MappingProxyType({**FORM.choice_lists, "left_2014": labels}))
    ds = Dataset.from_records(form, escapee_records())
    t = crosstab(ds, "hr_knowledge", "left_2014", lang="ko")
    assert t.groups() == [("yes", "2014년 이후"), ("no", "2014년 이전"), ("_total", "전체")]
    own = frequency(ds, "left_2014")
    assert list(own.rows["label"])[:2] == ["Left 2014 or later", "Left before 2014"]
    # without the list: raw values, sorted
    assert [g for g, _ in crosstab(escapee_dataset(), "hr_knowledge", "left_2014").groups()] == [
        "no", "yes", "_total"]
