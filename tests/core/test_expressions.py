"""The expression language: parsing, XPath 1.0 / ODK evaluation semantics, error positions.

Many expectations are the published JavaRosa ones (getodk/javarosa, XPathEvalTest), so a
form behaves here as it does in ODK Collect.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.errors import FieldAppError
from fieldapp.forms.expressions import (
    ExpressionError,
    filter_choices,
    parse,
    to_bool,
    to_number,
    to_string,
)
from fieldapp.forms.model import Choice

TODAY = dt.date(2024, 3, 15)


class Ctx:
    def __init__(self, values=None, current="", repeats=None):
        self.values = values or {}
        self._current = current
        self.repeats = repeats or {}
        self.asked: list[str] = []

    def value(self, name):
        self.asked.append(name)
        return self.values.get(name, "")

    def current(self):
        return self._current

    def today(self):
        return TODAY

    def repeat_values(self, name):
        return self.repeats.get(name, [self.values.get(name, "")])


def ev(text, **values):
    return parse(text).evaluate(Ctx(values))


def same(actual, expected):
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return math.isclose(actual, expected, rel_tol=1e-12, abs_tol=1e-12) or actual == expected
    return actual == expected


NAN = float("nan")

JAVAROSA_CASES = [
    # numeric and string literals
    ("5", 5), ("555555.555", 555555.555), (".000555", 0.000555), ("-5", -5),
    ("''", ""), ("'\"'", '"'), ('"test string"', "test string"), ("'   '", "   "),
    # type conversions
    ("boolean(-1)", True), ("boolean(0.0001)", True), ("boolean(0)", False),
    ("boolean(number('NaN'))", False), ("boolean(1 div 0)", True), ("boolean('')", False),
    ("boolean('  ')", True), ("boolean('false')", True), ("boolean(date('2000-01-01'))", True),
    ("number(true())", 1), ("number('100.001')", 100.001), ("number('.1001')", 0.1001),
    ("number(' -12345.6789  ')", -12345.6789), ("number('NaN')", NAN),
    ("number('not a number')", NAN), ("number('- 17')", NAN), ("number('  ')", NAN),
    ("number('')", NAN), ("number('Infinity')", NAN), ("number('1.1e6')", NAN),
    ("number('34.56.7')", NAN), ("number(date('1970-01-02'))", 1),
    ("number(date('2008-09-05'))", 14127), ("number(date('1941-12-07'))", -10252),
    ("string(true())", "true"), ("string(number('NaN'))", "NaN"), ("string(1 div 0)", "Infinity"),
    ("string(-1 div 0)", "-Infinity"), ("string(-0)", "0"), ("string(123456.0000)", "123456"),
    ("string(.557586)", "0.557586"), ("string(date('1989-11-09'))", "1989-11-09"),
    ("int('100.001')", 100), ("int(' -12345.6789  ')", -12345), ("int('')", NAN),
    # substrings
    ("substr('hello',0)", "hello"), ("substr('hello',1,4)", "ell"), ("substr('hello',-2)", "lo"),
    ("substr('hello',0,-1)", "hell"), ("substring-before('hello','l')", "he"),
    ("substring-after('hello','')", "hello"), ("translate('hello','lo','LO')", "heLLO"),
    ("translate('hello world','hello','')", " wrd"), ("contains('abc', 'bcd')", False),
    ("starts-with('', '')", True), ("ends-with('abc', 'c')", True),
    ("normalize-space(' a    b ')", "a b"), ("string-length('cocotero')", 8),
    # dates
    ("date(6.5)", dt.date(1970, 1, 7)), ("date(-1)", dt.date(1969, 12, 31)),
    ("date('1996-02-29')", dt.date(1996, 2, 29)),
    ("format-date('2018-01-02T10:20:30.123', \"%Y-%m-%e %H:%M:%S\")", "2018-01-2 10:20:30"),
    ("decimal-date-time('2000-01-01T10:20:30.000')", 10957.430902777778),
    ("date('2008-09-08') - date('1983-10-06')", 9104),
    # booleans and selects
    ("not('')", True), ("boolean-from-string('1')", True), ("boolean-from-string('whatever')", False),
    ("if(true(), 5, 'abc')", 5), ("if('', 5, 'abc')", "abc"),
    ("selected('apple baby crimson', '  baby  ')", True), ("selected('apple baby crimson', 'bab')", False),
    ("selected('', 'apple')", False), ("count-selected('apple baby crimson')", 3),
    ("count-selected('')", 0), ("selected-at('apple baby crimson', 2)", "crimson"),
    ("selected-at('apple baby', 2)", ""),
    # arithmetic
    ("6.1 - 7.8", -1.7), ("1 - 2 - 3", -4), ("1 - (2 - 3)", 2), ("-(8*5)", -40), ("-'19'", -19),
    ("-10 div -4", 2.5), ("2 * 3 div 8 * 2", 1.5), ("3 + 3 * 3", 12), ("1 div 0", math.inf),
    ("-1 div 0", -math.inf), ("0 div 0", NAN), ("5 mod 3.1", 1.9), ("5 mod -3", 2),
    ("-5 mod 3", -2), ("5 mod 0", NAN), ("'123' * '456'", 56088),
    # math functions
    ("abs(-3.5)", 3.5), ("round('14.6')", 15), ("round('14.29123456789', 2)", 14.29),
    ("round('12345.12345', -2)", 12300), ("round('12350.12345', -2)", 12400),
    ("round('-0.5')", 0), ("round('12345.15', 1)", 12345.2), ("round('-12345.15', 1)", -12345.1),
    ("pow(2.5, 2)", 6.25), ("pow(16, 0.25)", 2),
    # operators and comparisons
    ("true() + 8", 9), ("true() or true() and false()", True), ("(true() or true()) and false()", False),
    ("'' or 17", True), ("(false() or 0) + 2", 2), ("-3 > -6", True), ("true() > 0.9999", True),
    ("'-17' > '-172'", True), ("'abc' < 'abcd'", False),
    ("date('2001-12-26') > date('2001-12-25')", True), ("(6 < 7) - 4", -3),
    ("3 < 4 < 5", True), ("3 < (4 < 5)", False), ("6.1 - 7.8 = -1.7", True),
    ("true() = 17", True), ("0 = false()", True), ("true() = 'true'", True),
    ("17 = '17.0000000'", True), ("'0017.' = 17", True), ("'017.' = '17.000'", False),
    ("true() != date('1999-09-09')", False), ("(false() and true()) != true()", True),
    ("-3 < 3 = 6 >= 6", True),
]


@pytest.mark.parametrize(("text", "expected"), JAVAROSA_CASES)
def test_javarosa_expectations(text, expected):
    assert same(ev(text), expected), f"{text} -> {ev(text)!r}, expected {expected!r}"


def test_references_are_the_dollar_names():
    expr = parse("${a} + ${b} > 3 and selected(${c}, 'x') or ${a} = .")
    assert expr.references() == frozenset({"a", "b", "c"})
    assert parse("1 + 2").references() == frozenset()


def test_unanswered_is_empty_and_compares_false():
    # ODK: an unanswered number is '' -> NaN; every comparison with it is false.
    for op in ("<", "<=", ">", ">=", "="):
        assert ev(f"${{age}} {op} 18") is False
    assert ev("${age} != 18") is True  # XPath: != is not(=) for single values
    assert math.isnan(ev("${age} + 1"))
    assert ev("${age} > 17", age=18) is True
    assert ev("${age} > 17", age=17) is False


def test_select_multiple_answer_is_space_separated():
    assert ev("selected(${src}, 'usb')", src="usb dvd radio") is True
    assert ev("selected(${src}, 'us')", src="usb dvd") is False
    assert ev("count-selected(${src})", src="usb dvd radio") == 3
    assert ev("selected-at(${src}, 0)", src="usb dvd") == "usb"


def test_date_answers_compare_as_dates():
    # The engine hands date answers to expressions as dates, as JavaRosa does.
    left, arrived = dt.date(2015, 6, 30), dt.date(2016, 1, 2)
    assert ev("${left} < ${arrived}", left=left, arrived=arrived) is True
    assert ev("${dob} < today()", dob=dt.date(1999, 12, 31)) is True
    assert ev("today() - ${dob}", dob=dt.date(2024, 3, 14)) == 1
    assert ev("int((today() - date(${dob})) div 365.25)", dob=dt.date(1990, 3, 15)) == 34
    assert ev("format-date(today(), '%d/%m/%Y')") == "15/03/2024"
    assert ev("${left} > date('2014-01-01')", left=left) is True


def test_a_date_against_date_shaped_text_follows_javarosa():
    # JavaRosa: '<' converts both sides to numbers and '2014-01-01' is NaN, so it is false;
    # '=' compares the date's ISO text with the text.
    left = dt.date(2015, 6, 30)
    assert ev("${left} > '2014-01-01'", left=left) is False
    assert ev("${left} < '2016-01-01'", left=left) is False
    assert ev("${left} = '2015-06-30'", left=left) is True
    assert ev("${left} != '2015-06-30'", left=left) is False


def test_current_value_dot_in_constraints():
    expr = parse(". >= 15 and . <= 110")
    assert to_bool(expr.evaluate(Ctx(current=20))) is True
    assert to_bool(expr.evaluate(Ctx(current=12))) is False
    assert parse("string-length(.) <= 5").evaluate(Ctx(current="abcdef")) is False
    assert parse("regex(., '^[0-9]{4}$')").evaluate(Ctx(current="2017")) is True
    assert parse("regex(., '^[0-9]{4}$')").evaluate(Ctx(current="17")) is False


def test_if_is_lazy_and_and_or_short_circuit():
    ctx = Ctx({"a": 1})
    assert parse("if(${a} = 1, 'one', ${b})").evaluate(ctx) == "one"
    assert "b" not in ctx.asked
    ctx = Ctx()
    assert parse("false() and ${never}").evaluate(ctx) is False
    assert parse("true() or ${never}").evaluate(ctx) is True
    assert "never" not in ctx.asked


def test_string_functions():
    assert ev("concat(${a}, '-', ${b}, 1, true())", a="x", b=2) == "x-21true"
    assert ev("coalesce(${a}, ${b})", b="y") == "y"
    assert ev("coalesce(${a}, 'z')") == "z"
    assert ev("string-length(${a})", a="북한") == 2
    assert ev("contains(${a}, 'DVD')", a="USB and DVD") is True


def test_numeric_results_are_ints_when_integral():
    assert ev("2 + 2") == 4 and isinstance(ev("2 + 2"), int)
    assert ev("number('4.0')") == 4.0
    assert ev("5 div 2") == 2.5
    assert to_string(ev("1 div 3")) == "0.3333333333333333"


def test_sum_count_min_max_over_repeats():
    ctx = Ctx(repeats={"n": [1, 2, "3"], "e": []})
    assert parse("sum(${n})").evaluate(ctx) == 6
    assert parse("count(${n})").evaluate(ctx) == 3
    assert parse("count(${e})").evaluate(ctx) == 0
    assert parse("max(${n})").evaluate(ctx) == 3
    assert parse("min(${n}, 0)").evaluate(ctx) == 0
    assert math.isnan(parse("max(${e})").evaluate(ctx))


def test_min_max_pow_floor_ceiling_once():
    assert ev("max(1, 5, 3)") == 5
    assert ev("min(4, 2)") == 2
    assert ev("max(1, ${x})") == 1  # JavaRosa skips what is not a number
    assert math.isnan(ev("max(${x}, 'a')"))
    assert ev("floor(-2.5)") == -3
    assert ev("ceiling(2.1)") == 3
    assert ev("once(${x})", x="keep") == "keep"
    assert ev("pow(2, 10)") == 1024


def test_now_returns_a_datetime():
    value = ev("now()")
    assert isinstance(value, dt.datetime)
    assert ev("decimal-date-time(now()) > 19000") is True


def test_bad_dates_in_answers_do_not_crash():
    assert ev("date(${d})", d="not a date") == ""
    assert ev("date('1983-09-31')") == ""
    assert math.isnan(ev("decimal-date-time(${d})", d="-1000"))
    assert ev("format-date(${d}, '%Y')", d="") == ""


def test_conversion_helpers():
    assert math.isnan(to_number(""))
    assert to_number("42") == 42
    assert math.isnan(to_number("2000-01-02"))  # JavaRosa toNumeric: text shaped like a date is NaN
    assert to_number("1,5") == 1.5  # JavaRosa reads a comma as the decimal point
    assert to_bool("0") is True and to_bool(0) is False and to_bool("") is False
    assert to_string(2.0) == "2" and to_string(float("nan")) == "NaN" and to_string(False) == "false"
    assert to_string(1e-7) == "1.0E-7"  # Java's Double.toString, as JavaRosa prints numbers
    assert to_string(0.001) == "0.001" and to_string(1e10) == "1.0E10"


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("1 +", 3, "ends too early"),
        ("(1 + 2", 6, "expected ')'"),
        ("${age > 3", 0, "not closed"),
        ("${} = 1", 0, "not a valid question name"),
        ("'abc", 0, "not closed"),
        ("foo(1)", 0, "unknown function 'foo()'"),
        ("jr:itext('a')", 0, "'jr:itext()' is not supported"),
        ("not(1, 2)", 0, "not() takes 1 argument, not 2"),
        ("if(1, 2)", 0, "if() takes 3 arguments, not 2"),
        ("concat('a' 'b')", 11, "',' or ')'"),
        ("//age > 3", 0, "descendant paths"),
        ("child::age", 0, "axes"),
        ("/data/ > 3", 7, "expected a name in the path"),
        ("${a} | ${b}", 5, "union"),
        ("${a}[1]", 4, "after a complete expression"),
        ("because pyxform", 8, "after a complete expression"),
        ("1 = = 2", 4, "expected a value"),
        ("sum(3)", 4, "takes a question reference like ${name} or a path"),
        ("regex(., '[a-')", 9, "not a valid regular expression"),
        ("", 0, "empty"),
        ("$x", 0, "${name}"),
        ("* 2", 0, "'*'"),
        ("a # b", 2, "unexpected character"),
    ],
)
def test_syntax_errors_name_the_problem_and_position(text, position, fragment):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert info.value.position == position
    assert fragment in str(info.value)
    assert isinstance(info.value, FieldAppError)


def test_word_operators_are_names_in_operand_position():
    # XPath 3.7: 'div' after an operand is the operator; at the start it is a name.
    assert ev("6 div 3") == 2
    assert parse("div").names() == frozenset({"div"})
    assert parse("selected (., 'no')").evaluate(Ctx(current="no")) is True


def test_deep_nesting_is_an_expression_error_not_a_crash():
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError):
        parse("-" * 5000 + "1")


def test_parse_is_cached():
    assert parse("${a} + 1") is parse("${a} + 1")


def test_choice_filter_reads_choice_columns():
    choices = [
        Choice("king", {}, 2, {"cf": "washington"}),
        Choice("pierce", {}, 3, {"cf": "washington"}),
        Choice("cameron", {}, 4, {"cf": "texas"}),
    ]
    kept = filter_choices(choices, "${state}=cf", Ctx({"state": "texas"}))
    assert [c.name for c in kept] == ["cameron"]
    assert [c.name for c in filter_choices(choices, "name != 'king'", Ctx())] == ["pierce", "cameron"]
    assert filter_choices(choices, None, Ctx()) == choices
    assert parse("${state}=cf").names() == frozenset({"cf"})


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_parse_only_ever_raises_expression_error(text):
    try:
        parse(text)
    except ExpressionError:
        pass


_ATOMS = st.sampled_from(["${a}", "${b}", ".", "1", "'x'", "2.5", "true()", "''", "today()", "'2020-01-02'"])
_OPS = st.sampled_from(["+", "-", "*", "div", "mod", "=", "!=", "<", ">=", "and", "or"])


@st.composite
def _expressions(draw, depth=0):
    if depth > 3 or draw(st.booleans()):
        return draw(_ATOMS)
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return f"({draw(_expressions(depth + 1))} {draw(_OPS)} {draw(_expressions(depth + 1))})"
    if kind == 1:
        fn = draw(st.sampled_from(["not", "string", "number", "boolean", "count-selected", "string-length", "date", "int", "round"]))
        return f"{fn}({draw(_expressions(depth + 1))})"
    if kind == 2:
        return f"if({draw(_expressions(depth + 1))}, {draw(_expressions(depth + 1))}, {draw(_expressions(depth + 1))})"
    return f"-{draw(_expressions(depth + 1))}"


@settings(max_examples=300, deadline=None)
@given(_expressions(), st.sampled_from(["", "3", "usb dvd", "2019-05-01", 4, 0.5]))
def test_evaluation_of_valid_expressions_never_raises(text, value):
    result = parse(text).evaluate(Ctx({"a": value, "b": ""}, current=value))
    assert isinstance(result, str | int | float | bool | dt.date)
    to_string(result)
    to_bool(result)
