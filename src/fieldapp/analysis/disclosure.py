"""Disclosure control: small cells hidden, and an audit proving the hidden ones stay hidden.

Flags (``small_count``, ``small_base``) are set on every table when it is built; ``protect``
is for exports that leave the coordinator's laptop (docs/tables.md, "Disclosure control"):

1. Primary: every count from 1 to k-1 (cells, bases, missing / not applicable counts, the
   by-field's group sizes). A group whose base is 1..k-1 is hidden whole. Numeric
   summaries: none for a group with fewer than k respondents or a hidden base; a minimum
   or maximum only when asked and at least k respondents share it.
2. Audit and secondary suppression, over all tables of the export at once
   (``fieldapp.analysis.linear``: every equation a reader can write from what is printed,
   relevance links included). For each primary quantity the audit asks an integer program
   (scipy's ``milp``, HiGHS) whether the published numbers are consistent with it being 0
   and with it being k-1 or more. When one is not, the cheapest set of published cells whose
   change would allow it is found by a second integer program (minimum-cost deviation, the
   secondary-suppression model of Kelly, Golden and Assad 1992 and Fischetti and Salazar
   1999 that tau-Argus and sdcTable implement) and hidden. Hiding never narrows a range, so
   a quantity once proven stays proven; the loop ends when every primary quantity is.

The programs are limited by branch-and-bound nodes, never by seconds, so the same export
gets the same pattern on every machine (decision 0026): two patterns of one export,
published twice, would give cells away together.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from fieldapp.analysis.linear import Model, Row, build_model, count_key, stat_key
from fieldapp.analysis.tables import (
    FLAG_SMALL_BASE,
    FLAG_SMALL_COUNT,
    FLAG_SUPPRESSED,
    IN_BASE_ROLES,
    OPTION_MISSING,
    OPTION_NA,
    TOTAL_GROUP,
    Table,
    with_rows,
)
from fieldapp.errors import UserFacingError

MIN_K = 2
STAT_WEIGHT = 50.0  # hiding a mean or median costs more than hiding a few cells
_TOL = 1e-6
#: Work limits of the integer programs, in branch-and-bound nodes, never in seconds: HiGHS
#: searches the same way for the same model and options, so the hidden cells depend only on
#: the input and two releases of one export are the same release (decision 0026; two
#: patterns together give cells away). The reference survey's programs close at the root.
#: An audit program out of nodes with no witness sends its quantity to the repair; a repair
#: out of nodes uses its incumbent (valid, only less economical), or without one the linear
#: relaxation.
AUDIT_NODES = 1_000
REPAIR_NODES = 200
#: A last-resort wall-clock cap on one program. It does not decide anything: a program that
#: reaches it refuses the export (``tables.audit_too_slow``) rather than publish whatever
#: the solver had at that moment, which on another computer would be another pattern.
SAFETY_SECONDS = 600.0


@dataclass
class Audit:
    """What ``protect`` did and proved (for the report and the tests)."""

    k: int
    primary: int = 0  # quantities of 1..k-1, printed or derivable
    hidden: int = 0  # printed quantities hidden (primary and secondary)
    secondary: int = 0
    solves: int = 0
    unprotected: list[tuple] = field(default_factory=list)  # empty unless a solver failed

    @property
    def complete(self) -> bool:
        return not self.unprotected


def check_k(k: int) -> int:
    if not isinstance(k, int) or k < MIN_K:
        raise UserFacingError("tables.bad_min_cell", k=str(k), least=MIN_K)
    return k


def _is_count(key: tuple) -> bool:
    return key[0] in ("c", "b", "N")


class _Protector:
    def __init__(self, tables: Sequence[Table], k: int, form, contributors=None) -> None:
        self.tables = list(tables)
        self.k = k
        self.model: Model = build_model(self.tables, k, form)
        m = self.model
        self.public = {("N", (None, TOTAL_GROUP))}
        self.ub = float(max(m.total, 1))
        self.primary = {key for key, v in m.true.items() if _is_count(key) and 1 <= v <= k - 1}
        if contributors is not None:
            # A repeat level counts entries, but a cell discloses the respondents its entries
            # come from: six detained family members of one respondent are one respondent
            # (docs/tables.md, "Repeat levels"). Such a cell is primary whatever its count.
            self.primary |= {key for key in m.true if _is_count(key)
                             and 1 <= (contributors.get(key) or 0) <= k - 1}
        self.hidden: set[tuple] = {key for key in self.primary if key in m.printed}
        self.rows_of: dict[tuple, list[int]] = defaultdict(list)
        for i, row in enumerate(m.rows):
            for key in row.coefs:
                self.rows_of[key].append(i)
        self.audit = Audit(k)
        self.by_group: dict[tuple, list[tuple]] = defaultdict(list)
        for key in m.printed:
            if key[0] in ("c", "s") and not (key[0] == "c" and key[3] in (OPTION_MISSING, OPTION_NA)):
                self.by_group[key[1:3]].append(key)
        self._version = 0
        self._comps = None
        self._initial_stats()
        self._close()
        self.first_hidden = set(self.hidden)

    # ------------------------------------------------------------------ rules

    def _initial_stats(self) -> None:
        m = self.model
        for t in self.tables:
            if t.stats is None or t.kind == "paired":
                continue
            by = t.by if t.kind == "crosstab" else None
            for g, srow in t.stats.iterrows():
                n = srow.get("n")
                small = n is None or (isinstance(n, float) and math.isnan(n)) or n < self.k
                for stat in ("mean", "median", "min", "max", "n"):
                    key = stat_key(t.question, by, str(g), stat)
                    if key not in m.printed:
                        continue
                    if stat in ("min", "max") and srow.get(f"{stat}_n", 0) < self.k:
                        self.hidden.add(key)  # an extreme held by fewer than k people
                    elif small and stat != "n":
                        self.hidden.add(key)

    def _close(self) -> None:
        """A hidden base hides its group's summaries (its percentages go in ``_apply``); a
        base of 1..k-1 hides its group whole, zeros included: with so few respondents even
        a zero says what all of them answered."""
        for key in [k for k in self.hidden if k[0] == "b"]:
            for other in self.by_group.get(key[1:3], ()):
                if other[0] == "s" or key in self.primary:
                    self.hidden.add(other)
        if len(self.hidden) != getattr(self, "_seen_hidden", -1):
            self._seen_hidden = len(self.hidden)
            self._version += 1

    def fixed(self, key: tuple) -> float | None:
        if key in self.public:
            return self.model.true[key]
        if key in self.model.printed and key not in self.hidden:
            return self.model.true[key]
        return None

    def target_hi(self, key: tuple) -> float:
        return float(min(self.k - 1, self.model.total))

    # ------------------------------------------------------------------ the audit

    def _active(self, row: Row) -> bool:
        # A summary's bounds hold only while that summary is printed.
        return row.slack is None or (row.slack in self.model.printed and row.slack not in self.hidden)

    def _index(self) -> None:
        """Integer ids of quantities and the (row, quantity) incidence, for the graph search."""
        keys: dict[tuple, int] = {}
        rr, kk = [], []
        for i, row in enumerate(self.model.rows):
            for key in row.coefs:
                rr.append(i)
                kk.append(keys.setdefault(key, len(keys)))
        self.kid = keys
        self.klist = list(keys)
        self.inc_rows = np.array(rr, dtype=np.int64)
        self.inc_keys = np.array(kk, dtype=np.int64)
        self.stat_rows = np.array([r.slack is not None for r in self.model.rows])

    def components(self):
        """(component label of every quantity id, unknown mask, active-row mask), cached until
        the pattern changes: quantities linked by equations with unknowns, the printed and
        derivable ones left out."""
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        if self._comps is not None and self._comps[0] == self._version:
            return self._comps[1]
        if not hasattr(self, "kid"):
            self._index()
        self.derived = self._propagate()
        known, shown, hidden, public = self.derived, self.model.printed, self.hidden, self.public
        unknown = np.array([k not in known and k not in public and (k not in shown or k in hidden)
                            for k in self.klist], dtype=bool)
        active = ~self.stat_rows | np.array([self._active(r) if r.slack is not None else True
                                             for r in self.model.rows])
        sel = unknown[self.inc_keys] & active[self.inc_rows]
        nk, nr = len(self.klist), len(self.model.rows)
        a = self.inc_keys[sel]
        b = self.inc_rows[sel] + nk
        graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(nk + nr, nk + nr))
        _n, labels = connected_components(graph, directed=False)
        in_rows = np.zeros(nk, dtype=bool)
        in_rows[a] = True
        result = (labels, unknown & in_rows, sel)
        self._comps = (self._version, result)
        return result

    def component_of(self, p: tuple) -> tuple[list[tuple], list[int]] | None:
        labels, unknown, sel = self.components()
        j = self.kid.get(p)
        if j is None or not unknown[j]:
            return None
        label = labels[j]
        nk = len(self.klist)
        variables = [self.klist[i] for i in np.flatnonzero(unknown & (labels[:nk] == label))]
        rows = np.unique(self.inc_rows[sel & (labels[self.inc_keys] == label)])
        return variables, rows.tolist()

    def _propagate(self) -> dict[tuple, float]:
        """Unknowns a reader gets by simple substitution (an equation with one unknown left),
        with the value worked out. Taking them out first splits the export into small
        independent problems."""
        rows = self.model.rows
        shown, hidden, public = self.model.printed, self.hidden, self.public
        unknown = {i: {k for k in row.coefs if k not in public and (k not in shown or k in hidden)}
                   for i, row in enumerate(rows) if row.lo == row.hi and row.slack is None}
        derived: dict[tuple, float] = {}
        queue = [i for i, u in unknown.items() if len(u) == 1]
        while queue:
            i = queue.pop()
            u = [k for k in unknown[i] if k not in derived]
            if len(u) != 1:
                continue
            (key,) = u
            row = rows[i]
            rest = sum(c * self.value(k, derived) for k, c in row.coefs.items() if k != key)
            derived[key] = (row.lo - rest) / row.coefs[key]
            for j in self.rows_of.get(key, ()):
                if j in unknown and sum(1 for k in unknown[j] if k not in derived) == 1:
                    queue.append(j)
        return derived

    def value(self, key: tuple, derived: dict | None = None) -> float:
        if key in self.model.true:
            return self.model.true[key]
        return (self.derived if derived is None else derived)[key]

    def _solve(self, variables: list[tuple], row_ids: list[int], bounds: dict[tuple, tuple[float, float]],
               objective: dict[tuple, float]):
        from scipy.optimize import Bounds, LinearConstraint, milp

        index = {v: j for j, v in enumerate(variables)}
        a = _Sparse()
        lo = np.empty(len(row_ids))
        hi = np.empty(len(row_ids))
        for r, i in enumerate(row_ids):
            row = self.model.rows[i]
            const = 0.0
            for key, coef in row.coefs.items():
                if key in index:
                    a[r, index[key]] = coef
                else:
                    const += coef * self.value(key)
            lo[r], hi[r] = row.lo - const, row.hi - const
        lb = np.array([bounds.get(v, (0.0, self.ub))[0] for v in variables])
        ub = np.array([bounds.get(v, (0.0, self.ub))[1] for v in variables])
        c = np.array([objective.get(v, 0.0) for v in variables])
        self.audit.solves += 1
        matrix = a.csr(len(row_ids), len(variables))
        integrality = np.ones(len(variables))
        res = milp(c, constraints=[LinearConstraint(matrix, lo, hi)] if len(row_ids) else [],
                   integrality=integrality, bounds=Bounds(lb, ub),
                   options={"presolve": True, "node_limit": AUDIT_NODES, "time_limit": SAFETY_SECONDS})
        x = _solution(res, matrix, lo, hi, lb, ub, integrality)
        return None if x is None else dict(zip(variables, np.round(x)))

    def presuppress(self) -> None:
        """A quick first pattern (the classic rule, on every sum of the model): wherever a
        sum would give back a hidden cell by subtraction, hide the smallest other cell of it.
        The audit then proves, or extends, this pattern; it only saves integer programs."""
        rows = [r for r in self.model.rows if r.lo == r.hi and r.slack is None
                and all(abs(c) == 1 for c in r.coefs.values())]
        for _ in range(50):
            derived = self._propagate()
            changed = False
            for row in rows:
                unknown = [k for k in row.coefs if self.fixed(k) is None and k not in derived]
                hidden = [k for k in row.coefs if k in self.hidden]
                if len(unknown) != 1 or not hidden:
                    continue
                visible = [k for k in row.coefs if self.fixed(k) is not None and k not in self.public
                           and k[0] in ("c", "b")]
                if not visible:
                    continue
                nonzero = [k for k in visible if self.model.true[k] > 0] or visible
                pick = min(nonzero, key=lambda k: (self.weight(k), repr(k)))
                self.hidden.add(pick)
                changed = True
            self._close()
            if not changed:
                break

    def prove(self) -> None:
        pending = {("lo", p) for p in self.primary}
        pending |= {("hi", p) for p in self.primary if self.model.true[p] < self.target_hi(p)}
        self.audit.primary = len(self.primary)
        tries: dict[tuple, int] = {}
        order = sorted(pending, key=lambda d: (repr(d[1]), d[0]))
        while pending:
            while order[0] not in pending:
                order.pop(0)
            direction, p = order[0]
            comp = self.component_of(p)
            if p in self.derived:
                sol = None  # worked out by substitution: needs more cells hidden
            elif comp is None:
                # In no equation with another unknown: nothing bounds it but 0..N.
                pending.discard((direction, p))
                continue
            else:
                variables, row_ids = comp
                sol = self._solve(variables, row_ids, self._bounds(p, direction),
                                  self._push(pending, variables))
            if sol is None:
                # The integer model first, its solution being itself the proof; if it finds
                # none within its nodes, the linear relaxation (its support is hidden and the
                # next audit of this quantity tells whether that was enough).
                tries[(direction, p)] = tries.get((direction, p), 0) + 1
                if tries[(direction, p)] > 20:
                    self.audit.unprotected.append(p)
                    pending.discard((direction, p))
                    continue
                sol = self.repair(p, direction, integer=True)
                if sol is None:
                    self.repair(p, direction, integer=False)
                    continue
            self._witness(sol, pending)
            pending.discard((direction, p))

    def _bounds(self, p: tuple, direction: str) -> dict[tuple, tuple[float, float]]:
        return {p: (0.0, 0.0) if direction == "lo" else (self.target_hi(p), self.ub)}

    def _push(self, pending, variables) -> dict[tuple, float]:
        """Objective: move the other pending quantities towards their targets (one solve, many proofs)."""
        vs = set(variables)
        obj: dict[tuple, float] = {}
        for d, q in pending:
            if q in vs:
                obj[q] = obj.get(q, 0.0) + (1.0 if d == "lo" else -1.0)
        return obj

    def _witness(self, sol: dict[tuple, float], pending: set) -> None:
        for d, q in list(pending):
            if q in sol and ((d == "lo" and sol[q] <= 0.5) or (d == "hi" and sol[q] >= self.target_hi(q) - 0.5)):
                pending.discard((d, q))

    # ------------------------------------------------------------------ secondary suppression

    def weight(self, key: tuple) -> float:
        v = float(self.model.true.get(key, 0))
        w = 1.0 + v
        if key[0] == "b":
            w *= 3
        elif key[0] == "c" and key[2] == (None, TOTAL_GROUP):
            w *= 2
        return w

    def _neighbourhood(self, p: tuple, depth: int, narrow: bool) -> set[tuple]:
        """Quantities within ``depth`` equations of ``p``. ``narrow`` does not pass through a
        group's size or a relevance link (each reaches every table), so the first attempts
        stay within the question's own table."""
        seen = {p}
        frontier = {p}
        for _ in range(depth):
            nxt = set()
            for key in frontier:
                if narrow and key[0] in ("N", "j") and key != p:
                    continue
                for i in self.rows_of.get(key, ()):
                    for other in self.model.rows[i].coefs:
                        if other not in seen and other not in self.public:
                            nxt.add(other)
            seen |= nxt
            frontier = nxt
            if not frontier:
                break
        # Quantities with no true value of their own (a relevance link's joint cells) can only
        # be unknowns: take in every one that a row of the area reaches, until none is left.
        todo = list(seen)
        while todo:
            key = todo.pop()
            for i in self.rows_of.get(key, ()):
                for other in self.model.rows[i].coefs:
                    if other not in seen and other not in self.model.true:
                        seen.add(other)
                        todo.append(other)
        return seen

    def repair(self, p: tuple, direction: str, integer: bool) -> dict[tuple, float] | None:
        for depth, narrow in ((3, True), (5, True), (3, False), (10_000, False)):
            sol = self._repair_at(p, direction, self._neighbourhood(p, depth, narrow), integer)
            if sol is not None:
                return sol
        return None

    def _repair_at(self, p: tuple, direction: str, area: set[tuple], integer: bool) -> dict[tuple, float] | None:
        from scipy.optimize import Bounds, LinearConstraint, milp

        m = self.model
        row_ids = sorted({i for key in area for i in self.rows_of.get(key, ())})
        keys = sorted(area, key=repr)
        shown = [k for k in keys if self.fixed(k) is not None]
        stats_rows = [i for i in row_ids if m.rows[i].slack is not None and self._active(m.rows[i])]
        # columns: quantities, then + and - deviations of the shown ones, then stat slacks
        ncol = len(keys) + 2 * len(shown) + len(stats_rows)
        col = {k: j for j, k in enumerate(keys)}
        dev = {k: len(keys) + 2 * j for j, k in enumerate(shown)}
        slack = {i: len(keys) + 2 * len(shown) + j for j, i in enumerate(stats_rows)}
        constraint_rows = [i for i in row_ids if self._active(m.rows[i])]
        nrow = len(constraint_rows) + len(shown)
        a = _Sparse()
        lo = np.empty(nrow)
        hi = np.empty(nrow)
        for r, i in enumerate(constraint_rows):
            row = m.rows[i]
            const = 0.0
            for key, coef in row.coefs.items():
                if key in col:
                    a[r, col[key]] = coef
                else:
                    const += coef * m.true[key]
            lo[r], hi[r] = row.lo - const, row.hi - const
            if i in slack:  # a summary may be hidden instead of holding
                a[r, slack[i]] = (1.0 if math.isfinite(lo[r]) else -1.0)
        for r, key in enumerate(shown, start=len(constraint_rows)):
            # value - d+ + d- = printed value
            a[r, col[key]] = 1.0
            a[r, dev[key]] = -1.0
            a[r, dev[key] + 1] = 1.0
            lo[r] = hi[r] = m.true[key]
        lb = np.zeros(ncol)
        ub = np.full(ncol, np.inf)
        ub[: len(keys)] = self.ub
        for k in keys:
            if k in self.public:
                lb[col[k]] = ub[col[k]] = m.true[k]
        lb[col[p]], ub[col[p]] = self._bounds(p, direction)[p]
        c = np.zeros(ncol)
        for k in shown:
            c[dev[k]] = c[dev[k] + 1] = self.weight(k)
        for i in stats_rows:
            c[slack[i]] = STAT_WEIGHT
        integrality = np.ones(ncol) if integer else np.zeros(ncol)
        for i in stats_rows:
            integrality[slack[i]] = 0
        self.audit.solves += 1
        matrix = a.csr(nrow, ncol)
        res = milp(c, constraints=[LinearConstraint(matrix, lo, hi)], integrality=integrality,
                   bounds=Bounds(lb, ub),
                   options={"presolve": True, "node_limit": REPAIR_NODES, "time_limit": SAFETY_SECONDS,
                            "mip_rel_gap": 0.05})
        x = _solution(res, matrix, lo, hi, lb, ub, integrality)
        if x is None:
            return None
        for k in shown:
            if x[dev[k]] + x[dev[k] + 1] > _TOL:
                self.hidden.add(k)
        for i in stats_rows:
            if x[slack[i]] > _TOL:
                self.hidden.add(m.rows[i].slack)
        self._close()
        return {k: round(x[col[k]]) for k in keys}

    # ------------------------------------------------------------------ applying the pattern

    def tables_out(self) -> list[Table]:
        self.audit.hidden = len(self.hidden)
        self.audit.secondary = len(self.hidden - self.first_hidden)
        return [self._apply(t) for t in self.tables]

    def _apply(self, t: Table) -> Table:
        r = t.rows.reset_index(drop=True).copy()
        r["count"] = r["count"].astype("Int64")
        r["base"] = r["base"].astype("Int64")
        flags = list(r["flags"])
        any_hidden = False
        for i, row in enumerate(r.itertuples(index=False)):
            q, by, g = _locate(t, row.group)
            key = count_key(q, by, g, row.option)
            bkey = ("b", q, key[2])
            if key in self.hidden:
                r.at[i, "count"] = pd.NA
                r.at[i, "percent"] = np.nan
                r.at[i, "weighted_percent"] = np.nan
                flags[i] = _hidden_flags(flags[i], count=True)
                any_hidden = True
            if row.role in IN_BASE_ROLES and bkey in self.hidden:
                # count / percent would give the base back
                r.at[i, "base"] = pd.NA
                r.at[i, "percent"] = np.nan
                r.at[i, "weighted_percent"] = np.nan
                r.at[i, "effective_base"] = np.nan
                flags[i] = _hidden_flags(flags[i], count=False)
                any_hidden = True
        r["flags"] = pd.Series(flags, index=r.index, dtype=object)
        stats = t.stats
        if stats is not None:
            stats = stats.copy()
            by = t.by if t.kind == "crosstab" else None
            for g in stats.index:
                for stat in ("n", "mean", "median", "min", "max"):
                    if stat_key(t.question, by, str(g), stat) in self.hidden and not pd.isna(stats.at[g, stat]):
                        stats.at[g, stat] = np.nan
                        any_hidden = True
        # A test statistic is a function of every cell: none for a table that hides some.
        # McNemar's discordant counts are counts too: none of 1..k-1 is printed.
        tests = () if any_hidden else tuple(
            x for x in t.tests if x.test != "mcnemar_exact"
            or all(v == 0 or v >= self.k for v in (x.changed_to, x.changed_from)))
        return with_rows(t, r, stats=stats, suppressed=any_hidden, min_cell=self.k, tests=tests)


