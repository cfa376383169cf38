"""The project key file (strict loading, fingerprints, pinning and rotation) and the word lists."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
from dataclasses import replace

import pytest

from fieldapp.crypto import age, signing, words
from fieldapp.crypto.projectkey import (
    FORMAT,
    MAX_SIZE,
    ProjectKey,
    ProjectKeyError,
    check_replacement,
    load_project_key,
    make_project_key,
)
from fieldapp.resources import resource


@pytest.fixture(scope="module")
def coord():
    """A coordinator's keys: C_sign (private, public), C_enc and C_esc recipients."""
    sign_private, sign_public = signing.generate_signing_key()
    return {
        "sign": sign_private,
        "sign_public": sign_public,
        "enc": age.generate_identity()[1],
        "esc": age.generate_identity()[1],
    }


@pytest.fixture(scope="module")
def pinned_bytes(coord):
    return make_project_key(coord["sign"], coord["enc"], coord["esc"], created=dt.date(2025, 3, 14))


@pytest.fixture(scope="module")
def pinned(pinned_bytes):
    return load_project_key(pinned_bytes)


def _doc(data: bytes) -> dict:
    return json.loads(data)


def _dump(doc: dict) -> bytes:
    return json.dumps(doc, indent=2).encode()


# --- making and loading ----------------------------------------------------------------------


def test_round_trip(coord, pinned_bytes, pinned):
    assert pinned.encryption_recipient == coord["enc"]
    assert pinned.escrow_recipient == coord["esc"]
    assert pinned.recipients == [coord["enc"], coord["esc"]]
    assert pinned.signing_key == coord["sign_public"]
    assert pinned.created == dt.date(2025, 3, 14)
    assert len(pinned.project_id) == 32
    assert pinned.replaces is None and pinned.previous_signing_key is None
    assert pinned.to_bytes() == pinned_bytes
    doc = _doc(pinned_bytes)
    assert doc["format"] == FORMAT
    assert doc["created"] == "2025-03-14"  # a date, never a time of day
    assert set(doc) == {
        "format",
        "project_id",
        "created",
        "encryption_recipient",
        "escrow_recipient",
        "signing_key",
        "signature",
    }


def test_project_ids_are_random(coord):
    a = load_project_key(make_project_key(coord["sign"], coord["enc"], coord["esc"]))
    b = load_project_key(make_project_key(coord["sign"], coord["enc"], coord["esc"]))
    assert a.project_id != b.project_id
    assert a.created == dt.datetime.now(dt.UTC).date()


def test_formatting_does_not_matter_but_content_does(pinned_bytes, pinned):
    compact = json.dumps(_doc(pinned_bytes), separators=(",", ":")).encode()
    assert load_project_key(compact) == pinned


@pytest.mark.parametrize(
    "field", ["project_id", "created", "encryption_recipient", "escrow_recipient", "signing_key"]
)
def test_any_changed_field_breaks_the_signature(pinned_bytes, field):
    doc = _doc(pinned_bytes)
    doc[field] = {
        "project_id": "0" * 32,
        "created": "2025-03-15",
        "encryption_recipient": age.generate_identity()[1],
        "escrow_recipient": age.generate_identity()[1],
        "signing_key": _doc(
            make_project_key(
                signing.generate_signing_key()[0],
                age.generate_identity()[1],
                doc["escrow_recipient"],
            )
        )["signing_key"],
    }[field]
    with pytest.raises(ProjectKeyError, match="signature by its own signing key does not verify"):
        load_project_key(_dump(doc))


def test_signature_by_another_key_is_refused(coord, pinned_bytes):
    doc = _doc(pinned_bytes)
    other = signing.generate_signing_key()[0]
    forged = make_project_key(other, coord["enc"], coord["esc"], created=dt.date(2025, 3, 14))
    doc["signature"] = _doc(forged)["signature"]
    with pytest.raises(ProjectKeyError, match="altered or forged"):
        load_project_key(_dump(doc))


def test_duplicate_keys_refused(pinned_bytes):
    text = pinned_bytes.decode()
    evil = age.generate_identity()[1]
    # A second encryption_recipient: a lenient parser would take the last one.
    tampered = text.replace('"format"', f'"encryption_recipient": "{evil}",\n  "format"', 1)
    with pytest.raises(ProjectKeyError, match="repeats the field 'encryption_recipient'"):
        load_project_key(tampered.encode())


@pytest.mark.parametrize(
    "change, message",
    [
        ({"format": "fieldapp-project-key/2"}, "known format"),
        ({"format": None}, "known format"),
        ({"extra": "x"}, "unknown fields: 'extra'"),
        ({"project_id": 5}, "project_id is not text"),
        ({"project_id": "ABC"}, "project_id is not 32 lower-case hex"),
        ({"created": "2025-02-30"}, "created is not a date"),
        ({"created": "2025-03-14T10:00:00"}, "created is not a date"),
        ({"encryption_recipient": "age1xyz"}, "encryption_recipient is invalid"),
        ({"escrow_recipient": "ssh-ed25519 AAAA"}, "escrow_recipient is invalid"),
        ({"signing_key": "not base64!"}, "signing_key is not base64"),
        ({"signing_key": "AAAA"}, "signing_key is not 32 bytes"),
        ({"signature": "@@"}, "signature is not base64"),
        ({"replaces": "abc"}, "replaces is not a 64-hex-digit fingerprint"),
        ({"previous_signing_key": "AAAA"}, "must come together"),
    ],
)
def test_malformed_fields_refused(pinned_bytes, change, message):
    doc = _doc(pinned_bytes)
    doc.update(change)
    with pytest.raises(ProjectKeyError, match=message):
        load_project_key(_dump(doc))


