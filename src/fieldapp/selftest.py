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
    from fieldapp.analysis.tables import all_tables, long_format
    from fieldapp.engine.simulate import simulate
    from fieldapp.exchange.export import export_bundle
    from fieldapp.exchange.importer import import_bundles, raise_if_refused
    from fieldapp.exchange.keys import project_key_file
    from fieldapp.forms.xlsform import read_xlsform
    from fieldapp.resources import reference_questionnaire
    from fieldapp.store import Store
    from fieldapp.store.dataset import load_dataset
    from fieldapp.store.forms import add_form
    from fieldapp.store.interviews import InterviewRepo

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
        form = read_xlsform(reference_questionnaire())
        step(f"read the bundled questionnaire {form.form_id} ({len(form.questions())} fields)")
        coordinator = Store.create(root / "coordinator", passphrase, "coordinator")
        interviewer = Store.create(root / "interviewer", passphrase, "interviewer")
        step("created a coordinator and an interviewer store (Argon2id, SQLCipher)")
        try:
            for store in (coordinator, interviewer):
                add_form(store, form)
            with coordinator.reading() as conn:
                key_file = project_key_file(conn)
            step("installed the questionnaire in both stores and made the project key")
            repo = InterviewRepo(interviewer)
            rng = random.Random(2017)
            for _ in range(3):
                iv = repo.start(form.form_id, language="ko")
                simulate(form, rng, fixed={"consent": "yes"}, interview=iv)
                repo.finalize(iv)
            step("ran 3 interviews through the engine and finalized them")
            bundle = export_bundle(interviewer, root / "usb", project_key=key_file).path
            step(f"exported a sealed, signed bundle ({bundle.stat().st_size} bytes)")
            [report] = import_bundles(coordinator, [bundle], trust_new_devices=True)
            raise_if_refused(report)
            step("imported the bundle into the coordinator store")
            ds = load_dataset(coordinator, form.form_id)
            rows = long_format(all_tables(ds))
            if len(ds) != 3 or rows.empty:
                raise RuntimeError(f"expected 3 interviews in the tables, found {len(ds)}")
            step(f"computed the summary tables ({len(rows)} rows for {len(ds)} interviews)")
            for name, store in (("coordinator", coordinator), ("interviewer", interviewer)):
                problems = store.verify()
                if problems:
                    raise RuntimeError(f"{name} store failed verification: {problems[0]}")
            step("verified both stores (page authentication, integrity, audit chains)")
        finally:
            coordinator.close()
            interviewer.close()
        step("closed both stores; the temporary folder is removed")
    return time.perf_counter() - start
