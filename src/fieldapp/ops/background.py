"""``background-audio`` (issue #16): the whole interview recorded while the form is open,
governed by the respondent's consent (decision 0017).

ODK Collect records from the moment the form opens. fieldapp records only once consent is
given, and says so on screen the whole time; which consent governs it, in this order:

1. the ``background-audio`` row's own ``relevant`` (``${consent} = 'yes'``): recording runs
   while it is true (``RELEVANT``);
2. else the form's consent question: a ``select_one`` named ``consent`` (as in the reference
   questionnaire) with a choice ``yes``: recording runs once it is answered yes
   (``QUESTION``);
3. else none: the app asks explicitly, naming that the interview will be recorded, before
   it starts (``ASK``).

Consent withdrawn (the answer changed from yes, the relevant no longer true) stops the
recording and deletes it: nothing recorded without consent is kept. The recording itself is
``fieldapp.ops.recorder.Recorder`` (Ogg/Vorbis chunks into the store every 2 s), the answer of the
background-audio field; a recording stopped by a lock and resumed goes on in the same media.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.forms.model import Form, Question
from fieldapp.store import Store

RELEVANT, QUESTION, ASK = "relevant", "question", "ask"
#: The consent question's name, as the reference questionnaire (and many forms) call it.
CONSENT_NAME = "consent"
YES = "yes"


@dataclass(frozen=True)
class BackgroundAudio:
    """What governs a form's background recording."""

    question: Question  # the background-audio question (its answer is the recording)
    rule: str  # RELEVANT | QUESTION | ASK
    consent: Question | None = None  # the consent question (QUESTION)

    @property
    def key(self) -> str:
        return self.question.name

    @property
    def quality(self) -> str:
        """ODK's ``parameters`` ``quality=voice-only|low|normal``; fieldapp records speech at
        one quality (16 kHz mono Ogg/Vorbis, about 12 MB an hour: decision 0017) whichever is
        asked for."""
        return self.question.parameters.get("quality", "voice-only")


def background_audio(form: Form) -> BackgroundAudio | None:
    """The form's background recording (its first ``background-audio`` question outside any
    repeat), or None when it has none."""
    from fieldapp.forms.model import Group

    repeats = {n.name for n in form.nodes() if isinstance(n, Group) and n.repeat}
    question = next((q for q in form.questions() if q.type == "background-audio"
                     and not repeats.intersection(q.path)), None)
    if question is None:
        return None
    if question.relevant:
        return BackgroundAudio(question, RELEVANT)
    consent = next((q for q in form.questions() if q.xlsform_name.lower() == CONSENT_NAME
                    and q.type == "select_one" and not repeats.intersection(q.path)), None)
    choices = form.choice_lists.get(consent.list_name or "") if consent is not None else None
    if consent is not None and choices is not None and choices.get(YES) is not None:
        return BackgroundAudio(question, QUESTION, consent)
    return BackgroundAudio(question, ASK)


def consent_given(plan: BackgroundAudio, interview) -> bool | None:
    """True when the form's consent allows recording now, False when it does not, None
    when the form has no consent of its own (``ASK``: the app asks)."""
    if plan.rule == RELEVANT:
        return bool(interview.is_relevant(plan.key))
    if plan.rule == QUESTION:
        assert plan.consent is not None
        return interview.value(plan.consent.name) == YES
    return None


def has_recording(store: Store, interview_id: str, plan: BackgroundAudio) -> bool:
    """True when the interview already holds a background recording (resumed: go on with it)."""
    from fieldapp.ops import media as ops_media

    return any(m.key == plan.key for m in ops_media.list_media(store, interview_id))


def discard(store: Store, interview, plan: BackgroundAudio) -> None:
    """Consent withdrawn: the recording and its answer go (nothing recorded without consent
    is kept)."""
    from fieldapp.ops import media as ops_media

    ops_media.delete_media(store, interview.id, plan.key)
    if interview.is_relevant(plan.key) and interview.value(plan.key) is not None:
        interview.set_answer(plan.key, None)


def refusal(store: Store, interview_id: str) -> str | None:
    """'stopped' or 'declined' when the interview's recording was refused (kept in the store,
    so a restart of the app does not start it again: decision 0021), else None."""
    from fieldapp.store import media as store_media

    return store_media.recording_choice(store, interview_id)


def set_refusal(store: Store, interview_id: str, choice: str | None) -> None:
    """The interviewer stopped it ('stopped'), the respondent said no ('declined'), or the
    interviewer starts it again (None)."""
    from fieldapp.store import media as store_media

    store_media.set_recording_choice(store, interview_id, choice)


#: What ``summary`` says of an interview's background recording.
RECORDED, STOPPED, DECLINED, NOT_RECORDED = "recorded", "stopped", "declined", "not_recorded"


@dataclass(frozen=True)
class RecordingSummary:
    """The background recording as the review page states it before Finalize: whether the
    interview is recorded, and how much (a stopped or declined one may still keep what was
    recorded before: the interviewer's Stop keeps it, decision 0021)."""

    state: str  # RECORDED | STOPPED | DECLINED | NOT_RECORDED
    seconds: float  # of audio kept in the store (0 when none)
    complete: bool  # the recording is closed (finalized, or stopped and saved)


def summary(store: Store, interview) -> RecordingSummary | None:
    """The interview's background recording for the review page, or None when its form has
    none. Its seconds come from the Ogg granule positions (nothing decoded), counted once per
    chunk: each refresh reads only the chunks written since the last one, and nothing of a
    complete recording already counted (``recording_length.stored_seconds``)."""
    from fieldapp.ops import media as ops_media
    from fieldapp.ops.recording_length import stored_seconds

    plan = background_audio(interview.form)
    if plan is None:
        return None
    row = next((m for m in ops_media.list_media(store, interview.id) if m.key == plan.key), None)
    seconds = 0.0
    if row is not None:
        seconds = stored_seconds(store, row)
    choice = refusal(store, interview.id)
    if choice == "declined":
        state = DECLINED
    elif choice == "stopped":
        state = STOPPED
    else:
        state = RECORDED if row is not None else NOT_RECORDED
    return RecordingSummary(state, seconds, row is not None and row.complete)
