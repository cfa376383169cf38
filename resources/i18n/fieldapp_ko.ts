<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
    <context>
        <name>AcknowledgeWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/device.py" line="+209" />
            <source>OK</source>
            <translation>확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OK: {question}</source>
            <translation>확인: {question}</translation>
        </message>
    </context>
    <context>
        <name>AttachWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/media.py" line="+372" />
            <source>Attach file…</source>
            <translation>파일 첨부…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Attach a file as the answer to: %1</source>
            <translation>다음 질문의 답으로 파일 첨부: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove</source>
            <translation>삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove the attached file</source>
            <translation>첨부한 파일 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Thumbnail of the attached image</source>
            <translation>첨부한 이미지의 미리보기</translation>
        </message>
        <message>
            <location line="+10" />
            <source>No file attached.</source>
            <translation>첨부한 파일이 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Attached (%1 KB), encrypted in the store.</source>
            <translation>첨부됨(%1 KB), 저장소에 암호화되어 있습니다.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Attach a file</source>
            <extracomment>Chooses the file (tests replace it).</extracomment>
            <translation>파일 첨부</translation>
        </message>
        <message>
            <location line="+28" />
            <source>The original file is still there</source>
            <translation>원본 파일이 아직 남아 있습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>A copy is now encrypted in the store. The original is still at:
%1</source>
            <translation>사본이 저장소에 암호화되었습니다. 원본은 아직 다음 위치에 있습니다:
