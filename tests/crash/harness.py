"""Kill -9 a worker at a random moment of an operation, then check the store (tests + bench)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def slow_step(conn) -> None:
    """A long migration step used by the migrate scenario."""
    conn.execute("CREATE TABLE crash_probe (i INTEGER, pad TEXT)")
    for i in range(20_000):
        conn.execute("INSERT INTO crash_probe VALUES (?, ?)", (i, "x" * 200))


def install_slow_migration() -> None:
    """Append ``slow_step`` to the migration ladder of this process (once)."""
    from fieldapp.store import schema

    if slow_step not in schema.MIGRATIONS:
        schema.MIGRATIONS.append(slow_step)


@dataclass
class KillResult:
    op: str
    delay: float
    killed: bool
    committed: list[str] = field(default_factory=list)


def run_and_kill(op: str, store: Path, args: list[str], max_delay: float, rng: random.Random) -> KillResult:
    env = dict(os.environ, FIELDAPP_INSECURE_FAST_KDF="1", PYTHONPATH=f"{REPO / 'src'}{os.pathsep}{REPO}")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.worker", op, str(store), *args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO, env=env,
    )
    first = proc.stdout.readline().strip()
    if first != "ready":
        proc.kill()
        proc.wait()
        raise RuntimeError(f"worker for {op} did not get ready (said {first!r}, rc {proc.returncode})")
    delay = rng.uniform(0, max_delay)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    committed = [line.split(" ", 1)[1] for line in out.splitlines() if line.startswith("committed ")]
    return KillResult(op, delay, killed, committed)


def run_to_end(op: str, store: Path, args: list[str], timeout: float = 120) -> KillResult:
    """Run a worker that ends by itself (e.g. simulating a power cut with ``os._exit``)."""
    env = dict(os.environ, FIELDAPP_INSECURE_FAST_KDF="1", PYTHONPATH=f"{REPO / 'src'}{os.pathsep}{REPO}")
    done = subprocess.run([sys.executable, "-m", "tests.crash.worker", op, str(store), *args],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=timeout)
    committed = [line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("committed ")]
    return KillResult(op, 0.0, False, committed)
