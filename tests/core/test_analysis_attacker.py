"""Issue 14 acceptance: an attacker reading one suppressed export cannot pin a small cell.

The attacker is written here on its own (it shares no code with fieldapp.analysis.linear or
disclosure): it reads only the CSV and the Markdown of one ``tables --suppress`` export and
the form (labels, relevance), writes every equation the issue lists as its own integer
program, and asks scipy's milp for the smallest and largest value of every hidden count
and of every count of the respondents with no group (printed nowhere, but the difference
of the total and the groups). Over 20 random small data sets cross-tabbed by a field with
small groups, no count whose true value is 1..k-1 may have a range narrower than 0..k-1,
and no printed minimum or maximum may be held by fewer than k respondents.
"""

from __future__ import annotations

import csv
import io
import random
import re
from collections import defaultdict
from types import MappingProxyType

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from fieldapp.analysis import Dataset
from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.exports.tables import tables_csv, tables_markdown
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question

K = 5
EN = "English (en)"
GROUPS = ["north", "east", "south", "west", "centre", "abroad"]


def _choices(name, names):
    return ChoiceList(name, tuple(Choice(n, MappingProxyType({EN: n.title()}), i + 2)
                                  for i, n in enumerate(names)))


def _q(name, type_, row, **kw):
    return Question(name, type_, row, labels=MappingProxyType({EN: f"Q {name}"}), **kw)


FORM = Form(
    "atk", "1", "attack", Group("atk", 1, (
        _q("region", "select_one", 2, list_name="regions"),
        _q("view", "select_one", 3, list_name="scale"),
        _q("heard", "select_one", 4, list_name="yn"),
        _q("where", "select_one", 5, list_name="places", relevant="${heard} = 'yes'"),
        _q("media", "select_multiple", 6, list_name="media"),
        _q("age", "integer", 7, constraint=". >= 15 and . <= 90"),
    )),
    MappingProxyType({
        "regions": _choices("regions", GROUPS),
        "scale": _choices("scale", ["better", "same", "worse", "dont_know"]),
        "yn": _choices("yn", ["yes", "no"]),
        "places": _choices("places", ["home", "work", "prison"]),
        "media": _choices("media", ["radio", "usb", "phone", "none"]),
    }),
    languages=(EN,), default_language=EN,
)


def random_dataset(seed: int) -> Dataset:
    rng = random.Random(seed)
    n = rng.randint(25, 70)
    weights = [rng.choice([1, 1, 2, 6, 12]) for _ in GROUPS]
    recs = []
    for i in range(n):
        a: dict = {}
        st: dict = {}
        if rng.random() > 0.06:
            a["region"] = rng.choices(GROUPS, weights)[0]
        for name, opts in (("view", ["better", "same", "worse", "dont_know"]), ("heard", ["yes", "no"])):
            if rng.random() > 0.08:
                a[name] = rng.choice(opts)
        if a.get("heard") == "yes":
            if rng.random() > 0.1:
                a["where"] = rng.choice(["home", "work", "work", "prison"])
        else:
            st["where"] = "not_applicable"
        if rng.random() > 0.05:
            a["media"] = " ".join(sorted(rng.sample(["radio", "usb", "phone"], rng.randint(1, 2))))
            if rng.random() < 0.1:
                a["media"] = "none"
        if rng.random() > 0.05:
            a["age"] = rng.choice([rng.randint(18, 40), rng.randint(18, 88), 33])
        recs.append((f"iv{i}", f"P{i}", a, st))
    return Dataset.from_records(FORM, recs)


# --------------------------------------------------------------------------- the attacker


def read_csv(data: bytes):
    cells, bases, _hints = read_csv_flags(data)
    return cells, bases


