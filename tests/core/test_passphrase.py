"""Passphrase policy (issue #17, finding 7): guessable Korean, famous phrases and patterns are
refused with a reason; generated passphrases, English or Korean, are accepted."""

from __future__ import annotations

import math
import unicodedata

import pytest

from fieldapp.cli import main
from fieldapp.crypto import hangul, words
from fieldapp.crypto.passphrase import MIN_GUESSES_LOG10, assess, generate, generate_korean
from fieldapp.resources import resource

#: Accepted before issue #17; each must now be refused, for the reason given.
FOUND_BY_THE_ATTACK_RUN = [
    ("가나다라마바사아자차", "passphrase.pattern"),
    ("correct horse battery staple", "passphrase.famous"),
    ("saranghaeyo2017", "passphrase.korean"),
    ("daehanminguk123", "passphrase.korean"),
    ("kimjongun1234", "passphrase.korean"),
]


@pytest.mark.parametrize("phrase, code", FOUND_BY_THE_ATTACK_RUN)
def test_what_the_attack_run_found_is_refused_with_its_reason(phrase, code):
    strength = assess(phrase)
    assert not strength.ok
    assert strength.message is not None and strength.message.code == code
    assert strength.reason == strength.message.english()


@pytest.mark.parametrize("phrase", [
    "차카자아사바마라다나가",            # the alphabet row backwards
    "아야어여오요우유으이2017",          # the vowel row and a year
    "일이삼사오육칠팔구십",              # counting
    "Correct-Horse-Battery-Staple!",    # separators, capitals and punctuation do not help
    "CorrectHorseBatteryStaple",
    "동해물과 백두산이 마르고 닳도록",    # the anthem
    "우리의 소원은 통일 2017",
    "arirang arirang arariyo",
    "tkfkdgo1234!!",                    # 사랑해 typed with the Korean input method off
    "사랑해요사랑해요",
    "대한민국만세만세",
    "kimilsung19120415",
    "pyongyang2017!",
    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ",              # the top keyboard row, in jamo
    "김정은김정은김정은",
    "비밀번호1234567",
])
def test_guessable_korean_phrases_and_patterns_are_refused(phrase):
    strength = assess(phrase)
    assert not strength.ok, phrase
    assert strength.reason


@pytest.mark.parametrize("phrase", [
    "violet-anchor-rescue-mango-tundra-quiet",
    "바다-연필-초원-바이올린-구리-등불",
    "harbor pencil meadow violin copper lantern",
])
def test_strong_passphrases_stay_accepted(phrase):
    assert assess(phrase).ok


def test_generated_passphrases_are_accepted_and_the_korean_one_is_as_strong():
    for _ in range(20):
        assert assess(generate()).ok
        korean = generate_korean()
        assert assess(korean).ok, korean
        chosen = korean.split(" ")
        assert len(chosen) == 7 and set(chosen) <= set(words.korean())
    # 7 words of 2048 carry as many bits as 6 of EFF's 7776 (about 77).
    assert 7 * math.log2(len(words.korean())) >= 6 * math.log2(len(words.eff_large())) - 1


def test_the_form_a_passphrase_is_typed_in_does_not_change_its_assessment():
    for phrase in ("가나다라마바사아자차", "바다-연필-초원-바이올린-구리-등불"):
        nfd = unicodedata.normalize("NFD", phrase)
        assert nfd != phrase
        assert assess(nfd).ok == assess(phrase).ok


def test_a_long_passphrase_is_assessed_not_crashed():
    assert assess("violet-anchor-rescue-mango-tundra-quiet " * 4).ok


def test_the_korean_word_list_is_the_published_bip39_list():
    assert len(words.korean()) == 2048 and words.korean()[0] == "가격" and words.korean()[-1] == "힘껏"
    readme = resource("wordlists", "README.md").read_text(encoding="utf-8")
    for name in ("bip39_korean.txt", words.KOREAN_SHA256, "korean_common.txt", "korean_romanised.txt",
                 "famous_phrases.txt", "MIT"):
        assert name in readme


def test_hangul_as_a_cracker_types_and_spells_it():
    assert hangul.keystrokes("사랑해") == "tkfkdgo"
    assert hangul.keystrokes("ㅂㅈㄷㄱ") == "qwer"
    assert {"kimjongun", "gimjeongeun"} <= hangul.romanisations("김정은")
    assert "daehanminguk" in hangul.romanisations("대한민국")


def test_init_refuses_a_guessable_passphrase_and_suggests_a_generated_one(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIELDAPP_PASSPHRASE", "kimjongun1234")
    assert main(["init", str(tmp_path / "s"), "--role", "interviewer"]) == 1
    err = capsys.readouterr().err
    assert "common Korean words" in err and "generated one" in err
    assert not (tmp_path / "s").exists()


def test_the_threshold_is_what_argon2id_makes_safe():
    assert MIN_GUESSES_LOG10 >= 10
