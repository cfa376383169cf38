"""The exchange benchmarks still run against today's API (a tiny size; no timing is
asserted: speed targets live in bench/ itself). Schema v3 (an instance column) and the
first pin by the key's words (issue #17) broke them without any test noticing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("module", "env", "ratio"), [
    ("bench.exchange", {"FIELDAPP_BENCH_EXCHANGE_N": "30"}, (None, "import_ratio")),
    ("bench.repeats", {"FIELDAPP_BENCH_REPEATS_N": "10"}, ("merge", "ratio_vs_age_plus_plain_sqlite")),
    ("bench.outsider", {"FIELDAPP_BENCH_OUTSIDER_MB": "1"}, (None, "ratio_peak_vs_baseline")),
])
def test_exchange_benchmarks_run(module, env, ratio):
    environ = {k: v for k, v in os.environ.items() if k != "FIELDAPP_BLOCK_QT"}
    environ.update(env, FIELDAPP_INSECURE_FAST_KDF="1",
                   PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    done = subprocess.run([sys.executable, "-m", module], cwd=ROOT, env=environ, capture_output=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    result = json.loads(done.stdout)
    section, key = ratio
    value = (result[section] if section else result)[key]
    assert isinstance(value, float) and value > 0
    assert result["budgets"] and all({"name", "value", "limit", "ok"} <= set(b) for b in result["budgets"])
