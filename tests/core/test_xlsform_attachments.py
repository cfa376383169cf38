"""Attached files (select_one_from_file, pulldata): installed with the form, covered by its hash."""

from __future__ import annotations

import hashlib

import pytest

from fieldapp.engine.interview import Interview
from fieldapp.errors import FormErrors
from fieldapp.forms.serialize import form_from_json, form_to_json
from fieldapp.forms.xlsform import check_xlsform, form_warnings, read_xlsform
from tests.xlsform_builder import write_xlsform

SURVEY = """
| type                            | name   | label  | calculation                                   | choice_filter |
| select_one_from_file cities.csv | city   | City   |                                               | country = 'kp' |
| calculate                       | pop    |        | pulldata('people', 'population', 'city', ${city}) |            |
| note                            | shown  | ${pop} |                                               |               |
"""
CITIES = "name,label,country\npyongyang,Pyongyang,kp\nseoul,Seoul,kr\nhamhung,Hamhung,kp\n"
PEOPLE = "city,population\npyongyang,3000000\nhamhung,700000\n"


@pytest.fixture()
def folder(tmp_path):
    write_xlsform(tmp_path / "f.xlsx", SURVEY, settings={"form_id": "att", "version": "1"})
    (tmp_path / "cities.csv").write_text(CITIES, encoding="utf-8")
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    return tmp_path


def test_files_beside_the_workbook_are_installed_with_the_form(folder):
    form = read_xlsform(folder / "f.xlsx", require_attachments=True)
    assert set(form.attachments) == {"cities.csv", "people.csv"}
    assert form.choice_lists["cities.csv"].names() == ("pyongyang", "seoul", "hamhung")
    again = form_from_json(form_to_json(form))  # the rows travel with the stored definition
    assert again == form and again.attachments["people.csv"][0]["population"] == "3000000"
    iv = Interview.start(form)
    assert [c.name for c in iv.choices(form.question("city"))] == ["pyongyang", "hamhung"]
    iv.set_answer("city", "hamhung")
    assert iv.value("pop") == "700000"


def test_the_hash_covers_the_attached_files(folder):
    before = read_xlsform(folder / "f.xlsx").source_sha256
    assert before != hashlib.sha256((folder / "f.xlsx").read_bytes()).hexdigest()
    (folder / "people.csv").write_text(PEOPLE.replace("700000", "700001"), encoding="utf-8")
    assert read_xlsform(folder / "f.xlsx").source_sha256 != before


def test_a_missing_file_is_a_warning_for_check_and_an_error_for_install(folder, tmp_path_factory):
    (folder / "people.csv").unlink()
    assert check_xlsform(folder / "f.xlsx") == []
    form = read_xlsform(folder / "f.xlsx")
    assert any("people.csv" in w.english() for w in form_warnings(form))
    with pytest.raises(FormErrors) as info:
        read_xlsform(folder / "f.xlsx", require_attachments=True)
    (err,) = info.value.errors
    assert err.code == "missing-attachment" and err.row == 3 and "people.csv" in str(err)
    media = tmp_path_factory.mktemp("media")
    (media / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (media / "cities.csv").write_text(CITIES, encoding="utf-8")
    assert read_xlsform(folder / "f.xlsx", media=media, require_attachments=True).attachments
