"""Where a store folder keeps its key slots: ``store.keys``, and ``keyslots.json`` of old releases.

``store.keys`` (fieldapp.crypto.slotfile) is written in place and never renamed, so no
earlier version of the key slots is left in freed blocks (decision 0002). Stores made by
releases before it have ``keyslots.json``, replaced by rename on every change; it is still
read, and the store replaces it on first open: ``save`` makes ``store.keys`` durable first
and only then overwrites ``keyslots.json`` in place and deletes it (``destroy_legacy``), so a
crash between the two leaves both files and the next open finishes the job.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from fieldapp.crypto import slotfile
from fieldapp.crypto.keyslots import KeySlots
from fieldapp.errors import StoreError

KEYS_NAME = "store.keys"
LEGACY_NAME = "keyslots.json"


@dataclass
class Loaded:
    slots: KeySlots
    #: the two copies of store.keys differ (a write was cut): rewrite both
    needs_repair: bool = False
    #: keyslots.json is still there next to a valid store.keys: destroy it
    legacy_leftover: bool = False


def exists(folder: Path) -> bool:
    folder = Path(folder)
    return (folder / KEYS_NAME).is_file() or (folder / LEGACY_NAME).is_file()


def load(folder: Path) -> Loaded:
    folder = Path(folder)
    keys, legacy = folder / KEYS_NAME, folder / LEGACY_NAME
    if keys.is_file():
        try:
            contents = slotfile.read(keys)
        except StoreError:
            # store.keys is created whole (temp file + rename) before keyslots.json is
            # destroyed and before the data key changes: while keyslots.json exists it
            # still opens the database.
            if not legacy.is_file():
                raise
        else:
            slots = KeySlots.from_bytes(contents.document)
            if slots.legacy:
                raise StoreError("store.keyfile_damaged", detail="version-1 slots in store.keys")
            return Loaded(slots, needs_repair=not contents.intact, legacy_leftover=legacy.exists())
    if legacy.is_file():
        try:
            data = legacy.read_bytes()
        except OSError as exc:
            raise StoreError("file.unreadable", path=str(legacy), reason=exc.strerror or str(exc)) from None
        return Loaded(KeySlots.from_bytes(data))
    raise StoreError("store.not_a_store", path=str(folder))


def create(folder: Path, slots: KeySlots) -> None:
    slotfile.create(Path(folder) / KEYS_NAME, slots.to_bytes())
    _fsync_dir(Path(folder))


def save(folder: Path, slots: KeySlots) -> None:
    """Write the slots to store.keys in place (creating it for a store of an old release),
    then destroy any keyslots.json."""
    folder = Path(folder)
    if (folder / KEYS_NAME).is_file():
        slotfile.write(folder / KEYS_NAME, slots.to_bytes())
    else:
        create(folder, slots)
    destroy_legacy(folder)


def destroy_legacy(folder: Path) -> bool:
    folder = Path(folder)
    if slotfile.destroy(folder / LEGACY_NAME):
        _fsync_dir(folder)
        return True
    return False


def destroy(folder: Path) -> bool:
    """Overwrite and delete every key file of the store; True when there was one."""
    folder = Path(folder)
    found = slotfile.destroy(folder / KEYS_NAME)
    found = slotfile.destroy(folder / LEGACY_NAME) or found
    _fsync_dir(folder)
    return found


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
