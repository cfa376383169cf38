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
    "attribute_columns_test.xlsx",
    "case_insensitivity.xlsx",
    "choice_filter_test.xlsx",
    "extra_columns.xlsx",
    "field-list.xlsx",
    "flat_xlsform_test.xlsx",
    "group.xlsx",
    "loop.xlsx",
    "or_other.xlsx",
    "specify_other.xlsx",
    "text_and_integer.xlsx",
    "xlsform_spec_test.xlsx",
    "yes_or_no_question.xlsx",
]

#: file -> every (code, survey row, fragment of the message) expected, in order.
REFUSED = {
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
        # pyxform's 'phone number' is a text question (asked), not the device's number
        ("text", "phone_number", ("father",), None, None, None),
        ("integer", "age", ("father",), None, None, None),
    ]
    assert form.languages == ("English (en)",) and form.default_language == "English (en)"
    assert form.root.children[1].label("English (en)") == "Father"
    assert form.question("age").label(form.language_key("en")) == "How old is your father?"


def test_golden_or_other(forms_dir):
    form = read_xlsform(forms_dir / "or_other.xlsx")
    assert _shape(form) == [
        ("select_one", "fav_color", (), "colors", None, None),
        ("text", "fav_color_other", (), None, "selected(../fav_color, 'other')", None),
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


def test_loop_over_a_choice_list_is_one_group_per_choice(forms_dir):
    form = read_xlsform(forms_dir / "loop.xlsx")
    loop = next(n for n in form.root.children if isinstance(n, Group))
    assert [g.name for g in loop.children] == [
        "pit_latrine_with_slab", "open_pit_latrine", "bucket_system", "other"]
    numbers = [q for q in form.questions() if q.xlsform_name == "number"]
    # the same name in four groups: each question's key is its path (pyxform's rule)
    assert [q.name for q in numbers][:2] == [
        "loop_toilet_types/pit_latrine_with_slab/number",
        "loop_toilet_types/open_pit_latrine/number"]
    assert numbers[0].label("english") == "How many Pit latrine with slab are on the premises?"


def test_spec_form_types_get_their_documented_laptop_behaviour(forms_dir):
    form = read_xlsform(forms_dir / "xlsform_spec_test.xlsx")
    types = {q.xlsform_name: q.type for q in form.questions()}
    assert types["geopoint_test"] == "geopoint" and form.question("geopoint_test").not_recorded
    assert types["image_test"] == "image" and form.question("image_test").is_media
    assert not form.question("image_test").not_recorded  # a media answer since issue #16
    assert types["time_test"] == "time" and types["datetime_test"] == "dateTime"
    assert types["barcode_test"] == "barcode" and types["acknowledge_test"] == "acknowledge"
    # pyxform's generated header row of a table-list shows choice labels only
    assert types["reserved_name_for_field_list_labels_25"] == "note"
    assert {types["start"], types["end"], types["today"], types["deviceid"]} == {
        "start", "end", "today", "deviceid"}
    assert form.has_repeats
    repeat = next(n for n in form.nodes() if isinstance(n, Group) and n.repeat)
    assert repeat.repeat_count is not None
