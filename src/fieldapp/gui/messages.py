"""Core messages in the interface language: a ``Message`` code rendered with its translated template.

The core (Qt-free) gives every user-visible error a code and parameters
(``fieldapp.messages``); lupdate collects the English templates into the catalogues under the
context ``CoreMessages``, and this module renders them through Qt's translator. No page ever
matches English sentences.

Korean particles depend on the word before them (``파일을`` but ``폴더를``); a translated
template writes both (``{path}을(를)``) and ``korean_particles`` picks the right one once the
parameter is known.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QLocale

from fieldapp.errors import Cancelled, UserFacingError
from fieldapp.messages import CONTEXT, MESSAGES, Message, render


def _translate(template: str) -> str:
    return QCoreApplication.translate(CONTEXT, template)


def present(message: Message) -> str:
    """``message`` in the interface language (English where no translation is installed)."""
    out = render(message, MESSAGES, _translate)
    if QLocale().language() == QLocale.Language.Korean:
        out = korean_particles(out)
    return out


def particles(text: str) -> str:
    """A GUI sentence once its parameters are in (``self.tr("{0}을(를) ...").format(name)``): the
    Korean particles picked for the word before them; other languages unchanged."""
    if QLocale().language() == QLocale.Language.Korean:
        return korean_particles(text)
    return text


def fingerprint_words(words: str) -> str:
    """EFF fingerprint ``words`` as a list cell or a sentence shows them: the Korean form in the
    Korean interface, else the EFF words (decision 0019; the large views show both forms)."""
    from fieldapp.ops.exchange import fingerprint_forms

    english, korean = fingerprint_forms(words)
    return korean if korean and QLocale().language() == QLocale.Language.Korean else english


def both_fingerprint_forms(words: str) -> str:
    """Both forms of ``words``, one a line (a list cell's tool tip)."""
    from fieldapp.ops.exchange import fingerprint_forms

    return "\n".join(f for f in fingerprint_forms(words) if f)


def present_error(exc: BaseException) -> str:
    """The sentence a user sees for an error raised on purpose (``str(exc)`` for anything else)."""
    if isinstance(exc, (UserFacingError, Cancelled)):
        return present(exc.message)
    return str(exc)


# (with a final consonant, without) for each paired particle a template may write.
_PAIRS = {("을", "를"), ("이", "가"), ("은", "는"), ("과", "와"), ("으로", "로"), ("이에요", "예요")}
_PARTICLE = re.compile(r"(?<=\S)(을|이|은|과|으로|이에요)\((를|가|는|와|로|예요)\)")
# How a non-Hangul character ends when read aloud in Korean: digits by their Sino-Korean name
# (영 일 이 삼 사 오 육 칠 팔 구), Latin letters by their Korean letter name (엘 엠 엔 알 end
# in a consonant; 에이, 비, 씨 ... in a vowel).
_DIGIT_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False, "6": True,
                "7": True, "8": True, "9": False}
_LATIN_FINAL = set("lmnrLMNR")
_DIGIT_RIEUL = set("178")  # 일, 칠, 팔 end in ㄹ
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def _ends_in_consonant(word: str) -> bool | None:
    for ch in reversed(word):
        if _HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST:
            return (ord(ch) - _HANGUL_FIRST) % 28 != 0
        if ch in _DIGIT_FINAL:
            return _DIGIT_FINAL[ch]
        if ch.isascii() and ch.isalpha():
            return ch in _LATIN_FINAL
        if ch in ")]}\"'”’»":
            continue  # look through closing quotes and brackets
        return None
    return None


def korean_particles(text: str) -> str:
    """``파일을(를)`` -> ``파일을``; ``폴더을(를)`` -> ``폴더를``; unknown endings keep both."""

    def pick(match: re.Match[str]) -> str:
        consonant = _ends_in_consonant(text[:match.start()])
        with_c, without = match.group(1), match.group(2)
        if consonant is None or (with_c, without) not in _PAIRS:
            return match.group(0)
        before = text[match.start() - 1]
        if with_c == "으로" and (before in _DIGIT_RIEUL or _HANGUL_FIRST <= ord(before) <= _HANGUL_LAST
                                and (ord(before) - _HANGUL_FIRST) % 28 == 8):
            return without  # a final ㄹ takes 로 (서울로; 1, 7, 8: 일로, 칠로, 팔로)
        return with_c if consonant else without

    return _PARTICLE.sub(pick, text)
