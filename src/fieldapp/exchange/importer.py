"""Import on the coordinator: open, check and merge bundles, all or nothing per bundle (ARCHITECTURE s.5).

Checks run in the design's order and the first failure refuses the bundle with one sentence;
a refused bundle changes nothing in the store (not even a ledger row), so the coordinator's
files stay byte-identical. A bundle that passes is merged in ONE transaction keyed by
(interview id, revision), preceded for a bundle with media by one of media.db alone that
holds their chunks (decision 0024, ``_apply``):

    new interview                       -> inserted (status final, source bundle)
    same revision, same content         -> duplicate, nothing written
    higher revision                     -> supersedes; the older one goes to interview_history
    lower revision than the one held    -> kept in interview_history if not already there
    same revision, different content    -> kept in conflicts for review (the held one stays)
    an interview another device owns    -> kept in conflicts whatever its revision (finding 8)

Replays (bundle id already imported) are a no-op with a notice and a fresh receipt. A
sequence number that skips ahead is imported and flagged with the missing numbers.

Sealed answers (docs/sealed-fields.md) arrive as ciphertext under a record's ``sealed`` key
and go to ``sealed_answers``, never to ``answers`` (whose row says 'answered', value NULL);
they are part of a record's content, so duplicates and conflicts see them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldapp import pipeline
from fieldapp.crypto.words import normalize_words
from fieldapp.errors import BundleError, UserFacingError
from fieldapp.exchange import bundle
from fieldapp.exchange.bundle import BundleFormatError
from fieldapp.exchange.keys import (
    CoordinatorKeys,
    coordinator_keys,
    device_words,
    key_fingerprint,
    recipient_fingerprint,
)
from fieldapp.messages import Message, msg, text
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import devices, history, ledger, mediadb
from fieldapp.store import records as record_rows
from fieldapp.store.forms import stored_definition

#: A laptop numbers its bundles one by one; a resend or a lost stick leaves gaps, never this
#: many. A trusted but hostile device must not push the numbering to 2**53 (every later bundle
#: would report a gap of 9e15): a bundle numbered further ahead is refused (issue #17).
MAX_SEQ_JUMP = 10_000
#: Refusals that mean someone forged or misused a key (not a damaged or misdirected file):
#: each leaves an audit entry, so a coordinator sees the attempts (issue #17).
FORGERY_CODES = frozenset({
    "bundle.bad_signature", "bundle.signer_mismatch", "bundle.device_key_mismatch",
    "bundle.device_impostor", "bundle.device_new_key", "bundle.key_retired", "bundle.device_revoked",
    "bundle.seq_jump",
})

#: An age file adds a header and 16 bytes per 64 KiB chunk to the inner bytes. Format 3
#: (media, issue #16) is read as a stream, so only its head counts against memory.
MAX_FILE = bundle.MAX_STREAMED + bundle.MAX_STREAMED // 4096 + 64 * 1024
RECEIPT_SUFFIX = ".receipt"


@dataclass
class ImportReport:
    """What happened to one bundle; stored (as JSON) in the import ledger and shown to the user."""

    bundle: str
    outcome: str = "refused"  # imported | already imported | refused | checked
    reason: Message | None = None  # why it was refused (bundle.refused); str() is the English
    bundle_id: str = ""
    device_id: str = ""
    device_fingerprint: str = ""  # 16 hex digits: an id for the key, never compared by people
    device_words: str = ""  # the key's fingerprint words: what people compare
    seq: int | None = None
    signature_valid: bool = False
    device_known: bool = False
    new: int = 0
    duplicate: int = 0
    updated: int = 0
    older: int = 0
    conflict: int = 0
    foreign: int = 0  # of the conflicts: records of interviews another device owns
    notices: list[Message] = field(default_factory=list)
    missing_seqs: list[int] = field(default_factory=list)
    receipt: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome != "refused"

    def summary_message(self) -> Message:
        """What happened, as one coded sentence (the reason itself when refused)."""
        if self.outcome == "refused":
            if self.reason is None:
                return msg("bundle.refused", bundle=self.bundle, reason=text("no reason was recorded"))
            return self.reason
        if self.outcome == "already imported":
            return msg("bundle.summary.already", bundle=self.bundle, seq=self.seq, device=self.device_id)
        code = "bundle.summary.checked" if self.outcome == "checked" else "bundle.summary.imported"
        return msg(code, bundle=self.bundle, new=self.new, duplicate=self.duplicate, updated=self.updated,
                   conflict=self.conflict, older=self.older, device=self.device_id, seq=self.seq)

    def summary(self) -> str:
        return self.summary_message().english()

    def ledger_json(self) -> str:
        """The report as the import ledger keeps it: messages by code and parameters."""
        d = asdict(self)
        d.pop("receipt", None)
        d["reason"] = None if self.reason is None else self.reason.to_json()
        d["notices"] = [n.to_json() for n in self.notices]
        return json.dumps(d, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_ledger(cls, data: dict[str, Any]) -> ImportReport:
        """A report read back from the ledger; rows written before messages had codes hold plain
        English sentences, which load as free text."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        reason = values.get("reason")
        values["reason"] = Message.from_json(reason) if reason else None
        values["notices"] = [Message.from_json(n) for n in values.get("notices") or []]
        return cls(**values)


@dataclass(frozen=True)
class NewDevice:
    """A device not trusted here yet, as an import meets it: what the coordinator compares with
    the interviewer's laptop before trusting it (its fingerprint words and device id)."""

    bundle: str
    words: str
    device_id: str  # from the signed manifest; "" when it is too long to read before trust


#: Asked once per new device and batch (the command line's terminal prompt); True trusts it.
ConfirmDevice = Callable[[NewDevice], bool]


@dataclass(frozen=True)
class _Signer:
    """Who signed a bundle, as the registry sees it, before the manifest is trusted."""

    kind: str  # known | retired | expected | trusted
    device: devices.Device | None = None  # known, retired: the registered device
    label: str = ""  # expected: the coordinator's label for it
    replaces: str = ""  # expected: the device whose new key this is (a recovered laptop)
    max_seq: int = 0  # retired: the last bundle number its old key may sign


