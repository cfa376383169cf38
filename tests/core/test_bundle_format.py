"""The inner bundle format on its own: build, parse, padding buckets, and strict refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.crypto import signing
from fieldapp.exchange import bundle
from fieldapp.exchange.bundle import BundleFormatError

PRIV, PUB = signing.generate_signing_key()


def sign(m: bytes) -> bytes:
    return signing.sign(PRIV, bundle.SIGN_CONTEXT, m)


FIELDS = {"bundle_id": "ab" * 16, "device_id": "0123456789abcdef", "signer": PUB.hex(), "project_id": "11" * 16,
          "seq": 1, "prev": "", "recipients": ["22" * 32, "33" * 32], "created": "2024-06-01",
          "forms": [{"form_id": "xch", "version": "1", "definition_sha256": "44" * 32, "source_sha256": ""}]}


def record(n: int, notes: str | None = "ok") -> dict:
    return {"id": f"{n:032x}", "revision": 1, "form_id": "xch", "form_version": "1", "pseudonym": f"p{n}",
            "language": "en", "started_at": "2024-06-01T10:00:00Z", "finalized_at": "2024-06-01T11:00:00Z",
            "answers": {"age": [20 + n, "answered"], "notes": [notes, "answered" if notes else "missing"],
                        "x": [None, "not_applicable"]}, "instances": []}


def open_inner(inner: bytes) -> list[dict]:
    pre = bundle.parse_prefix(inner)
    signing.verify(pre.signer, bundle.SIGN_CONTEXT, pre.manifest_bytes, pre.signature)
    manifest = bundle.parse_manifest(pre.manifest_bytes)
    return bundle.parse_records(manifest, bundle.split_payload(manifest, pre.rest))


def test_round_trip_and_manifest_fields():
    recs = [record(i) for i in range(5)]
    inner, manifest_bytes = bundle.build_inner(FIELDS, recs, sign, PUB)
    assert open_inner(inner) == recs
    m = bundle.parse_manifest(manifest_bytes)
    assert m["format"] == bundle.FORMAT_2 and [e["id"] for e in m["records"]] == [r["id"] for r in recs]
    assert inner[:8] == bundle.MAGIC and inner[8:40] == PUB


def test_padding_hides_the_number_of_interviews():
    one, _ = bundle.build_inner(FIELDS, [record(1)], sign, PUB)
    fifty, _ = bundle.build_inner(FIELDS, [record(i) for i in range(50)], sign, PUB)
    assert len(one) == len(fifty) == bundle.MIN_BUCKET
    many, _ = bundle.build_inner(FIELDS, [record(i, "x" * 200) for i in range(600)], sign, PUB)
    assert len(many) == 8 * bundle.MIN_BUCKET  # ~300 KB of records: the 512 KiB bucket
    assert many.endswith(b"\x00" * 100)


def test_prefix_refusals():
    inner, _ = bundle.build_inner(FIELDS, [record(1)], sign, PUB)
    with pytest.raises(BundleFormatError, match="bad magic"):
        bundle.parse_prefix(b"NOTABUND" + inner[8:])
    with pytest.raises(BundleFormatError, match="bad magic"):
        bundle.parse_prefix(inner[:50])
    with pytest.raises(BundleFormatError, match="manifest length is impossible"):
        bundle.parse_prefix(inner[:104] + b"\xff\xff\xff\x00" + inner[108:])


def test_payload_refusals():
    inner, _ = bundle.build_inner(FIELDS, [record(1)], sign, PUB)
    pre = bundle.parse_prefix(inner)
    m = bundle.parse_manifest(pre.manifest_bytes)
    with pytest.raises(BundleFormatError, match="length does not match"):
        bundle.split_payload(m, pre.rest[:-1])
    with pytest.raises(BundleFormatError, match="padding is not zero"):
        bundle.split_payload(m, pre.rest[:-1] + b"\x01")


@pytest.mark.parametrize("text, reason", [
    (b'{"a":1,"a":2}', "repeats the key 'a'"),
    (b'{"a":NaN}', "non-standard number NaN"),
    (b'[' * 40 + b']' * 40, "nested more than"),
    (b'["' + b"x" * (bundle.MAX_STRING + 1) + b'"]', "text longer than"),
    (b'\xff{}', "not valid UTF-8"),
    (b'{"a":', "not valid JSON"),
])
def test_strict_json(text, reason):
    with pytest.raises(BundleFormatError, match=reason):
        bundle.strict_json(text, "manifest")


@pytest.mark.parametrize("change, reason", [
    ({"extra": 1}, "unknown fields"),
    ({"seq": 0}, "sequence number is malformed"),
    ({"seq": True}, "sequence number is malformed"),
    ({"device_id": "dev\u202eice"}, "device id is malformed"),
    ({"recipients": []}, "recipient list is malformed"),
    ({"forms": [{"form_id": "x\u200fy", "version": "1", "definition_sha256": "44" * 32, "source_sha256": ""}]},
     "form list is malformed"),
])
def test_manifest_refusals(change, reason):
    inner, manifest_bytes = bundle.build_inner(FIELDS, [record(1)], sign, PUB)
    m = bundle.parse_manifest(manifest_bytes)
    m.update(change)
    with pytest.raises(BundleFormatError, match=reason):
        bundle.parse_manifest(bundle.canonical(m))


def test_record_must_match_its_hash_and_be_consistent():
    bad = record(1)
    bad["answers"]["age"] = [None, "answered"]
    inner, _ = bundle.build_inner(FIELDS, [bad], sign, PUB)
    with pytest.raises(BundleFormatError, match="contradicts its status"):
        open_inner(inner)
    twice = [record(1), record(1)]
    inner, _ = bundle.build_inner(FIELDS, twice, sign, PUB)
    with pytest.raises(BundleFormatError, match="same interview revision twice"):
        open_inner(inner)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=300) | st.none(), min_size=1, max_size=20))
def test_any_text_answers_round_trip(notes):
    recs = [record(i, n or None) for i, n in enumerate(notes)]
    inner, _ = bundle.build_inner(FIELDS, recs, sign, PUB)
    assert open_inner(inner) == recs
    assert len(inner) & (len(inner) - 1) == 0  # a power of two: a size bucket


def test_names_from_a_hostile_manifest_are_escaped_in_the_refusal():
    """Found by the fuzz suite: a manifest field named "\\n" made the refusal two lines."""
    import json

    from fieldapp.errors import UserFacingError
    from fieldapp.exchange import bundle

    manifest = {"format": bundle.FORMAT, "\n\x1b[31m": 1}
    try:
        bundle.parse_manifest(json.dumps(manifest).encode())
    except UserFacingError as exc:
        text = str(exc)
    except Exception as exc:  # noqa: BLE001 - the format error class carries the message too
        text = str(getattr(exc, "message", exc))
    else:
        raise AssertionError("an unknown manifest field must be refused")
    assert "\n" not in text and "\x1b" not in text and "\\n" in text