def _hidden_flags(flags: str, count: bool) -> str:
    """A row's flags once its count (``count``) or its base is hidden.

    Every hidden number carries the same single flag, whatever hid it: a ``small_count``
    or ``small_base`` left on it would tell a hidden 1..k-1 from a hidden 0 (or a hidden
    large number), and "primary" against "secondary" would say the same thing in other
    words, undoing what the audit proved (docs/tables.md, "Small cells and disclosure control").
    """
    drop = {FLAG_SMALL_COUNT, FLAG_SMALL_BASE} if count else {FLAG_SMALL_BASE}
    tokens = [x for x in flags.split() if x not in drop]
    if count and FLAG_SUPPRESSED not in tokens:
        tokens.append(FLAG_SUPPRESSED)
    return " ".join(tokens)


def _solution(res, matrix, lo, hi, lb, ub, integrality) -> np.ndarray | None:
    """The solution of one program if it is the same on every machine, else None.

    Optimal (status 0) is; so is the incumbent HiGHS holds when the node limit ends the
    search (scipy's status 4, HiGHS's "solution limit"), checked here to satisfy the model
    since status 4 covers other endings too. Infeasible, or out of nodes with nothing: None.
    Status 1 is the wall-clock cap (no iteration limit is set): the export is refused, since
    what the solver had at that moment depends on the machine (decision 0026).
    """
    if res.status == 1:
        raise UserFacingError("tables.audit_too_slow", seconds=int(SAFETY_SECONDS))
    x = res.x
    if x is None or res.status not in (0, 4):
        return None
    if res.status == 4:
        tol = 1e-6 * (1.0 + np.abs(x).max(initial=0.0))
        whole = integrality > 0
        ax = matrix @ x
        if (np.any(np.abs(x[whole] - np.round(x[whole])) > 1e-6) or np.any(x < lb - tol)
                or np.any(x > ub + tol) or np.any(ax < lo - tol) or np.any(ax > hi + tol)):
            return None
    return x