@dataclass
class _Opened:
    """A bundle that passed every check up to the merge."""

    report: ImportReport
    file_sha256: str
    manifest: dict[str, Any]
    manifest_sha256: str
    signer_key: bytes
    signer: _Signer
    records: list[dict[str, Any]]
    already: bool
    #: Format 3: the head (prefix, manifest, records) the second pass must find again.
    head: bytes = b""

    @property
    def register_device(self) -> bool:
        return self.signer.kind not in ("known", "retired")


class _Refuse(Exception):
    """Why a bundle is refused; ``message`` becomes the reason of ``bundle.refused``."""

    def __init__(self, code: str | Message, **params: Any) -> None:
        self.message = code if isinstance(code, Message) else msg(code, **params)
        super().__init__(self.message.english())


def import_bundles(
    store,
    paths: Iterable[Path],
    trust: Iterable[str] = (),
    confirm_device: ConfirmDevice | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken | None = None,
    write_receipts: bool = True,
) -> list[ImportReport]:
    """Import each bundle on its own (one refused bundle does not stop the others).

    A device not registered yet is trusted only by its key's fingerprint words: announced
    before (``fieldapp devices trust``), given in ``trust`` (one device per set of words), or
    confirmed by ``confirm_device``, which is asked once per device and batch (issue #17,
    finding 10). Any other unknown signer is refused before its bundle is decrypted.
    """
    paths = [Path(p) for p in paths]
    if store.info.role != "coordinator":
        raise UserFacingError("bundle.import_needs_coordinator")
    trusted = {normalize_words(w) for w in trust}
    decided: dict[str, bool] = {}

    def confirm(device: NewDevice) -> bool:
        if device.words not in decided:
            decided[device.words] = bool(confirm_device is not None and confirm_device(device))
        if decided[device.words]:
            trusted.add(device.words)
        return decided[device.words]

    reports = []
    for n, path in enumerate(paths):
        if cancel is not None:
            cancel.check()
        progress(n, len(paths), path.name)
        reports.append(import_bundle(store, path, trusted, confirm if confirm_device else None,
                                     write_receipts=write_receipts, cancel=cancel))
    progress(len(paths), len(paths), "done")
    return reports


def check_bundle(store, path: Path, trust: Iterable[str] = ()) -> ImportReport:
    """Every check and the merge plan, writing nothing (the GUI's per-bundle preview)."""
    return import_bundle(store, path, trust, dry_run=True)


def import_bundle(store, path: Path, trust: Iterable[str] = (), confirm: ConfirmDevice | None = None,
                  dry_run: bool = False, write_receipts: bool = True,
                  cancel: CancelToken | None = None) -> ImportReport:
    """Check one bundle and (unless ``dry_run``) merge it in one transaction.

    Only the head of the bundle (its signer and manifest) is decrypted until the signer is
    known to be trusted. ``cancel`` is checked between decrypting and merging and inside the
    merge before it commits; a cancelled merge rolls back, so the bundle is merged completely
    or not at all.
    """
    path = Path(path)
    report = ImportReport(bundle=path.name)
    trusted = {normalize_words(w) for w in trust}
    try:
        with store.reading() as conn:
            ck = coordinator_keys(conn)
        # Decrypted without holding the store: other work on it need not wait for the bundle.
        _check_file(path)
        head = _unseal_head(path, ck)
        with store.reading() as conn:
            signer = _signer(conn, head, trusted, report)
        if signer is None:
            signer = _new_device(store, head, report, confirm)
        file_sha256, pre = _unseal(path, ck, head)
        if cancel is not None:
            cancel.check()
        with store.reading() as conn:
            opened = _open(conn, file_sha256, pre, ck, signer, report)
            plan = _plan(conn, opened) if not opened.already else None
    except _Refuse as exc:
        report.outcome = "refused"
        report.reason = msg("bundle.refused", bundle=path.name, reason=exc.message)
        if not dry_run and exc.message.code in FORGERY_CODES:
            _audit_forgery(store, report, exc.message.code)
        return report
    if opened.already:
        report.outcome = "already imported"
    elif dry_run:
        report.outcome = "checked"
    else:
        try:
            _apply(store, opened, plan, cancel, path, ck)
        except _Refuse as exc:  # a media section that fails its checks: the merge rolled back
            report.outcome = "refused"
            report.reason = msg("bundle.refused", bundle=path.name, reason=exc.message)
            return report
        report.outcome = "imported"
    if write_receipts and not dry_run:
        if not opened.file_sha256:  # a format 3 bundle seen before: its media were not streamed
            from fieldapp.exchange.media_bundle import file_sha256

            opened.file_sha256 = file_sha256(path)
        # A random name: the receipt must not say which bundle on the stick was accepted (finding 9).
        receipt_path = path.with_name(secrets.token_hex(8) + RECEIPT_SUFFIX)
        _write_receipt(receipt_path, ck, opened)
        report.receipt = str(receipt_path)
    return report


def _audit_forgery(store, report: ImportReport, code: str) -> None:
    """The one thing a refused forgery writes: an audit entry (no ledger row, nothing merged)."""
    with store.transaction() as conn:
        store.audit(conn, "exchange.refused_forgery", {
            "bundle": report.bundle[:80], "reason": code, "device_id": report.device_id[:32],
            "signer": report.device_fingerprint})


def raise_if_refused(report: ImportReport) -> ImportReport:
    if not report.ok:
        raise BundleError(report.summary_message())
    return report


# -- opening and checking, in the design's order -----------------------------------------------
def _check_file(path: Path) -> None:
    try:
        if path.is_dir():
            raise _Refuse("bundle.is_folder")
        size = path.stat().st_size
    except OSError as exc:
        raise _Refuse("bundle.unreadable", reason=exc.strerror or type(exc).__name__) from None
    if size == 0:
        raise _Refuse("bundle.empty")
    if size > MAX_FILE:
        raise _Refuse("bundle.too_large")


def _decrypt(path: Path, ck: CoordinatorKeys, **kwargs) -> bytearray:
    """The bundle's plaintext, streamed from disk: in memory only, nothing of a bundle that
    fails is ever written anywhere."""
    from fieldapp.crypto import age

    try:
        return age.decrypt_path(path, ck.identities, max_size=bundle.MAX_INNER, **kwargs)
    except OSError as exc:
        raise _Refuse("bundle.unreadable", reason=exc.strerror or type(exc).__name__) from None
    except Exception as exc:  # noqa: BLE001 - AgeDecryptError and anything pyrage raises
        raise _Refuse(_decrypt_reason(exc)) from None


