"""Tests of the bundled reference questionnaire (resources/questionnaires/escapee-survey-2017.xlsx).

They read the workbook the way a user's copy of the app does (openpyxl, then pyxform and
our own reader when present) and check what an interviewer or analyst relies on: consent
first and gating everything, both languages everywhere, the report's choice lists, the
paired 2007/now questions, private interviewer notes and no identifying questions.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[2]
QDIR = REPO / "resources" / "questionnaires"
WORKBOOK = QDIR / "escapee-survey-2017.xlsx"
EN, KO = "English (en)", "Korean (ko)"
CONSENTED = "${consent} = 'yes'"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
REF = re.compile(r"\$\{([^}]+)\}")

SPEC_PROVINCES = [
    ("north_hamgyong", "함경북도"),
    ("south_hamgyong", "함경남도"),
    ("ryanggang", "양강도"),
    ("chagang", "자강도"),
    ("north_pyongan", "평안북도"),
    ("south_pyongan", "평안남도"),
    ("pyongyang", "평양"),
    ("north_hwanghae", "황해북도"),
    ("south_hwanghae", "황해남도"),
    ("kangwon", "강원도"),
    ("rason", "라선"),
    ("nampo", "남포"),
    ("prefer_not_to_say", "밝히고 싶지 않음"),
]


def _records(ws) -> list[dict[str, str]]:
    rows = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows)]
    out = []
    for excel_row, values in enumerate(rows, start=2):
        rec = {h: ("" if v is None else str(v).strip()) for h, v in zip(header, values) if h}
        if any(rec.values()):
            rec["_row"] = str(excel_row)
            out.append(rec)
    return out


@pytest.fixture(scope="module")
def book() -> dict[str, list[dict[str, str]]]:
    wb = openpyxl.load_workbook(WORKBOOK, read_only=True)
    try:
        return {name: _records(wb[name]) for name in ("survey", "choices", "settings")}
    finally:
        wb.close()


@pytest.fixture(scope="module")
def survey(book):
    return book["survey"]


@pytest.fixture(scope="module")
def choices(book) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    for rec in book["choices"]:
        lists.setdefault(rec["list_name"], []).append(rec)
    return lists


@pytest.fixture(scope="module")
def fields(survey) -> dict[str, dict[str, str]]:
    """Every named non-group row, with '_groups' set to its enclosing group names."""
    stack: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for rec in survey:
        kind = rec["type"].lower()
        if kind.startswith("begin"):
            stack.append(rec["name"])
        elif kind.startswith("end"):
            stack.pop()
        else:
            out[rec["name"]] = {**rec, "_groups": "/".join(stack)}
    assert not stack, f"unclosed groups: {stack}"
    return out


def _groups(survey) -> dict[str, dict[str, str]]:
    return {r["name"]: r for r in survey if r["type"].lower().startswith("begin")}


def _list_name(rec) -> str:
    return rec["type"].split()[1]


# ------------------------------------------------------------------- structure and settings
def test_workbook_has_the_xlsform_sheets_and_columns(book):
    wb = openpyxl.load_workbook(WORKBOOK, read_only=True)
    try:
        assert {"survey", "choices", "settings"} <= set(wb.sheetnames)
        header = [c for c in next(wb["survey"].iter_rows(values_only=True)) if c]
    finally:
        wb.close()
    for col in (
        "type", "name", f"label::{EN}", f"label::{KO}", f"hint::{EN}", f"hint::{KO}",
        "required", "relevant", "constraint", f"constraint_message::{EN}",
        f"constraint_message::{KO}", "appearance", "calculation", "private",
    ):
        assert col in header, col


def test_settings_identify_the_form_and_default_to_english(book):
    (settings,) = book["settings"]
    assert settings["form_id"] == "escapee_survey_2017"
    assert settings["version"].startswith("2017")
    assert settings["default_language"] == EN
    assert HANGUL.search(settings["form_title"]) and "2007" in settings["form_title"]


def test_committed_workbook_is_what_the_build_script_produces(tmp_path):
    # The workbook must never be hand-edited: the build script is the source of truth, and
    # the bytes are stable so the store's recorded form hash does not change on a rebuild.
    spec = importlib.util.spec_from_file_location("build_reference", QDIR / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build_bytes() == module.build_bytes()
    assert module.build_bytes() == WORKBOOK.read_bytes(), (
        "escapee-survey-2017.xlsx is stale: run resources/questionnaires/build_reference.py"
    )


def test_field_names_are_unique_snake_case(survey):
    names = [r["name"] for r in survey if r.get("name")]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


# ------------------------------------------------------------------- consent
def test_consent_is_the_first_question_and_required(survey):
    first = survey[0]
    assert first["name"] == "consent"
    assert first["type"] == "select_one yes_no"
    assert first["required"] == "yes"
    assert first["relevant"] == ""


def test_every_later_question_sits_in_a_group_shown_only_with_consent(survey, fields):
    groups = _groups(survey)
    top_level = []
    depth = 0
    for rec in survey[1:]:
        kind = rec["type"].lower()
        if kind.startswith("begin"):
            if depth == 0:
                top_level.append(rec)
            depth += 1
        elif kind.startswith("end"):
            depth -= 1
        elif depth == 0:
            # Only the 'consent refused' note may stand outside a group, shown on 'no'.
            assert rec["name"] == "consent_refused_note"
            assert rec["relevant"] == "${consent} = 'no'"
    assert len(top_level) >= 8  # profile, six sections, closing
    for g in top_level:
        assert g["relevant"] == CONSENTED, g["name"]
    for name, rec in fields.items():
        if name in ("consent", "consent_refused_note"):
            continue
        outer = rec["_groups"].split("/")[0]
        assert outer and groups[outer]["relevant"] == CONSENTED, name


def test_refusal_note_says_the_interview_ends(fields):
    note = fields["consent_refused_note"]
    assert note["type"] == "note"
    assert "interview ends" in note[f"label::{EN}"]
    assert "종료" in note[f"label::{KO}"]


# ------------------------------------------------------------------- languages
def test_every_label_hint_and_message_is_in_both_languages(survey, choices):
    for rec in survey:
        kind = rec["type"].lower()
        if kind.startswith("end") or kind == "calculate":
            continue
        where = f"survey row {rec['_row']} ({rec['name']})"
        assert rec[f"label::{EN}"], where
        assert HANGUL.search(rec[f"label::{KO}"]), where
        assert bool(rec[f"hint::{EN}"]) == bool(rec[f"hint::{KO}"]), where
        if rec[f"hint::{KO}"]:
            assert HANGUL.search(rec[f"hint::{KO}"]), where
        if rec["constraint"]:
            assert rec[f"constraint_message::{EN}"], where
            assert HANGUL.search(rec[f"constraint_message::{KO}"]), where
    for list_name, items in choices.items():
        for c in items:
            where = f"choice {list_name}/{c['name']}"
            assert c[f"label::{EN}"], where
            assert HANGUL.search(c[f"label::{KO}"]), where


def test_korean_questions_use_formal_polite_endings(fields):
    # What is read aloud to the respondent ends in the formal polite style (합쇼체):
    # ~습니까? / ~십니까?, the request ~주십시오., or ~니다. after a definition, as a Korean
    # NGO addresses an adult (a trailing "(...)" aside is for the interviewer).
    # Interviewer-only rows are worded as labels.
    interviewer_only = {"consent", "respondent_type", "gender", "interviewer_notes"}
    for name, rec in fields.items():
        kind = rec["type"].split()[0]
        if kind in ("select_one", "select_multiple", "integer", "text") and (
            name not in interviewer_only
        ):
            ko = re.sub(r"\s*\([^()]*\)$", "", rec[f"label::{KO}"])
            assert re.search(r"(니까\?|십시오\.|니다\.)$", ko), (name, ko)
            assert not re.search(r"(해요|세요|어요|니\?)$", ko), (name, ko)
    assert fields["kkotjebi_change"][f"label::{KO}"].count("꽃제비") == 1
    assert "자의적 구금" in fields["detention_change"][f"label::{KO}"]
    assert "정치범수용소" in fields["prison_camp_change"][f"label::{KO}"]
    assert "공개처형" in fields["public_execution_change"][f"label::{KO}"]
    assert "인권" in fields["hr_knowledge"][f"label::{KO}"]


# ------------------------------------------------------------------- choice lists
def test_every_select_list_exists(fields, choices):
    for name, rec in fields.items():
        if rec["type"].startswith("select_"):
            assert _list_name(rec) in choices, name


def test_every_substantive_question_offers_dont_know(fields, choices):
    for name, rec in fields.items():
        if rec["type"].startswith("select_") and rec["_groups"].startswith("section_"):
            names = [c["name"] for c in choices[_list_name(rec)]]
            assert "dont_know" in names, name


def test_province_list_matches_the_spec(fields, choices):
    assert _list_name(fields["province"]) == "provinces"
    got = [(c["name"], c[f"label::{KO}"]) for c in choices["provinces"]]
    assert got == SPEC_PROVINCES


def test_q5_has_internet_and_exclusive_no_access(fields, choices):
    q5 = fields["info_forms"]
    assert q5["type"] == "select_multiple info_forms"
    names = [c["name"] for c in choices["info_forms"]]
    # The report shows a zero row for 'internet': the choice must exist to be counted.
    for needed in ("usb", "dvd", "mobile_phone", "radio", "internet", "other", "no_access",
                   "dont_know"):
        assert needed in names
    assert "not(selected(., 'no_access') and count-selected(.) > 1)" in q5["constraint"]
    assert "not(selected(., 'dont_know') and count-selected(.) > 1)" in q5["constraint"]
    assert fields["info_forms_other"]["relevant"] == "selected(${info_forms}, 'other')"


def test_paired_questions_share_one_list(fields):
    for stem, kind in (("leave_reason", "select_multiple"), ("criticism", "select_one")):
        then, now = fields[f"{stem}_2007"], fields[f"{stem}_now"]
        assert then["type"] == now["type"]
        assert then["type"].split()[0] == kind
        # Both halves on one page, so the interviewer asks them side by side.
        assert then["_groups"] == now["_groups"]
    for half in ("leave_reason_2007", "leave_reason_now"):
        assert "count-selected(.) <= 3" in fields[half]["constraint"]
        assert fields[f"{half}_other"]["relevant"] == f"selected(${{{half}}}, 'other')"


def test_q12_is_skipped_for_those_who_never_heard_the_term(fields):
    q12 = fields["hr_context"]
    assert q12["type"].startswith("select_multiple ")
    assert "${hr_knowledge} != 'never_heard'" in q12["relevant"]


def test_follow_up_free_texts_exist(fields):
    for name, parent in (("attitude_world_why", "attitude_world_change"),
                         ("hr_situation_cause", "hr_situation_change")):
        assert fields[name]["type"] == "text"
        assert f"${{{parent}}}" in fields[name]["relevant"]
        # Shown on the same page as the question it follows up.
        assert fields[name]["_groups"] == fields[parent]["_groups"]
    assert fields["anything_else"]["type"] == "text"


def test_profile_is_one_page(survey, fields):
    assert "field-list" in _groups(survey)["profile"]["appearance"]
    for name in ("respondent_type", "age", "gender", "province", "year_left",
                 "contact_with_family"):
        assert fields[name]["_groups"] == "profile", name
    assert fields["age"]["type"] == "integer"
    assert fields["age"]["constraint"] == ". >= 15 and . <= 110"
    assert fields["year_left"]["type"] == "integer"
    assert fields["year_left"]["constraint"].startswith(". >= 1990 and . <= ")


def test_only_interviewer_notes_are_private(fields):
    private = {n for n, r in fields.items() if r["private"].lower() in ("yes", "true", "1")}
    assert private == {"interviewer_notes"}


def test_no_question_asks_for_an_identifier(fields):
    identifying = re.compile(
        r"name|phone|address|email|birth|passport|id_?number|national_id|signature|photo|gps"
    )
    for name, rec in fields.items():
        assert not identifying.search(name), name
        assert rec["type"] not in ("geopoint", "image", "audio", "barcode"), name


def test_expression_references_point_at_earlier_fields(survey):
    seen: set[str] = set()
    for rec in survey:
        for col in ("relevant", "constraint", "calculation"):
            for ref in REF.findall(rec.get(col, "")):
                assert ref in seen, f"row {rec['_row']} {col} uses ${{{ref}}} before it exists"
        if rec.get("name"):
            seen.add(rec["name"])


def test_readme_lists_every_field(fields):
    readme = (QDIR / "README.md").read_text(encoding="utf-8")
    for name, rec in fields.items():
        assert f"`{name}`" in readme, f"README.md does not list {name}"


# ------------------------------------------------------------------- behaviour of the logic
class _Ctx:
    def __init__(self, current: object = "", **values: object) -> None:
        self._current = current
        self._values = values

    def value(self, name: str) -> object:
        return self._values.get(name, "")

    def current(self) -> object:
        return self._current

    def today(self) -> dt.date:
        return dt.date(2017, 6, 1)


@pytest.fixture(scope="module")
def expr():
    ex = pytest.importorskip("fieldapp.forms.expressions")

    def run(text: str, current: object = "", **values: object) -> object:
        return ex.parse(text).evaluate(_Ctx(current, **values))

    return run


def test_every_expression_parses(survey):
    ex = pytest.importorskip("fieldapp.forms.expressions")
    for rec in survey:
        for col in ("relevant", "constraint", "calculation"):
            if rec.get(col):
                ex.parse(rec[col])  # raises ExpressionError naming the position


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("usb radio", True),
        ("internet", True),
        ("no_access", True),
        ("dont_know", True),
        ("no_access usb", False),
        ("radio dont_know", False),
    ],
)
def test_q5_constraint_rejects_no_access_with_other_answers(fields, expr, answer, ok):
    assert bool(expr(fields["info_forms"]["constraint"], current=answer)) is ok


@pytest.mark.parametrize(
    ("answer", "ok"),
    [("food political freedom", True), ("food political freedom other", False),
     ("dont_know", True), ("dont_know food", False)],
)
def test_leave_reasons_allow_at_most_three(fields, expr, answer, ok):
    for half in ("leave_reason_2007", "leave_reason_now"):
        assert bool(expr(fields[half]["constraint"], current=answer)) is ok


@pytest.mark.parametrize(("age", "ok"), [(14, False), (15, True), (110, True), (111, False)])
def test_age_bounds(fields, expr, age, ok):
    assert bool(expr(fields["age"]["constraint"], current=age)) is ok


@pytest.mark.parametrize(("year", "ok"), [(1989, False), (1990, True), (2017, True)])
def test_year_left_bounds(fields, expr, year, ok):
    assert bool(expr(fields["year_left"]["constraint"], current=year)) is ok


@pytest.mark.parametrize(("year", "band"), [(2013, "no"), (2014, "yes"), (2017, "yes"), ("", "")])
def test_left_2014_or_later_bands_the_year(fields, expr, year, band):
    assert expr(fields["left_2014_or_later"]["calculation"], year_left=year) == band


@pytest.mark.parametrize(
    ("age", "band"), [(15, "15_29"), (29, "15_29"), (30, "30_49"), (50, "50_64"), (70, "65_plus"),
                      ("", "")],
)
def test_age_band(fields, expr, age, band):
    assert expr(fields["age_band"]["calculation"], age=age) == band


@pytest.mark.parametrize(
    ("knowledge", "asked"),
    [("never_heard", False), ("heard_not_understood", True), ("understood_fully", True),
     ("dont_know", True), ("", False)],
)
def test_q12_relevance(fields, expr, knowledge, asked):
    assert bool(expr(fields["hr_context"]["relevant"], hr_knowledge=knowledge)) is asked


@pytest.mark.parametrize(("consent", "shown"), [("yes", True), ("no", False), ("", False)])
def test_consent_gate(expr, consent, shown):
    assert bool(expr(CONSENTED, consent=consent)) is shown


# ------------------------------------------------------------------- readers
def test_pyxform_converts_without_warnings(tmp_path):
    xls2xform = pytest.importorskip("pyxform.xls2xform")
    out = tmp_path / "form.xml"
    warnings = xls2xform.xls2xform_convert(str(WORKBOOK), str(out), validate=False)
    assert warnings == []
    xml = out.read_text(encoding="utf-8")
    assert 'lang="Korean (ko)"' in xml and "escapee_survey_2017" in xml


def test_read_xlsform_loads_the_form():
    xlsform = pytest.importorskip("fieldapp.forms.xlsform")
    form = xlsform.read_xlsform(WORKBOOK)
    assert form.form_id == "escapee_survey_2017"
    assert form.default_language == EN
    assert set(form.languages) >= {EN, KO}
    questions = form.questions()
    assert questions[0].name == "consent"
    assert form.question("interviewer_notes").private
    assert not form.question("anything_else").private
    q5 = form.question("info_forms")
    assert "internet" in form.choices_for(q5).names()
    assert form.question("leave_reason_2007").list_name == form.question(
        "leave_reason_now").list_name
    assert form.question("hr_context").path[-1] == "section_human_rights"
    assert "꽃제비" in form.question("kkotjebi_change").label(form.language_key("ko"))
