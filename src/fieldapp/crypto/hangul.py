"""Hangul as a password cracker sees it: the keys it is typed with, and its romanisations.

A Hangul syllable is composed from an initial consonant, a vowel and an optional final
(Unicode arithmetic, U+AC00..U+D7A3). Crackers try Korean words as typed on the standard
two-set (dubeolsik) keyboard with the input method off ("tkfkdgo" is 사랑해) and in the
common romanisations, so the passphrase policy looks at a passphrase those ways too.
"""

from __future__ import annotations

import unicodedata

_BASE, _LAST = 0xAC00, 0xD7A3
_N_VOWELS, _N_FINALS = 21, 28

# Dubeolsik keys per initial, vowel and final (index order of Unicode's composition).
_KEY_INITIAL = "r R s e E f a q Q t T d w W c z x v g".split()
_KEY_VOWEL = "k o i O j p u P h hk ho hl y n nj np nl b m ml l".split()
_KEY_FINAL = [""] + "r R rt s sw sg e f fr fa fq ft fx fv fg a q qt t T d w c z x v g".split()

# Revised Romanization (2000), syllable by syllable (no sound-change rules).
_RR_INITIAL = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_RR_VOWEL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_RR_FINAL = [""] + "k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()
# McCune-Reischauer without its breves and apostrophes (North Korea's own romanisation is
# based on it): voiceless initials, o for ŏ, u for ŭ.
_MR_INITIAL = "k kk n t tt r m p pp s ss - ch tch ch k t p h".split()
_MR_VOWEL = "a ae ya yae o e yo ye o wa wae oe yo u wo we wi yu u ui i".split()

# Compatibility jamo (what a keyboard gives for a lone letter, ㄱ U+3131 ..) -> keys.
_COMPAT_KEYS = dict(zip(
    "ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ",
    "r R rt s sw sg e E f fr fa fq ft fx fv fg a q Q qt t T d w W c z x v g "
    "k o i O j p u P h hk ho hl y n nj np nl b m ml l".split(), strict=True))


def _parts(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch)
    if not _BASE <= code <= _LAST:
        return None
    code -= _BASE
    return code // (_N_VOWELS * _N_FINALS), (code // _N_FINALS) % _N_VOWELS, code % _N_FINALS


def has_hangul(text: str) -> bool:
    return any(_parts(ch) is not None or ch in _COMPAT_KEYS for ch in text)


def keystrokes(text: str) -> str:
    """The keys typed for ``text`` on a dubeolsik keyboard (other characters unchanged)."""
    text = unicodedata.normalize("NFC", text)
    out = []
    for ch in text:
        parts = _parts(ch)
        if parts is not None:
            i, v, f = parts
            out.append(_KEY_INITIAL[i] + _KEY_VOWEL[v] + _KEY_FINAL[f])
        else:
            out.append(_COMPAT_KEYS.get(ch, ch))
    return "".join(out)


def romanisations(word: str) -> set[str]:
    """Revised Romanization, McCune-Reischauer (plain letters) and the popular mixture of
    the two ("kimjongun": RR, but o/u for ㅓ/ㅡ and a voiceless first initial)."""
    syllables = [_parts(ch) for ch in unicodedata.normalize("NFC", word)]
    if not syllables or any(s is None for s in syllables):
        return set()
    rr, mr, popular = [], [], []
    for n, (i, v, f) in enumerate(syllables):
        final = _RR_FINAL[f]
        rr.append(_RR_INITIAL[i].strip("-") + _RR_VOWEL[v] + final)
        mr.append(_MR_INITIAL[i].strip("-") + _MR_VOWEL[v] + final)
        initial = (_MR_INITIAL if n == 0 else _RR_INITIAL)[i].strip("-")
        popular.append(initial + _MR_VOWEL[v] + final)
    return {"".join(rr), "".join(mr), "".join(popular)}