def _unseal_head(path: Path, ck: CoordinatorKeys) -> bundle.Head:
    """The signer and (when short enough) the manifest: a few chunks, however large the file."""
    try:
        return bundle.parse_head(_decrypt(path, ck, want=bundle.head_length))
    except BundleFormatError as exc:
        raise _Refuse(exc.message) from None


class _FileDigest:
    """The file's SHA-256 as decryption reads it, and how much plaintext to decrypt: a format
    1 or 2 bundle whole, a format 3 one up to the end of its records (its media are streamed
    inside the merge, which hashes the file then: issue #16)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self._end: int | None = None
        self.streamed = False

    def update(self, data) -> None:
        if not self.streamed:
            self._hash.update(data)

    def hexdigest(self) -> str:
        return "" if self.streamed else self._hash.hexdigest()

    @property
    def wants_rest(self) -> bool:
        """Whether decryption must read the file to its end for this hash (not for format 3)."""
        return not self.streamed

    def wanted(self, plain) -> int:
        if self._end is None:
            from fieldapp.exchange.media_bundle import head_end

            end = head_end(plain)
            if end is None:
                return bundle.MAX_INNER + 1  # not known yet: read on
            self._end = end if end >= 0 else bundle.MAX_INNER + 1
            self.streamed = end >= 0
        return self._end


def _unseal(path: Path, ck: CoordinatorKeys, head: bundle.Head) -> tuple[str, bundle.Prefix]:
    """The file's SHA-256 ('' for format 3 until its media are streamed) and its decrypted,
    framed inner bytes: the whole of a format 1 or 2 bundle, the head (prefix, manifest,
    records) of a format 3 one (no store needed)."""
    digest = _FileDigest()
    inner = _decrypt(path, ck, want=digest.wanted, digest=digest)
    try:
        pre = bundle.parse_prefix(inner)
    except BundleFormatError as exc:
        raise _Refuse(exc.message) from None
    if (pre.signer, pre.signature) != (head.signer, head.signature) or (
            head.manifest_bytes is not None and head.manifest_bytes != pre.manifest_bytes):
        raise _Refuse("bundle.changed_while_read")
    return digest.hexdigest(), pre


def _signer(conn, head: bundle.Head, trusted: set[str], report: ImportReport) -> _Signer | None:
    """The registry's view of the signer; None for a device not trusted (yet)."""
    report.device_fingerprint = key_fingerprint(head.signer)
    report.device_words = device_words(head.signer)
    known = devices.by_key(conn, head.signer)
    if known is not None:
        report.device_known = True
        report.device_id = known.device_id
        if known.state == "revoked":
            raise _Refuse("bundle.device_revoked", device=known.device_id)
        return _Signer("known", device=known)
    retired = devices.retired(conn, head.signer)
    if retired is not None:
        # The key a recovered laptop signed with before: only the bundles it had signed by then
        # (checked by number once the manifest is verified, in _open).
        device = devices.get(conn, retired.device_id)
        report.device_known, report.device_id = True, retired.device_id
        if device is None or device.state == "revoked":
            raise _Refuse("bundle.device_revoked", device=retired.device_id)
        return _Signer("retired", device=device, max_seq=retired.max_seq)
    announced = devices.expected(conn, report.device_words)
    if announced is not None:
        return _Signer("expected", label=announced.label, replaces=announced.device_id)
    if report.device_words in trusted:
        return _Signer("trusted")
    return None


def _new_device(store, head: bundle.Head, report: ImportReport, confirm: ConfirmDevice | None) -> _Signer:
    """Name an untrusted signer's device from its signed manifest, then trust it only if
    ``confirm`` says its words match; else refuse, before the rest is decrypted."""
    from fieldapp.crypto import signing

    device_id = ""
    if head.manifest_bytes is not None:
        try:
            signing.verify(head.signer, bundle.SIGN_CONTEXT, head.manifest_bytes, head.signature)
        except Exception:  # noqa: BLE001 - SignatureError or a malformed key: both mean forged
            raise _Refuse("bundle.bad_signature") from None
        report.signature_valid = True
        try:
            manifest = bundle.parse_manifest(head.manifest_bytes)
        except BundleFormatError as exc:
            raise _Refuse(exc.message) from None
        device_id = report.device_id = manifest["device_id"]
        with store.reading() as conn:
            if devices.get(conn, device_id) is not None:
                # A registered device with a key the registry does not hold: never a "new
                # device" (that is how a recovered laptop's new key is trusted: --replaces).
                raise _Refuse("bundle.device_new_key", device=device_id, words=report.device_words)
    if confirm is not None and confirm(NewDevice(report.bundle, report.device_words, device_id)):
        return _Signer("trusted")
    hint = msg("bundle.unknown_device.hint")
    if device_id:
        raise _Refuse("bundle.unknown_device", device=device_id, words=report.device_words, hint=hint)
    raise _Refuse("bundle.unknown_signer", words=report.device_words, hint=hint)


