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
        "suppressed_note": ("x: hidden to protect respondents: every count from 1 to {k1}, and the cells "
                            "from which such a count could be worked out using all tables of this "
                            "export (checked by integer programming)."),
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
        "universe": "Respondents: only those for whom {expression}.",
        "weighted_note": ("Weighted by {field}: weighted percentages (w%) beside the unweighted "
                          "counts; effective base {eff}."),
        "weighted_percent": "w%",
        "ci": "95% CI",
        "ci_note": "95% CI: Wilson score interval of each percentage.",
        "chi2": "Chi-square test of independence: chi² = {stat}, df = {df}, p = {p}.",
        "chi2_mc": ("Exact test of independence (Monte Carlo, {n} permutations), because more than "
                    "a fifth of the expected counts are under 5: p = {p}."),
        "mcnemar": ("McNemar's exact test, {option}: {to} respondents chose it only in the second "
                    "question, {frm} only in the first; p = {p}."),
        "contents": "Contents",
        "open_text_title": "Open-text answers",
        "open_text_warning": ("IDENTIFYING: this file lists respondents' own words, which can name people "
                              "and places. For the coordinator only: never publish it or let it leave "
                              "the coordinator's laptop."),
        "selected": "selected",
        "not_selected": "not selected",
        "chart_total_only": "The chart shows all respondents; the table below gives every group.",
        "page": "Page",
        "cover_n": "Respondents: {n}",
        "cover_dates": "Interviews: {first} to {last}",
        "cover_bases": ("Bases: every percentage is of the respondents who were asked the question "
                        "and answered it; \"I don't know\" is an answer. Missing and not applicable "
                        "are counted apart, outside the base."),
        "cover_rule": ("Disclosure control: counts from 1 to {k1} are hidden, with every cell from "
                       "which one could be worked out using all tables of this report (checked by "
                       "integer programming); minimum and maximum are never given for fewer than "
                       "{k} respondents."),
        "cover_flag_rule": "Small cells: counts from 1 to {k1} are marked * (too few to draw conclusions from).",
        # repeat levels (docs/tables.md, "Repeat levels")
        "base_sentence_instances": ("Base: {base} entries of \u201c{unit}\u201d for which this question was "
                                    "asked and answered, from {respondents} respondents."),
        "base_group_sentence_instances": "Bases (entries of \u201c{unit}\u201d): {bases}.",
        "outside_base_instances": "Outside the base: {missing} entries missing, {na} not applicable.",
        "base_sentence_any": ("Base: {base} respondents who answered this question for at least one entry "
                              "of \u201c{unit}\u201d; each percentage is of them, counting the respondents "
                              "with at least one entry giving that answer."),
        "outside_base_any": ("Outside the base: {missing} respondents with entries but no answer, {na} with "
                             "no entry (none listed, or not asked)."),
        "any_note": ("A respondent whose entries give different answers is counted under each; "
                     "percentages may add up to more than 100."),
        "any_title": "respondents with at least one",
        "small_note_instances": ("* fewer than {k} entries, or entries of fewer than {k} respondents: too few "
                                 "to draw conclusions from."),
        "suppressed_note_instances": ("x: hidden to protect respondents: every count from 1 to {k1}, every count "
                                      "of entries of 1 to {k1} respondents, and the cells from which such a "
                                      "count could be worked out using all tables of this export (checked by "
                                      "integer programming)."),
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
        "suppressed_note": ("x: 응답자 보호를 위해 비공개: 1명에서 {k1}명까지의 모든 수와, 이 내보내기의 "
                            "모든 표를 함께 써서 그런 수를 알아낼 수 있는 칸 (정수계획법으로 확인)."),
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
        "universe": "응답자: {expression} 조건에 맞는 사람만.",
        "weighted_note": "{field}(으)로 가중: 가중 백분율(w%)을 가중하지 않은 응답 수 옆에 표시; 유효 기준 {eff}.",
        "weighted_percent": "w%",
        "ci": "95% 신뢰구간",
        "ci_note": "95% 신뢰구간: 각 백분율의 윌슨 점수 구간.",
        "chi2": "카이제곱 독립성 검정: χ² = {stat}, 자유도 = {df}, p = {p}.",
        "chi2_mc": "기대 빈도 5 미만인 칸이 5분의 1을 넘어 정확 검정(몬테카를로, {n}회 순열)을 사용: p = {p}.",
        "mcnemar": "맥네마 정확 검정, {option}: 두 번째 질문에서만 고른 응답자 {to}명, 첫 번째에서만 {frm}명; p = {p}.",
        "contents": "목차",
        "open_text_title": "자유 응답",
        "open_text_warning": ("신원 노출 위험: 이 파일에는 사람과 장소를 밝힐 수 있는 응답자의 말이 그대로 "
                              "들어 있습니다. 코디네이터만 보십시오. 공개하거나 코디네이터의 노트북 밖으로 "
                              "내보내지 마십시오."),
        "selected": "선택함",
        "not_selected": "선택하지 않음",
        "chart_total_only": "그림은 전체 응답자를 보여 주며, 아래 표에 모든 집단이 있습니다.",
        "page": "쪽",
        "cover_n": "응답자: {n}명",
        "cover_dates": "면담 기간: {first} ~ {last}",
        "cover_bases": ("기준: 모든 백분율은 그 질문을 받고 응답한 응답자에 대한 것이며, \"모르겠다\"도 "
                        "응답입니다. 무응답과 해당 없음은 기준 밖에서 따로 셉니다."),
        "cover_rule": ("공개 통제: 1명에서 {k1}명까지의 수는 숨기며, 이 보고서의 모든 표를 함께 써서 그런 "
                       "수를 알아낼 수 있는 칸도 숨깁니다 (정수계획법으로 확인). 최솟값과 최댓값은 "
                       "{k}명 미만에 대해서는 주지 않습니다."),
        "cover_flag_rule": "작은 칸: 1명에서 {k1}명까지의 수는 *로 표시합니다 (결론을 내리기에 너무 적음).",
        "base_sentence_instances": "기준: 이 질문을 받고 응답한 \u201c{unit}\u201d 항목 {base}개 (응답자 {respondents}명).",
        "base_group_sentence_instances": "기준 (\u201c{unit}\u201d 항목 수): {bases}.",
        "outside_base_instances": "기준 제외: 무응답 항목 {missing}개, 해당 없음 {na}개.",
        "base_sentence_any": ("기준: \u201c{unit}\u201d 항목 중 하나 이상에 대해 이 질문에 응답한 응답자 {base}명. "
                              "각 백분율은 그 답을 한 항목이 하나 이상 있는 응답자의 비율입니다."),
        "outside_base_any": "기준 제외: 항목은 있으나 무응답인 응답자 {missing}명, 항목이 없는 응답자 {na}명 (없음 또는 질문하지 않음).",
        "any_note": "여러 항목에서 서로 다른 답이 나온 응답자는 각 답에 모두 셉니다. 백분율의 합이 100을 넘을 수 있습니다.",
        "any_title": "하나 이상 해당하는 응답자",
        "small_note_instances": "* 항목 {k}개 미만 또는 응답자 {k}명 미만의 항목: 결론을 내리기에는 너무 적습니다.",
        "suppressed_note_instances": ("x: 응답자 보호를 위해 비공개: 1에서 {k1}까지의 모든 수, 응답자 1명에서 {k1}명의 "
                                      "항목 수, 그리고 이 내보내기의 모든 표를 함께 써서 그런 수를 알아낼 수 있는 칸 "
                                      "(정수계획법으로 확인)."),
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
