"""Run every benchmark in bench/ and write one JSON file per benchmark (``make bench``).

Each benchmark is a module with ``main() -> dict`` that measures fieldapp and a baseline in
the same run and reports the ratio. Results go to --out (default bench/results) and stdout.
"""

from __future__ import annotations

import argparse
import importlib
import json
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
    ap.add_argument("only", nargs="*", help="benchmark names (default: all)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for name in args.only or discover():
        start = time.perf_counter()
        try:
            result = importlib.import_module(f"bench.{name}").main()
        except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
            result = {"benchmark": name, "error": f"{type(exc).__name__}: {exc}"}
            failures += 1
        result.setdefault("benchmark", name)
        result["wall_seconds"] = round(time.perf_counter() - start, 2)
        text = json.dumps(result, indent=2, ensure_ascii=False)
        (args.out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        print(text, flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
