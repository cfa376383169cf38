"""What one export of tables tells a reader, as linear equations over the counts it prints.

Every number a set of tables prints (a count, a base, a group size, a numeric summary) is a
*quantity*; the same quantity printed twice (a paired table's half and the question's own
table) is one quantity. The reader knows how the quantities hang together:

- options of a single-choice question add up to the base; select-all options lie between 0
  and the base and add up to at least the base;
- base + missing + not applicable = the group's respondents; the group's respondents are the
  by-field's own counts, and the respondents with no group make up the difference to N;
- in a cross-tab each row's groups plus the respondents with no group add up to the total;
- the numeric summary (n, mean, median, minimum, maximum) bounds the band counts;
- relevance: a follow-up's not-applicable count is the number of respondents whose answers
  to the questions its ``relevant`` reads make it false (a joint table of those answers,
  whose margins are the printed counts, links them).

``Model`` holds these equations (``Row``: coefficients by quantity key, lower and upper
bound) and the true value of every quantity; ``fieldapp.analysis.disclosure`` uses it to
audit and extend a suppression pattern (docs/tables.md, "Disclosure control").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from fieldapp.analysis.tables import (
    IN_BASE_ROLES,
    OPTION_MISSING,
    OPTION_NA,
    TOTAL_GROUP,
    Table,
)

#: The group of the respondents with no value for the by-field (never printed).
UNGROUPED = "_ungrouped"
#: Largest joint table of a relevance link (categories multiplied); larger links are left out.
MAX_JOINT = 4000
STAT_HALF_WIDTH = 0.05  # summaries are printed to one decimal
_UNLISTED_VALUE = "\x00unlisted"


def count_key(q: str, by: str | None, g: str, option: str) -> tuple:
    return ("c", q, _group(by, g), option)


def base_key(q: str, by: str | None, g: str) -> tuple:
    return ("b", q, _group(by, g))


def size_key(by: str | None, g: str) -> tuple:
    return ("N", _group(by, g))


def stat_key(q: str, by: str | None, g: str, stat: str) -> tuple:
    return ("s", q, _group(by, g), stat)


def _group(by: str | None, g: str) -> tuple:
    # The total of a cross-tab and a plain table cover the same respondents: one group.
    if by is None or g in ("", TOTAL_GROUP):
        return (None, TOTAL_GROUP)
    return (by, g)


@dataclass
class Row:
    """lo <= sum(coef * quantity) <= hi; ``slack`` names a printed statistic the row comes from."""

    coefs: dict[tuple, float]
    lo: float
    hi: float
    slack: tuple | None = None


@dataclass
class _QInfo:
    multiple: bool
    options: list[str]  # in-base options
    bands: list[tuple[float, float]] | None = None  # numeric: (low, high) of each band option
    unlisted: bool = False
    bys: set[str | None] = field(default_factory=set)
    stats: dict[tuple, dict] = field(default_factory=dict)  # group -> printed stats


@dataclass
class Model:
    rows: list[Row]
    true: dict[tuple, float]  # every quantity (printed or derived), true value
    printed: set[tuple]  # quantities some table prints (before suppression)
    total: int  # N: respondents of the export (public)
    stat_values: dict[tuple, float]  # printed statistics (mean, median, min, max)


def _band_ranges(t: Table) -> list[tuple[float, float]] | None:
    edges = list(t.bands)
    if len(edges) < 2:
        return None
    integer = t.question_type == "integer"
    out = []
    for i in range(len(edges) - 1):
        a, b = float(edges[i]), float(edges[i + 1])
        last = i == len(edges) - 2
        out.append((a, b if last or not integer else b - 1))
    return out


class _Builder:
    def __init__(self, tables: Sequence[Table], k: int) -> None:
        self.tables = list(tables)
        self.k = k
        self.true: dict[tuple, float] = {}
        self.printed: set[tuple] = set()
        self.rows: list[Row] = []
        self.info: dict[str, _QInfo] = {}
        self.levels: dict[str, list[str]] = {}  # by-field -> its groups (levels)
        self.stat_values: dict[tuple, float] = {}
        self.total = 0

    # ---------------------------------------------------------------- reading the tables

    def read(self) -> None:
        for t in self.tables:
            self._read_table(t)

    def _halves(self, t: Table) -> Iterable[tuple[str, str | None, str, pd.DataFrame]]:
        """(question, by, group, rows of that group) for each block of ``t``."""
        if t.kind == "paired":
            for q in t.questions:
                yield q, None, TOTAL_GROUP, t.rows[t.rows["group"] == q]
            return
        by = t.by if t.kind == "crosstab" else None
        for g, _label in t.groups():
            yield t.question, by, g, t.rows[t.rows["group"] == g]

    def _read_table(self, t: Table) -> None:
        for q, by, g, block in self._halves(t):
            inside = block[block["role"].isin(IN_BASE_ROLES)]
            info = self.info.setdefault(q, _QInfo(
                multiple=t.question_type == "select_multiple", options=list(inside["option"])))
            if t.kind == "numeric" or (t.kind == "crosstab" and t.bands):
                info.bands = _band_ranges(t)
            info.unlisted |= "_unlisted" in set(inside["option"])
            info.bys.add(by)
            if by is not None and g != TOTAL_GROUP:
                self.levels.setdefault(by, [])
                if g not in self.levels[by]:
                    self.levels[by].append(g)
            for option, count in zip(block["option"], block["count"]):
                key = count_key(q, by, g, option)
                self.true[key] = int(count)
                self.printed.add(key)
            base = int(inside["base"].iloc[0]) if len(inside) else 0
            self.true[base_key(q, by, g)] = base
            self.printed.add(base_key(q, by, g))
            if by is None or g == TOTAL_GROUP:
                miss = int(block.loc[block["option"] == OPTION_MISSING, "count"].iloc[0])
                na = int(block.loc[block["option"] == OPTION_NA, "count"].iloc[0])
                self.total = max(self.total, base + miss + na)
        if t.stats is not None and t.kind != "paired":
            by = t.by if t.kind == "crosstab" else None
            for g, srow in t.stats.iterrows():
                grp = _group(by, str(g))
                printed = self.info[t.question].stats.setdefault(grp, {})
                for stat in ("n", "mean", "median", "min", "max"):
                    v = srow.get(stat)
                    if v is None or (isinstance(v, float) and math.isnan(v)):
                        continue
                    printed[stat] = float(v)
                    key = stat_key(t.question, by, str(g), stat)
                    self.true[key] = float(v)
                    self.printed.add(key)
                    self.stat_values[key] = float(v)

    # ---------------------------------------------------------------- equations

    def add(self, coefs: dict[tuple, float], lo: float, hi: float, slack: tuple | None = None) -> None:
        self.rows.append(Row({k: v for k, v in coefs.items() if v}, lo, hi, slack))

    def groups_of(self, q: str) -> list[tuple]:
        """The groups a question is counted in: the total, every level, and the ungrouped."""
        out = [(None, TOTAL_GROUP)]
        for by in self.info[q].bys:
            if by is not None:
                out += [(by, g) for g in self.levels.get(by, [])] + [(by, UNGROUPED)]
        return out

    def build(self, form=None) -> Model:
        self.read()
        self.true[size_key(None, TOTAL_GROUP)] = self.total
        for by in self.levels:
            self._group_sizes(by)
        for q, info in self.info.items():
            for grp in self.groups_of(q):
                self._group_equations(q, info, grp)
            for by in info.bys:
                if by is not None:
                    self._crosstab_equations(q, info, by)
            self._stat_equations(q, info)
        self._derive_ungrouped()
        if form is not None:
            for q in self.info:
                self._relevance(form, q)
        return Model(self.rows, self.true, self.printed, self.total, self.stat_values)

    def _keys(self, q: str, grp: tuple) -> tuple[list[tuple], tuple, tuple, tuple]:
        by, g = grp
        opts = [("c", q, grp, o) for o in self.info[q].options]
        return opts, ("b", q, grp), ("c", q, grp, OPTION_MISSING), ("c", q, grp, OPTION_NA)

    def _group_equations(self, q: str, info: _QInfo, grp: tuple) -> None:
        opts, base, miss, na = self._keys(q, grp)
        if info.multiple:
            for o in opts:
                self.add({o: 1, base: -1}, -math.inf, 0)
            self.add({**{o: 1 for o in opts}, base: -1}, 0, math.inf)
        else:
            self.add({**{o: 1 for o in opts}, base: -1}, 0, 0)
        self.add({base: 1, miss: 1, na: 1, ("N", grp): -1}, 0, 0)

    def _crosstab_equations(self, q: str, info: _QInfo, by: str) -> None:
        opts, base, miss, na = self._keys(q, (None, TOTAL_GROUP))
        for total_key in [*opts, base, miss, na]:
            coefs = {total_key: -1.0}
            for g in [*self.levels.get(by, []), UNGROUPED]:
                coefs[(total_key[0], q, (by, g), *total_key[3:])] = 1.0
            self.add(coefs, 0, 0)

    def _group_sizes(self, by: str) -> None:
        total = ("N", (None, TOTAL_GROUP))
        self.add({**{("N", (by, g)): 1 for g in [*self.levels[by], UNGROUPED]}, total: -1}, 0, 0)
        if by in self.info:  # the by-field's own table counts the groups
            for g in self.levels[by]:
                self.add({("N", (by, g)): 1, ("c", by, (None, TOTAL_GROUP), g): -1}, 0, 0)
            self.add({("N", (by, UNGROUPED)): 1, ("c", by, (None, TOTAL_GROUP), OPTION_MISSING): -1,
                      ("c", by, (None, TOTAL_GROUP), OPTION_NA): -1}, 0, 0)

    def _derive_ungrouped(self) -> None:
        """True values of the quantities no table prints: group sizes and the ungrouped cells."""
        for by, levels in self.levels.items():
            for g in levels:
                any_q = next(q for q, i in self.info.items() if by in i.bys)
                _o, base, miss, na = self._keys(any_q, (by, g))
                self.true[("N", (by, g))] = self.true[base] + self.true[miss] + self.true[na]
            self.true[("N", (by, UNGROUPED))] = self.total - sum(self.true[("N", (by, g))] for g in levels)
            for q, info in self.info.items():
                if by not in info.bys:
                    continue
                opts, base, miss, na = self._keys(q, (None, TOTAL_GROUP))
                for key in [*opts, base, miss, na]:
                    parts = [self.true[(key[0], q, (by, g), *key[3:])] for g in levels]
                    self.true[(key[0], q, (by, UNGROUPED), *key[3:])] = self.true[key] - sum(parts)

    def _stat_equations(self, q: str, info: _QInfo) -> None:
        if info.bands is None or len(info.bands) != len([o for o in info.options if o != "_unlisted"]):
            return
        bands = list(zip(info.options, info.bands))
        for grp, printed in info.stats.items():
            by, g = grp
            n = printed.get("n")
            if n is None:
                continue
            cells = {("c", q, grp, o): 1.0 for o, _r in bands}
            nkey = ("s", q, grp, "n")
            # n counts the numeric answers: the band counts and at most the base.
            self.add({**cells, nkey: -1}, -math.inf, 0)
            self.add({nkey: 1, ("b", q, grp): -1}, -math.inf, 0)
            if info.unlisted:
                continue  # values outside the bands are unbounded: the mean bounds nothing
            h = STAT_HALF_WIDTH
            if "mean" in printed:
                m, skey = printed["mean"], ("s", q, grp, "mean")
                self.add({("c", q, grp, o): lo for o, (lo, _hi) in bands}, -math.inf, n * (m + h), skey)
                self.add({("c", q, grp, o): hi for o, (_lo, hi) in bands}, n * (m - h), math.inf, skey)
            if "median" in printed:
                m, skey = printed["median"], ("s", q, grp, "median")
                self.add({("c", q, grp, o): 1 for o, (lo, _hi) in bands if lo <= m + h}, n / 2, math.inf, skey)
                self.add({("c", q, grp, o): 1 for o, (_lo, hi) in bands if hi >= m - h}, n / 2, math.inf, skey)
            for stat in ("min", "max"):
                if stat not in printed:
                    continue
                m, skey = printed[stat], ("s", q, grp, stat)
                beyond = [o for o, (lo, hi) in bands if (hi < m - h if stat == "min" else lo > m + h)]
                if beyond:
                    self.add({("c", q, grp, o): 1 for o in beyond}, 0, 0, skey)
                holding = [o for o, (lo, hi) in bands if lo - h <= m <= hi + h]
                # Extremes are printed only when k respondents share them (documented).
                self.add({("c", q, grp, o): 1 for o in holding}, self.k, math.inf, skey)

    # ---------------------------------------------------------------- relevance links

    def _relevance(self, form, q: str) -> None:
        from fieldapp.forms.expressions import ExpressionError, parse

        try:
            question = form.question(q)
        except KeyError:
            return
        texts = _relevance_chain(form, question)
        if not texts:
            return
        try:
            exprs = [parse(t) for t in texts]
        except ExpressionError:
            return
        refs = sorted(set().union(*(e.references() for e in exprs)))
        cats = {}
        for r in refs:
            c = self._categories(form, r)
            if c is None:
                return  # reads a number, a text or a select-all: not modelled (docs/tables.md)
            cats[r] = c
        if math.prod(len(c) for c in cats.values()) > MAX_JOINT:
            return
        groups = [grp for grp in self.groups_of(q) if grp[1] != TOTAL_GROUP] or [(None, TOTAL_GROUP)]
        for grp in groups:
            self._joint(q, grp, refs, cats, exprs)

    def _categories(self, form, r: str) -> list[tuple[str, str]] | None:
        """(category key, value seen by expressions) of a field a relevance reads."""
        try:
            rq = form.question(r)
        except KeyError:
            return None
        if rq.type == "select_one":
            names = [c.name for c in form.choices_for(rq).choices]
        elif rq.type == "calculate" and r in self.info:
            names = [o for o in self.info[r].options if o != "_unlisted"]
        else:
            return None
        out = [(n, n) for n in names]
        if r in self.info and self.info[r].unlisted:
            out.append(("_unlisted", _UNLISTED_VALUE))
        return out + [(OPTION_MISSING, ""), (OPTION_NA, "")]

    def _joint(self, q: str, grp: tuple, refs: list[str], cats: dict, exprs) -> None:
        from fieldapp.forms.expressions import ExpressionError, to_bool

        by, g = grp
        combos = []
        for combo in itertools.product(*(cats[r] for r in refs)):
            values = {r: v for r, (_c, v) in zip(refs, combo)}
            keys = {r: c for r, (c, _v) in zip(refs, combo)}
            if by in keys and not _in_group(keys[by], g):
                continue  # within a group the by-field has that group's value
            try:
                relevant = all(to_bool(e.evaluate(_Context(values))) for e in exprs)
            except (ExpressionError, ArithmeticError, ValueError, TypeError):
                return
            combos.append((keys, relevant))
        jkeys = [("j", q, grp, i) for i in range(len(combos))]
        for r in refs:
            if r not in self.info or r == by:
                continue  # an unprinted field's margins are unknown; the by-field's are the group
            for cat, _v in cats[r]:
                coefs = {jk: 1.0 for jk, (keys, _rel) in zip(jkeys, combos) if keys[r] == cat}
                target = ("c", r, grp, cat)
                if grp not in self.groups_of(r):
                    return
                coefs[target] = -1.0
                self.add(coefs, 0, 0)
        na = {jk: 1.0 for jk, (_k, rel) in zip(jkeys, combos) if not rel}
        na[("c", q, grp, OPTION_NA)] = -1.0
        self.add(na, 0, 0)
        self.add({**{jk: 1.0 for jk in jkeys}, ("N", grp): -1.0}, 0, 0)


def _in_group(cat: str, g: str) -> bool:
    if g == UNGROUPED:
        return cat in (OPTION_MISSING, OPTION_NA)
    return cat == g


class _Context:
    """An expression context in which the referenced fields hold one combination of answers."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def value(self, name: str) -> object:
        return self._values.get(name, "")

    def current(self) -> object:
        return ""

    def today(self):  # noqa: ANN201
        import datetime as dt

        return dt.date(2000, 1, 1)


def _relevance_chain(form, question) -> list[str]:
    """The question's own ``relevant`` and those of every enclosing group."""
    groups = {}
    from fieldapp.forms.model import Group

    def walk(node, path):
        for child in node.children:
            if isinstance(child, Group):
                groups[(*path, child.name)] = child
                walk(child, (*path, child.name))

    walk(form.root, ())
    out = [question.relevant] if question.relevant else []
    path = tuple(question.path)
    # Question.path may or may not start with the form's root group name.
    if path and path[0] == form.root.name:
        path = path[1:]
    for i in range(1, len(path) + 1):
        grp = groups.get(path[:i])
        if grp is not None and grp.relevant:
            out.append(grp.relevant)
    return out


def build_model(tables: Sequence[Table], k: int, form=None) -> Model:
    """The equations linking every quantity ``tables`` print (unsuppressed tables)."""
    return _Builder(tables, k).build(form)
