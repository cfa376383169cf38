"""Fixed wording of tables and reports (row labels such as "missing", base sentences) per language.

Question and choice labels come from the form; only the few words fieldapp adds itself live
here. Languages without an entry fall back to English.
"""

from __future__ import annotations

from fieldapp.forms.model import Form, language_code

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "missing": "No answer (missing)",
        "not_applicable": "Not applicable (not asked)",
        "unlisted": "Other value (not in the list)",
        "total": "Total",
        "base": "Base",
        "base_sentence": "Base: {base} respondents who were asked this question and answered it.",
        "base_group_sentence": "Bases: {bases}.",
        "outside_base": "Outside the base: {missing} missing, {na} not applicable.",
        "multiple_note": "Respondents could choose several options; percentages may add up to more than 100.",
        "small_note": "* fewer than {k} respondents: too few to draw conclusions from.",
        "suppressed_note": "x: suppressed to protect respondents (fewer than {k}, or would reveal such a cell).",
        "option": "Option",
        "count": "Count",
        "percent": "Percent",
        "flags": "Flags",
        "n": "Respondents (n)",
        "mean": "Mean",
        "median": "Median",
        "min": "Minimum",
        "max": "Maximum",
        "index": "Tables",
        "question": "Question",
        "sheet": "Sheet",
        "by": "by",
        "report_title": "Summary tables",
        "no_data": "No answers yet.",
    },
    "ko": {
        "missing": "무응답",
        "not_applicable": "해당 없음 (질문하지 않음)",
        "unlisted": "기타 값 (목록에 없음)",
        "total": "전체",
        "base": "기준",
        "base_sentence": "기준: 이 질문을 받고 응답한 응답자 {base}명.",
        "base_group_sentence": "기준: {bases}.",
        "outside_base": "기준 제외: 무응답 {missing}명, 해당 없음 {na}명.",
        "multiple_note": "복수 선택 문항이므로 백분율의 합이 100을 넘을 수 있습니다.",
        "small_note": "* 응답자 {k}명 미만: 결론을 내리기에는 너무 적습니다.",
        "suppressed_note": "x: 응답자 보호를 위해 비공개 ({k}명 미만이거나 그런 칸을 드러낼 수 있음).",
        "option": "선택지",
        "count": "응답 수",
        "percent": "백분율",
        "flags": "표시",
        "n": "응답자 수 (n)",
        "mean": "평균",
        "median": "중앙값",
        "min": "최솟값",
        "max": "최댓값",
        "index": "표 목록",
        "question": "질문",
        "sheet": "시트",
        "by": "기준 변수",
        "report_title": "요약 표",
        "no_data": "아직 응답이 없습니다.",
    },
}


def text_code(form: Form, lang: str | None) -> str:
    """The two-letter code for fieldapp's own words in the language chosen for labels."""
    key = form.language_key(lang)
    code = language_code(key) or (lang or "").lower()
    return code if code in _TEXT else "en"


def tr(code: str, key: str, **fmt: object) -> str:
    """fieldapp's own wording ``key`` in language ``code`` (English when untranslated)."""
    template = _TEXT.get(code, _TEXT["en"]).get(key) or _TEXT["en"][key]
    return template.format(**fmt) if fmt else template
