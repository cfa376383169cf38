"""Disclosure control: suppressing small cells, and the cells that would give them back.

Flags (``small_count``, ``small_base``) are set on every table when it is built; ``suppress``
is for exports that leave the coordinator's laptop. The rule (docs/tables.md, "Small cells"):

1. Primary: a count of 1..k-1 is hidden. A group whose base is 1..k-1 is hidden whole
   (counts, zeros included, percentages and the base): with so few respondents even a zero
   says what everyone answered.
2. Secondary, repeated until nothing changes, wherever cells add up to a total that is shown:
   a. options of a single-choice question add up to the group's base;
   b. missing + not applicable + base add up to the group's respondents;
   c. in a cross-tab, each row's groups add up to the total column, and the group bases to
      the total base.
   When exactly one cell of such a set is hidden, the next smallest visible cell of the set is
   hidden too (a non-zero one if there is one); when no visible cell is left, the total goes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fieldapp.analysis.tables import (
    FLAG_SUPPRESSED,
    FLAG_SUPPRESSED_SECONDARY,
    IN_BASE_ROLES,
    ROLE_MISSING,
    ROLE_NA,
    TOTAL_GROUP,
    Table,
    with_rows,
)


def _pick_next(rows: pd.DataFrame, candidates: list[int]) -> int | None:
    """The smallest visible cell, preferring non-zero ones (hiding a zero protects little)."""
    if not candidates:
        return None
    counts = {i: int(rows.at[i, "count"]) for i in candidates}
    nonzero = [i for i in candidates if counts[i] > 0]
    pool = nonzero or candidates
    return min(pool, key=lambda i: (counts[i], i))


class _Suppressor:
    def __init__(self, table: Table, k: int) -> None:
        self.t = table
        self.k = k
        self.rows = table.rows.reset_index(drop=True).copy()
        self.hidden: dict[int, str] = {}  # row index -> flag token
        self.hidden_bases: dict[str, str] = {}  # group -> flag token
        self.groups = [g for g, _ in table.groups()]

    def inbase(self, g: str) -> list[int]:
        r = self.rows
        return list(r.index[(r["group"] == g) & r["role"].isin(IN_BASE_ROLES)])

    def role_row(self, g: str, role: str) -> int | None:
        r = self.rows
        idx = list(r.index[(r["group"] == g) & (r["role"] == role)])
        return idx[0] if idx else None

    def hide(self, i: int, token: str) -> bool:
        if i in self.hidden:
            return False
        self.hidden[i] = token
        return True

    def hide_base(self, g: str, token: str) -> bool:
        if g in self.hidden_bases:
            return False
        self.hidden_bases[g] = token
        for i in self.inbase(g):
            self.hide(i, token)
        return True

    def primary(self) -> None:
        for i, count in self.rows["count"].items():
            if count is not pd.NA and 0 < int(count) < self.k:
                self.hide(i, FLAG_SUPPRESSED)
        for g in self.groups:
            base = self.t.base_of(g)
            if base is not pd.NA and 0 < int(base) < self.k:
                self.hide_base(g, FLAG_SUPPRESSED)

    def _one_hidden(self, cells: list[int]) -> int | None:
        """The next cell to hide when exactly one of ``cells`` is hidden; -1 if none is left."""
        hidden = [i for i in cells if i in self.hidden]
        if len(hidden) != 1:
            return None
        nxt = _pick_next(self.rows, [i for i in cells if i not in self.hidden])
        return -1 if nxt is None else nxt

    def secondary_pass(self) -> bool:
        changed = False
        sec = FLAG_SUPPRESSED_SECONDARY
        crosstab = self.t.kind == "crosstab"
        for g in self.groups:
            # (a) single-choice options add up to the base.
            if not self.t.multiple and g not in self.hidden_bases:
                nxt = self._one_hidden(self.inbase(g))
                if nxt == -1:
                    changed |= self.hide_base(g, sec)
                elif nxt is not None:
                    changed |= self.hide(nxt, sec)
            # (b) missing + not applicable + base = respondents (known from other tables).
            pair = [i for i in (self.role_row(g, ROLE_MISSING), self.role_row(g, ROLE_NA)) if i is not None]
            nxt = self._one_hidden(pair)
            if nxt is not None and nxt != -1:
                changed |= self.hide(nxt, sec)
        if crosstab:
            changed |= self._across_groups()
        return changed

    def _across_groups(self) -> bool:
        changed = False
        sec = FLAG_SUPPRESSED_SECONDARY
        parts = [g for g in self.groups if g != TOTAL_GROUP]
        r = self.rows
        # (c) bases: group bases add up to the total base.
        if TOTAL_GROUP not in self.hidden_bases:
            hidden = [g for g in parts if g in self.hidden_bases]
            if len(hidden) == 1:
                visible = [g for g in parts if g not in self.hidden_bases]
                if visible:
                    bases = {g: int(self.t.base_of(g)) for g in visible}
                    nonzero = [g for g in visible if bases[g] > 0] or visible
                    changed |= self.hide_base(min(nonzero, key=lambda g: bases[g]), sec)
                else:
                    changed |= self.hide_base(TOTAL_GROUP, sec)
        # (c) each option (and the missing / n.a. rows): groups add up to the total column.
        for option in dict.fromkeys(r["option"]):
            total = r.index[(r["group"] == TOTAL_GROUP) & (r["option"] == option)]
            if not len(total) or total[0] in self.hidden:
                continue
            cells = list(r.index[(r["group"].isin(parts)) & (r["option"] == option)])
            nxt = self._one_hidden(cells)
            if nxt == -1:
                changed |= self.hide(total[0], sec)
            elif nxt is not None:
                changed |= self.hide(nxt, sec)
        return changed

    def apply(self) -> Table:
        r = self.rows
        r["count"] = r["count"].astype("Int64")
        r["base"] = r["base"].astype("Int64")
        flags = list(r["flags"])
        for i, token in self.hidden.items():
            r.at[i, "count"] = pd.NA
            r.at[i, "percent"] = np.nan
            flags[i] = " ".join(t for t in (flags[i], token) if t)
        for g in self.hidden_bases:
            for i in self.inbase(g):
                r.at[i, "base"] = pd.NA
        r["flags"] = pd.Series(flags, index=r.index, dtype=object)
        stats = self.t.stats
        if stats is not None:
            stats = stats.copy()
            for g in stats.index:
                # Mean or extremes of a handful of people describe those people.
                if g in self.hidden_bases or stats.at[g, "n"] < self.k:
                    stats.loc[g, ["mean", "median", "min", "max"]] = np.nan
        return with_rows(self.t, r, stats=stats, suppressed=True)


def suppress(table: Table, k: int | None = None) -> Table:
    """A copy of ``table`` with small cells hidden (count pd.NA, percent NaN) and flagged.

    ``k`` defaults to the table's ``min_cell``. Hidden cells carry the flag ``suppressed``
    (primary) or ``suppressed_secondary``.
    """
    k = table.min_cell if k is None else k
    s = _Suppressor(table, k)
    s.primary()
    for _ in range(len(s.rows) + len(s.groups) + 2):
        if not s.secondary_pass():
            break
    return s.apply()
