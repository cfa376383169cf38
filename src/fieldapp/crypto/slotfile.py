"""The key file ``store.keys``: one fixed-size file whose bytes are rewritten in place.

Why in place (docs/decisions/0002-key-file-in-place.md, issue #17 finding 1): a file replaced
by "write a new file, rename it over the old one" leaves every earlier version in blocks the
filesystem has freed, and an emergency wipe that overwrites the current file cannot reach
them. So the key material lives in one file of constant size that is created once and then
only ever overwritten at the same offsets (``os.pwrite`` + ``fsync``); on ext4, NTFS, APFS
without snapshots and FAT the filesystem writes those bytes over the same blocks.

Crash safety without a rename: the file holds two copies of the slot document, A and B, each
in its own fixed region with a sequence number and a SHA-256 checksum::

    copy (COPY_SIZE bytes) = MAGIC(8) | seq u64 | length u32 | document | random fill | sha256(32)

A reader takes the valid copy with the highest sequence number. A writer first overwrites
the *other* copy with the new document (seq n+1) and fsyncs - a torn write there leaves the
current copy intact, so the old state still opens - and then overwrites the first copy too
(seq n+2), so that no earlier document (an old passphrase wrapping, an old data key) stays
in the file. A torn second write leaves the new document in the other copy; ``read``
reports the damaged copy and the next ``write`` (the store does one on every open that
finds the copies unequal) rewrites it. The random fill is fresh on every write: the file's
bytes say nothing about the document's length, and no stale bytes survive a rewrite.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from fieldapp.errors import StoreError
from fieldapp.fileio import atomic_write

MAGIC = b"FAKEYS\x00\x02"
COPY_SIZE = 16 * 1024
COPIES = 2
FILE_SIZE = COPY_SIZE * COPIES
_HEAD = struct.Struct(">8sQI")
_SUM = 32
MAX_DOCUMENT = COPY_SIZE - _HEAD.size - _SUM


@dataclass(frozen=True)
class Contents:
    """What ``read`` found: the newest valid document and whether the file needs repair."""

    document: bytes
    seq: int
    active: int  # index of the copy holding ``document``
    intact: bool  # both copies valid and holding the same document


def _encode(document: bytes, seq: int) -> bytes:
    if len(document) > MAX_DOCUMENT:
        raise StoreError("store.keyfile_full", size=len(document), limit=MAX_DOCUMENT)
    head = _HEAD.pack(MAGIC, seq, len(document))
    fill = secrets.token_bytes(MAX_DOCUMENT - len(document))
    body = head + document + fill
    return body + hashlib.sha256(body).digest()


def _decode(copy: bytes) -> tuple[int, bytes] | None:
    """(seq, document) of a valid copy, or None for a torn, blank or foreign one."""
    if len(copy) != COPY_SIZE:
        return None
    body, digest = copy[:-_SUM], copy[-_SUM:]
    if hashlib.sha256(body).digest() != digest:
        return None
    magic, seq, length = _HEAD.unpack_from(body)
    if magic != MAGIC or length > MAX_DOCUMENT:
        return None
    return seq, body[_HEAD.size:_HEAD.size + length]


def read(path: Path) -> Contents:
    """The newest valid copy; ``StoreError`` when neither copy is valid."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(FILE_SIZE + 1)
    except FileNotFoundError:
        raise StoreError("store.keyfile_missing", path=str(path)) from None
    except OSError as exc:
        raise StoreError("file.unreadable", path=str(path), reason=exc.strerror or str(exc)) from None
    if len(data) != FILE_SIZE:
        raise StoreError("store.keyfile_damaged", detail=f"{len(data)} bytes, not {FILE_SIZE}")
    found = [_decode(data[i * COPY_SIZE:(i + 1) * COPY_SIZE]) for i in range(COPIES)]
    valid = [(c[0], i, c[1]) for i, c in enumerate(found) if c is not None]
    if not valid:
        raise StoreError("store.keyfile_damaged", detail="no intact copy")
    seq, active, document = max(valid)
    intact = len(valid) == COPIES and len({doc for _, _, doc in valid}) == 1
    return Contents(document, seq, active, intact)


def create(path: Path, document: bytes) -> None:
    """A new key file (there is no earlier version to leave behind, so a rename is fine:
    the temp file's blocks become the key file's blocks)."""
    atomic_write(path, _encode(document, 2) + _encode(document, 1))


def write(path: Path, document: bytes) -> Contents:
    """Replace the document in place, crash-safe, leaving no earlier document in the file."""
    try:
        current = read(path)
        seq, first = current.seq, 1 - current.active
    except StoreError:
        # Both copies damaged: nothing left to preserve (the caller holds the document).
        seq, first = 0, 0
    fd = os.open(path, os.O_RDWR)
    try:
        if os.fstat(fd).st_size != FILE_SIZE:
            raise StoreError("store.keyfile_damaged", detail="wrong size")
        for n, index in enumerate((first, 1 - first), start=1):
            _pwrite_all(fd, _encode(document, seq + n), index * COPY_SIZE)
            os.fsync(fd)
    finally:
        os.close(fd)
    return Contents(document, seq + 2, 1 - first, True)


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        n = os.pwrite(fd, view, offset)
        view, offset = view[n:], offset + n


def destroy(path: Path, passes: int = 2) -> bool:
    """Overwrite every byte of ``path`` with random bytes (fsynced, ``passes`` times), then
    delete it. False when there was no such file. Used for the key file and for the key-slot
    file of older versions; the size is kept so the writes land on the file's own blocks."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return False
    try:
        size = max(os.fstat(fd).st_size, 4096)
        for _ in range(passes):
            _pwrite_all(fd, secrets.token_bytes(size), 0)
            os.fsync(fd)
    finally:
        os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    return True
