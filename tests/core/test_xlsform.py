"""XLSForm reading: columns, languages, types, groups, and every check the reader makes.

Forms are written inline as markdown tables (tests/xlsform_builder.py); row 1 is the header,
so the first question is Excel row 2.
"""

from __future__ import annotations

import hashlib

import openpyxl
import pytest

from fieldapp.errors import FormErrors
from fieldapp.forms.model import Group
from fieldapp.forms.xlsform import check_xlsform, read_xlsform
from tests.xlsform_builder import write_xlsform

YN = """
| list_name | name | label::English (en) | label::Korean (ko) |
| yn        | yes  | Yes                 | 예                 |
| yn        | no   | No                  | 아니요             |
"""


def errors_of(path):
    with pytest.raises(FormErrors) as info:
        read_xlsform(path)
    return info.value.errors


def only_error(path, code):
    errors = errors_of(path)
    assert [e.code for e in errors] == [code], [str(e) for e in errors]
    return errors[0]


def test_reads_a_bilingual_form(tmp_path):
    path = write_xlsform(tmp_path / "consent.xlsx", survey="""
        | type          | name    | label::English (en) | label::Korean (ko) | hint::English (en) | required | relevant        | constraint          | constraint_message::English (en) | private | seal |
        | select_one yn | consent | Consent?            | 동의합니까?         |                    | yes      |                 |                     |                                  |         |      |
        | integer       | age     | Age                 | 나이               | In years           | true     | ${consent}='yes' | . >= 15 and . <= 110 | 15 to 110                        | no      | yes  |
        | text          | story   | Tell us more        | 더 말씀해 주세요     |                    |          |                 |                     |                                  | yes     |      |
    """, choices=YN, settings={"form_id": "nk2017", "version": "2024.1", "form_title": "Escapee survey",
                               "default_language": "ko"})
    form = read_xlsform(path)
    assert (form.form_id, form.version, form.title) == ("nk2017", "2024.1", "Escapee survey")
    assert form.languages == ("English (en)", "Korean (ko)")
    assert form.default_language == "Korean (ko)"
    assert form.language_key("en") == "English (en)"
    consent, age, story = form.questions()
    assert consent.type == "select_one" and consent.list_name == "yn" and consent.required == "true()"
    assert consent.label("Korean (ko)") == "동의합니까?"
    assert age.required == "true()" and age.relevant == "${consent}='yes'"
    assert age.constraint == ". >= 15 and . <= 110"
    assert dict(age.constraint_message) == {"English (en)": "15 to 110"}
    assert age.hint("English (en)") == "In years"
    assert (age.private, age.seal, story.private, story.seal) == (False, True, True, False)
    assert [c.label("Korean (ko)") for c in form.choices_for(consent).choices] == ["예", "아니요"]
    assert form.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert form.question("age").row == 3


