"""The exchange: enrolment, export, receipts, bundle checks and merges, devices, key files (ARCHITECTURE s.4-5).

Interviewer laptops: ``exchange_status``, ``preview_project_key``, ``enrol``, ``export``,
``resend``, ``apply_receipt``. Coordinator: ``check_bundle``, ``merge_bundles``,
``list_devices``, ``revoke_device``, ``project_key_info``, ``write_project_key_file``,
``write_key_backup``. Every path a user gives is checked by ``ops.files`` first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import UserFacingError
from fieldapp.exchange.export import ExportResult, OutboxEntry
from fieldapp.exchange.importer import (
    ConfirmDevice,
    DeviceRow,
    ExpectedRow,
    ImportReport,
    NewDevice,
)
from fieldapp.exchange.receipt import ReceiptResult
from fieldapp.ops import files
from fieldapp.ops.stores import role_needed
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import Store

__all__ = ["ConfirmDevice", "DeviceRow", "ExchangeStatus", "ExpectedRow", "ExportResult", "Exported",
           "ImportReport", "KeyFile", "KeyPreview", "NewDevice", "OutboxEntry", "ReceiptResult", "apply_receipt",
           "check_bundle", "enrol", "exchange_status", "expect_device", "export", "fingerprint_forms", "forget_expected_device",
           "label_device", "list_devices", "list_expected_devices", "merge_bundles", "preview_project_key",
           "project_key_info", "resend", "revoke_device", "write_key_backup", "write_project_key_file"]

#: A project key file is a few hundred bytes; anything far larger is the wrong file.
MAX_KEY_FILE = 64 * 1024
#: The file name ``key export`` uses when given a folder.
PROJECT_KEY_NAME = "project.fieldapp-key"


# -- interviewer laptops ----------------------------------------------------------------------
@dataclass(frozen=True)
class ExchangeStatus:
    """What the export page shows: this laptop, its pinned project key, what waits, the outbox."""

    device_id: str
    device_fingerprint: str  # 16 hex digits (an id; people compare ``device_words``)
    pinned_words: str  # "" when the laptop is not enrolled yet
    waiting: int  # finalized interviews not yet exported
    outbox: list[OutboxEntry] = field(default_factory=list)
    device_words: str = ""  # this laptop's key as fingerprint words, read out to the coordinator

    @property
    def enrolled(self) -> bool:
        return bool(self.pinned_words)

    @property
    def unacknowledged(self) -> int:
        return sum(1 for e in self.outbox if not e.acknowledged)


def exchange_status(store: Store) -> ExchangeStatus:
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.exchange.export import outbox
    from fieldapp.exchange.keys import (
        device_public,
        device_words,
        key_fingerprint,
        pinned_project_key,
    )
    from fieldapp.store.interviews import InterviewRepo

    role_needed(store, "interviewer")
    with store.reading() as conn:
        public = device_public(conn)
        pinned = pinned_project_key(conn)
    words = load_project_key(pinned).fingerprint_words() if pinned else ""
    waiting = sum(1 for r in InterviewRepo(store).list(status="final"))
    return ExchangeStatus(store.info.device_id, key_fingerprint(public), words, waiting, outbox(store),
                          device_words(public))


@dataclass(frozen=True)
class KeyPreview:
    """A project key file read and checked against this laptop's pin (nothing pinned yet)."""

    data: bytes
    project_id: str
    words: str
    already_pinned: bool
    #: pinning it would be this laptop's first pin: its words must be confirmed (issue #17, finding 3)
    needs_words: bool = False


def read_project_key(path: str | os.PathLike[str]) -> bytes:
    return files.read_input(path, MAX_KEY_FILE, too_large="key.not_a_key_file")


def preview_project_key(store: Store, source: str | os.PathLike[str] | bytes) -> KeyPreview:
    """Read a project key file and check it may replace the pinned one; the user then compares words."""
    from fieldapp.exchange.keys import check_pin, pinned_project_key

    role_needed(store, "interviewer")
    data = source if isinstance(source, bytes) else read_project_key(source)
    with store.reading() as conn:
        key = check_pin(conn, data)  # refuses a swapped key before anyone compares anything
        pinned = pinned_project_key(conn)
    return KeyPreview(data, key.project_id, key.fingerprint_words(), pinned == data, pinned is None)


@dataclass(frozen=True)
class Enrolled:
    changed: bool
    words: str


def enrol(store: Store, source: str | os.PathLike[str] | bytes, *, words: str | None = None) -> Enrolled:
    """Pin the coordinator's project key and add the recovery slot (docs/security.md).

    A first pin needs ``words``: the key file's fingerprint words as the user confirmed them
    with the coordinator (typed, or shown and confirmed); without them nothing is pinned.
    """
    from fieldapp.exchange.keys import enrol as pin

    preview = preview_project_key(store, source)
    changed = pin(store, preview.data, words)
    return Enrolled(changed, preview.words)


