"""The inner bundle format: signed prefix, manifest, records, padding (docs/bundle-format.md).

This module owns the bytes *inside* the age encryption and nothing else: it builds them on
the field device and takes them apart, strictly and in a fixed order, on the coordinator.
It knows no store and no age. Every refusal is a ``BundleFormatError`` whose ``message`` is
the coded reason (``fieldapp.messages``, codes ``bundle.*``) that the importer places in the
sentence the user sees, with the bundle's file name.

Layout (all integers big-endian)::

    magic            8 bytes   b"FIELDAB1"
    signer           32 bytes  the device's Ed25519 public key (D_sign)
    signature        64 bytes  Ed25519 over the exact manifest bytes, context fieldapp/bundle/v1
    manifest length  4 bytes   unsigned
    manifest         JSON, UTF-8, canonical (sorted keys, no spaces)
    records          JSON Lines: one canonical JSON object per line, each ending in b"\\n"
    padding          zero bytes up to the size bucket
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
import re
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fieldapp.messages import Message, msg

MAGIC = b"FIELDAB1"
#: The format this version writes. Format 2 (issue #13) carries repeat instances: each record
#: lists its ``instances`` and answers inside them are keyed ``members[2]/age``. The binary
#: layout (magic, prefix, signature context) is format 1's; only the records grew.
FORMAT_2 = "fieldapp-bundle/2"
FORMAT_1 = "fieldapp-bundle/1"
#: Format 3 (issue #16) carries media answers after the records, streamed
#: (``fieldapp.exchange.media_bundle``); export writes it. ``build_inner`` still makes format 2
#: bundles in memory (tests and tools craft bundles with it).
FORMAT_3 = "fieldapp-bundle/3"
FORMAT = FORMAT_3
#: Formats this version reads (bundles of formats 1 and 2 import as they always did).
READABLE_FORMATS = (FORMAT_1, FORMAT_2, FORMAT_3)
#: The manifest fields format 3 adds: the media entries and their total length.
MEDIA_MANIFEST_KEYS = frozenset({"media", "media_length"})
SIGN_CONTEXT = "fieldapp/bundle/v1"
PREFIX = struct.Struct(">8s32s64sI")

#: Size buckets: the inner plaintext is padded to 64 KiB * 2**k, so a bundle's size tells an
#: observer only a rough order of magnitude of how many interviews a stick carries.
MIN_BUCKET = 64 * 1024
#: Caps checked before anything is parsed (SECURITY.md: strict parsing with caps).
MAX_INNER = 1024 * 1024 * 1024
#: Format 3: the whole inner size of a bundle with media (streamed; the head stays under MAX_INNER).
MAX_STREAMED = 64 * 1024 ** 3
MAX_MANIFEST = 64 * 1024 * 1024
MAX_RECORDS = 1_000_000
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_STRING = 1024 * 1024
MAX_DEPTH = 16
#: How much of a manifest is read before its signer is known to be trusted: enough to name the
#: device of a bundle of tens of thousands of interviews, little enough that a bundle from an
#: outsider costs a few MiB of memory however large it is (issue #17).
MAX_UNTRUSTED_MANIFEST = 4 * 1024 * 1024

_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DEVICE = re.compile(r"[0-9a-f]{8,64}")
#: Form ids/versions and field names: plain identifiers only (no bidi or control characters).
_IDENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

MANIFEST_KEYS = frozenset({
    "format", "bundle_id", "device_id", "signer", "project_id", "seq", "prev", "recipients",
    "created", "forms", "records", "payload_sha256", "payload_length", "padding_length",
})
FORM_KEYS = frozenset({"form_id", "version", "definition_sha256", "source_sha256"})
ENTRY_KEYS = frozenset({"id", "revision", "sha256"})
RECORD_KEYS = frozenset({
    "id", "revision", "form_id", "form_version", "pseudonym", "language", "started_at",
    "finalized_at", "answers",
})
#: Format 2: the record's repeat instance paths (``members[1]``, ``members[1]/visits[2]``),
#: in form order; empty for a form without repeats.
INSTANCES_KEY = "instances"
MAX_INSTANCES = 100_000
_STEP = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:-]{0,127}\[[1-9][0-9]{0,5}\]")
#: Optional: answers sealed to the coordinator at entry, field -> base64 age ciphertext.
SEALED_KEY = "sealed"
ANSWER_STATUSES = ("answered", "missing", "not_applicable")
AGE_MAGIC = b"age-encryption.org/v1\n"


class BundleFormatError(ValueError):
    """The inner bytes break the format; ``message`` is the coded reason (str: in English)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.english())