def _open(conn, file_sha256: str, pre: bundle.Prefix, ck: CoordinatorKeys, signer: _Signer,
          report: ImportReport) -> _Opened:
    from fieldapp.crypto import signing

    try:
        signing.verify(pre.signer, bundle.SIGN_CONTEXT, pre.manifest_bytes, pre.signature)
    except Exception:  # noqa: BLE001 - SignatureError or a malformed key: both mean forged
        raise _Refuse("bundle.bad_signature") from None
    report.signature_valid = True
    try:
        manifest = bundle.parse_manifest(pre.manifest_bytes)
    except BundleFormatError as exc:
        raise _Refuse(exc.message) from None
    report.bundle_id, report.device_id, report.seq = manifest["bundle_id"], manifest["device_id"], manifest["seq"]
    if manifest["signer"] != pre.signer.hex():
        raise _Refuse("bundle.signer_mismatch")
    if signer.device is not None and signer.device.device_id != manifest["device_id"]:
        raise _Refuse("bundle.device_key_mismatch", device=signer.device.device_id, claimed=manifest["device_id"])
    last = conn.execute("SELECT last_seq FROM devices WHERE device_id = ?", (manifest["device_id"],)).fetchone()
    last_seq = 0 if last is None else last[0]
    if manifest["seq"] > last_seq + MAX_SEQ_JUMP:
        raise _Refuse("bundle.seq_jump", seq=manifest["seq"], device=manifest["device_id"], last=last_seq,
                      limit=MAX_SEQ_JUMP)
    if signer.kind == "retired" and manifest["seq"] > signer.max_seq:
        raise _Refuse("bundle.key_retired", device=manifest["device_id"], seq=manifest["seq"],
                      last=signer.max_seq)
    if signer.replaces and signer.replaces != manifest["device_id"]:
        raise _Refuse("bundle.device_key_mismatch", device=signer.replaces, claimed=manifest["device_id"])
    if signer.device is None and not signer.replaces and devices.get(conn, manifest["device_id"]) is not None:
        raise _Refuse("bundle.device_impostor", device=manifest["device_id"])
    if manifest["project_id"] != ck.project_id:
        raise _Refuse("bundle.other_project")
    if recipient_fingerprint(ck.enc_recipient) not in manifest["recipients"]:
        raise _Refuse("bundle.readdressed")
    try:
        payload = bundle.split_payload(manifest, pre.rest)
        records = bundle.parse_records(manifest, payload)
    except BundleFormatError as exc:
        raise _Refuse(exc.message) from None
    manifest_sha256 = bundle.sha256_hex(pre.manifest_bytes)

    opened = _Opened(report, file_sha256, manifest, manifest_sha256, pre.signer, signer, records,
                     ledger.was_imported(conn, manifest["bundle_id"]))
    if bundle.has_media_section(manifest):
        from fieldapp.exchange import media_bundle

        try:
            media_bundle.check_records_media(manifest[media_bundle.MEDIA_KEY], records)
        except BundleFormatError as exc:
            raise _Refuse(exc.message) from None
        opened.head = b"".join((bundle.PREFIX.pack(bundle.MAGIC, pre.signer, pre.signature,
                                                   len(pre.manifest_bytes)), pre.manifest_bytes, pre.rest))
    if opened.already:
        report.notices.append(msg("bundle.notice.already"))
        return opened
    _sequence_checks(conn, manifest, report)
    _check_forms(conn, manifest, records)
    return opened


def _decrypt_reason(exc: Exception) -> str:
    """The refusal code for why age could not open the bundle."""
    reason = getattr(exc, "reason", "")
    if reason == "no-match":
        return "bundle.wrong_recipient"
    if reason == "too-large":
        return "bundle.too_large"
    if reason in ("armored", "not-age", "unsupported-recipient"):
        return "bundle.not_age"
    if reason == "header":
        return "bundle.header_damaged"
    return "bundle.damaged"


def _sequence_checks(conn, manifest: dict[str, Any], report: ImportReport) -> None:
    """Gaps and a broken chain are imported but flagged by device and number (SECURITY.md)."""
    device, seq = manifest["device_id"], manifest["seq"]
    by_seq = ledger.imported_from(conn, device)
    if seq in by_seq and by_seq[seq].bundle_id != manifest["bundle_id"]:
        report.notices.append(msg("bundle.notice.seq_reused", device=device, seq=seq))
    # Walk the gaps between the numbers seen, never every number up to a (possibly forged)
    # maximum: a signed manifest may carry a sequence number near 2**53 (found by fuzzing).
    gaps: list[tuple[int, int]] = []
    prev_seen = 0
    for n in sorted({seq, *by_seq}):
        if n - prev_seen > 1:
            gaps.append((prev_seen + 1, n - 1))
        prev_seen = n
    if gaps:
        missing: list[int] = []
        for lo, hi in gaps:
            missing.extend(range(lo, min(hi, lo + 1000) + 1))
            if len(missing) >= 1000:
                break
        report.missing_seqs = missing[:1000]
        ranges = ", ".join(str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in gaps[:20])
        if len(gaps) > 20:
            report.notices.append(msg("bundle.notice.missing_seqs_more", device=device, ranges=ranges,
                                      more=len(gaps) - 20))
        else:
            count = sum(hi - lo + 1 for lo, hi in gaps)  # "bundle number 2 has" / "numbers 2-4 have"
            report.notices.append(msg("bundle.notice.missing_seqs", device=device, ranges=ranges, count=count))
    prev = by_seq.get(seq - 1)
    expected = "" if seq == 1 else (prev.report.get("manifest_sha256") if prev else None)
    if expected is not None and manifest["prev"] != expected:
        report.notices.append(msg("bundle.notice.chain_broken", device=device, seq=seq, prev=seq - 1))


