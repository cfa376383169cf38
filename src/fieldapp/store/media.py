"""Media answers inside the store: images, audio, video and files as chunked blobs (issue #16).

A media answer is one ``media`` row in store.db (keyed like an answer: interview, repeat
instance, question) and its bytes, split in ``media_chunks`` rows of media.db, the store's
second SQLCipher database (store/mediadb.py, decision 0024). No
byte of a media answer is ever written to a file beside the database: a recording goes from
memory into chunks (``MediaWriter``, each chunk its own transaction, so a crash loses at most
the chunk being encoded), an attached file is read in chunks and written the same way.

The engine's value for a media question is the media's reference, ``<media_id><ext>``
(ODK's answer to a media question is a file name too); the reference says nothing about
the respondent. ``sha256`` and ``size`` describe the whole media once it is complete; they
travel in the bundle's signed manifest and ``fieldapp verify`` checks the chunks against them.

Rows go with their interview (ON DELETE CASCADE, ``secure_delete`` zeroes the cells; the
chunks follow their row by the temp trigger of ``mediadb.ready``) and are purged with the
answers at export (``records.mark_exported``).

Each media has its own random key (``media.key``) and every chunk is sealed with it
(ChaCha20-Poly1305, nonce: the chunk's number, associated data: media id and number) inside
the SQLCipher page encryption. Deleting the key's row (zeroed by ``secure_delete``) makes the
chunks undecryptable at once, so the export's purge drops them without overwriting (and
journaling) gigabytes of pages: ``delete_for`` (decisions 0013, 0024). The key never leaves
the store. Each (media, chunk number) is sealed once only (a recording continued appends),
so a chunk that opens is the one written there.
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from fieldapp.errors import StoreError
from fieldapp.forms.instances import field_key, split_key
from fieldapp.messages import plural
from fieldapp.store.conn import Connection

#: Bytes per chunk row of an attached file or an imported media (a recording writes smaller
#: chunks as it goes): one page of media.db per chunk (mediadb.CHUNK_BYTES, decision 0024).
ROW_BYTES = 65280
#: Bytes an attached file is read and committed in: 64 chunk rows (4 MB, under MAX_CHUNK)
#: per transaction (each commit of media.db costs four fsyncs in its rollback-journal mode).
CHUNK_SIZE = 64 * ROW_BYTES
#: The size limit of one media answer unless the question or the caller sets another: an hour
#: of speech is ~14 MB (docs/forms.md, Media); a phone video of a few minutes fits.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
#: A chunk larger than this is refused (the bundle reader holds one chunk at a time).
MAX_CHUNK = 4 * 1024 * 1024
KINDS = ("image", "audio", "video", "file")
_REFERENCE = re.compile(r"([0-9a-f]{32})(\.[a-z0-9]{1,8})?")
_EXT = re.compile(r"\.[a-z0-9]{1,8}")


@dataclass(frozen=True)
class MediaRow:
    interview_id: str
    instance: str
    field: str
    media_id: str
    kind: str
    mime: str
    ext: str
    size: int
    sha256: str
    chunks: int
    state: str
    created_at: str

    @property
    def key(self) -> str:
        """The engine's field key (``testimony``, ``members[2]/photo``)."""
        return field_key(self.instance, self.field)

    @property
    def reference(self) -> str:
        return reference(self.media_id, self.ext)

    @property
    def complete(self) -> bool:
        return self.state == "complete"


_COLUMNS = ("interview_id, instance, field, media_id, kind, mime, ext, size, sha256, chunks, state, "
            "created_at")


def reference(media_id: str, ext: str) -> str:
    """The answer value naming a media answer: ``<32 hex><ext>``."""
    return media_id + ext


def media_id_of(value: object) -> str | None:
    """The media id a media answer's value names, or None if it names none."""
    if not isinstance(value, str):
        return None
    m = _REFERENCE.fullmatch(value)
    return m.group(1) if m else None


def check_ext(ext: str) -> str:
    ext = ext.lower()
    if not _EXT.fullmatch(ext):
        return ".bin"
    return ext


