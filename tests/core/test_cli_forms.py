"""`fieldapp form check/add/list` as a user runs them (ARCHITECTURE s.8)."""

from __future__ import annotations

import pytest

from fieldapp.cli import main
from fieldapp.resources import reference_questionnaire
from tests.core.storetools import PASSPHRASE
from tests.xlsform_builder import write_xlsform


def test_reference_survey_is_accepted(capsys):
    assert main(["form", "check", str(reference_questionnaire())]) == 0
    out = capsys.readouterr().out
    assert "escapee_survey_2017" in out and "Korean (ko)" in out


def test_bad_calculation_vector_is_refused_naming_row_2(vectors, capsys):
    assert main(["form", "check", str(vectors / "xlsforms" / "invalid_bad_calc.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "not accepted" in err
    assert "Warning" not in err  # openpyxl's warnings are not the user's business


@pytest.mark.parametrize(
    ("survey", "row", "words"),
    [
        ("| type | name | label |\n| selec_one yn | a | A |", 2, "type"),
        ("| type | name | label |\n| select_one nolist | a | A |", 2, "nolist"),
        ("| type | name | label |\n| text | a | A |\n| text | a | B |", 3, "unique"),
        ("| type | name | label | relevant |\n| text | a | A | ${ghost} = 1 |", 2, "ghost"),
        ("| type | name | label |\n| begin group | g | G |\n| text | a | A |", 2, "group"),
        ("| type | name | label | constraint |\n| integer | a | A | . >> 3 |", 2, "constraint"),
        ("| type | name | calculation |\n| calculate | a | ${b} + 1 |\n| calculate | b | ${a} + 1 |", 2, "cycle"),
    ],
)
def test_broken_forms_exit_1_naming_the_row(tmp_path, capsys, survey, row, words):
    choices = "| list_name | name | label |\n| yn | yes | Yes |"
    path = write_xlsform(tmp_path / "f.xlsx", survey, choices)
    assert main(["form", "check", str(path)]) == 1
    err = capsys.readouterr().err.lower()
    assert f"row {row}" in err and words in err


def test_space_in_a_select_multiple_choice_name(tmp_path, capsys):
    path = write_xlsform(tmp_path / "f.xlsx", "| type | name | label |\n| select_multiple c | a | A |",
                         "| list_name | name | label |\n| c | two words | Two |")
    assert main(["form", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "[sheet choices, row 2]" in err and "spaces" in err


def test_form_add_refuses_same_version_with_different_content(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", PASSPHRASE)
    store = tmp_path / "s"
    assert main(["init", str(store), "--role", "interviewer"]) == 0
    v1 = write_xlsform(tmp_path / "a.xlsx", "| type | name | label |\n| text | a | A |", None,
                       {"form_id": "f", "version": "1"})
    assert main(["form", "add", str(store), str(v1)]) == 0
    assert main(["form", "add", str(store), str(v1)]) == 0
    assert "already installed (same content)" in capsys.readouterr().out
    changed = write_xlsform(tmp_path / "b.xlsx", "| type | name | label |\n| text | a | Changed |", None,
                            {"form_id": "f", "version": "1"})
    assert main(["form", "add", str(store), str(changed)]) == 1
    assert "new version" in capsys.readouterr().err
    assert main(["form", "list", str(store)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[0].startswith("f\t1\t")
