"""Page-to-page latency of the interview screen, through the real widgets, against the engine.

A generated 300-question form (select_one, integer and text in turn, every question with a
``relevant`` on the one before, so each step re-checks skip logic) is run through
``InterviewPage`` offscreen: each sample is one Next (the handler Enter and the button
share) plus the event processing that lays out and paints the new page; then the same
for Back. The baseline, in the same run and on the same store, is the bare engine's
``go_next()`` / ``go_back()`` with the same persistence sink, so the ratio is what the
widgets add. Budget (issue 4): p95 under 16 ms, one frame at 60 Hz.

The measurement runs in a child process: it needs its own offscreen QApplication, and
the other benchmarks (start-up under Xvfb) must not inherit QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import budget, summary_ms

ROOT = Path(__file__).resolve().parents[1]
N_QUESTIONS = 300
BUDGET_MS = 16.0
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"


def write_form(path: Path) -> Path:
    """The generated XLSForm: English and Korean labels, skip logic on every question."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label::English (en)", "label::Korean (ko)",
               "hint::English (en)", "relevant", "constraint", "appearance"])
    prev = None
    for i in range(N_QUESTIONS):
        kind = ("select_one scale", "integer", "text")[i % 3]
        name = f"q{i:03d}"
        # Never true with the answers given here, so every page stays relevant, but the
        # engine evaluates it on every step as it would a real skip.
        relevant = {"select_one scale": f"${{{prev}}} != 'skip'", "integer": f"${{{prev}}} != 'c5'",
                    "text": f"${{{prev}}} != 999"}
        ws.append([kind, name, f"Question {i}: how has this changed since 2007?",
                   f"질문 {i}: 2007년 이후 어떻게 변했습니까?", "Read the question slowly.",
                   relevant[kind] if prev else None,
                   ". >= 0 and . <= 120" if kind == "integer" else None, None])
        prev = name
    wc = wb.create_sheet("choices")
    wc.append(["list_name", "name", "label::English (en)", "label::Korean (ko)"])
    for j, (en, ko) in enumerate([("Much more", "훨씬 많아짐"), ("A little more", "조금 많아짐"),
                                  ("About the same", "비슷함"), ("A little less", "조금 줄어듦"),
                                  ("Much less", "훨씬 줄어듦"), ("I don't know", "모름")], 1):
        wc.append(["scale", f"c{j}", en, ko])
    st = wb.create_sheet("settings")
    st.append(["form_id", "version", "default_language"])
    st.append(["bench_300", "1", "English (en)"])
    wb.save(path)
    return path


def child() -> dict:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The KDF cost is not what this measures (store_upsert does), and 3 unlocks would
    # dominate the run time.
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"
    from PySide6.QtWidgets import QApplication, QPushButton

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.gui.pages.interview import InterviewPage
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        form = read_xlsform(write_form(folder / "bench_300.xlsx"))
        read_s = time.perf_counter() - t
        with Store.create(folder / "store", PASSPHRASE, "interviewer") as store:
            add_form(store, form)
            repo = InterviewRepo(store)

            engine = repo.start(form.form_id)
            eng_next, eng_back = [], []
            for _ in range(N_QUESTIONS - 1):
                t = time.perf_counter()
                engine.go_next()
                eng_next.append(time.perf_counter() - t)
            for _ in range(N_QUESTIONS - 1):
                t = time.perf_counter()
                engine.go_back()
                eng_back.append(time.perf_counter() - t)

            interview = repo.start(form.form_id)
            page = InterviewPage(repo, interview)
            page.resize(1366, 768)
            page.show()
            app.processEvents()
            next_button = page.findChild(QPushButton, "interview_next")
            back_button = page.findChild(QPushButton, "interview_back")
            gui_next, gui_back = [], []
            for _ in range(N_QUESTIONS - 1):
                t = time.perf_counter()
                next_button.click()
                app.processEvents()
                gui_next.append(time.perf_counter() - t)
            assert interview.position == f"q:q{N_QUESTIONS - 1:03d}", interview.position
            for _ in range(N_QUESTIONS - 1):
                t = time.perf_counter()
                back_button.click()
                app.processEvents()
                gui_back.append(time.perf_counter() - t)
            assert interview.position == "q:q000", interview.position
            page.close()
            page.deleteLater()
            app.processEvents()

    gui = summary_ms(gui_next + gui_back)
    eng = summary_ms(eng_next + eng_back)
    ratio = gui["p95_ms"] / eng["p95_ms"] if eng["p95_ms"] else float("nan")
    return {
        "benchmark": "gui_pages",
        "questions": N_QUESTIONS,
        "form_read_seconds": round(read_s, 3),
        "page_to_page_gui": gui,
        "page_to_page_gui_next": summary_ms(gui_next),
        "page_to_page_gui_back": summary_ms(gui_back),
        "engine_go_next_back": eng,
        "p95_ratio_vs_engine": round(ratio, 2),
        "budgets": [budget("page-to-page p95 ms", gui["p95_ms"], BUDGET_MS)],
    }


def main() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.run(
        [sys.executable, "-m", "bench.gui_pages", "--child"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=600, check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        return {"benchmark": "gui_pages", "error": f"child exited {proc.returncode}: {tail}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        print(json.dumps(main(), indent=2))
