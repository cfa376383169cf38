"""Owns the bundled reference questionnaire: its content, and the reproducible .xlsx build.

The escapee survey (spec: shared/reference/escapee-survey-2017.md) is written here as
Python data and written out as an XLSForm workbook with openpyxl. Edit this file, never
the workbook, then run::

    python resources/questionnaires/build_reference.py          # rewrite the workbook
    python resources/questionnaires/build_reference.py --check  # exit 1 if it is stale

The output is byte-for-byte reproducible (fixed zip timestamps and document dates), because
a store records the SHA-256 of the workbook a form came from: rebuilding an unchanged form
must not look like a new form version.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "escapee-survey-2017.xlsx"

EN = "English (en)"
KO = "Korean (ko)"

FORM_ID = "escapee_survey_2017"
VERSION = "2017.3"

SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{EN}",
    f"label::{KO}",
    f"hint::{EN}",
    f"hint::{KO}",
    "required",
    "relevant",
    "constraint",
    f"constraint_message::{EN}",
    f"constraint_message::{KO}",
    "appearance",
    "calculation",
    "private",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{EN}", f"label::{KO}")
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "default_language")

FORM_TITLE = (
    "Change in North Korea since 2007: escapee survey (2017) / "
    "2007년 이후 북한의 변화: 북한이탈주민 설문조사 (2017)"
)

# Every section after consent carries this at group level: refusing consent ends the
# interview (spec, "Respondent profile": "the interview ends if no").
CONSENTED = "${consent} = 'yes'"

DONT_KNOW = ("dont_know", "I don't know", "잘 모르겠다")
OTHER = ("other", "Other (please specify)", "기타 (구체적으로 적어 주십시오)")

NO_NAMES_HINT = (
    "Do not write down names of people or places that could identify anyone.",
    "누군가를 식별할 수 있는 사람 이름이나 구체적인 장소는 적지 마십시오.",
)


def exclusive(choice: str) -> str:
    """Constraint: ``choice`` may not be combined with any other answer of a select_multiple."""
    return f"not(selected(., '{choice}') and count-selected(.) > 1)"


# --------------------------------------------------------------------------- choices
# (name, English label, Korean label); choice names are the values stored and exported.
# The change scales share the middle name 'same' and 'dont_know' so that analysis can line
# questions up, while each list words its ends in the question's own terms (spec, "Change
# scale").
CHOICES: dict[str, list[tuple[str, str, str]]] = {
    "yes_no": [
        ("yes", "Yes", "예"),
        ("no", "No", "아니요"),
    ],
    "yes_no_pnts": [
        ("yes", "Yes", "예"),
        ("no", "No", "아니요"),
        ("prefer_not_to_say", "Prefer not to say", "밝히고 싶지 않음"),
    ],
    # The values of the two derived fields (calculates), in the tables' order: a list named
    # after a calculate labels its values (docs/tables.md, "Calculate fields"), so breakdowns
    # read "Left in 2014 or later", not "yes" (issue #15, item 5).
    "left_2014_or_later": [
        ("no", "Left before 2014", "2014년 이전에 떠남"),
        ("yes", "Left in 2014 or later", "2014년 이후에 떠남"),
    ],
    "age_band": [
        ("15_29", "Aged 15 to 29", "15-29세"),
        ("30_49", "Aged 30 to 49", "30-49세"),
        ("50_64", "Aged 50 to 64", "50-64세"),
        ("65_plus", "Aged 65 or older", "65세 이상"),
    ],
    "respondent_types": [
        ("survey", "Survey respondent", "설문 응답자"),
        ("in_depth", "In-depth interviewee", "심층 면접 대상자"),
        ("expert", "Expert", "전문가"),
    ],
    "genders": [
        ("female", "Female", "여성"),
        ("male", "Male", "남성"),
        ("prefer_not_to_say", "Prefer not to say", "밝히고 싶지 않음"),
    ],
    "provinces": [
        ("north_hamgyong", "North Hamgyong", "함경북도"),
        ("south_hamgyong", "South Hamgyong", "함경남도"),
        ("ryanggang", "Ryanggang", "양강도"),
        ("chagang", "Chagang", "자강도"),
        ("north_pyongan", "North Pyongan", "평안북도"),
        ("south_pyongan", "South Pyongan", "평안남도"),
        ("pyongyang", "Pyongyang", "평양"),
        ("north_hwanghae", "North Hwanghae", "황해북도"),
        ("south_hwanghae", "South Hwanghae", "황해남도"),
        ("kangwon", "Kangwon", "강원도"),
        ("rason", "Rason", "라선"),
        ("nampo", "Nampo", "남포"),
        ("prefer_not_to_say", "Prefer not to say", "밝히고 싶지 않음"),
    ],
    "change_better": [
        ("much_better", "A lot better", "훨씬 나아졌다"),
        ("little_better", "A little better", "조금 나아졌다"),
        ("same", "About the same", "비슷하다"),
        ("little_worse", "A little worse", "조금 나빠졌다"),
        ("much_worse", "A lot worse", "훨씬 나빠졌다"),
        DONT_KNOW,
    ],
    "change_number": [
        ("increased_lot", "Increased a lot", "많이 늘었다"),
        ("increased_little", "Increased a little", "조금 늘었다"),
        ("same", "Stayed about the same", "비슷하다"),
        ("decreased_little", "Decreased a little", "조금 줄었다"),
        ("decreased_lot", "Decreased a lot", "많이 줄었다"),
        DONT_KNOW,
    ],
    "change_common": [
        ("much_more_common", "Much more common", "훨씬 더 흔해졌다"),
        ("little_more_common", "A little more common", "조금 더 흔해졌다"),
        ("same", "About the same", "비슷하다"),
        ("little_less_common", "A little less common", "조금 드물어졌다"),
        ("much_less_common", "Much less common", "훨씬 드물어졌다"),
        DONT_KNOW,
    ],
    "change_favour": [
        ("much_more_favourable", "Much more favourable", "훨씬 더 호의적으로 변했다"),
        ("little_more_favourable", "A little more favourable", "조금 더 호의적으로 변했다"),
        ("same", "About the same", "비슷하다"),
        ("little_less_favourable", "A little less favourable", "조금 덜 호의적으로 변했다"),
        ("much_less_favourable", "Much less favourable", "훨씬 덜 호의적으로 변했다"),
        DONT_KNOW,
    ],
    "change_optimism": [
        ("much_more_optimistic", "A lot more optimistic than ten years ago",
         "10년 전보다 훨씬 더 낙관적이다"),
        ("little_more_optimistic", "A little more optimistic than ten years ago",
         "10년 전보다 조금 더 낙관적이다"),
        ("same", "About the same as ten years ago", "10년 전과 비슷하다"),
        ("little_less_optimistic", "A little less optimistic than ten years ago",
         "10년 전보다 조금 덜 낙관적이다"),
        ("much_less_optimistic", "A lot less optimistic than ten years ago",
         "10년 전보다 훨씬 덜 낙관적이다"),
        DONT_KNOW,
    ],
    "change_freedom": [
        ("much_more_freedom", "Much more freedom", "훨씬 더 자유로워졌다"),
        ("little_more_freedom", "A little more freedom", "조금 더 자유로워졌다"),
        ("same", "About the same", "비슷하다"),
        ("little_less_freedom", "A little less freedom", "조금 덜 자유로워졌다"),
        ("much_less_freedom", "Much less freedom", "훨씬 덜 자유로워졌다"),
        DONT_KNOW,
    ],
    # Q5. The report found no respondent chose 'internet'; the choice must still exist so
    # that its zero row shows in the tables.
    "info_forms": [
        ("usb", "Foreign dramas and films on USB", "USB에 담긴 외국 드라마·영화"),
        ("dvd", "Foreign dramas and films on DVD", "DVD에 담긴 외국 드라마·영화"),
        ("mobile_phone", "Contact with people outside North Korea by mobile phone",
         "휴대전화를 통한 북한 밖 사람들과의 연락"),
        ("radio", "Listening to foreign radio broadcasts", "외국 라디오 방송 청취"),
        ("internet", "Reading foreign news on the internet", "인터넷으로 외국 뉴스 읽기"),
        OTHER,
        ("no_access", "There is no access at all", "전혀 접할 수 없다"),
        DONT_KNOW,
    ],
    # Q7, asked for 2007 and for now (reconstructed list).
    "leave_reasons": [
        ("food", "Starvation / lack of food", "굶주림·식량난"),
        ("political", "Political reasons (to escape execution, torture or imprisonment)",
         "정치적 이유 (처형, 고문 또는 수감을 피하기 위해)"),
        ("opportunity",
         "Economic and educational opportunities for themselves or their children",
         "본인이나 자녀를 위한 경제적·교육적 기회"),
        ("join_family", "To join family already outside North Korea",
         "이미 북한 밖에 있는 가족과 함께 살기 위해"),
        ("freedom", "Freedom / hope for a different life", "자유, 다른 삶에 대한 희망"),
        OTHER,
        DONT_KNOW,
    ],
    # Q8, asked for 2007 and for now (reconstructed list). Labels are tenseless so the
    # one list reads right for both halves.
    "criticism_levels": [
        ("never", "Never, in public or in private",
         "전혀 비판하지 않음 (공개적으로도, 사적으로도)"),
        ("private_rarely", "Only in private, rarely", "사적으로만, 드물게 비판함"),
        ("private_often", "Often in private, never in public",
         "사적으로는 자주 비판하지만 공개적으로는 전혀 비판하지 않음"),
        ("public_and_private", "Often, in public and in private",
         "공개적으로나 사적으로나 자주 비판함"),
        DONT_KNOW,
    ],
    "leader_comparison": [
        ("kji_more_able", "Kim Jong Il was more able", "김정일이 더 유능했다"),
        ("kju_more_able", "Kim Jong Un is more able", "김정은이 더 유능하다"),
        ("equal", "Both are respected or disrespected equally",
         "두 사람 모두 똑같이 존경받거나 똑같이 존경받지 못한다"),
        DONT_KNOW,
    ],
    "hr_knowledge_levels": [
        ("never_heard", "I had never heard the term", "인권이라는 말을 들어 본 적이 없었다"),
        ("heard_not_understood", "I had heard the term but did not understand it",
         "말은 들어 봤지만 무슨 뜻인지 몰랐다"),
        ("understood_little", "I understood it a little", "조금 이해하고 있었다"),
        ("understood_fully", "I fully understood it", "충분히 이해하고 있었다"),
        ("dont_know", "I don't know / I can't remember", "잘 모르겠다 / 기억나지 않는다"),
    ],
    "hr_contexts": [
        ("conversation",
         "In conversation with a friend, family member, neighbour or colleague",
         "친구, 가족, 이웃 또는 직장 동료와의 대화에서"),
        ("government", "Government sources (newspaper, broadcast, lectures)",
         "정부 매체 (신문, 방송, 강연)"),
        ("foreign_media", "Foreign media", "외국 매체"),
        ("detention", "In detention", "구금 중에"),
        OTHER,
        DONT_KNOW,
    ],
    # Section 7 (issue #13): family still inside and detention, asked per person and per
    # episode. Relation and age group only: never a name (respondents' families are still
    # inside, SECURITY.md).
    "relations": [
        ("mother", "Mother", "어머니"),
        ("father", "Father", "아버지"),
        ("spouse", "Husband or wife", "배우자"),
        ("child", "Son or daughter", "자녀"),
        ("sibling", "Brother or sister", "형제자매"),
        ("grandparent", "Grandparent", "조부모"),
        ("grandchild", "Grandchild", "손자녀"),
        ("other_relative", "Other relative", "그 밖의 친척"),
        DONT_KNOW,
    ],
    "age_groups": [
        ("under_18", "Under 18", "18세 미만"),
        ("age_18_39", "18 to 39", "18-39세"),
        ("age_40_59", "40 to 59", "40-59세"),
        ("age_60_plus", "60 or older", "60세 이상"),
        DONT_KNOW,
    ],
    "yes_no_dk": [
        ("yes", "Yes", "예"),
        ("no", "No", "아니요"),
        DONT_KNOW,
    ],
    "yes_no_pnts_dk": [
        ("yes", "Yes", "예"),
        ("no", "No", "아니요"),
        ("prefer_not_to_say", "Prefer not to say", "밝히고 싶지 않음"),
        DONT_KNOW,
    ],
    # The facilities of the North Korean detention system as human-rights reporting names
    # them (political prison camp, prison/re-education camp, holding centres of the police
    # and of State Security, labour training camp).
    "facility_types": [
        ("kwanliso", "Political prison camp (kwanliso)", "정치범수용소 (관리소)"),
        ("kyohwaso", "Prison / re-education camp (kyohwaso)", "교화소"),
        ("jipkyulso", "Holding centre (jipkyulso)", "집결소"),
        ("labour_training", "Labour training camp (rodong danryundae)", "노동단련대"),
        ("bowibu", "State Security (bowibu) detention centre", "보위부 구류장"),
        ("police", "Police (anjeonbu) detention centre", "안전부 구류장"),
        ("china", "Detained in China before being sent back", "중국에서 구금된 뒤 강제 송환"),
        OTHER,
        DONT_KNOW,
    ],
    "durations": [
        ("under_1_week", "Less than a week", "1주일 미만"),
        ("week_to_month", "A week to a month", "1주일에서 1개월"),
        ("month_to_6_months", "One to six months", "1개월에서 6개월"),
        ("half_year_to_year", "Six months to a year", "6개월에서 1년"),
        ("year_to_5_years", "One to five years", "1년에서 5년"),
        ("over_5_years", "More than five years", "5년 이상"),
        DONT_KNOW,
    ],
    "treatments": [
        ("beating", "Beating", "구타"),
        ("forced_labour", "Forced labour", "강제 노동"),
        ("food_deprivation", "Food withheld or too little food", "식사 제한 또는 굶김"),
        ("sleep_deprivation", "Sleep deprivation", "잠 안 재우기"),
        ("stress_positions", "Forced to stay in painful positions", "고통스러운 자세 강요"),
        ("sexual_violence", "Sexual violence", "성폭력"),
        ("no_medical_care", "Medical care refused", "치료 거부"),
        ("none", "None of these", "해당 없음"),
        DONT_KNOW,
    ],
}


# --------------------------------------------------------------------------- survey
def row(type_: str, name: str, en: str = "", ko: str = "", **cols: str) -> dict[str, str]:
    """One survey row; keyword columns use short names (hint=(en, ko), message=(en, ko))."""
    out = {"type": type_, "name": name, f"label::{EN}": en, f"label::{KO}": ko}
    hint = cols.pop("hint", None)
    if hint:
        out[f"hint::{EN}"], out[f"hint::{KO}"] = hint
    message = cols.pop("message", None)
    if message:
        out[f"constraint_message::{EN}"], out[f"constraint_message::{KO}"] = message
    for key, value in cols.items():
        if key not in SURVEY_COLUMNS:
            raise ValueError(f"unknown survey column {key!r} on row {name!r}")
        out[key] = value
    return out


def end(kind: str = "group") -> dict[str, str]:
    return {"type": f"end {kind}"}


def other_text(select_name: str, en: str, ko: str) -> dict[str, str]:
    """Free-text 'please specify' follow-up, shown only when 'other' is ticked."""
    return row(
        "text", f"{select_name}_other", en, ko,
        relevant=f"selected(${{{select_name}}}, 'other')",
        hint=NO_NAMES_HINT,
    )


def change_question(name: str, list_name: str, en: str, ko: str, **cols: str) -> dict[str, str]:
    return row(f"select_one {list_name}", name, en, ko, **cols)


SURVEY: list[dict[str, str]] = [
    # Consent comes first and is the only question outside a consent-gated group.
    row(
        "select_one yes_no", "consent",
        "Consent recorded for this interview (read the consent script aloud first)",
        "본 면접에 대한 동의를 받았습니까? (먼저 동의 안내문을 소리 내어 읽어 주십시오)",
        hint=(
            "Explain before asking: taking part is voluntary; the respondent may skip any "
            "question or stop at any time; no name or other identifying detail is recorded; "
            "answers are stored encrypted and used only in anonymised reports.",
            "질문하기 전에 다음을 설명해 주십시오. 면접 참여는 자발적입니다. 응답자는 어떤 "
            "질문에도 답하지 않을 수 있으며 언제든지 면접을 중단할 수 있습니다. 이름 등 신원을 "
            "알 수 있는 정보는 기록하지 않습니다. 응답은 암호화되어 보관되며 익명 처리된 "
            "보고서에만 사용됩니다.",
        ),
        required="yes",
    ),
    row(
        "note", "consent_refused_note",
        "Consent was not given, so the interview ends here. Thank the person and do not "
        "ask any further questions.",
        "동의를 받지 못했으므로 면접은 여기서 종료됩니다. 응답자에게 감사의 뜻을 전하고 더 "
        "이상 질문하지 마십시오.",
        relevant="${consent} = 'no'",
    ),
    # ---- Respondent profile: one page.
    row(
        "begin group", "profile", "Respondent profile", "응답자 기본 정보",
        relevant=CONSENTED, appearance="field-list",
    ),
    row(
        "note", "decline_note",
        "The respondent may decline any question: leave it unanswered and go on.",
        "응답자는 어떤 질문에도 답하지 않을 수 있습니다. 이 경우 빈칸으로 두고 다음 질문으로 "
        "넘어가 주십시오.",
    ),
    row(
        "select_one respondent_types", "respondent_type", "Type of interview", "면접 유형",
        required="yes",
    ),
    row(
        "integer", "age", "How old are you? (age in years)", "나이가 어떻게 되십니까? (만 나이)",
        constraint=". >= 15 and . <= 110",
        message=(
            "Age must be a whole number from 15 to 110.",
            "나이는 15세에서 110세 사이의 숫자로 입력해 주십시오.",
        ),
    ),
    row("select_one genders", "gender", "Gender", "성별", required="yes"),
    row(
        "select_one provinces", "province",
        "What was your last province of residence in North Korea?",
        "북한에서 마지막으로 거주하신 지역(도)은 어디입니까?",
        hint=(
            "Pyongyang, Rason and Nampo are cities outside the provinces; choose them directly.",
            "평양, 라선, 남포는 도에 속하지 않으므로 해당 항목을 직접 선택해 주십시오.",
        ),
        required="yes",
    ),
    row(
        "integer", "year_left", "In what year did you leave North Korea?",
        "북한을 떠나신 해는 언제입니까?",
        hint=("A four-digit year, e.g. 2015.", "네 자리 연도로 입력해 주십시오 (예: 2015)."),
        # A fixed upper bound: today()-based year arithmetic is beyond the expression
        # language the engine promises (ARCHITECTURE.md section 6).
        constraint=". >= 1990 and . <= 2030",
        message=(
            "Enter a year from 1990 to 2030.",
            "1990년에서 2030년 사이의 연도를 입력해 주십시오.",
        ),
    ),
    row(
        "select_one yes_no_pnts", "contact_with_family",
        "Are you in regular contact with family still in North Korea?",
        "북한에 남아 있는 가족과 정기적으로 연락하고 계십니까?",
        required="yes",
    ),
    # Bands for the report's breakdowns (by year of leaving at 2014, and by age). The
    # empty guard keeps an unanswered year or age out of both bands instead of counting it
    # as 'no' / the oldest band.
    # Labelled so that tables name them in words (a calculate's label is never shown in an
    # interview).
    row(
        "calculate", "left_2014_or_later", "Year of leaving: 2014 or later", "탈북 시기: 2014년 이후",
        calculation="if(${year_left} = '', '', if(${year_left} >= 2014, 'yes', 'no'))",
    ),
    row(
        "calculate", "age_band", "Age group", "연령대",
        calculation=(
            "if(${age} = '', '', if(${age} < 30, '15_29', if(${age} < 50, '30_49', "
            "if(${age} < 65, '50_64', '65_plus'))))"
        ),
    ),
    end(),
    # ---- Section 1
    row(
        "begin group", "section_economy", "Section 1: Economic modes of survival",
        "제1부: 경제적 생존 방식", relevant=CONSENTED,
    ),
    change_question(
        "economy_change", "change_better",
        "How do you think the economic situation has changed in North Korea 2007-2017? The "
        "'economic situation' refers to whether people have a consistent and adequate "
        "income to cover their basic needs.",
        "2007년부터 2017년까지 북한의 경제 상황은 어떻게 변했다고 생각하십니까? 여기서 '경제 "
        "상황'이란 사람들이 기본적인 생활을 꾸릴 수 있을 만큼 꾸준하고 충분한 수입이 있는지를 "
        "말합니다.",
    ),
    change_question(
        "kkotjebi_change", "change_number",
        "How has the number of kkotjebi (children living on the streets without a parent or "
        "guardian) changed over the past ten years?",
        "지난 10년 동안 꽃제비(부모나 보호자 없이 거리에서 생활하는 아이들)의 수는 어떻게 "
        "변했습니까?",
    ),
    change_question(
        "corruption_change", "change_common",
        "How has corruption (especially bribery) changed over the past ten years?",
        "지난 10년 동안 부정부패(특히 뇌물)는 어떻게 변했습니까?",
    ),
    end(),
    # ---- Section 2
    row(
        "begin group", "section_information", "Section 2: Information flows",
        "제2부: 정보의 유입", relevant=CONSENTED,
    ),
    change_question(
        "info_access_change", "change_number",
        "How do you think access to information from outside North Korea has changed?",
        "북한 외부의 정보를 접할 수 있는 정도는 어떻게 변했다고 생각하십니까?",
    ),
    row(
        "begin group", "info_forms_page", "Forms of outside information",
        "외부 정보를 접하는 방식", appearance="field-list",
    ),
    row(
        "select_multiple info_forms", "info_forms",
        "If people do have access to information from outside North Korea, what form does "
        "this take? Select as many as apply.",
        "사람들이 북한 외부의 정보를 접한다면 어떤 방식으로 접합니까? 해당하는 것을 모두 "
        "선택해 주십시오.",
        constraint=f"{exclusive('no_access')} and {exclusive('dont_know')}",
        message=(
            "'There is no access at all' and 'I don't know' cannot be combined with any "
            "other answer.",
            "'전혀 접할 수 없다'와 '잘 모르겠다'는 다른 답과 함께 선택할 수 없습니다.",
        ),
    ),
    other_text(
        "info_forms", "Other form of access: please specify.",
        "기타 방식을 구체적으로 적어 주십시오.",
    ),
    end(),
    row(
        "begin group", "attitude_world_page", "Attitudes towards the outside world",
        "외부 세계에 대한 태도", appearance="field-list",
    ),
    change_question(
        "attitude_world_change", "change_favour",
        "How have North Korean people's attitudes towards the rest of the world (South Korea "
        "and the US) changed since 2007?",
        "2007년 이후 북한 주민들의 외부 세계(한국과 미국)에 대한 태도는 어떻게 변했습니까?",
    ),
    row(
        "text", "attitude_world_why", "Why do you think so?", "왜 그렇게 생각하십니까?",
        relevant="${attitude_world_change} != '' and ${attitude_world_change} != 'dont_know'",
        appearance="multiline", hint=NO_NAMES_HINT,
    ),
    end(),
    end(),
    # ---- Section 3: both halves of the paired question on one page.
    row(
        "begin group", "section_leaving", "Section 3: Leaving the country",
        "제3부: 북한 이탈", relevant=CONSENTED,
    ),
    row(
        "begin group", "leave_reasons_page", "Reasons for leaving: 2007 and now",
        "북한을 떠나는 이유: 2007년과 현재", appearance="field-list",
    ),
    row(
        "select_multiple leave_reasons", "leave_reason_2007",
        "What were most people's reasons for leaving North Korea in 2007? Select up to three.",
        "2007년 당시 사람들이 북한을 떠난 주된 이유는 무엇이었습니까? 최대 세 개까지 선택해 "
        "주십시오.",
        constraint=f"count-selected(.) <= 3 and {exclusive('dont_know')}",
        message=(
            "Select at most three reasons; 'I don't know' cannot be combined with other "
            "answers.",
            "이유는 최대 세 개까지 선택할 수 있으며, '잘 모르겠다'는 다른 답과 함께 선택할 수 "
            "없습니다.",
        ),
    ),
    other_text(
        "leave_reason_2007", "Other reason in 2007: please specify.",
        "2007년의 기타 이유를 구체적으로 적어 주십시오.",
    ),
    row(
        "select_multiple leave_reasons", "leave_reason_now",
        "And what are most people's reasons for leaving North Korea now? Select up to three.",
        "그렇다면 지금 사람들이 북한을 떠나는 주된 이유는 무엇입니까? 최대 세 개까지 선택해 "
        "주십시오.",
        constraint=f"count-selected(.) <= 3 and {exclusive('dont_know')}",
        message=(
            "Select at most three reasons; 'I don't know' cannot be combined with other "
            "answers.",
            "이유는 최대 세 개까지 선택할 수 있으며, '잘 모르겠다'는 다른 답과 함께 선택할 수 "
            "없습니다.",
        ),
    ),
    other_text(
        "leave_reason_now", "Other reason now: please specify.",
        "현재의 기타 이유를 구체적으로 적어 주십시오.",
    ),
    end(),
    end(),
    # ---- Section 4
    row(
        "begin group", "section_expression", "Section 4: Expression and criticism of the state",
        "제4부: 표현의 자유와 국가에 대한 비판", relevant=CONSENTED,
    ),
    row(
        "begin group", "criticism_page", "Criticism of the regime: 2007 and now",
        "체제에 대한 비판: 2007년과 현재", appearance="field-list",
    ),
    row(
        "select_one criticism_levels", "criticism_2007",
        "How much did people criticise the regime in 2007?",
        "2007년 당시 사람들은 체제를 얼마나 비판했습니까?",
    ),
    row(
        "select_one criticism_levels", "criticism_now",
        "And how much do people criticise the regime now?",
        "그렇다면 지금 사람들은 체제를 얼마나 비판합니까?",
    ),
    end(),
    row(
        "select_one leader_comparison", "leader_comparison",
        "Comparing Kim Jong Il and Kim Jong Un, what do most ordinary people think?",
        "김정일과 김정은을 비교할 때, 대부분의 일반 주민들은 어떻게 생각합니까?",
    ),
    change_question(
        "future_outlook", "change_optimism",
        "How do people feel about the future inside North Korea in general?",
        "전반적으로 북한 주민들은 북한의 미래에 대해 어떻게 느낍니까?",
    ),
    end(),
    # ---- Section 5
    row(
        "begin group", "section_human_rights", "Section 5: Human rights in law and practice",
        "제5부: 법과 현실에서의 인권", relevant=CONSENTED,
    ),
    row(
        "select_one hr_knowledge_levels", "hr_knowledge",
        "When you were living in North Korea, what did you know about human rights?",
        "북한에 사실 때 인권에 대해 얼마나 알고 계셨습니까?",
    ),
    # Q12 is asked only of those who heard the term; an unanswered Q11 does not open it.
    row(
        "select_multiple hr_contexts", "hr_context",
        "If you heard the term 'human rights' in North Korea, what was the context? Select as "
        "many as apply.",
        "북한에서 '인권'이라는 말을 들으셨다면 어떤 상황에서 들으셨습니까? 해당하는 것을 모두 "
        "선택해 주십시오.",
        relevant="${hr_knowledge} != 'never_heard' and ${hr_knowledge} != ''",
        constraint=exclusive("dont_know"),
        message=(
            "'I don't know' cannot be combined with any other answer.",
            "'잘 모르겠다'는 다른 답과 함께 선택할 수 없습니다.",
        ),
    ),
    other_text(
        "hr_context", "Other context: please specify.", "기타 상황을 구체적으로 적어 주십시오.",
    ),
    change_question(
        "detention_change", "change_common",
        "How has the use of arbitrary detention without trial changed since 2007?",
        "2007년 이후 재판 없는 자의적 구금은 어떻게 변했습니까?",
    ),
    change_question(
        "prison_camp_change", "change_number",
        "How has the number of people being sent to a prison camp changed between 2007 and "
        "now, as far as you know?",
        "아시는 범위에서, 2007년과 비교해 지금 정치범수용소로 보내지는 사람의 수는 어떻게 "
        "변했습니까?",
    ),
    change_question(
        "public_execution_change", "change_number",
        "How has the number of public executions changed over the past ten years?",
        "지난 10년 동안 공개처형의 횟수는 어떻게 변했습니까?",
    ),
    row(
        "begin group", "hr_situation_page", "The human rights situation in general",
        "전반적인 인권 상황", appearance="field-list",
    ),
    change_question(
        "hr_situation_change", "change_better",
        "Thinking about the human rights situation in general, how have things changed in "
        "North Korea over the past ten years?",
        "전반적인 인권 상황을 생각해 볼 때, 지난 10년 동안 북한의 상황은 어떻게 변했습니까?",
    ),
    # Only a change has a cause: not asked after 'about the same' or 'I don't know'.
    row(
        "text", "hr_situation_cause", "What do you think caused this change?",
        "이러한 변화의 원인은 무엇이라고 생각하십니까?",
        relevant=(
            "${hr_situation_change} != '' and ${hr_situation_change} != 'same' and "
            "${hr_situation_change} != 'dont_know'"
        ),
        appearance="multiline", hint=NO_NAMES_HINT,
    ),
    end(),
    end(),
    # ---- Section 6
    row(
        "begin group", "section_religion", "Section 6: Religion", "제6부: 종교",
        relevant=CONSENTED,
    ),
    change_question(
        "religious_freedom_change", "change_freedom",
        "How do you think the situation for religious believers has changed since 2007?",
        "2007년 이후 종교를 가진 사람들의 상황은 어떻게 변했다고 생각하십니까?",
    ),
    change_question(
        "religion_awareness_change", "change_number",
        "How has people's awareness of religion (e.g. the different types of religion and "
        "what followers believe) changed over the past ten years?",
        "지난 10년 동안 종교(예: 여러 종교의 종류와 신자들이 믿는 내용)에 대한 사람들의 "
        "인식은 어떻게 변했습니까?",
    ),
    end(),
    # ---- Section 7 (issue #13): rosters, one entry per family member still inside and per
    # detention episode of the respondent's own. Relation and age group only, never a name.
    row(
        "begin group", "section_family", "Section 7: Family still inside and detention",
        "제7부: 북한에 남아 있는 가족과 구금 경험", relevant=CONSENTED,
    ),
    row(
        "note", "family_intro",
        "Ask about each family member still in North Korea, one at a time. Record only the "
        "relation and age group: never a name.",
        "북한에 남아 있는 가족에 대해 한 사람씩 여쭈어 주십시오. 관계와 연령대만 기록하고 "
        "이름은 절대 적지 마십시오.",
    ),
    row(
        "begin repeat", "family_member", "Family member still in North Korea",
        "북한에 남아 있는 가족",
    ),
    row(
        "select_one relations", "family_relation", "How is this family member related to you?",
        "이 가족은 귀하와 어떤 관계입니까?",
    ),
    row(
        "select_one age_groups", "family_age_group", "What is their age group now?",
        "그 가족의 현재 연령대는 어떻게 됩니까?",
    ),
    row(
        "select_one yes_no_dk", "family_contact",
        "Have you been in contact with them in the last year?",
        "지난 1년 동안 그 가족과 연락한 적이 있습니까?",
    ),
    row(
        "select_one yes_no_dk", "family_detained",
        "Has this family member ever been detained?",
        "그 가족이 구금된 적이 있습니까?",
    ),
    end("repeat"),
    row(
        "select_one yes_no_pnts_dk", "ever_detained",
        "Were you yourself ever detained in North Korea or sent back from China?",
        "귀하께서는 북한에서 구금되거나 중국에서 강제 송환된 적이 있습니까?",
    ),
    row(
        "begin repeat", "detention_episode", "Detention episode", "구금 경험",
        relevant="${ever_detained} = 'yes'",
    ),
    row(
        "integer", "detention_year", "In which year did this detention begin?",
        "이 구금은 몇 년에 시작되었습니까?",
        constraint=". >= 1950 and . <= 2030",
        message=(
            "The year must be from 1950 to 2030.",
            "연도는 1950년에서 2030년 사이로 입력해 주십시오.",
        ),
    ),
    row(
        "select_one facility_types", "detention_facility", "Where were you held?",
        "어디에 수감되었습니까?",
    ),
    other_text(
        "detention_facility", "Other place of detention (please specify)",
        "그 밖의 구금 장소를 구체적으로 말씀해 주십시오.",
    ),
    row(
        "select_one durations", "detention_duration", "How long were you held?",
        "얼마 동안 수감되었습니까?",
    ),
    row(
        "select_multiple treatments", "detention_treatment",
        "How were you treated? Choose all that apply.",
        "어떤 대우를 받았습니까? 해당하는 것을 모두 골라 주십시오.",
        constraint=f"{exclusive('none')} and {exclusive('dont_know')}",
        message=(
            "'None of these' and 'I don't know' cannot be combined with other answers.",
            "'해당 없음'과 '잘 모르겠다'는 다른 답과 함께 고를 수 없습니다.",
        ),
    ),
    end("repeat"),
    end(),
    # ---- Closing
    row("begin group", "closing", "Closing", "마무리", relevant=CONSENTED),
    row(
        "text", "anything_else", "Is there anything else you would like to tell us?",
        "그 밖에 저희에게 하고 싶으신 말씀이 있으십니까?",
        appearance="multiline", hint=NO_NAMES_HINT,
    ),
    row(
        "note", "thanks_note",
        "Thank the respondent for their time and trust. The questions for the respondent end "
        "here.",
        "시간을 내어 주시고 믿고 이야기해 주신 데 대해 응답자에게 감사의 뜻을 전해 주십시오. "
        "응답자에 대한 질문은 여기서 끝납니다.",
    ),
    # Never exported unless asked for (survey column 'private', ARCHITECTURE.md section 6).
    row(
        "text", "interviewer_notes", "Interviewer notes (not read aloud)",
        "면접원 메모 (응답자에게 읽어 주지 않음)",
        hint=(
            "Kept with the record but left out of data exports. Do not record names or other "
            "identifying details.",
            "기록과 함께 보관되지만 데이터 내보내기에는 포함되지 않습니다. 이름 등 신원을 알 수 "
            "있는 정보는 적지 마십시오.",
        ),
        appearance="multiline", private="yes",
    ),
    end(),
]

SETTINGS = {
    "form_id": FORM_ID,
    "version": VERSION,
    "form_title": FORM_TITLE,
    "default_language": EN,
}


# --------------------------------------------------------------------------- writing
def _sheet(wb: Workbook, title: str, columns: tuple[str, ...], rows: list[dict[str, str]]):
    ws = wb.create_sheet(title)
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        unknown = set(r) - set(columns)
        if unknown:
            raise ValueError(f"{title}: unknown columns {sorted(unknown)} in {r}")
        ws.append([r.get(c, "") or None for c in columns])
    ws.freeze_panes = "A2"
    # Readable in Excel/LibreOffice for whoever reviews the wording.
    widths = {"type": 30, "name": 26, "relevant": 40, "constraint": 40, "calculation": 40}
    for i, col in enumerate(columns, start=1):
        letter = ws.cell(row=1, column=i).column_letter
        wide = col.startswith(("label", "hint", "constraint_message", "form_title"))
        ws.column_dimensions[letter].width = 60 if wide else widths.get(col, 14)
    return ws


def choice_rows() -> list[dict[str, str]]:
    return [
        {"list_name": list_name, "name": name, f"label::{EN}": en, f"label::{KO}": ko}
        for list_name, choices in CHOICES.items()
        for name, en, ko in choices
    ]


# Fixed dates make the build reproducible; the form's own version lives in settings.
_FIXED_DATE = "2017-01-01T00:00:00Z"
_ZIP_DATE = (2017, 1, 1, 0, 0, 0)
_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _normalise(xlsx: bytes) -> bytes:
    """Re-zip ``xlsx`` with fixed timestamps and document dates, in a stable entry order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + _FIXED_DATE.encode() + rb"\g<3>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def build_bytes() -> bytes:
    """The workbook as bytes; identical on every run for identical content."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "survey", SURVEY_COLUMNS, SURVEY)
    _sheet(wb, "choices", CHOICE_COLUMNS, choice_rows())
    _sheet(wb, "settings", SETTINGS_COLUMNS, [SETTINGS])
    wb.properties.creator = "fieldapp build_reference.py"
    wb.properties.title = FORM_TITLE
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the workbook on disk differs from a fresh build")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the workbook")
    args = parser.parse_args(argv)
    data = build_bytes()
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out} is out of date: run {Path(__file__).name} to rebuild it",
                  file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