%1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delete it if nobody should find it there. On a USB stick, SD card or SSD, deleting a file does not erase it: its bytes can stay on the device until they are overwritten.</source>
            <translation>아무도 그곳에서 찾아서는 안 된다면 삭제하십시오. USB 메모리, SD 카드, SSD에서는 파일을 삭제해도 지워지지 않습니다. 덮어쓸 때까지 내용이 장치에 남아 있을 수 있습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Delete the original</source>
            <translation>원본 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep it</source>
            <translation>그대로 두기</translation>
        </message>
    </context>
    <context>
        <name>BackgroundRecording</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/background_audio.py" line="+125" />
            <source>Record this interview?</source>
            <extracomment>Makes the audio input (tests replace it with a generated tone: the Qt boundary).</extracomment>
            <translation>이 인터뷰를 녹음할까요?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This questionnaire records the whole interview: the sound from the microphone, from now until it is finalized or closed, kept encrypted in the store.</source>
            <translation>이 설문지는 인터뷰 전체를 녹음합니다. 지금부터 인터뷰를 완료하거나 닫을 때까지 마이크의 소리가 저장소에 암호화되어 보관됩니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Ask the respondent: may the interview be recorded?</source>
            <translation>응답자에게 물어보십시오: 인터뷰를 녹음해도 됩니까?</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ask the respondent. Record only if they agree.</source>
            <translation>응답자에게 물어보십시오. 동의한 경우에만 녹음하십시오.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>They agree: &amp;record</source>
            <translation>동의함: 녹음(&amp;R)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Do not record</source>
            <translation>녹음하지 않음(&amp;D)</translation>
        </message>
        <message>
            <location line="+53" />
            <source>The microphone cannot be used on this computer: the interview is not being recorded.</source>
            <translation>이 컴퓨터에서는 마이크를 사용할 수 없습니다. 인터뷰가 녹음되고 있지 않습니다.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Consent withdrawn: the recording was stopped and deleted.</source>
            <translation>동의가 철회되었습니다. 녹음을 멈추고 삭제했습니다.</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+17" />
            <source>Stopped by the interviewer; what was recorded is kept.</source>
            <translation>조사원이 녹음을 멈췄습니다. 녹음된 부분은 보관됩니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Not recording yet: the respondent is asked first.</source>
            <translation>아직 녹음하지 않음: 먼저 응답자에게 묻습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not recording: the respondent has not agreed to be recorded.</source>
            <translation>녹음하지 않음: 응답자가 녹음에 동의하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not recording yet: recording starts when consent is recorded.</source>
            <translation>아직 녹음하지 않음: 동의가 기록되면 녹음이 시작됩니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Not recording yet: the questionnaire starts it once consent is given.</source>
            <translation>아직 녹음하지 않음: 동의가 주어지면 설문지가 녹음을 시작합니다.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Recording</source>
            <translation>녹음 중</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recording paused</source>
            <translation>녹음 일시 정지</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Time recorded</source>
            <translation>녹음된 시간</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interview recording: %1</source>
            <translation>인터뷰 녹음: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Resume</source>
            <translation>계속</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Pause</source>
            <translation>일시 정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Resume recording</source>
            <translation>녹음 계속</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pause recording</source>
            <translation>녹음 일시 정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop</source>
            <translation>정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop recording the interview</source>
            <translation>인터뷰 녹음 정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record</source>
            <translation>녹음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record the interview</source>
            <translation>인터뷰 녹음하기</translation>
        </message>
    </context>
    <context>
        <name>BarcodeWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/device.py" line="-24" />
            <source>No scanner on this laptop: type the code as printed.</source>
            <translation>이 노트북에는 스캐너가 없습니다. 인쇄된 코드를 그대로 입력하십시오.</translation>
        </message>
    </context>
    <context>
        <name>BundleTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/exchange.py" line="+114" />
            <source>File</source>
            <translation>파일</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Signature</source>
            <translation>서명</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Device</source>
            <translation>기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>New</source>
            <translation>새 인터뷰</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Duplicate</source>
            <translation>중복</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Updated</source>
            <translation>갱신</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Conflict</source>
            <translation>충돌</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problems and notices</source>
            <translation>문제와 알림</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Checking…</source>
            <translation>확인 중…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Merging…</source>
            <translation>병합 중…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Refused</source>
            <translation>거부됨</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Laptop not trusted yet</source>
            <translation>아직 신뢰하지 않는 노트북</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Already imported</source>
            <translation>이미 가져옴</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Imported</source>
            <translation>가져옴</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ready to merge</source>
            <translation>병합 준비됨</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Valid</source>
            <translation>유효</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Not verified</source>
            <translation>확인 안 됨</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Known device</source>
            <translation>등록된 기기</translation>
        </message>
        <message>
            <location line="+0" />
            <source>NEW device</source>
            <translation>새 기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>REVOKED device</source>
            <translation>폐기된 기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unknown id</source>
            <translation>알 수 없는 ID</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{0} {1}, fingerprint words: {2}</source>
            <translation>{0} {1}, 지문 단어: {2}</translation>
        </message>
        <message>
            <location line="+15" />
            <source>A laptop not trusted yet. Select this row and press “Trust this laptop…” to compare its fingerprint words with the interviewer's laptop.</source>
            <translation>아직 신뢰하지 않는 노트북입니다. 이 행을 선택하고 “이 노트북 신뢰…”를 눌러 조사원 노트북의 지문 단어와 비교하세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A laptop this store has just been told to trust: it is registered when this bundle is merged.</source>
            <translation>이 저장소가 방금 신뢰하기로 한 노트북입니다. 이 번들을 병합하면 등록됩니다.</translation>
        </message>
        <message>
            <location line="-14" />
            <source>add it on the Forms page, then add the bundle again</source>
            <translation>설문지 페이지에서 추가한 뒤 번들을 다시 추가하세요</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Imported before; merging again changes nothing and writes a fresh receipt.</source>
            <translation>이전에 가져온 번들입니다. 다시 병합해도 아무것도 바뀌지 않고 새 수령 확인서만 만들어집니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Receipt written to {0}</source>
            <translation>수령 확인서를 {0}에 저장함</translation>
        </message>
    </context>
    <context>
        <name>ComboChoiceWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/choice.py" line="+239" />
            <source>(choose one)</source>
            <extracomment>Above this many choices a select_one is a searchable list rather than radio buttons: thirteen provinces no longer fit beside the question at 1366x768.</extracomment>
            <translation>(하나를 고르세요)</translation>
        </message>
    </context>
    <context>
        <name>CoreMessages</name>
        <message>
            <location filename="../../src/fieldapp/messages.py" line="+37" />
            <source>{text}</source>
            <translation>{text}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cancelled; nothing was changed.</source>
            <translation>취소했습니다. 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{detail}</source>
            <translation>{detail}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There is no file {path}.</source>
            <translation>{path} 파일이 없습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{path} is a folder, not a file.</source>
            <translation>{path}은(는) 파일이 아니라 폴더입니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cannot read {path}: {reason}.</source>
            <translation>{path}을(를) 읽을 수 없습니다: {reason}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cannot write {path}: {reason}; nothing was written.</source>
            <translation>{path}에 쓸 수 없습니다: {reason}. 아무것도 쓰지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} already exists; choose a new file name.</source>
            <translation>{path}이(가) 이미 있습니다. 새 파일 이름을 고르세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The folder {path} does not exist (is the USB stick plugged in?).</source>
            <translation>{path} 폴더가 없습니다 (USB 메모리가 꽂혀 있나요?).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} is not a folder.</source>
            <translation>{path}은(는) 폴더가 아닙니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} is far larger than such a file can be; choose the right file.</source>
            <translation>{path}은(는) 그런 파일이라기에는 너무 큽니다. 올바른 파일을 고르세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} is not a text file; choose the right file.</source>
            <translation>{path}은(는) 텍스트 파일이 아닙니다. 올바른 파일을 고르세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The desktop app cannot start: {reason}.</source>
            <translation>데스크톱 앱을 시작할 수 없습니다: {reason}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The passphrase is wrong for this store; nothing was changed.</source>
            <translation>이 저장소의 암호문이 틀렸습니다. 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The store {path} is in use by another fieldapp window or command; close it and try again.</source>
            <translation>저장소 {path}을(를) 다른 fieldapp 창이나 명령이 사용하고 있습니다. 그것을 닫고 다시 시도하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The store is locked.</source>
            <translation>저장소가 잠겨 있습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There is no store at {path}.</source>
            <translation>{path}에 저장소가 없습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{path} is not a fieldapp store (no key slots or database).</source>
            <translation>{path}은(는) fieldapp 저장소가 아닙니다 (키 슬롯이나 데이터베이스가 없음).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} already exists and is not an empty folder; choose a new one.</source>
            <translation>{path}이(가) 이미 있고 빈 폴더가 아닙니다. 새 폴더를 고르세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The role must be interviewer or coordinator, not {role}.</source>
            <translation>역할은 조사원 또는 코디네이터여야 합니다 ({role}은(는) 안 됩니다).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Only the coordinator's store can do this; this is an interviewer store.</source>
            <translation>이 작업은 코디네이터 저장소에서만 할 수 있습니다. 이것은 조사원 저장소입니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Only an interviewer laptop can do this; this is the coordinator's store.</source>
            <translation>이 작업은 조사원 노트북에서만 할 수 있습니다. 이것은 코디네이터 저장소입니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>That passphrase is too weak: {reason}.</source>
            <translation>암호문이 너무 약합니다: {reason}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>That passphrase is too weak: {reason}. For example, this generated one: "{suggestion}" (write it down).</source>
            <translation>암호문이 너무 약합니다: {reason}. 예를 들어 이렇게 생성된 암호문을 쓰세요: "{suggestion}" (적어 두세요).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The two passphrases differ; nothing was created.</source>
            <translation>두 암호문이 다릅니다. 아무것도 만들지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The database is damaged ({detail}).</source>
            <translation>데이터베이스가 손상되었습니다 ({detail}).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The database is damaged: a page failed authentication or integrity checks ({detail}); restore it from a backup or re-import its bundles.</source>
            <translation>데이터베이스가 손상되었습니다: 한 페이지가 인증 또는 무결성 검사를 통과하지 못했습니다 ({detail}). 백업에서 복원하거나 번들을 다시 가져오세요.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The database does not match its key slots (damaged or replaced store.db).</source>
            <translation>데이터베이스가 키 슬롯과 맞지 않습니다 (store.db가 손상되었거나 바뀌었음).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The database and its key slots belong to different stores.</source>
            <translation>데이터베이스와 키 슬롯이 서로 다른 저장소의 것입니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Refusing to continue: the database was written without encryption.</source>
            <translation>계속하지 않습니다: 데이터베이스가 암호화 없이 쓰였습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This store was made by a newer fieldapp (schema {version}); update fieldapp to open it.</source>
            <translation>이 저장소는 더 새로운 fieldapp이 만들었습니다 (스키마 {version}). 열려면 fieldapp을 업데이트하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This store needs an upgrade from schema {version}.</source>
            <translation>이 저장소는 스키마 {version}에서 업그레이드가 필요합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The store at {path} could not be wiped completely: {reason}.</source>
            <translation>{path}의 저장소를 완전히 지우지 못했습니다: {reason}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>wipe destroys the store for ever; confirm in a terminal by typing {word}, or pass --yes from a script.</source>
            <translation>wipe는 저장소를 영구히 파괴합니다. 터미널에서 {word}를 입력해 확인하거나, 스크립트에서는 --yes를 주세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{path} holds no age identity (a line starting AGE-SECRET-KEY-).</source>
            <translation>{path}에 age 비밀 키가 없습니다 (AGE-SECRET-KEY-로 시작하는 줄).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} already exists; a key backup never overwrites a file.</source>
            <translation>{path}이(가) 이미 있습니다. 키 백업은 파일을 덮어쓰지 않습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} is not a project key file (it is far too large).</source>
            <translation>{path}은(는) 프로젝트 키 파일이 아닙니다 (너무 큽니다).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The key file {path} is missing: without it nobody can open this store.</source>
            <translation>키 파일 {path}이(가) 없습니다. 이 파일이 없으면 아무도 이 저장소를 열 수 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The key file of this store is damaged ({detail}); without it nobody can open the store.</source>
            <translation>이 저장소의 키 파일이 손상되었습니다({detail}). 이 파일이 없으면 아무도 저장소를 열 수 없습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The key slots do not fit in the key file ({size} bytes, at most {limit}); nothing was changed.</source>
            <translation>키 슬롯이 키 파일에 들어가지 않습니다({size}바이트, 최대 {limit}). 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The key-slot file is damaged ({detail}).</source>
            <translation>키 슬롯 파일이 손상되었습니다({detail}).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This is not a fieldapp key-slot file.</source>
            <translation>fieldapp 키 슬롯 파일이 아닙니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The key-slot file has version {version}; this fieldapp reads versions up to {supported}.</source>
            <translation>키 슬롯 파일의 버전은 {version}입니다. 이 fieldapp은 버전 {supported}까지 읽습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This store has no recovery slot: it was never enrolled with a coordinator.</source>
            <translation>이 저장소에는 복구 슬롯이 없습니다. 코디네이터에게 등록된 적이 없습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>That key cannot recover this store (it is another project's key).</source>
            <translation>그 키로는 이 저장소를 복구할 수 없습니다(다른 프로젝트의 키입니다).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The recovery slot belongs to another store; nothing was changed.</source>
            <translation>복구 슬롯이 다른 저장소의 것입니다. 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The recovery slot is damaged.</source>
            <translation>복구 슬롯이 손상되었습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The store's write-ahead log could not be folded into the database ({done} of {frames} pages); close other fieldapp windows on this store and try again.</source>
            <translation>저장소의 미리 쓰기 로그를 데이터베이스에 합치지 못했습니다({frames}쪽 중 {done}쪽). 이 저장소를 연 다른 fieldapp 창을 닫고 다시 시도하십시오.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>There is no fieldapp store at {path} (no key file); nothing was wiped.</source>
            <translation>{path}에 fieldapp 저장소가 없습니다(키 파일 없음). 아무것도 지우지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it is shorter than {n} characters</source>
            <translation>{n}자보다 짧습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is a well-known phrase, song line or slogan</source>
            <translation>잘 알려진 문구, 노래 가사 또는 구호입니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is made of common Korean words or names, in Hangul or romanised</source>
            <translation>한글이나 로마자로 쓴 흔한 한국어 낱말이나 이름으로 되어 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it follows a pattern (an alphabet or keyboard sequence, a repetition)</source>
            <translation>규칙이 있습니다(자모나 자판 순서, 반복)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it would be guessed too quickly</source>
            <translation>너무 빨리 추측될 수 있습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <location line="+560" />
            <source>{source}: {problem}</source>
            <translation>{source}: {problem}</translation>
        </message>
        <message>
            <location line="-556" />
            <source>[sheet {sheet}, row {row}] {problem}</source>
            <translation>[시트 {sheet}, {row}행] {problem}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>[sheet {sheet}] {problem}</source>
            <translation>[시트 {sheet}] {problem}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>That interview is not in this store.</source>
            <translation>그 인터뷰는 이 저장소에 없습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This interview was exported; its answers are no longer on this laptop.</source>
            <translation>이 인터뷰는 내보냈습니다. 응답은 더 이상 이 노트북에 없습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Only drafts can be deleted; finalized interviews are kept for export.</source>
            <translation>초안만 삭제할 수 있습니다. 완료된 인터뷰는 내보내기를 위해 보관됩니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This interview is finalized; it can no longer be changed.</source>
            <translation>이 인터뷰는 완료되었으므로 더 이상 바꿀 수 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Form {form} has no question {field} in this interview.</source>
            <translation>이 인터뷰에서 {form} 설문지에는 {field} 질문이 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{field} is not a question that takes an answer.</source>
            <translation>{field}은(는) 답을 받는 질문이 아닙니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This file is larger than the limit of {limit} for one answer; nothing was kept.</source>
            <translation>이 파일은 답변 하나의 한도({limit})보다 큽니다. 아무것도 저장하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Media can be added only to an interview that is still a draft.</source>
            <translation>미디어는 아직 초안인 인터뷰에만 추가할 수 있습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This recording or attachment was already closed.</source>
            <translation>이 녹음 또는 첨부는 이미 닫혔습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{kind} is not a kind of media fieldapp keeps (image, audio, video, file).</source>
            <translation>{kind}은(는) fieldapp이 보관하는 미디어 종류(이미지, 오디오, 동영상, 파일)가 아닙니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The media {media} in this store is damaged (chunks missing or out of order).</source>
            <translation>이 저장소의 미디어 {media}이(가) 손상되었습니다(조각이 없거나 순서가 어긋남).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This interview holds no media for {field}.</source>
            <translation>이 인터뷰에는 {field}에 대한 미디어가 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{field} is not a photo, audio, video or file question.</source>
            <translation>{field}은(는) 사진, 오디오, 동영상 또는 파일 질문이 아닙니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} is not a file that can be attached.</source>
            <translation>{path}은(는) 첨부할 수 있는 파일이 아닙니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{path} cannot be read ({reason}); nothing was kept.</source>
            <translation>{path}을(를) 읽을 수 없습니다({reason}). 아무것도 저장하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Form {form} has no repeat {repeat} here.</source>
            <translation>{form} 설문지의 이 위치에는 반복 항목 {repeat}이(가) 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The number of {repeat} entries is set by the form; entries cannot be added or removed here.</source>
            <translation>{repeat} 항목의 수는 설문지가 정합니다. 여기서 항목을 추가하거나 삭제할 수 없습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This interview has no entry {instance}.</source>
            <translation>이 인터뷰에는 {instance} 항목이 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A repeat holds at most {limit} entries.</source>
            <translation>반복 항목은 최대 {limit}개까지 담을 수 있습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Form {form} version {version} is already installed with different content; give the changed form a new version in its settings sheet.</source>
            <translation>설문지 {form} 버전 {version}이(가) 다른 내용으로 이미 설치되어 있습니다. 바뀐 설문지의 settings 시트에서 새 버전을 지정하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No form {form} is installed in this store (see `fieldapp form list`).</source>
            <translation>이 저장소에 설문지 {form}이(가) 설치되어 있지 않습니다(`fieldapp form list` 참조).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No form {form} version {version} is installed in this store (see `fieldapp form list`).</source>
            <translation>이 저장소에 설문지 {form} 버전 {version}이(가) 설치되어 있지 않습니다(`fieldapp form list` 참조).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{source} is not a readable {kind} workbook ({reason}); save the XLSForm again</source>
            <translation>{source}은(는) 읽을 수 있는 {kind} 통합 문서가 아닙니다({reason}). XLSForm을 다시 저장해 주십시오</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the XLSForm converter (pyxform) refuses it: {detail}</source>
            <translation>XLSForm 변환기(pyxform)가 이 양식을 거부합니다: {detail}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the XLSForm converter (pyxform) failed on this workbook ({reason}); check the form in ODK's own tools</source>
            <translation>XLSForm 변환기(pyxform)가 이 통합 문서를 처리하지 못했습니다({reason}). ODK 도구로 양식을 확인해 주십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>unknown question type {type!r}</source>
            <translation>알 수 없는 질문 유형 {type!r}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{column} {expression!r} is not a valid expression: {reason} (at character {position})</source>
            <translation>{column} {expression!r}은(는) 올바른 수식이 아닙니다: {reason} ({position}번째 문자)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{column} {expression!r}: {name!r} is not a value; write ${{{name}}} for a question, '{name}' for text, or {name}() for a function</source>
            <translation>{column} {expression!r}: {name!r}은(는) 값이 아닙니다. 질문은 ${{{name}}}, 텍스트는 '{name}', 함수는 {name}()로 쓰십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>choice_filter only applies to select questions, not to {type}</source>
            <translation>choice_filter는 선택형 질문에만 적용되며 {type}에는 적용되지 않습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the default {default!r} is not a valid answer to this {type} question</source>
            <translation>기본값 {default!r}은(는) 이 {type} 질문에 대한 올바른 응답이 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name!r} depends on itself through its calculation or relevant expression</source>
            <translation>{name!r}이(가) 계산식이나 표시 조건을 통해 자기 자신에 의존합니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>calculation/relevance cycle: {chain} (each needs the next to be worked out first; rows {rows})</source>
            <translation>계산/표시 조건 순환: {chain} (각각이 다음 항목을 먼저 계산해야 합니다. 행 {rows})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the form needs the attached file {file}, which is not in {folder}; put it beside the workbook or name its folder with --media</source>
            <translation>양식에 첨부 파일 {file}이(가) 필요하지만 {folder}에 없습니다. 통합 문서 옆에 두거나 --media로 폴더를 지정해 주십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the attached file {file} cannot be read: {reason}</source>
            <translation>첨부 파일 {file}을(를) 읽을 수 없습니다: {reason}</translation>
        </message>
        <message>
            <location line="-21" />
            <source>choices taken from the answers of a repeat ({list}) are not supported yet</source>
            <translation>반복 항목의 답에서 가져온 선택지({list})는 아직 지원되지 않습니다</translation>
        </message>
        <message>
            <location line="-143" />
            <source>The store's media database {path} is missing: the store's media answers are in that file. Restore the whole store folder from a copy.</source>
            <translation>저장소의 미디어 데이터베이스 {path}이(가) 없습니다. 저장소의 미디어 응답이 이 파일에 들어 있습니다. 저장소 폴더 전체를 사본에서 복원하십시오.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The store's media database {path} is damaged or does not belong to this store ({detail}).</source>
            <translation>저장소의 미디어 데이터베이스 {path}이(가) 손상되었거나 이 저장소의 것이 아닙니다({detail}).</translation>
        </message>
        <message>
            <location line="+70" />
            <source>{source}: {problem} (and {more:# more problem|# more problems})</source>
            <translation>{source}: {problem} (그 밖에 문제 {more}개)</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The interview cannot be finalized: {count:# question still needs|# questions still need} an answer or a correction.</source>
            <translation>인터뷰를 완료할 수 없습니다: 질문 {count}개에 아직 응답이나 수정이 필요합니다.</translation>
        </message>
        <message>
            <location line="+82" />
            <source>column {column}: the image {file} is not in {folder} (the form's images go in a folder beside the workbook named after it with -media, or name their folder with --media)</source>
            <translation>{column} 열: 이미지 {file}이(가) {folder}에 없습니다 (설문지의 이미지는 통합 문서 옆, 통합 문서 이름 뒤에 -media를 붙인 폴더에 두거나, --media로 그 폴더를 지정하십시오)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>column {column}: {file!r} is not a file name (a form's image is named without a folder)</source>
            <translation>{column} 열: {file!r}은(는) 파일 이름이 아닙니다 (설문지의 이미지는 폴더 없이 이름만 적습니다)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>column {column}: {file} is not a PNG, JPEG, GIF, BMP or WebP image</source>
            <translation>{column} 열: {file}은(는) PNG, JPEG, GIF, BMP, WebP 이미지가 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>column {column}: the image {file} is larger than {limit} MB</source>
            <translation>{column} 열: 이미지 {file}이(가) {limit} MB보다 큽니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the form {form} shows images that were not read with it; install it from its workbook and its media folder</source>
            <translation>설문지 {form}에 함께 읽히지 않은 이미지가 있습니다. 통합 문서와 미디어 폴더에서 설치하십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{count:# location question|# location questions} ({names}): a laptop never records a location; they are shown as not recorded and stored as not applicable</source>
            <translation>위치 질문 {count}개({names}): 노트북은 위치를 기록하지 않습니다. 기록되지 않음으로 표시되고 해당 없음으로 저장됩니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{count:# location question|# location questions} ({names}) {count:takes|take} typed coordinates: a respondent's location is sensitive, type it only where the study needs it</source>
            <translation>위치 질문 {count}개({names})는 좌표를 직접 입력받습니다. 응답자의 위치는 민감한 정보이므로 조사에 꼭 필요한 경우에만 입력하십시오</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count:# OpenMapKit question|# OpenMapKit questions} ({names}): a laptop does not record map features; they are stored as not applicable</source>
            <translation>OpenMapKit 질문 {count}개({names}): 노트북은 지도 객체를 기록하지 않으므로 해당 없음으로 저장됩니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>device and person identifiers ({names}) are never collected; they read as empty</source>
            <translation>기기 및 개인 식별 정보({names})는 수집하지 않으며 빈 값으로 읽힙니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{bundle} was refused: {reason}; nothing was imported.</source>
            <translation>{bundle}을(를) 거부했습니다: {reason}. 아무것도 가져오지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it cannot be read ({reason})</source>
            <translation>읽을 수 없습니다({reason})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>it is a folder, not a bundle file</source>
            <translation>번들 파일이 아니라 폴더입니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the file is empty</source>
            <translation>파일이 비어 있습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>it is larger than any bundle fieldapp writes</source>
            <translation>fieldapp이 만드는 어떤 번들보다도 큽니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is not addressed to this coordinator's key (wrong recipient)</source>
            <translation>이 코디네이터의 키로 보낸 것이 아닙니다(수신자가 다름)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is not a fieldapp bundle (not a binary age file to X25519 keys)</source>
            <translation>fieldapp 번들이 아닙니다(X25519 키로 암호화된 바이너리 age 파일이 아님)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its encryption header is damaged or was tampered with</source>
            <translation>암호화 헤더가 손상되었거나 변조되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is damaged, truncated or altered (decryption failed)</source>
            <translation>손상되었거나 잘렸거나 변조되었습니다(복호화 실패)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>device {device} is revoked, so its bundles are refused</source>
            <translation>기기 {device}은(는) 폐기되었으므로 그 번들은 거부됩니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is signed by device {device}, which is not trusted here yet (fingerprint words: {words}); compare these words with the ones the interviewer's laptop shows{hint}</source>
            <translation>아직 이 저장소가 신뢰하지 않는 기기 {device}이(가) 서명했습니다(지문 단어: {words}). 이 단어들을 조사원 노트북에 표시된 단어와 비교하세요{hint}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>it is signed by a device that is not trusted here yet (fingerprint words: {words}); compare these words with the ones the interviewer's laptop shows{hint}</source>
            <translation>아직 이 저장소가 신뢰하지 않는 기기가 서명했습니다(지문 단어: {words}). 이 단어들을 조사원 노트북에 표시된 단어와 비교하세요{hint}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>, then trust it with --trust-device "WORDS" or `fieldapp devices trust`</source>
            <translation>. 그런 다음 --trust-device "단어" 또는 `fieldapp devices trust`로 신뢰하세요</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it changed while it was being read; copy it again and import the copy</source>
            <translation>읽는 동안 파일이 바뀌었습니다. 다시 복사한 뒤 그 사본을 가져오세요</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its signature does not match its content (altered or forged)</source>
            <translation>서명이 내용과 맞지 않습니다(변조 또는 위조)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its manifest names another signing key than the one that signed it</source>
            <translation>매니페스트에 적힌 서명 키가 실제로 서명한 키와 다릅니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is signed with the key of device {device} but claims to come from device {claimed}</source>
            <translation>기기 {device}의 키로 서명되었지만 기기 {claimed}에서 왔다고 주장합니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it claims to come from device {device} but is not signed with that device's registered key (its key's fingerprint words: {words}); if that laptop was recovered, compare the words with it and trust its new key with `fieldapp devices trust STORE "WORDS" --replaces {device}`</source>
            <translation>기기 {device}에서 왔다고 하지만 그 기기의 등록된 키로 서명되지 않았습니다(이 키의 지문 단어: {words}). 그 노트북을 복구했다면 노트북과 단어를 비교한 뒤 `fieldapp devices trust STORE "WORDS" --replaces {device}`로 새 키를 신뢰하세요</translation>
        </message>
        <message>
            <location line="+5" />
            <source>it is numbered {seq}, more than {limit} after bundle {last}, the last of device {device} here; a laptop numbers its bundles one by one</source>
            <translation>번호가 {seq}로, 이곳에 있는 기기 {device}의 마지막 번들 {last}보다 {limit} 넘게 앞서 있습니다. 노트북은 번들에 하나씩 차례로 번호를 붙입니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>it is signed with the key device {device} had before it was recovered, and numbered {seq}: that key signed nothing after bundle {last}</source>
            <translation>기기 {device}가 복구되기 전의 키로 서명되었고 번호가 {seq}입니다. 그 키는 번들 {last} 이후에는 아무것도 서명하지 않았습니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>it claims to come from device {device} but is not signed with that device's registered key</source>
            <translation>기기 {device}에서 왔다고 하지만 그 기기의 등록된 키로 서명되지 않았습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>it was made for another project's coordinator</source>
            <translation>다른 프로젝트의 코디네이터를 위해 만들어졌습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its signed recipient list does not include this coordinator (re-addressed bundle)</source>
            <translation>서명된 수신자 목록에 이 코디네이터가 없습니다(수신자가 바뀐 번들)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>form {form} version {version} is not installed on this coordinator ({hint})</source>
            <translation>설문지 {form} 버전 {version}이(가) 이 코디네이터에 설치되어 있지 않습니다({hint})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>install it with `fieldapp form add` and import again</source>
            <translation>`fieldapp form add`로 설치한 뒤 다시 가져오세요</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its form {form} version {version} differs from the one installed here</source>
            <translation>번들의 설문지 {form} 버전 {version}이(가) 여기에 설치된 것과 다릅니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a field the form lacks ({field})</source>
            <translation>레코드 {n}에 설문지에 없는 필드가 있습니다({field})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} lacks some of the form's fields</source>
            <translation>레코드 {n}에 설문지의 필드 일부가 없습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} lists a repeat entry its form cannot have ({instance})</source>
            <translation>{n}번 기록에 설문지에 있을 수 없는 반복 항목({instance})이 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} seals field {field}, which its form does not seal</source>
            <translation>레코드 {n}이(가) 설문지가 봉인하지 않는 필드 {field}을(를) 봉인했습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} carries the sealed field {field} unsealed</source>
            <translation>레코드 {n}에 봉인 필드 {field}이(가) 봉인되지 않은 채 들어 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} answers the media question {field} without carrying its media (or carries media for a question that takes none)</source>
            <translation>기록 {n}이(가) 미디어 질문 {field}에 답했지만 그 미디어를 담고 있지 않습니다(또는 미디어를 받지 않는 질문에 미디어를 담고 있습니다)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the manifest's media list is malformed</source>
            <translation>매니페스트의 미디어 목록 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it carries media of an interview revision it does not list</source>
            <translation>목록에 없는 인터뷰 판의 미디어를 담고 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it carries media for {field} that the record's answer does not name</source>
            <translation>기록의 답변이 가리키지 않는 {field}의 미디어를 담고 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the media of {field} does not match the signed manifest (altered)</source>
            <translation>{field}의 미디어가 서명된 매니페스트와 일치하지 않습니다(변조됨)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} answers {field} with a value its form does not allow</source>
            <translation>레코드 {n}이(가) {field}에 설문지가 허용하지 않는 값을 답했습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>manifest</source>
            <translation>매니페스트</translation>
        </message>
        <message>
            <location line="+1" />
            <source>record {n}</source>
            <translation>레코드 {n}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>receipt</source>
            <translation>수령 확인서</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the {what} is not valid UTF-8 text</source>
            <translation>{what}이(가) 올바른 UTF-8 텍스트가 아닙니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the {what} is not valid JSON ({detail})</source>
            <translation>{what}이(가) 올바른 JSON이 아닙니다({detail})</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the {what} repeats the key {key}</source>
            <translation>{what}에 키 {key}이(가) 두 번 있습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the {what} contains the non-standard number {name}</source>
            <translation>{what}에 비표준 숫자 {name}이(가) 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the {what} is nested more than {depth} levels deep</source>
            <translation>{what}의 중첩이 {depth}단계보다 깊습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the {what} has a key longer than {limit} characters</source>
            <translation>{what}에 {limit}자보다 긴 키가 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the {what} has a text longer than {limit} characters</source>
            <translation>{what}에 {limit}자보다 긴 텍스트가 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its content is larger than any bundle fieldapp writes</source>
            <translation>내용이 fieldapp이 만드는 어떤 번들보다도 큽니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>it is not a fieldapp bundle of a known version (bad magic bytes)</source>
            <translation>알려진 버전의 fieldapp 번들이 아닙니다(매직 바이트가 틀림)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its manifest length is impossible (truncated or altered)</source>
            <translation>매니페스트 길이가 불가능한 값입니다(잘렸거나 변조됨)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest is not a JSON object</source>
            <translation>매니페스트가 JSON 객체가 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest format is not {format}</source>
            <translation>매니페스트 형식이 {format}이(가) 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest has unknown fields ({fields})</source>
            <translation>매니페스트에 알 수 없는 필드가 있습니다({fields})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest lacks fields ({fields})</source>
            <translation>매니페스트에 필드가 없습니다({fields})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's bundle id is malformed</source>
            <translation>매니페스트의 번들 ID 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's device id is malformed</source>
            <translation>매니페스트의 기기 ID 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's signer key is malformed</source>
            <translation>매니페스트의 서명자 키 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's project id is malformed</source>
            <translation>매니페스트의 프로젝트 ID 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's sequence number is malformed</source>
            <translation>매니페스트의 일련번호 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's previous-bundle hash is malformed</source>
            <translation>매니페스트의 이전 번들 해시 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's creation date is malformed</source>
            <translation>매니페스트의 생성 날짜 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's recipient list is malformed</source>
            <translation>매니페스트의 수신자 목록 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's form list is malformed</source>
            <translation>매니페스트의 설문지 목록 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's record list is empty or malformed</source>
            <translation>매니페스트의 레코드 목록이 비어 있거나 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's record list is malformed</source>
            <translation>매니페스트의 레코드 목록 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest lists the same interview revision twice</source>
            <translation>매니페스트에 같은 인터뷰 수정본이 두 번 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's payload hash is malformed</source>
            <translation>매니페스트의 페이로드 해시 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's payload length is malformed</source>
            <translation>매니페스트의 페이로드 길이 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the manifest's padding length is malformed</source>
            <translation>매니페스트의 패딩 길이 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its length does not match the manifest (truncated or altered)</source>
            <translation>길이가 매니페스트와 맞지 않습니다(잘렸거나 변조됨)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its records do not match the signed manifest (altered)</source>
            <translation>레코드가 서명된 매니페스트와 맞지 않습니다(변조됨)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its padding is not zero bytes (altered)</source>
            <translation>패딩이 0바이트가 아닙니다(변조됨)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its records section is truncated</source>
            <translation>레코드 부분이 잘렸습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>its records do not match the manifest's record list</source>
            <translation>레코드가 매니페스트의 레코드 목록과 맞지 않습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} is larger than {limit} bytes</source>
            <translation>레코드 {n}이(가) {limit}바이트보다 큽니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} does not match its manifest hash</source>
            <translation>레코드 {n}이(가) 매니페스트의 해시와 맞지 않습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has missing or unknown fields</source>
            <translation>레코드 {n}에 빠졌거나 알 수 없는 필드가 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} is not the interview revision the manifest lists</source>
            <translation>레코드 {n}이(가) 매니페스트에 적힌 인터뷰 수정본이 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} uses a form the manifest does not list</source>
            <translation>레코드 {n}이(가) 매니페스트에 없는 설문지를 씁니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed pseudonym</source>
            <translation>레코드 {n}의 가명 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed language</source>
            <translation>레코드 {n}의 언어 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed started at</source>
            <translation>레코드 {n}의 시작 시각 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed finalization time</source>
            <translation>레코드 {n}의 완료 시각 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has malformed answers</source>
            <translation>레코드 {n}의 응답 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} names a field with characters fieldapp never writes</source>
            <translation>레코드 {n}의 필드 이름에 fieldapp이 쓰지 않는 문자가 있습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed list of repeat entries</source>
            <translation>{n}번 기록의 반복 항목 목록이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a malformed answer for field {field}</source>
            <translation>레코드 {n}의 필드 {field} 응답 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a value of an unknown type for field {field}</source>
            <translation>레코드 {n}의 필드 {field} 값이 알 수 없는 유형입니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has malformed sealed answers</source>
            <translation>레코드 {n}의 봉인된 응답 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a sealed answer for field {field} that its answers do not mark as sealed</source>
            <translation>레코드 {n}에 필드 {field}의 봉인된 응답이 있지만 응답에는 봉인으로 표시되어 있지 않습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>record {n} has a malformed sealed answer for field {field}</source>
            <translation>레코드 {n}의 필드 {field} 봉인된 응답 형식이 잘못되었습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>record {n} has a value that contradicts its status for field {field}</source>
            <translation>레코드 {n}의 필드 {field} 값이 상태와 모순됩니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>this bundle was imported before; nothing changed</source>
            <translation>이 번들은 이전에 가져왔습니다. 아무것도 바뀌지 않았습니다</translation>
        </message>
        <message>
            <location line="+7" />
            <source>device {device}: {count:bundle number|bundle numbers} {ranges} {count:has|have} not arrived yet</source>
            <translation>기기 {device}: 번들 번호 {ranges}({count}개)이(가) 아직 도착하지 않았습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>device {device}: bundle numbers {ranges} and {more:# more range|# more ranges} have not arrived yet</source>
            <translation>기기 {device}: 번들 번호 {ranges} 외 {more}개 구간이 아직 도착하지 않았습니다</translation>
        </message>
        <message>
            <location line="+7" />
            <source>{count:# interview|# interviews} arrived with the same revision but different answers; both versions are kept for review</source>
            <translation>인터뷰 {count}건이 같은 수정 번호로 다른 응답을 담고 도착했습니다. 검토를 위해 두 버전을 모두 보관합니다</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{count:# interview|# interviews} from device {device} {count:is|are} held here as another device's (or this computer's) interviews; nothing was changed, their versions are kept for review</source>
            <translation>기기 {device}에서 온 인터뷰 {count}건은 이곳에 다른 기기(또는 이 컴퓨터)의 인터뷰로 보관되어 있습니다. 아무것도 바꾸지 않았으며, 검토를 위해 그 버전을 보관합니다</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{count:# pseudonym was|# pseudonyms were} already used by other interviews here and {count:was|were} replaced</source>
            <translation>가명 {count}개가 여기서 이미 다른 인터뷰에 쓰이고 있어 바꾸었습니다</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{bundle}: imported: {new} new, {duplicate} duplicate, {updated} updated, {conflict:# conflict|# conflicts}, {older:# older revision|# older revisions} (device {device}, bundle {seq}).</source>
            <translation>{bundle}: 가져왔습니다: 새 인터뷰 {new}건, 중복 {duplicate}건, 갱신 {updated}건, 충돌 {conflict}건, 이전 수정본 {older}건(기기 {device}, 번들 {seq}).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{bundle}: can be imported: {new} new, {duplicate} duplicate, {updated} updated, {conflict:# conflict|# conflicts}, {older:# older revision|# older revisions} (device {device}, bundle {seq}).</source>
            <translation>{bundle}: 가져올 수 있습니다: 새 인터뷰 {new}건, 중복 {duplicate}건, 갱신 {updated}건, 충돌 {conflict}건, 이전 수정본 {older}건(기기 {device}, 번들 {seq}).</translation>
        </message>
        <message>
            <location line="+17" />
            <source>A device's fingerprint is eight words; {count:# was|# were} given. Read them from the laptop's Export page.</source>
            <translation>기기의 지문은 여덟 단어입니다. {count}개가 입력되었습니다. 노트북의 내보내기 페이지에서 읽어 주세요.</translation>
        </message>
        <message>
            <location line="+114" />
            <source>Receipt verified: bundle {seq} ({count:# interview|# interviews}) is safe at the coordinator; its sealed copy was removed from this laptop.</source>
            <translation>수령 확인서를 확인했습니다: 번들 {seq}(인터뷰 {count}건)은(는) 코디네이터에게 안전하게 있습니다. 봉인된 사본을 이 노트북에서 삭제했습니다.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Nothing was exported: one step of the small-cell audit ran for more than {seconds} seconds. A result cut short by the clock would differ from one made on another computer, and two different results together can reveal hidden cells. Export fewer tables at once and try again.</source>
            <translation>아무것도 내보내지 않았습니다: 작은 칸 감사의 한 단계가 {seconds}초를 넘게 실행되었습니다. 시간 때문에 중간에 끊긴 결과는 다른 컴퓨터에서 만든 결과와 달라질 수 있으며, 서로 다른 두 결과를 함께 보면 숨긴 칸이 드러날 수 있습니다. 한 번에 내보내는 표의 수를 줄여 다시 시도하십시오.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Nothing was exported: the small-cell audit could not prove that {count:# hidden quantity|# hidden quantities} cannot be worked out from the cells shown. Export fewer tables or breakdowns at once, or use a larger minimum cell size.</source>
            <translation>아무것도 내보내지 않았습니다. 작은 칸 감사가 숨긴 값 {count}개를 보이는 칸에서 알아낼 수 없다는 것을 증명하지 못했습니다. 한 번에 더 적은 표나 분류를 내보내거나 최소 칸 크기를 더 크게 하세요.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The weight field {field} must be a number of at least 0 for every respondent counted ({count:# is|# are} not).</source>
            <translation>가중치 필드 {field}은(는) 집계되는 모든 응답자에 대해 0 이상의 수여야 합니다 (그렇지 않은 응답자 {count}명).</translation>
        </message>
        <message>
            <location line="+25" />
            <source>{source}: {total:# problem|# problems}, nothing was imported: {shown}{more}</source>
            <translation>{source}: 문제 {total}개, 아무것도 가져오지 않았습니다: {shown}{more}</translation>
        </message>
        <message>
            <location line="-213" />
            <source>device {device}: bundle {seq} does not follow the bundle {prev} imported here (chain broken)</source>
            <translation>기기 {device}: 번들 {seq}이(가) 여기에 가져온 번들 {prev}에 이어지지 않습니다(연결 끊김)</translation>
        </message>
        <message>
            <location line="-12" />
            <source>device {device} used bundle number {seq} twice (an export cut off before it finished, or the laptop restored from a backup); its interviews are merged by id and revision, so nothing is doubled</source>
            <translation>기기 {device}이(가) 번들 번호 {seq}을(를) 두 번 사용했습니다(끝나기 전에 중단된 내보내기이거나 백업에서 복원된 노트북). 인터뷰는 ID와 수정 번호로 병합되므로 중복되지 않습니다</translation>
        </message>
        <message>
            <location line="+29" />
            <source>device {device} was recovered: its new key (fingerprint {fingerprint}) is now trusted, and its old key is refused for any bundle after number {last}</source>
            <translation>기기 {device}가 복구되었습니다. 새 키(지문 {fingerprint})를 이제 신뢰하며, 옛 키는 번호 {last} 이후의 모든 번들에 대해 거부됩니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>device {device} (key fingerprint {fingerprint}) is now trusted</source>
            <translation>기기 {device}(키 지문 {fingerprint})을(를) 이제 신뢰합니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the receipt could not be written next to the bundle ({reason})</source>
            <translation>번들 옆에 수령 확인서를 쓸 수 없었습니다({reason})</translation>
        </message>
        <message>
            <location line="+13" />
            <source>{bundle}: already imported (bundle {seq} of device {device}); nothing changed.</source>
            <translation>{bundle}: 이미 가져왔습니다(기기 {device}의 번들 {seq}). 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bundles are imported into the coordinator's store; this is an interviewer store.</source>
            <translation>번들은 코디네이터 저장소로 가져옵니다. 이것은 조사원 저장소입니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No device {device} is registered here (see `fieldapp devices`).</source>
            <translation>여기에 등록된 기기 {device}이(가) 없습니다(`fieldapp devices` 참조).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Device {device} is already revoked.</source>
            <translation>기기 {device}은(는) 이미 폐기되었습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A device label is one line of at most {limit} characters.</source>
            <translation>기기 이름표는 {limit}자 이하의 한 줄이어야 합니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>“{word}” is not one of the fingerprint words fieldapp uses; check its spelling.</source>
            <translation>“{word}”은(는) fieldapp이 쓰는 지문 단어가 아닙니다. 철자를 확인하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>These words are on fieldapp's lists but are not the fingerprint of any key (a word misheard as another, or English and Korean words mixed); read all eight again from the laptop's Export page, in one language.</source>
            <translation>fieldapp 단어 목록에 있는 단어이지만 어떤 키의 지문도 아닙니다(한 단어를 다른 단어로 잘못 들었거나 영어와 한국어 단어가 섞였습니다). 노트북의 내보내기 페이지에서 여덟 단어를 한 언어로 다시 읽으세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>These fingerprint words are those of device {device}, which is already registered here.</source>
            <translation>이 지문 단어는 이미 여기에 등록된 기기 {device}의 것입니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No laptop with the fingerprint words {words} is expected here.</source>
            <translation>지문 단어 {words}인 노트북은 여기서 기다리고 있지 않습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bundles are exported from interviewer stores; this is a coordinator store.</source>
            <translation>번들은 조사원 저장소에서 내보냅니다. 이것은 코디네이터 저장소입니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This laptop is not enrolled yet: give the coordinator's project key file (--to FILE).</source>
            <translation>이 노트북은 아직 등록되지 않았습니다. 코디네이터의 프로젝트 키 파일을 지정하세요(--to FILE).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Nothing to export: there are no finalized interviews waiting.</source>
            <translation>내보낼 것이 없습니다. 기다리는 완료된 인터뷰가 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A recording of a finalized interview is still open; stop it before exporting. Nothing was exported.</source>
            <translation>완료된 인터뷰의 녹음이 아직 진행 중입니다. 내보내기 전에 녹음을 멈추십시오. 아무것도 내보내지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Interviews changed while exporting; nothing was marked exported. Try again.</source>
            <translation>내보내는 동안 인터뷰가 바뀌었습니다. 아무것도 내보냄으로 표시하지 않았습니다. 다시 시도하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{path} already exists; choose a new file name or a folder.</source>
            <translation>{path}이(가) 이미 있습니다. 새 파일 이름이나 폴더를 고르세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Could not write the bundle to {path} ({reason}); nothing was marked exported.</source>
            <translation>번들을 {path}에 쓸 수 없었습니다({reason}). 아무것도 내보냄으로 표시하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The bundle written to {path} does not read back identically (faulty USB stick?); nothing was marked exported.</source>
            <translation>{path}에 쓴 번들을 다시 읽으니 똑같지 않습니다(USB 메모리 불량?). 아무것도 내보냄으로 표시하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{path} is not a folder (is the USB stick plugged in?).</source>
            <translation>{path}은(는) 폴더가 아닙니다(USB 메모리가 꽂혀 있나요?).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Nothing to send again: every exported bundle has a receipt.</source>
            <translation>다시 보낼 것이 없습니다. 내보낸 모든 번들에 수령 확인서가 있습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This store's signing key opens only with its passphrase; lock the store and unlock it with the passphrase.</source>
            <translation>이 저장소의 서명 키는 암호문으로만 열립니다. 저장소를 잠근 뒤 암호문으로 잠금을 해제하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The escrow key C_esc is not in this store: it was written out for offline keeping and removed (key backup --escrow --remove); use that file.</source>
            <translation>에스크로 키 C_esc는 이 저장소에 없습니다. 오프라인 보관용으로 내보낸 뒤 삭제되었습니다(key backup --escrow --remove). 그 파일을 사용하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>--remove removes the escrow key only; give --escrow too.</source>
            <translation>--remove는 에스크로 키만 삭제합니다. --escrow도 함께 주세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This store has no device signing key yet; open it with this fieldapp version first.</source>
            <translation>이 저장소에는 아직 기기 서명 키가 없습니다. 먼저 이 버전의 fieldapp으로 여세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This is not a coordinator store (it holds no project keys).</source>
            <translation>코디네이터 저장소가 아닙니다(프로젝트 키가 없음).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This coordinator store has no project key file yet; open it with this fieldapp version.</source>
            <translation>이 코디네이터 저장소에는 아직 프로젝트 키 파일이 없습니다. 이 버전의 fieldapp으로 여세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>That is not a valid project key file ({reason}).</source>
            <translation>올바른 프로젝트 키 파일이 아닙니다({reason}).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This project key differs from the one this laptop was enrolled with and is not signed by that coordinator; nothing was exported. Ask the coordinator in person.</source>
            <translation>이 프로젝트 키는 이 노트북이 등록된 키와 다르며 그 코디네이터가 서명하지 않았습니다. 아무것도 내보내지 않았습니다. 코디네이터에게 직접 확인하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This project key differs from the one this laptop was enrolled with and is not signed by that coordinator; nothing was pinned. Ask the coordinator in person.</source>
            <translation>이 프로젝트 키는 이 노트북이 등록된 키와 다르며 그 코디네이터가 서명하지 않았습니다. 아무것도 등록하지 않았습니다. 코디네이터에게 직접 확인하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This laptop has no project key yet, so the key file's fingerprint words must be confirmed first: they are {words}. Compare them with the words the coordinator reads out{hint}; nothing was pinned, sealed or removed.</source>
            <translation>이 노트북에는 아직 프로젝트 키가 없으므로 먼저 키 파일의 지문 단어를 확인해야 합니다. 지문 단어는 {words}입니다. 코디네이터가 읽어 주는 단어와 비교하세요{hint}. 아무것도 등록하거나 봉인하거나 지우지 않았습니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source> and give them with --words "WORDS" (or run the command in a terminal to be asked)</source>
            <translation>. 그런 다음 --words "단어"로 입력하세요(또는 터미널에서 명령을 실행하면 물어봅니다)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The fingerprint words given ({given}) are not those of the project key file ({words}): the file may have been swapped; nothing was pinned, sealed or removed.</source>
            <translation>입력한 지문 단어({given})가 프로젝트 키 파일의 단어({words})와 다릅니다. 파일이 바뀌었을 수 있습니다. 아무것도 등록하거나 봉인하거나 지우지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The fingerprint words were not confirmed; nothing was pinned, sealed or removed.</source>
            <translation>지문 단어를 확인하지 않았습니다. 아무것도 등록하거나 봉인하거나 지우지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{name} is not a fieldapp receipt.</source>
            <translation>{name}은(는) fieldapp 수령 확인서가 아닙니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{name} was not signed by the coordinator this laptop is enrolled with (forged or altered); nothing was removed.</source>
            <translation>{name}은(는) 이 노트북이 등록된 코디네이터가 서명한 것이 아닙니다(위조 또는 변조). 아무것도 삭제하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{name} is malformed ({reason}).</source>
            <translation>{name}의 형식이 잘못되었습니다({reason}).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{name} is malformed (bad {field}).</source>
            <translation>{name}의 형식이 잘못되었습니다({field}이(가) 틀림).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{name} is a receipt of an unknown format.</source>
            <translation>{name}은(는) 알 수 없는 형식의 수령 확인서입니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This laptop has no pinned project key yet, so it cannot check receipts.</source>
            <translation>이 노트북에는 아직 등록된 프로젝트 키가 없어서 수령 확인서를 확인할 수 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} is a receipt for another laptop or project; nothing was removed.</source>
            <translation>{name}은(는) 다른 노트북이나 프로젝트의 수령 확인서입니다. 아무것도 삭제하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} is not a receipt for a bundle of this laptop, or it was altered; nothing was removed.</source>
            <translation>{name}은(는) 이 노트북의 번들에 대한 영수증이 아니거나 변경되었습니다. 아무것도 삭제하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{name} covers a bundle this laptop never exported; nothing was removed.</source>
            <translation>{name}은(는) 이 노트북이 내보낸 적 없는 번들의 수령 확인서입니다. 아무것도 삭제하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{name} acknowledges different bytes than this laptop sealed; nothing was removed.</source>
            <translation>{name}은(는) 이 노트북이 봉인한 것과 다른 바이트를 확인합니다. 아무것도 삭제하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Bundle {seq} was already acknowledged; nothing changed.</source>
            <translation>번들 {seq}은(는) 이미 수령 확인되었습니다. 아무것도 바뀌지 않았습니다.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>This table has no answers to draw, so no chart was saved.</source>
            <translation>이 표에는 그릴 응답이 없어 그림을 저장하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The small-cell threshold must be a whole number of at least {least}, not {k}: with less, nothing would be hidden.</source>
            <translation>작은 칸 기준은 {k}이(가) 아니라 {least} 이상의 정수여야 합니다. 그보다 작으면 아무것도 숨겨지지 않습니다.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The filter {expression} is not a valid expression: {reason}.</source>
            <translation>필터 {expression}은(는) 올바른 식이 아닙니다: {reason}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The filter {expression} reads {field}, which this form has no column for.</source>
            <translation>필터 {expression}이(가) 읽는 {field}은(는) 이 양식에 없는 열입니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>--open-text lists answers that can identify respondents: only in md or html, and never with --suppress (a file meant to leave the laptop).</source>
            <translation>--open-text는 응답자를 드러낼 수 있는 응답을 나열합니다: md 또는 html로만, 그리고 --suppress(노트북 밖으로 내보낼 파일)와 함께는 절대 쓸 수 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>--pair takes two question names joined by a colon (A:B), not {pair}.</source>
            <translation>--pair에는 {pair}이(가) 아니라 콜론으로 이은 두 질문 이름(A:B)을 주어야 합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cannot break tables down by {field}: this form has no such field.</source>
            <translation>{field}으로(로) 표를 나눌 수 없습니다: 이 설문지에는 그런 항목이 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A repeat level is tabulated over instances or respondents, not {unit}.</source>
            <translation>반복 수준의 표는 항목(instances) 또는 응답자(respondents) 기준으로 만듭니다. {unit}은(는) 쓸 수 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Tables over respondents are broken down by a respondent's own field; {field} is asked for each entry of {repeat}.</source>
            <translation>응답자 기준 표는 응답자 자신의 항목으로만 나눌 수 있습니다. {field}은(는) {repeat}의 각 항목마다 묻는 질문입니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>--over needs --level REPEAT: the repeat whose entries are counted.</source>
            <translation>--over에는 --level REPEAT(항목을 셀 반복 그룹)가 필요합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{option} is not available for the tables of a repeat level.</source>
            <translation>{option}은(는) 반복 수준의 표에는 쓸 수 없습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{path}: paper questionnaires are imported from a .csv or .xlsx file.</source>
            <translation>{path}: 종이 설문지는 .csv 또는 .xlsx 파일에서 가져옵니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{source}: no data rows; nothing was imported.</source>
            <translation>{source}: 데이터 행이 없습니다. 아무것도 가져오지 않았습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{source}: this exact file was already imported on {date}; nothing was imported (use --again to import it once more).</source>
            <translation>{source}: 똑같은 파일을 {date}에 이미 가져왔습니다. 아무것도 가져오지 않았습니다(한 번 더 가져오려면 --again을 쓰세요).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{file}, sheet {sheet}</source>
            <translation>{file}, 시트 {sheet}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{source}, row {row}, column {column}: {problem}</source>
            <translation>{source}, {row}행, {column} 열: {problem}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{source}, row {row}, columns {columns}: {problem}</source>
            <translation>{source}, {row}행, {columns} 열: {problem}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{source}, row {row}: {problem}</source>
            <translation>{source}, {row}행: {problem}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{source}: the file is not UTF-8 text; save it as CSV UTF-8.</source>
            <translation>{source}: UTF-8 텍스트 파일이 아닙니다. CSV UTF-8 형식으로 다시 저장하십시오.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{source}: the file is empty.</source>
            <translation>{source}: 파일이 비어 있습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{source}: not a readable .xlsx workbook ({reason}).</source>
            <translation>{source}: 읽을 수 있는 .xlsx 통합 문서가 아닙니다({reason}).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{source}: the first sheet is empty.</source>
            <translation>{source}: 첫 번째 시트가 비어 있습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{source}: more than {limit} rows; split the files.</source>
            <translation>{source}: 행이 {limit}개를 넘습니다. 파일을 나누십시오.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the header row is empty</source>
            <translation>머리글 행이 비어 있습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the same question as column {other}</source>
            <translation>{other} 열과 같은 질문입니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the question belongs in {level}</source>
            <translation>이 질문은 {level}에 들어가야 합니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the respondents' table (one row per interview)</source>
            <translation>응답자 표(인터뷰 하나에 한 행)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the table of the repeat {repeat} (one row per entry)</source>
            <translation>반복 {repeat}의 표(항목 하나에 한 행)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>no question of form {form} has this name</source>
            <translation>양식 {form}에는 이 이름의 질문이 없습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>no repeat of form {form} has this name, and its first KEY names none either; name the file or sheet after its repeat</source>
            <translation>양식 {form}에는 이 이름의 반복이 없고 첫 KEY도 반복을 가리키지 않습니다. 파일이나 시트 이름을 해당 반복의 이름으로 정하십시오</translation>
        </message>
        <message>
            <location line="+4" />
            <source>a second table of respondents (the first is {other}); give one table per level</source>
            <translation>두 번째 응답자 표입니다(첫 번째는 {other}). 수준마다 표를 하나씩 주십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>a second table for the repeat {repeat} (the first is {other})</source>
            <translation>반복 {repeat}의 두 번째 표입니다(첫 번째는 {other})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>no table of respondents: one file or sheet must hold one row per interview, without a PARENT_KEY or _parent_index column</source>
            <translation>응답자 표가 없습니다. 파일이나 시트 하나에 PARENT_KEY나 _parent_index 열 없이 인터뷰 하나당 한 행이 있어야 합니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>the entries of the repeat {repeat} need {parent} too; give that file or sheet as well</source>
            <translation>반복 {repeat}의 항목에는 {parent}도 필요합니다. 그 파일이나 시트도 함께 주십시오</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the rows of a repeat need a PARENT_KEY (or _parent_index) column naming each entry's parent row</source>
            <translation>반복의 행에는 각 항목의 상위 행을 가리키는 PARENT_KEY(또는 _parent_index) 열이 있어야 합니다</translation>
        </message>
        <message>
            <location line="+4" />
            <source>there is no {column} column, so the rows of {child} cannot be joined to this table</source>
            <translation>{column} 열이 없어서 {child}의 행을 이 표에 연결할 수 없습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>no row of {parent} has this key</source>
            <translation>{parent}에 이 키를 가진 행이 없습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>names another parent table; the repeat {repeat} belongs in {parent}</source>
            <translation>다른 상위 표를 가리킵니다. 반복 {repeat}은(는) {parent}에 속합니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the same key as row {other}</source>
            <translation>{other}행과 키가 같습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>a choice's column holds 1 (chosen), 0 or nothing</source>
            <translation>선택지 열에는 1(선택), 0 또는 빈칸만 들어갈 수 있습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>the form gives the repeat {repeat} {expected} entries here; the files give {found}</source>
            <translation>양식에 따르면 여기서 반복 {repeat}의 항목은 {expected}개인데 파일에는 {found}개가 있습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>an answer is required</source>
            <translation>답이 필요합니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>an answer is required: {message}</source>
            <translation>답이 필요합니다: {message}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>the answer breaks the question's constraint</source>
            <translation>답이 질문의 제약 조건에 맞지 않습니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>the answer breaks the question's constraint: {message}</source>
            <translation>답이 질문의 제약 조건에 맞지 않습니다: {message}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>answered, but the form's skip logic says this question does not apply here</source>
            <translation>답이 있지만 양식의 건너뛰기 논리에 따르면 이 질문은 여기에 해당하지 않습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>answered, but the form's skip logic says these questions do not apply here</source>
            <translation>답이 있지만 양식의 건너뛰기 논리에 따르면 이 질문들은 여기에 해당하지 않습니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>same id as row {other}</source>
            <translation>{other}행과 ID가 같습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not one of the choices ({choices})</source>
            <translation>선택지({choices}) 중 하나가 아닙니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>one or more of the space-separated names is not a choice of this question</source>
            <translation>공백으로 구분된 이름 중 하나 이상이 이 질문의 선택지가 아닙니다</translation>
        </message>
        <message>
            <location line="+3" />
            <source>not a whole number</source>
            <translation>정수가 아닙니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not a number</source>
            <translation>숫자가 아닙니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not a date (use YYYY-MM-DD)</source>
            <translation>날짜가 아닙니다(YYYY-MM-DD 형식으로 쓰십시오)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>not a valid value</source>
            <translation>올바른 값이 아닙니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Sealed answers can be opened only in the coordinator's store; this laptop holds no key for them.</source>
            <translation>봉인된 응답은 코디네이터 저장소에서만 열 수 있습니다. 이 노트북에는 그 키가 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Two interviews of this form share a pseudonym, so their repeat entries cannot be keyed apart; nothing was written.</source>
            <translation>이 설문지의 두 면담이 같은 가명을 쓰고 있어 반복 항목을 구별할 수 없습니다. 아무것도 쓰지 않았습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>There are no finalized interviews of form {form} in this store yet.</source>
            <translation>이 저장소에는 아직 설문지 {form}의 완료된 인터뷰가 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A sealed answer ({field}) of interview {pseudonym} cannot be opened with this store's decryption key (sealed to another project key?); nothing was exported.</source>
            <translation>인터뷰 {pseudonym}의 봉인된 응답({field})을(를) 이 저장소의 복호화 키로 열 수 없습니다(다른 프로젝트 키로 봉인됨?). 아무것도 내보내지 않았습니다.</translation>
        </message>
    </context>
    <context>
        <name>CountsModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/counts.py" line="+35" />
            <source>Questionnaire</source>
            <translation>설문지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drafts</source>
            <translation>작성 중</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Finalized, waiting for export</source>
            <translation>완료, 내보내기 대기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Exported</source>
            <translation>내보냄</translation>
        </message>
    </context>
    <context>
        <name>CountsPage</name>
        <message>
            <location line="+13" />
            <source>Interviews on this laptop</source>
            <translation>이 노트북의 인터뷰</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+4" />
            <source>An interviewer's laptop shows counts only, never tables of answers: the coordinator makes the tables once the interviews are imported.</source>
            <translation>조사원의 노트북은 건수만 보여 주고 응답 표는 보여 주지 않습니다. 표는 인터뷰를 가져온 뒤 코디네이터가 만듭니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Interviews by questionnaire and status</source>
            <translation>설문지와 상태별 인터뷰 수</translation>
        </message>
    </context>
    <context>
        <name>DateTimeWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/clock.py" line="+121" />
            <source>Time of: {question}</source>
            <translation>시각: {question}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>24-hour clock, for example 14:30 (or 1430)</source>
            <translation>24시간제, 예: 14:30 (또는 1430)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear the date and time of: {question}</source>
            <translation>날짜와 시각 지우기: {question}</translation>
        </message>
    </context>
    <context>
        <name>DateWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/entry.py" line="+171" />
            <source>No date</source>
            <translation>날짜 없음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear date</source>
            <translation>날짜 지우기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear the date of: {question}</source>
            <translation>다음 질문의 날짜 지우기: {question}</translation>
        </message>
    </context>
    <context>
        <name>DeviceDialog</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/devices.py" line="+67" />
            <source>Add a laptop by its words</source>
            <translation>지문 단어로 노트북 추가</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Label the laptop</source>
            <translation>노트북 이름표 붙이기</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Type the eight fingerprint words the laptop shows on its Export page (read them from the laptop, or have the interviewer read them out), all eight in English or all eight in Korean. Its first bundle is then trusted without another question.</source>
            <translation>노트북의 내보내기 페이지에 표시된 지문 단어 여덟 개를 입력하세요(노트북에서 직접 읽거나 조사원에게 읽어 달라고 하세요). 여덟 단어 모두 한국어로, 또는 모두 영어로 입력합니다. 그러면 이 노트북의 첫 번들은 더 묻지 않고 신뢰됩니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Fingerprint words of the laptop</source>
            <translation>노트북의 지문 단어</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Words:</source>
            <translation>단어(&amp;W):</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Label for the laptop</source>
            <translation>노트북 이름표</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Seoul team, laptop 3</source>
            <translation>예: 서울팀 노트북 3</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Label:</source>
            <translation>이름표(&amp;L):</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Add the laptop</source>
            <translation>노트북 추가(&amp;A)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>&amp;Save label</source>
            <translation>이름표 저장(&amp;S)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
    </context>
    <context>
        <name>DeviceTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/exchange.py" line="+38" />
            <source>Device</source>
            <translation>기기</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Trust</source>
            <translation>신뢰</translation>
        </message>
        <message>
            <location line="-3" />
            <source>First seen</source>
            <translation>처음 확인</translation>
        </message>
        <message>
            <location line="-4" />
            <source>(no bundle yet)</source>
            <translation>(아직 번들 없음)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Label</source>
            <translation>이름표</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Fingerprint words</source>
            <translation>지문 단어</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Last bundle</source>
            <translation>마지막 번들</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Bundles</source>
            <translation>번들 수</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Revoked: its bundles are refused</source>
            <translation>폐기됨: 이 기기의 번들은 거부됩니다</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Expected: trusted when its first bundle arrives</source>
            <translation>대기 중: 첫 번들이 오면 신뢰함</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Trusted</source>
            <translation>신뢰함</translation>
        </message>
    </context>
    <context>
        <name>DevicesPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/devices.py" line="+28" />
            <source>Devices and project key</source>
            <translation>기기와 프로젝트 키</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Interviewer laptops</source>
            <translation>조사원 노트북</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Registered interviewer laptops</source>
            <translation>등록된 조사원 노트북</translation>
        </message>
        <message>
            <location line="+20" />
            <source>&amp;Revoke…</source>
            <translation>폐기(&amp;R)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Revoke the selected laptop</source>
            <translation>선택한 노트북 폐기</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Project key for interviewers</source>
            <translation>조사원용 프로젝트 키</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Interviewer laptops encrypt their bundles to this project key. Save the file on a stick for them, then read these words to each interviewer by phone or in person; their laptop shows the same words when it is enrolled. The file holds public keys only.</source>
            <translation>조사원 노트북은 이 프로젝트 키로 번들을 암호화합니다. 파일을 USB 메모리에 저장해 전달한 뒤, 전화나 직접 만나서 각 조사원에게 이 단어들을 읽어 주세요. 등록할 때 조사원의 노트북에도 같은 단어가 표시됩니다. 이 파일에는 공개 키만 들어 있습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Fingerprint words of the project key</source>
            <translation>프로젝트 키의 지문 단어</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Save the project key file…</source>
            <translation>프로젝트 키 파일 저장(&amp;S)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save the project key file for interviewers</source>
            <translation>조사원용 프로젝트 키 파일 저장</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Decryption key backup</source>
            <translation>복호화 키 백업</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Warning: the backup file opens every bundle of the project. Anyone who gets it can read every interview. Write it only to a stick or paper kept offline in a safe place, never to a laptop that travels. Without it, losing this store means losing every bundle not yet merged.</source>
            <translation>경고: 백업 파일로 이 프로젝트의 모든 번들을 열 수 있습니다. 이 파일을 얻은 사람은 모든 인터뷰를 읽을 수 있습니다. 안전한 곳에 오프라인으로 보관하는 USB 메모리나 종이에만 기록하고, 이동하는 노트북에는 절대 저장하지 마세요. 백업이 없으면 이 저장소를 잃을 때 아직 병합하지 않은 모든 번들도 잃게 됩니다.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Back &amp;up the decryption key…</source>
            <translation>복호화 키 백업(&amp;U)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back up the project decryption key to a file</source>
            <translation>프로젝트 복호화 키를 파일로 백업</translation>
        </message>
        <message>
            <location line="+21" />
            <source>This is an interviewer store: it has no devices or project key of its own.</source>
            <translation>조사원 저장소입니다. 자체 기기 목록이나 프로젝트 키가 없습니다.</translation>
        </message>
        <message>
            <location line="+128" />
            <source>Revoke laptop</source>
            <translation>노트북 폐기</translation>
        </message>
        <message>
            <location line="-234" />
            <source>A laptop is trusted by the fingerprint words of its key: add it here by its words before its first bundle arrives, or confirm its words on the Import page. Labels stay in this store. Revoke a laptop that was lost or seized: its future bundles are refused; what it sent before stays.</source>
            <translation>노트북은 키의 지문 단어로 신뢰합니다. 첫 번들이 오기 전에 여기서 지문 단어로 추가하거나, 가져오기 페이지에서 지문 단어를 확인하세요. 이름표는 이 저장소에만 남습니다. 잃어버리거나 압수된 노트북은 폐기하세요. 앞으로 보내는 번들은 거부되고, 이전에 보낸 것은 남습니다.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>&amp;Add a laptop by its words…</source>
            <translation>지문 단어로 노트북 추가(&amp;A)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Trust a laptop by its fingerprint words before its first bundle</source>
            <translation>첫 번들이 오기 전에 지문 단어로 노트북 신뢰</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Label…</source>
            <translation>이름표(&amp;L)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Give the selected laptop a label</source>
            <translation>선택한 노트북에 이름표 붙이기</translation>
        </message>
        <message>
            <location line="+170" />
            <source>The laptop with the words {0} will be trusted when its first bundle arrives.</source>
            <translation>지문 단어 {0}인 노트북은 첫 번들이 오면 신뢰합니다.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The label of laptop {0} was saved.</source>
            <translation>노트북 {0}의 이름표를 저장했습니다.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Forget the laptop with the fingerprint words {0}? Its bundles will need to be trusted again.</source>
            <translation>지문 단어 {0}인 노트북을 목록에서 지울까요? 그 번들은 다시 신뢰해야 합니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Revoke laptop {0} (fingerprint words: {1})? Every bundle it sends from now on is refused. Interviews it sent before stay in this store. This cannot be undone.</source>
            <translation>노트북 {0}(지문 단어: {1})을(를) 폐기할까요? 앞으로 보내는 모든 번들이 거부됩니다. 이전에 보낸 인터뷰는 이 저장소에 남습니다. 되돌릴 수 없습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Confirm revoking the laptop</source>
            <translation>노트북 폐기 확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Revoke</source>
            <translation>폐기(&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Revoke the laptop</source>
            <translation>노트북 폐기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep trusting the laptop</source>
            <translation>노트북을 계속 신뢰</translation>
        </message>
        <message>
            <location line="+22" />
            <source>The laptop with the words {0} is no longer expected.</source>
            <translation>지문 단어 {0}인 노트북은 더 이상 기다리지 않습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Laptop {0} is revoked: its future bundles will be refused.</source>
            <translation>노트북 {0}을(를) 폐기했습니다. 앞으로 보내는 번들은 거부됩니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Save the project key file</source>
            <translation>프로젝트 키 파일 저장</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Project key files (*.fieldapp-key)</source>
            <translation>프로젝트 키 파일 (*.fieldapp-key)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Saved the project key file to {0}. Give it to the interviewers and read them the words above.</source>
            <translation>프로젝트 키 파일을 {0}에 저장했습니다. 조사원에게 전달하고 위의 단어들을 읽어 주세요.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Back up the decryption key</source>
            <translation>복호화 키 백업</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The file you are about to write opens every bundle of this project. Anyone who gets it can read every interview. Save it only to a stick kept offline in a safe place.</source>
            <translation>지금 만들 파일로 이 프로젝트의 모든 번들을 열 수 있습니다. 이 파일을 얻은 사람은 모든 인터뷰를 읽을 수 있습니다. 안전한 곳에 오프라인으로 보관하는 USB 메모리에만 저장하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirm the key backup</source>
            <translation>키 백업 확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Choose where to save it…</source>
            <translation>저장할 곳 선택(&amp;C)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose where to save the key backup</source>
            <translation>키 백업을 저장할 곳 선택</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Do not back up the key</source>
            <translation>키를 백업하지 않음</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Save the key backup</source>
            <translation>키 백업 저장</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Wrote the decryption key backup to {0} (readable by you only). Move it offline now: `age -d -i` with this file opens any bundle of the project.</source>
            <translation>복호화 키 백업을 {0}에 저장했습니다(본인만 읽을 수 있음). 지금 바로 오프라인으로 옮기세요. 이 파일과 `age -d -i`로 프로젝트의 어떤 번들이든 열 수 있습니다.</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <location filename="../../src/fieldapp/gui/app.py" line="+61" />
            <source>fieldapp: unexpected error</source>
            <translation>fieldapp: 예기치 않은 오류</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unexpected error</source>
            <translation>예기치 않은 오류</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Something went wrong inside fieldapp. Your saved answers are safe in the encrypted store. If this happens again, copy the details below and send them to your coordinator; they contain no answers, and nothing is sent automatically.</source>
            <translation>fieldapp 내부에서 문제가 생겼습니다. 저장된 응답은 암호화된 저장소에 안전하게 있습니다. 같은 일이 다시 생기면 아래 세부 정보를 복사해 코디네이터에게 보내 주세요. 세부 정보에는 응답이 들어 있지 않으며, 아무것도 자동으로 전송되지 않습니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Error details</source>
            <translation>오류 세부 정보</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Copy details</source>
            <translation>세부 정보 복사(&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Copy the error details</source>
            <translation>오류 세부 정보 복사</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Copied</source>
            <translation>복사됨</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../src/fieldapp/gui/errors.py" line="+26" />
            <source>That passphrase is wrong for this store. Check the keyboard layout and Caps Lock, then try again; nothing was changed.</source>
            <translation>이 저장소의 암호 문구가 아닙니다. 키보드 입력 언어(한/영)와 Caps Lock을 확인한 뒤 다시 시도하세요. 바뀐 것은 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This store is open in another fieldapp window or command. Close it there, then try again.</source>
            <translation>이 저장소는 다른 fieldapp 창이나 명령에서 열려 있습니다. 거기서 닫은 다음 다시 시도하세요.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>A file could not be read or written: {0}.</source>
            <translation>파일을 읽거나 쓸 수 없습니다: {0}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Something went wrong inside fieldapp; the details are in the error window. Saved answers are safe.</source>
            <translation>fieldapp 내부에서 문제가 생겼습니다. 자세한 내용은 오류 창에 있습니다. 저장된 응답은 안전합니다.</translation>
        </message>
    </context>
    <context>
        <name>ExceptionHook</name>
        <message>
            <location filename="../../src/fieldapp/gui/app.py" line="+30" />
            <source>Problem</source>
            <translation>문제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>OK</source>
            <translation>확인</translation>
        </message>
    </context>
    <context>
        <name>ExportPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/export.py" line="+62" />
            <source>Export to the coordinator</source>
            <translation>코디네이터에게 내보내기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+14" />
            <source>1. Project key</source>
            <translation>1. 프로젝트 키</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Fingerprint words of the project key</source>
            <translation>프로젝트 키의 지문 단어</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Call the coordinator (or meet in person) and ask them to read out the fingerprint words of their project key. Every word must match the words above, in the same order. If any word differs, do not enrol: the file may have been swapped.</source>
            <translation>코디네이터에게 전화하거나 직접 만나서 프로젝트 키의 지문 단어를 읽어 달라고 하세요. 모든 단어가 위의 단어와 같은 순서로 일치해야 합니다. 한 단어라도 다르면 등록하지 마세요. 파일이 바뀌었을 수 있습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The &amp;words match what the coordinator read out</source>
            <translation>코디네이터가 읽어 준 단어와 일치합니다(&amp;W)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The fingerprint words match what the coordinator read out</source>
            <translation>지문 단어가 코디네이터가 읽어 준 것과 일치함</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+206" />
            <source>Choose the project &amp;key file…</source>
            <translation>프로젝트 키 파일 선택(&amp;K)…</translation>
        </message>
        <message>
            <location line="-205" />
            <source>Choose the coordinator's project key file</source>
            <translation>코디네이터의 프로젝트 키 파일 선택</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Enrol this laptop</source>
            <translation>이 노트북 등록(&amp;E)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Enrol this laptop with the chosen project key</source>
            <translation>선택한 프로젝트 키로 이 노트북 등록</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Fingerprint words of this laptop's key</source>
            <translation>이 노트북 키의 지문 단어</translation>
        </message>
        <message>
            <location line="+5" />
            <source>2. Export</source>
            <translation>2. 내보내기</translation>
        </message>
        <message>
            <location line="+9" />
            <source>USB &amp;folder:</source>
            <translation>USB 폴더(&amp;F):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Folder the bundle is written to</source>
            <translation>번들을 저장할 폴더</translation>
        </message>
        <message>
            <location line="+4" />
            <source>choose the folder of the USB stick</source>
            <translation>USB 메모리의 폴더를 고르세요</translation>
        </message>
        <message>
            <location line="+1" />
            <source>C&amp;hoose…</source>
            <translation>선택(&amp;H)…</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+240" />
            <source>Choose the USB folder</source>
            <translation>USB 폴더 선택</translation>
        </message>
        <message>
            <location line="-231" />
            <source>E&amp;xport</source>
            <translation>내보내기(&amp;X)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export the finalized interviews to the USB folder</source>
            <translation>완료된 인터뷰를 USB 폴더로 내보내기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Cancel</source>
            <translation>취소(&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel the export</source>
            <translation>내보내기 취소</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Export progress</source>
            <translation>내보내기 진행 상황</translation>
        </message>
        <message>
            <location line="+20" />
            <source>3. Sent bundles</source>
            <translation>3. 보낸 번들</translation>
        </message>
        <message>
            <location line="+4" />
            <source>A sealed copy of each bundle stays on this laptop until the coordinator's receipt comes back. If a stick was lost, write the bundles again: the coordinator never imports an interview twice.</source>
            <translation>코디네이터의 수령 확인서가 돌아올 때까지 각 번들의 봉인된 사본이 이 노트북에 남습니다. USB 메모리를 잃어버렸다면 번들을 다시 쓰세요. 코디네이터는 같은 인터뷰를 두 번 가져오지 않습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Bundles sent from this laptop</source>
            <translation>이 노트북에서 보낸 번들</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Apply a &amp;receipt…</source>
            <translation>수령 확인서 적용(&amp;R)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Apply a receipt file from the coordinator</source>
            <translation>코디네이터의 수령 확인서 파일 적용</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Write again…</source>
            <translation>다시 쓰기(&amp;W)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Write the bundles awaiting a receipt again, to another stick</source>
            <translation>수령 확인을 기다리는 번들을 다른 USB 메모리에 다시 쓰기</translation>
        </message>
        <message>
            <location line="+31" />
            <source>This is a coordinator store: bundles are imported here, not exported.</source>
            <translation>코디네이터 저장소입니다. 여기서는 번들을 내보내지 않고 가져옵니다.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>This laptop is device {0}. Before the coordinator trusts its bundles, they will ask you to read out the fingerprint words of its key:</source>
            <translation>이 노트북은 기기 {0}입니다. 코디네이터가 이 노트북의 번들을 신뢰하기 전에 이 키의 지문 단어를 읽어 달라고 할 것입니다:</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Fingerprint of the chosen project key file. Compare it with the coordinator before you enrol:</source>
            <translation>선택한 프로젝트 키 파일의 지문입니다. 등록하기 전에 코디네이터와 비교하세요:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This laptop is enrolled. Its bundles can be opened only by the coordinator whose project key has this fingerprint:</source>
            <translation>이 노트북은 등록되어 있습니다. 이 노트북의 번들은 다음 지문의 프로젝트 키를 가진 코디네이터만 열 수 있습니다:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>This laptop is not enrolled yet. Copy the coordinator's project key file from their stick and choose it here.</source>
            <translation>이 노트북은 아직 등록되지 않았습니다. 코디네이터의 USB 메모리에서 프로젝트 키 파일을 복사한 뒤 여기서 선택하세요.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Choose another project &amp;key file…</source>
            <translation>다른 프로젝트 키 파일 선택(&amp;K)…</translation>
        </message>
        <message numerus="yes">
            <location line="+18" />
            <source>%n finalized interview(s) waiting. Enrol this laptop with the project key first.</source>
            <translation>
                <numerusform>완료된 인터뷰 %n건이 기다리고 있습니다. 먼저 프로젝트 키로 이 노트북을 등록하세요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>No finalized interviews are waiting to be exported.</source>
            <translation>내보낼 완료된 인터뷰가 없습니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n finalized interview(s) waiting. Plug in the USB stick and choose its folder.</source>
            <translation>
                <numerusform>완료된 인터뷰 %n건이 기다리고 있습니다. USB 메모리를 꽂고 폴더를 고르세요.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n finalized interview(s) waiting to be exported.</source>
            <translation>
                <numerusform>완료된 인터뷰 %n건을 내보낼 수 있습니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>Choose the project key file</source>
            <translation>프로젝트 키 파일 선택</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Project key files (*.fieldapp-key);;All files (*)</source>
            <translation>프로젝트 키 파일 (*.fieldapp-key);;모든 파일 (*)</translation>
        </message>
        <message>
            <location line="+16" />
            <source>This laptop is already enrolled with that project key.</source>
            <translation>이 노트북은 이미 그 프로젝트 키로 등록되어 있습니다.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Enrolled. Bundles from this laptop can now be exported.</source>
            <translation>등록했습니다. 이제 이 노트북에서 번들을 내보낼 수 있습니다.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Sealing the interviews…</source>
            <translation>인터뷰를 봉인하는 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Writing to the stick…</source>
            <translation>USB 메모리에 쓰는 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reading it back from the stick to check it…</source>
            <translation>확인을 위해 USB 메모리에서 다시 읽는 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recording the export…</source>
            <translation>내보내기를 기록하는 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Writing the bundles again and reading them back…</source>
            <translation>번들을 다시 쓰고 다시 읽어 확인하는 중…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Done.</source>
            <translation>완료했습니다.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Preparing…</source>
            <translation>준비하는 중…</translation>
        </message>
        <message numerus="yes">
            <location line="+24" />
            <source>Exported %n interview(s) as bundle {0}: file {1} ({2}) in {3}. Their answers were removed from this laptop; a sealed copy stays until the coordinator's receipt comes back.</source>
            <translation>
                <numerusform>인터뷰 %n건을 번들 {0}으로(로) 내보냈습니다: {3} 폴더의 파일 {1} ({2}). 응답은 이 노트북에서 삭제되었고, 코디네이터의 수령 확인서가 돌아올 때까지 봉인된 사본이 남습니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+9" />
            <source>Nothing was exported: {0}</source>
            <translation>아무것도 내보내지 않았습니다: {0}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Export cancelled; nothing was exported.</source>
            <translation>내보내기를 취소했습니다. 아무것도 내보내지 않았습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Cancelling…</source>
            <translation>취소하는 중…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Apply a receipt</source>
            <translation>수령 확인서 적용</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Receipts (*.receipt);;All files (*)</source>
            <translation>수령 확인서 (*.receipt);;모든 파일 (*)</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Bundle {0} was already acknowledged; nothing changed.</source>
            <translation>번들 {0}은(는) 이미 수령 확인되었습니다. 바뀐 것이 없습니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>Receipt verified: bundle {0} (%n interview(s)) is safe at the coordinator; its sealed copy was removed from this laptop.</source>
            <translation>
                <numerusform>수령 확인서를 확인했습니다: 번들 {0}(인터뷰 %n건)이 코디네이터에게 안전하게 도착했습니다. 봉인된 사본을 이 노트북에서 삭제했습니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+5" />
            <source>Write the bundles again to a folder</source>
            <translation>번들을 폴더에 다시 쓰기</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Writing the bundles to {0}…</source>
            <translation>번들을 {0}에 쓰는 중…</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Writing again cancelled; nothing was left in that folder.</source>
            <translation>다시 쓰기를 취소했습니다. 그 폴더에는 아무것도 남지 않았습니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+7" />
            <source>Wrote %n bundle(s) again to {0}: {1}. Give this stick to the coordinator.</source>
            <translation>
                <numerusform>번들 %n개를 {0}에 다시 썼습니다: {1}. 이 USB 메모리를 코디네이터에게 전달하세요.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FingerprintView</name>
        <message>
            <location filename="../../src/fieldapp/gui/pagekit.py" line="+93" />
            <source>The same fingerprint in the other language</source>
            <translation>다른 언어로 쓴 같은 지문</translation>
        </message>
        <message>
            <location line="+30" />
            <source>The same in English words: {0}</source>
            <translation>같은 지문의 영어 단어: {0}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The same in Korean words: {0}</source>
            <translation>같은 지문의 한국어 단어: {0}</translation>
        </message>
    </context>
    <context>
        <name>FormTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/forms.py" line="+14" />
            <source>Title</source>
            <translation>제목</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Form ID</source>
            <translation>설문지 ID</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Version</source>
            <translation>버전</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Added</source>
            <translation>추가한 날짜</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interviews</source>
            <translation>인터뷰</translation>
        </message>
    </context>
    <context>
        <name>FormsPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/forms.py" line="+52" />
            <source>Questionnaires</source>
            <translation>설문지</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Add a form from a file…</source>
            <translation>파일에서 설문지 추가(&amp;A)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add an XLSForm questionnaire from a file</source>
            <translation>파일에서 XLSForm 설문지 추가</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Checking the form</source>
            <translation>설문지 검사 중</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Problems found in the form</source>
            <translation>설문지에서 발견된 문제</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+6" />
            <source>Installed questionnaires</source>
            <translation>설치된 설문지</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Add a questionnaire</source>
            <translation>설문지 추가</translation>
        </message>
        <message>
            <location line="+1" />
            <source>XLSForm workbooks (*.xlsx)</source>
            <translation>XLSForm 통합 문서 (*.xlsx)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Checking {0}…</source>
            <translation>{0} 검사 중…</translation>
        </message>
        <message>
            <location line="+36" />
            <source>{0} was not installed: {1}</source>
            <translation>{0}을(를) 설치하지 않았습니다: {1}</translation>
        </message>
        <message>
            <location line="-18" />
            <source>Installed “{0}” ({1}, version {2}).</source>
            <translation>“{0}”({1}, 버전 {2})을(를) 설치했습니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>“{0}” version {1} is already installed; nothing changed.</source>
            <translation>“{0}” 버전 {1}은(는) 이미 설치되어 있습니다. 바뀐 것은 없습니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+10" />
            <source>{0} was not installed: %n problem(s) listed below. Fix them in the workbook and add it again.</source>
            <translation>
                <numerusform>{0}을(를) 설치하지 않았습니다. 아래에 문제 %n개가 있습니다. 통합 문서에서 고친 뒤 다시 추가하세요.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/home.py" line="+163" />
            <source>Interviews</source>
            <translation>인터뷰</translation>
        </message>
        <message>
            <location line="+15" />
            <source>&amp;New interview…</source>
            <translation>새 인터뷰(&amp;N)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start a new interview</source>
            <translation>새 인터뷰 시작</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Resume</source>
            <translation>이어서 하기(&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Resume the selected draft</source>
            <translation>선택한 작성 중 인터뷰 이어서 하기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Delete draft…</source>
            <translation>작성 중 인터뷰 삭제(&amp;D)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the selected draft</source>
            <translation>선택한 작성 중 인터뷰 삭제</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;View…</source>
            <translation>보기(&amp;V)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Read the answers of the selected finalized interview</source>
            <translation>선택한 완료된 인터뷰의 응답 보기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Forms…</source>
            <translation>설문지(&amp;F)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Manage questionnaires</source>
            <translation>설문지 관리</translation>
        </message>
        <message>
            <location line="+3" />
            <source>E&amp;xport…</source>
            <translation>내보내기(&amp;X)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export finalized interviews to the coordinator</source>
            <translation>완료된 인터뷰를 코디네이터에게 내보내기</translation>
        </message>
        <message>
            <location line="+42" />
            <source>F&amp;ilter:</source>
            <translation>필터(&amp;I):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Filter interviews</source>
            <translation>인터뷰 필터</translation>
        </message>
        <message>
            <location line="+1" />
            <source>pseudonym, form or status</source>
            <translation>가명, 설문지 또는 상태</translation>
        </message>
        <message>
            <location line="-32" />
            <source>Interviews in this store</source>
            <translation>이 저장소의 인터뷰</translation>
        </message>
        <message>
            <location line="+38" />
            <source>Show interviews by status</source>
            <translation>상태별 인터뷰 보기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show interviews of one form</source>
            <translation>한 설문지의 인터뷰 보기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show records from one device</source>
            <translation>한 기기에서 온 기록 보기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Show records by how they arrived</source>
            <translation>들어온 경로별 기록 보기</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Any status</source>
            <translation>모든 상태</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Any form</source>
            <translation>모든 설문지</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Any device</source>
            <translation>모든 기기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Any source</source>
            <translation>모든 경로</translation>
        </message>
        <message numerus="yes">
            <location line="+47" />
            <source>%n interview(s) exported from this laptop: it keeps only how many, and only the coordinator can read them.</source>
            <translation>
                <numerusform>이 노트북에서 인터뷰 %n건을 내보냈습니다. 노트북에는 건수만 남으며, 내용은 코디네이터만 읽을 수 있습니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+72" />
            <source>No questionnaire is installed yet. Add one on the Forms page, then start an interview.</source>
            <translation>아직 설치된 설문지가 없습니다. 설문지 화면에서 설문지를 추가한 뒤 인터뷰를 시작하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No interview has the pseudonym {pseudonym}, and it cannot be one: its last character does not match the others. Check the notes for a mistyped character.</source>
            <translation>가명이 {pseudonym}인 인터뷰는 없으며, 이런 가명은 있을 수 없습니다. 마지막 문자가 나머지 문자와 맞지 않습니다. 메모에 잘못 적은 문자가 없는지 확인하세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>No drafts and nothing waiting to be exported. Start a new interview with New interview.</source>
            <translation>초안도, 내보낼 인터뷰도 없습니다. ‘새 인터뷰’로 새 인터뷰를 시작하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No interviews yet. Start one with New interview.</source>
            <translation>아직 인터뷰가 없습니다. ‘새 인터뷰’로 시작하세요.</translation>
        </message>
        <message>
            <location line="+54" />
            <source>Delete draft</source>
            <translation>작성 중 인터뷰 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the draft interview {0}? Its answers are erased from this laptop and cannot be brought back.</source>
            <translation>작성 중인 인터뷰 {0}을(를) 삭제할까요? 응답이 이 노트북에서 지워지며 되살릴 수 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirm deleting the draft</source>
            <translation>작성 중 인터뷰 삭제 확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Delete draft</source>
            <translation>삭제(&amp;D)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete the draft</source>
            <translation>작성 중 인터뷰 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep the draft</source>
            <translation>작성 중 인터뷰 유지</translation>
        </message>
    </context>
    <context>
        <name>ImportPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/import_.py" line="+129" />
            <source>Import bundles</source>
            <translation>번들 가져오기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Add the bundle files from the interviewers' USB sticks. Each one is checked first; nothing changes in this store until you press Merge.</source>
            <translation>조사원의 USB 메모리에 있는 번들 파일을 추가하세요. 각 파일을 먼저 확인하며, 병합을 누르기 전에는 이 저장소에서 아무것도 바뀌지 않습니다.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&amp;Add bundles…</source>
            <translation>번들 추가(&amp;A)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add bundle files to check</source>
            <translation>확인할 번들 파일 추가</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Remove from the list</source>
            <translation>목록에서 제거(&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove the selected bundles from the list</source>
            <translation>선택한 번들을 목록에서 제거</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Trust this laptop…</source>
            <translation>이 노트북 신뢰(&amp;T)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Compare the selected bundle's laptop fingerprint words and trust it</source>
            <translation>선택한 번들을 보낸 노트북의 지문 단어를 비교하고 신뢰</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Bundles to import</source>
            <translation>가져올 번들</translation>
        </message>
        <message>
            <location line="+26" />
            <source>&amp;Merge</source>
            <translation>병합(&amp;M)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Merge the checked bundles into this store</source>
            <translation>확인한 번들을 이 저장소에 병합</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Import progress</source>
            <translation>가져오기 진행 상황</translation>
        </message>
        <message>
            <location line="+34" />
            <source>This is an interviewer store: bundles are exported from here, not imported.</source>
            <translation>조사원 저장소입니다. 여기서는 번들을 가져오지 않고 내보냅니다.</translation>
        </message>
        <message>
            <location line="+37" />
            <source>Add bundles</source>
            <translation>번들 추가</translation>
        </message>
        <message>
            <location line="+1" />
            <source>fieldapp bundles (*.fab);;All files (*)</source>
            <translation>fieldapp 번들 (*.fab);;모든 파일 (*)</translation>
        </message>
        <message numerus="yes">
            <location line="+65" />
            <source>The laptop with the words {0} is trusted from its first merged bundle; %n of its bundle(s) are checked again.</source>
            <translation>
                <numerusform>지문 단어 {0}인 노트북은 첫 번들을 병합할 때부터 신뢰합니다. 이 노트북의 번들 %n개를 다시 확인합니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+16" />
            <source>Nothing to merge: add bundles, or every bundle listed was refused or is merged already.</source>
            <translation>병합할 것이 없습니다. 번들을 추가하세요. 목록의 번들은 모두 거부되었거나 이미 병합되었습니다.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Merging…</source>
            <translation>병합 중…</translation>
        </message>
        <message numerus="yes">
            <location line="+32" />
            <source>Merge finished: %n bundle(s) imported</source>
            <translation>
                <numerusform>병합 완료: 번들 %n개를 가져옴</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>, {0} already imported before, {1} refused.</source>
            <translation>, {0}개는 이미 가져온 것, {1}개는 거부됨.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Receipts were written next to the bundles, in {0}: give each interviewer theirs so their laptop can drop its sealed copy.</source>
            <translation>수령 확인서를 번들 옆({0})에 저장했습니다. 각 조사원에게 자기 확인서를 전달해 노트북에서 봉인된 사본을 지울 수 있게 하세요.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Merge cancelled; the bundles are checked again to show which were merged.</source>
            <translation>병합을 취소했습니다. 어떤 번들이 병합되었는지 보여 주기 위해 번들을 다시 확인합니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The merge stopped: {0}</source>
            <translation>병합이 중단되었습니다: {0}</translation>
        </message>
    </context>
    <context>
        <name>InterviewPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/interview.py" line="+172" />
            <location line="+596" />
            <source>✓ Saved</source>
            <extracomment>Kept after clear() so the shell can resume the same interview at the same page. Nothing on this page can change the interview (finalized, or a merged record). The roster page shown again after the last entry, asking "add another?" (repeat_flow), and the page Next left to show it (where Back returns). The form's question and choice images, decoded from the store (issue #16); None for a form without any. Dropped on lock with every decoded picture.</extracomment>
            <translation>✓ 저장됨</translation>
        </message>
        <message>
            <location line="-595" />
            <location line="+597" />
            <source>All answers are saved</source>
            <translation>모든 응답이 저장되었습니다</translation>
        </message>
        <message>
            <location line="-480" />
            <source>Pseudonym (write it on your paper notes)</source>
            <translation>가명 (종이 메모에 적어 두세요)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pseudonym</source>
            <translation>가명</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Questionnaire &amp;language:</source>
            <translation>설문 언어(&amp;L):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Questionnaire language</source>
            <translation>설문 언어</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>Progress</source>
            <translation>진행</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Close</source>
            <translation>닫기(&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Close the interview</source>
            <translation>인터뷰 닫기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Save and close</source>
            <translation>저장하고 닫기(&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save and close the interview</source>
            <translation>인터뷰를 저장하고 닫기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every answer is already saved; the draft can be resumed from home.</source>
            <translation>모든 응답은 이미 저장되어 있습니다. 처음 화면에서 이어서 할 수 있습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Go to…</source>
            <translation>이동(&amp;G)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Go to a question</source>
            <translation>질문으로 이동</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every question with its answer: choose one to go to it (Ctrl+G)</source>
            <translation>모든 질문과 응답: 하나를 고르면 그 질문으로 갑니다 (Ctrl+G)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to &amp;review</source>
            <translation>검토로 돌아가기(&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the review</source>
            <translation>검토 화면으로 돌아가기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the list of answers before finalizing</source>
            <translation>완료하기 전의 응답 목록으로 돌아갑니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>↑ &amp;Up to the list</source>
            <translation>↑ 목록으로(&amp;U)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Up to the list of entries</source>
            <translation>항목 목록으로 올라가기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>← &amp;Back</source>
            <translation>← 이전(&amp;B)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back</source>
            <translation>이전</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Previous page (Alt+Left)</source>
            <translation>이전 페이지 (Alt+왼쪽)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Next →</source>
            <translation>다음(&amp;N) →</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next</source>
            <translation>다음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next page (Enter or Alt+Right)</source>
            <translation>다음 페이지 (Enter 또는 Alt+오른쪽)</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Default</source>
            <translation>기본</translation>
        </message>
        <message>
            <location line="+114" />
            <source>Back to the list: {roster} (Escape)</source>
            <translation>목록으로 돌아가기: {roster} (Esc)</translation>
        </message>
        <message>
            <location line="+129" />
            <source>Review ({m} pages)</source>
            <translation>검토 (총 {m}페이지)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Page {n} of {m}</source>
            <translation>{m}페이지 중 {n}페이지</translation>
        </message>
        <message>
            <location line="+38" />
            <source>This question needs an answer before you go on.</source>
            <translation>다음으로 가기 전에 이 질문에 답해야 합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This answer is outside what the questionnaire allows; please check it.</source>
            <translation>이 응답은 설문지가 허용하는 범위를 벗어났습니다. 확인해 주세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Enter a whole number, for example 42.</source>
            <translation>정수를 입력하세요. 예: 42</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter a number, for example 3.5.</source>
            <translation>숫자를 입력하세요. 예: 3.5</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter a date as year-month-day.</source>
            <translation>날짜를 연-월-일 형식으로 입력하세요.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter a time as hours:minutes, for example 14:30.</source>
            <translation>시각을 시:분으로 입력하십시오. 예: 14:30.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter a date and a time (hours:minutes).</source>
            <translation>날짜와 시각(시:분)을 모두 입력하십시오.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Choose a number on the scale.</source>
            <translation>척도에서 숫자를 고르십시오.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter the latitude and the longitude in decimal degrees, for example 37.5665 126.9780.</source>
            <translation>위도와 경도를 십진수 도 단위로 입력하십시오. 예: 37.5665 126.9780.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Check the points: one latitude and longitude a line, in decimal degrees (a shape ends with its first point again).</source>
            <translation>좌표를 확인하십시오. 한 줄에 위도와 경도 하나씩, 십진수 도 단위입니다(도형은 첫 좌표로 다시 끝나야 합니다).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This answer is not valid for this question.</source>
            <translation>이 질문에 맞지 않는 응답입니다.</translation>
        </message>
        <message>
            <location line="+131" />
            <source>Not saved: {reason}</source>
            <translation>저장되지 않음: {reason}</translation>
        </message>
    </context>
    <context>
        <name>InterviewSource</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/interviews.py" line="+42" />
            <source>Typed here</source>
            <translation>여기서 입력</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Paper form</source>
            <translation>종이 설문지</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Bundle from a laptop</source>
            <translation>노트북에서 온 번들</translation>
        </message>
        <message>
            <location line="+8" />
            <source>This computer</source>
            <translation>이 컴퓨터</translation>
        </message>
    </context>
    <context>
        <name>InterviewStatus</name>
        <message>
            <location line="-23" />
            <source>Draft</source>
            <translation>작성 중</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Finalized</source>
            <translation>완료</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Exported</source>
            <translation>내보냄</translation>
        </message>
    </context>
    <context>
        <name>InterviewTableModel</name>
        <message>
            <location line="+37" />
            <source>Pseudonym</source>
            <extracomment>A coordinator's list has device and source columns (set_store).</extracomment>
            <translation>가명</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Form</source>
            <translation>설문지</translation>
        </message>
        <message>
            <location line="+0" />
            <source>{0} (version {1})</source>
            <translation>{0} (버전 {1})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0}, version {1} (form id {2})</source>
            <translation>{0}, 버전 {1} (설문지 ID {2})</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Started</source>
            <translation>시작</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last change</source>
            <translation>마지막 변경</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Device</source>
            <translation>기기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Source</source>
            <translation>경로</translation>
        </message>
    </context>
    <context>
        <name>ListChoiceWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/choice.py" line="+123" />
            <source>Type to search the list</source>
            <translation>입력하여 목록 검색</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Search the choices of: {question}</source>
            <translation>다음 질문의 선택지 검색: {question}</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../src/fieldapp/gui/main_window.py" line="+117" />
            <location line="+2" />
            <source>Main toolbar</source>
            <extracomment>Every store operation, one at a time, off the UI thread. Work that needs no store (drawing a chart), on Qt's global pool. Where unlocking returns to: ("home"|"forms"|"settings"|"interview", interview id, interview position). What an interviewer's laptop shows in place of the tables (issue #15, item 10). The exchange pages by page name (export: interviewer stores; import, devices: coordinator).</extracomment>
            <translation>주 도구 모음</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Interviews</source>
            <translation>인터뷰</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show the interview list</source>
            <translation>인터뷰 목록 보기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forms</source>
            <translation>설문지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Manage questionnaires</source>
            <translation>설문지 관리</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+69" />
            <source>Tables</source>
            <translation>표</translation>
        </message>
        <message>
            <location line="-68" />
            <source>Show summary tables and charts</source>
            <translation>요약 표와 차트 보기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Settings</source>
            <translation>설정</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Change the settings</source>
            <translation>설정 변경</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export interviews to the coordinator</source>
            <translation>인터뷰를 코디네이터에게 내보내기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import</source>
            <translation>가져오기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Import bundles from interviewers</source>
            <translation>조사원의 번들 가져오기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Devices</source>
            <translation>기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show devices and the project key</source>
            <translation>기기와 프로젝트 키 보기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Hide</source>
            <translation>숨기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide and lock fieldapp at once</source>
            <translation>fieldapp을 즉시 숨기고 잠그기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lock</source>
            <translation>잠금</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lock fieldapp now</source>
            <translation>지금 fieldapp 잠그기</translation>
        </message>
        <message>
            <location line="+51" />
            <source>Counts</source>
            <translation>건수</translation>
        </message>
        <message>
            <location line="+18" />
            <source>{0} is not a fieldapp store (it has no key slots or database).</source>
            <translation>{0}은(는) fieldapp 저장소가 아닙니다 (키 슬롯이나 데이터베이스가 없습니다).</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Your store is ready. Add a questionnaire on the Forms page.</source>
            <translation>저장소가 준비되었습니다. 설문지 화면에서 설문지를 추가하세요.</translation>
        </message>
        <message>
            <location line="+177" />
            <source>The store was wiped: it can never be opened again.</source>
            <translation>저장소를 파기했습니다. 다시는 열 수 없습니다.</translation>
        </message>
        <message>
            <location line="-1" />
            <source>The store could not be wiped completely: {0}</source>
            <translation>저장소를 완전히 파기하지 못했습니다: {0}</translation>
        </message>
        <message>
            <location line="-185" />
            <source>Your store is ready and the example questionnaire is installed: start with New interview.</source>
            <translation>저장소가 준비되었고 예시 설문지가 설치되었습니다. 새 인터뷰로 시작하세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Your store is ready, but the example questionnaire could not be installed ({0}). Add a questionnaire on the Forms page.</source>
            <translation>저장소가 준비되었지만 예시 설문지를 설치하지 못했습니다({0}). 설문지 페이지에서 설문지를 추가하세요.</translation>
        </message>
        <message>
            <location line="+149" />
            <source>Saved.</source>
            <translation>저장했습니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+96" />
            <source>fieldapp locked itself after %n minute(s) without use.</source>
            <translation>
                <numerusform>%n분 동안 사용하지 않아 fieldapp이 잠겼습니다.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MediaAnswers</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/media_view.py" line="+140" />
            <source>Media answers</source>
            <extracomment>Images above this are listed but not decoded for a thumbnail (memory). Plays decoded PCM (tests put a recorder of what was played in its place).</extracomment>
            <translation>미디어 답변</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Stop</source>
            <translation>정지</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Play</source>
            <translation>재생</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop playing: %1</source>
            <translation>재생 정지: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Play the recording: %1</source>
            <translation>녹음 재생: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>View</source>
            <translation>보기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>View the image: %1</source>
            <translation>이미지 보기: %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Thumbnail: %1</source>
            <translation>미리보기: %1</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1: recording, %2</source>
            <translation>%1: 녹음, %2</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1: image, %2</source>
            <translation>%1: 이미지, %2</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1: %2 file, %3 (written out by exporting the data with its media files)</source>
            <translation>%1: %2 파일, %3 (데이터를 미디어 파일과 함께 내보내면 파일로 저장됩니다)</translation>
        </message>
        <message>
            <location line="+51" />
            <location line="+5" />
            <source>Image: %1</source>
            <translation>이미지: %1</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Close</source>
            <translation>닫기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Close the image</source>
            <translation>이미지 닫기</translation>
        </message>
    </context>
    <context>
        <name>NewInterviewDialog</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/home.py" line="-413" />
            <location line="+1" />
            <source>New interview</source>
            <translation>새 인터뷰</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Questionnaire</source>
            <translation>설문지</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{0} (version {1})</source>
            <translation>{0} (버전 {1})</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Questionnaire:</source>
            <translation>설문지(&amp;Q):</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Interview language</source>
            <translation>인터뷰 언어</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Language:</source>
            <translation>언어(&amp;L):</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&amp;Start interview</source>
            <translation>인터뷰 시작(&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start the interview</source>
            <translation>인터뷰 시작</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cancel</source>
            <translation>취소</translation>
        </message>
        <message>
            <location line="+28" />
            <source>Default</source>
            <translation>기본</translation>
        </message>
    </context>
    <context>
        <name>NotRecordedWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/device.py" line="-131" />
            <source>The location is not recorded on this laptop (it has no GPS, and a respondent's location is not kept). Go on to the next question.</source>
            <translation>이 노트북에서는 위치를 기록하지 않습니다(GPS가 없고, 응답자의 위치는 보관하지 않습니다). 다음 질문으로 넘어가십시오.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Recordings are not made on this laptop. Go on to the next question.</source>
            <translation>이 노트북에서는 녹음하지 않습니다. 다음 질문으로 넘어가십시오.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Photos and videos are not taken on this laptop. Go on to the next question.</source>
            <translation>이 노트북에서는 사진과 동영상을 찍지 않습니다. 다음 질문으로 넘어가십시오.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Files are not attached on this laptop. Go on to the next question.</source>
            <translation>이 노트북에서는 파일을 첨부하지 않습니다. 다음 질문으로 넘어가십시오.</translation>
        </message>
    </context>
    <context>
        <name>OutboxTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/exchange.py" line="-187" />
            <source>Bundle</source>
            <translation>번들</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Exported</source>
            <translation>내보낸 때</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interviews</source>
            <translation>인터뷰</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>상태</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Receipt received: safe at the coordinator</source>
            <translation>수령 확인됨: 코디네이터에게 안전하게 도착</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Awaiting the coordinator's receipt</source>
            <translation>코디네이터의 수령 확인 대기 중</translation>
        </message>
    </context>
    <context>
        <name>PointWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/device.py" line="+47" />
            <source>Latitude:</source>
            <translation>위도:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Longitude:</source>
            <translation>경도:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Latitude of: {question}</source>
            <translation>위도: {question}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Longitude of: {question}</source>
            <translation>경도: {question}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Decimal degrees; south and west are negative</source>
            <translation>십진수 도 단위. 남위와 서경은 음수입니다</translation>
        </message>
    </context>
    <context>
        <name>PointsWidget</name>
        <message>
            <location line="+39" />
            <source>One point a line: latitude and longitude in decimal degrees, for example 37.5665 126.9780.</source>
            <translation>한 줄에 좌표 하나: 위도와 경도를 십진수 도 단위로 입력합니다. 예: 37.5665 126.9780.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A shape has three corners or more and ends with its first point again.</source>
            <translation>도형은 꼭짓점이 셋 이상이고 첫 좌표로 다시 끝나야 합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A line has two points or more.</source>
            <translation>선은 좌표가 둘 이상이어야 합니다.</translation>
        </message>
    </context>
    <context>
        <name>ProblemTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/forms.py" line="+9" />
            <source>Sheet</source>
            <translation>시트</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Row</source>
            <translation>행</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Problem</source>
            <translation>문제</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <location filename="../../src/fieldapp/gui/qt_strings.py" line="+20" />
            <source>Drive</source>
            <translation>드라이브</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Folder</source>
            <translation>폴더</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File Folder</source>
            <translation>파일 폴더</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Shortcut</source>
            <translation>바로 가기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unknown</source>
            <translation>알 수 없음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>File</source>
            <translation>파일</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 File</source>
            <translation>%1 파일</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <location line="-9" />
            <source>&amp;Look in:</source>
            <translation>찾는 위치(&amp;L):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Files of &amp;type:</source>
            <translation>파일 형식(&amp;T):</translation>
        </message>
    </context>
    <context>
        <name>QuestionWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/base.py" line="+178" />
            <source>Image: %1</source>
            <extracomment>Typing is committed to the engine (and so to the store) after this pause, and at once when the editor loses focus or the page moves: saving every keystroke would re-run the whole form's relevance for each digit, and "1" on the way to "15" would flash an out-of-range message at the interviewer. (question name, value as the engine takes it); only for changes the user made.</extracomment>
            <translation>이미지: %1</translation>
        </message>
        <message>
            <location line="+90" />
            <source>Required.</source>
            <translation>필수 질문입니다.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Sealed: only the coordinator can read this answer</source>
            <translation>봉인됨: 이 답변은 코디네이터만 읽을 수 있습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Required</source>
            <translation>필수</translation>
        </message>
    </context>
    <context>
        <name>RangeWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/scale.py" line="+131" />
            <source>Not set</source>
            <extracomment>A slider of more steps than this is too fine to aim with a mouse: the spin box alone.</extracomment>
            <translation>미설정</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Number for: {question}</source>
            <translation>숫자: {question}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>From {start} to {end}</source>
            <translation>{start}부터 {end}까지</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear the answer to: {question}</source>
            <translation>응답 지우기: {question}</translation>
        </message>
    </context>
    <context>
        <name>RankWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/rank.py" line="+123" />
            <source>Ctrl+Up and Ctrl+Down move the chosen choice; a number puts it at that place.</source>
            <translation>Ctrl+위쪽과 Ctrl+아래쪽으로 선택한 항목을 옮기고, 숫자를 누르면 그 순위로 옮깁니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Move up</source>
            <translation>위로</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Move the chosen choice up</source>
            <translation>선택한 항목을 위로 옮기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ctrl+Up</source>
            <translation>Ctrl+위쪽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Move down</source>
            <translation>아래로</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Move the chosen choice down</source>
            <translation>선택한 항목을 아래로 옮기기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ctrl+Down</source>
            <translation>Ctrl+아래쪽</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Keep this order</source>
            <translation>이 순서로 응답</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Answer with the order shown</source>
            <translation>보이는 순서로 응답하기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear the ranking of: {question}</source>
            <translation>순위 지우기: {question}</translation>
        </message>
    </context>
    <context>
        <name>RecorderWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/media.py" line="-193" />
            <source>Record</source>
            <extracomment>Makes the audio input (tests replace it with a generated tone: the Qt boundary).</extracomment>
            <translation>녹음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record an answer to: %1</source>
            <translation>다음 질문의 답을 녹음: %1</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Resume</source>
            <translation>계속</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Pause</source>
            <translation>일시 정지</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Stop</source>
            <translation>정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stop recording</source>
            <translation>녹음 정지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Play</source>
            <translation>재생</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Play the recording</source>
            <translation>녹음 재생</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Input level</source>
            <translation>입력 음량</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Recorded time</source>
            <translation>녹음 시간</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Recording: everything is saved, encrypted, as it is recorded.</source>
            <translation>녹음 중: 녹음되는 대로 모두 암호화되어 저장됩니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Paused.</source>
            <translation>일시 정지됨.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recording kept (%1), encrypted in the store.</source>
            <translation>녹음이 보관되었습니다(%1). 저장소에 암호화되어 있습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not recorded yet.</source>
            <translation>아직 녹음하지 않았습니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Record again</source>
            <translation>다시 녹음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Replace the recording this question holds? The old one is deleted.</source>
            <translation>이 질문의 녹음을 바꾸시겠습니까? 이전 녹음은 삭제됩니다.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>The microphone cannot be used on this computer (no input device, or this installation lacks Qt Multimedia).</source>
            <translation>이 컴퓨터에서는 마이크를 사용할 수 없습니다(입력 장치가 없거나 이 설치본에 Qt Multimedia가 없습니다).</translation>
        </message>
    </context>
    <context>
        <name>ReviewPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/review.py" line="+343" />
            <source>Entries: {n}</source>
            <extracomment>Unanswered questions named in the finalize confirmation; the rest are counted. Finalizing was confirmed; emitted before the interview is finalized (a background recording stops first, so it is complete in the finalized record). the interview page's live recording time (its recording bar), None when none runs the form's background recording before Finalize: recorded, how long, or why not read only: the interview's media answers, played or viewed in memory (issue #16)</extracomment>
            <translation>항목 {n}개</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No entries</source>
            <translation>항목 없음</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Sealed (only the coordinator can read it)</source>
            <translation>봉인됨(코디네이터만 읽을 수 있음)</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Recording</source>
            <translation>녹음</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Image</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location line="+0" />
            <source>File</source>
            <translation>파일</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not answered</source>
            <translation>응답 없음</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Read only: this interview is finalized and can no longer be changed.</source>
            <translation>읽기 전용: 이 인터뷰는 완료되어 더 이상 바꿀 수 없습니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>{answered} answered, {unanswered} not answered so far. Choose a question to go to it.</source>
            <translation>지금까지 {answered}개 응답, {unanswered}개 미응답. 질문을 고르면 그 질문으로 갑니다.</translation>
        </message>
        <message numerus="yes">
            <location line="+4" />
            <source>%n question(s) need attention before the interview can be finalized. Choose a row to go back to it.</source>
            <translation>
                <numerusform>인터뷰를 완료하기 전에 확인해야 할 질문이 %n개 있습니다. 행을 골라 해당 질문으로 돌아가세요.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+4" />
            <source>{answered} answered, {unanswered} not answered. Finalize when the respondent has nothing to add; a finalized interview cannot be changed.</source>
            <translation>응답 {answered}개, 미응답 {unanswered}개. 응답자가 더 덧붙일 것이 없을 때 완료하세요. 완료한 인터뷰는 바꿀 수 없습니다.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>This interview is being recorded ({time} so far). Finalizing stops the recording and keeps it with the answers.</source>
            <translation>이 인터뷰는 녹음되고 있습니다(지금까지 {time}). 완료하면 녹음이 멈추고 응답과 함께 보관됩니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>This interview was recorded ({time}).</source>
            <translation>이 인터뷰는 녹음되었습니다({time}).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The interviewer stopped the recording; the {time} recorded before is kept.</source>
            <translation>조사원이 녹음을 멈췄습니다. 그 전에 녹음된 분량({time})은 보관됩니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The respondent declined the recording; the {time} recorded before is kept.</source>
            <translation>응답자가 녹음을 거부했습니다. 그 전에 녹음된 분량({time})은 보관됩니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The interviewer stopped the recording; nothing was recorded.</source>
            <translation>조사원이 녹음을 멈췄습니다. 녹음된 것은 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The respondent declined the recording; nothing was recorded.</source>
            <translation>응답자가 녹음을 거부했습니다. 녹음된 것은 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This interview is not recorded: there is no consent to record it.</source>
            <translation>이 인터뷰는 녹음되지 않습니다. 녹음 동의가 없습니다.</translation>
        </message>
        <message>
            <location line="+41" />
            <source>Not answered, but this question needs an answer.</source>
            <translation>응답이 없지만 이 질문은 답해야 합니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This answer is outside what the questionnaire allows.</source>
            <translation>이 응답은 설문지가 허용하는 범위를 벗어났습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This answer is not valid for this question.</source>
            <translation>이 질문에 맞지 않는 응답입니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Review the answers</source>
            <translation>응답 검토</translation>
        </message>
        <message>
            <location line="+0" />
            <source>All questions</source>
            <translation>모든 질문</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Answers (read only)</source>
            <translation>응답 (읽기 전용)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The interview ended early (no consent). Only the answers below will be kept.</source>
            <translation>인터뷰가 일찍 끝났습니다 (동의하지 않음). 아래 응답만 보관됩니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Question</source>
            <translation>질문</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Answer</source>
            <translation>응답</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Answers</source>
            <translation>응답</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Answers; choose a row to go to it</source>
            <translation>응답 목록: 행을 고르면 그 질문으로 갑니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Finalize interview…</source>
            <translation>인터뷰 완료(&amp;F)…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Return to the &amp;page</source>
            <translation>페이지로 돌아가기(&amp;P)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Return to the page you were on</source>
            <translation>있던 페이지로 돌아가기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the page you were on (Escape)</source>
            <translation>있던 페이지로 돌아갑니다 (Esc)</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Finalize the interview {0}? A finalized interview cannot be changed any more.</source>
            <translation>인터뷰 {0}을(를) 완료할까요? 완료된 인터뷰는 더 이상 바꿀 수 없습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Confirm finalizing the interview</source>
            <translation>인터뷰 완료 확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Finalize</source>
            <translation>완료(&amp;F)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Finalize the interview</source>
            <translation>인터뷰 완료하기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Go to the first unanswered question</source>
            <translation>첫 미응답 질문으로 가기(&amp;G)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Go to the first unanswered question</source>
            <translation>첫 미응답 질문으로 가기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Keep the interview open</source>
            <translation>인터뷰를 계속 열어 두기</translation>
        </message>
        <message numerus="yes">
            <location line="+14" />
            <source>%n question(s) not answered:</source>
            <translation>
                <numerusform>답하지 않은 질문 %n개:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+2" />
            <source>and %n more</source>
            <translation>
                <numerusform>외 %n개</numerusform>
            </translation>
        </message>
        <message>
            <location line="-64" />
            <location line="+31" />
            <source>Finalize interview</source>
            <translation>인터뷰 완료</translation>
        </message>
    </context>
    <context>
        <name>RosterView</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/roster.py" line="+253" />
            <source>Not answered yet</source>
            <extracomment>Rows the list asks room for at least (and at most, before it scrolls): the buttons stay right under the entries instead of at the foot of an empty box.</extracomment>
            <translation>아직 응답 없음</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Not asked</source>
            <translation>묻지 않음</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Needs attention: {n}</source>
            <translation>확인 필요: {n}개</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Answered: {n}</source>
            <translation>응답: {n}개</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Entry</source>
            <translation>항목</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Answers</source>
            <translation>응답</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Status</source>
            <translation>상태</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Entries of: {roster}</source>
            <translation>{roster}의 항목</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Enter opens the entry, Delete removes it, Insert adds one.</source>
            <translation>Enter는 항목을 열고, Delete는 삭제하며, Insert는 항목을 추가합니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Add: {roster}</source>
            <translation>추가: {roster}(&amp;A)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add an entry to: {roster}</source>
            <translation>항목 추가: {roster}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Add an entry and open it (Insert)</source>
            <translation>항목을 추가하고 엽니다 (Insert)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Open</source>
            <translation>열기(&amp;O)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open the chosen entry</source>
            <translation>선택한 항목 열기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Answer the questions of the chosen entry (Enter)</source>
            <translation>선택한 항목의 질문에 답합니다 (Enter)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Re&amp;move…</source>
            <translation>삭제(&amp;M)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove the chosen entry</source>
            <translation>선택한 항목 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove the chosen entry and its answers (Delete)</source>
            <translation>선택한 항목과 그 응답을 삭제합니다 (Delete)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The questionnaire sets how many entries there are.</source>
            <translation>항목의 수는 설문지가 정합니다.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Is there another {0}? Add opens a new entry; Next goes on with the questionnaire.</source>
            <translation>{0}이(가) 더 있습니까? 추가를 누르면 새 항목이 열리고, 다음을 누르면 설문을 계속합니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No entries yet. Add one, or go on with Next if there are none.</source>
            <translation>아직 항목이 없습니다. 항목을 추가하거나, 해당이 없으면 다음으로 넘어가십시오.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>No entries.</source>
            <translation>항목이 없습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Entries: {n}. Open one to answer its questions; Next goes through them in order.</source>
            <translation>항목 {n}개. 항목을 열어 질문에 답하십시오. 다음을 누르면 차례대로 진행합니다.</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Remove entry</source>
            <translation>항목 삭제</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove {0} and all its answers?</source>
            <translation>{0} 항목과 그 응답을 모두 삭제할까요?</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Confirm removing the entry</source>
            <translation>항목 삭제 확인</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The entries after it move up one. This cannot be undone.</source>
            <translation>뒤의 항목이 하나씩 앞으로 당겨집니다. 되돌릴 수 없습니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Remove</source>
            <translation>삭제(&amp;R)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Remove the entry</source>
            <translation>항목 삭제</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Keep the entry</source>
            <translation>항목 유지</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Entry removed.</source>
            <translation>항목을 삭제했습니다.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/settings.py" line="+175" />
            <source>Settings</source>
            <translation>설정</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Interface language</source>
            <translation>화면 언어</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Same as the system</source>
            <translation>시스템과 같게</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Interface &amp;language:</source>
            <translation>화면 언어(&amp;L):</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The language of each interview is chosen when it starts and can change during it.</source>
            <translation>각 인터뷰의 언어는 시작할 때 고르며 진행 중에도 바꿀 수 있습니다.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Text size</source>
            <translation>글자 크기</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0}%</source>
            <translation>{0}%</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Text si&amp;ze:</source>
            <translation>글자 크기(&amp;Z):</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Minutes without use before fieldapp locks itself</source>
            <translation>fieldapp이 스스로 잠기기까지 사용하지 않은 시간(분)</translation>
        </message>
        <message>
            <location line="+2" />
            <source> min</source>
            <translation>분</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Lock after &amp;idle:</source>
            <translation>자동 잠금 시간(&amp;I):</translation>
        </message>
        <message>
            <location line="+11" />
            <source>&amp;Save settings</source>
            <translation>설정 저장(&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save the settings</source>
            <translation>설정 저장</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;Back to interviews</source>
            <translation>인터뷰 목록으로(&amp;B)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the interview list</source>
            <translation>인터뷰 목록으로 돌아가기</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Emergency</source>
            <translation>비상</translation>
        </message>
        <message>
            <location line="+4" />
            <source>To hide fieldapp at once without losing anything, press F12: it locks and leaves the screen. If this laptop is about to be taken, wipe the store: its key is destroyed, so nothing in it can ever be opened again. Export finalized interviews first if you can.</source>
            <translation>아무것도 잃지 않고 fieldapp을 즉시 숨기려면 F12를 누르세요. 잠기고 화면에서 사라집니다. 이 노트북을 빼앗길 상황이면 저장소를 파기하세요. 키가 파괴되어 그 안의 어떤 것도 다시는 열 수 없습니다. 가능하면 먼저 완료된 인터뷰를 내보내세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Emergency &amp;wipe…</source>
            <translation>비상 파기(&amp;W)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Wipe this store for ever</source>
            <translation>이 저장소를 영구히 파기</translation>
        </message>
        <message>
            <location line="+35" />
            <source>The settings could not be saved: {0}</source>
            <translation>설정을 저장하지 못했습니다: {0}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Saved.</source>
            <translation>저장했습니다.</translation>
        </message>
    </context>
    <context>
        <name>SummaryTableModel</name>
        <message>
            <location filename="../../src/fieldapp/gui/models/tables.py" line="+191" />
            <source>fewer than {0} respondents</source>
            <extracomment>The cell's value as computed (int count, float percent, None when empty), for tests and copy. What a row is: ROW_OPTION, ROW_BASE or ROW_OUTSIDE. The cell's disclosure mark: None, "small" or "suppressed" (fieldapp.exports.layout). Rows after the options that grid() always adds: the base, missing, not applicable.</extracomment>
            <translation>응답자 {0}명 미만</translation>
        </message>
        <message>
            <location line="+2" />
            <source>suppressed to protect respondents</source>
            <translation>응답자 보호를 위해 비공개</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Fewer than {0} respondents: too few to draw conclusions from, and small enough to identify someone. Hide it before publishing.</source>
            <translation>응답자 {0}명 미만: 결론을 내리기에는 너무 적고, 누군가를 알아볼 수 있을 만큼 작습니다. 공개하기 전에 숨기세요.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Suppressed to protect respondents.</source>
            <translation>응답자 보호를 위해 비공개 처리했습니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The base: respondents who were asked this question and answered it. Percentages are of this number.</source>
            <translation>기준: 이 질문을 받고 응답한 응답자 수. 백분율은 이 수를 기준으로 합니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Outside the base: not counted in the percentages.</source>
            <translation>기준 제외: 백분율 계산에 포함되지 않습니다.</translation>
        </message>
    </context>
    <context>
        <name>TablesCounts</name>
        <message numerus="yes">
            <location filename="../../src/fieldapp/gui/pages/tables_view.py" line="+75" />
            <source>%n finalized interview(s).</source>
            <translation>
                <numerusform>완료된 인터뷰 %n건.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n entry(ies)</source>
            <translation>
                <numerusform>항목 %n개</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>%n respondent(s)</source>
            <translation>
                <numerusform>응답자 %n명</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TablesPage</name>
        <message numerus="yes">
            <location filename="../../src/fieldapp/gui/pages/tables.py" line="+135" />
            <source>{0} (%n finalized interview(s))</source>
            <extracomment>The settings of the tables shown (kept under its old name for callers). All tables of the current settings are computed (and the current one shown). The table shown changed (a question, a breakdown or a comparison was chosen). A file was written (its path). A computation or export failed; the sentence is on the status line.</extracomment>
            <translation>
                <numerusform>{0} (완료된 인터뷰 %n건)</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>No finalized interviews yet. Tables appear here once interviews are finalized or imported from interviewers' bundles.</source>
            <translation>아직 완료된 인터뷰가 없습니다. 인터뷰를 완료하거나 조사원의 번들에서 가져오면 여기에 표가 나타납니다.</translation>
        </message>
        <message>
            <location line="+179" />
            <source>Reading the answers…</source>
            <translation>응답을 읽는 중…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Table %v of %m</source>
            <translation>표 %v / %m</translation>
        </message>
        <message>
            <location line="+39" />
            <source>A comparison shows the two questions side by side, without a breakdown.</source>
            <translation>비교는 두 질문을 나란히 보여 주며, 나누기 기준은 적용하지 않습니다.</translation>
        </message>
        <message>
            <location line="+44" />
            <source>No answers to draw yet.</source>
            <translation>아직 그릴 응답이 없습니다.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>CSV files (*.csv)</source>
            <translation>CSV 파일 (*.csv)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 통합 문서 (*.xlsx)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>PNG images (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <location line="+0" />
            <source>PDF documents (*.pdf)</source>
            <translation>PDF 문서 (*.pdf)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export the report</source>
            <translation>보고서 내보내기</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Export this table</source>
            <translation>이 표 내보내기</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Writing {0}…</source>
            <translation>{0}을(를) 쓰는 중…</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Wrote {0}.</source>
            <translation>{0}을(를) 썼습니다.</translation>
        </message>
    </context>
    <context>
        <name>TablesView</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/tables_view.py" line="+12" />
            <source>Summary tables</source>
            <translation>요약 표</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Form to tabulate</source>
            <translation>표를 만들 설문지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Language of the labels</source>
            <translation>표시 언어</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Mark cells with fewer respondents than this</source>
            <translation>응답자가 이보다 적은 칸 표시</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Counts and bases below this number are marked as too small to publish.</source>
            <translation>이 수보다 작은 응답 수와 기준은 공개하기에 너무 작다고 표시합니다.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Break the table down by</source>
            <translation>표를 나눌 기준 변수</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Compare with another question</source>
            <translation>다른 질문과 비교</translation>
        </message>
        <message>
            <location line="+3" />
            <source>What the tables count</source>
            <translation>표가 세는 대상</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Respondents, or the entries of a roster in the form (one per family member, one per detention episode).</source>
            <translation>응답자, 또는 설문지 명단의 항목(가족 한 명당 하나, 구금 경험 한 번당 하나).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Count each entry or each respondent</source>
            <translation>항목마다 셀지 응답자마다 셀지</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Hide small cells in exported files</source>
            <translation>내보낸 파일에서 작은 칸 숨기기(&amp;H)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide small cells in exported files</source>
            <translation>내보낸 파일에서 작은 칸 숨기기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Exported tables, charts and reports leave out counts below the minimum, and the cells that would give them back. The screen always shows every number.</source>
            <translation>내보낸 표, 차트, 보고서에서는 최소값보다 작은 응답 수와 그 값을 되살릴 수 있는 칸을 뺍니다. 화면에는 언제나 모든 수가 보입니다.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Form:</source>
            <translation>설문지(&amp;F):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Labels in:</source>
            <translation>표시 언어(&amp;L):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Small cells under:</source>
            <translation>작은 칸 기준(&amp;S):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Tables of:</source>
            <translation>표 대상(&amp;T):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Co&amp;unt:</source>
            <translation>세는 방법(&amp;U):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Break down by:</source>
            <translation>나누기 기준(&amp;B):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Com&amp;pare with:</source>
            <translation>비교 대상(&amp;P):</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Summary table</source>
            <translation>요약 표</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Questions</source>
            <translation>질문</translation>
        </message>
        <message>
            <location line="+16" />
            <location line="+3" />
            <source>Chart</source>
            <translation>차트</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Table as &amp;CSV…</source>
            <translation>표를 CSV로(&amp;C)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export this table as a CSV file</source>
            <translation>이 표를 CSV 파일로 내보내기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Table as &amp;XLSX…</source>
            <translation>표를 XLSX로(&amp;X)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export this table as an Excel workbook</source>
            <translation>이 표를 Excel 통합 문서로 내보내기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Chart as P&amp;NG…</source>
            <translation>차트를 PNG로(&amp;N)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Save this chart as a PNG image</source>
            <translation>이 차트를 PNG 이미지로 저장</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Whole &amp;report as PDF…</source>
            <translation>전체 보고서를 PDF로(&amp;R)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export every table and chart of this form as a PDF report</source>
            <translation>이 설문지의 모든 표와 차트를 PDF 보고서로 내보내기</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Progress of the tables</source>
            <translation>표 계산 진행 상황</translation>
        </message>
        <message>
            <location line="+44" />
            <source>Respondents</source>
            <translation>응답자</translation>
        </message>
        <message>
            <location line="+7" />
            <source>each entry</source>
            <translation>항목마다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>respondents with at least one entry</source>
            <translation>항목이 하나 이상 있는 응답자</translation>
        </message>
        <message>
            <location line="+8" />
            <source>(no breakdown)</source>
            <translation>(나누지 않음)</translation>
        </message>
        <message>
            <location line="+28" />
            <source>(only for tables of respondents)</source>
            <translation>(응답자 표에서만)</translation>
        </message>
        <message>
            <location line="+5" />
            <source>(no question shares its options)</source>
            <translation>(선택지가 같은 질문 없음)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>(no comparison)</source>
            <translation>(비교하지 않음)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Counting respondents by their entries of “{0}”: {1} with at least one entry.</source>
            <translation>“{0}” 항목으로 응답자를 셉니다: 항목이 하나 이상 있는 {1}.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Counting entries of “{0}”: {1} from {2}.</source>
            <translation>“{0}” 항목을 셉니다: {2}의 {1}.</translation>
        </message>
    </context>
    <context>
        <name>TimeWidget</name>
        <message>
            <location filename="../../src/fieldapp/gui/widgets/clock.py" line="-41" />
            <source>24-hour clock, for example 14:30 (or 1430)</source>
            <extracomment>What may be typed on the way to a time: up to 2 digits, ':', 2 digits, optional ':' seconds, or four digits without the colon (1430).</extracomment>
            <translation>24시간제, 예: 14:30 (또는 1430)</translation>
        </message>
    </context>
    <context>
        <name>TrustDeviceDialog</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/import_.py" line="-338" />
            <location line="+1" />
            <source>Trust a new laptop</source>
            <translation>새 노트북 신뢰</translation>
        </message>
        <message>
            <location line="+6" />
            <source>(its id is shown once it is trusted)</source>
            <translation>(신뢰하면 ID가 표시됩니다)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{0} comes from laptop {1}, which this store does not trust yet. Ask the interviewer to read out the fingerprint words shown on their laptop's Export page (or read them from the laptop yourself). Trust it only if every word matches, in the same order:</source>
            <translation>{0}은(는) 이 저장소가 아직 신뢰하지 않는 노트북 {1}에서 왔습니다. 조사원에게 노트북의 내보내기 페이지에 표시된 지문 단어를 읽어 달라고 하세요(또는 노트북에서 직접 읽으세요). 모든 단어가 같은 순서로 일치할 때만 신뢰하세요:</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Fingerprint words of the new laptop</source>
            <translation>새 노트북의 지문 단어</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The &amp;words match the laptop's, in the same order</source>
            <translation>단어가 노트북의 단어와 같은 순서로 일치합니다(&amp;W)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The fingerprint words match the laptop's</source>
            <translation>지문 단어가 노트북의 단어와 일치함</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Label (optional):</source>
            <translation>이름표(선택)(&amp;L):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Label for the laptop</source>
            <translation>노트북 이름표</translation>
        </message>
        <message>
            <location line="+1" />
            <source>e.g. Seoul team, laptop 3</source>
            <translation>예: 서울팀 노트북 3</translation>
        </message>
        <message>
            <location line="+9" />
            <source>&amp;Trust this laptop</source>
            <translation>이 노트북 신뢰(&amp;T)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Trust this laptop</source>
            <translation>이 노트북 신뢰</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Do not trust this laptop</source>
            <translation>이 노트북을 신뢰하지 않음</translation>
        </message>
    </context>
    <context>
        <name>UnlockPage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/unlock.py" line="+51" />
            <source>fieldapp is locked</source>
            <translation>fieldapp이 잠겨 있습니다</translation>
        </message>
        <message>
            <location line="+19" />
            <source>&amp;Passphrase:</source>
            <translation>암호 문구(&amp;P):</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Passphrase</source>
            <translation>암호 문구</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Unlock</source>
            <translation>잠금 해제(&amp;U)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Unlock the store</source>
            <translation>저장소 잠금 해제</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Unlocking</source>
            <translation>잠금 해제 중</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unlocking…</source>
            <translation>잠금 해제 중…</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Unlock problem</source>
            <translation>잠금 해제 문제</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Use a &amp;different store…</source>
            <translation>다른 저장소 사용(&amp;D)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create or open a different store</source>
            <translation>다른 저장소 만들기 또는 열기</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Store: {0}</source>
            <translation>저장소: {0}</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/welcome.py" line="+74" />
            <source>Welcome to fieldapp</source>
            <translation>fieldapp에 오신 것을 환영합니다</translation>
        </message>
        <message>
            <location line="+8" />
            <source>← &amp;Back to the locked store</source>
            <translation>← 잠긴 저장소로 돌아가기(&amp;B)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Back to the unlock screen of the store you came from</source>
            <translation>원래 저장소의 잠금 해제 화면으로 돌아가기</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Answers are kept only on this laptop, in an encrypted store that opens with your passphrase. Create a new store, or open one you already have.</source>
            <translation>응답은 이 노트북에만, 암호 문구로 여는 암호화된 저장소에 보관됩니다. 새 저장소를 만들거나 이미 있는 저장소를 여세요.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Create a new store</source>
            <translation>새 저장소 만들기</translation>
        </message>
        <message>
            <location line="+4" />
            <location line="+260" />
            <source>Folder for the new store</source>
            <translation>새 저장소 폴더</translation>
        </message>
        <message>
            <location line="-258" />
            <source>C&amp;hoose…</source>
            <translation>선택(&amp;H)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose a folder for the new store</source>
            <translation>새 저장소 폴더 선택</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Folder:</source>
            <translation>폴더(&amp;F):</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Interviewer (field laptop)</source>
            <translation>조사원(&amp;I) (현장 노트북)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Role: interviewer</source>
            <translation>역할: 조사원</translation>
        </message>
        <message>
            <location line="+2" />
            <source>C&amp;oordinator (project office)</source>
            <translation>코디네이터(&amp;O) (프로젝트 사무실)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Role: coordinator</source>
            <translation>역할: 코디네이터</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Role:</source>
            <translation>역할:</translation>
        </message>
        <message>
            <location line="+6" />
            <source>New passphrase</source>
            <translation>새 암호 문구</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Generate one</source>
            <translation>자동 생성(&amp;G)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Generate a passphrase of six words</source>
            <translation>단어 여섯 개로 된 암호 문구 생성</translation>
        </message>
        <message>
            <location line="+5" />
            <source>&amp;Passphrase:</source>
            <translation>암호 문구(&amp;P):</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Repeat the new passphrase</source>
            <translation>새 암호 문구 다시 입력</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Repeat:</source>
            <translation>다시 입력(&amp;R):</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;Show the passphrase</source>
            <translation>암호 문구 보기(&amp;S)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Show the passphrase</source>
            <translation>암호 문구 보기</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Passphrase strength</source>
            <translation>암호 문구 강도</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Strength:</source>
            <translation>강도:</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&lt;b&gt;Nobody can recover a forgotten passphrase&lt;/b&gt;: not you, not your coordinator, not the makers of fieldapp. Without it the answers in this store are lost. Field laptops: once this laptop is enrolled with your coordinator's project key, the coordinator can recover a returned laptop with the project's recovery key; that does not help you in the field, so write the passphrase down and keep the paper apart from the laptop.</source>
            <translation>&lt;b&gt;잊어버린 암호 문구는 아무도 되찾을 수 없습니다&lt;/b&gt;. 본인도, 코디네이터도, fieldapp 개발자도 마찬가지입니다. 암호 문구가 없으면 이 저장소의 응답은 잃게 됩니다. 현장 노트북: 이 노트북을 코디네이터의 프로젝트 키에 등록하면, 반납된 노트북은 코디네이터가 프로젝트 복구 키로 복구할 수 있습니다. 하지만 현장에서는 도움이 되지 않으니 암호 문구를 적어 두고 그 종이는 노트북과 따로 보관하세요.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Install the example &amp;questionnaire (2017 escapee survey)</source>
            <translation>예시 설문지 설치(&amp;Q) (2017년 탈북민 조사)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Install the example questionnaire</source>
            <translation>예시 설문지 설치</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Creating the store</source>
            <translation>저장소 만드는 중</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&amp;Create store</source>
            <translation>저장소 만들기(&amp;C)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create the store</source>
            <translation>저장소 만들기</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Open an existing store</source>
            <translation>기존 저장소 열기</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Recen&amp;t stores:</source>
            <translation>최근 저장소(&amp;T):</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Op&amp;en</source>
            <translation>열기(&amp;E)</translation>
        </message>
        <message>
            <location line="-11" />
            <source>Stores opened lately</source>
            <translation>최근에 연 저장소</translation>
        </message>
        <message>
            <location line="+7" />
            <location line="+137" />
            <source>Folder of an existing store</source>
            <translation>기존 저장소 폴더</translation>
        </message>
        <message>
            <location line="-136" />
            <source>Choose fol&amp;der…</source>
            <translation>폴더 선택(&amp;D)…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Choose the folder of an existing store</source>
            <translation>기존 저장소 폴더 선택</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Open the existing store</source>
            <translation>기존 저장소 열기</translation>
        </message>
        <message>
            <location line="+82" />
            <source>Use at least 10 characters; several unrelated words are easiest to remember.</source>
            <translation>10자 이상으로 하세요. 서로 관계없는 단어 여러 개가 가장 기억하기 쉽습니다.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Too weak: {0}.</source>
            <translation>너무 약합니다: {0}.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Strong enough, but the two passphrases differ.</source>
            <translation>충분히 강하지만 두 암호 문구가 다릅니다.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Strong enough.</source>
            <translation>충분히 강합니다.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>it is shorter than 10 characters</source>
            <translation>10자보다 짧습니다</translation>
        </message>
        <message>
            <location line="+1" />
            <source>it would be guessed too quickly</source>
            <translation>너무 빨리 추측될 수 있습니다</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Write these words down now, in this order, and keep the paper apart from the laptop:&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;</source>
            <translation>지금 이 단어들을 순서대로 적고, 그 종이는 노트북과 따로 보관하세요:&lt;br&gt;&lt;b&gt;{0}&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Choose a folder for the new store.</source>
            <translation>새 저장소 폴더를 선택하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>The two passphrases differ; type the same one twice.</source>
            <translation>두 암호 문구가 다릅니다. 같은 암호 문구를 두 번 입력하세요.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Choose a stronger passphrase (or generate one).</source>
            <translation>더 강한 암호 문구를 정하세요 (또는 자동 생성하세요).</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Choose the folder of an existing store.</source>
            <translation>기존 저장소의 폴더를 선택하세요.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>{0} is not a fieldapp store (it has no key slots or database).</source>
            <translation>{0}은(는) fieldapp 저장소가 아닙니다 (키 슬롯이나 데이터베이스가 없습니다).</translation>
        </message>
    </context>
    <context>
        <name>WipeDialog</name>
        <message>
            <location filename="../../src/fieldapp/gui/pages/settings.py" line="-174" />
            <source>Emergency wipe</source>
            <extracomment>How long the wipe button must be held down. (tenths of a second held, tenths needed): for the countdown on screen.</extracomment>
            <translation>비상 파기</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Confirm the emergency wipe</source>
            <translation>비상 파기 확인</translation>
        </message>
        <message numerus="yes">
            <location line="+3" />
            <source>This destroys the store on this laptop for ever: every draft, every interview not yet exported and the keys. Nobody, including the coordinator, can bring them back.

To wipe, press and hold the button below (or hold Space on it) for %n second(s). Let go to stop.</source>
            <translation>
                <numerusform>이 노트북의 저장소를 영구히 파기합니다. 작성 중인 모든 인터뷰, 아직 내보내지 않은 모든 인터뷰, 그리고 키가 사라집니다. 코디네이터를 포함해 누구도 되살릴 수 없습니다.

파기하려면 아래 버튼을 %n초 동안 누르고 계세요(또는 버튼에서 스페이스 키를 누르고 계세요). 손을 떼면 멈춥니다.</numerusform>
            </translation>
        </message>
        <message>
            <location line="+7" />
            <source>Press and &amp;hold to wipe for ever</source>
            <translation>누르고 있으면 영구 파기(&amp;H)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Press and hold to wipe the store for ever</source>
            <translation>누르고 있으면 저장소를 영구히 파기합니다</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Time left before the wipe</source>
            <translation>파기까지 남은 시간</translation>
        </message>
        <message numerus="yes">
            <location line="+22" />
            <source>Keep holding: %n second(s)</source>
            <translation>
                <numerusform>계속 누르세요: %n초</numerusform>
            </translation>
        </message>
        <message>
            <location line="-9" />
            <source>Keep the store</source>
            <translation>저장소 유지</translation>
        </message>
    </context>
</TS>