# -- reading ----------------------------------------------------------------------------------
def get(conn: Connection, interview_id: str, key: str) -> MediaRow | None:
    instance, field = split_key(key)
    row = conn.execute(f"SELECT {_COLUMNS} FROM media WHERE interview_id = ? AND instance = ? AND field = ?",
                       (interview_id, instance, field)).fetchone()
    return MediaRow(*row) if row else None


def by_id(conn: Connection, media_id: str) -> MediaRow | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM media WHERE media_id = ?", (media_id,)).fetchone()
    return MediaRow(*row) if row else None


def list_for(conn: Connection, interview_id: str | None = None) -> list[MediaRow]:
    """The media answers of one interview (or of every interview), in a stable order."""
    if interview_id is None:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM media ORDER BY interview_id, instance, field")
    else:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM media WHERE interview_id = ? ORDER BY instance, field",
                            (interview_id,))
    return [MediaRow(*r) for r in rows]


KEY_BYTES = 32


def _nonce(n: int) -> bytes:
    return n.to_bytes(12, "big")


def _aad(media_id: str, n: int) -> bytes:
    return media_id.encode("ascii") + n.to_bytes(8, "big")


def seal_chunk(key: bytes, media_id: str, n: int, data: bytes) -> bytes:
    return ChaCha20Poly1305(key).encrypt(_nonce(n), data, _aad(media_id, n))


def open_chunk(key: bytes, media_id: str, n: int, sealed: bytes) -> bytes:
    """The plaintext of chunk ``n``; StoreError('media.damaged') if it is not what was sealed
    there (altered, or moved from another place or media)."""
    try:
        return ChaCha20Poly1305(key).decrypt(_nonce(n), sealed, _aad(media_id, n))
    except InvalidTag:
        raise StoreError("media.damaged", media=media_id) from None


def key_of(conn: Connection, media_id: str) -> bytes | None:
    row = conn.execute("SELECT key FROM media WHERE media_id = ?", (media_id,)).fetchone()
    return None if row is None else bytes(row[0])


def read_chunk(conn: Connection, media_id: str, n: int, key: bytes | None = None) -> bytes | None:
    key = key if key is not None else key_of(conn, media_id)
    if key is None:
        return None
    row = conn.execute("SELECT data FROM media_chunks WHERE media_id = ? AND n = ?", (media_id, n)).fetchone()
    return None if row is None else open_chunk(key, media_id, n, bytes(row[0]))


def iter_chunks(store, media_id: str) -> Iterator[bytes]:
    """The media's chunks in order, one query each (memory: one chunk; the store is not held
    between chunks, so other work goes on while a large media is read)."""
    with store.reading() as conn:
        key = key_of(conn, media_id)
    if key is None:
        return
    n = 0
    while True:
        with store.reading() as conn:
            row = conn.execute("SELECT data FROM media_chunks WHERE media_id = ? AND n = ?",
                               (media_id, n)).fetchone()
        if row is None:
            return
        yield open_chunk(key, media_id, n, bytes(row[0]))
        n += 1


class SealedChunk:
    """One chunk as media.db holds it, opened later by whoever has room for it (the export's
    sealing thread opens it straight into its buffer: ``open_into``)."""

    __slots__ = ("_aead", "media_id", "n", "sealed")

    def __init__(self, aead: ChaCha20Poly1305, media_id: str, n: int, sealed: bytes) -> None:
        self._aead, self.media_id, self.n, self.sealed = aead, media_id, n, sealed

    @property
    def size(self) -> int:
        return len(self.sealed) - 16

    def open_into(self, out) -> None:
        """The plaintext into ``out`` (exactly ``size`` bytes); the GIL is released."""
        try:
            self._aead.decrypt_into(_nonce(self.n), self.sealed, _aad(self.media_id, self.n), out)
        except InvalidTag:
            raise StoreError("media.damaged", media=self.media_id) from None


