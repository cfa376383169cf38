"""``fieldapp selftest``: the whole path of one answer, end to end, in a throwaway folder.

Also runs inside the frozen desktop package, so it proves that Qt-free core, SQLCipher,
the crypto, the bundled questionnaire and the table writers were all packaged. Prints one
line per step (never an answer) and raises on the first failure.
"""

from __future__ import annotations

import random
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def run(say: Callable[[str], None] = print) -> float:
    from fieldapp.engine.simulate import simulate
    from fieldapp.ops import exchange, forms, interviews, stores, tables

    start = time.perf_counter()
    steps = 9
    n = 0

    def step(text: str) -> None:
        nonlocal n
        n += 1
        say(f"[{n}/{steps}] {text} ({time.perf_counter() - start:.1f} s)")

    passphrase = "-".join(secrets.token_hex(4) for _ in range(6))
    with tempfile.TemporaryDirectory(prefix="fieldapp-selftest-") as tmp:
        root = Path(tmp)
        from fieldapp.resources import reference_questionnaire

        form = forms.read_form(reference_questionnaire())
        step(f"read the bundled questionnaire {form.form_id} ({len(form.questions())} fields)")
        coordinator = stores.create_store(root / "coordinator", passphrase, "coordinator",
                                          check_strength=False).store
        interviewer = stores.create_store(root / "interviewer", passphrase, "interviewer",
                                          check_strength=False).store
        step("created a coordinator and an interviewer store (Argon2id, SQLCipher)")
        try:
            for store in (coordinator, interviewer):
                forms.install_form(store, form)
            key_info = exchange.project_key_info(coordinator)
            key_file = key_info.data
            step("installed the questionnaire in both stores and made the project key")
            rng = random.Random(2017)
            for _ in range(3):
                iv = interviews.start_interview(interviewer, form.form_id, language="ko")
                simulate(form, rng, fixed={"consent": "yes"}, interview=iv)
                interviews.finalize_interview(interviewer, iv)
            step("ran 3 interviews through the engine and finalized them")
            (root / "usb").mkdir()
            # The words the coordinator would read out, as the interviewer confirms them.
            bundle = exchange.export(interviewer, root / "usb", project_key=key_file,
                                     words=key_info.words).result.path
            step(f"exported a sealed, signed bundle ({bundle.stat().st_size} bytes)")
            laptop_words = exchange.exchange_status(interviewer).device_words
            [report] = exchange.merge_bundles(coordinator, [bundle], trust=[laptop_words])
            if not report.ok:
                raise RuntimeError(f"the bundle was refused: {report.reason}")
            step("imported the bundle into the coordinator store")
            # hide_small: the disclosure audit too, which needs scipy's milp (HiGHS) frozen
            rows, ds = tables.tables_for(coordinator, form.form_id, hide_small=True)
            if len(ds) != 3 or not rows:
                raise RuntimeError(f"expected 3 interviews in the tables, found {len(ds)}")
            step(f"computed the summary tables ({len(rows)} tables for {len(ds)} interviews)")
            for name, store in (("coordinator", coordinator), ("interviewer", interviewer)):
                problems = stores.verify_store(store).problems
                if problems:
                    raise RuntimeError(f"{name} store failed verification: {problems[0]}")
            step("verified both stores (page authentication, integrity, audit chains)")
        finally:
            coordinator.close()
            interviewer.close()
        step("closed both stores; the temporary folder is removed")
    return time.perf_counter() - start