class _Sparse:
    """Coefficients gathered as (row, column, value) triples, then one CSR matrix."""

    def __init__(self) -> None:
        self.r: list[int] = []
        self.c: list[int] = []
        self.v: list[float] = []

    def __setitem__(self, rc: tuple[int, int], value: float) -> None:
        self.r.append(rc[0])
        self.c.append(rc[1])
        self.v.append(value)

    def csr(self, nrow: int, ncol: int):
        from scipy.sparse import coo_matrix

        return coo_matrix((self.v, (self.r, self.c)), shape=(nrow, ncol)).tocsr()


def _locate(t: Table, group: str) -> tuple[str, str | None, str]:
    if t.kind == "paired":
        return group, None, TOTAL_GROUP
    return t.question, (t.by if t.kind == "crosstab" else None), group


def protect(tables: Sequence[Table], k: int, form=None,
            contributors: Mapping[tuple, int] | None = None) -> tuple[list[Table], Audit]:
    """All ``tables`` of one export with small cells hidden, audited together; and the audit.

    ``form`` (the tables' form) adds the relevance links to what a reader is assumed to know.
    ``contributors`` (a repeat level's tables; by default those the tables carry) gives, for
    a count quantity's key, how many respondents it counts: a quantity of 1..k-1 respondents
    is primary even when it counts k entries or more.
    """
    check_k(k)
    if not tables:
        return [], Audit(k)
    if contributors is None and any(t.contributors for t in tables):
        contributors = {}
        for t in tables:
            contributors.update(t.contributors or {})
    p = _Protector(tables, k, form, contributors)
    p.presuppress()
    p.prove()
    if not p.audit.complete:
        # A quantity the audit gave up on may be worked out from what is shown: no table
        # of this export leaves (the same refusal on every machine: decision 0026)
        raise UserFacingError("tables.audit_incomplete", count=len(p.audit.unprotected))
    return p.tables_out(), p.audit


def suppress(table: Table, k: int | None = None, form=None) -> Table:
    """One table protected on its own (``protect`` does a whole export together)."""
    k = table.min_cell if k is None else k
    return protect([table], k, form)[0][0]
