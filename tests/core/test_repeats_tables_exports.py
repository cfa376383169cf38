"""Issue #13's acceptance, the analysis half: on the coordinator store of the roster scenario
(tests/core/repeat_fixtures.py: 0, 2 and 5 family members on two laptops, merged, the
5-member interview revised with a member removed and merged again), the repeat-level tables
(`fieldapp tables --level family`, over entries and over respondents, by a respondent's
province) and the per-level data exports (`fieldapp data`, every format) must equal a direct
computation with pandas from the answers as they were typed in (``RosterWorld.members``),
never from the code under test.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from fieldapp.cli import main
from tests.core.repeat_fixtures import roster_world
from tests.core.storetools import PASSPHRASE

CHOICES = {
    "relation": ["mother", "father", "sibling", "child"],
    "age_group": ["u18", "a18_39", "a40_59", "a60"],
    "detained": ["yes", "no"],
}
PROVINCES = ["north", "ryang"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return roster_world(tmp_path_factory.mktemp("roster-analysis"))


@pytest.fixture(autouse=True)
def passphrase(monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("FIELDAPP_INSECURE_FAST_KDF", "1")


@pytest.fixture(scope="module")
def members(world) -> pd.DataFrame:
    """The independent computation's input: one row per family member as typed."""
    rows = [{"interview": iid, "pseudonym": world.pseudonyms[iid], "position": n,
             "province": world.provinces[iid], "relation": rel, "age_group": age, "detained": det}
            for iid, ms in world.members.items() for n, (rel, age, det) in enumerate(ms, 1)]
    return pd.DataFrame(rows)


def run_csv(world, capsys, *args) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["tables", str(world.coordinator), "--form", "roster", "--min-cell", "2", *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def cells(rows, question, group=""):
    return {r["option"]: int(r["count"]) for r in rows if r["question"] == question
            and r.get("group", "") == group and not r["option"].startswith("_")}


def test_tables_over_entries_equal_a_direct_count(world, members, capsys):
    rows = run_csv(world, capsys, "--level", "family")
    assert {r["level"] for r in rows} == {"family"} and {r["unit"] for r in rows} == {"instances"}
    for q, options in CHOICES.items():
        expected = members[q].value_counts().reindex(options, fill_value=0).to_dict()
        assert cells(rows, q) == expected
        inside = [r for r in rows if r["question"] == q and not r["option"].startswith("_")]
        assert {int(r["base"]) for r in inside} == {len(members)}  # 6 entries ...
        assert {int(r["respondents"]) for r in inside} == {members["interview"].nunique()}  # ... of 2


def test_the_base_is_stated_in_entries_and_respondents(world, capsys):
    capsys.readouterr()
    assert main(["tables", str(world.coordinator), "--form", "roster", "--level", "family",
                 "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert ("Base: 6 entries of “Family member still inside” for which this question was asked and "
            "answered, from 2 respondents.") in md


def test_tables_over_respondents_equal_a_direct_count(world, members, capsys):
    rows = run_csv(world, capsys, "--level", "family", "--over", "respondents")
    n_respondents = len(world.members)
    with_members = members["interview"].nunique()
    for q, options in CHOICES.items():
        expected = {o: int(members.loc[members[q] == o, "interview"].nunique()) for o in options}
        assert cells(rows, q) == expected
        na = [r for r in rows if r["question"] == q and r["option"] == "_not_applicable"][0]
        assert int(na["count"]) == n_respondents - with_members  # the respondent with no member
    detained = [r for r in rows if r["question"] == "detained" and r["option"] == "yes"][0]
    # "respondents with at least one family member detained": both respondents with members
    assert int(detained["count"]) == 2 and int(detained["base"]) == 2


def test_entries_broken_down_by_a_respondent_field(world, members, capsys):
    rows = run_csv(world, capsys, "--level", "family", "--by", "province")
    for q, options in CHOICES.items():
        for p in PROVINCES:
            part = members[members["province"] == p]
            assert cells(rows, q, p) == part[q].value_counts().reindex(options, fill_value=0).to_dict()
        assert cells(rows, q, "_total") == members[q].value_counts().reindex(options, fill_value=0).to_dict()
    # the province itself is the respondent's: no table of it over entries
    assert "province" not in {r["question"] for r in rows}


def test_respondents_broken_down_by_province(world, members, capsys):
    rows = run_csv(world, capsys, "--level", "family", "--over", "respondents", "--by", "province")
    for p in PROVINCES:
        part = members[members["province"] == p]
        expected = {o: int(part.loc[part["detained"] == o, "interview"].nunique()) for o in CHOICES["detained"]}
        assert cells(rows, "detained", p) == expected


def test_suppressed_entry_tables_hide_cells_of_too_few_respondents(world, capsys):
    """Every entry here comes from one of two respondents: at k = 3 every cell, whatever its
    number of entries (the 4 members of one respondent), is hidden."""
    capsys.readouterr()
    assert main(["tables", str(world.coordinator), "--form", "roster", "--level", "family",
                 "--min-cell", "3", "--suppress"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    inside = [r for r in rows if not r["option"].startswith("_")]
    assert inside and all(r["count"] == "" and r["base"] == "" and r["respondents"] == "" for r in inside)


# --------------------------------------------------------------------------- data exports


def expected_level(members: pd.DataFrame) -> pd.DataFrame:
    out = members.sort_values(["pseudonym", "position"]).reset_index(drop=True)
    out.insert(0, "KEY", [f"{p}/family[{n}]" for p, n in zip(out["pseudonym"], out["position"])])
    out.insert(1, "PARENT_KEY", out["pseudonym"])
    return out[["KEY", "PARENT_KEY", "pseudonym", *CHOICES]]


def expected_respondents(world) -> pd.DataFrame:
    rows = [{"pseudonym": world.pseudonyms[i], "KEY": world.pseudonyms[i], "province": world.provinces[i],
             "n_family": len(m), "n_detained": sum(d == "yes" for _r, _a, d in m)}
            for i, m in world.members.items()]
    return pd.DataFrame(rows).sort_values("pseudonym").reset_index(drop=True)


def export(world, tmp_path, fmt, *extra):
    out = tmp_path / f"data.{fmt}"
    assert main(["data", str(world.coordinator), "--form", "roster", "--format", fmt, "--out", str(out),
                 *extra]) == 0
    return out


def _read(path, fmt, sheet=None):
    if fmt == "csv":
        return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if fmt == "xlsx":
        return pd.read_excel(path, sheet_name=sheet, dtype=str).fillna("")
    if fmt == "parquet":
        return pd.read_parquet(path).astype(object).where(lambda d: d.notna(), "")
    read = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    df, meta = read(str(path), apply_value_formats=False)
    # back from codes to choice names through the file's own value labels
    for col, labels in meta.variable_value_labels.items():
        if col in CHOICES:
            names = {lab: name for name, lab in zip(CHOICES[col], _labels(col))}
            df[col] = [names.get(labels.get(v), v) for v in df[col]]
    return df


def _labels(col):
    return {"relation": ["Mother", "Father", "Brother or sister", "Son or daughter"],
            "age_group": ["Under 18", "18 to 39", "40 to 59", "60 or older"],
            "detained": ["Yes", "No"]}[col]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "dta", "parquet"])
def test_level_exports_equal_the_members_as_typed(world, members, tmp_path, fmt):
    out = export(world, tmp_path, fmt)
    level_file = out if fmt == "xlsx" else tmp_path / f"data-family.{fmt}"
    got = _read(level_file, fmt, sheet="family")
    want = expected_level(members)
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got.astype(str).reset_index(drop=True), want.astype(str), check_dtype=False)
    main_file = _read(out, fmt, sheet="data")
    resp = expected_respondents(world)
    assert list(main_file["pseudonym"]) == list(resp["pseudonym"])
    assert list(main_file["KEY"]) == list(resp["KEY"])
    # every PARENT_KEY is the KEY of a respondent row: the levels join back
    assert set(got["PARENT_KEY"]) <= set(main_file["KEY"])
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["data.xlsx"] if fmt == "xlsx" else sorted([f"data.{fmt}", f"data-family.{fmt}"]))