def test_missing_field_refused(pinned_bytes):
    doc = _doc(pinned_bytes)
    del doc["escrow_recipient"]
    with pytest.raises(ProjectKeyError, match="lacks the fields: escrow_recipient"):
        load_project_key(_dump(doc))


def test_non_canonical_base64_refused(pinned_bytes):
    # 32 bytes leave 2 unused bits in the last base64 digit: setting one gives another text
    # for the same key, which a lenient decoder accepts. Only one encoding may be valid.
    doc = _doc(pinned_bytes)
    key = doc["signing_key"]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    variant = key[:-2] + alphabet[alphabet.index(key[-2]) ^ 1] + "="
    assert base64.b64decode(variant) == base64.b64decode(key)
    doc["signing_key"] = variant
    with pytest.raises(ProjectKeyError, match="signing_key is not 32 bytes of canonical base64"):
        load_project_key(_dump(doc))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "not a JSON object"),
        (b'{"format": NaN}', "NaN"),
        (b"[" * 4000 + b"]" * 4000, "nested too deeply"),
        (b"x" * (MAX_SIZE + 1), "too large"),
    ],
)
def test_garbage_refused(data, message):
    with pytest.raises(ProjectKeyError, match=message):
        load_project_key(data)


def test_same_key_twice_refused(coord):
    with pytest.raises(ProjectKeyError, match="escrow key must differ"):
        make_project_key(coord["sign"], coord["enc"], coord["enc"])


def test_bad_recipient_refused_at_making(coord):
    with pytest.raises(ProjectKeyError, match="age X25519 recipient"):
        make_project_key(coord["sign"], "age1notakey", coord["esc"])


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_words(pinned, coord):
    phrase = pinned.fingerprint_words()
    parts = phrase.split(" ")
    assert len(parts) == 8
    short = set(words.eff_short())
    assert all(p in short for p in parts)
    assert load_project_key(pinned.to_bytes()).fingerprint_words() == phrase
    other = load_project_key(make_project_key(coord["sign"], coord["enc"], coord["esc"]))
    assert other.fingerprint_words() != phrase


def test_fingerprint_words_known_answer():
    """Pinned: a fingerprint read on an old and a new version of fieldapp must agree."""
    key = ProjectKey(
        project_id="00112233445566778899aabbccddeeff",
        created=dt.date(2025, 1, 2),
        encryption_recipient="age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
        escrow_recipient="age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",
        signing_key=bytes(range(32)),
        signature=bytes(64),
    )
    assert key.canonical_bytes() == (
        b'{"created":"2025-01-02",'
        b'"encryption_recipient":"age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",'
        b'"escrow_recipient":"age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj",'
        b'"format":"fieldapp-project-key/1","project_id":"00112233445566778899aabbccddeeff",'
        b'"signing_key":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}'
    )
    assert key.fingerprint() == "16d15d2e5dc917403ac7732970f12713ef8e2ede4015b641ca5ef5dff7fe4572"
    assert key.fingerprint_words() == "untie aide hush attic those july showy slush"


# --- pinning and rotation -------------------------------------------------------------------


def test_identical_file_accepted(pinned, pinned_bytes):
    check_replacement(pinned, load_project_key(pinned_bytes))


def test_rotation_of_encryption_key_with_same_signing_key(coord, pinned):
    new_enc = age.generate_identity()[1]
    new = load_project_key(make_project_key(coord["sign"], new_enc, coord["esc"], replaces=pinned))
    assert new.project_id == pinned.project_id
    assert new.replaces == pinned.fingerprint()
    check_replacement(pinned, new)


def test_rotation_of_signing_key_needs_the_old_one(coord, pinned):
    new_private, new_public = signing.generate_signing_key()
    with pytest.raises(ProjectKeyError, match="old signing key is needed"):
        make_project_key(new_private, coord["enc"], coord["esc"], replaces=pinned)
    with pytest.raises(ProjectKeyError, match="not the one of the file being replaced"):
        make_project_key(
            new_private,
            coord["enc"],
            coord["esc"],
            replaces=pinned,
            previous_signing_private=signing.generate_signing_key()[0],
        )
    new = load_project_key(
        make_project_key(
            new_private,
            coord["enc"],
            coord["esc"],
            replaces=pinned,
            previous_signing_private=coord["sign"],
        )
    )
    assert new.previous_signing_key == coord["sign_public"] and new.signing_key == new_public
    check_replacement(pinned, new)


