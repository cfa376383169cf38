"""Repeats in fieldapp against JavaRosa itself, case by case (tests/core/repeat_cases.py).

Each case's XLSForm is converted by pyxform into the XForm ODK Collect would run; a small
harness (tests/java/JavaRosaForm.java, compiled against the ODK Validate jar pyxform ships,
with Debian's Java; tests only) plays the case's script through JavaRosa's own test API
(``org.javarosa.test.Scenario``), and fieldapp's engine plays the same script. Every query
(values, relevance, instance counts) must agree.

JavaRosa adds the instances of a counted repeat only when the interviewer pages to it, so
the harness pages through the whole form before each query; fieldapp keeps the instances in
step with the count at every change (a documented difference in docs/forms.md, which also
removes instances when the count goes down: JavaRosa keeps them).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fieldapp.engine.interview import Interview
from fieldapp.forms.expressions import to_string
from fieldapp.forms.instances import field_key, parent_instance, split_key, steps
from fieldapp.forms.xlsform import read_xlsform
from tests.conftest import require_tool
from tests.core.repeat_cases import CASES
from tests.xlsform_builder import write_xlsform

HARNESS = Path(__file__).resolve().parents[1] / "java" / "JavaRosaForm.java"


def _jar() -> Path:
    import pyxform

    return Path(pyxform.__file__).parent / "validators" / "odk_validate" / "bin" / "ODK_Validate.jar"


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    javac, java = require_tool("javac"), require_tool("java")
    out = tmp_path_factory.mktemp("javarosa-form")
    jar = _jar()
    assert jar.is_file(), "pyxform's wheel no longer ships ODK Validate"
    subprocess.run([javac, "-nowarn", "-cp", str(jar), "-d", str(out), str(HARNESS)],
                   check=True, capture_output=True, timeout=300)

    def run(xform: Path, commands: list[str]) -> list[str]:
        done = subprocess.run([java, "-cp", f"{out}:{jar}", "JavaRosaForm", str(xform)],
                              input=("\n".join(commands) + "\n").encode(), capture_output=True,
                              timeout=300, check=True)
        return done.stdout.decode("utf-8").splitlines()

    return run


def _xpath(form, node: str, instance: str, indexed_last: bool = True) -> str:
    """The XPath of form node ``node`` in ``instance`` (``/data/g/r[2]/x``)."""
    from fieldapp.engine._structure import _Structure

    structure = _Structure.of(form)
    index = dict(steps(instance))
    parts = []
    chain = structure.chain[node]
    for n, key in enumerate(chain):
        name = key.rsplit("/", 1)[-1]
        if indexed_last or n < len(chain) - 1:
            name += f"[{index.get(key, 1)}]"  # JavaRosa wants every step qualified
        parts.append(name)
    return "/data/" + "/".join(parts)


def _field_xpath(form, key: str) -> str:
    instance, name = split_key(key)
    return _xpath(form, name, instance)


def _instance_xpath(form, instance: str) -> str:
    rep = steps(instance)[-1][0]
    return _xpath(form, rep, instance)


def _collection_xpath(form, key: str) -> str:
    parent, rep = split_key(key)
    return _xpath(form, rep, parent, indexed_last=False)


def _javarosa_commands(form, script) -> list[str]:
    out = []
    for op, *args in script:
        if op == "answer":
            out.append(f"answer\t{_field_xpath(form, args[0])}\t{'' if args[1] is None else args[1]}")
        elif op == "add":
            out.append(f"add\t{_collection_xpath(form, field_key(args[1], args[0]))}")
        elif op == "remove":
            out.append(f"remove\t{_instance_xpath(form, args[0])}")
        else:
            out.append("walk")
            path = _collection_xpath(form, args[0]) if op == "count" else _field_xpath(form, args[0])
            out.append(f"{op}\t{path}")
    return out


def _ours(form, script) -> list[str]:
    iv = Interview.start(form)
    out = []
    for op, *args in script:
        if op == "answer":
            issues = iv.set_answer(args[0], args[1])
            assert not [i for i in issues if i.code == "type"], (args, issues)
        elif op == "add":
            iv.add_instance(args[0], args[1])
        elif op == "remove":
            iv.remove_instance(args[0])
        elif op == "get":
            if split_key(args[0])[0] and split_key(args[0])[0] not in iv.instances():
                out.append("null\t")
                continue
            value = iv.values.get(args[0])
            out.append("null\t" if value in (None, "") else f"val\t{to_string(value)}")
        elif op == "relevant":
            out.append(f"val\t{'true' if iv.is_relevant(args[0]) else 'false'}")
        elif op == "count":
            out.append(f"val\t{iv.instance_count(args[0])}")
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_repeat_case_agrees_with_javarosa(harness, tmp_path, name):
    from pyxform.xls2xform import convert

    spec = CASES[name]
    workbook = write_xlsform(tmp_path / "case.xlsx", spec["survey"], spec["choices"],
                             {"form_id": "case", "version": "1"})
    xform = tmp_path / "case.xml"
    xform.write_text(convert(str(workbook), validate=False).xform, encoding="utf-8")
    form = read_xlsform(workbook)
    theirs = harness(xform, _javarosa_commands(form, spec["script"]))
    failed = [line for line in theirs if line.startswith("fail")]
    assert not failed, failed  # the script itself must run in JavaRosa
    ours = _ours(form, spec["script"])
    queries = [(op, *args) for op, *args in spec["script"] if op in ("get", "relevant", "count")]
    assert len(theirs) == len(queries)
    differ = [(q, t, o) for q, t, o in zip(queries, theirs, ours) if t != o]
    assert not differ, differ


def test_the_cases_cover_what_the_issue_names():
    text = " ".join(spec["survey"] for spec in CASES.values())
    for idiom in ("position(..)", "indexed-repeat(", "count(", "sum(", "min(", "max(", "../",
                  "/data/", "current()", "jr:choice-name(", "repeat_count"):
        assert idiom in text, idiom
    assert len(CASES) >= 12
    assert parent_instance("a[1]/b[2]") == "a[1]"
