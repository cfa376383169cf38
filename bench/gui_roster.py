"""A 50-entry roster on screen: page turns, the roster page, the hierarchy view and autosave
through the real widgets, each against the bare engine in the same run (issue #13).

A family roster of 50 entries (relation, age group, detained: select_one each) is opened in
``InterviewPage`` offscreen. Samples:

- **page turn**: one Next through every page of every entry (150), plus the event processing
  that lays out and paints the new page; baseline: the engine's ``go_next()`` over the same
  pages with the same store sink;
- **roster page**: Escape from an entry's page up to the 50-row roster (drawn from
  ``ops.interviews.roster``); baseline: ``iv.roster()`` alone;
- **hierarchy view**: Go to… (Ctrl+G) drawing the tree of 50 entries; baseline:
  ``iv.hierarchy()`` alone;
- **autosave**: an answer chosen by its number key inside an entry, saved in the store;
  baseline: ``iv.set_answer`` of the same answer.

Budgets: page turn p95 under 16 ms (one frame at 60 Hz), autosave p95 under 10 ms. The roster
page and hierarchy view are reported, without a budget of a frame: they are not page turns.
Runs in a child process (its own offscreen QApplication), prints JSON.
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
ENTRIES = 50
PAGE_BUDGET_MS = 16.0
AUTOSAVE_BUDGET_MS = 10.0
PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"


def write_form(path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label::English (en)", "label::Korean (ko)", "calculation"])
    for row in (["begin repeat", "family", "Family member still inside", "북한에 남은 가족", ""],
                ["select_one rel", "relation", "Relation", "관계", ""],
                ["select_one age", "age_group", "Age group", "연령대", ""],
                ["select_one yn", "detained", "Ever detained?", "구금된 적이 있습니까?", ""],
                ["end repeat", "", "", "", ""],
                ["calculate", "n_detained", "", "", "count(/data/family[detained = 'yes'])"]):
        ws.append(row)
    wc = wb.create_sheet("choices")
    wc.append(["list_name", "name", "label::English (en)", "label::Korean (ko)"])
    for row in (("rel", "mother", "Mother", "어머니"), ("rel", "father", "Father", "아버지"),
                ("rel", "sibling", "Brother or sister", "형제자매"), ("age", "young", "Under 40", "40세 미만"),
                ("age", "old", "40 or older", "40세 이상"), ("yn", "yes", "Yes", "예"), ("yn", "no", "No", "아니오")):
        wc.append(list(row))
    st = wb.create_sheet("settings")
    st.append(["form_id", "version", "default_language"])
    st.append(["bench_roster", "1", "English (en)"])
    wb.save(path)
    return path


class Samples(list):
    """Wall-clock samples, with the process CPU time of each beside them (``cpu``): on a shared
    machine the wall clock counts the waits for a core too."""

    def __init__(self) -> None:
        super().__init__()
        self.cpu: list[float] = []

    def time(self, fn) -> None:
        w, c = time.perf_counter(), time.process_time()
        fn()
        self.append(time.perf_counter() - w)
        self.cpu.append(time.process_time() - c)


def _fill(iv) -> None:
    for n in range(1, ENTRIES + 1):
        entry = f"family[{n}]" if n == 1 else iv.add_instance("family")
        iv.set_answer(f"{entry}/relation", ("mother", "father", "sibling")[n % 3])
        iv.set_answer(f"{entry}/age_group", ("young", "old")[n % 2])


def child() -> dict:  # noqa: PLR0915 - one measured scenario, step by step
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"  # not what this measures
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.gui.executor import StoreExecutor
    from fieldapp.gui.pages.interview import InterviewPage
    from fieldapp.gui.session import Session
    from fieldapp.store import Store
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        form = read_xlsform(write_form(folder / "roster.xlsx"))
        with Store.create(folder / "store", PASSPHRASE, "interviewer") as store:
            add_form(store, form)
            repo = InterviewRepo(store)

            engine = repo.start(form.form_id)
            _fill(engine)
            engine.go_to("r:family")
            eng_next, eng_roster, eng_tree, eng_save = Samples(), Samples(), Samples(), Samples()
            while engine.position != "review":
                eng_next.time(engine.go_next)
            for n in range(1, ENTRIES + 1):
                eng_roster.time(lambda: engine.roster("family"))
                eng_save.time(lambda n=n: engine.set_answer(f"family[{n}]/detained", "yes"))
            for _ in range(20):
                eng_tree.time(engine.hierarchy)

            session = Session()
            session.attach(store)
            executor = StoreExecutor(session)
            interview = repo.start(form.form_id)
            _fill(interview)
            interview.go_to("r:family")
            page = InterviewPage(executor, interview)
            page.resize(1366, 768)
            page.show()
            app.processEvents()
            next_button = page.findChild(QPushButton, "interview_next")
            gui_next, gui_roster, gui_tree, gui_save = Samples(), Samples(), Samples(), Samples()

            def turn() -> None:
                next_button.click()
                app.processEvents()

            turns = 0
            while not (interview.position == "r:family" and turns):  # ends at the roster asking
                gui_next.time(turn)
                turns += 1
            assert turns == 3 * ENTRIES + 1, turns
            for n in range(1, ENTRIES + 1):
                interview.go_to(f"q:family[{n}]/detained")
                page._render()  # noqa: SLF001 - start each sample on the entry's page
                app.processEvents()
                option = page.question_widget(f"family[{n}]/detained").editors()[0]
                gui_save.time(lambda o=option: QTest.keyClick(o, Qt.Key.Key_1))  # "Yes", saved at once

                def up(o=option) -> None:
                    QTest.keyClick(o, Qt.Key.Key_Escape)  # up to the roster
                    app.processEvents()

                gui_roster.time(up)
            assert repo.answers(interview.id)[f"family[{ENTRIES}]/detained"].value == "yes"
            assert repo.answers(interview.id)["n_detained"].value == ENTRIES
            interview.go_to("q:family[1]/relation")
            page._render()  # noqa: SLF001
            index = page.findChild(QPushButton, "interview_index")
            def open_index() -> None:
                index.click()
                app.processEvents()

            for _ in range(20):
                gui_tree.time(open_index)
                page.review_page().sig_return.emit()
                app.processEvents()
            assert page.review_page().row_count() == 3 * ENTRIES
            page.close()
            page.deleteLater()
            app.processEvents()

    def ratio(gui: list, eng: list) -> float:
        g, e = summary_ms(gui)["p95_ms"], summary_ms(eng)["p95_ms"]
        return round(g / e, 2) if e else float("nan")

    out: dict = {"benchmark": "gui_roster", "entries": ENTRIES}
    for name, gui, eng in (("page_turn", gui_next, eng_next), ("roster_page", gui_roster, eng_roster),
                           ("hierarchy_view", gui_tree, eng_tree), ("autosave", gui_save, eng_save)):
        out[f"{name}_gui"] = summary_ms(gui)
        out[f"{name}_gui_cpu"] = summary_ms(gui.cpu)
        out[f"{name}_engine"] = summary_ms(eng)
        out[f"{name}_engine_cpu"] = summary_ms(eng.cpu)
        out[f"{name}_p95_ratio"] = ratio(gui, eng)
    out["budgets"] = [budget("roster page turn p95 ms", out["page_turn_gui"]["p95_ms"], PAGE_BUDGET_MS),
                      budget("roster autosave p95 ms", out["autosave_gui"]["p95_ms"], AUTOSAVE_BUDGET_MS)]
    return out


def main() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.run(
        [sys.executable, "-m", "bench.gui_roster", "--child"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=900, check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        return {"benchmark": "gui_roster", "error": f"child exited {proc.returncode}: {tail}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        print(json.dumps(main(), indent=2))