def test_sheet_names_and_headers_are_case_insensitive_and_aliases_work(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Survey"
    ws.append(["TYPE", "Name", "Label", "Relevance", "requiredMsg", "ReadOnly", "Calculate"])
    ws.append(["integer", "n", "N", None, "Please answer", "yes", None])
    ws.append(["calculate", "double", None, "${n} > 0", None, None, "${n} * 2"])
    path = tmp_path / "upper.xlsx"
    wb.save(path)
    form = read_xlsform(path)
    n, double = form.questions()
    assert form.form_id == "upper" and form.version == "1" and form.title == "upper"
    assert dict(n.required_message) == {"default": "Please answer"} and n.read_only is True
    assert double.calculation == "${n} * 2" and double.relevant == "${n} > 0"


def test_type_aliases(tmp_path):
    path = write_xlsform(tmp_path / "aliases.xlsx", survey="""
        | type                          | name | label |
        | select one from yn            | a    | A     |
        | select all that apply from yn | b    | B     |
        | select_multiple yn            | c    | C     |
        | select1 yn                    | d    | D     |
        | string                        | e    | E     |
        | int                           | f    | F     |
        | add decimal prompt            | g    | G     |
        | add date prompt               | h    | H     |
    """, choices=YN)
    types = [(q.name, q.type, q.list_name) for q in read_xlsform(path).questions()]
    assert types == [
        ("a", "select_one", "yn"), ("b", "select_multiple", "yn"), ("c", "select_multiple", "yn"),
        ("d", "select_one", "yn"), ("e", "text", None), ("f", "integer", None),
        ("g", "decimal", None), ("h", "date", None),
    ]


def test_or_other_adds_choice_and_specify_question(tmp_path):
    path = write_xlsform(tmp_path / "other.xlsx", survey="""
        | type                       | name | label::English (en) |
        | select_multiple yn or_other | src  | Sources             |
    """, choices=YN)
    form = read_xlsform(path)
    src, other = form.questions()
    assert form.choices_for(src).names() == ("yes", "no", "other")
    assert form.choices_for(src).get("other").label("English (en)") == "Other"
    assert (other.name, other.type, other.row) == ("src_other", "text", 2)
    assert other.relevant == "selected(../src, 'other')"  # pyxform's own or_other question


def test_metadata_types_are_read_with_their_meaning(tmp_path):
    path = write_xlsform(tmp_path / "meta.xlsx", survey="""
        | type         | name     | label |
        | start        | start    |       |
        | deviceid     | deviceid |       |
        | phone number | phone    | Phone |
        | text         | a        | A     |
        | username     | user     |       |
        | audit        | audit    |       |
        | today        | day      |       |
    """)
    form = read_xlsform(path)
    types = [(q.name, q.type, q.holds_answer) for q in form.questions()]
    # pyxform: 'phone number' is a text question asked of the respondent, unlike 'phonenumber'
    assert types == [("start", "start", False), ("deviceid", "deviceid", False),
                     ("phone", "text", True), ("a", "text", True), ("user", "username", False),
                     ("day", "today", False)]
    # pyxform moves 'audit' into its meta group, which fieldapp does not keep: never recorded
    assert "audit" not in {q.name for q in form.questions()}


def test_every_xlsform_type_is_accepted_with_its_laptop_behaviour(tmp_path):
    path = write_xlsform(tmp_path / "types.xlsx", survey="""
        | type                       | name | label | parameters           | appearance        |
        | time                       | t    | T     |                      |                   |
        | dateTime                   | dt   | DT    |                      |                   |
        | range                      | r    | R     | start=1 end=5 step=1 |                   |
        | rank yn                    | rk   | Rank  |                      |                   |
        | barcode                    | bc   | Code  |                      |                   |
        | acknowledge                | ack  | OK?   |                      |                   |
        | hidden                     | h    |       |                      |                   |
        | geopoint                   | gp   | Where |                      |                   |
        | geoshape                   | gs   | Area  |                      | typed-coordinates |
        | image                      | img  | Photo |                      |                   |
        | audio                      | au   | Sound |                      |                   |
        | background-audio           | ba   |       |                      |                   |
        | file                       | f    | File  |                      |                   |
        | note                       | n    | Note  |                      |                   |
    """, choices=YN)
    form = read_xlsform(path)
    q = {x.name: x for x in form.questions()}
    assert [q[n].type for n in q] == [
        "time", "dateTime", "range", "rank", "barcode", "acknowledge", "calculate", "geopoint",
        "geoshape", "image", "audio", "background-audio", "file", "note"]
    assert dict(q["r"].parameters) == {"end": "5", "start": "1", "step": "1"}
    assert q["gp"].not_recorded and not q["gp"].holds_answer
    assert q["gs"].typed_location and q["gs"].holds_answer and not q["gs"].not_recorded
    # media answers since issue #16: kept in the store, the answer is their reference
    assert all(q[n].is_media and q[n].holds_answer and not q[n].not_recorded for n in ("img", "au", "ba", "f"))
    assert q["rk"].list_name == "yn" and q["rk"].is_select
    assert q["h"].calculation == "''"  # pyxform's hidden: a calculate (of its default)
    assert q["gp"].stored and q["img"].stored and not q["n"].stored


def test_the_same_name_in_two_groups_is_allowed_as_pyxform_allows_it(tmp_path):
    path = write_xlsform(tmp_path / "dup.xlsx", survey="""
        | type        | name   | label  |
        | begin group | mother | Mother |
        | integer     | age    | Age    |
        | end group   |        |        |
        | begin group | father | Father |
        | integer     | age    | Age    |
        | end group   |        |        |
    """)
    form = read_xlsform(path)
    assert [(q.name, q.xlsform_name, q.row) for q in form.questions()] == [
        ("mother/age", "age", 3), ("father/age", "age", 6)]


def test_curly_quotes_in_expressions_are_straightened_by_pyxform(tmp_path):
    path = write_xlsform(tmp_path / "quotes.xlsx", survey="""
        | type          | name | label | relevant                |
        | select_one yn | a    | A     |                         |
        | text          | b    | B     | ${a} = ‘yes’  |
    """, choices=YN)
    assert read_xlsform(path).question("b").relevant == "${a} = 'yes'"


def test_bind_columns_are_read(tmp_path):
    path = write_xlsform(tmp_path / "bind.xlsx", survey="""
        | type    | name | label | bind::relevant | bind::constraint | bind::jr:constraintMsg |
        | integer | a    | A     |                |                  |                        |
        | integer | b    | B     | ${a} > 1       | . < 10           | under ten              |
    """)
    b = read_xlsform(path).question("b")
    assert (b.relevant, b.constraint, dict(b.constraint_message)) == (
        "${a} > 1", ". < 10", {"default": "under ten"})


def test_calculation_on_any_type_and_dynamic_default(tmp_path):
    path = write_xlsform(tmp_path / "calc.xlsx", survey="""
        | type    | name | label | calculation | default  |
        | integer | a    | A     |             |          |
        | integer | b    | B     | ${a} * 2    |          |
        | date    | d    | D     |             | today()  |
    """)
    form = read_xlsform(path)
    assert form.question("b").calculation == "${a} * 2"
    from fieldapp.forms.xlsform import dynamic_defaults

    assert dynamic_defaults(form) == {"d"}


def test_groups_repeats_and_paths(tmp_path):
    path = write_xlsform(tmp_path / "groups.xlsx", survey="""
        | type         | name     | label    | appearance | relevant      |
        | integer      | n        | N        |            |               |
        | begin group  | profile  | Profile  | field-list | ${n} > 0      |
        | text         | a        | A        |            |               |
        | begin_group  | inner    |          |            |               |
        | text         | b        | B        |            |               |
        | end_group    |          |          |            |               |
        | end group    |          |          |            |               |
        | begin repeat | children | Children |            |               |
        | integer      | child_age| Age      |            |               |
        | end repeat   |          |          |            |               |
    """)
    form = read_xlsform(path)
    profile, children = [n for n in form.root.children if isinstance(n, Group)]
    assert profile.field_list and profile.relevant == "${n} > 0" and profile.row == 3
    assert not profile.repeat and children.repeat
    assert form.question("b").path == ("profile", "inner")
    assert form.question("child_age").path == ("children",)
    assert [n.name for n in form.nodes()] == ["n", "profile", "a", "inner", "b", "children", "child_age"]


def test_choice_filter_and_duplicates_allowed_by_setting(tmp_path):
    path = write_xlsform(tmp_path / "cascade.xlsx", survey="""
        | type              | name   | label  | choice_filter  |
        | select_one states | state  | State  |                |
        | select_one cities | city   | City   | ${state} = st  |
    """, choices="""
        | list_name | name  | label | st |
        | states    | a     | A     |    |
        | states    | b     | B     |    |
        | cities    | x     | X     | a  |
        | cities    | x     | X     | b  |
    """, settings={"allow_choice_duplicates": "yes"})
    form = read_xlsform(path)
    assert form.question("city").choice_filter == "${state} = st"
    assert [dict(c.extra) for c in form.choice_lists["cities"].choices] == [{"st": "a"}, {"st": "b"}]


# -- refusals -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("survey", "row", "fragment"),
    [
        ("| text | a | A |\n| text | a | A2 |", 3, "'a'"),
        ("| selct_one yn | b | B |", 2, "selct_one"),
        ("| select_one colors | c | C |", 2, "colors"),
        ("| integer |  | D |", 2, "no name"),
        ("| begin group | g | G |\n| text | a | A |", None, "group"),
        ("| calculate | g |  |", 2, "calculation"),
    ],
)
def test_pyxform_refusals_are_one_located_sentence(tmp_path, survey, row, fragment):
    path = write_xlsform(tmp_path / "bad.xlsx", survey="| type | name | label |\n" + survey,
                         choices=YN)
    errors = check_xlsform(path)
    assert len(errors) == 1 and errors[0].code == "pyxform", [str(e) for e in errors]
    assert "the XLSForm converter (pyxform) refuses it" in str(errors[0])
    assert fragment in str(errors[0])
    if row is not None:
        assert errors[0].row == row and f"row {row}]" in str(errors[0])
    assert "http" not in str(errors[0])  # no links an offline laptop cannot open


