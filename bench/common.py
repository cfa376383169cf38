"""Shared helpers for benchmarks: percentiles and budget checks."""

from __future__ import annotations

import statistics


def pct(samples: list[float], q: float) -> float:
    data = sorted(samples)
    if not data:
        return float("nan")
    k = (len(data) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary_ms(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(pct(samples, 0.5) * 1000, 3),
        "p95_ms": round(pct(samples, 0.95) * 1000, 3),
        "mean_ms": round(statistics.fmean(samples) * 1000, 3),
        "n": len(samples),
    }


def budget(name: str, value: float, limit: float) -> dict:
    return {"name": name, "value": round(value, 3), "limit": limit, "ok": bool(value <= limit)}
