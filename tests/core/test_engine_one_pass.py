"""The single recomputation pass (``_Structure.one_pass``) gives exactly what the full
fixed-point loop gives, on every public corpus form and the reference survey it applies to,
and is refused for forms that read forward."""

from __future__ import annotations

import csv
import dataclasses
import random
from pathlib import Path

import pytest

from fieldapp.engine._structure import _Structure
from fieldapp.engine.interview import Interview
from fieldapp.engine.simulate import simulate
from fieldapp.errors import FormErrors
from fieldapp.forms.xlsform import read_xlsform
from fieldapp.resources import reference_questionnaire
from tests.xlsform_builder import write_xlsform

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "xlsforms"
CORPUS = [VECTORS / "corpus" / r["file"] for r in csv.DictReader(
    (VECTORS / "MANIFEST.tsv").open(encoding="utf-8"), delimiter="\t") if r["odk_verdict"] == "accepted"]


def _forms():
    out = [reference_questionnaire()]
    for path in CORPUS:
        try:
            form = read_xlsform(path)
        except FormErrors:
            continue  # the deliberate refusals (test_xlsform_corpus)
        if not form.has_repeats:
            out.append(path)
    return out


def _recomputed(form, values: dict, one_pass: bool):
    structure = _Structure.of(form)
    object.__setattr__(form, "_engine_structure", dataclasses.replace(structure, one_pass=one_pass))
    try:
        iv = Interview.blank(form)
        iv.values.update(values)
        iv._recompute()
        return dict(iv.values), dict(iv.relevance)
    finally:
        object.__setattr__(form, "_engine_structure", structure)


FORMS = _forms()
ONE_PASS = [p for p in FORMS if _Structure.of(read_xlsform(p)).one_pass]


def test_most_real_forms_take_the_single_pass():
    # The reference survey has repeats since 2017.2 (section 7's rosters, issue #13), and
    # one_pass is worked out for forms without repeats only: it takes the full loop now.
    assert reference_questionnaire() not in ONE_PASS
    assert len(ONE_PASS) >= len(FORMS) // 2, (len(ONE_PASS), len(FORMS))


@pytest.mark.parametrize("path", ONE_PASS, ids=[Path(p).name for p in ONE_PASS])
def test_one_pass_equals_the_full_loop(path):
    form = read_xlsform(path)
    rng = random.Random(7)
    for _ in range(15):
        done = simulate(form, rng)
        entered = {k: v for k, v in done.values.items() if k not in _Structure.of(form).computed}
        assert _recomputed(form, entered, True) == _recomputed(form, entered, False)


def _form(tmp_path, rows: str):
    return read_xlsform(write_xlsform(tmp_path / "f.xlsx", "| type | name | label | relevant | calculation |\n" + rows,
                                      None, {"form_id": "f", "version": "1"}))


def test_a_forward_reference_keeps_the_full_loop(tmp_path):
    """``a`` depends on a calculation further down: one pass would leave it non-relevant."""
    form = _form(tmp_path, "| integer | a | A | ${c} > 1 | |\n| calculate | c | | | 5 |")
    assert not _Structure.of(form).one_pass
    iv = Interview.blank(form)
    iv._recompute()
    assert iv.relevance["a"] is True and iv.values["c"] == 5
    _values, relevance = _recomputed(form, {}, True)
    assert relevance["a"] is False  # what the guard prevents


def test_backward_references_take_the_single_pass(tmp_path):
    form = _form(tmp_path, "| integer | a | A | | |\n| integer | b | B | ${a} > 1 | |\n"
                           "| calculate | c | | | ${a} + 1 |\n| integer | d | D | ${c} = 3 | |")
    assert _Structure.of(form).one_pass
    iv = Interview.blank(form)
    iv.values.update({"a": 2})
    iv._recompute()
    assert iv.values["c"] == 3 and iv.relevance["b"] is True and iv.relevance["d"] is True


def test_random_and_paths_keep_the_full_loop(tmp_path):
    assert not _Structure.of(_form(tmp_path, "| calculate | r | | | random() |")).one_pass
    assert not _Structure.of(_form(tmp_path, "| integer | a | A | | |\n| integer | b | B | ../a > 1 | |")).one_pass
