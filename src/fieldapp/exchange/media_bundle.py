"""Bundle format 3: media answers inside the bundle, streamed both ways (issue #16).

Layout of the inner bytes (docs/bundle-format.md)::

    prefix | manifest | records (payload_length) | media (media_length) | padding

The prefix, signature context and records are format 2's. The signed manifest lists every
media answer (``media``: interview id, revision, field key, media id, kind, MIME type,
extension, size, SHA-256), in the order their bytes follow the records; ``media_length``
is their sum. Nothing of the media is in the head, so the importer checks signer, signature,
manifest and records (a few chunks of the age file) before it reads any media byte.

Memory stays bounded both ways: export reads a media answer chunk by chunk from the store
into age's encryption (``inner_parts``); import decrypts chunk by chunk and writes each media
chunk into a transaction of media.db (``MediaSink``), checking every media's SHA-256 and the
zero padding on the way; the transaction commits only after age authenticated the last chunk,
and the merge's own transaction, which names the chunks, only after that (decision 0024).
"""

from __future__ import annotations

import collections
import concurrent.futures
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from fieldapp import directio, pipeline
from fieldapp.exchange import bundle
from fieldapp.exchange.bundle import BundleFormatError
from fieldapp.messages import msg

FORMAT_3 = bundle.FORMAT_3
MEDIA_KEY = "media"
MEDIA_LENGTH_KEY = "media_length"
MANIFEST_KEYS_3 = bundle.MANIFEST_KEYS | bundle.MEDIA_MANIFEST_KEYS
MEDIA_ENTRY_KEYS = frozenset({"id", "revision", "field", "media_id", "kind", "mime", "ext", "size", "sha256"})
KINDS = ("image", "audio", "video", "file")
MAX_MEDIA_ENTRIES = 100_000
MAX_STREAMED = bundle.MAX_STREAMED
#: Chunks read ahead of the sealing (one page of media.db each, 64 KiB: 2 MiB in flight).
READ_AHEAD = 32
#: Above this the size buckets grow by an eighth of a power of two instead of doubling, so a
#: 2 GB bundle is padded by at most 12.5 % while its size still says only a rough magnitude.
FINE_BUCKETS_FROM = 64 * 1024 * 1024
_MIME = re.compile(r"[a-z0-9][a-z0-9.+-]{0,63}/[a-z0-9][a-z0-9.+-]{0,63}")
_EXT = re.compile(r"\.[a-z0-9]{1,8}")
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