def test_a_refusal_pyxform_gives_for_several_rows_names_each_row_once(tmp_path):
    # pyxform lists one sentence per duplicate choice row (RHoMIS: rows 67, 68, 69 of its
    # choices); each is its own located problem, not one sentence repeated
    path = write_xlsform(tmp_path / "dup.xlsx", survey="""
        | type          | name | label |
        | select_one yn | a    | A     |
    """, choices="""
        | list_name | name | label |
        | yn        | yes  | Yes   |
        | yn        | yes  | Yes 2 |
        | yn        | no   | No    |
        | yn        | no   | No 2  |
    """)
    errors = check_xlsform(path)
    assert [(e.code, e.sheet, e.row) for e in errors] == [("pyxform", "choices", 3), ("pyxform", "choices", 5)]
    for e in errors:
        assert str(e).count("Choice names must be unique") == 1


def test_all_of_our_own_errors_are_collected_with_rows(tmp_path):
    path = write_xlsform(tmp_path / "bad.xlsx", survey="""
        | type              | name  | label | relevant        | calculation | default |
        | text              | a     | A     |                 |             |         |
        | integer           | f     | F     | ${a} >          |             |         |
        | select_one yn     | g     | G     |                 |             | maybe   |
        | integer           | h     | H     |                 |             | 1.5     |
        | calculate         | c     |       |                 | ${c} + 1    |         |
    """, choices=YN)
    errors = errors_of(path)
    got = [(e.code, e.row) for e in errors]
    assert got == [("bad-expression", 3), ("bad-default", 4), ("bad-default", 5), ("cycle", 6)]
    text = [str(e) for e in errors]
    assert "is not a valid expression" in text[0]
    assert "the default 'maybe' is not a valid answer to this select_one question" in text[1]
    assert str(FormErrors(errors, "bad.xlsx")).startswith("bad.xlsx: [sheet survey, row 3]")
    assert [(e.code, e.row) for e in check_xlsform(path)] == got


