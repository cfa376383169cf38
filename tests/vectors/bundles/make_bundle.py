"""Freeze a bundle of the CURRENT bundle format (run once per format version, never again).

    PYTHONPATH=src:. python tests/vectors/bundles/make_bundle.py

Writes tests/vectors/bundles/<format>/: the coordinator's store (it holds the keys the
bundle is sealed to), the field laptop's form workbook, and one bundle of three finalized
interviews exported from a field laptop. tests/core/test_frozen_bundles.py imports every
frozen bundle into a copy of its coordinator store with today's code. Made with cheap test
KDF parameters and the passphrase of tests/vectors/stores/README.md.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ["FIELDAPP_INSECURE_FAST_KDF"] = "1"

from tests.core.test_exchange_support import CHOICES, SURVEY  # noqa: E402
from tests.xlsform_builder import write_xlsform  # noqa: E402

from fieldapp.exchange import bundle  # noqa: E402
from fieldapp.forms.xlsform import read_xlsform  # noqa: E402
from fieldapp.ops import exchange as ops  # noqa: E402
from fieldapp.store import Store  # noqa: E402
from fieldapp.store.forms import add_form  # noqa: E402
from fieldapp.store.interviews import InterviewRepo  # noqa: E402

PASSPHRASE = "frozen-vector-store-passphrase-not-secret"
#: What the three interviews answer (the test checks the coordinator holds exactly this).
INTERVIEWS = [
    {"consent": "yes", "age": 44, "heard": ["radio", "tv"], "score": 7.5, "notes": "frozen 금강산"},
    {"consent": "yes", "age": 19, "heard": [], "score": None, "notes": None},
    {"consent": "no"},
]


def main() -> int:
    target = Path(__file__).resolve().parent / bundle.FORMAT.replace("/", "-")
    if target.exists():
        print(f"{target} exists: frozen bundles are never regenerated", file=sys.stderr)
        return 1
    target.mkdir(parents=True)
    workbook = write_xlsform(target / "form.xlsx", SURVEY, CHOICES,
                             {"form_id": "xch", "version": "1", "default_language": "English (en)"})
    form = read_xlsform(workbook)
    with tempfile.TemporaryDirectory() as tmp:
        with Store.create(target / "coordinator", PASSPHRASE, "coordinator") as coord:
            add_form(coord, form)
            key_file = ops.write_project_key_file(coord, Path(tmp) / "project.fieldapp-key").path
        with Store.create(Path(tmp) / "laptop", PASSPHRASE, "interviewer") as laptop:
            add_form(laptop, form)
            ops.enrol(laptop, key_file)
            repo = InterviewRepo(laptop)
            for answers in INTERVIEWS:
                iv = repo.start("xch", language="en")
                for name, value in answers.items():
                    iv.set_answer(name, value)
                repo.finalize(iv)
            result = ops.export(laptop, Path(tmp) / "out").result
            shutil.copyfile(result.path, target / "bundle.fab")
    (target / "coordinator" / "store.lock").unlink(missing_ok=True)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
