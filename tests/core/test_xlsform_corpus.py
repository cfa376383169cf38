"""The public XLSForm corpus (tests/vectors/xlsforms/MANIFEST.tsv): ODK's verdict, ours.

The workbooks are committed beside the manifest (tests/vectors/xlsforms/corpus, with their
projects' licences); each is checked against its recorded SHA-256 first, so the test never
runs on a different file. FIELDAPP_XLSFORM_CORPUS may name another copy of the same files.
"""

from __future__ import annotations

import csv
import hashlib
import os
import warnings
from pathlib import Path

import pytest

from fieldapp.cli import main
from fieldapp.engine.simulate import simulate_form
from fieldapp.errors import FormErrors
from fieldapp.forms.xlsform import read_xlsform

MANIFEST = Path(__file__).resolve().parents[1] / "vectors" / "xlsforms" / "MANIFEST.tsv"
ROWS = [r for r in csv.DictReader(MANIFEST.open(encoding="utf-8"), delimiter="\t")]
FORMS = [r for r in ROWS if r["odk_verdict"] != "attachment"]

#: Where fieldapp refuses what pyxform and ODK Validate accept, on purpose (docs/forms.md,
#: "Where fieldapp and pyxform differ in a verdict"): file -> the reader's problem code.
DELIBERATE = {
    "hot/waste_collection.xlsx": "bad-default",  # default 'Fixme: I need this list' on a select_one
    "ona/subdistrict_profiling_tool.xlsx": "bad-value",  # choice_filter on a text question
}


IN_REPO = MANIFEST.parent / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Path:
    env = os.environ.get("FIELDAPP_XLSFORM_CORPUS")
    root = Path(env) if env else IN_REPO
    # Never a skip: a corpus that is not there is a failure (CI must run these forms).
    assert root.is_dir(), f"the XLSForm corpus is missing at {root} (tests/vectors/xlsforms/README.md)"
    for row in ROWS:
        path = root / row["file"]
        assert path.is_file(), f"{row['file']} is missing from the corpus at {root}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], row["file"]
    return root


def test_the_manifest_covers_what_the_issue_asks():
    assert len(FORMS) >= 30
    assert len({r["project"] for r in FORMS}) >= 5
    assert sum(r["file"].endswith(".xls") for r in FORMS) >= 2
    field = [r for r in FORMS if r["kind"] == "field"]
    assert len(field) >= 13 and all(r["licence"] for r in FORMS)
    assert {r["odk_verdict"] for r in FORMS} == {"accepted", "refused"}


@pytest.mark.parametrize("row", FORMS, ids=[r["file"] for r in FORMS])
def test_form_check_agrees_with_odk(corpus, row):
    path = corpus / row["file"]
    try:
        read_xlsform(path)
        ours, codes = "accepted", []
    except FormErrors as exc:
        ours, codes = "refused", [e.code for e in exc.errors]
    if row["file"] in DELIBERATE:
        assert row["odk_verdict"] == "accepted" and ours == "refused"
        assert DELIBERATE[row["file"]] in codes
        return
    assert ours == row["odk_verdict"], (codes, row["odk_reason"])
    if ours == "refused" and row["odk_reason"].startswith("pyxform:"):
        assert set(codes) == {"pyxform"}  # pyxform's own sentences (one per row it names), not ours


@pytest.mark.parametrize("row", FORMS, ids=[r["file"] for r in FORMS])
def test_pyxform_verdict_is_still_the_recorded_one(corpus, row):
    from pyxform.xls2xform import convert

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            convert(str(corpus / row["file"]), validate=False)
            verdict = "accepted"
        except Exception:  # noqa: BLE001 - any refusal of pyxform's
            verdict = "refused"
    recorded = "refused" if row["odk_reason"].startswith("pyxform:") else "accepted"
    assert verdict == recorded


ACCEPTED = [r for r in FORMS if r["odk_verdict"] == "accepted" and r["file"] not in DELIBERATE]


#: The report of each form's 20 simulated interviews (seeded, so the same every time): the one
#: ``form check --simulate 20`` made, kept so the repeats test below does not walk them again
#: (a form with many instances takes a minute for 20).
_SIMULATED: dict[str, object] = {}


def simulated(corpus: Path, file: str):
    if file not in _SIMULATED:
        _SIMULATED[file] = simulate_form(read_xlsform(corpus / file), 20)
    return _SIMULATED[file]


@pytest.mark.parametrize("row", ACCEPTED, ids=[r["file"] for r in ACCEPTED])
def test_every_accepted_form_passes_simulate_20(corpus, row, capsys, monkeypatch):
    import fieldapp.ops.forms as ops_forms

    def keep(form, runs):  # the CLI's own report, not a second walk
        _SIMULATED[row["file"]] = report = simulate_form(form, runs)
        return report

    monkeypatch.setattr(ops_forms, "simulate_form", keep)
    code = main(["form", "check", str(corpus / row["file"]), "--simulate", "20"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert ": OK:" in out.out  # forms with repeats too (issue #13)
    assert "20 of 20 interviews reached the end" in out.out
    report = _SIMULATED[row["file"]]
    assert report.runs == 20 and report.finished == 20 and not report.exceptions and not report.stuck


REPEATS = [r for r in ACCEPTED if r["file"] in {
    "pyxform/tutorial.xls", "pyxform/repeat_date_test.xls", "pyxform/UCL_Biomass_Plot_Form.xlsx",
    "ona/childrens_survey.xlsx", "ona/household.xlsx"}]


@pytest.mark.parametrize("row", REPEATS, ids=[r["file"] for r in REPEATS])
def test_forms_with_repeats_reach_their_instances(corpus, row):
    """The simulated interviews of a form with repeats really enter them: every repeat's
    roster and pages inside its instances are reached."""
    from fieldapp.engine.simulate import _form_pages

    form = read_xlsform(corpus / row["file"])
    assert form.has_repeats
    report = simulated(corpus, row["file"])
    assert report.finished == 20 and not report.stuck and not report.exceptions, report
    pages = _form_pages(form)
    repeats = [n.name for n in form.nodes() if getattr(n, "repeat", False)]
    for name in repeats:
        roster = [p for p in pages if p.startswith("r:") and p.endswith(name)]
        assert roster and roster[0] not in report.unreached
        inside = [p for p in pages if p.startswith(("q:", "g:")) and f"{name}/" in p]
        assert any(p not in report.unreached for p in inside), (name, report.unreached)


def test_every_accepted_form_with_repeats_is_walked_into_its_instances(corpus):
    """The list above is every accepted corpus form with repeats (issue #13: every public form
    with repeats passes --simulate 20 and enters its rosters), not a hand-picked few."""
    with_repeats = {r["file"] for r in ACCEPTED if read_xlsform(corpus / r["file"]).has_repeats}
    assert with_repeats == {r["file"] for r in REPEATS}