@dataclass(frozen=True)
class Exported:
    result: ExportResult
    words: str  # the project key's fingerprint words (to compare at the first export)


def export(store: Store, out: str | os.PathLike[str], *, project_key: str | os.PathLike[str] | bytes | None = None,
           words: str | None = None, progress: ProgressSink = no_progress,
           cancel: CancelToken | None = None) -> Exported:
    """Seal every finalized interview into one bundle at ``out`` (a file name or a folder).

    The first export pins ``project_key`` and needs its confirmed fingerprint ``words``.
    """
    from fieldapp.exchange.export import export_bundle

    role_needed(store, "interviewer")
    data = None
    if project_key is not None:
        data = project_key if isinstance(project_key, bytes) else read_project_key(project_key)
    out = Path(out)
    if out.is_dir():
        files.output_folder(out)
    else:
        files.output_path(out, overwrite=False)
    result = export_bundle(store, out, data, progress=progress, cancel=cancel, words=words)
    return Exported(result, exchange_status(store).pinned_words)


def resend(store: Store, folder: str | os.PathLike[str], *, progress: ProgressSink = no_progress,
           cancel: CancelToken | None = None) -> list[Path]:
    """Write every bundle still waiting for its receipt again (a lost stick); a cancel
    leaves none of them on the stick."""
    from fieldapp.exchange.export import resend as write_again

    role_needed(store, "interviewer")
    return write_again(store, files.output_folder(folder), progress=progress, cancel=cancel)


def apply_receipt(store: Store, path: str | os.PathLike[str]) -> ReceiptResult:
    """Verify a coordinator's receipt and drop the sealed copy it covers."""
    from fieldapp.exchange.receipt import apply_receipt as apply

    role_needed(store, "interviewer")
    return apply(store, files.input_path(path))


# -- the coordinator --------------------------------------------------------------------------
def _bundle_path(path: str | os.PathLike[str]) -> Path:
    return files.input_path(path)


def check_bundle(store: Store, path: str | os.PathLike[str], *, trust: Iterable[str] = ()) -> ImportReport:
    """Every check and the merge plan of one bundle, writing nothing.

    ``trust``: fingerprint words of new devices the user confirmed (one set per device).
    """
    from fieldapp.exchange.importer import check_bundle as check

    role_needed(store, "coordinator")
    return check(store, _bundle_path(path), trust)


def merge_bundles(store: Store, paths: Iterable[str | os.PathLike[str]], *, trust: Iterable[str] = (),
                  confirm_device: ConfirmDevice | None = None, progress: ProgressSink = no_progress,
                  cancel: CancelToken | None = None) -> list[ImportReport]:
    """Import each bundle on its own, all or nothing per bundle; cancel stops between bundles.

    A new device is trusted only by its fingerprint words: announced beforehand
    (``expect_device``), in ``trust``, or confirmed by ``confirm_device`` (asked once per device).
    """
    from fieldapp.exchange.importer import import_bundles

    role_needed(store, "coordinator")
    checked = [_bundle_path(p) for p in paths]
    return import_bundles(store, checked, trust=trust, confirm_device=confirm_device, progress=progress,
                          cancel=cancel)


def list_devices(store: Store) -> list[DeviceRow]:
    from fieldapp.exchange.importer import list_devices as rows

    role_needed(store, "coordinator")
    return rows(store)


def list_expected_devices(store: Store) -> list[ExpectedRow]:
    """Laptops announced by their fingerprint words whose first bundle has not arrived yet."""
    from fieldapp.exchange.importer import list_expected

    role_needed(store, "coordinator")
    return list_expected(store)


def expect_device(store: Store, words: str, label: str = "", replaces: str = "") -> ExpectedRow:
    """Trust a laptop by its key's fingerprint words before its first bundle arrives;
    ``replaces``: the registered device a recovered laptop's new key belongs to."""
    from fieldapp.exchange.importer import expect_device as expect

    role_needed(store, "coordinator")
    return expect(store, words, label, replaces)


def forget_expected_device(store: Store, words: str) -> None:
    from fieldapp.exchange.importer import forget_expected

    role_needed(store, "coordinator")
    forget_expected(store, words)


def check_device_words(words: str) -> str:
    """Eight fingerprint words as typed, in their one compared form (checked before any store work)."""
    from fieldapp.exchange.importer import check_device_words as check

    return check(words)


