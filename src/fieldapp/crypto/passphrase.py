"""Passphrase policy for new stores: refuse guessable passphrases, offer generated ones.

An attacker holding a seized laptop can try passphrases offline; Argon2id makes each guess
cost about a second of a laptop's time, so the passphrase itself must resist roughly 10^10
guesses. zxcvbn estimates that (dictionary words, keyboard patterns, dates, l33t), the same
estimator Dropbox, KeePassXC and Bitwarden use - but its dictionaries are English, so
``가나다라마바사아자차``, ``saranghaeyo2017`` or ``kimjongun1234`` looked random to it
(issue #17, finding 7). fieldapp adds the dictionaries a cracker aiming at Korean speakers
would use (resources/wordlists/README.md): common Korean words and names in Hangul, their
romanisations and the keys they are typed with, well-known phrases, and Hangul alphabet
sequences; and it scores the passphrase as typed, without its spaces and punctuation, and -
for Hangul - as the keystrokes that type it, keeping the weakest estimate.

The text is assessed in Unicode NFC, the form key slots are derived from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from fieldapp.messages import Message, msg, text

MIN_LENGTH = 10
MIN_GUESSES_LOG10 = 10.0
#: zxcvbn refuses longer input; what lies beyond only adds strength.
MAX_SCORED = 72

#: zxcvbn dictionary names added by fieldapp -> the reason given when one decides a refusal.
_REASONS = {"fieldapp_famous": "passphrase.famous", "fieldapp_korean": "passphrase.korean",
            "fieldapp_korean_roman": "passphrase.korean", "fieldapp_patterns": "passphrase.pattern"}
_SEPARATORS = re.compile(r"[\s\-_.,;:!?'\"/\\|+*~·]+")

# Orders a Hangul speaker recites (alphabet rows, counting): any three or more in a row.
_SEQUENCES = ("가나다라마바사아자차카타파하", "아야어여오요우유으이", "가갸거겨고교구규그기",
              "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ", "ㅏㅑㅓㅕㅗㅛㅜㅠㅡㅣ", "일이삼사오육칠팔구십",
              "하나둘셋넷다섯여섯일곱여덟아홉열")


@dataclass(frozen=True)
class Strength:
    ok: bool
    score: int  # 0..4, for a strength meter
    reason: str  # empty when ok; English (``message`` carries the code for translation)
    message: Message | None = field(default=None, compare=False)


def _lines(name: str) -> list[str]:
    from fieldapp.resources import resource

    raw = resource("wordlists", name).read_text(encoding="utf-8")
    return [unicodedata.normalize("NFC", ln.strip()).lower() for ln in raw.splitlines()
            if ln.strip() and not ln.startswith("#")]


def _collapse(phrase: str) -> str:
    return _SEPARATORS.sub("", phrase.lower())


@cache
def _dictionaries() -> dict[str, list[str]]:
    """fieldapp's ranked lists (most guessable first), built once from resources/wordlists."""
    from fieldapp.crypto import hangul, words

    hangul_words = list(dict.fromkeys(_lines("korean_common.txt") + list(words.korean())))
    roman = _lines("korean_romanised.txt")
    for word in hangul_words:
        roman += sorted(hangul.romanisations(word)) + [hangul.keystrokes(word)]
    patterns = []
    for row in _SEQUENCES:
        patterns += [row[i:j] for i in range(len(row)) for j in range(i + 3, len(row) + 1)]
    return {
        "fieldapp_famous": list(dict.fromkeys(_collapse(p) for p in _lines("famous_phrases.txt"))),
        "fieldapp_korean": hangul_words,
        "fieldapp_korean_roman": list(dict.fromkeys(r for r in roman if len(r) >= 3)),
        "fieldapp_patterns": sorted(set(patterns), key=lambda p: (-len(p), p)),
    }


@cache
def _zxcvbn():
    """zxcvbn with fieldapp's dictionaries registered (its own API for extra frequency lists,
    a module-level table that zxcvbn itself also updates on every call)."""
    from zxcvbn import matching, zxcvbn

    matching.add_frequency_lists(_dictionaries())
    return zxcvbn


def _forms(phrase: str) -> list[str]:
    from fieldapp.crypto import hangul

    forms = [phrase, _collapse(phrase)]
    if hangul.has_hangul(phrase):
        forms += [hangul.keystrokes(f) for f in forms]
    return list(dict.fromkeys(f[:MAX_SCORED] for f in forms if f))


def assess(passphrase: str) -> Strength:
    phrase = unicodedata.normalize("NFC", passphrase)
    if len(phrase) < MIN_LENGTH:
        reason = msg("passphrase.too_short", n=MIN_LENGTH)
        return Strength(False, 0, reason.english(), reason)
    zxcvbn = _zxcvbn()
    weakest = min((zxcvbn(form) for form in _forms(phrase)), key=lambda r: float(r["guesses_log10"]))
    score = int(weakest["score"])
    if float(weakest["guesses_log10"]) >= MIN_GUESSES_LOG10:
        return Strength(True, score, "")
    reason = _reason(weakest)
    return Strength(False, min(score, 2), reason.english(), reason)


def _reason(result: dict) -> Message:
    """Our own reason when one of fieldapp's dictionaries matched, else zxcvbn's warning."""
    for match in result["sequence"]:
        code = _REASONS.get(match.get("dictionary_name", ""))
        if code:
            return msg(code)
    warning = (result["feedback"].get("warning") or "").rstrip(".").lower()
    return text(warning) if warning else msg("passphrase.guessable")


def generate() -> str:
    """Six words from the EFF long word list (about 77 bits)."""
    from fieldapp.crypto.words import diceware_passphrase

    return diceware_passphrase(6)


def generate_korean() -> str:
    """Seven common Korean words from the BIP-39 Korean list (77 bits), easier to remember
    for a Korean speaker than English words, and as strong as ``generate()``."""
    from fieldapp.crypto.words import korean_passphrase

    return korean_passphrase(7)