MANIFEST = msg("bundle.part.manifest")


def _part_record(n: int) -> Message:
    return msg("bundle.part.record", n=n)


# -- canonical JSON and strict parsing -------------------------------------------------------
def canonical(obj: Any) -> bytes:
    """The one JSON encoding signed or hashed anywhere in a bundle."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out  # no key twice (the usual case, without a Python loop over every key)
    out = {}
    for key, value in pairs:
        if key in out:
            # Two parsers could disagree on which value wins: refuse instead of choosing.
            raise BundleFormatError(msg("bundle.json.repeated_key", key=repr(key)))
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise BundleFormatError(msg("bundle.json.constant", name=name))


#: ``json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)`` made
#: once: ``json.loads`` with hooks builds a decoder (and its scanner) on every call, once per
#: record of a merge. Shared as json's own default decoder is (it keeps no state between calls).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_no_constant)


def _depth_and_strings(obj: Any, what: Message, size: int | None = None) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings longer than MAX_STRING. ``size``: the
    JSON text's length; when it is within MAX_STRING no string in it can be longer, and only
    the containers need walking (every record of a merge passes here)."""
    strings = size is None or size > MAX_STRING
    if not strings:
        _depth(obj, what)
        return
    stack = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BundleFormatError(msg("bundle.json.too_deep", what=what, depth=MAX_DEPTH))
        if isinstance(node, dict):
            for k, v in node.items():
                if strings and len(k) > MAX_STRING:
                    raise BundleFormatError(msg("bundle.json.long_key", what=what, limit=MAX_STRING))
                if strings or isinstance(v, dict | list):
                    stack.append((v, depth + 1))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if strings or isinstance(v, dict | list))
        elif isinstance(node, str) and len(node) > MAX_STRING:
            raise BundleFormatError(msg("bundle.json.long_text", what=what, limit=MAX_STRING))


def _depth(obj: Any, what: Message) -> None:
    """``_depth_and_strings`` for a text too short to hold a long string: nesting only."""
    stack = [(obj, 1)]
    containers = (dict, list)
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BundleFormatError(msg("bundle.json.too_deep", what=what, depth=MAX_DEPTH))
        if isinstance(node, dict):
            node = node.values()
        elif not isinstance(node, list):
            continue
        inner = depth + 1
        for v in node:
            if isinstance(v, containers):
                stack.append((v, inner))


def strict_json(data: bytes, what: Message) -> Any:
    """Parse UTF-8 JSON refusing duplicate keys, NaN/Infinity, deep nesting and huge strings.

    ``what`` names the part in the refusal (``bundle.part.*``: the manifest, record n, ...).
    """
    obj, size = _loads(data, what)
    _depth_and_strings(obj, what, size)
    return obj


