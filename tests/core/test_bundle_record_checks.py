"""A bundle's records are refused for the same reason, in the same order, however fast the
check is: ``parse_records`` (one pass, the nesting walk only when the shape check refuses)
against the plain sequence it replaced, ``strict_json`` then ``_check_record``, on records
broken in many ways at once."""

from __future__ import annotations

import copy
import random

import pytest

from fieldapp.exchange import bundle
from fieldapp.exchange.bundle import BundleFormatError
from tests.core.test_bundle_format import FIELDS, PUB, open_inner, record, sign

FORMS = {("xch", "1")}


def _deep(levels: int, leaf: object = 1) -> object:
    for _ in range(levels):
        leaf = [leaf]
    return leaf


def _answer(rec: dict, name: str, pair: object) -> None:
    if isinstance(rec["answers"], dict):  # an earlier mutation may have replaced them
        rec["answers"][name] = pair


def _mutations(rng: random.Random) -> list:
    deep = _deep(bundle.MAX_DEPTH + 2)
    return [
        lambda r: _answer(r, "age", [deep, "answered"]),
        lambda r: _answer(r, "age", deep),
        lambda r: r.__setitem__("pseudonym", deep),
        lambda r: r.__setitem__("extra", deep),
        lambda r: r.__setitem__("instances", deep),
        lambda r: r.__setitem__("sealed", deep),
        lambda r: r.__setitem__("sealed", "age"),
        lambda r: r.__setitem__("sealed", {}),
        lambda r: _answer(r, "bad name!", [1, "answered"]),
        lambda r: _answer(r, "m[0]/x", [1, "answered"]),
        lambda r: _answer(r, "age", [True, "answered"]),
        lambda r: _answer(r, "age", [1, "maybe"]),
        lambda r: _answer(r, "age", [1, "answered", 3]),
        lambda r: _answer(r, "age", [None, "answered"]),
        lambda r: _answer(r, "notes", ["x", "missing"]),
        lambda r: (_answer(r, "b", ["x", "missing"]), _answer(r, "c", [None, "answered"])),
        lambda r: _answer(r, "z", [{"a": 1}, "answered"]),
        lambda r: r.__setitem__("revision", 2),
        lambda r: r.__setitem__("form_id", "other"),
        lambda r: r.__setitem__("language", "e\nn"),
        lambda r: r.__setitem__("finalized_at", ""),
        lambda r: r.__setitem__("answers", []),
        lambda r: r.__setitem__("instances", ["m[1]", "m[1]"]),
        lambda r: _answer(r, f"m[{rng.randint(1, 9)}]/q", [rng.randint(0, 9), "answered"]),
    ]


def _check_record_before(rec, n, entry, forms, version2=True):
    """``bundle._check_record`` as it was before it was made faster (the reference)."""
    from fieldapp.exchange.bundle import (
        ANSWER_STATUSES,
        INSTANCES_KEY,
        RECORD_KEYS,
        SEALED_KEY,
        _check_instances,
        _require,
        decode_sealed,
        field_key_ok,
    )

    keys = RECORD_KEYS | {INSTANCES_KEY} if version2 else RECORD_KEYS
    _require(isinstance(rec, dict) and rec.keys() - {SEALED_KEY} == keys, "bundle.record.fields", n=n)
    if version2:
        _check_instances(rec, n)
    _require(rec["id"] == entry["id"] and rec["revision"] == entry["revision"], "bundle.record.not_listed", n=n)
    _require(isinstance(rec["form_id"], str) and isinstance(rec["form_version"], str)
             and (rec["form_id"], rec["form_version"]) in forms, "bundle.record.form_not_listed", n=n)
    for k in ("pseudonym", "language", "started_at"):
        _require(isinstance(rec[k], str) and len(rec[k]) <= 200 and rec[k].isprintable(),
                 f"bundle.record.bad_{k}", n=n)
    _require(isinstance(rec["finalized_at"], str) and 0 < len(rec["finalized_at"]) <= 40,
             "bundle.record.bad_finalized_at", n=n)
    answers = rec["answers"]
    _require(isinstance(answers, dict), "bundle.record.bad_answers", n=n)
    for name, pair in answers.items():
        if not field_key_ok(name):
            _require(False, "bundle.record.bad_field_name", n=n)
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)
                and pair[1] in ANSWER_STATUSES):
            _require(False, "bundle.record.bad_answer", n=n, field=name)
        value = pair[0]
        if not (value is None or isinstance(value, str | int | float) and not isinstance(value, bool)):
            _require(False, "bundle.record.bad_value_type", n=n, field=name)
    sealed = rec.get(SEALED_KEY, {})
    _require(isinstance(sealed, dict) and (SEALED_KEY not in rec or bool(sealed)), "bundle.record.bad_sealed", n=n)
    for name, text in sealed.items():
        _require(name in answers and answers[name] == [None, "answered"],
                 "bundle.record.sealed_unmarked", n=n, field=name)
        _require(isinstance(text, str) and decode_sealed(text) is not None,
                 "bundle.record.bad_sealed_answer", n=n, field=name)
    for name, (value, status) in answers.items():
        if (value is None) != (status != "answered" or name in sealed):
            _require(False, "bundle.record.status_contradiction", n=n, field=name)


def _old(rec: dict, n: int, entry: dict) -> object:
    """What the checks were: the whole strict parse, then the shape as it was checked."""
    line = bundle.canonical(rec)
    try:
        parsed = bundle.strict_json(line, bundle._part_record(n))
        _check_record_before(parsed, n, entry, FORMS, True)
    except BundleFormatError as exc:
        return exc.message.to_json()
    return parsed


def _new(rec: dict, n: int, entry: dict, names_ok: set[str]) -> object:
    try:
        return bundle._record_json(bundle.canonical(rec), n, entry, FORMS, True, names_ok)
    except BundleFormatError as exc:
        return exc.message.to_json()


def test_every_broken_record_is_refused_as_before():
    rng = random.Random(12)
    names_ok: set[str] = set()
    seen_codes = set()
    for n in range(1, 1500):
        rec = copy.deepcopy(record(n))
        mutations = _mutations(rng)
        for m in rng.sample(mutations, rng.randint(0, 3)):
            m(rec)
        entry = {"id": f"{n:032x}", "revision": 1, "sha256": ""}
        old, new = _old(rec, n, entry), _new(rec, n, entry, names_ok)
        assert new == old, rec
        if isinstance(old, dict) and "code" in old:
            seen_codes.add(old["code"])
    # the mutations reach the refusals this test is about (nesting first, then the shape)
    assert {"bundle.json.too_deep", "bundle.record.status_contradiction", "bundle.record.bad_field_name",
            "bundle.record.bad_sealed", "bundle.record.bad_answer", "bundle.record.bad_value_type"} <= seen_codes


def test_a_deep_record_is_refused_for_its_nesting_in_a_bundle():
    bad = record(1)
    bad["answers"]["age"] = [_deep(40), "answered"]
    inner, _ = bundle.build_inner(FIELDS, [record(0), bad], sign, PUB)
    with pytest.raises(BundleFormatError, match="nested more than"):
        open_inner(inner)


def test_a_name_refused_in_one_record_is_refused_in_the_next_too():
    """Names found well-formed are remembered across records; a bad one never is."""
    recs = [record(i) for i in range(3)]
    recs[2]["answers"]["bad name!"] = [1, "answered"]
    inner, _ = bundle.build_inner(FIELDS, recs, sign, PUB)
    with pytest.raises(BundleFormatError, match="record 3"):
        open_inner(inner)