def test_every_expression_column_is_parsed(tmp_path):
    path = write_xlsform(tmp_path / "expr.xlsx", survey="""
        | type          | name | label | required   | constraint | choice_filter | calculation |
        | integer       | a    | A     | ${a} = =   |            |               |             |
        | integer       | b    | B     |            | . <        |               |             |
        | select_one yn | c    | C     |            |            | name = (      |             |
        | calculate     | d    |       |            |            |               | foo(1)      |
    """, choices=YN)
    errors = errors_of(path)
    assert [(e.code, e.row) for e in errors] == [("bad-expression", r) for r in (2, 3, 4, 5)]
    assert "required '${a} = =' is not a valid expression" in str(errors[0])
    assert "unknown function 'foo()'" in str(errors[3])


def test_bare_names_outside_choice_filter_are_a_warning(tmp_path):
    # A bare name is a child path of the question in XPath (empty in ODK); pyxform and
    # JavaRosa accept it, so fieldapp accepts it too, and says it is probably a mistake.
    from fieldapp.forms.xlsform import form_warnings

    path = write_xlsform(tmp_path / "bare.xlsx", survey="""
        | type    | name | label | relevant  |
        | text    | a    | A     |           |
        | text    | b    | B     | a = true  |
    """)
    form = read_xlsform(path)
    texts = [w.english() for w in form_warnings(form)]
    assert any("row 3" in t and "'a' is not a value; write ${a}" in t for t in texts), texts