def _check_forms(conn, manifest: dict[str, Any], records: list[dict[str, Any]]) -> None:
    """Each record against its form (installed here, same workbook), by structure and type."""
    from fieldapp.forms.serialize import form_from_json

    forms = {}
    for f in manifest["forms"]:
        row = stored_definition(conn, f["form_id"], f["version"])
        if row is None:
            raise _Refuse("bundle.form_missing", form=f["form_id"], version=f["version"],
                          hint=msg("bundle.form_missing.hint"))
        if f["source_sha256"] and row[1] and f["source_sha256"] != row[1]:
            raise _Refuse("bundle.form_differs", form=f["form_id"], version=f["version"])
        forms[(f["form_id"], f["version"])] = form_from_json(row[0])
    from fieldapp.engine.interview import Interview

    probe = {key: Interview(form=form, id="", pseudonym="", language="") for key, form in forms.items()}
    carried = _carried_media(manifest)
    carried_fields: dict[tuple[str, int], list[str]] = {}
    for iid, rev, name in carried:  # indexed once: a record looks up only its own media
        carried_fields.setdefault((iid, rev), []).append(name)
    # The verdict on a text value, by form and question: the same choice names recur in every
    # record of a merge, and the check is a pure function of question and value.
    verdicts: dict[tuple, bool] = {}
    # A form without sealed or media questions cannot fail the checks of those (most forms):
    # its answers need only the value check.
    plain = {key: not any(q.seal or q.is_media for q in form.questions()) for key, form in forms.items()}
    for n, rec in enumerate(records, 1):
        key = (rec["form_id"], rec["form_version"])
        questions = _record_fields(forms[key], rec, n)
        answers = rec["answers"]
        if answers.keys() != questions.keys():
            unknown = sorted(answers.keys() - questions.keys())
            if unknown:
                raise _Refuse("bundle.record_extra_field", n=n, field=unknown[0])
            raise _Refuse("bundle.record_missing_fields", n=n)
        for name in carried_fields.get((rec["id"], rec["revision"]), ()):
            q = questions.get(name)
            if q is None or not q.is_media:
                raise _Refuse("bundle.record_media_missing", n=n, field=name)
        sealed = rec.get(bundle.SEALED_KEY, {})
        for name in sealed:
            if not questions[name].seal:
                raise _Refuse("bundle.record_seals_unsealed", n=n, field=name)
        check_all = not plain[key]
        for name, (value, _status) in answers.items():
            q = questions[name]
            if check_all:
                if q.seal and value is not None:
                    # The laptop must never have held it in plain; refuse rather than store it so.
                    raise _Refuse("bundle.record_unsealed", n=n, field=name)
                if q.is_media:
                    _check_media_answer(q, name, value, rec, n, carried)
            if value is None or q.type == "calculate":
                continue
            # by type too: 1, 1.0 (and True, which no record holds) are equal keys
            memo = (key, q.name, type(value), value)
            ok = verdicts.get(memo)
            if ok is None:
                try:
                    ok = probe[key]._coerce(q, value) == value
                except (ValueError, TypeError):
                    ok = False
                verdicts[memo] = ok
            if not ok:
                raise _Refuse("bundle.record_bad_value", n=n, field=name)


def _carried_media(manifest: dict[str, Any]) -> dict[tuple[str, int, str], dict[str, Any]]:
    """(interview id, revision, field key) -> media entry of a format 3 bundle (else empty)."""
    return {(e["id"], e["revision"], e["field"]): e for e in manifest.get("media") or []}


def _check_media_answer(q, name: str, value: Any, rec: dict[str, Any], n: int,
                        carried: dict[tuple[str, int, str], dict[str, Any]]) -> None:
    """A media question is answered exactly when the bundle carries its media, of its kind."""
    entry = carried.get((rec["id"], rec["revision"], name))
    kind = "audio" if q.type == "background-audio" else q.type
    if (value is None) != (entry is None) or (entry is not None and entry["kind"] != kind):
        raise _Refuse("bundle.record_media_missing", n=n, field=name)


def _form_shape(form) -> tuple[dict[str | None, dict[str, Any]], dict[str, Any], dict[str, str | None]]:
    """The stored questions directly in each repeat (None: outside repeats), the repeats, and
    the repeat around each repeat; worked out once per form, not once per record."""
    cached = form.__dict__.get("_import_shape")
    if cached is not None:
        return cached
    from fieldapp.forms.model import Group

    direct: dict[str | None, dict[str, Any]] = {}

    def visit(group: Group, repeat: str | None) -> None:
        for child in group.children:
            if isinstance(child, Group):
                visit(child, child.name if child.repeat else repeat)
            elif child.stored:
                direct.setdefault(repeat, {})[child.name] = child

    visit(form.root, None)
    repeats = {g.name: g for g in form.nodes() if isinstance(g, Group) and g.repeat}
    enclosing = {g.name: next((p for p in reversed(g.path) if p in repeats), None) for g in repeats.values()}
    cached = (direct, repeats, enclosing)
    object.__setattr__(form, "_import_shape", cached)
    return cached


def _record_fields(form, rec: dict[str, Any], n: int) -> dict[str, Any]:
    """Field key -> question of every field the record must carry: the form's fields outside
    repeats, and those of each repeat instance it lists (an instance's parent must be listed
    too, and each repeat's instances numbered 1, 2, ... without a gap)."""
    from fieldapp.forms.instances import field_key, last_step, parent_instance

    direct, repeats, enclosing = _form_shape(form)
    listed = set(rec.get(bundle.INSTANCES_KEY) or [])
    # the same rosters recur (every record with five members lists the same instances): the
    # fields of a set of instances that passed are kept, per form; callers only read them
    known: dict[frozenset, dict[str, Any]] = form.__dict__.setdefault("_import_fields", {})
    found = known.get(frozenset(listed))
    if found is not None:
        return found
    out = dict(direct.get(None, {}))
    counts: dict[str, int] = {}
    for instance in listed:
        rep, index = last_step(instance)
        parent = parent_instance(instance)
        parent_rep = last_step(parent)[0] if parent else None
        if rep not in repeats or enclosing[rep] != parent_rep or (parent and parent not in listed):
            raise _Refuse("bundle.record_bad_instance", n=n, instance=instance)
        collection = field_key(parent, rep)
        counts[collection] = max(counts.get(collection, 0), index)
        out.update({field_key(instance, name): q for name, q in direct.get(rep, {}).items()})
    for collection, top in counts.items():
        parent, rep = collection.rsplit("/", 1) if "/" in collection else ("", collection)
        for i in range(1, top + 1):
            if field_key(parent, f"{rep}[{i}]") not in listed:
                raise _Refuse("bundle.record_bad_instance", n=n, instance=field_key(parent, f"{rep}[{i}]"))
    if len(known) >= 256:
        known.clear()  # many different rosters: keep memory bounded
    known[frozenset(listed)] = out
    return out


# -- planning and merging ---------------------------------------------------------------------
def _content_from_db(conn, interview_id: str, form_id: str, version: str) -> dict[str, Any]:
    answers, sealed = record_rows.content(conn, interview_id)
    content: dict[str, Any] = {"form_id": form_id, "form_version": version, "answers": answers,
                               bundle.INSTANCES_KEY: record_rows.instances_of(conn, interview_id)}
    if sealed:
        content[bundle.SEALED_KEY] = {f: bundle.encode_sealed(b) for f, b in sealed.items()}
    return content


def _record_from_db(conn, interview_id: str) -> dict[str, Any]:
    rec, sealed = record_rows.record(conn, interview_id)
    if sealed:
        rec[bundle.SEALED_KEY] = {f: bundle.encode_sealed(b) for f, b in sealed.items()}
    return rec