def _loads(data: bytes, what: Message) -> tuple[Any, int]:
    """``strict_json`` without the nesting and string-length walk: the object and the length
    of its text (the walk's ``size``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleFormatError(msg("bundle.json.not_utf8", what=what)) from None
    try:
        if text.startswith("\ufeff"):  # as json.loads does
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        obj = _DECODER.decode(text)
    except BundleFormatError as exc:  # raised by the hooks, which do not know the part
        raise BundleFormatError(Message(exc.message.code, {**exc.message.params, "what": what})) from None
    except RecursionError:
        raise BundleFormatError(msg("bundle.json.too_deep", what=what, depth=MAX_DEPTH)) from None
    except ValueError as exc:
        raise BundleFormatError(msg("bundle.json.invalid", what=what, detail=exc.args[0].split(":")[0])) from None
    return obj, len(text)


# -- building -----------------------------------------------------------------------------------
def encode_records(records: Iterable[dict[str, Any]]) -> tuple[bytes, list[dict[str, Any]]]:
    """The records section and the manifest's record list (id, revision, sha256 of each line).

    A record without ``instances`` is one of a form without repeats: format 2 writes it with
    an empty list (every format 2 record carries the key)."""
    lines: list[bytes] = []
    records = ({**r, INSTANCES_KEY: []} if INSTANCES_KEY not in r else r for r in records)
    entries: list[dict[str, Any]] = []
    for record in records:
        line = canonical(record)
        lines.append(line + b"\n")
        entries.append({"id": record["id"], "revision": record["revision"], "sha256": sha256_hex(line)})
    return b"".join(lines), entries


def bucket_size(n: int) -> int:
    size = MIN_BUCKET
    while size < n:
        size *= 2
    return size


def assemble(manifest_bytes: bytes, payload: bytes, padding_length: int, sign, signer_pub: bytes) -> bytes:
    """Low level: prefix + exact manifest bytes + payload + zeros. ``sign(msg) -> 64 bytes``.

    Tests use it to build hand-made (even malformed) manifests with a valid signature.
    """
    signature = sign(manifest_bytes)
    if len(signer_pub) != 32 or len(signature) != 64:
        raise ValueError("Ed25519 public keys are 32 bytes and signatures 64 bytes")
    prefix = PREFIX.pack(MAGIC, signer_pub, signature, len(manifest_bytes))
    return b"".join((prefix, manifest_bytes, payload, bytes(padding_length)))


def _pad_manifest(manifest: dict[str, Any], rest: int, bucket: Callable[[int], int]) -> tuple[bytes, int]:
    """Set ``manifest["padding_length"]`` so that the inner bytes (``rest`` bytes besides the
    manifest itself) fill their size bucket; returns the manifest bytes and the padding.
    The padding length is part of the signed manifest and its digits change the manifest's
    length: iterate until stable (two or three rounds)."""
    manifest["padding_length"] = 0
    for _ in range(8):
        body = canonical(manifest)
        used = rest + len(body)
        padding = bucket(used) - used
        if padding == manifest["padding_length"]:
            return body, padding
        manifest["padding_length"] = padding
    raise RuntimeError("padding did not converge")  # pragma: no cover


def build_inner(fields: dict[str, Any], records: list[dict[str, Any]], sign,
                signer_pub: bytes) -> tuple[bytes, bytes]:
    """Seal ``records`` under a manifest made of ``fields`` plus the computed ones.

    Returns (inner plaintext, exact manifest bytes). The padding length is part of the
    signed manifest, and its digits change the manifest's length: iterate until stable.
    """
    payload, entries = encode_records(records)
    manifest = dict(fields)
    manifest.update(format=FORMAT_2, records=entries, payload_sha256=sha256_hex(payload),
                    payload_length=len(payload), padding_length=0)
    body, padding = _pad_manifest(manifest, PREFIX.size + len(payload), bucket_size)
    missing = MANIFEST_KEYS - manifest.keys()
    if missing:
        raise ValueError(f"manifest fields missing: {sorted(missing)}")
    return assemble(body, payload, padding, sign, signer_pub), body


# -- taking apart (importer order: prefix, then signature by the caller, then manifest) -------
@dataclass(frozen=True)
class Prefix:
    signer: bytes
    signature: bytes
    manifest_bytes: bytes
    rest: bytes


def parse_prefix(inner: bytes | bytearray) -> Prefix:
    """The signed prefix, the manifest bytes and ``rest`` (records and padding)."""
    if len(inner) > MAX_INNER:
        raise BundleFormatError(msg("bundle.inner_too_large"))
    if len(inner) < PREFIX.size or inner[:8] != MAGIC:
        raise BundleFormatError(msg("bundle.bad_magic"))
    magic, signer, signature, length = PREFIX.unpack_from(inner)
    if length > MAX_MANIFEST or PREFIX.size + length > len(inner):
        raise BundleFormatError(msg("bundle.bad_manifest_length"))
    start = PREFIX.size
    return Prefix(bytes(signer), bytes(signature), bytes(inner[start:start + length]),
                  bytes(memoryview(inner)[start + length:]))


def head_length(plain: bytes | bytearray | memoryview) -> int:
    """How many plaintext bytes hold the prefix and as much of the manifest as is read before
    the signer is trusted (``MAX_UNTRUSTED_MANIFEST``), judging by what ``plain`` already holds:
    what :func:`fieldapp.crypto.age.decrypt_path` needs to stop early."""
    if len(plain) < PREFIX.size:
        return PREFIX.size
    if bytes(plain[:8]) != MAGIC:
        return len(plain)  # not a bundle: parse_prefix says so
    length = int.from_bytes(plain[104:108], "big")
    return PREFIX.size + min(length, MAX_UNTRUSTED_MANIFEST)


@dataclass(frozen=True)
class Head:
    """The start of a bundle: who signed it and, when it was short enough to read, the manifest."""

    signer: bytes
    signature: bytes
    manifest_bytes: bytes | None  # None: longer than MAX_UNTRUSTED_MANIFEST (or cut short)


def parse_head(head: bytes | bytearray) -> Head:
    if len(head) < PREFIX.size or head[:8] != MAGIC:
        raise BundleFormatError(msg("bundle.bad_magic"))
    _magic, signer, signature, length = PREFIX.unpack_from(head)
    if length > MAX_MANIFEST:
        raise BundleFormatError(msg("bundle.bad_manifest_length"))
    manifest = bytes(head[PREFIX.size:PREFIX.size + length]) if PREFIX.size + length <= len(head) else None
    return Head(bytes(signer), bytes(signature), manifest)


def _shown(name: object) -> str:
    """A name from the bundle, fit to appear in a refusal: as is when it is an identifier,
    else escaped (``ascii``) and cut, so no control character reaches a terminal or a log."""
    if isinstance(name, str) and _IDENT.fullmatch(name):
        return name
    return ascii(name)[:60]


def _require(cond: bool, code: str, **params: Any) -> None:
    """Refuse with ``code`` unless ``cond`` (the message is built only when refusing: this runs
    for every answer of every record). A ``field`` parameter is a name from the bundle, shown
    escaped (``_shown``)."""
    if not cond:
        if "field" in params:
            params["field"] = _shown(params["field"])
        raise BundleFormatError(msg(code, **params))


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    """Strict JSON, then every field's type and shape (unknown fields are refused)."""
    m = strict_json(manifest_bytes, MANIFEST)
    _require(isinstance(m, dict), "bundle.manifest.not_object")
    _require(m.get("format") in READABLE_FORMATS, "bundle.manifest.format", format=FORMAT)
    expected = MANIFEST_KEYS | MEDIA_MANIFEST_KEYS if m["format"] == FORMAT_3 else MANIFEST_KEYS
    extra, missing = m.keys() - expected, expected - m.keys()
    # ascii(): a field name from the stick may hold a newline or a control character; the
    # refusal stays one plain sentence (as before the coded messages; tests/fuzz)
    _require(not extra, "bundle.manifest.unknown_fields",
             fields=", ".join(map(ascii, sorted(extra)))[:80])
    _require(not missing, "bundle.manifest.missing_fields", fields=", ".join(sorted(missing)))
    _require(isinstance(m["bundle_id"], str) and bool(_HEX32.fullmatch(m["bundle_id"])),
             "bundle.manifest.bad_bundle_id")
    _require(isinstance(m["device_id"], str) and bool(_DEVICE.fullmatch(m["device_id"])),
             "bundle.manifest.bad_device_id")
    _require(isinstance(m["signer"], str) and bool(_HEX64.fullmatch(m["signer"])),
             "bundle.manifest.bad_signer")
    _require(isinstance(m["project_id"], str) and bool(_HEX32.fullmatch(m["project_id"])),
             "bundle.manifest.bad_project_id")
    _require(_is_int(m["seq"]) and 1 <= m["seq"] < 2**53, "bundle.manifest.bad_seq")
    _require(isinstance(m["prev"], str) and (m["prev"] == "" or bool(_HEX64.fullmatch(m["prev"]))),
             "bundle.manifest.bad_prev")
    _require(isinstance(m["created"], str) and bool(_DATE.fullmatch(m["created"])),
             "bundle.manifest.bad_created")
    r = m["recipients"]
    _require(isinstance(r, list) and 1 <= len(r) <= 8
             and all(isinstance(x, str) and _HEX64.fullmatch(x) for x in r),
             "bundle.manifest.bad_recipients")
    forms = m["forms"]
    _require(isinstance(forms, list) and len(forms) <= 1000, "bundle.manifest.bad_forms")
    for f in forms:
        _require(isinstance(f, dict) and f.keys() == FORM_KEYS
                 and all(isinstance(f[k], str) for k in FORM_KEYS)
                 and bool(_IDENT.fullmatch(f["form_id"])) and bool(_IDENT.fullmatch(f["version"]))
                 and bool(_HEX64.fullmatch(f["definition_sha256"]))
                 and (f["source_sha256"] == "" or bool(_HEX64.fullmatch(f["source_sha256"]))),
                 "bundle.manifest.bad_forms")
    entries = m["records"]
    _require(isinstance(entries, list) and 1 <= len(entries) <= MAX_RECORDS,
             "bundle.manifest.no_records")
    seen = set()
    for e in entries:
        _require(isinstance(e, dict) and e.keys() == ENTRY_KEYS and isinstance(e["id"], str)
                 and bool(_HEX32.fullmatch(e["id"])) and _is_int(e["revision"]) and 1 <= e["revision"] < 2**31
                 and isinstance(e["sha256"], str) and bool(_HEX64.fullmatch(e["sha256"])),
                 "bundle.manifest.bad_records")
        key = (e["id"], e["revision"])
        _require(key not in seen, "bundle.manifest.repeated_revision")
        seen.add(key)
    _require(isinstance(m["payload_sha256"], str) and bool(_HEX64.fullmatch(m["payload_sha256"])),
             "bundle.manifest.bad_payload_hash")
    _require(_is_int(m["payload_length"]) and 0 <= m["payload_length"] <= MAX_INNER,
             "bundle.manifest.bad_payload_length")
    # format 3 pads a media bundle of up to MAX_STREAMED by at most an eighth of it
    pad_limit = MAX_INNER if m["format"] != FORMAT_3 else 8 * MAX_INNER + MAX_STREAMED // 8
    _require(_is_int(m["padding_length"]) and 0 <= m["padding_length"] <= pad_limit,
             "bundle.manifest.bad_padding_length")
    if m["format"] == FORMAT_3:
        from fieldapp.exchange.media_bundle import check_manifest_media

        check_manifest_media(m)
    return m