def test_spss_and_stata_label_the_level_values(world, tmp_path):
    sav = export(world, tmp_path, "sav")
    _df, meta = pyreadstat.read_sav(str(sav.with_name("data-family.sav")))
    assert meta.variable_value_labels["detained"] == {1.0: "Yes", 2.0: "No"}
    assert meta.column_names_to_labels["relation"] == "Relation"
    dta = export(world, tmp_path, "dta")
    _df, meta = pyreadstat.read_dta(str(dta.with_name("data-family.dta")))
    assert set(meta.variable_value_labels["relation"].values()) == set(_labels("relation"))


def test_one_level_alone(world, members, tmp_path):
    out = export(world, tmp_path, "csv", "--level", "family")
    got = _read(out, "csv")
    pd.testing.assert_frame_equal(got, expected_level(members).astype(str), check_dtype=False)
    assert [p.name for p in tmp_path.iterdir()] == ["data.csv"]


def test_xlsx_codebook_names_each_columns_sheet(world, tmp_path):
    out = export(world, tmp_path, "xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["data", "family", "variables"]
    rows = list(wb["variables"].iter_rows(values_only=True))
    assert rows[0] == ("column", "label", "type", "choices", "sheet")
    assert ("detained", "family") in {(r[0], r[4]) for r in rows[1:]}


def test_level_usage_errors(world, capsys):
    base = ["tables", str(world.coordinator), "--form", "roster"]
    assert main([*base, "--over", "respondents"]) == 2
    assert main([*base, "--level", "family", "--pair", "relation:detained"]) == 2
    assert main([*base, "--level", "family", "--over", "respondents", "--by", "relation"]) == 1
    assert main([*base, "--level", "nosuch"]) == 1
    err = capsys.readouterr().err
    assert "--over needs --level" in err and "asked for each entry of family" in err
    assert "has no repeat nosuch" in err


def test_the_ops_call_a_tables_page_would_use(world, members):
    from fieldapp.ops import tables as ops
    from fieldapp.store import Store

    with Store.open(world.coordinator, PASSPHRASE) as store:
        form = ops.get_form(store, "roster")
        assert ops.repeat_levels(form) == [("family", "Family member still inside")]
        computed = ops.compute_tables(store, ops.TableSettings("roster", min_cell=2, level="family"))
        over = ops.compute_tables(store, ops.TableSettings("roster", min_cell=2, level="family",
                                                           over="respondents"))
    assert list(computed.tables) == list(CHOICES)
    detained = computed.tables["detained"]
    assert detained.rows.set_index("option").loc["yes", "count"] == int((members["detained"] == "yes").sum())
    assert detained.respondents == members["interview"].nunique()
    assert over.tables["detained"].rows.set_index("option").loc["yes", "count"] == \
        members.loc[members["detained"] == "yes", "interview"].nunique()
