"""The single recomputation pass (``_Structure.one_pass``) gives exactly what the full
fixed-point loop gives, on every public corpus form and the reference survey it applies to
(with and without repeats: interviews with their rosters filled), and is refused for forms
that read forward."""

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
            read_xlsform(path)
        except FormErrors:
            continue  # the deliberate refusals (test_xlsform_corpus)
        out.append(path)
    return out


def _recomputed(form, values: dict, one_pass: bool, counts: dict | None = None):
    structure = _Structure.of(form)
    object.__setattr__(form, "_engine_structure", dataclasses.replace(structure, one_pass=one_pass))
    try:
        iv = Interview.blank(form)
        iv.values.update(values)
        if counts:
            iv.counts = dict(counts)
            iv._tree_changed()
        iv._recompute()
        return dict(iv.values), dict(iv.relevance), dict(iv.counts)
    finally:
        object.__setattr__(form, "_engine_structure", structure)


FORMS = _forms()
ONE_PASS = [p for p in FORMS if _Structure.of(read_xlsform(p)).one_pass]


def test_most_real_forms_take_the_single_pass():
    # The reference survey has repeats since 2017.2 (section 7's rosters, issue #13); its
    # rules read only earlier nodes, so it takes the single pass (every paper-import row).
    assert reference_questionnaire() in ONE_PASS
    assert len(ONE_PASS) >= len(FORMS) // 2, (len(ONE_PASS), len(FORMS))
    assert any(read_xlsform(p).has_repeats for p in ONE_PASS if p != reference_questionnaire())


def _entered(form, done) -> dict:
    computed = _Structure.of(form).computed
    return {k: v for k, v in done.values.items() if _Structure.of(form).question_of(k).name not in computed}


@pytest.mark.parametrize("path", ONE_PASS, ids=[Path(p).name for p in ONE_PASS])
def test_one_pass_equals_the_full_loop(path):
    form = read_xlsform(path)
    rng = random.Random(7)
    for _ in range(15):
        done = Interview.start(form)
        try:
            simulate(form, rng, interview=done)
        except RuntimeError:
            pass  # a page the simulation cannot satisfy: the answers so far are as good a test
        entered = _entered(form, done)
        # the counts as a paper file gives them (rosters filled), nothing computed yet
        assert _recomputed(form, entered, True, done.counts) == _recomputed(form, entered, False, done.counts)


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
    _values, relevance, _counts = _recomputed(form, {}, True)
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


REPEATS = """| integer | n | N | | | |
| begin repeat | r | R | ${n} > 0 | | ${n} |
| integer | a | A | | | |
| integer | b | B | ${a} > 1 | | |
| calculate | c | | | ${a} + ${n} | |
| end repeat | | | | | |
| calculate | total | | | sum(${c}) | |
| integer | d | D | ${total} > 5 | | |"""


def _repeat_form(tmp_path, rows: str):
    return read_xlsform(write_xlsform(tmp_path / "r.xlsx", "| type | name | label | relevant | calculation | repeat_count |\n"
                                      + rows, None, {"form_id": "r", "version": "1"}))


def test_repeats_reading_backward_take_the_single_pass(tmp_path):
    """Inside an instance ``${a}`` is the same instance's; after the repeat, ``sum(${c})``
    reads every instance, all expanded before it; a computed count restarts the pass."""
    form = _repeat_form(tmp_path, REPEATS)
    assert _Structure.of(form).one_pass
    entered = {"n": 2, "r[1]/a": 1, "r[2]/a": 3}
    values, relevance, counts = _recomputed(form, entered, True)
    assert counts == {"r": 2}
    assert values["r[1]/c"] == 3 and values["r[2]/c"] == 5 and values["total"] == 8
    assert relevance["r[1]/b"] is False and relevance["r[2]/b"] is True and relevance["d"] is True
    assert (values, relevance, counts) == _recomputed(form, entered, False)


def test_a_repeat_reading_forward_keeps_the_full_loop(tmp_path):
    """The repeat's count reads a question after it; a question before the repeat reads
    one inside it: both need the confirming pass."""
    later = REPEATS.replace("| ${n} |\n", "| ${m} |\n") + "\n| integer | m | M | | | |"
    assert not _Structure.of(_repeat_form(tmp_path, later)).one_pass
    inside = "| integer | x | X | count(${a}) > 0 | | |\n" + REPEATS
    assert not _Structure.of(_repeat_form(tmp_path, inside)).one_pass