def fingerprint_forms(words: str) -> tuple[str, str]:
    """EFF fingerprint ``words`` as (EFF words, the same fingerprint in Korean words): both are
    shown on every machine, whatever its interface language, so the two ends of a phone call
    can read the same words (decision 0019). ('', '') for no words."""
    from fieldapp.crypto.words import korean_fingerprint, normalize_words

    english = normalize_words(words) if words else ""
    return english, korean_fingerprint(english) if english else ""


def check_label(label: str) -> str:
    from fieldapp.exchange.importer import check_label as check

    return check(label)


def label_device(store: Store, device_id: str, label: str) -> None:
    """The coordinator's own name for a laptop; it stays in this store, never in a bundle."""
    from fieldapp.exchange.importer import label_device as set_label

    role_needed(store, "coordinator")
    set_label(store, device_id, label)


def revoke_device(store: Store, device_id: str) -> None:
    from fieldapp.exchange.importer import revoke_device as revoke

    role_needed(store, "coordinator")
    revoke(store, device_id)


@dataclass(frozen=True)
class KeyFile:
    path: Path | None
    words: str
    data: bytes


def project_key_info(store: Store) -> KeyFile:
    """The project key file's bytes and fingerprint words (the devices page shows the words)."""
    from fieldapp.crypto.projectkey import load_project_key
    from fieldapp.exchange.keys import project_key_file

    role_needed(store, "coordinator")
    with store.reading() as conn:
        data = project_key_file(conn)
    return KeyFile(None, load_project_key(data).fingerprint_words(), data)


def write_project_key_file(store: Store, out: str | os.PathLike[str]) -> KeyFile:
    """Write the signed project key file for interviewers (public keys only, so 0644)."""
    info = project_key_info(store)
    path = files.write_output(out, info.data, mode=0o644, default_name=PROJECT_KEY_NAME)
    return KeyFile(path, info.words, info.data)


def key_backup_text(store: Store, escrow: bool = False) -> bytes:
    """The key backup file (openable with ``age -d -i``)."""
    from fieldapp.exchange.keys import coordinator_keys

    role_needed(store, "coordinator")
    with store.reading() as conn:
        ck = coordinator_keys(conn)
    if escrow and not ck.esc_identity:
        raise UserFacingError("key.escrow_offline")
    which, identity, recipient = (("escrow key C_esc", ck.esc_identity, ck.esc_recipient) if escrow
                                  else ("decryption key C_enc", ck.enc_identity, ck.enc_recipient))
    return (f"# fieldapp project {ck.project_id}: {which}\n"
            f"# public key: {recipient}\n"
            "# Anyone holding this file can read every bundle of the project. Keep it offline.\n"
            f"{identity}\n").encode("ascii")


def write_key_backup(store: Store, out: str | os.PathLike[str], *, escrow: bool = False,
                     remove: bool = False) -> Path:
    """Write the project's decryption key (0600); never over an existing file.

    ``remove`` (with ``escrow``): then delete C_esc's identity from this store, so the everyday
    store holds C_enc only and the escrow key lives offline (issue #17, finding 5). The file is
    read back and compared first; the deletion leaves no copy in the store folder (an erasing
    transaction)."""
    from fieldapp.store import keys

    if remove and not escrow:
        raise UserFacingError("key.remove_needs_escrow")
    target = Path(out)
    if target.is_dir():
        raise UserFacingError("file.is_folder", path=str(target))
    if target.exists():
        raise UserFacingError("key.backup_exists", path=str(target))
    files.output_path(target, overwrite=False)
    text = key_backup_text(store, escrow)
    path = files.write_output(target, text, mode=0o600, overwrite=False)
    if remove:
        if path.read_bytes() != text:
            raise UserFacingError("file.unwritable", path=str(path), reason="read back differs")
        with store.erasing_transaction() as conn:
            keys.remove_escrow_identity(conn)
    return path


@dataclass(frozen=True)
class BundlePreview:
    """A bundle checked before merging, and the state of the device that signed it."""

    report: ImportReport
    device_state: str  # "new" | "known" | "revoked" | "" (the signer could not be read)
    label: str = ""  # the coordinator's label of a known device


def preview_bundle(store: Store, path: str | os.PathLike[str], trust: Iterable[str] = ()) -> BundlePreview:
    """The dry-run report of one bundle. A device not trusted yet (nor in ``trust``) is refused
    from the head of its bundle, with its id and fingerprint words to compare: once the user
    confirmed them, check again with those words in ``trust`` to see what a merge would do."""
    report = check_bundle(store, path, trust=trust)
    state, label = "", ""
    if report.device_fingerprint:
        devices = {d.fingerprint: d for d in list_devices(store)}
        known = devices.get(report.device_fingerprint)
        state = "new" if known is None else ("revoked" if known.state == "revoked" else "known")
        label = known.label if known is not None else ""
    return BundlePreview(report, state, label)
