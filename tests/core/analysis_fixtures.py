"""A 200-respondent escapee-survey dataset whose published figures come out exactly.

Built from Form objects directly (independent of the XLSForm reader and the store). Counts
are chosen so the report's sentences hold: "34% increased vs 28% decreased", "18% (2007) vs
7% (now) never criticised", "nobody chose internet", a conditional question asked of 150.
"""

from __future__ import annotations

from types import MappingProxyType

from fieldapp.analysis import Dataset
from fieldapp.forms.model import Choice, ChoiceList, Form, Group, Question

EN = "English (en)"
KO = "Korean (ko)"
N = 200


def _labels(en: str, ko: str | None = None) -> MappingProxyType:
    return MappingProxyType({EN: en, KO: ko} if ko else {EN: en})


_row = iter(range(2, 10_000))


def q(name: str, type_: str, en: str, ko: str | None = None, **kw) -> Question:
    return Question(name=name, type=type_, row=next(_row), labels=_labels(en, ko), **kw)


def clist(name: str, *choices: tuple[str, str, str | None]) -> ChoiceList:
    return ChoiceList(
        name, tuple(Choice(n, _labels(en, ko), row=i + 2) for i, (n, en, ko) in enumerate(choices))
    )


CHOICE_LISTS = {
    "yn": clist("yn", ("yes", "Yes", "예"), ("no", "No", "아니요")),
    "gender": clist("gender", ("female", "Female", "여성"), ("male", "Male", "남성"),
                    ("prefer_not", "Prefer not to say", "응답하지 않음")),
    "province": clist(
        "province",
        ("north_hamgyong", "North Hamgyong", "함경북도"), ("ryanggang", "Ryanggang", "양강도"),
        ("south_hamgyong", "South Hamgyong", "함경남도"), ("kangwon", "Kangwon", "강원도"),
        ("south_hwanghae", "South Hwanghae", "황해남도"), ("pyongyang", "Pyongyang", "평양"),
        ("prefer_not", "Prefer not to say", "응답하지 않음"),
    ),
    "better": clist(
        "better", ("improved_lot", "Improved a lot", "많이 좋아졌다"),
        ("improved_little", "Improved a little", "조금 좋아졌다"), ("same", "About the same", "비슷하다"),
        ("worse_little", "A little worse", "조금 나빠졌다"), ("worse_lot", "A lot worse", "많이 나빠졌다"),
        ("dk", "I don't know", "모르겠다"),
    ),
    "incr": clist(
        "incr", ("increased", "Increased", "늘었다"), ("same", "About the same", "비슷하다"),
        ("decreased", "Decreased", "줄었다"), ("dk", "I don't know", "모르겠다"),
    ),
    "info": clist(
        "info", ("usb", "Foreign dramas and films on USB", "USB로 본 외국 드라마와 영화"),
        ("dvd", "Foreign dramas and films on DVD", "DVD로 본 외국 드라마와 영화"),
        ("phone", "Mobile phone contact with people outside", "휴대전화로 외부와 연락"),
        ("radio", "Foreign radio broadcasts", "외국 라디오 방송"),
        ("internet", "Foreign news on the internet", "인터넷 외국 뉴스"),
        ("other", "Other", "기타"), ("none", "There is no access at all", "전혀 접할 수 없다"),
        ("dk", "I don't know", "모르겠다"),
    ),
    "hr": clist(
        "hr", ("never", "Never heard the term", "들어본 적 없다"),
        ("heard", "Heard it but did not understand it", "들었지만 이해하지 못했다"),
        ("little", "Understood it a little", "조금 이해했다"), ("fully", "Fully understood it", "완전히 이해했다"),
    ),
    "context": clist(
        "context", ("friend", "In conversation", "대화 중에"),
        ("government", "Government sources", "정부 매체"), ("foreign_media", "Foreign media", "외국 매체"),
        ("detention", "In detention", "구금 중에"), ("other", "Other", "기타"),
    ),
    "crit": clist(
        "crit", ("never", "Never, in public or in private", "공개적으로도 사적으로도 전혀 없다"),
        ("private_rarely", "Only in private, rarely", "사적으로만, 드물게"),
        ("private_often", "Often in private, never in public", "사적으로 자주, 공개적으로는 전혀"),
        ("public_often", "Often, in public and in private", "공개적으로도 사적으로도 자주"),
        ("dk", "I don't know", "모르겠다"),
    ),
}

QUESTIONS = (
    q("consent", "select_one", "Consent recorded", "동의 기록", list_name="yn"),
    q("age", "integer", "Age in years", "나이", constraint=". >= 15 and . <= 110"),
    q("gender", "select_one", "Gender", "성별", list_name="gender"),
    q("province", "select_one", "Last province of residence", "마지막 거주 지역", list_name="province"),
    q("year_left", "integer", "Year you left North Korea", "북한을 떠난 해",
      constraint=". >= 1990 and . <= 2017"),
    q("left_2014", "calculate", "Left in 2014 or later", "2014년 이후 탈북",
      calculation="if(${year_left} >= 2014, 'yes', 'no')"),
    q("econ", "select_one", "How has the economic situation changed?", "경제 상황은 어떻게 변했습니까?",
      list_name="better"),
    q("info_access", "select_one", "How has access to outside information changed?",
      "외부 정보 접근은 어떻게 변했습니까?", list_name="incr"),
    q("info_forms", "select_multiple", "What form does outside information take?",
      "외부 정보는 어떤 형태입니까?", list_name="info"),
    q("hr_knowledge", "select_one", "What did you know about human rights?",
      "인권에 대해 무엇을 알았습니까?", list_name="hr"),
    q("hr_context", "select_multiple", "In what context did you hear the term?",
      "어떤 상황에서 그 말을 들었습니까?", list_name="context", relevant="${hr_knowledge} != 'never'"),
    q("crit_2007", "select_one", "Criticism of the regime in 2007", "2007년 체제 비판", list_name="crit"),
    q("crit_now", "select_one", "Criticism of the regime now", "현재 체제 비판", list_name="crit"),
    q("why_info", "text", "Why do you think so?", "왜 그렇게 생각합니까?"),
    q("intro", "note", "Thank you", "감사합니다"),
    q("notes", "text", "Interviewer notes", "면담자 메모", private=True),
)