def test_references_in_labels_are_checked_by_pyxform(tmp_path):
    path = write_xlsform(tmp_path / "label.xlsx", survey="""
        | type  | name  | label                 |
        | start | start |                       |
        | text  | name  | Name                  |
        | note  | n1    | Hello ${name}         |
        | note  | n2    | Hello ${nmae}         |
        | note  | n3    | Started at ${start}   |
    """)
    errors = errors_of(path)
    assert [e.code for e in errors] == ["pyxform"]
    assert "nmae" in str(errors[0])


@pytest.mark.parametrize(
    ("survey", "row", "fragment"),
    [
        ("""
        | type      | name | label | calculation |
        | calculate | x    |       | ${y} + 1    |
        | calculate | y    |       | ${x} + 1    |
        """, 2, "x -> y -> x"),
        ("""
        | type      | name | label | calculation |
        | calculate | x    |       | ${x} + 1    |
        """, 2, "'x' depends on itself"),
        ("""
        | type        | name | label | relevant   | calculation |
        | integer     | a    | A     | ${c} > 1   |             |
        | calculate   | c    |       |            | ${a} * 2    |
        """, 2, "a -> c -> a"),
        ("""
        | type        | name | label | relevant   |
        | begin group | g    | G     | ${inner} = 1 |
        | integer     | inner| I     |            |
        | end group   |      |       |            |
        """, 3, "'inner' depends on itself"),
    ],
)
def test_dependency_cycles_are_refused(tmp_path, survey, row, fragment):
    path = write_xlsform(tmp_path / "cycle.xlsx", survey=survey)
    err = only_error(path, "cycle")
    assert err.row == row and fragment in str(err)


def test_chains_without_cycles_are_fine(tmp_path):
    path = write_xlsform(tmp_path / "chain.xlsx", survey="""
        | type      | name | label | calculation | relevant  | constraint |
        | integer   | a    | A     |             |           | . > ${c}   |
        | calculate | b    |       | ${a} + 1    |           |            |
        | calculate | c    |       | ${b} + 1    | ${a} > 0  |            |
    """)
    assert [q.name for q in read_xlsform(path).questions()] == ["a", "b", "c"]


def test_choice_checks_are_pyxform_s(tmp_path):
    path = write_xlsform(tmp_path / "choices.xlsx", survey="""
        | type                 | name | label |
        | select_one src       | s    | S     |
    """, choices="""
        | list_name | name       | label |
        | src       | dvd        | DVD   |
        | src       | dvd        | DVD 2 |
    """)
    errors = errors_of(path)
    assert [(e.code, e.sheet, e.row) for e in errors] == [("pyxform", "choices", 3)]
    assert "unique" in str(errors[0])


def test_spaces_in_choice_names_are_fine_for_select_one(tmp_path):
    path = write_xlsform(tmp_path / "space.xlsx", survey="""
        | type            | name | label |
        | select_one prov | p    | P     |
    """, choices="""
        | list_name | name          | label |
        | prov      | north hamgyong | North Hamgyong |
    """)
    assert read_xlsform(path).choice_lists["prov"].names() == ("north hamgyong",)


def test_flags_and_defaults(tmp_path):
    path = write_xlsform(tmp_path / "flags.xlsx", survey="""
        | type    | name | label | private | read_only | default   |
        | text    | a    | A     | yes     |           |           |
        | integer | c    | C     |         |           | ${a}      |
        | integer | d    | D     | 1       | yes       | 5         |
    """)
    form = read_xlsform(path)
    assert form.question("a").private and not form.question("c").private
    assert form.question("d").read_only and form.question("d").default == "5"


def test_media_columns_are_accepted(tmp_path):
    path = write_xlsform(tmp_path / "media.xlsx", survey="""
        | type | name | label | image   |
        | note | n    | Look  | map.png |
    """)
    assert read_xlsform(path).question("n").label() == "Look"


