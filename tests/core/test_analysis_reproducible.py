"""One table, one suppression pattern: on every run, every machine (decision 0026).

The same export published twice (two staff members, two laptops, the same export on two
days) with two different patterns gives a cell away: a secondary cell hidden in one release
is printed in the other, and the attacker of ``test_analysis_attacker`` reading both
releases together pins a small cell that each release alone protects. So the pattern must
depend only on the input: not on how fast the machine is while the integer programs run
(their limits count branch-and-bound nodes, not seconds; a solve that runs out of its
wall-clock safety cap refuses the export), nor on Python's hash seed.

A slow machine is played deterministically: ``scipy.optimize.milp`` is wrapped so that the
repair's integer programs stop as HiGHS stops when a time limit expires before it has an
incumbent (status 1, no solution), which is what a busy laptop does to the repair of the
reference survey (its largest program takes about 1 s of a 2 s budget on a quiet machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import scipy.optimize
from scipy.optimize import OptimizeResult

from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.errors import UserFacingError
from fieldapp.exports.tables import tables_csv, tables_markdown
from tests.core.test_analysis_attacker import K, attack, random_dataset, read_csv, true_counts

REPO = Path(__file__).resolve().parents[2]


def _request() -> TableRequest:
    return TableRequest(by="region", min_cell=K, suppress=True)


def hidden_cells(csv_bytes: bytes) -> set[tuple]:
    cells, bases = read_csv(csv_bytes)
    return ({("c", *k) for k, v in cells.items() if v is None}
            | {("b", *k) for k, v in bases.items() if v is None})


def _stopped(status: int, message: str):
    """A milp that stops every integer repair program as ``status``/``message`` with no
    solution; every other program is solved as usual."""
    real = scipy.optimize.milp

    def milp(c, *args, integrality=None, options=None, **kw):
        if options and "mip_rel_gap" in options and integrality is not None and integrality.any():
            return OptimizeResult(status=status, message=message, success=False, x=None, fun=None)
        return real(c, *args, integrality=integrality, options=options, **kw)

    return milp


SLOW_MACHINE = (1, "Time limit reached. (HiGHS Status 13: Time limit reached)")
NO_INCUMBENT_IN_NODES = (4, "The HiGHS status code was not recognized. (HiGHS Status 16: Solution limit reached)")


def _release(ds, monkeypatch=None, stop=None):
    if stop is not None:
        monkeypatch.setattr(scipy.optimize, "milp", _stopped(*stop))
    try:
        tables, audit = make_tables(ds, _request())
    finally:
        if monkeypatch is not None:
            monkeypatch.undo()
    assert audit.complete
    return tables_csv(tables), tables_markdown(tables)


def two_release_attack(a: tuple[bytes, str], b: tuple[bytes, str], ds):
    """The attacker of one release, who also read every number the other one printed."""
    atk, hidden = attack(a[0], a[1], len(ds))
    cells, bases = read_csv(b[0])
    for key, v in cells.items():
        atk.know(("c", *key), v)
    for key, v in bases.items():
        atk.know(("b", *key), v)
    truth = true_counts(ds)
    small = [k for k in hidden if k not in atk.known and 1 <= truth[k] <= K - 1]
    return atk, small, truth


TEETH_SEED = 12


def test_two_releases_with_different_patterns_give_a_cell_away(monkeypatch):
    """Why the pattern must not vary: each release alone is safe, the two together are not.

    The second release is what the repair makes when its integer programs end without an
    incumbent (before decision 0026 a slow machine did that: the time limit; since, a node
    limit too small for the program, the same on every machine): the linear relaxation's
    support is hidden instead, a different pattern."""
    ds = random_dataset(TEETH_SEED)
    fast = _release(ds)
    other = _release(ds, monkeypatch, NO_INCUMBENT_IN_NODES)
    assert hidden_cells(fast[0]) != hidden_cells(other[0])
    for one in (fast, other):  # each alone: nothing pinned
        atk, hidden = attack(one[0], one[1], len(ds))
        truth = true_counts(ds)
        assert atk.pinned([k for k in hidden if 1 <= truth[k] <= K - 1], K) == []
    atk, small, truth = two_release_attack(fast, other, ds)
    pinned = {key for _direction, key in atk.pinned(small, K)}
    assert ("c", "view", "_total", "_missing") in pinned  # 0 or k-1: one is ruled out


@pytest.mark.parametrize("seed", [TEETH_SEED, 5])
def test_a_slow_machine_publishes_the_same_pattern_or_nothing(monkeypatch, seed):
    """A machine too slow for a program's time budget: the same cells hidden, or a refusal
    that names the reason; never another pattern (which ``test_two_releases_...`` shows
    gives cells away)."""
    ds = random_dataset(seed)
    fast = _release(ds)
    try:
        slow = _release(ds, monkeypatch, SLOW_MACHINE)
    except UserFacingError as exc:
        assert exc.code == "tables.audit_too_slow"
        return
    assert hidden_cells(slow[0]) == hidden_cells(fast[0])


_PATTERN = r"""
import json, sys
sys.path.insert(0, {repo!r})
from fieldapp.analysis.export import TableRequest, make_tables
from fieldapp.exports.tables import tables_csv
from tests.core.analysis_fixtures import escapee_dataset
from tests.core.test_analysis_attacker import K, random_dataset
from tests.core.test_analysis_reproducible import hidden_cells
out = {{}}
for name, ds, by in [("escapees", escapee_dataset(), "province"),
                     ("random5", random_dataset(5), "region"), ("random11", random_dataset(11), "region")]:
    tables, audit = make_tables(ds, TableRequest(by=by, min_cell=K, suppress=True))
    out[name] = sorted(map(repr, hidden_cells(tables_csv(tables))))
print(json.dumps(out))
"""


def _patterns(hash_seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    res = subprocess.run([sys.executable, "-c", _PATTERN.format(repo=str(REPO))], env=env,
                         capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(res.stdout)


def test_same_pattern_whatever_the_hash_seed():
    runs = [_patterns(seed) for seed in ("0", "1", "4242")]
    assert all(r["escapees"] for r in runs)  # there is something hidden to compare
    assert runs[0] == runs[1] == runs[2]


def test_same_pattern_on_a_busy_machine():
    """Two busy processes take the cores while the same export is protected again."""
    ds = random_dataset(11)
    quiet = hidden_cells(_release(ds)[0])
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        time.sleep(0.2)
        busy = hidden_cells(_release(ds)[0])
    finally:
        for p in burners:
            p.kill()
            p.wait()
    assert busy == quiet


def test_the_wall_clock_cap_refuses_the_export(monkeypatch):
    """HiGHS itself stopped by the clock (a cap no real program reaches, made tiny here):
    the export is refused with a message saying why, nothing half-proven is returned."""
    from fieldapp.analysis import disclosure

    monkeypatch.setattr(disclosure, "SAFETY_SECONDS", 1e-9)
    with pytest.raises(UserFacingError) as exc:
        make_tables(random_dataset(TEETH_SEED), _request())
    assert exc.value.code == "tables.audit_too_slow"
    assert "Nothing was exported" in str(exc.value)