@dataclass
class _Plan:
    insert: list[dict[str, Any]] = field(default_factory=list)
    supersede: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def _plan(conn, opened: _Opened) -> _Plan:
    report, plan = opened.report, _Plan()
    device = opened.manifest["device_id"]
    held = record_rows.held(conn, sorted({r["id"] for r in opened.records}))
    # Several revisions of one interview in one bundle: apply them oldest first.
    for rec in sorted(opened.records, key=lambda r: (r["id"], r["revision"])):
        iid, rev = rec["id"], rec["revision"]
        if iid not in held:
            plan.insert.append(rec)
            held[iid] = (rev, rec["form_id"], rec["form_version"], device)
            report.new += 1
            continue
        held_rev, owner = held[iid][0], held[iid][3]
        content = bundle.record_content(rec)
        if owner != device:
            _plan_foreign(conn, plan, report, rec, held[iid], content)
        elif rev > held_rev:
            plan.supersede.append(rec)
            held[iid] = (rev, rec["form_id"], rec["form_version"], device)
            report.updated += 1
        elif rev == held_rev:
            if _held_same(conn, plan, rec, held[iid], content):
                report.duplicate += 1
            elif _conflict_known(conn, iid, rev, content):
                report.duplicate += 1
            else:
                plan.conflicts.append(rec)
                report.conflict += 1
        else:
            if not history.has_revision(conn, iid, rev):
                plan.history.append(rec)
                report.older += 1
            else:
                report.duplicate += 1
    if report.conflict - report.foreign:
        report.notices.append(msg("bundle.notice.conflicts", count=report.conflict - report.foreign))
    if report.foreign:
        report.notices.append(msg("bundle.notice.foreign", count=report.foreign, device=device))
    return plan


def _held_same(conn, plan: _Plan, rec: dict[str, Any], held: tuple[int, str, str, str], content: bytes) -> bool:
    iid, rev = rec["id"], rec["revision"]
    return _planned_same(plan, iid, rev, content) or (
        rev == held[0] and bundle.record_content(_content_from_db(conn, iid, held[1], held[2])) == content)


def _plan_foreign(conn, plan: _Plan, report: ImportReport, rec: dict[str, Any],
                  held: tuple[int, str, str, str], content: bytes) -> None:
    """A record of an interview another device (or this computer) owns: whatever its revision,
    it is kept as a conflict for the coordinator to decide, never merged over the owner's
    (issue #17, finding 8: a trusted device that can derive an interview's id, e.g. from a
    paper form's instanceID, must not overwrite it). The same content is a harmless duplicate."""
    if _held_same(conn, plan, rec, held, content) or _conflict_known(conn, rec["id"], rec["revision"], content):
        report.duplicate += 1
        return
    plan.conflicts.append(rec)
    report.conflict += 1
    report.foreign += 1


def _planned_same(plan: _Plan, iid: str, rev: int, content: bytes) -> bool:
    for rec in plan.insert + plan.supersede:
        if rec["id"] == iid and rec["revision"] == rev:
            return bundle.record_content(rec) == content
    return False


def _conflict_known(conn, iid: str, rev: int, content: bytes) -> bool:
    return any(bundle.record_content(rec) == content for rec in history.conflicting(conn, iid, rev))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sealed_rows(rec: dict[str, Any]) -> list[record_rows.SealedRow]:
    # decode_sealed cannot fail here: parse_records checked every value.
    return [record_rows.sealed_row(rec["id"], f, bundle.decode_sealed(text))  # type: ignore[arg-type]
            for f, text in sorted(rec.get(bundle.SEALED_KEY, {}).items())]


def _apply(store, opened: _Opened, plan: _Plan, cancel: CancelToken | None = None,
           path: Path | None = None, ck: CoordinatorKeys | None = None) -> None:
    """The merge: a format 3 bundle's media chunks first, in a transaction of their own
    (media.db only), then everything else in one transaction of store.db that names them.
    SQLite would commit the two files of one transaction one by one, store.db first; in this
    order a crash between the commits leaves chunks no media row names, which the store
    sweeps (decision 0024). A media that fails its checks rolls the first back: both files
    stay as they were."""
    with store.reading():  # the store's lock throughout: nothing writes between the commits
        media: list[_MergedMedia] = []
        if bundle.has_media_section(opened.manifest):
            assert path is not None and ck is not None
            with store.transaction() as conn:
                media = _merge_media(conn, path, ck, opened, plan)
        try:
            _apply_rows(store, opened, plan, cancel, media)
        finally:
            if media:
                # the chunks of media this merge replaced, or, if it failed, its own
                with contextlib.suppress(Exception):
                    store.sweep_media()