def read_csv_flags(data: bytes):
    """The printed counts and bases, and what the flags of the hidden ones say.

    A hidden count flagged ``small_count`` is 1..k-1, a hidden base flagged ``small_base``
    likewise: an attacker reads the flags column too, so ``hints`` maps such a key to
    (1, k-1). Flags that differ between hidden cells are a hint of their own (``kinds``).
    """
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    cells, bases, hints = {}, {}, {}
    for r in rows:
        g = r["group"] or "_total"
        key = (r["question"], g, r["option"])
        tokens = set(r["flags"].split())
        cells[key] = int(r["count"]) if r["count"] != "" else None
        if cells[key] is None and "small_count" in tokens:
            hints[("c", *key)] = (1, K - 1)
        if not r["option"].startswith("_"):
            bases[(r["question"], g)] = int(r["base"]) if r["base"] != "" else None
            if bases[(r["question"], g)] is None and "small_base" in tokens:
                hints[("b", r["question"], g)] = (1, K - 1)
    return cells, bases, hints


def hidden_flag_sets(data: bytes) -> set[frozenset]:
    """The distinct flag sets of the rows whose count is hidden (one, if flags tell nothing)."""
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    return {frozenset(r["flags"].split()) for r in rows if r["count"] == ""}


def read_md_stats(md: str) -> dict:
    """(question, group label) -> {stat: value or None}, from the numeric summary grids."""
    out = {}
    question = None
    header = None
    for line in md.splitlines():
        m = re.match(r"## Q (\w+)", line)
        if m:
            question, header = m.group(1), None
            continue
        if not line.startswith("|") or question is None:
            header = None if not line.startswith("|") else header
            continue
        cells = [c.strip() for c in line.strip("|").split("|")]
        if cells[1:2] == ["Respondents (n)"]:
            header = cells
            continue
        if header and not set(line) <= set("|-: "):
            values = {}
            for name, v in zip(header[1:], cells[1:]):
                values[name] = None if v in ("x", "") else float(v.replace("\\", "").rstrip("*"))
            out[(question, cells[0] or "Total")] = values
    return out


class Attacker:
    """Every unknown an integer variable; every relation the printed numbers obey a row."""

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}
        self.known: dict[tuple, int] = {}
        self.rows: list[tuple[dict, float, float]] = []

    def var(self, key) -> int:
        return self.index.setdefault(key, len(self.index))

    def eq(self, terms: dict, lo: float, hi: float | None = None) -> None:
        for k in terms:
            self.var(k)
        self.rows.append((terms, lo, lo if hi is None else hi))

    def know(self, key, value) -> None:
        self.var(key)
        if value is not None:
            self.known[key] = value

    def _matrix(self):
        n = len(self.index)
        a = np.zeros((len(self.rows), n))
        lo = np.zeros(len(self.rows))
        hi = np.zeros(len(self.rows))
        for r, (terms, low, high) in enumerate(self.rows):
            for k, c in terms.items():
                a[r, self.index[k]] += c
            lo[r], hi[r] = low, high
        return LinearConstraint(a, lo, hi)

    def solve(self, objective: dict, fix: dict):
        """An integer solution minimising ``objective`` with ``fix`` (key -> (lo, hi)), or None."""
        n = len(self.index)
        lb, ub = np.zeros(n), np.full(n, 1000.0)
        for k, v in self.known.items():
            lb[self.index[k]] = ub[self.index[k]] = v
        for k, (lo, hi) in fix.items():
            lb[self.index[k]], ub[self.index[k]] = max(lo, lb[self.index[k]]), min(hi, ub[self.index[k]])
        c = np.zeros(n)
        for k, w in objective.items():
            c[self.index[k]] = w
        if not hasattr(self, "_a"):
            self._a = self._matrix()
        res = milp(c, constraints=self._a, integrality=np.ones(n), bounds=Bounds(lb, ub))
        if res.status == 2:
            return None
        assert res.status == 0, res.message
        return {k: round(res.x[j]) for k, j in self.index.items()}

    def pinned(self, keys: list, k: int) -> list[tuple]:
        """Keys whose range leaves out 0 or k-1: for each, is a value of 0 (and of k-1 or more)
        consistent with everything printed? One solution answers for many keys at once."""
        out = []
        for direction in ("lo", "hi"):
            todo = set(keys)
            while todo:
                key = min(todo, key=repr)
                fix = {key: (0, 0)} if direction == "lo" else {key: (k - 1, 1000)}
                sign = 1 if direction == "lo" else -1
                sol = self.solve({x: sign for x in todo}, fix)
                if sol is None:
                    out.append((direction, key))
                    todo.discard(key)
                    continue
                todo -= {x for x in todo if (sol[x] == 0 if direction == "lo" else sol[x] >= k - 1)}
        return out

    def range_of(self, key) -> tuple[int, int]:
        return self.solve({key: 1}, {})[key], self.solve({key: -1}, {})[key]


