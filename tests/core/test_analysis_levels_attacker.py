"""Issue #13 with issue #14's attacker: a suppressed export of a repeat level's tables must not
disclose a respondent through their entries.

A table of family members counts entries, but a cell's contributors are respondents: six
detained family members of the one respondent from a small region disclose that respondent
though 6 >= k. The rule (docs/tables.md, "Repeat levels") makes every count of 1..k-1
respondents primary whatever its number of entries. The attacker here reads only the CSV of
one ``tables --level family --by region --suppress`` export, writes the equations a reader
can (options add up to the base, base + missing = the group's entries, groups plus the
entries without a region add up to the total, the total base comes from at least the
printed number of respondents) as its own integer program, and must find 0 consistent with
every hidden count whose contributors, computed here with pandas from the raw rows, are 1
to k-1 (and k-1 consistent with those whose count is that small). A second test shows the
rule has teeth: protected by counts alone, the same exports print such cells.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import replace
from types import MappingProxyType

import pandas as pd
import pytest

from fieldapp.analysis import Dataset
from fieldapp.analysis.disclosure import protect
from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.analysis.levels import contributors, instance_dataset
from fieldapp.exports.tables import tables_csv
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question
from fieldapp.store.dataset import LevelData
from tests.core.test_analysis_attacker import Attacker

K = 4
EN = "English (en)"
REGIONS = ["north", "east", "south", "west", "abroad"]
RELATIONS = ["parent", "sibling", "child"]


def _choices(name, names):
    return ChoiceList(name, tuple(Choice(n, MappingProxyType({EN: n.title()}), i + 2)
                                  for i, n in enumerate(names)))


def _q(name, type_, row, **kw):
    return Question(name, type_, row, labels=MappingProxyType({EN: f"Q {name}"}), **kw)


FORM = Form(
    "atkr", "1", "attack", Group("atkr", 1, (
        _q("region", "select_one", 2, list_name="regions"),
        Group("family", 3, (
            _q("relation", "select_one", 4, list_name="rel"),
            _q("detained", "select_one", 5, list_name="yn"),
        ), labels=MappingProxyType({EN: "Family member"}), repeat=True),
    )),
    MappingProxyType({"regions": _choices("regions", REGIONS), "rel": _choices("rel", RELATIONS),
                      "yn": _choices("yn", ["yes", "no"])}),
    languages=(EN,), default_language=EN,
)


def world(seed: int):
    """Respondents with 0..7 family members; small regions hold one or two respondents, some
    with large families all detained (the case the contributor rule is for)."""
    rng = random.Random(seed)
    n = rng.randint(18, 36)
    weights = [rng.choice([1, 1, 4, 10]) for _ in REGIONS]
    recs, entries = [], []
    for i in range(n):
        iid = f"iv{i}"
        answers = {}
        if rng.random() > 0.08:
            answers["region"] = rng.choices(REGIONS, weights)[0]
        recs.append((iid, f"P{i}", answers, {}))
        big = rng.random() < 0.25
        size = rng.randint(5, 7) if big else rng.randint(0, 3)
        for m in range(1, size + 1):
            detained = "yes" if big else rng.choice(["yes", "no", "no"])
            row = {"iid": iid, "instance": f"family[{m}]", "relation": rng.choice(RELATIONS),
                   "detained": None if rng.random() < 0.06 else detained}
            entries.append(row)
    ds = Dataset.from_records(FORM, recs)
    frame = pd.DataFrame(entries, columns=["iid", "instance", "relation", "detained"])
    index = pd.MultiIndex.from_frame(frame[["iid", "instance"]], names=["interview_id", "instance"])
    values = frame[["relation", "detained"]].astype(object).set_axis(index)
    status = values.apply(lambda col: col.map(lambda v: "missing" if pd.isna(v) else "answered"))
    level = LevelData(FORM, "family", values.where(status == "answered", None), status.astype(object),
                      pd.Series("", index=index, dtype=object), pd.Series(frame["iid"].to_numpy(), index=index))
    return ds, level, frame


def truth(ds: Dataset, frame: pd.DataFrame) -> tuple[dict, dict]:
    """Every count and its contributors (distinct respondents), straight from the rows."""
    region = ds.values["region"].where(ds.status["region"].eq("answered"), None)
    f = frame.assign(region=frame["iid"].map(region))
    groups = {"_total": f, "_none": f[f["region"].isna()], **{g: f[f["region"] == g] for g in REGIONS}}
    counts, who = {}, {}
    for g, part in groups.items():
        counts[("N", g)], who[("N", g)] = len(part), part["iid"].nunique()
        for q, options in (("relation", RELATIONS), ("detained", ["yes", "no"])):
            answered = part[part[q].notna()]
            counts[("b", q, g)], who[("b", q, g)] = len(answered), answered["iid"].nunique()
            miss = part[part[q].isna()]
            counts[("c", q, g, "_missing")], who[("c", q, g, "_missing")] = len(miss), miss["iid"].nunique()
            counts[("c", q, g, "_not_applicable")], who[("c", q, g, "_not_applicable")] = 0, 0
            for o in options:
                cell = part[part[q] == o]
                counts[("c", q, g, o)], who[("c", q, g, o)] = len(cell), cell["iid"].nunique()
    return counts, who


def attack(csv_bytes: bytes) -> Attacker:
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    atk = Attacker()
    groups = ["_total", *REGIONS, "_none"]
    options = {"relation": RELATIONS, "detained": ["yes", "no"]}
    for r in rows:
        key = ("c", r["question"], r["group"], r["option"])
        atk.know(key, int(r["count"]) if r["count"] else None)
        tokens = set(r["flags"].split())
        # the flags column is read too: on an entry table small_count / small_base mean
        # "1..k-1 entries or respondents", so a hidden one flagged so is not zero
        if not r["count"] and "small_count" in tokens:
            atk.eq({key: 1}, 1, 1000)
        if not r["option"].startswith("_"):
            atk.know(("b", r["question"], r["group"]), int(r["base"]) if r["base"] else None)
            if not r["base"] and "small_base" in tokens:
                atk.eq({("b", r["question"], r["group"]): 1}, 1, 1000)
        if r["respondents"]:
            # the total base's entries come from this many respondents: at least one each
            atk.eq({("b", r["question"], "_total"): 1}, int(r["respondents"]), 1000)
    # the total of entries is public (printed as base + missing + not applicable)
    total = next(atk.known[("b", q, "_total")] + atk.known[("c", q, "_total", "_missing")]
                 + atk.known[("c", q, "_total", "_not_applicable")] for q in options
                 if ("b", q, "_total") in atk.known and ("c", q, "_total", "_missing") in atk.known)
    atk.know(("N", "_total"), total)
    atk.eq({**{("N", g): 1 for g in [*REGIONS, "_none"]}, ("N", "_total"): -1}, 0)
    for q, opts in options.items():
        for g in groups:
            atk.eq({**{("c", q, g, o): 1 for o in opts}, ("b", q, g): -1}, 0)
            atk.eq({("b", q, g): 1, ("c", q, g, "_missing"): 1, ("c", q, g, "_not_applicable"): 1,
                    ("N", g): -1}, 0)
        for o in [*opts, "_missing", "_not_applicable", "BASE"]:
            key = (lambda g: ("b", q, g)) if o == "BASE" else (lambda g, o=o: ("c", q, g, o))
            atk.eq({**{key(g): 1 for g in [*REGIONS, "_none"]}, key("_total"): -1}, 0)
    return atk


REQUEST = TableRequest(level="family", by="region", min_cell=K, suppress=True)


@pytest.mark.parametrize("seed", range(12))
def test_attacker_cannot_show_a_few_respondents_have_entries_in_a_hidden_cell(seed):
    ds, level, frame = world(seed)
    tables, audit = make_tables(ds, REQUEST, level)
    assert audit is not None and audit.complete
    counts, who = truth(ds, frame)
    atk = attack(tables_csv(tables))
    # nothing of 1..K-1 respondents is printed ...
    printed = {k: v for k, v in atk.known.items() if k[0] != "N" or k[1] != "_total"}
    shown_small = [k for k, v in printed.items() if 1 <= who.get(k, 0) <= K - 1 and v > 0]
    assert shown_small == []
    # ... and none can be worked out to be non-zero (nor, if small, to be below K-1)
    sensitive = [k for k in atk.index if k not in atk.known and k in who
                 and (1 <= who[k] <= K - 1 or 1 <= counts[k] <= K - 1)]
    assert any(counts[k] >= K for k in sensitive if k[0] == "c")  # big families of few respondents
    assert atk.pinned(sensitive, K) == []
    hidden_flags = {r["flags"] for r in csv.DictReader(io.StringIO(tables_csv(tables).decode("utf-8-sig")))
                    if not r["count"]}
    assert hidden_flags == {"suppressed"}


def test_count_only_suppression_prints_cells_of_too_few_respondents():
    """The contributor rule matters: the audited suppression by counts alone leaves cells of
    K or more entries from fewer than K respondents in print, on the same data sets."""
    shown = 0
    for seed in range(12):
        ds, level, frame = world(seed)
        tables, _ = make_tables(ds, TableRequest(level="family", by="region", min_cell=K), level)
        # the tables carry their contributors (protect would use them): take them away
        counts_only, _audit = protect([replace(t, contributors=None) for t in tables], K, FORM)
        _counts, who = truth(ds, frame)
        atk = attack(tables_csv(counts_only))
        shown += sum(1 for k, v in atk.known.items() if k in who and 1 <= who[k] <= K - 1 and v > 0)
    assert shown >= 5


def test_contributors_agree_with_a_direct_count():
    ds, level, frame = world(3)
    tables, _ = make_tables(ds, TableRequest(level="family", by="region", min_cell=K), level)
    inst, respondent = instance_dataset(ds, level, "region")
    got = contributors(inst, respondent, tables)
    _counts, who = truth(ds, frame)
    from fieldapp.analysis.linear import UNGROUPED

    def ours(k):
        g = {"_total": (None, "_total"), "_none": ("region", UNGROUPED)}.get(k[-2] if k[0] == "c" else k[-1])
        if k[0] == "N":
            return ("N", g or ("region", k[1]))
        if k[0] == "b":
            return ("b", k[1], g or ("region", k[2]))
        return ("c", k[1], g or ("region", k[2]), k[3])

    assert {k: got[ours(k)] for k in who} == who
