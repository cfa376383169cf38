"""The Korean form of a fingerprint (decision 0019, issue #15 item 6).

Eight EFF words (82.7 bits) are a number below 1296**8; the Korean form writes that number in
eight BIP-39 Korean words. Both forms are shown on every machine, so a Korean laptop and an
English coordinator read the same words; wherever words are typed (``--words``,
``--trust-device``, ``devices trust``) either form is accepted, and today's EFF words still are.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata

import pytest

from fieldapp import cli
from fieldapp.crypto.words import (
    eff_short,
    fingerprint_words,
    korean,
    korean_count,
    korean_fingerprint,
    normalize_words,
)
from fieldapp.errors import UserFacingError
from fieldapp.exchange.importer import check_device_words, list_devices
from fieldapp.exchange.keys import pinned_project_key
from tests.core.test_exchange_support import key_words, reopen, words_of
from tests.core.test_trust import _export, world  # noqa: F401 - the fixture


def _hashes(n: int, seed: int = 15):
    rng = random.Random(seed)
    return [hashlib.sha256(rng.randbytes(16)).digest() for _ in range(n)]


def test_eight_korean_words_write_the_same_fingerprint_and_back():
    assert korean_count(8) == 8  # 2048**8 = 2**88 >= 1296**8, 2048**7 = 2**77 is not
    listed = set(korean())
    seen = set()
    for digest in _hashes(2000):
        english = fingerprint_words(digest)
        ko = korean_fingerprint(english)
        words = ko.split()
        assert len(words) == 8 and set(words) <= listed
        assert normalize_words(ko) == english  # typed in Korean: compared as its EFF words
        seen.add(ko)
    assert len(seen) == 2000  # distinct fingerprints, distinct Korean words


def test_the_extremes_of_the_range_convert():
    eff = eff_short()
    for english in (" ".join([eff[0]] * 8), " ".join([eff[-1]] * 8)):
        assert normalize_words(korean_fingerprint(english)) == english
    # The largest number eight Korean words can write is no fingerprint: left as typed.
    top = " ".join([korean()[-1]] * 8)
    assert normalize_words(top) == top


def test_korean_typed_decomposed_or_with_commas_is_accepted():
    english = fingerprint_words(_hashes(1)[0])
    ko = korean_fingerprint(english)
    typed = " , ".join(unicodedata.normalize("NFD", w) for w in ko.split())
    assert normalize_words(typed) == english
    assert check_device_words(typed) == english


def test_a_misheard_or_mixed_fingerprint_is_refused_with_a_reason():
    english = fingerprint_words(_hashes(1)[0])
    words = korean_fingerprint(english).split()
    mixed = " ".join(words[:4] + english.split()[4:])
    with pytest.raises(UserFacingError) as err:
        check_device_words(mixed)
    assert err.value.message.code == "device.words_not_fingerprint"
    out_of_range = " ".join(words[:7] + [korean()[-1]])  # the last word carries the top digit
    with pytest.raises(UserFacingError) as err:
        check_device_words(out_of_range)
    assert err.value.message.code == "device.words_not_fingerprint"
    with pytest.raises(UserFacingError) as err:
        check_device_words(" ".join(words[:7] + ["가나다"]))
    assert err.value.message.code == "device.words_unknown" and "가나다" in str(err.value)


def test_key_enrol_takes_the_korean_words(world, capsys):  # noqa: F811
    root, key, _ = world
    laptop = root / "b"
    assert cli.main(["key", "enrol", str(laptop), str(root / "project.fieldapp-key"), "--words",
                     korean_fingerprint(key_words(key))]) == 0
    assert "Enrolled" in capsys.readouterr().out
    with reopen(laptop) as d:
        assert pinned_project_key(d.conn) == key


def test_key_enrol_refuses_another_keys_korean_words(world, capsys):  # noqa: F811
    root, key, _ = world
    other = korean_fingerprint(fingerprint_words(_hashes(1, seed=99)[0]))
    assert cli.main(["key", "enrol", str(root / "b"), str(root / "project.fieldapp-key"), "--words", other]) == 1
    assert "may have been swapped" in capsys.readouterr().err


def test_a_laptop_is_trusted_by_its_korean_words_for_an_import(world, capsys):  # noqa: F811
    root, _, _ = world
    pa, pb = _export(root, "a"), _export(root, "b")
    code = cli.main(["import", str(root / "coord"), str(pa), str(pb),
                     "--trust-device", korean_fingerprint(words_of(root / "a")),
                     "--trust-device", words_of(root / "b")])  # today's EFF words still work
    assert code == 0, capsys.readouterr().err
    with reopen(root / "coord") as c:
        assert sorted(d.words for d in list_devices(c)) == sorted([words_of(root / "a"), words_of(root / "b")])


def test_a_laptop_announced_by_its_korean_words_is_trusted_on_arrival(world, capsys):  # noqa: F811
    root, _, _ = world
    pa = _export(root, "a")
    assert cli.main(["devices", "trust", str(root / "coord"), *korean_fingerprint(words_of(root / "a")).split(),
                     "--label", "서울팀 노트북 3"]) == 0
    capsys.readouterr()
    assert cli.main(["import", str(root / "coord"), str(pa)]) == 0
    assert cli.main(["devices", "list", str(root / "coord")]) == 0
    out = capsys.readouterr().out
    assert words_of(root / "a") in out and "서울팀 노트북 3" in out  # listed by its EFF words, as before


def test_key_export_and_the_terminal_prompts_also_print_the_korean_words(world, monkeypatch, capsys):  # noqa: F811
    from fieldapp.cli import exchange as cli_exchange

    root, key, _ = world
    assert cli.main(["key", "export", str(root / "coord"), str(root / "again.fieldapp-key")]) == 0
    out = capsys.readouterr().out
    assert f"Fingerprint: {key_words(key)}\n" in out  # the line scripts read, unchanged
    assert f"The same in Korean words: {korean_fingerprint(key_words(key))}" in out
    monkeypatch.setattr(cli_exchange, "_on_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert cli.main(["key", "enrol", str(root / "a"), str(root / "project.fieldapp-key")]) == 0
    assert korean_fingerprint(key_words(key)) in capsys.readouterr().out