def test_unreadable_inputs(tmp_path):
    with pytest.raises(FormErrors, match="is not a readable .xlsx workbook"):
        read_xlsform(b"type,name\ntext,a\n", name="paper.csv")
    with pytest.raises(FormErrors, match="Cannot read"):
        read_xlsform(tmp_path / "missing.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "questions"
    wb.save(tmp_path / "nosurvey.xlsx")
    with pytest.raises(FormErrors, match="survey"):
        read_xlsform(tmp_path / "nosurvey.xlsx")


def test_bytes_input_uses_name_as_default_id(tmp_path):
    path = write_xlsform(tmp_path / "x.xlsx", survey="""
        | type | name | label |
        | text | a    | A     |
    """)
    form = read_xlsform(path.read_bytes(), name="memory_form")
    assert form.form_id == "memory_form"
    assert form.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_numbers_and_booleans_in_cells_read_as_text(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "required"])
    ws.append(["note", "n", 1.0, True])
    ws.append(["select_one codes", "c", "Code", False])
    wc = wb.create_sheet("choices")
    wc.append(["list_name", "name", "label"])
    wc.append(["codes", 1, "One"])
    wc.append(["codes", 2.0, "Two"])
    ws2 = wb.create_sheet("settings")
    ws2.append(["version"])
    ws2.append([2024010101])
    wb.save(tmp_path / "cells.xlsx")
    form = read_xlsform(tmp_path / "cells.xlsx")
    assert form.version == "2024010101"
    n, c = form.questions()
    assert n.label() == "1" and n.required == "true()" and c.required is None
    assert form.choice_lists["codes"].names() == ("1", "2")


# -- canonical JSON -------------------------------------------------------------------------------

def test_form_json_round_trip_is_exact_and_canonical(tmp_path):
    from fieldapp.forms.serialize import form_from_json, form_to_json

    path = write_xlsform(tmp_path / "rich.xlsx", survey="""
        | type                    | name   | label::English (en) | label::Korean (ko) | hint::Korean (ko) | required | relevant         | constraint | calculation   | appearance | private | seal | default | choice_filter |
        | select_one yn or_other  | c      | Consent?            | 동의?              | 힌트              | yes      |                  |            |               |            |         | yes  | yes     |               |
        | begin group             | g      | Group               | 그룹               |                   |          | ${c} = 'yes'     |            |               | field-list |         |      |         |               |
        | integer                 | age    | Age                 | 나이               |                   | ${c}='yes' |                |  . > 14    |               |            | yes     |      |         |               |
        | begin repeat            | kids   | Kids                |                    |                   |          |                  |            |               |            |         |      |         |               |
        | text                    | kid    | Kid                 |                    |                   |          |                  |            |               |            |         |      |         |               |
        | end repeat              |        |                     |                    |                   |          |                  |            |               |            |         |      |         |               |
        | end group               |        |                     |                    |                   |          |                  |            |               |            |         |      |         |               |
        | calculate               | adult  |                     |                    |                   |          |                  |            | ${age} >= 18  |            |         |      |         |               |
        | select_one yn           | again  | Again?              |                    |                   |          |                  |            |               |            |         |      |         | name != 'no'  |
    """, choices=YN, settings={"form_id": "rich", "version": "3"})
    form = read_xlsform(path)
    text = form_to_json(form)
    again = form_from_json(text)
    assert again == form
    assert form_to_json(again) == text
    assert list(again.choice_lists) == list(form.choice_lists)
    assert [n.name for n in again.nodes()] == [n.name for n in form.nodes()]
    assert again.question("age").path == ("g",) and again.question("kid").path == ("g", "kids")
    assert again.question("c").seal and again.question("age").private
    assert "동의?" in text  # UTF-8 kept as text, not \\u escapes
    # canonical: reading the same workbook twice gives the same bytes
    assert form_to_json(read_xlsform(path)) == text


def test_damaged_or_future_definitions_are_refused_clearly():
    import json

    from fieldapp.errors import FormError
    from fieldapp.forms.serialize import form_from_json

    with pytest.raises(FormError, match="damaged: not JSON"):
        form_from_json("{not json")
    with pytest.raises(FormError, match="has format 99"):
        form_from_json(json.dumps({"format": 99}))
    with pytest.raises(FormError, match="missing or malformed field"):
        form_from_json(json.dumps({"format": 1, "form_id": "x"}))
