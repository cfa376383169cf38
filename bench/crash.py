"""The long crash run: 200 kill -9 at random moments of store operations (issue 7).

Reuses the scenarios of tests/crash; reports how many kills landed mid-operation, how many
operations finished first, and failures (must be 0). Baseline: the same operations run to
completion without a kill, timed in the same run, so the delays cover each operation.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import traceback
from pathlib import Path

import pytest

TOTAL = int(os.environ.get("FIELDAPP_CRASH_TOTAL", "200"))


def main() -> dict:
    from tests.crash import test_crash as scenarios

    names = ("autosave", "finalize", "paper", "passphrase_change", "repeated_passphrase", "export",
             "migration")
    per = max(1, TOTAL // len(names))
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
    results = {}
    failures = 0
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    kills_mid_op = 0
    original = scenarios.run_and_kill

    def counting(*a, **kw):
        nonlocal kills_mid_op
        r = original(*a, **kw)
        kills_mid_op += int(r.killed)
        return r

    scenarios.run_and_kill = counting
    try:
        for name in names:
            fn = next(getattr(scenarios, n) for n in dir(scenarios) if n.startswith("test_kill_during_") and name in n)
            scenarios.KILLS = per
            start = time.perf_counter()
            with tempfile.TemporaryDirectory() as tmp:
                mp = pytest.MonkeyPatch()
                try:
                    args = {"tmp_path": Path(tmp), "rng": rng}
                    if "monkeypatch" in fn.__code__.co_varnames:
                        args["monkeypatch"] = mp
                    fn(**args)
                    ok = True
                except Exception:  # noqa: BLE001
                    ok = False
                    failures += 1
                    traceback.print_exc()
                finally:
                    mp.undo()
            results[name] = {"kills": per, "ok": ok, "seconds": round(time.perf_counter() - start, 1)}
    finally:
        scenarios.run_and_kill = original
    return {
        "benchmark": "crash",
        "seed": seed,
        "kills_total": per * len(names),
        "kills_mid_operation": kills_mid_op,
        "finished_before_kill": per * len(names) - kills_mid_op,
        "failures": failures,
        "scenarios": results,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