def _apply_rows(store, opened: _Opened, plan: _Plan, cancel: CancelToken | None,
                media: list[_MergedMedia]) -> None:
    from fieldapp.engine.pseudonym import new_pseudonym
    from fieldapp.store import mediadb

    m, report, now = opened.manifest, opened.report, _now()
    device = m["device_id"]
    renamed = 0
    with store.transaction() as conn, mediadb.purge_rows(conn):
        taken = record_rows.pseudonyms(conn)

        def free_pseudonym(rec: dict[str, Any]) -> str:
            nonlocal renamed
            pseudonym = rec["pseudonym"]
            if taken.get(pseudonym, rec["id"]) != rec["id"]:
                renamed += 1
                while pseudonym in taken:
                    pseudonym = new_pseudonym()
            taken[pseudonym] = rec["id"]
            return pseudonym

        iv_rows: list[record_rows.ReceivedRow] = []
        answer_rows: list[record_rows.AnswerRow] = []
        sealed_rows: list[record_rows.SealedRow] = []
        instance_rows: list[tuple[str, str]] = []
        for rec in plan.insert:
            iv_rows.append((rec["id"], rec["form_id"], rec["form_version"], free_pseudonym(rec), rec["language"],
                            rec["revision"], device, rec["started_at"], now, rec["finalized_at"]))
            answer_rows.extend(record_rows.answer_rows(rec["id"], rec["answers"], now))
            sealed_rows.extend(_sealed_rows(rec))
            instance_rows.extend(record_rows.instance_rows(rec["id"], rec.get(bundle.INSTANCES_KEY) or []))
        if cancel is not None:
            cancel.check()
        record_rows.insert_received(conn, iv_rows, answer_rows, sealed_rows, instance_rows)
        # Sequentially: a bundle may carry several revisions of one interview (oldest first).
        for rec in plan.supersede:
            old = _record_from_db(conn, rec["id"])
            history.keep_superseded(conn, (rec["id"], old["revision"], bundle.canonical(old).decode(), now))
            record_rows.replace_received(conn, rec, device, now, _sealed_rows(rec))
        history.add(conn, [(r["id"], r["revision"], bundle.canonical(r).decode(), now) for r in plan.history])
        history.add_conflicts(conn, [(r["id"], r["revision"], bundle.canonical(r).decode(), m["bundle_id"], now)
                                     for r in plan.conflicts])
        _media_rows(conn, media, now)
        if renamed:
            report.notices.append(msg("bundle.notice.pseudonyms_replaced", count=renamed))
        if opened.register_device and opened.signer.replaces:
            # A recovered laptop's new key: its old key signs nothing numbered after this bundle.
            devices.replace_key(conn, device, opened.signer_key, m["seq"] - 1, now)
            devices.unexpect(conn, report.device_words)
            report.notices.append(msg("bundle.notice.device_key_replaced", device=device,
                                      fingerprint=report.device_words, last=m["seq"] - 1))
            report.device_known = True
        elif opened.register_device:
            devices.register(conn, device, opened.signer_key, now, opened.signer.label)
            if opened.signer.kind == "expected":
                devices.unexpect(conn, report.device_words)
            report.notices.append(msg("bundle.notice.device_trusted", device=device,
                                      fingerprint=report.device_words))
            report.device_known = True
        if cancel is not None:
            cancel.check()  # the last moment before the merge commits
        devices.advance(conn, device, m["seq"], opened.manifest_sha256)
        report.outcome = "imported"
        entry = json.loads(report.ledger_json())
        entry["manifest_sha256"] = opened.manifest_sha256
        ledger.record(conn, m["bundle_id"], opened.file_sha256, device, m["seq"], now, "imported", entry)
        store.audit(conn, "exchange.import", {
            "bundle_id": m["bundle_id"], "device_id": device, "seq": m["seq"], "new": report.new,
            "duplicate": report.duplicate, "updated": report.updated, "conflict": report.conflict,
            "foreign": report.foreign,
            "older": report.older, "missing_seqs": report.missing_seqs})


@dataclass
class _MergedMedia:
    entry: dict[str, Any]
    key: bytes
    chunks: int = 0


def _merge_media(conn, path: Path, ck: CoordinatorKeys, opened: _Opened, plan: _Plan) -> list[_MergedMedia]:
    """Stream a format 3 bundle's media into media.db (issue #16): the chunks of the media of
    the revisions inserted or superseding, sealed with new keys (kept in memory until their
    rows are written); the others are only checked. Sets the file's SHA-256. Any failure
    refuses the bundle and the transaction rolls back."""
    from fieldapp.crypto.age import AgeDecryptError
    from fieldapp.exchange import media_bundle
    from fieldapp.store import media as media_rows

    final = {}
    for rec in plan.insert + plan.supersede:  # applied oldest first: the last revision stays
        final[rec["id"]] = rec["revision"]
    merged: dict[str, _MergedMedia] = {}
    for entry in opened.manifest[media_bundle.MEDIA_KEY]:
        if final.get(entry["id"]) != entry["revision"]:
            continue
        held = media_rows.by_id(conn, entry["media_id"])
        if held is None:
            merged[entry["media_id"]] = _MergedMedia(entry, media_rows.new_key())
        elif (held.interview_id == entry["id"] and held.complete and held.size == entry["size"]
              and held.sha256 == entry["sha256"]):
            # an earlier revision's very media, already here: its chunks and key are kept
            key = media_rows.key_of(conn, held.media_id)
            assert key is not None
            merged[entry["media_id"]] = _MergedMedia(entry, key, held.chunks)
        else:
            raise _Refuse("bundle.media_altered", field=bundle._shown(entry["field"]))
    writing = {mid for mid, mm in merged.items() if mm.chunks == 0}

    def wanted(entry: dict[str, Any]) -> bool:
        return entry["media_id"] in writing

    sealers: dict[str, Any] = {}
    rows: list[tuple[str, int, bytes]] = []

    def write_chunk(entry: dict[str, Any], n: int, data) -> None:
        # sealed here (``data`` is a view of the reading thread's buffer, the GIL released),
        # written into media.db behind, 16 rows at a time
        if data:
            mid = entry["media_id"]
            mm = merged[mid]
            if mid not in sealers:
                sealers[mid] = media_rows.chunk_sealer(mm.key, mid)
            rows.append((mid, n, sealers[mid](n, data)))
            mm.chunks = n + 1
            if len(rows) == 16:
                behind.put(rows[:])
                rows.clear()

    head = _head_bytes(opened)
    # SQLCipher encrypts the chunks' pages (GIL released) on another thread while the next
    # ones are opened and checked; the transaction's connection is used by that thread alone
    # until close(). What it writes is sent on to the disk as it goes (``mediadb.WriteOut``),
    # so the commit's fsync does not wait for gigabytes at the end.
    out = mediadb.WriteOut(conn)
    behind = pipeline.WriteBehind(lambda batch: (media_rows.insert_sealed_many(conn, batch), out.step()))
    try:
        try:
            try:
                opened.file_sha256 = media_bundle.stream_media(path, ck.identities, head, opened.manifest,
                                                               write_chunk, wanted, media_rows.ROW_BYTES)
                if rows:
                    behind.put(rows[:])
            except BaseException:
                behind.abort()
                raise
            behind.close()
        finally:
            out.close()  # the writing thread, which calls out.step(), has stopped: abort and close join it
    except BundleFormatError as exc:
        raise _Refuse(exc.message) from None
    except AgeDecryptError as exc:
        raise _Refuse(_decrypt_reason(exc)) from None
    except OSError as exc:
        raise _Refuse("bundle.unreadable", reason=exc.strerror or type(exc).__name__) from None
    return list(merged.values())


