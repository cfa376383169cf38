"""Repeat-level tables on hand-built data (docs/tables.md, "Repeat levels"): what an entry
table flags and hides when few respondents stand behind many entries, what a
respondents-with-at-least-one table counts, and the refusals."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd
import pytest

from fieldapp.analysis import Dataset
from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.analysis.levels import level_tables
from fieldapp.errors import UserFacingError
from fieldapp.exports.layout import notes
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question
from fieldapp.store.dataset import LevelData

EN = "English (en)"


def _q(name, type_, row, **kw):
    return Question(name, type_, row, labels=MappingProxyType({EN: name.title()}), **kw)


def _choices(name, names):
    return ChoiceList(name, tuple(Choice(n, MappingProxyType({EN: n.title()}), i + 2) for i, n in enumerate(names)))


FORM = Form("lv", "1", "levels", Group("lv", 1, (
    _q("region", "select_one", 2, list_name="regions"),
    Group("family", 3, (
        _q("detained", "select_one", 4, list_name="yn"),
        _q("age", "integer", 5, constraint=". >= 0 and . <= 100"),
    ), labels=MappingProxyType({EN: "Family member"}), repeat=True),
)), MappingProxyType({"regions": _choices("regions", ["north", "south"]), "yn": _choices("yn", ["yes", "no"])}),
    languages=(EN,), default_language=EN)


def build(respondents: dict[str, tuple[str, list[tuple[str | None, int | None]]]]):
    """{iid: (region, [(detained, age), ...])} -> (respondent dataset, level)."""
    recs = [(iid, f"P-{iid}", {"region": region}, {}) for iid, (region, _m) in respondents.items()]
    keys, vals, sts = [], [], []
    for iid, (_r, members) in respondents.items():
        for n, (det, age) in enumerate(members, 1):
            keys.append((iid, f"family[{n}]"))
            vals.append([det, age])
            sts.append(["missing" if det is None else "answered", "missing" if age is None else "answered"])
    index = pd.MultiIndex.from_tuples(keys, names=["interview_id", "instance"])
    level = LevelData(FORM, "family", pd.DataFrame(vals, index=index, columns=["detained", "age"], dtype=object),
                      pd.DataFrame(sts, index=index, columns=["detained", "age"], dtype=object),
                      pd.Series("", index=index, dtype=object), pd.Series("", index=index, dtype=object))
    return Dataset.from_records(FORM, recs), level


# One respondent in the south with six detained family members aged 80; nine in the north
# with one or two members each, none detained.
DATA = {"s1": ("south", [("yes", 80)] * 6),
        **{f"n{i}": ("north", [("no", 30 + i)] * (1 + i % 2)) for i in range(9)},
        "z": ("north", [])}


def row(table, option, group=""):
    r = table.rows[(table.rows["option"] == option) & (table.rows["group"] == group)]
    return r.iloc[0]


def test_many_entries_of_one_respondent_are_a_small_cell():
    ds, level = build(DATA)
    tables, _ = level_tables(ds, level, by="region", min_cell=3)
    detained = next(t for t in tables if t.question == "detained")
    yes = row(detained, "yes", "south")
    assert yes["count"] == 6 and "small_count" in yes["flags"].split()  # six entries, one respondent
    assert "small_base" in yes["flags"].split()
    assert "small_count" not in row(detained, "no", "north")["flags"]  # 13 entries of 9 respondents
    assert detained.respondents == 10 and detained.unit == "instances"
    assert any("from 10 respondents" in line for line in notes(detained))


def test_suppression_hides_them_and_what_gives_them_back():
    ds, level = build(DATA)
    tables, audit = level_tables(ds, level, by="region", min_cell=3, suppress=True)
    assert audit.complete
    detained = next(t for t in tables if t.question == "detained")
    assert row(detained, "yes", "south")["count"] is pd.NA
    # the total's "yes" is the south's six: it gives them back, so it is hidden too
    assert row(detained, "yes", "_total")["count"] is pd.NA
    assert row(detained, "no", "north")["count"] == 13


def test_extremes_need_k_respondents_not_k_entries():
    ds, level = build(DATA)
    [age] = [t for t in level_tables(ds, level, min_cell=3, extremes=True)[0] if t.question == "age"]
    # six entries of 80 belong to one respondent: no maximum; the minimum, 30, is n0's alone
    stats = age.stats.loc[""]
    assert pd.isna(stats["max"]) and stats["max_n"] == 1
    assert stats["min_n"] == 1 and pd.isna(stats["min"])


def test_respondents_with_at_least_one():
    data = {**DATA, "m": ("north", [(None, 40), ("yes", 41)]), "q": ("south", [(None, 50)])}
    ds, level = build(data)
    tables, _ = level_tables(ds, level, unit="respondents", min_cell=2)
    detained = next(t for t in tables if t.question == "detained")
    assert row(detained, "yes")["count"] == 2  # s1 and m (m's other member is missing)
    assert row(detained, "no")["count"] == 9
    assert row(detained, "_missing")["count"] == 1  # q: an entry, no answer
    assert row(detained, "_not_applicable")["count"] == 1  # z: no entry
    assert row(detained, "yes")["base"] == 11
    assert detained.unit == "respondents" and "respondents with at least one" in detained.title
    assert not any(t.question == "age" for t in tables)  # only selects have an "at least one"


def test_refusals():
    ds, level = build(DATA)
    with pytest.raises(UserFacingError, match="instances or respondents"):
        level_tables(ds, level, unit="people")
    with pytest.raises(UserFacingError, match="asked for each entry"):
        level_tables(ds, level, unit="respondents", by="detained")
    with pytest.raises(UserFacingError, match="no repeat"):
        make_tables(ds, TableRequest(level="nosuch"), LevelData(FORM, "nosuch", level.values, level.status,
                                                                level.parent, level.pseudonyms))
    with pytest.raises(UserFacingError, match="not available"):
        make_tables(ds, TableRequest(level="family", pairs=(("detained", "detained"),)), level)


def test_a_filter_restricts_the_entries_to_its_respondents():
    ds, level = build(DATA)
    tables, _ = make_tables(ds, TableRequest(level="family", filter="${region} = 'north'", min_cell=2), level)
    detained = next(t for t in tables if t.question == "detained")
    assert row(detained, "yes")["count"] == 0 and row(detained, "no")["count"] == 13
    assert detained.respondents == 9 and detained.universe


def test_a_nested_level_hangs_from_its_parent_entry(tmp_path):
    """visits inside family: PARENT_KEY is the family entry's KEY (ODK Central's layout)."""
    import csv

    from fieldapp.exports import write_data

    form = Form("nest", "1", "nested", Group("nest", 1, (
        _q("region", "select_one", 2, list_name="regions"),
        Group("family", 3, (
            _q("detained", "select_one", 4, list_name="yn"),
            Group("visits", 5, (_q("year", "integer", 6),), repeat=True),
        ), repeat=True),
    )), FORM.choice_lists, languages=(EN,), default_language=EN)
    ds = Dataset.from_records(form, [("a", "P-a", {"region": "north"}, {}), ("b", "P-b", {"region": "south"}, {})])

    def level(repeat, rows, column, parents):
        index = pd.MultiIndex.from_tuples([(i, inst) for i, inst, _v in rows], names=["interview_id", "instance"])
        values = pd.DataFrame([[v] for _i, _inst, v in rows], index=index, columns=[column], dtype=object)
        return LevelData(form, repeat, values, values.map(lambda _v: "answered").astype(object),
                         pd.Series(parents, index=index, dtype=object), pd.Series("", index=index, dtype=object))

    family = level("family", [("a", "family[1]", "yes"), ("a", "family[2]", "no"), ("b", "family[1]", "no")],
                   "detained", ["", "", ""])
    visits = level("visits", [("a", "family[2]/visits[1]", 2015), ("a", "family[2]/visits[2]", 2016),
                              ("b", "family[1]/visits[1]", 2010)], "year", ["family[2]", "family[2]", "family[1]"])
    out = tmp_path / "data.csv"
    write_data(ds, "csv", out, levels=[family, visits])
    read = lambda p: list(csv.DictReader(p.read_text("utf-8-sig").splitlines()))  # noqa: E731
    fam = read(tmp_path / "data-family.csv")
    vis = read(tmp_path / "data-visits.csv")
    assert [(r["KEY"], r["PARENT_KEY"], r["detained"]) for r in fam] == [
        ("P-a/family[1]", "P-a", "yes"), ("P-a/family[2]", "P-a", "no"), ("P-b/family[1]", "P-b", "no")]
    assert [(r["KEY"], r["PARENT_KEY"], r["year"]) for r in vis] == [
        ("P-a/family[2]/visits[1]", "P-a/family[2]", "2015"), ("P-a/family[2]/visits[2]", "P-a/family[2]", "2016"),
        ("P-b/family[1]/visits[1]", "P-b/family[1]", "2010")]
    assert {r["PARENT_KEY"] for r in vis} <= {r["KEY"] for r in fam}
    assert [r["KEY"] for r in read(out)] == ["P-a", "P-b"]


def test_a_level_table_protected_alone_still_counts_respondents():
    """The GUI's one-table export (``suppress``) takes the contributors the table carries."""
    from fieldapp.analysis import suppress

    ds, level = build(DATA)
    tables, _ = level_tables(ds, level, by="region", min_cell=3)
    detained = suppress(next(t for t in tables if t.question == "detained"), 3)
    assert row(detained, "yes", "south")["count"] is pd.NA
    assert "suppressed" in row(detained, "yes", "south")["flags"].split()