def has_media_section(manifest: dict[str, Any]) -> bool:
    """Format 3: media and padding follow the records and are read as a stream."""
    return manifest["format"] == FORMAT_3


def split_payload(manifest: dict[str, Any], rest: bytes | memoryview) -> bytes:
    """The records section, after checking its length, hash and the all-zero padding."""
    n, pad = manifest["payload_length"], manifest["padding_length"]
    if has_media_section(manifest):
        # ``rest`` is the head's (the importer streams media and padding and checks them then),
        # or a whole inner taken apart in memory (tools, tests): then the media come first
        media = manifest.get("media_length", 0)
        _require(len(rest) in (n, n + media + pad), "bundle.length_mismatch")
        if len(rest) == n:
            pad = 0
        else:
            rest = bytes(rest[:n]) + bytes(rest[n + media:])
    _require(len(rest) == n + pad, "bundle.length_mismatch")
    payload = bytes(rest[:n])
    _require(sha256_hex(payload) == manifest["payload_sha256"],
             "bundle.payload_altered")
    _require(bytes(rest[n:]).count(0) == pad, "bundle.padding_altered")
    return payload


def parse_records(manifest: dict[str, Any], payload: bytes) -> list[dict[str, Any]]:
    """Each line matched to its manifest entry by position and hash, then shape-checked."""
    entries = manifest["records"]
    _require(payload.endswith(b"\n") or not payload, "bundle.records_truncated")
    lines = payload.split(b"\n")[:-1]
    _require(len(lines) == len(entries), "bundle.records_unlisted")
    forms = {(f["form_id"], f["version"]) for f in manifest["forms"]}
    version2 = manifest.get("format", FORMAT) != FORMAT_1
    out = []
    names_ok: set[str] = set()  # field keys already found well-formed in this bundle
    for n, (line, entry) in enumerate(zip(lines, entries, strict=True), 1):
        _require(len(line) <= MAX_RECORD_BYTES, "bundle.record.too_large", n=n, limit=MAX_RECORD_BYTES)
        _require(sha256_hex(line) == entry["sha256"], "bundle.record.hash", n=n)
        rec = _record_json(line, n, entry, forms, version2, names_ok)
        if not version2:
            rec[INSTANCES_KEY] = []  # format 1: no repeats (its line and hash are unchanged)
        out.append(rec)
    return out


