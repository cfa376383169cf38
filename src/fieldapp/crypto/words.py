"""The bundled word lists: diceware passphrases (English and Korean) and fingerprint words.

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


def normalize_words(text: str) -> str:
    """Fingerprint words as a user typed or pasted them, in the one form they are compared in:
    lower case, one space between words (commas, tabs and line breaks also separate words;
    a hyphen does not: ``yo-yo`` is one word of the EFF short list)."""
    return " ".join(w for w in re.split(r"[\s,;]+", text.strip().lower()) if w)


def fingerprint_words(data: bytes, n_words: int = 8) -> str:
    """``n_words`` EFF short-list words of a hash, one space apart (8 words: 82.7 bits)."""
    return " ".join(bytes_to_words(data, n_words))


def unknown_words(text: str) -> list[str]:
    """The words of ``text`` (normalised) that are not on the EFF short list."""
    known = set(eff_short())
    return [w for w in normalize_words(text).split() if w not in known]
