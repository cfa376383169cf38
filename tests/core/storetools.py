"""Helpers for store tests: snapshots of a folder's bytes, canary search."""

from __future__ import annotations

import hashlib
from pathlib import Path

PASSPHRASE = "violet-anchor-rescue-mango-tundra-quiet"


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file below ``folder``."""
    folder = Path(folder)
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def files_containing(root: Path, needles: list[bytes]) -> list[str]:
    """Files below ``root`` containing any needle (also as UTF-16, as some tools write it)."""
    variants = []
    for n in needles:
        variants += [n, n.decode("utf-8").encode("utf-16-le")]
    hits = []
    for p in Path(root).rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if any(v in data for v in variants):
                hits.append(str(p))
    return hits


# -- what an attacker holding the data key can read in the raw files ------------------------------
PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 at the end of every page
#: media.db (decision 0024): 64 KiB pages, 16-byte IV + 32-byte HMAC-SHA256, a derived key.
MEDIA_PAGE = 65536
MEDIA_RESERVE = 48


def page_offsets(name: str, size: int, page: int = PAGE) -> range | list[int]:
    """Where encrypted pages can start in a SQLite file: store.db (pages back to back),
    -wal (32-byte header, then 24-byte frame header + page), anything else (-journal: headers
    of one sector, records of 4-byte page number + page + 4-byte checksum, sometimes several
    segments) at every 4-byte offset."""
    if name.endswith("-wal"):
        return range(32 + 24, size - page + 1, page + 24)
    if name.endswith(".db"):
        return range(0, size - page + 1, page)
    return range(0, size - page + 1, 4)


def _layouts(name: str, keys: list[bytes]) -> list[tuple[int, int, list[bytes]]]:
    """(page size, reserve, keys) to try on a file: store.db's, media.db's, or both for a
    file of another name (a temp file, a super-journal)."""
    from fieldapp.store.mediadb import derive_key

    main = (PAGE, RESERVE, keys)
    media = (MEDIA_PAGE, MEDIA_RESERVE, [derive_key(k) for k in keys])
    if name.startswith("store.db"):
        return [main]
    if name.startswith("media.db"):
        return [media]
    return [main, media]


def decryptable(folder: Path, keys: list[bytes], needles: list[bytes]) -> list[str]:
    """``file@offset: needle`` for every SQLCipher page in any file below ``folder`` that one
    of ``keys`` decrypts to text containing a needle (AES-256-CBC, raw keys as fieldapp uses
    them; authentication is not needed to read)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    hits = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or (path.parent.name == "outbox" and path.suffix == ".age"):
            continue  # a bundle's sealed copy: age ciphertext, the stick's bytes (test_media_bundle)
        data = path.read_bytes()
        for size, reserve, layout_keys in _layouts(path.name, keys):
            for offset in page_offsets(path.name, len(data), size):
                page = data[offset:offset + size]
                iv = page[size - reserve:size - reserve + 16]
                for key in layout_keys:
                    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
                    plain = dec.update(page[:size - reserve]) + dec.finalize()
                    hits += [f"{path.name}@{offset}: {n.decode(errors='backslashreplace')}"
                             for n in needles if n in plain]
    return hits


def store_keys(folder: Path, passphrase: str = PASSPHRASE) -> list[bytes]:
    """Every data key the folder's key file gives with ``passphrase`` (current, and the one
    being replaced while a rotation is unfinished)."""
    from fieldapp.store import keyfile

    slots = keyfile.load(folder).slots
    current = slots.unlock(passphrase)
    previous = slots.previous_key(current)
    return [current] + ([previous] if previous else [])
