"""Run every benchmark in bench/ and write one JSON file per benchmark (``make bench``).

Each benchmark is a module with ``main() -> dict`` that measures fieldapp and a baseline in
the same run and reports the ratio. Each runs in its own process: SQLCipher's memory security,
once an interviewer store switches it on, stays on for the process and would slow every
benchmark after it. Results go to --out (default bench/results) and stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def discover() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.py") if p.stem not in {"run_all", "common", "__init__"})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE / "results")
    ap.add_argument("--child", metavar="NAME", help=argparse.SUPPRESS)
    ap.add_argument("only", nargs="*", help="benchmark names (default: all)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.child:
        return run_one(args.child, args.out)
    failures = 0
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE.parent)]))
    for name in args.only or discover():
        rc = subprocess.run([sys.executable, str(HERE / "run_all.py"), "--out", str(args.out), "--child", name],
                            env=env, cwd=HERE.parent).returncode
        failures += rc != 0
    return 1 if failures else 0


def run_one(name: str, out: Path) -> int:
    start = time.perf_counter()
    failed = 0
    try:
        result = importlib.import_module(f"bench.{name}").main()
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        result = {"benchmark": name, "error": f"{type(exc).__name__}: {exc}"}
        failed = 1
    result.setdefault("benchmark", name)
    result["wall_seconds"] = round(time.perf_counter() - start, 2)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    print(text, flush=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
