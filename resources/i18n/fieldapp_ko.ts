<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>ComboChoiceWidget</name>
    <message>
        <location filename="../../src/fieldapp/gui/widgets/choice.py" line="+161"/>
        <source>(choose one)</source>
        <extracomment>Above this many choices a select_one is a searchable list rather than radio buttons: thirteen provinces no longer fit beside the question at 1366x768.</extracomment>
        <translation>(하나를 고르세요)</translation>
    </message>
</context>
<context>
    <name>DateWidget</name>
    <message>
        <location filename="../../src/fieldapp/gui/widgets/entry.py" line="+171"/>
        <source>No date</source>
        <translation>날짜 없음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear date</source>
        <translation>날짜 지우기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the date of: {question}</source>
        <translation>다음 질문의 날짜 지우기: {question}</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../src/fieldapp/gui/app.py" line="+61"/>
        <source>fieldapp: unexpected error</source>
        <translation>fieldapp: 예기치 않은 오류</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong inside fieldapp. Your saved answers are safe in the encrypted store. If this happens again, copy the details below and send them to your coordinator; they contain no answers, and nothing is sent automatically.</source>
        <translation>fieldapp 내부에서 문제가 생겼습니다. 저장된 응답은 암호화된 저장소에 안전하게 있습니다. 같은 일이 다시 생기면 아래 세부 정보를 복사해 코디네이터에게 보내 주세요. 세부 정보에는 응답이 들어 있지 않으며, 아무것도 자동으로 전송되지 않습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error details</source>
        <translation>오류 세부 정보</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Copy details</source>
        <translation>세부 정보 복사(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the error details</source>
        <translation>오류 세부 정보 복사</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copied</source>
        <translation>복사됨</translation>
    </message>
</context>
<context>
    <name>ExceptionHook</name>
    <message>
        <location line="+28"/>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OK</source>
        <translation>확인</translation>
    </message>
</context>
<context>
    <name>FormTableModel</name>
    <message>
        <location filename="../../src/fieldapp/gui/models/forms.py" line="+13"/>
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form ID</source>
        <translation>설문지 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>추가한 날짜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interviews</source>
        <translation>인터뷰</translation>
    </message>
</context>
<context>
    <name>FormsPage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/forms.py" line="+55"/>
        <source>Questionnaires</source>
        <translation>설문지</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Add a form from a file…</source>
        <translation>파일에서 설문지 추가(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add an XLSForm questionnaire from a file</source>
        <translation>파일에서 XLSForm 설문지 추가</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking the form</source>
        <translation>설문지 검사 중</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Back to interviews</source>
        <translation>인터뷰 목록으로(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the interview list</source>
        <translation>인터뷰 목록으로 돌아가기</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Problems found in the form</source>
        <translation>설문지에서 발견된 문제</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>Installed questionnaires</source>
        <translation>설치된 설문지</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Add a questionnaire</source>
        <translation>설문지 추가</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>XLSForm workbooks (*.xlsx)</source>
        <translation>XLSForm 통합 문서 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking {0}…</source>
        <translation>{0} 검사 중…</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+22"/>
        <source>{0} was not installed: {1}</source>
        <translation>{0}을(를) 설치하지 않았습니다: {1}</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Installed “{0}” ({1}, version {2}).</source>
        <translation>“{0}”({1}, 버전 {2})을(를) 설치했습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{0}” version {1} is already installed; nothing changed.</source>
        <translation>“{0}” 버전 {1}은(는) 이미 설치되어 있습니다. 바뀐 것은 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>{0} was not installed: %n problem(s) listed below. Fix them in the workbook and add it again.</source>
        <translation>
            <numerusform>{0}을(를) 설치하지 않았습니다. 아래에 문제 %n개가 있습니다. 통합 문서에서 고친 뒤 다시 추가하세요.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} could not be read: {1}</source>
        <translation>{0}을(를) 읽을 수 없습니다: {1}</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/home.py" line="+144"/>
        <source>Interviews</source>
        <translation>인터뷰</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;New interview…</source>
        <translation>새 인터뷰(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new interview</source>
        <translation>새 인터뷰 시작</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume</source>
        <translation>이어서 하기(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume the selected draft</source>
        <translation>선택한 작성 중 인터뷰 이어서 하기</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete draft…</source>
        <translation>작성 중 인터뷰 삭제(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected draft</source>
        <translation>선택한 작성 중 인터뷰 삭제</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Forms…</source>
        <translation>설문지(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manage questionnaires</source>
        <translation>설문지 관리</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>F&amp;ilter:</source>
        <translation>필터(&amp;I):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter interviews</source>
        <translation>인터뷰 필터</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pseudonym, form or status</source>
        <translation>가명, 설문지 또는 상태</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Interviews in this store</source>
        <translation>이 저장소의 인터뷰</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>No questionnaire is installed yet. Add one on the Forms page, then start an interview.</source>
        <translation>아직 설치된 설문지가 없습니다. 설문지 화면에서 설문지를 추가한 뒤 인터뷰를 시작하세요.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No interviews yet. Start one with New interview.</source>
        <translation>아직 인터뷰가 없습니다. ‘새 인터뷰’로 시작하세요.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Delete draft</source>
        <translation>작성 중 인터뷰 삭제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the draft interview {0}? Its answers are erased from this laptop and cannot be brought back.</source>
        <translation>작성 중인 인터뷰 {0}을(를) 삭제할까요? 응답이 이 노트북에서 지워지며 되살릴 수 없습니다.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Confirm deleting the draft</source>
        <translation>작성 중 인터뷰 삭제 확인</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete draft</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the draft</source>
        <translation>작성 중 인터뷰 삭제</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the draft</source>
        <translation>작성 중 인터뷰 유지</translation>
    </message>
</context>
<context>
    <name>InterviewPage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/interview.py" line="+202"/>
        <location line="+310"/>
        <source>✓ Saved</source>
        <extracomment>Kept after clear() so the shell can resume the same interview at the same page.</extracomment>
        <translation>✓ 저장됨</translation>
    </message>
    <message>
        <location line="-309"/>
        <location line="+311"/>
        <source>All answers are saved</source>
        <translation>모든 응답이 저장되었습니다</translation>
    </message>
    <message>
        <location line="-298"/>
        <source>Pseudonym (write it on your paper notes)</source>
        <translation>가명 (종이 메모에 적어 두세요)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pseudonym</source>
        <translation>가명</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questionnaire &amp;language:</source>
        <translation>설문 언어(&amp;L):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questionnaire language</source>
        <translation>설문 언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save and close</source>
        <translation>저장하고 닫기(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and close the interview</source>
        <translation>인터뷰를 저장하고 닫기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every answer is already saved; the draft can be resumed from home.</source>
        <translation>모든 응답은 이미 저장되어 있습니다. 처음 화면에서 이어서 할 수 있습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← &amp;Back</source>
        <translation>← 이전(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>이전</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page (Alt+Left)</source>
        <translation>이전 페이지 (Alt+왼쪽)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next →</source>
        <translation>다음(&amp;N) →</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page (Enter or Alt+Right)</source>
        <translation>다음 페이지 (Enter 또는 Alt+오른쪽)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Default</source>
        <translation>기본</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>Review ({m} pages)</source>
        <translation>검토 (총 {m}페이지)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Page {n} of {m}</source>
        <translation>{m}페이지 중 {n}페이지</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This question needs an answer before you go on.</source>
        <translation>다음으로 가기 전에 이 질문에 답해야 합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This answer is outside what the questionnaire allows; please check it.</source>
        <translation>이 응답은 설문지가 허용하는 범위를 벗어났습니다. 확인해 주세요.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a whole number, for example 42.</source>
        <translation>정수를 입력하세요. 예: 42</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a number, for example 3.5.</source>
        <translation>숫자를 입력하세요. 예: 3.5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter a date as year-month-day.</source>
        <translation>날짜를 연-월-일 형식으로 입력하세요.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This answer is not valid for this question.</source>
        <translation>이 질문에 맞지 않는 응답입니다.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Not saved: {reason}</source>
        <translation>저장되지 않음: {reason}</translation>
    </message>
</context>
<context>
    <name>InterviewStatus</name>
    <message>
        <location filename="../../src/fieldapp/gui/models/interviews.py" line="+18"/>
        <source>Draft</source>
        <translation>작성 중</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finalized</source>
        <translation>완료</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported</source>
        <translation>내보냄</translation>
    </message>
</context>
<context>
    <name>InterviewTableModel</name>
    <message>
        <location line="+9"/>
        <source>Pseudonym</source>
        <translation>가명</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>설문지</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>마지막 변경</translation>
    </message>
</context>
<context>
    <name>ListChoiceWidget</name>
    <message>
        <location filename="../../src/fieldapp/gui/widgets/choice.py" line="+110"/>
        <source>Type to search the list</source>
        <translation>입력하여 목록 검색</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the choices of: {question}</source>
        <translation>다음 질문의 선택지 검색: {question}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/fieldapp/gui/main_window.py" line="+88"/>
        <location line="+2"/>
        <source>Main toolbar</source>
        <extracomment>Where unlocking returns to: (&quot;home&quot;|&quot;forms&quot;|&quot;settings&quot;|&quot;interview&quot;, interview id, interview position).</extracomment>
        <translation>주 도구 모음</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Interviews</source>
        <translation>인터뷰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the interview list</source>
        <translation>인터뷰 목록 보기</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forms</source>
        <translation>설문지</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manage questionnaires</source>
        <translation>설문지 관리</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the settings</source>
        <translation>설정 변경</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Lock</source>
        <translation>잠금</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock fieldapp now</source>
        <translation>지금 fieldapp 잠그기</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>{0} is not a fieldapp store (it has no key slots or database).</source>
        <translation>{0}은(는) fieldapp 저장소가 아닙니다 (키 슬롯이나 데이터베이스가 없습니다).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Your store is ready and the reference questionnaire is installed: start with New interview.</source>
        <translation>저장소가 준비되었고 기준 설문지가 설치되었습니다. ‘새 인터뷰’로 시작하세요.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your store is ready, but the reference questionnaire could not be installed ({0}). Add a questionnaire on the Forms page.</source>
        <translation>저장소는 준비되었지만 기준 설문지를 설치하지 못했습니다 ({0}). 설문지 화면에서 설문지를 추가하세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your store is ready. Add a questionnaire on the Forms page.</source>
        <translation>저장소가 준비되었습니다. 설문지 화면에서 설문지를 추가하세요.</translation>
    </message>
    <message numerus="yes">
        <location line="+142"/>
        <source>fieldapp locked itself after %n minute(s) without use.</source>
        <translation>
            <numerusform>%n분 동안 사용하지 않아 fieldapp이 잠겼습니다.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/home.py" line="-265"/>
        <location line="+1"/>
        <source>New interview</source>
        <translation>새 인터뷰</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Questionnaire</source>
        <translation>설문지</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} (version {1})</source>
        <translation>{0} (버전 {1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Questionnaire:</source>
        <translation>설문지(&amp;Q):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interview language</source>
        <translation>인터뷰 언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Start interview</source>
        <translation>인터뷰 시작(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the interview</source>
        <translation>인터뷰 시작</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <location filename="../../src/fieldapp/gui/models/forms.py" line="+9"/>
        <source>Sheet</source>
        <translation>시트</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row</source>
        <translation>행</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <location filename="../../src/fieldapp/gui/widgets/base.py" line="+194"/>
        <source>Required.</source>
        <extracomment>Typing is committed to the engine (and so to the store) after this pause, and at once when the editor loses focus or the page moves: saving every keystroke would re-run the whole form&apos;s relevance for each digit, and &quot;1&quot; on the way to &quot;15&quot; would flash an out-of-range message at the interviewer. (question name, value as the engine takes it); only for changes the user made.</extracomment>
        <translation>필수 질문입니다.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Required</source>
        <translation>필수</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/review.py" line="+180"/>
        <source>Not answered</source>
        <translation>응답 없음</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This interview is finalized; it can no longer be changed.</source>
        <translation>이 인터뷰는 완료되었습니다. 더 이상 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} question(s) need attention before the interview can be finalized. Choose a row to go back to it.</source>
        <translation>인터뷰를 완료하기 전에 확인해야 할 질문이 {n}개 있습니다. 행을 골라 해당 질문으로 돌아가세요.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{answered} answered, {unanswered} not answered. Finalize when the respondent has nothing to add; a finalized interview cannot be changed.</source>
        <translation>응답 {answered}개, 미응답 {unanswered}개. 응답자가 더 덧붙일 것이 없을 때 완료하세요. 완료한 인터뷰는 바꿀 수 없습니다.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not answered, but this question needs an answer.</source>
        <translation>응답이 없지만 이 질문은 답해야 합니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This answer is outside what the questionnaire allows.</source>
        <translation>이 응답은 설문지가 허용하는 범위를 벗어났습니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This answer is not valid for this question.</source>
        <translation>이 질문에 맞지 않는 응답입니다.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Review the answers</source>
        <translation>응답 검토</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The interview ended early (no consent). Only the answers below will be kept.</source>
        <translation>인터뷰가 일찍 끝났습니다 (동의하지 않음). 아래 응답만 보관됩니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Question</source>
        <translation>질문</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer</source>
        <translation>응답</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answers; choose a row to change it</source>
        <translation>응답 목록. 행을 골라 응답을 바꿀 수 있습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finalize interview</source>
        <translation>인터뷰 완료(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finalize interview</source>
        <translation>인터뷰 완료</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/settings.py" line="+36"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Interface language</source>
        <translation>화면 언어</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>시스템과 같게</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Interface &amp;language:</source>
        <translation>화면 언어(&amp;L):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new language applies when fieldapp starts again. The language of each interview is chosen when it starts and can change during it.</source>
        <translation>새 언어는 fieldapp을 다시 시작하면 적용됩니다. 인터뷰 언어는 인터뷰를 시작할 때 고르며 도중에 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Minutes without use before fieldapp locks itself</source>
        <translation>fieldapp이 스스로 잠기기까지 사용하지 않은 시간(분)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock after &amp;idle:</source>
        <translation>자동 잠금 시간(&amp;I):</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Save settings</source>
        <translation>설정 저장(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the settings</source>
        <translation>설정 저장</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Back to interviews</source>
        <translation>인터뷰 목록으로(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the interview list</source>
        <translation>인터뷰 목록으로 돌아가기</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The settings could not be saved: {0}</source>
        <translation>설정을 저장하지 못했습니다: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved. The new language applies when fieldapp starts again.</source>
        <translation>저장했습니다. 새 언어는 fieldapp을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/unlock.py" line="+50"/>
        <source>fieldapp is locked</source>
        <translation>fieldapp이 잠겨 있습니다</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Passphrase:</source>
        <translation>암호 문구(&amp;P):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase</source>
        <translation>암호 문구</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Unlock</source>
        <translation>잠금 해제(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock the store</source>
        <translation>저장소 잠금 해제</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unlocking</source>
        <translation>잠금 해제 중</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlocking…</source>
        <translation>잠금 해제 중…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unlock problem</source>
        <translation>잠금 해제 문제</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use a &amp;different store…</source>
        <translation>다른 저장소 사용(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create or open a different store</source>
        <translation>다른 저장소 만들기 또는 열기</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Store: {0}</source>
        <translation>저장소: {0}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>That passphrase is wrong for this store. Check the keyboard layout and Caps Lock, then try again; nothing was changed.</source>
        <translation>이 저장소의 암호 문구가 아닙니다. 키보드 입력 언어(한/영)와 Caps Lock을 확인한 뒤 다시 시도하세요. 바뀐 것은 없습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This store is open in another fieldapp window or command. Close it there, then unlock here.</source>
        <translation>이 저장소는 다른 fieldapp 창이나 명령에서 열려 있습니다. 그곳에서 닫은 뒤 여기서 잠금을 해제하세요.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The store could not be read: {0}</source>
        <translation>저장소를 읽을 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../src/fieldapp/gui/pages/welcome.py" line="+95"/>
        <source>Welcome to fieldapp</source>
        <translation>fieldapp에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Answers are kept only on this laptop, in an encrypted store that opens with your passphrase. Create a new store, or open one you already have.</source>
        <translation>응답은 이 노트북에만, 암호 문구로 여는 암호화된 저장소에 보관됩니다. 새 저장소를 만들거나 이미 있는 저장소를 여세요.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Create a new store</source>
        <translation>새 저장소 만들기</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+216"/>
        <source>Folder for the new store</source>
        <translation>새 저장소 폴더</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>C&amp;hoose…</source>
        <translation>선택(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder for the new store</source>
        <translation>새 저장소 폴더 선택</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Folder:</source>
        <translation>폴더(&amp;F):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Interviewer (field laptop)</source>
        <translation>조사원(&amp;I) (현장 노트북)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role: interviewer</source>
        <translation>역할: 조사원</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;oordinator (project office)</source>
        <translation>코디네이터(&amp;O) (프로젝트 사무실)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role: coordinator</source>
        <translation>역할: 코디네이터</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Role:</source>
        <translation>역할:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New passphrase</source>
        <translation>새 암호 문구</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Generate one</source>
        <translation>자동 생성(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate a passphrase of six words</source>
        <translation>단어 여섯 개로 된 암호 문구 생성</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Passphrase:</source>
        <translation>암호 문구(&amp;P):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Repeat the new passphrase</source>
        <translation>새 암호 문구 다시 입력</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Repeat:</source>
        <translation>다시 입력(&amp;R):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Show the passphrase</source>
        <translation>암호 문구 보기(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the passphrase</source>
        <translation>암호 문구 보기</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passphrase strength</source>
        <translation>암호 문구 강도</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Strength:</source>
        <translation>강도:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;Nobody can recover a forgotten passphrase&lt;/b&gt;: not you, not your coordinator, not the makers of fieldapp. Without it the answers in this store are lost. Field laptops: once this laptop is enrolled with your coordinator&apos;s project key, the coordinator can recover a returned laptop with the project&apos;s recovery key; that does not help you in the field, so write the passphrase down and keep the paper apart from the laptop.</source>
        <translation>&lt;b&gt;잊어버린 암호 문구는 아무도 되찾을 수 없습니다&lt;/b&gt;. 본인도, 코디네이터도, fieldapp 개발자도 마찬가지입니다. 암호 문구가 없으면 이 저장소의 응답은 잃게 됩니다. 현장 노트북: 이 노트북을 코디네이터의 프로젝트 키에 등록하면, 반납된 노트북은 코디네이터가 프로젝트 복구 키로 복구할 수 있습니다. 하지만 현장에서는 도움이 되지 않으니 암호 문구를 적어 두고 그 종이는 노트북과 따로 보관하세요.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Install the reference &amp;questionnaire (2017 escapee survey)</source>
        <translation>기준 설문지 설치(&amp;Q) (2017 북한이탈주민 설문조사)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Install the reference questionnaire</source>
        <translation>기준 설문지 설치</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Creating the store</source>
        <translation>저장소 만드는 중</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Create store</source>
        <translation>저장소 만들기(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the store</source>
        <translation>저장소 만들기</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open an existing store</source>
        <translation>기존 저장소 열기</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+104"/>
        <source>Folder of an existing store</source>
        <translation>기존 저장소 폴더</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Choose fol&amp;der…</source>
        <translation>폴더 선택(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder of an existing store</source>
        <translation>기존 저장소 폴더 선택</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open</source>
        <translation>열기(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the existing store</source>
        <translation>기존 저장소 열기</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Use at least 10 characters; several unrelated words are easiest to remember.</source>
        <translation>10자 이상으로 하세요. 서로 관계없는 단어 여러 개가 가장 기억하기 쉽습니다.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Too weak: {0}.</source>
        <translation>너무 약합니다: {0}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strong enough, but the two passphrases differ.</source>
        <translation>충분히 강하지만 두 암호 문구가 다릅니다.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Strong enough.</source>
        <translation>충분히 강합니다.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is shorter than 10 characters</source>
        <translation>10자보다 짧습니다</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it would be guessed too quickly</source>
        <translation>너무 빨리 추측될 수 있습니다</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Write these words down now, in this order, and keep the paper apart from the laptop:&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>지금 이 단어들을 순서대로 적고, 그 종이는 노트북과 따로 보관하세요:&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a folder for the new store.</source>
        <translation>새 저장소 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>두 암호 문구가 다릅니다. 같은 암호 문구를 두 번 입력하세요.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a stronger passphrase (or generate one).</source>
        <translation>더 강한 암호 문구를 정하세요 (또는 자동 생성하세요).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The store could not be written there: {0}</source>
        <translation>그곳에 저장소를 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose the folder of an existing store.</source>
        <translation>기존 저장소의 폴더를 선택하세요.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} is not a fieldapp store (it has no key slots or database).</source>
        <translation>{0}은(는) fieldapp 저장소가 아닙니다 (키 슬롯이나 데이터베이스가 없습니다).</translation>
    </message>
</context>
</TS>
