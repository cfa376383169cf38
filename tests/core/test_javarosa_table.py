"""fieldapp's expression values against JavaRosa's own, computed by JavaRosa in the test.

pyxform's wheel ships ODK Validate, which is JavaRosa (the engine of ODK Collect); the test
compiles a small harness (tests/java/JavaRosaEval.java) against that jar with Debian's Java
(Makefile SYSDEPS, tests only: fieldapp never runs Java) and evaluates every expression of
tests/core/javarosa_expressions.py in both. The acceptance bar is issue #12's: at least 97%
of the expressions JavaRosa evaluates give the same value in fieldapp, and every difference
is one listed in docs/forms.md ("Deliberate differences from JavaRosa") or below.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
from pathlib import Path

import pytest

from fieldapp.forms.expressions import ExpressionError, parse
from tests.conftest import require_tool
from tests.core.javarosa_expressions import EXPRESSIONS

HARNESS = Path(__file__).resolve().parents[1] / "java" / "JavaRosaEval.java"
EPOCH = dt.datetime(1970, 1, 1)

#: Expressions whose value differs on purpose, with the reason (docs/forms.md).
DIFFERENT = {
    "0 and unknown-fn()": "an unknown function: JavaRosa fails only if it is reached, fieldapp at form check",
    "if(true(), 1, unknown-fn())": "an unknown function: JavaRosa fails only if it is reached, fieldapp at form check",
    "max(-1, -2)": "JavaRosa starts max() at Double.MIN_VALUE (4.9e-324), so a maximum of negatives is wrong",
}
#: Values that differ every run (random identifiers): compared by shape, not value.
VOLATILE = set()


class Ctx:
    """An interview with no answers: what a context-free expression sees."""

    def value(self, name):
        return ""

    def current(self):
        return ""

    def today(self):
        return dt.date.today()


def _jar() -> Path:
    import pyxform

    return Path(pyxform.__file__).parent / "validators" / "odk_validate" / "bin" / "ODK_Validate.jar"


@pytest.fixture(scope="module")
def javarosa(tmp_path_factory) -> dict[str, tuple[str, str]]:
    javac, java = require_tool("javac"), require_tool("java")
    out = tmp_path_factory.mktemp("javarosa")
    jar = _jar()
    assert jar.is_file(), "pyxform's wheel no longer ships ODK Validate"
    subprocess.run([javac, "-nowarn", "-cp", str(jar), "-d", str(out), str(HARNESS)],
                   check=True, capture_output=True, timeout=300)
    text = "\n".join(e.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
                     for e in EXPRESSIONS) + "\n"
    done = subprocess.run([java, "-cp", f"{out}:{jar}", "JavaRosaEval"], input=text.encode(),
                          capture_output=True, timeout=300, check=True)
    lines = done.stdout.decode("utf-8").splitlines()
    assert len(lines) == len(EXPRESSIONS), done.stderr.decode()[-2000:]
    results = {}
    for expr, line in zip(EXPRESSIONS, lines):
        kind, _, value = line.partition("\t")
        results[expr] = (kind, value.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\"))
    return results


def _ours(expr: str):
    try:
        return "value", parse(expr).evaluate(Ctx())
    except ExpressionError:
        return "error", None


def same(kind: str, expected: str, value) -> bool:
    if kind == "error":
        return False
    if kind == "bool":
        return isinstance(value, bool) and value == (expected == "true")
    if kind == "num":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        want = float(expected)
        if math.isnan(want):
            return math.isnan(value)
        if math.isinf(want) or math.isinf(value):
            return want == value
        return abs(want - value) <= 1e-9 * max(1.0, abs(want)) and (
            math.copysign(1, want) == math.copysign(1, value) or want == 0 == value)
    if kind == "str":
        return isinstance(value, str) and value == expected
    if kind == "date":
        if isinstance(value, dt.datetime):
            ms = (value - EPOCH).total_seconds() * 1000
        elif isinstance(value, dt.date):
            ms = (dt.datetime(value.year, value.month, value.day) - EPOCH).total_seconds() * 1000
        else:
            return False
        return abs(ms - int(expected)) < 1
    return False


def test_every_spec_function_is_in_the_table():
    from fieldapp.forms.expressions import FUNCTIONS

    used = set()
    for expr in EXPRESSIONS:
        used |= set(re.findall(r"([a-z][a-z0-9:-]*)\(", expr))
    missing = sorted(set(FUNCTIONS) - used - {"current", "instance", "position", "indexed-repeat",
                                               "jr:choice-name", "pulldata", "sum", "count",
                                               "count-non-empty", "randomize", "depend",
                                               "enclosed-area"})
    assert missing == []


def test_agreement_with_javarosa(javarosa):
    evaluated = {e: r for e, r in javarosa.items() if r[0] != "error"}
    agree, differ = [], []
    for expr, (kind, expected) in evaluated.items():
        status, value = _ours(expr)
        (agree if status == "value" and same(kind, expected, value) else differ).append(
            (expr, kind, expected, value))
    undocumented = [d for d in differ if d[0] not in DIFFERENT]
    share = len(agree) / len(evaluated)
    assert len(evaluated) >= 250
    assert share >= 0.97, f"{share:.1%}: {undocumented}"
    assert undocumented == [], undocumented


def test_javarosa_errors_are_refused_or_neutral(javarosa):
    # Where JavaRosa raises, fieldapp refuses at parse time (form check) where it can see it
    # statically; at run time it gives a neutral value, never an exception.
    for expr, (kind, _) in javarosa.items():
        if kind != "error":
            continue
        status, value = _ours(expr)
        assert status == "error" or value is not None, expr