def bucket_size(n: int) -> int:
    """64 KiB x 2^k up to 64 MiB; above, the next multiple of 2^k / 8 (k: the power below n)."""
    if n <= FINE_BUCKETS_FROM:
        return bundle.bucket_size(n)
    step = (1 << (n.bit_length() - 1)) // 8
    return -(-n // step) * step


@dataclass(frozen=True)
class MediaSource:
    """One media answer to export: its manifest entry, how to read its chunks (each one
    authenticated by its seal, which binds media id and chunk number: store/media.py) and how
    many its row says it has."""

    entry: dict[str, Any]
    chunks: Callable[[], Iterator[bytes]]
    count: int


def build_head(fields: dict[str, Any], records: list[dict[str, Any]], media: list[dict[str, Any]],
               sign, signer_pub: bytes) -> tuple[bytes, bytes, int, int]:
    """The head (prefix, manifest, records) of a format 3 bundle, the manifest bytes, the
    padding length and the whole inner size."""
    payload, entries = bundle.encode_records(records)
    media_length = sum(e["size"] for e in media)
    manifest = dict(fields)
    manifest.update(format=FORMAT_3, records=entries, payload_sha256=bundle.sha256_hex(payload),
                    payload_length=len(payload), padding_length=0, media=media,
                    media_length=media_length)
    body, padding = bundle._pad_manifest(manifest, bundle.PREFIX.size + len(payload) + media_length, bucket_size)
    missing = MANIFEST_KEYS_3 - manifest.keys()
    if missing:
        raise ValueError(f"manifest fields missing: {sorted(missing)}")
    head = bundle.assemble(body, payload, 0, sign, signer_pub)
    return head, body, padding, len(head) + media_length + padding


class MediaChanged(Exception):
    """A media answer read for export is not what the manifest says (the store changed)."""


def inner_parts(head: bytes, media: list[MediaSource], padding: int) -> Iterator[Any]:
    """The inner bytes of a format 3 bundle, in pieces: head, each media's chunks (their
    number and total size checked against the entry; plaintext bytes, or chunks still sealed
    that the consumer opens: ``store.media.SealedChunk``), zero padding. The export runs it on its
    read-ahead thread (SQLCipher's page decryption and the chunks' opening release the GIL).

    No SHA-256 of the media here (decision 0024): every chunk opened is the one sealed at its
    place under the media's key (ChaCha20-Poly1305, media id and number in the associated
    data), the numbering has no gap (``store.media.sealed_in_order``), and the count and size are the
    row's; the row's SHA-256 was taken of those very bytes as they were sealed. A chunk
    altered is ``media.damaged``, one missing or added ``MediaChanged``; the coordinator
    checks every media's SHA-256 against the signed manifest."""
    yield head
    for source in media:
        size = count = 0
        for chunk in source.chunks():
            size += chunk.size if hasattr(chunk, "open_into") else len(chunk)
            count += 1
            if size > source.entry["size"]:
                raise MediaChanged(source.entry["media_id"])
            yield chunk
        if size != source.entry["size"] or count != source.count:
            raise MediaChanged(source.entry["media_id"])
    zeros = bytes(min(padding, 1 << 20))
    while padding > 0:
        n = min(padding, len(zeros))
        yield zeros if n == len(zeros) else zeros[:n]
        padding -= n


# -- reading ----------------------------------------------------------------------------------
def _require(cond: bool, code: str, **params: Any) -> None:
    if not cond:
        raise BundleFormatError(msg(code, **params))


def check_manifest_media(m: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``media`` list of a format 3 manifest, every entry's shape checked."""
    media = m[MEDIA_KEY]
    _require(isinstance(media, list) and len(media) <= MAX_MEDIA_ENTRIES, "bundle.manifest.bad_media")
    seen = set()
    total = 0
    for e in media:
        _require(isinstance(e, dict) and e.keys() == MEDIA_ENTRY_KEYS
                 and isinstance(e["id"], str) and bool(_HEX32.fullmatch(e["id"]))
                 and bundle._is_int(e["revision"]) and 1 <= e["revision"] < 2**31
                 and bundle.field_key_ok(e["field"])
                 and isinstance(e["media_id"], str) and bool(_HEX32.fullmatch(e["media_id"]))
                 and e["kind"] in KINDS
                 and isinstance(e["mime"], str) and bool(_MIME.fullmatch(e["mime"]))
                 and isinstance(e["ext"], str) and bool(_EXT.fullmatch(e["ext"]))
                 and bundle._is_int(e["size"]) and 0 <= e["size"] <= MAX_STREAMED
                 and isinstance(e["sha256"], str) and bool(_HEX64.fullmatch(e["sha256"])),
                 "bundle.manifest.bad_media")
        _require(e["media_id"] not in seen, "bundle.manifest.bad_media")
        seen.add(e["media_id"])
        total += e["size"]
    _require(bundle._is_int(m[MEDIA_LENGTH_KEY]) and m[MEDIA_LENGTH_KEY] == total, "bundle.manifest.bad_media")
    return media


def check_records_media(media: list[dict[str, Any]], records: list[dict[str, Any]]) -> None:
    """Every media entry answers a record's field with exactly its reference; the records'
    questions are checked against the form by the importer (``_check_forms``)."""
    by_key = {(r["id"], r["revision"]): r for r in records}
    for e in media:
        rec = by_key.get((e["id"], e["revision"]))
        _require(rec is not None, "bundle.media_unlisted")
        answer = rec["answers"].get(e["field"]) if rec else None
        _require(answer == [e["media_id"] + e["ext"], "answered"], "bundle.media_unanswered",
                 field=bundle._shown(e["field"]))


_ZEROS = bytes(1 << 20)


def _all_zero(view: memoryview) -> bool:
    """Every byte of ``view`` is zero (memcmp against zeros, a MiB at a time: comparing two
    memoryviews runs element by element, a second per 270 MB)."""
    return all(_ZEROS.startswith(view[i:i + len(_ZEROS)]) for i in range(0, len(view), len(_ZEROS)))


def references(media: Iterable[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(e["id"], e["revision"], e["field"]) for e in media}


class MediaSink:
    """Takes the plaintext of a format 3 bundle as age decrypts it, chunk by chunk.

    The first ``head_length`` bytes must equal the head already checked (hashed, not kept);
    then each media entry's bytes go to ``write_chunk(entry, n, data)`` (or are only hashed
    when ``wanted(entry)`` is false), in chunks of at most ``chunk_size``; then the padding
    must be zeros. ``finish()`` checks what was counted; any mismatch is a BundleFormatError.
    ``data`` is a view of the caller's buffer, valid during the call only: copy or seal it
    there.
    """

    def __init__(self, head_sha256: str, head_length: int, media: list[dict[str, Any]], padding: int,
                 write_chunk: Callable[[dict[str, Any], int, bytes], None],
                 wanted: Callable[[dict[str, Any]], bool], chunk_size: int = 256 * 1024,
                 progress: Callable[[int], None] | None = None) -> None:
        self._head = hashlib.sha256()
        self._head_left = head_length
        self._head_sha = head_sha256
        self._media = list(media)
        self._padding_left = padding
        self._write_chunk, self._wanted = write_chunk, wanted
        self._chunk_size = chunk_size
        self._progress = progress
        self._index = 0
        self._left = self._media[0]["size"] if self._media else 0
        self._hash = hashlib.sha256()
        self._buf = bytearray()
        self._n = 0
        self.seen = 0

    def write(self, data) -> int:
        view = memoryview(data)
        size = len(view)
        self.seen += size
        if self._head_left:
            take = min(self._head_left, len(view))
            self._head.update(view[:take])
            self._head_left -= take
            view = view[take:]
            if not self._head_left and self._head.hexdigest() != self._head_sha:
                raise BundleFormatError(msg("bundle.changed_while_read"))
        while view and self._index < len(self._media):
            self._skip_empty()
            if self._index >= len(self._media):
                break
            take = min(self._left, len(view))
            self._media_bytes(view[:take])
            view = view[take:]
        if view:
            # compared in C: any() over a memoryview is a Python loop per byte, seconds for
            # the hundreds of MB of padding a large bundle has
            _require(len(view) <= self._padding_left and _all_zero(view), "bundle.padding_altered")
            self._padding_left -= len(view)
        if self._progress is not None:
            self._progress(self.seen)
        return size

    def flush(self) -> None:
        pass

    def _skip_empty(self) -> None:
        while self._index < len(self._media) and self._left == 0:
            self._end_media()

    def _media_bytes(self, part: memoryview) -> None:
        entry = self._media[self._index]
        self._hash.update(part)
        self._left -= len(part)
        if self._wanted(entry):
            size = self._chunk_size
            if self._buf:  # a chunk begun in an earlier piece: completed first
                take = min(size - len(self._buf), len(part))
                self._buf += part[:take]
                part = part[take:]
                if len(self._buf) == size:
                    self._write_chunk(entry, self._n, self._buf)
                    self._buf = bytearray()
                    self._n += 1
            while len(part) >= size and (len(part) > size or self._left):
                self._write_chunk(entry, self._n, part[:size])  # straight from the caller's buffer
                part = part[size:]
                self._n += 1
            if part:
                self._buf += part
        if self._left == 0:
            self._end_media()

    def _end_media(self) -> None:
        entry = self._media[self._index]
        if self._wanted(entry) and self._buf:
            self._write_chunk(entry, self._n, bytes(self._buf))
        _require(self._hash.hexdigest() == entry["sha256"], "bundle.media_altered",
                 field=bundle._shown(entry["field"]))
        self._buf = bytearray()
        self._n = 0
        self._hash = hashlib.sha256()
        self._index += 1
        if self._index < len(self._media):
            self._left = self._media[self._index]["size"]

    def finish(self) -> None:
        self._skip_empty()
        _require(self._head_left == 0 and self._index == len(self._media) and self._padding_left == 0,
                 "bundle.length_mismatch")


# -- the importer's two passes -----------------------------------------------------------------
def head_end(plain) -> int | None:
    """Where a format 3 head (prefix, manifest, records) ends in the plaintext, judging by what
    ``plain`` already holds: None while the manifest is not in yet, -1 for another format (or a
    manifest the strict parser will refuse: then the whole file is read, within the limit). The
    importer's first pass stops there (``age.decrypt_path``'s ``want``)."""
    import json

    if len(plain) < bundle.PREFIX.size:
        return None
    if bytes(plain[:8]) != bundle.MAGIC:
        return -1
    length = int.from_bytes(plain[104:108], "big")
    if length > bundle.MAX_MANIFEST:
        return -1
    if len(plain) < bundle.PREFIX.size + length:
        return None
    try:
        m = json.loads(bytes(plain[bundle.PREFIX.size:bundle.PREFIX.size + length]))
    except (ValueError, RecursionError):
        return -1
    payload = m.get("payload_length") if isinstance(m, dict) else None
    if m.get("format") != FORMAT_3 or not bundle._is_int(payload) or not 0 <= payload <= bundle.MAX_INNER:
        return -1
    return bundle.PREFIX.size + length + payload


def file_sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


#: age chunks read, hashed and opened at a time on the reading thread (4 MiB of plaintext).
READ_CHUNKS = 64
#: Plaintext blocks in flight between the reading thread and the sink (each READ_CHUNKS chunks).
PLAIN_DEPTH = 3


#: Reads of the bundle in flight on the reading thread (a device given two requests at a time
#: reads faster than one after the other; the export's read-back does the same).
READS = 2


def read_start(read, size: int) -> bytes:
    """The first bytes of a file of ``size`` bytes, as many as an age header may take
    (``read(buf, offset)``: ``directio.DirectReader.readinto``)."""
    from fieldapp.crypto import age

    want = min(size, age.MAX_HEADER)
    buf = directio.aligned_buffer(max(directio.ALIGN, -(-want // directio.ALIGN) * directio.ALIGN))
    got = 0
    while got < want:
        n = read(memoryview(buf)[got:], got)
        if not n:
            break
        got += n
    return bytes(buf[:min(got, want)])


def _opened_blocks(read, size: int, opener, hashed: int, digest, ring: list[bytearray]) -> Iterator[memoryview]:
    """The plaintext of an age file of ``size`` bytes, ``READ_CHUNKS`` chunks at a time,
    opened by ``opener``. ``read(buf, offset)`` reads at an offset (``directio.DirectReader``:
    the file is gigabytes and read once, so it goes past the page cache, and each read is of
    whole aligned blocks around the chunks wanted); ``READS`` reads are in flight while the
    chunks already read are hashed and opened. Every byte of the file after its first
    ``hashed`` (already hashed) goes to ``digest`` once, in order. Each item is a view into
    one of the ``ring`` buffers (``PLAIN_DEPTH + 2`` of READ_CHUNKS chunks), used in turn
    (``pipeline.read_ahead`` at depth ``PLAIN_DEPTH`` lets the consumer finish with one before
    it comes round again)."""
    from fieldapp.crypto import age, stream

    align = directio.ALIGN
    raws = collections.deque(directio.aligned_buffer(READ_CHUNKS * stream.SEALED + 2 * align)
                             for _ in range(READS + 1))

    def fetch(buf, off: int, want: int) -> int:
        """The bytes [off, off + want) into ``buf`` by whole aligned blocks: where they start."""
        first, end = off - off % align, off + want
        got = 0
        while first + got < end:
            n = read(memoryview(buf)[got:-(-(end - first) // align) * align], first + got)
            if not n:
                raise age.stream_error(stream.StreamError("damaged", "the file is shorter than it was"))
            got += n
        return off - first

    todo: collections.deque = collections.deque()  # (first chunk, chunks, offset, bytes) of each block
    n = 0
    while n < opener.chunks:
        k = min(READ_CHUNKS, opener.chunks - n)
        todo.append((n, k, opener.payload_start + n * stream.SEALED,
                     (k - 1) * stream.SEALED + opener.sealed_length(n + k - 1)))
        n += k
    reads = concurrent.futures.ThreadPoolExecutor(READS, thread_name_prefix="fieldapp-import-read")
    pending: collections.deque = collections.deque()
    turn = 0
    try:
        while todo or pending:
            while todo and len(pending) < READS:
                block, buf = todo.popleft(), raws.popleft()
                pending.append((block, buf, reads.submit(fetch, buf, block[2], block[3])))
            (n, k, off, want), buf, done = pending.popleft()
            at = done.result()
            rv = memoryview(buf)[at:at + want]
            if off + want > hashed:
                digest.update(rv[max(hashed - off, 0):])
                hashed = off + want
            plain = memoryview(ring[turn])
            turn = (turn + 1) % len(ring)
            at = length = 0
            for i in range(n, n + k):
                sealed = opener.sealed_length(i)
                try:
                    opener.open_into(i, rv[at:at + sealed], plain[length:length + sealed - stream.TAG])
                except stream.StreamError as exc:
                    raise age.stream_error(exc) from None
                at += sealed
                length += sealed - stream.TAG
            rv.release()
            raws.append(buf)
            yield plain[:length]
    finally:
        reads.shutdown(cancel_futures=True)
    if hashed != size:
        raise age.stream_error(stream.StreamError("damaged", "the file is not the size it was"))


def stream_media(path, identities: list[str], head: bytes, manifest: dict[str, Any],
                 write_chunk: Callable[[dict[str, Any], int, Any], None],
                 wanted: Callable[[dict[str, Any]], bool], chunk_size: int = 256 * 1024) -> str:
    """The second pass over a format 3 bundle: decrypt it whole, check that its head is the
    one already checked, hand each wanted media's chunks to ``write_chunk`` (a view valid
    during the call), check every media's SHA-256 and the padding. Returns the file's
    SHA-256. Raises BundleFormatError or AgeDecryptError; the caller's transaction holds what
    was written until this returns.

    Two threads (decision 0027): the file is read, hashed and its age chunks opened on one
    (``_opened_blocks``, the GIL released for each step), the media's checks and chunking run
    on this one, which calls ``write_chunk``."""
    import os

    from fieldapp.crypto import age, stream

    sink = MediaSink(hashlib.sha256(head).hexdigest(), len(head), manifest[MEDIA_KEY],
                     manifest["padding_length"], write_chunk, wanted, chunk_size)
    digest = hashlib.sha256()
    reader = directio.DirectReader(path, written_here=False)
    try:
        size = os.fstat(reader.fd).st_size
        start = read_start(reader.readinto, size)
        digest.update(start)
        opener = age.opener(start, identities, size)
        ring = [bytearray(READ_CHUNKS * stream.CHUNK) for _ in range(PLAIN_DEPTH + 2)]
        try:
            for block in pipeline.read_ahead(
                    lambda: _opened_blocks(reader.readinto, size, opener, len(start), digest, ring),
                    depth=PLAIN_DEPTH):
                sink.write(block)
        finally:
            # the reading thread has stopped (read_ahead joins it): the plaintext is not left
            # in freed memory
            for buf in ring:
                buf[:] = bytes(len(buf))
        if os.fstat(reader.fd).st_size != size:
            raise age.stream_error(stream.StreamError("damaged", "the file is longer than it was"))
    finally:
        reader.close()
    sink.finish()
    return digest.hexdigest()
