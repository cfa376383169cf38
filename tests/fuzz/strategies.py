"""Hypothesis strategies for the fuzz tests: byte and JSON mutations, XLSForm sheets, paper rows.

The settings are CI-sized and derandomized, so ``make test`` is reproducible and a failure
seen once is seen again; bench/fuzz.py draws its inputs from a seeded random generator
instead and runs far more of them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from tests.fuzz.mutations import HOSTILE_VALUES


def fuzz_settings(examples: int, shrink: bool = True) -> settings:
    """``shrink=False`` for a property known to fail (xfail): skip minutes of shrinking."""
    phases = tuple(Phase) if shrink else (Phase.explicit, Phase.generate)
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None, phases=phases,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# -- byte mutations (see mutations.apply_bytes) -------------------------------------------------
#: Half the positions fall in the first bytes, where headers and lengths live.
positions = st.one_of(st.integers(0, 400), st.integers(0, 1 << 21))
blobs = st.one_of(st.binary(min_size=1, max_size=64),
                  st.sampled_from([b"\x00", b"\xff" * 4, b"\n", b"{", b"}", b'"', b"1e400", b"-1",
                                   b"\xef\xbb\xbf", b"9" * 30]))
byte_op = st.one_of(
    st.tuples(st.just("flip"), positions, st.integers(0, 7)),
    st.tuples(st.just("truncate"), positions),
    st.tuples(st.just("insert"), positions, blobs),
    st.tuples(st.just("delete"), positions, st.integers(1, 2000)),
    st.tuples(st.just("overwrite"), positions, blobs),
    st.tuples(st.just("append"), blobs),
)
byte_ops = st.lists(byte_op, min_size=1, max_size=4)

# -- JSON mutations (see mutations.apply_json) --------------------------------------------------
plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
json_values = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    plain_text,
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.one_of(st.none(), st.integers(), plain_text), max_size=3),
)


def json_ops(keys: tuple[str, ...], max_size: int = 3):
    seeds = st.integers(0, 10_000)
    return st.lists(st.one_of(
        st.tuples(st.just("set"), seeds, json_values),
        st.tuples(st.just("drop"), seeds),
        st.tuples(st.just("add"), seeds, st.one_of(st.sampled_from(keys), plain_text), json_values),
    ), min_size=1, max_size=max_size)


# -- XLSForm sheets ---------------------------------------------------------------------------
#: Text a spreadsheet can hold (openpyxl refuses most control characters, as Excel does).
sheet_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n"),
                     max_size=24)
NAMES = ("age", "consent", "q1", "q_2", "grp", "rep", "calc", "city", "_x", "a.b", "1bad", "age ")
LISTS = ("yn", "src", "missing_list", "")
SURVEY_COLUMNS = (
    "type", "name", "label", "label::English (en)", "label::Korean (ko)", "hint", "required",
    "relevant", "constraint", "constraint_message", "calculation", "choice_filter", "appearance",
    "read_only", "default", "repeat_count", "seal", "required_message::English (en)", "media::image",
    "label::", "::", "Type", " name ", "x-extra",
)
TYPES = (
    "text", "integer", "decimal", "date", "note", "calculate", "acknowledge", "geopoint", "image",
    "select_one yn", "select_multiple src", "select_one missing_list", "select_one", "select_one yn or_other",
    "select_one_from_file x.csv", "begin group", "end group", "begin repeat", "end repeat", "begin_group",
    "end_group", "range", "rank src", "hidden", "start", "end", "deviceid", "audit", "integr", "",
)
FUNCS = ("if", "selected", "count-selected", "concat", "regex", "string-length", "not", "coalesce",
         "int", "number", "today", "round", "jr:choice-name", "selected-at", "position", "once", "pulldata")


def _expressions():
    atom = st.one_of(
        st.sampled_from([f"${{{n}}}" for n in NAMES] + ["${}", "${", "$}", "${nope}"]),
        st.sampled_from([".", "..", "'yes'", "\"no\"", "'", "0", "-1", "1.5", "1e400", "true()", "''", "/a/b"]),
        st.integers(-10**12, 10**12).map(str),
        sheet_text,
    )
    ops = ("=", "!=", "<", "<=", ">", ">=", "and", "or", "+", "-", "*", "div", "mod", "|", ",", "")

    def extend(inner):
        return st.one_of(
            st.tuples(inner, st.sampled_from(ops), inner).map(" ".join),
            st.tuples(st.sampled_from(FUNCS), st.lists(inner, max_size=3)).map(
                lambda t: f"{t[0]}({', '.join(t[1])})"),
            inner.map(lambda e: f"({e})"),
            inner.map(lambda e: f"({e}"),
        )

    return st.recursive(atom, extend, max_leaves=8)


expressions = _expressions()
cell_values = st.one_of(
    st.none(), sheet_text, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.just(dt.datetime(2024, 1, 1, 12, 0)), st.sampled_from(["yes", "no", "TRUE", "1", "0"]),
    st.just("ä" * 400),
)


@st.composite
def survey_rows(draw):
    columns = draw(st.lists(st.sampled_from(SURVEY_COLUMNS), min_size=0, max_size=9, unique=True))
    if draw(st.booleans()):
        # Most forms have the two columns every row needs; leave them out now and then.
        columns = ["type", "name", *[c for c in columns if c not in ("type", "name")]]
    rows = [columns]
    for _ in range(draw(st.integers(0, 8))):
        row = []
        for col in columns:
            if col in ("type", "Type"):
                # Mostly real types, so rows get past the type check into names and expressions.
                types = st.sampled_from(TYPES)
                row.append(draw(st.one_of(types, types, types, cell_values)))
            elif col.strip() == "name":
                names = st.sampled_from(NAMES)
                row.append(draw(st.one_of(names, names, names, cell_values)))
            elif col in ("relevant", "constraint", "calculation", "choice_filter", "default", "repeat_count",
                         "read_only", "required"):
                row.append(draw(st.one_of(expressions, expressions, cell_values)))
            else:
                row.append(draw(cell_values))
        rows.append(row)
    return rows


@st.composite
def choices_rows(draw):
    columns = draw(st.sampled_from([
        ["list_name", "name", "label"], ["list_name", "name", "label::English (en)", "label::Korean (ko)"],
        ["list name", "name", "label", "filter"], ["name", "label"], [],
    ]))
    rows = [columns]
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(st.one_of(st.sampled_from(LISTS), cell_values)) if c.startswith("list")
               else draw(st.one_of(st.sampled_from(("yes", "no", "radio", "1", "")), cell_values)) if c == "name"
               else draw(cell_values) for c in columns]
        rows.append(row)
    return rows


@st.composite
def settings_rows(draw):
    keys = draw(st.lists(st.sampled_from(["form_id", "version", "form_title", "default_language", "style",
                                          "instance_name", "id_string", "x"]), max_size=5, unique=True))
    values = [draw(st.one_of(st.sampled_from(["f1", "1", "English (en)", "Korean (ko)", "fr", ""]), cell_values))
              for _ in keys]
    return [keys, values]


@st.composite
def workbooks(draw) -> dict[str, list[list]]:
    """Sheet title -> rows; titles mostly right, sometimes oddly cased, spaced or missing."""
    sheets: dict[str, list[list]] = {}
    survey_title = draw(st.sampled_from(["survey"] * 6 + ["Survey", " survey ", "surveys"]))
    sheets[survey_title] = draw(survey_rows())
    if draw(st.integers(0, 3)):
        sheets[draw(st.sampled_from(["choices", "choices", "Choices"]))] = draw(choices_rows())
    if draw(st.booleans()):
        sheets["settings"] = draw(settings_rows())
    if not draw(st.integers(0, 5)):
        sheets["notes"] = [["anything"], [draw(cell_values)]]
    return sheets