def sealed_in_order(conn: Connection, media_id: str) -> Iterator[SealedChunk]:
    """The media's chunks in order through one statement, each left sealed (the export: its
    reading thread only steps SQLite, with the GIL released; the sealing thread opens each
    chunk where it goes), stopping before a gap in the numbering; the caller checks the count
    and size it got against the media's row. Each chunk is authenticated by its seal (media
    id and number bound), so no hash of the media is needed on the way."""
    key = key_of(conn, media_id)
    if key is None:
        return
    aead = ChaCha20Poly1305(key)
    expected = 0
    for n, sealed in conn.execute("SELECT n, data FROM media_chunks WHERE media_id = ? ORDER BY n", (media_id,)):
        if n != expected or len(sealed) < 16:
            if n == expected:
                raise StoreError("media.damaged", media=media_id)
            return
        yield SealedChunk(aead, media_id, n, sealed)
        expected += 1


class MediaStream(io.RawIOBase):
    """A media answer as a read-only binary stream (``read``, ``readinto``), chunk by chunk."""

    def __init__(self, store, row: MediaRow) -> None:
        super().__init__()
        self.row = row
        self._chunks = iter_chunks(store, row.media_id)
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            nxt = next(self._chunks, None)
            if nxt is None:
                return 0
            self._buf = nxt
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def digest_of(conn: Connection, media_id: str) -> tuple[int, str, int]:
    """(size, sha256, chunks) of what the chunks hold, numbered 0, 1, ... without a gap."""
    h = hashlib.sha256()
    size = count = 0
    key = key_of(conn, media_id)
    for n, sealed in conn.execute("SELECT n, data FROM media_chunks WHERE media_id = ? ORDER BY n", (media_id,)):
        if n != count or key is None:
            return size, "", -1  # a gap: not the media that was written
        try:
            data = open_chunk(key, media_id, n, bytes(sealed))
        except StoreError:
            return size, "", -1  # altered or moved
        h.update(data)
        size += len(data)
        count += 1
    return size, h.hexdigest(), count


# -- writing ----------------------------------------------------------------------------------
def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def insert_row(conn: Connection, interview_id: str, key: str, media_id: str, kind: str, mime: str,
               ext: str, created_at: str, state: str = "recording", chunk_key: bytes | None = None) -> None:
    """A new media row with its own random chunk key (generated here unless the caller sealed
    the chunks already: an import, whose chunks are committed before their row; never exported)."""
    instance, field = split_key(key)
    conn.execute("INSERT INTO media(interview_id, instance, field, media_id, kind, mime, ext, state, created_at, "
                 "key) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (interview_id, instance, field, media_id, kind, mime, ext, state, created_at,
                  chunk_key if chunk_key is not None else new_key()))


def insert_chunk(conn: Connection, media_id: str, n: int, data: bytes, key: bytes | None = None) -> None:
    """Chunk ``n`` sealed with the media's key (looked up unless the caller holds it)."""
    key = key if key is not None else key_of(conn, media_id)
    if key is None:
        raise StoreError("media.not_open")
    conn.execute("INSERT INTO media_chunks(media_id, n, data) VALUES (?,?,?)",
                 (media_id, n, seal_chunk(key, media_id, n, bytes(data))))


def chunk_sealer(key: bytes, media_id: str) -> Callable[[int, Any], bytes]:
    """``seal(n, data)``: chunk ``n`` of this media sealed with its key (``data`` any buffer)."""
    aead = ChaCha20Poly1305(key)
    return lambda n, data: aead.encrypt(_nonce(n), data, _aad(media_id, n))


def insert_sealed_many(conn: Connection, rows: list[tuple[str, int, bytes]]) -> None:
    """Chunks already sealed (``chunk_sealer``), as (media id, number, sealed bytes), into media.db."""
    conn.executemany("INSERT INTO media_chunks(media_id, n, data) VALUES (?,?,?)", rows)


def mark_complete(conn: Connection, media_id: str, size: int, sha256: str, chunks: int) -> None:
    conn.execute("UPDATE media SET size = ?, sha256 = ?, chunks = ?, state = 'complete' WHERE media_id = ?",
                 (size, sha256, chunks, media_id))


def delete(conn: Connection, interview_id: str, key: str) -> bool:
    """Remove one media answer and its chunks (the cells are zeroed: secure_delete)."""
    instance, field = split_key(key)
    cur = conn.execute("DELETE FROM media WHERE interview_id = ? AND instance = ? AND field = ?",
                       (interview_id, instance, field))
    return cur.rowcount > 0