def _record_json(line: bytes, n: int, entry: dict[str, Any], forms: set[tuple[str, str]], version2: bool,
                 names_ok: set[str]) -> dict[str, Any]:
    """One record line parsed (``strict_json``) and shape-checked (``_check_record``), refused
    for the same reason, in the same order, as the two one after the other.

    A record that passes ``_check_record`` is at most 3 deep (scalars; answers of [value,
    status]; sealed texts; instance paths), so the nesting walk can find nothing in it: the
    walk runs only when the shape check refuses (a refusal for nesting comes first, as
    before) or when the text is long enough to hold a long string. Every record of a merge
    passes here; the walk cost as much as the parse.
    """
    what = _part_record(n)
    rec, size = _loads(line, what)
    if size > MAX_STRING:
        _depth_and_strings(rec, what, size)
        _check_record(rec, n, entry, forms, version2, names_ok)
        return rec
    try:
        _check_record(rec, n, entry, forms, version2, names_ok)
    except BundleFormatError:
        _depth(rec, what)
        raise
    return rec


def field_key_ok(name: str) -> bool:
    """A field key: a plain name, or instance steps (``members[2]/``) then the question's
    key (which may hold ``/`` for a name used in two groups)."""
    if not isinstance(name, str) or len(name) > 1024:
        return False
    return _field_key_ok(name)


