"""Make the frozen store for the CURRENT schema version (run once per new version, never again).

    PYTHONPATH=src python tests/vectors/stores/make_store.py

Writes tests/vectors/stores/v<N>/ with the reference questionnaire, one finalized interview
and one draft, made with cheap test KDF parameters and the passphrase in README.md.
tests/core/test_migrations.py opens every frozen store with today's code.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"

from fieldapp.engine.simulate import simulate  # noqa: E402
from fieldapp.forms.xlsform import read_xlsform  # noqa: E402
from fieldapp.resources import reference_questionnaire  # noqa: E402
from fieldapp.store import Store, schema  # noqa: E402
from fieldapp.store.forms import add_form  # noqa: E402
from fieldapp.store.interviews import InterviewRepo  # noqa: E402

PASSPHRASE = "frozen-vector-store-passphrase-not-secret"


def main() -> int:
    version = schema.latest_version()
    target = Path(__file__).resolve().parent / f"v{version}"
    if target.exists():
        print(f"{target} exists: frozen stores are never regenerated", file=sys.stderr)
        return 1
    form = read_xlsform(reference_questionnaire())
    with Store.create(target, PASSPHRASE, "coordinator") as store:
        add_form(store, form)
        repo = InterviewRepo(store)
        done = repo.start(form.form_id, language="ko")
        simulate(form, random.Random(2017), fixed={"consent": "yes", "age": 44, "anything_else": "frozen"},
                 skip_rate=0.0, interview=done)
        repo.finalize(done)
        draft = repo.start(form.form_id, language="en")
        draft.set_answer("consent", "yes")
    (target / "store.lock").unlink()
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