def test_attacker_key_file_refused(pinned):
    # Someone with brief access brings a well-formed file of their own, claiming our project.
    attacker = signing.generate_signing_key()[0]
    forged = load_project_key(
        make_project_key(
            attacker,
            age.generate_identity()[1],
            age.generate_identity()[1],
            project_id=pinned.project_id,
        )
    )
    with pytest.raises(ProjectKeyError, match="does not replace the key file this device trusts"):
        check_replacement(pinned, forged)
    # Even naming the pinned file in `replaces` does not help without the pinned C_sign.
    impostor = ProjectKey(**{**forged.__dict__, "replaces": pinned.fingerprint()})
    impostor = replace(
        impostor,
        signature=signing.sign(attacker, "fieldapp/project-key/v1", impostor.canonical_bytes()),
    )
    load_project_key(impostor.to_bytes())  # self-consistent...
    with pytest.raises(
        ProjectKeyError,
        match=f"not signed by the coordinator signing key .*{pinned.signing_key_id}",
    ):
        check_replacement(pinned, impostor)


def test_attacker_claiming_rotation_with_bogus_previous_signature_refused(pinned):
    attacker = signing.generate_signing_key()[0]
    fake = ProjectKey(
        project_id=pinned.project_id,
        created=pinned.created,
        encryption_recipient=age.generate_identity()[1],
        escrow_recipient=pinned.escrow_recipient,
        signing_key=signing.public_key(attacker),
        signature=b"",
        replaces=pinned.fingerprint(),
        previous_signing_key=pinned.signing_key,
        previous_signature=bytes(64),
    )
    fake = replace(
        fake, signature=signing.sign(attacker, "fieldapp/project-key/v1", fake.canonical_bytes())
    )
    with pytest.raises(ProjectKeyError, match="previous signing key does not verify"):
        load_project_key(fake.to_bytes())
    with pytest.raises(ProjectKeyError, match="pinned signing key does not verify"):
        check_replacement(pinned, fake)  # re-checked even for objects not made by load


def test_rollback_to_an_older_file_refused(coord, pinned):
    newer = load_project_key(
        make_project_key(coord["sign"], age.generate_identity()[1], coord["esc"], replaces=pinned)
    )
    check_replacement(pinned, newer)
    # The device now trusts `newer`; the old file, though signed by the same C_sign, is refused.
    with pytest.raises(ProjectKeyError, match="does not replace"):
        check_replacement(newer, pinned)


def test_skipped_intermediate_file_refused(coord, pinned):
    v2 = load_project_key(
        make_project_key(coord["sign"], age.generate_identity()[1], coord["esc"], replaces=pinned)
    )
    v3 = load_project_key(
        make_project_key(coord["sign"], age.generate_identity()[1], coord["esc"], replaces=v2)
    )
    with pytest.raises(ProjectKeyError, match="ask the coordinator"):
        check_replacement(pinned, v3)
    check_replacement(pinned, v2)
    check_replacement(v2, v3)


def test_other_project_refused(coord, pinned):
    other = load_project_key(make_project_key(coord["sign"], coord["enc"], coord["esc"]))
    with pytest.raises(ProjectKeyError, match="different project"):
        check_replacement(pinned, other)


def test_replacement_keeps_project_id(coord, pinned):
    with pytest.raises(ProjectKeyError, match="keeps the project id"):
        make_project_key(
            coord["sign"], coord["enc"], coord["esc"], replaces=pinned, project_id="1" * 32
        )


# --- word lists -----------------------------------------------------------------------------


def test_eff_lists_are_the_published_ones():
    large = words.eff_large()
    assert len(large) == 7776 and large[0] == "abacus" and large[-1] == "zoom"
    short = words.eff_short()
    assert len(short) == 1296 and short[0] == "acid" and short[-1] == "zoom"
    assert (resource("wordlists", "README.md")).is_file()


def test_diceware_passphrase():
    phrase = words.diceware_passphrase()
    parts = phrase.split(" ")
    assert len(parts) == 6
    large = set(words.eff_large())
    assert all(p in large for p in parts)
    assert len({words.diceware_passphrase() for _ in range(20)}) == 20
    assert len(words.diceware_passphrase(8).split(" ")) == 8
    with pytest.raises(ValueError):
        words.diceware_passphrase(2)


def test_passphrase_module_offers_diceware():
    from fieldapp.crypto import passphrase

    generated = passphrase.generate()
    assert len(generated.split(" ")) == 6
    assert passphrase.assess(generated).ok


def test_altered_word_list_is_refused(tmp_path, monkeypatch):
    copy = tmp_path / "resources"
    shutil.copytree(resource("wordlists"), copy / "wordlists")
    path = copy / "wordlists" / words.SHORT_FILE
    path.write_bytes(path.read_bytes().replace(b"\tacid\n", b"\tacie\n"))
    monkeypatch.setenv("FIELDAPP_RESOURCES", str(copy))
    words._load.cache_clear()
    try:
        with pytest.raises(words.WordListError, match="altered"):
            words.eff_short()
        (copy / "wordlists" / words.LARGE_FILE).unlink()
        with pytest.raises(words.WordListError, match="missing"):
            words.eff_large()
    finally:
        words._load.cache_clear()
