"""The ``outbox`` table (field device): each exported bundle's sealed copy until its receipt.

A row is written in the export's transaction; a verified receipt empties ``sealed`` and sets
``receipt_at`` (the row stays, as history). Since issue #17 (finding 6) a row keeps the day
it was made and how many interviews the bundle holds, never which: ``interview_ids`` holds
that count as a JSON number (rows of earlier releases: a JSON list of ids). Sealed bytes never leave this module except to be
written again, unchanged, by ``resend``.

Since bundles carry media (format 3, issue #16) a sealed copy can be gigabytes: it is a file
``outbox/<bundle id>.age`` in the store folder, written in the same pass as the bundle on the
stick, and ``sealed`` stays empty. Keeping it inside the database would write it a second
time through SQLCipher and make every later re-keying re-encrypt it (decision 0013). The file
is the bundle's own age ciphertext, which only the coordinator can open, so it adds nothing a
seized laptop could read; it goes when the receipt comes. Rows of earlier releases hold their
copy in ``sealed``; both read the same way (``sealed_chunks``).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldapp.store.conn import Connection


@dataclass(frozen=True)
class OutboxRow:
    bundle_id: str
    seq: int
    created_at: str
    interviews: int
    size: int  # bytes of the sealed copy still held (0 once acknowledged)
    receipt_at: str | None


@dataclass(frozen=True)
class Sent:
    """What a receipt is checked against: the sealed bytes' hash and what the bundle held."""

    bundle_id: str
    sha256: str
    interviews: int
    receipt_at: str | None


def add(conn: Connection, bundle_id: str, seq: int, created_at: str, sha256: str, sealed: bytes,
        interviews: int) -> None:
    conn.execute(
        "INSERT INTO outbox(bundle_id, seq, created_at, sha256, sealed, interview_ids) VALUES (?,?,?,?,?,?)",
        (bundle_id, seq, created_at, sha256, sealed, json.dumps(interviews)))


def _count(text: str) -> int:
    value = json.loads(text)
    return value if isinstance(value, int) else len(value)


#: Bytes per read of an outbox file.
CHUNK = 1024 * 1024
FOLDER = "outbox"
SUFFIX = ".age"
_NAME = re.compile(r"[0-9a-f]{32}\.age")


def file_path(store_folder: Path, bundle_id: str) -> Path:
    """Where the sealed copy of ``bundle_id`` is kept (``bundle_id``: 32 random hex digits)."""
    return Path(store_folder) / FOLDER / f"{bundle_id}{SUFFIX}"


def add_kept(conn: Connection, bundle_id: str, seq: int, created_at: str, sha256: str,
             interviews: int) -> None:
    """The row of a bundle whose sealed copy is the outbox file (written before this)."""
    conn.execute(
        "INSERT INTO outbox(bundle_id, seq, created_at, sha256, sealed, interview_ids) VALUES (?,?,?,?,x'',?)",
        (bundle_id, seq, created_at, sha256, json.dumps(interviews)))


def sealed_chunks(conn: Connection, bundle_id: str, store_folder: Path) -> Iterator[bytes]:
    """The sealed copy of a bundle, in order (an old row's single blob, or its file)."""
    row = conn.execute("SELECT sealed FROM outbox WHERE bundle_id = ?", (bundle_id,)).fetchone()
    if row is not None and row[0]:
        yield bytes(row[0])
        return
    with open(file_path(store_folder, bundle_id), "rb") as fh:
        while data := fh.read(CHUNK):
            yield data


def remove_file(store_folder: Path, bundle_id: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        file_path(store_folder, bundle_id).unlink()


def tidy(conn: Connection, store_folder: Path) -> int:
    """Remove outbox files no waiting bundle keeps (an export that failed after writing its
    copy, a receipt whose file removal was interrupted); returns how many went."""
    folder = Path(store_folder) / FOLDER
    if not folder.is_dir():
        return 0
    waiting = {b for (b,) in conn.execute("SELECT bundle_id FROM outbox WHERE receipt_at IS NULL")}
    gone = 0
    for f in folder.iterdir():
        if f.name.startswith(".") or (_NAME.fullmatch(f.name) and f.name[:-len(SUFFIX)] not in waiting):
            with contextlib.suppress(OSError):
                f.unlink()
                gone += 1
    return gone


def waiting_ids(conn: Connection) -> list[tuple[str, str]]:
    """(bundle id, sha256) of every bundle without a receipt, oldest first."""
    return [(b, d) for b, d in conn.execute(
        "SELECT bundle_id, sha256 FROM outbox WHERE receipt_at IS NULL ORDER BY seq")]


def rows(conn: Connection, store_folder: Path | None = None) -> list[OutboxRow]:
    out = conn.execute("SELECT bundle_id, seq, created_at, interview_ids, length(sealed), receipt_at "
                       "FROM outbox o ORDER BY seq").fetchall()
    return [OutboxRow(b, s, c, _count(ids), n or _file_size(store_folder, b, r), r)
            for b, s, c, ids, n, r in out]


def _file_size(store_folder: Path | None, bundle_id: str, receipt_at: str | None) -> int:
    if store_folder is None or receipt_at is not None:
        return 0
    try:
        return file_path(store_folder, bundle_id).stat().st_size
    except OSError:
        return 0


def waiting(conn: Connection) -> list[tuple[str, bytes]]:
    """(sha256, sealed bytes) of every bundle without a receipt, oldest first."""
    return [(d, bytes(s)) for d, s in conn.execute(
        "SELECT sha256, sealed FROM outbox WHERE receipt_at IS NULL ORDER BY seq")]


def find(conn: Connection, bundle_id: str) -> Sent | None:
    row = conn.execute("SELECT sha256, interview_ids, receipt_at FROM outbox WHERE bundle_id = ?",
                       (bundle_id,)).fetchone()
    if row is None:
        return None
    return Sent(bundle_id, row[0], _count(row[1]), row[2])


def acknowledge(conn: Connection, bundle_id: str, at: str) -> None:
    """The coordinator has the bundle: drop its sealed copy, keep the row as history."""
    conn.execute("UPDATE outbox SET sealed = x'', receipt_at = ? WHERE bundle_id = ?", (at, bundle_id))