def _media_rows(conn, media: list[_MergedMedia], now: str) -> None:
    """The merged media's rows, naming the chunks committed before (``_merge_media``). A
    superseded revision's rows went before (``replace_received``), their chunks left for the
    sweep (``mediadb.purge_rows``)."""
    from fieldapp.store import media as media_rows

    for mm in media:
        e = mm.entry
        media_rows.insert_row(conn, e["id"], e["field"], e["media_id"], e["kind"], e["mime"], e["ext"], now,
                              state="recording", chunk_key=mm.key)
        media_rows.mark_complete(conn, e["media_id"], e["size"], e["sha256"], mm.chunks)


def _head_bytes(opened: _Opened) -> bytes:
    return opened.head


def _write_receipt(path: Path, ck: CoordinatorKeys, opened: _Opened) -> None:
    from fieldapp.exchange.receipt import make_receipt, seal_receipt
    from fieldapp.fileio import atomic_write

    m = opened.manifest
    data = seal_receipt(make_receipt(ck.sign.sign, ck.project_id, m["device_id"], m["bundle_id"], m["seq"],
                                     opened.file_sha256, opened.manifest_sha256), m["bundle_id"])
    try:
        atomic_write(path, data)
    except OSError as exc:
        opened.report.notices.append(msg("bundle.notice.receipt_unwritten",
                                         reason=exc.strerror or type(exc).__name__))


# -- the device registry ----------------------------------------------------------------------
@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    fingerprint: str  # 16 hex digits: the key's id (matching rows, logs), never read out
    state: str
    first_seen: str
    last_seq: int
    bundles: int
    words: str = ""  # the key's fingerprint words: what people compare
    label: str = ""  # the coordinator's own name for the laptop (never in a bundle)


@dataclass(frozen=True)
class ExpectedRow:
    """A laptop announced by its fingerprint words, trusted when its first bundle arrives."""

    words: str
    label: str
    added_at: str
    replaces: str = ""  # the device a recovered laptop's new key belongs to


def list_devices(store) -> list[DeviceRow]:
    with store.reading() as conn:
        rows = devices.records(conn)
    return [DeviceRow(r.device_id, key_fingerprint(r.sign_key), r.state, r.first_seen, r.last_seq, r.bundles,
                      device_words(r.sign_key), r.label)
            for r in rows]


def list_expected(store) -> list[ExpectedRow]:
    with store.reading() as conn:
        return [ExpectedRow(e.words, e.label, e.added_at, e.device_id) for e in devices.all_expected(conn)]


MAX_LABEL = 80


def check_label(label: str) -> str:
    """A device label as the coordinator typed it, trimmed; refused if it is not one plain line."""
    if not label.isprintable() or len(label.strip()) > MAX_LABEL:
        raise UserFacingError("device.label_invalid", limit=MAX_LABEL)
    return " ".join(label.split())


def check_device_words(text: str) -> str:
    """Fingerprint words as typed (EFF or Korean form), normalised to the EFF form; refused unless
    they are eight words of a fingerprint (decision 0019)."""
    from fieldapp.crypto.words import eff_short, unknown_words

    words = normalize_words(text)
    count = len(words.split())
    if count != 8:
        raise UserFacingError("device.words_count", count=count)
    unknown = unknown_words(words)
    if unknown:
        # Printable characters only (a pasted control character never reaches a terminal).
        shown = "".join(ch for ch in unknown[0] if ch.isprintable())[:40]
        raise UserFacingError("device.words_unknown", word=shown)
    if not set(words.split()) <= set(eff_short()):
        # Korean list words that write no fingerprint (a word misheard as another), or a mix.
        raise UserFacingError("device.words_not_fingerprint")
    return words


def expect_device(store, words: str, label: str = "", replaces: str = "") -> ExpectedRow:
    """Announce a laptop by its key's fingerprint words (read out by the interviewer, or shown on
    its Export page): its first bundle is then trusted without another confirmation.

    ``replaces``: the registered device whose new key this is (a laptop recovered with the
    coordinator's key gets a new signing key, issue #17 finding 5). Its first bundle signed with
    the new key retires the old one: from then on the old key's bundles are accepted only up to
    the number before that bundle, and the registry marks the device recovered."""
    words, label = check_device_words(words), check_label(label)
    with store.transaction() as conn:
        for r in devices.records(conn):
            if device_words(r.sign_key) == words:
                raise UserFacingError("device.words_registered", device=r.device_id)
        if replaces:
            device = devices.get(conn, replaces)
            if device is None:
                raise UserFacingError("device.unknown", device=replaces)
            if device.state == "revoked":
                raise UserFacingError("device.already_revoked", device=replaces)
            label = label or device.label
        devices.expect(conn, words, label, replaces, _now())
        store.audit(conn, "device.expect", {"words": words, "replaces": replaces})
        row = devices.expected(conn, words)
    assert row is not None
    return ExpectedRow(row.words, row.label, row.added_at, row.device_id)


def forget_expected(store, words: str) -> None:
    words = normalize_words(words)
    with store.transaction() as conn:
        if devices.expected(conn, words) is None:
            raise UserFacingError("device.not_expected", words=words[:120])
        devices.unexpect(conn, words)
        store.audit(conn, "device.unexpect", {"words": words})


def label_device(store, device_id: str, label: str) -> None:
    """Give a registered laptop the coordinator's own name ("Seoul team, laptop 3")."""
    label = check_label(label)
    with store.transaction() as conn:
        if devices.get(conn, device_id) is None:
            raise UserFacingError("device.unknown", device=device_id)
        devices.set_label(conn, device_id, label)
        store.audit(conn, "device.label", {"device_id": device_id})


def revoke_device(store, device_id: str) -> None:
    """Refuse every future bundle of ``device_id``; what was merged stays."""
    with store.transaction() as conn:
        device = devices.get(conn, device_id)
        if device is None:
            raise UserFacingError("device.unknown", device=device_id)
        if device.state == "revoked":
            raise UserFacingError("device.already_revoked", device=device_id)
        devices.revoke(conn, device_id, _now())
        store.audit(conn, "device.revoke", {"device_id": device_id})
