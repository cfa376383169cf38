"""Start-up time of the frozen app: ``fieldapp --version`` and the first window of ``fieldapp gui``.

Budgets (ARCHITECTURE s.9): ``--version`` under 0.3 s, first window under 2 s. Baselines from
the same run: a bare ``python -c pass`` for --version, and a one-widget PySide6 script for the
first window. The window is timed from process start until the X server maps a visible
window with the app's title (under Xvfb, found with xdotool), so it includes everything a
person waits for: unpacking nothing (one-folder), loading Qt, translations and fonts, and
building the main window. Needs dist/fieldapp (``make dist``); the window part needs Xvfb and
xdotool. Parts that cannot run are reported as skipped, not failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget, summary_ms

ROOT = Path(__file__).resolve().parents[1]
RUNS_VERSION = 15
RUNS_WINDOW = 4
WINDOW_TIMEOUT = 30.0

BASELINE_WINDOW = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QLabel\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QLabel('baseline'); w.setWindowTitle('qt-baseline-window'); w.resize(400, 300); w.show()\n"
    "app.exec()\n"
)


def frozen_executable() -> Path | None:
    for candidate in (
        ROOT / "dist" / "fieldapp" / "fieldapp",
        ROOT / "dist" / "fieldapp" / "fieldapp.exe",
        ROOT / "dist" / "fieldapp.app" / "Contents" / "MacOS" / "fieldapp",
    ):
        if candidate.is_file():
            return candidate
    return None


def _time_command(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - start)
    return samples


class Xvfb:
    """A private X server, stopped on exit.

    ``-displayfd``: Xvfb picks a free display number itself and writes it once it accepts
    connections, so there is neither a race on the number nor on readiness.
    """

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.display = ""

    def __enter__(self) -> Xvfb:
        read_end, write_end = os.pipe()
        self.proc = subprocess.Popen(
            # -noreset: by default the server resets when its last client leaves, and an app
            # started during that reset cannot connect.
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp",
             "-noreset"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write_end,),
        )
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        if not number.isdigit():
            self.__exit__()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def _time_to_window(cmd: list[str], title_regex: str, env: dict[str, str]) -> float:
    """Seconds from starting cmd until a visible window whose title matches is mapped."""
    start = time.perf_counter()
    app = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", title_regex],
                env=env, capture_output=True, text=True,
            )
            if found.returncode == 0 and found.stdout.strip():
                return time.perf_counter() - start
            if app.poll() is not None:
                err = app.stderr.read().decode(errors="replace").strip().splitlines()[-4:] if app.stderr else []
                raise RuntimeError(f"the app exited ({app.returncode}) before showing a window: {err}")
            if time.perf_counter() - start > WINDOW_TIMEOUT:
                raise RuntimeError(f"no window after {WINDOW_TIMEOUT:.0f} s")
            time.sleep(0.01)
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


def main() -> dict:
    exe = frozen_executable()
    if exe is None:
        return {"benchmark": "startup", "skipped": "no dist/fieldapp: run `make dist` first"}
    with tempfile.TemporaryDirectory(prefix="fieldapp-bench-") as tmp:
        # Settings of the benchmark runs stay out of the user's own configuration.
        env = dict(os.environ, FIELDAPP_CONFIG_DIR=str(Path(tmp) / "config"), HOME=tmp)
        env.pop("FIELDAPP_PORTABLE", None)
        ours = _time_command([str(exe), "--version"], RUNS_VERSION, env)
        base = _time_command([sys.executable, "-c", "pass"], RUNS_VERSION, env)
        version = summary_ms(ours)
        ratio = version["p50_ms"] / max(summary_ms(base)["p50_ms"], 1e-6)
        result: dict = {
            "benchmark": "startup",
            "executable": str(exe.relative_to(ROOT)),
            "version_frozen": version,
            "version_baseline_python": summary_ms(base),
            "version_p50_ratio_vs_python": round(ratio, 2),
            "budgets": [budget("--version p50 s", version["p50_ms"] / 1000, 0.3)],
        }
        if not (shutil.which("Xvfb") and shutil.which("xdotool")):
            result["window_skipped"] = "Xvfb and xdotool are needed to time the first window"
            return result
        with Xvfb() as x:
            wenv = dict(env, DISPLAY=x.display, QT_QPA_PLATFORM="xcb")
            wenv.pop("WAYLAND_DISPLAY", None)
            runs = [_time_to_window([str(exe), "gui"], "fieldapp", wenv) for _ in range(RUNS_WINDOW)]
            baseline = [
                _time_to_window([sys.executable, "-c", BASELINE_WINDOW], "^qt-baseline-window$", wenv)
                for _ in range(RUNS_WINDOW)
            ]
        window = summary_ms(runs)
        result.update({
            "window_first_run_s": round(runs[0], 3),  # cold-ish: the first start after the build
            "window_frozen": window,
            "window_baseline_qt": summary_ms(baseline),
            "window_p50_ratio_vs_bare_qt": round(window["p50_ms"] / max(summary_ms(baseline)["p50_ms"], 1e-6), 2),
        })
        result["budgets"].append(budget("first window p50 s", window["p50_ms"] / 1000, 2.0))
        return result


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))  # run as: python -m bench.startup