def delete_for(conn: Connection, ids: list[str]) -> None:
    """Every media answer of these interviews (export purges them with the answers).

    Only the rows go in this (erasing) transaction, their keys zeroed by ``secure_delete``:
    from the commit on, nothing can open their chunks, which the store then drops
    (``mediadb.sweep``: media.db replaced whole when no media is left, the common case, else
    the chunks freed without overwriting). No chunk page is read or rewritten here."""
    from fieldapp.store import mediadb

    q = ",".join("?" * len(ids))
    with mediadb.purge_rows(conn):
        conn.execute(f"DELETE FROM media WHERE interview_id IN ({q})", ids)


def finish_interrupted(conn: Connection, media_id: str) -> MediaRow | None:
    """Close a recording a crash left open: what its chunks hold becomes the media (the
    decoder reads an Ogg stream cut between pages). Returns the completed row."""
    size, sha256, count = digest_of(conn, media_id)
    if count < 0:
        raise StoreError("media.damaged", media=media_id)
    mark_complete(conn, media_id, size, sha256, count)
    return by_id(conn, media_id)


class MediaWriter:
    """Writes one media answer chunk by chunk; each ``write`` is committed on its own.

    ``begin`` replaces what the question held. Exceeding ``max_bytes`` removes the partial
    media and raises ``StoreError('media.too_large')``. ``finish`` marks it complete with its
    size and SHA-256; ``abort`` removes it.
    """

    def __init__(self, store, interview_id: str, key: str, kind: str, mime: str, ext: str,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if kind not in KINDS:
            raise StoreError("media.bad_kind", kind=str(kind))
        self.store = store
        self.interview_id = interview_id
        self.key = key
        self.kind, self.mime, self.ext = kind, mime, check_ext(ext)
        self.max_bytes = max_bytes
        self.media_id = secrets.token_hex(16)
        self.size = 0
        self.chunks = 0
        self._hash = hashlib.sha256()
        self._open = False
        self._key: bytes | None = None

    @property
    def reference(self) -> str:
        return reference(self.media_id, self.ext)

    def begin(self) -> MediaWriter:
        from fieldapp.store.db import now_utc

        with self.store.transaction() as conn:
            row = conn.execute("SELECT status FROM interviews WHERE id = ?", (self.interview_id,)).fetchone()
            if row is None:
                raise StoreError("interview.not_found")
            if row[0] != "draft":
                raise StoreError("media.not_draft")
            delete(conn, self.interview_id, self.key)
            insert_row(conn, self.interview_id, self.key, self.media_id, self.kind, self.mime, self.ext,
                       now_utc())
            self._key = key_of(conn, self.media_id)
        self._open = True
        return self

    @classmethod
    def reopen(cls, store, interview_id: str, key: str, max_bytes: int = DEFAULT_MAX_BYTES) -> MediaWriter | None:
        """Go on writing the complete media answer to ``key`` (a background recording
        continued after a lock or a resume: the new chunks follow the old ones, decision
        0017); None when the question holds none. The media is 'recording' again until
        ``finish``; a crash meanwhile leaves what its chunks hold (``finish_interrupted``)."""
        with store.transaction() as conn:
            status = conn.execute("SELECT status FROM interviews WHERE id = ?", (interview_id,)).fetchone()
            if status is None or status[0] != "draft":
                raise StoreError("media.not_draft")
            row = get(conn, interview_id, key)
            if row is None:
                return None
            if not row.complete:
                row = finish_interrupted(conn, row.media_id)
                assert row is not None
            writer = cls(store, interview_id, key, row.kind, row.mime, row.ext, max_bytes=max_bytes)
            writer.media_id, writer.size, writer.chunks = row.media_id, row.size, row.chunks
            writer._key = key_of(conn, row.media_id)
            for n in range(row.chunks):
                writer._hash.update(read_chunk(conn, row.media_id, n, writer._key) or b"")
            conn.execute("UPDATE media SET state = 'recording', sha256 = '' WHERE media_id = ?", (row.media_id,))
        writer._open = True
        return writer

    def write(self, data: bytes) -> None:
        """At most ``MAX_CHUNK`` bytes, committed before this returns, as one chunk row or
        (above ``ROW_BYTES``) as several, in one transaction."""
        if not self._open:
            raise StoreError("media.not_open")
        if not data:
            return
        if len(data) > MAX_CHUNK:
            raise ValueError("a media chunk is at most MAX_CHUNK bytes")
        if self.size + len(data) > self.max_bytes:
            self.abort()
            raise StoreError("media.too_large", limit=_mb(self.max_bytes))
        view = memoryview(data)
        with self.store.transaction() as conn:
            for n, at in enumerate(range(0, len(view), ROW_BYTES)):
                insert_chunk(conn, self.media_id, self.chunks + n, bytes(view[at:at + ROW_BYTES]), self._key)
        self._hash.update(data)
        self.size += len(data)
        self.chunks += -(-len(view) // ROW_BYTES)

    def finish(self) -> MediaRow:
        if not self._open:
            raise StoreError("media.not_open")
        with self.store.transaction() as conn:
            mark_complete(conn, self.media_id, self.size, self._hash.hexdigest(), self.chunks)
            # Interview work: on a laptop the entry names no interview (nor its media) and
            # gives the day only (issue #17, finding 6).
            self.store.audit_work(conn, "media.add", {"interview": self.interview_id, "kind": self.kind,
                                                      "bytes": self.size})
            row = by_id(conn, self.media_id)
        self._open = False
        assert row is not None
        return row

    def abort(self) -> None:
        if not self._open:
            return
        self._open = False
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM media WHERE media_id = ?", (self.media_id,))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


# -- verify -----------------------------------------------------------------------------------
def problems(conn: Connection) -> list[str]:
    """Media whose chunks do not match their recorded size and SHA-256, media left behind by an
    export, and chunks without their media; one sentence each, naming media by random id."""
    out = []
    bad = []
    for media_id, size, sha256, chunks in conn.execute(
            "SELECT media_id, size, sha256, chunks FROM media WHERE state = 'complete' ORDER BY media_id"):
        if digest_of(conn, media_id) != (size, sha256, chunks):
            bad.append(media_id)
    if bad:
        out.append(f"{plural(len(bad), 'media answer', 'media answers')} failed the integrity check "
                   f"(chunks altered, missing or out of order): {', '.join(bad[:5])}")
    stray = conn.execute("SELECT DISTINCT m.interview_id FROM media m JOIN interviews i ON i.id = m.interview_id "
                         "WHERE i.status = 'exported'").fetchall()
    if stray:
        out.append(f"{plural(len(stray), 'exported interview', 'exported interviews')} still "
                   f"{'holds' if len(stray) == 1 else 'hold'} media (the export did not purge "
                   f"{'it' if len(stray) == 1 else 'them'}): {', '.join(r[0] for r in stray[:5])}")
    orphans = conn.execute("SELECT count(*) FROM media_chunks WHERE media_id NOT IN "
                           "(SELECT media_id FROM media)").fetchone()[0]
    if orphans:
        out.append(f"{plural(orphans, 'media chunk', 'media chunks')} "
                   f"{'belongs' if orphans == 1 else 'belong'} to no media answer")
    return out


#: What a background recording's interview may hold besides its media (decision 0021).
RECORDING_CHOICES = ("stopped", "declined")


def recording_choice(store, interview_id: str) -> str | None:
    """'stopped' (the interviewer stopped the background recording), 'declined' (the
    respondent said no to the app's question), or None: nobody refused it."""
    with store.reading() as conn:
        row = conn.execute("SELECT choice FROM recording_choices WHERE interview_id = ?",
                           (interview_id,)).fetchone()
    return row[0] if row is not None else None


def set_recording_choice(store, interview_id: str, choice: str | None) -> None:
    """Keep (or, with None, forget: the interviewer starts it again) the refusal."""
    if choice is not None and choice not in RECORDING_CHOICES:
        raise ValueError(choice)
    with store.transaction() as conn:
        if choice is None:
            conn.execute("DELETE FROM recording_choices WHERE interview_id = ?", (interview_id,))
        else:
            conn.execute("INSERT INTO recording_choices(interview_id, choice) VALUES (?, ?) "
                         "ON CONFLICT(interview_id) DO UPDATE SET choice = excluded.choice",
                         (interview_id, choice))
