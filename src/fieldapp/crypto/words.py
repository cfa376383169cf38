"""The bundled word lists: diceware passphrases (English and Korean) and fingerprint words
(EFF words, and the same fingerprint in Korean words: decision 0019).

The EFF lists and the BIP-39 Korean list are their publishers' files, byte for byte
(resources/wordlists/README.md); each is checked against its SHA-256 on load, because a
fingerprint read out on two machines only means something if both use the very same list,
and a passphrase's strength assumes the full list of distinct words.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from functools import cache

from fieldapp.errors import FieldAppError
from fieldapp.resources import resource

LARGE_FILE = "eff_large_wordlist.txt"
SHORT_FILE = "eff_short_wordlist_1.txt"
KOREAN_FILE = "bip39_korean.txt"
KOREAN_SHA256 = "9e95f86c167de88f450f0aaf89e87f6624a57f973c67b516e338e8e8b8897f60"

_LISTS = {
    # file: (sha256 of EFF's published file, number of words, dice per word)
    LARGE_FILE: ("addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e", 7776, 5),
    SHORT_FILE: ("8f5ca830b8bffb6fe39c9736c024a00a6a6411adb3f83a9be8bfeeb6e067ae69", 1296, 4),
}


class WordListError(FieldAppError):
    """A bundled word list is missing or is not the published EFF list (a broken install)."""


def _read_checked(name: str, expected_sha: str) -> bytes:
    path = resource("wordlists", name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WordListError(
            f"The word list {name} is missing from this installation ({exc.strerror})."
        ) from exc
    if hashlib.sha256(raw).hexdigest() != expected_sha:
        raise WordListError(f"The word list {name} has been altered; reinstall fieldapp.")
    return raw


@cache
def _load(name: str) -> tuple[str, ...]:
    expected_sha, count, dice = _LISTS[name]
    raw = _read_checked(name, expected_sha)
    words = []
    for line in raw.decode("ascii").splitlines():
        number, _, word = line.partition("\t")
        words.append(word)
    # The digest already pins the content; these checks document what the code relies on.
    assert len(words) == count and len(set(words)) == count and len(number) == dice
    return tuple(words)


def eff_large() -> tuple[str, ...]:
    """The EFF long list: 7776 words, abacus .. zoom (12.9 bits per word)."""
    return _load(LARGE_FILE)


def eff_short() -> tuple[str, ...]:
    """The EFF short list #1: 1296 words of at most 5 letters, acid .. zoom (10.3 bits per word)."""
    return _load(SHORT_FILE)


@cache
def korean() -> tuple[str, ...]:
    """The BIP-39 Korean list: 2048 common Korean words (11 bits per word), in NFC.

    The file is in NFD (decomposed jamo), as BIP-39 prescribes; words are composed here so
    that they match what a Korean keyboard types.
    """
    raw = _read_checked(KOREAN_FILE, KOREAN_SHA256)
    words = tuple(unicodedata.normalize("NFC", w) for w in raw.decode("utf-8").split())
    assert len(words) == 2048 and len(set(words)) == 2048
    return words


def korean_passphrase(n_words: int = 7, separator: str = " ") -> str:
    """``n_words`` words drawn uniformly by ``secrets`` from the BIP-39 Korean list
    (7 words: 77 bits, as much as six EFF words)."""
    if not 5 <= n_words <= 20:
        raise ValueError("a Korean passphrase needs between 5 and 20 words")
    words = korean()
    return separator.join(secrets.choice(words) for _ in range(n_words))


def diceware_passphrase(n_words: int = 6, separator: str = " ") -> str:
    """``n_words`` words drawn uniformly by ``secrets`` from the EFF long list (6 words: ~77.5 bits)."""
    if not 4 <= n_words <= 20:
        raise ValueError("a diceware passphrase needs between 4 and 20 words")
    words = eff_large()
    return separator.join(secrets.choice(words) for _ in range(n_words))


