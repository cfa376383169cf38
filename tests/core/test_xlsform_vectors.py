"""The public XLSForms of the pyxform maintainers (read in place from the vectors folder).

Every workbook has an explicit expected outcome here, so a change in what we accept or
refuse fails a test instead of passing silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldapp.errors import FormErrors
from fieldapp.forms.model import Group
from fieldapp.forms.serialize import form_from_json, form_to_json
from fieldapp.forms.xlsform import check_xlsform, read_xlsform

ACCEPTED = [
    "choice_filter_test.xlsx",
    "extra_columns.xlsx",
    "field-list.xlsx",
    "group.xlsx",
    "or_other.xlsx",
    "specify_other.xlsx",
    "text_and_integer.xlsx",
    "yes_or_no_question.xlsx",
]

_SPEC_REFUSALS = [
    ("unsupported-column", 9, "media column 'image'"),
    ("unsupported-column", 10, "media column 'image'"),
    ("unsupported-type", 30, "'acknowledge' is not supported"),
    ("unsupported-type", 32, "'time' is not supported"),
    ("unsupported-type", 33, "'datetime' is not supported"),
    ("unsupported-type", 34, "'geopoint' is not supported: fieldapp never records locations"),
    ("unsupported-type", 35, "'barcode' is not supported"),
    ("unsupported-type", 36, "'image' is not supported"),
    ("unsupported-type", 37, "'audio' is not supported"),
    ("unsupported-type", 38, "'video' is not supported"),
    ("undefined-reference", 43, "'start' metadata on row 42"),
    ("undefined-reference", 45, "'end' metadata on row 44"),
    ("undefined-reference", 47, "'today' metadata on row 46"),
    ("undefined-reference", 49, "'deviceid' metadata on row 48"),
    ("undefined-reference", 51, "'uri:deviceid' metadata on row 50"),
]
_SPEC_CHOICES = [
    ("unsupported-column", 4, "media column 'image'"),
    ("unsupported-column", 5, "media column 'image'"),
]
_REPEAT_COUNT = ("unsupported-column", 15, "repeat_count is not supported")

#: file -> every (code, survey row, fragment of the message) expected, in order.
REFUSED = {
    "attribute_columns_test.xlsx": [
        *_SPEC_REFUSALS[:2], _REPEAT_COUNT, *_SPEC_REFUSALS[2:],
        ("undefined-reference", 53, "'simserial' metadata on row 52"),
        ("undefined-reference", 55, "'phonenumber' metadata on row 54"),
        *_SPEC_CHOICES,
    ],
    "xlsform_spec_test.xlsx": [
        *_SPEC_REFUSALS[:2], _REPEAT_COUNT, *_SPEC_REFUSALS[2:],
        ("undefined-reference", 53, "'phonenumber' metadata on row 52"),
        *_SPEC_CHOICES,
    ],
    "flat_xlsform_test.xlsx": [
        *_SPEC_REFUSALS,
        ("undefined-reference", 53, "'simserial' metadata on row 52"),
        ("undefined-reference", 55, "'phonenumber' metadata on row 54"),
        *_SPEC_CHOICES,
    ],
    "case_insensitivity.xlsx": [
        ("unsupported-type", 3, "'select_one_external c1' is not supported: choices and data from external files"),
        ("unsupported-type", 4, "'osm c1' is not supported: fieldapp never records locations"),
    ],
    "loop.xlsx": [
        ("unsupported-type", 3, "'begin loop over toilet_type' is not supported: loops over a choice list"),
    ],
    "invalid_bad_calc.xlsx": [
        ("bad-expression", 2, "calculation \"because pyxform doesn't know what to do\" is not a valid expression"),
    ],
}


@pytest.fixture(scope="module")
def forms_dir(vectors) -> Path:
    return vectors / "xlsforms"


def test_every_vector_has_an_expected_outcome(forms_dir):
    present = {p.name for p in forms_dir.glob("*.xlsx")}
    assert present == set(ACCEPTED) | set(REFUSED)
    assert all(name in REFUSED for name in present if name.startswith("invalid_"))


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_vectors_round_trip_through_json(forms_dir, name):
    form = read_xlsform(forms_dir / name)
    text = form_to_json(form)
    again = form_from_json(text)
    assert again == form
    assert form_to_json(again) == text


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_vectors_name_feature_and_row(forms_dir, name):
    with pytest.raises(FormErrors) as info:
        read_xlsform(forms_dir / name)
    got = [(e.code, e.row) for e in info.value.errors]
    expected = REFUSED[name]
    assert got == [(code, row) for code, row, _ in expected]
    for err, (_, row, fragment) in zip(info.value.errors, expected):
        assert fragment in str(err)
        assert f"row {row}]" in str(err)


def test_invalid_bad_calc_is_refused_naming_row_2(forms_dir):
    errors = check_xlsform(forms_dir / "invalid_bad_calc.xlsx")
    assert len(errors) == 1
    assert errors[0].row == 2 and errors[0].sheet == "survey"
    assert "[sheet survey, row 2]" in str(errors[0])


def _shape(form):
    out = []
    for node in form.nodes():
        if isinstance(node, Group):
            out.append(("group", node.name, node.path, node.appearance, node.repeat))
        else:
            out.append((node.type, node.name, node.path, node.list_name, node.relevant, node.choice_filter))
    return out


def test_golden_field_list(forms_dir):
    form = read_xlsform(forms_dir / "field-list.xlsx")
    assert form.form_id == "field-list" and form.version == "1"
    assert _shape(form) == [
        ("group", "name", (), "", False),
        ("select_one", "table_list_question", ("name",), "yes_no", None, None),
    ]
    q = form.question("table_list_question")
    assert q.label("english") == "table list question" and q.hint() == "hint"
    yes_no = form.choice_lists["yes_no"]
    assert yes_no.names() == ("yes", "no")
    assert yes_no.get("no").label("chinese") == "没有" and yes_no.get("no").label() == "No"
    assert form.languages == ("english", "default", "chinese")


def test_golden_group(forms_dir):
    form = read_xlsform(forms_dir / "group.xlsx")
    # 'phone number' is metadata and is skipped on purpose (we never record identifiers).
    assert _shape(form) == [
        ("text", "family_name", (), None, None, None),
        ("group", "father", (), "", False),
        ("integer", "age", ("father",), None, None, None),
    ]
    assert form.languages == ("English (en)",) and form.default_language == "English (en)"
    assert form.root.children[1].label("English (en)") == "Father"
    assert form.question("age").label(form.language_key("en")) == "How old is your father?"


def test_golden_or_other(forms_dir):
    form = read_xlsform(forms_dir / "or_other.xlsx")
    assert _shape(form) == [
        ("select_one", "fav_color", (), "colors", None, None),
        ("text", "fav_color_other", (), None, "selected(${fav_color}, 'other')", None),
        ("select_one", "fav_pastel", (), "colors", None, "pastel=yes"),
    ]
    colors = form.choice_lists["colors"]
    assert colors.names() == ("red", "green", "blue", "mauve", "apricot", "other")
    assert colors.get("mauve").extra["pastel"] == "yes"
    assert form.question("fav_color_other").row == 2


def test_golden_specify_other(forms_dir):
    form = read_xlsform(forms_dir / "specify_other.xlsx")
    assert [(q.name, q.type) for q in form.questions()] == [("sex", "select_one"), ("sex_other", "text")]
    assert form.choice_lists["sexes"].names() == ("male", "female", "other")


def test_golden_text_and_integer(forms_dir):
    form = read_xlsform(forms_dir / "text_and_integer.xlsx")
    assert _shape(form) == [
        ("text", "your_name", (), None, None, None),
        ("integer", "your_age", (), None, None, None),
    ]
    assert form.question("your_age").label("english") == "How many years old are you?"
    assert form.languages == ("english",) and form.default_language == "english"
    assert dict(form.choice_lists) == {}


def test_golden_choice_filter(forms_dir):
    form = read_xlsform(forms_dir / "choice_filter_test.xlsx")
    assert form.form_id == "cascading_selects1" and form.title == "cascading selects"
    assert [q.choice_filter for q in form.questions()] == [None, "${state}=cf", "${county}=cf"]
    # allow_choice_duplicates=yes: 'king' is both a Washington and a Texas county.
    assert form.choice_lists["counties"].names() == ("king", "pierce", "king", "cameron")