@functools.lru_cache(maxsize=8192)  # the same few hundred keys recur in every record of a merge
def _field_key_ok(name: str) -> bool:
    parts = name.split("/")
    i = 0
    while i < len(parts) - 1 and _STEP.fullmatch(parts[i]):
        i += 1
    return all(_IDENT.fullmatch(p) for p in parts[i:])


def instance_ok(path: Any) -> bool:
    return isinstance(path, str) and 0 < len(path) <= 1024 and all(
        _STEP.fullmatch(p) for p in path.split("/"))


def _check_instances(rec: dict[str, Any], n: int) -> None:
    instances = rec[INSTANCES_KEY]
    _require(isinstance(instances, list) and len(instances) <= MAX_INSTANCES
             and all(instance_ok(i) for i in instances) and len(set(instances)) == len(instances),
             "bundle.record.bad_instances", n=n)


def _check_record(rec: Any, n: int, entry: dict[str, Any], forms: set[tuple[str, str]],
                  version2: bool = True, names_ok: set[str] | None = None) -> None:
    """The shape of record ``n``; ``names_ok``: field keys already found well-formed (for the
    same ``version2``), added to as names pass."""
    if names_ok is None:
        names_ok = set()
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
    # _require's conditions written out: this runs for every answer of every record, and the
    # call (with its parameters) costs more than the test; the refusals are the same.
    sealed = rec.get(SEALED_KEY, {})
    # The status check below needs the sealed names; it is worked out in the same pass over
    # the answers (the first contradiction in answer order) and raised after the sealed
    # checks, as before. A sealed part that is not a dict is refused before it matters.
    sealed_names = sealed if type(sealed) is dict else {}
    contradiction = None
    scalar = (str, int, float)
    for name, pair in answers.items():
        if name not in names_ok:
            if not (field_key_ok(name) if version2 else bool(_IDENT.fullmatch(name))):
                _require(False, "bundle.record.bad_field_name", n=n)
            names_ok.add(name)
        if not (type(pair) is list and len(pair) == 2 and type(pair[1]) is str and pair[1] in ANSWER_STATUSES):
            _require(False, "bundle.record.bad_answer", n=n, field=name)
        value, status = pair
        if not (value is None or type(value) in scalar):
            _require(False, "bundle.record.bad_value_type", n=n, field=name)
        # An answered field without a value is exactly a sealed one.
        if contradiction is None and (value is None) != (status != "answered" or name in sealed_names):
            contradiction = name
    _require(isinstance(sealed, dict) and (SEALED_KEY not in rec or bool(sealed)), "bundle.record.bad_sealed", n=n)
    for name, text in sealed.items():
        _require(name in answers and answers[name] == [None, "answered"],
                 "bundle.record.sealed_unmarked", n=n, field=name)
        _require(isinstance(text, str) and decode_sealed(text) is not None,
                 "bundle.record.bad_sealed_answer", n=n, field=name)
    if contradiction is not None:
        _require(False, "bundle.record.status_contradiction", n=n, field=contradiction)


def encode_sealed(blob: bytes) -> str:
    """A sealed answer (age ciphertext) as it travels in a record."""
    return base64.b64encode(blob).decode("ascii")


def decode_sealed(text: str) -> bytes | None:
    """The age ciphertext of a record's sealed answer, or None if it is not one."""
    if len(text) > MAX_STRING:
        return None
    try:
        blob = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return blob if blob.startswith(AGE_MAGIC) and encode_sealed(blob) == text else None


def record_content(rec: dict[str, Any]) -> bytes:
    """What makes two copies of one interview revision 'the same' (form, answers, sealed
    answers, repeat instances).

    The ``sealed`` and ``instances`` parts are there only when the record has any, so records
    of forms without sealed questions or repeats hash as they always did (format 1 too).
    """
    content = {"form": [rec["form_id"], rec["form_version"]], "answers": rec["answers"]}
    if rec.get(SEALED_KEY):
        content[SEALED_KEY] = rec[SEALED_KEY]
    if rec.get(INSTANCES_KEY):
        content[INSTANCES_KEY] = rec[INSTANCES_KEY]  # a roster's shape is content too
    return canonical(content)