def attack(csv_bytes: bytes, md: str, n_total: int):
    """The attacker's model of one export; returns it and the hidden keys it should bound.

    ``n_total`` (everybody) is public: the command prints it, and it is the base plus
    missing plus not applicable of any table.
    """
    cells, bases, hints = read_csv_flags(csv_bytes)
    stats = read_md_stats(md)
    atk = Attacker()
    for key, (lo, hi) in hints.items():
        atk.eq({key: 1}, lo, hi)
    questions = sorted({q for q, _g, _o in cells})
    groups = ["_total", *GROUPS, "_none"]  # _none: respondents without a region (printed nowhere)
    options = defaultdict(list)
    for (q, g, o), v in cells.items():
        if g == "_total" and not o.startswith("_"):
            options[q].append(o)
    for (q, g, o), v in cells.items():
        atk.know(("c", q, g, o), v)
    for (q, g), v in bases.items():
        atk.know(("b", q, g), v)
    atk.know(("N", "_total"), n_total)
    # group sizes are the by-field's own table; the rest have no region
    for g in GROUPS:
        atk.eq({("N", g): 1, ("c", "region", "_total", g): -1}, 0)
    atk.eq({("N", "_none"): 1, ("c", "region", "_total", "_missing"): -1,
            ("c", "region", "_total", "_not_applicable"): -1}, 0)
    atk.eq({**{("N", g): 1 for g in [*GROUPS, "_none"]}, ("N", "_total"): -1}, 0)
    for q in questions:
        multi = q == "media"
        qgroups = ["_total"] if q == "region" else groups
        for g in qgroups:
            opts = {("c", q, g, o): 1 for o in options[q]}
            for key in opts:
                atk.var(key)
            if multi:
                for key in opts:
                    atk.eq({key: 1, ("b", q, g): -1}, -1000, 0)
                atk.eq({**opts, ("b", q, g): -1}, 0, 1000)
            else:
                atk.eq({**opts, ("b", q, g): -1}, 0)
            atk.eq({("b", q, g): 1, ("c", q, g, "_missing"): 1, ("c", q, g, "_not_applicable"): 1,
                    ("N", g): -1}, 0)
        if q == "region":
            continue
        for o in [*options[q], "_missing", "_not_applicable", "BASE"]:
            key = (lambda g: ("b", q, g)) if o == "BASE" else (lambda g, o=o: ("c", q, g, o))
            atk.eq({**{key(g): 1 for g in [*GROUPS, "_none"]}, key("_total"): -1}, 0)
    # relevance from the form: `where` is asked only when heard = 'yes'
    for g in groups[1:]:
        atk.eq({("c", "where", g, "_not_applicable"): 1, ("c", "heard", g, "no"): -1,
                ("c", "heard", g, "_missing"): -1, ("c", "heard", g, "_not_applicable"): -1}, 0)
    # numeric summary: n is the number of ages; the mean and median bound the bands
    age_bands = [(o, *map(int, o.split("-"))) for o in options["age"] if re.fullmatch(r"\d+-\d+", o)]
    label_group = {g.title(): g for g in GROUPS} | {"Total": "_total"}
    for (q, label), values in stats.items():
        g = label_group[label]
        n = values.get("Respondents (n)")
        if n is None:
            continue
        bands = {("c", q, g, o): 1 for o, _a, _b in age_bands}
        atk.eq({**bands, ("b", q, g): 0}, n)
        if values.get("Mean") is not None:
            m = values["Mean"]
            atk.eq({("c", q, g, o): a for o, a, _b in age_bands}, -1000, n * (m + 0.05))
            atk.eq({("c", q, g, o): b for o, _a, b in age_bands}, n * (m - 0.05), 100_000)
        if values.get("Median") is not None:
            m = values["Median"]
            atk.eq({("c", q, g, o): 1 for o, a, _b in age_bands if a <= m + 0.05}, n / 2, 1000)
            atk.eq({("c", q, g, o): 1 for o, _a, b in age_bands if b >= m - 0.05}, n / 2, 1000)
    hidden = [k for k in atk.index if k[0] in ("c", "b", "N") and k not in atk.known]
    return atk, hidden