FORM = Form(
    form_id="escapee_2017", version="1", title="Escapee survey 2017",
    root=Group("escapee_2017", 1, QUESTIONS), choice_lists=MappingProxyType(CHOICE_LISTS),
    languages=(EN, KO), default_language=EN,
)


def _spread(*counts: tuple[str | None, int]) -> list[str | None]:
    out: list[str | None] = []
    for value, n in counts:
        out.extend([value] * n)
    assert len(out) == N, (counts, len(out))
    return out


def _columns() -> dict[str, list]:
    cols: dict[str, list] = {}
    cols["consent"] = ["yes"] * N
    cols["age"] = [18] * 10 + [25] * 40 + [35] * 60 + [45] * 50 + [55] * 30 + [72] * 8 + [None] * 2
    cols["gender"] = _spread(("female", 150), ("male", 48), ("prefer_not", 2))
    cols["province"] = _spread(("north_hamgyong", 90), ("ryanggang", 60), ("south_hamgyong", 30),
                               ("south_hwanghae", 3), ("pyongyang", 10), ("prefer_not", 7))
    # Respondents 0..119 left in 2014 or later, 120..199 before.
    cols["year_left"] = [2014 + i % 4 for i in range(120)] + [2000 + i % 14 for i in range(80)]
    cols["left_2014"] = ["yes" if y >= 2014 else "no" for y in cols["year_left"]]
    cols["econ"] = _spread(("improved_lot", 20), ("improved_little", 44), ("same", 50),
                           ("worse_little", 40), ("worse_lot", 28), ("dk", 18))
    cols["info_access"] = _spread(("increased", 68), ("same", 50), ("decreased", 56), ("dk", 26))
    forms = []
    for i in range(N):
        if i >= 196:
            forms.append(None)  # 4 missing
            continue
        if i >= 192:
            forms.append("none")
            continue
        if i >= 186:
            forms.append("dk")
            continue
        chosen = []
        if i < 150:
            chosen.append("usb")
        if 100 <= i < 186:
            chosen.append("dvd")
        if i < 60:
            chosen.append("phone")
        if 60 <= i < 100:
            chosen.append("radio")
        if 100 <= i < 103:
            chosen.append("other")
        forms.append(" ".join(chosen))
    cols["info_forms"] = forms
    # Knowledge of human rights by group: left 2014+ (120) and before (80).
    cols["hr_knowledge"] = (["never"] * 20 + ["heard"] * 50 + ["little"] * 30 + ["fully"] * 20
                            + ["never"] * 30 + ["heard"] * 31 + ["little"] * 15 + ["fully"] * 4)
    context = []
    asked = 0
    for i in range(N):
        if cols["hr_knowledge"][i] == "never":
            context.append(None)
            continue
        j = asked
        asked += 1
        if j >= 146:
            context.append(None)  # asked, not answered: 4 missing
            continue
        chosen = []
        if j < 70:
            chosen.append("friend")
        if 70 <= j < 130:
            chosen.append("government")
        if j >= 96:
            chosen.append("foreign_media")
        if j < 2:
            chosen.append("detention")
        context.append(" ".join(chosen))
    cols["hr_context"] = context
    cols["crit_2007"] = _spread(("never", 36), ("private_rarely", 60), ("private_often", 50),
                                ("public_often", 20), ("dk", 34))
    # "never" now: 2 of the 36 who said never for 2007, and 12 others, so McNemar's test has
    # 34 vs 12 discordant pairs (p = 0.0016)
    never_now = {0, 1, *range(36, 48)}
    rest = iter(_spread(("private_rarely", 40), ("private_often", 70), ("public_often", 46), ("dk", 30),
                        ("never", 14)))
    cols["crit_now"] = ["never" if i in never_now else next(rest) for i in range(N)]
    cols["why_info"] = [f"reason {i}" if i % 10 == 0 else None for i in range(N)]
    cols["notes"] = [f"private note {i}" if i % 50 == 0 else None for i in range(N)]
    return cols


def escapee_records() -> list[tuple[str, str, dict, dict]]:
    cols = _columns()
    records = []
    for i in range(N):
        answers = {name: values[i] for name, values in cols.items() if values[i] is not None}
        status = {}
        if cols["hr_knowledge"][i] == "never":
            status["hr_context"] = "not_applicable"
        records.append((f"iv-{i:03d}", f"P-{i:03d}", answers, status))
    return records


def escapee_dataset() -> Dataset:
    return Dataset.from_records(FORM, escapee_records())
