"""Stores: create, open, change the passphrase, recover, wipe, verify (ARCHITECTURE s.3)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from fieldapp.errors import UserFacingError, WeakPassphrase
from fieldapp.messages import Message, msg, text
from fieldapp.ops import files
from fieldapp.progress import CancelToken, ProgressSink, no_progress
from fieldapp.store import Store, is_store
from fieldapp.store.db import ROLES

#: Upper bound of a key backup file (an age identity and two comment lines).
MAX_KEY_BACKUP = 64 * 1024


@dataclass(frozen=True)
class Strength:
    ok: bool
    score: int  # 0..4, for a strength meter
    reason: str  # empty when ok


def assess_passphrase(passphrase: str) -> Strength:
    from fieldapp.crypto import passphrase as policy

    s = policy.assess(passphrase)
    return Strength(s.ok, s.score, s.reason)


def generate_passphrase(language: str = "en") -> str:
    """A strong passphrase to write down: six EFF words, or for a Korean speaker (``language``
    "ko") seven common Korean words of the BIP-39 list, as strong and easier to remember."""
    from fieldapp.crypto import passphrase as policy

    return policy.generate_korean() if language == "ko" else policy.generate()


def require_strong(passphrase: str) -> None:
    """Refuse a guessable new passphrase, offering a generated one."""
    strength = assess_passphrase(passphrase)
    if strength.ok:
        return
    try:
        suggestion = generate_passphrase()
    except Exception:  # noqa: BLE001 - the suggestion is a courtesy
        raise WeakPassphrase("store.weak_passphrase", reason=strength.reason) from None
    raise WeakPassphrase("store.weak_passphrase_suggest", reason=strength.reason, suggestion=suggestion)


def default_store_dir() -> Path:
    from fieldapp.paths import default_store_dir as where

    return where()


def proposed_store_dir() -> Path:
    """Where the desktop app proposes a new store: the default folder, or the first free one of
    ``store-2``, ``store-3`` ... beside it when a store (or anything else) is already there."""
    base = default_store_dir()
    candidate, n = base, 1
    while candidate.exists() and (not candidate.is_dir() or any(candidate.iterdir())):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def looks_like_store(folder: str | os.PathLike[str] | None) -> bool:
    return folder is not None and is_store(Path(folder))


@dataclass
class Created:
    """A new, open store and how installing the example questionnaire went."""

    store: Store
    example_installed: bool = False
    example_problem: Message | None = None


def create_store(folder: str | os.PathLike[str], passphrase: str, role: str, *,
                 install_example: bool = False, check_strength: bool = True,
                 progress: ProgressSink = no_progress, cancel: CancelToken | None = None) -> Created:
    """Create a store (Argon2id: about a second) and optionally install the example questionnaire.

    An example form that cannot be installed does not undo the store: the user is told why
    and can add forms later.
    """
    if role not in ROLES:
        raise UserFacingError("store.bad_role", role=role)
    if check_strength:
        require_strong(passphrase)
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UserFacingError("store.exists", path=str(folder))
    # Missing folders on the way are created (the first-run default lives in a folder that
    # a new laptop does not have yet); the nearest one that exists must be a writable folder.
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserFacingError("folder.not_a_folder", path=str(existing))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserFacingError("file.unwritable", path=str(folder), reason="permission denied")
    progress(0, 2, "create")
    try:
        store = Store.create(folder, passphrase, role)
    except OSError as exc:
        raise UserFacingError("file.unwritable", path=str(folder), reason=exc.strerror or "") from None
    created = Created(store)
    progress(1, 2, "example")
    if install_example:
        from fieldapp.ops.forms import install_example_form

        try:
            install_example_form(store)
            created.example_installed = True
        except UserFacingError as exc:
            created.example_problem = exc.message
        except Exception as exc:  # noqa: BLE001 - the store exists; report, do not lose it
            created.example_problem = text(type(exc).__name__)
    progress(2, 2, "done")
    return created


def open_store(folder: str | os.PathLike[str], passphrase: str) -> Store:
    """Unlock a store (Argon2id). A wrong passphrase raises ``WrongPassphrase`` and changes nothing."""
    return Store.open(existing_store(folder), passphrase)


def existing_store(folder: str | os.PathLike[str]) -> Path:
    """``folder`` if it holds a store; else why not (missing, a file, or not a store)."""
    folder = Path(folder)
    if not folder.exists():
        raise UserFacingError("store.missing", path=str(folder))
    if not is_store(folder):
        raise UserFacingError("store.not_a_store", path=str(folder))
    return folder


def change_passphrase(store: Store, current: str, new: str, *, check_strength: bool = True) -> None:
    if check_strength:
        require_strong(new)
    store.change_passphrase(current, new)


def read_key_backup(path: str | os.PathLike[str]) -> list[str]:
    """The age identities of a coordinator key backup file (``key backup``)."""
    body = files.read_text(path, MAX_KEY_BACKUP, too_large="key.backup_invalid", not_text="key.backup_invalid")
    identities = [line.strip() for line in body.splitlines() if line.strip().startswith("AGE-SECRET-KEY-")]
    if not identities:
        raise UserFacingError("key.backup_invalid", path=str(path))
    return identities


def recover_store(folder: str | os.PathLike[str], key_backup: str | os.PathLike[str], new_passphrase: str, *,
                  check_strength: bool = True) -> Store:
    """Reopen a returned laptop's store with the coordinator's key backup and set a new passphrase."""
    identities = read_key_backup(key_backup)
    if check_strength:
        require_strong(new_passphrase)
    return Store.recover(existing_store(folder), identities, new_passphrase)


@dataclass(frozen=True)
class RecoveredDevice:
    device_id: str
    words: str  # the new signing key's fingerprint words, for ``devices trust --replaces``


def recovered_device(store: Store) -> RecoveredDevice | None:
    """A recovered field laptop's new signing key (None for a coordinator store): the escrow
    slot never yields the old one, so the coordinator must trust the new one by its words."""
    from fieldapp.exchange.keys import device_public, device_words

    if store.info.role != "interviewer":
        return None
    with store.reading() as conn:
        return RecoveredDevice(store.info.device_id, device_words(device_public(conn)))


@dataclass(frozen=True)
class Wiped:
    folder: Path
    seconds: float


def wipe_store(folder: str | os.PathLike[str]) -> Wiped:
    """Emergency crypto-erase: the key slots are destroyed first, then the files."""
    from fieldapp.store.wipe import wipe_store as wipe

    folder = existing_store(folder)
    try:
        seconds = wipe(folder)
    except OSError as exc:
        raise UserFacingError("store.wipe_incomplete", path=str(folder), reason=exc.strerror or "") from None
    _forget_store_paths()
    return Wiped(folder, seconds)


def _forget_store_paths() -> None:
    """After a wipe the settings name no store folder, this one or another (the last store and
    the recent ones): a list of folders on a seized laptop points at the stores still on it
    (issue #17). The desktop app does the same for its copy of the settings."""
    from fieldapp import settings

    path = settings.settings_path()
    if not path.exists():
        return
    prefs = settings.load(path)
    if prefs.last_store or prefs.recent_stores:
        prefs.forget_stores()
        try:
            settings.save(prefs, path)
        except (OSError, ValueError):
            pass  # the wipe itself succeeded; an unwritable settings file is not a store


@dataclass(frozen=True)
class Verified:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_store(store: Store) -> Verified:
    return Verified(store.verify(), store.warnings())


def role_needed(store: Store, role: str) -> None:
    """Refuse an operation made for the other role's store."""
    if store.info.role != role:
        raise UserFacingError(msg("store.needs_coordinator") if role == "coordinator"
                              else msg("store.needs_interviewer"))