def true_counts(ds: Dataset) -> dict:
    """Every count of the unsuppressed tables, and those of the respondents with no region."""
    tables, _ = make_tables(ds, TableRequest(by="region", min_cell=K))
    cells, bases = read_csv(tables_csv(tables))
    truth = {("c", *k): v for k, v in cells.items()} | {("b", *k): v for k, v in bases.items()}
    for (kind, q, g, *rest), v in list(truth.items()):
        if g == "_total" and q != "region":
            parts = [truth[(kind, q, h, *rest)] for h in GROUPS]
            truth[(kind, q, "_none", *rest)] = v - sum(parts)
    for g in GROUPS:
        truth[("N", g)] = truth[("c", "region", "_total", g)]
    truth[("N", "_none")] = len(ds) - sum(truth[("N", g)] for g in GROUPS)
    return truth


@pytest.mark.parametrize("seed", range(20))
def test_attacker_cannot_narrow_a_hidden_small_count(seed):
    ds = random_dataset(seed)
    tables, audit = make_tables(ds, TableRequest(by="region", min_cell=K, suppress=True, extremes=True))
    assert audit is not None and audit.complete
    csv_bytes, md = tables_csv(tables), tables_markdown(tables)
    atk, hidden = attack(csv_bytes, md, len(ds))
    truth = true_counts(ds)
    small = [k for k in hidden if 1 <= truth[k] <= K - 1]
    assert any(k[0] == "c" for k in small)  # the data sets do have small cells to protect
    pinned = [(d, key, truth[key], atk.range_of(key)) for d, key in atk.pinned(small, K)]
    assert pinned == []
    # the flags column tells a hidden 0 from a hidden 1..k-1 by nothing: one flag for all
    assert hidden_flag_sets(csv_bytes) == {frozenset({"suppressed"})}
    # extremes: printed only when at least K respondents hold that value
    stats = read_md_stats(md)
    ages = ds.values["age"]
    for (q, label), values in stats.items():
        g = {x.title(): x for x in GROUPS}.get(label)
        mask = ds.status["age"].eq("answered") & (ds.values["region"].eq(g) if g else True)
        for stat in ("Minimum", "Maximum"):
            if values.get(stat) is not None:
                assert (ages[mask].astype(float) == values[stat]).sum() >= K, (label, stat)


def test_the_attacker_does_pin_cells_of_the_old_greedy_rule():
    """The attacker is not toothless: hiding only the primary cells gives many of them away."""
    ds = random_dataset(3)
    tables, _ = make_tables(ds, TableRequest(by="region", min_cell=K))
    truth = true_counts(ds)
    import pandas as pd

    from fieldapp.analysis.tables import with_rows

    primary_only = []
    for t in tables:
        r = t.rows.copy()
        small = (r["count"] > 0) & (r["count"] < K)
        r["count"] = r["count"].astype("Int64").mask(small, pd.NA)
        r["percent"] = r["percent"].mask(small)
        primary_only.append(with_rows(t, r, suppressed=True))
    atk, hidden = attack(tables_csv(primary_only), tables_markdown(primary_only), len(ds))
    small = [k for k in hidden if 1 <= truth[k] <= K - 1]
    exact = [k for k in small if atk.range_of(k) == (truth[k], truth[k])]
    assert len(exact) >= 3