def bytes_to_words(data: bytes, n_words: int) -> list[str]:
    """The ``n_words`` lowest base-1296 digits of ``data`` (big-endian), as EFF short-list words.

    Used for fingerprints: ``data`` is a hash, so every word is (almost exactly) uniform.
    """
    words = eff_short()
    # 11 bits per word (> log2 1296) so each digit comes from the hash, never from zero padding.
    if len(data) * 8 < n_words * 11:
        raise ValueError("not enough bytes for that many words")
    value = int.from_bytes(data, "big")
    out = []
    for _ in range(n_words):
        value, digit = divmod(value, len(words))
        out.append(words[digit])
    return out


def _split(text: str) -> list[str]:
    # NFC: a keyboard or a paste may give Hangul decomposed (NFD), as the BIP-39 file is.
    text = unicodedata.normalize("NFC", text).strip().lower()
    return [w for w in re.split(r"[\s,;]+", text) if w]


def normalize_words(text: str) -> str:
    """Fingerprint words as a user typed or pasted them, in the one form they are compared in:
    the EFF words, lower case, one space between words (commas, tabs and line breaks also
    separate words; a hyphen does not: ``yo-yo`` is one word of the EFF short list).

    The Korean form of a fingerprint (``korean_fingerprint``) is turned into its EFF words, so
    either form is accepted wherever words are typed (decision 0019); text that is neither is
    returned as typed, normalised, and then matches no fingerprint.
    """
    words = _split(text)
    english = _from_korean(words)
    return " ".join(english if english is not None else words)


# -- the Korean form of a fingerprint (decision 0019) -------------------------------------------
# A fingerprint of n EFF short-list words is a number N < 1296**n (``bytes_to_words``). Its
# Korean form writes the same N in base 2048 with BIP-39 Korean words, lowest digit first, in
# as few words as hold every such N (8 EFF words, 82.7 bits: 8 Korean words, which could hold
# 88). Either form converts to the other on any machine without the key, so both machines of a
# phone call show both forms of the very same fingerprint, and a store keeps only the EFF form.

def korean_count(n_words: int) -> int:
    """How many Korean words write a fingerprint of ``n_words`` EFF words."""
    radix, k = len(eff_short()) ** n_words, 1
    while len(korean()) ** k < radix:
        k += 1
    return k


def korean_fingerprint(words: str) -> str:
    """The Korean form of EFF fingerprint ``words`` ('' when they are not all on the EFF list)."""
    english = normalize_words(words).split()
    index = {w: i for i, w in enumerate(eff_short())}
    if not english or any(w not in index for w in english):
        return ""
    value = sum(index[w] * len(index) ** i for i, w in enumerate(english))
    out, listed = [], korean()
    for _ in range(korean_count(len(english))):
        value, digit = divmod(value, len(listed))
        out.append(listed[digit])
    return " ".join(out)


def _from_korean(words: list[str]) -> list[str] | None:
    """The EFF words of a Korean-form fingerprint; None when ``words`` are not one."""
    listed = korean()
    index = {w: i for i, w in enumerate(listed)}
    if not words or any(w not in index for w in words):
        return None
    lengths = [n for n in range(1, 4 * len(words) + 1) if korean_count(n) == len(words)]
    if len(lengths) != 1:
        return None
    (n_words,) = lengths
    value = sum(index[w] * len(listed) ** i for i, w in enumerate(words))
    eff = eff_short()
    if value >= len(eff) ** n_words:
        return None  # a word misheard into another list word: no fingerprint is written so
    out = []
    for _ in range(n_words):
        value, digit = divmod(value, len(eff))
        out.append(eff[digit])
    return out


def fingerprint_words(data: bytes, n_words: int = 8) -> str:
    """``n_words`` EFF short-list words of a hash, one space apart (8 words: 82.7 bits)."""
    return " ".join(bytes_to_words(data, n_words))


def unknown_words(text: str) -> list[str]:
    """The words of ``text`` (normalised) on neither the EFF short list nor the Korean one."""
    known = set(eff_short()) | set(korean())
    return [w for w in normalize_words(text).split() if w not in known]
